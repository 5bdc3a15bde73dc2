"""Targets written against a base year ("−75 % against 1990", "doubled against 2017"): resolved, checked, shown, diffed."""

from __future__ import annotations

import pytest

from strategykit.analysis.diff import LOWERED, RAISED
from strategykit.vcs.revisions import diff
from strategykit.analysis.followup import Status, follow_up
from strategykit.present.followup import format_markdown
from strategykit.project import check

from conftest import copy_minimal, edit, find, line_of

EMPLOYMENT = "target: {year: 2030, value: 82, illustrative: true}"
POPULATION = "target: {year: 2030, value: 300000, illustrative: true}"
DATA = "year,value,breakdown,provenance,source,retrieved\n"


def _data(root, indicator: str, rows: str) -> None:
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / f"{indicator}.csv").write_text(DATA + rows, encoding="utf-8")


def _target(root, target_id: str):
    return next(t for _, t in check(root).model.targets() if t.id == target_id)


def test_a_change_against_the_baseline_year_gives_the_level(minimal):
    # 270 154 × (1 + 10/100) = 297 169.4
    edit(minimal, POPULATION, "target: {year: 2030, change: 10, base_year: 2018, illustrative: true}")
    edit(minimal, "text: Befolkningen ska öka till 300 000 år 2030.",
         "text: Befolkningen ska öka med 10 procent mot 2018 till år 2030.")
    t = _target(minimal, "P1.2.a")
    assert t.target.value == pytest.approx(297169.4) and t.target.base_value == 270154
    assert check(minimal).diagnostics == []


def test_a_factor_against_a_year_of_the_data_file_gives_the_level(minimal):
    # doubled against 2017: 2 × 260 000 = 520 000 (the baseline is for 2018, so the data file's 2017 counts)
    _data(minimal, "population", "2017,260000,total,illustrative,,\n2018,270154,total,illustrative,,\n")
    edit(minimal, POPULATION, "target: {year: 2030, factor: 2, base_year: 2017, illustrative: true}")
    assert _target(minimal, "P1.2.a").target.value == 520000


def test_minus_forty_percent_on_a_percent_indicator_is_no_out_of_range_value(minimal):
    # 79.5 × (1 − 40/100) = 47.7: a level between 0 and 100; the change itself is not a percentage value
    edit(minimal, "direction: increase\n            baseline: {year: 2019",
         "direction: decrease\n            baseline: {year: 2019")
    edit(minimal, EMPLOYMENT, "target: {year: 2030, change: -40, base_year: 2019, illustrative: true}")
    edit(minimal, "text: Andelen förvärvsarbetande ska öka till 82 procent år 2030.",
         "text: Andelen ska minska med 40 procent mot 2019 till år 2030.")
    edit(minimal, "- {year: 2025, value: 80.5, illustrative: true}", "- {year: 2025, change: -20, base_year: 2019, illustrative: true}")
    assert check(minimal).diagnostics == []
    assert _target(minimal, "P1.1.a").target.value == pytest.approx(47.7)


def test_a_base_year_without_a_known_value_is_reported(minimal):
    edit(minimal, POPULATION, "target: {year: 2030, change: 10, base_year: 1990, illustrative: true}")
    (d,) = find(minimal, "relative-target-without-base-value")
    assert d.position.line == line_of(minimal, "base_year: 1990")
    assert "no value for 1990" in d.message


def test_a_value_written_both_as_a_level_and_as_a_change_is_reported(minimal):
    edit(minimal, POPULATION, "target: {year: 2030, value: 300000, change: 10, base_year: 2018, illustrative: true}")
    (d,) = find(minimal, "goal-value-conflict")
    assert "'value' and as 'change'" in d.message


def test_a_target_year_without_any_value_is_reported(minimal):
    edit(minimal, POPULATION, "target: {year: 2030, illustrative: true}")
    (d,) = find(minimal, "target-without-value")
    assert "no value to reach" in d.message


def test_a_change_without_base_year_is_a_schema_error(minimal):
    edit(minimal, POPULATION, "target: {year: 2030, change: 10, illustrative: true}")
    result = check(minimal)
    assert not result.ok
    assert any("base_year" in d.message for d in result.diagnostics), result.diagnostics


def test_the_report_shows_the_wording_and_the_level_and_assesses_against_the_level(minimal):
    # X = 270 154 × 1.10 = 297 169.4 in 2030; 2021: 280 000.
    # r_a = (280000/270154)^(1/3) − 1 = e^(0.035798/3) − 1 = 0.012004; r_n = 1.1^(1/12) − 1 = 0.007974; R = 1.5054
    _data(minimal, "population", "2018,270154,total,sourced,SCB,2025-01-15\n2021,280000,total,sourced,SCB,2025-01-15\n")
    edit(minimal, POPULATION, "target: {year: 2030, change: 10, base_year: 2018, illustrative: true}")
    model = check(minimal).model
    report = follow_up(model)
    tp = report.target("P1.2.a")
    assert tp.assessment.ratio == pytest.approx(1.5054, abs=1e-4) and tp.status is Status.ON_TRACK
    assert "+10\u00a0% mot 2018: 297\u202f169,4* (2030)" in format_markdown(report, model)
    assert "+10\u00a0% against 2018: 297,169.4* (2030)" in format_markdown(report, model, "en")


