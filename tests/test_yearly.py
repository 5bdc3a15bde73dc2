"""An edition shows what was known at its date; the yearly follow-up is a publication of its own.

``analysis.known`` decides which observed values an edition may show and which years get a
follow-up; ``present.yearly`` names the publications; ``strategy build`` makes the web section and
the PDF of each year beside the edition (tests/test_pdf_appendices.py reads the PDFs' contents,
tests/test_web_followup.py the web section's, tests/test_edition_parity.py compares them).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import os
import shutil
import subprocess
import sys

from strategykit.analysis.followup import follow_up
from strategykit.analysis.known import followup_years, known_at, known_at_date
from strategykit.model import Observation, Provenance
from strategykit.present import yearly as present_yearly
from strategykit.project import check

from web_support import FIXTURES, copy_strategy

DAY = _dt.date(2020, 5, 12)


def obs(year: int, retrieved: str | None = None) -> Observation:
    provenance = Provenance(source="SCB", retrieved=retrieved) if retrieved else Provenance(illustrative=True)
    return Observation(year, 1.0, provenance)


def test_a_value_of_the_edition_year_or_later_is_not_known_at_the_edition_date():
    assert not known_at_date(obs(2020), DAY)
    assert not known_at_date(obs(2024), DAY)


def test_a_value_retrieved_after_the_edition_date_is_not_known_then_however_old_its_year():
    assert not known_at_date(obs(2018, "2026-11-27"), DAY)


def test_a_value_of_an_earlier_year_retrieved_by_the_edition_date_is_known():
    assert known_at_date(obs(2019, "2020-02-01"), DAY)
    assert known_at_date(obs(2019), DAY), "an illustrative value has no retrieval date: its year decides"


def _observed(tmp_path):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "s")
    shutil.copytree(FIXTURES / "observed" / "data", root / "data")
    result = check(root)
    assert result.ok
    return result.model


def test_known_at_keeps_the_strategy_and_drops_only_later_values(tmp_path):
    model = _observed(tmp_path)
    edition = known_at(model, DAY)
    assert edition.priorities == model.priorities and edition.title == model.title
    kept = [o for series in edition.observations.values() for o in series]
    assert kept and all(o.year < 2020 and o.provenance.illustrative for o in kept)
    assert known_at(model, _dt.date(2030, 1, 1)) is model, "nothing dropped: the same model"


def test_each_year_from_the_start_with_a_value_gets_a_followup(tmp_path):
    model = _observed(tmp_path)
    assert model.period_start == 2020
    assert followup_years(model) == (2021, 2022), "2019 is before the strategy's start"
    assert followup_years(dataclasses.replace(model, observations={})) == ()


def test_an_edition_without_an_assessable_target_shows_no_status_column(tmp_path):
    model = _observed(tmp_path)
    assert not present_yearly.shows_status(follow_up(known_at(model, DAY)))
    assert present_yearly.shows_status(follow_up(model))
    assert not present_yearly.shows_status(None)


def test_publications_are_named_in_the_strategys_language(tmp_path):
    model = _observed(tmp_path)
    assert present_yearly.pdf_name(model, 2024) == f"{model.id}-uppfoljning-2024.pdf"
    assert present_yearly.page(model, 2024) == "uppfoljning/2024.md"
    english = dataclasses.replace(model, language="en")
    assert present_yearly.pdf_name(english, 2024) == f"{model.id}-follow-up-2024.pdf"
    assert present_yearly.title(english, 2024) == "Follow-up 2024"


def test_a_followup_is_dated_after_its_year_and_its_last_retrieval_never_by_the_clock(tmp_path):
    model = _observed(tmp_path)
    report = follow_up(model, 2022)
    assert present_yearly.publication_date(report, _dt.date(2020, 1, 15)) == _dt.date(2025, 1, 15)
    assert present_yearly.publication_date(follow_up(model, 2021), _dt.date(2020, 1, 15)) == _dt.date(2025, 1, 15)
    assert present_yearly.publication_date(report, _dt.date(2027, 3, 1)) == _dt.date(2027, 3, 1)


def test_strategy_build_publishes_the_edition_and_each_followup_as_web_section_and_pdf(tmp_path):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "s")
    shutil.copytree(FIXTURES / "observed" / "data", root / "data")
    script = "import sys\nfrom strategykit.cli import main\nsys.exit(main(['build', sys.argv[1]]))\n"
    proc = subprocess.run([sys.executable, "-c", script, str(root)], capture_output=True,
                          text=True, timeout=600, env={**os.environ, "STRATEGY_COMMIT": "0" * 40})
    assert proc.returncode == 0, proc.stderr
    model = check(root).model
    dist = sorted(p.name for p in (root / "dist").iterdir())
    assert dist == sorted([f"{model.id}-{model.edition.version}.pdf",
                           present_yearly.pdf_name(model, 2021), present_yearly.pdf_name(model, 2022)])
    site = root / "site"
    for year in (2021, 2022):
        assert (site / "uppfoljning" / str(year) / "index.html").is_file()
        assert (site / present_yearly.pdf_path(model, year)).read_bytes().startswith(b"%PDF")
    index = (site / "uppfoljning" / "index.html").read_text(encoding="utf-8")
    assert f'href="{present_yearly.pdf_name(model, 2022)}"' in index, "the section links each year's PDF"
    # The edition (dated 2020-01-15) shows none of the 2021–2022 values the follow-ups assess.
    priority = (site / "prioriteringar" / "p1" / "index.html").read_text(encoding="utf-8")
    assert "Bedömning 2022" not in priority and "80,4" not in priority


def test_the_edition_history_links_each_followup_publication():
    from test_web_pages import page
    from web_support import built

    b = built("example")
    history = page(b.site, "utgavor.md")
    for year in followup_years(b.model):
        assert f'href="../uppfoljning/{year}/"' in history, year
    assert "Uppföljning 2024" in history


# -- a year followed up by judgement: its commitments' assessments ------------------------------

def _judged_only(tmp_path):
    """The minimal strategy with goal P1.2 followed up by one commitment alone (assessed for 2023:
    delayed, dated 2024-02-01; for 2024: on schedule, dated 2025-02-03) and no data files: P1.1.a
    has a baseline and a target but no observed value."""
    from test_commitments import follow_up_by_judgement, only_commitments

    root = copy_strategy(FIXTURES / "minimal", tmp_path / "s")
    only_commitments(root)
    follow_up_by_judgement(root)
    result = check(root)
    assert [d.code for d in result.diagnostics] == ["unused-indicator"], result.diagnostics
    return root, result.model


def test_a_year_with_only_commitment_assessments_gets_a_followup(tmp_path):
    _root, model = _judged_only(tmp_path)
    assert model.observations == {}
    assert followup_years(model) == (2023, 2024)


def test_the_followup_years_are_those_with_data_or_an_assessment_from_the_start_on(tmp_path):
    from test_commitments import with_commitment

    root = copy_strategy(FIXTURES / "minimal", tmp_path / "s")
    shutil.copytree(FIXTURES / "observed" / "data", root / "data")  # values for 2019, 2021, 2022
    with_commitment(root)  # assessed for 2023 and 2024
    model = check(root).model
    assert followup_years(model) == (2021, 2022, 2023, 2024)
    (goal, c), = model.commitments()
    before_start = dataclasses.replace(c.assessments[0], year=2019)
    off_scale = dataclasses.replace(c.assessments[1], year=2025, status=None)
    changed = dataclasses.replace(c, assessments=(before_start, off_scale))
    goals = tuple(dataclasses.replace(g, commitments=(changed,)) if g.id == goal.id else g
                  for g in model.priorities[0].goals)
    model = dataclasses.replace(model, priorities=(dataclasses.replace(model.priorities[0], goals=goals),))
    assert followup_years(model) == (2021, 2022), "2019 is before the start; 2025's status is off the scale"


def test_a_followup_is_dated_no_earlier_than_the_assessments_it_shows(tmp_path):
    _root, model = _judged_only(tmp_path)
    assert present_yearly.publication_date(follow_up(model, 2023), _dt.date(2020, 1, 15)) == _dt.date(2024, 2, 1)
    assert present_yearly.publication_date(follow_up(model, 2024), _dt.date(2020, 1, 15)) == _dt.date(2025, 2, 3)


def test_a_years_followup_shows_each_commitment_with_its_assessment_up_to_that_year(tmp_path):
    from strategykit.render.pdf.data import followup_data
    from strategykit.render.web import pages

    _root, model = _judged_only(tmp_path)
    reports = (follow_up(model, 2023), follow_up(model, 2024))
    info = pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None, yearly=reports)
    site = pages.generate(model, info).pages
    y2023, y2024 = site["uppfoljning/2023.md"], site["uppfoljning/2024.md"]
    assert "Varje åtagande visas med sin senaste bedömning till och med 2023." in y2023
    assert "| **P1.2.A1** Regionen och kommunerna" in y2023
    assert "Planen är försenad men arbetet har börjat." in y2023 and "Planen är antagen" not in y2023
    assert "Planen är antagen i tolv kommuner." in y2024 and "Årsrapport 2024" in y2024
    # The target without data says so in the year's table.
    assert "Inga nya data ännu" in y2023.split("### P1.1")[1].split("### P1.2")[0]
    fu = followup_data(model, reports[0], "sv", commitments=True)
    (p,) = fu["priorities"]
    assert p["commitments_table"] and p["commitments_note"]
    (c,) = [c for g in p["goals"] for c in g["commitments"]]
    assert (c["status"]["code"], c["year"], c["reasoning"]) == ("delayed", "2023", "Planen är försenad men arbetet har börjat.")
    edition = followup_data(model, reports[0], "sv")
    assert not edition["priorities"][0]["commitments_table"]
    assert [c for g in edition["priorities"][0]["goals"] for c in g["commitments"]] == [{"id": "P1.2.A1"}]


def test_a_years_followup_says_when_the_year_has_no_value_and_when_there_is_none_at_all(tmp_path):
    from test_commitments import with_commitment

    _root, judged = _judged_only(tmp_path / "judged")
    sentences = present_yearly.lead(judged, follow_up(judged, 2023))
    assert "Det finns inga uppmätta värden ännu, så inget mätbart mål kan bedömas." in sentences
    assert "Varje åtagande visas med sin senaste bedömning till och med 2023." in sentences
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "s")
    shutil.copytree(FIXTURES / "observed" / "data", root / "data")  # values up to 2022
    with_commitment(root)  # assessed for 2023 and 2024
    model = check(root).model
    without = ("Inga värden har uppmätts för 2023, så de mätbara målen bedöms med de senaste värdena "
               "från tidigare år, vart och ett med sitt år.")
    assert without in present_yearly.lead(model, follow_up(model, 2023))
    assert not any("Inga värden" in x or "inga uppmätta" in x for x in present_yearly.lead(model, follow_up(model, 2022)))
    english = dataclasses.replace(model, language="en", levels=(("commitment", "Action", "Actions"),))
    assert "Each action is shown with its latest assessment up to and including 2023." in \
        present_yearly.lead(english, follow_up(english, 2023))


def _build(root):
    script = "import sys\nfrom strategykit.cli import main\nsys.exit(main(['build', sys.argv[1]]))\n"
    return subprocess.run([sys.executable, "-c", script, str(root)], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "STRATEGY_COMMIT": "0" * 40, "STRATEGY_TYPST_WARNINGS": "error"})


def test_a_strategy_followed_up_by_judgement_alone_publishes_a_followup_for_each_assessed_year(tmp_path):
    root, model = _judged_only(tmp_path)
    proc = _build(root)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (root / "dist").iterdir()) == sorted([
        f"{model.id}-{model.edition.version}.pdf",
        present_yearly.pdf_name(model, 2023), present_yearly.pdf_name(model, 2024)])
    for year in (2023, 2024):
        assert (root / "site" / "uppfoljning" / str(year) / "index.html").is_file()
        assert (root / "site" / present_yearly.pdf_path(model, year)).read_bytes().startswith(b"%PDF")
    page = (root / "site" / "uppfoljning" / "2023" / "index.html").read_text(encoding="utf-8")
    assert "Planen är försenad men arbetet har börjat." in page


def test_a_strategy_with_neither_data_nor_assessments_publishes_no_followup(tmp_path):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "s")
    model = check(root).model
    assert followup_years(model) == ()
    proc = _build(root)
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in (root / "dist").iterdir()] == [f"{model.id}-{model.edition.version}.pdf"]
    assert not (root / "site" / "uppfoljning" / "2023").exists()
    assert not list((root / "site").rglob(f"*-{present_yearly.folder(model)}-*.pdf"))


def test_an_assessment_of_the_edition_year_or_made_after_its_date_is_not_known_at_the_edition_date():
    from strategykit.analysis.known import assessed_at_date
    from strategykit.model import Assessment

    def judged(year, date):
        return Assessment(year=year, status="on-schedule", reasoning="", by="", date=date)

    assert not assessed_at_date(judged(2020, "2020-03-01"), DAY), "the edition's own year is not over"
    assert not assessed_at_date(judged(2019, "2020-06-01"), DAY), "made after the edition's date"
    assert not assessed_at_date(judged(2019, "not a date"), DAY)
    assert assessed_at_date(judged(2019, "2020-02-01"), DAY)
    assert assessed_at_date(judged(2019, ""), DAY), "an undated judgement: its year decides"


def test_an_edition_shows_no_commitment_assessment_made_after_its_date(tmp_path):
    _root, model = _judged_only(tmp_path)  # assessed for 2023 (dated 2024-02-01) and 2024 (2025-02-03)
    (_, c), = model.commitments()
    assert len(c.assessments) == 2
    (_, in_2020), = known_at(model, DAY).commitments()
    assert in_2020.assessments == () and in_2020.text == c.text
    (_, in_2024), = known_at(model, _dt.date(2024, 6, 1)).commitments()
    assert [a.year for a in in_2024.assessments] == [2023]
    assert known_at(model, _dt.date(2030, 1, 1)) is model, "nothing dropped: the same model"


def test_a_strategy_followed_up_by_judgement_alone_is_reported_for_its_latest_assessed_year(tmp_path):
    from strategykit.analysis.followup import latest_year

    _root, model = _judged_only(tmp_path)
    assert latest_year(model) == 2024 == followup_years(model)[-1]
    assert follow_up(model).year == 2024, "strategy report without --year reports the latest publication"
    assert follow_up(known_at(model, DAY)).year is None, "a 2020 edition knows no judgement of 2023"


def test_a_followup_pdf_lays_out_no_chart_or_goal_table_of_the_edition(tmp_path, monkeypatch):
    """The yearly PDF has a body of its own: the edition's priorities, indicator charts and path are
    neither shown nor worked out (they were a fifth of a 10× follow-up PDF's time, then thrown away)."""
    from strategykit.plan import gather
    from strategykit.render.pdf import data as pdf_data
    from strategykit.render.pdf.yearly import render_yearly_pdf
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "s")
    shutil.copytree(FIXTURES / "observed" / "data", root / "data")
    model = check(root).model
    plan = gather(model)
    (report,) = [r for r in plan.yearly if r.year == 2022]

    def not_here(*args, **kwargs):
        raise AssertionError("the follow-up PDF worked out a part of the edition")

    for name in ("_priority", "_indicator", "roadmap_data"):
        monkeypatch.setattr(pdf_data, name, not_here)
    assert render_yearly_pdf(plan, report).startswith(b"%PDF")
    front = pdf_data.document_data(model, commit=None, build_date=_dt.date(2026, 1, 1), body=False)
    assert (front["priorities"], front["indicators"], front["roadmap"]) == ([], [], None)
    assert front["strategy"]["title"] == model.title


