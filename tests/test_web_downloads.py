"""The open-data downloads: indicators and targets as CSV and JSON that say what the model says."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from strategykit.render.web import downloads
from web_support import built


@pytest.fixture(scope="module", params=["minimal", "example"])
def b(request):
    return built(request.param)


def _read(b, name: str) -> str:
    return (b.site / "data" / downloads.file_name(name, b.model.language)).read_bytes().decode("utf-8")


def test_indicators_json_matches_the_model(b):
    data = json.loads(_read(b, "indicators.json"))
    assert data["strategy"] == b.model.id and data["edition"] == b.model.edition.version
    got = data["indicators"]
    assert [i["id"] for i in got] == [i.id for i in b.model.indicators]
    for row, ind in zip(got, b.model.indicators):
        assert (row["name"], row["unit"], row["decimals"]) == (ind.name, ind.unit, ind.decimals)
        assert row["source_provider"] == (ind.source.provider if ind.source else None)
        assert row["source_id"] == (ind.source.id if ind.source else None)
        assert row["breakdowns"] == list(ind.breakdowns)


def test_targets_json_matches_the_model(b):
    got = json.loads(_read(b, "targets.json"))["targets"]
    expected = list(b.model.targets())
    assert [t["target_id"] for t in got] == [t.id for _, t in expected]
    for row, (goal, t) in zip(got, expected):
        assert row["goal_id"] == goal.id and row["priority_id"] == goal.priority_id
        assert row["indicator_id"] == t.indicator_id
        assert row["baseline_year"] == t.baseline.year
        assert row["baseline_value"] == t.baseline.value
        assert row["baseline_illustrative"] is t.baseline.provenance.illustrative
        assert row["target_year"] == t.target.year and row["target_value"] == t.target.value
        assert [(m["year"], m["value"]) for m in row["milestones"]] == [(m.year, m.value) for m in t.milestones]


def test_csv_files_hold_the_same_rows_as_the_json_files(b):
    for stem in ("indicators", "targets"):
        rows = list(csv.DictReader(io.StringIO(_read(b, f"{stem}.csv"), newline="")))
        records = json.loads(_read(b, f"{stem}.json"))[stem]
        assert len(rows) == len(records)
        for row, rec in zip(rows, records):
            for key, value in rec.items():
                if isinstance(value, bool):
                    value = "true" if value else "false"
                elif key == "milestones":
                    value = ";".join(f"{m['year']}:{m['value']}" for m in value)
                elif key == "breakdowns":
                    value = ";".join(value)
                assert row[key] == ("" if value is None else str(value)), (stem, key)


def test_downloads_are_deterministic(b):
    # The site's downloads are the edition's: the values known at its date (analysis.known).
    from strategykit.analysis.known import known_at
    from strategykit.plan import edition_date

    edition = known_at(b.model, edition_date(b.model))
    assert downloads.render(edition) == downloads.render(edition)
    for name, text in downloads.render(edition).items():
        assert _read(b, name) == text


def test_numbers_are_machine_readable_not_formatted():
    b = built("minimal")
    text = _read(b, "targets.csv")
    assert ",79.5," in text and ",270154," in text
    assert "\u202f" not in text


def test_downloads_page_links_every_file():
    b = built("minimal")
    html = (b.site / "ladda-ner" / "index.html").read_text(encoding="utf-8")
    for name in downloads.FILES:
        assert f'href="../data/{downloads.file_name(name, b.model.language)}"' in html, name
    assert re.search(r'href="\.\./test-strategy-1\.0\.pdf"', html)


def test_downloads_table_has_three_columns_with_each_files_contents_under_its_link():
    # A fourth column (the contents) lay beside the scroll box on a 390 px phone.
    b = built("minimal")
    html = (b.site / "ladda-ner" / "index.html").read_text(encoding="utf-8")
    table = html[html.index("<table"):html.index("</table>")]
    assert len(re.findall(r"<th[ >]", table)) == 3
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert len(rows) == len(downloads.FILES) + 1  # the data files and the PDF
    for row in rows:
        first = re.search(r"<td[^>]*>(.*?)</td>", row, re.S).group(1)
        assert re.search(r'<a href="[^"]+">[^<]+</a><br ?/?><span class="sk-file-contents">\w', first), first


def test_observed_values_are_downloadable_with_their_provenance():
    b = built("observed")
    records = json.loads(_read(b, "observations.json"))["observations"]
    expected = [(ind.id, o.year, o.breakdown, o.value, o.provenance.illustrative, o.provenance.source,
                 o.provenance.retrieved)
                for ind in b.model.indicators for o in b.model.observations.get(ind.id, ())]
    assert len(expected) == 8
    assert [(r["indicator_id"], r["year"], r["breakdown"], r["value"], r["provenance"] == "illustrative",
             r["source"], r["retrieved"]) for r in records] == expected
    rows = list(csv.DictReader(io.StringIO(_read(b, "observations.csv"), newline="")))
    assert [{k: ("" if v is None else str(v)) for k, v in r.items()} for r in records] == rows
    assert rows[0] == {"indicator_id": "employment-rate", "year": "2019", "breakdown": "total", "value": "79.5",
                       "provenance": "sourced", "source": "SCB, AKU", "retrieved": "2025-01-15"}


def test_followup_json_holds_the_assessment_of_every_target():
    from strategykit.analysis.followup import follow_up

    b = built("observed")
    data = json.loads(_read(b, "followup.json"))
    report = follow_up(b.model)
    assert data["year"] == report.year == 2022
    got = {t["id"]: t["status"] for p in data["priorities"] for g in p["goals"] for t in g["targets"]}
    assert got == {tp.target_id: tp.status.value for tp in report.targets()}


def test_download_files_are_named_in_the_strategys_language():
    sv = built("example")
    assert sorted(p.name for p in (sv.site / "data").iterdir()) == [
        "indikatorer.csv", "indikatorer.json", "matbara-mal.csv", "matbara-mal.json", "uppfoljning.json",
        "uppmatta-varden.csv", "uppmatta-varden.json"]
    page = (sv.site / "ladda-ner" / "index.html").read_text("utf-8")
    assert 'href="../data/indikatorer.csv"' in page and "indicators.csv" not in page
    assert downloads.file_name("observations.csv", "en") == "observations.csv"
