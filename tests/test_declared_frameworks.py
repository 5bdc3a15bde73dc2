"""A framework a strategy declares itself (goals.yaml ``frameworks:``): parts within parts, linked to
by goals, counted level by level in both editions and the report, checked at its place, and able to
replace the toolkit's framework of the same id (to add the priorities within the national strategy's
strategic areas, as the region reads them in the published text)."""

from __future__ import annotations

from strategykit.project import check

from conftest import codes, edit, find, line_of

# Made-up parts: what is tested is the shape, not any real framework's wording.
WELLBEING = """frameworks:
  - id: wfg
    title: Well-being goals
    source: The Act of 2015, part 2
    url: https://example.org/act
    retrieved: "2026-12-01"
    part_names: [Goal, Milestone]
    note: Only the milestones of goals 1 and 2 are listed.
    parts:
      - id: "1"
        title: A prosperous nation
        parts:
          - {id: "1.1", title: Employment gap closed}
          - {id: "1.2", title: Higher pay}
      - id: "2"
        title: A resilient nation
        parts:
          - {id: "2.1", title: Nature recovering}
      - {id: "3", title: A healthier nation}
"""


def _declare(root, block: str = WELLBEING, links: str = "") -> None:
    edit(root, "\nindicators:\n", "\n" + block + "indicators:\n")
    if links:
        edit(root, "        perspectives: [jamlikhet]\n", "        perspectives: [jamlikhet]\n" + links)


def test_a_goal_links_to_a_part_within_a_part_of_a_declared_framework_and_checks_clean(minimal):
    _declare(minimal, links='        frameworks: {wfg: ["1.2"]}\n')
    assert check(minimal).diagnostics == []


def test_a_link_to_a_part_a_declared_framework_lacks_is_reported_with_a_suggestion(minimal):
    _declare(minimal, links='        frameworks: {wfg: ["1.3"]}\n')
    (d,) = find(minimal, "unknown-framework")
    assert d.position.line == line_of(minimal, 'frameworks: {wfg: ["1.3"]}')
    assert "Well-being goals" in d.message and "'1.3'" in d.message


def test_a_part_declared_twice_is_reported_at_the_second(minimal):
    _declare(minimal, WELLBEING.replace('{id: "2.1", title: Nature recovering}', '{id: "1.1", title: Nature recovering}'))
    (d,) = find(minimal, "duplicate-framework")
    assert d.position.line == line_of(minimal, "Nature recovering")
    assert "'1.1'" in d.message


def test_a_framework_declared_twice_is_reported(minimal):
    _declare(minimal, WELLBEING + WELLBEING.replace("frameworks:\n", "").replace("Well-being goals", "Again"))
    (d,) = find(minimal, "duplicate-framework")
    assert "'wfg'" in d.message
    assert d.position.line > line_of(minimal, "title: Again") - 3


def test_distinct_ids_keep_the_duplicate_rule_quiet(minimal):
    _declare(minimal)
    assert "duplicate-framework" not in codes(minimal)


def test_a_declared_framework_must_name_its_source(minimal):
    _declare(minimal, WELLBEING.replace("    source: The Act of 2015, part 2\n", ""))
    diagnostics = check(minimal).diagnostics
    assert [d.code for d in diagnostics] == ["missing-key"]
    assert "source" in diagnostics[0].message
    assert diagnostics[0].position.line == line_of(minimal, "- id: wfg")


def test_a_declared_framework_replaces_the_toolkits_of_the_same_id(minimal):
    from strategykit.present.coverage import coverage
    nrs = WELLBEING.replace("id: wfg", "id: nrs")
    _declare(minimal, nrs, links='        frameworks: {nrs: ["1.1"]}\n')
    model = check(minimal).model
    assert [f.id for f in model.frameworks()] == ["agenda2030", "nrs"]
    assert model.framework("nrs").title("sv") == "Well-being goals"
    (agenda, shown) = coverage(model)
    assert shown.framework.title("sv") == "Well-being goals"


