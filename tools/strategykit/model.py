"""The strategy as typed, immutable objects: the one model every reader uses.

``build_model`` is lenient on purpose: it is also run on data that failed the
schema, so that rules can still report what they safely can. A field of the
wrong type becomes ``None`` (or is skipped in a list); the schema check has
already said what is wrong with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .load import MarkdownFile, SourceMap

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Provenance:
    """Where a value comes from: a cited source, or 'illustrative' (made up for an example)."""

    illustrative: bool = False
    source: str | None = None
    retrieved: str | None = None
    url: str | None = None

    @property
    def is_known(self) -> bool:
        return self.illustrative or bool(self.source and self.retrieved)


@dataclass(frozen=True)
class Observation:
    """A value of an indicator in a year, with its provenance."""

    year: int | None
    value: float | None
    provenance: Provenance
    path: Path_ = ()


@dataclass(frozen=True)
class GoalValue:
    """A value to reach by a year (a target or a milestone). Decided, not measured."""

    year: int | None
    value: float | None
    path: Path_ = ()


@dataclass(frozen=True)
class Statement:
    """An overall goal or a perspective: a titled text that goals refer to."""

    id: str
    title: str
    text: str
    agenda2030: tuple[str, ...] = ()
    path: Path_ = ()


@dataclass(frozen=True)
class Target:
    id: str
    text: str
    indicator_id: str | None
    direction: str | None
    baseline: Observation | None
    target: GoalValue | None
    milestones: tuple[GoalValue, ...]
    breakdown: str
    agenda2030: tuple[str, ...]
    path: Path_ = ()


@dataclass(frozen=True)
class Goal:
    id: str
    title: str
    text: str
    agenda2030: tuple[str, ...]
    perspective_ids: tuple[str, ...]
    targets: tuple[Target, ...]
    priority_id: str
    path: Path_ = ()
    has_targets_key: bool = True


@dataclass(frozen=True)
class Priority:
    id: str
    title: str
    summary: str
    overall_goal_ids: tuple[str, ...]
    goals: tuple[Goal, ...]
    path: Path_ = ()


@dataclass(frozen=True)
class IndicatorSource:
    provider: str
    id: str | None
    url: str | None


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    unit: str
    decimals: int | None
    definition: str
    source: IndicatorSource | None
    breakdowns: tuple[str, ...]
    frequency: str | None
    responsible: str
    path: Path_ = ()

    @property
    def is_percent(self) -> bool:
        return self.unit.strip().lower() in ("percent", "procent", "%")


@dataclass(frozen=True)
class Chapter:
    id: str
    file: str
    presents: tuple[str, ...]
    document: MarkdownFile | None
    """The parsed Markdown, or None when the file could not be read (``problem`` says why)."""
    problem: str | None = None
    """Why the file was not read: 'outside' (escapes strategy/), 'missing', 'not-markdown' or 'unreadable'."""
    path: Path_ = ()

    @property
    def title(self) -> str:
        if self.document and self.document.title:
            return self.document.title
        return self.id


@dataclass(frozen=True)
class Edition:
    version: str
    status: str
    date: str
    decision: str | None


@dataclass(frozen=True)
class Strategy:
    id: str
    title: str
    subtitle: str
    publisher: str
    notice: str
    region_name: str
    region_code: str
    period_start: int | None
    period_end: int | None
    language: str
    edition: Edition
    vision_title: str
    vision_text: str
    vision_horizon: int | None
    overall_goals: tuple[Statement, ...]
    perspectives: tuple[Statement, ...]
    priorities: tuple[Priority, ...]
    indicators: tuple[Indicator, ...]
    chapters: tuple[Chapter, ...]
    root: Path
    """The repository folder the strategy was loaded from."""
    goals_file: str
    """The display name of goals.yaml, as diagnostics show it."""
    source: SourceMap = field(repr=False, compare=False)
    checks: tuple[tuple[str, str], ...] = ()
    """Rule severities changed by the strategy's 'checks:' section: (code, error|warning|ignore)."""

    # -- navigation ---------------------------------------------------------
    def goals(self) -> Iterator[Goal]:
        for p in self.priorities:
            yield from p.goals

    def targets(self) -> Iterator[tuple[Goal, Target]]:
        for g in self.goals():
            for t in g.targets:
                yield g, t

    def indicator(self, indicator_id: str | None) -> Indicator | None:
        return self._indicators_by_id().get(indicator_id or "")

    def _indicators_by_id(self) -> dict[str, Indicator]:
        cache = self.__dict__.get("_ind_cache")
        if cache is None:
            cache = {i.id: i for i in self.indicators}
            object.__setattr__(self, "_ind_cache", cache)
        return cache

    def targets_using(self, indicator_id: str) -> list[tuple[Goal, Target]]:
        return [(g, t) for g, t in self.targets() if t.indicator_id == indicator_id]

    def has_illustrative_values(self) -> bool:
        return any(t.baseline and t.baseline.provenance.illustrative for _, t in self.targets())


# --- building ---------------------------------------------------------------

def _s(d: Any, key: str, default: str = "") -> str:
    v = d.get(key) if isinstance(d, dict) else None
    return v if isinstance(v, str) else default


def _opt_s(d: Any, key: str) -> str | None:
    v = d.get(key) if isinstance(d, dict) else None
    return v if isinstance(v, str) else None


