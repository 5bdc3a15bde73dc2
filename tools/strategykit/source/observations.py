"""The rows of data/<indicator-id>.csv, each read as the record schema/observations.schema.json describes and checked by it.

``load.parse_csv`` gives text cells with their positions. Here each row becomes the record
the schema describes — the year read as a whole number, the value as a number, an empty
cell left out — and the schema decides whether the row is valid: the validator generated
from it (``validators/observations.py``) accepts a clean row at once, and only a rejected
row goes on to jsonschema, whose errors are said in plain words at the cell to fix.

The columns, breakdowns and provenances are the schema's, read from it. What a schema
cannot say about a single row — a column twice in the header, a row with more values than
the header has columns, the same year twice, a value outside its indicator's unit — is
left to rules/observations.py.
"""

from __future__ import annotations

import math
import re
from types import MappingProxyType
from typing import Any, Iterable, Iterator, Mapping

from strategykit.diagnostics import Position, closest
from strategykit.messages import _
from strategykit.source.load import CsvCell, CsvTable
from strategykit.source.schema import load_schema
from strategykit.source.validators.observations import is_valid as _row_is_valid
from strategykit.speed import value

SCHEMA = "observations.schema.json"
_SCHEMA = load_schema(SCHEMA)
_PROPERTIES: dict[str, dict] = _SCHEMA["properties"]

DATA_COLUMNS: tuple[str, ...] = tuple(_PROPERTIES)
"""The columns of a data file, in the order they are written."""
REQUIRED_COLUMNS: tuple[str, ...] = tuple(_SCHEMA["required"])
BREAKDOWNS: tuple[str, ...] = tuple(_PROPERTIES["breakdown"]["enum"])
PROVENANCES: tuple[str, ...] = tuple(_PROPERTIES["provenance"]["enum"])

HEADER = "header"
"""The ``column`` of a problem with the header row."""
ROW = "row"
"""The ``column`` of a problem with a row as a whole (its number of values)."""

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_WHOLE = re.compile(r"[+-]?\d+")
_NONE: frozenset[str] = frozenset()
_LOWER_CASE = ("breakdown", "provenance")
"""Columns whose words are read in any case ('Women' is women), as the follow-up always has."""


@value
class DataRow:
    """One row: its cells by column, the record the schema checked, and the columns it found wrong."""

    file: str
    line: int
    cells: Mapping[str, CsvCell]
    """The cells as written (spaces kept), with the line and column each starts at."""
    record: Mapping[str, Any]
    invalid: frozenset[str] = frozenset()
    ragged: bool = False
    """True when the row has fewer or more values than the header has columns: which value belongs to
    which column is then unknown, so the row is reported once (``ROW``), its cells are not checked one
    by one, and it is left out of the follow-up and of the rules on breakdowns (every column ``invalid``)."""

    def text(self, column: str) -> str:
        cell = self.cells.get(column)
        return cell.text.strip() if cell else ""

    def at(self, column: str) -> Position | None:
        cell = self.cells.get(column)
        return Position(self.file, cell.line, cell.column) if cell else None


@value
class RowProblem:
    """Something wrong in a data file: in which column (or ``HEADER``, ``ROW``), where, what, and how to fix it."""

    column: str
    position: Position
    message: str
    hint: str | None = None


@value
class DataReading:
    """A data file as read: its header's column names, its rows, and what is wrong with them."""

    columns: tuple[str, ...]
    rows: tuple[DataRow, ...]
    problems: tuple[RowProblem, ...]


def read_number(text: str) -> float | None:
    """A number as a data file writes it (a point for decimals, no spaces), or None."""
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def _typed(column: str, text: str) -> Any:
    """The cell's text as the schema's type for the column; text that is not of that type stays text."""
    if column == "year" and _WHOLE.fullmatch(text):
        return int(text)
    if column == "value":
        number = read_number(text)
        return text if number is None else number
    return text.lower() if column in _LOWER_CASE else text


def read_rows(table: CsvTable, dimensions: Iterable[str] = ()) -> DataReading:
    """Every row of ``table`` as a record, checked against the schema; the header checked against its columns.

    ``dimensions``: the dimensions (other than gender, which is the ``breakdown`` column) that may
    have a column of their own — the schema's ``additionalProperties``."""
    extra = frozenset(dimensions) - {"gender"} - set(_PROPERTIES)
    index: dict[str, int] = {}
    for i, cell in enumerate(table.header):
        index.setdefault(cell.text.strip().lower(), i)
    known = {name: i for name, i in index.items() if name in _PROPERTIES or name in extra}
    problems = list(_header_problems(table, extra))
    readable = "year" in index and "value" in index  # without them, no row means anything
    rows = []
    columns = set(known)
    width = len(table.header)
    for row in table.rows:
        start = Position(table.file, row.line, 1)
        cells = {name: row.cells[i] for name, i in known.items() if i < len(row.cells)}
        if len(row.cells) != width:
            where = row.cells[width] if len(row.cells) > width else row.cells[-1]
            problems.append(RowProblem(ROW, Position(table.file, where.line, where.column),
                                       _("The row has {value} values, but the header has {width} columns.",
                                         value=len(row.cells), width=width)))
            # The values may sit in the wrong columns: one diagnostic for the row, none for its cells.
            rows.append(DataRow(table.file, row.line, MappingProxyType(cells), MappingProxyType({}),
                                frozenset(known) | {ROW}, ragged=True))
            continue
        record = {}
        for name, cell in cells.items():
            text = cell.text.strip()
            if text:
                record[name] = _typed(name, text)
        found = [] if not readable or _row_is_valid(record) else list(_row_problems(record, cells, start, columns))
        problems.extend(found)
        rows.append(DataRow(table.file, row.line, MappingProxyType(cells), MappingProxyType(record),
                            frozenset(p.column for p in found) if found else _NONE))
    return DataReading(tuple(index), tuple(rows), tuple(problems))


