"""Observed values in data/<indicator>.csv: read with positions, modelled, and checked cell by cell."""

from __future__ import annotations

import json

import jsonschema
import pytest

from hypothesis import given, settings, strategies as st

from strategykit.diagnostics import Position
from strategykit.source import validators
from strategykit.source.load import parse_csv
from strategykit.source.observations import HEADER as HEADER_PROBLEM, ROW, read_rows
from strategykit.source.schema import _validator
from strategykit.model import BREAKDOWNS, DATA_COLUMNS, PROVENANCES, REQUIRED_COLUMNS
from strategykit.project import check, load_strategy
from strategykit.source.schema import load_schema

from conftest import REPO, edit, line_of

HEADER = "year,value,breakdown,provenance,source,retrieved\n"
EMPLOYMENT = HEADER + (
    "2019,79.5,total,illustrative,,\n"
    "2020,79.8,total,illustrative,,\n"
    "2021,80.4,total,illustrative,,\n"
    "2021,78.9,women,illustrative,,\n"
    "2021,81.8,men,illustrative,,\n"
)
POPULATION = HEADER + (
    '2018,270154,total,sourced,"SCB, BE0101A via Regionfakta",2025-01-15\n'
    '2020,273192,total,sourced,"SCB, BE0101A via Regionfakta",2025-01-15\n'
)


def write(root, name: str, text: str) -> None:
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / name).write_text(text, encoding="utf-8")


@pytest.fixture
def with_data(minimal):
    write(minimal, "employment-rate.csv", EMPLOYMENT)
    write(minimal, "population.csv", POPULATION)
    return minimal


def data_findings(root, code: str):
    return [d for d in check(root).diagnostics if d.code == code]


def where(d) -> tuple[str, int, int]:
    return d.position.file, d.position.line, d.position.column


# -- the reader ------------------------------------------------------------------

def test_every_cell_keeps_its_line_and_column():
    table, problems = parse_csv('year,value\n2018,1\n\n2019,"2,5"\n', "data/x.csv")
    assert problems == []
    assert [(c.text, c.line, c.column) for c in table.header] == [("year", 1, 1), ("value", 1, 6)]
    assert [(c.text, c.line, c.column) for c in table.rows[1].cells] == [("2019", 4, 1), ("2,5", 4, 6)]


def test_a_quoted_cell_over_two_lines_moves_the_following_cells():
    table, _ = parse_csv('a,b,c\n"x\ny","p,""q",z\n', "data/x.csv")
    assert [(c.text, c.line, c.column) for c in table.rows[0].cells] == [("x\ny", 2, 1), ('p,"q', 3, 4), ("z", 3, 12)]


def test_bom_and_crlf_are_read_like_plain_utf8(with_data):
    (with_data / "data" / "population.csv").write_bytes(b"\xef\xbb\xbf" + POPULATION.replace("\n", "\r\n").encode())
    result = check(with_data)
    assert result.diagnostics == []
    assert [o.value for o in result.model.series("population")] == [270154, 273192]


def test_invalid_utf8_is_reported_at_its_byte(with_data):
    (with_data / "data" / "population.csv").write_bytes(HEADER.encode() + b"2018,1,total,sourced,SCB \xe5r,2025-01-15\n")
    (d,) = [d for d in check(with_data).diagnostics if d.code == "invalid-encoding"]
    assert where(d) == ("data/population.csv", 2, 26)


def test_an_unclosed_quote_is_a_syntax_error_at_its_record(with_data):
    write(with_data, "population.csv", HEADER + '2018,1,total,sourced,"SCB,2025-01-15\n')
    (d,) = [d for d in check(with_data).diagnostics if d.code == "csv-syntax"]
    assert where(d) == ("data/population.csv", 2, 1)


def test_an_empty_data_file_is_reported(with_data):
    write(with_data, "population.csv", "\n")
    assert [d.code for d in check(with_data).diagnostics] == ["empty-file"]


