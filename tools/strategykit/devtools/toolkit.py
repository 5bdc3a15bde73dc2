"""The toolkit as a region's repository carries it: tools/strategykit, tools/venv.sh, pyproject.toml.

``strategy new`` copies the running toolkit into the new repository, so that a fresh clone
installs it from its own files (no package index has strategykit) and always builds with the
toolkit it was checked with. ``strategy upgrade`` replaces that copy with a newer one.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

PACKAGE = "strategykit"
PACKAGE_DATA = ["data/*", "data/new/*", "locale/*/LC_MESSAGES/*", "locale/*/documents/*", "render/pdf/templates/*", "render/web/theme/*", "render/web/theme/javascripts/*",
                "render/web/theme/overrides/*", "render/web/theme/overrides/partials/*"]
"""The package data of the toolkit's own pyproject.toml (a test keeps them the same)."""

IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", "*.egg-info", ".*")


@dataclass(frozen=True)
class Toolkit:
    """What a region's pyproject.toml says about the toolkit: its version and what it needs."""

    version: str
    dependencies: tuple[str, ...]
    package_data: tuple[str, ...] = tuple(PACKAGE_DATA)


def package_dir() -> Path:
    """The folder of the running toolkit (a checkout's tools/strategykit, or site-packages)."""
    return Path(__file__).resolve().parents[1]


def running_toolkit() -> Toolkit:
    """The installed toolkit's version and run-time dependencies, from its package metadata."""
    from strategykit import __version__

    try:
        requires = metadata.requires(PACKAGE) or []
    except metadata.PackageNotFoundError:
        requires = []
    dependencies = tuple(r for r in requires if not re.search(r"\bextra\s*==", r))
    return Toolkit(__version__, dependencies)


def toolkit_of_checkout(pyproject: dict) -> Toolkit:
    """The toolkit described by a checkout's pyproject.toml (already parsed)."""
    project = pyproject["project"]
    data = pyproject.get("tool", {}).get("setuptools", {}).get("package-data", {}).get(PACKAGE, PACKAGE_DATA)
    return Toolkit(str(project["version"]), tuple(project.get("dependencies", [])), tuple(data))


def normal_requirement(requirement: str) -> str:
    """One spelling of a requirement ('a>=1,<2' and 'a<2,>=1' are the same)."""
    try:
        from packaging.requirements import InvalidRequirement, Requirement
    except ImportError:  # packaging comes with MkDocs; without it, compare as written
        return requirement.replace(" ", "")
    try:
        return str(Requirement(requirement))
    except InvalidRequirement:
        return requirement.replace(" ", "")


def _toml_list(items) -> str:
    import json

    return "[\n" + "".join(f"    {json.dumps(i, ensure_ascii=False)},\n" for i in items) + "]"


def region_pyproject(toolkit: Toolkit) -> str:
    """pyproject.toml of a region's repository: it installs the toolkit from tools/."""
    return f"""\
# Installs the strategykit toolkit from tools/ into .venv (`make build`); pytest for `make test`.
# Written by `strategy new` and rewritten by `strategy upgrade --from PATH`: change it that way.
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "{PACKAGE}"
version = "{toolkit.version}"
description = "The strategykit toolkit, as this strategy's repository carries it"
requires-python = ">=3.11"
license = "MIT"
dependencies = {_toml_list(normal_requirement(d) for d in toolkit.dependencies)}

[project.optional-dependencies]
test = ["pytest>=8,<10"]

[project.scripts]
strategy = "strategykit.cli:main"

[tool.setuptools.packages.find]
where = ["tools"]

[tool.setuptools.package-data]
{PACKAGE} = {_toml_list(toolkit.package_data)}

[tool.pytest.ini_options]
testpaths = ["tests"]
"""


def copy_package(source: Path, dest: Path) -> None:
    """Copy the toolkit's package folder without caches or build leftovers."""
    shutil.copytree(source, dest, ignore=IGNORE)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` that ``copy_package`` would copy, by its path relative to it."""
    found = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and not any(part == "__pycache__" or part.startswith(".") or part.endswith(".egg-info")
                                      for part in rel.parts) and path.suffix not in (".pyc", ".pyo"):
            found[rel.as_posix()] = path.read_bytes()
    return found
