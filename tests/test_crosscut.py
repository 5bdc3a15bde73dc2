"""Cross-cutting goals and framework links: the rules fire on what is wrong, at its place,
stay quiet on what is right, and a shared target is followed up once."""

from __future__ import annotations

from strategykit.analysis.followup import follow_up
from strategykit.project import check

from conftest import codes, edit, find, line_of

SECOND_PRIORITY = """  - id: P2
    title: Klimat
    goals:
      - id: P2.1
        title: Lägre utsläpp
        shared_targets: [P1.2.a]
indicators:
"""


def _with_second_priority(root, extra: str = "") -> None:
    """Add priority P2 whose goal P2.1 is measured only by P1.2's target; ``extra`` goes on goal P1.1."""
    edit(root, "indicators:\n", SECOND_PRIORITY)
    if extra:
        edit(root, "        perspectives: [jamlikhet]\n", "        perspectives: [jamlikhet]\n" + extra)
    (root / "goals.yaml").write_text((root / "goals.yaml").read_text().replace("    presents: [P1]", "    presents: [P1, P2]"))


def _model(root):
    return check(root).model


def test_cross_cutting_goal_and_shared_target_check_clean(minimal):
    _with_second_priority(minimal, "        contributes_to: [P2]\n        frameworks: {nrs: [\"1\", \"2\"]}\n")
    result = check(minimal)
    assert result.diagnostics == []


def test_goal_measured_only_by_a_shared_target_is_followed_up(minimal):
    _with_second_priority(minimal)
    assert "goal-without-indicator" not in codes(minimal)


def test_goal_without_own_or_shared_target_is_still_reported(minimal):
    _with_second_priority(minimal)
    edit(minimal, "        shared_targets: [P1.2.a]\n", "        targets: []\n")
    (d,) = find(minimal, "goal-without-indicator")
    assert d.position.line == line_of(minimal, "- id: P2.1")


def test_unknown_priority_in_contributes_to_is_reported_at_the_id(minimal):
    _with_second_priority(minimal, "        contributes_to: [P3]\n")
    (d,) = find(minimal, "unknown-cross-reference")
    assert d.position.line == line_of(minimal, "contributes_to: [P3]")
    assert "'P3'" in d.message


def test_unknown_shared_target_is_reported_with_a_suggestion(minimal):
    _with_second_priority(minimal)
    edit(minimal, "shared_targets: [P1.2.a]", "shared_targets: [P1.2.b]")
    (d,) = find(minimal, "unknown-cross-reference")
    assert d.position.line == line_of(minimal, "shared_targets: [P1.2.b]")
    assert "P1.2.a" in d.hint


def test_contributing_to_its_own_priority_is_reported(minimal):
    _with_second_priority(minimal, "        contributes_to: [P1]\n")
    (d,) = find(minimal, "cross-reference-to-own")
    assert d.position.line == line_of(minimal, "contributes_to: [P1]")


def test_sharing_its_own_target_is_reported(minimal):
    _with_second_priority(minimal, "        shared_targets: [P1.1.a]\n")
    (d,) = find(minimal, "cross-reference-to-own")
    assert d.position.line == line_of(minimal, "        shared_targets: [P1.1.a]")


def test_an_id_named_twice_is_reported_at_the_second(minimal):
    _with_second_priority(minimal, "        contributes_to: [P2, P2]\n")
    (d,) = find(minimal, "duplicate-cross-reference")
    assert (d.position.line, d.position.column) == (line_of(minimal, "contributes_to: [P2, P2]"), 30)


def test_a_framework_part_named_twice_is_reported(minimal):
    _with_second_priority(minimal, "        frameworks: {nrs: [\"2\", \"2\"]}\n")
    assert codes(minimal).count("duplicate-cross-reference") == 1


def test_cross_rules_are_quiet_on_other_priorities_and_targets(minimal):
    _with_second_priority(minimal, "        contributes_to: [P2]\n")
    found = codes(minimal)
    for code in ("unknown-cross-reference", "cross-reference-to-own", "duplicate-cross-reference"):
        assert code not in found


def test_unknown_framework_is_reported(minimal):
    _with_second_priority(minimal, "        frameworks: {nrx: [\"1\"]}\n")
    (d,) = find(minimal, "unknown-framework")
    assert d.position.line == line_of(minimal, "frameworks: {nrx:")
    assert "nrs" in d.hint


