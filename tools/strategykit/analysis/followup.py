"""Progress towards each target: the rate achieved compared with the rate needed.

One published method, so that every status can be reproduced by hand. It is the
progress measure of Statistics Canada for Canada's SDG indicator framework, which
Open SDG adopted for every platform built on it ("Progress Measurement Methodology
for the Sustainable Development Goals", open-sdg/open-sdg docs/progress-methodology.md;
implemented in open-sdg/sdg-build sdg/ProgressMeasure.py). Statistics Canada took it
from Eurostat's SDG monitoring and calls its thresholds "standards in the
international community".

For a target with baseline value x0 in year t0, latest observed value xt in year t
(after t0, not after the report year) and target value X in year T, and d = +1
when the indicator should increase, -1 when it should decrease::

    achieved rate   r_a = (xt / x0) ** (1 / (t - t0)) - 1      compound annual growth
    needed rate     r_n = (X  / x0) ** (1 / (T - t0)) - 1
    ratio           R   = d * r_a / |r_n|

    achieved               xt has reached X in the wanted direction (d * (xt - X) >= 0)
    on-track               R >= 0.95
    acceleration-needed    0.60 <= R < 0.95   "progress made but acceleration needed"
    limited-progress       0 <= R < 0.60      "limited progress"
    moving-away            R < 0              "deterioration": moving the wrong way
    no-data                no observed value after the baseline year (yet)

The first five are Statistics Canada's categories with its thresholds (0.95, 0.60
and 0; sdg-build's defaults ``{'high': 0.95, 'med': 0.6, 'low': 0}``). The issue's
"progress too slow" is the two middle ones together (``Status.too_slow``).

Where this toolkit has to decide something the method leaves open, it says so:

- **Zero or negative values.** A compound rate needs x0, xt and X all above zero.
  Otherwise both rates are linear (change per year): r_a = (xt - x0) / (t - t0),
  r_n = (X - x0) / (T - t0), and R is formed the same way. (Open SDG instead
  replaces a zero by 0.001, which makes the result depend on that choice.)
- **No direction given.** It follows from the target: increase when X > x0,
  decrease when X < x0, maintain when they are equal.
- **Maintain targets** (not covered by Statistics Canada): on track while the
  latest value lies within ±2 % of the target value (|xt - X| <= 0.02·|X|),
  achieved when that still holds in or after the target year, moving away outside
  the band in either direction.
- **Target already met at the baseline.** Then r_n points the other way or is zero.
  The status is *achieved* as long as the latest value still meets the target and
  *moving away* once it no longer does.
- **A single value.** The baseline alone (or one observation and no baseline) is
  *no data yet*: progress needs two points in time.
- **No baseline in goals.yaml.** The earliest observed value serves as baseline.
- **Thresholds** (at least, more than, at most, less than X from year T; not covered by
  Statistics Canada). The bound is met when xt >= X, xt > X, xt <= X or xt < X: the status
  is then *achieved*, in any year. A value that met the bound at the baseline and no
  longer does is *moving away*. Otherwise the region is catching up: the rate measure
  above is used with d = +1 for a lower bound and -1 for an upper one, X being the bound.
  The direction is the side of the bound, so a floor below the baseline ("at least 2 100
  a year after 2023", from 2 400) is no direction mismatch, and a fall to 2 050 is
  reported as *moving away*.
- **Ranges** ("between 60 and 70 % by 2030"; not covered by Statistics Canada). A value
  inside the range (low <= xt <= high) is *achieved* when the range is to be reached, and
  for a band to stay within *on track* before the target year and *achieved* in or after
  it. A value that was inside at the baseline and no longer is, or that has passed the
  whole range (from below it to above it, or the reverse), is *moving away*. Otherwise the
  rate towards the nearer end is measured as for a threshold (at least low, at most high).
- **A flow per year over a period** ("at least 5 000 homes a year 2017–2023"). Each year of
  the period with an observed value is met or missed against the yearly value (at least it,
  unless a threshold says otherwise). Every year met: *on track*, or *achieved* once the
  period's last year is met. Otherwise the share of years met, S: *acceleration needed*
  when S >= 0.60, *limited progress* when S > 0, *moving away* when no year was met.
- **A cumulative total over a period** ("20 000 new homes 2020–2030"). The sum of the
  observed yearly values so far, S, is compared with the even share of the total for those
  years, N = total · n / (years in the period), n the years with a value: *achieved* when
  S has reached the total, otherwise R = S / N on the scale above. A milestone of such a
  target is the sum to have reached by its year.
- **A gap against a comparator** ("halve the gap with the national average by 2030"; not
  covered by Statistics Canada). The gap in a year is how far the region is behind the
  comparator in the wanted direction: g = c − x when the value should increase, x − c when it
  should decrease (c the comparator's value, x the region's, of the same year); zero or less
  means no gap is left. The target value G is the gap allowed by year T. With the baseline gap
  g0 (year t0) and the latest gap gt (year t, the latest year after t0 with both values), the
  rates are linear, as a gap may close to zero or beyond: r_a = (gt − g0) / (t − t0),
  r_n = (G − g0) / (T − t0), R = −r_a / |r_n|. *Achieved* when gt <= G; *moving away* when
  g0 <= G and gt > G (the gap was within the target and has opened again); otherwise R on the
  scale above. A milestone is met when the gap of its year is at most its value.
- **Milestones are assessed.** A milestone whose year has an observed value (of the
  target's breakdown, up to the report year) is *met* when that value has reached the
  milestone value in the wanted direction (at or beyond it; for a maintain target within
  the band; for a threshold by the bound), otherwise *missed*. The status above measures
  the rate from the baseline and is not changed by a milestone, but a target whose latest
  assessed milestone was missed is never shown as on track (or achieved) without saying
  so: ``TargetProgress.missed_milestone`` is shown beside the status everywhere.
- **A goal followed up by its commitments alone** (no target of its own or shared with an
  indicator, but commitments: ``GoalJudgement``). Its status is a judgement, not a measurement,
  and stays on the commitment scale (``model.COMMITMENT_STATUSES``): the worst of its
  commitments' latest assessments up to the report year, in the order done < on schedule <
  delayed < not started < discontinued. A commitment not yet assessed is not counted, but how
  many of the goal's commitments were assessed is kept beside the status; with none assessed
  the goal is *not assessed yet*. Its measured status stays *no data*, and it is counted
  beside the targets' statuses, never among them.
- **A goal's status** is the worst status among its targets that have data
  (achieved < on track < acceleration needed < limited progress < moving away);
  it is *no data yet* only when none of its targets has data. A priority's status
  is derived the same way from all of its targets. Statistics Canada averages
  scores when it aggregates series; the worst status is used here instead because
  a reader can check it at a glance and a weak target cannot be hidden by a strong one.

Everything here is pure: functions take the model (or plain numbers) and return
frozen dataclasses. Words and numbers for readers are made in ``followup_report``.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping

from strategykit.model import (BREAKDOWNS, COMMITMENT_STATUSES, THRESHOLDS, Commitment, Comparator, Goal, GoalValue,
                               Observation, Strategy, Target, gap, meets_threshold)
from strategykit.model import Assessment as CommitmentAssessment

from strategykit.analysis.method import ACCELERATION_RATIO, MAINTAIN_TOLERANCE, ON_TRACK_RATIO


class Status(str, enum.Enum):
    """The progress status of a target (or a goal, or a priority), best first."""

    ACHIEVED = "achieved"
    ON_TRACK = "on-track"
    ACCELERATION_NEEDED = "acceleration-needed"
    LIMITED_PROGRESS = "limited-progress"
    MOVING_AWAY = "moving-away"
    NO_DATA = "no-data"

    def __str__(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """0 for achieved … 4 for moving away; 5 for no data (which no aggregate prefers)."""
        return list(Status).index(self)

    @property
    def too_slow(self) -> bool:
        """Progress in the right direction, but slower than the target needs."""
        return self in (Status.ACCELERATION_NEEDED, Status.LIMITED_PROGRESS)

    @property
    def has_data(self) -> bool:
        return self is not Status.NO_DATA


STATUSES: tuple[Status, ...] = tuple(Status)


@dataclass(frozen=True)
class Assessment:
    """The computation for one target: what was compared, and the status it gives."""

    status: Status
    direction: str | None
    """The direction used: the target's own, or the one its values imply."""
    method: str | None
    """'growth-rate' (compound annual), 'linear' (zero or negative values), 'maintain', or None."""
    actual_rate: float | None
    required_rate: float | None
    ratio: float | None
    reason: str = ""
    """Why there is no status: 'no-target', 'no-baseline', 'target-year-not-after-baseline',
    'no-observation' (nothing after the baseline year); for a gap target 'no-comparator-baseline' (no gap
    at the baseline year) and 'gap-no-direction'; '' otherwise."""
    threshold: str | None = None
    """The bound the target value is ('at-least' …), or None for a value to move towards."""
    form: str | None = None
    """Another form of target: 'reach' or 'stay' (a range), 'yearly' or 'cumulative' (a flow);
    for a flow ``actual_rate`` is the years met (yearly) or the sum so far (cumulative),
    ``required_rate`` the years assessed or the even share of the total for them."""

    @property
    def threshold_met(self) -> bool | None:
        """For a threshold with an observed value: whether the latest value meets it."""
        if self.threshold is None or not self.status.has_data or self.form is not None:
            return None
        return self.status is Status.ACHIEVED


