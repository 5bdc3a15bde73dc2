"""Ranges (to reach or to stay within) and flows over a period (per year, cumulative): checked, assessed, shown, diffed.

The expected statuses are computed by hand from the method (analysis/followup.py).
"""

from __future__ import annotations

import pytest

from strategykit.analysis.diff import LOWERED, RAISED, describe
from strategykit.analysis.followup import Status, assess_flow, assess_range, follow_up
from strategykit.present.consultation import describe_change
from strategykit.present.followup import explain_markdown, format_markdown, method_markdown, milestones_markdown
from strategykit.project import check
from strategykit.vcs.revisions import diff

from conftest import copy_minimal, edit, find

DIRECTION = "            direction: increase\n            baseline:\n              year: 2018\n              value: 270154\n"
BASELINE = DIRECTION.removeprefix("            direction: increase\n")
TARGET = "target: {year: 2030, value: 300000, illustrative: true}"
TEXT = "text: Befolkningen ska öka till 300 000 år 2030."


def _range(root, low: str = "290000", high: str = "310000", form: str = "") -> None:
    edit(root, DIRECTION, (f"            range: {form}\n" if form else "") + BASELINE)
    edit(root, TARGET, f"target: {{year: 2030, low: {low}, high: {high}, illustrative: true}}")
    edit(root, TEXT, f"text: Befolkningen ska vara mellan {low[:3]} 000 och {high[:3]} 000 år 2030.")


def _flow(root, form: str = "yearly", first: str = "2019", last: str = "2030", value: str = "3000") -> None:
    edit(root, DIRECTION, f"            flow: {form}\n" + BASELINE)
    edit(root, TARGET, f"target: {{from_year: {first}, year: {last}, value: {value}, illustrative: true}}")
    edit(root, TEXT, "text: Befolkningen ska växa varje år.")


def _data(root, rows: str) -> None:
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "population.csv").write_text(
        "year,value,breakdown,provenance,source,retrieved\n" + rows, encoding="utf-8")


# -- the method, by hand ------------------------------------------------------------------

def test_a_value_inside_a_range_to_reach_is_achieved_in_any_year():
    assert assess_range((2018, 50.0), (2022, 61.0), (2030, 60.0, 70.0), "reach").status is Status.ACHIEVED


def test_a_value_inside_a_band_to_stay_within_is_on_track_before_the_target_year_and_achieved_after():
    assert assess_range((2018, 65.0), (2022, 61.0), (2030, 60.0, 70.0), "stay").status is Status.ON_TRACK
    assert assess_range((2018, 65.0), (2030, 61.0), (2030, 60.0, 70.0), "stay").status is Status.ACHIEVED


def test_a_value_that_left_the_range_or_passed_it_is_moving_away():
    assert assess_range((2018, 65.0), (2022, 72.0), (2030, 60.0, 70.0), "stay").status is Status.MOVING_AWAY
    assert assess_range((2018, 50.0), (2022, 75.0), (2030, 60.0, 70.0), "reach").status is Status.MOVING_AWAY


def test_a_range_below_the_baseline_is_approached_at_the_rate_towards_its_high_end():
    # from 80 (2018) to 76 (2022), at most 70 by 2030:
    # r_a = (76/80)^(1/4) - 1 = -0.012741; r_n = (70/80)^(1/12) - 1 = -0.011066; R = 1.1514
    a = assess_range((2018, 80.0), (2022, 76.0), (2030, 60.0, 70.0), "reach")
    assert a.ratio == pytest.approx(1.1514, abs=1e-4)
    assert a.status is Status.ON_TRACK and a.threshold is None and a.form == "reach"


