"""The large generated parts of pages written as HTML blocks, which Python-Markdown passes through.

Why: at national size most of a web build was Python-Markdown reading the Markdown the toolkit
had itself generated (the yearly follow-ups' tables and calculations: 6.5 MB of the 10×
strategy's 12 MB). A block of raw HTML is only scanned for its end, not parsed inline by
inline, so the same DOM costs a fraction of the time. What is written here: the yearly
follow-ups, the tables of targets (start page, priorities), the path to the horizon, and the
indicator pages' tables, charts and calculations; the pages came out the same, element for
element. Headings stay Markdown (the table of contents and the anchors come from them), and so
do the few small tables (downloads, commitments).

What Markdown gave for free must be done here, and tests hold it:

- every text from the sources is HTML-escaped (``text``, ``attr``; tests/test_web_injection.py);
- links: MkDocs rewrites and checks the links of the Markdown it parses, never those in raw
  HTML, so ``href`` writes the address MkDocs would (``url`` is its ``File.url``, with or without
  directory URLs), and tests/test_web_links.py checks every link and anchor of built sites;
- a table is written as Python-Markdown's ``tables`` extension writes it, in the scroll box
  ``pagekit.wrap_tables`` gives a Markdown table.

Python-Markdown would still parse each raw HTML block to find its end (``md_in_html``); ``block``
marks a block to be carried past it instead (``passthrough``).
"""

from __future__ import annotations

import posixpath
import re
from html import escape as _escape
from urllib.parse import quote

from strategykit.present.mdtext import keep_numbers
from strategykit.render.web.passthrough import block as block  # noqa: PLC0414 - the pages mark their HTML here

_SPACE = re.compile(r"[ \t\r\n]+")


def words(value: object) -> str:
    """``value`` on one line, no line break inside a number ('300 000'), not escaped."""
    return keep_numbers(_SPACE.sub(" ", str(value)).strip())


def text(value: object) -> str:
    """``value`` on one line as HTML that shows exactly the text (as ``pagekit.esc`` does in Markdown)."""
    return _escape(words(value), quote=False)


def raw(value: object) -> str:
    """``value`` as HTML that shows exactly the text, spaces as they are (text made by ``present``)."""
    return _escape(str(value), quote=False)


def attr(value: object) -> str:
    """``value`` as the text of an attribute in double quotes."""
    return _escape(str(value), quote=True)


def url(path: str, directory_urls: bool) -> str:
    """The address of a file of the docs folder in the built site, relative to its root, as MkDocs
    makes it (``mkdocs.structure.files.File.url``): 'uppfoljning/2024.md' → 'uppfoljning/2024/'
    (or 'uppfoljning/2024.html' without directory URLs), 'a/index.md' → 'a/', a PDF stays itself."""
    if path.endswith(".md"):
        parent, name = posixpath.split(path[:-3])
        if name == "README":
            name = "index"
        if not directory_urls or name == "index":
            path = posixpath.join(parent, name + ".html")
        else:
            path = posixpath.join(parent, name, "index.html")
    dirname, filename = posixpath.split(path)
    if directory_urls and filename == "index.html":
        path = (dirname or ".") + "/"
    return quote(path)


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path)[1:]
    return path.split("/") if path else []


def _relative(to_url: str, from_url: str) -> str:
    """``mkdocs.utils.get_relative_url``: ``to_url`` seen from the page at ``from_url``."""
    dirname, _, basename = from_url.rpartition("/")
    if "." in basename:
        from_url = dirname
    base, dest = _parts(from_url), _parts(to_url)
    common = 0
    for a, b in zip(base, dest):
        if a != b:
            break
        common += 1
    out = "/".join([".."] * (len(base) - common) + dest[common:]) or "."
    return out + "/" if to_url.endswith("/") else out


def href(from_page: str, to: str, directory_urls: bool) -> str:
    """The link from the page ``from_page`` to ``to`` (a file of the docs folder, '#anchor' allowed),
    as MkDocs writes a Markdown link ``[…](to relative to from_page)`` in the built page."""
    path, _, anchor = to.partition("#")
    if not path:
        return "#" + anchor
    out = _relative(url(path, directory_urls), url(from_page, directory_urls))
    return out + ("#" + anchor if anchor else "")


def table(header: list[str], rows: list[list[str]], align: list[str], label: str) -> str:
    """A table (cells given as HTML) in its named, focusable scroll box, as Python-Markdown and
    ``pagekit.wrap_tables`` make it of a Markdown table; ``label`` is plain text."""
    style = [' style="text-align: right;"' if a == "r" else "" for a in align]
    # One element a line, as Python-Markdown writes them: the search index reads the line breaks between
    # the cells as the spaces between their words.
    out = [f'<div class="sk-table" role="region" tabindex="0" aria-label="{attr(label)}">', "<table>", "<thead>",
           "<tr>", *(f"<th{s}>{h}</th>" for s, h in zip(style, header)), "</tr>", "</thead>", "<tbody>"]
    for r in rows:
        out += ["<tr>", *(f"<td{s}>{c}</td>" for s, c in zip(style, r)), "</tr>"]
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out)
