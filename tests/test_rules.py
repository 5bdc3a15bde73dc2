"""Each rule fires on the mistake it names, at the line of the offending node, and stays quiet otherwise."""

from __future__ import annotations

import pytest

from strategykit.diagnostics import Severity
from strategykit.project import check
from strategykit.rules import RULES

from conftest import MINIMAL, edit, find, line_of


def test_minimal_fixture_is_clean():
    result = check(MINIMAL)
    assert result.diagnostics == []
    assert result.ok


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_quiet_on_the_valid_fixture(code):
    assert code not in [d.code for d in check(MINIMAL).diagnostics]


def test_every_rule_has_explanation_and_fix():
    for r in RULES.values():
        assert len(r.explanation) > 30, r.code
        assert r.fix, r.code


# -- goal-without-indicator: whatever way the goal lacks one -------------------

GOAL_TARGETS = """        targets:
          - id: P1.2.a
            text: Befolkningen ska öka till 300 000 år 2030."""


def test_goal_without_targets_key_is_reported(minimal):
    text = (minimal / "goals.yaml").read_text()
    start = text.index("        targets:\n          - id: P1.2.a")
    end = text.index("indicators:")
    (minimal / "goals.yaml").write_text(text[:start] + text[end:])
    (d,) = find(minimal, "goal-without-indicator")
    assert (d.position.line, d.position.column) == (line_of(minimal, "- id: P1.2"), 9)
    assert "has no 'targets:'" in d.message
    assert "P1.2" in d.message


def test_goal_with_empty_targets_is_reported(minimal):
    text = (minimal / "goals.yaml").read_text()
    start = text.index("        targets:\n          - id: P1.2.a")
    end = text.index("indicators:")
    (minimal / "goals.yaml").write_text(text[:start] + "        targets: []\n" + text[end:])
    (d,) = find(minimal, "goal-without-indicator")
    assert d.position.line == line_of(minimal, "- id: P1.2")


def test_target_without_indicator_key_leaves_goal_without_indicator(minimal):
    edit(minimal, "            indicator: population\n", "")
    (goal,) = find(minimal, "goal-without-indicator")
    (target,) = find(minimal, "target-without-indicator")
    assert goal.position.line == line_of(minimal, "title: Fler invånare") - 1
    assert target.position.line == line_of(minimal, "- id: P1.2.a")


def test_unknown_indicator_id_is_reported_with_suggestion(minimal):
    edit(minimal, "indicator: population", "indicator: populaton")
    (d,) = find(minimal, "unknown-indicator")
    assert (d.position.line, d.position.column) == (line_of(minimal, "indicator: populaton"), 24)
    assert "population" in d.hint
    assert find(minimal, "goal-without-indicator")


def test_indicator_without_source_is_reported(minimal):
    edit(minimal, "    source: {provider: Kolada, id: N01951}\n", "")
    (d,) = find(minimal, "indicator-without-source")
    assert d.position.line == line_of(minimal, "- id: population")


def test_indicator_source_without_provider_id_is_reported(minimal):
    edit(minimal, "{provider: Kolada, id: N01951}", "{provider: Kolada}")
    (d,) = find(minimal, "indicator-without-source")
    assert "id" in d.message


def test_target_without_baseline_is_reported(minimal):
    edit(minimal, "            baseline: {year: 2019, value: 79.5, illustrative: true}\n", "")
    (d,) = find(minimal, "target-without-baseline")
    assert d.position.line == line_of(minimal, "- id: P1.1.a")


def test_target_without_value_is_reported(minimal):
    edit(minimal, "            target: {year: 2030, value: 82, illustrative: true}\n", "")
    (d,) = find(minimal, "target-without-value")
    assert d.position.line == line_of(minimal, "- id: P1.1.a")


def test_target_without_direction_is_reported(minimal):
    edit(minimal, "            direction: increase\n            baseline: {year: 2019", "            baseline: {year: 2019")
    (d,) = find(minimal, "target-without-direction")
    assert d.position.line == line_of(minimal, "- id: P1.1.a")


def test_baseline_without_provenance_is_reported(minimal):
    edit(minimal, "value: 79.5, illustrative: true}", "value: 79.5}")
    (d,) = find(minimal, "value-without-provenance")
    assert d.position.line == line_of(minimal, "value: 79.5}")


