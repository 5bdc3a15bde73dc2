"""The PDFs of earlier editions: 'strategy build' builds each from its own git revision and the
history page links it; a revision that is missing or names another edition is noted, never fatal."""

from __future__ import annotations

import re
import shutil

import pypdf
import pytest

from strategykit.cli import main
from strategykit import plan
from strategykit.render.pdf.editions import print_earlier_editions
from strategykit.project import check
from test_web_pages import main_of, page, text_of

from conftest import MINIMAL, commit_all, edit, git
from pdf_support import pdf_text
from consultation_fixture import MOVED_ON_EDITIONS as EDITIONS

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OLD_PDF = "utgavor/test-strategy-1.0.pdf"


def build_earlier_pdfs(model, out, *, cache: bool = True):
    return print_earlier_editions(plan.gather(model, ("earlier",), reuse=cache), out, cache=cache)


def build_earlier_pdf(model, edition, out):
    [found] = [e for e in build_earlier_pdfs(model, out) if e.version == edition.version]
    return found


def _repo(root):
    """The minimal strategy's consultation edition 1.0, committed and tagged remiss-1.0, then moved on to 1.1."""
    shutil.copytree(MINIMAL, root)
    edit(root, 'edition: {version: "1.0", status: draft, date: "2020-01-15"}',
         'edition: {version: "1.0", status: consultation, date: "2020-01-15"}')
    (root / "editions.yaml").write_text(EDITIONS, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    sha = commit_all(root, "Consultation edition")
    git(root, "tag", "remiss-1.0")
    edit(root, 'edition: {version: "1.0", status: consultation, date: "2020-01-15"}',
         'edition: {version: "1.1", status: proposal, date: "2020-05-01"}')
    edit(root, "title: Fler invånare\n", "title: Fler invånare i hela länet\n")
    commit_all(root, "Proposal")
    return root, sha


def _history_row(site, version: str) -> str:
    html = main_of(page(site, "utgavor.md"))
    return re.search(rf'<section class="sk-edition" aria-label="Version {re.escape(version)}">.*?</section>',
                     html, re.S).group(0)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root, sha = _repo(tmp_path_factory.mktemp("editions") / "repo")
    assert main(["build", str(root)]) == 0
    return root, sha


def test_history_links_the_earlier_editions_pdf_built_from_its_own_revision(built):
    root, sha = built
    site = root / "site"
    assert 'href="test-strategy-1.0.pdf"' in _history_row(site, "1.0")
    reader = pypdf.PdfReader(site / OLD_PDF)
    text = pdf_text(reader)
    assert "Version1.0·15januari2020" in text and "Remissversion" in text
    assert "1.0(denhärutgåvan)Remissversion" in text and "Version1.1" not in text  # its own history, not 1.1's
    assert "Fler invånare i hela länet".replace(" ", "") not in text  # the later wording is not in it
    assert sha in text  # the colophon names the revision it was built from, not the current commit
    assert "Framställd" not in text  # made by its own date: the edition's date is not given twice


def test_the_earlier_pdf_is_reproducible_whatever_this_build_sets(built, tmp_path, monkeypatch):
    root, _ = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("STRATEGY_COMMIT", "0" * 40)
    [again] = build_earlier_pdfs(check(root).model, tmp_path, cache=False)
    assert not again.reused
    assert again.file.read_bytes() == (root / "site" / OLD_PDF).read_bytes()


def test_a_later_build_reuses_the_kept_pdf_and_a_new_toolkit_builds_it_again(built, tmp_path, monkeypatch):
    from strategykit.render import pdf

    root, _ = built
    model = check(root).model
    [first] = build_earlier_pdfs(model, tmp_path / "a")  # the build of the fixture kept it already
    assert first.reused and first.file.read_bytes() == (root / "site" / OLD_PDF).read_bytes()

    def no_rendering(*args, **kwargs):
        raise AssertionError("rendered although the PDF was kept")

    monkeypatch.setattr(pdf, "render_pdf", no_rendering)
    [second] = build_earlier_pdfs(model, tmp_path / "b")
    assert second.reused and second.file.read_bytes() == first.file.read_bytes()
    # another toolkit (its files or its pandoc/Typst) means another key: the PDF is rendered again
    monkeypatch.setattr(plan, "toolkit_fingerprint", lambda: "another toolkit")
    [third] = build_earlier_pdfs(model, tmp_path / "c")
    assert third.file is None and third.problem and "rendered although" in third.detail


def test_a_new_toolkits_pdf_replaces_the_one_kept_for_the_same_edition(tmp_path, monkeypatch):
    root, _ = _repo(tmp_path / "repo")
    kept = root / ".build" / "editions"
    build_earlier_pdfs(check(root).model, tmp_path / "a")
    [before] = kept.glob("*.pdf")
    monkeypatch.setattr(plan, "toolkit_fingerprint", lambda: "f" * 64)
    [again] = build_earlier_pdfs(check(root).model, tmp_path / "b")
    assert not again.reused
    [after] = kept.glob("*.pdf")
    assert after != before and after.name.endswith("-" + "f" * 16 + ".pdf")


def test_an_unwritable_cache_only_means_building_again(tmp_path):
    root, _ = _repo(tmp_path / "repo")
    (root / ".build").mkdir()
    (root / ".build" / "editions").write_text("not a folder", encoding="utf-8")
    [found] = build_earlier_pdfs(check(root).model, tmp_path / "out")
    assert found.file is not None and not found.reused


def test_a_missing_tag_leaves_the_history_without_a_link_and_the_build_succeeds(tmp_path, capsys):
    root, _ = _repo(tmp_path / "repo")
    git(root, "tag", "-d", "remiss-1.0")
    assert main(["build", str(root), "--web"]) == 0
    row = _history_row(root / "site", "1.0")
    assert "href" not in row
    assert "Ingen PDF: versionen remiss-1.0 finns inte i strategins versionshistorik." in text_of(row)
    assert not (root / "site" / OLD_PDF).exists()
    assert "no PDF of the earlier edition 1.0" in capsys.readouterr().err


def test_the_recorded_commit_is_used_when_the_clone_lacks_the_tag(tmp_path):
    root, sha = _repo(tmp_path / "repo")
    git(root, "tag", "-d", "remiss-1.0")
    edit(root, "tag: remiss-1.0}", f"tag: remiss-1.0, commit: {sha}}}", file="editions.yaml")
    model = check(root).model
    [edition] = [e for e in model.editions.entries if e.version == "1.0"]
    found = build_earlier_pdf(model, edition, tmp_path / "out")
    assert found.file is not None and found.commit == sha


def test_a_revision_of_another_edition_is_refused_with_a_note(tmp_path):
    root, _ = _repo(tmp_path / "repo")
    git(root, "tag", "-f", "remiss-1.0", "HEAD")  # the tag was moved onto the proposal
    model = check(root).model
    [edition] = [e for e in model.editions.entries if e.version == "1.0"]
    found = build_earlier_pdf(model, edition, tmp_path / "out")
    assert found.file is None
    assert found.problem == "Ingen PDF: remiss-1.0 innehåller utgåva 1.1, inte 1.0."


def test_an_edition_with_a_pdf_address_or_no_revision_is_not_built(tmp_path):
    root, _ = _repo(tmp_path / "repo")
    edit(root, "tag: remiss-1.0}", "tag: remiss-1.0, pdf: 'https://example.org/1.0.pdf'}", file="editions.yaml")
    assert build_earlier_pdfs(check(root).model, tmp_path / "out") == []
