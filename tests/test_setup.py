"""`make build` sets itself up and repairs itself: tools/venv.sh and the Makefile around it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import REPO

VENV_SH = REPO / "tools" / "venv.sh"
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without what the `make test` running these tests exports."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VENV", "PYTHON", "STRATEGYKIT_VENV_LOCKED", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return {**env, **extra}


def fake_python(folder: Path, version: str = "Python 3.10.12") -> Path:
    """A `python` that answers -V like an old Python and fails every other use, as 3.10 fails the check."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "python3.10"
    path.write_text(f'#!/bin/sh\nif [ "$1" = "-V" ]; then echo "{version}"; exit 0; fi\nexit 1\n', encoding="utf-8")
    path.chmod(0o755)
    return path


def run_venv_sh(*args: str, python: str | Path = sys.executable, venv: Path,
                **kwargs) -> subprocess.CompletedProcess:
    env = clean_env(PYTHON=str(python), VENV=str(venv))
    return subprocess.run(["sh", str(VENV_SH), *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300, **kwargs)


@needs_make
def test_make_build_with_an_old_python_says_which_version_is_needed_and_makes_nothing(tmp_path):
    python = fake_python(tmp_path / "bin")
    venv = tmp_path / "venv"
    proc = subprocess.run(["make", "-s", "build", f"PYTHON={python}", f"VENV={venv}"], cwd=REPO,
                          capture_output=True, text=True, timeout=60, env=clean_env())
    assert proc.returncode != 0
    assert f"strategykit needs Python 3.11 or newer, but '{python}' is Python 3.10.12." in proc.stderr
    assert "make build PYTHON=python3.12" in proc.stderr
    assert not venv.exists()


def test_a_missing_python_is_named_with_what_to_do(tmp_path):
    proc = run_venv_sh("--ensure", python=tmp_path / "no-such-python", venv=tmp_path / "venv")
    assert proc.returncode == 1
    assert "Python was not found as" in proc.stderr and "Install Python 3.11 or newer" in proc.stderr


def test_an_environment_made_by_another_python_is_made_again(tmp_path):
    venv = tmp_path / "venv"
    # What an earlier Python leaves: a venv whose python reports another version (or is gone).
    (venv / "bin").mkdir(parents=True)
    old = venv / "bin" / "python"
    old.write_text('#!/bin/sh\necho "3.10.12 (main) [GCC] /usr"\n', encoding="utf-8")
    old.chmod(0o755)
    (venv / ".installed").touch()
    proc = run_venv_sh("--ensure", venv=venv)
    assert proc.returncode == 0, proc.stderr
    assert "was made by another Python; making it again" in proc.stderr
    assert not (venv / ".installed").exists(), "the old environment's stamp must go with it"
    same = subprocess.run([venv / "bin" / "python", "-c", "import sys; print(sys.version)"],
                          capture_output=True, text=True, check=True)
    assert same.stdout.strip() == sys.version
    again = run_venv_sh("--ensure", venv=venv)
    assert again.returncode == 0 and again.stderr == "", "a sound environment is kept as it is"


def test_a_broken_environment_is_made_again(tmp_path):
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / "pyvenv.cfg").write_text("home = /nowhere\n", encoding="utf-8")
    proc = run_venv_sh("--ensure", venv=venv)
    assert proc.returncode == 0, proc.stderr
    assert "is broken" in proc.stderr
    assert (venv / "bin" / "python").exists()


def test_two_set_ups_at_once_take_turns_and_both_succeed(tmp_path):
    venv = tmp_path / "venv"
    env = clean_env(PYTHON=sys.executable, VENV=str(venv))
    runs = [subprocess.Popen(["sh", str(VENV_SH), "--ensure"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in runs]
    assert [code for code, _ in results] == [0, 0], results
    assert subprocess.run([venv / "bin" / "python", "-m", "pip", "--version"], capture_output=True).returncode == 0


@needs_make
def test_make_build_installs_without_the_test_extra_and_make_test_with_it():
    build = subprocess.run(["make", "-n", "build"], cwd=REPO, capture_output=True, text=True, check=True,
                           env=clean_env()).stdout
    test = subprocess.run(["make", "-n", "test"], cwd=REPO, capture_output=True, text=True, check=True,
                          env=clean_env()).stdout
    assert "sh tools/venv.sh\n" in build and "tools/venv.sh test" not in build
    assert "sh tools/venv.sh test\n" in test
    script = VENV_SH.read_text(encoding="utf-8")
    assert "pip install --quiet -e \".${extra:+[$extra]}\"" in script
    assert "-m compileall" in script


def test_test_tools_are_only_in_the_test_extra():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = " ".join(project["dependencies"])
    for tool in ("playwright", "zensical", "hypothesis", "pypdf", "fastjsonschema", "pytest"):
        assert tool not in runtime, tool
        assert any(d.startswith(tool) for d in project["optional-dependencies"]["test"]), tool


def test_licence_uses_the_spdx_form_with_a_setuptools_that_knows_it():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == "MIT"
    assert "setuptools>=77" in pyproject["build-system"]["requires"]


@needs_make
def test_distclean_also_removes_the_environment_and_node_modules():
    dry = subprocess.run(["make", "-n", "distclean"], cwd=REPO, capture_output=True, text=True, check=True,
                         env=clean_env()).stdout
    assert "rm -rf site dist .build" in dry
    assert "rm -rf .venv " in dry and "node_modules" in dry


def test_without_flock_a_folder_is_the_lock(tmp_path):
    """macOS has no flock: two set-ups at once still take turns, on a folder made atomically."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", "mkdir", "rmdir", "rm", "dirname", "sleep", "printf", "touch"):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    venv = tmp_path / "venv"
    env = clean_env(PYTHON=sys.executable, VENV=str(venv), PATH=str(bin_dir))
    runs = [subprocess.Popen([str(bin_dir / "sh"), str(VENV_SH), "--ensure"], cwd=REPO, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in runs]
    assert [code for code, _ in results] == [0, 0], results
    assert any("Waiting for another set-up" in err for _, err in results), results
    assert not (tmp_path / "venv.lock.d").exists(), "the lock is given back"
