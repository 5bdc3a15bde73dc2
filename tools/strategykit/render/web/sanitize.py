"""Defense in depth for chapters: the final HTML of every chapter page goes through nh3.

``strategy check`` refuses a chapter with raw HTML that could act (rule ``unsafe-html``),
so a build never starts with one. This module is the second line, for whatever gets
past that rule: after MkDocs (or Zensical) has rendered the site, the content of each
chapter page is sanitized with nh3 (ammonia), keeping only the tags and attributes
that Markdown produces, and only http, https and mailto links.

Why the final HTML and not the raw HTML fragments of the Markdown source: the rule
sees the chapter through markdown-it-py (CommonMark), but the site is rendered by
Python-Markdown, and the two disagree. Python-Markdown publishes a ``<script>`` that
CommonMark reads as an indented code block inside a list item, and some Markdown
makes active HTML without any raw HTML at all: ``[x](javascript:…)`` is a link with a
``javascript:`` address, and ``{ onclick="…" }`` (attr_list) adds an event handler.
Only the rendered page is what a browser runs, so that is what is cleaned.

Only chapter pages are cleaned: every other page is generated from goals.yaml with
every text escaped (``pages.esc``), and holds the charts' SVG, which nh3 would drop.
"""

from __future__ import annotations

import re

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
})
"""What Python-Markdown and the Markdown extensions in mkdocs.yml produce, and plain formatting."""

ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "div": {"role", "tabindex", "aria-label"},  # a table's scroll box (pages.wrap_tables); none of these acts
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type", "reversed"},
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "scope", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "details": {"open"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
"""``style`` only on table cells, where the tables extension aligns columns, and only ``text-align`` in it."""

URL_SCHEMES = frozenset({"http", "https", "mailto"})

_ARTICLE_OPEN = re.compile(r"<article\b[^>]*>")
_ARTICLE_CLOSE = "</article>"


class NotAPage(ValueError):
    """The HTML has no <article> with the page's content, so it cannot be cleaned safely."""


def clean_html(fragment: str) -> str:
    """``fragment`` with everything that could act removed: scripts, handlers, javascript: and data: links."""
    import nh3

    return nh3.clean(fragment, tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                     clean_content_tags={"script", "style"}, url_schemes=set(URL_SCHEMES), link_rel=None,
                     strip_comments=True, filter_style_properties={"text-align"})


def clean_page(html: str) -> str:
    """A built page with the content of its ``<article>`` cleaned; the theme around it is kept.

    Everything the chapter made lies between the theme's opening ``<article>`` and the last
    ``</article>``, so a chapter that writes ``</article>`` itself cannot step outside.
    """
    opening = _ARTICLE_OPEN.search(html)
    end = html.rfind(_ARTICLE_CLOSE)
    if opening is None or end < opening.end():
        raise NotAPage("no <article> element with the page's content")
    return html[:opening.end()] + clean_html(html[opening.end():end]) + html[end:]
