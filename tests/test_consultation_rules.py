"""The consultation, dialogue and edition rules fire at the line of the mistake, in the file it is in, and stay quiet otherwise."""

from __future__ import annotations

import pytest

from strategykit.diagnostics import Severity
from strategykit.project import check

from conftest import edit, find, line_of
from consultation_fixture import add_process

KOMMUN = "remiss/kommun-a.yaml"
FORENING = "remiss/forening-b.yaml"
PROCESS_RULES = ["unknown-consultation-reference", "comment-without-decision", "accepted-without-change",
                 "duplicate-comment-id", "unknown-dialogue-reference", "duplicate-dialogue-id",
                 "goal-without-origin", "edition-not-in-history", "duplicate-edition", "edition-history-order"]


@pytest.fixture
def process(minimal):
    return add_process(minimal)


def lines_of(root, needle: str, file: str) -> list[int]:
    """Every line (from 1) that contains ``needle``, for ids that appear twice on purpose."""
    return [i for i, line in enumerate((root / file).read_text(encoding="utf-8").split("\n"), 1) if needle in line]


def adopt(root) -> None:
    edit(root, 'edition: {version: "1.0", status: draft, date: "2020-01-15"}',
         'edition: {version: "1.0", status: adopted, date: "2020-01-15", decision: "RF 2020-01-15 § 1"}')
    edit(root, "    status: draft\n", "    status: adopted\n", "editions.yaml")


def test_process_fixture_is_clean(process):
    assert check(process).diagnostics == []


@pytest.mark.parametrize("code", PROCESS_RULES)
def test_rule_is_quiet_without_process_files(minimal, code):
    assert code not in [d.code for d in check(minimal).diagnostics]


@pytest.mark.parametrize("code", PROCESS_RULES)
def test_rule_is_quiet_on_an_adopted_strategy_with_complete_handling(process, code):
    edit(process, "  - id: b-5\n    about: P1\n    text: Prioriteringen är viktig.\n",
         "  - id: b-5\n    about: P1\n    text: Prioriteringen är viktig.\n    handling: {decision: noted, reason: Tack.}\n",
         FORENING)
    adopt(process)
    assert code not in [d.code for d in check(process).diagnostics]


# -- unknown-consultation-reference -------------------------------------------

def test_comment_about_a_goal_that_does_not_exist_is_reported_at_its_about_line(process):
    edit(process, "about: P1.1\n", "about: P1.7\n", KOMMUN)
    (d,) = find(process, "unknown-consultation-reference")
    assert d.position.file == KOMMUN
    assert (d.position.line, d.position.column) == (line_of(process, "about: P1.7", KOMMUN), 12)
    assert "'a-1'" in d.message and "'P1.7'" in d.message
    assert d.severity is Severity.ERROR
    assert d.path == ("comments", 0, "about")


def test_unknown_reference_suggests_a_close_id(process):
    edit(process, "about: population\n", "about: populaton\n", FORENING)
    (d,) = find(process, "unknown-consultation-reference")
    assert "population" in d.hint


def test_changed_place_that_does_not_exist_is_reported_at_its_item(process):
    edit(process, "changed: [P1.2.a]", "changed: [P1.2.a, P1.2.b]", KOMMUN)
    (d,) = find(process, "unknown-consultation-reference")
    line = line_of(process, "changed: [P1.2.a, P1.2.b]", KOMMUN)
    assert (d.position.file, d.position.line, d.position.column) == (KOMMUN, line, 25)
    assert "P1.2.b" in d.message


def test_strategy_as_a_whole_is_not_a_place_where_text_changed(process):
    edit(process, "changed: [P1.2.a]", "changed: [strategy]", KOMMUN)
    assert find(process, "unknown-consultation-reference")


# -- comment-without-decision ---------------------------------------------------

def test_unhandled_comment_is_fine_before_adoption(process):
    assert "comment-without-decision" not in [d.code for d in check(process).diagnostics]


def test_comment_without_handling_is_reported_once_adopted(process):
    adopt(process)
    (d,) = find(process, "comment-without-decision")
    assert (d.position.file, d.position.line) == (FORENING, line_of(process, "- id: b-5", FORENING))
    assert "b-5" in d.message and d.severity is Severity.ERROR


def test_handling_without_decision_is_reported_at_handling(process):
    edit(process, "handling: {decision: not-accepted, reason: Inledningen behövs.}",
         "handling: {reason: Inledningen behövs.}", FORENING)
    adopt(process)
    found = {d.message.split("'")[1]: d for d in find(process, "comment-without-decision")}
    assert found["b-2"].position.line == line_of(process, "handling: {reason: Inledningen", FORENING)
    assert found["b-2"].position.column == 5


def test_decision_without_reason_is_reported_once_adopted(process):
    edit(process, "handling: {decision: noted, reason: Tack.}\n  - id: b-2",
         "handling: {decision: noted}\n  - id: b-2", FORENING)
    adopt(process)
    found = {d.message.split("'")[1]: d for d in find(process, "comment-without-decision")}
    assert "no reason" in found["b-1"].message
    assert found["b-1"].position.line == line_of(process, "handling: {decision: noted}", FORENING)


# -- accepted-without-change ----------------------------------------------------

def test_accepted_comment_without_change_is_a_warning(process):
    edit(process, "      changed: [P1.2.a]\n", "", KOMMUN)
    (d,) = find(process, "accepted-without-change")
    assert d.severity is Severity.WARNING
    assert (d.position.file, d.position.line) == (KOMMUN, line_of(process, "decision: accepted", KOMMUN))


