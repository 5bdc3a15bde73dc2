"""Text from the model (a title, a respondent's name, a reason) as Markdown that shows exactly as written.

Both editions read the same generated Markdown: MkDocs through Python-Markdown, the PDF
through pandoc. The two agree on backslash escapes for ``\\ ` * _ { } [ ] | #`` but not
for ``<`` (Python-Markdown prints ``\\<`` as it is), so angle brackets and ampersands
become HTML entities, which both read as the character. ``#`` is escaped everywhere, since
both readers drop a ``#`` that ends a heading ('Programmering i C#').
"""

from __future__ import annotations

import re
from html import escape as _html_escape

_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")
_SPACE = re.compile(r"[ \t\r\n]+")
_BLOCK_START = re.compile(r"^(>|[-+]\s|:|---)")
"""What would start a quote, a list, a definition or a thematic break ('#' is escaped already)."""
_NUMBERED = re.compile(r"^(\d+)([.)])(\s|$)")
_DIGIT_GROUP = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
"""The space between digit groups ('300 000'): a line never breaks inside a number."""


def keep_numbers(text: str) -> str:
    """'300 000' with a no-break space, so that no line breaks inside a number (plain text, both editions)."""
    return _DIGIT_GROUP.sub("\u00a0", text)


def inline(text: object) -> str:
    """``text`` on one line, safe inside a paragraph, a heading or a table cell."""
    text = keep_numbers(_SPACE.sub(" ", str(text)).strip())
    return _SPECIAL.sub(r"\\\1", _html_escape(text, quote=False))


def block(text: object) -> str:
    """Like ``inline``, for text that starts a paragraph: no accidental heading, quote or list."""
    out = inline(text)
    if _NUMBERED.match(out):
        return _NUMBERED.sub(r"\1\\\2\3", out, count=1)
    return "\\" + out if _BLOCK_START.match(out) else out
