"""Chapter size and nesting limits (rules/limits.py): each fires at its place and stays quiet within the limit.

The limits keep every chapter that checks clean within what pandoc, Python-Markdown and Typst build
in seconds; beyond them the engines take minutes or fail (figures in rules/limits.py).
"""

from __future__ import annotations

import time

import pytest

from strategykit.plan import gather
from strategykit.project import check
from strategykit.rules import limits

from conftest import find

CHAPTER = "strategy/01-inledning.md"
HEAD = "# Inledning\n\nMål P1.1 och P1.2.\n\n"


def write_chapter(root, body: str) -> None:
    (root / CHAPTER).write_text(HEAD + body, encoding="utf-8")


def where(d) -> tuple[str, int, int]:
    return d.position.file, d.position.line, d.position.column


def codes(root) -> list[str]:
    return [d.code for d in check(root).diagnostics]


def test_a_chapter_over_one_megabyte_is_refused(minimal):
    write_chapter(minimal, ("Ett stycke text om regionen. " * 30 + "\n\n") * 1200)
    (d,) = find(minimal, "chapter-too-large")
    assert where(d) == (CHAPTER, 1, 1) and "1 MB" in d.message


def test_a_chapter_under_one_megabyte_is_not_too_large(minimal):
    write_chapter(minimal, ("Ett stycke text om regionen. " * 30 + "\n\n") * 1000)
    assert "chapter-too-large" not in codes(minimal)


@pytest.mark.parametrize("body, line", [
    ("> " * 11 + "För djupt.\n", 5),
    ("".join("    " * i + "- punkt\n" for i in range(11)), 15),
    ("".join("   " * i + "1. punkt\n" for i in range(11)), 15),
    ("> " * 6 + "\n" + "".join("> " * 6 + "    " * i + "- punkt\n" for i in range(5)), 10),
])
def test_block_quotes_and_lists_nested_more_than_ten_levels_are_refused(minimal, body, line):
    write_chapter(minimal, body)
    (d,) = find(minimal, "chapter-nesting-too-deep")
    assert d.position.file == CHAPTER and d.position.line == line
    assert "11 levels" in d.message and "at most 10" in d.message


@pytest.mark.parametrize("body", ["> " * 10 + "Djupt nog.\n", "".join("    " * i + "- punkt\n" for i in range(10))])
def test_ten_levels_of_block_quotes_or_lists_are_allowed(minimal, body):
    write_chapter(minimal, body)
    assert "chapter-nesting-too-deep" not in codes(minimal)


def test_brackets_nested_more_than_three_deep_are_refused_where_they_start(minimal):
    write_chapter(minimal, "Text.\n\nSe " + "[" * 24 + "x" + "]" * 24 + ".\n")
    (d,) = find(minimal, "chapter-nesting-too-deep")
    assert where(d) == (CHAPTER, 7, 4) and "24 levels" in d.message


def test_unclosed_brackets_count_as_open(minimal):
    write_chapter(minimal, "Se [a " * 3000 + "\n")
    started = time.monotonic()
    (d,) = find(minimal, "chapter-nesting-too-deep")
    assert time.monotonic() - started < 10
    assert where(d) == (CHAPTER, 5, 4) and "3000 levels" in d.message


@pytest.mark.parametrize("body", ["Se [planen [2020] och [2021]](plan.md) och [[[x]]].\n",
                                  "Escaped \\[\\[\\[\\[\\[\\[\\[ brackets.\n",
                                  "```\n[[[[[[[[[[ in a code block\n```\n",
                                  ("[a] " * 2000) + "\n"])
def test_brackets_within_the_limit_are_allowed(minimal, body):
    write_chapter(minimal, body)
    assert "chapter-nesting-too-deep" not in codes(minimal)


def test_a_long_run_of_backticks_is_refused_at_its_place(minimal):
    write_chapter(minimal, "Text med " + "`" * 50_000 + " slut.\n")
    (d,) = find(minimal, "chapter-marks-too-many")
    assert where(d) == (CHAPTER, 5, 10) and "50000 backticks" in d.message


def test_code_spans_and_fences_are_not_long_runs(minimal):
    write_chapter(minimal, "Kör `strategy check` och ``a ` b``.\n\n````\n```\nkod\n```\n````\n\n"
                  + "`" * 10 + "x" + "`" * 10 + "\n")
    assert "chapter-marks-too-many" not in codes(minimal)


def test_a_paragraph_full_of_angle_brackets_is_refused(minimal):
    write_chapter(minimal, "Värden " + "<a " * 3000 + "\n")
    (d,) = find(minimal, "chapter-marks-too-many")
    assert where(d) == (CHAPTER, 5, 8) and "3000 '<'" in d.message


def test_a_few_comparisons_in_a_paragraph_are_allowed(minimal):
    write_chapter(minimal, "Andelen ska vara < 5 % och < 10 %.\n\n" + ("x < y\n\n" * 500))
    assert "chapter-marks-too-many" not in codes(minimal)


def test_the_limits_are_below_what_was_measured_to_hurt():
    # rules/limits.py: pandoc 0.8 s for one paragraph at 12 bracket levels; Typst fails at 35 block quotes.
    assert limits.BRACKET_DEPTH <= 4 and limits.BLOCK_DEPTH <= 12 and limits.BACKTICK_RUN <= 16


AT_THE_LIMITS = (
    "> " * 10 + "Tio citat.\n\n"
    + "".join("    " * i + "- punkt\n" for i in range(10)) + "\n"
    + "Se [a [b [c x]]] och " + " ".join("`" * k + "a" for k in range(1, 11)) + ".\n\n"
    + "Värden " + "<a " * 100 + "\n\n"
) * 20


def test_a_chapter_at_every_limit_checks_clean_and_builds_both_editions_in_time(minimal, tmp_path):
    from strategykit.render.pdf import build_pdf
    from strategykit.render.web import build_site

    write_chapter(minimal, AT_THE_LIMITS)
    result = check(minimal)
    assert result.ok, [f"{d.position} {d.code}" for d in result.diagnostics]
    started = time.monotonic()
    pdf = build_pdf(gather(result.model), tmp_path / "dist")
    build_site(gather(result.model), tmp_path / "site", pdf=pdf)
    assert time.monotonic() - started < 120
