"""Renderer failures found by fuzzing (issue 18, item 5), each now refused by `check` at its place.

Before: a link `[x](<a b>)` passed the check and failed MkDocs' strict build; a U+001D control
character passed the check and failed Typst's PDF/UA step.
"""

from __future__ import annotations

import pytest

from strategykit.project import check

from conftest import find

CHAPTER = "strategy/01-inledning.md"
HEAD = "# Inledning\n\nMål P1.1 och P1.2.\n\n"


def write_chapter(root, body: str) -> None:
    (root / CHAPTER).write_text(HEAD + body, encoding="utf-8")


def where(d) -> tuple[str, int, int]:
    return d.position.file, d.position.line, d.position.column


@pytest.mark.parametrize("link", ["[x](<a b>)", "[x](ab)", "[x](bilaga.pdf)", "[x](../goals.yaml)",
                                  "[x](bilder/)", "[x](.dold.txt)"])
def test_a_link_to_a_file_the_site_does_not_publish_is_refused(minimal, link):
    (minimal / "strategy" / ".dold.txt").write_text("x", encoding="utf-8")
    (minimal / "strategy" / "bilder").mkdir()
    write_chapter(minimal, f"Se {link}.\n")
    (d,) = find(minimal, "chapter-link-broken")
    assert where(d) == (CHAPTER, 5, 4)
    assert "not a file in the strategy/ folder" in d.message


@pytest.mark.parametrize("link", ["[bilaga](bilaga.pdf)", "[bilaga](<bilaga med mellanrum.pdf>)",
                                  "[webb](https://example.org/a b)", "[ankare](#inledning)", "[post](mailto:a@b.se)"])
def test_a_link_to_a_file_in_the_strategy_folder_or_the_web_is_fine(minimal, link):
    (minimal / "strategy" / "bilaga.pdf").write_bytes(b"%PDF-1.7\n")
    (minimal / "strategy" / "bilaga med mellanrum.pdf").write_bytes(b"%PDF-1.7\n")
    write_chapter(minimal, f"Se {link}.\n")
    assert "chapter-link-broken" not in [d.code for d in check(minimal).diagnostics]


@pytest.mark.parametrize("char", ["\x1d", "\x00", "\x07", "\x7f", "\x85", "\ufeff"])
def test_a_control_character_in_a_chapter_is_refused_at_its_place(minimal, char):
    write_chapter(minimal, f"Tecken{char} här.\n")
    (d,) = find(minimal, "control-character")
    assert where(d) == (CHAPTER, 5, 7)
    assert f"U+{ord(char):04X}" in d.message


def test_tabs_line_ends_and_invisible_formatting_characters_are_fine(minimal):
    (minimal / CHAPTER).write_text("\ufeff" + HEAD + "Tab\there,\r\nnoll\u200bbrett, mjukt\u00adbindestreck.\n",
                                   encoding="utf-8")
    assert "control-character" not in [d.code for d in check(minimal).diagnostics]


@pytest.mark.parametrize("reference", ["&#x1D;", "&#29;", "&#X1d;", "&#x9F;"])
def test_a_reference_to_a_control_character_is_refused(minimal, reference):
    write_chapter(minimal, f"Tecken {reference} här.\n")
    (d,) = find(minimal, "control-character")
    assert where(d) == (CHAPTER, 5, 8)


def test_an_ordinary_character_reference_is_fine(minimal):
    write_chapter(minimal, "Tecken &#x41; &#229; &amp; &#x1F600; här.\n")
    assert "control-character" not in [d.code for d in check(minimal).diagnostics]


@pytest.mark.parametrize("value", ['"Titel\\x1d"', '"Titel\\u001d"', '"Titel\\0"', '"Titel &#x1D;"'])
def test_a_control_character_in_a_yaml_text_is_refused_at_its_value(minimal, value):
    from conftest import edit, line_of

    text = (minimal / "goals.yaml").read_text(encoding="utf-8")
    title_line = next(line for line in text.split("\n") if line.strip().startswith("title:"))
    edit(minimal, title_line, title_line.split("title:")[0] + "title: " + value)
    (d,) = find(minimal, "control-character")
    assert d.position.file == "goals.yaml" and d.position.line == line_of(minimal, "Titel")


