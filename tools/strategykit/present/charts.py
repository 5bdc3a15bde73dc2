"""The chart of an indicator, decided once for both editions: what it shows, its axes, its words.

One chart per indicator (not per target): the observed values of each breakdown
drawn, the path needed to reach each target, the band around a maintained level,
and each target's baseline, milestones and target value. Both editions draw this
spec and nothing else; the web as SVG (``render/web/charts.py``), the PDF with
Typst (``render/pdf/charts.py``). Decisions made here, once:

- **Value axis**: 1-2-5 × 10ⁿ steps, about five of them (``nice_step``). The axis
  starts at zero when the values are not far from it (the lowest at most half the
  highest); otherwise a little below the lowest value, and then the chart says so
  (``Axis.note``), since a cut axis makes a change look larger.
- **Year axis**: the first and the last year, and round years between them (steps of
  1, 2, 5, 10, 20, 25 or 50 years, at most five) not too close to either (``year_ticks``).
- **Breakdowns drawn**: the total, and women and men when the values are a share (on
  the same scale as the total) or when a target is set on them; counts of women and
  men add up to the total and would flatten it.
- **Baseline**: the one the follow-up uses (``TargetProgress.baseline``: the target's
  own, or the earliest observed value when it has none).
- **Observed values**: up to the follow-up's report year, as the edition knows them.
- **Band**: a target to maintain a level has a band of ±``MAINTAIN_TOLERANCE``
  around the target value, from the baseline year to the target year; a range to reach or
  to stay within is drawn as a band from its low to its high end over the same years.
- **Alt text and data table**: the same values in words and as a table, so nothing is
  only in the picture.

Labels are placed by ``place_labels`` (both editions), in each renderer's own units.
"""

from __future__ import annotations

import bisect

import math
from dataclasses import dataclass, field
from typing import Iterable

from strategykit.analysis.followup import MAINTAIN_TOLERANCE, FollowUp, TargetProgress, target_progress
from strategykit.model import BREAKDOWNS, Indicator, Observation, Strategy
from strategykit.present import breakdowns as present_breakdowns, i18n
from strategykit.present.catalog import spoken

POINT_SHAPES = {"total": "circle", "women": "triangle", "men": "square"}
"""The point shape of each breakdown's observed line, in both editions: with its colour and its
label, what tells the lines apart (every observed line is solid, every needed path dashed)."""


def point_shape(key: str) -> str:
    return POINT_SHAPES.get(key, "circle")


X_STEPS = (1, 2, 5, 10, 20, 25, 50)
MAX_X_STEPS = 5
Y_STEPS = 5
"""About this many steps on the value axis."""


@dataclass(frozen=True)
class Series:
    """A line over years: observed values (solid) or the path needed to reach a target (dashed)."""

    key: str
    """The breakdown ('total', 'women', 'men'): it picks the colour and the point shape."""
    kind: str
    """'observed' or 'needed'."""
    label: str
    """What the line is: 'Totalt', 'Kvinnor' (observed) or the target's id (needed)."""
    points: tuple[tuple[int, float], ...]
    end_label: str = ""
    """The latest value as the tables write it (observed lines only), with the illustrative mark."""
    illustrative: bool = False
    dash: int = 0
    """0 for a breakdown's first needed path, 1 for its second, …: a second one is dotted."""


@dataclass(frozen=True)
class Band:
    """Values that count as on target for a target to maintain a level, from one year to another."""

    key: str
    first: int
    last: int
    low: float
    high: float


@dataclass(frozen=True)
class Marker:
    """A decided or reference value: 'baseline' (ring), 'milestone' (diamond) or 'target' (square)."""

    key: str
    kind: str
    year: int
    value: float
    label: str = ""
    """Written beside the marker (targets only): '82 % (2030)', or 'P1.1.a: 82 % (2030)' when several."""
    illustrative: bool = False


@dataclass(frozen=True)
class Tick:
    value: float
    label: str


@dataclass(frozen=True)
class Axis:
    low: float
    high: float
    ticks: tuple[Tick, ...]
    note: str = ""
    """When the axis does not start at zero: a sentence that says so, shown in the chart."""


@dataclass(frozen=True)
class LegendItem:
    what: str
    """'observed', 'needed', 'band', 'baseline', 'milestone', 'target', or 'key' (a breakdown)."""
    key: str
    text: str
    dash: int = 0
    """For a needed path: its line, as ``Series.dash`` (0 dashed, 1 dotted)."""


