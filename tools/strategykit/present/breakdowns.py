"""Breakdowns as readers see them: a breakdown's name, and a sorted bar table per dimension.

An indicator broken down by municipality (or age, birth, education, a dimension of the
strategy's own) gets one table per dimension in both editions and in the report: each
value's latest observation up to the report year, with its year, highest first, and a bar
whose length is the value's share of the largest. A bar table stays readable with 15 or 290
rows where a line chart of 15 series would not, and its numbers are its own text
alternative; ``alt`` sums it up for the figure. Gender keeps its lines in the indicator's
chart (``present.charts``).
"""

from __future__ import annotations

from dataclasses import dataclass

from strategykit.model import Indicator, Observation, Strategy
from strategykit.model import dimensions as dims
from strategykit.present import i18n
from strategykit.present.catalog import spoken


def label(model: Strategy | None, breakdown: str | None, language: str) -> str:
    """A breakdown in words: 'kvinnor', 'Umeå', '20–64 år', 'födda utomlands', a declared label;
    '' for the total. Without a model (a change between two revisions) the known dimensions name it."""
    if not breakdown or breakdown == "total":
        return ""
    if dims.SEPARATOR in breakdown:  # several dimensions at once: 'kvinnor, Umeå'
        return ", ".join(label(model, part, language) for part in dims.parts(breakdown))
    dimension, value = dims.split(breakdown)
    if dimension == dims.GENDER:
        return i18n.labels(language).get(value, value)
    words = i18n.breakdown_texts(language)
    known = (model.dimensions() if model is not None else dims.BUILT_IN).get(dimension or "")
    declared = known.label(value) if known else None  # a municipality's name, an own dimension's label
    if declared:
        return declared
    if dimension == "age" and dims.valid_age_band(value):
        if value.endswith("+"):
            return words["age_plus"].format(low=value[:-1])
        low, high = value.split("-")
        return words["age_band"].format(low=low, high=high) if low != high else words["age_one"].format(age=low)
    return words.get(breakdown, value)


def dimension_name(model: Strategy, dimension: str, language: str) -> str:
    """A dimension in words: 'kommun', or the name a strategy gave its own."""
    known = model.dimensions().get(dimension)
    if known is not None and known.name:
        return known.name
    return i18n.breakdown_texts(language).get(f"dimension:{dimension}", dimension)


def dimensions_text(model: Strategy, ind: Indicator, language: str) -> str:
    """The indicator's dimensions in words, for its facts: 'kön, kommun'."""
    return ", ".join(dimension_name(model, d, language) for d in ind.breakdowns)


@dataclass(frozen=True)
class BreakdownRow:
    key: str
    label: str
    value: float
    value_text: str
    """The value in the indicator's unit, without the illustrative mark (``illustrative`` says it)."""
    year: int
    illustrative: bool
    share: float
    """The value's share of the largest (by size), 0–1: the length of its bar."""


@dataclass(frozen=True)
class BreakdownTable:
    indicator_id: str
    dimension: str
    title: str
    """'Per kommun'."""
    header: tuple[str, str, str]
    """The dimension, the value (with the unit), the year."""
    rows: tuple[BreakdownRow, ...]
    caption: str
    alt: str
    missing: tuple[str, ...]
    """Values the strategy knows for the dimension (for municipalities: the region's) that have no value."""
    sources: str = ""
    """Where the sourced values come from: 'Källa: SCB …, hämtad 2026-11-27.' ('' when none is sourced)."""

    @property
    def illustrative(self) -> bool:
        return any(r.illustrative for r in self.rows)


def _latest(model: Strategy, ind: Indicator, dimension: str, year: int | None) -> dict[str, Observation]:
    prefix = f"{dimension}:"
    latest: dict[str, Observation] = {}
    for o in model.observations.get(ind.id, ()):
        if (o.breakdown.startswith(prefix) and dims.SEPARATOR not in o.breakdown and o.year is not None
                and o.value is not None
                and (year is None or o.year <= year)):
            if o.breakdown not in latest or (latest[o.breakdown].year or 0) < o.year:
                latest[o.breakdown] = o
    return latest


