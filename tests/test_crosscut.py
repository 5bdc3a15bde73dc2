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
