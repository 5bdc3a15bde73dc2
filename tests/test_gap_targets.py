"""Gap targets against a comparator ("halve the gap with the national average by 2030"):
checked, assessed, shown, diffed.

The comparator's values are rows of the indicator's data file with its id in the column
'comparator'. The expected statuses are computed by hand from the method (analysis/followup.py):
g = c − x (increase) or x − c (decrease); r_a = (gt − g0)/(t − t0); r_n = (G − g0)/(T − t0);
R = −r_a/|r_n|.
"""

from __future__ import annotations

import pytest

from strategykit.analysis.diff import LOWERED, RAISED
from strategykit.analysis.followup import Status, assess_gap, follow_up
from strategykit.present.charts import indicator_chart
from strategykit.present.followup import (explain_markdown, format_markdown, method_markdown, milestones_markdown,
                                          report_data)
from strategykit.present.targets import target_row
from strategykit.project import check
from strategykit.vcs.revisions import diff

from conftest import copy_minimal, edit, find

TARGET = """            text: Andelen förvärvsarbetande ska öka till 82 procent år 2030.
            indicator: employment-rate
            direction: increase
            baseline: {year: 2019, value: 79.5, illustrative: true}
            target: {year: 2030, value: 82, illustrative: true}
            milestones:
              - {year: 2025, value: 80.5, illustrative: true}"""

HEADER = "year,value,breakdown,comparator,provenance,source,retrieved\n"
ROWS = ("2019,78.0,,,illustrative,,\n2019,81.2,,riket,illustrative,,\n"
        "2023,79.5,,,illustrative,,\n2023,81.5,,riket,illustrative,,\n")


def _gap(root, *, target: str = "change: -50, base_year: 2019", year: str = "2030", direction: str = "increase",
         comparator: str = "{name: Riket, series: riket}", milestone: str = "{year: 2023, value: 2.5, illustrative: true}",
         baseline: str = "78.0", extra: str = "") -> None:
    edit(root, TARGET, f"""            text: Gapet mot riket i andelen förvärvsarbetande ska halveras till år {year}.
            indicator: employment-rate
            direction: {direction}
            comparator: {comparator}
{extra}            baseline: {{year: 2019, value: {baseline}, illustrative: true}}
            target: {{year: {year}, {target}, illustrative: true}}
            milestones:
              - {milestone}""")


def _data(root, rows: str = ROWS, header: str = HEADER) -> None:
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "employment-rate.csv").write_text(header + rows, encoding="utf-8")


# -- the method, by hand ------------------------------------------------------------------

def test_a_gap_closing_faster_than_needed_is_on_track():
    # g0 = 81.2 - 78.0 = 3.2 (2019), gt = 81.5 - 79.5 = 2.0 (2023), G = 1.6 (2030):
    # r_a = (2.0 - 3.2) / 4 = -0.3; r_n = (1.6 - 3.2) / 11 = -0.145454; R = 0.3 / 0.145454 = 2.0625
    a = assess_gap((2019, 3.2), (2023, 2.0), (2030, 1.6), "increase")
    assert a.actual_rate == pytest.approx(-0.3) and a.required_rate == pytest.approx(-0.145454, abs=1e-6)
    assert a.ratio == pytest.approx(2.0625) and a.status is Status.ON_TRACK and a.form == "gap"


def test_a_gap_closing_too_slowly_is_limited_progress():
    # gt = 2.9: r_a = -0.075; R = 0.075 / 0.145454 = 0.515625 -> limited progress
    a = assess_gap((2019, 3.2), (2023, 2.9), (2030, 1.6))
    assert a.ratio == pytest.approx(0.515625) and a.status is Status.LIMITED_PROGRESS


def test_a_widening_gap_is_moving_away():
    # gt = 3.4: r_a = +0.05; R = -0.34375
    a = assess_gap((2019, 3.2), (2023, 3.4), (2030, 1.6))
    assert a.ratio == pytest.approx(-0.34375) and a.status is Status.MOVING_AWAY


