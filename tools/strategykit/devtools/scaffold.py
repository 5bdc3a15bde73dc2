"""``strategy new``: a new strategy repository for another region, ready to push and use.

Everything comes from package data (``data/new/``) and the running toolkit itself, which is
copied into the new repository's tools/ (see ``toolkit``), so it works wherever the toolkit is
installed and a fresh clone of the new repository needs nothing but Python and a package index.
The files that must stay the same as the toolkit's own — the workflow, mkdocs.yml, the editor
settings, tools/venv.sh and the schemas — are copies that the tests compare with the
repository's files. The new goals.yaml goes through
``fmt`` so that ``strategy fmt --check`` passes from the first commit.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import string
from importlib import resources
from pathlib import Path

from strategykit import __version__
from strategykit.devtools import toolkit
from strategykit.devtools.fmt import format_text
from strategykit.atomic import staged_dir
from strategykit.messages import Msg, _

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CODE = re.compile(r"^[0-9]{2}([0-9]{2})?$")

DEFAULTS = {
    "sv": {"region_name": "Exempellän", "title": "Regional utvecklingsstrategi för {region} {start}–{end}",
           "chapter": "strategy/01-inledning.md"},
    "en": {"region_name": "Example County", "title": "Regional development strategy for {region} {start}–{end}",
           "chapter": "strategy/01-introduction.md"},
}

FILES = {
    # target in the new repository: template in data/new/ (language-specific ones end in .{lang}.ext)
    "goals.yaml": "goals.{lang}.yaml",
    "README.md": "README.{lang}.md",
    "mkdocs.yml": "mkdocs.yml",
    "requirements.txt": "requirements.txt",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/strategy.yml": "workflow.yml",
    ".vscode/settings.json": "vscode-settings.json",
    ".vscode/extensions.json": "vscode-extensions.json",
    "Makefile": "Makefile",
    "tests/test_strategy.py": "test_strategy.py",
    "tools/venv.sh": "venv.sh",
}
"""Files written as they are, except goals.yaml, README.md and requirements.txt (filled in).
pyproject.toml and tools/strategykit come from the running toolkit (``toolkit``)."""

FILLED_IN = ("README.md", "requirements.txt")


class ScaffoldError(Exception):
    """The new strategy cannot be made as asked; the message says why (a usage error)."""


def _template(name: str) -> str:
    return resources.files("strategykit").joinpath("data", "new", name).read_text("utf-8")


def _slug(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "ae", "ø": "o"})
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")
    return slug or "strategy"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def new_strategy(dest: Path, *, language: str = "sv", region_name: str | None = None,
                 region_code: str | None = None, strategy_id: str | None = None,
                 today: _dt.date | None = None) -> Path:
    """Create the strategy repository ``dest``; it must not exist yet, or be empty."""
    dest = Path(dest)
    if language not in DEFAULTS:
        raise ScaffoldError(_("the language must be sv or en, not '{language}'.", language=language))
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise ScaffoldError(_("'{dest}' already exists and is not empty; choose a new folder, "
                              "so that nothing there is overwritten.", dest=dest))
    defaults = DEFAULTS[language]
    region = _one_line(region_name or defaults["region_name"])
    code = region_code or "00"
    if not _CODE.match(code):
        raise ScaffoldError(_("the region code '{code}' must be two digits (county) or four (municipality), "
                              "e.g. 24 or 2480.", code=code))
    ident = strategy_id or _slug(dest.resolve().name)
    if not _ID.match(ident):
        raise ScaffoldError(_("the id '{ident}' must be lower case letters, digits and hyphens, "
                              "e.g. rus-vasterbotten.", ident=ident))
    if not region:
        raise ScaffoldError(_("the region name must not be empty."))
    today = today or _dt.date.today()
    start, end = today.year, today.year + 10
    title = defaults["title"].format(region=region, start=start, end=end)
    values = {
        "id": json.dumps(ident), "title": json.dumps(title, ensure_ascii=False), "title_text": title,
        "region_name": json.dumps(region, ensure_ascii=False), "region_code": json.dumps(code),
        "start": str(start), "end": str(end), "date": json.dumps(today.isoformat()),
        "baseline_year": str(start - 1), "target_year": str(start + 8), "version": __version__,
    }
    prose = {**values, "region_name": region, "title": title}

    with staged_dir(dest) as stage:
        for target, source in FILES.items():
            text = _template(source.format(lang=language))
            if target == "goals.yaml":
                text = format_text(string.Template(text).substitute(values))
            elif target in FILLED_IN:
                text = string.Template(text).substitute(prose)
            _write(stage / target, text)
        (stage / "tools" / "venv.sh").chmod(0o755)
        _write(stage / "pyproject.toml", toolkit.region_pyproject(toolkit.running_toolkit()))
        toolkit.copy_package(toolkit.package_dir(), stage / "tools" / toolkit.PACKAGE)
        chapter = _template(f"chapter.{language}.md")
        _write(stage / defaults["chapter"], string.Template(chapter).substitute(prose))
        for schema in sorted(resources.files("strategykit").joinpath("data").iterdir(), key=lambda p: p.name):
            if schema.name.endswith(".schema.json"):
                _write(stage / "schema" / schema.name, schema.read_text("utf-8"))
    return dest


def first_commit(dest: Path) -> Msg:
    """Make ``dest`` a git repository on branch main with everything in a first commit.

    Returns what happened, in a sentence for the user. Without git, or when git fails, the
    folder stays as it is (a complete strategy, just not yet a repository) and the sentence says so.
    """
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None:
        return _("git is not installed, so it is not a git repository yet: install git, then run "
                 "'git init -b main', 'git add -A' and 'git commit' in it.")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([git, *args], cwd=dest, capture_output=True, text=True, timeout=120)

    identity: list[str] = []
    if run("config", "user.email").returncode != 0:
        # A first commit is better than none; its author says where it came from.
        identity = ["-c", "user.name=strategy new", "-c", "user.email=strategy-new@localhost"]
    # init then symbolic-ref rather than `init -b main`, which git before 2.28 lacks
    steps = [("git init", ["init", "--quiet"]), ("git init", ["symbolic-ref", "HEAD", "refs/heads/main"]),
             ("git add", ["add", "--all"]),
             ("git commit", [*identity, "commit", "--quiet", "--no-verify", "-m", "A new strategy, made by strategy new"])]
    for label, args in steps:
        proc = run(*args)
        if proc.returncode != 0:
            shutil.rmtree(dest / ".git", ignore_errors=True)
            return _("'{command}' failed ({reason}), so it is not a git repository yet.",
                     command=label, reason=proc.stderr.strip() or proc.returncode)
    if identity:
        return _("It is a git repository on branch main with a first commit (as 'strategy new': set git's "
                 "user.name and user.email for the next ones).")
    return _("It is a git repository on branch main with a first commit.")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
