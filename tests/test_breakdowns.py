"""Breakdowns by any dimension: what an indicator declares, what its data file carries, what a
target is set for, and how a breakdown is named for readers (model.dimensions, rules/breakdowns.py,
present/breakdowns.py)."""

from __future__ import annotations

import re

import pytest

from strategykit.analysis.followup import follow_up
from strategykit.model import Observation, Provenance
from strategykit.present import breakdowns as present_breakdowns
from strategykit.present.consultation import describe_change
from strategykit.project import check
from strategykit.sources.datafiles import to_csv
from strategykit.source.load import parse_csv
from strategykit.model import build_data
from strategykit.vcs.revisions import diff

from conftest import copy_minimal, edit, find, line_of
from web_support import html_rows

POPULATION_SOURCE = "    source: {provider: Kolada, id: N01951}\n"
HEADER = "year,value,breakdown,municipality,provenance,source,retrieved\n"
BY_MUNICIPALITY = HEADER + (
    "2018,270154,total,,illustrative,,\n"
    "2020,273192,total,,illustrative,,\n"
    "2024,134249,,2480,sourced,\"SCB, BE0101A via Regionfakta\",2026-11-27\n"
    "2024,78150,,2482,sourced,\"SCB, BE0101A via Regionfakta\",2026-11-27\n"
    "2024,2359,,2403,sourced,\"SCB, BE0101A via Regionfakta\",2026-11-27\n"
    "2020,2400,,2403,illustrative,,\n"
)
TARGET = "            target: {year: 2030, value: 300000, illustrative: true}\n"


def declare(root, dimensions: str = "[municipality]") -> None:
    edit(root, POPULATION_SOURCE, POPULATION_SOURCE + f"    breakdowns: {dimensions}\n")


def write_data(root, text: str = BY_MUNICIPALITY, name: str = "population.csv") -> None:
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / name).write_text(text, encoding="utf-8")


def quiet(root) -> None:
    result = check(root)
    assert result.ok and not result.diagnostics, [(d.code, d.message) for d in result.diagnostics]


# -- declaring dimensions ----------------------------------------------------------------

def test_a_dimension_neither_known_nor_declared_is_reported_where_the_indicator_names_it(minimal):
    declare(minimal, "[kommun]")
    (d,) = find(minimal, "unknown-dimension")
    assert d.position.line == line_of(minimal, "breakdowns: [kommun]")
    assert "'kommun'" in d.message and "municipality" in d.hint


def test_known_and_declared_dimensions_are_quiet(minimal):
    declare(minimal, "[gender, municipality, age, birth, education, sector]")
    (minimal / "goals.yaml").write_text((minimal / "goals.yaml").read_text(encoding="utf-8") + (
        "dimensions:\n  - id: sector\n    name: Näringsgren\n    values:\n"
        "      - {id: forestry, label: Skogsbruk}\n      - {id: tourism, label: Besöksnäring}\n"), encoding="utf-8")
    quiet(minimal)


# -- data files --------------------------------------------------------------------------

def test_a_municipality_column_is_read_as_one_series_per_municipality(minimal):
    declare(minimal)
    write_data(minimal)
    result = check(minimal)
    assert result.ok, [d.message for d in result.diagnostics]
    assert [(o.year, o.value) for o in result.model.series("population", "municipality:2403")] == [(2020, 2400), (2024, 2359)]
    assert [o.value for o in result.model.series("population")] == [270154, 273192]


def test_a_municipality_column_the_indicator_does_not_declare_is_reported_at_its_header(minimal):
    write_data(minimal)
    (d,) = find(minimal, "data-undeclared-dimension")
    assert (d.position.file, d.position.line, d.position.column) == ("data/population.csv", 1, 22)
    assert "4 rows" in d.message or "4 rader" in d.message


def test_an_unknown_municipality_code_is_reported_at_its_cell(minimal):
    declare(minimal)
    write_data(minimal, BY_MUNICIPALITY.replace(",2482,", ",2499,"))
    (d,) = find(minimal, "data-unknown-breakdown-value")
    assert (d.position.line, d.position.column) == (5, 13)
    assert "2499" in d.message and "2480" in d.hint