@dataclass(frozen=True)
class Cell:
    text: str
    illustrative: bool = False


@dataclass(frozen=True)
class ChartSpec:
    """Everything a reader sees of one indicator's chart."""

    indicator_id: str
    title: str
    """'Diagram över sysselsättningsgrad'."""
    caption: str
    """The title, the unit and what the line styles mean."""
    alt: str
    """The chart in words (the SVG's description, the PDF figure's alt text)."""
    first_year: int
    last_year: int
    year_ticks: tuple[int, ...]
    axis: Axis
    series: tuple[Series, ...]
    markers: tuple[Marker, ...]
    bands: tuple[Band, ...]
    legend: tuple[LegendItem, ...]
    table_header: tuple[str, ...]
    table_rows: tuple[tuple[Cell, ...], ...]
    illustrative: bool = False
    target_ids: tuple[str, ...] = field(default=())

    @property
    def observed(self) -> tuple[Series, ...]:
        return tuple(s for s in self.series if s.kind == "observed")


# --- axes ---------------------------------------------------------------------------


def nice_step(span: float, steps: int = Y_STEPS) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) that divides ``span`` into about ``steps`` parts."""
    if span <= 0:
        return 1.0
    raw = span / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * magnitude * (1 + 1e-9):
            return m * magnitude
    return 10 * magnitude


def tick_decimals(step: float) -> int:
    """As many decimals as the step needs: 0 for 5 or 1000, 1 for 0.2, 2 for 0.05."""
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0


def value_range(values: list[float]) -> tuple[float, float, float]:
    """(low, high, step) of the value axis: from zero when the values are near it, else cut below them."""
    lo, hi = min(values), max(values)
    if lo == hi:
        lo, hi = (lo - 1, hi + 1) if lo == 0 else (lo - abs(lo) * 0.1, hi + abs(hi) * 0.1)
    from_zero = lo >= 0 and lo <= 0.5 * hi
    pad = (hi - lo) * 0.12
    bottom = 0.0 if from_zero else lo - pad
    step = nice_step(hi + pad - bottom)
    low = math.floor(bottom / step + 1e-9) * step
    if lo >= 0:
        low = max(low, 0.0)
    high = math.ceil((hi + pad) / step - 1e-9) * step
    return low, high, step


def year_ticks(first: int, last: int) -> tuple[int, ...]:
    """The first and the last year, and round years between them that are not too close to either."""
    if last <= first:
        return (first,)
    span = last - first
    step = next((s for s in X_STEPS if span / s <= MAX_X_STEPS), X_STEPS[-1])
    inner = [y for y in range(math.ceil(first / step) * step, last + 1, step)
             if y - first >= step * 0.6 and last - y >= step * 0.6]
    return (first, *inner, last)


def axis(values: list[float], ind: Indicator, lang: str) -> Axis:
    low, high, step = value_range(values)
    # A share ends at 100 %: no tick of 110 % above a target of 98 %.
    if _is_percent(ind) and max(values) <= 100 < high and abs((100 - low) / step - round((100 - low) / step)) < 1e-9:
        high = 100.0
    decimals = tick_decimals(step)
    ticks = []
    n = 0
    while low + n * step <= high + step / 2:
        v = round(low + n * step, decimals + 2)
        ticks.append(Tick(v, i18n.format_number(v, lang, decimals)))
        n += 1
    note = ""
    if low != 0:
        note = i18n.labels(lang)["axis_not_zero"].format(value=i18n.format_value(low, ind.unit, lang, decimals))
    return Axis(low, high, tuple(ticks), note)


# --- the spec -------------------------------------------------------------------------


def _is_percent(ind: Indicator) -> bool:
    return ind.unit.strip().lower() in ("percent", "procent", "%")


def drawn_breakdowns(ind: Indicator, series: dict[str, tuple[Observation, ...]], target_keys: Iterable[str]) -> list[str]:
    """The total, women and men when they are a share, and every breakdown a target is set on
    (a municipality's line only then: all of them are in ``present.breakdowns``' bar table)."""
    keys = set(target_keys)
    return [b for b in series if series.get(b) and (b == "total" or (ind.is_percent and b in BREAKDOWNS) or b in keys)]


def unit_suffix(ind: Indicator, lang: str) -> str:
    """' invånare' after a count in a unit of its own; nothing for a percentage or a plain count."""
    if ind.is_percent or ind.unit.strip().lower() in ("count", "antal", ""):
        return ""
    return "\u00a0" + i18n.unit_label(ind.unit, lang)


def indicator_chart(model: Strategy, ind: Indicator, report: FollowUp | None,
                    progress: dict[str, TargetProgress] | None = None) -> ChartSpec | None:
    """The chart of ``ind`` (None when there is nothing to draw: no values, or all in one year)."""
    lang = spoken(model.language)
    L = i18n.labels(lang)
    mark = L["illustrative_mark"]
    year = report.year if report is not None else None
    if progress is None:
        progress = {tp.target_id: tp for tp in report.targets()} if report is not None else {}
    pairs = model.targets_using(ind.id)
    tps: list[tuple[object, TargetProgress | None]] = []
    for g, t in pairs:
        tp = progress.get(t.id)
        if tp is None:
            tp = target_progress(model, g, t, year)
        tps.append((t, tp))
    target_keys = [t.breakdown or "total" for t, _ in tps]
    # a gap target's comparator is drawn beside the region, as a line of its own
    # (for a target set for one breakdown, the comparator's values of that breakdown: 'Riket, kvinnor')
    comparators = {t.comparator_key: ", ".join(x for x in (t.comparator.name or t.comparator.series,
                                                           present_breakdowns.label(model, t.breakdown, lang)) if x)
                   for t, _ in tps if getattr(t, "comparator", None) is not None}
    target_keys += list(comparators)
    keys = list(BREAKDOWNS) + [k for k in dict.fromkeys(target_keys) if k not in BREAKDOWNS]
    all_series = {b: tuple(o for o in model.series(ind.id, b, until=year) if o.year is not None and o.value is not None)
                  for b in keys}
    # The words of every breakdown drawn ('Umeå', '20–64 år'), where the labels have women and men.
    L = {**L, **{k: present_breakdowns.label(model, k, lang) for k in keys if k not in BREAKDOWNS}, **comparators}
    if comparators and model.region_name:
        L["total"] = model.region_name  # the region beside its comparator: 'Västerbotten' and 'Riket'

    breakdowns = drawn_breakdowns(ind, all_series, target_keys)
    only_total = breakdowns == ["total"]

    def number(v: float, decimals: int | None = None) -> str:
        return i18n.format_value(v, ind.unit, lang, ind.decimals if decimals is None else decimals) + unit_suffix(ind, lang)

    def shown(o: Observation) -> str:
        return number(o.value) + (mark if o.provenance.illustrative else "")

    def decided(gv) -> str:
        """A milestone or target value, marked as the goal tables mark it when no decision set it."""
        return number(gv.value) + (mark if gv.illustrative else "")

    def breakdown_label(b: str) -> str:
        words = L.get(b, b)
        return L["observed"] if b == "total" and only_total else words[:1].upper() + words[1:]

    series: list[Series] = []
    desc: list[str] = []
    for b in breakdowns:
        obs = all_series[b]
        first, last = obs[0], obs[-1]
        label = breakdown_label(b)
        series.append(Series(b, "observed", label, tuple((o.year, o.value) for o in obs), end_label=shown(last),
                             illustrative=any(o.provenance.illustrative for o in obs)))
        if len(obs) > 1:
            sentence = L["chart_alt_observed"].format(first=first.year, last=last.year, start=shown(first),
                                                      end=shown(last))
        else:
            sentence = L["chart_alt_single"].format(year=first.year, value=shown(first))
        if not only_total:
            sentence = f"{label}, {sentence[:1].lower()}{sentence[1:]}"
        desc.append(sentence)

    markers: list[Marker] = []
    bands: list[Band] = []
    several = len(tps) > 1
    dashes: dict[str, int] = {}
    decimals = path_decimals(ind, all_series, [t for t, _ in tps])
    for t, tp in tps:
        key = t.breakdown or "total"
        path = tp.needed_path() if tp else ()
        if path:
            dashes[key] = dashes.get(key, -1) + 1
            series.append(Series(key, "needed", t.id, tuple(path), dash=dashes[key],
                                 illustrative=_path_illustrative(t, tp)))
        parts = []
        if tp is not None and tp.assessment.method == "maintain" and path and tp.target_value is not None:
            tolerance = MAINTAIN_TOLERANCE * abs(tp.target_value)
            bands.append(Band(key, path[0][0], path[-1][0], tp.target_value - tolerance, tp.target_value + tolerance))
            parts.append(L["maintain_band"].format(
                low=number(tp.target_value - tolerance), high=number(tp.target_value + tolerance),
                tolerance=i18n.format_number(MAINTAIN_TOLERANCE * 100, lang, 0)))
        b = tp.baseline if tp is not None and tp.baseline is not None else t.baseline
        gv = t.target
        if gv is not None and gv.is_range and gv.year is not None:
            # a range to reach, or a band to stay within: drawn from the baseline (or the target year alone)
            first = b.year if b is not None and b.year is not None and b.year < gv.year else gv.year
            bands.append(Band(key, first, gv.year, gv.low, gv.high))
            parts.append(L["range_band"].format(low=number(gv.low), high=number(gv.high), year=gv.year))
        if b is not None and b.year is not None and b.value is not None:
            markers.append(Marker(key, "baseline", b.year, b.value, illustrative=b.provenance.illustrative))
            parts.append(f"{L['baseline'].lower()} {shown(b)} ({b.year})")
        if getattr(t, "comparator", None) is not None:
            # a gap target's values are gaps, not levels on this axis: said in words, not drawn
            name = t.comparator.name or t.comparator.series
            for v, what in [(ms, L["milestone"].lower()) for ms in t.milestones] + [(t.target, L["target_value"].lower())]:
                if v is not None and v.year is not None and v.value is not None:
                    gap = i18n.gap_wording(i18n.gap_value(v.value, ind.unit, lang, ind.decimals), v, name, lang)
                    parts.append(f"{what} {gap} ({v.year})")
        for ms in t.milestones if getattr(t, "comparator", None) is None else ():
            if ms.year is not None and ms.value is not None:
                markers.append(Marker(key, "milestone", ms.year, ms.value, illustrative=ms.illustrative))
                parts.append(f"{L['milestone'].lower()} {decided(ms)} ({ms.year})")
        if t.target and t.target.year is not None and t.target.value is not None and getattr(t, "comparator", None) is None:
            value = f"{decided(t.target)} ({t.target.year})"
            markers.append(Marker(key, "target", t.target.year, t.target.value, f"{t.id}: {value}" if several else value,
                                  illustrative=t.target.illustrative))
            parts.append(f"{L['target_value'].lower()} {value}")
        if tp is not None and year is not None:
            parts.append(L["chart_alt_status"].format(year=year, status=i18n.progress_label(tp.status.value, lang)).lower())
        if parts:
            part = "" if key == "total" else f" ({L.get(key, key)})"
            desc.append(f"{L['target']} {t.id}{part}: " + ", ".join(parts))

    points = [p for s in series for p in s.points] + [(m.year, m.value) for m in markers]
    points += [(b.first, b.low) for b in bands] + [(b.last, b.high) for b in bands]
    if len({y for y, _ in points}) < 2:
        return None
    first_year, last_year = min(y for y, _ in points), max(y for y, _ in points)
    ax = axis([v for _, v in points], ind, lang)

    name = ind.name
    if lang == "sv" and name[:1].isupper() and name[1:2].islower():
        name = name[0].lower() + name[1:]  # mid-sentence in Swedish; 'SCB' and 'CO₂e' keep their case
    title = f"{L['chart_of']} {name}"
    unit = i18n.unit_label(ind.unit, lang)
    illustrative = any(s.illustrative for s in series) or any(m.illustrative for m in markers)
    alt = ". ".join(desc) + "." if desc else ""
    if ax.note:
        alt += " " + ax.note
    if illustrative:
        alt += " " + L["illustrative_note"]
    # The unit once: not when the name already says it, in words or as '(%)'.
    named = unit.lower() in ind.name.lower() or (_is_percent(ind) and "%" in ind.name)
    caption = title + ("" if named else f" ({unit})") + ". " + L["chart_lines_note"]

    legend: list[LegendItem] = []
    observed = [s for s in series if s.kind == "observed"]
    if observed:
        legend.append(LegendItem("observed", "", L["observed"]))
    needed = [s for s in series if s.kind == "needed"]
    if any(s.dash for s in needed):
        # Two paths on one breakdown, dashed and dotted: each line named by its targets, or the dotted
        # one was in the chart and nowhere in the legend.
        for dash in sorted({s.dash for s in needed}):
            ids = ", ".join(s.label for s in needed if s.dash == dash)
            legend.append(LegendItem("needed", "", f"{L['needed_path']} {ids}", dash=dash))
    elif needed:
        legend.append(LegendItem("needed", "", L["needed_path"]))
    if len(bands) > sum(1 for t, _ in tps if t.target is not None and t.target.is_range and t.target.year is not None):
        legend.append(LegendItem("band", "", L["maintain_band_legend"].format(
            tolerance=i18n.format_number(MAINTAIN_TOLERANCE * 100, lang, 0))))
    if any(t.target is not None and t.target.is_range for t, _ in tps):
        legend.append(LegendItem("band", "", L["range_band_legend"]))
    for kind in ("baseline", "milestone", "target"):
        if any(m.kind == kind for m in markers):
            legend.append(LegendItem(kind, "", L["target_value" if kind == "target" else kind]))
    if len(observed) > 1 or not only_total:  # a lone line of women is named as such, not as 'the' values
        legend += [LegendItem("key", s.key, s.label) for s in observed]

    header, rows = data_table(L, ind, lang, all_series, breakdowns, only_total, tps, decimals)
    return ChartSpec(ind.id, title, caption, alt, first_year, last_year, year_ticks(first_year, last_year), ax,
                     tuple(series), tuple(markers), tuple(bands), tuple(legend), header, rows, illustrative,
                     tuple(t.id for t, _ in tps))


def _path_illustrative(t, tp: TargetProgress) -> bool:
    """A path needed to reach a target is made of its baseline and its target value: invented
    (and marked, as the goal tables mark the target) when either of them is."""
    return bool((tp.baseline and tp.baseline.provenance.illustrative) or (t.target and t.target.illustrative))


def path_decimals(ind: Indicator, series: dict[str, tuple[Observation, ...]], targets) -> int:
    """Decimals for computed values (the needed path): the indicator's, or as many as its data has."""
    if ind.decimals is not None:
        return ind.decimals
    values = [o.value for obs in series.values() for o in obs if o.value is not None]
    values += [t.baseline.value for t in targets if t.baseline and t.baseline.value is not None]
    values += [t.target.value for t in targets if t.target and t.target.value is not None]
    return min(2, max((len(repr(float(v)).split(".")[1].rstrip("0")) for v in values), default=0))


