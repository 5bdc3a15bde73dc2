"""Problems that would break the PDF are found by rules, before pandoc or Typst run."""

from __future__ import annotations

from strategykit.render.pdf import preflight
from strategykit.project import check

from conftest import edit


def codes(diagnostics) -> list[tuple[str, str, int]]:
    return [(d.code, d.position.file, d.position.line) for d in diagnostics]


def test_a_valid_strategy_has_nothing_to_refuse(minimal):
    assert preflight(check(minimal).model) == []


def test_skipped_heading_level_is_reported_by_check(minimal):
    edit(minimal, "## Arbete", "### Arbete", file="strategy/01-inledning.md")
    result = check(minimal)
    assert ("heading-level-skipped", "strategy/01-inledning.md", 5) in codes(result.diagnostics)
    assert codes(preflight(result.model)) == [("heading-level-skipped", "strategy/01-inledning.md", 5)]


def test_consecutive_and_rising_heading_levels_are_fine(minimal):
    edit(minimal, "## Arbete\n", "## Arbete\n\n### Detalj\n\n#### Mer\n\n## Nästa\n",
         file="strategy/01-inledning.md")
    assert "heading-level-skipped" not in {d.code for d in check(minimal).diagnostics}


def test_a_chapter_that_starts_deeper_than_level_two_is_reported(minimal):
    edit(minimal, "# Inledning", "### Inledning", file="strategy/01-inledning.md")
    assert ("heading-level-skipped", "strategy/01-inledning.md", 1) in codes(check(minimal).diagnostics)


def test_pdf_refuses_missing_alt_text_even_when_checks_downgrade_it(minimal):
    edit(minimal, "Det här är en teststrategi.", "Det här är en teststrategi.\n\n![](karta.png)",
         file="strategy/01-inledning.md")
    (minimal / "strategy" / "karta.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with open(minimal / "goals.yaml", "a", encoding="utf-8") as fh:
        fh.write("checks:\n  image-without-alt: warning\n")
    result = check(minimal)
    assert result.ok, [str(d.position) + d.code for d in result.diagnostics]
    assert codes(preflight(result.model)) == [("image-without-alt", "strategy/01-inledning.md", 5)]


def test_image_in_a_format_typst_cannot_embed_is_reported(minimal):
    edit(minimal, "Det här är en teststrategi.", "Det här är en teststrategi.\n\n![Karta](karta.bmp)",
         file="strategy/01-inledning.md")
    (minimal / "strategy" / "karta.bmp").write_bytes(b"BM")
    assert codes(preflight(check(minimal).model)) == [("image-format", "strategy/01-inledning.md", 5)]
