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
from strategykit.present.followup import explain_markdown, method_markdown
from strategykit.render.pdf import build_pdf
from strategykit.render.pdf.data import document_data
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
    """The example strategy's PDF, built once: (model, its follow-up, the PDF's reader)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STRATEGY_COMMIT", COMMIT)
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        model = check(REPO).model
        path = build_pdf(gather(model), tmp_path_factory.mktemp("dist"))
    return model, follow_up(model), pypdf.PdfReader(path)


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


def followup_title(report) -> str:
    return f"{L['followup_appendix']} {report.year}"


# --- the outline ---------------------------------------------------------------------------

def test_appendices_are_top_level_bookmarks_in_reading_order(example):
    model, report, reader = example
    titles = [t for t, _ in top_level(reader)]
    appendices = [L["indicator_appendix"], followup_title(report), L["frameworks_appendix"],
                  L["participation_appendix"], L["compilation_appendix"], L["editions_appendix"]]
    assert titles[-len(appendices):] == appendices
    contents = normalise(reader.pages[2].extract_text())
    assert all(normalise(t) in contents for t in appendices), "an appendix is missing from the contents"


def test_sections_of_the_appendices_are_nested_under_them(example):
    model, _, reader = example
    titles = [t for t, _ in top_level(reader)]
    nested = nested_titles(reader)
    first_comment = consultation.comment_entries(model)[0]
    assert P["comments_by_part"] in nested and P["comments_by_part"] not in titles
    assert L["progress_method"] in nested and L["progress_method"] not in titles
    assert not [t for t in titles if t.startswith(first_comment.response.respondent)]


# --- the follow-up ---------------------------------------------------------------------------

def test_followup_appendix_shows_each_targets_calculation_and_status(example):
    model, report, reader = example
    text = section_text(reader, followup_title(report))
    missing = []
    for tp in report.targets():
        explained = explain_markdown(tp, model.indicator(tp.indicator_id), "sv").replace("**", "")
        explained = re.sub(r"\\(.)", r"\1", explained)  # as readers see it: '12 250*', not '12 250\*'
        assert "\\" not in explained
        if normalise(f"{tp.target_id}: {explained}") not in text:
            missing.append(tp.target_id)
    assert missing == []
    assert sum(1 for _ in report.targets()) >= 10


def test_followup_appendix_lists_the_changes_since_the_previous_year(example):
    model, report, reader = example
    assert report.changes, "the example should have a change to show"
    text = section_text(reader, followup_title(report))
    assert normalise(f"{L['changes_since']} ({report.previous_year})") in text
    for change in report.changes:
        word = L["target"] if change.kind == "target" else L["goal"]
        line = (f"{word} {change.id}: {i18n.progress_label(change.before.value, 'sv')} → "
                f"{i18n.progress_label(change.after.value, 'sv')}")
        assert normalise(line) in text


def test_followup_appendix_explains_the_method_with_its_formulas(example):
    _, report, reader = example
    text = section_text(reader, followup_title(report))
    method = method_markdown("sv")
    for formula in ("r_a = (xt / x0)^(1 / (t − t0)) − 1", "r_n = (X / x0)^(1 / (T − t0)) − 1", "R   = d · r_a / |r_n|"):
        assert formula in method
        assert normalise(formula) in text


def test_followup_shows_women_and_men_side_by_side(example):
    model, report, reader = example
    text = section_text(reader, followup_title(report))
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


def test_observed_values_carry_the_illustrative_mark_and_sourced_ones_do_not(example):
    model, _, reader = example
    text = section_text(reader, L["indicator_appendix"])
    observations = [o for series in model.observations.values() for o in series]
    sourced = [o for o in observations if not o.provenance.illustrative]
    illustrative = [o for o in observations if o.provenance.illustrative]
    assert sourced and illustrative
    for o in sourced[:3] + illustrative[:3]:
        ind = model.indicator(next(k for k, v in model.observations.items() if o in v))
        value = normalise(i18n.format_value(o.value, ind.unit, "sv", ind.decimals))
        if o.provenance.illustrative:
            assert value + "*" in text
        else:
            assert value in text and value + "*" not in text


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
    assert normalise(f"{P['after_comments']}: kommun-a-1") in text
    editions = dict(top_level(reader))[L["editions_appendix"]]
    anchor = consultation.comment_anchor("kommun-a-1")
    assert [frm for frm, dest, to, _ in links(reader) if dest == anchor and frm >= editions], \
        "the change does not link to the comment in the compilation"
