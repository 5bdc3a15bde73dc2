"""Rules on commitments (åtaganden) and their yearly assessments.

An assessment is a judgement, so what can be checked is its frame: that it is for a year of the
strategy's period, made no later than today and no earlier than the year it judges, and one per
year. The scale and the owners' kinds are fixed by the schema (goals.schema.json).
"""

from __future__ import annotations

import datetime as _dt
from typing import Iterator

from strategykit.diagnostics import Severity
from strategykit.model import Strategy
from strategykit.rules import Finding, rule
from strategykit.messages import _


def _date(text: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None  # not a date: the schema check has said so


@rule("assessment-in-future",
      fix=_("Give the date the assessment was made; an assessment still to come is added when it is made."))
def assessment_in_future(s: Strategy) -> Iterator[Finding]:
    """An assessment of a commitment is dated no later than today.

    An assessment says how a commitment stood when someone judged it; one dated in the
    future has not been made, and both editions would show it as if it had.
    """
    today = _dt.date.today()
    for _g, c in s.commitments():
        for a in c.assessments:
            when = _date(a.date)
            if when is not None and when > today:
                yield Finding(_("The assessment of commitment \"{id}\" for {year} is dated {date}, which is in the future.",
                                id=c.id, year=a.year, date=a.date), a.path + ("date",))


@rule("assessment-outside-period",
      fix=_("Assess the commitment for a year within the strategy's period (strategy: period:)."))
def assessment_outside_period(s: Strategy) -> Iterator[Finding]:
    """A commitment is assessed for years of the strategy's period.

    A commitment is part of this strategy; a year before its start or after its end
    belongs to another one.
    """
    if s.period_start is None or s.period_end is None:
        return
    for _g, c in s.commitments():
        for a in c.assessments:
            if a.year is not None and not s.period_start <= a.year <= s.period_end:
                yield Finding(_("The assessment of commitment \"{id}\" is for {year}, outside the strategy's period "
                                "{start}–{end}.", id=c.id, year=a.year, start=s.period_start, end=s.period_end),
                              a.path + ("year",))


@rule("assessment-year-twice",
      fix=_("Keep one assessment per year: merge the two, or correct the year of one of them."))
def assessment_year_twice(s: Strategy) -> Iterator[Finding]:
    """A commitment has one assessment per year.

    With two for the same year, the editions could not tell which one is the year's judgement.
    """
    for _g, c in s.commitments():
        seen: dict[int, tuple] = {}
        for a in c.assessments:
            if a.year is None:
                continue
            if a.year in seen:
                first = s.source.position(seen[a.year] + ("year",))
                yield Finding(_("Commitment \"{id}\" is assessed for {year} twice (first at line {line}).",
                                id=c.id, year=a.year, line=first.line), a.path + ("year",))
            else:
                seen[a.year] = a.path


@rule("assessment-before-its-year", severity=Severity.WARNING,
      fix=_("Check the year and the date: an assessment for a year is made during or after that year."))
def assessment_before_its_year(s: Strategy) -> Iterator[Finding]:
    """An assessment is made during or after the year it assesses.

    An assessment of 2025 dated in 2024 judges a year that has not yet begun; usually the
    year or the date is mistyped.
    """
    for _g, c in s.commitments():
        for a in c.assessments:
            when = _date(a.date)
            if when is not None and a.year is not None and when.year < a.year:
                yield Finding(_("The assessment of commitment \"{id}\" for {year} is dated {date}, before that year began.",
                                id=c.id, year=a.year, date=a.date), a.path + ("date",))