def _inside(low: float, high: float, value: float) -> bool:
    return low <= value <= high


def assess_range(baseline: tuple[int, float] | None, latest: tuple[int, float] | None,
                 target: tuple[int, float, float] | None, form: str) -> Assessment:
    """The status of a target written as a range (year, low, high): to ``reach`` or to ``stay`` within."""
    if target is None:
        return Assessment(Status.NO_DATA, None, None, None, None, None, "no-target", form=form)
    if baseline is None:
        return Assessment(Status.NO_DATA, None, None, None, None, None, "no-baseline", form=form)
    (y0, x0), (ty, low, high) = baseline, target
    if ty <= y0:
        return Assessment(Status.NO_DATA, None, None, None, None, None, "target-year-not-after-baseline", form=form)
    if latest is None:
        return Assessment(Status.NO_DATA, None, "range", None, None, None, "no-observation", form=form)
    yt, xt = latest
    if _inside(low, high, xt):
        status = Status.ON_TRACK if form == "stay" and yt < ty else Status.ACHIEVED
        return Assessment(status, None, "range", None, None, None, form=form)
    passed = (x0 < low and xt > high) or (x0 > high and xt < low)
    if _inside(low, high, x0) or passed:
        return Assessment(Status.MOVING_AWAY, None, "range", None, None, None, form=form)
    below = x0 < low
    a = assess_threshold(baseline, latest, (ty, low if below else high), "at-least" if below else "at-most")
    return dataclasses.replace(a, threshold=None, form=form)