def _expected(model: Strategy, dimension: str) -> list[str]:
    """The breakdown keys a reader would expect a value for: the region's municipalities, a declared list."""
    known = model.dimensions().get(dimension)
    if known is None:
        return []
    if dimension == "municipality":
        county = model.region_code if model.region_scheme == "se" and len(model.region_code) == 2 else None
        return [dims.key(dimension, v) for v, _ in known.values if county and v.startswith(county)]
    if known.declared or dimension in ("birth", "education"):
        return [dims.key(dimension, v) for v, _ in known.values]
    return []


def _language(model: Strategy, language: str | None) -> str:
    lang = language or model.language
    return spoken(lang)


def _sources(observations, L: dict) -> str:
    texts = list(dict.fromkeys(
        o.provenance.source + (f", {L['retrieved']} {o.provenance.retrieved}" if o.provenance.retrieved else "")
        for o in observations if not o.provenance.illustrative and o.provenance.source))
    return f"{L['source']}: {'; '.join(texts)}." if texts else ""


def tables(model: Strategy, ind: Indicator, year: int | None, language: str | None = None) -> list[BreakdownTable]:
    """One table per dimension of ``ind`` other than gender that has values up to ``year``."""
    lang = _language(model, language)
    words, L = i18n.breakdown_texts(lang), i18n.labels(lang)
    out = []
    for dimension in ind.breakdowns:
        if dimension == dims.GENDER:
            continue
        latest = _latest(model, ind, dimension, year)
        if not latest:
            continue
        largest = max(abs(o.value or 0) for o in latest.values())
        rows = sorted(
            (BreakdownRow(k, label(model, k, lang), o.value or 0.0,
                          i18n.format_value(o.value, ind.unit, lang, ind.decimals), o.year or 0,
                          o.provenance.illustrative, abs(o.value or 0) / largest if largest else 0.0)
             for k, o in latest.items()),
            key=lambda r: (-r.value, r.label))
        name = dimension_name(model, dimension, lang)
        unit = i18n.unit_label(ind.unit, lang)
        value_head = L["value"] if ind.is_percent or ind.is_count else f"{L['value']} ({unit})"
        top, bottom = rows[0], rows[-1]
        mark = L["illustrative_mark"]
        out.append(BreakdownTable(
            indicator_id=ind.id, dimension=dimension,
            title=words["title"].format(dimension=name),
            header=(name[:1].upper() + name[1:], value_head, L["year"]),
            rows=tuple(rows),
            caption=words["caption"].format(indicator=ind.name, dimension=name),
            alt=words["alt"].format(indicator=ind.name, dimension=name, count=len(rows),
                                    top=top.label, top_value=top.value_text + (mark if top.illustrative else ""),
                                    bottom=bottom.label,
                                    bottom_value=bottom.value_text + (mark if bottom.illustrative else "")),
            missing=tuple(label(model, k, lang) for k in _expected(model, dimension) if k not in latest),
            sources=_sources(latest.values(), L),
        ))
    return out


@dataclass(frozen=True)
class CrossCell:
    value_text: str
    """The value in the indicator's unit, '' when the year has none for the pair."""
    illustrative: bool
    value: float | None = None


@dataclass(frozen=True)
class CrossTable:
    """Two dimensions crossed (the women and men of each municipality), in the latest year up to the
    report year that has a value for the pair: a row per value of one, a column per value of the other."""

    indicator_id: str
    dimensions: tuple[str, str]
    """(the rows' dimension, the columns' dimension)."""
    year: int
    title: str
    """'Per kommun och kön, 2024'."""
    header: tuple[str, ...]
    """The rows' dimension, then each column's value ('Kommun', 'Kvinnor', 'Män')."""
    rows: tuple[tuple[str, tuple[CrossCell, ...]], ...]
    caption: str
    sources: str = ""

    @property
    def illustrative(self) -> bool:
        return any(c.illustrative for _, cells in self.rows for c in cells)