def _header_problems(table: CsvTable, extra: frozenset[str] = frozenset()) -> Iterator[RowProblem]:
    seen: dict[str, int] = {}
    for cell in table.header:
        name, at = cell.text.strip().lower(), Position(table.file, cell.line, cell.column)
        if name in seen:
            yield RowProblem(HEADER, at, _("The column '{name}' appears twice in the header (first at column {column}).",
                                           name=name, column=seen[name]))
        elif name not in _PROPERTIES and name not in extra:  # a dimension's column, or not a column at all
            close, columns = _close(name, DATA_COLUMNS, 0.6), ", ".join(DATA_COLUMNS)
            yield RowProblem(HEADER, at, _("'{value}' is not a column of a data file.", value=cell.text.strip()),
                             _("Did you mean '{close}'? The columns are: {columns}.", close=close, columns=columns)
                             if close else _("The columns are: {columns}.", columns=columns))
        seen.setdefault(name, cell.column)
    line = table.header[0].line if table.header else 1
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            yield RowProblem(HEADER, Position(table.file, line, 1), _("The header has no '{name}' column.", name=name))


def _close(value: str, options: tuple[str, ...], cutoff: float) -> str | None:
    """The allowed word ``value`` was probably meant to be, if one is close."""
    return closest(value.lower(), options, cutoff)


def _row_problems(record: dict, cells: dict[str, CsvCell], start: Position, columns: set[str]) -> Iterator[RowProblem]:
    """What the schema finds wrong with a row the generated validator rejected: at most one problem
    per column, each at its cell. jsonschema is imported only here, to explain."""
    from strategykit.source.schema import _validator

    said: set[str] = set()
    for error in _validator(SCHEMA).iter_errors(record):
        for column, problem in _explain(error, record, cells, start, columns):
            if column not in said:
                said.add(column)
                yield problem


def _explain(error, record: dict, cells: dict[str, CsvCell], start: Position,
             columns: set[str]) -> Iterator[tuple[str, RowProblem]]:
    """One jsonschema error as (column, problem); a column the header lacks is the header's to report."""
    def at(*names: str) -> Position:
        return next((Position(start.file, cells[n].line, cells[n].column) for n in names if n in cells), start)

    def problem(column: str, message: str, hint: str | None = None, where: Position | None = None):
        return column, RowProblem(column, where or at(column), message, hint)

    if error.validator == "required":
        for name in error.validator_value:
            if name in record or name not in columns:
                continue
            if name == "year":
                yield problem(name, _("The row has no year."))
            elif name == "value":
                yield problem(name, _("The row has no value."))
            elif name == "provenance":
                yield problem(name, _("The value does not say where it comes from."))
            elif name == "source":
                yield problem(name, _("The value is marked sourced but names no source."), where=at("source", "provenance"))
            elif name == "retrieved":
                yield problem(name, _("The value is marked sourced but does not say when it was read."),
                              _("Add the date in the 'retrieved' column: YYYY-MM-DD."), at("retrieved", "provenance"))
        return
    if error.validator == "not":  # illustrative, yet citing a source (the schema's second allOf)
        yield problem("provenance", _("The value is marked illustrative but also cites a source."),
                      _("Keep the source and the date for a sourced value, or mark it illustrative; not both."),
                      at("source", "retrieved"))
        return
    column = str(error.absolute_path[0]) if error.absolute_path else ""
    text = cells[column].text.strip() if column in cells else ""
    if column == "year":
        yield problem(column, _("'{shown}' is not a year.", shown=text))
    elif column == "value":
        yield problem(column, _("'{text}' is not a number.", text=text), _number_hint(text))
    elif column == "breakdown":
        close, options = _close(text, BREAKDOWNS, 0.5), ", ".join(BREAKDOWNS)
        yield problem(column, _("'{text}' is not a breakdown.", text=text),
                      _("Did you mean '{close}'? Allowed: {options}.", close=close, options=options)
                      if close else _("Allowed: {options}. A value per municipality, age band or other dimension goes "
                                      "in a column of its own, named after the dimension (e.g. municipality, with the "
                                      "code 2480).", options=options))
    elif column == "provenance":
        yield problem(column, _("'{value}' is not a provenance.", value=text),
                      _("Allowed: {options}.", options=", ".join(PROVENANCES)))
    elif column == "retrieved":
        yield problem(column, _("'{retrieved}' is not a date in the form YYYY-MM-DD.", retrieved=text))
    else:  # a form the schema may gain later: its description says what the column holds
        yield problem(column, _("'{text}' does not fit the column '{column}'.", text=text, column=column),
                      _PROPERTIES.get(column, {}).get("description"))


def _number_hint(text: str) -> str | None:
    """How to write what was meant as a number: '79,5', '270 154', '45%' and '..' are common."""
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