def assess_flow(values: Iterable[tuple[int, float]], target: tuple[int, int, float] | None, form: str,
                threshold: str | None = None) -> Assessment:
    """The status of a flow over a period: ``values`` are the (year, value) observed, ``target``
    (first year, last year, the yearly value or the total); ``form`` 'yearly' or 'cumulative'.

    A yearly amount is a bound each year (at least, unless the target says otherwise), also before
    any year of the period has a value: the report then words it as the editions do."""
    bound = threshold if threshold in THRESHOLDS else "at-least"
    said = bound if form == "yearly" else None
    if target is None:
        return Assessment(Status.NO_DATA, "increase", None, None, None, None, "no-target", said, form=form)
    first, last, goal = target
    if last < first:
        return Assessment(Status.NO_DATA, "increase", None, None, None, None, "period-inverted", said, form=form)
    inside = [(y, x) for y, x in values if first <= y <= last]
    if not inside:
        return Assessment(Status.NO_DATA, "increase", form, None, None, None, "no-observation-in-period", said,
                          form=form)
    if form == "cumulative":
        total = sum(x for _, x in inside)
        needed = goal * len(inside) / (last - first + 1)
        if total >= goal:
            return Assessment(Status.ACHIEVED, "increase", form, total, needed, total / needed if needed else None,
                              form=form)
        if needed <= 0:
            return Assessment(Status.MOVING_AWAY, "increase", form, total, needed, None, form=form)
        ratio = total / needed
        return Assessment(status_for_ratio(ratio), "increase", form, total, needed, ratio, form=form)
    met = sum(1 for _, x in inside if meets_threshold(bound, x, goal))
    share = met / len(inside)
    if met == len(inside):
        status = Status.ACHIEVED if inside[-1][0] == last else Status.ON_TRACK
    elif share >= ACCELERATION_RATIO:
        status = Status.ACCELERATION_NEEDED
    elif share > 0:
        status = Status.LIMITED_PROGRESS
    else:
        status = Status.MOVING_AWAY
    return Assessment(status, THRESHOLDS[bound], form, float(met), float(len(inside)), share, threshold=bound, form=form)


def assess_gap(baseline: tuple[int, float] | None, latest: tuple[int, float] | None,
               target: tuple[int, float] | None, direction: str | None = None) -> Assessment:
    """The status of a gap target from (year, gap) points: the baseline gap, the latest gap and the
    gap allowed by the target year (``model.gap``: how far the region is behind its comparator)."""
    if baseline is None:  # first: a gap target's value may itself be a share of the baseline gap
        return Assessment(Status.NO_DATA, direction, None, None, None, None, "no-comparator-baseline", form="gap")
    if target is None:
        return Assessment(Status.NO_DATA, direction, None, None, None, None, "no-target", form="gap")
    (y0, g0), (ty, allowed) = baseline, target
    if ty <= y0:
        return Assessment(Status.NO_DATA, direction, None, None, None, None, "target-year-not-after-baseline",
                          form="gap")
    required = (allowed - g0) / (ty - y0)
    if latest is None:
        return Assessment(Status.NO_DATA, direction, "gap", None, required, None, "no-observation", form="gap")
    yt, gt = latest
    actual = (gt - g0) / (yt - y0)
    ratio = -actual / abs(required) if required else None
    if gt <= allowed:
        return Assessment(Status.ACHIEVED, direction, "gap", actual, required, ratio, form="gap")
    if g0 <= allowed or ratio is None:
        return Assessment(Status.MOVING_AWAY, direction, "gap", actual, required, None, form="gap")
    return Assessment(status_for_ratio(ratio), direction, "gap", actual, required, ratio, form="gap")


def _rates(x0: float, y0: int, x: float, y: int, linear: bool) -> float:
    if linear:
        return (x - x0) / (y - y0)
    return (x / x0) ** (1 / (y - y0)) - 1


