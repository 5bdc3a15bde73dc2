"""Bad input and bad surroundings end in a plain message and the right exit code, never an internal error.

NUL and other control characters in paths and texts, an output folder that cannot be
written, a command started in a folder that a build deletes or that is already gone.
"""

from __future__ import annotations

import os

import pytest

from strategykit.cli import main
from strategykit.project import check

from conftest import edit, line_of
from test_cli import _fake_pdf, run


def _no_internal_error(stderr: str) -> None:
    assert "internal error" not in stderr and "Traceback" not in stderr, stderr


def test_a_nul_byte_in_a_chapter_path_is_a_positioned_diagnostic(minimal, capsys):
    edit(minimal, "file: strategy/01-inledning.md", 'file: "strategy/01-inl\\0edning.md"')
    assert main(["check", str(minimal), "--format", "text"]) == 1
    out = capsys.readouterr().out
    line = line_of(minimal, "01-inl\\0edning")
    assert f"goals.yaml:{line}:11: error control-character" in out


@pytest.mark.parametrize("escape", ["\\0", "\\x1b[2J", "\\a", "\\x7f", "\\u0085", "\\x1d"])
def test_a_control_character_in_a_text_is_refused_at_its_place(minimal, escape):
    edit(minimal, "title: Teststrategi 2020–2030", f'title: "Test{escape}strategi"')
    result = check(minimal)
    assert [(d.code, d.position.line, d.position.column) for d in result.diagnostics] == [
        ("control-character", 4, 10)]
    assert not result.ok


def test_a_control_character_in_a_key_is_refused(minimal):
    edit(minimal, "  title: Teststrategi 2020–2030", '  "ti\\0tle": Teststrategi 2020–2030')
    assert [d.code for d in check(minimal).diagnostics] == ["control-character"]


def test_tabs_and_line_breaks_in_texts_stay_allowed(minimal):
    edit(minimal, "title: Teststrategi 2020–2030", 'title: "Test\\tstrategi"')
    assert check(minimal).ok


@pytest.mark.parametrize("line", ["![Bild](bild%00.png)", "[Länk](02%00.md)", "![Bild](%00/../../x.png)"])
def test_a_nul_in_a_chapter_link_or_image_is_a_diagnostic_not_a_crash(minimal, line, capsys):
    with open(minimal / "strategy" / "01-inledning.md", "a", encoding="utf-8") as fh:
        fh.write(f"\n{line}\n")
    assert main(["check", str(minimal), "--format", "text"]) == 1
    out = capsys.readouterr().out
    assert "strategy/01-inledning.md:9:1: error" in out
    assert "\0" not in out


def test_control_characters_quoted_in_diagnostics_are_shown_as_escapes(minimal, capsys):
    with open(minimal / "strategy" / "01-inledning.md", "a", encoding="utf-8") as fh:
        fh.write("\n[Länk](02%1b%5B2J%00.md)\n")
    for fmt in ("text", "github"):
        assert main(["check", str(minimal), "--format", fmt]) == 1
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\0" not in out
        assert "\\x1b" in out


def test_a_site_dir_below_a_file_is_a_usage_error_and_nothing_is_built(minimal, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    proc = run("build", str(minimal), "--web", "--site-dir", str(blocker / "site"))
    assert proc.returncode == 2
    assert "is a file, not a folder" in proc.stderr
    _no_internal_error(proc.stderr)
    assert blocker.read_text() == "not a folder" and not (minimal / ".build").exists()


def test_a_site_dir_that_is_a_file_is_a_usage_error(minimal, tmp_path):
    blocker = tmp_path / "site"
    blocker.write_text("not a folder")
    proc = run("build", str(minimal), "--web", "--site-dir", str(blocker))
    assert proc.returncode == 2 and "it is a file, not a folder" in proc.stderr
    _no_internal_error(proc.stderr)


def test_an_unwritable_output_folder_is_a_usage_error_before_anything_is_built(minimal, tmp_path, monkeypatch,
                                                                                capsys):
    # Tests may run as root, for whom every folder is writable: the permission answer is simulated.
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(readonly) else real_access(p, mode))
    assert main(["build", str(minimal), "--pdf", "--dist-dir", str(readonly / "dist")]) == 2
    err = capsys.readouterr().err
    # the folder as the message shows paths: relative to where the command runs
    assert "is not writable (permission denied)" in err and f"'{os.path.relpath(readonly)}' is not writable" in err
    assert not (minimal / "dist").exists() and not list(readonly.iterdir())


def test_a_write_refused_half_way_is_a_plain_message_with_exit_1(minimal, monkeypatch, capsys):
    import strategykit.atomic

    def refused(dest, data):
        raise PermissionError(13, "Permission denied", str(dest))

    monkeypatch.setattr(strategykit.atomic, "write_atomic", refused)
    assert main(["consultation", str(minimal), "--page", "participation", "-o", str(minimal / "out.md")]) == 1
    err = capsys.readouterr().err
    assert "cannot write or read" in err and "out.md" in err and "Permission denied" in err
    _no_internal_error(err)


def test_a_build_started_inside_its_own_work_folder_finishes(minimal, monkeypatch, capsys):
    """`strategy build` run in .build/web: the build replaces that folder, the command's own working folder."""
    _fake_pdf(monkeypatch, b"%PDF-1.7\n")
    assert main(["build", str(minimal), "--web"]) == 0
    monkeypatch.chdir(minimal / ".build" / "web")
    assert main(["build", "../..", "--web"]) == 0
    err = capsys.readouterr().err
    _no_internal_error(err)
    assert (minimal / "site" / "index.html").is_file()


def test_a_command_started_in_a_deleted_folder_is_a_usage_error(tmp_path, monkeypatch, capsys):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "the current folder no longer exists" in err
    _no_internal_error(err)


@pytest.mark.parametrize("character", ["\x00", "\x1d", "\x1b", "\x07", "\x85"])
def test_a_control_character_in_a_chapter_is_refused_at_its_place(minimal, character):
    with open(minimal / "strategy" / "01-inledning.md", "a", encoding="utf-8") as fh:
        fh.write(f"\nEn rad med{character} ett tecken.\n")
    result = check(minimal)
    assert [(d.code, d.position.file, d.position.line, d.position.column) for d in result.diagnostics] == [
        ("control-character", "strategy/01-inledning.md", 9, 11)]
    assert not result.ok


def test_a_control_character_in_a_data_file_is_refused_at_its_place(minimal):
    (minimal / "data").mkdir()
    (minimal / "data" / "population.csv").write_text(
        "year,value,breakdown,provenance,source,retrieved\n2019,101000,total,sourced,SCB\x1b[2J,2025-01-15\n",
        encoding="utf-8")
    assert [(d.code, d.position.line, d.position.column) for d in check(minimal).diagnostics] == [
        ("control-character", 2, 30)]


def test_tabs_and_page_breaks_in_a_chapter_stay_allowed(minimal):
    with open(minimal / "strategy" / "01-inledning.md", "a", encoding="utf-8") as fh:
        fh.write("\nEn\ttabell\n\f\n")
    assert check(minimal).ok