def test_a_file_saved_with_semicolons_gets_one_diagnostic_at_line_1(with_data):
    write(with_data, "employment-rate.csv", "year;value;breakdown;provenance;source;retrieved\n"
                                            "2019;79,5;total;illustrative;;\n2020;79,8;total;illustrative;;\n")
    result = check(with_data)
    assert [(d.code, *where(d)) for d in result.diagnostics] == [("csv-separator", "data/employment-rate.csv", 1, 5)]
    assert "comma" in result.diagnostics[0].message


def test_semicolons_inside_a_comma_separated_file_are_fine(with_data):
    write(with_data, "population.csv", HEADER + '2018,270154,total,sourced,"SCB; BE0101A",2025-01-15\n')
    assert check(with_data).diagnostics == []


def test_a_data_file_linking_out_of_the_folder_is_not_read(with_data, tmp_path):
    outside = tmp_path / "secret.csv"
    outside.write_text(POPULATION)
    (with_data / "data" / "population.csv").unlink()
    (with_data / "data" / "population.csv").symlink_to(outside)
    result = check(with_data)
    assert [d.code for d in result.diagnostics] == ["data-file-outside"]
    assert "population" not in result.model.observations


# -- the model -------------------------------------------------------------------

def test_observations_are_in_the_model_by_indicator_breakdown_and_year(with_data):
    model = load_strategy(with_data).model
    assert [(o.year, o.value) for o in model.series("employment-rate")] == [(2019, 79.5), (2020, 79.8), (2021, 80.4)]
    assert [o.value for o in model.series("employment-rate", "women")] == [78.9]
    assert model.series("employment-rate", until=2020)[-1].year == 2020
    first = model.observations["population"][0]
    assert first.provenance.source == "SCB, BE0101A via Regionfakta" and first.provenance.retrieved == "2025-01-15"
    assert not first.provenance.illustrative
    assert (first.position.file, first.position.line) == ("data/population.csv", 2)
    assert model.observations["employment-rate"][0].provenance.illustrative


def test_a_strategy_without_data_folder_has_no_observations(minimal):
    model = load_strategy(minimal).model
    assert model.data_files == () and dict(model.observations) == {}


def test_empty_breakdown_means_total(with_data):
    write(with_data, "population.csv", HEADER + "2018,5,,illustrative,,\n")
    assert load_strategy(with_data).model.series("population")[0].breakdown == "total"


def test_a_file_without_breakdown_column_is_all_totals(with_data):
    write(with_data, "population.csv", "year,value,provenance\n2018,270154,illustrative\n")
    assert check(with_data).diagnostics == []
    assert load_strategy(with_data).model.series("population")[0].value == 270154


# -- the schema ------------------------------------------------------------------

