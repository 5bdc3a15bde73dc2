"""'Changes since the consultation version': the semantic diff (diff.py) between the consultation
edition's git tag and the current sources, in a real git repository."""

from __future__ import annotations

import shutil

import pytest

from strategykit.analysis import consultation as c
from strategykit.project import check

from conftest import edit, git
from consultation_fixture import MOVED_ON_EDITIONS as EDITIONS, make_moved_on_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

@pytest.fixture
def repo(tmp_path):
    root = make_moved_on_repo(tmp_path / "repo")
    assert check(root).ok
    return root


def test_changes_since_consultation_lists_exactly_the_differences(repo):
    result = c.changes_since_consultation(check(repo).model)
    assert result.available, result.detail
    assert result.base == "remiss-1.0" and result.edition.version == "1.0"
    content = [(ch.kind, ch.id, ch.old, ch.new) for ch in result.changes if not ch.kind.startswith("edition-")]
    assert content == [("goal-renamed", "P1.2", "Fler invånare", "Fler invånare i hela länet"),
                       ("target-value-changed", "P1.1.a", 82, 81)]
    assert {ch.kind for ch in result.changes if ch.kind.startswith("edition-")} == {
        "edition-version-changed", "edition-status-changed", "edition-date-changed"}
    assert result.comments == {"P1.2": ("a-2",)}


def test_changes_markdown_names_both_editions_and_the_comment_behind_a_change(repo):
    md = c.changes_markdown(check(repo).model, link=lambda s: f"/mal/#{s.id}",
                            comment_href=lambda cid: f"/remiss/#{c.comment_anchor(cid)}")
    assert md.startswith("# Ändringar sedan remissversionen\n")
    assert "(version 1.0, 15 januari 2020) med den här utgåvan (version 1.1, förslag till beslut)" in md
    assert "2 ändringar i sak, varav 1 sänker en ambition." in md
    assert ("- [Mål P1.2](/mal/#P1.2): ny lydelse: ”Fler invånare” → ”Fler invånare i hela länet”. "
            "Efter remissynpunkt: [a-2](/remiss/#synpunkt-a-2).") in md
    assert "- [Delmål P1.1.a](/mal/#P1.1.a): målvärde: 82\u00a0% → 81\u00a0%. **Sänkt ambition.**" in md
    assert md.count("\n- ") == 2  # the edition's own version, status and date are not listed


def test_no_changes_when_the_sources_are_those_of_the_tag(repo):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Proposal")
    git(repo, "tag", "-f", "remiss-1.0")
    result = c.changes_since_consultation(check(repo).model)
    assert result.available and result.changes == ()
    assert "Inga ändringar i sak sedan remissversionen." in c.changes_markdown(check(repo).model, result)


def test_a_missing_tag_is_reported_plainly_not_raised(repo):
    git(repo, "tag", "-d", "remiss-1.0")
    model = check(repo).model
    result = c.changes_since_consultation(model)
    assert not result.available and "remiss-1.0" in result.problem and result.detail
    assert "kan inte visas: versionen remiss-1.0 finns inte" in c.changes_markdown(model, result)


def test_no_consultation_edition_or_no_tag_is_reported(repo):
    (repo / "editions.yaml").write_text(EDITIONS.replace(", tag: remiss-1.0", ""), encoding="utf-8")
    assert "ingen versionsbeteckning" in c.changes_since_consultation(check(repo).model).problem
    (repo / "editions.yaml").write_text(EDITIONS.replace("consultation", "draft"), encoding="utf-8")
    assert "ingen remissversion" in c.changes_since_consultation(check(repo).model).problem


def test_consultation_commit_is_used_when_the_clone_lacks_the_tag(repo):
    sha = git(repo, "rev-parse", "remiss-1.0")
    git(repo, "tag", "-d", "remiss-1.0")
    (repo / "editions.yaml").write_text(EDITIONS.replace("tag: remiss-1.0", f"tag: remiss-1.0, commit: {sha}"),
                                        encoding="utf-8")
    result = c.changes_since_consultation(check(repo).model)
    assert result.available, result.detail
    assert [ch.id for ch in result.changes if not ch.kind.startswith("edition-")] == ["P1.2", "P1.1.a"]


def test_missing_tag_without_commit_is_explained_not_raised(repo):
    git(repo, "tag", "-d", "remiss-1.0")
    result = c.changes_since_consultation(check(repo).model)
    assert not result.available
    assert "remiss-1.0" in result.problem


def test_the_summary_counts_the_lines_a_reader_sees_not_the_change_records(repo):
    edit(repo, "text: Andelen förvärvsarbetande ska öka till 82 procent år 2030.",
         "text: Andelen förvärvsarbetande ska öka till 81 procent år 2030.")
    model = check(repo).model
    records = [ch for ch in c.changes_since_consultation(model).changes if not ch.kind.startswith("edition-")]
    assert len(records) == 3  # the goal's new title, and the target's text and value
    md = c.changes_markdown(model)
    assert md.count("\n- ") == 2
    assert "2 ändringar i sak, varav 1 sänker en ambition." in md


def test_a_single_changed_part_is_summarised_in_the_singular(repo):
    edit(repo, "title: Fler invånare i hela länet\n", "title: Fler invånare\n")
    md = c.changes_markdown(check(repo).model)
    assert md.count("\n- ") == 1
    assert "1 ändring i sak, som sänker en ambition." in md
