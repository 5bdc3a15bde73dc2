"""Rules on the web edition's configuration, mkdocs.yml: nothing in it may run code or pull in other files.

``siteconfig.read`` reads and vets the file (and what it INHERITs); these rules report what it
refused, each at its place in the file. The build refuses the same problems on its own, so
they hold even when ``strategy check`` is skipped.
"""

from __future__ import annotations

from typing import Iterator

from strategykit.messages import _
from strategykit.model import Strategy
from strategykit.rules import Finding, rule


def _problems(s: Strategy, code: str) -> Iterator[Finding]:
    site = s.site_config
    for p in site.problems if site is not None else ():
        if p.code == code:
            yield Finding(p.message, position=p.position, hint=p.hint)


@rule("site-config-hook", fix=_("Remove 'hooks:' from mkdocs.yml."))
def site_config_hook(s: Strategy) -> Iterator[Finding]:
    """mkdocs.yml has no 'hooks:'.

    A hook is a Python file MkDocs runs during the build, with the rights of whoever builds: a
    reviewer who builds a pull request, or CI. The toolkit makes every page itself and needs none.

    FAIL: `hooks: [scripts/hook.py]`
    """
    yield from _problems(s, "site-config-hook")


@rule("site-config-plugin", fix=_("Remove the plugin from mkdocs.yml; only 'search' is allowed."))
def site_config_plugin(s: Strategy) -> Iterator[Finding]:
    """mkdocs.yml lists no MkDocs plugin other than 'search'.

    A plugin is Python code that runs during the build. The allowed one is MkDocs' own search.

    PASS: `plugins: [search]`  FAIL: `plugins: [macros]`
    """
    yield from _problems(s, "site-config-plugin")


@rule("site-config-extension", fix=_("Remove the Markdown extension, or give it only plain options."))
def site_config_extension(s: Strategy) -> Iterator[Finding]:
    """mkdocs.yml uses only Markdown extensions that neither read files nor take code.

    Allowed: abbr, admonition, attr_list, def_list, fenced_code, footnotes, md_in_html, meta,
    sane_lists, smarty, tables, toc and the pymdownx extensions betterem, caret, details,
    highlight, inlinehilite, keys, mark, smartsymbols, superfences, tabbed, tasklist and tilde,
    with plain options (texts, numbers, true/false). Not allowed: pymdownx.snippets and other
    includes, which put any file of the machine that builds into a page.

    FAIL: `- pymdownx.snippets: {base_path: ['/']}`
    """
    yield from _problems(s, "site-config-extension")


@rule("site-config-remote-asset", fix=_("Put the script or style into the site and name it by its relative path."))
def site_config_remote_asset(s: Strategy) -> Iterator[Finding]:
    """'extra_javascript' and 'extra_css' in mkdocs.yml name files of the site, not addresses elsewhere.

    A script from another origin runs on every page, with whatever its owner puts there later.

    PASS: `extra_css: [assets/strategy.css]`  FAIL: `extra_javascript: [https://example.org/x.js]`
    """
    yield from _problems(s, "site-config-remote-asset")


@rule("site-config-inherit", fix=_("INHERIT only another file of this repository, by its relative path."))
def site_config_inherit(s: Strategy) -> Iterator[Finding]:
    """mkdocs.yml INHERITs only files of the repository, and is not a link to a file elsewhere.

    The inherited file is read and checked like mkdocs.yml itself, and `strategy diff` names it
    as build configuration.
    """
    yield from _problems(s, "site-config-inherit")


@rule("site-config-key", fix=_("Remove the key from mkdocs.yml."))
def site_config_key(s: Strategy) -> Iterator[Finding]:
    """mkdocs.yml has only the keys the toolkit passes on to MkDocs, with plain values.

    The navigation, the site's name and the folders come from goals.yaml and the toolkit; the
    theme is Material with the toolkit's templates; 'extra:' takes only 'generator' (the theme
    turns others, such as analytics, into scripts on every page).
    """
    yield from _problems(s, "site-config-key")
