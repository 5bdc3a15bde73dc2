"""Rules on how a target or milestone value is written: a value, or a change or factor against a base year."""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Severity
from strategykit.model import GoalValue, Strategy, Target
from strategykit.rules import Finding, rule
from strategykit.messages import _


def _values(t: Target) -> Iterator[tuple[GoalValue, str]]:
    """Each value with its name in a message: 'The target value 2030', 'The milestone 2025'."""
    if t.target is not None:
        yield t.target, (_("The target value {year}", year=t.target.year) if t.target.year is not None
                         else _("The target value"))
    for m in t.milestones:
        yield m, _("The milestone {year}", year=m.year) if m.year is not None else _("The milestone")


@rule("goal-value-conflict",
      fix=_("Write the value one way: 'value:', or 'change:' (percent) with 'base_year:', or 'factor:' with 'base_year:', or 'low:' and 'high:' for a range."))
def goal_value_conflict(s: Strategy) -> Iterator[Finding]:
    """A target or milestone value is written one way only.

    `value: 375000` gives the level; `change: -75, base_year: 1990` gives it as a change
    in percent against the value of 1990; `factor: 2, base_year: 2017` as a multiple
    ("doubled against 2017"); `low: 60, high: 70` as a range. Two of them at once could disagree, and none at all leaves
    nothing to reach (for a target value, `target-without-value` says so).
    """
    for g, t in s.targets():
        for v, what in _values(t):
            raw = s.source.keys
            written = [k for k in ("value", "change", "factor", "low") if v.path + (k,) in raw]
            if len(written) > 1:
                ways = (_("'{first}' and as '{second}'", first=written[0], second=written[1]) if len(written) == 2
                        else _("'{first}', as '{second}' and as '{third}'", first=written[0], second=written[1],
                               third=written[2]))
                yield Finding(_('{what} of target "{id}" is written both as {ways}.', what=what, id=t.id,
                                ways=ways), v.path, key=True)
            elif not written and v is not t.target:
                yield Finding(_('{what} of target "{id}" has no value.', what=what, id=t.id), v.path,
                              hint=_("Add 'value:', or 'change:' or 'factor:' with 'base_year:'."))


@rule("relative-target-without-base-value", severity=Severity.WARNING,
      fix=_("Give the target a baseline for the base year, or add the base year's value to the indicator's data file."))
def relative_target_without_base_value(s: Strategy) -> Iterator[Finding]:
    """A value written against a base year can be turned into a level: the base year's value is known.

    "−75 % against 1990" is a level only when the 1990 value is known: from the target's
    baseline when it is for 1990, otherwise from the row for 1990 in `data/<indicator>.csv`
    (the target's breakdown). Without it the editions show the relative wording alone and
    the follow-up cannot assess the target.
    """
    for g, t in s.targets():
        for v, what in _values(t):
            if v.relative and v.base_year is not None and v.base_value is None:
                yield Finding(_('{what} of target "{id}" is relative to {year}, but no value for {year} is known.',
                                what=what, id=t.id, year=v.base_year), v.path + ("base_year",))


@rule("range-inverted",
      fix=_("Write the lower end of the range as 'low:' and the upper end as 'high:'."))
def range_inverted(s: Strategy) -> Iterator[Finding]:
    """A range ("between 60 and 70 % by 2030") has its lower end first.

    A target or milestone value written as `low:` and `high:` is reached when the value
    lies between them. With `low` above `high` no value can ever lie inside, so the
    target could never be met.
    """
    for g, t in s.targets():
        for v, what in _values(t):
            if v.is_range and v.low > v.high:
                yield Finding(_('{what} of target "{id}" is a range from {low} to {high}: its low end is above its '
                                'high end.', what=what, id=t.id, low=format(v.low, ".12g"),
                                high=format(v.high, ".12g")), v.path + ("low",))


@rule("flow-period-invalid",
      fix=_("Give the target value 'from_year:' (the period's first year) and 'year:' (its last), in that order."))