def _int(d: Any, key: str) -> int | None:
    v = d.get(key) if isinstance(d, dict) else None
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _num(d: Any, key: str) -> float | None:
    v = d.get(key) if isinstance(d, dict) else None
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _dict(d: Any, key: str) -> dict:
    v = d.get(key) if isinstance(d, dict) else None
    return v if isinstance(v, dict) else {}


def _items(d: Any, key: str) -> Iterator[tuple[int, dict]]:
    v = d.get(key) if isinstance(d, dict) else None
    if isinstance(v, list):
        for i, item in enumerate(v):
            if isinstance(item, dict):
                yield i, item


def _strs(d: Any, key: str) -> tuple[str, ...]:
    v = d.get(key) if isinstance(d, dict) else None
    return tuple(x for x in v if isinstance(x, str)) if isinstance(v, list) else ()


def _observation(d: Any, path: Path_) -> Observation | None:
    if not isinstance(d, dict):
        return None
    prov = Provenance(illustrative=d.get("illustrative") is True, source=_opt_s(d, "source"),
                      retrieved=_opt_s(d, "retrieved"), url=_opt_s(d, "url"))
    return Observation(_int(d, "year"), _num(d, "value"), prov, path)


def _goal_value(d: Any, path: Path_) -> GoalValue | None:
    if not isinstance(d, dict):
        return None
    return GoalValue(_int(d, "year"), _num(d, "value"), path)


def _statement(d: dict, path: Path_) -> Statement:
    return Statement(_s(d, "id"), _s(d, "title"), _s(d, "text"), _strs(d, "agenda2030"), path)


def _target(d: dict, path: Path_) -> Target:
    return Target(
        id=_s(d, "id"), text=_s(d, "text"), indicator_id=_opt_s(d, "indicator"),
        direction=_opt_s(d, "direction"),
        baseline=_observation(d.get("baseline"), path + ("baseline",)),
        target=_goal_value(d.get("target"), path + ("target",)),
        milestones=tuple(m for i, raw in _items(d, "milestones")
                         if (m := _goal_value(raw, path + ("milestones", i)))),
        breakdown=_s(d, "breakdown", "total"), agenda2030=_strs(d, "agenda2030"), path=path,
    )


def _goal(d: dict, path: Path_, priority_id: str) -> Goal:
    return Goal(
        id=_s(d, "id"), title=_s(d, "title"), text=_s(d, "text"), agenda2030=_strs(d, "agenda2030"),
        perspective_ids=_strs(d, "perspectives"),
        targets=tuple(_target(t, path + ("targets", i)) for i, t in _items(d, "targets")),
        priority_id=priority_id, path=path, has_targets_key="targets" in d,
    )


def _indicator(d: dict, path: Path_) -> Indicator:
    src = d.get("source")
    source = None
    if isinstance(src, dict) and isinstance(src.get("provider"), str):
        source = IndicatorSource(src["provider"], _opt_s(src, "id"), _opt_s(src, "url"))
    return Indicator(
        id=_s(d, "id"), name=_s(d, "name"), unit=_s(d, "unit"), decimals=_int(d, "decimals"),
        definition=_s(d, "definition"), source=source, breakdowns=_strs(d, "breakdowns"),
        frequency=_opt_s(d, "frequency"), responsible=_s(d, "responsible"), path=path,
    )


def build_model(data: Any, source: SourceMap, root: Path,
                chapters: dict[str, tuple[MarkdownFile | None, str | None]]) -> Strategy:
    """Build the model; ``chapters`` maps a chapter's file to (parsed text, problem)."""
    meta = _dict(data, "strategy")
    region, period, edition = _dict(meta, "region"), _dict(meta, "period"), _dict(meta, "edition")
    vision = _dict(data, "vision")
    priorities = []
    for i, p in _items(data, "priorities"):
        ppath: Path_ = ("priorities", i)
        pid = _s(p, "id")
        priorities.append(Priority(
            id=pid, title=_s(p, "title"), summary=_s(p, "summary"),
            overall_goal_ids=_strs(p, "overall_goals"),
            goals=tuple(_goal(g, ppath + ("goals", j), pid) for j, g in _items(p, "goals")),
            path=ppath,
        ))
    return Strategy(
        id=_s(meta, "id"), title=_s(meta, "title"), subtitle=_s(meta, "subtitle"),
        publisher=_s(meta, "publisher"), notice=_s(meta, "notice"),
        region_name=_s(region, "name"), region_code=_s(region, "code"),
        period_start=_int(period, "start"), period_end=_int(period, "end"),
        language=_s(meta, "language", "sv"),
        edition=Edition(_s(edition, "version"), _s(edition, "status"), _s(edition, "date"),
                        _opt_s(edition, "decision")),
        vision_title=_s(vision, "title"), vision_text=_s(vision, "text"),
        vision_horizon=_int(vision, "horizon"),
        overall_goals=tuple(_statement(d, ("overall_goals", i)) for i, d in _items(data, "overall_goals")),
        perspectives=tuple(_statement(d, ("perspectives", i)) for i, d in _items(data, "perspectives")),
        priorities=tuple(priorities),
        indicators=tuple(_indicator(d, ("indicators", i)) for i, d in _items(data, "indicators")),
        chapters=tuple(
            Chapter(_s(d, "id"), _s(d, "file"), _strs(d, "presents"),
                    *chapters.get(_s(d, "file"), (None, "missing")), path=("chapters", i))
            for i, d in _items(data, "chapters")
        ),
        root=root, goals_file=source.file, source=source,
        checks=tuple((k, v) for k, v in _dict(data, "checks").items() if isinstance(v, str)),
    )
