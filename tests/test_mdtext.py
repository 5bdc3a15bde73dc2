"""Text from the model shows exactly as written in both editions: MkDocs' Markdown and pandoc's."""

from __future__ import annotations

import html
import re

import markdown
import pypandoc
import pytest
import yaml

from strategykit.present import mdtext
from strategykit.render.pdf.toolchain import CHAPTER_FORMAT

from conftest import REPO

TEXTS = [
    "Företagarna <Västerbotten> & LRF",
    "Mål | delmål",
    "# inte en rubrik",
    "1. inte en lista",
    "2040) inte en lista",
    "- inte en lista",
    "> inte ett citat",
    "snake_case *inte kursiv* [inte](en-länk) {#inte-ett-id} `inte kod` \\ slut",
    "Programmering i C#",
]


EXTENSIONS = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["markdown_extensions"]


def _web(text: str) -> str:
    out = markdown.markdown(text, extensions=EXTENSIONS)
    return html.unescape(re.sub(r"</?p>", "", out)).strip()


def _print(text: str) -> str:
    return pypandoc.convert_text(text, "plain", format=CHAPTER_FORMAT, extra_args=["--wrap=none"]).strip()


@pytest.mark.parametrize("text", TEXTS)
def test_a_paragraph_shows_as_written_on_the_web_and_in_print(text):
    written = mdtext.block(text)
    assert _web(written) == text
    assert _print(written) == text


@pytest.mark.parametrize("text", TEXTS)
def test_a_table_cell_shows_as_written_on_the_web_and_in_print(text):
    table = f"| a |\n| --- |\n| {mdtext.inline(text)} |\n"
    web = html.unescape(markdown.markdown(table, extensions=["tables"]))
    assert f"<td>{text}</td>" in web
    assert text in _print(table)


@pytest.mark.parametrize("text", TEXTS)
def test_a_heading_shows_as_written_on_the_web_and_in_print(text):
    heading = f"## {mdtext.inline(text)}"
    web = markdown.markdown(heading, extensions=EXTENSIONS)
    assert re.sub(r"<h2[^>]*>(.*)</h2>", r"\1", html.unescape(web)) == text
    assert _print(heading) == text


def test_a_line_of_dashes_is_no_thematic_break():
    written = mdtext.block("---")
    assert "<hr" not in markdown.markdown(written, extensions=EXTENSIONS)
    assert "HorizontalRule" not in pypandoc.convert_text(written, "native", format=CHAPTER_FORMAT)


def test_white_space_folds_to_one_line():
    assert mdtext.inline("  två\n rader\tmed  luft ") == "två rader med luft"


def test_an_authors_paragraph_keeps_each_number_on_one_line_but_code_as_written():
    """A chapter's '270 154 folkbokförda invånare' broke as '270' and '154' on a phone: the space
    between digit groups becomes a no-break space in the prose, never inside code."""
    text = ("Länet hade 270 154 invånare och målet är 300 000.\n\n"
            "Koden `1 000` och\n\n```\nx = 1 000\n```\n\n~~~\n2 500\n~~~\n")
    out = mdtext.keep_numbers_in_markdown(text)
    assert "270\u00a0154 invånare" in out and "300\u00a0000." in out
    assert "`1 000`" in out and "x = 1 000" in out and "\n2 500\n" in out


def test_every_chapter_page_keeps_its_numbers_on_one_line():
    from web_support import built

    b = built("example")
    page = html.unescape((b.site / "kapitel" / "02-vasterbotten-idag" / "index.html").read_text(encoding="utf-8"))
    assert "270\u00a0154" in page and not re.search(r"\d \d{3}(?!\d)", re.sub(r"<[^>]*>", "", page))