def test_baseline_with_source_but_no_date_is_reported(minimal):
    edit(minimal, '              retrieved: "2025-01-15"\n', "")
    (d,) = find(minimal, "value-without-provenance")
    assert "date" in d.message


def test_baseline_both_illustrative_and_sourced_is_reported(minimal):
    edit(minimal, '              retrieved: "2025-01-15"\n', '              retrieved: "2025-01-15"\n              illustrative: true\n')
    (d,) = find(minimal, "value-without-provenance")
    assert "also" in d.message


def test_unused_indicator_is_a_warning(minimal):
    edit(minimal, "chapters:\n", "  - id: spare\n    name: Reserv\n    unit: count\n    source: {provider: Kolada, id: N01801}\nchapters:\n")
    (d,) = find(minimal, "unused-indicator")
    assert d.severity is Severity.WARNING
    assert d.position.line == line_of(minimal, "- id: spare")
    assert check(minimal).ok  # a warning alone does not fail the check


# -- ids and references --------------------------------------------------------

def test_duplicate_goal_id_is_reported_at_the_second(minimal):
    edit(minimal, "      - id: P1.2\n", "      - id: P1.1\n")
    (d,) = find(minimal, "duplicate-id")
    assert d.position.line == line_of(minimal, "title: Fler invånare") - 1
    assert f"line {line_of(minimal, 'title: Fler i arbete') - 1}" in d.message


def test_duplicate_indicator_id_is_reported(minimal):
    edit(minimal, "  - id: population\n", "  - id: employment-rate\n")
    assert find(minimal, "duplicate-id")


def test_unknown_overall_goal_reference_is_reported(minimal):
    edit(minimal, "overall_goals: [levande]", "overall_goals: [levnade]")
    (d,) = find(minimal, "unknown-reference")
    assert d.position.line == line_of(minimal, "[levnade]")
    assert "levande" in d.hint


def test_unknown_perspective_reference_is_reported(minimal):
    edit(minimal, "perspectives: [jamlikhet]", "perspectives: [jamstalldhet]")
    assert find(minimal, "unknown-reference")


def test_chapter_presenting_unknown_goal_is_reported(minimal):
    edit(minimal, "presents: [P1]", "presents: [P1, P9.9]")
    (d,) = find(minimal, "unknown-reference")
    assert (d.position.line, d.position.column) == (line_of(minimal, "presents: [P1, P9.9]"), 20)


@pytest.mark.parametrize("ref", ["18", "0", "8.11", "4.e", "17.a", "08"])
def test_nonexistent_sdg_is_reported(minimal, ref):
    edit(minimal, '["8.5", "4.a"]', f'["8.5", "{ref}"]')
    (d,) = find(minimal, "unknown-sdg")
    assert ref in d.message


@pytest.mark.parametrize("ref", ["1", "17", "8.10", "17.19", "14.c", "1.b"])
def test_existing_sdg_is_accepted(minimal, ref):
    edit(minimal, '["8.5", "4.a"]', f'["8.5", "{ref}"]')
    assert "unknown-sdg" not in [d.code for d in check(minimal).diagnostics]


def test_malformed_kolada_id_is_reported(minimal):
    edit(minimal, "id: N00914", "id: N914")
    (d,) = find(minimal, "source-id-format")
    assert d.position.line == line_of(minimal, "id: N914")


# -- years, directions, ranges -------------------------------------------------

def test_target_year_outside_period_is_reported(minimal):
    edit(minimal, "target: {year: 2030, value: 82, illustrative: true}", "target: {year: 2035, value: 82, illustrative: true}")
    (d,) = find(minimal, "year-outside-period")
    assert d.position.line == line_of(minimal, "year: 2035")


def test_milestone_outside_period_is_reported(minimal):
    edit(minimal, "{year: 2025, value: 80.5, illustrative: true}", "{year: 2019, value: 80.5, illustrative: true}")
    assert find(minimal, "year-outside-period")
    assert find(minimal, "baseline-after-target")  # 2019 is not after the baseline year 2019


