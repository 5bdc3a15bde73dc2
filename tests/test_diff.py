"""strategy diff: the change in meaning between two editions, matched by id, lowered ambitions flagged."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from strategykit.cli import main
from strategykit.analysis.diff import LOWERED, RAISED, REVERSED
from strategykit.vcs.revisions import RevisionError, diff

from conftest import MINIMAL, commit_all, copy_minimal, edit, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")




def english(root: Path) -> Path:
    """The minimal strategy in English: these tests read the diff's English words (the Swedish ones
    are pinned in test_messages.py)."""
    edit(root, "language: sv", "language: en")
    return root


@pytest.fixture
def repo(tmp_path) -> Path:
    """A real git repository whose main branch holds the minimal strategy."""
    root = english(copy_minimal(tmp_path / "repo"))
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "The minimal strategy")
    return root


@pytest.fixture
def pair(tmp_path) -> tuple[Path, Path]:
    """Two folders with the minimal strategy: change the second, compare."""
    return english(copy_minimal(tmp_path / "old")), english(copy_minimal(tmp_path / "new"))


def kinds(old: Path, new: Path) -> list[tuple[str, str]]:
    return [(c.kind, c.id) for c in diff(old, str(old), str(new)).changes]


def only(old: Path, new: Path):
    (change,) = diff(old, str(old), str(new)).changes
    return change


# -- the acceptance test ------------------------------------------------

def test_lowered_value_removed_indicator_and_edited_chapter_are_exactly_the_three_changes(repo, capsys):
    git(repo, "switch", "-q", "-c", "lower-ambition")
    edit(repo, "target: {year: 2030, value: 300000, illustrative: true}", "target: {year: 2030, value: 290000, illustrative: true}")
    edit(repo, "            indicator: employment-rate\n", "")
    edit(repo, "Det här är en teststrategi.", "Det här är en strategi för hela länet.",
         file="strategy/01-inledning.md")
    head = commit_all(repo, "Lower P1.2.a, drop P1.1's indicator, edit the introduction")

    result = diff(repo, "main", "lower-ambition")

    assert [(c.kind, c.id) for c in result.changes] == [
        ("goal-lost-indicator", "P1.1"),
        ("target-value-changed", "P1.2.a"),
        ("chapter-changed", "inledning"),
    ]
    lost, lowered, chapter = result.changes
    assert lost.old == ["employment-rate"] and "P1.1.a" in lost.note
    assert (lowered.old, lowered.new, lowered.flags) == (300000, 290000, (LOWERED,))
    assert lost.flags == () and chapter.flags == ()
    assert chapter.note == "4 words changed"  # "teststrategi." became four words
    assert result.lowered == [lowered]

    # the same through the command line, default sides: the merge base with main → the working tree
    assert main(["diff", "-C", str(repo), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["summary"] == {"changes": 3, "lowered_ambition": 1}
    assert [c["kind"] for c in payload["changes"]] == [
        "goal-lost-indicator", "target-value-changed", "chapter-changed"]
    assert head  # the branch was committed, so the working tree equals it


def test_default_head_is_the_working_tree_with_uncommitted_edits(repo):
    edit(repo, "target: {year: 2030, value: 82, illustrative: true}", "target: {year: 2030, value: 85, illustrative: true}")
    (change,) = diff(repo).changes
    assert (change.kind, change.old, change.new, change.flags) == ("target-value-changed", 82, 85, (RAISED,))


def test_strategy_in_a_subfolder_of_the_repository_is_compared(tmp_path):
    top = tmp_path / "top"
    top.mkdir()
    copy_minimal(top / "strategy-site")
    git(top, "init", "-q", "-b", "main")
    commit_all(top, "init")
    edit(top / "strategy-site", "title: Fler i arbete", "title: Fler kvinnor och män i arbete")
    (change,) = diff(top / "strategy-site", "main").changes
    assert (change.kind, change.id) == ("goal-renamed", "P1.1")


def test_unknown_revision_is_a_usage_error_with_a_plain_message(repo, capsys):
    assert main(["diff", "no-such-branch", "-C", str(repo)]) == 2
    err = capsys.readouterr().err
    assert "'no-such-branch' is neither a folder nor a git revision" in err
    assert "Traceback" not in err


def test_option_like_revision_is_not_passed_to_git_as_an_option(repo):
    with pytest.raises(RevisionError):
        diff(repo, "--output=/tmp/x", None)


def test_without_main_branch_the_default_base_says_what_to_do(tmp_path, capsys):
    root = copy_minimal(tmp_path / "repo")
    git(root, "init", "-q", "-b", "trunk")
    commit_all(root, "init")
    assert main(["diff", "-C", str(root)]) == 2
    assert "no branch 'main'" in capsys.readouterr().err


def test_outside_git_two_folders_still_compare(pair, capsys):
    old, new = pair
    edit(new, "direction: increase\n            baseline: {year: 2019",
         "direction: maintain\n            baseline: {year: 2019")
    assert main(["diff", str(old), str(new), "-C", str(old), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "target P1.1.a: direction increase → maintain  [LOWERED AMBITION]" in out


def test_side_that_does_not_load_exits_1_with_its_diagnostics(pair, capsys):
    old, new = pair
    (new / "goals.yaml").write_text("strategy:\n  id: x\n  id: y\n", encoding="utf-8")
    assert main(["diff", str(old), str(new), "-C", str(old)]) == 1
    err = capsys.readouterr().err
    assert "duplicate-key" in err and "cannot be read" in err


def test_identical_sides_report_no_change(pair, capsys):
    old, new = pair
    assert diff(old, str(old), str(new)).changes == []
    assert main(["diff", str(old), str(new), "-C", str(old)]) == 0
    assert "No change in meaning." in capsys.readouterr().out


# -- ambition ----------------------------------------------------------------------

@pytest.mark.parametrize("direction,old_value,new_value,flag", [
    ("increase", "300000", "290000", LOWERED),
    ("increase", "300000", "310000", RAISED),
    ("decrease", "300000", "310000", LOWERED),
    ("decrease", "300000", "290000", RAISED),
])
def test_target_value_moving_against_its_direction_is_lowered_ambition(pair, direction, old_value, new_value, flag):
    old, new = pair
    for root, value in ((old, old_value), (new, new_value)):
        edit(root, "direction: increase\n            baseline:\n", f"direction: {direction}\n            baseline:\n")
        edit(root, "value: 300000, illustrative: true}", f"value: {value}, illustrative: true}}")
    change = only(old, new)
    assert change.kind == "target-value-changed" and change.flags == (flag,)


def test_target_value_of_maintain_target_is_not_judged(pair):
    old, new = pair
    for root in (old, new):
        edit(root, "direction: increase\n            baseline:\n", "direction: maintain\n            baseline:\n")
    edit(new, "value: 300000, illustrative: true}", "value: 280000, illustrative: true}")
    assert only(old, new).flags == ()


def test_target_year_pushed_later_is_lowered_ambition(pair):
    old, new = pair
    edit(new, "target: {year: 2030, value: 300000, illustrative: true}", "target: {year: 2032, value: 300000, illustrative: true}")
    change = only(old, new)
    assert (change.kind, change.old, change.new, change.flags) == ("target-year-changed", 2030, 2032, (LOWERED,))


def test_direction_reversed_is_flagged_and_value_not_judged(pair):
    old, new = pair
    edit(new, "direction: increase\n            baseline:\n", "direction: decrease\n            baseline:\n")
    edit(new, "value: 300000, illustrative: true}", "value: 250000, illustrative: true}")
    changes = diff(old, str(old), str(new)).changes
    assert [(c.kind, c.flags) for c in changes] == [
        ("target-direction-changed", (REVERSED,)), ("target-value-changed", ())]


def test_lowered_milestone_is_flagged(pair):
    old, new = pair
    edit(new, "- {year: 2025, value: 80.5, illustrative: true}", "- {year: 2025, value: 80.0, illustrative: true}")
    change = only(old, new)
    assert change.kind == "target-milestones-changed" and change.flags == (LOWERED,)


# -- matching by id ----------------------------------------------------------------

def test_goal_title_change_is_a_rename_not_remove_and_add(pair):
    old, new = pair
    edit(new, "title: Fler invånare", "title: Fler som bor i länet")
    change = only(old, new)
    assert (change.kind, change.id, change.old, change.new) == (
        "goal-renamed", "P1.2", "Fler invånare", "Fler som bor i länet")


def test_reordered_goals_are_no_change(pair):
    old, new = pair
    text = (new / "goals.yaml").read_text(encoding="utf-8")
    start, middle, end = text.index("      - id: P1.1\n"), text.index("      - id: P1.2\n"), text.index("indicators:")
    (new / "goals.yaml").write_text(text[:start] + text[middle:end] + text[start:middle] + text[end:],
                                    encoding="utf-8")
    assert kinds(old, new) == []


def test_changed_id_with_same_content_is_an_id_change(pair):
    old, new = pair
    edit(new, "id: population\n", "id: inhabitants\n")
    edit(new, "indicator: population", "indicator: inhabitants")
    assert kinds(old, new) == [("target-indicator-changed", "P1.2.a"), ("indicator-id-changed", "inhabitants")]


def test_removed_goal_is_one_change_that_names_its_targets(pair):
    old, new = pair
    text = (new / "goals.yaml").read_text(encoding="utf-8")
    start, end = text.index("      - id: P1.2\n"), text.index("indicators:")
    (new / "goals.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    change = only(old, new)
    assert (change.kind, change.id) == ("goal-removed", "P1.2")
    assert "P1.2.a" in change.note


def test_added_target_is_reported_under_its_goal(pair):
    old, new = pair
    edit(new, "indicators:\n", """          - id: P1.2.b
            text: Fler ska bo kvar.
            indicator: population
            direction: increase
            baseline: {year: 2019, value: 270000, illustrative: true}
            target: {year: 2030, value: 280000}