def test_observation_schema_is_valid_and_agrees_with_the_rules():
    schema = json.loads((REPO / "schema" / "observations.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert load_schema("observations.schema.json") == schema
    assert tuple(schema["properties"]) == DATA_COLUMNS
    assert set(schema["required"]) == set(REQUIRED_COLUMNS)
    assert tuple(schema["properties"]["breakdown"]["enum"]) == BREAKDOWNS
    assert tuple(schema["properties"]["provenance"]["enum"]) == PROVENANCES
    assert all("description" in p for p in schema["properties"].values())


@pytest.mark.parametrize("row,valid", [
    ({"year": 2018, "value": 270154, "breakdown": "total", "provenance": "sourced",
      "source": "SCB", "retrieved": "2025-01-15"}, True),
    ({"year": 2018, "value": 1.5, "provenance": "illustrative"}, True),
    ({"year": 2018, "value": 1.5, "provenance": "sourced"}, False),
    ({"year": 2018, "value": 1.5, "provenance": "illustrative", "source": "SCB"}, False),
    ({"year": 2018, "value": 1.5, "breakdown": "girls", "provenance": "illustrative"}, False),
])
def test_schema_accepts_a_row_exactly_when_the_rules_do(row, valid):
    validator = jsonschema.Draft202012Validator(load_schema("observations.schema.json"))
    assert validator.is_valid(row) is valid


def test_a_row_is_read_as_the_record_the_schema_describes():
    table, _ = parse_csv(HEADER + '2018, 79.5 ,Women,illustrative,,\n', "data/x.csv")
    (row,) = read_rows(table).rows
    assert dict(row.record) == {"year": 2018, "value": 79.5, "breakdown": "women", "provenance": "illustrative"}
    assert row.invalid == frozenset()
    assert row.at("value") == Position("data/x.csv", 2, 6)


def test_text_that_is_no_number_stays_text_for_the_schema_to_reject():
    table, _ = parse_csv(HEADER + '2018,"79,5",total,illustrative,,\n', "data/x.csv")
    (row,) = read_rows(table).rows
    assert row.record["value"] == "79,5" and row.invalid == {"value"}


CELL_TEXTS = st.one_of(st.sampled_from(["", "2018", "18", "79.5", "-1", "1e999", "79,5", "total", "Women",
                                        "sourced", "illustrative", "guess", "SCB", "2025-01-15", "2025-02-30",
                                        "15/1/2025", "nan"]), st.text(max_size=6))


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({}, optional={c: CELL_TEXTS for c in DATA_COLUMNS}))
def test_the_fast_row_validator_rejects_every_row_jsonschema_rejects(cells):
    """A row the generated validator accepts is never checked again, so it must be at least as strict."""
    line = ",".join('"' + cells.get(c, "").replace('"', '""') + '"' for c in DATA_COLUMNS)
    table, problems = parse_csv(HEADER + line + "\n", "data/x.csv")
    if table is None or not table.rows:
        return
    (row,) = read_rows(table).rows
    record = dict(row.record)
    slow_ok = not any(True for _ in _validator("observations.schema.json").iter_errors(record))
    assert validators.is_valid("observations.schema.json", record) == slow_ok


def test_a_date_the_calendar_lacks_is_reported_through_the_schema(with_data):
    write(with_data, "population.csv", HEADER + "2018,1,total,sourced,SCB,2025-02-30\n")
    (d,) = data_findings(with_data, "data-missing-provenance")
    assert where(d) == ("data/population.csv", 2, 26)
    assert "2025-02-30" in d.message


def test_every_problem_the_schema_finds_is_reported_by_exactly_one_rule(with_data):
    text = ("year,value,breakdown,provenance,source,retrieved,extra\n"
            "18,x,woman,guess,,15/1/2025,\n,,,,,,,\n2019,1,total,illustrative,SCB,,\n")
    write(with_data, "population.csv", text)
    table, _ = parse_csv(text, "data/population.csv")
    problems = read_rows(table).problems
    assert {p.column for p in problems} >= {HEADER_PROBLEM, ROW, "year", "value", "breakdown", "provenance"}
    reported = [d for d in check(with_data).diagnostics if d.position.file == "data/population.csv"]
    assert sorted((d.position.line, d.position.column) for d in reported) == \
        sorted((p.position.line, p.position.column) for p in problems)


# -- the rules: each fires on its mistake, at the cell, and is quiet otherwise ------

def test_valid_data_files_give_no_diagnostics(with_data):
    assert check(with_data).diagnostics == []


def test_unknown_indicator_is_reported_with_a_suggestion(with_data):
    (with_data / "data" / "population.csv").rename(with_data / "data" / "populaton.csv")
    (d,) = data_findings(with_data, "data-unknown-indicator")
    assert where(d) == ("data/populaton.csv", 1, 1)
    assert "data/population.csv" in d.hint


def test_unknown_indicator_is_quiet_for_files_named_after_indicators(with_data):
    assert data_findings(with_data, "data-unknown-indicator") == []


def test_header_with_unknown_column_is_reported(with_data):
    write(with_data, "population.csv", "year,value,breakdown,provenence,source,retrieved\n")
    found = data_findings(with_data, "data-header")
    assert {(where(d), d.message.split(" ")[0]) for d in found} == {
        (("data/population.csv", 1, 22), "'provenence'"), (("data/population.csv", 1, 1), "The")}
    assert any("Did you mean 'provenance'?" in d.hint for d in found)


def test_header_with_a_repeated_column_is_reported(with_data):
    write(with_data, "population.csv", "year,value,value,provenance\n")
    (d,) = data_findings(with_data, "data-header")
    assert where(d) == ("data/population.csv", 1, 12)


def test_header_rule_is_quiet_on_the_full_header(with_data):
    assert data_findings(with_data, "data-header") == []


def test_row_with_too_many_values_is_reported_at_the_extra_one(with_data):
    write(with_data, "population.csv", HEADER + "2018,270154,total,sourced,SCB,2025-01-15,extra\n")
    (d,) = data_findings(with_data, "data-row-length")
    assert where(d) == ("data/population.csv", 2, 42)


def test_a_row_of_the_wrong_length_is_not_checked_cell_by_cell_nor_followed_up(with_data):
    # The value is missing: '2025-01-15' would be read as the source, 'sourced' as the breakdown.
    write(with_data, "population.csv", HEADER + "2018,270154,total,sourced,SCB,2025-01-15\n"
                                                "2020,total,sourced,SCB,2025-01-15\n")
    result = check(with_data)
    assert [d.code for d in result.diagnostics if d.code.startswith("data-")] == ["data-row-length"]
    assert [o.year for o in result.model.series("population")] == [2018]


def test_row_length_is_quiet_when_rows_match_the_header(with_data):
    assert data_findings(with_data, "data-row-length") == []


def test_invalid_year_is_reported_at_the_cell(with_data):
    write(with_data, "population.csv", HEADER + "18,1,total,illustrative,,\n")
    (d,) = data_findings(with_data, "data-invalid-year")
    assert where(d) == ("data/population.csv", 2, 1)
    assert "'18' is not a year" in d.message


def test_valid_years_are_quiet(with_data):
    assert data_findings(with_data, "data-invalid-year") == []


@pytest.mark.parametrize("value,hint", [
    ("79,5", "79.5"), ("270 154", "270154"), ("45%", "% sign"), ("..", "placeholder"), ("many", None),
])
def test_non_numeric_value_is_reported_with_a_hint(with_data, value, hint):
    write(with_data, "employment-rate.csv", HEADER + f'2019,"{value}",total,illustrative,,\n')
    (d,) = data_findings(with_data, "data-non-numeric-value")
    assert where(d) == ("data/employment-rate.csv", 2, 6)
    if hint:
        assert hint in d.hint


def test_numbers_in_every_plain_form_are_quiet(with_data):
    write(with_data, "employment-rate.csv", HEADER + "2019,79,total,illustrative,,\n2020,79.5,total,illustrative,,\n"
                                                     "2021,.5,total,illustrative,,\n2022, 80 ,total,illustrative,,\n")
    assert data_findings(with_data, "data-non-numeric-value") == []


def test_invalid_breakdown_is_reported(with_data):
    write(with_data, "employment-rate.csv", HEADER + "2019,79.5,woman,illustrative,,\n")
    (d,) = data_findings(with_data, "data-invalid-breakdown")
    assert where(d) == ("data/employment-rate.csv", 2, 11)
    assert "Did you mean 'women'?" in d.hint


def test_known_breakdowns_are_quiet(with_data):
    assert data_findings(with_data, "data-invalid-breakdown") == []


def test_duplicate_year_is_reported_at_the_second_row(with_data):
    write(with_data, "employment-rate.csv", EMPLOYMENT + "2020,80.0,total,illustrative,,\n")
    (d,) = data_findings(with_data, "data-duplicate-year")
    assert where(d) == ("data/employment-rate.csv", 7, 1)
    assert "line 3" in d.message
    assert [o.value for o in load_strategy(with_data).model.series("employment-rate") if o.year == 2020] == [79.8]


def test_same_year_for_different_breakdowns_is_not_a_duplicate(with_data):
    assert data_findings(with_data, "data-duplicate-year") == []


def test_share_over_100_percent_is_reported(with_data):
    write(with_data, "employment-rate.csv", HEADER + "2019,795,total,illustrative,,\n")
    (d,) = data_findings(with_data, "data-value-out-of-range")
    assert where(d) == ("data/employment-rate.csv", 2, 6)


def test_negative_count_is_reported(with_data):
    write(with_data, "population.csv", HEADER + "2018,-5,total,illustrative,,\n")
    (d,) = data_findings(with_data, "data-value-out-of-range")
    assert "negative" in d.message


def test_values_inside_their_unit_are_quiet(with_data):
    write(with_data, "employment-rate.csv", HEADER + "2019,0,total,illustrative,,\n2020,100,total,illustrative,,\n")
    assert data_findings(with_data, "data-value-out-of-range") == []


@pytest.mark.parametrize("row,column,words", [
    ("2018,1,total,,,", 14, "does not say where"),
    ("2018,1,total,guess,,", 14, "not a provenance"),
    ("2018,1,total,sourced,,2025-01-15", 22, "names no source"),
    ("2018,1,total,sourced,SCB,", 26, "does not say when"),
    ("2018,1,total,sourced,SCB,15/1/2025", 26, "not a date"),
    ("2018,1,total,illustrative,SCB,", 27, "also cites a source"),
])
def test_missing_or_contradictory_provenance_is_reported(with_data, row, column, words):
    write(with_data, "population.csv", HEADER + row + "\n")
    (d,) = data_findings(with_data, "data-missing-provenance")
    assert where(d) == ("data/population.csv", 2, column)
    assert words in d.message


def test_a_missing_provenance_column_is_reported_once_by_the_header_rule(with_data):
    write(with_data, "population.csv", "year,value\n2018,1\n2019,2\n")
    assert data_findings(with_data, "data-missing-provenance") == []
    (d,) = data_findings(with_data, "data-header")
    assert "'provenance'" in d.message


def test_provenance_is_quiet_for_sourced_and_illustrative_values(with_data):
    assert data_findings(with_data, "data-missing-provenance") == []


# -- baselines against the data ------------------------------------------------------

def test_baseline_that_differs_from_the_data_is_a_warning_at_the_baseline_value(with_data):
    write(with_data, "employment-rate.csv", EMPLOYMENT.replace("2019,79.5,total", "2019,80.1,total"))
    (d,) = data_findings(with_data, "baseline-differs-from-data")
    assert d.severity.value == "warning"
    assert (d.position.file, d.position.line) == ("goals.yaml", line_of(with_data, "value: 79.5"))
    assert d.position.column == (with_data / "goals.yaml").read_text().split("\n")[d.position.line - 1].index("79.5") + 1
    assert "80.1" in d.message and "data/employment-rate.csv" in d.message and "line 2" in d.message


def test_baseline_equal_to_the_data_is_quiet(with_data):
    assert data_findings(with_data, "baseline-differs-from-data") == []


def test_baseline_is_compared_to_its_own_breakdown_only(with_data):
    write(with_data, "employment-rate.csv", EMPLOYMENT + "2019,70.0,women,illustrative,,\n")
    assert data_findings(with_data, "baseline-differs-from-data") == []


def test_baseline_agreeing_to_the_indicators_decimals_is_quiet(with_data):
    edit(with_data, "    unit: percent\n", "    unit: percent\n    decimals: 1\n")
    write(with_data, "employment-rate.csv", EMPLOYMENT.replace("2019,79.5,total", "2019,79.54,total"))
    assert data_findings(with_data, "baseline-differs-from-data") == []


def test_baseline_without_data_for_its_year_is_quiet(with_data):
    write(with_data, "employment-rate.csv", EMPLOYMENT.replace("2019,79.5,total", "2018,80.1,total"))
    assert data_findings(with_data, "baseline-differs-from-data") == []