@pytest.mark.parametrize("band,ok", [("20-64", True), ("65+", True), ("0-19", True), ("20–64", False), ("64-20", False)])
def test_age_bands_are_written_as_low_dash_high_or_low_plus(minimal, band, ok):
    declare(minimal, "[age]")
    write_data(minimal, "year,value,age,provenance\n2020,100,,illustrative\n"
                        f"2020,40,{band},illustrative\n")
    found = [d for d in check(minimal).diagnostics if d.code == "data-unknown-breakdown-value"]
    assert (found == []) is ok


def test_a_row_with_two_breakdowns_the_indicator_does_not_cross_is_reported_and_left_out(minimal):
    declare(minimal, "[municipality]")  # women, but no gender among its breakdowns
    write_data(minimal, BY_MUNICIPALITY.replace("2024,2359,,2403", "2024,2359,women,2403"))
    (d,) = find(minimal, "data-several-breakdowns")
    assert (d.position.line, d.position.column) == (6, 17)
    model = check(minimal).model
    assert [o.year for o in model.series("population", "municipality:2403")] == [2020]
    ind = model.indicator("population")
    assert present_breakdowns.cross_tables(model, ind, None) == []


BY_SEX_AND_MUNICIPALITY = HEADER + (
    "2018,270154,total,,illustrative,,\n"
    "2024,134249,,2480,illustrative,,\n"
    "2024,67500,women,2480,illustrative,,\n"
    "2024,66749,men,2480,illustrative,,\n"
    "2024,1190,women,2403,illustrative,,\n"
    "2023,1200,men,2403,illustrative,,\n"
    "2023,1180,women,2403,illustrative,,\n"
)


def test_a_row_with_a_value_for_each_of_two_declared_dimensions_checks_clean(minimal):
    declare(minimal, "[gender, municipality]")
    write_data(minimal, BY_SEX_AND_MUNICIPALITY)
    quiet(minimal)
    model = check(minimal).model
    assert [(o.year, o.value) for o in model.series("population", "women&municipality:2480")] == [(2024, 67500)]
    # The single-dimension series stay what they were: the crossed rows are series of their own.
    assert [o.value for o in model.series("population", "municipality:2480")] == [134249]
    assert model.series("population", "women") == ()


def test_the_columns_order_does_not_change_the_key_of_a_crossed_row(minimal):
    declare(minimal, "[gender, age, municipality]")
    write_data(minimal, "year,value,municipality,breakdown,age,provenance\n2024,10,2480,women,20-64,illustrative\n"
                        "2024,12,2480,,20-64,illustrative\n")
    result = check(minimal)
    assert result.ok, [(d.code, d.message) for d in result.diagnostics]
    keys = {o.breakdown for o in result.model.observations["population"]}
    assert keys == {"women&age:20-64&municipality:2480", "age:20-64&municipality:2480"}


def test_a_crossed_pair_is_shown_as_a_table_of_the_latest_year_with_a_dash_where_it_has_none(minimal):
    declare(minimal, "[gender, municipality]")
    write_data(minimal, BY_SEX_AND_MUNICIPALITY)
    model = check(minimal).model
    (ct,) = present_breakdowns.cross_tables(model, model.indicator("population"), None, "sv")
    # Municipalities in rows (more values), women and men in columns; 2024: Bjurholm has no men yet.
    assert ct.dimensions == ("municipality", "gender") and ct.year == 2024
    assert ct.title == "Per kommun och kön, 2024" and ct.header == ("Kommun", "Kvinnor", "Män")
    assert [(name, [c.value_text for c in cells]) for name, cells in ct.rows] == [
        ("Bjurholm", ["1\u202f190", ""]), ("Umeå", ["67\u202f500", "66\u202f749"])]
    assert ct.illustrative
    # Up to 2023 the table is of 2023: Bjurholm's women and men.
    (old,) = present_breakdowns.cross_tables(model, model.indicator("population"), 2023, "sv")
    assert old.year == 2023 and [name for name, _ in old.rows] == ["Bjurholm"]
    assert present_breakdowns.label(model, "women&municipality:2480", "sv") == "kvinnor, Umeå"