# -- duplicate-comment-id -------------------------------------------------------

def test_duplicate_comment_id_across_files_names_the_first(process):
    edit(process, "  - id: b-3\n", "  - id: a-1\n", FORENING)
    (d,) = find(process, "duplicate-comment-id")
    kommun_first = f"{KOMMUN}:{line_of(process, '- id: a-1', KOMMUN)}"
    forening_first = f"{FORENING}:{line_of(process, '- id: a-1', FORENING)}"
    # Files are read in name order: forening-b.yaml comes before kommun-a.yaml.
    assert d.position.file == KOMMUN and forening_first in d.message and kommun_first not in d.message


# -- dialogue ------------------------------------------------------------------

def test_origin_of_unknown_goal_and_unknown_meeting_are_reported(process):
    edit(process, "  - goal: P1.2\n    from: [m2]", "  - goal: P1.9\n    from: [m02]", "dialogue.yaml")
    found = find(process, "unknown-dialogue-reference")
    assert {(d.position.file, d.position.line) for d in found} == {
        ("dialogue.yaml", line_of(process, "goal: P1.9", "dialogue.yaml")),
        ("dialogue.yaml", line_of(process, "from: [m02]", "dialogue.yaml")),
    }
    assert any("m2" in (d.hint or "") for d in found)


def test_duplicate_meeting_id_and_second_origin_are_reported(process):
    edit(process, "  - id: m2\n", "  - id: m1\n", "dialogue.yaml")
    edit(process, "  - goal: P1.2\n", "  - goal: P1.1\n", "dialogue.yaml")
    found = find(process, "duplicate-dialogue-id")
    assert {d.position.line for d in found} == {lines_of(process, "  - id: m1", "dialogue.yaml")[1],
                                                 lines_of(process, "  - goal: P1.1", "dialogue.yaml")[1]}


def test_goal_without_origin_is_a_warning_at_the_goal(process):
    edit(process, "  - goal: P1.2\n    from: [m2]\n", "", "dialogue.yaml")
    (d,) = find(process, "goal-without-origin")
    assert d.severity is Severity.WARNING
    assert (d.position.file, d.position.line) == ("goals.yaml", lines_of(process, "- id: P1.2", "goals.yaml")[0])


def test_goal_without_origin_is_quiet_when_no_origins_are_recorded(process):
    text = (process / "dialogue.yaml").read_text()
    (process / "dialogue.yaml").write_text(text[: text.index("origins:")])
    assert "goal-without-origin" not in [d.code for d in check(process).diagnostics]


# -- editions ------------------------------------------------------------------

def test_current_edition_missing_from_history_is_reported_in_goals_yaml(process):
    edit(process, 'version: "1.0"', 'version: "1.1"', "editions.yaml")
    (d,) = find(process, "edition-not-in-history")
    assert (d.position.file, d.position.line) == ("goals.yaml", line_of(process, 'version: "1.0"'))


def test_history_disagreeing_with_goals_yaml_is_reported_in_editions_yaml(process):
    edit(process, "    status: draft\n", "    status: proposal\n", "editions.yaml")
    (d,) = find(process, "edition-not-in-history")
    assert (d.position.file, d.position.line) == ("editions.yaml", line_of(process, "status: proposal", "editions.yaml"))
    assert "'proposal'" in d.message and "'draft'" in d.message


def test_duplicate_version_and_tag_are_reported(process):
    edit(process, 'version: "0.9"', 'version: "1.0"', "editions.yaml")
    edit(process, '    date: "2020-01-15"\n', '    date: "2020-01-15"\n    tag: remiss-0.9\n', "editions.yaml")
    found = find(process, "duplicate-edition")
    assert {d.position.line for d in found} == {lines_of(process, 'version: "1.0"', "editions.yaml")[1],
                                                 lines_of(process, "tag: remiss-0.9", "editions.yaml")[1]}


def test_editions_out_of_order_are_reported(process):
    edit(process, 'date: "2019-12-01"', 'date: "2020-02-01"', "editions.yaml")
    (d,) = find(process, "edition-history-order")
    assert (d.position.file, d.position.line) == ("editions.yaml", line_of(process, 'date: "2020-01-15"', "editions.yaml"))


# -- schema and loading ----------------------------------------------------------

def test_unknown_key_in_a_response_is_reported_in_its_file(process):
    edit(process, "    text: Bra mål.\n", "    text: Bra mål.\n    txet: x\n", KOMMUN)
    (d,) = find(process, "unknown-key")
    assert (d.position.file, d.position.line) == (KOMMUN, line_of(process, "txet: x", KOMMUN))
    assert "comment \"a-1\"" in d.message


def test_unknown_decision_is_reported_with_the_allowed_values(process):
    edit(process, "decision: accepted", "decision: acepted", KOMMUN)
    (d,) = find(process, "invalid-value")
    assert d.position.file == KOMMUN and "accepted" in d.hint


def test_broken_response_file_does_not_stop_the_rest(process):
    (process / "remiss" / "trasig.yaml").write_text('respondent: "Kommun C\nkind: municipality\n', encoding="utf-8")
    result = check(process)
    assert [d.position.file for d in result.diagnostics] == ["remiss/trasig.yaml"]
    assert result.model is not None and len(result.model.consultation) == 2


def test_response_linking_out_of_the_folder_is_not_read(process, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("respondent: X\n", encoding="utf-8")
    (process / "remiss" / "link.yaml").symlink_to(outside)
    (d,) = find(process, "file-outside-folder")
    assert d.position.file == "remiss/link.yaml"
