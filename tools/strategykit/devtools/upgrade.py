"""``strategy upgrade --from PATH``: a newer toolkit for a repository that ``strategy new`` made.

PATH is a checkout of the strategykit repository. Its tools/strategykit, tools/venv.sh and
schema/*.schema.json replace the repository's copies, and pyproject.toml is written again with
the toolkit's version and dependencies. What changed is reported with the schema first: a
schema change decides what goals.yaml may contain, so it is what an author may have to act on.
Nothing is written unless PATH holds a complete toolkit; the package folder is swapped as a whole.
"""

from __future__ import annotations

import difflib
import json
import shutil
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from strategykit.devtools import toolkit
from strategykit.atomic import write_atomic


class UpgradeError(Exception):
    """The upgrade cannot be done as asked; the message says why (a usage error)."""


@dataclass
class Changes:
    old_version: str
    new_version: str
    schema: list[str] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.schema or self.tools or self.dependencies or self.old_version != self.new_version)

    def report(self, source: str) -> str:
        if not self.any:
            return f"Already up to date: the toolkit in tools/ is the same as in {source} ({self.new_version}).\n"
        lines = [f"strategykit {self.old_version} → {self.new_version}, from {source}", ""]
        lines.append("Schema (what goals.yaml and the other files may contain):")
        lines += [f"  {line}" for line in self.schema] or ["  unchanged"]
        lines.append("Toolkit (tools/):")
        lines += [f"  {line}" for line in self.tools] or ["  unchanged"]
        lines.append("Dependencies (pyproject.toml):")
        lines += [f"  {line}" for line in self.dependencies] or ["  unchanged"]
        lines += ["", "Next: 'make build' installs it and builds both editions, 'make test' runs the tests; "
                  "then commit the change."]
        return "\n".join(lines) + "\n"


def _properties(schema, path: str = "") -> set[str]:
    """Every key a schema names under "properties", as dotted paths ($defs named by their key)."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    found.add(f"{path}.{name}".lstrip("."))
                    found |= _properties(sub, f"{path}.{name}")
            elif key in ("$defs", "definitions") and isinstance(value, dict):
                for name, sub in value.items():
                    found |= _properties(sub, f"{name}")
            else:
                found |= _properties(value, path)
    elif isinstance(schema, list):
        for item in schema:
            found |= _properties(item, path)
    return found


def _schema_change(name: str, old: bytes | None, new: bytes) -> list[str]:
    if old is None:
        return [f"added    schema/{name}"]
    if old == new:
        return []
    lines = [f"changed  schema/{name}"]
    try:
        before, after = _properties(json.loads(old)), _properties(json.loads(new))
    except ValueError:
        return lines
    if after - before:
        lines.append("           new keys: " + ", ".join(sorted(after - before)))
    if before - after:
        lines.append("           keys no longer allowed: " + ", ".join(sorted(before - after)))
    if after == before:
        diff = difflib.unified_diff(old.decode("utf-8", "replace").splitlines(),
                                    new.decode("utf-8", "replace").splitlines(), lineterm="", n=0)
        changed = sum(1 for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---")))
        lines.append(f"           same keys; {changed} lines of rules or explanations differ")
    return lines


def _read_checkout(source: Path) -> tuple[toolkit.Toolkit, Path, Path]:
    package = source / "tools" / toolkit.PACKAGE
    pyproject = source / "pyproject.toml"
    if not (package / "__init__.py").is_file() or not pyproject.is_file():
        raise UpgradeError(f"'{source}' is not a checkout of strategykit: it has no tools/strategykit/ "
                           "and pyproject.toml. Give the folder of a clone of the strategykit repository.")
    try:
        return (toolkit.toolkit_of_checkout(tomllib.loads(pyproject.read_text(encoding="utf-8"))), package,
                source / "schema")
    except (tomllib.TOMLDecodeError, KeyError, UnicodeDecodeError) as exc:
        raise UpgradeError(f"'{pyproject}' cannot be read as the toolkit's pyproject.toml ({exc}).") from exc


def _current_version(root: Path) -> str:
    try:
        return str(tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, tomllib.TOMLDecodeError, KeyError, UnicodeDecodeError):
        return "unknown"


def upgrade(root: Path, source: Path) -> Changes:
    """Bring the toolkit of the checkout ``source`` into the repository ``root``; return what changed."""
    root, source = Path(root), Path(source)
    target = root / "tools" / toolkit.PACKAGE
    if not (root / "goals.yaml").is_file() or not (target / "__init__.py").is_file():
        raise UpgradeError(f"'{root}' is not a strategy repository made by 'strategy new' (it needs goals.yaml "
                           "and the toolkit in tools/strategykit/). Run this in such a repository.")
    new_kit, package, schema_dir = _read_checkout(source)
    if package.resolve() == target.resolve():
        raise UpgradeError("the toolkit to bring in is this repository's own copy; give a checkout of strategykit.")
    changes = Changes(_current_version(root), new_kit.version)

    schemas = {p.name: p.read_bytes() for p in sorted(schema_dir.glob("*.schema.json"))}
    for name, data in schemas.items():
        old = root / "schema" / name
        changes.schema += _schema_change(name, old.read_bytes() if old.is_file() else None, data)

    before, after = toolkit.files_of(target), toolkit.files_of(package)
    for rel in sorted(set(before) | set(after)):
        if rel not in after:
            changes.tools.append(f"removed  tools/strategykit/{rel}")
        elif rel not in before:
            changes.tools.append(f"added    tools/strategykit/{rel}")
        elif before[rel] != after[rel]:
            changes.tools.append(f"changed  tools/strategykit/{rel}")
    venv_sh = source / "tools" / "venv.sh"
    if venv_sh.is_file() and (not (root / "tools" / "venv.sh").is_file()
                              or (root / "tools" / "venv.sh").read_bytes() != venv_sh.read_bytes()):
        changes.tools.append("changed  tools/venv.sh")

    pyproject = toolkit.region_pyproject(new_kit)
    old_pyproject = (root / "pyproject.toml").read_text(encoding="utf-8") if (root / "pyproject.toml").is_file() else ""
    try:
        old_deps = tomllib.loads(old_pyproject)["project"]["dependencies"]
    except (tomllib.TOMLDecodeError, KeyError):
        old_deps = []
    same = toolkit.normal_requirement
    old_set, new_set = {same(d) for d in old_deps}, {same(d) for d in new_kit.dependencies}
    changes.dependencies += [f"added    {d}" for d in new_kit.dependencies if same(d) not in old_set]
    changes.dependencies += [f"removed  {d}" for d in old_deps if same(d) not in new_set]

    if not changes.any and pyproject == old_pyproject:
        return changes
    # The package folder is copied aside first and swapped in whole, so a failure half-way
    # leaves the old toolkit in place.
    stage = Path(tempfile.mkdtemp(prefix=".strategykit-new-", dir=target.parent))
    try:
        shutil.rmtree(stage)
        toolkit.copy_package(package, stage)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = target.parent / f".strategykit-old-{stage.name.rsplit('-', 1)[-1]}"
    target.rename(old)
    stage.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    for name, data in schemas.items():
        write_atomic(root / "schema" / name, data)
    if venv_sh.is_file():
        write_atomic(root / "tools" / "venv.sh", venv_sh.read_bytes())
        (root / "tools" / "venv.sh").chmod(0o755)
    write_atomic(root / "pyproject.toml", pyproject.encode("utf-8"))
    return changes
