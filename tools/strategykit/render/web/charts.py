"""Charts as inline SVG: no script, no external file, readable without colour.

A chart is an image with a text alternative (``role="img"`` with ``<title>`` and
``<desc>``); the page also shows the same values as a table, so nothing is only
in the picture. Colour is never the only cue:

- observed values are solid lines, the path needed to reach a target is dashed;
- each breakdown (total, women, men) has its own point shape as well as its colour,
  and each observed line is labelled with its name and latest value at its end;
- baseline, milestone and target are a ring, a diamond and a square, and the
  target is labelled with its value and year.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Callable

# Colours with at least 4.5:1 contrast against white (WCAG 1.4.11 needs 3:1 for graphics; the
# labels are text in the same colour, so they need 4.5:1).
BREAKDOWN_COLOURS = {"total": "#1d4f7a", "women": "#a3431f", "men": "#2e6b3c"}
OTHER_COLOURS = ("#6a3d8a", "#7a5a00", "#1f6470")
BREAKDOWN_SHAPES = {"total": "circle", "women": "triangle", "men": "square"}

WIDTH, HEIGHT = 720, 380
LEFT, RIGHT, TOP = 78, 28, 30
LEGEND_ROW = 22
NEEDED_DASHES = ("7 5", "2.5 3.5")


@dataclass(frozen=True)
class Line:
    """A line over years: observed values (solid) or the path needed to reach a target (dashed)."""

    key: str
    """The breakdown ('total', 'women', 'men'): it picks the colour and the point shape."""
    label: str
    """What the line is, as its end label says it ('Totalt', 'Kvinnor')."""
    points: tuple[tuple[int, float], ...]
    needed: bool = False
    end_label: str = ""
    """The latest value as the page writes it, shown after the label at the line's end."""


@dataclass(frozen=True)
class Band:
    """A range of values that counts as on target (a target to maintain a level), from one year to another."""

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
    """Written beside the marker (targets only), e.g. '82 % (2030)'."""


def colour(key: str) -> str:
    return BREAKDOWN_COLOURS.get(key) or OTHER_COLOURS[sum(map(ord, key)) % len(OTHER_COLOURS)]


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


def value_axis(values: list[float]) -> tuple[float, float, float]:
    """(low, high, step) of the value axis.

    The axis starts at zero when the values are not far from it; otherwise it starts a
    little below the lowest value, so that a change of a few per cent can be seen. The
    ticks are labelled, so a reader sees where the axis starts.
    """
    lo, hi = min(values), max(values)
    if lo == hi:
        lo, hi = (lo - 1, hi + 1) if lo == 0 else (lo - abs(lo) * 0.1, hi + abs(hi) * 0.1)
    from_zero = lo >= 0 and lo <= 0.5 * hi
    pad = (hi - lo) * 0.12
    bottom = 0.0 if from_zero else lo - pad
    step = nice_step(hi + pad - bottom)
    low = math.floor(bottom / step) * step
    if lo >= 0:
        low = max(low, 0.0)
    high = math.ceil((hi + pad) / step) * step
    return low, high, step


def _shape(shape: str, x: float, y: float, fill: str, stroke: str, size: float, width: float = 2.0) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
    if shape == "square":
        return (f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size:.1f}" height="{2 * size:.1f}" '
                f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>')
    if shape == "triangle":
        h = size * 1.25
        return (f'<path d="M{x:.1f} {y - h:.1f} L{x + h:.1f} {y + h * 0.8:.1f} L{x - h:.1f} {y + h * 0.8:.1f} Z" '
                f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>')
    d = size * 1.3  # diamond
    return (f'<path d="M{x:.1f} {y - d:.1f} L{x + d:.1f} {y:.1f} L{x:.1f} {y + d:.1f} L{x - d:.1f} {y:.1f} Z" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>')


_MARKER_SHAPES = {"baseline": "circle", "milestone": "diamond", "target": "square"}


def _text(x: float, y: float, text: str, cls: str, *, anchor: str = "start", fill: str | None = None) -> str:
    fill_attr = f' fill="{fill}"' if fill else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{cls}"{fill_attr}>'
            f'{escape(text)}</text>')