indicators:
""")
    change = only(old, new)
    assert (change.kind, change.id, change.parent) == ("target-added", "P1.2.b", "P1.2")


def test_indicator_source_change_shows_old_and_new(pair):
    old, new = pair
    edit(new, "source: {provider: Kolada, id: N01951}", "source: {provider: SCB, id: BE0101N1}")
    change = only(old, new)
    assert change.kind == "indicator-source-changed"
    assert (change.old, change.new) == ({"provider": "Kolada", "id": "N01951"}, {"provider": "SCB", "id": "BE0101N1"})


def test_chapter_added_and_removed_are_reported(pair):
    old, new = pair
    edit(new, "    file: strategy/01-inledning.md\n    presents: [P1]\n",
         "    file: strategy/01-inledning.md\n    presents: [P1]\n  - id: bakgrund\n    file: strategy/02-bakgrund.md\n")
    (new / "strategy" / "02-bakgrund.md").write_text("# Bakgrund\n\nTre ord här.\n", encoding="utf-8")
    change = only(old, new)
    assert (change.kind, change.id, change.new, change.note) == (
        "chapter-added", "bakgrund", "strategy/02-bakgrund.md", "5 words")
    assert [(c.kind, c.id) for c in diff(old, str(new), str(old)).changes] == [("chapter-removed", "bakgrund")]


def test_build_configuration_change_is_reported_apart_from_meaning(pair, capsys):
    old, new = pair
    (new / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    change = only(old, new)
    assert (change.kind, change.subject, change.id) == ("build-file-added", "build", "mkdocs.yml")
    assert main(["diff", str(old), str(new), "-C", str(old), "--format", "markdown"]) == 0
    assert "### Build configuration" in capsys.readouterr().out


def test_pdf_profile_added_is_a_build_configuration_change(pair, capsys):
    old, new = pair
    (new / "pdf").mkdir()
    (new / "pdf" / "profile.typ").write_text("#let cover(data) = []\n", encoding="utf-8")
    change = only(old, new)
    assert (change.kind, change.subject, change.id) == ("build-file-added", "build", "pdf/profile.typ")
    assert main(["diff", str(old), str(new), "-C", str(old), "--format", "markdown"]) == 0
    assert "### Build configuration" in capsys.readouterr().out


@pytest.mark.parametrize("rel", ["pdf/fonts/Brand.otf", "pyproject.toml", "package.json", "package-lock.json",
                                 "tools/strategykit/cli.py", ".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_what_installs_or_runs_at_build_time_is_a_build_file(pair, rel):
    old, new = pair
    for root, content in ((old, "old\n"), (new, "new\n")):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(content, encoding="utf-8")
    change = only(old, new)
    assert (change.kind, change.id) == ("build-file-changed", rel)


def test_files_a_working_tree_makes_by_itself_are_not_build_files(pair):
    old, new = pair
    for rel in ("tools/strategykit/__pycache__/cli.cpython-311.pyc", "tools/strategykit.egg-info/PKG-INFO"):
        (new / rel).parent.mkdir(parents=True, exist_ok=True)
        (new / rel).write_text("generated\n", encoding="utf-8")
    assert diff(old, str(old), str(new)).changes == []


# -- formats ---------------------------------------------------------------------

def test_markdown_puts_lowered_ambition_in_a_warning_first(pair, capsys):
    old, new = pair
    edit(new, "value: 300000, illustrative: true}", "value: 290000, illustrative: true}")
    assert main(["diff", str(old), str(new), "-C", str(old), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Changes in meaning:")
    warning = out.index("> [!WARNING]")
    assert "> - **target P1.2.a**: target value 300000 → 290000" in out[warning:]
    assert "- `P1.2.a` target value 300000 → 290000 **LOWERED AMBITION**" in out


def test_json_shape_is_stable(pair, capsys):
    old, new = pair
    edit(new, "value: 300000, illustrative: true}", "value: 290000, illustrative: true}")
    main(["diff", str(old), str(new), "-C", str(old), "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"version", "base", "head", "summary", "changes"}
    assert payload["version"] == 1
    # 'words' came later, as an addition within version 1: readers of version 1 ignore what they do not know
    assert set(payload["changes"][0]) == {"kind", "subject", "id", "parent", "old", "new", "flags", "note", "words"}
    assert payload["changes"][0]["flags"] == ["lowered-ambition"]
    assert payload["changes"][0]["words"] is None


def test_a_changed_text_carries_its_number_of_changed_words_as_data(pair):
    old, new = pair
    chapter = sorted((new / "strategy").glob("*.md"))[0]
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nTre nya ord.\n", encoding="utf-8")
    change = only(old, new)
    assert (change.kind, change.words, change.note) == ("chapter-changed", 3, "3 words changed")


def test_diff_runs_as_a_command(pair):
    old, new = pair
    proc = subprocess.run([sys.executable, "-m", "strategykit", "diff", str(old), str(new)],
                          capture_output=True, text=True, cwd=old, timeout=60)
    assert proc.returncode == 0
    assert "No change in meaning." in proc.stdout


def test_minimal_fixture_is_unchanged_by_these_tests():
    assert (MINIMAL / "goals.yaml").is_file()


# -- build files a pull request could hide, and Markdown that a title could inject -------------

@pytest.mark.parametrize("rel", ["Makefile", ".ci/run", ".github/actions/setup/action.yml", "requirements.txt",
                                 "tests/conftest.py"])
def test_what_make_and_ci_run_is_a_build_file(pair, rel):
    old, new = pair
    for root, content in ((old, "old\n"), (new, "new\n")):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(content, encoding="utf-8")
    change = only(old, new)
    assert (change.kind, change.subject, change.id) == ("build-file-changed", "build", rel)


def test_a_file_mkdocs_yml_inherits_is_a_build_file_wherever_it_lies(pair):
    old, new = pair
    for root, hook in ((old, ""), (new, "hooks: [scripts/hook.py]\n")):
        (root / "mkdocs.yml").write_text("INHERIT: strategy/site.yml\n", encoding="utf-8")
        (root / "strategy" / "site.yml").write_text("site_name: x\n" + hook, encoding="utf-8")
    (new / "scripts").mkdir()
    (new / "scripts" / "hook.py").write_text("import os\n", encoding="utf-8")
    assert sorted(kinds(old, new)) == [("build-file-added", "scripts/hook.py"),
                                       ("build-file-changed", "strategy/site.yml")]


def test_markdown_summary_shows_a_title_as_written_without_links_or_images(pair, capsys):
    from markdown_it import MarkdownIt

    old, new = pair
    title = "![spår](https://evil.example/p.png) [klicka](https://evil.example) <img src=x> www.evil.example a@b.se"
    edit(new, "title: Fler invånare", f"title: '{title} `x`'")
    assert main(["diff", str(old), str(new), "-C", str(old), "--format", "markdown"]) == 0
    html = MarkdownIt("commonmark").render(capsys.readouterr().out)
    assert "<img" not in html and "<a " not in html
    assert "![spår](https://evil.example/p.png)" in html.replace("&lt;", "<").replace("&gt;", ">")
def test_text_lists_the_strategy_and_its_build_configuration_but_counts_the_toolkit(pair, capsys):
    old, new = pair
    for i in range(5):
        (new / "tools" / "strategykit" / f"m{i}.py").parent.mkdir(parents=True, exist_ok=True)
        (new / "tools" / "strategykit" / f"m{i}.py").write_text("x = 1\n", encoding="utf-8")
    (new / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    edit(new, "title: Fler i arbete", "title: Fler kvinnor och män i arbete")
    assert main(["diff", str(old), str(new), "-C", str(old)]) == 0
    out = capsys.readouterr().out
    assert "tools/strategykit/m0.py" not in out
    assert "  goal P1.1: renamed" in out and "  file mkdocs.yml: added" in out
    assert "  the toolkit (tools/): 5 files changed" in out
    assert main(["diff", str(old), str(new), "-C", str(old), "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert "m0.py" not in markdown and r"- The toolkit \(tools/\)\: 5 files changed" in markdown
    assert main(["diff", str(old), str(new), "-C", str(old), "--format", "json"]) == 0
    assert "tools/strategykit/m0.py" in capsys.readouterr().out  # the data keeps every file


def test_a_target_value_that_gains_its_decision_is_a_provenance_change_without_flag(pair):
    old, new = pair
    edit(new, "target: {year: 2030, value: 300000, illustrative: true}",
         'target: {year: 2030, value: 300000, decision: {body: Regionfullmäktige, case: "RUN 2019-00412"}}')
    change = only(old, new)
    assert (change.kind, change.old, change.new, change.flags) == (
        "target-provenance-changed", "illustrative", "Regionfullmäktige, RUN 2019-00412", ())


def test_a_removed_target_is_lowered_ambition_and_an_added_one_raised(pair):
    old, new = pair
    extra = """          - id: P1.2.b
            text: Fler ska bo kvar.
            indicator: population
            direction: increase
            baseline: {year: 2019, value: 270000, illustrative: true}
            target: {year: 2030, value: 280000, illustrative: true}
