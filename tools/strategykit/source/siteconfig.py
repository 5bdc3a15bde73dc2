"""The web edition's configuration, mkdocs.yml: an input like any other, read safely and vetted.

MkDocs reads its configuration with a YAML loader that runs ``!!python/...`` tags, and the
configuration itself can run code (``hooks:``, plugins, Markdown extensions), read files
(``pymdownx.snippets``) or put scripts from elsewhere on every page (``extra_javascript``). A
pull request can change mkdocs.yml, so the toolkit never hands MkDocs the file:

- ``read`` loads it with the toolkit's own safe YAML reader (``load.load_yaml``: safe tags only,
  positions kept), follows an ``INHERIT`` only to another file of the repository, and keeps only
  what the allow-lists below let through; everything else is a problem at its place, which
  ``strategy check`` reports (rules/siteconfig.py);
- the build (``web.generate``) writes MkDocs a configuration made from the vetted values alone,
  with no INHERIT, and refuses to build while there are problems, so nothing in mkdocs.yml
  can run code even when ``check`` is skipped.

No MkDocs import here: ``strategy check`` reads this module.
"""

from __future__ import annotations

import os
import re
from dataclasses import field
from pathlib import Path
from typing import Any, Iterator

from strategykit.diagnostics import Diagnostic, Position, Severity
from strategykit.messages import _
from strategykit.source.load import SourceMap, load_yaml
from strategykit.speed import value

CONFIG_NAME = "mkdocs.yml"
DEFAULT_CONFIG = Path(__file__).resolve().parents[1] / "data" / "new" / CONFIG_NAME
MAX_INHERIT = 5
RULE_PREFIX = "site-config-"
"""Problems with codes of this prefix are rules (rules/siteconfig.py); others come from reading the file."""

ALLOWED_KEYS = ("INHERIT", "site_name", "site_url", "site_description", "site_author", "copyright",
                "repo_url", "repo_name", "edit_uri", "docs_dir", "site_dir", "use_directory_urls", "theme",
                "extra_css", "extra_javascript", "extra", "plugins", "markdown_extensions", "validation", "strict")
"""The top-level keys mkdocs.yml may have; site_name, docs_dir, site_dir and the like are set by the build."""

THEMES = ("material",)
THEME_KEYS = ("name", "custom_dir", "language", "variant", "font", "palette", "features", "icon", "logo",
              "favicon", "direction")
CUSTOM_DIR = ".build/web/overrides"
"""The only theme folder: the toolkit's own templates, which the build writes there."""

EXTRA_KEYS = ("generator",)
"""Keys under ``extra:``: the theme turns others into scripts or links (analytics, consent, social)."""

PLUGINS = ("search",)
"""Plugins run Python code during the build; only MkDocs' search is allowed."""

EXTENSIONS = ("abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "meta",
              "sane_lists", "smarty", "tables", "toc", "pymdownx.betterem", "pymdownx.caret", "pymdownx.details",
              "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.mark",
              "pymdownx.smartsymbols", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist",
              "pymdownx.tilde")
"""Markdown extensions that neither read files nor take code: no ``pymdownx.snippets`` or includes."""

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_URL = re.compile(r"^https?://[A-Za-z0-9._~:/?#@!$&*+,;=%-]+$")
_SCALAR = (str, int, float, bool, type(None))
_SAFE_TEXT = re.compile(r"^[A-Za-z0-9 ._/#+-]*$")
"""Theme values and file names land in HTML attributes unescaped: no quotes, brackets, '&' or ':'."""


@value
class SiteConfig:
    """mkdocs.yml as the build may use it."""

    files: tuple[Path, ...]
    """The files read: the strategy's mkdocs.yml (or the toolkit's default), then each file it INHERITs."""
    data: dict = field(default_factory=dict)
    """Only the allowed keys and values, inherited ones merged in as MkDocs would."""
    problems: tuple[Diagnostic, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(p.severity == Severity.ERROR for p in self.problems)


def _problem(code: str, message: str, position: Position, hint: str) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, position, hint)


