"""A region's repository from `strategy new` works from a fresh clone with its two README commands.

Slow (about a minute): skip it locally with STRATEGY_SKIP_SLOW=1; `make test` and CI run it.
The clone's .venv reuses the packages of the .venv running the tests (through a .pth file),
so `make build` installs only the clone's own toolkit: nothing beyond the package index is
reached, and not much of it (setuptools for the editable install).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from strategykit.devtools import toolkit
from strategykit.cli import main

from conftest import REPO

pytestmark = [
    pytest.mark.skipif(os.environ.get("STRATEGY_SKIP_SLOW") == "1", reason="STRATEGY_SKIP_SLOW=1"),
    pytest.mark.skipif(shutil.which("git") is None or shutil.which("make") is None, reason="needs git and make"),
]


def _base_python() -> str:
    return getattr(sys, "_base_executable", None) or sys.executable


def _reuse_installed_packages(venv: Path, tmp: Path) -> None:
    """A .venv like tools/venv.sh makes, that sees the packages installed here except strategykit."""
    deps = tmp / "deps"
    deps.mkdir()
    seen = set()
    for key in ("purelib", "platlib"):
        site = Path(sysconfig.get_paths()[key])
        for entry in site.iterdir():
            name = entry.name.lower()
            if name in seen or name.startswith(("strategykit", "__editable__", "_strategykit")) \
                    or name.endswith(".pth") or name.startswith(("pip", "setuptools")):
                continue
            seen.add(name)
            (deps / entry.name).symlink_to(entry)
    subprocess.run([_base_python(), "-m", "venv", str(venv)], check=True, timeout=120)
    (site_packages,) = (venv / "lib").glob("python3*/site-packages")
    (site_packages / "_test_reuse.pth").write_text(f"{deps}\n", encoding="utf-8")


def _run(args: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    # Not what the `make test` running these tests exports (its PYTHON, VENV and make's own flags).
    env = {k: v for k, v in os.environ.items()
           if k not in ("VENV", "PYTHON", "STRATEGYKIT_VENV_LOCKED", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    assert proc.returncode == 0, f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return proc


def test_a_fresh_clone_builds_tests_and_upgrades_with_its_readme_commands(tmp_path, capsys):
    origin = tmp_path / "rus-test"
    assert main(["new", str(origin), "--language", "en", "--region-name", "Test County", "--region-code", "99"]) == 0
    clone = tmp_path / "clone"
    _run(["git", "clone", "--quiet", str(origin), str(clone)], tmp_path)
    assert _run(["git", "branch", "--show-current"], clone).stdout == "main\n"
    readme = (clone / "README.md").read_text(encoding="utf-8")
    assert "make build" in readme and "make test" in readme

    _reuse_installed_packages(clone / ".venv", tmp_path)
    python = f"PYTHON={_base_python()}"
    _run(["make", "build", python], clone, timeout=600)
    assert (clone / "site" / "index.html").is_file()
    assert list((clone / "dist").glob("*.pdf"))
    tested = _run(["make", "test", python], clone)
    assert "2 passed" in tested.stdout

    # As if the clone had an older toolkit: a schema without a key, an older module.
    schema = clone / "schema" / "goals.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"publisher"', '"publisher_old"'), encoding="utf-8")
    # Older but working: the upgrade itself runs on the clone's toolkit, which imports this module.
    older = clone / "tools" / "strategykit" / "model" / "sdg.py"
    older.write_text(older.read_text(encoding="utf-8") + "# older\n", encoding="utf-8")
    upgraded = _run([str(clone / ".venv" / "bin" / "strategy"), "upgrade", "--from", str(REPO)], clone).stdout
    assert upgraded.index("changed  schema/goals.schema.json") < upgraded.index("changed  tools/strategykit/model/sdg.py")
    assert "new keys: " in upgraded and "publisher" in upgraded
    assert schema.read_bytes() == (REPO / "schema" / "goals.schema.json").read_bytes()
    assert toolkit.files_of(clone / "tools" / "strategykit") == toolkit.files_of(REPO / "tools" / "strategykit")
    assert _run(["git", "status", "--porcelain"], clone).stdout == ""
    _run(["make", "check", python], clone)


def test_the_toolkit_builds_as_a_wheel_versioned_from_pyproject_with_what_new_needs_and_no_warnings(tmp_path):
    """`make dist` for regions that prefer to install the toolkit: the wheel must carry every file
    `strategy new` writes, since a toolkit installed from it makes new repositories too."""
    import tomllib
    import zipfile

    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "tools" / "strategykit", source / "tools" / "strategykit", ignore=toolkit.IGNORE)
    built = _run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--wheel-dir", str(tmp_path / "dist"),
                  str(source)], tmp_path)
    assert "deprecat" not in (built.stdout + built.stderr).lower(), "setuptools warns: see the build's output"
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    assert wheel.name == f"strategykit-{version}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"strategykit/data/new/{p.name}" for p in (REPO / "tools" / "strategykit" / "data" / "new").iterdir()
               if p.is_file() and p.suffix != ".pyc"}
    assert shipped <= names, sorted(shipped - names)
    assert {f"strategykit/{rel}" for rel in toolkit.files_of(REPO / "tools" / "strategykit")} <= names
