"""Rules on a chapter's title: it is repeated where a link cannot go."""

from __future__ import annotations

import re
from typing import Iterator

from strategykit.diagnostics import Position
from strategykit.messages import _
from strategykit.model import Strategy
from strategykit.rules import Finding, rule

_LINK_IN_TEXT = re.compile(r"<[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*>|<[^<>\s@]+@[^<>\s@]+>|\]\(|\]\[")
"""An autolink (``<https://…>``, ``<a@b.se>``) or an inline or reference link (``[text](…)``, ``[text][ref]``)."""


@rule("link-in-title", guards_build=True,
      fix=_("Keep the title as plain words, and put the link in the chapter's first paragraph."))
def link_in_title(s: Strategy) -> Iterator[Finding]:
    """A chapter's title (its '# ' heading) holds no link.

    The title is repeated in the PDF's running header, table of contents and bookmarks and in the
    site's navigation, none of which can hold a link: the PDF's accessible standard (PDF/UA) refuses
    a link in a page's header, so the print edition cannot be built with one.

    FAIL: `# Kontakt <registrator@regionvasterbotten.se>`  PASS: `# Kontakt`
    """
    for c in s.chapters:
        if c.document is None:
            continue
        for h in c.document.headings:
            if h.level == 1 and (_LINK_IN_TEXT.search(h.text)
                                 or any(link.line == h.line for link in c.document.links)):
                yield Finding(_("The chapter's title '{title}' holds a link.", title=h.plain or h.text),
                              position=Position(c.file, h.line, 1))
                break
