"""Milestones are assessed: a milestone whose year has data is met or missed, and a target never reads
"on track" while its latest milestone was missed without every edition saying so."""

from __future__ import annotations

import datetime

import pytest

from strategykit.analysis.followup import Status, follow_up, milestone_met
from strategykit.present.followup import format_json, format_markdown, format_text
from strategykit.project import check

DATA = "year,value,breakdown,provenance,source,retrieved\n"


def _with_data(root, rows: str):
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "employment-rate.csv").write_text(DATA + rows, encoding="utf-8")
    model = check(root).model
    return model, follow_up(model)


def test_a_milestone_reached_in_its_year_is_met_and_one_short_of_it_is_missed(minimal):
    # milestone 80.5 % in 2025 (increase): 80.6 meets it, 80.4 does not
    _, report = _with_data(minimal, "2019,79.5,total,illustrative,,\n2025,80.6,total,illustrative,,\n")
    (m,) = report.target("P1.1.a").milestones
    assert (m.year, m.value, m.observed.value, m.met) == (2025, 80.5, 80.6, True)
    _, report = _with_data(minimal, "2019,79.5,total,illustrative,,\n2025,80.4,total,illustrative,,\n")
    assert report.target("P1.1.a").milestones[0].met is False


def test_a_milestone_without_a_value_for_its_year_is_not_assessed(minimal):
    _, report = _with_data(minimal, "2019,79.5,total,illustrative,,\n2024,80.0,total,illustrative,,\n")
    assert report.target("P1.1.a").milestones == ()


@pytest.mark.parametrize("direction,threshold,observed,value,met", [
    ("decrease", None, 4.0, 4.0, True), ("decrease", None, 4.1, 4.0, False),
    ("maintain", None, 77.0 * 1.019, 77.0, True), ("maintain", None, 77.0 * 0.97, 77.0, False),
    (None, "more-than", 12.0, 12.0, False), (None, "at-most", 40.0, 40.0, True),
])
def test_milestone_met_follows_the_direction_the_band_and_the_bound(direction, threshold, observed, value, met):
    assert milestone_met(direction, threshold, observed, value) is met


def test_on_track_with_its_latest_milestone_missed_says_so_in_the_report(minimal):
    # 2025: 80.4 < 80.5, missed. Latest 2026: r_a = (81.5/79.5)^(1/7) − 1 = 0.0035557;
    # r_n = (82/79.5)^(1/11) − 1 = 0.0028187; R = 1.2615 → on track
    model, report = _with_data(minimal, "2019,79.5,total,illustrative,,\n2025,80.4,total,illustrative,,\n"
                                        "2026,81.5,total,illustrative,,\n")
    tp = report.target("P1.1.a")
    assert tp.status is Status.ON_TRACK and tp.assessment.ratio == pytest.approx(1.2615, abs=1e-4)
    assert tp.missed_milestone.year == 2025
    md = format_markdown(report, model)
    assert "Observera: det senaste etappmålet (2025) nåddes inte, trots bedömningen i rätt takt." in md
    assert "2025 (80,5\u00a0%) inte nått: 80,4\u00a0%\\*" in md
    text = format_text(report, model, "en")
    assert "Note: the latest milestone (2025) was missed, despite the assessment on track." in text
    import json
    data = json.loads(format_json(report, model))
    (target,) = [t for p in data["priorities"] for g in p["goals"] for t in g["targets"] if t["id"] == "P1.1.a"]
    assert target["milestones"][0]["met"] is False and target["milestones"][0]["observed"]["value"] == 80.4


def test_both_editions_show_the_missed_milestone(minimal):
    from strategykit.render.pdf.data import document_data
    from strategykit.render.web import pages

    model, report = _with_data(minimal, "2019,79.5,total,illustrative,,\n2025,80.4,total,illustrative,,\n"
                                        "2026,81.5,total,illustrative,,\n")
    info = pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None)
    web = "\n".join(pages.generate(model, info).pages.values())
    assert "det senaste etappmålet (2025) nåddes inte" in web
    data = document_data(model, commit=None, build_date=datetime.date(2026, 1, 1), report=report)
    targets = [t for p in data["followup"]["priorities"] for g in p["goals"] for t in g["targets"]]
    (target,) = [t for t in targets if t["id"] == "P1.1.a"]
    assert "det senaste etappmålet (2025) nåddes inte" in target["milestones"]