def test_a_flow_per_year_counts_the_years_met():
    # at least 5 000 a year 2017-2023: 5 200, 4 800, 5 100 -> 2 of 3 met, S = 0.667 -> acceleration needed
    a = assess_flow([(2016, 9000.0), (2017, 5200.0), (2018, 4800.0), (2019, 5100.0)], (2017, 2023, 5000.0), "yearly")
    assert (a.actual_rate, a.required_rate) == (2.0, 3.0)
    assert a.ratio == pytest.approx(2 / 3) and a.status is Status.ACCELERATION_NEEDED


def test_a_flow_per_year_met_every_year_is_on_track_then_achieved_with_the_last_year():
    values = [(y, 5000.0) for y in range(2017, 2021)]
    assert assess_flow(values, (2017, 2023, 5000.0), "yearly").status is Status.ON_TRACK
    assert assess_flow(values, (2017, 2020, 5000.0), "yearly").status is Status.ACHIEVED
    assert assess_flow([(2017, 4000.0)], (2017, 2020, 5000.0), "yearly").status is Status.MOVING_AWAY


def test_a_cumulative_total_is_compared_with_its_even_share_so_far():
    # 20 000 over 2020-2030 (11 years); 1 500 + 1 700 + 1 600 = 4 800 in 3 years;
    # N = 20 000 * 3 / 11 = 5 454.5; R = 4 800 / 5 454.5 = 0.88 -> acceleration needed
    a = assess_flow([(2020, 1500.0), (2021, 1700.0), (2022, 1600.0)], (2020, 2030, 20000.0), "cumulative")
    assert a.actual_rate == 4800.0 and a.required_rate == pytest.approx(5454.545, abs=1e-3)
    assert a.ratio == pytest.approx(0.88) and a.status is Status.ACCELERATION_NEEDED
    done = assess_flow([(2020, 12000.0), (2021, 9000.0)], (2020, 2030, 20000.0), "cumulative")
    assert done.status is Status.ACHIEVED


def test_a_flow_without_values_in_its_period_has_no_data():
    a = assess_flow([(2015, 10.0)], (2017, 2023, 5.0), "yearly")
    assert a.status is Status.NO_DATA and a.reason == "no-observation-in-period"


def test_the_method_text_describes_ranges_and_flows():
    en, sv = method_markdown("en"), method_markdown("sv")
    assert "**Ranges**" in en and "**A flow per year over a period**" in en and "**A cumulative total" in en
    assert "**Intervall**" in sv and "**Flöde per år under en period**" in sv and "**Summa under en period**" in sv


# -- the rules ----------------------------------------------------------------------------

def test_a_range_checks_clean(minimal):
    _range(minimal)
    assert check(minimal).diagnostics == []


def test_a_band_to_stay_within_checks_clean(minimal):
    _range(minimal, form="stay")
    assert check(minimal).diagnostics == []


def test_a_range_whose_low_end_is_above_its_high_end_is_reported(minimal):
    _range(minimal, low="310000", high="290000")
    (d,) = find(minimal, "range-inverted")
    assert "low end is above its high end" in d.message


def test_range_on_a_single_value_is_a_form_mismatch(minimal):
    edit(minimal, DIRECTION, "            range: stay\n" + DIRECTION)
    (d,) = find(minimal, "target-form-mismatch")
    assert "not a range" in d.message


def test_a_flow_checks_clean_without_a_baseline(minimal):
    _flow(minimal)
    edit(minimal, "            baseline:\n              year: 2018\n              value: 270154\n"
                  "              source: SCB, BE0101A/BefolkningNy\n              retrieved: \"2025-01-15\"\n", "")
    assert check(minimal).diagnostics == []


def test_a_flow_whose_period_ends_before_it_starts_is_reported(minimal):
    _flow(minimal, first="2030", last="2025")
    (d,) = find(minimal, "flow-period-invalid")
    assert "ends before it starts" in d.message


def test_a_flow_without_a_first_year_is_reported(minimal):
    edit(minimal, DIRECTION, "            flow: cumulative\n" + BASELINE)
    (d,) = find(minimal, "flow-period-invalid")
    assert "no first year" in d.message


