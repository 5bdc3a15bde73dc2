"""The strategy as typed, immutable objects: the one model every reader uses.

``build_model`` is lenient on purpose: it is also run on data that failed the
schema, so that rules can still report what they safely can. A field of the
wrong type becomes ``None`` (or is skipped in a list); the schema check has
already said what is wrong with it.
"""

from __future__ import annotations

import functools
from dataclasses import field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from strategykit.diagnostics import Position
from strategykit.model import dimensions as _dimensions
from strategykit.model.dimensions import Dimension
from strategykit.model.frameworks import Framework
from strategykit.model.frameworks import from_data as framework_from_data
from strategykit.model.frameworks import known as known_frameworks
from strategykit.source.load import CsvCell, CsvTable, MarkdownFile, SourceMap
from strategykit.source.observations import (BREAKDOWNS, DATA_COLUMNS, PROVENANCES, REQUIRED_COLUMNS, DataRow,  # noqa: F401  (the model's words for a data file)
                                              RowProblem, read_rows)
from strategykit.speed import value

if TYPE_CHECKING:
    from strategykit.model.subjects import Subject

Path_ = tuple[str | int, ...]


@value
class Provenance:
    """Where a value comes from: a cited source, or 'illustrative' (made up for an example)."""

    illustrative: bool = False
    source: str | None = None
    retrieved: str | None = None
    url: str | None = None

    @property
    def is_known(self) -> bool:
        return self.illustrative or bool(self.source and self.retrieved)


@value
class Observation:
    """A value of an indicator in a year, with its provenance.

    A baseline in goals.yaml has a ``path`` there; an observed value read from
    ``data/<indicator>.csv`` has the ``position`` of its row instead, and says which
    part of the population it counts (``breakdown``: total, women, men, or one value of
    another dimension, ``municipality:2480``; see ``model.dimensions``).
    """

    year: int | None
    value: float | None
    provenance: Provenance
    path: Path_ = ()
    breakdown: str = "total"
    position: Position | None = field(default=None, compare=False)
    from_year: int | None = None
    """For a value over a period (2013–2015): its first year; ``year`` is its last."""

    @property
    def period(self) -> str:
        """The year, or the period a value covers: '2018', '2013–2015'."""
        if self.from_year is not None and self.year is not None and self.from_year != self.year:
            return f"{self.from_year}–{self.year}"
        return "" if self.year is None else str(self.year)


@value
class Decision:
    """The decision that set a target or milestone value: body, date, case number, link."""

    body: str
    date: str | None = None
    case: str | None = None
    url: str | None = None


@value
class GoalValue:
    """A value to reach by a year (a target or a milestone). Decided, not measured.

    Its provenance is the ``decision`` that set it, or ``illustrative`` when no body did.
    """

    year: int | None
    value: float | None
    path: Path_ = ()
    decision: Decision | None = None
    illustrative: bool = False
    change: float | None = None
    """A change in percent against the value of ``base_year`` (−75 for "−75 % against 1990")."""
    factor: float | None = None
    """A multiple of the value of ``base_year`` (2 for "doubled against 2017")."""
    base_year: int | None = None
    base_value: float | None = None
    """The value of ``base_year`` when known (the baseline of that year, or the data file's)."""
    written_value: bool = True
    """False when ``value`` was computed from a change or a factor (None when the base value is unknown)."""
    low: float | None = None
    """For a range ('between 60 and 70 %'): its lower end; ``value`` is then None."""
    high: float | None = None
    """For a range: its upper end."""
    from_year: int | None = None
    """For a flow or a total over a period ('5 000 a year 2017–2023'): the period's first year; ``year`` is its last."""

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None

    @property
    def period(self) -> str:
        """The year, or the period a flow or a total covers: '2030', '2017–2023'."""
        if self.from_year is not None and self.year is not None and self.from_year != self.year:
            return f"{self.from_year}–{self.year}"
        return "" if self.year is None else str(self.year)

    @property
    def has_provenance(self) -> bool:
        return self.illustrative or self.decision is not None

    @property
    def relative(self) -> bool:
        """The value is written as a change or a factor against a base year."""
        return self.change is not None or self.factor is not None


@value
class Statement:
    """An overall goal or a perspective: a titled text that goals refer to."""

    id: str
    title: str
    text: str
    agenda2030: tuple[str, ...] = ()
    path: Path_ = ()


@value
class Comparator:
    """What a gap target compares the region with ("Riket"): its name as readers see it, and the
    value of the data file's ``comparator`` column whose rows hold its series (``riket``)."""

    name: str
    series: str
    path: Path_ = ()

    @property
    def key(self) -> str:
        """The key its observations have in the indicator's series: 'comparator:riket'."""
        return _dimensions.key(_dimensions.COMPARATOR, self.series)