@pytest.mark.parametrize("text, char", [("Glad 😀 här.", "😀"), ("Kinesiska 中文.", "中"), ("Tumme 👍🏽.", "👍")])
def test_a_character_none_of_the_pdf_fonts_has_is_refused_at_its_place(minimal, text, char):
    # Before: check passed and Typst's PDF/UA step failed ("could not be displayed with font").
    write_chapter(minimal, text + "\n")
    (d,) = find(minimal, "character-not-in-fonts")
    assert where(d) == (CHAPTER, 5, text.index(char) + 1)
    assert f"U+{ord(char):04X}" in d.message


def test_letters_symbols_and_invisible_marks_the_fonts_cover_are_fine(minimal):
    write_chapter(minimal, "Åäö ß é ñ Ωμ Жизнь ∑ √2 ½ € № ™ ∮ ℵ ⟨x⟩ ☃ ♥ – — … «» „“ e\u0301 noll\u200bbrett "
                           "mjukt\u00adbindestreck \ufe0f\n")
    assert "character-not-in-fonts" not in [d.code for d in check(minimal).diagnostics]


def test_the_table_of_the_builtin_fonts_is_current():
    from strategykit.source import glyphs

    stored = glyphs.TABLE.read_text(encoding="ascii")
    try:
        glyphs.main()
        assert glyphs.TABLE.read_text(encoding="ascii") == stored, "run python -m strategykit.source.glyphs"
    finally:
        glyphs.TABLE.write_text(stored, encoding="ascii")


def test_a_font_file_in_the_profile_folder_is_read():
    from pathlib import Path

    from strategykit.source import glyphs

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
    if not font.is_file():
        pytest.skip("no system DejaVu Sans Mono to read")
    covered = glyphs.font_coverage(font.read_bytes())
    assert ord("A") in covered and ord("Ж") in covered and ord("中") not in covered


def test_a_character_none_of_the_pdf_fonts_has_in_a_yaml_text_is_refused_at_its_value(minimal):
    from conftest import edit, line_of

    text = (minimal / "goals.yaml").read_text(encoding="utf-8")
    title_line = next(line for line in text.split("\n") if line.strip().startswith("title:"))
    edit(minimal, title_line, title_line.split("title:")[0] + 'title: "Titel 😀"')
    (d,) = find(minimal, "character-not-in-fonts")
    assert d.position.file == "goals.yaml" and d.position.line == line_of(minimal, "Titel")


def test_a_footnote_never_referred_to_is_refused_at_its_definition(minimal):
    # Found by the build fuzz: MkDocs' strict build fails on "a footnote that is never referenced".
    write_chapter(minimal, "Text.\n\n[^1]: fotnot\n")
    (d,) = find(minimal, "footnote-unused")
    assert where(d) == (CHAPTER, 7, 1)


@pytest.mark.parametrize("item", ["-\t [^1]: fotnot", "1. [^1]: fotnot", "> [^1]: fotnot"])
def test_a_footnote_defined_in_a_list_item_or_a_quote_is_found_too(minimal, item):
    # Found by the long build fuzz: MkDocs' strict build fails on it as on any unused note.
    write_chapter(minimal, f"Text.\n\n{item}\n")
    (d,) = find(minimal, "footnote-unused")
    assert where(d) == (CHAPTER, 7, item.index("[^") + 1)


def test_a_footnote_referred_to_is_fine_and_is_no_link(minimal):
    write_chapter(minimal, "Text.[^1] Mer.[^not]\n\n[^1]: fotnot\n\n[^not]: https://example.org\n")
    found = [d.code for d in check(minimal).diagnostics]
    assert "footnote-unused" not in found and "chapter-link-broken" not in found
