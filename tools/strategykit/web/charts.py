"""Charts as inline SVG: no script, no external file, readable without colour.

A chart is an image with a text alternative (``role="img"`` with ``<title>`` and
``<desc>``); the page also shows the same values as a table, so nothing is only
in the picture. Lines that are planned (from the baseline to milestones and the
target) are dashed; each kind of point has its own shape, and every point is
labelled with its value, so colour is never the only cue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

# Colours with at least 4.5:1 contrast against white (WCAG 1.4.11 needs 3:1 for graphics).
SERIES_COLOURS = ("#1d4f7a", "#a3431f", "#2e6b3c", "#6a3d8a", "#7a5a00", "#1f6470")

WIDTH, HEIGHT = 680, 320
LEFT, RIGHT, TOP, BOTTOM = 84, 24, 24, 64


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    kind: str
    """'baseline', 'milestone' or 'target'."""
    label: str
    """The value as the page writes it (formatted, with its illustrative mark if any)."""


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[Point, ...]


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) that divides ``span`` into about ``ticks`` parts."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * magnitude:
            return m * magnitude
    return 10 * magnitude


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "baseline":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" fill="{colour}"/>'
    if kind == "milestone":
        d = 6.5
        return (f'<path d="M{x:.1f} {y - d:.1f} L{x + d:.1f} {y:.1f} L{x:.1f} {y + d:.1f} '
                f'L{x - d:.1f} {y:.1f} Z" fill="#fff" stroke="{colour}" stroke-width="2.5"/>')
    return (f'<rect x="{x - 5.5:.1f}" y="{y - 5.5:.1f}" width="11" height="11" fill="#fff" '
            f'stroke="{colour}" stroke-width="2.5"/>')


def line_chart(series: list[Series], *, chart_id: str, title: str, desc: str,
               tick_label, kind_labels: dict[str, str]) -> str:
    """An SVG line chart of ``series`` over years; ``tick_label(value)`` formats the y axis."""
    points = [p for s in series for p in s.points]
    if not points:
        return ""
    years = [p.year for p in points]
    y0, y1 = min(years), max(years)
    if y0 == y1:
        y0, y1 = y0 - 1, y1 + 1
    values = [p.value for p in points]
    low = min(0.0, min(values))
    high = max(values)
    step = nice_step(high - low)
    high = math.ceil(high / step) * step if high > low else low + step
    if high == max(values):
        high += step
    low = math.floor(low / step) * step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def sx(year: float) -> float:
        return LEFT + (year - y0) / (y1 - y0) * plot_w

    def sy(value: float) -> float:
        return TOP + (high - value) / (high - low) * plot_h

    out = [
        f'<svg class="sk-chart__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    tick = low
    while tick <= high + step / 2:
        y = sy(tick)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                   f'stroke="{"#4a4a4a" if tick == low else "#d6d6d6"}" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" class="sk-chart__tick">'
                   f'{escape(tick_label(tick))}</text>')
        tick += step
    year_step = next((st for st in (1, 2, 5, 10, 20, 50) if (y1 - y0) / st <= 8), 100)
    data_years = set(years)
    regular = range(math.ceil(y0 / year_step) * year_step, y1 + 1, year_step)
    ticks = sorted(data_years | {y for y in regular
                                 if all(abs(sx(y) - sx(d)) >= 44 for d in data_years)})
    for year in ticks:
        x = sx(year)
        out.append(f'<line x1="{x:.1f}" y1="{TOP + plot_h}" x2="{x:.1f}" y2="{TOP + plot_h + 5}" '
                   f'stroke="#4a4a4a"/>')
        out.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 20}" text-anchor="middle" '
                   f'class="sk-chart__tick">{year}</text>')
    label_values = len(series) <= 2
    for i, s in enumerate(series):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        pts = sorted(s.points, key=lambda p: p.year)
        if len(pts) > 1:
            path = " ".join(f"{'M' if j == 0 else 'L'}{sx(p.year):.1f} {sy(p.value):.1f}"
                            for j, p in enumerate(pts))
            out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2.5" '
                       f'stroke-dasharray="7 5"/>')
        for p in pts:
            x, y = sx(p.year), sy(p.value)
            out.append(_marker(p.kind, x, y, colour))
            if label_values:
                dy = -12 if i == 0 else 22
                anchor = "start" if x < LEFT + 30 else "end" if x > WIDTH - RIGHT - 30 else "middle"
                out.append(f'<text x="{x:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" '
                           f'class="sk-chart__value" fill="{colour}">{escape(p.label)}</text>')
    # Legend: the kinds of points (shape) and, when there are several, the series (colour).
    lx, ly = LEFT, HEIGHT - 18
    kinds = [k for k in ("baseline", "milestone", "target") if any(p.kind == k for p in points)]
    for kind in kinds:
        out.append(_marker(kind, lx + 6, ly - 4, "#333"))
        out.append(f'<text x="{lx + 18}" y="{ly}" class="sk-chart__legend">{escape(kind_labels[kind])}</text>')
        lx += 30 + 8 * len(kind_labels[kind])
    if len(series) > 1:
        for i, s in enumerate(series):
            colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
            out.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 18}" y2="{ly - 4}" stroke="{colour}" '
                       f'stroke-width="3"/>')
            out.append(f'<text x="{lx + 24}" y="{ly}" class="sk-chart__legend">{escape(s.label)}</text>')
            lx += 36 + 8 * len(s.label)
    out.append("</svg>")
    return "".join(out)
