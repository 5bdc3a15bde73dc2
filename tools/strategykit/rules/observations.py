"""Rules on observed values: the data/<indicator-id>.csv files the follow-up is computed from.

A data file has a header row and one row per year and breakdown::

    year,value,breakdown,provenance,source,retrieved
    2018,270154,total,sourced,"SCB, BE0101A via Regionfakta",2025-01-15
    2018,133600,women,illustrative,,

schema/observations.schema.json describes a row. Every diagnostic points at the
line and column of the cell to fix.
"""

from __future__ import annotations

import re
from typing import Iterator

from strategykit.diagnostics import Position, Severity
from strategykit.source.load import CsvCell, CsvRow, CsvTable
from strategykit.model import (BREAKDOWNS, DATA_COLUMNS, DATA_FOLDER, DataFile, PROVENANCES, REQUIRED_COLUMNS, Strategy, dimension_columns, parse_number, parse_year, row_breakdowns)
from strategykit.rules import rule, Finding
from strategykit.messages import _

_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def _at(file: str, cell: CsvCell | None, row: CsvRow | None = None) -> Position:
    if cell is not None:
        return Position(file, cell.line, cell.column)
    return Position(file, row.line if row else 1, 1)


def _text(table: CsvTable, row: CsvRow, name: str) -> str:
    cell = table.cell(row, name)
    return cell.text.strip() if cell else ""


