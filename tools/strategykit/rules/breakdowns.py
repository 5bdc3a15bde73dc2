"""Rules on breakdowns: the dimensions an indicator declares, the columns and values of its data
file, and the breakdown a target is set for (``model.dimensions``).

An indicator broken down by municipality declares it, and its data file carries a column of
that name with a municipality's four-digit code on each row that is about one::

    breakdowns: [gender, municipality]          # goals.yaml, under the indicator

    year,value,breakdown,municipality,provenance,source,retrieved
    2024,281138,total,,sourced,SCB,2025-02-21
    2024,134249,,2480,sourced,SCB,2025-02-21
"""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Position
from strategykit.model import DataFile, Indicator, Strategy, dimension_columns, key_columns, row_breakdowns
from strategykit.model import dimensions as dims
from strategykit.rules import Finding, rule
from strategykit.messages import _


def _known(s: Strategy) -> str:
    return ", ".join(s.dimensions())


def _value_hint(s: Strategy, dimension: str) -> str:
    """What the values of ``dimension`` look like, for a hint."""
    if dimension == "municipality":
        return _("Write the municipality's four-digit code, e.g. 2480 for Umeå; a municipality of another county "
                 "is declared under 'dimensions:' in goals.yaml with its code and name.")
    if dimension == "age":
        return _("Write an age band as 20-64, 65+ or 0-19.")
    d = s.dimensions().get(dimension)
    options = ", ".join(v for v, _ in d.values) if d else ""
    return _("Allowed: {options}.", options=options)


def _describe(dimension: str, value: str) -> str:
    if dimension == "municipality":
        return _("'{value}' is not a municipality code the strategy knows.", value=value)
    if dimension == "age":
        return _("'{value}' is not an age band.", value=value)
    return _("'{value}' is not a value of the dimension '{dimension}'.", value=value, dimension=dimension)


@rule("unknown-dimension",
      fix=_("Use gender, municipality, age, birth or education, or declare the dimension with its values under "
            "'dimensions:' in goals.yaml."))
def unknown_dimension(s: Strategy) -> Iterator[Finding]:
    """An indicator is broken down by dimensions the toolkit knows or the strategy declares.

    The toolkit knows `gender`, `municipality` (by the official four-digit code), `age` (bands
    such as `20-64`), `birth` (`sweden`, `abroad`) and `education` (`compulsory`,
    `upper-secondary`, `post-secondary`). A dimension of the strategy's own is declared once,
    with its values and their labels, so that both editions can name them:

        dimensions:
          - id: sector
            name: Näringsgren
            values:
              - {id: forestry, label: Skogsbruk}
    """
    known = s.dimensions()
    for ind in s.indicators:
        for j, name in enumerate(ind.breakdowns):
            if name not in known:
                yield Finding(_("Indicator '{id}' is broken down by '{name}', which is not a dimension.",
                                id=ind.id, name=name), ind.path + ("breakdowns", j),
                              hint=_("Known dimensions: {options}.", options=_known(s)))


@rule("target-breakdown-undeclared",
      fix=_("Break the indicator down by that dimension under 'breakdowns:', or set the target for the total "
            "(leave 'breakdown' out)."))
def target_breakdown_undeclared(s: Strategy) -> Iterator[Finding]:
    """A target set for one breakdown names a dimension its indicator is broken down by, and one of its values.

    `breakdown: women` needs `breakdowns: [gender]` on the indicator; `breakdown:
    {municipality: "2480"}` needs `municipality`, and 2480 must be a municipality code the
    strategy knows. A breakdown names one dimension: the follow-up measures one series.
    """
    for g, t in s.targets():
        ind = s.indicator(t.indicator_id)
        if t.breakdown == "total" or ind is None:
            continue
        dimension, value = dims.split(t.breakdown)
        where = t.path + ("breakdown",)
        if dimension is None:
            yield Finding(_('Target "{id}" names several breakdowns or none: write one dimension and its value, '
                            'e.g. {{municipality: "2480"}}.', id=t.id), where)
        elif dimension not in ind.breakdowns:
            yield Finding(_('Target "{id}" is set for {breakdown}, but indicator \'{indicator}\' is not broken '
                            "down by {dimension}.", id=t.id, breakdown=value, indicator=ind.id,
                            dimension=dimension), where)
        elif dimension in s.dimensions() and not s.dimensions()[dimension].accepts(value):
            yield Finding(_describe(dimension, value), where, hint=_value_hint(s, dimension))


