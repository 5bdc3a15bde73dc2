"""The data behind the compilation, participation and history pages, and their Markdown."""

from __future__ import annotations

import re

import pytest

from strategykit.present import consultation as c
from strategykit.project import check

from conftest import REPO, edit
from consultation_fixture import add_process


@pytest.fixture
def model(minimal):
    result = check(add_process(minimal))
    assert result.ok
    return result.model


def ids(entries) -> list[str]:
    return [e.comment.id for e in entries]


# -- the model -------------------------------------------------------------------

def test_process_files_are_in_the_model(model):
    assert [r.id for r in model.consultation] == ["forening-b", "kommun-a"]
    a = model.consultation[1]
    assert (a.respondent, a.kind, a.date, a.illustrative, a.file) == (
        "Kommun A", "municipality", "2020-03-01", False, "remiss/kommun-a.yaml")
    assert a.comments[1].handling.changed == ("P1.2.a",)
    assert model.consultation[0].comments[4].handling.decision is None
    assert [m.id for m in model.dialogue.meetings] == ["m1", "m2"]
    assert model.dialogue.meetings[1].participants == (("municipality", 4), ("non-profit", 6), ("individual", 2))
    assert [e.version for e in model.editions.entries] == ["0.9", "1.0"]
    assert model.editions.entries[0].consultation_start == "2019-12-01"


def test_strategy_without_process_files_has_empty_defaults(minimal):
    model = check(minimal).model
    assert model.consultation == () and model.dialogue.meetings == () and model.editions.entries == ()
    assert c.compilation(model).groups == () and c.edition_history(model) == ()


# -- the compilation -------------------------------------------------------------

def test_comments_are_grouped_by_the_part_they_concern_in_reading_order(model):
    groups = c.comment_groups(model)
    assert [(g.kind, g.id) for g in groups] == [
        ("strategy", "strategy"), ("vision", "vision"), ("priority", "P1"), ("indicators", "indicators")]
    by_id = {g.id: ids(g.entries) for g in groups}
    assert by_id["strategy"] == ["b-1"]
    assert by_id["vision"] == ["b-3"]
    # The priority, then goal P1.1, then target P1.2.a, then the chapter that presents P1.
    assert by_id["P1"] == ["b-5", "a-1", "a-2", "b-2"]
    assert by_id["indicators"] == ["b-4"]


def test_a_chapter_that_presents_no_priority_is_its_own_group(model, minimal):
    edit(minimal, "    presents: [P1]\n", "")
    groups = [(g.kind, g.id) for g in c.comment_groups(check(minimal).model)]
    assert groups.index(("chapter", "inledning")) < groups.index(("priority", "P1"))
    assert [e.comment.id for g in c.comment_groups(check(minimal).model) if g.id == "P1" for e in g.entries] == [
        "b-5", "a-1", "a-2"]


def test_empty_groups_can_be_asked_for(model):
    kinds = [g.kind for g in c.comment_groups(model, include_empty=True)]
    assert kinds == ["strategy", "vision", "priority", "indicators", "unresolved"]


def test_counts_per_kind_and_decision(model):
    comp = c.compilation(model)
    counts = {k.kind: (k.responses, k.comments) for k in comp.by_kind}
    assert counts["municipality"] == (1, 2) and counts["non-profit"] == (1, 5) and counts["business"] == (0, 0)
    assert [k.kind for k in comp.by_kind][:3] == ["municipality", "region", "state-agency"]
    assert [(d.decision, d.comments) for d in comp.by_decision] == [
        ("accepted", 1), ("partly-accepted", 1), ("not-accepted", 1), ("noted", 3), (None, 1)]
    assert (comp.total_responses, comp.total_comments, comp.illustrative) == (2, 7, True)
    assert [r.id for r in comp.responses] == ["kommun-a", "forening-b"]  # kinds in KINDS order
    assert comp.edition.version == "0.9"


def test_comments_per_goal_include_those_on_its_targets(model):
    assert {k: ids(v) for k, v in c.comments_by_goal(model).items()} == {"P1.1": ["a-1"], "P1.2": ["a-2"]}
    assert ids(c.comments_about(model, "P1")) == ["b-5", "a-1", "a-2"]
    assert ids(c.comments_about(model, "P1.2.a")) == ["a-2"]
    assert c.comments_about(model, "nothing") == ()


