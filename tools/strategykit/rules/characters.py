"""Rules on the characters of a chapter: nothing invisible that the editions cannot show."""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Position
from strategykit.messages import _
from strategykit.source.load import find_control_character
from strategykit.model import Strategy
from strategykit.rules import Finding, rule


@rule("control-character",
      fix=_("Delete the character; it is invisible, and usually comes from copying text out of another program."))
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
        yield Finding(_("The chapter holds the invisible control character U+{code:04X} here.", code=code),
                      position=Position(c.file, line, column))


@rule("character-not-in-fonts",
      fix=_("Write it another way (an emoji as words, a symbol by its name), or add a font that has it to "
            "the profile folder pdf/."))
def character_not_in_fonts(s: Strategy) -> Iterator[Finding]:
    """Every character of a chapter, and of every text in the YAML files, is in one of the PDF's fonts.

    The PDF embeds its fonts, and its accessible standard (PDF/UA) requires every character to be
    shown: a character no font has, such as an emoji or a Chinese character, stops it. The fonts are
    those built into the typesetter (Libertinus Serif, New Computer Modern, DejaVu Sans Mono: Latin,
    Greek, Cyrillic and many symbols) and the font files in the profile folder pdf/.
    """
    from strategykit.source import glyphs

    extra = glyphs.own_fonts(s.root)
    covered = glyphs.builtin() | extra if extra else glyphs.builtin()
    for c in s.chapters:
        if c.document is None:
            continue
        text = c.document.text
        at = glyphs.first_missing(text, covered)
        if at is None:
            continue
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        yield Finding(_("The character '{char}' (U+{code:04X}) is in none of the PDF's fonts.",
                            char=text[at], code=ord(text[at])),
                      position=Position(c.file, line, column))
    sources = [s.source, *(r.source for r in s.consultation), s.dialogue.source, s.editions.source]
    for source in sources:
        for path, char in (source.odd_characters.items() if source is not None else ()):
            if ord(char) not in covered:
                yield Finding(_("The text holds the character '{char}' (U+{code:04X}), which is in none of the PDF's "
                                "fonts.", char=char, code=ord(char)), position=source.values.get(path) or source.position(path))
