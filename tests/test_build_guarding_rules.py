"""Problems that would break the editions are errors of `strategy check`, whatever `checks:` says.

The renderers trust the checked model; these rules (``guards_build``) are what makes that safe.
"""

from __future__ import annotations

from strategykit.project import check
from strategykit.rules import RULES

from conftest import edit


def codes(diagnostics, severity: str | None = None) -> list[tuple[str, str, int]]:
    return [(d.code, d.position.file, d.position.line) for d in diagnostics
            if severity is None or d.severity.value == severity]


def test_a_valid_strategy_has_nothing_to_refuse(minimal):
    assert check(minimal).ok


def test_the_rules_the_editions_depend_on_guard_the_build():
    assert {code for code, r in RULES.items() if r.guards_build} >= {
        "chapter-missing", "chapter-outside-folder", "chapter-without-title", "image-without-alt",
        "image-outside-folder", "image-missing", "image-format", "raw-markup", "heading-level-skipped"}


def test_skipped_heading_level_is_reported_by_check(minimal):
    edit(minimal, "## Arbete", "### Arbete", file="strategy/01-inledning.md")
    result = check(minimal)
    assert codes(result.diagnostics, "error") == [("heading-level-skipped", "strategy/01-inledning.md", 5)]


def test_consecutive_and_rising_heading_levels_are_fine(minimal):
    edit(minimal, "## Arbete\n", "## Arbete\n\n### Detalj\n\n#### Mer\n\n## Nästa\n",
         file="strategy/01-inledning.md")
    assert "heading-level-skipped" not in {d.code for d in check(minimal).diagnostics}


def test_a_chapter_that_starts_deeper_than_level_two_is_reported(minimal):
    edit(minimal, "# Inledning", "### Inledning", file="strategy/01-inledning.md")
    assert ("heading-level-skipped", "strategy/01-inledning.md", 1) in codes(check(minimal).diagnostics)


def test_missing_alt_text_stays_an_error_when_checks_downgrade_it(minimal):
    edit(minimal, "Det här är en teststrategi.", "Det här är en teststrategi.\n\n![](karta.png)",
         file="strategy/01-inledning.md")
    (minimal / "strategy" / "karta.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with open(minimal / "goals.yaml", "a", encoding="utf-8") as fh:
        fh.write("checks:\n  image-without-alt: warning\n")
    result = check(minimal)
    assert not result.ok
    assert codes(result.diagnostics, "error") == [("image-without-alt", "strategy/01-inledning.md", 5)]
    lowered = [d for d in result.diagnostics if d.code == "check-cannot-be-lowered"]
    assert [(d.severity.value, d.position.file) for d in lowered] == [("warning", "goals.yaml")]


def test_a_rule_that_does_not_guard_the_build_can_be_lowered(minimal):
    with open(minimal / "goals.yaml", "a", encoding="utf-8") as fh:
        fh.write("checks:\n  unused-indicator: ignore\n")
    assert "check-cannot-be-lowered" not in {d.code for d in check(minimal).diagnostics}


def test_image_in_a_format_typst_cannot_embed_is_reported(minimal):
    edit(minimal, "Det här är en teststrategi.", "Det här är en teststrategi.\n\n![Karta](karta.bmp)",
         file="strategy/01-inledning.md")
    (minimal / "strategy" / "karta.bmp").write_bytes(b"BM")
    assert codes(check(minimal).diagnostics, "error") == [("image-format", "strategy/01-inledning.md", 5)]
