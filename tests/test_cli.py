"""The command line: formats, exit codes, and staying light."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from strategykit.cli import main

from conftest import MINIMAL, REPO, edit, line_of


def run(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "strategykit", *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, **(env or {})}, timeout=60)


def test_clean_strategy_exits_0(capsys):
    assert main(["check", str(MINIMAL), "--format", "text"]) == 0
    assert "No problems found." in capsys.readouterr().out


def test_errors_exit_1_with_file_line_column_code_and_hint(minimal):
    edit(minimal, "indicator: population", "indicator: populaton")
    proc = run("check", "--format", "text", cwd=minimal)
    assert proc.returncode == 1
    line = line_of(minimal, "indicator: populaton")
    assert f"goals.yaml:{line}:24: error unknown-indicator: " in proc.stdout
    assert "    hint: Did you mean 'population'?" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_paths_are_shown_relative_to_where_the_command_runs(minimal):
    edit(minimal, "indicator: population", "indicator: populaton")
    proc = run("check", minimal.name, "--format", "text", cwd=minimal.parent)
    assert f"{minimal.name}/goals.yaml:" in proc.stdout


def test_json_format_is_stable(minimal):
    edit(minimal, "indicator: population", "indicator: populaton")
    proc = run("check", "--format", "json", cwd=minimal)
    payload = json.loads(proc.stdout)
    assert payload["version"] == 1
    assert payload["summary"]["errors"] >= 1
    first = payload["diagnostics"][0]
    assert set(first) == {"file", "line", "column", "severity", "code", "message", "hint", "path"}


def test_github_format_prints_annotations(minimal):
    edit(minimal, "indicator: population", "indicator: populaton")
    proc = run("check", "--format", "github", cwd=minimal)
    line = line_of(minimal, "indicator: populaton")
    assert f"::error file=goals.yaml,line={line},col=24,title=unknown-indicator::" in proc.stdout


def test_auto_format_is_github_under_actions(minimal):
    edit(minimal, "indicator: population", "indicator: populaton")
    proc = run("check", cwd=minimal, env={"GITHUB_ACTIONS": "true"})
    assert proc.stdout.startswith("::error ")


def test_bad_yaml_gives_one_diagnostic_and_no_traceback(minimal):
    (minimal / "goals.yaml").write_text("strategy:\n  id: x\n  id: y\n")
    proc = run("check", "--format", "text", cwd=minimal)
    assert proc.returncode == 1
    assert proc.stdout.count(": error ") == 1
    assert "goals.yaml:3:3: error duplicate-key" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_missing_folder_is_usage_error_exit_2(tmp_path):
    proc = run("check", str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert "not a folder" in proc.stderr


def test_unknown_option_is_exit_2():
    assert run("check", "--bogus").returncode == 2


def test_rules_lists_every_rule_with_explanation():
    from strategykit.rules import RULES

    proc = run("rules")
    assert proc.returncode == 0
    for code in RULES:
        assert f"{code} (" in proc.stdout
    assert "Fix:" in proc.stdout


def test_build_refuses_a_strategy_with_errors(minimal):
    edit(minimal, "indicator: population", "indicator: populaton")
    proc = run("build", cwd=minimal)
    assert proc.returncode == 1
    assert "Nothing was built" in proc.stderr
    assert not (minimal / "site").exists() and not (minimal / "dist").exists()


def test_check_does_not_import_heavy_modules():
    code = (
        "import sys; from strategykit.cli import main; rc = main(['check', %r, '--format', 'json']);"
        "heavy = [m for m in ('mkdocs', 'material', 'pypandoc', 'typst', 'jinja2', 'markdown') if m in sys.modules];"
        "print('HEAVY', heavy)" % str(MINIMAL)
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in proc.stdout, proc.stdout + proc.stderr


def test_console_script_is_installed():
    assert (REPO / ".venv" / "bin" / "strategy").exists() or os.environ.get("CI_NO_VENV")