def test_a_gap_within_the_target_is_achieved_and_one_that_opens_again_moves_away():
    assert assess_gap((2019, 3.2), (2023, 1.5), (2030, 1.6)).status is Status.ACHIEVED
    assert assess_gap((2019, 3.2), (2023, -0.4), (2030, 0.0)).status is Status.ACHIEVED  # the region overtook it
    assert assess_gap((2019, 0.5), (2023, 1.0), (2030, 0.8)).status is Status.MOVING_AWAY


def test_a_gap_without_its_baseline_gap_has_no_data():
    a = assess_gap(None, (2023, 2.0), (2030, 1.6))
    assert a.status is Status.NO_DATA and a.reason == "no-comparator-baseline"


def test_the_method_text_describes_gaps():
    assert "**A gap against a comparator**" in method_markdown("en")
    assert "**Gap mot en jämförelse**" in method_markdown("sv")


# -- the model and the follow-up -------------------------------------------------------------

def test_the_comparator_rows_are_its_series_and_halving_is_half_the_baseline_gap(minimal):
    _gap(minimal)
    _data(minimal)
    model = check(minimal).model
    (_, t), = [(g, t) for g, t in model.targets() if t.id == "P1.1.a"]
    assert [o.value for o in model.series("employment-rate", t.comparator.key)] == [81.2, 81.5]
    assert [o.value for o in model.series("employment-rate")] == [78.0, 79.5]
    assert t.target.value == pytest.approx(1.6)  # the gap of 2019 (3.2), halved


def test_a_gap_target_is_followed_up_from_both_series(minimal):
    _gap(minimal)
    _data(minimal)
    tp = follow_up(check(minimal).model).target("P1.1.a")
    assert tp.status is Status.ON_TRACK and tp.assessment.ratio == pytest.approx(2.0625)
    assert tp.baseline_gap == pytest.approx(3.2) and tp.latest_gap == pytest.approx(2.0)
    (m,) = tp.milestones
    assert m.gap == pytest.approx(2.0) and m.met is True  # at most 2.5 allowed in 2023


def test_a_gap_to_decrease_is_the_region_above_its_comparator(minimal):
    # unemployment-like: the region (8.0 -> 7.0) above the nation (6.0 -> 6.0); close the gap by 2030:
    # g0 = 2.0, gt = 1.0, G = 0; r_a = -0.25; r_n = -2/11 = -0.181818; R = 1.375 -> on track
    _gap(minimal, direction="decrease", target="value: 0", baseline="8.0",
         milestone="{year: 2023, value: 0.5, illustrative: true}")
    _data(minimal, "2019,8.0,,,illustrative,,\n2019,6.0,,riket,illustrative,,\n"
                   "2023,7.0,,,illustrative,,\n2023,6.0,,riket,illustrative,,\n")
    tp = follow_up(check(minimal).model).target("P1.1.a")
    assert tp.assessment.ratio == pytest.approx(1.375) and tp.status is Status.ON_TRACK
    assert tp.milestones[0].met is False  # a gap of 1.0 where 0.5 was allowed
    assert "latest milestone (2023) was missed" in milestones_markdown(tp, None, "en")


# -- the rules ----------------------------------------------------------------------------

def test_a_gap_target_with_its_comparator_data_checks_clean(minimal):
    _gap(minimal)
    _data(minimal)
    assert check(minimal).diagnostics == []


def test_a_comparator_without_rows_in_the_data_file_is_reported(minimal):
    _gap(minimal)
    _data(minimal, "2019,78.0,,,illustrative,,\n2023,79.5,,,illustrative,,\n")
    (d,) = find(minimal, "comparator-without-data")
    assert "no rows with 'riket' in the column 'comparator'" in d.message


def test_a_comparator_without_a_value_for_the_baseline_year_is_reported(minimal):
    _gap(minimal)
    _data(minimal, "2019,78.0,,,illustrative,,\n2023,79.5,,,illustrative,,\n2023,81.5,,riket,illustrative,,\n")
    (d,) = find(minimal, "comparator-baseline-missing")
    assert "has no value for 2019 (it has values for 2023)" in d.message
    assert follow_up(check(minimal).model).target("P1.1.a").assessment.reason == "no-comparator-baseline"