def test_both_editions_and_the_report_show_the_crossed_table(minimal):
    import datetime
    from strategykit.present.followup import format_json, format_markdown, format_text
    from strategykit.render.pdf.data import document_data
    from strategykit.render.web import pages

    declare(minimal, "[gender, municipality]")
    write_data(minimal, BY_SEX_AND_MUNICIPALITY)
    model = check(minimal).model
    site = pages.generate(model, pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None)).pages
    page = next(text for path, text in site.items() if "### Per kommun och kön, 2024" in text)
    table = page.split("### Per kommun och kön, 2024", 1)[1].split("</table>", 1)[0]
    assert re.findall(r"<th[^>]*>(.*?)</th>", table) == ["Kommun", "Kvinnor", "Män"]
    bjurholm = next(cells for cells in html_rows(table) if cells and cells[0] == "Bjurholm")
    assert bjurholm[1].startswith('1\u202f190<span class="sk-ill">') and bjurholm[2] == "–"
    data = document_data(model, commit=None, build_date=datetime.date(2026, 1, 1))
    (ct,) = [ct for ind in data["indicators"] for ct in ind.get("cross_tables", [])]
    assert ct["header"] == ["Kommun", "Kvinnor", "Män"] and ct["rows"][0]["cells"][1]["value"] == "–"
    report = follow_up(model)
    markdown = format_markdown(report, model)
    assert "### Invånare totalt, antal: per kommun och kön, 2024" in markdown
    assert "| Bjurholm | 1\u202f190\\* | – |" in markdown
    assert "Per kommun och kön, 2024: Bjurholm kvinnor 1 190*, män –; Umeå" in format_text(report, model)
    import json
    (c,) = json.loads(format_json(report, model))["cross_breakdowns"]
    assert c["dimensions"] == ["municipality", "gender"] and c["rows"][1]["values"] == [67500, 66749]


def test_a_crossed_row_is_written_back_to_its_columns(minimal):
    rows = [Observation(2024, 67500.0, Provenance(illustrative=True), breakdown="women&municipality:2480"),
            Observation(2024, 134249.0, Provenance(illustrative=True), breakdown="municipality:2480")]
    text = to_csv(rows)
    assert text.splitlines()[1:] == ["2024,134249,,2480,illustrative,,", "2024,67500,women,2480,illustrative,,"]


def test_a_row_missing_a_value_gets_its_row_length_diagnostic_and_no_other(minimal):
    # The empty breakdown cell is left out: the code 2403 lands in 'breakdown', 'illustrative' in
    # 'municipality'. One problem, one diagnostic: no unknown value, no several breakdowns.
    declare(minimal, "[gender, municipality]")
    write_data(minimal, BY_MUNICIPALITY.replace("2020,2400,,2403,illustrative,,\n", "2020,2400,2403,illustrative,,\n"))
    result = check(minimal)
    assert [d.code for d in result.diagnostics] == ["data-row-length"], [(d.code, d.message) for d in result.diagnostics]
    assert result.diagnostics[0].position.line == 7
    assert [o.year for o in result.model.series("population", "municipality:2403")] == [2024]


def test_a_row_with_an_extra_value_gets_its_row_length_diagnostic_and_no_other(minimal):
    declare(minimal, "[gender, municipality]")
    write_data(minimal, BY_MUNICIPALITY.replace("2020,2400,,2403,illustrative,,\n", "2020,2400,women,,2403,illustrative,,\n"))
    assert [d.code for d in check(minimal).diagnostics] == ["data-row-length"]


def test_a_row_of_the_right_length_is_still_checked_for_its_breakdowns(minimal):
    declare(minimal, "[municipality]")
    write_data(minimal, BY_MUNICIPALITY.replace("2020,2400,,2403,illustrative,,\n", "2020,2400,women,2499,illustrative,,\n"))
    assert sorted(d.code for d in check(minimal).diagnostics) == ["data-several-breakdowns", "data-unknown-breakdown-value"]


