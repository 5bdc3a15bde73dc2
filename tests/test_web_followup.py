"""The follow-up in the web edition: the follow-up page, the method, statuses in the target tables,
and per indicator a chart of the observed values with the same data as a table.

Built on fixtures/observed (the minimal strategy with observed values): P1.1.a is on track
(the total sourced, women and men illustrative), P1.2.a moves away, and P1.1.a had no data
the year before, so the page lists a change.
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser

import pytest

from strategykit.model.slugs import indicator_slugs
from strategykit.present import i18n
from strategykit.analysis.followup import Status, follow_up
from strategykit.present.followup import explanation
from test_web_pages import main_of, page, text_of
from web_support import built

SV = i18n.labels("sv")


def label(status: Status) -> str:
    return i18n.progress_label(status.value, "sv")


@pytest.fixture(scope="module")
def b():
    return built("observed")


@pytest.fixture(scope="module")
def report(b):
    return follow_up(b.model)


class _Links(HTMLParser):
    """Every <a> with its attributes and text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[dict, str]] = []
        self._open: list[tuple[dict, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open.append((dict(attrs), []))

    def handle_data(self, data):
        for _, parts in self._open:
            parts.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            attrs, parts = self._open.pop()
            self.links.append((attrs, "".join(parts).strip()))


def status_links(html: str) -> list[tuple[str, str, str]]:
    """(status code from the class, href, text) of every status badge."""
    parser = _Links()
    parser.feed(html)
    out = []
    for attrs, text in parser.links:
        m = re.search(r"\bsk-status--([a-z-]+)", attrs.get("class") or "")
        if m:
            out.append((m.group(1), attrs["href"], text))
    return out


def rows(html: str) -> list[list[str]]:
    """The text of every table row's cells."""
    return [[text_of(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)]


def row_of(html: str, first_cell_start: str) -> list[str]:
    found = [r for r in rows(html) if r and r[0].startswith(first_cell_start)]
    assert len(found) == 1, (first_cell_start, rows(html))
    return found[0]


def illustrative(text: str) -> str:
    """A value as text_of reads it with its illustrative mark and the words for screen readers."""
    return f"{text} * (illustrativt värde)"


def test_followup_page_counts_the_statuses_of_each_priority(b, report):
    html = main_of(page(b.site, "uppfoljning/2022.md"))
    header = rows(html)[0]
    assert header == ["Prioritering", "Bedömning", "Totalt"]
    for pp, p in zip(report.priorities, b.model.priorities):
        counts = pp.counts()
        words = ", ".join(f"{counts[s]} {label(s)[:1].lower()}{label(s)[1:]}" for s in Status if counts[s])
        cells = [c.replace(" ,", ",") for c in row_of(html, f"{p.id} {p.title}")[1:]]
        assert cells == [words, str(sum(counts.values()))], \
            "every status of the priority's targets, not only the worst"
    assert report.priority("P1").counts()[Status.ON_TRACK] == 1
    assert report.priority("P1").counts()[Status.MOVING_AWAY] == 1


def test_followup_page_shows_baseline_latest_value_target_and_status_of_every_target(b):
    html = main_of(page(b.site, "uppfoljning/2022.md"))
    assert "<h1" in html and "Uppföljning 2022" in text_of(html)
    head = [r for r in rows(html) if r and r[0] == "Delmål" and "Kvinnor" in r]
    # status and latest value first: on a phone they stay in view while the rest scrolls
    assert head == [["Delmål", "Bedömning 2022", "Senaste värde", "Utgångsvärde", "Kvinnor", "Män", "Målvärde"]]
    assert row_of(html, "P1.1.a")[1:] == [
        label(Status.ON_TRACK), "80,4\u00a0% (2022)", illustrative("79,5\u00a0%") + " (2019)",
        illustrative("79,1\u00a0%") + " (2022)", illustrative("81,6\u00a0%") + " (2022)", illustrative("82\u00a0%") + " (2030)"]
    assert row_of(html, "P1.2.a")[1:] == [label(Status.MOVING_AWAY), "268\u202f000 (2021)", "270\u202f154 (2018)",
                                          illustrative("300\u202f000") + " (2030)"]


def test_followup_page_lists_what_changed_since_the_previous_year(b):
    text = text_of(main_of(page(b.site, "uppfoljning/2022.md")))
    assert "Förändringar sedan föregående år (2021)" in text
    changes = text.split("Förändringar sedan föregående år")[1].split("P1 Arbete")[0]
    assert f"Delmål P1.1.a : {label(Status.NO_DATA)} → {label(Status.ON_TRACK)}" in changes  # text_of spaces out links
    assert f"Mål P1.1 : {label(Status.NO_DATA)} → {label(Status.ON_TRACK)}" in changes
    assert "P1.2" not in changes


def test_every_status_is_text_linked_to_its_definition_in_the_method(b):
    method = page(b.site, "uppfoljning/metod.md")
    assert method.count('<math display="block">') == 2, "the rates and ratio, and the linear rates, as MathML"
    assert "r_a = (xt" not in text_of(method), "no ASCII formula"
    for status in Status:
        assert f'id="status-{status.value}"' in method, status
    seen = set()
    for md_path in ("uppfoljning/2022.md", "prioriteringar/p1.md", "indikatorer/forvarvsarbetande-invanare-20-64-ar-andel.md", "index.md"):
        html = main_of(page(b.site, md_path))
        links = status_links(html)
        assert links, md_path
        url = md_path.removesuffix("index.md").removesuffix(".md")  # the page's folder in the site
        for code, href, text in links:
            assert text == label(Status(code)), (md_path, code, text)
            target, anchor = href.split("#")
            assert posixpath.normpath(posixpath.join(url, target)) == "uppfoljning/metod", (md_path, href)
            assert anchor == f"status-{code}"
            seen.add(code)
    assert {Status.ON_TRACK.value, Status.MOVING_AWAY.value} <= seen


def test_priority_page_target_table_has_a_status_column_in_words(b):
    html = main_of(page(b.site, "prioriteringar/p1.md"))
    header = rows(html)[0]
    assert header[1] == "Bedömning 2022", "the status second, so that a phone shows it without scrolling"
    assert row_of(html, "P1.1.a")[1].startswith(label(Status.ON_TRACK) + " Senaste värde: 80,4")
    assert row_of(html, "P1.2.a")[1].startswith(label(Status.MOVING_AWAY))


def _read(html: str) -> str:
    """The page's text, each formula read as its words (text_of puts a space between the pieces)."""
    return text_of(html).replace(" ;", ";")


def test_indicator_page_explains_how_each_status_was_calculated(b, report):
    html = main_of(page(b.site, "indikatorer/forvarvsarbetande-invanare-20-64-ar-andel.md"))
    assert 'id="p1-1-a"' in html
    tp = report.target("P1.1.a")
    explained = explanation(tp, b.model.indicator("employment-rate"), "sv")
    said = f"{explained.text()} → {explained.result()}"
    assert said in _read(html)
    assert "R = +1 · r_a / |r_n| = 1,33" in said
    followup = main_of(page(b.site, "uppfoljning/2022.md"))
    assert 'href="../../indikatorer/forvarvsarbetande-invanare-20-64-ar-andel/#p1-1-a"' in followup
    assert said in _read(followup), "the follow-up publication explains every status too"


def test_calculations_on_the_web_are_mathml_with_their_words_as_alternative_text(b, report):
    html = main_of(page(b.site, "uppfoljning/2022.md"))
    formulas = re.findall(r'<math display="inline" alttext="([^"]*)">(.*?)</math>', html, re.S)
    assert any("<mfrac>" in ml and "<msub><mi>r</mi><mi>a</mi></msub>" in ml for _, ml in formulas)
    assert "R = +1 · r&#95;a / |r&#95;n| = 1,33" in [alt for alt, _ in formulas]
    assert "^(1/" not in re.sub(r"<math.*?</math>", "", html, flags=re.S), "no ASCII formula outside the MathML"
    method = main_of(page(b.site, "uppfoljning/metod.md"))
    assert "<code>" not in method, "the method's symbols (x0, r_a, xt ≥ X) are MathML, not code"
    assert 'alttext="xt ≥ X"' in method


def _svg(html: str) -> str:
    return re.search(r'<svg class="sk-chart__svg[^>]*>.*?</svg>', html, re.S).group(0)


def test_indicator_chart_shows_observed_values_by_gender_the_needed_path_and_the_target(b):
    html = main_of(page(b.site, "indikatorer/forvarvsarbetande-invanare-20-64-ar-andel.md"))
    svg = _svg(html)
    assert 'role="img"' in svg
    for ident in re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split():
        assert f'id="{ident}"' in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    for expected in ("Totalt, utfall 2019–2022: från 79,5\u00a0% till 80,4\u00a0%",
                     "Kvinnor, utfall 2019–2022: från 78\u00a0%* till 79,1\u00a0%*",
                     "Män, utfall 2019–2022: från 81\u00a0%* till 81,6\u00a0%*",
                     "utgångsvärde 79,5\u00a0%* (2019)", "etappmål 80,5\u00a0%* (2025)", "målvärde 82\u00a0%* (2030)",
                     "bedömning 2022: i rätt takt", SV["illustrative_note"]):
        assert expected in desc, (expected, desc)
    solid = re.findall(r'<path d="[^"]+" fill="none" stroke="[^"]+" stroke-width="2.5"/>', svg)
    dashed = re.findall(r'<path d="[^"]+" fill="none" stroke="[^"]+" stroke-width="2" stroke-dasharray="7 5"/>', svg)
    assert len(solid) == 3, "one solid line each for the total, women and men"
    assert len(dashed) == 1, "one dashed line: the path P1.1.a needs"
    labels = re.findall(r'class="sk-chart__value"[^>]*>([^<]+)</text>', svg)
    assert "Totalt 80,4\u00a0%" in labels and "Kvinnor 79,1\u00a0%*" in labels and "Män 81,6\u00a0%*" in labels
    assert "82\u00a0%* (2030)" in labels, "an invented target value is marked, as the goal tables mark it"


def test_chart_data_is_also_a_table_with_women_and_men_side_by_side(b, report):
    html = main_of(page(b.site, "indikatorer/forvarvsarbetande-invanare-20-64-ar-andel.md"))
    table = html[html.index("Utfall och nödvändig utveckling per år"):]
    header, *body = rows(table)
    assert header == ["År", "Utfall (totalt)", "Utfall (kvinnor)", "Utfall (män)", "Nödvändig utveckling P1.1.a"]
    by_year = {r[0]: r[1:] for r in body}
    assert list(by_year) == ["2019", "2022", "2025", "2030"]
    path = dict(report.target("P1.1.a").needed_path())
    assert by_year["2022"] == ["80,4\u00a0%", illustrative("79,1\u00a0%"), illustrative("81,6\u00a0%"),
                               illustrative(i18n.format_value(path[2022], "percent", "sv", 1))]
    assert by_year["2025"][:3] == ["–", "–", "–"]
    assert by_year["2030"][3] == illustrative("82,0\u00a0%")


def test_observed_values_carry_their_source_and_illustrative_ones_the_mark(b):
    html = main_of(page(b.site, "indikatorer/forvarvsarbetande-invanare-20-64-ar-andel.md"))
    table = html[html.index("Utfall och nödvändig utveckling per år"):]
    row = re.search(r"<tr>\s*<td[^>]*>2022</td>(.*?)</tr>", table, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert "sk-ill" not in cells[0], "a sourced value has no illustrative mark"
    assert "sk-ill" in cells[1] and "sk-ill" in cells[2]
    text = text_of(table)
    assert "Källa: Utfall (totalt): SCB, AKU, hämtad 15 januari 2025. Utfall (kvinnor): Illustrativt, ingen källa. " \
           "Utfall (män): Illustrativt, ingen källa." in text
    assert SV["illustrative_note"] in text


def test_a_strategy_without_observed_values_has_no_followup_publication_and_no_status_column():
    b = built("minimal")
    assert not (b.site / "uppfoljning" / "index.html").exists()
    assert 'id="status-no-data"' in page(b.site, "uppfoljning/metod.md"), "the method is still explained"
    html = main_of(page(b.site, "prioriteringar/p1.md"))
    assert rows(html)[0][:2] == ["Delmål", "Indikator"], "no status column when nothing could be assessed"


def test_followup_pages_are_one_section_of_the_navigation(b):
    config = (b.root / ".build" / "web" / "mkdocs.yml").read_text(encoding="utf-8")
    assert ("- Uppföljning:\n  - uppfoljning/index.md\n  - Uppföljning 2022: uppfoljning/2022.md\n"
            "  - Uppföljning 2021: uppfoljning/2021.md\n  - Så bedöms utvecklingen: uppfoljning/metod.md\n") in config


def test_the_followup_index_lists_each_year_latest_first():
    b = built("observed")
    text = text_of(main_of(page(b.site, "uppfoljning/index.md")))
    assert text.index("Uppföljning 2022") < text.index("Uppföljning 2021")


def test_followup_page_names_the_source_of_every_sourced_value(b):
    text = text_of(main_of(page(b.site, "uppfoljning/2022.md")))
    assert "Källa: P1.1.a: SCB, AKU, hämtad 15 januari 2025." in text
    assert "Källa: P1.2.a: SCB, BE0101A/BefolkningNy, hämtad 15 januari 2025." in text


def test_axis_ticks_of_a_chart_share_one_number_of_decimals():
    from strategykit.model import Indicator
    from strategykit.present import charts

    ind = Indicator("ind", "Andel", "percent", 1, "", None, (), "yearly", "")
    values = [t.label for t in charts.axis([77.0, 76.6, 76.3], ind, "sv").ticks]
    assert values and len({len(v.split(",")[1]) if "," in v else 0 for v in values}) == 1, values


def test_a_target_to_maintain_a_level_shows_the_band_that_counts_as_kept():
    b = built("example")
    target = next(t for _, t in b.model.targets() if t.direction == "maintain")
    ind = b.model.indicator(target.indicator_id)
    html = main_of(page(b.site, f"indikatorer/{indicator_slugs(b.model.indicators)[ind.id]}.md"))
    svg = _svg(html)
    assert re.search(r'<rect [^>]*fill-opacity="0.1"/>', svg), "no tolerance band in the chart"
    low = i18n.format_value(target.target.value * 0.98, ind.unit, "sv", ind.decimals)
    high = i18n.format_value(target.target.value * 1.02, ind.unit, "sv", ind.decimals)
    assert f"mellan {low} och {high}" in re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert "Inom ±2\u00a0% av målvärdet" in svg


def test_search_indexes_the_latest_years_follow_up_and_not_the_earlier_years():
    b = built("example")
    years = sorted(p.name for p in (b.site / "uppfoljning").iterdir() if p.name.isdigit())
    assert len(years) >= 2
    indexed = {d["location"].split("#")[0]
               for d in json.loads((b.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]}
    assert f"uppfoljning/{years[-1]}/" in indexed
    assert not any(f"uppfoljning/{y}/" in indexed for y in years[:-1]), indexed
    # The earlier years are still published and listed.
    assert all((b.site / "uppfoljning" / y / "index.html").is_file() for y in years)


def test_a_yearly_followups_target_value_set_by_no_decision_carries_the_illustrative_mark():
    from strategykit.project import check
    from strategykit.render.pdf.data import followup_data
    from strategykit.render.web import pages
    from web_support import REPO

    model = check(REPO).model
    report = follow_up(model)
    tp = next(tp for tp in report.targets() if tp.target_illustrative and tp.comparator is None)
    info = pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None, yearly=(report,))
    md = pages.generate(model, info).pages[f"uppfoljning/{report.year}.md"]
    # The year's tables are HTML (render/web/htmlkit.py): the row whose first cell names the target.
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in re.findall(r"<tr>\n(.*?)\n</tr>", md, re.S)]
    row = next(cells for cells in rows if cells and cells[0].startswith(f"<strong>{tp.target_id}</strong>"))
    assert 'class="sk-ill"' in row[-1], row
    fu = followup_data(model, report, "sv")
    shown = next(t for p in fu["priorities"] for g in p["goals"] for t in g["targets"] if t["id"] == tp.target_id)
    assert shown["target"]["illustrative"], shown["target"]


def test_the_methods_special_cases_are_one_list_whatever_formula_opens_a_line():
    """A wrapped line of the method that opened with a formula (MathML) was read by Markdown as a block
    of HTML: the list of special cases ended after its first item and the rest printed as '- **…**' text."""
    from web_support import built

    html = (built("example").site / "uppfoljning" / "metod" / "index.html").read_text(encoding="utf-8")
    part = html[html.index("Särskilda fall"):]
    items = part[:part.index("</ul>")]
    assert items.count("<li>") >= 8, items[:3000]
    assert "\n- <strong>" not in part[:part.index("</ul>") + 200]


def test_a_charts_legend_draws_each_paths_line_as_the_chart_does():
    """P4.2.a's path is dashed and P5.3.a's, on the same line of values, dotted: the legend shows both
    lines, each named by its target (it showed only the dashed one)."""
    import re

    from strategykit.analysis.followup import follow_up
    from strategykit.present import charts as present_charts
    from strategykit.project import check
    from strategykit.render.web.charts import chart_svg
    from web_support import REPO

    model = check(REPO).model
    spec = present_charts.indicator_chart(model, model.indicator("public-transport-share"), follow_up(model))
    svg = chart_svg(spec, "chart-x")
    wide = svg[:svg.index("</svg>")]
    paths = set(re.findall(r'<path [^>]*stroke-dasharray="([^"]+)"', wide))
    keys = set(re.findall(r'<line [^>]*stroke-dasharray="([^"]+)"', wide))
    assert len(paths) == 2 and keys == paths, (paths, keys)
    assert "Nödvändig utveckling P5.3.a" in wide