def comparator_key(comparator: Comparator | None, breakdown: str) -> str | None:
    """The key of the comparator's series a gap target set for ``breakdown`` is compared with: the
    comparator's rows of the same breakdown, since a part of the region is compared with the same part
    of the comparator (the women of the county with the women of the nation). For the total, the
    comparator's own key ('comparator:riket'); for women, 'women&comparator:riket': a row of the data
    file with 'women' in the column 'breakdown' and 'riket' in the column 'comparator'."""
    if comparator is None:
        return None
    if breakdown in ("total", ""):
        return comparator.key
    return _dimensions.combined([*_dimensions.parts(breakdown), comparator.key])


GAP_SIDES = {"increase": 1, "decrease": -1}
"""For a gap target: the sign of the region's wanted move relative to its comparator."""


def gap(direction: str | None, region: float | None, comparator: float | None) -> float | None:
    """How far the region is behind its comparator in the wanted direction: comparator − region when
    it should increase, region − comparator when it should decrease (zero or less: no gap left).
    None without a direction to increase or decrease, or without either value."""
    if direction not in GAP_SIDES or region is None or comparator is None:
        return None
    return GAP_SIDES[direction] * (comparator - region)


@value
class Target:
    """A measurable target of a goal: its indicator, baseline, target value, milestones and form."""

    id: str
    text: str
    indicator_id: str | None
    direction: str | None
    baseline: Observation | None
    target: GoalValue | None
    milestones: tuple[GoalValue, ...]
    breakdown: str
    """'total', 'women', 'men' or '<dimension>:<value>' (``model.dimensions.key``)."""
    agenda2030: tuple[str, ...]
    path: Path_ = ()
    threshold: str | None = None
    """'at-least', 'more-than', 'at-most' or 'less-than' when the target value is a bound (``THRESHOLDS``)."""
    range: str | None = None
    """For a target value written as a range (low, high): 'reach' (get inside it by the target year)
    or 'stay' (stay inside it every year up to the target year) (``RANGES``)."""
    flow: str | None = None
    """'yearly' (the value is an amount per year over the period) or 'cumulative' (a total over
    the period), from the target value's ``from_year`` to its ``year`` (``FLOWS``)."""
    comparator: Comparator | None = None
    """For a gap target ("close the gap with the national average by 2050"): what the region is
    compared with. Its target and milestone values are then gaps (``gap``), not levels."""

    @property
    def is_gap(self) -> bool:
        return self.comparator is not None

    @property
    def comparator_key(self) -> str | None:
        """For a gap target: the key of the comparator's series it is compared with (``comparator_key``)."""
        return comparator_key(self.comparator, self.breakdown)

    @property
    def wanted_direction(self) -> str | None:
        """The direction the target asks for: its own, or the side its threshold lies on."""
        if self.threshold in THRESHOLDS:
            return THRESHOLDS[self.threshold]
        if self.flow == "cumulative" or (self.flow == "yearly" and self.threshold is None):
            return "increase"  # a total to add up to, an amount a year to reach: more is better
        return self.direction

    @property
    def needs_baseline(self) -> bool:
        """Whether progress is measured from a baseline: flows are assessed year by year instead."""
        return self.flow is None


RANGES = ("reach", "stay")
"""A range as the goal (inside it by the target year), or a band to stay within every year."""

FLOWS = ("yearly", "cumulative")
"""An amount per year over a period, or a total over a period."""


THRESHOLDS = {"at-least": "increase", "more-than": "increase", "at-most": "decrease", "less-than": "decrease"}
"""Each threshold, and the direction in which a value below (or above) it must move to meet it."""


def meets_threshold(threshold: str, value: float, bound: float) -> bool:
    """Whether ``value`` meets the bound: ≥, >, ≤ or < it."""
    return {"at-least": value >= bound, "more-than": value > bound,
            "at-most": value <= bound, "less-than": value < bound}[threshold]


COMMITMENT_STATUSES = ("done", "on-schedule", "delayed", "not-started", "discontinued")
"""The commitment scale, best first: a later status in this order is a worse one (the diff's
'worsened'). done: carried out; on-schedule: under way as planned; delayed: under way, behind plan;
not-started: not yet begun; discontinued: given up."""

OWNER_KINDS = ("region", "municipality", "state-agency", "business", "academia", "non-profit", "other")
"""Kinds of organisation that can own a commitment (``KINDS`` of the consultation, less 'individual')."""


@value
class Owner:
    """Who has undertaken a commitment: a kind of organisation, and the body's name when it is one."""

    kind: str | None
    name: str = ""


@value
class Evidence:
    """A document an assessment rests on."""

    title: str
    url: str


@value
class Assessment:
    """One year's judgement of a commitment on the commitment scale. A judgement, not a statistic."""

    year: int | None
    status: str | None
    """One of ``COMMITMENT_STATUSES``, or None when the file says something else (the schema reports it)."""
    reasoning: str
    by: str
    date: str
    evidence: tuple[Evidence, ...] = ()
    illustrative: bool = False
    path: Path_ = ()