def test_baseline_after_target_year_is_reported(minimal):
    edit(minimal, "baseline: {year: 2019, value: 79.5", "baseline: {year: 2030, value: 79.5")
    found = find(minimal, "baseline-after-target")
    assert line_of(minimal, "baseline: {year: 2030") in [d.position.line for d in found]
    assert any("not before its target year" in d.message for d in found)


def test_increase_with_lower_target_is_reported(minimal):
    edit(minimal, "target: {year: 2030, value: 82, illustrative: true}", "target: {year: 2030, value: 78, illustrative: true}")
    (d,) = find(minimal, "direction-mismatch")
    assert d.position.line == line_of(minimal, "text: Andelen förvärvsarbetande") + 2


def test_decrease_with_higher_target_is_reported(minimal):
    edit(minimal, "direction: increase\n            baseline: {year: 2019", "direction: decrease\n            baseline: {year: 2019")
    assert find(minimal, "direction-mismatch")


def test_maintain_accepts_any_target(minimal):
    edit(minimal, "direction: increase\n            baseline: {year: 2019", "direction: maintain\n            baseline: {year: 2019")
    assert "direction-mismatch" not in [d.code for d in check(minimal).diagnostics]


def test_percentage_over_100_is_reported(minimal):
    edit(minimal, "target: {year: 2030, value: 82, illustrative: true}", "target: {year: 2030, value: 820, illustrative: true}")
    (d,) = find(minimal, "value-out-of-range")
    assert d.position.line == line_of(minimal, "value: 820")


def test_negative_count_is_reported(minimal):
    edit(minimal, "value: 270154", "value: -5")
    assert find(minimal, "value-out-of-range")


def test_inverted_period_is_reported(minimal):
    edit(minimal, "period: {start: 2020, end: 2030}", "period: {start: 2030, end: 2020}")
    assert find(minimal, "period-inverted")


def test_adopted_edition_without_decision_is_reported(minimal):
    edit(minimal, "status: draft", "status: adopted")
    (d,) = find(minimal, "adopted-without-decision")
    assert d.position.line == line_of(minimal, "edition:")


def test_adopted_edition_with_decision_passes(minimal):
    edit(minimal, 'status: draft, date: "2020-01-15"', 'status: adopted, date: "2020-01-15", decision: "RF 2020-06-10 § 12"')
    assert "adopted-without-decision" not in [d.code for d in check(minimal).diagnostics]


def test_adopted_edition_with_illustrative_values_needs_notice(minimal):
    edit(minimal, 'status: draft, date: "2020-01-15"', 'status: adopted, date: "2020-01-15", decision: "RF § 12"')
    (d,) = find(minimal, "example-values-unmarked")
    assert d.severity is Severity.WARNING
    edit(minimal, "  language: sv\n", "  language: sv\n  notice: Vissa värden är illustrativa.\n")
    assert "example-values-unmarked" not in [d.code for d in check(minimal).diagnostics]


# -- chapters -----------------------------------------------------------------

def test_missing_chapter_file_is_reported(minimal):
    edit(minimal, "file: strategy/01-inledning.md", "file: strategy/02-saknas.md")
    (d,) = find(minimal, "chapter-missing")
    assert d.position.line == line_of(minimal, "02-saknas.md")


def test_chapter_that_is_not_markdown_is_reported(minimal):
    (minimal / "strategy" / "notes.txt").write_text("# x\n")
    edit(minimal, "file: strategy/01-inledning.md", "file: strategy/notes.txt")
    assert "not a Markdown" in find(minimal, "chapter-missing")[0].message


@pytest.mark.parametrize("path", ["../outside.md", "/etc/passwd", "strategy/../goals.yaml", "strategy/../../x.md"])
def test_chapter_path_escaping_the_folder_is_refused(minimal, path):
    edit(minimal, "file: strategy/01-inledning.md", f"file: {path}")
    (d,) = find(minimal, "chapter-outside-folder")
    assert d.position.line == line_of(minimal, f"file: {path}")
    model = check(minimal).model
    assert model.chapters[0].document is None  # never read