def test_compilation_markdown_has_every_comment_once_with_its_anchor_and_decision(model):
    md = c.compilation_markdown(model, level=2, link=lambda s: f"/goals/#{s.id}")
    assert md.startswith("## Remissammanställning\n")
    anchors = re.findall(r"\{#(synpunkt-[^}]+)\}", md)
    assert sorted(anchors) == sorted(c.comment_anchor(i) for i in ["a-1", "a-2", "b-1", "b-2", "b-3", "b-4", "b-5"])
    assert "#### Prioritering P1 Arbete" in md
    assert "##### Kommun A om delmål P1.2.a {#synpunkt-a-2}" in md
    assert "**Ställningstagande:** Tillgodoses. Målet höjs." in md
    assert "**Ändrat i:** [Delmål P1.2.a](/goals/#P1.2.a)." in md
    assert "**Ställningstagande:** Inte behandlad ännu." in md
    assert "| Förening B\\* | Idéburen sektor | 2 mars 2020 | 5 |" in md
    assert "> Remissvar märkta * är illustrativa" in md
    assert "på remiss 1 december 2019–10 januari 2020" in md
    assert md.index("Strategin som helhet") < md.index("Vision, övergripande mål") < md.index("Prioritering P1")


def test_compilation_speaks_the_strategy_language(minimal):
    add_process(minimal)
    edit(minimal, "language: sv", "language: en")
    md = c.compilation_markdown(check(minimal).model)
    assert md.startswith("# Summary of consultation responses")
    assert "**Decision:** Accepted." in md and "Non-profit sector" in md


def test_markdown_escapes_what_respondents_write(minimal):
    add_process(minimal)
    edit(minimal, "text: Höj målet.", "text: \"Höj <b>målet</b> | *nu* [x](y)\"", "remiss/kommun-a.yaml")
    md = c.compilation_markdown(check(minimal).model)
    # entities for the angle brackets: MkDocs would show a backslash-escaped one as written (mdtext.py)
    assert "> Höj &lt;b&gt;målet&lt;/b&gt; \\| \\*nu\\* \\[x\\](y)" in md


def test_goal_page_line_links_to_its_comments(model):
    line = c.goal_comments_markdown(model, "P1.2", lambda cid: f"../remiss/#{c.comment_anchor(cid)}")
    assert line == "Remissynpunkter om målet: [Kommun A](../remiss/#synpunkt-a-2).\n"
    assert c.goal_comments_markdown(model, "P1.1", str) != ""
    assert c.goal_comments_markdown(model, "P9", str) == ""


# -- participation, origins and history ------------------------------------------

def test_participation_in_numbers(model):
    p = c.participation(model)
    assert p.total_participants == 27
    assert dict(p.participants_by_kind)["municipality"] == 14
    assert (p.first_date, p.last_date, p.total_responses, p.illustrative) == ("2018-11-06", "2018-12-04", 2, True)
    md = c.participation_markdown(model)
    assert "2 dialogträffar mellan 6 november 2018 och 4 december 2018 samlade sammanlagt 27 deltagare." in md
    assert "| 6 november 2018\\* | Arbete | Umeå | 15 |" in md
    assert "| 4 december 2018 | Befolkning | Lycksele | 12 |" in md


def test_goal_origins_resolve_meetings_and_inputs(model):
    rows = {r.goal.id: r for r in c.goal_origins(model)}
    assert [m.id for m in rows["P1.1"].meetings] == ["m1"] and [i.id for i in rows["P1.1"].inputs] == ["oecd"]
    assert "Dialogträff: Arbete; OECD Territorial Review\\*" in c.participation_markdown(model)


def test_history_marks_the_current_edition_latest_first(model):
    history = c.edition_history(model)
    assert [(h.edition.version, h.is_current) for h in history] == [("0.9", False), ("1.0", True)]
    md = c.history_markdown(model, pdf_href=lambda e: f"pdf/{e.version}.pdf")
    assert md.index("**1.0** (den här utgåvan)") < md.index("| 0.9 |")
    assert "[PDF](pdf/0.9.pdf)" in md and "Versionsbeteckning: `remiss-0.9`" in md


