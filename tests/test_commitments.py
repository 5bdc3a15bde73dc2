"""Commitments (åtaganden): goals followed up by judgement, with yearly assessments on a fixed scale."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from strategykit.analysis.followup import follow_up
from strategykit.model import COMMITMENT_STATUSES
from strategykit.present import commitments as present_commitments
from strategykit.present.followup import format_json, format_markdown, format_text
from strategykit.project import check

from conftest import codes, edit, find, line_of

COMMITMENT = """        commitments:
          - id: P1.2.A1
            text: Regionen och kommunerna tar fram en gemensam plan för bostadsbyggandet.
            owners:
              - {kind: region}
              - {kind: academia, name: Umeå universitet}
            assessed_by: Regionala utvecklingsnämnden
            assessments:
              - year: 2023
                status: delayed
                reasoning: Planen är försenad men arbetet har börjat.
                by: Regionala utvecklingsnämnden
                date: "2024-02-01"
                illustrative: true
              - year: 2024
                status: on-schedule
                reasoning: Planen är antagen i tolv kommuner.
                by: Regionala utvecklingsnämnden
                date: "2025-02-03"
                evidence:
                  - {title: Årsrapport 2024, url: "https://example.org/arsrapport-2024.pdf"}
"""

P12_TARGETS = """        targets:
          - id: P1.2.a
            text: Befolkningen ska öka till 300 000 år 2030."""


def with_commitment(root, text: str = COMMITMENT) -> None:
    """The commitment under goal P1.2, after its targets (before the indicators)."""
    edit(root, "indicators:\n", text + "indicators:\n")


def only_commitments(root) -> None:
    """Goal P1.2 without its target: the commitment is all it has."""
    goals = root / "goals.yaml"
    text = goals.read_text(encoding="utf-8")
    start = text.index(P12_TARGETS)
    end = text.index("indicators:\n")
    goals.write_text(text[:start] + COMMITMENT + text[end:], encoding="utf-8")


def follow_up_by_judgement(root) -> None:
    edit(root, "  language: sv\n", "  language: sv\n  followup: {commitments: true}\n")


# -- the model ------------------------------------------------------------------

def test_a_commitment_with_owners_and_assessments_checks_clean_and_is_in_the_model(minimal):
    with_commitment(minimal)
    result = check(minimal)
    assert result.diagnostics == []
    (goal, c), = result.model.commitments()
    assert goal.id == "P1.2" and c.id == "P1.2.A1"
    assert [(o.kind, o.name) for o in c.owners] == [("region", ""), ("academia", "Umeå universitet")]
    assert c.assessed_by == "Regionala utvecklingsnämnden"
    assert [(a.year, a.status) for a in c.assessments] == [(2023, "delayed"), (2024, "on-schedule")]
    assert c.latest().year == 2024 and c.latest(until=2023).status == "delayed"
    assert c.latest().evidence[0].url == "https://example.org/arsrapport-2024.pdf"


def test_an_illustrative_assessment_makes_the_strategy_show_the_illustrative_note(minimal):
    edit(minimal, "target: {year: 2030, value: 300000, illustrative: true}", "target: {year: 2030, value: 300000, decision: {body: Fullmäktige}}")
    edit(minimal, "baseline: {year: 2019, value: 79.5, illustrative: true}", "baseline: {year: 2019, value: 79.5, source: SCB, retrieved: \"2025-01-01\"}")
    edit(minimal, "target: {year: 2030, value: 82, illustrative: true}", "target: {year: 2030, value: 82, decision: {body: Fullmäktige}}")
    edit(minimal, "              - {year: 2025, value: 80.5, illustrative: true}\n", "")
    assert not check(minimal).model.has_illustrative_values()
    with_commitment(minimal)
    assert check(minimal).model.has_illustrative_values()


# -- the rules ------------------------------------------------------------------

def test_a_status_off_the_scale_is_reported_at_the_status(minimal):
    with_commitment(minimal, COMMITMENT.replace("status: delayed", "status: late"))
    result = check(minimal)
    (d,) = [d for d in result.diagnostics if d.severity.value == "error"]
    assert d.position.line == line_of(minimal, "status: late")
    assert "late" in d.message


def test_an_owner_of_an_unknown_kind_is_reported(minimal):
    with_commitment(minimal, COMMITMENT.replace("{kind: region}", "{kind: regionen}"))
    (d,) = check(minimal).diagnostics
    assert d.position.line == line_of(minimal, "{kind: regionen}")


def test_a_commitment_without_owners_is_reported(minimal):
    with_commitment(minimal, COMMITMENT.replace("""            owners:
              - {kind: region}
              - {kind: academia, name: Umeå universitet}
