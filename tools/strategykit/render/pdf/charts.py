"""An indicator's chart (``present.charts.ChartSpec``) as geometry for the Typst profile.

Nothing is decided here: the spec says what is drawn, its axes and its words; this
module only turns values into positions. Positions run from 0 to 1 across the whole
chart box (x from its left edge, y from its top), so a replaced profile cannot scale
an axis or format a tick label differently from the tables; labels are placed here
(``present.charts.place_labels``) so that none covers another, with the sizes the
profile uses: 9 pt text in a chart as wide as the text column.
"""

from __future__ import annotations

from strategykit.present.charts import ChartSpec, Label, place_labels, point_shape

WIDTH = 440.0
"""The chart's width in pt: the text column of an A4 page with the default margins, near enough."""
PLOT_HEIGHT = 150.0
TOP = 10.0
BELOW = 16.0
FONT = 9.0
CHAR = FONT * 0.5
"""An average character's width at 9 pt, a little wide, so that a label never runs longer than its box."""
MARK_REACH = 3.7
"""How far the widest mark the profile draws on a point reaches from it, in pt (the milestone's
diamond: 6.4 pt wide with its stroke): a mark on the first year sits on the y axis and reaches
this far into the tick labels' gutter."""
TICK_GAP = MARK_REACH + 3.0
"""From a y tick label's end to the axis, in pt: clear of a mark on the axis (at 4 pt the label
'1 500 000' touched the baseline's ring on P3.3.a's chart)."""


def _width(text: str) -> float:
    return CHAR * len(text) + 2


def chart_geometry(spec: ChartSpec) -> dict:
    ax = spec.axis
    gutter = max(_width(t.label) for t in ax.ticks) + TICK_GAP + 2
    observed = spec.observed
    right = 10.0
    if observed and max(s.points[-1][0] for s in observed) >= spec.last_year:
        right += max(_width(f"{s.label} {s.end_label}") for s in observed) + 6
    plot_w = WIDTH - gutter - right
    height = TOP + PLOT_HEIGHT + BELOW
    y0, y1 = spec.first_year, spec.last_year

    def X(year: float) -> float:
        return gutter + (year - y0) / (y1 - y0) * plot_w

    def Y(value: float) -> float:
        return TOP + (ax.high - value) / (ax.high - ax.low) * PLOT_HEIGHT

    def at(year: float, value: float) -> list[float]:
        return [round(X(year) / WIDTH, 4), round(Y(value) / height, 4)]

    series = []
    segments = []
    for s in spec.series:
        pts = sorted(s.points)
        segments += [(X(a), Y(b), X(c), Y(d)) for (a, b), (c, d) in zip(pts, pts[1:])]
        # As the caption says: observed values solid (told apart by colour, point shape and label),
        # the paths needed dashed (a second path on the same breakdown dotted).
        line = "solid" if s.kind == "observed" else ("dashed" if s.dash == 0 else "dotted")
        series.append({"key": s.key, "kind": s.kind, "dash": s.dash, "illustrative": s.illustrative,
                       "line": line, "point": point_shape(s.key) if s.kind == "observed" else "",
                       "points": [at(y, v) for y, v in pts]})
    labels = []
    for s in observed:
        year, value = sorted(s.points)[-1]
        text = f"{s.label} {s.end_label}".strip()
        labels.append((text, s.key, "observed", Label(X(year) + 3, Y(value), _width(text), FONT * 1.2)))
    for m in spec.markers:
        if m.kind == "target" and m.label:
            labels.append((m.label, m.key, "needed", Label(X(m.year), Y(m.value), _width(m.label), FONT * 1.2)))
    boxes = place_labels([lab for *_, lab in labels], (gutter, 0, WIDTH, TOP + PLOT_HEIGHT), segments,
                         [(X(m.year), Y(m.value)) for m in spec.markers], gap=4)
    return {
        "width": WIDTH, "height": height, "font": FONT,
        "plot": {"left": round(gutter / WIDTH, 4), "right": round((gutter + plot_w) / WIDTH, 4),
                 "top": round(TOP / height, 4), "bottom": round((TOP + PLOT_HEIGHT) / height, 4)},
        "tick_gap": round(TICK_GAP / WIDTH, 4),
        "y_ticks": [{"at": at(y0, t.value)[1], "label": t.label} for t in ax.ticks],
        "x_ticks": [{"at": at(y, ax.low)[0], "label": str(y)} for y in spec.year_ticks],
        "bands": [{"key": b.key, "from": at(b.first, b.high), "to": at(b.last, b.low)} for b in spec.bands],
        "series": series,
        "markers": [{"key": m.key, "kind": m.kind, "at": at(m.year, m.value), "illustrative": m.illustrative}
                    for m in spec.markers],
        "labels": [{"text": text, "key": key, "ink": ink, "at": [round(box[0] / WIDTH, 4), round(box[1] / height, 4)]}
                   for (text, key, ink, _), box in zip(labels, boxes)],
        "legend": [{"what": i.what, "key": i.key, "text": i.text,
                    "point": point_shape(i.key) if i.what == "key" else "",
                    "line": ("dashed" if i.dash == 0 else "dotted") if i.what == "needed" else ""}
                   for i in spec.legend],
        "axis_note": ax.note,
        "alt": f"{spec.title}. {spec.alt}",  # a PDF figure has one text: its title is part of it
        "caption": spec.caption,
        "title": spec.title,
    }