def test_the_report_shows_the_wording_alone_when_the_level_is_unknown(minimal):
    edit(minimal, POPULATION, "target: {year: 2030, factor: 2, base_year: 1990, illustrative: true}")
    model = check(minimal).model
    assert "| fördubbling mot 1990 (2030) |" in format_markdown(follow_up(model), model)


def test_the_web_and_the_pdf_show_the_relative_wording(minimal):
    import datetime

    from strategykit.render.pdf.data import document_data
    from strategykit.render.web import pages

    edit(minimal, POPULATION, "target: {year: 2030, change: 10, base_year: 2018, illustrative: true}")
    model = check(minimal).model
    info = pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None)
    web = "\n".join(pages.generate(model, info).pages.values())
    assert "+10\u00a0% mot 2018: 297\u202f169" in web
    data = document_data(model, commit=None, build_date=datetime.date(2026, 1, 1))
    target = data["priorities"][0]["goals"][1]["targets"][0]
    assert target["target"]["value"].startswith("+10\u00a0% mot 2018: 297\u202f169")


@pytest.mark.parametrize("old_change,new_change,flag", [("-75", "-70", LOWERED), ("-70", "-75", RAISED)])
def test_a_smaller_relative_cut_is_lowered_ambition_even_without_the_base_value(tmp_path, old_change, new_change, flag):
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    for root, change in ((old, old_change), (new, new_change)):
        edit(root, "direction: increase\n            baseline:\n              year: 2018",
             "direction: decrease\n            baseline:\n              year: 2018")
        edit(root, POPULATION, f"target: {{year: 2030, change: {change}, base_year: 1990, illustrative: true}}")
    (change,) = diff(old, str(old), str(new)).changes
    assert change.kind == "target-relative-changed" and change.flags == (flag,)


def test_the_changes_page_says_a_value_rewritten_against_a_base_year_in_words():
    from strategykit.present.consultation import describe_change
    from strategykit.analysis.diff import Change

    change = Change("target-relative-changed", "target", "P5.1.a", {"value": 375000},
                    {"change": -75, "base_year": 2017, "value": 375000})
    assert describe_change(change, "sv") == "målvärde: 375\u202f000 → −75\u00a0% mot 2017: 375\u202f000"


def test_the_changes_page_says_a_milestone_rewritten_against_a_base_year_in_words():
    """A milestone became '−55 % against 1990': the page printed the diff's raw keys
    ('year 2 030, change −55, base_year 1 990, value 855 000,00')."""
    from strategykit.analysis.diff import Change
    from strategykit.present.consultation import describe_change

    change = Change("target-milestones-changed", "target", "P5.1.a", [{"year": 2030, "value": 900000}],
                    [{"year": 2030, "change": -55, "base_year": 1990, "value": 855000}])
    assert describe_change(change, "sv") == \
        "etappmål: 900\u202f000 år 2030 → −55\u00a0% mot 1990: 855\u202f000 år 2030"
    ranged = Change("target-milestones-changed", "target", "P2.1.a", [{"year": 2025, "low": 60, "high": 70}], [])
    assert describe_change(ranged, "en", "%") == "milestones: between 60 and 70\u00a0% in 2025 → none"


def test_a_follow_up_words_a_relative_target_as_the_edition_does_in_both_editions():
    """The yearly follow-up showed P5.1.a's target as '475 000' alone, the edition as '−75 % mot 1990:
    475 000': a reader could not tell it was the same target. Both follow-ups now word it alike."""
    from strategykit.analysis.followup import follow_up
    from strategykit.present.targets import followup_target
    from strategykit.project import check
    from strategykit.render.pdf.data import _followup_target

    from conftest import REPO

    model = check(REPO).model
    report = follow_up(model)
    (tp,) = [tp for tp in report.targets() if tp.target_id == "P5.1.a"]
    ind = model.indicator(tp.indicator_id)
    shown = followup_target(model, tp, ind, "sv")
    assert shown.text.startswith("−75\u00a0% mot 1990: 475\u202f000") and shown.year == 2040 and shown.illustrative
    assert _followup_target(model, tp, "sv")["target"]["value"].startswith("−75\u00a0% mot 1990: 475\u202f000")
    (plain,) = [tp for tp in report.targets() if tp.target_id == "P1.1.a"]
    assert followup_target(model, plain, model.indicator(plain.indicator_id), "sv").text.startswith("300\u202f000")