# -- what readers see ----------------------------------------------------------------------

def test_the_report_says_between_and_explains_a_range(minimal):
    _range(minimal)
    _data(minimal, "2018,270154,total,illustrative,,\n2022,295000,total,illustrative,,\n")
    model = check(minimal).model
    report = follow_up(model)
    text = format_markdown(report, model)
    assert "mellan 290\u202f000 och 310\u202f000* (2030)" in text
    tp = report.target("P1.2.a")
    assert tp.status is Status.ACHIEVED
    assert "lies inside the target between 290" in explain_markdown(tp, model.indicator("population"), "en")


def test_the_report_says_per_year_and_explains_a_yearly_flow(minimal):
    _flow(minimal)
    _data(minimal, "2019,3100,total,illustrative,,\n2020,2900,total,illustrative,,\n")
    model = check(minimal).model
    report = follow_up(model)
    assert "minst 3\u202f000 per år 2019–2030*" in format_markdown(report, model)
    tp = report.target("P1.2.a")
    assert tp.status is Status.LIMITED_PROGRESS or tp.status is Status.ACCELERATION_NEEDED
    assert "1 of 2 years with a value in 2019–2030 met at least 3,000" in explain_markdown(
        tp, model.indicator("population"), "en")


def test_a_cumulative_milestone_is_the_sum_by_its_year(minimal):
    _flow(minimal, form="cumulative", value="30000")
    edit(minimal, "value: 30000, illustrative: true}",
         "value: 30000, illustrative: true}\n            milestones: [{year: 2020, value: 6000, illustrative: true}]")
    _data(minimal, "2019,3100,total,illustrative,,\n2020,2800,total,illustrative,,\n")
    tp = follow_up(check(minimal).model).target("P1.2.a")
    (m,) = tp.milestones
    assert m.so_far == 5900 and m.met is False


# -- the diff ------------------------------------------------------------------------------

@pytest.mark.parametrize("low,high,flag", [
    ("295000", "305000", RAISED),    # narrowed
    ("280000", "320000", LOWERED),   # widened
    ("300000", "320000", None),      # moved
])
def test_a_narrowed_range_is_raised_ambition_and_a_widened_one_lowered(tmp_path, low, high, flag):
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    _range(old)
    _range(new, low=low, high=high)
    changes = [c for c in diff(old, str(old), str(new)).changes if c.kind == "target-range-changed"]
    (change,) = changes
    assert change.flags == ((flag,) if flag else ())


def test_a_lowered_yearly_amount_is_lowered_ambition(tmp_path):
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    _flow(old, value="3000")
    _flow(new, value="2500")
    (change,) = diff(old, str(old), str(new)).changes
    assert change.kind == "target-value-changed" and change.flags == (LOWERED,)


@pytest.mark.parametrize("old_form,new_form,flag", [
    ("yearly", "cumulative", LOWERED),   # 3 000 a year 2019–2030 → 3 000 in all over those years
    ("cumulative", "yearly", RAISED),
])
def test_a_yearly_amount_turned_into_a_total_over_the_period_is_lowered_ambition(tmp_path, old_form, new_form, flag):
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    _flow(old, form=old_form)
    _flow(new, form=new_form)
    (change,) = diff(old, str(old), str(new)).changes
    assert (change.kind, change.old, change.new, change.flags) == ("target-flow-changed", old_form, new_form, (flag,))
    assert describe(change) == f"flow {old_form} → {new_form}"
    words = {"yearly": "en mängd per år", "cumulative": "en summa under perioden"}
    assert describe_change(change, "sv") == f"flöde: {words[old_form]} → {words[new_form]}"


def test_a_level_made_a_flow_is_reported_without_an_ambition_flag(tmp_path):
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    edit(new, DIRECTION, "            flow: yearly\n" + BASELINE)
    edit(new, TARGET, "target: {from_year: 2019, year: 2030, value: 300000, illustrative: true}")
    kinds = {c.kind: c for c in diff(old, str(old), str(new)).changes}
    assert kinds["target-flow-changed"].old is None and kinds["target-flow-changed"].new == "yearly"
    assert kinds["target-flow-changed"].flags == ()