def test_a_column_that_names_no_dimension_is_still_an_unknown_column(minimal):
    declare(minimal)
    write_data(minimal, BY_MUNICIPALITY.replace("municipality", "kommun"))
    (d,) = find(minimal, "data-header")
    assert "'kommun'" in d.message


def test_uppsala_kommun_in_the_breakdown_column_gets_a_hint_about_the_municipality_column(minimal):
    write_data(minimal, "year,value,breakdown,provenance\n2020,100,Uppsala kommun,illustrative\n")
    (d,) = find(minimal, "data-invalid-breakdown")
    assert "municipality" in d.hint


def test_a_written_file_with_municipalities_reads_back_the_same(tmp_path):
    rows = [Observation(2024, 134249.0, Provenance(source="SCB", retrieved="2026-11-27"), breakdown="municipality:2480"),
            Observation(2024, 281138.0, Provenance(source="SCB", retrieved="2026-11-27")),
            Observation(2024, 136900.0, Provenance(illustrative=True), breakdown="women")]
    text = to_csv(rows)
    assert text.splitlines()[0] == "year,value,breakdown,municipality,provenance,source,retrieved"
    table, problems = parse_csv(text, "data/x.csv")
    assert problems == []
    _, observations = build_data({"x": table})
    assert sorted((o.breakdown, o.value) for o in observations["x"]) == sorted((o.breakdown, o.value) for o in rows)


# -- targets ------------------------------------------------------------------------------

def test_a_target_for_one_municipality_is_followed_up_with_that_municipality_s_values(minimal):
    declare(minimal)
    write_data(minimal)
    edit(minimal, TARGET, TARGET.replace("300000", "2500") + '            breakdown: {municipality: "2403"}\n')
    edit(minimal, "              value: 270154\n", "              value: 2400\n")
    edit(minimal, "              year: 2018\n", "              year: 2020\n")
    result = check(minimal)
    assert result.ok, [(d.code, d.message) for d in result.diagnostics]
    tp = next(t for t in follow_up(result.model).targets() if t.target_id == "P1.2.a")
    assert tp.breakdown == "municipality:2403" and tp.latest.value == 2359


def test_a_target_for_a_dimension_its_indicator_does_not_declare_is_reported(minimal):
    edit(minimal, TARGET, TARGET + '            breakdown: {municipality: "2480"}\n')
    (d,) = find(minimal, "target-breakdown-undeclared")
    assert d.position.line == line_of(minimal, "breakdown: {municipality")
    assert "municipality" in d.message


def test_a_target_for_an_unknown_municipality_code_is_reported(minimal):
    declare(minimal)
    edit(minimal, TARGET, TARGET + '            breakdown: {municipality: "2499"}\n')
    (d,) = find(minimal, "target-breakdown-undeclared")
    assert "2499" in d.message


def test_a_target_naming_two_dimensions_is_reported(minimal):
    declare(minimal, "[municipality, age]")
    edit(minimal, TARGET, TARGET + '            breakdown: {municipality: "2480", age: 20-64}\n')
    (d,) = find(minimal, "target-breakdown-undeclared")
    assert "P1.2.a" in d.message


def test_women_stays_a_breakdown_of_gender(minimal):
    declare(minimal, "[gender]")
    edit(minimal, TARGET, TARGET + "            breakdown: women\n")
    assert not [d for d in check(minimal).diagnostics if d.code == "target-breakdown-undeclared"]


def test_a_target_moved_from_the_total_to_a_municipality_is_a_change_the_diff_shows(tmp_path):
    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    for root in (old, new):
        declare(root)
    edit(new, TARGET, TARGET + '            breakdown: {municipality: "2480"}\n')
    (change,) = diff(old, str(old), str(new)).changes
    assert (change.kind, change.old, change.new) == ("target-breakdown-changed", "total", "municipality:2480")
    assert describe_change(change, "sv") == "redovisning: totalt → Umeå"


