"""The chart of an indicator, decided once for both editions: round ticks, a cut axis said, labels apart."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from strategykit.analysis.followup import follow_up
from strategykit.present import charts
from strategykit.present.charts import Label, place_labels, value_range, year_ticks
from strategykit.project import check

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("low, high, expected", [
    (78.3, 83.0, (76, 84, 2)),
    (270154, 300000, (260000, 310000, 10000)),
    (1.2, 5.6, (0, 8, 2)),
    (375000, 1500000, (0, 2000000, 500000)),
])
def test_value_axis_steps_are_1_2_or_5_times_a_power_of_ten(low, high, expected):
    lo, hi, step = value_range([low, high])
    assert (lo, hi, step) == pytest.approx(expected)
    assert lo <= low and hi >= high
    assert f"{step:.0e}"[0] in "125"


@pytest.mark.parametrize("first, last, expected", [
    (2018, 2040, (2018, 2025, 2030, 2035, 2040)),
    (2018, 2030, (2018, 2025, 2030)),
    (2017, 2030, (2017, 2020, 2025, 2030)),
    (2018, 2022, (2018, 2019, 2020, 2021, 2022)),
    (2020, 2020, (2020,)),
])
def test_year_ticks_keep_both_ends_and_round_years_not_crowding_them(first, last, expected):
    assert year_ticks(first, last) == expected


@pytest.fixture(scope="module")
def example():
    model = check(REPO).model
    return model, follow_up(model)


def test_an_axis_that_does_not_start_at_zero_says_so_in_the_chart_and_its_alt_text(example):
    model, report = example
    specs = [charts.indicator_chart(model, ind, report) for ind in model.indicators]
    cut = [s for s in specs if s is not None and s.axis.low != 0]
    assert cut, "the example has an indicator whose axis is cut"
    for spec in cut:
        assert spec.axis.note.startswith("Värdeaxeln börjar vid ") and spec.axis.note in spec.alt
    whole = [s for s in specs if s is not None and s.axis.low == 0]
    assert whole and all(s.axis.note == "" for s in whole)


def test_one_chart_per_indicator_with_every_target_on_it_and_one_legend(example):
    model, report = example
    ind = model.indicator("employment-rate")
    spec = charts.indicator_chart(model, ind, report)
    assert set(spec.target_ids) == {t.id for _, t in model.targets_using(ind.id)}
    assert [s.key for s in spec.observed] == ["total", "women", "men"], "a share: women and men on the same scale"
    assert [i.what for i in spec.legend][:2] == ["observed", "needed"]
    assert len({i.text for i in spec.legend}) == len(spec.legend), "each thing once in the legend"


def test_the_data_table_has_a_row_per_year_and_a_column_per_line(example):
    model, report = example
    spec = charts.indicator_chart(model, model.indicator("employment-rate"), report)
    assert spec.table_header[0] == "År"
    years = [int(row[0].text) for row in spec.table_rows]
    assert years == sorted(years)
    assert all(len(row) == len(spec.table_header) for row in spec.table_rows)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_labels_are_placed_apart_even_when_their_anchors_coincide():
    labels = [Label(100, 50, 60, 12) for _ in range(4)] + [Label(300, 100, 80, 12)]
    boxes = place_labels(labels, (0, 0, 400, 200), segments=[(0, 50, 400, 50)])
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlap(a, b), (a, b)
    assert all(0 <= x0 and x1 <= 400 and 0 <= y0 and y1 <= 200 for x0, y0, x1, y1 in boxes)


def test_a_label_avoids_a_line_when_there_is_room():
    (box,) = place_labels([Label(100, 100, 40, 10)], (0, 0, 400, 200), segments=[(0, 100, 400, 100)])
    assert not (box[1] <= 100 <= box[3])


def test_a_share_names_its_unit_once_in_the_caption(example):
    """'andel (%)' is not followed by '(procent)'; a name without its unit still gets it."""
    model, report = example
    share = charts.indicator_chart(model, model.indicator("employment-rate"), report)
    assert "(%)" in share.caption and "(procent)" not in share.caption
    money = charts.indicator_chart(model, model.indicator("business-rd"), report)
    assert "(kronor per invånare)" in money.caption


def test_a_shares_value_axis_ends_at_100_percent(example):
    model, report = example
    spec = charts.indicator_chart(model, model.indicator("broadband-1gbit"), report)
    assert spec.axis.high == 100 and spec.axis.ticks[-1].value == 100
    shares = [charts.indicator_chart(model, ind, report) for ind in model.indicators if ind.unit == "percent"]
    assert all(s.axis.high <= 100 for s in shares if s is not None)


def _place_labels_pair_by_pair(labels, bounds, segments, points=(), gap=4.0):
    """The placement as it was first written, every label checked against every other: the specification
    ``place_labels`` must keep while it compares only neighbours."""
    from strategykit.present.charts import _hits, _overlaps

    placed = []
    for lab in labels:
        w, h = lab.width, lab.height
        offsets = [(gap, -h / 2), (-gap - w, -h / 2), (-w / 2, -gap - h), (-w / 2, gap),
                   (gap, -h - gap), (gap, gap), (-gap - w, -h - gap), (-gap - w, gap)]
        offsets += [(dx, dy + k * s * (h + 2)) for k in (1, 2, 3, 4) for s in (-1, 1) for dx, dy in offsets[:2]]
        best = None
        for dx, dy in offsets:
            x = min(max(lab.x + dx, bounds[0]), bounds[2] - w)
            y = min(max(lab.y + dy, bounds[1]), bounds[3] - h)
            box = (x, y, x + w, y + h)
            if any(_overlaps(box, other) for other in placed):
                continue
            cost = 1 if any(box[0] <= px <= box[2] and box[1] <= py <= box[3] for px, py in points) else 0
            cost += _hits(box, segments)
            if best is None or cost < best[0]:
                best = (cost, box)
            if cost == 0:
                break
        if best is None:
            x = min(max(lab.x + gap, bounds[0]), bounds[2] - w)
            y = min(max(lab.y - h / 2, bounds[1]), bounds[3] - h)
            best = (0, (x, y, x + w, y + h))
        placed.append(best[1])
    return placed


@pytest.mark.parametrize("seed", range(40))
def test_labels_are_placed_as_when_every_pair_was_compared(seed):
    import random

    rnd = random.Random(seed)
    n = rnd.choice([1, 5, 30, 120])
    labels = [Label(rnd.choice([rnd.uniform(0, 600), float(rnd.randrange(0, 600, 40))]), rnd.uniform(0, 300),
                    rnd.choice([20.0, 35.5, 60.0]), rnd.choice([8.0, 11.0])) for _ in range(n)]
    points = [(rnd.uniform(0, 600), rnd.uniform(0, 300)) for _ in range(rnd.randrange(0, 40))]
    segments = [(x0, rnd.uniform(0, 300), x0 + rnd.choice([0.0, 40.0, rnd.uniform(-200, 200)]), rnd.uniform(0, 300))
                for x0 in (rnd.uniform(0, 600) for _ in range(rnd.randrange(0, 60)))]
    bounds = (0.0, 0.0, 600.0, 300.0)
    assert place_labels(labels, bounds, segments, points) == _place_labels_pair_by_pair(labels, bounds, segments, points)


def test_placing_labels_compares_each_with_its_neighbours_only(monkeypatch):
    """Labels spread along a chart are not checked pair by pair: the work grows with their number, not its square."""
    from strategykit.present import charts

    calls = []
    real = charts._overlaps
    monkeypatch.setattr(charts, "_overlaps", lambda a, b: calls.append(1) or real(a, b))
    n = 600
    boxes = place_labels([Label(i * 30.0, 100.0, 20.0, 10.0) for i in range(n)], (0, 0, n * 30.0 + 50, 200), [])
    assert len(boxes) == n
    assert len(calls) < 10 * n, len(calls)  # pair by pair: n (n − 1) / 2 = 179 700


def test_a_path_to_an_illustrative_target_is_marked_illustrative_like_the_target(example):
    """P1.1.a's baseline is SCB's, its target value is invented: the goal table writes '300 000*',
    so the chart's path to it, its square and its data table must not show '300 000' unmarked."""
    model, report = example
    spec = charts.indicator_chart(model, model.indicator("population"), report)
    (target,) = [t for g, t in model.targets() if t.id == "P1.1.a"]
    assert not target.baseline.provenance.illustrative and target.target.illustrative
    (path,) = [s for s in spec.series if s.kind == "needed" and s.label == "P1.1.a"]
    assert path.illustrative
    column = spec.table_header.index("Nödvändig utveckling P1.1.a")
    cells = {row[0].text: row[column] for row in spec.table_rows if row[column].text != "–"}
    assert not cells.pop("2018").illustrative, "the path starts at SCB's baseline: that value is statistics"
    assert cells and all(c.illustrative for c in cells.values())
    square = next(m for m in spec.markers if m.kind == "target" and m.label.startswith("P1.1.a"))
    assert square.illustrative and "000* (2040)" in square.label
    milestones = [m for m in spec.markers if m.kind == "milestone" and m.key == "total"]
    assert milestones and all(m.illustrative for m in milestones)


