"""The JSON Schema: valid itself, self-documenting, and its errors said in plain words."""

from __future__ import annotations

import json

import jsonschema
import pytest

from strategykit.project import check
from strategykit.source.schema import load_schema

from conftest import REPO, edit, find, line_of


def test_schema_is_valid_draft_2020_12():
    schema = json.loads((REPO / "schema" / "goals.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema")


def test_packaged_schema_is_the_repository_schema():
    assert load_schema() == json.loads((REPO / "schema" / "goals.schema.json").read_text())


def _properties(node, path=""):
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield f"{path}/{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{path}/{i}")


def test_every_property_has_a_description():
    missing = [p for p, sub in _properties(load_schema()) if "description" not in sub]
    assert missing == []


def test_every_object_with_fixed_keys_rejects_unknown_keys():
    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                yield node
            for sub in node.values():
                yield from objects(sub)
        elif isinstance(node, list):
            for sub in node:
                yield from objects(sub)
    assert all(o.get("additionalProperties") is False for o in objects(load_schema()))


def test_typo_in_key_is_unknown_key_with_suggestion(minimal):
    edit(minimal, "        title: Fler i arbete", "        titel: Fler i arbete")
    found = find(minimal, "unknown-key")
    d = found[0]
    assert (d.position.line, d.position.column) == (line_of(minimal, "titel:"), 9)
    assert "Did you mean 'title'?" in d.hint
    assert 'goal "P1.1"' in d.message


def test_missing_required_key_names_the_key(minimal):
    edit(minimal, "        title: Fler i arbete\n", "")
    d = [d for d in find(minimal, "missing-key")][0]
    assert "'title'" in d.message and 'goal "p1.1"' in d.message.lower()
    assert "Add 'title:'" in d.hint


def test_wrong_type_says_expected_and_found(minimal):
    edit(minimal, "baseline: {year: 2019,", "baseline: {year: tjugo,")
    (d,) = find(minimal, "wrong-type")
    assert "whole number" in d.message and '"tjugo"' in d.message
    assert d.position.line == line_of(minimal, "year: tjugo")


@pytest.mark.parametrize("written", ["no", "NO", "off", "yes"])
def test_yaml_11_boolean_trap_gets_quote_hint(minimal, written):
    edit(minimal, "    title: Jämlikhet", f"    title: {written}")
    (d,) = find(minimal, "wrong-type")
    assert f'"{written}"' in d.hint and "Quote" in d.hint


def test_unquoted_version_number_gets_quote_hint(minimal):
    edit(minimal, 'version: "1.0"', "version: 1.10")
    (d,) = find(minimal, "wrong-type")
    assert "1.1" in d.message and '"1.10"' in d.hint


def test_enum_value_gets_allowed_values_and_suggestion(minimal):
    edit(minimal, "status: draft", "status: drafts")
    (d,) = find(minimal, "invalid-value")
    assert "Did you mean 'draft'?" in d.hint and "adopted" in d.hint


def test_impossible_date_is_reported(minimal):
    edit(minimal, 'date: "2020-01-15"', 'date: "2020-02-30"')
    (d,) = find(minimal, "invalid-value")
    assert "date" in d.message


def test_unquoted_date_is_accepted(minimal):
    edit(minimal, 'date: "2020-01-15"', "date: 2020-01-15")
    assert check(minimal).ok


def test_region_code_must_be_quoted_digits(minimal):
    edit(minimal, 'code: "99"', "code: 99")
    (d,) = find(minimal, "wrong-type")
    assert '"99"' in d.hint


def test_schema_errors_still_get_rule_results(minimal):
    edit(minimal, "        title: Fler i arbete", "        titel: Fler i arbete")
    edit(minimal, "indicator: population", "indicator: populaton")
    found = {d.code for d in check(minimal).diagnostics}
    assert {"unknown-key", "missing-key", "unknown-indicator"} <= found


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd",
                                 "https://x)<img src=x onerror=alert(1)>", "https://example.org/a b",
                                 "//example.org/x"])
def test_links_in_goals_must_be_plain_web_addresses(minimal, url):
    edit(minimal, "{provider: Kolada, id: N00914}", f"{{provider: Kolada, id: N00914, url: '{url}'}}")
    (d,) = find(minimal, "invalid-value")
    assert d.position.line == line_of(minimal, "url:")
    assert "https://" in d.hint


@pytest.mark.parametrize("url", ["https://www.kolada.se/verktyg/fri-sokning/?kpis=N00914&years=2024",
                                 "http://example.org/path_(x)".replace("(x)", "x")])
def test_web_addresses_are_accepted(minimal, url):
    edit(minimal, "{provider: Kolada, id: N00914}", f"{{provider: Kolada, id: N00914, url: '{url}'}}")
    assert check(minimal).ok


# -- Swedish number habits ---------------------------------------------------------------

def diagnostics(root) -> list[tuple[str, int, int]]:
    return [(d.code, d.position.line, d.position.column) for d in check(root).diagnostics]


def test_decimal_comma_in_a_flow_mapping_is_named_as_such(minimal):
    edit(minimal, "value: 79.5, illustrative: true}", "value: 79,5, illustrative: true}")
    (d,) = find(minimal, "unknown-key")
    assert "'79,5' looks like a number with a decimal comma" in d.message
    assert d.hint == "Write numbers with a point for decimals and no spaces: 79.5."
    assert [code for code, *_ in diagnostics(minimal)] == ["unknown-key"]


def test_a_digit_key_that_does_not_follow_a_value_is_an_ordinary_unknown_key(minimal):
    edit(minimal, "{year: 2019, value: 79.5, illustrative: true}", "{year: 2019, value: 79.5, 5: x, illustrative: true}")
    (d,) = find(minimal, "unknown-key")
    assert "decimal comma" not in d.message


@pytest.mark.parametrize("written,plain", [("270 154", "270154"), ("270\u00a0154", "270154"), ("45,0", "45.0"),
                                           ("1 234,5", "1234.5")])
def test_swedish_number_in_a_block_mapping_gets_the_number_hint_and_nothing_else(minimal, written, plain):
    edit(minimal, "value: 270154", f"value: {written}")
    assert [code for code, *_ in diagnostics(minimal)] == ["wrong-type"]
    (d,) = find(minimal, "wrong-type")
    assert d.position.line == line_of(minimal, f"value: {written}")
    assert d.hint == f"Write numbers with a point for decimals and no spaces: {plain}."


def test_text_where_a_number_belongs_keeps_the_plain_wrong_type_hint(minimal):
    edit(minimal, "value: 270154", "value: många")
    (d,) = find(minimal, "wrong-type")
    assert "point for decimals" not in d.hint


def test_baseline_written_with_a_wrong_year_is_not_also_a_missing_baseline(minimal):
    edit(minimal, "baseline: {year: 2019,", "baseline: {year: tjugo,")
    assert [code for code, *_ in diagnostics(minimal)] == ["wrong-type"]
