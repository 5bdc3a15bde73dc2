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


def _ignorable(ch: str) -> bool:
    """Characters a typesetter does not draw: formatting marks (soft hyphen, zero-width space, joiners)
    and variation selectors."""
    import unicodedata

    code = ord(ch)
    return (unicodedata.category(ch) in ("Cf", "Zl", "Zp", "Cc") or 0xFE00 <= code <= 0xFE0F
            or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180D)


@rule("character-not-in-fonts",
      fix="Write it another way (an emoji as words, a symbol by its name), or add a font that has it to "
          "the profile folder pdf/.")
def character_not_in_fonts(s: Strategy) -> Iterator[Finding]:
    """Every character of a chapter is in one of the PDF's fonts.

    The PDF embeds its fonts, and its accessible standard (PDF/UA) requires every character to be
    shown: a character no font has, such as an emoji or a Chinese character, stops it. The fonts are
    those built into the typesetter (Libertinus Serif, New Computer Modern, DejaVu Sans Mono: Latin,
    Greek, Cyrillic and many symbols) and the font files in the profile folder pdf/.
    """
    from .. import glyphs

    covered: set[int] | frozenset[int] | None = None
    for c in s.chapters:
        if c.document is None or c.document.text.isascii():
            continue
        text = c.document.text
        if covered is None:
            extra = glyphs.own_fonts(s.root)
            covered = glyphs.builtin() | extra if extra else glyphs.builtin()
        missing = [ch for ch in set(text) if ord(ch) not in covered and not _ignorable(ch)]
        if not missing:
            continue
        at = min(text.index(ch) for ch in missing)
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        others = len(missing) - 1
        yield Finding(f"The character '{text[at]}' (U+{ord(text[at]):04X}) is in none of the PDF's fonts"
                      + (f"; {others} other such character{'s' if others != 1 else ''} follow" if others else "")
                      + ".", position=Position(c.file, line, column))
