"""The charts of the indicator appendix as geometry: every position a fraction of the plot, every label text.

One chart per target: the observed values of the target's breakdown, the path
needed from the baseline to the target value (``TargetProgress.needed_path``),
the milestones and the target. For a share (percent), the values of women and
men are drawn too, since they are on the same scale; for a count (inhabitants)
they are not, since the two parts add up to the total and would flatten it.

The profile only draws what is here: positions run from 0 to 1 (x from the first
to the last year, y from the lowest to the highest tick), so a replaced profile
cannot scale an axis or format a tick label differently from the tables. The alt
text says in words what the chart shows.
"""

from __future__ import annotations

import math
from typing import Iterable

from strategykit.present import i18n
from strategykit.analysis.followup import TargetProgress
from strategykit.model import Indicator, Observation, Target

Point = tuple[float, float]

Y_TICKS = 4
"""About this many steps on the value axis."""

X_STEPS = (1, 2, 5, 10, 20, 25, 50)
MAX_X_STEPS = 5


def nice_ticks(low: float, high: float, steps: int = Y_TICKS) -> tuple[list[float], int]:
    """Round tick values covering [low, high] (1, 2, 2.5 or 5 times a power of ten), and their decimals."""
    if high < low:
        low, high = high, low
    span = high - low
    if span == 0:  # a flat series: a band of ±5 % around it
        span = abs(high) * 0.1 or 1.0
        low, high = low - span / 2, high + span / 2
    raw = span / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    count = int(round((last - first) / step))
    ticks = [round(first + i * step, 10) for i in range(count + 1)]
    decimals = 0
    while decimals < 4 and abs(round(step, decimals) - step) > 1e-9:
        decimals += 1
    return ticks, decimals


def year_ticks(first: int, last: int) -> list[int]:
    """The first and the last year, and round years between them that are not too close to either."""
    if last <= first:
        return [first]
    span = last - first
    step = next((s for s in X_STEPS if span / s <= MAX_X_STEPS), X_STEPS[-1])
    inner = [y for y in range(math.ceil(first / step) * step, last + 1, step)
             if y - first >= step * 0.6 and last - y >= step * 0.6]
    return [first, *inner, last]


def _value(v: float, ind: Indicator, lang: str, decimals: int | None = None) -> str:
    return i18n.format_value(v, ind.unit, lang, ind.decimals if decimals is None else decimals)


def _gender_series(series: dict[str, tuple[Observation, ...]], breakdown: str, ind: Indicator) -> list[str]:
    """The breakdowns drawn besides the target's own: women and men, for a share only."""
    if not ind.is_percent:
        return []
    return [b for b in ("women", "men") if b != breakdown and series.get(b)]