def _spread(wanted: list[float], gap: float, lo: float, hi: float) -> list[float]:
    """Positions as close to ``wanted`` as possible, at least ``gap`` apart, within [lo, hi]."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [0.0] * len(wanted)
    last = lo - gap
    for i in order:
        placed[i] = max(wanted[i], last + gap)
        last = placed[i]
    overflow = last - hi
    if overflow > 0:
        for i in order:
            placed[i] -= overflow
    return placed


def _text_width(text: str) -> float:
    return 7.6 * len(text)


def tick_decimals(step: float) -> int:
    """As many decimals as the axis step needs: 0 for 5 or 1000, 1 for 0.2, 2 for 0.05."""
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0


def progress_chart(lines: list[Line], markers: list[Marker], *, chart_id: str, title: str, desc: str,
                   tick_label: Callable[[float, int], str], legend: dict[str, str],
                   bands: tuple[Band, ...] = ()) -> str:
    """An SVG line chart of observed values, the paths needed, and baselines, milestones and targets.

    ``legend`` names the kinds: 'observed', 'needed', 'baseline', 'milestone', 'target', and 'band'
    when there are ``bands``. ``tick_label(value, decimals)`` writes a value on the axis.
    """
    points = [(y, v) for line in lines for y, v in line.points] + [(m.year, m.value) for m in markers]
    points += [(b.first, b.low) for b in bands] + [(b.last, b.high) for b in bands]
    if not points:
        return ""
    years = [y for y, _ in points]
    y0, y1 = min(years), max(years)
    if y0 == y1:
        y0, y1 = y0 - 1, y1 + 1
    low, high, step = value_axis([v for _, v in points])

    observed = [line for line in lines if not line.needed and line.points]
    keys = list(dict.fromkeys(line.key for line in observed))
    kinds = [k for k in ("baseline", "milestone", "target") if any(m.kind == k for m in markers)]
    legend_items: list[tuple[str, str, str]] = []  # (what, key, text)
    if observed:
        legend_items.append(("observed", "", legend["observed"]))
    if any(line.needed for line in lines):
        legend_items.append(("needed", "", legend["needed"]))
    if bands:
        legend_items.append(("band", "", legend["band"]))
    legend_items += [(k, "", legend[k]) for k in kinds]
    if len(keys) > 1:
        legend_items += [("key", k, next(line.label for line in observed if line.key == k)) for k in keys]
    rows: list[list[tuple[str, str, str]]] = [[]]
    x = LEFT
    for item in legend_items:
        w = 34 + _text_width(item[2]) + 18
        if rows[-1] and x + w > WIDTH - RIGHT:
            rows.append([])
            x = LEFT
        rows[-1].append(item)
        x += w
    bottom = 44 + LEGEND_ROW * len(rows)
    height = HEIGHT - 64 + bottom
    right = RIGHT + (max((_text_width(f"{line.label} {line.end_label}") for line in observed), default=0) + 14
                     if observed and max(line.points[-1][0] for line in observed) >= y1 else 0)
    plot_w, plot_h = WIDTH - LEFT - right, height - TOP - bottom

    def sx(year: float) -> float:
        return LEFT + (year - y0) / (y1 - y0) * plot_w

    def sy(value: float) -> float:
        return TOP + (high - value) / (high - low) * plot_h

    out = [
        f'<svg class="sk-chart__svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    # Value axis: gridlines and labels.
    decimals = tick_decimals(step)
    for band in bands:
        x0, x1 = sx(band.first), sx(band.last)
        out.append(f'<rect x="{x0:.1f}" y="{sy(band.high):.1f}" width="{x1 - x0:.1f}" '
                   f'height="{sy(band.low) - sy(band.high):.1f}" fill="{colour(band.key)}" fill-opacity="0.1"/>')
    n = 0
    while low + n * step <= high + step / 2:
        tick = round(low + n * step, decimals + 2)
        y = sy(tick)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - right:.1f}" y2="{y:.1f}" '
                   f'stroke="{"#4a4a4a" if n == 0 else "#dcdcdc"}" stroke-width="1"/>')
        out.append(_text(LEFT - 8, y + 4, tick_label(tick, decimals), "sk-chart__tick", anchor="end"))
        n += 1
    # Year axis: round years, and the first and last year, where they fit.
    year_step = next((s for s in (1, 2, 5, 10, 20, 50) if (y1 - y0) / s <= 8), 100)
    ticks: list[int] = []
    for year in [y0, *range(math.ceil(y0 / year_step) * year_step, y1 + 1, year_step), y1]:
        if year not in ticks and all(abs(sx(year) - sx(t)) >= 40 for t in ticks):
            ticks.append(year)
    if y1 not in ticks:
        ticks = [t for t in ticks if abs(sx(t) - sx(y1)) >= 40] + [y1]
    for year in sorted(ticks):
        x = sx(year)
        out.append(f'<line x1="{x:.1f}" y1="{TOP + plot_h:.1f}" x2="{x:.1f}" y2="{TOP + plot_h + 5:.1f}" '
                   f'stroke="#4a4a4a"/>')
        out.append(_text(x, TOP + plot_h + 20, str(year), "sk-chart__tick", anchor="middle"))
    # The needed paths under the observed lines; a second path of the same breakdown is dotted.
    dashes: dict[str, int] = {}
    for line in lines:
        if line.needed and len(line.points) > 1:
            n = dashes[line.key] = dashes.get(line.key, -1) + 1
            path = " ".join(f"{'M' if j == 0 else 'L'}{sx(y):.1f} {sy(v):.1f}" for j, (y, v) in enumerate(line.points))
            out.append(f'<path d="{path}" fill="none" stroke="{colour(line.key)}" stroke-width="2" '
                       f'stroke-dasharray="{NEEDED_DASHES[n % len(NEEDED_DASHES)]}"/>')
    for line in observed:
        c = colour(line.key)
        pts = sorted(line.points)
        if len(pts) > 1:
            path = " ".join(f"{'M' if j == 0 else 'L'}{sx(y):.1f} {sy(v):.1f}" for j, (y, v) in enumerate(pts))
            out.append(f'<path d="{path}" fill="none" stroke="{c}" stroke-width="2.5"/>')
        shape = BREAKDOWN_SHAPES.get(line.key, "circle")
        for y, v in pts:
            out.append(_shape(shape, sx(y), sy(v), c, c, 3.2, 1))
    for m in markers:
        c = colour(m.key)
        out.append(_shape(_MARKER_SHAPES[m.kind], sx(m.year), sy(m.value), "#ffffff", c, 5.5, 2.5))
    # Labels: each observed line at its end, each target beside its square.
    ends = [(line, sorted(line.points)[-1]) for line in observed]
    wanted = [sy(v) + 4 for _, (_, v) in ends]
    placed = _spread(wanted, 15, TOP + 8, TOP + plot_h - 4)
    for (line, (year, _)), y in zip(ends, placed):
        text = f"{line.label} {line.end_label}".strip()
        out.append(_text(sx(year) + 9, y, text, "sk-chart__value", fill=colour(line.key)))
    targets = [m for m in markers if m.kind == "target" and m.label]
    placed = _spread([sy(m.value) - 10 for m in targets], 17, TOP + 4, TOP + plot_h - 4)
    for m, y in zip(targets, placed):
        x = sx(m.year)
        anchor = "end" if x > WIDTH - right - 60 else "start"
        dx = -10 if anchor == "end" else 10
        out.append(_text(x + dx, y, m.label, "sk-chart__value", anchor=anchor, fill=colour(m.key)))
    # Legend: line styles and point shapes, then the breakdowns when there are several.
    for r, row in enumerate(rows):
        ly = height - bottom + 44 + r * LEGEND_ROW
        x = LEFT
        for what, key, text in row:
            if what == "band":
                out.append(f'<rect x="{x:.1f}" y="{ly - 11:.1f}" width="26" height="14" fill="#1d4f7a" '
                           f'fill-opacity="0.1" stroke="#1d4f7a" stroke-opacity="0.35"/>')
            elif what in ("observed", "needed"):
                dash = ' stroke-dasharray="7 5"' if what == "needed" else ""
                out.append(f'<line x1="{x:.1f}" y1="{ly - 4:.1f}" x2="{x + 26:.1f}" y2="{ly - 4:.1f}" '
                           f'stroke="#333333" stroke-width="{2 if what == "needed" else 2.5}"{dash}/>')
            elif what == "key":
                c = colour(key)
                out.append(f'<line x1="{x:.1f}" y1="{ly - 4:.1f}" x2="{x + 26:.1f}" y2="{ly - 4:.1f}" '
                           f'stroke="{c}" stroke-width="2.5"/>')
                out.append(_shape(BREAKDOWN_SHAPES.get(key, "circle"), x + 13, ly - 4, c, c, 3.2, 1))
            else:
                out.append(_shape(_MARKER_SHAPES[what], x + 13, ly - 4, "#ffffff", "#333333", 5.5, 2.5))
            out.append(_text(x + 34, ly, text, "sk-chart__legend"))
            x += 34 + _text_width(text) + 18
    out.append("</svg>")
    return "".join(out)
