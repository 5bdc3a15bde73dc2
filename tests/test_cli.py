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
    assert "Inga problem hittades." in capsys.readouterr().out  # the fixture is in Swedish


def test_errors_exit_1_with_file_line_column_code_and_hint(minimal):
    edit(minimal, "indicator: population", "indicator: populaton")
    proc = run("check", "--format", "text", cwd=minimal)
    assert proc.returncode == 1
    line = line_of(minimal, "indicator: populaton")
    assert f"goals.yaml:{line}:24: error unknown-indicator: " in proc.stdout
    assert "    tips: Menade du 'population'?" in proc.stdout  # in the strategy's language
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
    assert "Inget byggdes" in proc.stderr  # the fixture is Swedish
    assert not (minimal / "site").exists() and not (minimal / "dist").exists()


def _files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _fake_pdf(monkeypatch, content: bytes) -> None:
    import strategykit.render.pdf

    monkeypatch.setattr(strategykit.render.pdf, "render_pdf", lambda model, **kw: content)


def test_a_web_failure_after_a_built_pdf_leaves_both_editions_as_they_were(minimal, monkeypatch, capsys):
    import strategykit.render.web
    from strategykit.diagnostics import BuildError

    _fake_pdf(monkeypatch, b"%PDF-1.7 the first edition\n")
    assert main(["build", str(minimal), "--format", "text"]) == 0
    before = {name: _files(minimal / name) for name in ("dist", "site")}
    assert list(before["dist"]) == ["test-strategy-1.0.pdf"] and "index.html" in before["site"]

    def failing_site_generator(config_file, site_dir):
        raise BuildError("MkDocs could not build the site: broken on purpose")

    _fake_pdf(monkeypatch, b"%PDF-1.7 the second edition\n")
    monkeypatch.setattr(strategykit.render.web, "_run_mkdocs", failing_site_generator)
    assert main(["build", str(minimal), "--format", "text"]) == 1
    assert "broken on purpose" in capsys.readouterr().err
    assert {name: _files(minimal / name) for name in ("dist", "site")} == before
    assert not [p.name for p in [*minimal.iterdir(), *(minimal / "dist").iterdir()] if "-new-" in p.name]


def test_a_failed_first_build_creates_no_output_folders(minimal, monkeypatch):
    import strategykit.render.web
    from strategykit.diagnostics import BuildError

    def failing_site_generator(config_file, site_dir):
        raise BuildError("broken on purpose")

    _fake_pdf(monkeypatch, b"%PDF-1.7\n")
    monkeypatch.setattr(strategykit.render.web, "_run_mkdocs", failing_site_generator)
    assert main(["build", str(minimal), "--dist-dir", str(minimal / "out" / "pdf")]) == 1
    assert not (minimal / "site").exists() and not (minimal / "out").exists()


def test_the_site_carries_and_links_the_pdf_built_with_it_in_dist_dir(minimal, tmp_path, monkeypatch):
    _fake_pdf(monkeypatch, b"%PDF-1.7 built now\n")
    dist = tmp_path / "elsewhere"
    assert main(["build", str(minimal), "--dist-dir", str(dist)]) == 0
    assert not (minimal / "dist").exists()
    assert (dist / "test-strategy-1.0.pdf").read_bytes() == b"%PDF-1.7 built now\n"
    assert (minimal / "site" / "test-strategy-1.0.pdf").read_bytes() == b"%PDF-1.7 built now\n"
    assert 'href="../test-strategy-1.0.pdf"' in (minimal / "site" / "om-utgavan" / "index.html").read_text("utf-8")


def test_a_web_only_build_takes_the_pdf_from_dist_dir(minimal, tmp_path):
    dist = tmp_path / "elsewhere"
    dist.mkdir()
    (dist / "test-strategy-1.0.pdf").write_bytes(b"%PDF-1.7 built before\n")
    (minimal / "dist").mkdir()
    (minimal / "dist" / "test-strategy-1.0.pdf").write_bytes(b"%PDF-1.7 not this one\n")
    assert main(["build", str(minimal), "--web", "--dist-dir", str(dist)]) == 0
    assert (minimal / "site" / "test-strategy-1.0.pdf").read_bytes() == b"%PDF-1.7 built before\n"


def test_output_closed_early_exits_quietly():
    """`strategy rules | head -1`: the reader goes away; no traceback, no 'internal error'."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line is written
    try:
        proc = subprocess.run([sys.executable, "-m", "strategykit", "rules"], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write_end)
    assert proc.stderr == ""
    assert proc.returncode == 141


def test_output_closed_by_head_exits_quietly(tmp_path):
    proc = subprocess.run(f"{sys.executable} -m strategykit rules 2>{tmp_path / 'err'} | head -1",
                          shell=True, capture_output=True, text=True, timeout=60)
    assert proc.stdout.count("\n") == 1
    assert (tmp_path / "err").read_text() == ""


def test_check_does_not_import_heavy_modules():
    code = (
        "import sys; from strategykit.cli import main; rc = main(['check', %r, '--format', 'json']);"
        "heavy = [m for m in ('mkdocs', 'material', 'pypandoc', 'typst', 'jinja2', 'markdown', 'strategykit.render.pdf.editions', 'strategykit.plan') if m in sys.modules];"
        "print('HEAVY', heavy)" % str(MINIMAL)
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in proc.stdout, proc.stdout + proc.stderr


def test_console_script_is_installed():
    assert (REPO / ".venv" / "bin" / "strategy").exists() or os.environ.get("CI_NO_VENV")
