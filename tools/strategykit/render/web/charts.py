"""Charts as inline SVG: the layout of a ``present.charts.ChartSpec``, nothing decided here.

A chart is an image with a text alternative (``role="img"`` with ``<title>`` and
``<desc>``); the page also shows the same values as a table, so nothing is only
in the picture. Colour is never the only cue:

- observed values are solid lines, the path needed to reach a target is dashed;
- each breakdown (total, women, men) has its own point shape as well as its colour,
  and each observed line is labelled with its name and latest value at its end;
- baseline, milestone and target are a ring, a diamond and a square, and the
  target is labelled with its value and year.

Text keeps its size on every screen: an SVG with a viewBox scales its text with its
width, so each chart is drawn twice, 720 units wide for wide screens and 360 for
narrow ones, and the stylesheet shows the one that fits (``.sk-chart__svg--wide``,
``--narrow``); the narrow one leaves the end labels to the legend and the table.
"""

from __future__ import annotations

import copy
from html import escape

from strategykit.present.charts import ChartSpec, Label, place_labels, point_shape

# Colours with at least 4.5:1 contrast against white (WCAG 1.4.11 needs 3:1 for graphics; the
# labels are text in the same colour, so they need 4.5:1).
BREAKDOWN_COLOURS = {"total": "#1d4f7a", "women": "#a3431f", "men": "#2e6b3c"}
OTHER_COLOURS = ("#6a3d8a", "#7a5a00", "#1f6470")
NEEDED_DASHES = ("7 5", "2.5 3.5")
_MARKER_SHAPES = {"baseline": "circle", "milestone": "diamond", "target": "square"}
TICK_GAP = 6
"""Between a value axis label's right end and the plot."""


class _Layout:
    """The sizes of one variant, in SVG units; the font sizes are in the stylesheet's px at scale 1."""

    def __init__(self, width: int, font: float, end_labels: bool):
        self.width = width
        self.font = font
        self.char = font * 0.56
        self.left = font * 4.2
        self.right = 20
        self.top = font * 1.6 + 8
        self.plot_height = width * 0.42 if width > 500 else width * 0.62
        self.legend_row = font * 1.7
        self.end_labels = end_labels

    def text_width(self, text: str) -> float:
        return self.char * len(text)


WIDE = _Layout(720, 16, True)
NARROW = _Layout(360, 15.5, False)


def colour(key: str) -> str:
    return BREAKDOWN_COLOURS.get(key) or OTHER_COLOURS[sum(map(ord, key)) % len(OTHER_COLOURS)]


BAR_WIDTH = 160


def bar_svg(share: float) -> str:
    """One bar of a bar table (``present.breakdowns``): hidden from screen readers, whose
    neighbouring cell says the value in words; at least a sliver, so that a small value shows."""
    width = max(share * BAR_WIDTH, 1.5)
    return (f'<svg class="sk-bar" width="{BAR_WIDTH}" height="12" viewBox="0 0 {BAR_WIDTH} 12" '
            f'preserveAspectRatio="none" aria-hidden="true" focusable="false">'
            f'<rect x="0" y="1" width="{width:.1f}" height="10" fill="{colour("total")}"/></svg>')


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


def _text(x: float, y: float, text: str, cls: str, *, anchor: str = "start", fill: str | None = None) -> str:
    fill_attr = f' fill="{fill}"' if fill else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{cls}"{fill_attr}>'
            f'{escape(text)}</text>')


def _wrap(text: str, lay: _Layout) -> list[str]:
    lines: list[str] = []
    for word in text.split(" "):
        if lines and lay.text_width(lines[-1] + " " + word) <= lay.width - lay.left * 0.3 - 8:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _legend_rows(spec: ChartSpec, lay: _Layout, items) -> list[list]:
    rows: list[list] = [[]]
    x = lay.left * 0.3
    for item in items:
        w = 34 + lay.text_width(item.text) + 18
        if rows[-1] and x + w > lay.width - 8:
            rows.append([])
            x = lay.left * 0.3
        rows[-1].append(item)
        x += w
    return rows