def test_an_illustrative_milestone_and_target_are_marked_in_the_chart_its_label_and_alt_text(example):
    """P4.1.a's milestone (92 %, 2025) and target (98 %, 2030) were set by no decision: the chart
    marks them as the goal tables do, on the markers, in the target's label and in the alt text."""
    model, report = example
    ind = model.indicator("broadband-1gbit")
    spec = charts.indicator_chart(model, ind, report)
    decided = {m.kind: m for m in spec.markers if m.kind in ("milestone", "target")}
    assert decided["milestone"].illustrative and decided["target"].illustrative
    assert decided["target"].label == "98,0\u00a0%* (2030)"
    assert "etappmål 92,0\u00a0%* (2025)" in spec.alt and "målvärde 98,0\u00a0%* (2030)" in spec.alt


def test_a_lone_line_of_one_breakdown_is_named_in_the_legend_not_passed_off_as_the_values():
    """At the 2020 edition's date only the women's population was known (the total was retrieved later):
    the chart's one line is the women's, and its legend says so, as it does when the total is drawn beside it."""
    import datetime as dt
    from strategykit.analysis.known import known_at

    model = known_at(check(REPO).model, dt.date(2020, 5, 12))
    spec = charts.indicator_chart(model, model.indicator("population"), follow_up(model))
    assert [s.key for s in spec.series if s.kind == "observed"] == ["women"]
    assert [item.text for item in spec.legend if item.what == "key"] == ["Kvinnor"]


def test_two_paths_on_one_line_of_values_are_each_named_in_the_legend(example):
    """P4.2.a's and P5.3.a's paths both run on the public transport share's total: the second is
    dotted, and the legend names each line by its target; it showed one dashed 'Nödvändig utveckling'
    and nothing for the dotted one. Paths on different breakdowns keep the one entry (colour tells them)."""
    model, report = example
    spec = charts.indicator_chart(model, model.indicator("public-transport-share"), report)
    needed = [(i.text, i.dash) for i in spec.legend if i.what == "needed"]
    assert needed == [("Nödvändig utveckling P4.2.a", 0), ("Nödvändig utveckling P5.3.a", 1)]
    apart = charts.indicator_chart(model, model.indicator("tertiary-education"), report)
    assert [(i.text, i.dash) for i in apart.legend if i.what == "needed"] == [("Nödvändig utveckling", 0)]
