"""A chapter's heading anchors as the web edition writes them, made by the library the site uses.

MkDocs gives each heading its id with Python-Markdown's ``toc`` extension: ``slugify`` makes
'Mål och medel' into 'mal-och-medel', and ``unique`` numbers a repeated one ('bakgrund',
'bakgrund_1'). mkdocs.yml cannot name another slugify (``strategy check`` refuses code there,
rules/siteconfig.py), only a ``separator``. The checks (a link to a heading that exists) and the
print edition (a link written with the web's anchor) call the same two functions, so they
cannot drift from the site.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from strategykit.source.load import MarkdownFile

DEFAULT_SEPARATOR = "-"

_EXPLICIT_ID = re.compile(r"\{:?[^}\n]*?#([^\s}#]+)[^}\n]*\}|\bid\s*=\s*[\"']([^\"']+)[\"']")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]*\]")


def web_slug(text: str, separator: str = DEFAULT_SEPARATOR) -> str:
    """A heading's anchor as the web edition makes it ('Mål och medel' → 'mal-och-medel')."""
    from markdown.extensions.toc import slugify  # not at the top: only a link to a heading needs it

    return slugify(text, separator)


def web_anchors(document: MarkdownFile, separator: str = DEFAULT_SEPARATOR) -> list[str]:
    """The ids a chapter's web page has: explicit ids, then the headings' slugs made unique as toc does."""
    from markdown.extensions.toc import unique

    explicit = [a or b for a, b in _EXPLICIT_ID.findall(document.text)]
    explicit += [h.anchor for h in document.headings if h.anchor]
    out = list(dict.fromkeys(explicit))
    used = set(out)
    for h in document.headings:
        if not h.anchor:  # a footnote mark is no part of the heading's text on the site
            out.append(unique(web_slug(_FOOTNOTE_REF.sub("", h.plain or h.text), separator), used))
    return out


def toc_separator(site: dict[str, Any] | None) -> str:
    """The ``separator`` mkdocs.yml gives the toc extension, or its default."""
    for item in (site or {}).get("markdown_extensions") or []:
        if isinstance(item, dict):
            options = item.get("toc") or item.get("markdown.extensions.toc")
            if isinstance(options, dict) and isinstance(options.get("separator"), str):
                return options["separator"]
    return DEFAULT_SEPARATOR