def data_table(L: dict, ind: Indicator, lang: str, series: dict[str, tuple[Observation, ...]], breakdowns: list[str],
               only_total: bool, tps, decimals: int) -> tuple[tuple[str, ...], tuple[tuple[Cell, ...], ...]]:
    """The chart's values year by year: observed per breakdown drawn, then each needed path."""
    by_year: dict[int, dict[str, Observation]] = {}
    for b in breakdowns:
        for o in series[b]:
            by_year.setdefault(o.year, {})[b] = o
    paths = [(t, tp, dict(tp.needed_path())) for t, tp in tps if tp is not None and tp.needed_path()]
    years = set(by_year)
    for t, _ in tps:
        years |= {v.year for v in (t.baseline, t.target, *t.milestones) if v is not None and v.year is not None}
    header = [L["year"]] + [L["observed"] if only_total else f"{L['observed']} ({L.get(b, b)})" for b in breakdowns]
    header += [f"{L['needed_path']} {t.id}" + ("" if (t.breakdown or "total") == "total"
                                                 else f" ({L.get(t.breakdown, t.breakdown)})") for t, _, _ in paths]
    suffix = unit_suffix(ind, lang)
    rows = []
    for year in sorted(years):
        found = by_year.get(year, {})
        row = [Cell(str(year))]
        for b in breakdowns:
            o = found.get(b)
            row.append(Cell(i18n.format_value(o.value, ind.unit, lang, ind.decimals) + suffix, o.provenance.illustrative)
                       if o is not None else Cell("–"))
        for t, tp, path in paths:
            if year in path:
                # The path starts at the baseline: that point is the baseline, marked only if it is.
                at_baseline = tp.baseline is not None and year == tp.baseline.year
                row.append(Cell(i18n.format_value(path[year], ind.unit, lang, decimals) + suffix,
                                tp.baseline.provenance.illustrative if at_baseline else _path_illustrative(t, tp)))
            else:
                row.append(Cell("–"))
        rows.append(tuple(row))
    return tuple(header), tuple(rows)


