"""The indicator charts as geometry: round ticks, every point on the plot, the path ending at the target."""

from __future__ import annotations

import pytest

from strategykit.analysis.followup import target_progress
from strategykit.model import Goal, Indicator, Observation, Provenance, Target, GoalValue
from strategykit.render.pdf.charts import line_chart, nice_ticks, year_ticks


@pytest.mark.parametrize("low, high, expected, decimals", [
    (78.3, 83.0, [78, 80, 82, 84], 0),
    (270154, 300000, [270000, 280000, 290000, 300000], 0),
    (1.2, 5.6, [0, 2, 4, 6], 0),
    (0.42, 0.61, [0.4, 0.45, 0.5, 0.55, 0.6, 0.65], 2),
    (375000, 1500000, [0, 500000, 1000000, 1500000], 0),
    (12.0, 12.0, [11, 11.5, 12, 12.5, 13], 1),
])
def test_value_ticks_are_round_and_cover_the_values(low, high, expected, decimals):
    ticks, places = nice_ticks(low, high)
    assert ticks == pytest.approx(expected)
    assert places == decimals
    assert ticks[0] <= low and ticks[-1] >= high


@pytest.mark.parametrize("first, last, expected", [
    (2018, 2040, [2018, 2025, 2030, 2035, 2040]),
    (2018, 2030, [2018, 2025, 2030]),
    (2017, 2030, [2017, 2020, 2025, 2030]),
    (2018, 2022, [2018, 2019, 2020, 2021, 2022]),
    (2020, 2020, [2020]),
])
def test_year_ticks_keep_both_ends_and_round_years_not_crowding_them(first, last, expected):
    assert year_ticks(first, last) == expected


def indicator(unit: str) -> Indicator:
    return Indicator("ind", "Andel i arbete", unit, 1, "", None, ("gender",), "yearly", "")


def obs(year: int, value: float, breakdown: str = "total", illustrative: bool = True) -> Observation:
    return Observation(year, value, Provenance(illustrative=illustrative), breakdown=breakdown)


def target(breakdown: str = "total") -> Target:
    return Target("P1.1.a", "Öka.", "ind", "increase", obs(2018, 80.0, breakdown), GoalValue(2030, 83.0),
                  (GoalValue(2025, 82.0),), breakdown, ())


class _Model:
    """Just enough of a Strategy for ``target_progress``: the observed series."""

    def __init__(self, series):
        self._series = series

    def series(self, indicator_id, breakdown="total", until=None):
        return tuple(o for o in self._series.get(breakdown, ()) if until is None or o.year <= until)


SERIES = {
    "total": (obs(2018, 80.0), obs(2020, 80.6), obs(2022, 81.5)),
    "women": (obs(2018, 79.0, "women"), obs(2020, 79.9, "women"), obs(2022, 81.0, "women")),
    "men": (obs(2018, 81.0, "men"), obs(2020, 81.3, "men"), obs(2022, 82.0, "men")),
}


def chart_for(unit: str = "percent", breakdown: str = "total", series=SERIES):
    t = target(breakdown)
    goal = Goal("P1.1", "Mål", "", (), (), (t,), "P1")
    progress = target_progress(_Model(series), goal, t, 2022)
    return line_chart(t, progress, indicator(unit), series, "sv", status="I rätt takt", year=2022)


def test_every_point_lies_on_the_plot_and_the_path_ends_at_the_target():
    chart = chart_for()
    points = chart["path"] + chart["observed"]["points"] + [chart["target"]["at"]] + \
        [m["at"] for m in chart["milestones"]] + [p for o in chart["others"] for p in o["points"]]
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in points)
    assert chart["path"][0] == chart["baseline"]["at"]
    assert chart["path"][-1] == chart["target"]["at"]
    assert chart["x_ticks"][0] == {"at": 0.0, "label": "2018"} and chart["x_ticks"][-1]["label"] == "2030"
    assert chart["observed"]["label"] == "81,5\u00a0%*"


def test_women_and_men_are_drawn_for_a_share_but_not_for_a_count():
    assert [o["breakdown"] for o in chart_for("percent")["others"]] == ["women", "men"]
    assert chart_for("count")["others"] == []
    assert [o["breakdown"] for o in chart_for("percent", breakdown="women")["others"]] == ["men"]


def test_alt_text_says_what_the_lines_show():
    alt = chart_for()["alt"]
    assert alt.startswith("Diagram över Andel i arbete, delmål P1.1.a (totalt). ")
    assert "Utgångsvärde 2018: 80,0\u00a0% (illustrativt värde); Etappmål 2025: 82,0\u00a0%; Målvärde 2030: 83,0\u00a0%." in alt
    assert "Utfall 2018–2022: från 80,0\u00a0% till 81,5\u00a0% (illustrativa värden)." in alt
    assert "Kvinnor 81,0\u00a0% och män 82,0\u00a0% år 2022 (illustrativa värden)." in alt
    assert "Nödvändig utveckling: från 80,0\u00a0% år 2018 till målvärdet 83,0\u00a0% år 2030." in alt
    assert alt.endswith("Bedömning 2022: I rätt takt.")


def test_a_target_with_a_single_point_in_time_gets_no_chart():
    t = Target("P1.1.a", "Öka.", "ind", "increase", None, None, (), "total", ())
    goal = Goal("P1.1", "Mål", "", (), (), (t,), "P1")
    series = {"total": (obs(2020, 80.0),)}
    progress = target_progress(_Model(series), goal, t, None)
    assert line_chart(t, progress, indicator("percent"), series, "sv") is None