def flow_period_invalid(s: Strategy) -> Iterator[Finding]:
    """A flow over a period names the period, first year first.

    `flow: yearly` ("at least 5 000 homes a year 2017–2023") and `flow: cumulative`
    ("20 000 new homes 2020–2030") are assessed over the years from the target value's
    `from_year` to its `year`. Without `from_year` there is no period; with it after
    `year` the period is empty. A `from_year` on a target without `flow:` would be
    ignored, so it is reported too.
    """
    for g, t in s.targets():
        v = t.target
        if v is None:
            continue
        if t.flow is None:
            if v.from_year is not None:
                yield Finding(_('The target value of target "{id}" has a first year ({year}), but the target has no '
                                "'flow:'.", id=t.id, year=v.from_year), v.path + ("from_year",),
                              hint=_("Add 'flow: yearly' or 'flow: cumulative' to the target, or remove 'from_year:'."))
        elif v.from_year is None:
            yield Finding(_('Target "{id}" is a flow over a period, but its target value has no first year.', id=t.id),
                          v.path, key=True)
        elif v.year is not None and v.from_year > v.year:
            yield Finding(_('The period of target "{id}" runs from {first} to {last}: it ends before it starts.',
                            id=t.id, first=v.from_year, last=v.year), v.path + ("from_year",))


@rule("target-form-mismatch",
      fix=_("Write 'range:' only for a value with 'low:' and 'high:', and a flow with a single 'value:'."))
def target_form_mismatch(s: Strategy) -> Iterator[Finding]:
    """A target's form agrees with how its value is written.

    `range: reach` or `range: stay` says how a range (`low:` and `high:`) is assessed, and
    means nothing for a single value. A flow over a period (`flow:`) is an amount a year or
    a total: one `value:`, not a range. A range is a pair of bounds already, so it takes no
    `threshold:`.
    """
    for g, t in s.targets():
        v = t.target
        is_range = v is not None and v.is_range
        if t.range is not None and not is_range:
            yield Finding(_('Target "{id}" says range: {form}, but its target value is not a range.', id=t.id,
                            form=t.range), t.path + ("range",),
                          hint=_("Write the target value as 'low:' and 'high:', or remove 'range:'."))
        if is_range and t.flow is not None:
            yield Finding(_('Target "{id}" is a flow over a period, but its target value is a range.', id=t.id),
                          t.path + ("flow",))
        if is_range and t.threshold is not None:
            yield Finding(_('Target "{id}" is a range, but also has a threshold ({threshold}).', id=t.id,
                            threshold=t.threshold), t.path + ("threshold",),
                          hint=_("Remove 'threshold:': the range's ends are its bounds."))


def _gap_targets(s: Strategy) -> Iterator[tuple[Target, "object"]]:
    for g, t in s.targets():
        if t.comparator is not None:
            yield t, t.comparator


@rule("comparator-without-data", severity=Severity.WARNING,
      fix=_("Add the comparator's values to the indicator's data file: rows with its id in the column "
            "'comparator', e.g. 2019,81.2,,riket,sourced,…"))
def comparator_without_data(s: Strategy) -> Iterator[Finding]:
    """A gap target's comparator has values in its indicator's data file.

    `comparator: {name: Riket, series: riket}` compares the region with the rows of
    `data/<indicator>.csv` that have `riket` in the column `comparator`; a target set for
    one breakdown, with the comparator's rows of that breakdown (`women` in the column
    `breakdown` beside `riket`). Without them there is no gap to measure: the follow-up
    cannot assess the target and neither edition can draw the comparator beside the region.
    """
    for t, c in _gap_targets(s):
        if not c.series:
            continue  # the schema says what is wrong with it
        ind = s.indicator(t.indicator_id)
        if ind is None:
            yield Finding(_('Target "{id}" is compared with {name}, but has no indicator whose data holds its values.',
                            id=t.id, name=c.name or c.series), c.path, key=True,
                          hint=_("Give the target an indicator ('indicator:')."))
        elif not s.series(ind.id, t.comparator_key) and t.breakdown in ("total", ""):
            yield Finding(_("Target \"{id}\" is compared with {name}, but data/{indicator}.csv has no rows with "
                            "'{series}' in the column 'comparator'.", id=t.id, name=c.name or c.series,
                            indicator=ind.id, series=c.series), c.path + ("series",))
        elif not s.series(ind.id, t.comparator_key):
            yield Finding(_("Target \"{id}\" is set for one breakdown ({breakdown}) and compared with {name}, but "
                            "data/{indicator}.csv has no rows of {name} for that breakdown: rows with '{series}' in "
                            "the column 'comparator' and the breakdown's value in its own column.", id=t.id,
                            breakdown=t.breakdown, name=c.name or c.series, indicator=ind.id, series=c.series),
                          c.path + ("series",),
                          hint=_("A part of the region is compared with the same part of {name}: add {name}'s rows "
                                 "for {breakdown} (e.g. 2019,81.2,women,{series},… for women), or leave out "
                                 "'breakdown:' to compare the totals.", name=c.name or c.series,
                                 breakdown=t.breakdown, series=c.series))