def implied_direction(direction: str | None, baseline_value: float, target_value: float) -> str:
    if direction in ("increase", "decrease", "maintain"):
        return direction
    if target_value > baseline_value:
        return "increase"
    if target_value < baseline_value:
        return "decrease"
    return "maintain"


def assess_threshold(baseline: tuple[int, float] | None, latest: tuple[int, float] | None,
                     target: tuple[int, float] | None, threshold: str) -> Assessment:
    """The status of a target whose value is a bound (at least, more than, at most, less than)."""
    d = THRESHOLDS[threshold]
    if target is None:
        return Assessment(Status.NO_DATA, d, None, None, None, None, "no-target", threshold)
    if baseline is None:
        return Assessment(Status.NO_DATA, d, None, None, None, None, "no-baseline", threshold)
    (y0, x0), (ty, tx) = baseline, target
    if ty <= y0:
        return Assessment(Status.NO_DATA, d, None, None, None, None, "target-year-not-after-baseline", threshold)
    sign = 1 if d == "increase" else -1
    linear = not (x0 > 0 and tx > 0 and (latest is None or latest[1] > 0))
    method = "linear" if linear else "growth-rate"
    required = _rates(x0, y0, tx, ty, linear)
    if latest is None:
        return Assessment(Status.NO_DATA, d, method, None, required, None, "no-observation", threshold)
    yt, xt = latest
    actual = _rates(x0, y0, xt, yt, linear)
    ratio = sign * actual / abs(required) if required else None
    if meets_threshold(threshold, xt, tx):
        return Assessment(Status.ACHIEVED, d, method, actual, required, ratio, "", threshold)
    if meets_threshold(threshold, x0, tx) or ratio is None:
        return Assessment(Status.MOVING_AWAY, d, method, actual, required, None, "", threshold)
    return Assessment(status_for_ratio(ratio), d, method, actual, required, ratio, "", threshold)


def assess(baseline: tuple[int, float] | None, latest: tuple[int, float] | None,
           target: tuple[int, float] | None, direction: str | None,
           threshold: str | None = None) -> Assessment:
    """The status of one target from three (year, value) points and the wanted direction.

    ``latest`` must be later than ``baseline`` (or None when there is no such value).
    A ``threshold`` makes the target value a bound (``assess_threshold``); the direction is then not used.
    """
    if threshold in THRESHOLDS:
        return assess_threshold(baseline, latest, target, threshold)
    if target is None:
        return Assessment(Status.NO_DATA, direction, None, None, None, None, "no-target")
    if baseline is None:
        return Assessment(Status.NO_DATA, direction, None, None, None, None, "no-baseline")
    (y0, x0), (ty, tx) = baseline, target
    d = implied_direction(direction, x0, tx)
    if ty <= y0:
        return Assessment(Status.NO_DATA, d, None, None, None, None, "target-year-not-after-baseline")
    if d == "maintain":
        if latest is None:
            return Assessment(Status.NO_DATA, d, "maintain", None, 0.0, None, "no-observation")
        yt, xt = latest
        within = abs(xt - tx) <= MAINTAIN_TOLERANCE * abs(tx)
        status = (Status.ACHIEVED if yt >= ty else Status.ON_TRACK) if within else Status.MOVING_AWAY
        return Assessment(status, d, "maintain", _rates(x0, y0, xt, yt, linear=True), 0.0, None)
    sign = 1 if d == "increase" else -1
    linear = not (x0 > 0 and tx > 0 and (latest is None or latest[1] > 0))
    method = "linear" if linear else "growth-rate"
    required = _rates(x0, y0, tx, ty, linear)
    if latest is None:
        return Assessment(Status.NO_DATA, d, method, None, required, None, "no-observation")
    yt, xt = latest
    actual = _rates(x0, y0, xt, yt, linear)
    if sign * (xt - tx) >= 0:
        ratio = sign * actual / abs(required) if required else None
        return Assessment(Status.ACHIEVED, d, method, actual, required, ratio)
    if required == 0:  # the baseline was exactly the target, and the value has since fallen short
        return Assessment(Status.MOVING_AWAY, d, method, actual, required, None)
    ratio = sign * actual / abs(required)
    return Assessment(status_for_ratio(ratio), d, method, actual, required, ratio)


def status_for_ratio(ratio: float) -> Status:
    """Statistics Canada's categories for the ratio of achieved to needed rate."""
    if ratio >= ON_TRACK_RATIO:
        return Status.ON_TRACK
    if ratio >= ACCELERATION_RATIO:
        return Status.ACCELERATION_NEEDED
    if ratio >= 0:
        return Status.LIMITED_PROGRESS
    return Status.MOVING_AWAY


def combine(statuses: Iterable[Status]) -> Status:
    """A goal's (or priority's) status: the worst among those with data; no data only if none has any."""
    with_data = [s for s in statuses if s.has_data]
    return max(with_data, key=lambda s: s.rank) if with_data else Status.NO_DATA


# --- targets, goals, priorities ---------------------------------------------

