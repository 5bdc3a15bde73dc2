"""'Changes since the consultation version': the semantic diff (diff.py) between the consultation
edition's git tag and the current sources, in a real git repository."""

from __future__ import annotations

import shutil

import pytest

from strategykit.present import consultation as c
from strategykit.vcs.editions import changes_since_consultation
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
    result = changes_since_consultation(check(repo).model)
    assert result.available, result.detail
    assert result.base == "remiss-1.0" and result.edition.version == "1.0"
    content = [(ch.kind, ch.id, ch.old, ch.new) for ch in result.changes if not ch.kind.startswith("edition-")]
    assert content == [("goal-renamed", "P1.2", "Fler invånare", "Fler invånare i hela länet"),
                       ("target-value-changed", "P1.1.a", 82, 81)]
    assert {ch.kind for ch in result.changes if ch.kind.startswith("edition-")} == {
        "edition-version-changed", "edition-status-changed", "edition-date-changed"}
    assert result.comments == {"P1.2": ("a-2",)}


def test_changes_markdown_names_both_editions_and_the_comment_behind_a_change(repo):
    md = c.changes_markdown(check(repo).model, changes_since_consultation(check(repo).model), link=lambda s: f"/mal/#{s.id}",
                            comment_href=lambda cid: f"/remiss/#{c.comment_anchor(cid)}")
    assert md.startswith("# Ändringar sedan remissversionen\n")
    assert "(version 1.0, 15 januari 2020) med den här utgåvan (version 1.1, förslag till beslut)" in md
    assert "2 ändringar i sak, varav 1 sänker en ambition." in md
    assert ("- [Mål P1.2](/mal/#P1.2): ny lydelse: ”Fler invånare” → ”Fler invånare i hela länet”. "
            "Efter remissynpunkt: [Kommun A om mål P1.2](/remiss/#synpunkt-a-2).") in md
    assert "- [Delmål P1.1.a](/mal/#P1.1.a): målvärde: 82\u00a0% → 81\u00a0%. **Sänkt ambition.**" in md
    assert md.count("\n- ") == 2  # the edition's own version, status and date are not listed


def test_no_changes_when_the_sources_are_those_of_the_tag(repo):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Proposal")
    git(repo, "tag", "-f", "remiss-1.0")
    result = changes_since_consultation(check(repo).model)
    assert result.available and result.changes == ()
    assert "Inga ändringar i sak sedan remissversionen." in c.changes_markdown(check(repo).model, result)


def test_a_missing_tag_is_reported_plainly_not_raised(repo):
    git(repo, "tag", "-d", "remiss-1.0")
    model = check(repo).model
    result = changes_since_consultation(model)
    assert not result.available and result.reason == "tag_missing" and "remiss-1.0" in result.detail
    assert "kan inte visas: versionen remiss-1.0 finns inte" in c.changes_markdown(model, result)


def test_no_consultation_edition_or_no_tag_is_reported(repo):
    (repo / "editions.yaml").write_text(EDITIONS.replace(", tag: remiss-1.0", ""), encoding="utf-8")
    assert changes_since_consultation(check(repo).model).reason == "no_tag"
    (repo / "editions.yaml").write_text(EDITIONS.replace("consultation", "draft"), encoding="utf-8")
    assert changes_since_consultation(check(repo).model).reason == "no_consultation_edition"


def test_consultation_commit_is_used_when_the_clone_lacks_the_tag(repo):
    sha = git(repo, "rev-parse", "remiss-1.0")
    git(repo, "tag", "-d", "remiss-1.0")
    (repo / "editions.yaml").write_text(EDITIONS.replace("tag: remiss-1.0", f"tag: remiss-1.0, commit: {sha}"),
                                        encoding="utf-8")
    result = changes_since_consultation(check(repo).model)
    assert result.available, result.detail
    assert [ch.id for ch in result.changes if not ch.kind.startswith("edition-")] == ["P1.2", "P1.1.a"]
    assert result.base == sha  # compared with the commit, and said so: not with a tag that is not there


def test_missing_tag_without_commit_is_explained_not_raised(repo):
    git(repo, "tag", "-d", "remiss-1.0")
    result = changes_since_consultation(check(repo).model)
    assert not result.available
    assert result.reason in ("tag_missing", "side_unreadable") and result.base == "remiss-1.0"


def test_the_summary_counts_the_lines_a_reader_sees_not_the_change_records(repo):
    edit(repo, "text: Andelen förvärvsarbetande ska öka till 82 procent år 2030.",
         "text: Andelen förvärvsarbetande ska öka till 81 procent år 2030.")
    model = check(repo).model
    records = [ch for ch in changes_since_consultation(model).changes if not ch.kind.startswith("edition-")]
    assert len(records) == 3  # the goal's new title, and the target's text and value
    md = c.changes_markdown(model, changes_since_consultation(model))
    assert md.count("\n- ") == 2
    assert "2 ändringar i sak, varav 1 sänker en ambition." in md


def test_a_single_changed_part_is_summarised_in_the_singular(repo):
    edit(repo, "title: Fler invånare i hela länet\n", "title: Fler invånare\n")
    md = c.changes_markdown(check(repo).model, changes_since_consultation(check(repo).model))
    assert md.count("\n- ") == 1
    assert "1 ändring i sak, som sänker en ambition." in md


