"""Rules on the characters of a chapter: nothing invisible that the editions cannot show."""

from __future__ import annotations

import re
from typing import Iterator

from ..diagnostics import Position
from ..model import Strategy
from . import Finding, rule

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters other than tab, line feed and carriage return."""


@rule("control-character",
      fix="Delete the character; it is invisible, and usually comes from copying text out of another program.")
def control_character(s: Strategy) -> Iterator[Finding]:
    """A chapter holds no control characters (other than tabs and line ends).

    They are invisible in an editor, have no glyph in any font, and stop the PDF: its accessible
    standard (PDF/UA) requires every character to be shown.
    """
    for c in s.chapters:
        if c.document is None:
            continue
        text = c.document.text
        m = _CONTROL.search(text)
        if m is None:
            continue
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        yield Finding(f"The chapter holds the invisible control character U+{ord(m.group()):04X} here.",
                      position=Position(c.file, line, column))