@dataclass(frozen=True)
class MilestoneCheck:
    """A milestone whose year has an observed value: met or missed."""

    year: int
    value: float
    observed: Observation
    met: bool
    so_far: float | None = None
    """For a cumulative total: the sum of the observed values up to the milestone's year."""
    gap: float | None = None
    """For a gap target: the gap of the milestone's year (``value`` is the gap allowed)."""
    high: float | None = None
    """For a range: its upper end (``value`` is then its lower end)."""


def milestone_met(direction: str | None, threshold: str | None, observed: float, value: float) -> bool:
    """Whether an observed value has reached a milestone value (see the method above)."""
    if threshold in THRESHOLDS:
        return meets_threshold(threshold, observed, value)
    if direction == "increase":
        return observed >= value
    if direction == "decrease":
        return observed <= value
    return abs(observed - value) <= MAINTAIN_TOLERANCE * abs(value)


@dataclass(frozen=True)
class TargetProgress:
    """Everything a report, a table or a chart needs to show one target's progress."""

    target_id: str
    goal_id: str
    priority_id: str
    indicator_id: str | None
    breakdown: str
    year: int | None
    """The report year: only values up to it are used (None: all values)."""
    baseline: Observation | None
    """The baseline used: the target's own, or the earliest observed value when it has none."""
    latest: Observation | None
    """The latest observed value after the baseline year, up to the report year."""
    target_year: int | None
    target_value: float | None
    assessment: Assessment
    series: tuple[Observation, ...] = ()
    """The observed values of the target's breakdown up to the report year, oldest first."""
    milestones: tuple[MilestoneCheck, ...] = ()
    """The milestones whose year has an observed value up to the report year, oldest first."""
    goal_value: GoalValue | None = None
    """The target value as written (a level, or a change or factor against a base year)."""
    target_illustrative: bool = False
    """True when the target value is marked illustrative (no body decided it)."""
    by_breakdown: Mapping[str, Observation] = field(default_factory=dict)
    """The latest value up to the report year of each breakdown the indicator has data for
    (total, women, men), to be shown side by side."""
    comparator: Comparator | None = None
    """For a gap target: what the region is compared with."""
    comparator_series: tuple[Observation, ...] = ()
    """For a gap target: the comparator's observed values up to the report year, oldest first."""
    baseline_gap: float | None = None
    """For a gap target: the gap at the baseline year (None when the comparator has no value then)."""
    latest_gap: float | None = None
    """For a gap target: the gap at the latest year with both values (that of ``latest``)."""

    @property
    def status(self) -> Status:
        return self.assessment.status

    @property
    def missed_milestone(self) -> MilestoneCheck | None:
        """The latest assessed milestone, when it was missed."""
        return self.milestones[-1] if self.milestones and not self.milestones[-1].met else None

    @property
    def illustrative(self) -> bool:
        """True when the baseline or the latest value is not a statistic."""
        return any(o is not None and o.provenance.illustrative for o in (self.baseline, self.latest))

    def needed_path(self) -> tuple[tuple[int, float], ...]:
        """The values year by year from the baseline to the target at the needed rate (for a chart).

        Compound growth x0·(1 + r_n)^(year − t0), or a straight line when the method is
        linear, or a flat line at the target value for a maintain target.
        """
        a = self.assessment
        if self.baseline is None or self.target_year is None or self.target_value is None \
                or a.required_rate is None or self.baseline.year is None or self.baseline.value is None \
                or a.form is not None:
            return ()
        y0, x0 = self.baseline.year, self.baseline.value
        years = range(y0, self.target_year + 1)
        if a.method == "maintain":
            return tuple((y, self.target_value) for y in years)
        if a.method == "linear":
            points = [(y, x0 + a.required_rate * (y - y0)) for y in years]
        else:
            points = [(y, x0 * (1 + a.required_rate) ** (y - y0)) for y in years]
        points[-1] = (self.target_year, self.target_value)  # exact, without rounding drift
        return tuple(points)


@dataclass(frozen=True)
class JudgedCommitment:
    """A commitment as its goal's judgement counts it: its latest assessment up to the report year."""

    commitment_id: str
    year: int | None
    status: str | None
    """On the commitment scale; None while it has no assessment up to the report year."""
    illustrative: bool = False


@dataclass(frozen=True)
class CommitmentProgress:
    """A commitment in a year's follow-up: its latest assessment up to the report year (None while it
    has none). Every commitment is here, whether or not its goal is judged by its commitments alone:
    the yearly follow-up covers the commitments as well as the targets."""

    commitment: Commitment
    latest: CommitmentAssessment | None


@dataclass(frozen=True)
class GoalJudgement:
    """The follow-up of a goal that only commitments follow up: a judgement, not a measured status.

    ``status`` is the worst of the commitments' latest assessments up to the report year on the
    commitment scale (``model.COMMITMENT_STATUSES``, best first); None when none is assessed."""

    status: str | None
    commitments: tuple[JudgedCommitment, ...]

    @property
    def assessed(self) -> int:
        return sum(1 for c in self.commitments if c.status is not None)

    @property
    def illustrative(self) -> bool:
        """True when an assessment it counts is marked illustrative."""
        return any(c.illustrative for c in self.commitments if c.status is not None)


