"""Thresholds (at least, more than, at most, less than) as a target form of their own: checked, assessed, shown, diffed.

The expected statuses and rates are computed by hand from the method (analysis/followup.py).
"""

from __future__ import annotations

import pytest

from strategykit.analysis.diff import LOWERED, RAISED
from strategykit.vcs.revisions import diff
from strategykit.analysis.followup import Status, assess, follow_up
from strategykit.present.followup import explain_markdown, format_markdown
from strategykit.project import check

from conftest import copy_minimal, edit, find

POPULATION = "            direction: increase\n            baseline:\n              year: 2018\n              value: 270154\n"


def test_a_floor_met_after_a_catch_up_period_is_achieved():
    # at least 2 100 from 2023; 2 150 in 2024
    a = assess((2017, 2400.0), (2024, 2150.0), (2023, 2100.0), None, "at-least")
    assert a.status is Status.ACHIEVED and a.threshold_met is True


def test_a_floor_the_baseline_met_and_the_latest_value_falls_below_is_moving_away():
    a = assess((2017, 2400.0), (2024, 2050.0), (2023, 2100.0), None, "at-least")
    assert a.status is Status.MOVING_AWAY and a.threshold_met is False


def test_a_floor_not_yet_reached_is_measured_by_the_rate_towards_it():
    # r_a = (1800/1500)^(1/3) - 1 = 0.062659; r_n = (2100/1500)^(1/6) - 1 = 0.057681; R = 1.0863
    a = assess((2017, 1500.0), (2020, 1800.0), (2023, 2100.0), None, "at-least")
    assert a.actual_rate == pytest.approx(0.062659, abs=1e-6)
    assert a.required_rate == pytest.approx(0.057681, abs=1e-6)
    assert a.ratio == pytest.approx(1.0863, abs=1e-4)
    assert a.status is Status.ON_TRACK and a.direction == "increase"


def test_more_than_is_strict_a_value_equal_to_the_bound_does_not_meet_it():
    # more than 12 by 2025; 12 in 2024: not met, though R = (1.2^(1/6)-1)/(1.2^(1/7)-1) = 0.030853/0.026388 = 1.1692
    a = assess((2018, 10.0), (2024, 12.0), (2025, 12.0), None, "more-than")
    assert a.status is Status.ON_TRACK and a.threshold_met is False
    assert a.ratio == pytest.approx(1.1692, abs=1e-4)
    assert assess((2018, 10.0), (2024, 12.0), (2025, 12.0), None, "at-least").status is Status.ACHIEVED


def test_a_ceiling_met_is_achieved_and_one_crossed_again_is_moving_away():
    assert assess((2018, 50.0), (2022, 39.0), (2030, 40.0), None, "at-most").status is Status.ACHIEVED
    assert assess((2018, 35.0), (2022, 41.0), (2030, 40.0), None, "at-most").status is Status.MOVING_AWAY


def test_less_than_across_zero_uses_the_change_per_year():
    # r_a = (0.5 - 2) / 6 = -0.25; r_n = (-1 - 2) / 12 = -0.25; R = -1 * -0.25 / 0.25 = 1.0
    a = assess((2018, 2.0), (2024, 0.5), (2030, -1.0), None, "less-than")
    assert a.method == "linear" and a.ratio == pytest.approx(1.0) and a.status is Status.ON_TRACK


# -- the rules -------------------------------------------------------------------------

def test_a_floor_below_the_baseline_gives_no_direction_mismatch_and_needs_no_direction(minimal):
    edit(minimal, POPULATION, POPULATION.replace("direction: increase", "threshold: at-least"))
    edit(minimal, "value: 300000, illustrative: true}", "value: 260000, illustrative: true}")
    edit(minimal, "text: Befolkningen ska öka till 300 000 år 2030.",
         "text: Befolkningen ska vara minst 260 000 år 2030.")
    assert check(minimal).diagnostics == []


def test_a_threshold_whose_direction_points_away_from_it_is_a_direction_mismatch(minimal):
    edit(minimal, POPULATION, POPULATION.replace("direction: increase", "direction: decrease\n            threshold: at-least"))
    (d,) = find(minimal, "direction-mismatch")
    assert "threshold (at-least)" in d.message


def test_maintain_from_2400_to_2100_is_reported_as_a_changed_level(minimal):
    edit(minimal, POPULATION, POPULATION.replace("direction: increase", "direction: maintain").replace("270154", "2400"))
    edit(minimal, "value: 300000, illustrative: true}", "value: 2100, illustrative: true}")
    (d,) = find(minimal, "maintain-level-changed")
    assert "12.5 % below the baseline 2400" in d.message


def test_maintain_within_the_band_is_quiet(minimal):
    edit(minimal, POPULATION, POPULATION.replace("direction: increase", "direction: maintain").replace("270154", "2400"))
    edit(minimal, "value: 300000, illustrative: true}", "value: 2440, illustrative: true}")
    assert "maintain-level-changed" not in [d.code for d in check(minimal).diagnostics]


# -- what readers see --------------------------------------------------------------------

def test_the_report_says_at_least_and_explains_a_met_floor(minimal):
    edit(minimal, POPULATION, POPULATION.replace("direction: increase", "threshold: at-least"))
    edit(minimal, "value: 300000, illustrative: true}", "value: 260000, illustrative: true}")
    (minimal / "data").mkdir(exist_ok=True)
    (minimal / "data" / "population.csv").write_text(
        "year,value,breakdown,provenance,source,retrieved\n2018,270154,total,illustrative,,\n"
        "2021,265000,total,illustrative,,\n", encoding="utf-8")
    model = check(minimal).model
    report = follow_up(model)
    text = format_markdown(report, model)
    assert "| minst 260\u202f000* (2030) |" in text
    tp = report.target("P1.2.a")
    assert tp.status is Status.ACHIEVED
    assert "når gränsen minst 260" in explain_markdown(tp, model.indicator("population"), "sv")
    assert "meets the bound at least 260" in explain_markdown(tp, model.indicator("population"), "en")


def test_the_method_text_describes_thresholds_and_the_maintain_band():
    from strategykit.present.followup import method_markdown

    en = method_markdown("en")
    assert "**Thresholds**" in en and "tolerance" in en
    assert "**Gränsvärden**" in method_markdown("sv")


# -- the diff ------------------------------------------------------------------------------

@pytest.mark.parametrize("threshold,old_value,new_value,flag", [
    ("at-least", "300000", "290000", LOWERED),   # a lowered floor
    ("at-least", "300000", "310000", RAISED),
    ("at-most", "300000", "310000", LOWERED),    # a raised ceiling
    ("at-most", "300000", "290000", RAISED),
])
def test_a_lowered_floor_or_a_raised_ceiling_is_lowered_ambition(tmp_path, threshold, old_value, new_value, flag):
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    for root, value in ((old, old_value), (new, new_value)):
        edit(root, POPULATION, POPULATION.replace("direction: increase", f"threshold: {threshold}"))
        edit(root, "value: 300000, illustrative: true}", f"value: {value}, illustrative: true}}")
    (change,) = diff(old, str(old), str(new)).changes
    assert change.kind == "target-value-changed" and change.flags == (flag,)


def test_an_inclusive_bound_made_strict_is_raised_ambition(tmp_path):
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    edit(old, POPULATION, POPULATION.replace("direction: increase", "threshold: more-than"))
    edit(new, POPULATION, POPULATION.replace("direction: increase", "threshold: at-least"))
    (change,) = diff(old, str(old), str(new)).changes
    assert (change.kind, change.flags) == ("target-threshold-changed", (LOWERED,))
