"""Every table of the web edition scrolls in its own box that a keyboard reaches and a screen reader names."""

from __future__ import annotations

import re

from strategykit.project import check
from strategykit.render.web.pages import EditionInfo, generate, wrap_tables

from web_support import REPO

_BOX = re.compile(r'^<div class="sk-table" role="region" tabindex="0" aria-label="([^"]+)" markdown>$')
_HTML_BOX = re.compile(r'^<div class="sk-table" role="region" tabindex="0" aria-label="([^"]+)">$')


def test_every_table_of_the_example_is_in_a_named_focusable_scroll_box():
    """The Markdown tables (boxed by ``wrap_tables``) and the generated HTML ones (``htmlkit.table``)."""
    site = generate(check(REPO).model, EditionInfo(commit=None, build_date="2026-12-04", pdf_name=None))
    markdown_tables = html_tables = 0
    for path, text in site.pages.items():
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if line.startswith("|") and i + 1 < len(lines) and re.match(r"^\|(\s*:?-{3,}:?\s*\|)+\s*$", lines[i + 1]):
                markdown_tables += 1
                assert _BOX.match(lines[i - 2]), (path, line)
            elif line.startswith("<table"):
                html_tables += 1
                assert _HTML_BOX.match(lines[i - 1]), (path, lines[i - 1])
        assert text.count("<table") == sum(line.startswith("<table") for line in lines), path
    assert markdown_tables > 5 and html_tables > 30


def test_a_table_box_is_named_by_the_heading_above_it():
    text = "## Värden för 2024 {: #x }\n\nText.\n\n| År | Värde |\n| --- | ---: |\n| 2024 | 1 |\n"
    assert 'aria-label="Värden för 2024"' in wrap_tables(text, "Tabell")
    assert 'aria-label="Tabell"' in wrap_tables("| a |\n| --- |\n| 1 |", "Tabell")


def test_a_table_in_a_chapter_keeps_its_named_focusable_box_after_cleaning():
    from strategykit.render.web.sanitize import clean_html

    box = '<div class="sk-table" role="region" tabindex="0" aria-label="Befolkning">'
    assert clean_html(box + "<table><tbody><tr><td>1</td></tr></tbody></table></div>").startswith(box)
    assert "onfocus" not in clean_html('<div tabindex="0" onfocus="alert(1)">x</div>')
