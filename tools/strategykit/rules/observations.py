"""Rules on observed values: the data/<indicator-id>.csv files the follow-up is computed from.

A data file has a header row and one row per year and breakdown::

    year,value,breakdown,provenance,source,retrieved
    2018,270154,total,sourced,"SCB, BE0101A via Regionfakta",2025-01-15
    2018,133600,women,illustrative,,

schema/observations.schema.json describes a row, and source/observations.py checks
every row against it; the rules here name what it found (each column's problems under
one code) and add what a schema cannot say of one row. Every diagnostic points at
the line and column of the cell to fix.
"""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Position, Severity, closest
from strategykit.source.observations import HEADER, ROW
from strategykit.model import DATA_COLUMNS, DATA_FOLDER, Strategy, key_columns, row_breakdowns
from strategykit.rules import rule, Finding
from strategykit.messages import _


def _problems(s: Strategy, *columns: str) -> Iterator[Finding]:
    """What reading the data files against their schema found in ``columns`` (source/observations.py)."""
    for f in s.data_files:
        for p in f.problems:
            if p.column in columns:
                yield Finding(p.message, position=p.position, hint=p.hint)


@rule("data-unknown-indicator",
      fix=_("Name the file after an indicator id listed under 'indicators:' in goals.yaml, e.g. data/employment-rate.csv."))
def data_unknown_indicator(s: Strategy) -> Iterator[Finding]:
    """A data file's name is the id of an indicator.

    Observed values are matched to their indicator by the file name: the values in
    data/employment-rate.csv belong to the indicator `employment-rate`. A file whose
    name matches no indicator is followed up for nothing, usually after a typo or
    a renamed indicator.
    """
    known = [i.id for i in s.indicators]
    for f in s.data_files:
        if s.indicator(f.indicator_id) is None:
            close = closest(f.indicator_id, known)
            suggestion = f"{DATA_FOLDER}/{close}.csv" if close else ""
            hint = _("Did you mean {file}?", file=suggestion) if close else None
            yield Finding(_("'{file}' holds values for '{indicator_id}', which is not an indicator.",
                            file=f.file, indicator_id=f.indicator_id),
                          position=Position(f.file, 1, 1), hint=hint)


@rule("data-header",
      fix=_("Start the file with the header row: {columns}", columns=",".join(DATA_COLUMNS)))
def data_header(s: Strategy) -> Iterator[Finding]:
    """A data file starts with a header row naming its columns.

    The columns are `year`, `value`, `breakdown`, `provenance`, `source` and
    `retrieved` (schema/observations.schema.json). `year`, `value` and
    `provenance` are required; `breakdown` may be left out when every value is
    for the total. Each column appears once, and no other column is allowed, so
    that a misspelt `provenence` is caught instead of silently ignored.
    """
    yield from _problems(s, HEADER)


@rule("data-row-length", fix=_("Give the row one value per column of the header; leave a value empty, but keep its comma."))
def data_row_length(s: Strategy) -> Iterator[Finding]:
    """Every row has as many values as the header has columns.

    A missing or extra comma shifts every later value into the wrong column:
    a source would be read as a date, a value as a year. Since no one can tell which
    value belongs where, such a row gets this one diagnostic and no other: its cells
    are not checked one by one, and it is left out of the follow-up, of the breakdowns
    and of the search for repeated years until it is mended.
    """
    yield from _problems(s, ROW)


@rule("data-invalid-year", fix=_("Write the year with four digits, e.g. 2023."))
def data_invalid_year(s: Strategy) -> Iterator[Finding]:
    """Every row has a year: four digits, between 1900 and 2200."""
    yield from _problems(s, "year")


@rule("data-non-numeric-value",
      fix=_("Write the value as a plain number with a point for decimals, e.g. 79.5."))
def data_non_numeric_value(s: Strategy) -> Iterator[Finding]:
    """Every value is a number, written with a point for decimals and no spaces.

    A year without a value is left out of the file rather than written as an
    empty cell, a dash or "..": the follow-up then knows there is no value, instead
    of guessing what the placeholder meant.
    """
    yield from _problems(s, "value")


@rule("data-invalid-breakdown", fix=_("Write total, women or men, or leave the cell empty for the total."))
def data_invalid_breakdown(s: Strategy) -> Iterator[Finding]:
    """The breakdown says whose value it is: total, women or men.

    An empty breakdown means the total. Values for women and men are shown side by
    side in both editions (the perspective of equal and gender-equal inclusion
    asks for it).
    """
    yield from _problems(s, "breakdown")


