"""Under GitHub Actions every diagnostic is also listed in the job summary, in plain Markdown.

Annotations show inline only on the lines a pull request changed; a problem elsewhere would be
visible only in the log, which an author in the web editor never opens.
"""

from __future__ import annotations

from strategykit.cli import main
from strategykit.diagnostics import Diagnostic, Position, Severity
from strategykit.cli.formats import format_markdown

from conftest import edit, line_of


def test_check_with_github_format_also_lists_every_problem_in_the_job_summary(minimal, tmp_path, monkeypatch,
                                                                             capsys):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(minimal)
    edit(minimal, "  title: Teststrat", "  titel: Teststrat")
    line = line_of(minimal, "titel:")
    assert main(["check", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert f"::error file=goals.yaml,line={line}" in out
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### strategy check: ")
    assert f"**goals.yaml:{line}:3** (unknown-key): " in text and "'titel'" in text  # in the strategy's language
    assert text.count("- ❌ fel") == out.count("::error")


def test_a_clean_check_says_so_in_the_summary(minimal, tmp_path, monkeypatch, capsys):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check", str(minimal), "--format", "github"]) == 0
    assert summary.read_text(encoding="utf-8") == "### strategy check: Inga problem hittades.\n\n\n"


def test_text_format_leaves_the_summary_alone(minimal, tmp_path, monkeypatch, capsys):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check", str(minimal), "--format", "text"]) == 0
    assert not summary.exists()


def test_an_unwritable_summary_does_not_change_the_result(minimal, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no-such-folder" / "summary.md"))
    assert main(["check", str(minimal), "--format", "github"]) == 0


def test_markdown_format_on_the_command_line(minimal, capsys):
    edit(minimal, "  title: Teststrat", "  titel: Teststrat")
    assert main(["check", str(minimal), "--format", "markdown"]) == 1
    assert "(unknown-key): " in capsys.readouterr().out


def test_an_authors_words_are_shown_literally_never_as_markup():
    d = Diagnostic("unknown-key", Severity.WARNING, "Unknown key '<script>x</script>' [a](javascript:x) *b* |c|",
                   Position("goals.yaml", 3, 5), hint="Use `title`\nor _name_")
    text = format_markdown([d])
    assert "<script>" not in text and "[a](" not in text
    assert r"\<script\>x\</script\>" in text and r"\[a\](javascript:x) \*b\* \|c\|" in text
    assert r"hint: Use \`title\` or \_name\_" in text
    assert "- ⚠️ warning **goals.yaml:3:5** (unknown-key)" in text
