"""Rules on years and values: inside the period, in order, and pointing the right way."""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Severity
from strategykit.model import THRESHOLDS, Strategy
from strategykit.rules import rule, Finding
from strategykit.messages import _


@rule("period-inverted", fix=_("Make 'start' the first year and 'end' the last year of the strategy."))
def period_inverted(s: Strategy) -> Iterator[Finding]:
    """The strategy's period starts before it ends."""
    if s.period_start is not None and s.period_end is not None and s.period_start >= s.period_end:
        yield Finding(_("The period starts in {period_start} but ends in {period_end}.",
                        period_start=s.period_start, period_end=s.period_end),
                      ("strategy", "period"), key=True)


@rule("year-outside-period",
      fix=_("Move the year inside the strategy's period, or widen the period under strategy: period:."))
def year_outside_period(s: Strategy) -> Iterator[Finding]:
    """Target years and milestones lie inside the strategy's period.

    A target for 2045 in a strategy that ends in 2040 will never be followed up
    by this strategy. (Baselines may lie before the period: they describe where
    the region starts.)
    """
    lo, hi = s.period_start, s.period_end
    if lo is None or hi is None:
        return
    for g, t in s.targets():
        for value, what in ([(t.target, _("target year"))] if t.target else []) + [(m, _("milestone year")) for m in t.milestones]:
            if value.year is not None and not lo <= value.year <= hi:
                yield Finding(_('The {what} {year} of target "{id}" is outside the period {lo}–{hi}.',
                                what=what, year=value.year, id=t.id, lo=lo, hi=hi),
                              value.path + ("year",))
    if s.vision_horizon is not None and not lo <= s.vision_horizon <= hi:
        yield Finding(_("The vision's horizon {vision_horizon} is outside the period {lo}–{hi}.",
                        vision_horizon=s.vision_horizon, lo=lo, hi=hi),
                      ("vision", "horizon"))


@rule("baseline-after-target", fix=_("Check the two years: the baseline year comes before the target year."))
def baseline_after_target(s: Strategy) -> Iterator[Finding]:
    """A baseline comes before its target year, and milestones lie between the two, in order.

    A baseline over a period (`from_year: 2013`, `year: 2015`) has its first year first.
    """
    for g, t in s.targets():
        b = t.baseline.year if t.baseline else None
        e = t.target.year if t.target else None
        first = t.baseline.from_year if t.baseline else None
        if first is not None and b is not None and first > b:
            yield Finding(_('The baseline of target "{id}" covers {first}–{last}: its first year comes after its last.',
                            id=t.id, first=first, last=b),
                          t.baseline.path + ("from_year",),
                          hint=_("Write the period's first year as 'from_year' and its last as 'year'."))
        if b is not None and e is not None and b >= e:
            yield Finding(_('Target "{id}" has its baseline in {b}, not before its target year {e}.',
                            id=t.id, b=b, e=e),
                          t.baseline.path + ("year",))
        previous = b
        for m in t.milestones:
            if m.year is None:
                continue
            if (previous is not None and m.year <= previous) or (e is not None and m.year >= e):
                yield Finding(_('The milestone {year} of target "{id}" is not between the baseline, the earlier milestones and the target year.',
                                year=m.year, id=t.id), m.path + ("year",))
            previous = m.year


@rule("direction-mismatch",
      fix=_("Check the target value and the direction: one of them is probably mistyped."))
def direction_mismatch(s: Strategy) -> Iterator[Finding]:
    """The wanted direction agrees with the baseline and the target value.

    A target that says *increase* but whose value is below the baseline is either
    a typo or a lowered ambition that should be written as such. A threshold is not a
    direction of travel: "at least 2 100 a year" from a baseline of 2 400 is a floor,
    not a fall, so a target with `threshold:` is only reported when its direction
    points away from the bound (at-least or more-than with decrease, at-most or
    less-than with increase).
    """
    for g, t in s.targets():
        if t.threshold is not None:
            side = THRESHOLDS[t.threshold]
            if t.direction in ("increase", "decrease") and t.direction != side:
                yield Finding(_('Target "{id}" is a threshold ({threshold}) but its direction is {direction}.',
                                id=t.id, threshold=t.threshold, direction=t.direction),
                              t.path + ("direction",),
                              hint=_("Leave out 'direction:' (the threshold gives it), or write {side}.", side=side))
            continue
        if not (t.baseline and t.target) or t.baseline.value is None or t.target.value is None or t.flow \
                or t.is_gap:
            continue  # a flow's value is an amount a year or a total, a gap target's a gap: not a level to compare
        base, goal = t.baseline.value, t.target.value
        if t.direction == "increase" and not goal > base:
            yield Finding(_('Target "{id}" should increase, but its target value {goal} is not above the baseline {base}.',
                            id=t.id, goal=format(goal, ".12g"), base=format(base, ".12g")), t.path + ("direction",))
        elif t.direction == "decrease" and not goal < base:
            yield Finding(_('Target "{id}" should decrease, but its target value {goal} is not below the baseline {base}.',
                            id=t.id, goal=format(goal, ".12g"), base=format(base, ".12g")), t.path + ("direction",))


@rule("maintain-level-changed", severity=Severity.WARNING,
      fix=_("Make the target value the level to keep (the baseline's), or write a floor or ceiling as 'threshold: at-least' or 'threshold: at-most'."))