def test_a_link_to_a_part_counts_towards_the_part_it_sits_in(minimal):
    from strategykit.present.coverage import coverage
    _declare(minimal, links='        frameworks: {wfg: ["1.2"]}\n')
    (_, wfg) = coverage(check(minimal).model)
    assert [(r.part_id, r.depth, [g.id for g in r.goals]) for r in wfg.rows] == [
        ("1", 0, ["P1.1"]), ("1.1", 1, []), ("1.2", 1, ["P1.1"]), ("2", 0, []), ("2.1", 1, []), ("3", 0, [])]
    assert (wfg.addressed, wfg.total, wfg.addressed_at(1), wfg.total_at(1)) == (1, 3, 1, 3)


def test_both_editions_table_count_each_level_and_show_the_frameworks_note(minimal):
    from strategykit.present.coverage import coverage_markdown
    _declare(minimal, links='        frameworks: {wfg: ["1.2"]}\n')
    text = coverage_markdown(check(minimal).model, link=lambda subject: f"#{subject.id}")
    section = text.split("## Well-being goals", 1)[1]
    assert "Goal: strategins mål berör 1 av 3. Milestone: strategins mål berör 1 av 3." in section
    assert "| Goal / Milestone | Berörs | Genom mål |" in section
    assert "| **1 A prosperous nation** | **Ja** | [P1.1](#P1.1) |" in section
    assert "| 1.2 Higher pay | Ja | [P1.1](#P1.1) |" in section
    assert "| 1.1 Employment gap closed | Nej | – |" in section
    assert "Only the milestones of goals 1 and 2 are listed." in section
    assert "[The Act of 2015, part 2](https://example.org/act)" in section


def test_the_report_and_open_data_keep_the_levels(minimal):
    import json
    from strategykit.analysis.followup import follow_up
    from strategykit.present.followup import format_json, format_text
    from test_crosscut import shutil_data
    shutil_data(minimal)
    _declare(minimal, links='        frameworks: {wfg: ["1.2"]}\n')
    model = check(minimal).model
    report = follow_up(model)
    plain = format_text(report, model)
    assert "  Well-being goals: Goal: strategins mål berör 1 av 3." in plain
    assert "      1.2 Higher pay: P1.1" in plain and "    1 A prosperous nation: P1.1" in plain
    wfg = next(f for f in json.loads(format_json(report, model))["frameworks"] if f["id"] == "wfg")
    assert wfg["addressed"] == 1 and wfg["total"] == 3
    assert [(p["id"], p["parent"], p["depth"]) for p in wfg["parts"]][:3] == [("1", "", 0), ("1.1", "1", 1), ("1.2", "1", 1)]


def test_the_changes_page_names_a_part_by_its_level(minimal):
    from strategykit.present.consultation import describe_change
    from strategykit.analysis.diff import Change
    _declare(minimal, links='        frameworks: {wfg: ["1.2"]}\n')
    model = check(minimal).model
    change = Change("goal-frameworks-changed", "goal", "P1.1", ["wfg 1"], ["wfg 1", "wfg 1.2"])
    words = describe_change(change, "sv", find_framework=model.framework)
    assert words == "koppling till ramverk: Well-being goals: goal 1 → Well-being goals: goal 1, milestone 1.2"


def test_a_framework_that_names_no_parts_gets_plain_names_in_its_table_and_count(minimal):
    from strategykit.present.coverage import coverage_markdown
    _declare(minimal, WELLBEING.replace("    part_names: [Goal, Milestone]\n", ""), links='        frameworks: {wfg: ["1.2"]}\n')
    section = coverage_markdown(check(minimal).model).split("## Well-being goals", 1)[1]
    assert "Del: strategins mål berör 1 av 3. Underdel: strategins mål berör 1 av 3." in section
    assert "| Del / Underdel | Berörs | Genom mål |" in section