def cross_tables(model: Strategy, ind: Indicator, year: int | None, language: str | None = None) -> list[CrossTable]:
    """A table for each pair of the indicator's dimensions that its data crosses (rows with a value for
    both, which the check accepts only when the indicator is broken down by both), in the latest year
    up to ``year`` with such a value. Gender is the columns (women, men), or else the dimension with fewer values."""
    lang = _language(model, language)
    words, L = i18n.breakdown_texts(lang), i18n.labels(lang)
    known = model.dimensions()
    pairs: dict[tuple[str, str], list[Observation]] = {}
    for o in model.observations.get(ind.id, ()):
        keys = dims.parts(o.breakdown)
        if len(keys) != 2 or o.year is None or o.value is None or (year is not None and o.year > year):
            continue
        found = [dims.split(k)[0] for k in keys]
        if None in found or not all(d in ind.breakdowns for d in found):
            continue  # refused by data-several-breakdowns: never shown
        pairs.setdefault(tuple(found), []).append(o)
    out = []
    for (a, b), observed in pairs.items():
        latest = max(o.year for o in observed)
        cells = {dims.parts(o.breakdown): o for o in observed if o.year == latest}
        values_a = sorted({k[0] for k in cells}, key=lambda k: _value_order(known, k, model, lang))
        values_b = sorted({k[1] for k in cells}, key=lambda k: _value_order(known, k, model, lang))
        if a == dims.GENDER or (b != dims.GENDER and len(values_a) < len(values_b)):
            (a, b), values_a, values_b = (b, a), values_b, values_a
            cells = {(k[1], k[0]): o for k, o in cells.items()}
        rows = []
        for va in values_a:
            row = []
            for vb in values_b:
                o = cells.get((va, vb))
                row.append(CrossCell(i18n.format_value(o.value, ind.unit, lang, ind.decimals), o.provenance.illustrative,
                                     o.value) if o is not None else CrossCell("", False))
            rows.append((label(model, va, lang), tuple(row)))
        name_a, name_b = dimension_name(model, a, lang), dimension_name(model, b, lang)
        unit = "" if ind.is_percent or ind.is_count else f" ({i18n.unit_label(ind.unit, lang)})"
        out.append(CrossTable(
            indicator_id=ind.id, dimensions=(a, b), year=latest,
            title=words["cross_title"].format(rows=name_a, columns=name_b, year=latest),
            header=(name_a[:1].upper() + name_a[1:], *(_capital(label(model, vb, lang)) for vb in values_b)),
            rows=tuple(rows),
            caption=words["cross_caption"].format(indicator=ind.name, rows=name_a, columns=name_b, year=latest,
                                                  unit=unit),
            sources=_sources(cells.values(), L),
        ))
    return out


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _value_order(known, key: str, model: Strategy, language: str) -> tuple:
    """Gender as women, men; a dimension's values in their declared order, then by name."""
    dimension, value = dims.split(key)
    d = known.get(dimension or "")
    return (d.order(value) if d is not None else 0, label(model, key, language))


def report_lines(model: Strategy, ind: Indicator, year: int | None, language: str | None = None) -> list[str]:
    """The tables as lines of plain text for ``strategy report``: 'Per kommun: Umeå 134 249 (2024), …'."""
    lang = _language(model, language)
    words, mark = i18n.breakdown_texts(lang), i18n.labels(lang)["illustrative_mark"]
    lines = []
    for t in tables(model, ind, year, lang):
        values = ", ".join(f"{r.label} {r.value_text}{mark if r.illustrative else ''} ({r.year})" for r in t.rows)
        lines.append(words["report_line"].format(dimension=dimension_name(model, t.dimension, lang), values=values))
        if t.missing:
            lines.append(words["no_value"].format(names=", ".join(t.missing)))
    for c in cross_tables(model, ind, year, lang):
        heads = c.header[1:]
        values = "; ".join(f"{name} " + ", ".join(f"{h.lower()} {cell.value_text or '–'}{mark if cell.illustrative else ''}"
                                                   for h, cell in zip(heads, cells)) for name, cells in c.rows)
        lines.append(f"{c.title}: {values}")
    return lines
