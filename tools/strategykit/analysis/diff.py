"""The change in meaning between two editions of a strategy.

A text diff of goals.yaml shows moved lines and re-indented blocks; a reviewer
needs to know that target P1.2.a now asks for less, or that goal P3.1 can no
longer be followed up. So both sides are loaded into the model (``project``
reads the files, this module never parses YAML), matched by id, and compared.

The result is data: a list of ``Change`` records. Formatting is the edge's job
(``FORMATTERS``, as in ``report``). A side is a folder, or a git revision that
is unpacked into a temporary folder by ``vcs.revisions``, which also loads the two sides.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import fnmatch
import functools
import io
import json
import os
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from strategykit.model import COMMITMENT_STATUSES, Chapter, Commitment, Goal, Indicator, Strategy, Target
from strategykit.diagnostics import Diagnostic
from strategykit.messages import _, localize
from strategykit.source.load import is_inside, real_path

LOWERED = "lowered-ambition"
RAISED = "raised-ambition"
REVERSED = "reversed-direction"

BUILD_FILES = ("mkdocs.yml", "mkdocs.yaml", ".github/*", ".ci/*", "Makefile", "GNUmakefile", "makefile",
               "schema/*", "templates/*", "templates/**/*", "requirements*.txt", "pdf/*", "pyproject.toml",
               "setup.py", "setup.cfg", "conftest.py", "tests/*", "package.json", "package-lock.json", "tools/*",
               ".pre-commit-hooks.yaml", ".pre-commit-config.yaml")
"""Files that change how the editions are built or checked, not what they say: the organisation's
PDF profile (``pdf/``, see ``pdf.profile``), what pip, npm and pre-commit install and run (their
install steps run code), and what CI and ``make`` run (the Makefile, ``.ci/``, ``.github/``, the
tests). A ``*`` also matches across folders: ``pdf/*`` is all of ``pdf/``. Besides these, every
file mkdocs.yml INHERITs or names as a hook is a build file wherever it lies (``_referenced``)."""

_NOT_SOURCES = ("__pycache__", "node_modules", "*.egg-info", "*.pyc")
"""What a working tree holds beside the sources, never committed: left out of ``_build_files``."""

SUBJECTS = ("strategy", "priority", "goal", "target", "commitment", "indicator", "chapter", "build")


@dataclass(frozen=True)
class Change:
    """One change in meaning: what changed (``kind``), on which thing (``subject`` + ``id``), old → new.

    ``old`` and ``new`` are plain JSON values. ``flags`` marks what a reviewer must
    not miss (``lowered-ambition``). ``parent`` is the goal of a target or the
    priority of a goal; ``note`` adds facts such as the number of changed words, in
    English for the command line. ``words`` is that number as data: the words that differ
    in a changed text (or the length of an added or removed chapter).
    """

    kind: str
    subject: str
    id: str
    old: Any = None
    new: Any = None
    flags: tuple[str, ...] = ()
    parent: str = ""
    note: str = ""
    words: int | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "subject": self.subject, "id": self.id, "parent": self.parent,
                "old": self.old, "new": self.new, "flags": list(self.flags), "note": self.note,
                "words": self.words}


@dataclass(frozen=True)
class DiffResult:
    base: str
    head: str
    changes: list[Change]
    language: str = "en"
    """The language the text and Markdown forms speak: the strategy's (the head side's)."""
    levels: tuple[tuple[str, str, str], ...] = ()
    """The strategy's own names of its levels (``Strategy.levels``, the head side's): the text and
    Markdown forms name priorities, goals, targets and commitments with them."""

    @property
    def lowered(self) -> list[Change]:
        return [c for c in self.changes if LOWERED in c.flags]


# --- comparing two models ---------------------------------------------------

def _num(v: float | None) -> int | float | None:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _ambition(direction: str | None, old: float | None, new: float | None) -> tuple[str, ...]:
    """Whether a target value moved against (lowered) or with (raised) the wanted direction."""
    if old is None or new is None or old == new:
        return ()
    if direction == "increase":
        return (LOWERED,) if new < old else (RAISED,)
    if direction in ("decrease", "gap"):  # a gap target's value: the gap allowed
        return (LOWERED,) if new > old else (RAISED,)
    return ()  # 'maintain' (or none) says nothing about which side of the level is better


def _year_ambition(old: int | None, new: int | None) -> tuple[str, ...]:
    if old is None or new is None or old == new:
        return ()
    return (LOWERED,) if new > old else (RAISED,)


def _relative(v) -> dict | None:
    """A target value as written: a level, or a change or factor against a base year (with the level it gives)."""
    if v is None:
        return None
    if not v.relative:
        return {"value": _num(v.value)}
    key = "change" if v.change is not None else "factor"
    return {key: _num(getattr(v, key)), "base_year": v.base_year, "value": _num(v.value)}


def _relative_changes(tv, uv, t: Target, u: Target, change) -> Iterator[Change]:
    """A target value written against a base year: one change when its wording or its level changes.

    The ambition follows the level when both levels are known; otherwise two changes against
    the same base year compare as their levels would (a smaller cut is a lowered ambition).
    """
    old, new = _relative(tv), _relative(uv)
    if old == new:
        return
    flags: tuple[str, ...] = ()
    if t.wanted_direction == u.wanted_direction:
        if tv and uv and tv.value is not None and uv.value is not None:
            flags = _ambition(u.wanted_direction, tv.value, uv.value)
        elif tv and uv and tv.base_year == uv.base_year:
            for key in ("change", "factor"):
                a, b = getattr(tv, key), getattr(uv, key)
                if a is not None and b is not None:
                    flags = _ambition(u.wanted_direction, a, b)
    yield change("target-relative-changed", old, new, flags)


def _range_ambition(old: tuple[float, float] | None, new: tuple[float, float] | None) -> tuple[str, ...]:
    """A range narrowed (inside the old one) asks for more; widened (around it), for less; moved, neither."""
    if old is None or new is None or old == new:
        return ()
    if new[0] >= old[0] and new[1] <= old[1]:
        return (RAISED,)
    if new[0] <= old[0] and new[1] >= old[1]:
        return (LOWERED,)
    return ()


def _flow_ambition(t: Target, u: Target) -> tuple[str, ...]:
    """The same amount over the same period, a year at a time or in all: per year asks for more.

    With another amount or period, or a level becoming a flow, the two are not compared."""
    tv, uv = t.target, u.target
    same = tv is not None and uv is not None and (tv.value, tv.from_year, tv.year) == (uv.value, uv.from_year, uv.year)
    if not same or {t.flow, u.flow} != {"yearly", "cumulative"}:
        return ()
    return (RAISED,) if u.flow == "yearly" else (LOWERED,)


def _range_form(t: Target) -> str | None:
    """'reach' or 'stay' for a target whose value is a range (reach when not said), else None."""
    return (t.range or "reach") if t.target is not None and t.target.is_range else None


def _threshold_ambition(old: str | None, new: str | None) -> tuple[str, ...]:
    """A strict bound asks for more than an inclusive one on the same side (more than 5 > at least 5)."""
    stricter = {("at-least", "more-than"), ("at-most", "less-than")}
    if (old, new) in stricter:
        return (RAISED,)
    if (new, old) in stricter:
        return (LOWERED,)
    return ()


def _direction_ambition(old: str | None, new: str | None) -> tuple[str, ...]:
    strong = {"increase", "decrease"}
    if old in strong and new == "maintain":
        return (LOWERED,)
    if old == "maintain" and new in strong:
        return (RAISED,)
    if old in strong and new in strong and old != new:
        return (REVERSED,)
    return ()


def _stripped(obj: Any) -> Any:
    """An object with its ids and places blanked, to recognise the same content under a new id."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        values = {}
        for f in dataclasses.fields(obj):
            if f.name in ("id", "path", "priority_id"):
                continue
            values[f.name] = _stripped(getattr(obj, f.name))
        return tuple(sorted(values.items()))
    if isinstance(obj, (tuple, list)):
        return tuple(_stripped(x) for x in obj)
    return obj


def _match(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[str], list[str], dict[str, str]]:
    """Removed ids, added ids, and {old id: new id} for things whose content is identical but id is new."""
    removed = [k for k in old if k not in new]
    added = [k for k in new if k not in old]
    renamed: dict[str, str] = {}
    fingerprints: dict[Any, list[str]] = {}
    for k in added:
        fingerprints.setdefault(_stripped(new[k]), []).append(k)
    for k in removed:
        candidates = fingerprints.get(_stripped(old[k]))
        if candidates:
            renamed[k] = candidates.pop(0)
    return ([k for k in removed if k not in renamed],
            [k for k in added if k not in renamed.values()], renamed)


def _by_id(items) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for x in items:
        if x.id and x.id not in out:
            out[x.id] = x
    return out


def _value(v) -> dict | None:
    if v is None:
        return None
    if getattr(v, "relative", False):
        key = "change" if v.change is not None else "factor"
        return {"year": v.year, key: _num(getattr(v, key)), "base_year": v.base_year, "value": _num(v.value)}
    if getattr(v, "is_range", False):
        return {"year": v.year, "low": _num(v.low), "high": _num(v.high)}
    if getattr(v, "from_year", None) is not None:
        return {"year": v.period, "value": _num(v.value)}
    return {"year": v.year, "value": _num(v.value)}


def _provenance(v) -> str | None:
    """Where a target value comes from, in one line: 'illustrative', the decision, or None."""
    if v is None or not (v.illustrative or v.decision):
        return None
    if v.illustrative:
        return "illustrative"
    d = v.decision
    return ", ".join(x for x in (d.body, d.date, d.case) if x)


def _measured(s: Strategy, g: Goal) -> list[tuple[str, str]]:
    """(target id, indicator id) pairs of a goal whose indicator is defined."""
    return [(t.id, t.indicator_id) for t in g.targets if s.indicator(t.indicator_id)]


def _words(chapter: Chapter) -> list[str]:
    return chapter.document.text.split() if chapter.document else []


def _words_changed(n: int) -> dict[str, Any]:
    """A text change's note and its number of changed words, for ``Change``."""
    return {"note": _("1 word changed") if n == 1 else _("{n} words changed", n=n), "words": n}


def changed_words(old: list[str], new: list[str]) -> int:
    """Words removed, added or replaced (a replaced run counts by its longer side)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")


def _compare_strategy(a: Strategy, b: Strategy) -> Iterator[Change]:
    ea, eb = a.edition, b.edition
    for field in ("version", "status", "date", "decision"):
        if getattr(ea, field) != getattr(eb, field):
            yield Change(f"edition-{field}-changed", "strategy", b.id or a.id, getattr(ea, field), getattr(eb, field))
    if (a.period_start, a.period_end) != (b.period_start, b.period_end):
        yield Change("period-changed", "strategy", b.id or a.id, [a.period_start, a.period_end],
                     [b.period_start, b.period_end])
    if a.title != b.title:
        yield Change("title-changed", "strategy", b.id or a.id, a.title, b.title)
    if _region(a) != _region(b):
        # another region (or the same under another code) is another area that the data describe
        yield Change("region-changed", "strategy", b.id or a.id, _region(a), _region(b))
    if (a.vision_text, a.vision_horizon) != (b.vision_text, b.vision_horizon):
        yield Change("vision-changed", "strategy", b.id or a.id, a.vision_horizon, b.vision_horizon,
                     **_words_changed(changed_words(a.vision_text.split(), b.vision_text.split())))


def _region(s: Strategy) -> str:
    """The region as 'name (scheme code)', e.g. 'Västerbottens län (se 24)'."""
    return f"{s.region_name} ({s.region_scheme} {s.region_code})"


def _compare_priorities(a: Strategy, b: Strategy) -> Iterator[Change]:
    old, new = _by_id(a.priorities), _by_id(b.priorities)
    removed, added, renamed = _match(old, new)
    for k in removed:
        yield Change("priority-removed", "priority", k, old[k].title, None)
    for k in added:
        yield Change("priority-added", "priority", k, None, new[k].title)
    for k, v in renamed.items():
        yield Change("priority-id-changed", "priority", v, k, v)
    for k in old.keys() & new.keys():
        if old[k].title != new[k].title:
            yield Change("priority-renamed", "priority", k, old[k].title, new[k].title)


def _compare_goals(a: Strategy, b: Strategy) -> Iterator[Change]:
    old, new = _by_id(a.goals()), _by_id(b.goals())
    removed, added, renamed = _match(old, new)
    for k in removed:
        # a goal that goes takes its targets with it: less is asked of the region
        yield Change("goal-removed", "goal", k, old[k].title, None,
                     (LOWERED,) if old[k].targets or old[k].commitments else (),
                     parent=old[k].priority_id, note=_with_targets(old[k]))
    for k in added:
        yield Change("goal-added", "goal", k, None, new[k].title, parent=new[k].priority_id,
                     note=_with_targets(new[k]))
    for k, v in renamed.items():
        yield Change("goal-id-changed", "goal", v, k, v, parent=new[v].priority_id)
    pairs = [(old[k], new[k]) for k in new if k in old] + [(old[k], new[v]) for k, v in renamed.items()]
    for g, h in pairs:
        if g.title != h.title:
            yield Change("goal-renamed", "goal", h.id, g.title, h.title, parent=h.priority_id)
        if g.text != h.text:
            yield Change("goal-text-changed", "goal", h.id, parent=h.priority_id,
                         **_words_changed(changed_words(g.text.split(), h.text.split())))
        if g.priority_id != h.priority_id:
            yield Change("goal-moved", "goal", h.id, g.priority_id, h.priority_id, parent=h.priority_id)
        if g.agenda2030 != h.agenda2030:
            yield Change("goal-agenda2030-changed", "goal", h.id, list(g.agenda2030), list(h.agenda2030),
                         parent=h.priority_id)
        if g.contributes_to != h.contributes_to:
            yield Change("goal-contributions-changed", "goal", h.id, list(g.contributes_to), list(h.contributes_to),
                         parent=h.priority_id)
        if g.shared_target_ids != h.shared_target_ids:
            yield Change("goal-shared-targets-changed", "goal", h.id, list(g.shared_target_ids),
                         list(h.shared_target_ids), parent=h.priority_id)
        if dict(g.frameworks) != dict(h.frameworks):
            yield Change("goal-frameworks-changed", "goal", h.id, _framework_links(g), _framework_links(h),
                         parent=h.priority_id)
        was, now = _measured(a, g), _measured(b, h)
        if was and not now:
            yield Change("goal-lost-indicator", "goal", h.id, sorted({i for _, i in was}), None,
                         parent=h.priority_id,
                         note=_("via target {ids}", ids=", ".join(sorted({t for t, _i in was}))))


def _framework_links(g: Goal) -> list[str]:
    """A goal's framework links as 'framework part' words, e.g. ['nrs 2', 'nrs 3']."""
    return [f"{fid} {part}" for fid, parts in g.frameworks for part in parts]


def _with_targets(g: Goal) -> str:
    ids = [t.id for t in g.targets if t.id]
    if not ids:
        return ""
    return (_("with target {ids}", ids=ids[0]) if len(ids) == 1
            else _("with targets {ids}", ids=", ".join(ids)))


def _compare_targets(a: Strategy, b: Strategy, lost: set[str]) -> Iterator[Change]:
    """Targets, matched by id wherever they stand; those of added or removed goals are left to the goal."""
    old_goal = {t.id: g for g, t in a.targets()}
    new_goal = {t.id: g for g, t in b.targets()}
    old = _by_id(t for _, t in a.targets())
    new = _by_id(t for _, t in b.targets())
    old_goal_ids, new_goal_ids = {g.id for g in a.goals()}, {g.id for g in b.goals()}
    removed, added, renamed = _match(old, new)
    for k in removed:
        if old_goal[k].id in new_goal_ids:
            yield Change("target-removed", "target", k, old[k].text, None, (LOWERED,), parent=old_goal[k].id)
    for k in added:
        if new_goal[k].id in old_goal_ids:
            yield Change("target-added", "target", k, None, new[k].text, (RAISED,), parent=new_goal[k].id)
    for k, v in renamed.items():
        yield Change("target-id-changed", "target", v, k, v, parent=new_goal[v].id)
    pairs = [(old[k], new[k]) for k in new if k in old] + [(old[k], new[v]) for k, v in renamed.items()]
    for t, u in pairs:
        yield from _target_changes(t, u, new_goal[u.id].id, old_goal[t.id].id, lost)


def _comparator(t: Target) -> str | None:
    """A gap target's comparator as written, None for any other target."""
    return f"{t.comparator.name} ({t.comparator.series})" if t.comparator is not None else None


def _values_view(t: Target) -> Target:
    """The target as its values are compared. A gap target's values are gaps, and a smaller gap asks
    for more whichever way the region moves: its wanted direction for them is 'gap' (a larger gap
    allowed is a lowered ambition). A target that becomes a gap target changes the kind of its
    values, and so its direction for them: no flag is given for its values then."""
    return _GapView(t) if t.comparator is not None else t


class _GapView:
    """A gap target as the value comparisons see it (``_values_view``): the target, but for its
    wanted direction."""

    def __init__(self, t: Target) -> None:
        self._t = t

    def __getattr__(self, name: str) -> Any:
        return getattr(self._t, name)

    @property
    def wanted_direction(self) -> str:
        return "gap"


def _target_changes(t: Target, u: Target, goal: str, old_goal: str, lost: set[str]) -> Iterator[Change]:
    def change(kind: str, old: Any, new: Any, flags: tuple[str, ...] = (), note: str = "",
               words: int | None = None) -> Change:
        return Change(kind, "target", u.id, old, new, flags, goal, note, words)

    if goal != old_goal:
        yield change("target-moved", old_goal, goal)
    if t.text != u.text:
        yield change("target-text-changed", t.text, u.text,
                     **_words_changed(changed_words(t.text.split(), u.text.split())))
    if t.indicator_id != u.indicator_id and goal not in lost:
        # when the goal lost its last indicator, 'goal-lost-indicator' already says this
        yield change("target-indicator-changed", t.indicator_id, u.indicator_id)
    if t.breakdown != u.breakdown:
        yield change("target-breakdown-changed", t.breakdown, u.breakdown)
    if t.direction != u.direction:
        yield change("target-direction-changed", t.direction, u.direction,
                     _direction_ambition(t.direction, u.direction))
    if t.threshold != u.threshold:
        yield change("target-threshold-changed", t.threshold, u.threshold, _threshold_ambition(t.threshold, u.threshold))
    if t.flow != u.flow:
        yield change("target-flow-changed", t.flow, u.flow, _flow_ambition(t, u))
    if _range_form(t) and _range_form(u) and _range_form(t) != _range_form(u):
        # inside the band every year asks for more than inside the range by the target year
        yield change("target-range-form-changed", _range_form(t), _range_form(u),
                     (RAISED,) if _range_form(u) == "stay" else (LOWERED,))
    tc, uc = _comparator(t), _comparator(u)
    if tc != uc:
        yield change("target-comparator-changed", tc, uc)
    # a gap target's values are gaps: a smaller gap asks for more, whichever way the region moves
    t, u = _values_view(t), _values_view(u)
    tv, uv = t.target, u.target
    if (tv and tv.relative) or (uv and uv.relative):
        yield from _relative_changes(tv, uv, t, u, change)
    elif (tv and tv.value) != (uv and uv.value):
        # a threshold's side is its direction: a lowered floor or a raised ceiling asks for less
        # a yearly amount and a total over the period (or a level) are not amounts of one kind
        same_direction = t.wanted_direction == u.wanted_direction and t.flow == u.flow
        flags = _ambition(u.wanted_direction, tv and tv.value, uv and uv.value) if same_direction else ()
        yield change("target-value-changed", _num(tv and tv.value), _num(uv and uv.value), flags)
    old_range = (tv.low, tv.high) if tv and tv.is_range else None
    new_range = (uv.low, uv.high) if uv and uv.is_range else None
    if old_range != new_range:
        yield change("target-range-changed", old_range and [_num(x) for x in old_range],
                     new_range and [_num(x) for x in new_range], _range_ambition(old_range, new_range))
    if (tv and tv.from_year) != (uv and uv.from_year):
        # a longer period for the same yearly amount or total asks for as much, later: neither flag
        yield change("target-period-changed", tv and tv.period, uv and uv.period)
    if (tv and tv.year) != (uv and uv.year):
        yield change("target-year-changed", tv and tv.year, uv and uv.year,
                     _year_ambition(tv and tv.year, uv and uv.year))
    if t.milestones != u.milestones and [_value(m) for m in t.milestones] != [_value(m) for m in u.milestones]:
        before = {m.year: m.value for m in t.milestones}
        flags: set[str] = set()
        if t.wanted_direction == u.wanted_direction:
            for m in u.milestones:
                if m.year in before:
                    flags.update(_ambition(u.wanted_direction, before[m.year], m.value))
        # the same milestone value, to be reached later (or sooner): the years were moved
        old_years = {m.value: m.year for m in t.milestones if m.value is not None}
        for m in u.milestones:
            if m.value in old_years and m.year not in before:
                flags.update(_year_ambition(old_years[m.value], m.year))
        yield change("target-milestones-changed", [_value(m) for m in t.milestones],
                     [_value(m) for m in u.milestones], tuple(sorted(flags)))
    if _provenance(tv) is not None and _provenance(tv) != _provenance(uv):
        # a value that gains its first provenance is the same value, better documented: not news;
        # one whose decision changes, or that turns illustrative, is
        yield change("target-provenance-changed", _provenance(tv), _provenance(uv))
    tb, ub = t.baseline, u.baseline
    if (tb and (tb.year, tb.value, tb.from_year)) != (ub and (ub.year, ub.value, ub.from_year)):
        yield change("target-baseline-changed", _value(tb), _value(ub))


def _owner(o) -> str:
    """An owner in one line: the body's name with its kind, or the kind."""
    return f"{o.name} ({o.kind})" if o.name else str(o.kind)


def _status_rank(c: Commitment) -> int | None:
    """The latest assessment's place on the scale (0 is best), None without one."""
    a = c.latest()
    return COMMITMENT_STATUSES.index(a.status) if a is not None and a.status else None


def _compare_commitments(a: Strategy, b: Strategy) -> Iterator[Change]:
    """Commitments, matched by id; those of added or removed goals are left to the goal.

    A commitment dropped, an owner dropped, or no one left to assess it asks less of the
    region: a lowered ambition (the reverse raises it). A worse latest assessment is reported
    as such; it says how the work goes, not what is asked, so it carries no ambition flag.
    """
    old_goal = {c.id: g for g, c in a.commitments()}
    new_goal = {c.id: g for g, c in b.commitments()}
    old, new = _by_id(c for _, c in a.commitments()), _by_id(c for _, c in b.commitments())
    old_goal_ids, new_goal_ids = {g.id for g in a.goals()}, {g.id for g in b.goals()}
    removed, added, renamed = _match(old, new)
    for k in removed:
        if old_goal[k].id in new_goal_ids:
            yield Change("commitment-removed", "commitment", k, old[k].text, None, (LOWERED,), parent=old_goal[k].id)
    for k in added:
        if new_goal[k].id in old_goal_ids:
            yield Change("commitment-added", "commitment", k, None, new[k].text, (RAISED,), parent=new_goal[k].id)
    for k, v in renamed.items():
        yield Change("commitment-id-changed", "commitment", v, k, v, parent=new_goal[v].id)
    pairs = [(old[k], new[k]) for k in new if k in old] + [(old[k], new[v]) for k, v in renamed.items()]
    for c, d in pairs:
        goal = new_goal[d.id].id

        def change(kind: str, was: Any, now: Any, flags: tuple[str, ...] = (), **more: Any) -> Change:
            return Change(kind, "commitment", d.id, was, now, flags, goal, **more)

        if old_goal[c.id].id != goal:
            yield change("commitment-moved", old_goal[c.id].id, goal)
        if c.text != d.text:
            yield change("commitment-text-changed", c.text, d.text,
                         **_words_changed(changed_words(c.text.split(), d.text.split())))
        was, now = [_owner(o) for o in c.owners], [_owner(o) for o in d.owners]
        dropped, joined = [o for o in was if o not in now], [o for o in now if o not in was]
        if dropped:
            yield change("commitment-owner-removed", dropped, None, (LOWERED,))
        if joined:
            yield change("commitment-owner-added", None, joined, (RAISED,))
        if c.assessed_by != d.assessed_by:
            flags = (LOWERED,) if c.assessed_by and not d.assessed_by else (RAISED,) if d.assessed_by and not c.assessed_by else ()
            yield change("commitment-assessor-changed", c.assessed_by, d.assessed_by, flags)
        before, after = _status_rank(c), _status_rank(d)
        if before is not None and after is not None and before != after:
            kind = "commitment-status-worsened" if after > before else "commitment-status-improved"
            ca, da = c.latest(), d.latest()
            yield change(kind, {"year": ca.year, "status": ca.status}, {"year": da.year, "status": da.status})


def _compare_indicators(a: Strategy, b: Strategy) -> Iterator[Change]:
    old, new = _by_id(a.indicators), _by_id(b.indicators)
    removed, added, renamed = _match(old, new)
    for k in removed:
        yield Change("indicator-removed", "indicator", k, old[k].name, None)
    for k in added:
        yield Change("indicator-added", "indicator", k, None, new[k].name)
    for k, v in renamed.items():
        yield Change("indicator-id-changed", "indicator", v, k, v)
    for k in [k for k in new if k in old]:
        i, j = old[k], new[k]
        if i.name != j.name:
            yield Change("indicator-renamed", "indicator", k, i.name, j.name)
        if i.unit != j.unit:
            yield Change("indicator-unit-changed", "indicator", k, i.unit, j.unit)
        if i.source != j.source:
            yield Change("indicator-source-changed", "indicator", k, _source(i), _source(j))


def _source(i: Indicator) -> dict | None:
    if i.source is None:
        return None
    return {k: v for k, v in dataclasses.asdict(i.source).items() if v is not None}


def _compare_chapters(a: Strategy, b: Strategy) -> Iterator[Change]:
    old, new = _by_id(a.chapters), _by_id(b.chapters)
    for k in old:
        if k not in new:
            n = len(_words(old[k]))
            yield Change("chapter-removed", "chapter", k, old[k].file, None, note=_("1 word") if n == 1 else _("{n} words", n=n), words=n)
    for k in new:
        if k not in old:
            n = len(_words(new[k]))
            yield Change("chapter-added", "chapter", k, None, new[k].file, note=_("1 word") if n == 1 else _("{n} words", n=n), words=n)
            continue
        c, d = old[k], new[k]
        words = changed_words(_words(c), _words(d))
        if words or c.file != d.file or c.title != d.title:
            yield Change("chapter-changed", "chapter", k, c.file, d.file, **_words_changed(words))


def _build_files(root: Path) -> dict[str, bytes]:
    """The files ``BUILD_FILES`` names, read from only the folders those patterns can match
    (a working tree also holds .venv/, node_modules/ and build output: tens of thousands of files)."""
    found: dict[str, bytes] = {}
    if not root.is_dir():
        return found
    folders = sorted({pattern.split("/", 1)[0] for pattern in BUILD_FILES if "/" in pattern})
    candidates = [p for p in root.iterdir() if p.is_file()]
    for folder in folders:
        for here, dirs, files in os.walk(root / folder):
            dirs[:] = [d for d in dirs if not _generated(d)]
            candidates += [Path(here) / name for name in files if not _generated(name)]
    for path in candidates:
        rel = path.relative_to(root).as_posix()
        if path.is_file() and any(fnmatch.fnmatchcase(rel, pattern) for pattern in BUILD_FILES):
            # A link out of the repository is compared by where it points, never read.
            found[rel] = path.read_bytes() if is_inside(path, root) else b"link: " + os.fsencode(str(real_path(path)))
    for rel in _referenced(root):
        path = root / rel
        if rel not in found and path.is_file():
            found[rel] = path.read_bytes()
    return found


def _referenced(root: Path) -> list[str]:
    """Files of ``root`` that mkdocs.yml INHERITs (at any depth) or names under ``hooks:``.

    A reviewed mkdocs.yml can INHERIT a file under strategy/ whose later edits would otherwise
    look like no change at all; the build refuses hooks, but a diff still names the file.
    """
    from strategykit.source.load import load_yaml
    from strategykit.source.siteconfig import read

    try:
        base = root.resolve()
        files = [p for p in read(root).files if p.resolve().is_relative_to(base)]
    except (OSError, RuntimeError):
        return []
    out = []
    for path in files:
        out.append(path.resolve().relative_to(base).as_posix())
        doc, _ = load_yaml(path, path.name)
        hooks = doc.data.get("hooks") if doc is not None and isinstance(doc.data, dict) else None
        for hook in hooks if isinstance(hooks, list) else []:
            if not isinstance(hook, str):
                continue
            for folder in {path.parent, root}:  # relative to the file that names it, or to mkdocs.yml
                with contextlib.suppress(OSError, RuntimeError, ValueError):
                    target = (folder / hook).resolve()
                    if target.is_relative_to(base) and target.is_file():
                        out.append(target.relative_to(base).as_posix())
    return out


def _generated(name: str) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in _NOT_SOURCES)


def compare_build(old_root: Path, new_root: Path) -> Iterator[Change]:
    """Files that steer how the editions are built (``BUILD_FILES``), added, removed or changed."""
    old, new = _build_files(old_root), _build_files(new_root)
    for rel in sorted(old.keys() | new.keys()):
        if rel not in new:
            yield Change("build-file-removed", "build", rel)
        elif rel not in old:
            yield Change("build-file-added", "build", rel)
        elif old[rel] != new[rel]:
            yield Change("build-file-changed", "build", rel)


def compare(a: Strategy, b: Strategy, *, build_files: bool = True) -> list[Change]:
    """Every change in meaning from ``a`` to ``b``, in the order of the document.

    ``build_files=False`` leaves out the files that steer the build (``compare_build``), which
    are read from both folders: the changes since the consultation show only the strategy's own.
    """
    goals = list(_compare_goals(a, b))
    lost = {c.id for c in goals if c.kind == "goal-lost-indicator"}
    return [*_compare_strategy(a, b), *_compare_priorities(a, b), *goals,
            *_compare_targets(a, b, lost), *_compare_commitments(a, b), *_compare_indicators(a, b),
            *_compare_chapters(a, b),
            *(compare_build(a.root, b.root) if build_files else ())]


# --- words ------------------------------------------------------------------

_SUBJECT_WORDS = {"strategy": _("strategy"), "priority": _("priority"), "goal": _("goal"), "target": _("target"),
                  "commitment": _("commitment"), "indicator": _("indicator"), "chapter": _("chapter"),
                  "build": _("file")}


def _show(v: Any) -> str:
    if v is None:
        return _("none")
    if isinstance(v, dict) and set(v) == {"year", "value"}:
        return _("{value} in {year}", value=_show(v["value"]), year=v["year"])
    if isinstance(v, dict):
        return ", ".join(f"{k} {_show(x)}" for k, x in v.items())
    if isinstance(v, list):
        return "[" + ", ".join(_show(x) for x in v) + "]" if v else _("none")
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def _clip(text: Any, n: int = 70) -> str:
    s = _show(text)
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def describe(c: Change) -> str:
    """The change in words, without the subject's name (the formatter puts that first).

    A message (``messages.Msg``): English as a string, in the strategy's language through ``localize``."""
    verb = c.kind.removeprefix(c.subject + "-") if c.kind.startswith(c.subject + "-") else c.kind
    arrow = _("{old} → {new}", old=_show(c.old), new=_show(c.new))
    words: dict[str, Callable[[], str]] = {
        "added": lambda: _("added: {what} ({note})", what=_clip(c.new), note=c.note) if c.note
        else _("added: {what}", what=_clip(c.new)),
        "removed": lambda: _("removed (was: {what}) ({note})", what=_clip(c.old), note=c.note) if c.note
        else _("removed (was: {what})", what=_clip(c.old)),
        "id-changed": lambda: _("id changed {old} → {new}, content unchanged", old=c.old, new=c.new),
        "renamed": lambda: _("renamed: “{old}” → “{new}”", old=_clip(c.old, 60), new=_clip(c.new, 60)),
        "text-changed": lambda: _("text changed ({note})", note=c.note),
        "moved": lambda: _("moved from {old} to {new}", old=c.old, new=c.new),
        "lost-indicator": lambda: _("lost its last indicator, {ids} ({note}): it can no longer be followed up",
                                    ids=", ".join(c.old or []), note=c.note),
        "indicator-changed": lambda: _("indicator {change}", change=arrow),
        "breakdown-changed": lambda: _("breakdown {change}", change=arrow),
        "direction-changed": lambda: _("direction {change}", change=arrow),
        "value-changed": lambda: _("target value {change}", change=arrow),
        "year-changed": lambda: _("target year {change}", change=arrow),
        "milestones-changed": lambda: _("milestones {change}", change=arrow),
        "baseline-changed": lambda: _("baseline {change}", change=arrow),
        "provenance-changed": lambda: _("target value's provenance {change}", change=arrow),
        "threshold-changed": lambda: _("threshold {change}", change=arrow),
        "owner-removed": lambda: _("owner dropped: {owners}", owners=", ".join(c.old or [])),
        "owner-added": lambda: _("owner added: {owners}", owners=", ".join(c.new or [])),
        "assessor-changed": lambda: _("assessed by {change}", change=arrow),
        "status-worsened": lambda: _("latest assessment worse: {old} → {new}", old=_assessed(c.old), new=_assessed(c.new)),
        "status-improved": lambda: _("latest assessment better: {old} → {new}", old=_assessed(c.old), new=_assessed(c.new)),
        "relative-changed": lambda: _("target value {change}", change=arrow),
        "range-changed": lambda: _("target range {change}", change=arrow),
        "flow-changed": lambda: _("flow {change}", change=arrow),
        "range-form-changed": lambda: _("range {change}", change=arrow),
        "comparator-changed": lambda: _("compared with {change}", change=arrow),
        "agenda2030-changed": lambda: _("Agenda 2030 links {change}", change=arrow),
        "contributions-changed": lambda: _("contributes to other priorities {change}", change=arrow),
        "shared-targets-changed": lambda: _("targets shared with other goals {change}", change=arrow),
        "frameworks-changed": lambda: _("framework links {change}", change=arrow),
        "unit-changed": lambda: _("unit {change}", change=arrow),
        "source-changed": lambda: _("source {change}", change=arrow),
        "changed": lambda: c.note if c.old == c.new else _("{note}; file {change}", note=c.note, change=arrow),
        "file-added": lambda: _("added"),
        "file-removed": lambda: _("removed"),
        "file-changed": lambda: _("changed"),
        "vision-changed": lambda: _("vision changed (horizon {change}, {note})", change=arrow, note=c.note)
        if c.old != c.new else _("vision text changed ({note})", note=c.note),
        "period-changed": lambda: _("period {change}", change=arrow),
        "title-changed": lambda: _("title “{old}” → “{new}”", old=_clip(c.old, 60), new=_clip(c.new, 60)),
        "region-changed": lambda: _("region {change}", change=arrow),
    }
    editions = {"edition-version-changed": lambda: _("edition version {change}", change=arrow),
                "edition-status-changed": lambda: _("edition status {change}", change=arrow),
                "edition-date-changed": lambda: _("edition date {change}", change=arrow)}
    if verb.startswith("edition-"):
        return editions.get(verb, lambda: _("{verb} {change}", verb=verb.replace("-", " "), change=arrow))()
    return words.get(verb, lambda: _("{verb} {change}", verb=verb, change=arrow))()


_STATUS_WORDS = {"done": _("done"), "on-schedule": _("on schedule"), "delayed": _("delayed"),
                 "not-started": _("not started"), "discontinued": _("discontinued")}
"""The commitment scale (``model.COMMITMENT_STATUSES``) in the diff's words."""


def _assessed(v: Any) -> str:
    """A latest assessment as the diff gives it ({'year': 2025, 'status': 'delayed'}) in words."""
    if not isinstance(v, dict):
        return _show(v)
    return _("{status} ({year})", status=_STATUS_WORDS.get(v.get("status"), str(v.get("status"))), year=v.get("year"))


def _own_names(levels: tuple[tuple[str, str, str], ...]) -> dict[str, tuple[str, str]]:
    return {level: (one, many) for level, one, many in levels}


def subject_label(c: Change, levels: tuple[tuple[str, str, str], ...] = ()) -> str:
    """'goal P1.2', with the strategy's own name of the level when it gives one ('delmål P1.2.a')."""
    if c.subject == "strategy":
        return _("strategy")
    own = _own_names(levels).get(c.subject)
    word = own[0][:1].lower() + own[0][1:] if own else _SUBJECT_WORDS[c.subject]
    return _("{subject} {id}", subject=word, id=c.id)


_FLAG_WORDS = {LOWERED: _("LOWERED AMBITION"), RAISED: _("raised ambition"), REVERSED: _("DIRECTION REVERSED")}


def _summary(result: DiffResult) -> str:
    meaning = [c for c in result.changes if c.subject != "build"]
    build = len(result.changes) - len(meaning)
    n, lowered = len(meaning), len(result.lowered)
    parts = [(_("1 change in meaning") if n == 1 else _("{n} changes in meaning", n=n)) if n
             else _("No change in meaning")]
    if lowered:
        parts.append(_(", 1 of them lowers an ambition") if lowered == 1
                     else _(", {n} of them lower an ambition", n=lowered))
    if build:
        parts.append(_("; 1 build file changed") if build == 1 else _("; {n} build files changed", n=build))
    return "".join(localize(p, result.language) for p in parts) + "."


TOOLKIT_FOLDER = "tools/"
"""The toolkit's own code: a change to it is called out in one line, not file by file."""


def _toolkit_files(result: DiffResult) -> list[Change]:
    return [c for c in result.changes if c.subject == "build" and c.id.startswith(TOOLKIT_FOLDER)]


def _listed(result: DiffResult) -> list[Change]:
    """The changes a person reads one by one: the strategy's sources and the build configuration
    (mkdocs.yml, pdf/, the workflows …); the toolkit's files are counted instead (JSON keeps them all)."""
    toolkit = set(map(id, _toolkit_files(result)))
    return [c for c in result.changes if id(c) not in toolkit]


def _toolkit_line(result: DiffResult) -> str | None:
    n = len(_toolkit_files(result))
    if not n:
        return None
    line = (_("the toolkit ({folder}): 1 file changed", folder=TOOLKIT_FOLDER) if n == 1
            else _("the toolkit ({folder}): {n} files changed", folder=TOOLKIT_FOLDER, n=n))
    return localize(line, result.language)


def format_text(result: DiffResult) -> str:
    """The changes for a person, in the strategy's language (``result.language``)."""
    say = functools.partial(localize, language=result.language)
    lines = [say(_("Changes in meaning from {base} to {head}:", base=result.base, head=result.head))]
    for c in _listed(result):
        flags = "".join(f"  [{say(_FLAG_WORDS[f])}]" for f in c.flags if f in _FLAG_WORDS)
        lines.append(f"  {say(subject_label(c, result.levels))}: {say(describe(c))}{flags}")
    if _toolkit_line(result):
        lines.append(f"  {_toolkit_line(result)}")
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


_HEADINGS = {"strategy": _("The strategy"), "priority": _("Priorities"), "goal": _("Goals"), "target": _("Targets"),
             "commitment": _("Commitments"), "indicator": _("Indicators"), "chapter": _("Chapters"),
             "build": _("Build configuration (how the editions are made, not what they say)")}


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~&:@$]|(?<![\w.])www\.)", re.IGNORECASE)


def _md(text: str) -> str:
    """Text as Markdown that shows as written: no link, image, autolink, emphasis or HTML from it.

    Every character that could start markup is escaped with a backslash; ':' and '@' too, so that
    GitHub does not autolink an address, and the dot after 'www' ('www\\.…') for the same reason.
    """
    text = " ".join(str(text).split())
    return _MD_SPECIAL.sub(lambda m: m.group(0)[:3] + "\\." if len(m.group(0)) == 4 else "\\" + m.group(0), text)


def _code(text: str) -> str:
    """Text in a code span that nothing inside can close (a longer run of backticks around it)."""
    text = " ".join(str(text).split())
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def format_markdown(result: DiffResult) -> str:
    """For a pull-request comment or ``$GITHUB_STEP_SUMMARY``: grouped, with lowered ambitions first."""
    say = functools.partial(localize, language=result.language)
    out = [say(_("## Changes in meaning: {base} → {head}", base=_md(result.base), head=_md(result.head))), ""]
    if result.lowered:
        n = len(result.lowered)
        out += ["> [!WARNING]",
                "> " + say(_("**1 lowered ambition.** Check that this is decided, not a typo:") if n == 1 else
                           _("**{n} lowered ambitions.** Check that this is decided, not a typo:", n=n))]
        out += [f"> - **{_md(say(subject_label(c, result.levels)))}**: {_md(say(describe(c)))}" for c in result.lowered]
        out.append("")
    listed = _listed(result)
    for subject in SUBJECTS:
        group = [c for c in listed if c.subject == subject]
        toolkit = _toolkit_line(result) if subject == "build" else None
        if not group and not toolkit:
            continue
        own = _own_names(result.levels).get(subject)
        out += [f"### {_md(own[1]) if own else say(_HEADINGS[subject])}", ""]
        for c in group:
            flags = "".join(f" **{say(_FLAG_WORDS[f])}**" for f in c.flags if f in _FLAG_WORDS)
            out.append(f"- {_code(c.id)} {_md(say(describe(c)))}{flags}")
        if toolkit:
            out.append(f"- {_md(toolkit[:1].upper() + toolkit[1:])}")
        out.append("")
    out.append(_summary(result))
    return "\n".join(out) + "\n"


def format_json(result: DiffResult) -> str:
    payload = {
        "version": 1,
        "base": result.base,
        "head": result.head,
        "summary": {"changes": len(result.changes), "lowered_ambition": len(result.lowered)},
        "changes": [c.to_dict() for c in result.changes],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


FORMATTERS: dict[str, Callable[[DiffResult], str]] = {
    "text": format_text,
    "markdown": format_markdown,
    "json": format_json,
}
