"""strategy new: a new strategy repository that checks, formats and builds from the first commit."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tomllib

import pytest

from strategykit import __version__
from strategykit.devtools import toolkit
from strategykit.cli import main
from strategykit.source.load import parse_yaml
from strategykit.project import check
from strategykit.devtools.scaffold import FILES, new_strategy

from conftest import REPO

NEW = REPO / "tools" / "strategykit" / "data" / "new"


def test_new_strategy_passes_check_with_no_problems(tmp_path, capsys):
    dest = tmp_path / "rus-norrbotten"
    assert main(["new", str(dest), "--region-name", "Norrbottens län", "--region-code", "25"]) == 0
    result = check(dest)
    assert result.ok and result.diagnostics == [], [(d.code, d.message) for d in result.diagnostics]
    assert main(["check", str(dest), "--format", "text"]) == 0
    model = result.model
    assert (model.id, model.region_name, model.region_code, model.language) == (
        "rus-norrbotten", "Norrbottens län", "25", "sv")


def test_new_strategy_has_the_same_layout_as_this_repository(tmp_path):
    dest = new_strategy(tmp_path / "x")
    for name in ["goals.yaml", "strategy/01-inledning.md", "mkdocs.yml", ".github/workflows/strategy.yml",
                 ".pre-commit-config.yaml", ".gitignore", "schema/goals.schema.json", ".vscode/settings.json",
                 ".vscode/extensions.json", "requirements.txt", "README.md", "Makefile", "pyproject.toml",
                 "tests/test_strategy.py", "tools/venv.sh", "tools/strategykit/__init__.py"]:
        assert (dest / name).is_file(), name
    goals = (dest / "goals.yaml").read_text(encoding="utf-8")
    assert goals.startswith("# yaml-language-server: $schema=schema/goals.schema.json\n")
    assert (dest / "schema" / "goals.schema.json").read_bytes() == (REPO / "schema" / "goals.schema.json").read_bytes()


def test_new_goals_yaml_is_already_in_canonical_form(tmp_path, capsys):
    dest = new_strategy(tmp_path / "x", region_name="Region: Norr")
    assert main(["fmt", "--check", str(dest)]) == 0


def test_english_strategy_gets_english_content(tmp_path):
    dest = new_strategy(tmp_path / "x", language="en", region_name="Example County", region_code="2480",
                        strategy_id="rds-example")
    result = check(dest)
    assert result.ok and result.diagnostics == []
    assert result.model.language == "en"
    assert result.model.title.startswith("Regional development strategy for Example County")
    assert (dest / "strategy" / "01-introduction.md").read_text(encoding="utf-8").startswith("# Introduction\n")
    assert "Jobs and skills" in (dest / "goals.yaml").read_text(encoding="utf-8")


def test_period_and_dates_come_from_the_day_it_is_made(tmp_path):
    dest = new_strategy(tmp_path / "x", today=dt.date(2031, 5, 4))
    model = check(dest).model
    assert (model.period_start, model.period_end, model.edition.date) == (2031, 2041, "2031-05-04")


def test_non_empty_folder_is_refused_and_left_as_it_was(tmp_path, capsys):
    dest = tmp_path / "busy"
    dest.mkdir()
    (dest / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["new", str(dest)]) == 2
    assert "finns redan och är inte tom" in capsys.readouterr().err  # Swedish, the default language
    assert sorted(p.name for p in dest.iterdir()) == ["notes.txt"]


def test_empty_folder_is_accepted(tmp_path):
    dest = tmp_path / "empty"
    dest.mkdir()
    assert main(["new", str(dest)]) == 0
    assert (dest / "goals.yaml").is_file()


@pytest.mark.parametrize("args,words", [
    (["--region-code", "AB"], "två siffror"),  # the default language of a new strategy is Swedish
    (["--id", "Not An Id"], "små bokstäver"),
    (["--language", "de"], "invalid choice"),
])
def test_bad_options_are_usage_errors(tmp_path, capsys, args, words):
    with pytest.raises(SystemExit) if args[0] == "--language" else contextlib.nullcontext():
        assert main(["new", str(tmp_path / "x"), *args]) == 2
    assert words in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


# -- the shipped copies are the repository's own files ------------------------------

@pytest.mark.parametrize("shipped,original", [
    ("mkdocs.yml", "mkdocs.yml"),
    ("workflow.yml", ".github/workflows/strategy.yml"),
    ("vscode-settings.json", ".vscode/settings.json"),
    ("vscode-extensions.json", ".vscode/extensions.json"),
    ("venv.sh", "tools/venv.sh"),
])
def test_shipped_copy_equals_the_repository_file(shipped, original):
    assert (NEW / shipped).read_bytes() == (REPO / original).read_bytes(), (
        f"copy {original} to tools/strategykit/data/new/{shipped}")


def test_every_template_the_scaffold_names_is_shipped():
    for source in FILES.values():
        for lang in ("sv", "en"):
            assert (NEW / source.format(lang=lang)).is_file()
    for lang in ("sv", "en"):
        assert (NEW / f"chapter.{lang}.md").is_file()


def test_new_pre_commit_config_runs_the_toolkits_hooks():
    """The same hooks as .pre-commit-hooks.yaml, run by the repository's own .venv (`make build`),
    so nothing needs `strategy` on PATH."""
    hooks = {h["id"]: h for h in parse_yaml((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"), "h")[0].data}
    config = parse_yaml((NEW / "pre-commit-config.yaml").read_text(encoding="utf-8"), "c")[0].data
    (local,) = config["repos"]
    assert {h["id"] for h in local["hooks"]} == set(hooks)
    for h in local["hooks"]:
        for key in ("pass_filenames", "files"):
            assert h[key] == hooks[h["id"]][key], (h["id"], key)
        command = hooks[h["id"]]["entry"].removeprefix("strategy ")
        assert h["entry"] == f".venv/bin/python -m strategykit {command}"
        assert h["language"] == "unsupported"  # pre-commit 4.4's name for 'system'
    assert config["minimum_pre_commit_version"] == "4.4.0"


def test_vscode_settings_map_the_schema_to_goals_yaml():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schema/goals.schema.json"] == ["goals.yaml"]
    for schema in settings["yaml.schemas"]:
        assert (REPO / schema).is_file(), schema
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
    assert (REPO / "goals.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=schema/goals.schema.json")


def test_new_strategy_builds_both_editions(tmp_path):
    dest = new_strategy(tmp_path / "x", language="en")
    assert main(["build", str(dest), "--format", "text"]) == 0
    assert (dest / "site" / "index.html").is_file()
    assert list((dest / "dist").glob("*.pdf"))


def test_new_requirements_install_the_included_toolkit_never_one_from_an_index(tmp_path):
    """The toolkit is not published on PyPI by this project: `pip install strategykit` could install
    someone else's package. The new repository carries the toolkit and installs it from its own folder."""
    dest = new_strategy(tmp_path / "x")
    requirements = (dest / "requirements.txt").read_text(encoding="utf-8")
    lines = [line for line in requirements.splitlines() if line and not line.startswith("#")]
    assert lines == ["-e ."]
    pyproject = tomllib.loads((dest / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["name"] == "strategykit"
    assert pyproject["tool"]["setuptools"]["packages"]["find"]["where"] == ["tools"]
    assert (dest / "tools" / "strategykit" / "__init__.py").is_file()


def test_new_repository_carries_the_running_toolkit_without_caches(tmp_path):
    dest = new_strategy(tmp_path / "x")
    copied = toolkit.files_of(dest / "tools" / "strategykit")
    assert copied == toolkit.files_of(REPO / "tools" / "strategykit")
    assert not list((dest / "tools").rglob("__pycache__"))
    assert (dest / "tools" / "venv.sh").read_bytes() == (REPO / "tools" / "venv.sh").read_bytes()
    assert os.access(dest / "tools" / "venv.sh", os.X_OK)


def test_new_pyproject_has_the_toolkits_version_and_dependencies(tmp_path):
    dest = new_strategy(tmp_path / "x")
    ours = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    theirs = tomllib.loads((dest / "pyproject.toml").read_text(encoding="utf-8"))
    assert theirs["project"]["version"] == ours["project"]["version"] == __version__
    same = toolkit.normal_requirement
    assert [same(d) for d in theirs["project"]["dependencies"]] == [same(d) for d in ours["project"]["dependencies"]]
    assert theirs["project"]["optional-dependencies"]["test"] == ["pytest>=8,<10"]
    assert theirs["project"]["scripts"] == ours["project"]["scripts"]


def test_package_data_of_a_new_repository_is_the_toolkits():
    ours = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert ours["tool"]["setuptools"]["package-data"]["strategykit"] == toolkit.PACKAGE_DATA


def test_new_repository_is_on_main_with_a_first_commit(tmp_path, capsys):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    dest = tmp_path / "x"
    assert main(["new", str(dest), "--language", "en"]) == 0
    assert "It is a git repository on branch main with a first commit" in capsys.readouterr().out
    git = lambda *a: subprocess.run(["git", *a], cwd=dest, capture_output=True, text=True, check=True).stdout
    assert git("branch", "--show-current") == "main\n"
    assert git("status", "--porcelain") == ""
    tracked = git("ls-files").splitlines()
    for name in ("goals.yaml", "Makefile", "pyproject.toml", "tools/strategykit/cli/__init__.py", "tests/test_strategy.py",
                 ".github/workflows/strategy.yml", ".pre-commit-config.yaml"):
        assert name in tracked, name


def test_a_new_swedish_strategy_is_announced_in_swedish(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # no git: the quickest way through
    assert main(["new", str(tmp_path / "x"), "--language", "sv"]) == 0
    out = capsys.readouterr().out
    assert "En ny strategi skapades i " in out and "Nästa steg: cd " in out
    assert "git är inte installerat" in out and "A new strategy" not in out


def test_without_git_the_new_strategy_is_made_and_the_message_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    dest = tmp_path / "x"
    assert main(["new", str(dest), "--language", "en"]) == 0
    assert "git is not installed, so it is not a git repository yet" in capsys.readouterr().out
    assert (dest / "goals.yaml").is_file() and not (dest / ".git").exists()


def test_this_repository_has_a_pre_commit_config_running_the_toolkits_hooks():
    """The guide's `pre-commit install` advice must work here too."""
    assert (REPO / ".pre-commit-config.yaml").read_bytes() == (NEW / "pre-commit-config.yaml").read_bytes()


def test_a_failing_git_leaves_a_complete_strategy_and_says_why(tmp_path, capsys, monkeypatch):
    real = shutil.which("git")
    if real is None:
        pytest.skip("git is not installed")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "git"
    fake.write_text(f'#!/bin/sh\nfor a in "$@"; do [ "$a" = commit ] && {{ echo "signing failed" >&2; exit 1; }}; done\n'
                    f'exec {real} "$@"\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    dest = tmp_path / "x"
    assert main(["new", str(dest)]) == 0  # a Swedish strategy (the default) is told so in Swedish
    assert "'git commit' misslyckades (signing failed), så det är inte ett git-repositorium än." in capsys.readouterr().out
    assert (dest / "goals.yaml").is_file() and not (dest / ".git").exists()
