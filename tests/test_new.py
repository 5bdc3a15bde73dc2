"""strategy new: a new strategy repository that checks, formats and builds from the first commit."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import subprocess
import sys

import pytest

from strategykit.cli import main
from strategykit.load import parse_yaml
from strategykit.project import check
from strategykit.scaffold import FILES, new_strategy

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
                 ".vscode/extensions.json", "requirements.txt", "README.md"]:
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
    hooks = {h["id"]: h for h in parse_yaml((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"), "h")[0].data}
    config = parse_yaml((NEW / "pre-commit-config.yaml").read_text(encoding="utf-8"), "c")[0].data
    (local,) = config["repos"]
    assert {h["id"] for h in local["hooks"]} == set(hooks)
    for h in local["hooks"]:
        for key in ("entry", "pass_filenames", "files"):
            assert h[key] == hooks[h["id"]][key], (h["id"], key)


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


def test_new_requirements_name_no_package_and_installing_them_fails_loudly(tmp_path):
    """The toolkit is not published on PyPI by this project: `pip install strategykit` could install
    someone else's package. The new repository must say where its organisation keeps the toolkit."""
    dest = new_strategy(tmp_path / "x")
    requirements = (dest / "requirements.txt").read_text(encoding="utf-8")
    lines = [line for line in requirements.splitlines() if line and not line.startswith("#")]
    assert lines == ["STRATEGYKIT-LOCATION-NOT-SET: replace this line with where strategykit is installed from, "
                     "see above"]
    assert "strategykit @ git+https://github.com/<organisation>/<repository>@v" in requirements
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "-r", "requirements.txt"],
                          cwd=dest, capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "STRATEGYKIT-LOCATION-NOT-SET" in proc.stderr