@rule("comparator-baseline-missing", severity=Severity.WARNING,
      fix=_("Add the comparator's value for the baseline year to the indicator's data file, or choose a baseline "
            "year for which it has one."))
def comparator_baseline_missing(s: Strategy) -> Iterator[Finding]:
    """A gap target's comparator has a value for the baseline year.

    The baseline gap is the region's baseline against the comparator's value of the same
    year. Without that value the gap the target starts from is unknown, and the target
    cannot be assessed (its status stays 'no data').
    """
    for t, c in _gap_targets(s):
        b = t.baseline
        others = s.series(t.indicator_id, t.comparator_key)
        if b is None or b.year is None or not others or any(o.year == b.year for o in others):
            continue
        years = ", ".join(str(o.year) for o in others)
        yield Finding(_('The baseline of target "{id}" is for {year}, but {name} has no value for {year} '
                        "(it has values for {years}).", id=t.id, year=b.year, name=c.name or c.series, years=years),
                      b.path + ("year",))


@rule("gap-target-form",
      fix=_("Give a gap target 'direction: increase' (the region is to catch up from below) or 'direction: decrease' "
            "(from above), and a gap as its value: no threshold, range or flow."))
def gap_target_form(s: Strategy) -> Iterator[Finding]:
    """A gap target says which way the region is to catch up, and its value is a gap.

    The gap is how far the region is behind its comparator in the wanted direction:
    `direction: increase` when the region is to rise towards (or past) the comparator,
    `decrease` when it is to fall towards it. A level to maintain has no gap to close,
    and a threshold, a range or a flow is a form of its own that a gap cannot take. A
    target set for one breakdown (`breakdown: women`) is compared with the comparator's
    rows of the same breakdown (`women` and `riket`: the women of the nation).
    """
    for t, c in _gap_targets(s):
        if t.direction == "maintain":
            yield Finding(_('Target "{id}" is a gap against {name}, but its direction is maintain.', id=t.id,
                            name=c.name or c.series), t.path + ("direction",))
        for key, form in (("threshold", t.threshold), ("range", t.range), ("flow", t.flow)):
            if form is not None:
                yield Finding(_('Target "{id}" is a gap against {name}, but also has \'{key}: {form}\'.', id=t.id,
                                name=c.name or c.series, key=key, form=form), t.path + (key,))
        if t.target is not None and t.target.is_range:
            yield Finding(_('Target "{id}" is a gap against {name}, but its target value is a range.', id=t.id,
                            name=c.name or c.series), t.target.path + ("low",))


@rule("gap-already-closed", severity=Severity.WARNING,
      fix=_("Check the direction: 'increase' when the region is to catch up from below the comparator, "
            "'decrease' from above."))
def gap_already_closed(s: Strategy) -> Iterator[Finding]:
    """A gap target's direction agrees with where the region starts.

    "Close the gap with the national average" presumes the region is behind it. With
    `direction: increase` and a baseline already above the comparator (or `decrease` and
    one below it) there is no gap to close: the direction is probably the wrong way round,
    or the target is not a gap target.
    """
    from strategykit.model import gap

    for t, c in _gap_targets(s):
        b = t.baseline
        if b is None or b.year is None or b.value is None or t.direction not in ("increase", "decrease"):
            continue
        theirs = next((o.value for o in s.series(t.indicator_id, t.comparator_key) if o.year == b.year), None)
        g = gap(t.direction, b.value, theirs)
        if g is not None and g <= 0:
            args = dict(id=t.id, name=c.name or c.series, year=b.year, value=format(b.value, ".12g"),
                        other=format(theirs, ".12g"))
            yield Finding(_('Target "{id}" should increase to close a gap, but in {year} the region ({value}) is not '
                            "below {name} ({other}).", **args) if t.direction == "increase" else
                          _('Target "{id}" should decrease to close a gap, but in {year} the region ({value}) is not '
                            "above {name} ({other}).", **args), t.path + ("direction",))