def test_consultation_edition_is_the_last_one_at_or_before_the_current(model, minimal):
    assert c.consultation_edition(model).version == "0.9"
    text = (minimal / "editions.yaml").read_text()
    (minimal / "editions.yaml").write_text(
        text + '  - {version: "2.0", status: consultation, date: "2021-01-01", tag: remiss-2.0}\n')
    assert c.consultation_edition(check(minimal).model).version == "0.9"


# -- the example -------------------------------------------------------------------

def test_example_process_is_complete_and_marked_illustrative():
    model = check(REPO).model
    comp = c.compilation(model)
    assert comp.total_responses >= 8
    assert {r.kind for r in comp.responses} >= {"municipality", "state-agency", "academia", "business",
                                                "non-profit", "individual"}
    assert all(r.illustrative for r in model.consultation)
    assert all(e.comment.handling.is_complete for g in comp.groups for e in g.entries)
    assert not any(g.kind == "unresolved" for g in comp.groups)
    assert all(m.illustrative for m in model.dialogue.meetings)
    assert all(m.date.startswith(("2018-11", "2018-12", "2019-")) for m in model.dialogue.meetings)
    assert {r.goal.id for r in c.goal_origins(model) if r.origin} == {g.id for g in model.goals()}
    consultation = c.consultation_edition(model)
    assert (consultation.version, consultation.status, consultation.tag) == ("2020.1", "consultation",
                                                                             "rus-2020.1-remiss")
    assert any(h.is_current for h in c.edition_history(model))


# -- the command ---------------------------------------------------------------------

def test_command_prints_each_page(minimal, capsys):
    from strategykit.cli import main

    add_process(minimal)
    for page, heading in [("compilation", "# Remissammanställning"), ("participation", "# Delaktighet i siffror"),
                          ("history", "# Utgåvor"), ("changes", "# Ändringar sedan remissversionen")]:
        assert main(["consultation", str(minimal), "--page", page]) == 0
        assert capsys.readouterr().out.startswith(heading + "\n"), page


def test_command_writes_a_file_and_refuses_a_strategy_with_errors(minimal, capsys):
    from strategykit.cli import main

    add_process(minimal)
    out = minimal / "remiss.md"
    assert main(["consultation", str(minimal), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Remissammanställning")
    edit(minimal, "about: P1.1\n", "about: P1.7\n", "remiss/kommun-a.yaml")
    assert main(["consultation", str(minimal)]) == 1
    assert "unknown-consultation-reference" in capsys.readouterr().err


def test_a_changed_text_says_how_many_words_changed_and_an_added_chapter_does_not():
    from strategykit.analysis.diff import Change

    text = c.describe_change(Change("goal-text-changed", "goal", "P1.1", note="4 words changed", words=4), "sv")
    assert text.endswith("(4 ord)"), text
    added = c.describe_change(Change("chapter-added", "chapter", "x", None, "strategy/x.md",
                                     note="120 words", words=120), "sv")
    assert "120" not in added, added


def test_where_goals_come_from_and_what_a_comment_is_about_give_the_whole_title():
    """No title is clipped with '…': the reader of the dialogue's table and of the compilation sees
    the whole goal or target a row or a comment is about (P1.3's title was cut after 'bor i…')."""
    model = check(REPO).model
    participation = c.participation_markdown(model).replace("\u00a0", " ")
    for g in model.goals():
        assert " ".join(g.title.split()) in participation, g.id
    compilation = c.compilation_markdown(model).replace("\u00a0", " ")
    about = [e.subject for group in c.compilation(model).groups for e in group.entries
             if e.subject and e.subject.kind in ("priority", "goal", "target", "commitment")]
    assert about
    for subject in about:
        assert " ".join((subject.title or subject.id).split()) in compilation, subject.id


def test_a_changed_framework_link_is_told_by_the_frameworks_name_never_its_id():
    """'koppling till ramverk: inget → nrs 1' told a reader nothing: the framework and its part by name."""
    from strategykit.analysis.diff import Change

    change = Change("goal-frameworks-changed", "goal", "P1.1", [], ["nrs 1", "nrs 3"], parent="P1")
    words = c.describe_change(change, "sv")
    assert words == ("koppling till ramverk: inget → Nationell strategi för hållbar regional utveckling i hela "
                     "landet 2021–2030: strategiskt område 1, 3")
    assert "nrs" not in c.describe_change(change, "en") and "Strategic area".lower() in c.describe_change(change, "en")
