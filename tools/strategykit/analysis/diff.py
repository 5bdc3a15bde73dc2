"""The change in meaning between two editions of a strategy.

A text diff of goals.yaml shows moved lines and re-indented blocks; a reviewer
needs to know that target P1.2.a now asks for less, or that goal P3.1 can no
longer be followed up. So both sides are loaded into the model (``project``
reads the files, this module never parses YAML), matched by id, and compared.

The result is data: a list of ``Change`` records. Formatting is the edge's job
(``FORMATTERS``, as in ``report``). A side is a folder, or a git revision that
is unpacked into a temporary folder with ``git archive``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import fnmatch
import io
import json
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from strategykit.diagnostics import Diagnostic
from strategykit.model import Chapter, Goal, Indicator, Strategy, Target

LOWERED = "lowered-ambition"
RAISED = "raised-ambition"
REVERSED = "reversed-direction"

BUILD_FILES = ("mkdocs.yml", ".github/workflows/*", "schema/*", "templates/*", "templates/**/*",
               "requirements.txt", "pdf/*", "pyproject.toml", "package.json", "package-lock.json", "tools/*",
               ".pre-commit-hooks.yaml", ".pre-commit-config.yaml")
"""Files that change how the editions are built or checked, not what they say: the organisation's
PDF profile (``pdf/``, see ``pdf.profile``), and what pip, npm and pre-commit install and run
(their install steps run code). A ``*`` also matches across folders: ``pdf/*`` is all of ``pdf/``."""

_NOT_SOURCES = ("__pycache__", "node_modules", "*.egg-info", "*.pyc")
"""What a working tree holds beside the sources, never committed: left out of ``_build_files``."""

SUBJECTS = ("strategy", "priority", "goal", "target", "indicator", "chapter", "build")


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

    @property
    def lowered(self) -> list[Change]:
        return [c for c in self.changes if LOWERED in c.flags]


class RevisionError(Exception):
    """A side cannot be found: an unknown revision, a folder without goals.yaml, no git."""


class SideNotLoaded(Exception):
    """A side's goals.yaml does not load; ``diagnostics`` say why."""

    def __init__(self, label: str, diagnostics: list[Diagnostic]):
        super().__init__(f"the strategy at {label} cannot be read")
        self.label = label
        self.diagnostics = diagnostics


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
    if direction == "decrease":
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
    return {"note": f"{n} word{'s' if n != 1 else ''} changed", "words": n}


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
    if (a.vision_text, a.vision_horizon) != (b.vision_text, b.vision_horizon):
        yield Change("vision-changed", "strategy", b.id or a.id, a.vision_horizon, b.vision_horizon,
                     **_words_changed(changed_words(a.vision_text.split(), b.vision_text.split())))


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
        yield Change("goal-removed", "goal", k, old[k].title, None, (LOWERED,) if old[k].targets else (),
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
        was, now = _measured(a, g), _measured(b, h)
        if was and not now:
            yield Change("goal-lost-indicator", "goal", h.id, sorted({i for _, i in was}), None,
                         parent=h.priority_id,
                         note="via target " + ", ".join(sorted({t for t, _ in was})))


def _with_targets(g: Goal) -> str:
    ids = [t.id for t in g.targets if t.id]
    return ("with target " if len(ids) == 1 else "with targets ") + ", ".join(ids) if ids else ""


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
    tv, uv = t.target, u.target
    if (tv and tv.relative) or (uv and uv.relative):
        yield from _relative_changes(tv, uv, t, u, change)
    elif (tv and tv.value) != (uv and uv.value):
        # a threshold's side is its direction: a lowered floor or a raised ceiling asks for less
        same_direction = t.wanted_direction == u.wanted_direction
        flags = _ambition(u.wanted_direction, tv and tv.value, uv and uv.value) if same_direction else ()
        yield change("target-value-changed", _num(tv and tv.value), _num(uv and uv.value), flags)
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
            yield Change("chapter-removed", "chapter", k, old[k].file, None, note=f"{n} words", words=n)
    for k in new:
        if k not in old:
            n = len(_words(new[k]))
            yield Change("chapter-added", "chapter", k, None, new[k].file, note=f"{n} words", words=n)
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
            found[rel] = path.read_bytes()
    return found


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


def compare(a: Strategy, b: Strategy) -> list[Change]:
    """Every change in meaning from ``a`` to ``b``, in the order of the document."""
    goals = list(_compare_goals(a, b))
    lost = {c.id for c in goals if c.kind == "goal-lost-indicator"}
    return [*_compare_strategy(a, b), *_compare_priorities(a, b), *goals,
            *_compare_targets(a, b, lost), *_compare_indicators(a, b), *_compare_chapters(a, b),
            *compare_build(a.root, b.root)]


# --- the two sides: folders or git revisions --------------------------------

def _git(root: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=not binary,
                              timeout=120)
    except FileNotFoundError as exc:
        raise RevisionError("git is not installed, so revisions cannot be compared; give two folders instead.") from exc


def _toplevel_and_prefix(root: Path) -> tuple[Path, str]:
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise RevisionError(f"'{root}' is not inside a git repository; give two folders to compare instead.")
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.strip()
    return Path(top.stdout.strip()), prefix


def resolve_commit(root: Path, rev: str) -> str:
    """The commit a revision names, or a RevisionError that says so plainly."""
    proc = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RevisionError(f"'{rev}' is neither a folder nor a git revision (branch, tag or commit) "
                            "in this repository.")
    return proc.stdout.strip()


def default_base(root: Path) -> tuple[str, str]:
    """The merge base of HEAD with main (or origin/main) as (label, commit): where this branch started."""
    for branch in ("main", "origin/main"):
        if _git(root, "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}").returncode == 0:
            proc = _git(root, "merge-base", branch, "HEAD")
            if proc.returncode == 0:
                commit = proc.stdout.strip()
                return f"the merge base with {branch} ({commit[:7]})", commit
    raise RevisionError("there is no branch 'main' to compare with; name the base revision, "
                        "e.g. 'strategy diff origin/main'.")


def _extract(root: Path, commit: str, dest: Path) -> Path:
    """Unpack the strategy folder as it was at ``commit`` into ``dest``; return the folder."""
    top, prefix = _toplevel_and_prefix(root)
    proc = _git(top, "archive", "--format=tar", commit, "--", prefix or ".", binary=True)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip()
        raise RevisionError(f"the strategy folder cannot be read at {commit[:12]}: {message}")
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
        else:  # Python < 3.11.4: git archive writes plain relative paths; take only those
            tar.extractall(dest, members=[m for m in tar.getmembers() if (m.isfile() or m.isdir())
                                          and not m.name.startswith("/") and ".." not in m.name.split("/")])
    return dest / prefix if prefix else dest


def _label(rev: str, commit: str) -> str:
    return commit[:12] if commit.startswith(rev) else f"{rev} ({commit[:7]})"


@contextlib.contextmanager
def side(root: Path, spec: str | None) -> Iterator[tuple[str, Path]]:
    """A side as (label, folder): ``None`` is the working tree; a folder is itself; else a revision."""
    if spec is None:
        yield "the working tree", root
        return
    if Path(spec).is_dir():
        if not (Path(spec) / "goals.yaml").is_file():
            raise RevisionError(f"the folder '{spec}' has no goals.yaml.")
        yield spec, Path(spec)
        return
    commit = resolve_commit(root, spec)
    with tempfile.TemporaryDirectory(prefix="strategy-diff-") as tmp:
        yield _label(spec, commit), _extract(root, commit, Path(tmp))


def _load(label: str, folder: Path) -> Strategy:
    from strategykit.project import load_strategy

    result = load_strategy(folder)
    if result.model is None:
        raise SideNotLoaded(label, result.diagnostics)
    return result.model


def diff(root: Path, base: str | None = None, head: str | None = None) -> DiffResult:
    """Compare two sides of the strategy in ``root`` (default: merge base with main → working tree)."""
    root = Path(root)
    base_label = None
    if base is None:
        if head is not None:
            raise RevisionError("name the base too when you name the head: strategy diff BASE HEAD.")
        base_label, base = default_base(root)
    with side(root, base) as (label, base_dir), side(root, head) as (head_label, head_dir):
        old, new = _load(label, base_dir), _load(head_label, head_dir)
        return DiffResult(base_label or label, head_label, compare(old, new))


# --- words ------------------------------------------------------------------

_SUBJECT_WORDS = {"strategy": "strategy", "priority": "priority", "goal": "goal", "target": "target",
                  "indicator": "indicator", "chapter": "chapter", "build": "file"}


def _show(v: Any) -> str:
    if v is None:
        return "none"
    if isinstance(v, dict) and set(v) == {"year", "value"}:
        return f"{_show(v['value'])} in {v['year']}"
    if isinstance(v, dict):
        return ", ".join(f"{k} {_show(x)}" for k, x in v.items())
    if isinstance(v, list):
        return "[" + ", ".join(_show(x) for x in v) + "]" if v else "none"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def _clip(text: Any, n: int = 70) -> str:
    s = _show(text)
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def describe(c: Change) -> str:
    """The change in words, without the subject's name (the formatter puts that first)."""
    verb = c.kind.removeprefix(c.subject + "-") if c.kind.startswith(c.subject + "-") else c.kind
    arrow = f"{_show(c.old)} → {_show(c.new)}"
    words: dict[str, Callable[[], str]] = {
        "added": lambda: f"added: {_clip(c.new)}" + (f" ({c.note})" if c.note else ""),
        "removed": lambda: f"removed (was: {_clip(c.old)})" + (f" ({c.note})" if c.note else ""),
        "id-changed": lambda: f"id changed {c.old} → {c.new}, content unchanged",
        "renamed": lambda: f"renamed: “{_clip(c.old, 60)}” → “{_clip(c.new, 60)}”",
        "text-changed": lambda: f"text changed ({c.note})",
        "moved": lambda: f"moved from {c.old} to {c.new}",
        "lost-indicator": lambda: (f"lost its last indicator, {', '.join(c.old or [])} ({c.note}): "
                                   "it can no longer be followed up"),
        "indicator-changed": lambda: f"indicator {arrow}",
        "breakdown-changed": lambda: f"breakdown {arrow}",
        "direction-changed": lambda: f"direction {arrow}",
        "value-changed": lambda: f"target value {arrow}",
        "year-changed": lambda: f"target year {arrow}",
        "milestones-changed": lambda: f"milestones {arrow}",
        "baseline-changed": lambda: f"baseline {arrow}",
        "provenance-changed": lambda: f"target value's provenance {arrow}",
        "threshold-changed": lambda: f"threshold {arrow}",
        "relative-changed": lambda: f"target value {arrow}",
        "agenda2030-changed": lambda: f"Agenda 2030 links {arrow}",
        "unit-changed": lambda: f"unit {arrow}",
        "source-changed": lambda: f"source {arrow}",
        "changed": lambda: c.note if c.old == c.new else f"{c.note}; file {arrow}",
        "file-added": lambda: "added",
        "file-removed": lambda: "removed",
        "file-changed": lambda: "changed",
        "vision-changed": lambda: f"vision changed (horizon {arrow}, {c.note})" if c.old != c.new
        else f"vision text changed ({c.note})",
        "period-changed": lambda: f"period {arrow}",
        "title-changed": lambda: f"title “{_clip(c.old, 60)}” → “{_clip(c.new, 60)}”",
    }
    if verb.startswith("edition-"):
        return f"edition {verb.split('-')[1]} {arrow}"
    return words.get(verb, lambda: f"{verb} {arrow}")()


def subject_label(c: Change) -> str:
    return f"{_SUBJECT_WORDS[c.subject]} {c.id}" if c.subject != "strategy" else "strategy"


_FLAG_WORDS = {LOWERED: "LOWERED AMBITION", RAISED: "raised ambition", REVERSED: "DIRECTION REVERSED"}


def _summary(result: DiffResult) -> str:
    meaning = [c for c in result.changes if c.subject != "build"]
    build = len(result.changes) - len(meaning)
    n, lowered = len(meaning), len(result.lowered)
    text = f"{n} change{'s' if n != 1 else ''} in meaning" if n else "No change in meaning"
    if lowered:
        text += f", {lowered} of them lower{'s' if lowered == 1 else ''} an ambition"
    if build:
        text += f"; {build} build file{'s' if build != 1 else ''} changed"
    return text + "."


def format_text(result: DiffResult) -> str:
    lines = [f"Changes in meaning from {result.base} to {result.head}:"]
    for c in result.changes:
        flags = "".join(f"  [{_FLAG_WORDS[f]}]" for f in c.flags if f in _FLAG_WORDS)
        lines.append(f"  {subject_label(c)}: {describe(c)}{flags}")
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


_HEADINGS = {"strategy": "The strategy", "priority": "Priorities", "goal": "Goals", "target": "Targets",
             "indicator": "Indicators", "chapter": "Chapters",
             "build": "Build configuration (how the editions are made, not what they say)"}


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*")


def format_markdown(result: DiffResult) -> str:
    """For a pull-request comment or ``$GITHUB_STEP_SUMMARY``: grouped, with lowered ambitions first."""
    out = [f"## Changes in meaning: {_md(result.base)} → {_md(result.head)}", ""]
    if result.lowered:
        out += ["> [!WARNING]",
                f"> **{len(result.lowered)} lowered ambition{'s' if len(result.lowered) != 1 else ''}.** "
                "Check that this is decided, not a typo:"]
        out += [f"> - **{_md(subject_label(c))}**: {_md(describe(c))}" for c in result.lowered]
        out.append("")
    for subject in SUBJECTS:
        group = [c for c in result.changes if c.subject == subject]
        if not group:
            continue
        out += [f"### {_HEADINGS[subject]}", ""]
        for c in group:
            flags = "".join(f" **{_FLAG_WORDS[f]}**" for f in c.flags if f in _FLAG_WORDS)
            out.append(f"- `{c.id}` {_md(describe(c))}{flags}")
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