# -- words for readers --------------------------------------------------------------------

def test_breakdowns_are_named_in_the_strategy_s_language(minimal):
    model = check(minimal).model
    assert present_breakdowns.label(model, "municipality:2480", "sv") == "Umeå"
    assert present_breakdowns.label(model, "age:20-64", "sv") == "20–64 år"
    assert present_breakdowns.label(model, "age:65+", "en") == "aged 65 and over"
    assert present_breakdowns.label(model, "birth:abroad", "sv") == "födda utomlands"
    assert present_breakdowns.label(model, "women", "en") == "women"
    assert present_breakdowns.label(model, "total", "sv") == ""


def test_the_table_per_municipality_is_sorted_highest_first_and_names_those_without_a_value(minimal):
    edit(minimal, 'code: "99"', 'code: "24"')
    declare(minimal)
    write_data(minimal)
    model = check(minimal).model
    (table,) = present_breakdowns.tables(model, model.indicator("population"), 2024)
    assert [(r.label, r.year) for r in table.rows] == [("Umeå", 2024), ("Skellefteå", 2024), ("Bjurholm", 2024)]
    assert table.rows[0].share == 1 and round(table.rows[2].share, 4) == round(2359 / 134249, 4)
    assert "Lycksele" in table.missing and "Umeå" not in table.missing
    assert "SCB, BE0101A via Regionfakta" in table.sources
    assert "Umeå (134\u202f249)" in table.alt and "Bjurholm (2\u202f359)" in table.alt


def test_a_declared_dimension_is_labelled_as_declared(minimal):
    declare(minimal, "[sector]")
    (minimal / "goals.yaml").write_text((minimal / "goals.yaml").read_text(encoding="utf-8") + (
        "dimensions:\n  - id: sector\n    name: näringsgren\n    values:\n"
        "      - {id: forestry, label: Skogsbruk}\n"), encoding="utf-8")
    write_data(minimal, "year,value,sector,provenance\n2020,100,,illustrative\n2020,40,forestry,illustrative\n"
                        "2020,3,fishing,illustrative\n")
    result = check(minimal)
    (d,) = [d for d in result.diagnostics if d.code == "data-unknown-breakdown-value"]
    assert d.position.line == 4 and "forestry" in d.hint
    (table,) = present_breakdowns.tables(result.model, result.model.indicator("population"), None)
    assert table.title == "Per näringsgren" and table.rows[0].label == "Skogsbruk"


def test_the_report_shows_the_values_per_municipality_in_each_format(minimal):
    from strategykit.present.followup import format_json, format_markdown, format_text
    import json
    edit(minimal, 'code: "99"', 'code: "24"')
    declare(minimal)
    write_data(minimal, BY_MUNICIPALITY.replace("2024,2359,,2403,sourced,\"SCB, BE0101A via Regionfakta\",2026-11-27",
                                                "2024,2359,,2403,illustrative,,"))
    model = check(minimal).model
    report = follow_up(model)
    markdown = format_markdown(report, model)
    assert "### Invånare totalt, antal: per kommun" in markdown
    assert markdown.index("| Umeå | 134\u202f249 | 2024 |") < markdown.index("| Bjurholm | 2\u202f359\\* | 2024 |")
    assert "Inget värde för: Nordmaling" in markdown
    assert "Per kommun: Umeå 134 249 (2024), Skellefteå 78 150 (2024), Bjurholm 2 359* (2024)" in format_text(report, model)
    (table,) = json.loads(format_json(report, model))["breakdowns"]
    assert table["dimension"] == "municipality" and table["rows"][0] == {
        "breakdown": "municipality:2480", "label": "Umeå", "year": 2024, "value": 134249, "illustrative": False}


def test_every_dimension_has_its_words():
    from strategykit.present import i18n
    assert {f"dimension:{d}" for d in ("gender", "municipality", "age", "birth", "education")} <= i18n.BREAKDOWN.of("sv").keys()
