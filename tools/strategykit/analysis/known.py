"""What was known at a date, and which years have a follow-up of their own.

A strategy edition is a document of its date: "Förslag till beslut 2020-05-12" cannot show
values observed in 2024. An observed value counts as known at an edition's date when

- the period it covers had ended before the edition's year began (a yearly statistic for 2019
  is published in 2020 at the earliest, so an edition dated 2020-05-12 may show 2019 and earlier,
  never 2020): ``year < date.year``; and
- when it was retrieved from a source on a known day, that day is not after the edition's date:
  a row fetched later is what the editors of a later document saw, even if the statistic is old.

Illustrative values have no retrieval date; only the first condition applies to them. The
baselines, milestones and target values in goals.yaml are the edition's own text and are kept.

The yearly follow-up (förordning 2017:583) is a publication of its own, made from the values
and assessments known today. It covers the measurable targets and the commitments alike, so a
year gets one, from the strategy's start year on, when it has at least one observed value or at
least one commitment assessed for it on the scale: a strategy followed up by judgement alone, or
a year in which only the commitments were assessed, is followed up too.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt

from strategykit.model import COMMITMENT_STATUSES, Observation, Strategy


def known_at_date(o: Observation, day: _dt.date) -> bool:
    """Whether an edition dated ``day`` could show ``o`` (see the module's rule)."""
    if o.year is None or o.year >= day.year:
        return False
    retrieved = o.provenance.retrieved
    if retrieved:
        try:
            return _dt.date.fromisoformat(retrieved) <= day
        except ValueError:
            return False  # a date the check reports; an edition shows no value it cannot date
    return True


def assessed_at_date(a: Assessment, day: _dt.date) -> bool:
    """Whether an edition dated ``day`` could show the assessment ``a``: the same rule as for an observed
    value, with the day the assessment was made as its retrieval date. A judgement of 2025 is not in a
    document of 2020."""
    if a.year is None or a.year >= day.year:
        return False
    if a.date:
        try:
            return _dt.date.fromisoformat(a.date) <= day
        except ValueError:
            return False  # a date the check reports; an edition shows no judgement it cannot date
    return True


def _assessed_at(strategy: Strategy, day: _dt.date) -> tuple[Priority, ...] | None:
    """The priorities with only the assessments known at ``day``, or None when every one was."""
    if all(assessed_at_date(a, day) for _, c in strategy.commitments() for a in c.assessments):
        return None
    return tuple(dataclasses.replace(p, goals=tuple(
        dataclasses.replace(g, commitments=tuple(
            dataclasses.replace(c, assessments=tuple(a for a in c.assessments if assessed_at_date(a, day)))
            for c in g.commitments)) if g.commitments else g
        for g in p.goals)) for p in strategy.priorities)


def known_at(strategy: Strategy, day: _dt.date) -> Strategy:
    """``strategy`` with only the observed values and commitment assessments known at ``day``; everything
    else unchanged."""
    kept = {ind: tuple(o for o in series if known_at_date(o, day))
            for ind, series in strategy.observations.items()}
    priorities = _assessed_at(strategy, day)
    if priorities is None and all(len(kept[ind]) == len(series) for ind, series in strategy.observations.items()):
        return strategy
    return dataclasses.replace(strategy, observations=kept,
                               **({"priorities": priorities} if priorities is not None else {}))


def followup_years(strategy: Strategy) -> tuple[int, ...]:
    """The years that get a follow-up publication, oldest first: from the strategy's start year
    (or, without one, from the earliest) on, each year that has an observed value or a
    commitment's assessment with a status on the scale."""
    years = {o.year for series in strategy.observations.values() for o in series
             if o.year is not None and o.value is not None}
    years |= {a.year for _goal, c in strategy.commitments() for a in c.assessments
              if a.year is not None and a.status in COMMITMENT_STATUSES}
    start = strategy.period_start
    return tuple(sorted(y for y in years if start is None or y >= start))
