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
      fix=_("Write the value one way: 'value:', or 'change:' (percent) with 'base_year:', or 'factor:' with 'base_year:'."))
def goal_value_conflict(s: Strategy) -> Iterator[Finding]:
    """A target or milestone value is written one way only.

    `value: 375000` gives the level; `change: -75, base_year: 1990` gives it as a change
    in percent against the value of 1990; `factor: 2, base_year: 2017` as a multiple
    ("doubled against 2017"). Two of them at once could disagree, and none at all leaves
    nothing to reach (for a target value, `target-without-value` says so).
    """
    for g, t in s.targets():
        for v, what in _values(t):
            raw = s.source.keys
            written = [k for k in ("value", "change", "factor") if v.path + (k,) in raw]
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