def test_a_gap_target_to_maintain_or_with_a_threshold_is_reported(minimal):
    _gap(minimal, direction="maintain", extra="            threshold: at-most\n")
    _data(minimal)
    messages = [d.message for d in find(minimal, "gap-target-form")]
    assert any("direction is maintain" in m for m in messages)
    assert any("'threshold: at-most'" in m for m in messages)


def test_a_gap_target_whose_region_is_already_ahead_is_reported(minimal):
    _gap(minimal, baseline="82.0", target="value: 0")
    _data(minimal, "2019,82.0,,,illustrative,,\n2019,81.2,,riket,illustrative,,\n")
    (d,) = find(minimal, "gap-already-closed")
    assert "the region (82) is not below Riket (81.2)" in d.message


def test_a_gap_target_is_no_direction_mismatch_though_its_value_is_below_the_baseline(minimal):
    _gap(minimal, target="value: 1")
    _data(minimal)
    assert [d.code for d in check(minimal).diagnostics] == []


def test_a_gap_between_percentages_beyond_100_is_out_of_range(minimal):
    _gap(minimal, target="value: 150")
    _data(minimal)
    (d,) = find(minimal, "value-out-of-range")
    assert "not a gap between two percentages" in d.message


def test_a_comparator_row_for_women_is_the_women_of_the_comparator(minimal):
    _gap(minimal)
    _data(minimal, ROWS + "2023,80.0,women,riket,illustrative,,\n")
    assert "data-several-breakdowns" not in [d.code for d in check(minimal).diagnostics]
    (o,) = check(minimal).model.series("employment-rate", "women&comparator:riket")
    assert (o.year, o.value) == (2023, 80.0)


def test_a_comparator_row_for_two_breakdowns_the_indicator_does_not_cross_holds_two_breakdowns(minimal):
    _gap(minimal)
    _data(minimal, ROWS + "2023,80.0,women,2480,riket,illustrative,,\n",
          header="year,value,breakdown,municipality,comparator,provenance,source,retrieved\n")
    (d,) = find(minimal, "data-several-breakdowns")
    assert "women, municipality:2480" in d.message


# -- what readers see ----------------------------------------------------------------------

def test_the_report_words_the_gap_and_explains_it(minimal):
    _gap(minimal)
    _data(minimal)
    model = check(minimal).model
    report = follow_up(model)
    text = format_markdown(report, model)
    assert "gapet mot Riket halverat mot 2019: 1,6\u00a0procentenheter* (2030)" in text
    tp = report.target("P1.1.a")
    en = explain_markdown(tp, model.indicator("employment-rate"), "en")
    assert "The gap with Riket in 2019: 3.2\u00a0percentage points" in en and "R = −1 · r_a / |r_n| = 2.06" in en
    data = report_data(report, model, "en")["priorities"][0]["goals"][0]["targets"][0]
    assert data["comparator"]["baseline_gap"] == pytest.approx(3.2)
    assert [v["value"] for v in data["comparator"]["values"]] == [81.2, 81.5]


def test_the_target_row_says_the_gap_allowed(minimal):
    _gap(minimal, target="value: 0")
    _data(minimal)
    model = check(minimal).model
    (g, t), = [(g, t) for g, t in model.targets() if t.id == "P1.1.a"]
    row = target_row(model, t, follow_up(model).target("P1.1.a"))
    assert row.target.plain() == "gapet mot Riket slutet* (2030)"
    assert row.milestones[0].plain() == "gapet mot Riket högst 2,5\u00a0procentenheter* (2023)"