@value
class Commitment:
    """An undertaking (åtagande) under a goal: who does what, assessed by judgement each year."""

    id: str
    text: str
    owners: tuple[Owner, ...]
    assessed_by: str | None
    """Who assesses it each year: its assessment method (the scale is fixed). None: not said."""
    assessments: tuple[Assessment, ...]
    """In the order written; ``latest`` picks by year."""
    path: Path_ = ()

    def latest(self, until: int | None = None) -> Assessment | None:
        """The assessment of the latest year (up to ``until``) with a status on the scale."""
        known = [a for a in self.assessments if a.year is not None and a.status in COMMITMENT_STATUSES
                 and (until is None or a.year <= until)]
        return max(known, key=lambda a: a.year or 0) if known else None


@value
class Goal:
    """A goal under a priority: its targets and commitments, and what else it links to and contributes to."""

    id: str
    title: str
    text: str
    agenda2030: tuple[str, ...]
    perspective_ids: tuple[str, ...]
    targets: tuple[Target, ...]
    priority_id: str
    path: Path_ = ()
    has_targets_key: bool = True
    commitments: tuple[Commitment, ...] = ()
    contributes_to: tuple[str, ...] = ()
    """Ids of other priorities the goal also contributes to; its home stays ``priority_id``."""
    shared_target_ids: tuple[str, ...] = ()
    """Ids of other goals' targets that also measure this goal (followed up once, with their own goal)."""
    frameworks: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Links to frameworks' parts other than Agenda 2030: (framework id, part ids), as written."""


@value
class Priority:
    """A priority (the strategy's first level, under its own name) and its goals."""

    id: str
    title: str
    summary: str
    overall_goal_ids: tuple[str, ...]
    goals: tuple[Goal, ...]
    path: Path_ = ()


@value
class IndicatorSource:
    """Where an indicator's values come from: a provider and its id or address there."""

    provider: str
    id: str | None
    url: str | None


@value
class Indicator:
    """What a target is measured by: its name, unit, definition, source and breakdowns."""

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
    slug: str | None = None
    """The address segment of the indicator's page, when the author gave one (``model.slugs``)."""

    @property
    def is_percent(self) -> bool:
        return self.unit.strip().lower() in ("percent", "procent", "%")

    @property
    def is_count(self) -> bool:
        return self.unit.strip().lower() in ("count", "antal")


@value
class Chapter:
    """A chapter of the strategy as goals.yaml lists it: its file, the goals it presents, its parsed text."""

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


DATA_FOLDER = "data"
"""Observed values live in data/<indicator-id>.csv at the strategy's root."""

def breakdown_order(breakdown: str) -> tuple[int, str]:
    """Total, women, men, then the other dimensions' breakdowns by key."""
    return (BREAKDOWNS.index(breakdown), "") if breakdown in BREAKDOWNS else (len(BREAKDOWNS), breakdown)


@value
class DataFile:
    """One data/<indicator-id>.csv as read and checked against its schema (source/observations.py):
    rules report its problems, the model takes its valid rows."""

    indicator_id: str
    file: str
    columns: tuple[str, ...] = ()
    """The header's column names, trimmed and in lower case, as written."""
    rows: tuple[DataRow, ...] = field(default=(), repr=False, compare=False)
    problems: tuple[RowProblem, ...] = field(default=(), repr=False, compare=False)
    header: tuple[CsvCell, ...] = field(default=(), repr=False, compare=False)
    """The header's cells, where the rules point at a column."""


@value
class Edition:
    """This edition of the strategy (goals.yaml ``edition:``): version, status, date and the decision behind it."""

    version: str
    status: str
    date: str
    decision: str | None


@value
class Contact:
    """How readers reach the publisher (strategy: contact:): each way may be empty."""

    email: str = ""
    phone: str = ""
    form: str = ""
    """A web address."""

    def __bool__(self) -> bool:
        return bool(self.email or self.phone or self.form)


@value
class Cover:
    """The cover's image (strategy: cover:): a file relative to strategy/ and what it shows; empty when not given."""

    image: str = ""
    alt: str = ""

    def __bool__(self) -> bool:
        return bool(self.image)


# --- the process: consultation responses, dialogue, editions ----------------
# Read from remiss/*.yaml, dialogue.yaml and editions.yaml; each object keeps the
# source map of its own file, so rules can point at the line in that file.

KINDS = ("municipality", "region", "state-agency", "business", "academia", "non-profit", "individual", "other")
"""Kinds of organisation, in the order the compilation and the participation figures list them."""

DECISIONS = ("accepted", "partly-accepted", "not-accepted", "noted")
"""How a consultation comment can be handled, in the order the compilation counts them."""


@value
class Handling:
    """How a consultation comment was handled: the decision, why, and where the text changed."""

    decision: str | None = None
    reason: str = ""
    changed: tuple[str, ...] = ()
    """Ids (goal, target, chapter …) in the current sources whose text changed because of the comment."""
    path: Path_ = ()

    @property
    def is_complete(self) -> bool:
        return bool(self.decision and self.reason)


