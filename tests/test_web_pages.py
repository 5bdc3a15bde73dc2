"""The web edition's pages: one per priority, indicator and chapter, in the strategy's language,
with illustrative values marked, the notice on every page, and the about and accessibility pages."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote
from html.parser import HTMLParser
from pathlib import Path

import pytest

from strategykit.plan import gather, pdf_filename
from strategykit.model.slugs import indicator_slugs
from strategykit.present import i18n
from web_support import FAKE_PDF, built, html_pages

STRATEGIES = ["minimal", "example"]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "math" and not self._skip:  # a formula reads as its words (its alttext)
            self.parts.append(dict(attrs).get("alttext") or "")
        if tag in ("script", "style", "math"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "math") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def text_of(html: str) -> str:
    p = _Text()
    p.feed(html)
    return re.sub(r"[ \t\r\n]+", " ", " ".join(p.parts)).strip()


def shown_marks(html: str) -> str:
    """The page with the illustrative mark as a reader sees it (the site writes '*' as '&#42;', so
    that Markdown cannot take two marks for emphasis)."""
    return re.sub(r'(<span aria-hidden="true">)((?:&#\d+;)+)(</span>)', lambda m: m[1] + unescape(m[2]) + m[3], html)


def main_of(html: str) -> str:
    m = re.search(r"<article[^>]*>(.*)</article>", html, re.S)
    assert m, "the page has no <article> with its content"
    return m.group(1)


def page(site: Path, md_path: str) -> str:
    """The HTML of the page generated from ``md_path`` ('prioriteringar/p1.md')."""
    stem = md_path[: -len(".md")]
    html = site / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")
    assert html.is_file(), f"{md_path} was not built to {html.relative_to(site)}"
    return html.read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=STRATEGIES)
def b(request):
    return built(request.param)


def test_every_priority_indicator_and_chapter_has_a_page(b):
    m, L = b.model, i18n.labels(b.model.language)
    for p in m.priorities:
        html = page(b.site, f"{L['url_priorities']}/{p.id.lower()}.md")
        assert p.title in text_of(main_of(html))
        for g in p.goals:
            assert g.id in text_of(main_of(html)), f"goal {g.id} is missing from its priority's page"
    slug = indicator_slugs(m.indicators)
    for ind in m.indicators:
        html = page(b.site, f"{L['url_indicators']}/{slug[ind.id]}.md")
        assert ind.name in text_of(main_of(html))
    for ch in m.chapters:
        name = ch.file.removeprefix("strategy/")
        html = page(b.site, f"{L['url_chapters']}/{name}")
        assert ch.title in text_of(main_of(html))
    for extra in ("index.md", f"{L['url_about']}.md", f"{L['url_accessibility']}.md", f"{L['url_downloads']}.md"):
        page(b.site, extra)


def test_chapters_are_in_the_navigation_in_their_order(b):
    """On a chapter's page, where its section is open: every other page lists the sections only
    (``navigation.prune``), each leading to its first page."""
    L = i18n.labels(b.model.language)
    names = [ch.file.removeprefix("strategy/")[:-3] for ch in b.model.chapters]
    html = page(b.site, f"{L['url_chapters']}/{names[-1]}.md")
    html = html[html.index("md-nav--primary"):]  # the head links the previous page too
    positions = [html.find(f'href="../{name}/"') if name != names[-1] else html.find('href="./"') for name in names]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)
    start = page(b.site, "index.md")
    assert f'href="{L["url_chapters"]}/{names[0]}/"' in start  # the section's way in
    assert all(f'href="{L["url_chapters"]}/{name}/"' not in start for name in names[1:])


def test_every_page_has_the_strategy_language(b):
    for url in html_pages(b.site):
        html = (b.site / (url + "index.html" if not url.endswith(".html") else url)).read_text(encoding="utf-8")
        assert re.search(r'<html lang="sv"', html), f"{url or 'start page'} lacks lang=\"sv\""


def test_swedish_search_is_configured():
    b = built("example")
    config = (b.root / ".build" / "web" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "language: sv" in config
    html = page(b.site, "index.md")
    assert "Gå till innehållet" in html, "Material's Swedish labels are not used"


def illustrative_target(t) -> bool:
    """A target with a value no source or decision gave: its baseline, a milestone or its target value."""
    return bool((t.baseline and t.baseline.provenance.illustrative) or (t.target and t.target.illustrative)
                or any(ms.illustrative for ms in t.milestones))


def test_illustrative_values_are_marked_on_every_page_that_shows_them(b):
    m = b.model
    L = i18n.labels(m.language)
    mark = f'<span aria-hidden="true">{L["illustrative_mark"]}</span>'
    note = L["illustrative_note"]
    ill_targets = [(g, t) for g, t in m.targets() if illustrative_target(t)]
    assert ill_targets, "the fixture needs illustrative values for this test to mean anything"
    checked = 0
    for p in m.priorities:
        html = shown_marks(main_of(page(b.site, f"{L['url_priorities']}/{p.id.lower()}.md")))
        has_ill = any(g.priority_id == p.id for g, _ in ill_targets)
        assert (mark in html) == has_ill, f"priority {p.id}: illustrative mark shown={mark in html}, expected={has_ill}"
        assert (note in text_of(html)) == has_ill
        checked += has_ill
    for ind in m.indicators:
        html = shown_marks(main_of(page(b.site, f"{L['url_indicators']}/{indicator_slugs(m.indicators)[ind.id]}.md")))
        has_ill = any(t.indicator_id == ind.id for _, t in ill_targets)
        assert (mark in html) == has_ill, f"indicator {ind.id}"
        assert (note in text_of(html)) == has_ill
    assert checked
    home = shown_marks(main_of(page(b.site, "index.md")))
    shown = [t for p in m.priorities for g in p.goals[:1] for t in g.targets[:1]]
    has_ill = any(illustrative_target(t) for t in shown)
    assert (mark in home) == has_ill and (note in text_of(home)) == has_ill, "start page"


def test_illustrative_value_cell_carries_the_mark():
    b = built("minimal")
    html = shown_marks(main_of(page(b.site, "prioriteringar/p1.md")))
    row = re.search(r"<tr>\s*<td[^>]*><strong>P1\.1\.a</strong>.*?</tr>", html, re.S).group(0)
    assert re.search(r"79,5\s*%<span class=\"sk-ill\"><span aria-hidden=\"true\">\*</span>"
                     r"<span class=\"sk-sr-only\"> \(illustrativt värde\)</span></span> \(2019\)", row), row
    sourced = re.search(r"<tr>\s*<td[^>]*><strong>P1\.2\.a</strong>.*?</tr>", html, re.S).group(0)
    # the sourced baseline carries no mark; the target value, illustrative, does
    assert "270\u202f154 (2018)" in sourced and "270\u202f154<span" not in sourced
    assert re.search(r"300\u202f000<span class=\"sk-ill\">.*?</span></span> \(2030\)", sourced), sourced


def test_the_notice_is_on_every_page():
    b = built("example")
    notice = " ".join(b.model.notice.split())
    assert notice
    for url in html_pages(b.site):
        path = b.site / (url if url.endswith(".html") else url + "index.html")
        html = path.read_text(encoding="utf-8")
        banner = re.search(r'<aside class="md-banner">(.*?)</aside>', html, re.S)
        assert banner, f"{url or 'start page'} has no notice banner"
        assert notice in text_of(banner.group(1)).replace("\u2013", "–")


def test_no_banner_without_a_notice():
    b = built("minimal")
    assert not b.model.notice
    assert "md-banner" not in page(b.site, "index.md")


def test_priority_page_links_targets_to_their_indicator_with_baseline_and_target():
    b = built("minimal")
    html = main_of(page(b.site, "prioriteringar/p1.md"))
    assert 'href="../../indikatorer/forvarvsarbetande-invanare-20-64-ar-andel/"' in html
    assert 'href="../../indikatorer/invanare-totalt-antal/"' in html
    text = text_of(html)
    for expected in ("Utgångsvärde (år)", "Målvärde (år)", "82\u00a0% * (illustrativt värde) (2030)", "300\u202f000",
                     "Etappmål: 80,5\u00a0% * (illustrativt värde) (2025)"):
        assert expected in text, expected


def test_start_page_shows_vision_overall_goals_priorities_and_key_figures():
    b = built("example")
    m = b.model
    text = text_of(main_of(page(b.site, "index.md"))).replace("\u00a0", " ")  # '300 000' is kept on one line
    assert " ".join(m.vision_text.split()) in text
    for og in m.overall_goals:
        assert og.title in text
    for p in m.priorities:
        assert p.title in text
        for g in p.goals:
            assert g.title in text
    assert f"Prioriteringar {len(m.priorities)}" in text
    assert f"Indikatorer {len(m.indicators)}" in text


def test_indicator_page_has_chart_with_text_alternative_and_the_same_data_as_a_table():
    b = built("minimal")
    html = main_of(page(b.site, "indikatorer/forvarvsarbetande-invanare-20-64-ar-andel.md"))
    svg = re.search(r'<svg class="sk-chart__svg[^>]*>.*?</svg>', html, re.S).group(0)
    assert 'role="img"' in svg
    labelled = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
    for ident in labelled:
        assert f'id="{ident}"' in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert "79,5\u00a0%*" in desc or "79,5" in desc
    assert "82" in desc and "2030" in desc and "2025" in desc
    table = re.search(r"<table>.*?</table>", html[html.index("</svg>"):], re.S).group(0)
    cells = text_of(table)
    for expected in ("P1.1.a Utgångsvärde 2019 79,5", "P1.1.a Etappmål 2025 80,5", "P1.1.a Målvärde 2030 82"):
        assert expected in cells, (expected, cells)


def test_indicator_page_links_the_source_and_lists_the_targets_using_it():
    b = built("minimal")
    html = main_of(page(b.site, "indikatorer/invanare-totalt-antal.md"))
    assert 'href="https://www.kolada.se/"' in html
    assert "N01951" in text_of(html)
    assert 'href="../../prioriteringar/p1/#p1-2"' in html
    assert "Befolkningen ska öka till 300\u00a0000 år 2030." in text_of(html), "a number is kept on one line"


def test_about_page_tells_version_status_date_decision_commit_and_links_the_pdf():
    b = built("minimal")
    m = b.model
    text = text_of(main_of(page(b.site, "om-utgavan.md")))
    for expected in (m.edition.version, i18n.status_label(m.edition.status, "sv"), i18n.format_date(m.edition.date, "sv"),
                     "Inget beslut ännu", "Versionskod"):
        assert expected in text, expected
    name = pdf_filename(m)
    assert f'href="../{name}"' in page(b.site, "om-utgavan.md")
    assert (b.site / name).read_bytes() == FAKE_PDF


def test_about_page_says_when_the_pdf_is_not_built():
    b = built("example")
    assert not (b.root / "dist").exists()
    text = text_of(main_of(page(b.site, "om-utgavan.md")))
    assert "PDF-utgåvan är inte byggd" in text
    assert not list(b.site.glob("*.pdf"))


def test_about_page_shows_the_git_commit(tmp_path, monkeypatch):
    from web_support import checked_model, copy_strategy, FIXTURES
    from strategykit.render.web import build_site

    monkeypatch.setenv("STRATEGY_COMMIT", "0123456789abcdef")
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "s")
    site = build_site(gather(checked_model(root)), root / "site")
    assert "<code>0123456789abcdef</code>" in page(site, "om-utgavan.md")


def test_accessibility_statement_follows_the_swedish_law():
    b = built("example")
    html = main_of(page(b.site, "tillganglighet.md"))
    text = text_of(html)
    for expected in ("Tillgänglighetsredogörelse", "lagen (2018:1937) om tillgänglighet till digital offentlig service",
                     "WCAG 2.1 på nivå AA", "axe-core", "delvis förenlig", "Myndigheten för digital förvaltning",
                     b.model.publisher, "Innehåll som inte är tillgängligt", "Hur vi testat webbplatsen"):
        assert expected in text, expected
    assert 'href="https://www.digg.se/tdosanmalan"' in html


def test_every_page_links_the_accessibility_statement_in_the_footer():
    b = built("example")
    for url in html_pages(b.site):
        path = b.site / (url if url.endswith(".html") else url + "index.html")
        footer = re.search(r'<nav class="sk-footer-links".*?</nav>', path.read_text(encoding="utf-8"), re.S)
        assert footer, f"{url or 'start page'} has no footer links"
        link = re.search(r'<a href="([^"]*)">Tillgänglighetsredogörelse</a>', footer.group(0))
        assert link, f"{url or 'start page'} does not link the accessibility statement"
        href = link.group(1)
        target = (b.site / href.lstrip("/") if href.startswith("/") else path.parent / href).resolve()
        assert (target / "index.html" if target.is_dir() else target) == (b.site / "tillganglighet" / "index.html").resolve()


def test_model_text_is_escaped_not_read_as_markdown(tmp_path):
    from web_support import checked_model, copy_strategy, FIXTURES
    from strategykit.render.web import build_site

    root = copy_strategy(FIXTURES / "minimal", tmp_path / "s")
    goals = root / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace(
        "title: Fler i arbete", "title: 'Fler *i* arbete | <b>nu</b> [x](y)'"), encoding="utf-8")
    site = build_site(gather(checked_model(root)), root / "site")
    html = main_of(page(site, "prioriteringar/p1.md"))
    assert "Fler *i* arbete | &lt;b&gt;nu&lt;/b&gt; [x](y)" in html
    assert "<em>i</em>" not in html and "<b>nu</b>" not in html


def test_two_illustrative_marks_in_one_cell_both_show_and_nothing_turns_italic():
    """'Etappmål: 278 000* (2025), 285 000* (2030)': Markdown read the two '*' as emphasis, so the
    built page lost both marks and set '(2025), 285 000' in italics."""
    b = built("example")
    page = (b.site / "prioriteringar" / "p1" / "index.html").read_text(encoding="utf-8")
    marks = re.findall(r'<span class="sk-ill"><span aria-hidden="true">([^<]*)</span>', page)
    assert marks and {unescape(m) for m in marks} == {"*"}, set(marks)
    assert not re.search(r'<span aria-hidden="true"></?em>', page)
    milestones = re.search(r"Etappmål: 278\s000.*?\(2030\)", page, re.S)
    assert milestones and milestones.group(0).count('class="sk-ill"') == 2 and "<em>" not in milestones.group(0)


def test_the_day_a_file_was_made_is_given_only_when_it_is_not_the_editions_own_date(tmp_path, monkeypatch):
    """A build is dated by the edition (or SOURCE_DATE_EPOCH), never the clock: the about page and the
    PDF's colophon name the day it was made only when that says something the edition's date does not."""
    import datetime as dt
    from web_support import checked_model, copy_strategy, FIXTURES
    from strategykit.render.pdf.data import document_data
    from strategykit.render.web import build_site

    root = copy_strategy(FIXTURES / "minimal", tmp_path / "s")
    model = checked_model(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = build_site(gather(model), root / "site")
    assert "Framställd" not in text_of(main_of(page(site, "om-utgavan.md")))
    assert document_data(model, commit=None, build_date=dt.date.fromisoformat(model.edition.date))["strategy"]["build_date"] == ""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc).timestamp())))
    site = build_site(gather(model), root / "site2")
    assert "Framställd" in text_of(main_of(page(site, "om-utgavan.md")))
    assert "2 mars 2026" in text_of(main_of(page(site, "om-utgavan.md")))
    assert document_data(model, commit=None, build_date=dt.date(2026, 3, 2))["strategy"]["build_date"] == "2 mars 2026"


def test_indicator_page_marks_an_illustrative_milestone_and_target_in_its_decided_values():
    """P4.1.a's milestone and target were set by no decision: the indicator page's table of decided
    values marks them as the priority page and the follow-up do (it showed '92,0 %' and '98,0 %' bare)."""
    b = built("example")
    slug = indicator_slugs(b.model.indicators)["broadband-1gbit"]
    html = shown_marks(main_of(page(b.site, f"indikatorer/{slug}.md")))
    table = re.search(r"<table>.*?Utgångsvärde.*?</table>", html, re.S).group(0)
    for kind, value in (("Etappmål", "92,0"), ("Målvärde", "98,0")):
        row = re.search(rf"<tr>\s*<td[^>]*>P4\.1\.a</td>\s*<td[^>]*>{kind}</td>.*?</tr>", table, re.S)
        assert row, f"no {kind} row in\n{table}"
        assert re.search(rf'{value}\s*%<span class="sk-ill"><span aria-hidden="true">\*</span>', row.group(0)), row.group(0)


def test_an_indicator_pages_calculation_is_one_paragraph_not_split_at_each_formula():
    """A calculation that began with a formula was cut by Markdown (which takes a line opening with
    <math> for a block of HTML) into a bare formula and paragraphs starting '; ': it reads as one
    paragraph, each formula inline."""
    b = built("example")
    slug = indicator_slugs(b.model.indicators)["broadband-1gbit"]
    html = main_of(page(b.site, f"indikatorer/{slug}.md"))
    part = html[html.index("Bedömning av delmål P4.1.a"):]
    para = re.search(r"<p>((?:(?!</p>).)*?<math.*?)</p>", part, re.S)
    assert para, part[:2000]
    assert para.group(1).count("<math") == 3 and "I rätt takt</strong>" in para.group(1), para.group(1)
    assert not re.search(r"<p>;\s", part) and not re.search(r"</p>\s*<math", part)


def test_the_path_to_the_horizon_marks_a_value_no_decision_set_in_both_editions():
    """P1.1.a's milestones (278 000 in 2025) and target (300 000 in 2040) are invented: the first page's
    path to 2040 marks them as the goal tables do (it showed '278 000 (etappmål)' bare), and so does the PDF."""
    import datetime as dt
    from strategykit.render.pdf.data import roadmap_data

    b = built("example")
    home = page(b.site, "index.md")
    row = re.search(r"<tr>(?:(?!</tr>).)*P1\.1\.a(?:(?!</tr>).)*</tr>", home, re.S).group(0)
    assert re.search(r'278\s000<span class="sk-ill"><span aria-hidden="true">(?:\*|&#42;)</span>', row), row
    road = roadmap_data(b.model, None)
    stops = [s for lane in road["lanes"] for cell in lane["cells"] for s in cell if s["target"] == "P1.1.a"]
    assert stops and all(s["value"].endswith("*") for s in stops)
    decided = [s for lane in road["lanes"] for cell in lane["cells"] for s in cell
               if not any(t.id == s["target"] and (t.target.illustrative or any(m.illustrative for m in t.milestones))
                          for _, t in b.model.targets())]
    assert all(not s["value"].endswith("*") for s in decided)


def test_start_page_shows_the_cover_image_as_a_figure_with_its_alt_text():
    b = built("example")
    html = main_of(page(b.site, "index.md"))
    figures = re.findall(r'<figure class="sk-cover"><img src="([^"]+)" alt="([^"]+)"\s*/?></figure>', html)
    assert len(figures) == 1 and unescape(figures[0][1]) == b.model.cover.alt != ""
    src = unquote(figures[0][0])
    assert (b.site / src).is_file() and (b.site / src).read_bytes() == (b.root / "strategy" / b.model.cover.image).read_bytes()
    # Within the hero, under the tagline: the start page's first picture, as on the PDF's cover.
    assert html.index(" ".join(b.model.vision_title.split())) < html.index('class="sk-cover"') < html.index("<h2")


def test_start_page_has_no_cover_figure_without_a_cover_image():
    assert 'class="sk-cover"' not in page(built("minimal").site, "index.md")


def test_a_revisions_code_has_one_name_on_the_about_page_the_pdf_and_the_history_of_editions():
    """The about page called the edition's commit 'Versionsbeteckning', the history of editions called an
    earlier edition's commit 'Versionskod' (and a tag 'Versionsbeteckning'): one kind of id, one name."""
    for lang in ("sv", "en"):
        assert i18n.labels(lang)["commit"] == i18n.process_labels(lang)["commit"]
        assert i18n.labels(lang)["commit"] != i18n.process_labels(lang)["tag"]
