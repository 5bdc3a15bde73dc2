"""The PDF's chart geometry: what the profile draws, laid out from the shared chart spec."""

from __future__ import annotations

from pathlib import Path

from strategykit.analysis.followup import follow_up
from strategykit.present import charts
from strategykit.project import check
from strategykit.render.pdf.charts import chart_geometry

REPO = Path(__file__).resolve().parents[1]


def test_observed_lines_are_solid_and_told_apart_by_point_shape_as_the_caption_and_the_web_say():
    """The caption says 'Heldragna linjer visar utfallet. Streckade linjer visar den utveckling som
    behövs'; the PDF drew men's observed values dashed, like P2.2.a's dashed path beside them."""
    model = check(REPO).model
    spec = charts.indicator_chart(model, model.indicator("tertiary-education"), follow_up(model))
    assert "Heldragna linjer visar utfallet" in spec.caption
    geometry = chart_geometry(spec)
    observed = [s for s in geometry["series"] if s["kind"] == "observed"]
    needed = [s for s in geometry["series"] if s["kind"] == "needed"]
    assert [s["key"] for s in observed] == ["total", "women", "men"]
    assert all(s["line"] == "solid" for s in observed)
    assert needed and all(s["line"] in ("dashed", "dotted") for s in needed)
    assert [s["point"] for s in observed] == ["circle", "triangle", "square"], "the web's shapes"
    keys = {i["key"]: i["point"] for i in geometry["legend"] if i["what"] == "key"}
    assert keys == {"total": "circle", "women": "triangle", "men": "square"}


def test_a_y_tick_label_stands_clear_of_a_mark_on_the_axis():
    """On P3.3.a's chart (PDF page 47), '1 500 000' touched the baseline's ring on the first year, which
    sits on the y axis: every chart's tick labels end at least 2 pt short of the widest mark there."""
    from strategykit.render.pdf.charts import MARK_REACH, WIDTH

    model = check(REPO).model
    report = follow_up(model)
    drawn = 0
    for ind in model.indicators:
        spec = charts.indicator_chart(model, ind, report)
        if spec is None:
            continue
        g = chart_geometry(spec)
        assert g["tick_gap"] * WIDTH >= MARK_REACH + 2, ind.id
        on_axis = [m for m in g["markers"] if m["at"][0] == g["plot"]["left"]]
        on_axis += [p for s in g["series"] for p in s["points"] if p[0] == g["plot"]["left"]]
        drawn += bool(on_axis)
    assert drawn, "some chart has a mark on its y axis"


def test_the_legend_draws_a_dotted_path_dotted_as_the_chart_does():
    """The second path on one breakdown (P5.3.a beside P4.2.a) is dotted in the chart and in its legend."""
    model = check(REPO).model
    spec = charts.indicator_chart(model, model.indicator("public-transport-share"), follow_up(model))
    geometry = chart_geometry(spec)
    lines = {s["key"] + str(s["dash"]): s["line"] for s in geometry["series"] if s["kind"] == "needed"}
    assert lines == {"total0": "dashed", "total1": "dotted"}
    assert [(i["text"], i["line"]) for i in geometry["legend"] if i["what"] == "needed"] == [
        ("Nödvändig utveckling P4.2.a", "dashed"), ("Nödvändig utveckling P5.3.a", "dotted")]