def test_the_chart_draws_the_comparator_beside_the_region_and_not_the_gap_as_a_level(minimal):
    _gap(minimal)
    _data(minimal)
    model = check(minimal).model
    spec = indicator_chart(model, model.indicator("employment-rate"), follow_up(model))
    assert [(s.key, s.label) for s in spec.observed] == [("total", "Testlän"), ("comparator:riket", "Riket")]
    assert spec.table_header == ("År", "Utfall (Testlän)", "Utfall (Riket)")
    assert [m.kind for m in spec.markers] == ["baseline"]  # the gaps are said in words, not drawn
    assert "målvärde gapet mot Riket halverat mot 2019" in spec.alt


# -- the diff ------------------------------------------------------------------------------

@pytest.mark.parametrize("old,new,flag", [
    ("value: 1", "value: 2", LOWERED),                                           # a larger gap allowed
    ("value: 2", "value: 1", RAISED),
    ("change: -50, base_year: 2019", "change: -25, base_year: 2019", LOWERED),   # less of the gap closed
    ("change: -50, base_year: 2019", "value: 0", RAISED),                        # closed, not halved
])
def test_a_larger_gap_allowed_is_lowered_ambition_and_a_smaller_one_raised(tmp_path, old, new, flag):
    a, b = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    for root, target in ((a, old), (b, new)):
        _gap(root, target=target)
        _data(root)
    (change,) = [c for c in diff(a, str(a), str(b)).changes if c.kind.startswith("target-") and "value" in c.kind
                 or c.kind == "target-relative-changed"]
    assert change.flags == (flag,)


def test_a_later_year_for_the_same_gap_is_lowered_ambition(tmp_path):
    a, b = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    _gap(a, target="value: 0", year="2030")
    _gap(b, target="value: 0", year="2035")
    year = [c for c in diff(a, str(a), str(b)).changes if c.kind == "target-year-changed"]
    assert [c.flags for c in year] == [(LOWERED,)]


def test_a_changed_comparator_is_reported(tmp_path):
    a, b = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    _gap(a)
    _gap(b, comparator="{name: Norrland, series: norrland}")
    (change,) = [c for c in diff(a, str(a), str(b)).changes if c.kind == "target-comparator-changed"]
    assert (change.old, change.new) == ("Riket (riket)", "Norrland (norrland)")


def test_a_data_fetch_writes_the_comparator_rows_back_in_their_column(minimal):
    from strategykit.sources.datafiles import to_csv

    _gap(minimal)
    _data(minimal)
    model = check(minimal).model
    text = to_csv(model.observations["employment-rate"])
    assert text.splitlines()[0] == "year,value,breakdown,comparator,provenance,source,retrieved"
    assert "2019,81.2,,riket,illustrative,," in text.splitlines()
    _data(minimal, text, header="")
    assert check(minimal).diagnostics == [] and check(minimal).model.observations == model.observations


# -- a gap for one breakdown: the women of the county against the women of the nation ---------

WOMEN_ROWS = ("2019,76.0,women,,illustrative,,\n2019,80.0,women,riket,illustrative,,\n"
              "2023,78.0,women,,illustrative,,\n2023,80.4,women,riket,illustrative,,\n"
              "2019,80.0,men,,illustrative,,\n2023,81.0,men,,illustrative,,\n")


def _women(root, rows: str = ROWS + WOMEN_ROWS, **gap) -> None:
    """P1.1.a: halve the gap between the women of the county (76.0 in 2019) and the women of the nation."""
    edit(root, "    source: {provider: Kolada, id: N00914}\n", "    source: {provider: Kolada, id: N00914}\n"
         "    breakdowns: [gender]\n")
    _gap(root, extra="            breakdown: women\n", baseline="76.0", **gap)
    _data(root, rows)


def test_a_gap_target_for_women_checks_clean_with_the_comparators_rows_for_women(minimal):
    _women(minimal)
    assert check(minimal).diagnostics == []


