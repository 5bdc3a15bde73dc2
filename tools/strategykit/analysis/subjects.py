"""What a consultation comment can be about, or a change can be in: the parts of the strategy by id.

Its own module because ``strategy check`` needs it (rules/consultation.py resolves every
'about:' against it) and the rest of the consultation module is for the editions only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from strategykit.model import Strategy

STRATEGY_REF = "strategy"
"""What 'about:' says for a comment on the strategy as a whole."""

SUBJECT_KINDS = ("strategy", "priority", "goal", "target", "commitment", "overall-goal", "perspective", "indicator", "chapter")

@dataclass(frozen=True)
class Subject:
    """A part of the strategy a comment can be about, or a change can be in."""

    kind: str
    """One of SUBJECT_KINDS."""
    id: str
    title: str
    priority_id: str | None = None
    """The priority of a priority, goal or target (None for other kinds)."""
    goal_id: str | None = None
    """The goal of a goal or target."""
    order: int = 0
    """Sort key: document order within each kind (strategy, priorities with their goals and targets, then the rest)."""


def subjects(s: Strategy) -> dict[str, Subject]:
    """Every id a comment may point at → what it is.

    When two kinds share an id the first of this order wins: the word 'strategy' (the
    whole), priorities, goals and targets, overall goals, perspectives, indicators, chapters.
    """
    cached = s.__dict__.get("_subjects_cache")
    if cached is not None:
        return cached
    out: dict[str, Subject] = {}
    n = 0

    def add(subject: Subject) -> None:
        nonlocal n
        if subject.id and subject.id not in out:
            out[subject.id] = Subject(subject.kind, subject.id, subject.title, subject.priority_id,
                                      subject.goal_id, n)
            n += 1

    add(Subject("strategy", STRATEGY_REF, s.title))
    for p in s.priorities:
        add(Subject("priority", p.id, p.title, p.id))
        for g in p.goals:
            add(Subject("goal", g.id, g.title, p.id, g.id))
            for t in g.targets:
                add(Subject("target", t.id, t.text, p.id, g.id))
            for c in g.commitments:
                add(Subject("commitment", c.id, c.text, p.id, g.id))
    for o in s.overall_goals:
        add(Subject("overall-goal", o.id, o.title))
    for p in s.perspectives:
        add(Subject("perspective", p.id, p.title))
    for i in s.indicators:
        add(Subject("indicator", i.id, i.name))
    for c in s.chapters:
        add(Subject("chapter", c.id, c.title))
    object.__setattr__(s, "_subjects_cache", out)
    return out


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