def _scalars(value: Any, depth: int = 0) -> bool:
    """Plain values only: text, numbers, true/false, and lists or mappings of them."""
    if isinstance(value, _SCALAR):
        return True
    if depth > 4:
        return False
    if isinstance(value, list):
        return all(_scalars(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _scalars(v, depth + 1) for k, v in value.items())
    return False


def _local_asset(value: Any) -> bool:
    return (isinstance(value, str) and bool(value) and bool(_SAFE_TEXT.match(value)) and not value.startswith("/")
            and ".." not in value.split("/"))


def _safe_values(value: Any) -> bool:
    """Plain values whose texts are all safe in an HTML attribute (``_SAFE_TEXT``)."""
    if isinstance(value, str):
        return bool(_SAFE_TEXT.match(value)) and ".." not in value.split("/")
    if isinstance(value, list):
        return all(_safe_values(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _safe_values(v) for k, v in value.items())
    return isinstance(value, _SCALAR)


def _named_items(value: Any) -> Iterator[tuple[int, str | None, Any]]:
    """Plugins or extensions in either form (a list of names or one-key mappings, or a mapping)."""
    if isinstance(value, dict):
        for i, (name, options) in enumerate(value.items()):
            yield i, name, options
        return
    for i, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, str):
            yield i, item, None
        elif isinstance(item, dict) and len(item) == 1:
            name, options = next(iter(item.items()))
            yield i, name, options
        else:
            yield i, None, item


def vet(data: Any, source: SourceMap) -> tuple[dict, list[Diagnostic]]:
    """The allowed part of one configuration file, and a problem for everything else."""
    out: dict = {}
    problems: list[Diagnostic] = []

    def at(path: tuple, key: bool = False) -> Position:
        return source.position(path, key=key)

    if not isinstance(data, dict):
        return out, [_problem("site-config-key", _("mkdocs.yml must be a mapping of keys to values."), at(()),
                              _("Start from the mkdocs.yml that 'strategy new' writes."))]
    for key, value in data.items():
        path = (key,)
        if key == "hooks":
            problems.append(_problem(
                "site-config-hook", _("'hooks' runs Python files during the build; the toolkit does not allow it."),
                at(path, True), _("Remove 'hooks:'. The pages are made by the toolkit, not by MkDocs hooks.")))
        elif key not in ALLOWED_KEYS:
            problems.append(_problem(
                "site-config-key", _("The key '{key}' is not allowed in mkdocs.yml.", key=key), at(path, True),
                _("Remove it. Allowed keys: {keys}; the navigation comes from goals.yaml.",
                  keys=", ".join(ALLOWED_KEYS))))
        elif key == "INHERIT":
            continue  # followed by ``read``
        elif key == "theme":
            theme = value if isinstance(value, dict) else {"name": value}
            kept = {}
            for k, v in theme.items():
                if k not in THEME_KEYS:
                    problems.append(_problem("site-config-key", _("'theme: {k}' is not allowed in mkdocs.yml.", k=k),
                                             at(path + (k,), True),
                                             _("Allowed: {keys}.", keys=", ".join(THEME_KEYS))))
                elif not _scalars(v) or not _safe_values(v):
                    problems.append(_problem(
                        "site-config-key", _("'theme: {k}' has a value the theme would print into the page as it is.", k=k),
                        at(path + (k,)), _("Use only letters, digits, spaces and . _ / # + - in theme values.")))
                elif k == "font" and v is not False:
                    problems.append(_problem(
                        "site-config-remote-asset", _("'theme: font' would load fonts from Google on every page."),
                        at(path + (k,)), _("Keep 'font: false'; the site uses the reader's system fonts.")))
                elif k == "name" and v not in THEMES:
                    problems.append(_problem("site-config-key", _("The theme '{v}' is not supported.", v=v),
                                             at(path + (k,)), _("Use 'name: material'.")))
                elif k == "custom_dir" and v != CUSTOM_DIR:
                    problems.append(_problem(
                        "site-config-key", _("'custom_dir: {v}' would put other templates into the site.", v=v),
                        at(path + (k,)),
                        _("Use 'custom_dir: {folder}' (the toolkit's templates) or remove it.", folder=CUSTOM_DIR)))
                else:
                    kept[k] = v
            out[key] = kept
        elif key == "plugins":
            kept_plugins = []
            for i, name, options in _named_items(value):
                where = path + ((i,) if isinstance(value, list) else (name,))
                if name not in PLUGINS or not _scalars(options):
                    problems.append(_problem(
                        "site-config-plugin", _("The MkDocs plugin '{name}' is not allowed: plugins run code during the build.", name=name),
                        at(where, True), _("Remove it; allowed: {names}.", names=", ".join(PLUGINS))))
                else:
                    kept_plugins.append(name if options is None else {name: options})
            out[key] = kept_plugins
        elif key == "markdown_extensions":
            kept_ext = []
            for i, name, options in _named_items(value):
                where = path + ((i,) if isinstance(value, list) else (name,))
                short = name[len("markdown.extensions."):] if isinstance(name, str) and name.startswith(
                    "markdown.extensions.") else name
                if short not in EXTENSIONS:
                    problems.append(_problem(
                        "site-config-extension", _("The Markdown extension '{name}' is not allowed: it can read files or run code during the build.",
                          name=name), at(where),
                        _("Remove it; allowed: {names}.", names=", ".join(EXTENSIONS))))
                elif not (options is None or (isinstance(options, dict) and all(
                        isinstance(v, _SCALAR) or (isinstance(v, list) and all(isinstance(x, _SCALAR) for x in v))
                        for v in options.values()))):
                    problems.append(_problem(
                        "site-config-extension", _("The options of the Markdown extension '{name}' are not plain values.", name=name),
                        at(where), _("Give only texts, numbers and true/false as its options.")))
                else:
                    kept_ext.append(short if options is None else {short: options})
            out[key] = kept_ext
        elif key in ("extra_css", "extra_javascript"):
            kept_assets = []
            for i, item in enumerate(value if isinstance(value, list) else [value]):
                asset = item.get("path") if isinstance(item, dict) else item
                if not _local_asset(asset) or not _scalars(item):
                    problems.append(_problem(
                        "site-config-remote-asset", _("'{key}' names '{asset}', which is not a file of the site: a script or style from another "
                          "origin would run on every page.", key=key, asset=asset),
                        at(path + (i,) if isinstance(value, list) else path),
                        _("Put the file into the site (e.g. assets/) and name it by its relative path.")))
                else:
                    kept_assets.append(item)
            out[key] = kept_assets
        elif key == "extra":
            extra = value if isinstance(value, dict) else {}
            for k, v in extra.items():
                if k not in EXTRA_KEYS or not _scalars(v):
                    problems.append(_problem(
                        "site-config-key", _("'extra: {k}' is not allowed in mkdocs.yml: the theme can turn it into scripts or links on "
                          "every page.", k=k), at(path + (k,), True),
                        _("Remove it; allowed: {names}.", names=", ".join(EXTRA_KEYS))))
                else:
                    out.setdefault(key, {})[k] = v
        elif key in ("site_url", "repo_url", "edit_uri") and value not in (None, "") and not (
                isinstance(value, str) and (_URL.match(value) or (key == "edit_uri" and _local_asset(value)))):
            problems.append(_problem("site-config-key", _("'{key}' must be a web address (https://…).", key=key), at(path),
                                     _("Write the address in full, starting with https://.")))
        elif not _scalars(value):
            problems.append(_problem("site-config-key", _("'{key}' must be a plain value.", key=key), at(path),
                                     _("Give a text, a number or true/false.")))
        else:
            out[key] = value
    return out, problems


def _merge(parent: dict, child: dict) -> dict:
    """MkDocs' INHERIT: mappings merge, the child's values (lists too) win."""
    out = dict(parent)
    for k, v in child.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def read(root: Path) -> SiteConfig:
    """The strategy's mkdocs.yml (or the toolkit's default when it has none), vetted."""
    root = Path(root)
    own = root / CONFIG_NAME
    if not own.exists() and not own.is_symlink():
        own = DEFAULT_CONFIG
    files: list[Path] = []
    problems: list[Diagnostic] = []
    try:
        real_root = root.resolve()
    except (OSError, RuntimeError):
        real_root = root.absolute()

    def one(path: Path, display: str, by: Position | None) -> dict:
        if path != DEFAULT_CONFIG:
            try:
                inside = path.resolve().is_relative_to(real_root) and path.resolve().is_file()
            except (OSError, RuntimeError):
                inside = False
            if not inside:
                problems.append(_problem(
                    "site-config-inherit",
                    _("'{display}' is not a file of the repository; it was not read.", display=display),
                    by or Position(display),
                    _("INHERIT only another file of this repository, and do not link mkdocs.yml elsewhere.")))
                return {}
        if path in files:
            problems.append(_problem("site-config-inherit", _("'{display}' INHERITs itself through a loop.", display=display),
                                     by or Position(display), _("Remove the INHERIT that closes the loop.")))
            return {}
        files.append(path)
        doc, load_problems = load_yaml(path, display)
        problems.extend(load_problems)
        if doc is None:
            return {}
        data, vet_problems = vet(doc.data, doc.source)
        problems.extend(vet_problems)
        inherit = doc.data.get("INHERIT") if isinstance(doc.data, dict) else None
        if inherit is None:
            return data
        where = doc.source.position(("INHERIT",))
        if not isinstance(inherit, str) or _SCHEME.match(inherit) or len(files) > MAX_INHERIT:
            problems.append(_problem("site-config-inherit", _("INHERIT: {inherit} cannot be followed.", inherit=repr(inherit)),
                                     where, _("INHERIT a file of this repository by its relative path.")))
            return data
        parent = (path.parent / inherit)
        return _merge(one(parent, _display(Path(os.path.normpath(parent.absolute())), root.absolute()), where), data)

    data = one(own, CONFIG_NAME if own != DEFAULT_CONFIG else str(DEFAULT_CONFIG), None)
    return SiteConfig(tuple(files), data, tuple(problems))