def test_unknown_part_of_a_framework_is_reported(minimal):
    _with_second_priority(minimal, "        frameworks: {nrs: [\"5\"]}\n")
    (d,) = find(minimal, "unknown-framework")
    assert "'5'" in d.message
    assert "1, 2, 3, 4" in d.hint


def test_agenda2030_under_frameworks_points_to_its_own_key(minimal):
    _with_second_priority(minimal, "        frameworks: {agenda2030: [\"8\"]}\n")
    (d,) = find(minimal, "unknown-framework")
    assert "agenda2030:" in d.hint


def test_known_framework_parts_are_accepted(minimal):
    _with_second_priority(minimal, "        frameworks: {nrs: [\"1\", \"4\"]}\n")
    assert "unknown-framework" not in codes(minimal)


def test_shared_target_is_followed_up_once_and_counts_in_both_goals(minimal):
    _with_second_priority(minimal)
    model = _model(minimal)
    report = follow_up(model)
    assert [t.target_id for t in report.targets()] == ["P1.1.a", "P1.2.a"]
    assert sum(report.counts().values()) == 2
    shared = report.goal("P2.1")
    assert shared.targets == () and shared.shared == ("P1.2.a",)
    assert shared.status == report.goal("P1.2").status


# -- the diff between editions --------------------------------------------------

def _diff(old, new):
    from strategykit.vcs.revisions import diff
    return diff(old, str(old), str(new)).changes


def test_contribution_added_and_shared_target_removed_are_reported(tmp_path):
    from conftest import copy_minimal
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    for root in (old, new):
        _with_second_priority(root)
    edit(new, "        perspectives: [jamlikhet]\n", "        perspectives: [jamlikhet]\n        contributes_to: [P2]\n")
    edit(new, "        shared_targets: [P1.2.a]\n", "        frameworks: {nrs: [\"3\"]}\n")
    changes = {c.kind: c for c in _diff(old, new)}
    assert (changes["goal-contributions-changed"].id, changes["goal-contributions-changed"].new) == ("P1.1", ["P2"])
    assert (changes["goal-shared-targets-changed"].old, changes["goal-shared-targets-changed"].new) == (["P1.2.a"], [])
    assert changes["goal-frameworks-changed"].new == ["nrs 3"]


def test_unchanged_cross_references_give_no_change(tmp_path):
    from conftest import copy_minimal
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    for root in (old, new):
        _with_second_priority(root, "        contributes_to: [P2]\n        frameworks: {nrs: [\"1\"]}\n")
    assert _diff(old, new) == []


# -- what the editions show -----------------------------------------------------

def test_coverage_lists_every_part_with_the_goals_that_address_it(minimal):
    from strategykit.present.coverage import coverage
    _with_second_priority(minimal, "        frameworks: {nrs: [\"2\"]}\n")
    agenda, nrs = coverage(_model(minimal))
    assert agenda.framework.id == "agenda2030" and len(agenda.rows) == 17
    # P1.1 links 8.5 and 4.a, the overall goal's "11" is not a goal's link
    assert {r.part_id: [g.id for g in r.goals] for r in agenda.rows if r.goals} == {"4": ["P1.1"], "8": ["P1.1"]}
    assert [(r.part_id, [g.id for g in r.goals]) for r in nrs.rows] == [("1", []), ("2", ["P1.1"]), ("3", []), ("4", [])]
    assert nrs.addressed == 1


def test_a_framework_no_goal_links_to_is_not_shown(minimal):
    from strategykit.present.coverage import coverage
    assert [c.framework.id for c in coverage(_model(minimal))] == ["agenda2030"]


def test_coverage_table_says_addressed_in_words_and_names_the_source(minimal):
    from strategykit.present.coverage import coverage_markdown
    _with_second_priority(minimal, "        frameworks: {nrs: [\"2\"]}\n")
    text = coverage_markdown(_model(minimal), link=lambda subject: f"#{subject.id}")
    assert "| 2 Kompetensförsörjning och kompetensutveckling i hela landet | Ja | [P1.1](#P1.1) |" in text
    assert "| 1 Likvärdiga möjligheter till boende, arbete och välfärd i hela landet | Nej | – |" in text
    assert "Regeringens skrivelse 2020/21:133" in text and "https://data.riksdagen.se/dokument/H803133.html" in text


