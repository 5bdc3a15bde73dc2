"""The web edition's chart geometry, laid out from the shared chart spec."""

from __future__ import annotations

import re
from pathlib import Path

from strategykit.analysis.followup import follow_up
from strategykit.present import charts
from strategykit.project import check
from strategykit.render.web.charts import NARROW, WIDE, chart_svg

REPO = Path(__file__).resolve().parents[1]


def test_a_tick_label_of_seven_digits_fits_inside_the_chart():
    """The example's emissions run to 2 500 000 on the axis: the labels were cut at the chart's left
    edge ("500 000" for "2 500 000"), as the gutter was sized for five digits."""
    model = check(REPO).model
    spec = charts.indicator_chart(model, model.indicator("ghg-emissions-total"), follow_up(model))
    assert any(len(t.label) >= 9 for t in spec.axis.ticks)
    svg = chart_svg(spec, "ghg")
    for variant, lay in (("wide", WIDE), ("narrow", NARROW)):
        part = svg[svg.index(f"sk-chart__svg--{variant}"):]
        part = part[:part.index("</svg>")]
        ticks = re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="end" class="sk-chart__tick"[^>]*>([^<]+)</text>',
                           part)
        assert ticks
        for x, label in ticks:
            assert float(x) - lay.text_width(label) >= 0, (variant, label, x)
