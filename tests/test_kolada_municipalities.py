"""`strategy data fetch` for an indicator broken down by municipality: each municipality of the
region is asked for, and its totals are written as rows of the `municipality` column.

The answers are recorded-shape files in tests/fixtures/kolada/ (placeholder numbers); the live
service is never reached.
"""

from __future__ import annotations

from strategykit.project import check, load_strategy
from strategykit.sources.fetch import fetch_data
from strategykit.sources.kolada import FetchError

import pytest

from conftest import edit
from test_kolada import RECORDED, TODAY, recorded, repo  # noqa: F401 (repo is a fixture)


def by_area(calls: list[str]):
    """The recorded answers: the county's as in test_kolada, a municipality's from N01951-<code>.json,
    and an empty answer for a municipality without a recorded one."""
    county = recorded(calls)

    def opener(url: str, timeout: float) -> bytes:
        area = url.split("/municipality/")[1].split("/")[0]
        if area == "0024":
            return county(url, timeout)
        calls.append(url)
        kpi = url.split("/kpi/")[1].split("/")[0]
        answer = RECORDED / f"{kpi}-{area}.json"
        return (answer if answer.exists() else RECORDED / "N01951-empty.json").read_bytes()
    return opener


@pytest.fixture
def municipal(repo):
    edit(repo, "    source: {provider: Kolada, id: N01951}\n",
         "    source: {provider: Kolada, id: N01951}\n    breakdowns: [municipality]\n")
    return repo


def test_each_municipality_of_the_county_is_asked_for_and_its_totals_written(municipal):
    calls: list[str] = []
    lines = fetch_data(municipal, indicator="population", opener=by_area(calls), today=TODAY)
    asked = sorted(u.split("/municipality/")[1].split("/")[0] for u in calls if "/0024/" not in u)
    assert asked == ["2401", "2403", "2404", "2409", "2417", "2418", "2421", "2422", "2425", "2460",
                     "2462", "2463", "2480", "2481", "2482"]
    assert lines == ["data/population.csv: 13 values from Kolada, KPI N01951 (2019–2021, 2 municipalities "
                     "among them)."]
    text = (municipal / "data" / "population.csv").read_text(encoding="utf-8").splitlines()
    assert text[0] == "year,value,breakdown,municipality,provenance,source,retrieved"
    assert '2019,60000,,2480,sourced,"Kolada, KPI N01951",2025-03-01' in text
    assert '2020,40500,,2482,sourced,"Kolada, KPI N01951",2025-03-01' in text
    result = check(municipal)
    assert result.ok, [d.message for d in result.diagnostics]
    assert [o.value for o in result.model.series("population", "municipality:2480")] == [60000, 61000]


def test_an_indicator_not_broken_down_by_municipality_asks_for_the_county_only(repo):
    calls: list[str] = []
    fetch_data(repo, indicator="population", opener=by_area(calls), today=TODAY)
    assert all("/municipality/0024/" in u for u in calls)
    assert "municipality" not in (repo / "data" / "population.csv").read_text(encoding="utf-8")


def test_a_bad_answer_for_one_municipality_writes_nothing(municipal):
    good = by_area([])

    def opener(url: str, timeout: float) -> bytes:
        if "/municipality/2482/" in url:
            return b'{"values": "not a list"}'
        return good(url, timeout)
    with pytest.raises(FetchError):
        fetch_data(municipal, indicator="population", opener=opener, today=TODAY)
    assert not (municipal / "data" / "population.csv").exists()
    assert load_strategy(municipal).model.observations.get("population", ()) == ()
