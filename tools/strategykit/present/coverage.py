"""Which parts of each framework the strategy's goals address, and through which goals; which they do not.

A framework is shown when at least one goal links to it: Agenda 2030 through 'agenda2030:' of a goal
or of its targets (a target such as "8.5" counts towards goal 8), other frameworks through a goal's
'frameworks:'; a goal linked to a part within another (a priority within a strategic area) counts
towards the part above too. Both editions show the same table (``coverage_markdown``), in words, not
colour; a framework with parts within parts is counted level by level.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from strategykit.analysis.subjects import Subject
from strategykit.model import Goal, Strategy
from strategykit.model.frameworks import AGENDA2030, Framework
from strategykit.model.sdg import is_known_sdg, sdg_goal
from strategykit.present import i18n, mdtext


@dataclass(frozen=True)
class CoverageRow:
    part_id: str
    title: str
    goals: tuple[Goal, ...]
    """The goals that address the part, or a part within it, in document order (empty: not addressed)."""
    depth: int = 0
    """0 for a part at the framework's top, 1 for a part within one, and so on."""
    parent: str = ""
    """The id of the part this one sits in ('' at the top)."""


@dataclass(frozen=True)
class Coverage:
    framework: Framework
    rows: tuple[CoverageRow, ...]
    """Every part, each followed by the parts within it."""

    @property
    def addressed(self) -> int:
        """How many parts at the top the goals address."""
        return self.addressed_at(0)

    @property
    def total(self) -> int:
        """How many parts the framework has at its top."""
        return sum(1 for r in self.rows if r.depth == 0)

    def addressed_at(self, depth: int) -> int:
        return sum(1 for r in self.rows if r.depth == depth and r.goals)

    def total_at(self, depth: int) -> int:
        return sum(1 for r in self.rows if r.depth == depth)


def _parts_of(goal: Goal, framework: Framework) -> set[str]:
    if framework.id == AGENDA2030:
        refs = list(goal.agenda2030) + [r for t in goal.targets for r in t.agenda2030]
        return {str(sdg_goal(r)) for r in refs if is_known_sdg(r)}
    return {up for fid, parts in goal.frameworks if fid == framework.id
            for p in parts for up in framework.with_ancestors(p)}


def coverage(s: Strategy) -> tuple[Coverage, ...]:
    """The coverage of each framework some goal links to, Agenda 2030 first, then in the order
    ``Strategy.frameworks`` gives (the toolkit's, then the strategy's own)."""
    goals = list(s.goals())
    out = []
    for f in s.frameworks():
        linked = {g.id: _parts_of(g, f) for g in goals}
        if not any(linked.values()):
            continue
        rows, seen = [], set()
        for p in f.parts:
            if p.id in seen:  # a part declared twice ('duplicate-framework') is shown once
                continue
            seen.add(p.id)
            rows.append(CoverageRow(p.id, p.title(s.language), tuple(g for g in goals if p.id in linked[g.id]),
                                    p.depth, p.parent))
        out.append(Coverage(f, tuple(rows)))
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
        out += [count_sentence(c, s.language), "", f"{L['framework_source']}: {source}{when}.", ""]
        if f.note and f.path:  # a declared framework's own note on what it holds; the shipped notes are for developers
            out += [mdtext.block(f.note), ""]
        names = " / ".join(mdtext.inline(part_name(f, s.language, d)) for d in range(f.depths))
        out += [f"| {names} | {L['framework_addressed']} | {L['framework_through']} |", "|---|---|---|"]
        nested = f.depths > 1
        for r in c.rows:
            goals = ", ".join(_goal_link(g, link) for g in r.goals) or "–"
            answer = L["framework_yes"] if r.goals else L["framework_no"]
            part = f"{mdtext.inline(r.part_id)} {mdtext.inline(r.title)}"
            if nested and r.depth == 0:  # the parts that hold others stand out from those within them
                part, answer = f"**{part}**", f"**{answer}**"
            out.append(f"| {part} | {answer} | {goals} |")
        out.append("")
    return "\n".join(out)


def part_name(f: Framework, language: str, depth: int = 0) -> str:
    """What a part at ``depth`` is called: the framework's own word, or 'Del' / 'Underdel' where it gives none."""
    L = i18n.labels(language)
    return f.part_name(language, depth) or (L["framework_part"] if depth == 0 else L["framework_subpart"])


def count_sentence(c: Coverage, language: str, inline: Callable[[str], str] = mdtext.inline) -> str:
    """How many of the framework's parts the goals address: one sentence, level by level where parts hold parts
    (``inline`` makes a part's name safe where the sentence goes: Markdown by default)."""
    L = i18n.labels(language)
    f = c.framework
    if f.depths == 1:
        return L["framework_count"].format(addressed=c.addressed, total=c.total)
    return " ".join(L["framework_count_level"].format(name=inline(part_name(f, language, d)),
                                                      addressed=c.addressed_at(d), total=c.total_at(d))
                    for d in range(f.depths))


def _goal_link(g: Goal, link: Link) -> str:
    href = link(Subject("goal", g.id, g.title, g.priority_id))
    text = mdtext.inline(g.id)
    return f"[{text}]({href})" if href else text
