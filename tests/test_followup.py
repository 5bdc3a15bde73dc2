"""Progress statuses: each pinned on a small constructed series, the edges included."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategykit.analysis.followup import (ACCELERATION_RATIO, ON_TRACK_RATIO, Status, assess, combine, follow_up, latest_year, status_for_ratio)
from strategykit.present.followup import explain_markdown, method_markdown
from strategykit.project import load_strategy

from conftest import edit

HEADER = "year,value,breakdown,provenance,source,retrieved\n"


def status(baseline, latest, target, direction="increase"):
    return assess(baseline, latest, target, direction).status


# -- the ratio of achieved to needed rate ----------------------------------------

def test_growth_rates_and_ratio_follow_the_published_formula():
    a = assess((2018, 270154), (2024, 281138), (2040, 300000), "increase")
    assert a.method == "growth-rate"
    assert a.actual_rate == pytest.approx((281138 / 270154) ** (1 / 6) - 1)
    assert a.required_rate == pytest.approx((300000 / 270154) ** (1 / 22) - 1)
    assert a.ratio == pytest.approx(a.actual_rate / a.required_rate)
    assert a.status is Status.ON_TRACK


@pytest.mark.parametrize("latest,expected", [
    (1.9, Status.ON_TRACK),              # R = 0.95 exactly
    (1.8, Status.ACCELERATION_NEEDED),   # R = 0.90
    (1.2, Status.ACCELERATION_NEEDED),   # R = 0.60 exactly
    (1.0, Status.LIMITED_PROGRESS),      # R = 0.50
    (0.0, Status.LIMITED_PROGRESS),      # R = 0: no change at all
    (-0.5, Status.MOVING_AWAY),          # R < 0
])
def test_each_threshold_on_a_linear_series(latest, expected):
    # A baseline of 0 has no growth rate, so the change per year is used: r_n = 1 per year.
    a = assess((2020, 0.0), (2022, latest), (2030, 10.0), "increase")
    assert a.method == "linear"
    assert a.status is expected


def test_thresholds_are_statistics_canadas():
    assert (ON_TRACK_RATIO, ACCELERATION_RATIO) == (0.95, 0.60)
    assert status_for_ratio(0.95) is Status.ON_TRACK
    assert status_for_ratio(0.9499) is Status.ACCELERATION_NEEDED
    assert status_for_ratio(0.5999) is Status.LIMITED_PROGRESS
    assert status_for_ratio(-0.0001) is Status.MOVING_AWAY


def test_target_reached_before_its_year_is_achieved():
    assert status((2018, 70.0), (2022, 98.5), (2030, 98.0)) is Status.ACHIEVED


def test_too_slow_covers_the_two_middle_statuses():
    assert [s for s in Status if s.too_slow] == [Status.ACCELERATION_NEEDED, Status.LIMITED_PROGRESS]


# -- decrease wanted -------------------------------------------------------------

def test_decrease_at_the_needed_pace_is_on_track():
    # needed: −6.5 % a year (5.6 → 1.2 over 23 years); achieved: −6.7 % a year (5.6 → 3.7 over 6)
    assert status((2017, 5.6), (2023, 3.7), (2040, 1.2), "decrease") is Status.ON_TRACK


def test_decrease_too_slow_is_limited_progress():
    assert status((2018, 13.5), (2023, 13.2), (2030, 10.0), "decrease") is Status.LIMITED_PROGRESS


def test_rising_value_when_decrease_is_wanted_is_moving_away():
    assert status((2018, 2.2), (2023, 2.6), (2030, 1.2), "decrease") is Status.MOVING_AWAY


def test_decrease_reached_is_achieved():
    assert status((2018, 2.2), (2023, 1.1), (2030, 1.2), "decrease") is Status.ACHIEVED


# -- edges -----------------------------------------------------------------------

def test_target_already_met_at_baseline_stays_achieved_while_it_holds():
    assert status((2018, 85.0), (2022, 84.0), (2030, 80.0)) is Status.ACHIEVED


def test_target_already_met_at_baseline_but_no_longer_is_moving_away():
    a = assess((2018, 85.0), (2022, 79.0), (2030, 80.0), "increase")
    assert a.status is Status.MOVING_AWAY and a.ratio < 0


def test_target_equal_to_baseline_falling_short_is_moving_away():
    a = assess((2018, 80.0), (2022, 79.0), (2030, 80.0), "increase")
    assert a.status is Status.MOVING_AWAY and a.ratio is None


def test_no_observation_after_the_baseline_is_no_data():
    a = assess((2018, 80.0), None, (2030, 85.0), "increase")
    assert a.status is Status.NO_DATA and a.reason == "no-observation"
    assert a.required_rate is not None  # the needed path can still be drawn


def test_target_met_at_baseline_without_later_value_is_still_no_data():
    assert status((2018, 85.0), None, (2030, 80.0)) is Status.NO_DATA


@pytest.mark.parametrize("latest,year,expected", [
    (77.5, 2023, Status.ON_TRACK),        # within ±2 % of 77
    (75.5, 2023, Status.ON_TRACK),        # 77 − 1.54 = 75.46: still inside
    (75.4, 2023, Status.MOVING_AWAY),     # outside, below
    (79.0, 2023, Status.MOVING_AWAY),     # outside, above: the level was not kept
    (77.0, 2030, Status.ACHIEVED),        # kept until the target year
])
def test_maintain_is_judged_by_a_band_around_the_target_value(latest, year, expected):
    assert status((2018, 77.0), (year, latest), (2030, 77.0), "maintain") is expected


def test_zero_or_negative_values_fall_back_to_change_per_year():
    a = assess((2018, -2.0), (2022, -1.0), (2030, 1.0), "increase")
    assert a.method == "linear"
    assert a.actual_rate == pytest.approx(0.25) and a.required_rate == pytest.approx(0.25)
    assert a.status is Status.ON_TRACK


def test_missing_direction_follows_from_the_target():
    assert assess((2018, 10.0), (2022, 9.0), (2030, 5.0), None).direction == "decrease"
    assert assess((2018, 10.0), (2022, 10.1), (2030, 10.0), None).direction == "maintain"


def test_target_year_not_after_baseline_cannot_be_assessed():
    a = assess((2030, 10.0), (2031, 11.0), (2030, 12.0), "increase")
    assert a.status is Status.NO_DATA and a.reason == "target-year-not-after-baseline"


def test_missing_target_or_baseline_is_no_data():
    assert assess(None, (2022, 1.0), (2030, 2.0), "increase").reason == "no-baseline"
    assert assess((2018, 1.0), (2022, 1.5), None, "increase").reason == "no-target"


# -- goals and priorities ---------------------------------------------------------

def test_goal_status_is_the_worst_among_targets_with_data():
    assert combine([Status.ACHIEVED, Status.ON_TRACK]) is Status.ON_TRACK
    assert combine([Status.ON_TRACK, Status.NO_DATA, Status.LIMITED_PROGRESS]) is Status.LIMITED_PROGRESS
    assert combine([Status.MOVING_AWAY, Status.ACHIEVED]) is Status.MOVING_AWAY
    assert combine([Status.ACHIEVED, Status.ACHIEVED]) is Status.ACHIEVED


def test_goal_without_any_data_is_no_data():
    assert combine([Status.NO_DATA, Status.NO_DATA]) is Status.NO_DATA
    assert combine([]) is Status.NO_DATA


# -- on the model: data files, report year, breakdowns, changes ---------------------

def _with_employment(root, rows: str):
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "employment-rate.csv").write_text(HEADER + rows, encoding="utf-8")
    return load_strategy(root).model


def test_a_single_value_at_the_baseline_year_is_no_data(minimal):
    model = _with_employment(minimal, "2019,79.5,total,illustrative,,\n")
    assert follow_up(model).target("P1.1.a").status is Status.NO_DATA


def test_a_single_value_without_baseline_is_no_data(minimal):
    edit(minimal, "            baseline: {year: 2019, value: 79.5, illustrative: true}\n", "")
    model = _with_employment(minimal, "2021,80.0,total,illustrative,,\n")
    tp = follow_up(model).target("P1.1.a")
    assert tp.status is Status.NO_DATA and tp.baseline.year == 2021


def test_without_baseline_the_earliest_value_is_the_baseline(minimal):
    edit(minimal, "            baseline: {year: 2019, value: 79.5, illustrative: true}\n", "")
    model = _with_employment(minimal, "2019,79.5,total,illustrative,,\n2021,80.2,total,illustrative,,\n")
    tp = follow_up(model).target("P1.1.a")
    assert (tp.baseline.year, tp.latest.year, tp.status) == (2019, 2021, Status.ON_TRACK)


def test_report_year_limits_the_values_used(minimal):
    model = _with_employment(minimal, "2020,79.9,total,illustrative,,\n2022,79.0,total,illustrative,,\n")
    assert latest_year(model) == 2022
    assert follow_up(model).target("P1.1.a").status is Status.MOVING_AWAY
    at_2021 = follow_up(model, 2021).target("P1.1.a")
    assert (at_2021.latest.year, at_2021.status) == (2020, Status.ON_TRACK)
    assert [o.year for o in at_2021.series] == [2020]


def test_changes_since_the_previous_year_are_listed_for_targets_and_goals(minimal):
    model = _with_employment(minimal, "2020,79.9,total,illustrative,,\n2021,79.0,total,illustrative,,\n")
    report = follow_up(model, 2021)
    assert report.previous_year == 2020
    changes = {(c.kind, c.id): (c.before, c.after, c.improved) for c in report.changes}
    assert changes[("target", "P1.1.a")] == (Status.ON_TRACK, Status.MOVING_AWAY, False)
    assert changes[("goal", "P1.1")] == (Status.ON_TRACK, Status.MOVING_AWAY, False)


def test_first_data_is_a_change_without_a_verdict(minimal):
    model = _with_employment(minimal, "2021,80.0,total,illustrative,,\n")
    (change,) = [c for c in follow_up(model, 2021).changes if c.kind == "target"]
    assert (change.before, change.improved) == (Status.NO_DATA, None)


def test_target_on_a_breakdown_uses_that_series_and_all_breakdowns_are_side_by_side(minimal):
    edit(minimal, "            indicator: employment-rate\n", "            indicator: employment-rate\n            breakdown: women\n")
    model = _with_employment(minimal, "2021,81.0,total,illustrative,,\n2021,79.0,women,illustrative,,\n"
                                      "2021,83.0,men,illustrative,,\n")
    tp = follow_up(model).target("P1.1.a")
    assert tp.latest.value == 79.0 and tp.breakdown == "women"
    assert {k: o.value for k, o in tp.by_breakdown.items()} == {"total": 81.0, "women": 79.0, "men": 83.0}


def test_priority_counts_and_statuses(minimal):
    model = _with_employment(minimal, "2021,80.5,total,illustrative,,\n")
    report = follow_up(model)
    (p,) = report.priorities
    assert report.goal("P1.1").status is Status.ON_TRACK
    assert report.goal("P1.2").status is Status.NO_DATA
    assert p.status is Status.ON_TRACK
    assert p.counts()[Status.ON_TRACK] == 1 and p.counts()[Status.NO_DATA] == 1


def test_needed_path_runs_from_baseline_to_target_at_the_needed_rate(minimal):
    model = _with_employment(minimal, "2021,80.5,total,illustrative,,\n")
    tp = follow_up(model).target("P1.1.a")
    path = tp.needed_path()
    assert path[0] == (2019, 79.5) and path[-1] == (2030, 82)
    assert len(path) == 12
    r = tp.assessment.required_rate
    assert path[1][1] == pytest.approx(79.5 * (1 + r))


def test_needed_path_of_a_maintain_target_is_flat():
    from strategykit.analysis.followup import TargetProgress
    from strategykit.model import Observation, Provenance

    a = assess((2018, 77.0), None, (2020, 77.0), "maintain")
    tp = TargetProgress("t", "g", "p", "i", "total", None, Observation(2018, 77.0, Provenance(True)), None,
                        2020, 77.0, a)
    assert tp.needed_path() == ((2018, 77.0), (2019, 77.0), (2020, 77.0))


def test_illustrative_values_mark_the_progress(minimal):
    model = _with_employment(minimal, "2021,80.5,total,illustrative,,\n")
    assert follow_up(model).target("P1.1.a").illustrative
    assert model.has_illustrative_values()


# -- the method in words ------------------------------------------------------------

@pytest.mark.parametrize("language,ratio", [("sv", "0,95"), ("en", "0.95")])
def test_method_text_gives_formula_thresholds_and_source(language, ratio):
    text = method_markdown(language)
    assert text.startswith("## ")
    assert "r_a = (xt / x0)^(1 / (t − t0)) − 1" in text
    assert f"R ≥ {ratio}" in text
    assert "Statistics Canada" in text and "Open SDG" in text


def test_method_heading_level_can_be_chosen():
    assert method_markdown("en", level=1).startswith("# How progress is assessed")


def test_explanation_lets_a_reader_recompute_the_status(minimal):
    model = _with_employment(minimal, "2021,80.5,total,illustrative,,\n")
    tp = follow_up(model).target("P1.1.a")
    text = explain_markdown(tp, model.indicator("employment-rate"), "en")
    assert "r_a = (80.5\\* / 79.5\\*)^(1/2) − 1 = 0.63 %" in text.replace("\u00a0", " ")
    # The target value is illustrative too (no decision set it): marked as the goal tables mark it.
    assert "r_n = (82\\* / 79.5\\*)^(1/11) − 1 = 0.28 %" in text.replace("\u00a0", " ")
    assert text.endswith("**On track** (based on illustrative values)")


def test_explanation_marks_only_illustrative_values(minimal):
    model = _with_employment(minimal, "2021,80.5,total,sourced,SCB,2022-03-01\n")
    tp = follow_up(model).target("P1.1.a")
    text = explain_markdown(tp, model.indicator("employment-rate"), "en")
    assert "(80.5 / 79.5\\*)" in text  # the baseline is illustrative, the observation is sourced
    assert text.endswith("(based on illustrative values)")


def test_explanation_says_why_there_is_no_status(minimal):
    model = load_strategy(minimal).model
    tp = follow_up(model).target("P1.1.a")
    assert "2019" in explain_markdown(tp, None, "sv") and "Inga nya data ännu" in explain_markdown(tp, None, "sv")


def test_a_maintained_level_is_explained_with_its_unit_and_what_the_band_is_relative_to():
    """'Målet är att bibehålla 77,0*… intervallet 75,5–78,5 (±2 %)' left out the percent sign and read
    as ±2 percentage points; the chart's band says '±2 % av målvärdet'."""
    from strategykit.project import check

    model = check(Path(__file__).resolve().parents[1]).model
    tp = follow_up(model).target("P4.3.a")
    assert tp.assessment.method == "maintain"
    text = explain_markdown(tp, model.indicator(tp.indicator_id), "sv").replace("\u00a0", " ")
    assert "bibehålla 77,0 %\\*" in text
    assert "75,5 %–78,5 % (±2 % av målvärdet)" in text
    en = explain_markdown(tp, model.indicator(tp.indicator_id), "en").replace("\u00a0", " ")
    assert "75.5 %–78.5 % (±2 % of the target value)" in en