def worst_commitment_status(statuses: Iterable[str | None]) -> str | None:
    """The worst step of the commitment scale among ``statuses`` (None for those not assessed)."""
    known = [s for s in statuses if s in COMMITMENT_STATUSES]
    return max(known, key=COMMITMENT_STATUSES.index) if known else None


def judge_goal(strategy: Strategy, goal: Goal, year: int | None = None) -> GoalJudgement | None:
    """The judgement of a goal followed up by its commitments alone (see the method above), or None
    for a goal that an indicator-backed target (its own or a shared one) measures, or that has no
    commitments."""
    measured = list(goal.targets) + [t for _, t in strategy.shared_targets(goal)]
    if not goal.commitments or any(strategy.indicator(t.indicator_id) for t in measured):
        return None
    counted = []
    for c in goal.commitments:
        a = c.latest(until=year)
        counted.append(JudgedCommitment(c.id, a.year if a else None, a.status if a else None,
                                        bool(a and a.illustrative)))
    return GoalJudgement(worst_commitment_status(j.status for j in counted), tuple(counted))


def count_judgements(judgements: Iterable[GoalJudgement | None]) -> dict[str, int]:
    """How many judged goals have each step of the commitment scale, best first, and 'not-assessed'."""
    counts = {s: 0 for s in COMMITMENT_STATUSES + ("not-assessed",)}
    for j in judgements:
        if j is not None:
            counts[j.status or "not-assessed"] += 1
    return counts


@dataclass(frozen=True)
class GoalProgress:
    goal_id: str
    priority_id: str
    status: Status
    targets: tuple[TargetProgress, ...]
    shared: tuple[str, ...] = ()
    """Ids of other goals' targets that also measure this goal ('shared_targets:'): they count in this
    goal's status, but are followed up and counted once, with their own goal."""
    judgement: GoalJudgement | None = None
    """For a goal followed up by its commitments alone: their judgement (``status`` is then no data)."""
    commitments: tuple[CommitmentProgress, ...] = ()
    """The goal's commitments with their latest assessments up to the report year, in model order."""


@dataclass(frozen=True)
class PriorityProgress:
    priority_id: str
    status: Status
    goals: tuple[GoalProgress, ...]

    def counts(self) -> dict[Status, int]:
        """How many of the priority's targets have each status (every status present, maybe 0)."""
        return count_statuses(t.status for g in self.goals for t in g.targets)

    def judged(self) -> dict[str, int]:
        """How many of the priority's goals followed up by commitments alone have each judgement."""
        return count_judgements(g.judgement for g in self.goals)


@dataclass(frozen=True)
class StatusChange:
    """A target or goal whose status differs from the previous year's report."""

    kind: str
    """'target' or 'goal'."""
    id: str
    before: Status
    after: Status

    @property
    def improved(self) -> bool | None:
        """True if better, False if worse, None when one side has no data."""
        if not (self.before.has_data and self.after.has_data):
            return None
        return self.after.rank < self.before.rank


@dataclass(frozen=True)
class JudgementChange:
    """A goal followed up by its commitments alone whose judgement differs from the previous year's."""

    id: str
    before: str | None
    """A step of the commitment scale, or None when nothing was assessed yet."""
    after: str | None
    kind: str = "judgement"

    @property
    def improved(self) -> bool | None:
        """True if better on the commitment scale, False if worse, None when one side is not assessed."""
        if self.before not in COMMITMENT_STATUSES or self.after not in COMMITMENT_STATUSES:
            return None
        return COMMITMENT_STATUSES.index(self.after) < COMMITMENT_STATUSES.index(self.before)


@dataclass(frozen=True)
class FollowUp:
    """The follow-up of a whole strategy for one year."""

    year: int | None
    previous_year: int | None
    priorities: tuple[PriorityProgress, ...]
    changes: tuple[StatusChange | JudgementChange, ...] = ()
    """Statuses that differ from the previous year's (values up to previous_year); targets first, then
    goals, then the judgements of goals followed up by their commitments alone."""

    def goals(self) -> Iterator[GoalProgress]:
        for p in self.priorities:
            yield from p.goals

    def targets(self) -> Iterator[TargetProgress]:
        for g in self.goals():
            yield from g.targets

    def commitments(self) -> Iterator[CommitmentProgress]:
        for g in self.goals():
            yield from g.commitments

    def target(self, target_id: str) -> TargetProgress | None:
        return next((t for t in self.targets() if t.target_id == target_id), None)

    def targets_for(self, indicator_id: str) -> list[TargetProgress]:
        """The targets an indicator measures (several may share one chart)."""
        return [t for t in self.targets() if t.indicator_id == indicator_id]

    def goal(self, goal_id: str) -> GoalProgress | None:
        return next((g for g in self.goals() if g.goal_id == goal_id), None)

    def priority(self, priority_id: str) -> PriorityProgress | None:
        return next((p for p in self.priorities if p.priority_id == priority_id), None)

    def counts(self) -> dict[Status, int]:
        return count_statuses(t.status for t in self.targets())

    def judged(self) -> dict[str, int]:
        """How many goals followed up by commitments alone have each judgement (``count_judgements``)."""
        return count_judgements(g.judgement for g in self.goals())