@value
class Comment:
    """One comment (synpunkt) of a response, about one part of the strategy."""

    id: str
    about: str
    """The id of what it is about (priority, goal, target, overall goal, perspective, indicator, chapter) or 'strategy'."""
    text: str
    handling: Handling = Handling()
    path: Path_ = ()


@value
class Response:
    """One consultation response (remissvar): one file under remiss/."""

    id: str
    """The file's name without .yaml, e.g. umea-kommun."""
    file: str
    """The display name of the file, e.g. remiss/umea-kommun.yaml."""
    respondent: str
    kind: str
    date: str
    reference: str | None
    illustrative: bool
    comments: tuple[Comment, ...]
    source: SourceMap | None = field(default=None, repr=False, compare=False)

    def position(self, path: Path_, *, key: bool = False) -> Position:
        return self.source.position(path, key=key) if self.source else Position(self.file)


@value
class Meeting:
    """A dialogue meeting (dialogträff), with participants per kind of organisation."""

    id: str
    date: str
    theme: str
    place: str
    participants: tuple[tuple[str, int], ...]
    """(kind, number of participants), in the order of ``KINDS``."""
    summary: str
    illustrative: bool
    path: Path_ = ()

    @property
    def total(self) -> int:
        return sum(n for _, n in self.participants)


@value
class ProcessInput:
    """An input other than a meeting that goals came from: an analysis, a review, a policy."""

    id: str
    title: str
    kind: str | None
    url: str | None
    path: Path_ = ()


@value
class Origin:
    """Where one goal came from: ids of dialogue meetings and inputs."""

    goal_id: str
    sources: tuple[str, ...]
    note: str
    illustrative: bool
    path: Path_ = ()


@value
class Dialogue:
    """dialogue.yaml: how the strategy was made. Empty (``file`` "") when the file does not exist."""

    file: str = ""
    meetings: tuple[Meeting, ...] = ()
    inputs: tuple[ProcessInput, ...] = ()
    origins: tuple[Origin, ...] = ()
    source: SourceMap | None = field(default=None, repr=False, compare=False)

    def position(self, path: Path_, *, key: bool = False) -> Position:
        return self.source.position(path, key=key) if self.source else Position(self.file)

    def origin(self, goal_id: str) -> Origin | None:
        return next((o for o in self.origins if o.goal_id == goal_id), None)


@value
class EditionRecord:
    """One published edition in editions.yaml."""

    version: str
    status: str
    date: str
    decision: str | None
    tag: str | None
    """The git tag of the commit the edition was published from."""
    pdf: str | None
    consultation_start: str | None
    consultation_end: str | None
    note: str
    illustrative: bool
    path: Path_ = ()
    commit: str | None = None
    """The same commit by its id: found even in a clone that did not fetch the tag."""


@value
class EditionHistory:
    """editions.yaml: every edition, oldest first. Empty (``file`` "") when the file does not exist."""

    file: str = ""
    entries: tuple[EditionRecord, ...] = ()
    source: SourceMap | None = field(default=None, repr=False, compare=False)
    present: frozenset[str] | None = field(default=None, compare=False)
    """The entries' tags and commits that the git repository has; None when that cannot be known."""

    def has(self, revision: str | None) -> bool:
        """Whether the repository has this tag or commit (True when that cannot be known)."""
        return bool(revision) and (self.present is None or revision in self.present)

    def position(self, path: Path_, *, key: bool = False) -> Position:
        return self.source.position(path, key=key) if self.source else Position(self.file)

    def find(self, version: str) -> EditionRecord | None:
        return next((e for e in self.entries if e.version == version), None)


