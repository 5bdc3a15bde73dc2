"""Target and milestone values say where they come from: a decision, or illustrative; the editions mark the illustrative ones."""

from __future__ import annotations

import datetime

from strategykit.analysis.followup import follow_up
from strategykit.present.followup import format_markdown
from strategykit.project import check
from strategykit.render.pdf.data import document_data

from conftest import edit, find, line_of
from web_support import html_rows

DECIDED = ('target: {year: 2030, value: 300000, decision: {body: Regionfullmäktige, date: "2019-11-26", '
           'case: "RUN 2019-00412", url: "https://example.org/protokoll"}}')


def test_a_target_value_without_decision_or_mark_is_reported_at_its_key(minimal):
    edit(minimal, "target: {year: 2030, value: 300000, illustrative: true}", "target: {year: 2030, value: 300000}")
    (d,) = find(minimal, "target-value-without-provenance")
    assert d.position.line == line_of(minimal, "target: {year: 2030, value: 300000}")
    assert d.severity.value == "warning"
    assert "P1.2.a" in d.message and "2030" in d.message


def test_a_milestone_without_provenance_is_reported(minimal):
    edit(minimal, "- {year: 2025, value: 80.5, illustrative: true}", "- {year: 2025, value: 80.5}")
    (d,) = find(minimal, "target-value-without-provenance")
    assert d.position.line == line_of(minimal, "- {year: 2025, value: 80.5}")
    assert "milestone 2025" in d.message


def test_a_decided_target_value_is_quiet_and_carries_its_decision(minimal):
    edit(minimal, "target: {year: 2030, value: 300000, illustrative: true}", DECIDED)
    result = check(minimal)
    assert result.diagnostics == []
    (_, t), = [(g, t) for g, t in result.model.targets() if t.id == "P1.2.a"]
    assert t.target.decision.body == "Regionfullmäktige" and t.target.decision.case == "RUN 2019-00412"
    assert not t.target.illustrative


def test_a_value_both_decided_and_illustrative_is_reported(minimal):
    edit(minimal, "target: {year: 2030, value: 300000, illustrative: true}",
         "target: {year: 2030, value: 300000, illustrative: true, decision: {body: Regionstyrelsen}}")
    (d,) = find(minimal, "target-value-without-provenance")
    assert "also names a decision" in d.message


def test_the_report_marks_an_illustrative_target_value_and_not_a_decided_one(minimal):
    edit(minimal, "target: {year: 2030, value: 300000, illustrative: true}", DECIDED)
    model = check(minimal).model
    report = follow_up(model)
    by_id = {t.target_id: t for t in report.targets()}
    assert by_id["P1.1.a"].target_illustrative and not by_id["P1.2.a"].target_illustrative
    text = format_markdown(report, model)
    def target_cell(target_id: str) -> str:
        row = next(line for line in text.splitlines() if line.startswith(f"| **{target_id}**"))
        return row.split(" | ")[4]
    assert target_cell("P1.1.a").endswith("* (2030)")
    assert target_cell("P1.2.a").endswith("000 (2030)")


def test_the_pdf_marks_illustrative_target_and_milestone_values(minimal):
    model = check(minimal).model
    data = document_data(model, commit=None, build_date=datetime.date(2026, 1, 1))
    target = data["priorities"][0]["goals"][0]["targets"][0]
    assert target["target"]["value"].endswith("*") and target["target"]["illustrative"]
    assert all(m["value"].endswith("*") for m in target["milestones"])
    assert data["priorities"][0]["illustrative"]


def test_the_web_edition_marks_an_illustrative_target_value_and_not_a_decided_one(minimal):
    from strategykit.render.web import pages

    edit(minimal, "target: {year: 2030, value: 300000, illustrative: true}", DECIDED)
    model = check(minimal).model
    info = pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None)
    text = "\n".join(pages.generate(model, info).pages.values())
    assert '82 %<span class="sk-ill">' in text.replace("\u00a0", " ") or '82<span class="sk-ill">' in text
    rows = [cells for cells in html_rows(text) if cells and cells[0].startswith("<strong>P1.2.a</strong>")]
    assert rows and all('000<span class="sk-ill">' not in cell for cells in rows for cell in cells), rows