def _readable(f: DataFile) -> bool:
    """Rows are only checked one by one when the header names the columns that carry meaning."""
    columns = f.table.columns
    return "year" in columns and "value" in columns


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
            import difflib  # not at the top: a clean check never needs it
            close = difflib.get_close_matches(f.indicator_id, known, n=1, cutoff=0.6)
            suggestion = f"{DATA_FOLDER}/{close[0]}.csv" if close else ""
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
    that a misspelt `provenence` is caught instead of silently ignored. Besides them, a column
    named after a dimension (`municipality`, `age`, …) holds the values of an indicator broken
    down by it.
    """
    dimensions = s.dimensions()
    for f in s.data_files:
        seen: dict[str, CsvCell] = {}
        for cell in f.table.header:
            name = cell.text.strip().lower()
            if name in seen:
                yield Finding(_("The column '{name}' appears twice in the header (first at column {column}).",
                                name=name, column=seen[name].column), position=_at(f.file, cell))
            elif name not in DATA_COLUMNS and (name not in dimensions or name == "gender"):
                import difflib  # not at the top: a clean check never needs it
                close = difflib.get_close_matches(name, DATA_COLUMNS, n=1, cutoff=0.6)
                yield Finding(_("'{value}' is not a column of a data file.",
                                value=cell.text.strip()), position=_at(f.file, cell),
                              hint=_("Did you mean '{close}'? The columns are: {columns}.", close=close[0],
                                     columns=", ".join(DATA_COLUMNS)) if close else
                              _("The columns are: {columns}.", columns=", ".join(DATA_COLUMNS)))
            seen.setdefault(name, cell)
        for name in REQUIRED_COLUMNS:
            if name not in seen:
                yield Finding(_("The header has no '{name}' column.",
                                name=name), position=Position(f.file, f.table.header[0].line
                                                                                       if f.table.header else 1, 1))


@rule("data-row-length", fix=_("Give the row one value per column of the header; leave a value empty, but keep its comma."))
def data_row_length(s: Strategy) -> Iterator[Finding]:
    """Every row has as many values as the header has columns.

    A missing or extra comma shifts every later value into the wrong column:
    a source would be read as a date, a value as a year.
    """
    for f in s.data_files:
        width = len(f.table.header)
        for row in f.table.rows:
            if len(row.cells) != width:
                where = row.cells[width] if len(row.cells) > width else row.cells[-1]
                yield Finding(_("The row has {value} values, but the header has {width} columns.",
                                value=len(row.cells), width=width),
                              position=_at(f.file, where, row))


@rule("data-invalid-year", fix=_("Write the year with four digits, e.g. 2023."))
def data_invalid_year(s: Strategy) -> Iterator[Finding]:
    """Every row has a year: four digits, between 1900 and 2200."""
    for f in s.data_files:
        if not _readable(f):
            continue
        for row in f.table.rows:
            cell = f.table.cell(row, "year")
            if parse_year(cell.text if cell else None) is None:
                shown = cell.text.strip() if cell else ""
                yield Finding(_("'{shown}' is not a year.", shown=shown) if shown else _("The row has no year."),
                              position=_at(f.file, cell, row))


def _number_hint(text: str) -> str | None:
    if re.fullmatch(r"[+-]?\d+,\d+", text):
        return _("Use a point for decimals: {number} (and quote nothing).", number=text.replace(',', '.'))
    if re.fullmatch(r"[+-]?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?", text):
        plain = re.sub(r"[ \u00a0\u202f]", "", text).replace(",", ".")
        return _("Write the number without spaces: {plain}.", plain=plain)
    if text.endswith("%"):
        return _("Leave out the % sign; the indicator's unit says that the value is a percentage.")
    if text.lower() in ("nan", "inf", "-inf", "..", "-", "–"):
        return _("Leave a year without a value out of the file instead of writing a placeholder.")
    return None


@rule("data-non-numeric-value",
      fix=_("Write the value as a plain number with a point for decimals, e.g. 79.5."))
def data_non_numeric_value(s: Strategy) -> Iterator[Finding]:
    """Every value is a number, written with a point for decimals and no spaces.

    A year without a value is left out of the file rather than written as an
    empty cell, a dash or "..": the follow-up then knows there is no value, instead
    of guessing what the placeholder meant.
    """
    for f in s.data_files:
        if not _readable(f):
            continue
        for row in f.table.rows:
            cell = f.table.cell(row, "value")
            text = cell.text.strip() if cell else ""
            if parse_number(text) is None:
                yield Finding(_("'{text}' is not a number.", text=text) if text else _("The row has no value."),
                              position=_at(f.file, cell, row), hint=_number_hint(text))


@rule("data-invalid-breakdown", fix=_("Write total, women or men, or leave the cell empty for the total."))
def data_invalid_breakdown(s: Strategy) -> Iterator[Finding]:
    """The breakdown says whose value it is: total, women or men.

    An empty breakdown means the total. Values for women and men are shown side by
    side in both editions (the perspective of equal and gender-equal inclusion
    asks for it). Other dimensions (municipality, age …) have columns of their own.
    """
    for f in s.data_files:
        if "breakdown" not in f.table.columns:
            continue
        for row in f.table.rows:
            cell = f.table.cell(row, "breakdown")
            text = cell.text.strip() if cell else ""
            if text and text.lower() not in BREAKDOWNS:
                import difflib  # not at the top: a clean check never needs it
                close = difflib.get_close_matches(text.lower(), BREAKDOWNS, n=1, cutoff=0.5)
                yield Finding(_("'{text}' is not a breakdown.", text=text), position=_at(f.file, cell, row),
                              hint=_("Did you mean '{close}'? Allowed: {options}.", close=close[0],
                                     options=", ".join(BREAKDOWNS)) if close else
                              _("Allowed: {options}. A value per municipality, age band or other dimension goes "
                                "in a column of its own, named after the dimension (e.g. municipality, with the "
                                "code 2480).", options=", ".join(BREAKDOWNS)))


@rule("data-duplicate-year", fix=_("Keep one row per year and breakdown; delete or correct the other."))
def data_duplicate_year(s: Strategy) -> Iterator[Finding]:
    """A year has one value per breakdown.

    Two values for the same year (and the same breakdown) contradict each other;
    the follow-up would have to guess which one is right. Only the first is used
    until the duplicate is removed.
    """
    for f in s.data_files:
        if not _readable(f):
            continue
        first: dict[tuple[int, str], int] = {}
        columns = dimension_columns(f.table, s.dimensions())
        for row in f.table.rows:
            year = parse_year(_text(f.table, row, "year"))
            keys = (row_breakdowns(f.table, row, columns) or ["total"]) if columns else \
                [_text(f.table, row, "breakdown").lower() or "total"]
            breakdown = ", ".join(keys)
            if year is None:
                continue
            key = (year, breakdown)
            if key in first:
                part = "" if breakdown == "total" else f" ({breakdown})"
                yield Finding(_("{year}{part} already has a value on line {value}.",
                                year=year, part=part, value=first[key]),
                              position=_at(f.file, f.table.cell(row, "year"), row))
            else:
                first[key] = row.line


@rule("data-value-out-of-range",
      fix=_("A share in percent lies between 0 and 100; a count is never negative. Check the value and the unit."))
def data_value_out_of_range(s: Strategy) -> Iterator[Finding]:
    """Observed values fit their indicator's unit: a percentage between 0 and 100, a count not below zero."""
    for f in s.data_files:
        ind = s.indicator(f.indicator_id)
        if ind is None or not _readable(f):
            continue
        for row in f.table.rows:
            cell = f.table.cell(row, "value")
            value = parse_number(cell.text if cell else None)
            if value is None:
                continue
            if ind.is_percent and not 0 <= value <= 100:
                yield Finding(_("{value} is not a percentage (indicator '{id}' is in percent).",
                                value=format(value, "g"), id=ind.id),
                              position=_at(f.file, cell, row))
            elif ind.is_count and value < 0:
                yield Finding(_("{value} is negative, but indicator '{id}' counts.",
                                value=format(value, "g"), id=ind.id),
                              position=_at(f.file, cell, row))


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
    for f in s.data_files:
        if not _readable(f) or "provenance" not in f.table.columns:
            continue  # data-header reports the missing column once
        for row in f.table.rows:
            cell = f.table.cell(row, "provenance")
            kind = cell.text.strip().lower() if cell else ""
            source, retrieved = _text(f.table, row, "source"), _text(f.table, row, "retrieved")
            if not kind:
                yield Finding(_("The value does not say where it comes from."), position=_at(f.file, cell, row))
            elif kind not in PROVENANCES:
                yield Finding(_("'{value}' is not a provenance.",
                                value=cell.text.strip()), position=_at(f.file, cell, row),
                              hint=_("Allowed: {options}.", options=", ".join(PROVENANCES)))
            elif kind == "illustrative" and (source or retrieved):
                yield Finding(_("The value is marked illustrative but also cites a source."),
                              position=_at(f.file, f.table.cell(row, "source" if source else "retrieved"), row),
                              hint=_("Keep the source and the date for a sourced value, or mark it illustrative; not both."))
            elif kind == "sourced" and not source:
                yield Finding(_("The value is marked sourced but names no source."),
                              position=_at(f.file, f.table.cell(row, "source") or cell, row))
            elif kind == "sourced" and not retrieved:
                yield Finding(_("The value is marked sourced but does not say when it was read."),
                              position=_at(f.file, f.table.cell(row, "retrieved") or cell, row),
                              hint=_("Add the date in the 'retrieved' column: YYYY-MM-DD."))
            elif kind == "sourced" and not _DATE.match(retrieved):
                yield Finding(_("'{retrieved}' is not a date in the form YYYY-MM-DD.", retrieved=retrieved),
                              position=_at(f.file, f.table.cell(row, "retrieved"), row))


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