@value
class Strategy:
    """The whole strategy as read from its folder: goals.yaml, the chapters, data/ and the process files."""

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
    data_files: tuple[DataFile, ...] = ()
    """The files under data/, in name order, as read (for the rules on observed values)."""
    observations: Mapping[str, tuple[Observation, ...]] = field(
        default_factory=lambda: MappingProxyType({}), compare=False)
    """Observed values per indicator id (the data file's name), sorted by breakdown and year.

    Only rows with a valid year, a number and a known breakdown are here, and of
    two rows for the same year and breakdown only the first; the rules report the rest.
    """
    consultation: tuple[Response, ...] = ()
    """The consultation responses, one per file under remiss/, in file-name order."""
    dialogue: Dialogue = field(default_factory=Dialogue)
    """Dialogue meetings, inputs and the origin of each goal (dialogue.yaml)."""
    editions: EditionHistory = field(default_factory=EditionHistory)
    """The history of editions (editions.yaml)."""
    profile_texts: tuple[tuple[str, str], ...] = field(default=(), repr=False, compare=False)
    """The Typst files of the organisation's graphic profile (pdf/), as (display name, text)."""
    site_config: Any = field(default=None, repr=False, compare=False)
    """The web edition's configuration, mkdocs.yml, as ``siteconfig.read`` vetted it (None: not read)."""
    contact: Contact = field(default_factory=Contact)
    """How readers reach the publisher (strategy: contact:); empty when not given."""
    cover: Cover = field(default_factory=Cover)
    """The cover image (strategy: cover:); empty when not given."""
    levels: tuple[tuple[str, str, str], ...] = ()
    """The strategy's own names of its levels: (priority|goal|target|commitment, one, many)."""
    region_scheme: str = "se"
    """Which codes ``region_code`` is one of: se (Swedish county and municipality codes), ons, nuts, iso-3166-2, other."""
    followup_commitments: bool = False
    """``strategy: followup: commitments: true``: a goal may be followed up by an assessed commitment."""
    declared_dimensions: tuple[Dimension, ...] = ()
    """The dimensions goals.yaml declares (``dimensions:``): the strategy's own, or values added to a known one."""
    declared_frameworks: tuple[Framework, ...] = ()
    """The frameworks goals.yaml declares (``frameworks:``), as written; ``frameworks()`` is what goals can link to."""

    # -- navigation ---------------------------------------------------------
    def goals(self) -> Iterator[Goal]:
        for p in self.priorities:
            yield from p.goals

    def targets(self) -> Iterator[tuple[Goal, Target]]:
        for g in self.goals():
            for t in g.targets:
                yield g, t

    def commitments(self) -> Iterator[tuple[Goal, Commitment]]:
        for g in self.goals():
            for c in g.commitments:
                yield g, c

    def target_home(self, target_id: str) -> tuple[Goal, Target] | None:
        """The goal a target belongs to (its home), and the target."""
        return self._targets_by_id.get(target_id)

    @functools.cached_property
    def _targets_by_id(self) -> dict[str, tuple[Goal, Target]]:
        """Each target's first home, made on the first look-up (like ``_indicators_by_id``)."""
        out: dict[str, tuple[Goal, Target]] = {}
        for g, t in self.targets():
            out.setdefault(t.id, (g, t))
        return out

    def shared_targets(self, goal: Goal) -> list[tuple[Goal, Target]]:
        """The other goals' targets that ``goal`` lists under 'shared_targets:', with their home goal,
        in the order listed (unknown ids and the goal's own targets left out: the rules report them)."""
        out = []
        for tid in dict.fromkeys(goal.shared_target_ids):
            home = self.target_home(tid)
            if home is not None and home[0].id != goal.id:
                out.append(home)
        return out

    def contributing_goals(self, priority_id: str) -> list[Goal]:
        """The goals of other priorities that declare they contribute to this one, in document order."""
        return [g for g in self.goals() if priority_id in g.contributes_to and g.priority_id != priority_id]

    def indicator(self, indicator_id: str | None) -> Indicator | None:
        return self._indicators_by_id.get(indicator_id or "")

    def frameworks(self) -> tuple[Framework, ...]:
        """The frameworks goals can link to: the toolkit's, each replaced by a declared one of its id, then
        the strategy's own (``model.frameworks.known``)."""
        return self._frameworks

    def framework(self, framework_id: str) -> Framework | None:
        return next((f for f in self._frameworks if f.id == framework_id), None)

    @functools.cached_property
    def _frameworks(self) -> tuple[Framework, ...]:
        return known_frameworks(self.declared_frameworks)

    @functools.cached_property
    def _indicators_by_id(self) -> dict[str, Indicator]:
        """The indicators by id, made on the first look-up: rules and renderers look one up per target.

        ``cached_property`` keeps it beside the fields, not among them: the strategy stays equal,
        hashable and immutable as far as its fields go.
        """
        return {i.id: i for i in self.indicators}

    def subjects(self) -> dict[str, Subject]:
        """Every part of the strategy by id, as a consultation comment or a change names it (``model.subjects``)."""
        return self._subjects_by_id

    @functools.cached_property
    def _subjects_by_id(self) -> dict[str, Subject]:
        from strategykit.model.subjects import subjects_of

        return subjects_of(self)

    def dimensions(self) -> dict[str, Dimension]:
        """Every dimension an indicator of this strategy can be broken down by, by id."""
        return self._dimensions_by_id

    @functools.cached_property
    def _dimensions_by_id(self) -> dict[str, Dimension]:
        return _dimensions.merged(self.declared_dimensions)

    def targets_using(self, indicator_id: str) -> list[tuple[Goal, Target]]:
        return [(g, t) for g, t in self.targets() if t.indicator_id == indicator_id]

    def has_illustrative_values(self) -> bool:
        return (any(t.baseline and t.baseline.provenance.illustrative for _, t in self.targets())
                or any(v.illustrative for _, t in self.targets() for v in (t.target, *t.milestones) if v)
                or any(o.provenance.illustrative for series in self.observations.values() for o in series)
                or any(a.illustrative for _, c in self.commitments() for a in c.assessments))

    def series(self, indicator_id: str | None, breakdown: str = "total",
               until: int | None = None) -> tuple[Observation, ...]:
        """The observed values of one indicator and breakdown, oldest first, up to ``until``."""
        return tuple(o for o in self.observations.get(indicator_id or "", ())
                     if o.breakdown == breakdown and (until is None or (o.year or 0) <= until))


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
    return Observation(_int(d, "year"), _num(d, "value"), prov, path, from_year=_int(d, "from_year"))