def maintain_level_changed(s: Strategy) -> Iterator[Finding]:
    """A target to maintain keeps the level it starts from.

    The follow-up judges a maintained level by a tolerance band: the latest value must lie
    within ±2 % of the target value. A target that says *maintain* from a baseline of
    2 400 with a target value of 2 100 would accept the fall to 2 100 without a word. If
    2 100 is a floor that must not be crossed, say so with `threshold: at-least`.
    """
    from strategykit.analysis.method import MAINTAIN_TOLERANCE

    for g, t in s.targets():
        if t.direction != "maintain" or t.threshold is not None or not (t.baseline and t.target) or t.is_gap:
            continue
        base, level = t.baseline.value, t.target.value
        if base is None or level is None or abs(level - base) <= MAINTAIN_TOLERANCE * abs(base):
            continue
        share = abs(level - base) / abs(base) * 100 if base else float("inf")
        args = dict(id=t.id, level=format(level, ".12g"), share=format(share, ".3g"), base=format(base, ".12g"),
                    band=format(MAINTAIN_TOLERANCE * 100, ".3g"))
        message = (_('Target "{id}" says maintain, but its target value {level} lies {share} % below the baseline '
                     '{base}, outside the ±{band} % a maintained level may vary.', **args) if level < base else
                   _('Target "{id}" says maintain, but its target value {level} lies {share} % above the baseline '
                     '{base}, outside the ±{band} % a maintained level may vary.', **args))
        yield Finding(message, t.path + ("direction",))


def _written_values(t) -> Iterator[tuple]:
    """Each level a target states, with where it is written: the baseline, the target value and the
    milestones; a range's two ends each on their own (``low``, ``high``)."""
    for v in [t.baseline, t.target, *t.milestones]:
        if v is None:
            continue
        if getattr(v, "is_range", False):
            yield v, v.path + ("low",), v.low
            yield v, v.path + ("high",), v.high
        elif v.value is not None:
            yield v, v.path + ("value",), v.value


@rule("value-out-of-range", fix=_("A share in percent lies between 0 and 100; a count is never negative."))
def value_out_of_range(s: Strategy) -> Iterator[Finding]:
    """Values fit their indicator's unit: a percentage between 0 and 100, a count not below zero.

    A range's two ends (`low:` and `high:`) are values like any other: a percentage range
    from 60 to 170 is reported at its high end. The target and milestone values of a gap
    target (`comparator:`) are gaps, not levels: a gap between two percentages lies between
    −100 and 100, and any gap may be below zero (the region ahead of its comparator).
    """
    for g, t in s.targets():
        ind = s.indicator(t.indicator_id)
        if ind is None:
            continue
        for v, where, number in _written_values(t):
            if t.is_gap and v is not t.baseline:
                if ind.is_percent and not -100 <= number <= 100:
                    written = getattr(v, "written_value", True)
                    yield Finding(_("{value} is not a gap between two percentages (indicator '{id}' is in percent): "
                                    "such a gap lies between -100 and 100.", value=format(number, ".12g"), id=ind.id),
                                  where if written else v.path, key=not written)
                continue
            # A relative target (change: or factor:) has no written value: name the level it works out to.
            relative = None if getattr(v, "written_value", True) else (
                _("the level {change} % against {year}", change=format(v.change, "+.12g"), year=v.base_year)
                if v.change is not None
                else _("the level {factor} times the value of {year}", factor=format(v.factor, ".12g"), year=v.base_year))
            if relative is not None:
                where = v.path
            value = format(number, ".12g")
            if ind.is_percent and not 0 <= number <= 100:
                message = (_("{value} is not a percentage (indicator '{id}' is in percent).", value=value, id=ind.id)
                           if relative is None else
                           _("{value} ({relative}) is not a percentage (indicator '{id}' is in percent).",
                             value=value, relative=relative, id=ind.id))
                yield Finding(message, where, key=relative is not None)
            elif ind.unit.strip().lower() in ("count", "antal") and number < 0:
                message = (_("{value} is negative, but indicator '{id}' counts.", value=value, id=ind.id)
                           if relative is None else
                           _("{value} ({relative}) is negative, but indicator '{id}' counts.",
                             value=value, relative=relative, id=ind.id))
                yield Finding(message, where, key=relative is not None)


@rule("adopted-without-decision", fix=_("Add 'decision:' under strategy: edition: with the body and the case number."))
def adopted_without_decision(s: Strategy) -> Iterator[Finding]:
    """An adopted edition names the decision that adopted it.

    Readers and auditors must be able to trace the published text to the
    decision of the regional council.
    """
    if s.edition.status == "adopted" and not s.edition.decision:
        yield Finding(_("The edition is adopted but names no decision."), ("strategy", "edition"), key=True)


@rule("example-values-unmarked", severity=Severity.WARNING,
      fix=_("Say in 'strategy: notice:' that the edition contains illustrative values."))
def example_values_unmarked(s: Strategy) -> Iterator[Finding]:
    """An adopted edition with illustrative values carries a notice.

    Illustrative values are marked where they appear, but a reader of an adopted
    strategy should also be told on the cover that some figures are not statistics.
    """
    if s.edition.status == "adopted" and s.has_illustrative_values() and not s.notice:
        yield Finding(_("The adopted edition contains illustrative values but has no notice."),
                      ("strategy",), key=True)
