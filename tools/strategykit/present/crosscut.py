"""Cross-cutting goals as a reader sees them: each goal and target in full at its home, and a short
entry that links there wherever else it belongs (decided once here, laid out by both editions).

- At a goal's home: the other priorities it also contributes to ('contributes_to:'), and the
  targets of other goals that also measure it ('shared_targets:'), each with the goal that holds it.
- At a priority: the goals of other priorities that contribute to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from strategykit.model import Goal, Priority, Strategy
from strategykit.present.mdtext import keep_numbers


@dataclass(frozen=True)
class GoalEntry:
    """A goal shown by its id and title, linking to its home."""

    goal_id: str
    title: str
    priority_id: str


@dataclass(frozen=True)
class PriorityEntry:
    priority_id: str
    title: str


@dataclass(frozen=True)
class SharedTarget:
    """A target another goal holds, shown where a goal lists it under 'shared_targets:'."""

    target_id: str
    text: str
    goal_id: str
    """The goal that holds the target (where it is shown in full and followed up)."""


def contributes_to(s: Strategy, goal: Goal) -> list[PriorityEntry]:
    """The other priorities the goal contributes to, known ids only, each once, as listed."""
    titles = {p.id: p.title for p in s.priorities}
    return [PriorityEntry(pid, " ".join(titles[pid].split())) for pid in dict.fromkeys(goal.contributes_to)
            if pid in titles and pid != goal.priority_id]


def contributing(s: Strategy, priority: Priority) -> list[GoalEntry]:
    """The goals of other priorities that contribute to ``priority``, in document order."""
    return [GoalEntry(g.id, keep_numbers(" ".join(g.title.split())), g.priority_id)
            for g in s.contributing_goals(priority.id)]


def shared_targets(s: Strategy, goal: Goal) -> list[SharedTarget]:
    """The other goals' targets that also measure ``goal``, with the goal that holds each."""
    return [SharedTarget(t.id, keep_numbers(" ".join(t.text.split())), home.id) for home, t in s.shared_targets(goal)]