def _goal_value(d: Any, path: Path_, base: Callable[[int], float | None] | None = None) -> GoalValue | None:
    """A target or milestone value; ``base`` gives the value of a year, for one written relative to it."""
    if not isinstance(d, dict):
        return None
    dec = d.get("decision")
    decision = (Decision(dec["body"], _opt_s(dec, "date"), _opt_s(dec, "case"), _opt_s(dec, "url"))
                if isinstance(dec, dict) and isinstance(dec.get("body"), str) else None)
    value, change, factor, base_year = _num(d, "value"), _num(d, "change"), _num(d, "factor"), _int(d, "base_year")
    base_value, written = None, True
    if (change is not None or factor is not None) and base_year is not None:
        base_value = base(base_year) if base else None
        if value is None:
            written = False
            if base_value is not None:
                value = base_value * (1 + change / 100) if change is not None else base_value * factor
    return GoalValue(_int(d, "year"), value, path, decision, d.get("illustrative") is True,
                     change, factor, base_year, base_value, written,
                     _num(d, "low"), _num(d, "high"), _int(d, "from_year"))


def _statement(d: dict, path: Path_) -> Statement:
    return Statement(_s(d, "id"), _s(d, "title"), _s(d, "text"), _strs(d, "agenda2030"), path)


def target_breakdown(d: Any) -> str:
    """A target's breakdown key: 'women' stays 'women', {municipality: "2480"} is 'municipality:2480'."""
    raw = d.get("breakdown") if isinstance(d, dict) else None
    if isinstance(raw, dict):
        # Anything but one dimension and its value is '' (no series): target-breakdown-undeclared says so.
        (dim, value), = raw.items() if len(raw) == 1 else ((None, None),)
        if isinstance(dim, str) and isinstance(value, (str, int)) and not isinstance(value, bool):
            return _dimensions.key(dim, str(value))
        return ""
    return raw if isinstance(raw, str) else "total"


def _comparator(d: Any, path: Path_) -> Comparator | None:
    if not isinstance(d, dict):
        return None
    series = d.get("series")
    series = str(series) if isinstance(series, (str, int)) and not isinstance(series, bool) else ""
    return Comparator(_s(d, "name"), series, path)


def _target(d: dict, path: Path_, observations: Mapping[str, tuple[Observation, ...]] | None = None) -> Target:
    baseline = _observation(d.get("baseline"), path + ("baseline",))
    indicator, breakdown = _opt_s(d, "indicator"), target_breakdown(d)
    comparator = _comparator(d.get("comparator"), path + ("comparator",))

    def level(year: int, key: str = breakdown) -> float | None:
        """The value of ``year``: the baseline's when it is for that year, else the data file's."""
        if key == breakdown and baseline is not None and baseline.year == year and baseline.value is not None:
            return baseline.value
        return next((o.value for o in (observations or {}).get(indicator or "", ())
                     if o.year == year and o.breakdown == key), None)

    def base(year: int) -> float | None:
        """The value a change or a factor is taken of: the level of ``year``, or for a gap target its gap."""
        if comparator is None:
            return level(year)
        return gap(_opt_s(d, "direction"), level(year), level(year, comparator_key(comparator, breakdown)))

    return Target(
        id=_s(d, "id"), text=_s(d, "text"), indicator_id=indicator,
        direction=_opt_s(d, "direction"),
        baseline=baseline,
        target=_goal_value(d.get("target"), path + ("target",), base),
        milestones=tuple(m for i, raw in _items(d, "milestones")
                         if (m := _goal_value(raw, path + ("milestones", i), base))),
        breakdown=breakdown, agenda2030=_strs(d, "agenda2030"), path=path,
        threshold=_opt_s(d, "threshold") if d.get("threshold") in THRESHOLDS else None,
        range=_opt_s(d, "range") if d.get("range") in RANGES else None,
        flow=_opt_s(d, "flow") if d.get("flow") in FLOWS else None,
        comparator=comparator,
    )


def _commitment(d: dict, path: Path_) -> Commitment:
    assessments = []
    for i, a in _items(d, "assessments"):
        status = a.get("status")
        assessments.append(Assessment(
            _int(a, "year"), status if status in COMMITMENT_STATUSES else None, _s(a, "reasoning"), _s(a, "by"),
            _s(a, "date"),
            tuple(Evidence(_s(e, "title"), _s(e, "url")) for _j, e in _items(a, "evidence")
                  if _s(e, "title") and _s(e, "url")),
            a.get("illustrative") is True, path + ("assessments", i)))
    return Commitment(
        id=_s(d, "id"), text=_s(d, "text"),
        owners=tuple(Owner(o.get("kind") if o.get("kind") in OWNER_KINDS else None, _s(o, "name"))
                     for _i, o in _items(d, "owners")),
        assessed_by=_opt_s(d, "assessed_by") or None, assessments=tuple(assessments), path=path)


