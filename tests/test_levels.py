"""The strategy's own level names (levels: in goals.yaml) in both editions and the report."""

from __future__ import annotations

import datetime

from strategykit.analysis.followup import follow_up
from strategykit.present.followup import format_markdown
from strategykit.project import check

from conftest import find

LEVELS = """levels:
  priority: {one: Utvecklingsområde, many: Utvecklingsområden}
  target: {one: Åtagande, many: Åtaganden}
"""


def _with_levels(root, text: str = LEVELS):
    goals = root / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace("indicators:\n", text + "indicators:\n", 1),
                     encoding="utf-8")


def test_own_level_names_check_clean_and_are_in_the_model(minimal):
    _with_levels(minimal)
    result = check(minimal)
    assert result.diagnostics == []
    assert result.model.levels == (("priority", "Utvecklingsområde", "Utvecklingsområden"),
                                   ("target", "Åtagande", "Åtaganden"))


def test_the_report_and_both_editions_use_the_strategys_names(minimal):
    from strategykit.render.pdf.data import document_data
    from strategykit.render.web import pages

    _with_levels(minimal)
    model = check(minimal).model
    report = format_markdown(follow_up(model), model)
    assert "| Åtagande | Indikator |" in report
    info = pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None)
    web = "\n".join(pages.generate(model, info).pages.values())
    assert "Utvecklingsområde P1" in web and "Prioritering P1" not in web
    labels = document_data(model, commit=None, build_date=datetime.date(2026, 1, 1))["labels"]
    assert (labels["priority"], labels["target"], labels["goal"]) == ("Utvecklingsområde", "Åtagande", "Mål")


def test_two_levels_with_the_same_name_are_reported(minimal):
    _with_levels(minimal, "levels:\n  goal: {one: Mål, many: Mål}\n  target: {one: mål, many: mål}\n")
    (d,) = find(minimal, "level-names-alike")
    assert "'goal' and 'target' are both called 'mål'" in d.message


def test_the_consultation_texts_use_the_strategys_own_level_names(minimal):
    from consultation_fixture import add_process
    from strategykit.analysis.consultation import ChangesSince
    from strategykit.present import consultation

    add_process(minimal)
    _with_levels(minimal, "levels:\n  priority: {one: Utvecklingsområde, many: Utvecklingsområden}\n"
                          "  goal: {one: Inriktning, many: Inriktningar}\n"
                          "  target: {one: Åtagande, many: Åtaganden}\n")
    model = check(minimal).model
    compilation = consultation.compilation_markdown(model)
    # The comment on goal P1.1 and the one on target P1.2.a, each under the strategy's own word.
    assert "Kommun A om inriktning P1.1" in compilation and "Kommun A om åtagande P1.2.a" in compilation
    assert "Gäller: Utvecklingsområde P1" in compilation
    assert "om mål P1.1" not in compilation and "Delmål" not in compilation
    participation = consultation.participation_markdown(model)
    assert "| Inriktning | Kommer från |" in participation and "| Mål |" not in participation
    changes = consultation.changes_markdown(model, ChangesSince(edition=None, base="remiss-0.9"))
    assert "utvecklingsområden, inriktningar, åtaganden och indikatorer jämförs via sina id" in changes


def test_without_own_level_names_the_consultation_texts_keep_the_default_words(minimal):
    from consultation_fixture import add_process
    from strategykit.present import consultation

    add_process(minimal)
    model = check(minimal).model
    compilation = consultation.compilation_markdown(model)
    assert "Kommun A om mål P1.1" in compilation and "Kommun A om delmål P1.2.a" in compilation
    assert "| Mål | Kommer från |" in consultation.participation_markdown(model)