def test_chapter_symlink_pointing_outside_is_refused(minimal, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("# Hemligt\n")
    (minimal / "strategy" / "link.md").symlink_to(secret)
    edit(minimal, "file: strategy/01-inledning.md", "file: strategy/link.md")
    assert find(minimal, "chapter-outside-folder")
    assert check(minimal).model.chapters[0].document is None


def test_unlisted_markdown_file_is_a_warning(minimal):
    (minimal / "strategy" / "99-glomd.md").write_text("# Glömd\n")
    (d,) = find(minimal, "chapter-not-listed")
    assert d.position.file == "strategy/99-glomd.md"
    assert d.severity is Severity.WARNING


def test_goal_not_presented_is_reported(minimal):
    edit(minimal, "presents: [P1]", "presents: [P1.1]")
    (d,) = find(minimal, "goal-not-presented")
    assert "P1.2" in d.message


def test_chapter_without_title_is_reported(minimal):
    (minimal / "strategy" / "01-inledning.md").write_text("Bara text.\n\n## Underrubrik\n")
    (d,) = find(minimal, "chapter-without-title")
    assert d.position.file == "strategy/01-inledning.md"


def test_heading_inside_code_fence_is_not_a_title(minimal):
    (minimal / "strategy" / "01-inledning.md").write_text("```\n# inte en rubrik\n```\n")
    assert find(minimal, "chapter-without-title")


def test_second_title_in_chapter_is_reported(minimal):
    (minimal / "strategy" / "01-inledning.md").write_text("# Ett\n\ntext\n\n# Två\n")
    (d,) = find(minimal, "chapter-without-title")
    assert d.position.line == 5


def test_image_without_alt_text_is_reported(minimal):
    (minimal / "strategy" / "01-inledning.md").write_text("# Titel\n\nText ![](karta.png) mer.\n")
    (d,) = find(minimal, "image-without-alt")
    assert (d.position.file, d.position.line, d.position.column) == ("strategy/01-inledning.md", 3, 6)


def test_image_with_alt_text_passes(minimal):
    (minimal / "strategy" / "01-inledning.md").write_text("# Titel\n\n![Karta över länet](karta.png)\n")
    assert "image-without-alt" not in [d.code for d in check(minimal).diagnostics]


# -- severities set in one place ----------------------------------------------

def test_checks_section_can_switch_a_rule_off(minimal):
    edit(minimal, "presents: [P1]", "presents: [P1.1]")
    assert find(minimal, "goal-not-presented")
    edit(minimal, "chapters:\n", "checks:\n  goal-not-presented: ignore\nchapters:\n")
    assert "goal-not-presented" not in [d.code for d in check(minimal).diagnostics]


def test_checks_section_can_make_a_warning_an_error(minimal):
    edit(minimal, "presents: [P1]", "presents: [P1.1]")
    edit(minimal, "chapters:\n", "checks:\n  goal-not-presented: error\nchapters:\n")
    (d,) = find(minimal, "goal-not-presented")
    assert d.severity is Severity.ERROR and not check(minimal).ok


def test_unknown_code_in_checks_is_reported(minimal):
    edit(minimal, "chapters:\n", "checks:\n  goal-not-presentd: ignore\nchapters:\n")
    (d,) = find(minimal, "unknown-check")
    assert d.position.line == line_of(minimal, "goal-not-presentd")
    assert "goal-not-presented" in d.hint


def test_accessibility_contact_missing_fires_when_a_publisher_gives_no_way_to_reach_it(tmp_path):
    import shutil

    root = tmp_path / "s"
    shutil.copytree(MINIMAL, root)
    goals = root / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace(
        "strategy:\n", "strategy:\n  publisher: Region Test\n", 1), encoding="utf-8")
    found = [d for d in check(root).diagnostics if d.code == "accessibility-contact-missing"]
    assert len(found) == 1 and found[0].severity.value == "warning"
    assert "Region Test" in found[0].message and found[0].position.line == 3


def test_accessibility_contact_missing_is_quiet_with_an_email_address(tmp_path):
    import shutil

    root = tmp_path / "s"
    shutil.copytree(MINIMAL, root)
    goals = root / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace(
        "strategy:\n", "strategy:\n  publisher: Region Test\n  contact: {email: a11y@example.se}\n", 1),
        encoding="utf-8")
    assert [d.code for d in check(root).diagnostics] == []