def count_statuses(statuses: Iterable[Status]) -> dict[Status, int]:
    counts = {s: 0 for s in Status}
    for s in statuses:
        counts[s] += 1
    return counts


def latest_year(strategy: Strategy) -> int | None:
    """The latest year any indicator has an observed value for, or any commitment an assessment on the
    scale: the default report year, the year of the latest follow-up publication (``known.followup_years``).
    A strategy followed up by judgement alone has a report year too."""
    years = [o.year for series in strategy.observations.values() for o in series if o.year is not None]
    years += [a.year for _, c in strategy.commitments() for a in c.assessments
              if a.year is not None and a.status in COMMITMENT_STATUSES]
    return max(years) if years else None


def target_progress(strategy: Strategy, goal: Goal, target: Target, year: int | None = None) -> TargetProgress:
    """Assess one target with the values observed up to ``year`` (all values when None)."""
    series = strategy.series(target.indicator_id, target.breakdown, until=year)
    baseline = target.baseline
    if baseline is None or baseline.year is None or baseline.value is None:
        baseline = series[0] if series else None
    later = [o for o in series if baseline is not None and (o.year or 0) > (baseline.year or 0)]
    latest = later[-1] if later else None
    goal_value = target.target
    point = ((goal_value.year, goal_value.value)
             if goal_value and goal_value.year is not None and goal_value.value is not None else None)
    b_point = (baseline.year, baseline.value) if baseline else None
    l_point = (latest.year, latest.value) if latest else None
    by_year = {o.year: o for o in series}
    checks = []
    gap_fields: dict = {}
    if target.flow is not None:
        first = goal_value.from_year if goal_value else None
        flow = ((first, goal_value.year, goal_value.value) if goal_value and first is not None
                and goal_value.year is not None and goal_value.value is not None else None)
        values = [(o.year, o.value) for o in series if o.year is not None and o.value is not None]
        assessment = assess_flow(values, flow, target.flow, target.threshold)
        if flow is not None:
            in_period = [o for o in series if flow[0] <= (o.year or 0) <= flow[1]]
            latest = in_period[-1] if in_period else None
            point = (flow[1], flow[2])
            for m in target.milestones:
                o = by_year.get(m.year)
                if m.year is None or m.value is None or o is None or o.value is None:
                    continue
                if target.flow == "cumulative":
                    so_far = sum(x.value for x in in_period if (x.year or 0) <= m.year)
                    checks.append(MilestoneCheck(m.year, m.value, o, so_far >= m.value, so_far))
                else:
                    checks.append(MilestoneCheck(m.year, m.value, o, meets_threshold(
                        assessment.threshold or "at-least", o.value, m.value)))
    elif target.comparator is not None:
        gaps = _gap_progress(strategy, target, series, baseline, point, year)
        assessment, latest, checks, gap_fields = gaps
    elif goal_value is not None and goal_value.is_range:
        span = ((goal_value.year, goal_value.low, goal_value.high) if goal_value.year is not None else None)
        assessment = assess_range(b_point, l_point, span, target.range or "reach")
        for m in target.milestones:
            o = by_year.get(m.year)
            if m.year is not None and o is not None and o.value is not None and m.is_range:
                checks.append(MilestoneCheck(m.year, m.low, o, _inside(m.low, m.high, o.value), high=m.high))
    else:
        assessment = assess(b_point, l_point, point, target.direction, target.threshold)
        for m in target.milestones:
            o = by_year.get(m.year)
            if m.year is not None and m.value is not None and o is not None and o.value is not None:
                checks.append(MilestoneCheck(m.year, m.value, o, milestone_met(
                    assessment.direction or target.direction, target.threshold, o.value, m.value)))
    checks.sort(key=lambda c: c.year)
    by_breakdown = {}
    for b in BREAKDOWNS:
        values = strategy.series(target.indicator_id, b, until=year)
        if values:
            by_breakdown[b] = values[-1]
    return TargetProgress(
        target_id=target.id, goal_id=goal.id, priority_id=goal.priority_id,
        indicator_id=target.indicator_id, breakdown=target.breakdown, year=year,
        baseline=baseline, latest=latest,
        target_year=point[0] if point else None, target_value=point[1] if point else None,
        assessment=assessment, series=series, by_breakdown=by_breakdown,
        target_illustrative=bool(goal_value and goal_value.illustrative), goal_value=goal_value,
        milestones=tuple(checks), **gap_fields,
    )