def test_web_links_a_shared_target_and_a_contributing_goal_to_their_home(minimal):
    from strategykit.render.web.pages import EditionInfo, _Writer
    _with_second_priority(minimal, "        contributes_to: [P2]\n")
    model = _model(minimal)
    writer = _Writer(model, EditionInfo(commit=None, build_date="2026-12-04", pdf_name="x.pdf"))
    p1, p2 = (writer.priority(p) for p in model.priorities)
    assert "- [P1.2.a](p1.md#p1-2) Befolkningen ska öka till 300\u00a0000 år 2030. (under mål P1.2)" in p2
    assert "- [P1.1 Fler i arbete](p1.md#p1-1)" in p2
    assert "Bidrar också till: [P2 Klimat](p2.md)" in p1
    assert p2.count("P1.2.a") == 1  # a link, not a copy of the row


def test_pdf_data_links_a_shared_target_to_its_label(minimal):
    import datetime
    from strategykit.render.pdf.data import document_data
    _with_second_priority(minimal, "        contributes_to: [P2]\n")
    data = document_data(_model(minimal), commit=None, build_date=datetime.date(2026, 12, 4), report=None)
    p1, p2 = data["priorities"]
    assert p2["goals"][0]["shared"] == [{"id": "P1.2.a", "anchor": "target-P1.2.a",
                                         "text": "Befolkningen ska öka till 300\u00a0000 år 2030.", "home": "under mål P1.2"}]
    assert p2["goals"][0]["targets"] == []
    assert p1["goals"][0]["contributes"] == [{"id": "P2", "title": "Klimat"}]


def test_report_names_a_shared_target_once_where_it_is_followed_up(minimal):
    import json
    from strategykit.present.followup import format_json, format_markdown
    shutil_data(minimal)
    _with_second_priority(minimal)
    model = _model(minimal)
    report = follow_up(model)
    text = format_markdown(report, model)
    assert text.count("| **P1.2.a**") == 1
    assert "**P1.2.a** (under mål P1.2)" in text.split("### P2.1", 1)[1]
    data = json.loads(format_json(report, model))
    assert data["priorities"][1]["goals"][0]["shared_targets"] == ["P1.2.a"]


def shutil_data(root) -> None:
    """The observed values of the test fixtures, so that the report has a year."""
    import shutil
    from conftest import MINIMAL
    shutil.copytree(MINIMAL.parent / "observed" / "data", root / "data", dirs_exist_ok=True)


def test_report_shows_which_framework_parts_the_strategy_addresses_in_every_format(minimal):
    import json
    from strategykit.present.followup import format_json, format_markdown, format_text
    shutil_data(minimal)
    _with_second_priority(minimal, "        frameworks: {nrs: [\"2\"]}\n")
    model = _model(minimal)
    report = follow_up(model)
    text = format_markdown(report, model)
    section = text.split("## Koppling till ramverk", 1)[1]
    assert "| 2 Kompetensförsörjning och kompetensutveckling i hela landet | Ja | P1.1 |" in section
    assert "| 1 Likvärdiga möjligheter till boende, arbete och välfärd i hela landet | Nej | – |" in section
    assert "Strategins mål berör 1 av 4 delar." in section
    plain = format_text(report, model)
    assert "    2 Kompetensförsörjning och kompetensutveckling i hela landet: P1.1" in plain
    assert "    1 Likvärdiga möjligheter till boende, arbete och välfärd i hela landet: nej" in plain
    data = json.loads(format_json(report, model))
    nrs = next(f for f in data["frameworks"] if f["id"] == "nrs")
    assert nrs["addressed"] == 1
    assert [(p["id"], p["goals"]) for p in nrs["parts"]] == [("1", []), ("2", ["P1.1"]), ("3", []), ("4", [])]


def test_report_of_a_strategy_linking_no_framework_has_no_framework_section(minimal):
    import json
    from strategykit.present.followup import format_json, format_markdown, format_text
    shutil_data(minimal)
    edit(minimal, '        agenda2030: ["8.5", "4.a"]\n', "")
    model = _model(minimal)
    report = follow_up(model)
    assert "Koppling till ramverk" not in format_markdown(report, model)
    assert "Koppling till ramverk" not in format_text(report, model)
    assert json.loads(format_json(report, model))["frameworks"] == []
