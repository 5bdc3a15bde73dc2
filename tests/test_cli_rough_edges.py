"""The command line's rough edges: the root found from a subfolder, JSON alone on stdout, a report year in range."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from strategykit.cli import main

from conftest import commit_all, edit, git, line_of


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "strategykit", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


# -- the strategy's root, found from a subfolder as git finds its repository ------------

def test_check_in_a_subfolder_checks_the_strategy_around_it(minimal):
    edit(minimal, "indicator: population", "indicator: populaton")
    proc = run("check", "--format", "text", cwd=minimal / "strategy")
    assert proc.returncode == 1
    line = line_of(minimal, "indicator: populaton")
    assert f"../goals.yaml:{line}:24: error unknown-indicator" in proc.stdout
    assert "file-missing" not in proc.stdout


def test_check_in_a_folder_without_a_strategy_above_still_says_goals_yaml_is_missing(tmp_path):
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    proc = run("check", "--format", "text", cwd=tmp_path / "empty" / "sub")
    assert proc.returncode == 1 and "goals.yaml: error file-missing" in proc.stdout


def test_the_search_stops_at_the_top_of_a_git_repository(tmp_path, minimal):
    inner = tmp_path / "strategy-repo" / "nested"
    inner.mkdir()
    (inner / ".git").mkdir()  # another repository inside the strategy's folder
    proc = run("check", "--format", "text", cwd=inner)
    assert "file-missing" in proc.stdout


def test_build_and_report_in_a_subfolder_work_on_the_strategy_around_it(minimal):
    edit(minimal, "indicator: population", "indicator: populaton")
    for command in ("build", "report"):
        proc = run(command, cwd=minimal / "strategy")
        assert proc.returncode == 1, command
        assert "unknown-indicator" in proc.stderr and "file-missing" not in proc.stderr, command
    assert not (minimal / "strategy" / "site").exists() and not (minimal / "site").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_in_a_subfolder_compares_the_strategy_around_it(minimal):
    git(minimal, "init", "-q", "-b", "main")
    commit_all(minimal, "init")
    edit(minimal, "title: Fler i arbete", "title: Fler kvinnor och män i arbete")
    proc = run("diff", "main", "--format", "json", cwd=minimal / "strategy")
    assert proc.returncode == 0, proc.stderr
    assert [c["kind"] for c in json.loads(proc.stdout)["changes"]] == ["goal-renamed"]


def test_serve_in_a_subfolder_serves_the_strategy_around_it(minimal, monkeypatch):
    import strategykit.cli.serve

    seen = []
    monkeypatch.setattr(strategykit.cli.serve, "serve", lambda root, **kw: seen.append(root.resolve()) or 0)
    monkeypatch.chdir(minimal / "strategy")
    assert main(["serve"]) == 0
    assert seen == [minimal.resolve()]


# -- --format json: one JSON document on stdout, sentences for people on stderr --------

def test_a_refused_build_in_json_writes_only_json_to_stdout(minimal):
    edit(minimal, "indicator: population", "indicator: populaton")
    proc = run("build", "--format", "json", cwd=minimal)
    assert proc.returncode == 1
    payload = json.loads(proc.stdout)
    assert "unknown-indicator" in [d["code"] for d in payload["diagnostics"]]
    assert "Inget byggdes" in proc.stderr and "{" not in proc.stderr


def test_a_build_in_json_writes_only_json_to_stdout(minimal, monkeypatch, capsys):
    import strategykit.render.pdf

    monkeypatch.setattr(strategykit.render.pdf, "render_pdf", lambda model, **kw: b"%PDF-1.7\n")
    assert main(["build", str(minimal), "--pdf", "--format", "json"]) == 0
    out = capsys.readouterr()
    payload = json.loads(out.out)
    assert payload["summary"]["errors"] == 0
    assert payload["written"] == {"pdf": os.path.relpath(minimal / "dist" / "test-strategy-1.0.pdf")}
    assert "PDF-utgåvan skrevs till" in out.err  # the fixture is Swedish


# -- report --year: a year the data does not cover is a usage error -----------------------

HEADER = "year,value,breakdown,provenance,source,retrieved\n"


@pytest.fixture
def with_data(minimal):
    (minimal / "data").mkdir()
    (minimal / "data" / "population.csv").write_text(
        HEADER + "2020,273192,total,illustrative,,\n2021,274563,total,illustrative,,\n", encoding="utf-8")
    return minimal


@pytest.mark.parametrize("year", ["2050", "1990"])
def test_a_report_year_outside_the_data_is_a_usage_error(with_data, year, capsys):
    assert main(["report", str(with_data), "--year", year]) == 2
    err = capsys.readouterr().err
    assert f"--year {year} ligger utanför de år som data täcker (2020–2021)" in err  # in Swedish, as the fixture


def test_a_report_year_inside_the_data_is_reported(with_data, capsys):
    assert main(["report", str(with_data), "--year", "2020", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["year"] == 2020


def test_a_report_year_without_any_data_is_a_usage_error(minimal, capsys):
    assert main(["report", str(minimal), "--year", "2021"]) == 2
    assert "inga uppmätta värden" in capsys.readouterr().err
