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


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)


def keep_numbers_in_markdown(text: str) -> str:
    """An author's Markdown (a chapter) with ``keep_numbers`` applied to its prose: code spans and
    fenced code blocks stay as written."""
    out, fence = [], None
    for line in text.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            out.append(line)
        elif m:
            fence = m.group(1)
            out.append(line)
        else:
            out.append(line)
            out[-1] = "".join(keep_numbers(part) if i % 2 == 0 else part
                                 for i, part in enumerate(_split_code(line)))
    return "".join(out)


def _split_code(line: str) -> list[str]:
    """``line`` cut into prose and code spans, alternately (prose first)."""
    parts, last = [], 0
    for m in _CODE_SPAN.finditer(line):
        parts += [line[last:m.start()], m.group(0)]
        last = m.end()
    return parts + [line[last:]]


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
