"""Generated HTML carried past Python-Markdown untouched: marked blocks are set aside before the
Markdown is read and put back, as they were, into the page's HTML.

Why: the large generated parts of pages (``htmlkit``: the yearly follow-ups, the tables of
targets, the indicator pages' tables and calculations) are HTML already. Python-Markdown does not
change a raw HTML block, but with the ``md_in_html`` extension (which authors' chapters may use) it
parses every one of them with ``html.parser`` to find where it ends: at national size (10×) a third
of the MkDocs build. A block set aside here costs a regular-expression match.

Only blocks the toolkit writes are marked (``block``); authors' chapters never contain the marks
(a chapter is Markdown from the sources; a mark written in one is text, since the placeholders carry a
per-page random key). The blocks contain no headings, so the table of contents and the anchors
are Python-Markdown's as before.

This file imports nothing of strategykit: ``mkdocs_run`` loads it by its path in MkDocs' process.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

START = "<!--strategykit:html-->"
END = "<!--/strategykit:html-->"
PLUGIN_NAME = "strategykit-passthrough"

_BLOCK = re.compile(re.escape(START) + r"\n(.*?)\n" + re.escape(END), re.S)


def block(html: str) -> str:
    """``html`` (one or more whole elements) marked to pass Python-Markdown untouched."""
    return f"{START}\n{html}\n{END}"


def set_aside(markdown: str) -> tuple[str, str, list[str]]:
    """``markdown`` with each marked block replaced by a paragraph holding a placeholder; the key and the blocks."""
    key = secrets.token_hex(8)
    kept: list[str] = []

    def keep(m: re.Match) -> str:
        kept.append(m.group(1))
        return f"\n\nstrategykit{key}n{len(kept) - 1}\n\n"

    return _BLOCK.sub(keep, markdown), key, kept


def put_back(html: str, key: str, kept: list[str]) -> str:
    """The page's HTML with each placeholder paragraph replaced by its block."""
    if not kept:
        return html
    return re.sub(rf"<p>strategykit{key}n(\d+)</p>", lambda m: kept[int(m.group(1))], html)


def plugin() -> Any:
    """The MkDocs plugin: sets the blocks aside from each page's Markdown and puts them back first
    thing in its HTML, before any other plugin sees it (the search index reads the whole page)."""
    from mkdocs.plugins import BasePlugin, event_priority

    class Passthrough(BasePlugin):
        def __init__(self) -> None:
            self._kept: dict[str, tuple[str, list[str]]] = {}

        @event_priority(-100)  # after any other plugin's changes to the Markdown
        def on_page_markdown(self, markdown, page, config, files):
            markdown, key, kept = set_aside(markdown)
            self._kept[page.file.src_uri] = (key, kept)
            return markdown

        @event_priority(100)
        def on_page_content(self, html, page, config, files):
            key, kept = self._kept.pop(page.file.src_uri, ("", []))
            return put_back(html, key, kept)

    return Passthrough()
