"""The PDF's follow-up and process appendices: what a reader needs to check a status or find a comment.

The example is built once; expectations come from its model (``followup``,
``consultation``), so the tests follow the example as it changes. The changes
since the consultation version are checked in a small git repository of their own.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pypdf
import pytest

from strategykit.plan import gather
from strategykit.present import consultation, i18n
from strategykit.analysis.followup import follow_up
from strategykit.present.followup import explanation
from strategykit.render.pdf import build_pdf
from strategykit.render.pdf.data import document_data
from strategykit.render.pdf.yearly import render_yearly_pdf
from strategykit.project import check

from conftest import REPO, TESTS, edit, git
from pdf_support import figure_alts, links, normalise, pdf_text

PRINT = TESTS / "fixtures" / "print"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
L = i18n.labels("sv")
DAY = datetime.date(2020, 1, 1)
P = i18n.process_labels("sv")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example strategy's edition PDF, built once: (the edition's model, its follow-up, the PDF's reader).

    The edition shows the values known at its date (the plan's model and follow-up)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STRATEGY_COMMIT", COMMIT)
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        plan = gather(check(REPO).model)
        path = build_pdf(plan, tmp_path_factory.mktemp("dist"))
    return plan.model, plan.followup, pypdf.PdfReader(path)


@pytest.fixture(scope="module")
def yearly(tmp_path_factory):
    """The example's follow-up publication of its latest year with observed values: (model, that year's
    follow-up, the PDF's reader). (A later year has only its commitments' assessments: tests/test_yearly.py.)"""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STRATEGY_COMMIT", COMMIT)
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        plan = gather(check(REPO).model, ("yearly",))
        observed = max(o.year for series in plan.source.observations.values() for o in series if o.year is not None)
        (report,) = [r for r in plan.yearly if r.year == observed]
        path = tmp_path_factory.mktemp("yearly") / "followup.pdf"
        path.write_bytes(render_yearly_pdf(plan, report))
    return plan.model, report, pypdf.PdfReader(path)


def top_level(reader: pypdf.PdfReader) -> list[tuple[str, int]]:
    return [(o.title, reader.get_destination_page_number(o)) for o in reader.outline if not isinstance(o, list)]


def nested_titles(reader: pypdf.PdfReader) -> list[str]:
    out: list[str] = []

    def walk(items, depth):
        for o in items:
            if isinstance(o, list):
                walk(o, depth + 1)
            elif depth:
                out.append(o.title)
    walk(reader.outline, 0)
    return out


def section_text(reader: pypdf.PdfReader, title: str) -> str:
    """The normalised text of the pages from one top-level bookmark to the next."""
    marks = top_level(reader)
    i = [t for t, _ in marks].index(title)
    first = marks[i][1]
    last = marks[i + 1][1] if i + 1 < len(marks) else len(reader.pages)
    return normalise("\n".join(reader.pages[n].extract_text() for n in range(first, max(last, first + 1))))


TARGETS, SUMMARY = L["yearly_targets"], L["yearly_summary"]


# --- the outline ---------------------------------------------------------------------------

def test_appendices_are_top_level_bookmarks_in_reading_order(example):
    model, report, reader = example
    titles = [t for t, _ in top_level(reader)]
    appendices = [L["indicator_appendix"], L["method_appendix"], L["frameworks_appendix"],
                  L["participation_appendix"],
                  L["compilation_appendix"], L["editions_appendix"]]
    assert titles[-len(appendices):] == appendices
    contents = normalise(reader.pages[2].extract_text())
    assert all(normalise(t) in contents for t in appendices), "an appendix is missing from the contents"


def test_sections_of_the_appendices_are_nested_under_them(example):
    model, _, reader = example
    titles = [t for t, _ in top_level(reader)]
    nested = nested_titles(reader)
    first_comment = consultation.comment_entries(model)[0]
    assert P["comments_by_part"] in nested and P["comments_by_part"] not in titles
    assert L["method_appendix"] in titles
    assert not [t for t in titles if t.startswith(first_comment.response.respondent)]


# --- the follow-up ---------------------------------------------------------------------------

def test_followup_appendix_shows_each_targets_calculation_and_status(yearly):
    model, report, reader = yearly
    text = section_text(reader, TARGETS)
    formulas = [normalise(alt) for alt in figure_alts(reader, "/Formula")]
    missing = []
    for tp in report.targets():
        explained = explanation(tp, model.indicator(tp.indicator_id), "sv")
        words = [p for p in explained.calculation if isinstance(p, str)]
        equations = [p for p in explained.calculation if not isinstance(p, str)]
        # the words as text, each equation a tagged formula whose alternative text is its plain text
        if not (normalise(tp.target_id) in text and all(normalise(w) in text for w in words)
                and normalise(explained.result()) in text
                and all(normalise(e.text) in formulas for e in equations)):
            missing.append(tp.target_id)
    assert missing == []
    assert sum(1 for _ in report.targets()) >= 10


def test_followup_calculations_are_typeset_without_escapes_or_ascii_formulas(yearly, example):
    for reader in (yearly[2], example[2]):
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert "\\" not in text, "no Markdown escape ('12 250\\*') in the PDF"
        for ascii_form in ("r_a", "r_n", "|r_n|", ")^(", " · r", " x0 ", "(xt "):
            assert ascii_form not in text, f"no ASCII formula ({ascii_form!r}) in the PDF"
    formulas = figure_alts(yearly[2], "/Formula")
    assert any(alt.startswith("r_a = (") and ")^(1/" in alt for alt in formulas), \
        "a target's rate is a typeset formula, its plain text the alternative text"


def test_followup_appendix_lists_the_changes_since_the_previous_year(yearly):
    model, report, reader = yearly
    assert report.changes, "the example should have a change to show"
    text = section_text(reader, SUMMARY)
    assert normalise(f"{L['changes_since']} ({report.previous_year})") in text
    for change in report.changes:
        word = L["target"] if change.kind == "target" else L["goal"]
        line = (f"{word} {change.id}: {i18n.progress_label(change.before.value, 'sv')} → "
                f"{i18n.progress_label(change.after.value, 'sv')}")
        assert normalise(line) in text


def test_the_followup_explains_the_method_with_typeset_formulas(yearly):
    _, report, reader = yearly
    text = section_text(reader, L["progress_method"])
    assert normalise("Statistics Canadas mått") in text
    assert "r_a = (xt" not in text and "d · r_a / |r_n|" not in text, "no ASCII formula in the PDF"
    assert "\\*" not in text, "no Markdown escape in the PDF"
    formulas = figure_alts(reader, "/Formula")
    method = [alt for alt in formulas if alt.startswith("r_a = (xt") or alt.startswith("R = d")]
    assert len(method) == 2, "the rates and the ratio, and the linear rates, each a tagged formula"
    assert any("R = d · r_a / |r_n|" in alt for alt in formulas), "each formula has its words as alternative text"


def test_followup_shows_women_and_men_side_by_side(yearly):
    model, report, reader = yearly
    text = section_text(reader, TARGETS)
    gendered = [tp for tp in report.targets() if {"women", "men"} <= set(tp.by_breakdown)]
    assert gendered
    data = document_data(model, commit=None, build_date=DAY, report=report)
    rows = {t["id"]: t for p in data["followup"]["priorities"] for g in p["goals"] for t in g["targets"]}
    for tp in gendered:
        women, men = rows[tp.target_id]["women"]["value"], rows[tp.target_id]["men"]["value"]
        assert normalise(women) in text
        assert normalise(men) in text
    assert normalise(f"{L['women'].capitalize()} {L['men'].capitalize()}") in text


def test_followup_overview_counts_each_status_per_priority(example):
    model, report, _ = example
    data = document_data(model, commit=None, build_date=DAY, report=report)
    fu = data["followup"]
    assert fu["totals"] == list(report.counts().values())
    for p, pp in zip(fu["priorities"], report.priorities):
        assert p["counts"] == list(pp.counts().values())
        assert p["status"] == i18n.progress_label(pp.status.value, "sv")


def test_goal_tables_have_a_status_column(example):
    model, report, reader = example
    heading = normalise(L["status_column"].format(year=report.year))
    chapter_pages = [i for i, page in enumerate(reader.pages)
                     if normalise(L["goals_and_targets"].lower()) in normalise(page.extract_text())]
    assert chapter_pages and all(heading in normalise(reader.pages[i].extract_text()) for i in chapter_pages)
    data = document_data(model, commit=None, build_date=DAY, report=report)
    statuses = {t["id"]: t["status"]["label"] for p in data["priorities"] for g in p["goals"] for t in g["targets"]}
    assert statuses == {tp.target_id: i18n.progress_label(tp.status.value, "sv") for tp in report.targets()}


def test_charts_draw_observed_values_and_the_needed_path_described_in_alt_text(example):
    model, report, reader = example
    charts = [a for a in figure_alts(reader) if "Delmål " in a]
    drawn = [ind for ind in model.indicators if model.targets_using(ind.id)]
    assert len(charts) == len(drawn), "one chart per indicator"
    for tp in report.targets():
        [alt] = [a for a in charts if f"{L['target']} {tp.target_id}" in a]
        status = i18n.progress_label(tp.status.value, "sv")
        assert L['chart_alt_status'].format(year=report.year, status=status).lower() in alt
        if len(tp.series) > 1:
            assert f"tfall {tp.series[0].year}–" in alt


def test_charts_are_vector_graphics(example):
    _, _, reader = example
    first = dict(top_level(reader))[L["indicator_appendix"]]
    for page in reader.pages[first:first + 5]:
        xobjects = page["/Resources"].get("/XObject", {})
        images = [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
        assert images == []


def test_observed_values_carry_the_illustrative_mark_and_sourced_ones_do_not(example, yearly):
    model, _, reader = example
    text = section_text(reader, L["indicator_appendix"])
    illustrative = [(model.indicator(k), o) for k, series in model.observations.items() for o in series
                    if o.provenance.illustrative and model.indicator(k).unit == "percent"]
    assert illustrative
    for ind, o in illustrative[:3]:
        assert normalise(i18n.format_value(o.value, ind.unit, "sv", ind.decimals)) + "*" in text
    # The example's only statistics were retrieved after the 2020 edition: the follow-up shows them.
    model, report, reader = yearly
    text = section_text(reader, TARGETS)
    sourced = [(tp, tp.latest) for tp in report.targets()
               if tp.latest is not None and not tp.latest.provenance.illustrative]
    assert sourced
    for tp, o in sourced:
        ind = model.indicator(tp.indicator_id)
        value = normalise(i18n.format_value(o.value, ind.unit, "sv", ind.decimals))
        assert value in text and value + "*" not in text


def test_a_goal_tables_row_is_never_split_between_two_pages(example):
    """A target's row moves to the next page whole: its words on one page, never its last line alone
    on a page that holds nothing else (P3.3.a's text broke after 'un-' onto an otherwise empty page)."""
    model, _, reader = example
    pages = [normalise(page.extract_text()) for page in reader.pages]
    rows = {t.id: normalise(t.id + " ".join(t.text.split())) for _, t in model.targets()}  # the id, then the text
    split = [i for i, row in rows.items() if not any(row in p for p in pages)]
    assert split == []


def test_the_followup_calculation_marks_a_target_value_no_decision_set(yearly):
    """r_n shows the target value with its mark when it is illustrative, as the goal tables show it."""
    model, report, reader = yearly
    text = section_text(reader, TARGETS)
    invented = [tp for tp in report.targets() if tp.target_illustrative and tp.target_value is not None
                and tp.comparator is None and tp.assessment.form is None and not tp.assessment.reason]
    assert invented
    for tp in invented:
        ind = model.indicator(tp.indicator_id)
        bare = normalise(i18n.format_value(tp.target_value, "", "sv", ind.decimals))  # as the formula sets it
        worded = normalise(i18n.format_value(tp.target_value, ind.unit, "sv", ind.decimals))  # a maintained level's prose
        assert bare + "*" in text or worded + "*" in text, f"{tp.target_id}: {bare} without its mark in the calculation"


def test_a_value_in_a_table_wraps_between_its_words_never_inside_one(example):
    """'4 800 kronor per invånare' may take two lines in a narrow column, never 'invåna-' and 're'."""
    model, _, reader = example
    text = "\n".join(page.extract_text() for page in reader.pages)
    units = {ind.unit for ind in model.indicators if len(ind.unit.split()) > 1}
    assert units, "the example has units of several words"
    for unit in units:
        *first, last = unit.split()
        # A value's cell: the number, the unit, its last word split ('per in-' / 'vånare*'), the cell's end.
        split = (r"\d[\s\u00a0\u202f]+" + r"[\s\u00a0]+".join(map(re.escape, first))
                 + r"[\s\u00a0]+\w+[-\u00ad]\n\w+\*?\n")
        assert re.search(split, text) is None, unit


# --- the consultation and the process ------------------------------------------------------------

def test_every_comment_is_a_link_target_in_the_compilation(example):
    model, _, reader = example
    named = reader.named_destinations
    entries = consultation.comment_entries(model)
    assert entries
    for e in entries:
        name = consultation.comment_anchor(e.comment.id)
        assert name in named, name
        page = reader.get_destination_page_number(named[name])
        assert normalise(e.response.respondent) in normalise(reader.pages[page].extract_text())


def test_each_goal_with_comments_links_to_them_from_its_goal_table(example):
    model, _, reader = example
    compilation = dict(top_level(reader))[L["compilation_appendix"]]
    found = links(reader)
    by_goal = consultation.comments_by_goal(model)
    assert by_goal
    for goal_id, entries in by_goal.items():
        for e in entries:
            name = consultation.comment_anchor(e.comment.id)
            sources = [frm for frm, dest, to, _ in found if dest == name and frm < compilation]
            assert sources, f"no link to {name} from the goal table of {goal_id}"


def test_links_in_the_appendices_all_lead_somewhere(example):
    _, _, reader = example
    found = links(reader)
    assert all(to is not None for _, name, to, uri in found if uri is None), "a link leads nowhere"


def test_participation_and_history_are_in_the_pdf(example):
    model, _, reader = example
    text = section_text(reader, L["participation_appendix"])
    total = sum(m.total for m in model.dialogue.meetings)
    assert total > 0
    assert normalise(i18n.format_number(total, "sv")) in text
    for m in model.dialogue.meetings:
        assert normalise(m.theme) in text
    history = section_text(reader, L["editions_appendix"])
    for e in model.editions.entries:
        assert normalise(i18n.format_date(e.date, "sv")) in history


def test_strategy_without_observed_values_has_no_followup_appendix(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATEGY_COMMIT", COMMIT)
    reader = pypdf.PdfReader(build_pdf(gather(check(PRINT).model), tmp_path))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert not [t for t in titles if t.startswith(L["followup_appendix"])]
    assert L["method_appendix"] not in titles, "no status shown, so no method to explain"
    assert normalise(L["status_column"].split("{")[0].strip()) not in pdf_text(reader)


# --- changes since the consultation version, in a git repository of its own -------------------------

RESPONSE = """\
respondent: Kommun A
kind: municipality
date: "2020-02-10"
comments:
  - id: kommun-a-1
    about: P1.2.a
    text: Sänk långtidsarbetslösheten mer.
    handling:
      decision: accepted
      reason: Målvärdet sänks till 1,0 procent.
      changed: [P1.2.a]
"""


@pytest.fixture
def moved_on(tmp_path, monkeypatch) -> Path:
    """The print fixture as a tagged consultation edition, then moved on by one handled comment."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.setenv("STRATEGY_COMMIT", COMMIT)
    root = tmp_path / "repo"
    shutil.copytree(PRINT, root)
    edit(root, 'edition: {version: "2020.2", status: consultation, date: "2020-03-01"}',
         'edition: {version: "2020.1", status: consultation, date: "2020-01-15"}')
    (root / "editions.yaml").write_text(
        'editions:\n  - {version: "2020.1", status: consultation, date: "2020-01-15", tag: remiss-2020.1}\n',
        encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Consultation edition")
    git(root, "tag", "remiss-2020.1")
    edit(root, 'edition: {version: "2020.1", status: consultation, date: "2020-01-15"}',
         'edition: {version: "2020.2", status: proposal, date: "2020-03-01"}')
    with open(root / "editions.yaml", "a", encoding="utf-8") as fh:
        fh.write('  - {version: "2020.2", status: proposal, date: "2020-03-01"}\n')
    edit(root, "target: {year: 2030, value: 1.2}", "target: {year: 2030, value: 1.0}")
    (root / "remiss").mkdir()
    (root / "remiss" / "kommun-a.yaml").write_text(RESPONSE, encoding="utf-8")
    result = check(root)
    assert result.ok, [f"{d.position} {d.code} {d.message}" for d in result.diagnostics]
    return root


def test_changes_since_the_consultation_version_are_listed_with_the_comment_behind_them(moved_on, tmp_path):
    model = check(moved_on).model
    reader = pypdf.PdfReader(build_pdf(gather(model), tmp_path / "dist"))
    text = section_text(reader, L["editions_appendix"])
    assert normalise(P["changes_since"]) in text
    assert normalise("Delmål P1.2.a: målvärde: 1,2 %") in text and normalise("→ 1 %") in text
    assert normalise(f"{P['after_comments']}: Kommun A om delmål P1.2.a") in text
    editions = dict(top_level(reader))[L["editions_appendix"]]
    anchor = consultation.comment_anchor("kommun-a-1")
    assert [frm for frm, dest, to, _ in links(reader) if dest == anchor and frm >= editions], \
        "the change does not link to the comment in the compilation"


# --- what an edition knows at its date -------------------------------------------------------------

def test_the_2020_edition_shows_no_later_data(example):
    model, report, reader = example
    assert model.edition.date == "2020-05-12"
    assert report.year == 2019, "the latest year whose values were known at the edition's date"
    text = pdf_text(reader)
    for later in range(2020, 2027):
        assert normalise(L["status_column"].format(year=later)) not in text
        assert normalise(L["yearly_title"].format(year=later)) not in text
    assert "hämtad 2026" not in normalise(section_text(reader, L["indicator_appendix"]))
    assert all((o.year or 0) < 2020 for series in model.observations.values() for o in series)


def test_the_followup_pdfs_title_names_the_strategy_it_follows_up(yearly):
    """A reader's title bar and a file list show the document title alone: 'Uppföljning 2025' did not
    say of what (WCAG 2.4.2, PDF/UA's dc:title). The colophon gives the same title."""
    model, report, reader = yearly
    full = f"{L['yearly_title'].format(year=report.year)} – {model.title}"
    assert reader.metadata.title == full
    assert normalise(full) in normalise(reader.pages[1].extract_text())


def test_the_followup_pdf_is_tagged_pdf_ua_1_with_title_page_summary_targets_method_and_sources(yearly):
    model, report, reader = yearly
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert re.search(rb"pdfuaid:part(>|=\")1", xmp)
    titles = [t for t, _ in top_level(reader)]
    assert titles[-4:] == [SUMMARY, TARGETS, L["progress_method"], L["yearly_sources"]]
    cover = normalise(reader.pages[0].extract_text())
    assert normalise(L["yearly_title"].format(year=report.year)) in cover and normalise(model.title) in cover
    sources = section_text(reader, L["yearly_sources"])
    assert normalise("SCB, Befolkningsstatistik") in sources
