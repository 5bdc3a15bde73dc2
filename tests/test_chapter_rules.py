"""Rules on what chapters show and link to: images that exist in a usable format, links that lead
somewhere, each chapter file listed once, and a 'chapters:' that is not a list."""

from __future__ import annotations

import pytest

from strategykit.source.load import parse_markdown
from strategykit.project import check
from strategykit.model.anchors import web_anchors, web_slug

from conftest import edit, find, line_of

CHAPTER = "strategy/01-inledning.md"


def write_chapter(root, text: str, name: str = "01-inledning.md") -> None:
    (root / "strategy" / name).write_text(text, encoding="utf-8")


def codes(root) -> list[str]:
    return [d.code for d in check(root).diagnostics]


def where(d) -> tuple[str, int, int]:
    return d.position.file, d.position.line, d.position.column


def add_vision_chapter(root, text: str = "# Vision\n\n## Mål och medel\n\nText.\n") -> None:
    write_chapter(root, text, "03-vision.md")
    edit(root, "    presents: [P1]\n", "    presents: [P1]\n  - id: vision\n    file: strategy/03-vision.md\n")


# -- images ------------------------------------------------------------------------

def test_missing_image_is_reported_by_check_at_the_image(minimal):
    write_chapter(minimal, "# Titel\n\nText ![Karta](bilder/karta.png) mer.\n")
    (d,) = find(minimal, "image-missing")
    assert where(d) == (CHAPTER, 3, 6)
    assert check(minimal).ok is False


