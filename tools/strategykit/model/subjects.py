"""The parts of a strategy by id: what a consultation comment can be about, or a change can be in.

``Strategy.subjects()`` keeps the index once made (a cached property, like the indicator index);
``rules/consultation.py`` resolves every 'about:' against it and the consultation's pages name them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from strategykit.speed import value

if TYPE_CHECKING:
    from strategykit.model import Strategy

STRATEGY_REF = "strategy"
"""What 'about:' says for a comment on the strategy as a whole."""

SUBJECT_KINDS = ("strategy", "priority", "goal", "target", "commitment", "overall-goal", "perspective", "indicator", "chapter")


@value
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


def subjects_of(s: Strategy) -> dict[str, Subject]:
    """Every id a comment may point at → what it is.

    When two kinds share an id the first of this order wins: the word 'strategy' (the
    whole), priorities, goals and targets, overall goals, perspectives, indicators, chapters.
    """
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
    return out