def test_a_gap_target_for_women_is_followed_up_against_the_women_of_the_comparator(minimal):
    # g0 = 80.0 - 76.0 = 4.0 (2019), gt = 80.4 - 78.0 = 2.4 (2023), G = 4.0 / 2 = 2.0 (2030):
    # r_a = (2.4 - 4.0) / 4 = -0.4; r_n = (2.0 - 4.0) / 11 = -0.181818; R = 0.4 / 0.181818 = 2.2 -> on track.
    # (Against the nation's total, 81.2 and 81.5, the gaps would be 5.2 and 3.5.)
    _women(minimal)
    model = check(minimal).model
    (t,) = [t for _, t in model.targets() if t.id == "P1.1.a"]
    assert t.comparator_key == "women&comparator:riket" and t.target.value == pytest.approx(2.0)
    tp = follow_up(model).target("P1.1.a")
    assert tp.baseline_gap == pytest.approx(4.0) and tp.latest_gap == pytest.approx(2.4)
    assert tp.assessment.ratio == pytest.approx(2.2) and tp.status is Status.ON_TRACK
    assert [o.value for o in tp.comparator_series] == [80.0, 80.4]
    (m,) = tp.milestones
    assert m.gap == pytest.approx(2.4) and m.met is True  # at most 2.5 allowed in 2023


def test_a_gap_target_for_women_whose_comparator_has_only_totals_is_reported(minimal):
    _women(minimal, rows=ROWS + WOMEN_ROWS.replace("women,riket", "women,"))
    (d,) = find(minimal, "comparator-without-data")
    assert 'set for one breakdown (women) and compared with Riket' in d.message
    assert "2019,81.2,women,riket" in d.hint
    assert follow_up(check(minimal).model).target("P1.1.a").status is Status.NO_DATA


def test_a_gap_target_for_women_whose_comparator_lacks_the_baseline_year_for_women_is_reported(minimal):
    _women(minimal, rows=ROWS + WOMEN_ROWS.replace("2019,80.0,women,riket,illustrative,,\n", ""))
    (d,) = find(minimal, "comparator-baseline-missing")
    assert "has no value for 2019 (it has values for 2023)" in d.message


def test_a_gap_for_women_already_closed_against_the_women_of_the_comparator_is_reported(minimal):
    # The county's women (82.0) are above the nation's women (80.0), though below the nation's total (81.2).
    _women(minimal, rows=ROWS + WOMEN_ROWS.replace("2019,76.0,women,,", "2019,82.0,women,,"), target="value: 0")
    edit(minimal, "baseline: {year: 2019, value: 76.0, illustrative: true}",
         "baseline: {year: 2019, value: 82.0, illustrative: true}")
    (d,) = find(minimal, "gap-already-closed")
    assert "the region (82) is not below Riket (80)" in d.message


def test_the_explanation_and_the_chart_name_the_breakdown_of_the_comparators_values(minimal):
    _women(minimal)
    model = check(minimal).model
    report = follow_up(model)
    sv = explain_markdown(report.target("P1.1.a"), model.indicator("employment-rate"), "sv")
    assert "Gapet mot Riket 2019: 4\u00a0procentenheter (kvinnor: 76\u00a0%\\* mot Riket 80\u00a0%\\*)" in sv
    spec = indicator_chart(model, model.indicator("employment-rate"), report)
    assert ("women&comparator:riket", "Riket, kvinnor") in [(x.key, x.label) for x in spec.observed]
    assert "comparator:riket" not in [x.key for x in spec.observed], "the nation's total is not what it is compared with"
    assert spec.table_header[-1] == "Utfall (Riket, kvinnor)"
    data = report_data(report, model, "en")["priorities"][0]["goals"][0]["targets"][0]
    assert data["comparator"]["baseline_gap"] == pytest.approx(4.0)
    assert [v["value"] for v in data["comparator"]["values"]] == [80.0, 80.4]


def test_a_gap_target_set_for_women_instead_of_the_total_is_a_changed_breakdown(tmp_path):
    a, b = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    _gap(a)
    _data(a, ROWS + WOMEN_ROWS)
    _women(b)
    changes = [c for c in diff(a, str(a), str(b)).changes if c.kind == "target-breakdown-changed"]
    assert [(c.old, c.new) for c in changes] == [("total", "women")]