def _goal(d: dict, path: Path_, priority_id: str,
          observations: Mapping[str, tuple[Observation, ...]] | None = None) -> Goal:
    return Goal(
        id=_s(d, "id"), title=_s(d, "title"), text=_s(d, "text"), agenda2030=_strs(d, "agenda2030"),
        perspective_ids=_strs(d, "perspectives"),
        targets=tuple(_target(t, path + ("targets", i), observations) for i, t in _items(d, "targets")),
        priority_id=priority_id, path=path, has_targets_key="targets" in d,
        commitments=tuple(_commitment(c, path + ("commitments", i)) for i, c in _items(d, "commitments")),
        contributes_to=_strs(d, "contributes_to"), shared_target_ids=_strs(d, "shared_targets"),
        frameworks=tuple((k, _strs(_dict(d, "frameworks"), k)) for k in _dict(d, "frameworks") if isinstance(k, str)),
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
        slug=_opt_s(d, "slug"),
    )


def dimension_columns(columns: Iterable[str], known: Iterable[str]) -> tuple[str, ...]:
    """The columns of a data file (its header's names) that name a dimension in ``known`` (municipality, age …)."""
    known = set(known) - {_dimensions.GENDER}
    return tuple(c for c in columns if c not in DATA_COLUMNS and c in known)


def key_columns(columns: Iterable[str], known: Iterable[str]) -> tuple[str, ...]:
    """The columns that say whose value a row is: the dimensions' (``dimension_columns``) and the comparator's."""
    columns = tuple(columns)
    return dimension_columns(columns, known) + ((_dimensions.COMPARATOR,) if _dimensions.COMPARATOR in columns else ())


def row_breakdowns(row: DataRow, columns: tuple[str, ...]) -> list[str]:
    """The breakdown keys a row's cells give (``columns``: its dimension columns): [] for the total,
    one key, or several (an error)."""
    cell = row.cells.get("breakdown")
    sex = cell.text.strip().lower() if cell else ""
    keys = [sex] if sex and sex != "total" else []
    for column in columns:
        cell = row.cells.get(column)
        if cell and cell.text.strip():
            keys.append(_dimensions.key(column, cell.text.strip()))
    return keys


def _dimension(d: dict, path: Path_) -> Dimension:
    values = tuple((str(v["id"]), _s(v, "label")) for _, v in _items(d, "values")
                   if isinstance(v.get("id"), (str, int)) and not isinstance(v.get("id"), bool))
    return Dimension(_s(d, "id"), values, _s(d, "name"), True, path)


_OBSERVED = frozenset({"year", "value", "breakdown"})


def _csv_observations(f: DataFile, known: Iterable[str]) -> tuple[Observation, ...]:
    """The rows whose year, value and breakdown the schema accepts; the first of a repeated year and
    breakdown. A row with a value for several dimensions is kept under their combined key
    (``dimensions.combined``); rules/breakdowns.py refuses it unless its indicator is broken down
    by each of them, and the editions show only those it accepts."""
    own = key_columns(f.columns, known)
    seen: set[tuple[int, str]] = set()
    out: list[Observation] = []
    for row in f.rows:
        record = row.record
        year, value = record.get("year"), record.get("value")
        if year is None or value is None or (row.invalid and row.invalid & (_OBSERVED | set(own))):
            continue
        keys = row_breakdowns(row, own) if own else [record.get("breakdown", "total")]
        breakdown = keys[0] if len(keys) == 1 else "total" if not keys else _dimensions.combined(keys)
        if (not breakdown or (year, breakdown) in seen
                or (":" not in breakdown and breakdown not in BREAKDOWNS)):
            continue
        seen.add((year, breakdown))
        prov = Provenance(illustrative=record.get("provenance") == "illustrative",
                          source=record.get("source"), retrieved=record.get("retrieved"))
        out.append(Observation(year, float(value), prov, breakdown=breakdown,
                               position=Position(f.file, row.line, 1)))
    out.sort(key=lambda o: (breakdown_order(o.breakdown), o.year))
    return tuple(out)


def build_data(tables: dict[str, CsvTable], dimensions: Iterable[str] = _dimensions.COLUMN_DIMENSIONS,
               ) -> tuple[tuple[DataFile, ...], Mapping[str, tuple[Observation, ...]]]:
    """Data files and observations from the tables read from data/ (indicator id → table);
    ``dimensions``: the ids whose columns hold breakdowns (the known ones and the strategy's own)."""
    known = tuple(dimensions)
    files = []
    for ind, table in sorted(tables.items()):
        reading = read_rows(table, known + (_dimensions.COMPARATOR,))
        files.append(DataFile(ind, table.file, reading.columns, reading.rows, reading.problems, tuple(table.header)))
    return tuple(files), MappingProxyType({f.indicator_id: _csv_observations(f, known) for f in files})