def line_chart(t: Target, progress: TargetProgress, ind: Indicator, series: dict[str, tuple[Observation, ...]],
               lang: str, *, status: str | None = None, year: int | None = None) -> dict | None:
    """One target's chart (None when there are fewer than two points in time to draw).

    ``series``: the indicator's observed values per breakdown, up to the report year.
    ``status``: the target's assessment for ``year``, said at the end of the alt text.
    """
    L = i18n.labels(lang)
    observed = tuple(o for o in series.get(t.breakdown, ()) if o.year is not None and o.value is not None)
    others = _gender_series(series, t.breakdown, ind)
    baseline = progress.baseline
    if baseline is not None and (baseline.year is None or baseline.value is None):
        baseline = None
    milestones = [m for m in t.milestones if m.year is not None and m.value is not None]
    goal = t.target if t.target and t.target.year is not None and t.target.value is not None else None
    path = list(progress.needed_path())

    points: list[Point] = [(o.year, o.value) for o in observed]
    points += [(o.year, o.value) for b in others for o in series[b]]
    points += [(m.year, m.value) for m in milestones] + path
    if baseline:
        points.append((baseline.year, baseline.value))
    if goal:
        points.append((goal.year, goal.value))
    if len({x for x, _ in points}) < 2:
        return None

    x0, x1 = min(x for x, _ in points), max(x for x, _ in points)
    y_ticks, decimals = nice_ticks(min(y for _, y in points), max(y for _, y in points))
    y0, y1 = y_ticks[0], y_ticks[-1]

    def at(x: float, y: float) -> list[float]:
        return [round((x - x0) / (x1 - x0), 4), round((y - y0) / (y1 - y0), 4)]

    chart: dict = {
        "x_ticks": [{"at": at(y, y0)[0], "label": str(y)} for y in year_ticks(x0, x1)],
        "y_ticks": [{"at": at(x0, v)[1], "label": _value(v, ind, lang, decimals)}
                    for v in y_ticks],
        "observed": None,
        "others": [{"breakdown": b, "label": L[b], "points": [at(o.year, o.value) for o in series[b]]}
                   for b in others],
        "path": [at(x, y) for x, y in path],
        "baseline": None,
        "milestones": [{"at": at(m.year, m.value), "label": _value(m.value, ind, lang)} for m in milestones],
        "target": {"at": at(goal.year, goal.value), "label": _value(goal.value, ind, lang)} if goal else None,
    }
    if observed:
        chart["observed"] = {
            "points": [at(o.year, o.value) for o in observed],
            "illustrative": any(o.provenance.illustrative for o in observed),
            "label": i18n.format_observed(observed[-1], ind, lang),
        }
    if baseline:
        chart["baseline"] = {"at": at(baseline.year, baseline.value),
                             "illustrative": baseline.provenance.illustrative}

    breakdown = L.get(t.breakdown, t.breakdown)
    what = f"{ind.name}, {L['target'].lower()} {t.id} ({breakdown})"
    chart["caption"] = what
    chart["alt"] = f"{L['chart_of']} {what}. " + " ".join(
        _alt_sentences(L, t, ind, lang, baseline, milestones, goal, observed, series, others, status, year))
    return chart


def _alt_sentences(L: dict, t: Target, ind: Indicator, lang: str, baseline: Observation | None, milestones,
                   goal, observed: tuple[Observation, ...], series, others: list[str],
                   status: str | None, year: int | None) -> Iterable[str]:
    decided = []
    if baseline:
        decided.append(f"{L['baseline']} {baseline.year}: {_value(baseline.value, ind, lang)}"
                       + (f" ({L['illustrative']})" if baseline.provenance.illustrative else ""))
    decided += [f"{L['milestone']} {m.year}: {_value(m.value, ind, lang)}" for m in milestones]
    if goal:
        decided.append(f"{L['target_value']} {goal.year}: {_value(goal.value, ind, lang)}")
    if decided:
        yield "; ".join(decided) + "."
    illustrative = f" ({L['chart_alt_illustrative']})"
    if len(observed) > 1:
        first, last = observed[0], observed[-1]
        yield L["chart_alt_observed"].format(
            first=first.year, last=last.year, start=_value(first.value, ind, lang),
            end=_value(last.value, ind, lang)) + (illustrative if any(o.provenance.illustrative for o in observed)
                                                  else "") + "."
    elif observed:
        yield L["chart_alt_single"].format(year=observed[0].year, value=_value(observed[0].value, ind, lang)) + "."
    if others:
        latest = {b: series[b][-1] for b in ("women", "men") if series.get(b)}
        if "women" in latest and "men" in latest and latest["women"].year == latest["men"].year:
            yield L["chart_alt_gender"].format(
                women=_value(latest["women"].value, ind, lang), men=_value(latest["men"].value, ind, lang),
                year=latest["women"].year) + (illustrative if any(o.provenance.illustrative
                                                                  for o in latest.values()) else "") + "."
    if baseline and goal:
        yield L["chart_alt_path"].format(start=_value(baseline.value, ind, lang), first=baseline.year,
                                         end=_value(goal.value, ind, lang), last=goal.year) + "."
    if status and year is not None:
        yield L["chart_alt_status"].format(year=year, status=status) + "."
