"""Rules on the characters of a chapter: nothing invisible that the editions cannot show."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Position
from ..load import find_control_character
from ..model import Strategy
from . import Finding, rule


@rule("control-character",
      fix="Delete the character; it is invisible, and usually comes from copying text out of another program.")
def control_character(s: Strategy) -> Iterator[Finding]:
    """A chapter holds no control characters (other than tabs and line ends), nor references to them
    (`&#x1D;`). The same holds for every text in the YAML files.

    They are invisible in an editor, have no glyph in any font, and stop the PDF: its accessible
    standard (PDF/UA) requires every character to be shown.
    """
    for c in s.chapters:
        if c.document is None:
            continue
        text = c.document.text
        found = find_control_character(text)
        if found is None:
            continue
        at, code = found
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        yield Finding(f"The chapter holds the invisible control character U+{code:04X} here.",
                      position=Position(c.file, line, column))
