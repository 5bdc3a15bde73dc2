"""Which parts of each framework the strategy's goals address, and through which goals; which they do not.

A framework is shown when at least one goal links to it: Agenda 2030 through 'agenda2030:' of a goal
or of its targets (a target such as "8.5" counts towards goal 8), other frameworks through a goal's
'frameworks:'. Both editions show the same table (``coverage_markdown``), in words, not colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from strategykit.analysis.subjects import Subject
from strategykit.model import Goal, Strategy
from strategykit.model.frameworks import AGENDA2030, Framework, frameworks
from strategykit.model.sdg import is_known_sdg, sdg_goal
from strategykit.present import i18n, mdtext


@dataclass(frozen=True)
class CoverageRow:
    part_id: str
    title: str
    goals: tuple[Goal, ...]
    """The goals that address the part, in document order (empty: not addressed)."""


@dataclass(frozen=True)
class Coverage:
    framework: Framework
    rows: tuple[CoverageRow, ...]

    @property
    def addressed(self) -> int:
        return sum(1 for r in self.rows if r.goals)


def _parts_of(goal: Goal, framework_id: str) -> set[str]:
    if framework_id == AGENDA2030:
        refs = list(goal.agenda2030) + [r for t in goal.targets for r in t.agenda2030]
        return {str(sdg_goal(r)) for r in refs if is_known_sdg(r)}
    return {p for fid, parts in goal.frameworks if fid == framework_id for p in parts}


def coverage(s: Strategy) -> tuple[Coverage, ...]:
    """The coverage of each framework some goal links to, Agenda 2030 first."""
    goals = list(s.goals())
    out = []
    for f in frameworks():
        linked = {g.id: _parts_of(g, f.id) for g in goals}
        if not any(linked.values()):
            continue
        rows = tuple(CoverageRow(p.id, p.title(s.language), tuple(g for g in goals if p.id in linked[g.id]))
                     for p in f.parts)
        out.append(Coverage(f, rows))
    return tuple(out)


Link = Callable[[Subject], "str | None"]
"""Where a goal is in an edition (``consultation.Link``): its address, or None for no link."""


def coverage_markdown(s: Strategy, *, level: int = 2, link: Link | None = None) -> str:
    """The coverage tables, one section per framework; ``link`` gives a goal's address (a ``Subject`` → href)."""
    L = i18n.labels(s.language)
    link = link or (lambda subject: None)
    out = [mdtext.block(L["frameworks_intro"]), ""]
    for c in coverage(s):
        f = c.framework
        out += ["#" * level + " " + mdtext.inline(f.title(s.language)), ""]
        source = mdtext.inline(f.source(s.language))
        if f.url:
            source = f"[{source}]({f.url})"
        when = f", {L['framework_retrieved']} {mdtext.inline(i18n.format_date(f.retrieved, s.language))}" if f.retrieved else ""
        out += [L["framework_count"].format(addressed=c.addressed, total=len(c.rows)), "",
                f"{L['framework_source']}: {source}{when}.", ""]
        out += [f"| {mdtext.inline(f.part_name(s.language))} | {L['framework_addressed']} | {L['framework_through']} |",
                "|---|---|---|"]
        for r in c.rows:
            goals = ", ".join(_goal_link(g, link) for g in r.goals) or "–"
            answer = L["framework_yes"] if r.goals else L["framework_no"]
            out.append(f"| {mdtext.inline(r.part_id)} {mdtext.inline(r.title)} | {answer} | {goals} |")
        out.append("")
    return "\n".join(out)


def _goal_link(g: Goal, link: Link) -> str:
    href = link(Subject("goal", g.id, g.title, g.priority_id))
    text = mdtext.inline(g.id)
    return f"[{text}]({href})" if href else text
