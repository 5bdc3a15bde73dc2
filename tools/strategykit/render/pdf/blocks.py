"""The pandoc blocks the print edition is made of: the small pieces both the document and its
appendices build with (``document`` reads the chapters and assembles, ``appendices`` adds the
process parts), kept apart so that neither needs the other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strategykit.model import Chapter
from strategykit.render.pdf.data import anchor

Node = dict[str, Any]


def _inlines(text: str) -> list[Node]:
    out: list[Node] = []
    for i, word in enumerate(text.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def header(level: int, ident: str, text: str) -> Node:
    return {"t": "Header", "c": [level, [ident, [], []], _inlines(text)]}


def para(text: str) -> Node:
    return {"t": "Para", "c": _inlines(text)}


def raw(code: str) -> Node:
    return {"t": "RawBlock", "c": ["typst", code]}


def chapter_anchor(chapter: Chapter) -> str:
    return anchor("chapter", chapter.id or chapter.file)


@dataclass(frozen=True)
class Markdown:
    """Generated Markdown in the document; ``build_document`` has pandoc read it and makes it
    safe (``_FragmentRewriter``) while the chapters are read."""

    text: str
    prefix: str
    formulas: bool = False
    """Whether its code spans are the method's short formulas (``x0``, ``xt ≥ X``), set as math."""
