"""The path to the horizon: every milestone and target value placed on its year, by priority, with its status.

Both editions show it near the vision (the web on its first page, the PDF before the
first chapter that presents priorities): a table with a row per priority and a column
per year in which something is due, each entry the target's id, the value due and the
target's status as a badge (shape and colour; the words are in the legend below and,
for screen readers, beside each shape). Reading the table row by row is reading the
road year by year.
"""

from __future__ import annotations

from dataclasses import dataclass

from strategykit.analysis.followup import FollowUp
from strategykit.model import Strategy
from strategykit.present import i18n
from strategykit.present.status import Badge, badge
from strategykit.present.targets import goal_value, value
from strategykit.present.catalog import spoken


@dataclass(frozen=True)
class Stop:
    """A value due in a year: a milestone or the target value itself."""

    target_id: str
    goal_id: str
    kind: str
    """'milestone' or 'target'."""
    year: int
    value: str
    status: Badge | None
    """The target's status in the follow-up year (None without a follow-up year)."""
    illustrative: bool = False
    """The value was set by no decision: both editions mark it, as the goal tables do."""


@dataclass(frozen=True)
class Lane:
    priority_id: str
    title: str
    stops: tuple[tuple[Stop, ...], ...]
    """One tuple per year of ``Roadmap.years``, maybe empty."""


@dataclass(frozen=True)
class Roadmap:
    title: str
    """'Vägen till 2040'."""
    intro: str
    """What the path shows, how a table of it reads and what the shapes say, in that order."""
    years: tuple[int, ...]
    lanes: tuple[Lane, ...]
    legend: tuple[Badge, ...]
    """The statuses that occur, best first, for the legend under the table."""
    rows_sentence: str = ""
    """The sentence of ``intro`` that says how the table reads ('Varje rad läses som en tidslinje.'):
    the web leaves it out where it shows the path as a list by year."""


def roadmap(model: Strategy, report: FollowUp | None) -> Roadmap | None:
    """None when no target has a year to place."""
    lang = spoken(model.language)
    L = i18n.labels(lang)
    assessed = report is not None and report.year is not None
    progress = {tp.target_id: tp for tp in report.targets()} if assessed else {}
    by_priority: list[tuple[object, list[Stop]]] = []
    for p in model.priorities:
        stops = []
        for g in p.goals:
            for t in g.targets:
                ind = model.indicator(t.indicator_id) if getattr(t, "indicator_id", None) else None
                tp = progress.get(t.id)
                status = badge(tp.status, lang) if tp is not None else None
                comparator = getattr(t, "comparator", None)

                def shown(v) -> str:
                    """A level, or for a gap target the gap allowed ('gapet mot Riket högst 1,5 procentenheter')."""
                    if comparator is not None:
                        return goal_value(v, ind, lang, comparator=comparator).text
                    return value(v.value, ind, lang).text

                for ms in getattr(t, "milestones", ()):
                    if ms.year is not None and ms.value is not None:
                        stops.append(Stop(t.id, g.id, "milestone", ms.year, shown(ms), status, ms.illustrative))
                goal = getattr(t, "target", None)
                if goal is not None and goal.year is not None and goal.value is not None:
                    stops.append(Stop(t.id, g.id, "target", goal.year, shown(goal), status, goal.illustrative))
        by_priority.append((p, stops))
    years = tuple(sorted({s.year for _, stops in by_priority for s in stops}))
    if not years:
        return None
    lanes = tuple(Lane(p.id, p.title, tuple(tuple(s for s in stops if s.year == y) for y in years))
                  for p, stops in by_priority)
    horizon = model.vision_horizon or model.period_end or years[-1]
    seen = {s.status.code: s.status for _, stops in by_priority for s in stops if s.status is not None}
    legend = tuple(b for b in (badge(code, lang) for code in
                               ("achieved", "on-track", "acceleration-needed", "limited-progress", "moving-away",
                                "no-data")) if b.code in seen)
    intro = L["roadmap_intro"].format(start=model.period_start or years[0], horizon=horizon) + " " + L["roadmap_rows"]
    if assessed:
        intro += " " + L["roadmap_status"].format(year=report.year)
    return Roadmap(L["roadmap_title"].format(horizon=horizon), intro, years, lanes, legend, L["roadmap_rows"])