def test_a_yearly_amount_compared_with_a_total_of_another_size_gets_no_ambition_flag(tmp_path):
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    _flow(old, form="yearly", value="3000")
    _flow(new, form="cumulative", value="40000")
    changes = {c.kind: c for c in diff(old, str(old), str(new)).changes}
    assert changes["target-flow-changed"].flags == () and changes["target-value-changed"].flags == ()


@pytest.mark.parametrize("old_form,new_form,flag", [
    ("stay", "reach", LOWERED),   # inside the band every year → inside it only by the target year
    ("reach", "stay", RAISED),
])
def test_a_band_to_stay_within_made_a_range_to_reach_is_lowered_ambition(tmp_path, old_form, new_form, flag):
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    _range(old, form=old_form)
    _range(new, form=new_form)
    (change,) = diff(old, str(old), str(new)).changes
    assert (change.kind, change.old, change.new, change.flags) == ("target-range-form-changed", old_form, new_form,
                                                                    (flag,))
    assert describe(change) == f"range {old_form} → {new_form}"
    words = {"stay": "hålls varje år", "reach": "nås senast målåret"}
    assert describe_change(change, "sv") == f"intervall: {words[old_form]} → {words[new_form]}"


def test_a_changed_period_of_a_flow_is_reported(tmp_path):
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    _flow(old, first="2019")
    _flow(new, first="2021")
    (change,) = diff(old, str(old), str(new)).changes
    assert change.kind == "target-period-changed" and change.new == "2021–2030"


def test_a_changed_milestone_range_is_reported(tmp_path):
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    for root, high in ((old, "300000"), (new, "305000")):
        _range(root)
        edit(root, "high: 310000, illustrative: true}",
             f"high: 310000, illustrative: true}}\n            milestones: [{{year: 2025, low: 280000, high: {high}, illustrative: true}}]")
    (change,) = diff(old, str(old), str(new)).changes
    assert change.kind == "target-milestones-changed"
    assert change.new == [{"year": 2025, "low": 280000, "high": 305000}]


# -- range ends: checked and shown in full -------------------------------------------------

def test_a_percentage_range_whose_high_end_is_above_100_is_out_of_range(minimal):
    edit(minimal, "target: {year: 2030, value: 82, illustrative: true}",
         "target: {year: 2030, low: 60, high: 170, illustrative: true}")
    edit(minimal, "text: Andelen förvärvsarbetande ska öka till 82 procent år 2030.",
         "text: Andelen förvärvsarbetande ska vara mellan 60 och 170 procent år 2030.")
    (d,) = find(minimal, "value-out-of-range")
    assert "170 is not a percentage" in d.message
    assert d.path[-1] == "high"


def test_a_percentage_range_inside_0_to_100_is_not_out_of_range(minimal):
    edit(minimal, "target: {year: 2030, value: 82, illustrative: true}",
         "target: {year: 2030, low: 80, high: 90, illustrative: true}")
    assert "value-out-of-range" not in [d.code for d in check(minimal).diagnostics]


def test_a_range_milestone_is_shown_with_both_ends(minimal):
    _range(minimal)
    edit(minimal, "high: 310000, illustrative: true}",
         "high: 310000, illustrative: true}\n            milestones: [{year: 2022, low: 280000, high: 290000, illustrative: true}]")
    _data(minimal, "2018,270154,total,illustrative,,\n2022,285000,total,illustrative,,\n")
    model = check(minimal).model
    tp = follow_up(model).target("P1.2.a")
    text = milestones_markdown(tp, model.indicator("population"), "sv")
    assert "2022 (mellan 280\u202f000 och 290\u202f000) nått" in text
