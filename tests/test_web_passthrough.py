"""The toolkit's generated HTML is carried past Python-Markdown as it was written (render/web/passthrough)."""

from __future__ import annotations

import re

import markdown

from strategykit.render.web import passthrough
from strategykit.render.web.htmlkit import block


def _convert(text: str) -> str:
    """``text`` through the passthrough and Python-Markdown with the site's extensions, as a page goes."""
    aside, key, kept = passthrough.set_aside(text)
    html = markdown.markdown(aside, extensions=["attr_list", "md_in_html", "tables", "toc"])
    return passthrough.put_back(html, key, kept)


def test_a_marked_block_comes_out_exactly_as_written():
    html = '<div class="sk-table" role="region">\n<table>\n<tr><td>*not emphasis*  a&amp;b</td></tr>\n\n</table>\n</div>'
    out = _convert(f"# Title\n\n{block(html)}\n\nAfter *this*.\n")
    assert html in out
    assert "<em>this</em>" in out and '<h1 id="title">' in out
    assert "strategykit" not in out.replace('class="sk-table"', "")  # no mark, no placeholder left


def test_a_marked_block_is_not_read_by_python_markdown():
    """``md_in_html`` reads the inside of an element marked ``markdown="1"``; in a marked block it does not:
    the block never reaches Python-Markdown (which is what saves its parsing time)."""
    html = '<div markdown="1">\n*b*\n</div>'
    assert "<em>b</em>" in markdown.markdown(html, extensions=["md_in_html"])
    out = _convert(block(html))
    assert html in out and "<em>" not in out


def test_many_blocks_return_each_to_its_own_place():
    blocks = [f"<p class='n'>{i}</p>" for i in range(12)]
    text = "\n\n".join(f"## H{i}\n\n{block(b)}" for i, b in enumerate(blocks))
    out = _convert(text)
    assert re.findall(r"<p class='n'>(\d+)</p>", out) == [str(i) for i in range(12)]


def test_an_authors_text_that_looks_like_a_placeholder_stays_text():
    aside, key, kept = passthrough.set_aside("strategykit0000000000000000n0\n")
    assert passthrough.put_back(markdown.markdown(aside), key, ["<b>x</b>"]) == "<p>strategykit0000000000000000n0</p>"


def test_the_built_follow_up_pages_hold_their_tables_and_no_marks():
    """The example's yearly follow-up: its target tables are there, and no mark or placeholder is left."""
    from web_support import offline_example

    site = offline_example()
    pages = sorted((site / "uppfoljning").glob("2*.html")) or sorted((site / "uppfoljning").glob("2*/index.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'class="sk-table"' in text
        assert passthrough.START not in text and passthrough.END not in text
        assert not re.search(r"<p>strategykit[0-9a-f]{16}n\d+</p>", text)


def test_the_generated_tables_charts_and_calculations_reach_python_markdown_only_as_marked_html():
    """The indicator pages (tables, chart, calculations), the start page (tables of targets, the path to the
    horizon) and the priorities' tables of targets are written as HTML and marked (``htmlkit.block``):
    read as Markdown cell by cell, they were half of the rest of a national-size web build."""
    from strategykit.project import check
    from strategykit.render.web.pages import EditionInfo, generate

    from web_support import REPO

    model = check(REPO).model
    site = generate(model, EditionInfo(commit=None, build_date="2026-12-04", pdf_name=None))
    indicator_pages = [p for p in site.pages if p.startswith("indikatorer/") and not p.endswith("index.md")]
    priority_pages = [p for p in site.pages if p.startswith("prioriteringar/p")]
    assert len(indicator_pages) == len(model.indicators) and priority_pages
    calculations = 0
    for path in ["index.md", "indikatorer/index.md", *indicator_pages, *priority_pages]:
        aside, _, kept = passthrough.set_aside(site.pages[path])
        left = "\n".join(line for line in aside.split("\n") if not line.startswith("|"))  # commitments: Markdown
        assert not re.search(r"<(math|table)\b|<figure class=\"sk-chart\"", left), path
        assert any('class="sk-table"' in b for b in kept), path
        calculations += sum(b.count('class="sk-calcs"') for b in kept)
        if path in indicator_pages:
            assert not [line for line in aside.split("\n") if line.startswith("|")], path
    assert calculations > 0
    assert any('class="sk-roadmap__years"' in b for b in passthrough.set_aside(site.pages["index.md"])[2])