def _variant(spec: ChartSpec, chart_id: str, lay: _Layout, variant: str) -> str:
    observed = spec.observed
    ax = spec.axis
    widest = max((lay.text_width(t.label) for t in ax.ticks), default=0.0) + TICK_GAP + lay.font * 0.3
    if widest > lay.left:
        # The value axis's labels within the chart: '2 000 000' was wider than the 4.2 em left of the
        # plot, and drawn from its right end it lost its first digits past the chart's edge.
        lay = copy.copy(lay)
        lay.left = widest
    y0, y1 = spec.first_year, spec.last_year
    items = list(spec.legend)
    if not lay.end_labels and len(observed) == 1:
        # Without end labels the one observed line is named in the legend by its latest value.
        items = [i if i.what != "observed" else type(i)(i.what, i.key, f"{i.text} ({observed[0].end_label})")
                 for i in items]
    elif not lay.end_labels:
        ends = {s.key: s.end_label for s in observed}
        items = [i if i.what != "key" else type(i)(i.what, i.key, f"{i.text} {ends.get(i.key, '')}".strip())
                 for i in items]
    rows = _legend_rows(spec, lay, items)
    note = _wrap(ax.note, lay) if ax.note else []
    note_h = lay.legend_row * len(note)
    bottom = lay.font * 2.4 + lay.legend_row * len(rows) + note_h + 8
    right = lay.right
    if lay.end_labels and observed and max(s.points[-1][0] for s in observed) >= y1:
        right += max(lay.text_width(f"{s.label} {s.end_label}") for s in observed) + 12
    plot_w = lay.width - lay.left - right
    plot_h = lay.plot_height
    height = lay.top + plot_h + bottom

    def sx(year: float) -> float:
        return lay.left + (year - y0) / (y1 - y0) * plot_w

    def sy(value: float) -> float:
        return lay.top + (ax.high - value) / (ax.high - ax.low) * plot_h

    ident = f"{chart_id}-{variant}"
    out = [
        f'<svg class="sk-chart__svg sk-chart__svg--{variant}" viewBox="0 0 {lay.width} {height:.0f}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(spec.title)}</title>',
        f'<desc id="{ident}-desc">{escape(spec.alt)}</desc>',
    ]
    for band in spec.bands:
        x0, x1 = sx(band.first), sx(band.last)
        out.append(f'<rect x="{x0:.1f}" y="{sy(band.high):.1f}" width="{x1 - x0:.1f}" '
                   f'height="{sy(band.low) - sy(band.high):.1f}" fill="{colour(band.key)}" fill-opacity="0.1"/>')
    for n, tick in enumerate(ax.ticks):
        y = sy(tick.value)
        out.append(f'<line x1="{lay.left:.1f}" y1="{y:.1f}" x2="{lay.width - right:.1f}" y2="{y:.1f}" '
                   f'stroke="{"#4a4a4a" if n == 0 else "#dcdcdc"}" stroke-width="1"/>')
        out.append(_text(lay.left - TICK_GAP, y + lay.font * 0.35, tick.label, "sk-chart__tick", anchor="end"))
    shown_years = [y for y in spec.year_ticks]
    if lay.width < 500 and len(shown_years) > 3:
        # Fewer year labels on a narrow chart, so that they do not run into each other: every other
        # one, then none closer to the one before it than a label's width ('2017' and '2020' ran
        # together as '20172020'); the first and the last year always stay.
        candidates = [shown_years[0], *shown_years[1:-1:2], shown_years[-1]]
        room = lay.text_width("2030") + 6
        shown_years = [candidates[0]]
        for year in candidates[1:-1]:
            if sx(year) - sx(shown_years[-1]) >= room:
                shown_years.append(year)
        while len(shown_years) > 1 and sx(candidates[-1]) - sx(shown_years[-1]) < room:
            shown_years.pop()
        shown_years.append(candidates[-1])
    for year in shown_years:
        x = sx(year)
        out.append(f'<line x1="{x:.1f}" y1="{lay.top + plot_h:.1f}" x2="{x:.1f}" y2="{lay.top + plot_h + 5:.1f}" '
                   f'stroke="#4a4a4a"/>')
        out.append(_text(x, lay.top + plot_h + lay.font + 6, str(year), "sk-chart__tick", anchor="middle"))
    segments: list[tuple[float, float, float, float]] = []
    for s in spec.series:
        pts = sorted(s.points)
        segments += [(sx(a), sy(b), sx(c), sy(d)) for (a, b), (c, d) in zip(pts, pts[1:])]
        if s.kind == "needed" and len(pts) > 1:
            path = " ".join(f"{'M' if j == 0 else 'L'}{sx(y):.1f} {sy(v):.1f}" for j, (y, v) in enumerate(pts))
            out.append(f'<path d="{path}" fill="none" stroke="{colour(s.key)}" stroke-width="2" '
                       f'stroke-dasharray="{NEEDED_DASHES[s.dash % len(NEEDED_DASHES)]}"/>')
    for s in observed:
        c = colour(s.key)
        pts = sorted(s.points)
        if len(pts) > 1:
            path = " ".join(f"{'M' if j == 0 else 'L'}{sx(y):.1f} {sy(v):.1f}" for j, (y, v) in enumerate(pts))
            out.append(f'<path d="{path}" fill="none" stroke="{c}" stroke-width="2.5"/>')
        shape = point_shape(s.key)
        for y, v in pts:
            out.append(_shape(shape, sx(y), sy(v), c, c, 3.2, 1))
    for m in spec.markers:
        out.append(_shape(_MARKER_SHAPES[m.kind], sx(m.year), sy(m.value), "#ffffff", colour(m.key), 5.5, 2.5))
    # Labels: each observed line at its end (wide only), each target beside its square; none over another.
    labels: list[tuple[str, str, Label]] = []
    if lay.end_labels:
        for s in observed:
            year, value = sorted(s.points)[-1]
            text = f"{s.label} {s.end_label}".strip()
            labels.append((text, colour(s.key), Label(sx(year) + 5, sy(value), lay.text_width(text), lay.font * 1.1)))
    for m in spec.markers:
        if m.kind == "target" and m.label:
            labels.append((m.label, colour(m.key), Label(sx(m.year), sy(m.value), lay.text_width(m.label),
                                                         lay.font * 1.1)))
    points = [(sx(m.year), sy(m.value)) for m in spec.markers]
    boxes = place_labels([lab for _, _, lab in labels], (lay.left, lay.top - lay.font, lay.width - 2, lay.top + plot_h),
                         segments, points, gap=8)
    for (text, fill, _), box in zip(labels, boxes):
        out.append(_text(box[0], box[3] - lay.font * 0.25, text, "sk-chart__value", fill=fill))
    # Legend: line styles and point shapes, then the breakdowns when there are several; then the axis note.
    legend_top = lay.top + plot_h + lay.font * 2.4 + 8
    for r, row in enumerate(rows):
        ly = legend_top + r * lay.legend_row + lay.font * 0.5
        x = lay.left * 0.3
        for item in row:
            what, key, text = item.what, item.key, item.text
            if what == "band":
                out.append(f'<rect x="{x:.1f}" y="{ly - 11:.1f}" width="26" height="14" fill="#1d4f7a" '
                           f'fill-opacity="0.1" stroke="#1d4f7a" stroke-opacity="0.35"/>')
            elif what in ("observed", "needed"):
                dash = (f' stroke-dasharray="{NEEDED_DASHES[item.dash % len(NEEDED_DASHES)]}"'
                        if what == "needed" else "")
                out.append(f'<line x1="{x:.1f}" y1="{ly - 4:.1f}" x2="{x + 26:.1f}" y2="{ly - 4:.1f}" '
                           f'stroke="#333333" stroke-width="{2 if what == "needed" else 2.5}"{dash}/>')
            elif what == "key":
                c = colour(key)
                out.append(f'<line x1="{x:.1f}" y1="{ly - 4:.1f}" x2="{x + 26:.1f}" y2="{ly - 4:.1f}" '
                           f'stroke="{c}" stroke-width="2.5"/>')
                out.append(_shape(point_shape(key), x + 13, ly - 4, c, c, 3.2, 1))
            else:
                out.append(_shape(_MARKER_SHAPES[what], x + 13, ly - 4, "#ffffff", "#333333", 5.5, 2.5))
            out.append(_text(x + 34, ly, text, "sk-chart__legend"))
            x += 34 + lay.text_width(text) + 18
    for i, line in enumerate(note):
        out.append(_text(lay.left * 0.3, legend_top + (len(rows) + i) * lay.legend_row + lay.font * 0.5, line,
                         "sk-chart__legend"))
    out.append("</svg>")
    return "".join(out)


def chart_svg(spec: ChartSpec, chart_id: str) -> str:
    """Both variants of the chart; the stylesheet shows one."""
    return _variant(spec, chart_id, WIDE, "wide") + _variant(spec, chart_id, NARROW, "narrow")
