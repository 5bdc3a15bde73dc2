"""Baselines over a period ("2013–15"): accepted, shown as the period, assessed as of its last year."""

from __future__ import annotations

import datetime

from strategykit.analysis.followup import follow_up
from strategykit.present.followup import format_markdown
from strategykit.project import check

from conftest import edit, find

BASELINE = "baseline: {year: 2019, value: 79.5, illustrative: true}"


def test_a_baseline_over_a_period_checks_clean_and_is_shown_as_the_period(minimal):
    edit(minimal, BASELINE, "baseline: {year: 2019, from_year: 2017, value: 79.5, illustrative: true}")
    result = check(minimal)
    assert result.diagnostics == []
    model = result.model
    t = next(t for _, t in model.targets() if t.id == "P1.1.a")
    assert (t.baseline.from_year, t.baseline.year, t.baseline.period) == (2017, 2019, "2017–2019")
    assert "79,5\u00a0%* (2017–2019)" in format_markdown(follow_up(model), model)


def test_both_editions_show_the_period(minimal):
    from strategykit.render.pdf.data import document_data
    from strategykit.render.web import pages

    edit(minimal, BASELINE, "baseline: {year: 2019, from_year: 2017, value: 79.5, illustrative: true}")
    model = check(minimal).model
    info = pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None)
    assert "(2017–2019)" in "\n".join(pages.generate(model, info).pages.values())
    data = document_data(model, commit=None, build_date=datetime.date(2026, 1, 1))
    assert data["priorities"][0]["goals"][0]["targets"][0]["baseline"]["year"] == "2017–2019"


def test_a_period_whose_first_year_comes_after_its_last_is_reported(minimal):
    edit(minimal, BASELINE, "baseline: {year: 2019, from_year: 2021, value: 79.5, illustrative: true}")
    (d,) = find(minimal, "baseline-after-target")
    assert "covers 2021–2019" in d.message


def test_the_diff_shows_a_baseline_year_becoming_a_period(tmp_path):
    from strategykit.vcs.revisions import diff
    from conftest import copy_minimal

    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    edit(new, BASELINE, "baseline: {year: 2019, from_year: 2017, value: 79.5, illustrative: true}")
    (change,) = diff(old, str(old), str(new)).changes
    assert (change.kind, change.old, change.new) == (
        "target-baseline-changed", {"year": 2019, "value": 79.5}, {"year": "2017–2019", "value": 79.5})