@rule("data-duplicate-year", fix=_("Keep one row per year and breakdown; delete or correct the other."))
def data_duplicate_year(s: Strategy) -> Iterator[Finding]:
    """A year has one value per breakdown.

    Two values for the same year (and the same breakdown) contradict each other;
    the follow-up would have to guess which one is right. Only the first is used
    until the duplicate is removed.
    """
    known = s.dimensions()
    for f in s.data_files:
        first: dict[tuple[int, str], int] = {}
        own = key_columns(f.columns, known)
        for row in f.rows:
            year = row.record.get("year")
            if "year" in row.invalid or not isinstance(year, int):
                continue
            # Each dimension's values are breakdowns of their own (municipality:2480 …).
            keys = row_breakdowns(row, own) if own else [row.record.get("breakdown", "total")]
            breakdown = "+".join(keys) or "total"
            key = (year, breakdown)
            if key in first:
                part = "" if breakdown == "total" else f" ({breakdown})"
                yield Finding(_("{year}{part} already has a value on line {value}.",
                                year=year, part=part, value=first[key]),
                              position=row.at("year") or Position(f.file, row.line, 1))
            else:
                first[key] = row.line


@rule("data-value-out-of-range",
      fix=_("A share in percent lies between 0 and 100; a count is never negative. Check the value and the unit."))
def data_value_out_of_range(s: Strategy) -> Iterator[Finding]:
    """Observed values fit their indicator's unit: a percentage between 0 and 100, a count not below zero."""
    for f in s.data_files:
        ind = s.indicator(f.indicator_id)
        if ind is None:
            continue
        for row in f.rows:
            value = row.record.get("value")
            if "value" in row.invalid or not isinstance(value, (int, float)):
                continue
            where = row.at("value") or Position(f.file, row.line, 1)
            if ind.is_percent and not 0 <= value <= 100:
                yield Finding(_("{value} is not a percentage (indicator '{id}' is in percent).",
                                value=format(value, "g"), id=ind.id), position=where)
            elif ind.is_count and value < 0:
                yield Finding(_("{value} is negative, but indicator '{id}' counts.",
                                value=format(value, "g"), id=ind.id), position=where)


@rule("data-missing-provenance",
      fix=_("Write 'sourced' with the source and the date it was read (YYYY-MM-DD), or 'illustrative' with both left empty."))
def data_missing_provenance(s: Strategy) -> Iterator[Finding]:
    """Every observed value says where it comes from.

    A value read from a source is `sourced`, names the source (e.g. "Kolada, KPI
    N00914") and the date it was read (`retrieved`, YYYY-MM-DD). A value that is
    not a statistic — an example, an estimate — is `illustrative` and cites
    nothing; both editions then mark it, so that no reader takes an invented
    figure for a statistic.
    """
    yield from _problems(s, "provenance", "source", "retrieved")


def _same_value(a: float, b: float, decimals: int | None) -> bool:
    """Equal as the editions show them: to the indicator's decimals, when it has them."""
    if decimals is not None and decimals >= 0:
        return abs(a - b) <= 0.5 * 10 ** -decimals + 1e-9
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


@rule("baseline-differs-from-data", severity=Severity.WARNING,
      fix=_("Make the baseline in goals.yaml and the value in the data file the same: one of them is out of date or mistyped."))
def baseline_differs_from_data(s: Strategy) -> Iterator[Finding]:
    """A target's baseline agrees with the data file's value for the same year and breakdown.

    The follow-up draws the indicator's line from data/<indicator>.csv and the
    target's starting point from goals.yaml; when the two disagree, the editions
    show two different values for the same year. Values are compared to the
    indicator's `decimals:` when it has them.
    """
    decimal_comma: set[tuple] | None = None
    for g, t in s.targets():
        b = t.baseline
        if b is None or b.year is None or b.value is None:
            continue
        observed = next((o for o in s.series(t.indicator_id, t.breakdown) if o.year == b.year), None)
        if observed is None or observed.value is None:
            continue
        ind = s.indicator(t.indicator_id)
        if _same_value(b.value, observed.value, ind.decimals if ind else None):
            continue
        if decimal_comma is None:  # 'value: 45,3' in a flow mapping: the schema check has reported it
            decimal_comma = {k[:-1] for k in s.source.keys if isinstance(k[-1], str) and k[-1].isdigit()}
        if b.path in decimal_comma:
            continue
        part = "" if t.breakdown == "total" else f" ({t.breakdown})"
        where = observed.position or Position(f"{DATA_FOLDER}/{t.indicator_id}.csv")
        on = _(" on line {line}", line=where.line) if where.line else ""
        yield Finding(_('The baseline of target "{id}" is {value} for {year}{part}, but {file} has {value2}{on}.',
                        id=t.id, value=format(b.value, ".12g"), year=b.year, part=part, file=where.file, value2=format(observed.value, ".12g"), on=on), b.path + ("value",))