indicators:
"""
    edit(new, "indicators:\n", extra)
    added = only(old, new)
    assert (added.kind, added.flags) == ("target-added", (RAISED,))
    removed = only(new, old)
    assert (removed.kind, removed.flags) == ("target-removed", (LOWERED,))


def test_a_milestone_moved_to_a_later_year_is_lowered_ambition(pair):
    old, new = pair
    edit(new, "- {year: 2025, value: 80.5, illustrative: true}", "- {year: 2027, value: 80.5, illustrative: true}")
    change = only(old, new)
    assert change.kind == "target-milestones-changed" and change.flags == (LOWERED,)
    assert only(new, old).flags == (RAISED,)


def test_a_value_that_gains_its_first_provenance_is_no_change(pair):
    old, new = pair
    edit(old, "target: {year: 2030, value: 300000, illustrative: true}", "target: {year: 2030, value: 300000}")
    assert diff(old, str(old), str(new)).changes == []


# -- commitments -------------------------------------------------------------------

from test_commitments import COMMITMENT, with_commitment  # noqa: E402


def test_an_added_commitment_raises_and_a_removed_one_lowers_the_ambition(pair):
    old, new = pair
    with_commitment(new)
    added = only(old, new)
    assert (added.kind, added.id, added.parent, added.flags) == ("commitment-added", "P1.2.A1", "P1.2", (RAISED,))
    removed = only(new, old)
    assert (removed.kind, removed.flags) == ("commitment-removed", (LOWERED,))


def test_a_changed_commitment_text_is_reported_with_its_words(pair):
    old, new = pair
    with_commitment(old)
    with_commitment(new, COMMITMENT.replace("en gemensam plan", "ett gemensamt program"))
    change = only(old, new)
    assert (change.kind, change.words, change.flags) == ("commitment-text-changed", 3, ())  # en gemensam plan → ett gemensamt program


def test_a_dropped_owner_lowers_the_ambition_and_an_added_one_raises_it(pair):
    old, new = pair
    with_commitment(old)
    with_commitment(new, COMMITMENT.replace("              - {kind: academia, name: Umeå universitet}\n", ""))
    dropped = only(old, new)
    assert (dropped.kind, dropped.old, dropped.flags) == ("commitment-owner-removed", ["Umeå universitet (academia)"],
                                                         (LOWERED,))
    assert only(new, old).flags == (RAISED,)


def test_a_commitment_no_one_assesses_any_more_lowers_the_ambition(pair):
    old, new = pair
    with_commitment(old)
    with_commitment(new, COMMITMENT.replace("            assessed_by: Regionala utvecklingsnämnden\n", ""))
    change = only(old, new)
    assert (change.kind, change.flags) == ("commitment-assessor-changed", (LOWERED,))


def test_a_worse_latest_assessment_is_reported_without_an_ambition_flag(pair):
    old, new = pair
    with_commitment(old)
    with_commitment(new, COMMITMENT.replace("status: on-schedule", "status: discontinued"))
    change = only(old, new)
    assert change.kind == "commitment-status-worsened" and change.flags == ()
    assert (change.old, change.new) == ({"year": 2024, "status": "on-schedule"}, {"year": 2024, "status": "discontinued"})
    assert only(new, old).kind == "commitment-status-improved"


def test_the_diff_names_levels_with_the_strategys_own_words(pair):
    from strategykit.analysis.diff import format_markdown, format_text

    old, new = pair
    with_commitment(new)
    for root in pair:
        edit(root, "indicators:\n", "levels:\n  target: {one: Delmål, many: Delmål}\n"
                                    "  commitment: {one: Insats, many: Insatser}\nindicators:\n")
    edit(new, "target: {year: 2030, value: 300000, illustrative: true}", "target: {year: 2030, value: 290000, illustrative: true}")
    result = diff(old, str(old), str(new))
    text = format_text(result)
    assert "delmål P1.2.a" in text and "insats P1.2.A1: added" in text
    assert "target P1.2.a" not in text
    markdown = format_markdown(result)
    assert "### Insatser" in markdown and "### Delmål" in markdown


def test_a_revision_is_unpacked_with_the_strategys_files_only_not_the_toolkit_beside_them(tmp_path):
    from strategykit.project import SOURCES
    from strategykit.vcs.git import extract

    top = tmp_path / "top"
    top.mkdir()
    root = copy_minimal(top / "strategy-site")
    (root / "tools").mkdir()
    (root / "tools" / "big.py").write_text("# the toolkit's code\n")
    (root / "tests").mkdir()
    (root / "tests" / "test_x.py").write_text("# its tests\n")
    git(top, "init", "-q", "-b", "main")
    commit_all(top, "init")
    commit = git(top, "rev-parse", "HEAD")

    whole = extract(root, commit, tmp_path / "whole")
    assert (whole / "tools" / "big.py").is_file()
    sources = extract(root, commit, tmp_path / "sources", only=SOURCES)
    assert (sources / "goals.yaml").is_file() and (sources / "strategy").is_dir()
    assert not (sources / "tools").exists() and not (sources / "tests").exists()
    assert diff(root, commit).changes == []  # a diff unpacks the whole revision: it compares the build files too
    nothing = extract(root, commit, tmp_path / "nothing", only=("no-such-file.yaml",))
    assert not any(nothing.iterdir())