def _gap_progress(strategy: Strategy, target: Target, series: tuple[Observation, ...], baseline: Observation | None,
                  point: tuple[int, float] | None, year: int | None):
    """A gap target's assessment, the latest region value it rests on, its milestone checks and the
    fields a reader needs (the comparator, its series, the baseline and latest gaps)."""
    comparator = target.comparator
    direction = target.direction
    others = strategy.series(target.indicator_id, target.comparator_key, until=year)
    theirs = {o.year: o.value for o in others if o.value is not None}

    def gap_of(o: Observation | None) -> float | None:
        return gap(direction, o.value, theirs.get(o.year)) if o is not None else None

    g0 = gap_of(baseline)
    later = [o for o in series if baseline is not None and (o.year or 0) > (baseline.year or 0)
             and gap_of(o) is not None]
    latest = later[-1] if later else None
    gt = gap_of(latest)
    if direction not in ("increase", "decrease"):
        assessment = Assessment(Status.NO_DATA, direction, None, None, None, None, "gap-no-direction", form="gap")
    elif baseline is None:
        assessment = Assessment(Status.NO_DATA, direction, None, None, None, None, "no-baseline", form="gap")
    else:
        assessment = assess_gap((baseline.year, g0) if baseline is not None and g0 is not None else None,
                                (latest.year, gt) if latest is not None and gt is not None else None, point, direction)
    checks = []
    by_year = {o.year: o for o in series}
    for m in target.milestones:
        o = by_year.get(m.year)
        g = gap_of(o)
        if m.year is not None and m.value is not None and g is not None:
            checks.append(MilestoneCheck(m.year, m.value, o, g <= m.value, gap=g))
    return assessment, latest, checks, {"comparator": comparator, "comparator_series": others,
                                        "baseline_gap": g0, "latest_gap": gt}


def _assess_all(strategy: Strategy, year: int | None) -> tuple[PriorityProgress, ...]:
    assessed = {p.id: {g.id: tuple(target_progress(strategy, g, t, year) for t in g.targets) for g in p.goals}
                for p in strategy.priorities}
    by_id = {t.target_id: t for goals in assessed.values() for targets in goals.values() for t in targets}
    priorities = []
    for p in strategy.priorities:
        goals = []
        for g in p.goals:
            targets = assessed[p.id][g.id]
            shared = tuple(t.id for _, t in strategy.shared_targets(g))
            goals.append(GoalProgress(g.id, p.id, combine([t.status for t in targets] + [by_id[i].status for i in shared]),
                                      targets, shared, judge_goal(strategy, g, year),
                                      tuple(CommitmentProgress(c, c.latest(until=year)) for c in g.commitments)))
        priorities.append(PriorityProgress(
            p.id, combine(t.status for g in goals for t in g.targets), tuple(goals)))
    return tuple(priorities)


def follow_up(strategy: Strategy, year: int | None = None) -> FollowUp:
    """The follow-up for ``year`` (default: the latest year with data), with the changes since the year before.

    "The previous year's report" is recomputed from today's data files with the values
    up to the year before, so that a revised statistic does not show up as a change.
    """
    if year is None:
        year = latest_year(strategy)
    now = _assess_all(strategy, year)
    if year is None:
        return FollowUp(None, None, now)
    before = _assess_all(strategy, year - 1)
    changes: list[StatusChange] = []
    old_targets = {t.target_id: t.status for p in before for g in p.goals for t in g.targets}
    old_goals = {g.goal_id: g.status for p in before for g in p.goals}
    for p in now:
        for g in p.goals:
            for t in g.targets:
                if t.target_id in old_targets and old_targets[t.target_id] is not t.status:
                    changes.append(StatusChange("target", t.target_id, old_targets[t.target_id], t.status))
    for p in now:
        for g in p.goals:
            if g.goal_id in old_goals and old_goals[g.goal_id] is not g.status:
                changes.append(StatusChange("goal", g.goal_id, old_goals[g.goal_id], g.status))
    old_judged = {g.goal_id: g.judgement.status for p in before for g in p.goals if g.judgement is not None}
    for p in now:
        for g in p.goals:
            if g.judgement is not None and g.goal_id in old_judged and old_judged[g.goal_id] != g.judgement.status:
                changes.append(JudgementChange(g.goal_id, old_judged[g.goal_id], g.judgement.status))
    return FollowUp(year, year - 1, now, tuple(changes))


__all__ = [
    "ACCELERATION_RATIO", "Assessment", "assess_flow", "assess_gap", "assess_range", "assess_threshold", "MilestoneCheck", "milestone_met", "FollowUp", "GoalProgress", "MAINTAIN_TOLERANCE", "ON_TRACK_RATIO",
    "PriorityProgress", "STATUSES", "Status", "StatusChange", "TargetProgress", "assess", "combine",
    "CommitmentProgress", "count_statuses", "follow_up", "GoalJudgement", "JudgedCommitment", "JudgementChange", "judge_goal", "count_judgements",
    "worst_commitment_status", "implied_direction", "latest_year", "status_for_ratio", "target_progress",
]