def _declared(ind: Indicator | None, dimension: str) -> bool:
    return ind is not None and dimension in ind.breakdowns


def _columns(s: Strategy, f: DataFile) -> Iterator[tuple[str, object]]:
    """The dimension columns of a data file that name a dimension, with their header cell."""
    known = s.dimensions()
    for name in dimension_columns(f.columns, known):
        cell = next((c for c in f.header if c.text.strip().lower() == name), None)
        if name in known and cell is not None:
            yield name, cell


@rule("data-undeclared-dimension",
      fix=_("Add the dimension to the indicator's 'breakdowns:' in goals.yaml, or remove the column."))
def data_undeclared_dimension(s: Strategy) -> Iterator[Finding]:
    """A data file has a column only for a dimension its indicator is broken down by.

    Values per municipality in a file whose indicator does not declare `municipality`
    would be read by nobody: neither edition shows them, and `strategy data fetch` would
    not keep them up to date.
    """
    for f in s.data_files:
        ind = s.indicator(f.indicator_id)
        if ind is None:
            continue
        for name, cell in _columns(s, f):
            if not _declared(ind, name):
                used = sum(1 for row in f.rows if not row.ragged and (c := row.cells.get(name)) and c.text.strip())
                yield Finding(_("'{file}' has values per {dimension} ({count} rows), but indicator '{id}' is not "
                                "broken down by {dimension}.", file=f.file, dimension=name, count=used, id=ind.id),
                              position=Position(f.file, cell.line, cell.column))


@rule("data-unknown-breakdown-value", fix=_("Correct the value, or declare it under 'dimensions:' in goals.yaml."))
def data_unknown_breakdown_value(s: Strategy) -> Iterator[Finding]:
    """Each value in a dimension's column is one of that dimension's values.

    A municipality is written by its official four-digit code (2480 for Umeå), an age band
    as `20-64` or `65+`, and a value of the strategy's own dimension as it is declared. A
    code the strategy does not know would show as a bare number in both editions, or
    belong to no municipality at all.
    """
    known = s.dimensions()
    for f in s.data_files:
        for name, _cell in _columns(s, f):
            for row in f.rows:
                if row.ragged:  # its values may sit in the wrong columns: data-row-length says so, once
                    continue
                cell = row.cells.get(name)
                text = cell.text.strip() if cell else ""
                if text and not known[name].accepts(text):
                    yield Finding(_describe(name, text), position=Position(f.file, cell.line, cell.column),
                                  hint=_value_hint(s, name))


@rule("data-several-breakdowns",
      fix=_("Write one row per breakdown: the total, one of women and men, or one value of one dimension; "
            "to give the women of each municipality, break the indicator down by both gender and municipality."))
def data_several_breakdowns(s: Strategy) -> Iterator[Finding]:
    """A row holds the value of one breakdown, or of several dimensions its indicator crosses.

    A row with both `women` and a municipality code is the women of that municipality.
    It is accepted when the indicator is broken down by every dimension the row gives a
    value for, `breakdowns: [gender, municipality]`, and both editions then show a table
    of the two dimensions crossed. Otherwise it is refused, and left out of the editions
    until it is split or removed, or the indicator declares the dimensions. A comparator's
    row (the column `comparator`) may name a breakdown as the region's rows do: `women`
    and `riket` is the women of the nation, which a gap target set for women compares with.
    """
    for f in s.data_files:
        columns = key_columns(f.columns, s.dimensions())
        if not columns:
            continue
        ind = s.indicator(f.indicator_id)
        for row in f.rows:
            if row.ragged:  # data-row-length has reported it; its cells are not read as breakdowns
                continue
            keys = row_breakdowns(row, columns)
            own = [k for k in keys if dims.split(k)[0] != dims.COMPARATOR]  # whose value it is: the region's or a comparator's
            if len(own) > 1 and not all(_declared(ind, dims.split(k)[0] or "") for k in own):
                where = next((row.cells[n] for n in columns
                              if (c := row.cells.get(n)) and c.text.strip()), None)
                yield Finding(_("The row holds {count} breakdowns ({keys}); a row holds one.",
                                count=len(keys), keys=", ".join(keys)),
                              position=Position(f.file, where.line if where else row.line,
                                                where.column if where else 1))