def test_a_followup_pdfs_table_notes_stay_on_the_page_of_their_table(tmp_path):
    """In the example's 2025 follow-up, P2's table ended at the foot of page 5 and its note ('Värden
    märkta * är illustrativa …') stood alone at the top of page 6: no page opens with a table's note."""
    import io

    import pypdf

    from strategykit.plan import gather
    from strategykit.present import i18n
    from strategykit.render.pdf.yearly import render_yearly_pdf
    from web_support import REPO

    model = check(copy_strategy(REPO, tmp_path / "s")).model
    plan = gather(model)
    report = next(r for r in plan.yearly if r.year == 2025)
    reader = pypdf.PdfReader(io.BytesIO(render_yearly_pdf(plan, report)))
    note = i18n.labels("sv")["illustrative_note"][:40]
    running = present_yearly.title(model, 2025)
    alone = []
    for number, pdf_page in enumerate(reader.pages, 1):
        lines = [x.strip() for x in pdf_page.extract_text().splitlines() if x.strip()]
        body = [x for x in lines if not x.startswith(running)]  # the running header
        if body and body[0].startswith(note):
            alone.append(number)
    assert sum(note in p.extract_text() for p in reader.pages) >= 4, "the notes are there"
    assert not alone, f"pages opening with a table's note: {alone}"


def test_the_data_sources_go_on_in_lower_case_after_a_cited_source():
    """'SCB, Befolkningsstatistik …, hämtad 27 november 2026; illustrativt, ingen källa': the words for
    the illustrative values continue the sentence after a semicolon (they were 'Illustrativt' there)
    and start it, capitalised, when they stand alone."""
    from conftest import REPO

    model = check(REPO).model
    lines = present_yearly.sources_markdown(model, follow_up(model, 2025), lambda text: text).splitlines()
    mixed = [line for line in lines if "SCB" in line and "ingen källa" in line]
    alone = [line for line in lines if line.startswith("- ") and "SCB" not in line]
    assert mixed and all("; illustrativt, ingen källa" in line for line in mixed), mixed
    assert alone and all(line.endswith(": Illustrativt, ingen källa") for line in alone), alone