# -- edition-tag-missing: a tag that editions.yaml names but the repository lacks ----------

def _tag_warnings(root):
    return [d for d in check(root).diagnostics if d.code == "edition-tag-missing"]


def test_a_tag_the_repository_lacks_is_a_warning_at_the_tag(repo):
    git(repo, "tag", "-d", "remiss-1.0")
    (d,) = _tag_warnings(repo)
    assert d.severity.value == "warning"
    assert (d.position.file, d.position.line) == ("editions.yaml", 2)
    assert "remiss-1.0" in d.message


def test_a_tag_that_exists_is_not_reported(repo):
    assert _tag_warnings(repo) == []


def test_a_missing_tag_whose_commit_exists_is_not_reported_and_the_history_shows_the_commit(repo):
    sha = git(repo, "rev-parse", "remiss-1.0")
    git(repo, "tag", "-d", "remiss-1.0")
    (repo / "editions.yaml").write_text(EDITIONS.replace("tag: remiss-1.0", f"tag: remiss-1.0, commit: {sha}"),
                                        encoding="utf-8")
    assert _tag_warnings(repo) == []
    history = c.history_markdown(check(repo).model)
    assert "remiss-1.0" not in history and f"Versionskod: `{sha[:12]}`" in history


def test_neither_tag_nor_commit_in_the_repository_is_reported(repo):
    git(repo, "tag", "-d", "remiss-1.0")
    (repo / "editions.yaml").write_text(EDITIONS.replace("tag: remiss-1.0", f"tag: remiss-1.0, commit: {'ab' * 20}"),
                                        encoding="utf-8")
    (d,) = _tag_warnings(repo)
    assert "neither" in d.message and "remiss-1.0" not in c.history_markdown(check(repo).model)


def test_outside_a_git_repository_a_tag_is_not_reported(repo):
    shutil.rmtree(repo / ".git")
    assert _tag_warnings(repo) == []
    assert "remiss-1.0" in c.history_markdown(check(repo).model)  # cannot be known: shown as written


def test_the_example_names_a_tag_it_lacks_but_its_commit_resolves_it():
    from conftest import REPO

    import subprocess

    if subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", "8a420ec32fc597dc41349d2a550de21302a710e1^{commit}"],
                      capture_output=True).returncode != 0:
        pytest.skip("a shallow clone without the example's consultation commit")
    assert _tag_warnings(REPO) == []
    assert "Versionskod: `8a420ec32fc5`" in c.history_markdown(check(REPO).model)


def test_the_repository_is_read_directly_as_git_would_answer_packed_or_loose(repo):
    from strategykit.source import gitrefs as revisions

    sha = git(repo, "rev-parse", "remiss-1.0")
    asked = (["remiss-1.0", "no-such-tag"], [sha, "ab" * 20])
    loose = revisions._read_directly(repo, *asked)
    git(repo, "gc", "-q")  # packs the objects and the tags
    assert not (repo / ".git" / "refs" / "tags" / "remiss-1.0").exists()
    packed = revisions._read_directly(repo, *asked)
    assert loose == packed == revisions._ask_git(repo, *asked) == {"remiss-1.0", sha}


def test_diff_from_an_editions_missing_tag_uses_its_recorded_commit(repo, capsys):
    from strategykit.cli import main

    sha = git(repo, "rev-parse", "remiss-1.0")
    git(repo, "tag", "-d", "remiss-1.0")
    (repo / "editions.yaml").write_text(EDITIONS.replace("tag: remiss-1.0", f"tag: remiss-1.0, commit: {sha}"),
                                        encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Proposal")
    assert main(["diff", "remiss-1.0", "HEAD", "-C", str(repo)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Ändringar i sak från remiss-1.0 ({sha[:7]}; taggen finns inte i repositoriet")
    assert "delmål P1.1.a: målvärde 82 → 81" in out
    assert main(["diff", "no-such-tag", "HEAD", "-C", str(repo)]) == 2


def test_a_change_whose_words_are_clipped_ends_with_the_ellipsis_not_a_stop_after_it(repo):
    """A long added text is clipped with '…': the line ends there ('… på distans kan…'), not with
    a stray stop after it ('kan….'); a text that ends a sentence of its own gets no second stop."""
    import dataclasses

    from strategykit.analysis.diff import Change

    model = check(repo).model
    result = changes_since_consultation(model)
    long = ("Regionen och länets kommuner bygger ut lärcentrum så att högre utbildning på distans kan "
            "läsas i hela länet, också i de minsta orterna")
    added = (Change("goal-added", "goal", "P1.1", None, long, parent="P1"),
             Change("goal-added", "goal", "P1.2", None, "Fler invånare.", parent="P1"))
    md = c.changes_markdown(model, dataclasses.replace(result, changes=result.changes + added))
    clipped = next(line for line in md.splitlines() if "lärcentrum" in line)
    assert clipped.endswith("…"), clipped
    assert "…." not in md and ".." not in md.replace("...", ""), md