""", ""))
    (d,) = check(minimal).diagnostics
    assert "owners" in d.message


def test_an_assessment_dated_in_the_future_is_reported(minimal):
    with_commitment(minimal, COMMITMENT.replace('date: "2025-02-03"', 'date: "2199-02-03"'))
    (d,) = find(minimal, "assessment-in-future")
    assert d.position.line == line_of(minimal, '"2199-02-03"')
    assert "in the future" in d.message or "framtiden" in d.message


def test_an_assessment_dated_today_or_earlier_is_not_reported_as_future(minimal):
    today = datetime.date.today().isoformat()
    with_commitment(minimal, COMMITMENT.replace('date: "2025-02-03"', f'date: "{today}"'))
    assert "assessment-in-future" not in codes(minimal)
    assert check(minimal).diagnostics == []


def test_an_assessment_for_a_year_outside_the_period_is_reported(minimal):
    with_commitment(minimal, COMMITMENT.replace("year: 2023", "year: 2019"))
    (d,) = find(minimal, "assessment-outside-period")
    assert d.position.line == line_of(minimal, "- year: 2019")
    assert "2020–2030" in d.message


def test_assessments_within_the_period_are_not_reported(minimal):
    with_commitment(minimal)
    assert "assessment-outside-period" not in codes(minimal)


def test_two_assessments_for_one_year_are_reported_at_the_second(minimal):
    with_commitment(minimal, COMMITMENT.replace("year: 2024", "year: 2023"))
    (d,) = find(minimal, "assessment-year-twice")
    first = line_of(minimal, "status: delayed") - 1
    assert str(first) in d.message and d.position.line > first


def test_an_assessment_dated_before_its_year_is_a_warning(minimal):
    with_commitment(minimal, COMMITMENT.replace('date: "2025-02-03"', 'date: "2023-12-01"'))
    (d,) = find(minimal, "assessment-before-its-year")
    assert d.severity.value == "warning"
    assert d.position.line == line_of(minimal, '"2023-12-01"')


def test_a_commitment_id_used_by_a_target_is_a_duplicate(minimal):
    with_commitment(minimal, COMMITMENT.replace("id: P1.2.A1", "id: P1.2.a"))
    (d,) = find(minimal, "duplicate-id")
    assert "P1.2.a" in d.message


def test_distinct_commitment_ids_are_no_duplicates(minimal):
    with_commitment(minimal)
    assert "duplicate-id" not in codes(minimal)


# -- goals followed up by judgement ------------------------------------------------

def test_a_goal_with_only_commitments_is_not_followed_up_by_default(minimal):
    only_commitments(minimal)
    (d,) = find(minimal, "goal-without-indicator")
    assert d.severity.value == "error" and '"P1.2' in d.message
    assert "followup: {commitments: true}" in d.hint


def test_a_goal_with_an_assessed_commitment_is_followed_up_where_the_strategy_says_so(minimal):
    only_commitments(minimal)
    follow_up_by_judgement(minimal)
    result = check(minimal)
    assert [d.code for d in result.diagnostics] == ["unused-indicator"]  # the goal's target used it
    assert result.model.followup_commitments


def test_a_commitment_that_names_no_assessor_does_not_follow_a_goal_up(minimal):
    only_commitments(minimal)
    follow_up_by_judgement(minimal)
    edit(minimal, "            assessed_by: Regionala utvecklingsnämnden\n", "")
    (d,) = find(minimal, "goal-without-indicator")
    assert "no commitment that names who assesses it" in d.message or "bedömer" in d.message
    assert "assessed_by" in d.hint


# -- what readers see -------------------------------------------------------------

def test_the_row_shows_owners_the_latest_assessment_and_its_evidence(minimal):
    with_commitment(minimal)
    model = check(minimal).model
    (_g, c), = model.commitments()
    r = present_commitments.commitment_row(model, c)
    assert r.owners == ("Regionen", "Umeå universitet (akademi)")
    assert r.latest.year == 2024 and r.latest.status.label == "Pågår enligt plan"
    assert r.latest.status.shape == "disc" and r.latest.date == "3 februari 2025"
    assert r.latest.evidence == (("Årsrapport 2024", "https://example.org/arsrapport-2024.pdf"),)


def test_every_step_of_the_scale_has_words_a_shape_and_a_meaning_in_both_languages():
    shapes = set()
    for status in COMMITMENT_STATUSES:
        for lang in ("sv", "en"):
            b = present_commitments.badge(status, lang)
            assert b.label and b.label != status
            assert b.label in present_commitments.method_markdown(lang)
            assert b.label in present_commitments.scale_note(lang)
        shapes.add(present_commitments.badge(status, "sv").shape)
    assert len(shapes) == len(COMMITMENT_STATUSES)


def test_both_editions_show_the_commitment_labelled_as_judgement(minimal):
    from strategykit.render.pdf.data import document_data
    from strategykit.render.web import pages

    with_commitment(minimal)
    model = check(minimal).model
    info = pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None)
    site = pages.generate(model, info).pages
    page = next(text for path, text in site.items() if "P1.2.A1" in text)
    assert "sk-status--on-schedule" in page and "Pågår enligt plan" in page
    assert "Umeå universitet (akademi)" in page and "Årsrapport 2024" in page
    assert model_note(model) in page
    data = document_data(model, commit=None, build_date=datetime.date(2026, 1, 1))
    (goal,) = [g for p in data["priorities"] for g in p["goals"] if g["commitments"]]
    (c,) = goal["commitments"]
    assert c["status"]["label"] == "Pågår enligt plan" and (c["year"], c["mark"]) == ("2024", "")
    assert data["priorities"][0]["commitments_note"] == model_note(model)


def model_note(model) -> str:
    return present_commitments.scale_note(model.language)


def test_the_report_shows_commitments_in_every_format(minimal):
    with_commitment(minimal)
    model = check(minimal).model
    report = follow_up(model)
    markdown = format_markdown(report, model)
    assert "| **P1.2.A1** Regionen och kommunerna" in markdown and "Pågår enligt plan (2024)" in markdown
    assert "Så bedöms åtagandena" in markdown
    assert "P1.2.A1 (åtagande; Regionen, Umeå universitet (akademi)): [Pågår enligt plan (2024)]" in format_text(report, model)
    data = json.loads(format_json(report, model))
    (c,) = [c for p in data["priorities"] for g in p["goals"] for c in g["commitments"]]
    assert c["followed_up_by"] == "judgement" and c["latest"]["status"] == "on-schedule"
    assert [a["year"] for a in c["assessments"]] == [2023, 2024]


def test_a_goal_with_only_commitments_builds_its_pages_and_report(minimal):
    from strategykit.render.web import pages

    only_commitments(minimal)
    follow_up_by_judgement(minimal)
    model = check(minimal).model
    info = pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None)
    assert any("P1.2.A1" in text for text in pages.generate(model, info).pages.values())
    assert "P1.2.A1" in format_markdown(follow_up(model), model)


def test_the_strategys_own_name_for_commitments_is_used(minimal):
    from strategykit.present import i18n

    with_commitment(minimal)
    edit(minimal, "indicators:\n", "levels:\n  commitment: {one: Insats, many: Insatser}\nindicators:\n")
    model = check(minimal).model
    assert i18n.labels_for(model)["commitment"] == "Insats"
    assert "| Insats | Ansvariga |" in format_markdown(follow_up(model), model)


def test_a_report_whose_only_invented_value_is_an_assessment_says_what_the_mark_means(minimal):
    from strategykit.present import i18n

    for old in ("baseline: {year: 2019, value: 79.5, illustrative: true}",
                "target: {year: 2030, value: 82, illustrative: true}",
                "target: {year: 2030, value: 300000, illustrative: true}"):
        edit(minimal, old, old.replace("illustrative: true", "decision: {body: Fullmäktige}")
             if old.startswith("target") else 'baseline: {year: 2019, value: 79.5, source: SCB, retrieved: "2025-01-01"}')
    edit(minimal, "              - {year: 2025, value: 80.5, illustrative: true}\n", "")
    with_commitment(minimal, COMMITMENT.replace('date: "2025-02-03"', 'date: "2025-02-03"\n                illustrative: true'))
    model = check(minimal).model
    report = follow_up(model)
    note = i18n.labels("sv")["illustrative_note"]
    assert "[Pågår enligt plan (2024*)]" in format_text(report, model)
    assert "Pågår enligt plan (2024*)" in format_markdown(report, model)
    assert note in format_markdown(report, model) and note in format_text(report, model)


# -- a goal followed up by its commitments alone: their judgement -------------------------

from strategykit.analysis.followup import judge_goal  # noqa: E402


def _assessment(year: int, status: str, date: str | None = None) -> str:
    return (f"              - year: {year}\n                status: {status}\n"
            f"                reasoning: Bedömt för exemplet.\n                by: Nämnden\n"
            f"                date: \"{date or f'{year + 1}-02-01'}\"\n")


def _commitment(cid: str, *assessments: str) -> str:
    text = (f"          - id: {cid}\n            text: Ett åtagande.\n            owners:\n"
            f"              - {{kind: region}}\n            assessed_by: Nämnden\n")
    if assessments:
        text += "            assessments:\n" + "".join(assessments)
    return text


def judged(root, *commitments: str):
    """Goal P1.2 followed up by ``commitments`` alone; returns the checked model and the goal."""
    goals = root / "goals.yaml"
    text = goals.read_text(encoding="utf-8")
    start, end = text.index(P12_TARGETS), text.index("indicators:\n")
    goals.write_text(text[:start] + "        commitments:\n" + "".join(commitments) + text[end:], encoding="utf-8")
    follow_up_by_judgement(root)
    result = check(root)
    assert [d.code for d in result.diagnostics] == ["unused-indicator"], [(d.code, d.message) for d in result.diagnostics]
    return result.model, next(g for g in result.model.goals() if g.id == "P1.2")


def test_a_goal_judged_by_its_commitments_gets_the_worst_latest_assessment(minimal):
    # A1 on schedule, A2 delayed in 2023 but on schedule in 2024, A3 delayed: the worst latest is delayed.
    model, goal = judged(minimal, _commitment("A1", _assessment(2024, "on-schedule")),
                         _commitment("A2", _assessment(2023, "delayed"), _assessment(2024, "on-schedule")),
                         _commitment("A3", _assessment(2024, "delayed")))
    j = judge_goal(model, goal)
    assert j.status == "delayed" and j.assessed == 3
    assert [(c.commitment_id, c.year, c.status) for c in j.commitments] == [
        ("A1", 2024, "on-schedule"), ("A2", 2024, "on-schedule"), ("A3", 2024, "delayed")]


def test_the_judgement_uses_the_assessments_up_to_the_report_year(minimal):
    # In 2023 only A2 was assessed (delayed); A1 was first assessed for 2024 (done).
    model, goal = judged(minimal, _commitment("A1", _assessment(2024, "done")),
                         _commitment("A2", _assessment(2023, "delayed"), _assessment(2024, "done")))
    assert judge_goal(model, goal, 2023).status == "delayed" and judge_goal(model, goal, 2023).assessed == 1
    assert judge_goal(model, goal, 2024).status == "done" and judge_goal(model, goal, 2024).assessed == 2
    assert judge_goal(model, goal, 2022).status is None


def test_discontinued_is_worse_than_not_started_and_unassessed_commitments_are_not_counted(minimal):
    model, goal = judged(minimal, _commitment("A1", _assessment(2024, "not-started")),
                         _commitment("A2", _assessment(2024, "discontinued")), _commitment("A3"))
    j = judge_goal(model, goal)
    assert (j.status, j.assessed, len(j.commitments)) == ("discontinued", 2, 3)
    view = present_commitments.goal_judgement(j, "sv")
    assert view.words == "Avbrutet (bedömning av åtagandena, 2 av 3 bedömda)"


def test_a_goal_whose_commitments_are_not_yet_assessed_is_judged_not_assessed(minimal):
    model, goal = judged(minimal, _commitment("A1"))
    j = judge_goal(model, goal)
    assert j.status is None and j.assessed == 0
    view = present_commitments.goal_judgement(j, "en")
    assert view.badge.shape == "box" and view.words == "Not assessed yet (judgement of its commitments, 0 of 1 assessed)"


def test_not_assessed_yet_has_a_shape_of_its_own_like_every_status():
    """'Inte bedömt ännu' was words alone where every status has a shape, a colour and words: it has an
    empty box, a shape no target status and no step of the scale has."""
    from strategykit.analysis.followup import Status
    from strategykit.present import status as present_status

    b = present_commitments.not_assessed("sv")
    assert (b.label, b.shape) == ("Inte bedömt ännu", "box") and b.colour and b.tint
    assert present_commitments.not_assessed("en").label == "Not assessed yet"
    others = ({present_status.badge(s, "sv").shape for s in Status}
              | {present_commitments.badge(s, "sv").shape for s in COMMITMENT_STATUSES})
    assert b.shape not in others and b.shape in present_status.ICON_PATHS
    assert "<path" in present_status.icon_svg(b.shape, b.colour)


def test_both_editions_show_a_commitment_not_yet_assessed_with_its_shape(minimal):
    """The commitment's row and the goal's judgement: the web shows the empty box's icon before 'Inte bedömt
    ännu' (it showed the words alone), the PDF's data has the badge the profile draws."""
    from strategykit.render.pdf.data import document_data
    from strategykit.render.web import pages

    model, _goal = judged(minimal, _commitment("A1"))
    info = pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None)
    page = next(text for path, text in pages.generate(model, info).pages.items() if "Ett åtagande." in text)
    icon = r'<svg class="sk-status__icon"[^>]*>(?:(?!</svg>).)*M2\.2 2\.2 L9\.8 2\.2(?:(?!</svg>).)*</svg>'
    assert re.search(r'<span class="sk-status sk-status--not-assessed">' + icon + r"Inte bedömt ännu</span>", page), page
    assert re.search(r"\[" + icon + r"Inte bedömt ännu\]\([^)]*\)\{ \.sk-status \.sk-status--not-assessed \}", page), page
    data = document_data(model, commit=None, build_date=datetime.date(2026, 1, 1))
    assert data["not_assessed"]["shape"] == "box" and data["not_assessed"]["label"] == "Inte bedömt ännu"
    (goal,) = [g for p in data["priorities"] for g in p["goals"] if g["commitments"]]
    assert goal["commitments"][0]["status"] is None and goal["judgement"]["badge"]["shape"] == "box"


def test_a_goal_with_an_indicator_backed_target_is_not_judged_by_its_commitments(minimal):
    with_commitment(minimal)
    model = check(minimal).model
    goal = next(g for g in model.goals() if g.id == "P1.2")
    assert goal.commitments and judge_goal(model, goal) is None
    report = follow_up(model)
    assert report.goal("P1.2").judgement is None and report.judged() == {s: 0 for s in report.judged()}


def test_the_follow_up_counts_judged_goals_beside_the_targets_not_among_them(minimal):
    model, _goal = judged(minimal, _commitment("A1", _assessment(2024, "delayed")))
    report = follow_up(model, 2024)
    gp = report.goal("P1.2")
    assert gp.status.value == "no-data" and gp.judgement.status == "delayed" and gp.targets == ()
    assert report.judged()["delayed"] == 1 and report.priority("P1").judged()["delayed"] == 1
    assert sum(report.counts().values()) == 1  # the one target of P1.1: the judged goal adds none


def test_the_report_shows_a_judged_goal_labelled_as_judgement_in_every_format(minimal):
    model, _goal = judged(minimal, _commitment("A1", _assessment(2024, "delayed")), _commitment("A2"))
    report = follow_up(model, 2024)
    markdown = format_markdown(report, model)
    assert "Bedömning: **Försenat** (bedömning av åtagandena, 1 av 2 bedömda)" in markdown
    assert "Mål som följs upp med åtaganden: 1 försenat (bedömning av åtagandena)." in markdown
    assert "**Mål som följs upp med åtaganden.** Ett mål som inte har något mätbart mål" in markdown
    assert "P1.2 Fler invånare  [Försenat (bedömning av åtagandena, 1 av 2 bedömda)]" in format_text(report, model)
    data = json.loads(format_json(report, model))
    (goal,) = [g for p in data["priorities"] for g in p["goals"] if g["id"] == "P1.2"]
    assert goal["status"] == "no-data"
    assert goal["judgement"]["followed_up_by"] == "judgement" and goal["judgement"]["status"] == "delayed"
    assert goal["judgement"]["assessed"] == 1 and len(goal["judgement"]["commitments"]) == 2
    assert data["judged_goals"]["delayed"] == 1


def test_both_editions_show_a_judged_goal_with_its_rule_in_the_method(minimal):
    from strategykit.render.pdf.data import document_data, followup_data
    from strategykit.render.web import pages

    model, _goal = judged(minimal, _commitment("A1", _assessment(2024, "delayed")))
    yearly = follow_up(model, 2024)
    info = pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None, yearly=(yearly,))
    site = pages.generate(model, info).pages
    words = "Försenat](metod.md#goal-judgement){ .sk-status .sk-status--delayed } (bedömning av åtagandena, 1 av 1 bedömda)"
    # The yearly follow-up writes it as HTML, linked to the address MkDocs gives the method page.
    yearly_page = site["uppfoljning/2024.md"]
    assert "Målets bedömning: " in yearly_page
    assert '<a class="sk-status sk-status--delayed" href="../metod/#goal-judgement">' in yearly_page
    assert "Försenat</a> (bedömning av åtagandena, 1 av 1 bedömda)" in yearly_page
    assert "Mål som följs upp med åtaganden: " in yearly_page
    assert words.replace("](metod.md", "](../uppfoljning/metod.md") in site["prioriteringar/p1.md"]
    assert '<span id="goal-judgement"></span>**Mål som följs upp med åtaganden.**' in site["uppfoljning/metod.md"]
    data = document_data(model, commit=None, build_date=datetime.date(2026, 1, 1))
    (j,) = [g["judgement"] for p in data["priorities"] for g in p["goals"] if g["judgement"]]
    assert (j["badge"]["code"], j["label"], j["note"]) == ("delayed", "Försenat", "bedömning av åtagandena, 1 av 1 bedömda")
    fu = followup_data(model, yearly, "sv")
    assert fu["judged"]["heading"] == "Mål som följs upp med åtaganden"
    assert [(x["badge"]["code"], x["n"], x["words"]) for x in fu["judged"]["parts"]] == [("delayed", 1, "försenat")]
    assert [g["judgement"]["label"] for p in fu["priorities"] for g in p["goals"] if g["judgement"]] == ["Försenat"]


def test_an_illustrative_assessment_marks_the_goals_judgement(minimal):
    model, _goal = judged(minimal, _commitment("A1", _assessment(2024, "done").replace(
        "                by: Nämnden\n", "                by: Nämnden\n                illustrative: true\n")))
    report = follow_up(model, 2024)
    assert report.goal("P1.2").judgement.illustrative
    assert "Bedömning: **Genomfört**\\* (bedömning av åtagandena, 1 av 1 bedömda)" in format_markdown(report, model)


def test_the_rule_of_derivation_is_written_in_both_languages():
    for lang, words in (("sv", "den sämsta av dem, i ordningen genomfört, pågår enligt plan, försenat, ej påbörjat, avbrutet"),
                        ("en", "the worst of them, in the order done, on schedule, delayed, not started, discontinued")):
        assert words in present_commitments.method_markdown(lang)


def test_a_changed_judgement_is_a_change_since_the_previous_year_in_every_place(minimal):
    from strategykit.render.pdf.data import followup_data
    from strategykit.render.web import pages

    # 2023: on schedule; 2024: delayed, so worse. A2 never assessed changes nothing.
    model, _goal = judged(minimal, _commitment("A1", _assessment(2023, "on-schedule"), _assessment(2024, "delayed")),
                          _commitment("A2"))
    report = follow_up(model, 2024)
    (change,) = [c for c in report.changes if c.kind == "judgement"]
    assert (change.id, change.before, change.after, change.improved) == ("P1.2", "on-schedule", "delayed", False)
    line = "Mål P1.2 (bedömning av åtagandena): Pågår enligt plan → Försenat (sämre)"
    assert line in format_markdown(report, model) and line in format_text(report, model)
    assert line in followup_data(model, report, "sv")["changes"]
    info = pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None, yearly=(report,))
    page = pages.generate(model, info).pages["uppfoljning/2024.md"]
    assert "(bedömning av åtagandena): Pågår enligt plan → Försenat (sämre)" in page
    (c,) = json.loads(format_json(report, model))["changes"]
    assert (c["kind"], c["before"], c["after"], c["improved"]) == ("judgement", "on-schedule", "delayed", False)


def test_an_unchanged_judgement_is_no_change(minimal):
    model, _goal = judged(minimal, _commitment("A1", _assessment(2023, "delayed"), _assessment(2024, "delayed")))
    assert [c for c in follow_up(model, 2024).changes if c.kind == "judgement"] == []
