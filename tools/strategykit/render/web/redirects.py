"""Pages at the indicators' earlier addresses that send the reader on to the page's address now.

Indicator pages used to be addressed by the indicator's id (``indikatorer/employment-rate/``);
now by its slug or name (``model.slugs``). Links and bookmarks to the old addresses keep
working through a small static page at each: an immediate refresh, and a link for readers
whose browser does not follow it. They are plain HTML files beside the generated Markdown,
so MkDocs copies them as they are and they are not in the navigation or the search.
"""

from __future__ import annotations

import posixpath
import re
from html import escape

from strategykit.model import Strategy
from strategykit.model.slugs import indicator_slugs
from strategykit.present import i18n


def _old_slug(indicator_id: str) -> str:
    """The address the id gave before (``render.web.pagekit.slugs`` of one id)."""
    return re.sub(r"[^a-z0-9]+", "-", indicator_id.lower()).strip("-") or "x"


def redirect_pages(model: Strategy, *, offline: bool = False) -> dict[str, str]:
    """Site path of each old indicator address → the HTML page that sends the reader on.

    Left out where the old address is the new one, or is now another page's address."""
    L = i18n.labels(model.language)
    folder = L["url_indicators"]
    new = indicator_slugs(model.indicators)
    taken = set(new.values()) | {"index"}
    out: dict[str, str] = {}
    for ind in model.indicators:
        old = _old_slug(ind.id)
        if old == new[ind.id] or old in taken:
            continue
        # Directory URLs: indikatorer/<old>/index.html → ../<new>/; offline: indikatorer/<old>.html → <new>.html
        path, href = ((f"{folder}/{old}.html", f"{new[ind.id]}.html") if offline else
                      (f"{folder}/{old}/index.html", f"../{new[ind.id]}/"))
        out[path] = _page(model.language, L, ind.name, href)
    return out


def _page(language: str, L: dict, name: str, href: str) -> str:
    h = escape(href, quote=True)
    return (f'<!doctype html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{escape(L["page_moved"])}: {escape(name)}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={h}">\n<link rel="canonical" href="{h}">\n</head>\n'
            f'<body>\n<main>\n<h1>{escape(L["page_moved"])}</h1>\n'
            f'<p>{escape(L["page_moved_to"])} <a href="{h}">{escape(name)}</a></p>\n</main>\n</body>\n</html>\n')
