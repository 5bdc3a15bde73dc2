"""The process in the web edition: the consultation compilation, participation in figures, the
history of editions and the changes since the consultation version, under one navigation section."""

from __future__ import annotations

import re
import shutil

import pytest

from strategykit.plan import gather, pdf_filename
from strategykit.present import consultation as c
from strategykit.render.web import build_site
from test_web_pages import main_of, page, text_of
from web_support import FAKE_PDF, built, checked_model

from consultation_fixture import MOVED_ON_EDITIONS as EDITIONS, make_moved_on_repo

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(scope="module")
def example():
    return built("example")


def test_compilation_page_shows_every_comment_with_its_decision_and_reason(example):
    m = example.model
    html = main_of(page(example.site, "remissammanstallning.md"))
    text = text_of(html).replace("\u00a0", " ")  # '850 000' is kept on one line with a no-break space
    assert "Remissammanställning" in text and "Remissvar per typ av organisation" in text
    for r in m.consultation:
        for comment in r.comments:
            assert f'id="{c.comment_anchor(comment.id)}"' in html, comment.id
            assert " ".join(comment.handling.reason.split()) in text, comment.id
    comp = c.compilation(m)
    assert f"Totalt {comp.total_responses} {comp.total_comments}" in text


def test_each_goal_links_to_the_comments_about_it(example):
    m = example.model
    by_goal = c.comments_by_goal(m)
    assert by_goal, "the example needs comments on goals for this test to mean anything"
    compilation = main_of(page(example.site, "remissammanstallning.md"))
    for goal_id, entries in by_goal.items():
        priority = next(p for p in m.priorities if any(g.id == goal_id for g in p.goals))
        html = main_of(page(example.site, f"prioriteringar/{priority.id.lower()}.md"))
        section = html[html.index(f'id="{goal_id.lower().replace(".", "-")}"'):]
        section = section[: section.find("<h3", 10)] if "<h3" in section[10:] else section
        for e in entries:
            anchor = c.comment_anchor(e.comment.id)
            assert f'href="../../remissammanstallning/#{anchor}"' in section, (goal_id, anchor)
            assert f'id="{anchor}"' in compilation


def test_participation_page_has_a_name_of_its_own_and_the_figures(example):
    m = example.model
    html = page(example.site, "dialog-och-delaktighet.md")
    assert "<title>Dialog och delaktighet i siffror - " in html
    text = text_of(main_of(html))
    p = c.participation(m)
    assert f"{len(p.meetings)} dialogträffar" in text
    assert f"Totalt {p.total_participants} {p.total_responses}" in text
    chapter_titles = [ch.title for ch in m.chapters]
    assert "Dialog och delaktighet i siffror" not in chapter_titles


def test_process_pages_are_one_calm_section_of_the_navigation(example):
    config = (example.root / ".build" / "web" / "mkdocs.yml").read_text(encoding="utf-8")
    section = config[config.index("- Om strategin:\n"):]
    assert section.splitlines()[1:] == [
        "  - Om utgåvan: om-utgavan.md",
        "  - Utgåvor: utgavor.md",
        "  - Ändringar sedan remissversionen: andringar-sedan-remissversionen.md",
        "  - Remissammanställning: remissammanstallning.md",
        "  - Dialog och delaktighet i siffror: dialog-och-delaktighet.md",
        "  - Ladda ner: ladda-ner.md",
        "  - Tillgänglighet: tillganglighet.md",
    ]
    top = re.findall(r"^- ([^:]+):", config[config.index("\nnav:\n"):], re.M)
    assert top == ["Start", "Strategin", "Prioriteringar och mål", "Indikatorer", "Uppföljning", "Om strategin"]


def test_changes_page_says_why_it_cannot_compare_outside_git(example):
    text = text_of(main_of(page(example.site, "andringar-sedan-remissversionen.md")))
    assert "Ändringarna sedan remissversionen kan inte visas" in text


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """The minimal strategy's consultation edition, tagged, then moved on by two changes; built with a PDF."""
    root = make_moved_on_repo(
        tmp_path_factory.mktemp("process") / "repo",
        EDITIONS.replace("tag: remiss-1.0}", "tag: remiss-1.0, pdf: 'https://example.org/remiss-1.0.pdf'}"))
    model = checked_model(root)
    (root / "dist").mkdir()
    (root / "dist" / pdf_filename(model)).write_bytes(FAKE_PDF)
    site = build_site(gather(model), root / "site")
    return root, site


@needs_git
def test_changes_page_lists_exactly_the_differences_between_the_two_revisions(repo):
    _, site = repo
    html = main_of(page(site, "andringar-sedan-remissversionen.md"))
    items = re.findall(r"<li>(.*?)</li>", html, re.S)
    assert [text_of(i) for i in items] == [
        "Mål P1.2 : ny lydelse: ”Fler invånare” → ”Fler invånare i hela länet”. Efter remissynpunkt: Kommun A om mål P1.2 .",
        "Delmål P1.1.a : målvärde: 82\u00a0% → 81\u00a0%. Sänkt ambition.",
    ]
    assert "2 ändringar i sak, varav 1 sänker en ambition." in text_of(html)
    assert 'href="../prioriteringar/p1/#p1-2"' in items[0]
    assert f'href="../remissammanstallning/#{c.comment_anchor("a-2")}"' in items[0]
    assert 'href="../prioriteringar/p1/#p1-1"' in items[1]


@needs_git
def test_history_links_each_edition_to_its_pdf_and_the_current_one_to_this_build(repo):
    root, site = repo
    html = main_of(page(site, "utgavor.md"))
    current = re.search(r'<section class="sk-edition" aria-label="Version 1\.1"><h2[^>]*><strong>1\.1</strong>.*?</section>',
                        html, re.S).group(0)
    assert 'href="../test-strategy-1.1.pdf"' in current
    assert (site / "test-strategy-1.1.pdf").read_bytes() == FAKE_PDF
    consultation_row = re.search(r'<section class="sk-edition" aria-label="Version 1\.0">.*?</section>', html, re.S).group(0)
    assert 'href="https://example.org/remiss-1.0.pdf"' in consultation_row
    about = main_of(page(site, "om-utgavan.md"))
    assert 'href="../utgavor/"' in about and 'href="../andringar-sedan-remissversionen/"' in about