def test_existing_image_is_not_missing(minimal):
    write_chapter(minimal, "# Titel\n\n![Karta](karta.png)\n")
    (minimal / "strategy" / "karta.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert "image-missing" not in codes(minimal)


def test_image_without_a_file_name_is_missing(minimal):
    write_chapter(minimal, "# Titel\n\n![Karta]()\n")
    (d,) = find(minimal, "image-missing")
    assert where(d) == (CHAPTER, 3, 1)


def test_reference_style_image_that_is_missing_is_reported(minimal):
    write_chapter(minimal, "# Titel\n\nSe ![Karta][logo].\n\n[logo]: saknas.png\n")
    (d,) = find(minimal, "image-missing")
    assert where(d) == (CHAPTER, 3, 4)


def test_reference_style_image_without_alt_text_is_reported(minimal):
    write_chapter(minimal, "# Titel\n\nText\n![][logo]\n\n[logo]: karta.png\n")
    (minimal / "strategy" / "karta.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (d,) = find(minimal, "image-without-alt")
    assert where(d) == (CHAPTER, 4, 1)


def test_image_in_a_format_the_editions_cannot_show_is_reported(minimal):
    write_chapter(minimal, "# Titel\n\n![Karta](karta.bmp)\n")
    (minimal / "strategy" / "karta.bmp").write_bytes(b"BM")
    (d,) = find(minimal, "image-format")
    assert where(d) == (CHAPTER, 3, 1)


@pytest.mark.parametrize("name", ["karta.svg", "karta.PNG", "karta.jpeg", "karta.webp"])
def test_images_in_usable_formats_pass(minimal, name):
    write_chapter(minimal, f"# Titel\n\n![Karta]({name})\n")
    (minimal / "strategy" / name).write_bytes(b"x")
    assert {"image-format", "image-missing"}.isdisjoint(codes(minimal))


def test_a_missing_image_stays_an_error_whatever_checks_says(minimal):
    write_chapter(minimal, "# Titel\n\n![Karta](karta.png)\n")
    edit(minimal, "chapters:\n", "checks:\n  image-missing: ignore\nchapters:\n")
    result = check(minimal)
    assert not result.ok
    assert [(d.code, d.severity.value, d.position.line) for d in result.diagnostics
            if d.code == "image-missing"] == [("image-missing", "error", 3)]


# -- links between chapters ------------------------------------------------------------

def test_link_to_a_missing_anchor_is_reported_at_the_link(minimal):
    add_vision_chapter(minimal)
    write_chapter(minimal, "# Inledning\n\nSe [visionen](03-vision.md#saknas).\n\n## Arbete\n")
    (d,) = find(minimal, "chapter-link-broken")
    assert where(d) == (CHAPTER, 3, 4)
    assert "#saknas" in d.message and "strategy/03-vision.md" in d.message


def test_link_to_a_chapter_file_that_does_not_exist_is_reported(minimal):
    write_chapter(minimal, "# Inledning\n\nText.\nSe [mer](04-saknas.md).\n")
    (d,) = find(minimal, "chapter-link-broken")
    assert where(d) == (CHAPTER, 4, 4)
    assert "strategy/04-saknas.md" in d.message


def test_link_to_an_unlisted_chapter_file_is_reported_with_a_hint(minimal):
    write_chapter(minimal, "# Glömd\n", "09-glomd.md")
    write_chapter(minimal, "# Inledning\n\nSe [mer](09-glomd.md).\n")
    (d,) = find(minimal, "chapter-link-broken")
    assert "not listed" in d.hint


def test_links_to_headings_by_their_web_anchor_pass(minimal):
    add_vision_chapter(minimal, "# Vision\n\n## Mål och medel\n\n## Steg 1: *Vägen* framåt\n\n"
                                "## Mål och medel\n\n## Bilden {#bild}\n")
    write_chapter(minimal, "# Inledning\n\n[a](03-vision.md) [b](03-vision.md#mal-och-medel) "
                           "[c](03-vision.md#steg-1-vagen-framat) [d](03-vision.md#mal-och-medel_1) "
                           "[e](03-vision.md#bild) [f](#inledning) [g](https://example.org/x.md#y)\n")
    assert "chapter-link-broken" not in codes(minimal)


def test_reference_style_link_to_a_missing_anchor_is_reported(minimal):
    add_vision_chapter(minimal)
    write_chapter(minimal, "# Inledning\n\nSe [visionen][v].\n\n[v]: 03-vision.md#malbild\n")
    (d,) = find(minimal, "chapter-link-broken")
    assert where(d) == (CHAPTER, 3, 4)


def test_anchor_written_with_swedish_letters_gets_the_web_anchor_as_hint(minimal):
    add_vision_chapter(minimal)
    write_chapter(minimal, "# Inledning\n\nSe [målen](03-vision.md#mål-och-medel).\n")
    (d,) = find(minimal, "chapter-link-broken")
    assert "#mal-och-medel" in d.hint


def test_anchor_in_the_same_chapter_is_checked(minimal):
    write_chapter(minimal, "# Inledning\n\nSe [nedan](#arbete) och [fel](#arbetet).\n\n## Arbete\n")
    (d,) = find(minimal, "chapter-link-broken")
    assert where(d) == (CHAPTER, 3, 25)


def test_link_inside_code_is_not_checked(minimal):
    write_chapter(minimal, "# Inledning\n\n```\n[x](saknas.md)\n```\n\nSe `[y](saknas.md)`.\n")
    assert "chapter-link-broken" not in codes(minimal)


@pytest.mark.parametrize("heading,slug", [
    ("Mål och medel", "mal-och-medel"),
    ("Västerbotten i dag", "vasterbotten-i-dag"),
    ("Steg 1: Vägen – framåt!", "steg-1-vagen-framat"),
    ("Å, ä & ö", "a-a-o"),
])
def test_web_slug_is_mkdocs_default_toc_slug(heading, slug):
    assert web_slug(heading) == slug


def test_web_anchors_follow_explicit_ids_and_number_repeats():
    md = parse_markdown("# T\n\n## Bakgrund\n\n## Bakgrund\n\n## Mål {#mal}\n\nText {: #stycke }\n", "c.md")
    assert sorted(web_anchors(md)) == ["bakgrund", "bakgrund_1", "mal", "stycke", "t"]


# -- the list of chapters -----------------------------------------------------------------

def test_chapter_file_listed_twice_is_reported_at_the_second_file_line(minimal):
    write_chapter(minimal, "# Vision\n", "03-vision.md")
    edit(minimal, "    presents: [P1]\n",
         "    presents: [P1]\n  - id: vision\n    file: strategy/01-inledning.md\n")
    (d,) = find(minimal, "duplicate-chapter-file")
    lines = [i for i, text in enumerate((minimal / "goals.yaml").read_text().split("\n"), 1)
             if "file: strategy/01-inledning.md" in text]
    assert (d.position.file, d.position.line) == ("goals.yaml", lines[1])
    assert "strategy/03-vision.md" in d.hint
    assert "chapter-not-listed" not in codes(minimal)


def test_distinct_chapter_files_are_not_duplicates(minimal):
    add_vision_chapter(minimal)
    assert "duplicate-chapter-file" not in codes(minimal)


@pytest.mark.parametrize("value", ["5", "true", "x", "{a: 1}"])
def test_chapters_that_is_not_a_list_is_only_a_wrong_type(minimal, value):
    text = (minimal / "goals.yaml").read_text(encoding="utf-8")
    (minimal / "goals.yaml").write_text(text.split("chapters:\n")[0] + f"chapters: {value}\n", encoding="utf-8")
    result = check(minimal)
    assert [(d.code, d.position.line) for d in result.diagnostics] == \
        [("wrong-type", line_of(minimal, "chapters:"))]


def test_a_toc_separator_in_mkdocs_yml_is_the_anchors_separator(minimal):
    """The site writes '## Mål och medel' as '#mal_och_medel' when mkdocs.yml sets toc's separator to '_'."""
    add_vision_chapter(minimal)
    (minimal / "mkdocs.yml").write_text("theme:\n  name: material\nmarkdown_extensions:\n  - toc:\n      separator: _\n",
                                        encoding="utf-8")
    write_chapter(minimal, "# Inledning\n\nSe [nedan](#mal_och_medel) och [fel](#mal-och-medel).\n\n## Mål och medel\n")
    (d,) = find(minimal, "chapter-link-broken")
    assert "#mal-och-medel" in d.message and "#mal_och_medel" in d.hint