# --- labels without collisions ------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """A label to place near an anchor point, in the renderer's units (y grows downwards)."""

    x: float
    y: float
    width: float
    height: float


Box = tuple[float, float, float, float]
"""left, top, right, bottom."""


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(box: Box, x0: float, y0: float, x1: float, y1: float) -> bool:
    """Whether the segment passes through the box (Liang–Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _hits(box: Box, segments: list[tuple[float, float, float, float]]) -> int:
    """How many line segments pass through the box.

    A segment wholly above, below or beside the box cannot, and most are: they are left out before
    the exact test (a 10× web build made half a million of them)."""
    left, top, right, bottom = box
    n = 0
    for x0, y0, x1, y1 in segments:
        if (y0 < top and y1 < top) or (y0 > bottom and y1 > bottom) or (x0 < left and x1 < left) \
                or (x0 > right and x1 > right):
            continue
        n += _crosses(box, x0, y0, x1, y1)
    return n


class _ByX:
    """Items (boxes, segments, points) sorted by their left edge, so that a box is compared only with
    those whose x-extent can meet its own: a chart with many labels is not checked pair by pair
    (that was quadratic, and the slowest part of a 10× web build). Each item's exact test still decides;
    this only leaves out items that cannot pass it, so the placements are the same."""

    def __init__(self, items=(), left=lambda item: item[0], width=lambda item: 0.0) -> None:
        self._left, self._width = left, width
        self._keys: list[float] = []
        self._items: list = []
        self._widest = 0.0
        for item in sorted(items, key=left):
            self._keys.append(left(item))
            self._items.append(item)
            self._widest = max(self._widest, width(item))

    def add(self, item) -> None:
        key = self._left(item)
        i = bisect.bisect_right(self._keys, key)
        self._keys.insert(i, key)
        self._items.insert(i, item)
        self._widest = max(self._widest, self._width(item))

    def near(self, x0: float, x1: float) -> list:
        """The items whose x-extent may meet [x0, x1] (a few more, never fewer)."""
        margin = 1e-9 * (1.0 + abs(x0) + abs(x1) + self._widest)
        lo = bisect.bisect_left(self._keys, x0 - self._widest - margin)
        hi = bisect.bisect_right(self._keys, x1 + margin)
        return self._items[lo:hi]


def place_labels(labels: list[Label], bounds: Box, segments: list[tuple[float, float, float, float]],
                 points: list[tuple[float, float]] = (), gap: float = 4.0) -> list[Box]:
    """A box for each label, near its anchor, inside ``bounds``, overlapping no other label.

    Candidates around the anchor (right, left, above, below, then further out) are tried
    in turn; the first that overlaps no placed label and crosses no line wins, else the
    one that crosses fewest lines. Both editions use this, each in its own units.
    """
    placed: list[Box] = []
    boxes = _ByX(width=lambda b: b[2] - b[0])
    lines = _ByX(segments, left=lambda s: min(s[0], s[2]), width=lambda s: abs(s[2] - s[0]))
    dots = _ByX(points)
    for lab in labels:
        w, h = lab.width, lab.height
        offsets = [(gap, -h / 2), (-gap - w, -h / 2), (-w / 2, -gap - h), (-w / 2, gap),
                   (gap, -h - gap), (gap, gap), (-gap - w, -h - gap), (-gap - w, gap)]
        offsets += [(dx, dy + k * s * (h + 2)) for k in (1, 2, 3, 4) for s in (-1, 1) for dx, dy in offsets[:2]]
        best: tuple[int, Box] | None = None
        for dx, dy in offsets:
            x = min(max(lab.x + dx, bounds[0]), bounds[2] - w)
            y = min(max(lab.y + dy, bounds[1]), bounds[3] - h)
            box = (x, y, x + w, y + h)
            if any(_overlaps(box, other) for other in boxes.near(box[0], box[2])):
                continue
            if any(box[0] <= px <= box[2] and box[1] <= py <= box[3] for px, py in dots.near(box[0], box[2])):
                cost = 1
            else:
                cost = 0
            cost += _hits(box, lines.near(box[0], box[2]))
            if best is None or cost < best[0]:
                best = (cost, box)
            if cost == 0:
                break
        if best is None:  # nowhere free: the first candidate, kept inside the bounds
            x = min(max(lab.x + gap, bounds[0]), bounds[2] - w)
            y = min(max(lab.y - h / 2, bounds[1]), bounds[3] - h)
            best = (0, (x, y, x + w, y + h))
        placed.append(best[1])
        boxes.add(best[1])
    return placed
