"""What a consultation comment can be about, or a change can be in: the parts of the strategy by id.

The index itself is the model's (``model/subjects.py``); this module looks ids up in it and clips
their titles for the consultation's pages.
"""

from __future__ import annotations

import re

from strategykit.model import Strategy
from strategykit.model.subjects import STRATEGY_REF, SUBJECT_KINDS, Subject  # noqa: F401  (their home is the model)


def subjects(s: Strategy) -> dict[str, Subject]:
    """Every id a comment may point at → what it is (``model.subjects``, kept by the strategy)."""
    return s.subjects()


def resolve(s: Strategy, ref: str) -> Subject | None:
    """What ``ref`` (an 'about:' or 'changed:' value) points at in the strategy, or None."""
    return subjects(s).get(ref)


_SPACE = re.compile(r"[ \t\r\n]+")
"""Ordinary white space only: a no-break space (as in '92 %') is kept."""


def _clip(text: str, n: int) -> str:
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    if " " in cut[n // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
