"""Chapters cannot carry content that acts or reads files: refused before any build."""

from __future__ import annotations

import pytest

from strategykit.project import check

from conftest import find

CHAPTER = "strategy/01-inledning.md"


def write_chapter(root, body: str) -> None:
    (root / CHAPTER).write_text("# Inledning\n\n" + body, encoding="utf-8")


@pytest.mark.parametrize("html", [
    "<script>alert(1)</script>",
    '<p onclick="steal()">Klicka</p>',
    '<a href="javascript:alert(1)">länk</a>',
    '<iframe src="https://example.org"></iframe>',
    '<img src="file:///etc/passwd" alt="x">',
    'Text med <b onmouseover="x()">fet</b> stil.',
])
def test_html_that_can_act_is_refused(minimal, html):
    write_chapter(minimal, "Stycke.\n\n" + html + "\n")
    (d,) = find(minimal, "unsafe-html")
    assert (d.position.file, d.position.line) == (CHAPTER, 5)
    assert not check(minimal).ok


@pytest.mark.parametrize("html", ["<abbr title=\"Regional utvecklingsstrategi\">RUS</abbr>", "rad<br>rad",
                                  "<details><summary>Mer</summary>\n\nText\n\n</details>"])
def test_harmless_html_is_accepted(minimal, html):
    write_chapter(minimal, html + "\n")
    assert "unsafe-html" not in [d.code for d in check(minimal).diagnostics]


def test_html_in_code_is_not_html(minimal):
    write_chapter(minimal, "Skriv inte `<script>` i kapitel.\n\n```html\n<script>x</script>\n```\n")
    assert "unsafe-html" not in [d.code for d in check(minimal).diagnostics]


@pytest.mark.parametrize("raw", ['```{=typst}\n#read("/etc/passwd")\n```', "`\\input{/etc/passwd}`{=latex}",
                                 "```{=html}\n<b>x</b>\n```", "``` {=tex}\n\\relax\n```"])
def test_raw_blocks_are_refused(minimal, raw):
    write_chapter(minimal, raw + "\n")
    (d,) = find(minimal, "raw-markup")
    assert (d.position.file, d.position.line) == (CHAPTER, 3)


def test_attributes_that_are_not_raw_are_accepted(minimal):
    write_chapter(minimal, "## Rubrik {#ankare}\n\nText.\n")
    assert "raw-markup" not in [d.code for d in check(minimal).diagnostics]


@pytest.mark.parametrize("target", ["/etc/passwd", "../../etc/passwd", "../goals.yaml", "file:///etc/passwd",
                                    "https://example.org/karta.png"])
def test_images_from_outside_the_folder_are_refused(minimal, target):
    write_chapter(minimal, f"![Karta]({target})\n")
    (d,) = find(minimal, "image-outside-folder")
    assert (d.position.file, d.position.line, d.position.column) == (CHAPTER, 3, 1)


def test_image_inside_the_folder_is_accepted(minimal):
    (minimal / "strategy" / "bilder").mkdir()
    write_chapter(minimal, "![Karta över länet](bilder/karta.png)\n")
    assert "image-outside-folder" not in [d.code for d in check(minimal).diagnostics]


@pytest.mark.parametrize("body", ["[Klicka](javascript:alert(1))", "[x](JavaScript:void(0))", "[x](data:text/html;base64,PHNjcmlwdD4=)",
                                  "[x](vbscript:msgbox)", "[Klicka][x]\n\n[x]: javascript:alert(1)"])
def test_links_that_can_act_are_refused(minimal, body):
    write_chapter(minimal, "Stycke.\n\n" + body + "\n")
    (d,) = find(minimal, "unsafe-html")
    assert (d.position.file, d.position.line) == (CHAPTER, 5)


@pytest.mark.parametrize("body", ["[Kolada](https://www.kolada.se)", "[mejla](mailto:rus@example.org)", "[kapitel](02-vision.md#mal)",
                                  "[ankare](#rubrik)", "Klockan 10:30 börjar mötet."])
def test_ordinary_links_and_colons_are_accepted(minimal, body):
    write_chapter(minimal, body + "\n")
    assert "unsafe-html" not in [d.code for d in check(minimal).diagnostics]


@pytest.mark.parametrize("body", ['Text { onclick="x()" }', '## Rubrik { onmouseover="y()" }', "Stycke {: onload=z }"])
def test_event_handlers_in_attribute_lists_are_refused(minimal, body):
    write_chapter(minimal, body + "\n")
    (d,) = find(minimal, "unsafe-html")
    assert d.position.line == 3


@pytest.mark.parametrize("body", ["- punkt\n\n    <script>alert(1)</script>\n", "- punkt\n    <script>alert(1)</script>\n"])
def test_script_inside_a_list_item_is_refused(minimal, body):
    write_chapter(minimal, body)
    assert find(minimal, "unsafe-html")