def build_model(data: Any, source: SourceMap, root: Path,
                chapters: dict[str, tuple[MarkdownFile | None, str | None]],
                tables: dict[str, CsvTable] | None = None) -> Strategy:
    """Build the model; ``chapters`` maps a chapter's file to (parsed text, problem),
    ``tables`` an indicator id to its data file as read from data/."""
    meta = _dict(data, "strategy")
    region, period, edition = _dict(meta, "region"), _dict(meta, "period"), _dict(meta, "edition")
    vision = _dict(data, "vision")
    declared = tuple(_dimension(d, ("dimensions", i)) for i, d in _items(data, "dimensions"))
    data_files, observations = build_data(tables or {}, _dimensions.merged(declared))
    priorities = []
    for i, p in _items(data, "priorities"):
        ppath: Path_ = ("priorities", i)
        pid = _s(p, "id")
        priorities.append(Priority(
            id=pid, title=_s(p, "title"), summary=_s(p, "summary"),
            overall_goal_ids=_strs(p, "overall_goals"),
            goals=tuple(_goal(g, ppath + ("goals", j), pid, observations) for j, g in _items(p, "goals")),
            path=ppath,
        ))
    return Strategy(
        id=_s(meta, "id"), title=_s(meta, "title"), subtitle=_s(meta, "subtitle"),
        publisher=_s(meta, "publisher"), notice=_s(meta, "notice"),
        contact=Contact(*(_s(_dict(meta, "contact"), k) for k in ("email", "phone", "form"))),
        cover=Cover(_s(_dict(meta, "cover"), "image"), " ".join(_s(_dict(meta, "cover"), "alt").split())),
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
        data_files=data_files, observations=observations,
        region_scheme=_s(region, "scheme", "se"),
        followup_commitments=_dict(meta, "followup").get("commitments") is True,
        declared_dimensions=declared,
        declared_frameworks=tuple(framework_from_data(d, ("frameworks", i)) for i, d in _items(data, "frameworks")),
        levels=tuple((level, _s(names, "one"), _s(names, "many"))
                     for level, names in _dict(data, "levels").items()
                     if level in ("priority", "goal", "target", "commitment") and _s(names, "one") and _s(names, "many")),
    )


# --- building the process parts (remiss/*.yaml, dialogue.yaml, editions.yaml) --

def build_response(data: Any, source: SourceMap, name: str) -> Response:
    """One consultation response; ``name`` is the file's name without .yaml."""
    comments = []
    for i, c in _items(data, "comments"):
        path: Path_ = ("comments", i)
        h = c.get("handling")
        handling = Handling(path=path + ("handling",))
        if isinstance(h, dict):
            handling = Handling(_opt_s(h, "decision"), _s(h, "reason"), _strs(h, "changed"), path + ("handling",))
        comments.append(Comment(_s(c, "id"), _s(c, "about"), _s(c, "text"), handling, path))
    return Response(
        id=name, file=source.file, respondent=_s(data, "respondent"), kind=_s(data, "kind"),
        date=_s(data, "date"), reference=_opt_s(data, "reference"),
        illustrative=isinstance(data, dict) and data.get("illustrative") is True,
        comments=tuple(comments), source=source,
    )


def build_dialogue(data: Any, source: SourceMap) -> Dialogue:
    meetings = []
    for i, m in _items(data, "meetings"):
        counts = _dict(m, "participants")
        participants = tuple((k, counts[k]) for k in KINDS
                             if isinstance(counts.get(k), int) and not isinstance(counts.get(k), bool))
        meetings.append(Meeting(_s(m, "id"), _s(m, "date"), _s(m, "theme"), _s(m, "place"), participants,
                                _s(m, "summary"), m.get("illustrative") is True, ("meetings", i)))
    return Dialogue(
        file=source.file, meetings=tuple(meetings),
        inputs=tuple(ProcessInput(_s(d, "id"), _s(d, "title"), _opt_s(d, "kind"), _opt_s(d, "url"), ("inputs", i))
                     for i, d in _items(data, "inputs")),
        origins=tuple(Origin(_s(d, "goal"), _strs(d, "from"), _s(d, "note"), d.get("illustrative") is True,
                             ("origins", i))
                      for i, d in _items(data, "origins")),
        source=source,
    )


def build_editions(data: Any, source: SourceMap) -> EditionHistory:
    entries = []
    for i, e in _items(data, "editions"):
        period = _dict(e, "consultation")
        entries.append(EditionRecord(
            _s(e, "version"), _s(e, "status"), _s(e, "date"), _opt_s(e, "decision"), _opt_s(e, "tag"),
            _opt_s(e, "pdf"), _opt_s(period, "start"), _opt_s(period, "end"), _s(e, "note"),
            e.get("illustrative") is True, ("editions", i), _opt_s(e, "commit")))
    return EditionHistory(source.file, tuple(entries), source)
