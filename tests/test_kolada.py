"""`strategy data fetch` against recorded-shape Kolada v3 answers; the live service is never reached."""

from __future__ import annotations

import datetime as dt
import urllib.error

import pytest

from strategykit.sources import kolada
from strategykit.cli import main
from strategykit.sources.fetch import fetch_data
from strategykit.sources.kolada import FetchError, FetchUsageError, parse_page, region_id
from strategykit.project import check, load_strategy

from conftest import TESTS, edit

RECORDED = TESTS / "fixtures" / "kolada"
TODAY = dt.date(2025, 3, 1)


def recorded(calls: list[str]):
    """An opener that answers from tests/fixtures/kolada/ and remembers what was asked."""
    def opener(url: str, timeout: float) -> bytes:
        calls.append(url)
        kpi = url.split("/kpi/")[1].split("/")[0]
        if kpi == "N01951":
            name = "N01951-0024-page2.json" if "page=2" in url else "N01951-0024-page1.json"
        else:
            name = f"{kpi}-0024.json"
        return (RECORDED / name).read_bytes()
    return opener


def failing(exc: Exception):
    def opener(url: str, timeout: float) -> bytes:
        raise exc
    return opener


@pytest.fixture
def repo(minimal):
    edit(minimal, 'code: "99"', 'code: "24"')
    edit(minimal, "    source: {provider: Kolada, id: N00914}\n",
         "    source: {provider: Kolada, id: N00914}\n    breakdowns: [gender]\n")
    edit(minimal, "value: 79.5, illustrative: true", "value: 71, illustrative: true")  # Kolada's 2019 value
    return minimal


def snapshot(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_region_ids():
    assert region_id("24") == "0024" and region_id("2480") == "2480"
    with pytest.raises(FetchError):
        region_id("2")


def test_the_v3_url_for_a_kpi_area_and_years():
    assert kolada.data_url("N00914", "0024", [2019, 2020]) == \
        "https://api.kolada.se/v3/data/kpi/N00914/municipality/0024/year/2019,2020"


def test_fetch_writes_each_kolada_indicator_with_provenance(repo):
    calls: list[str] = []
    lines = fetch_data(repo, opener=recorded(calls), today=TODAY)
    assert calls[0] == ("https://api.kolada.se/v3/data/kpi/N00914/municipality/0024/year/"
                        "2019,2020,2021,2022,2023,2024,2025")
    assert len(calls) == 3  # N00914, then N01951 over two pages
    assert "data/employment-rate.csv: 9 values from Kolada, KPI N00914 (2019–2022)." in lines
    text = (repo / "data" / "employment-rate.csv").read_text(encoding="utf-8")
    assert text.splitlines()[:4] == [
        "year,value,breakdown,provenance,source,retrieved",
        '2019,71,total,sourced,"Kolada, KPI N00914",2025-03-01',
        '2019,70,women,sourced,"Kolada, KPI N00914",2025-03-01',
        '2019,72,men,sourced,"Kolada, KPI N00914",2025-03-01',
    ]
    assert "2021," not in text  # Kolada's 'Missing' values are left out, not written as zero
    assert "71.25,women" in text
    assert check(repo).diagnostics == []


def test_pages_are_followed_and_undeclared_breakdowns_skipped(repo):
    fetch_data(repo, opener=recorded([]), today=TODAY)
    series = load_strategy(repo).model.observations["population"]
    assert [(o.year, o.value) for o in series] == [(2019, 101000), (2020, 102000), (2021, 103000)]
    assert {o.breakdown for o in series} == {"total"}  # population declares no gender breakdown here


def test_fetched_values_replace_their_rows_and_other_rows_stay(repo):
    (repo / "data").mkdir()
    (repo / "data" / "employment-rate.csv").write_text(
        "year,value,breakdown,provenance,source,retrieved\n"
        "2018,69.0,total,illustrative,,\n2019,99.0,total,illustrative,,\n", encoding="utf-8")
    fetch_data(repo, indicator="employment-rate", opener=recorded([]), today=TODAY)
    series = load_strategy(repo).model.series("employment-rate")
    assert [(o.year, o.value, o.provenance.illustrative) for o in series][:2] == [(2018, 69.0, True), (2019, 71.0, False)]


def test_one_indicator_can_be_fetched_alone(repo):
    calls: list[str] = []
    fetch_data(repo, indicator="population", opener=recorded(calls), today=TODAY)
    assert all("/kpi/N01951/" in c for c in calls)
    assert not (repo / "data" / "employment-rate.csv").exists()


@pytest.mark.parametrize("exc", [
    urllib.error.URLError(OSError(-3, "Temporary failure in name resolution")),
    urllib.error.HTTPError("https://api.kolada.se/v3/", 503, "Service Unavailable", {}, None),
    TimeoutError("timed out"),
    ConnectionResetError(104, "Connection reset by peer"),
])
def test_without_network_nothing_changes(repo, exc):
    (repo / "data").mkdir()
    (repo / "data" / "population.csv").write_text(
        "year,value,breakdown,provenance,source,retrieved\n2018,270154,total,sourced,SCB,2025-01-15\n",
        encoding="utf-8")
    before = snapshot(repo)
    with pytest.raises(FetchError):
        fetch_data(repo, opener=failing(exc), today=TODAY)
    assert snapshot(repo) == before


def test_a_failure_on_the_second_indicator_writes_not_even_the_first(repo):
    calls: list[str] = []
    good = recorded(calls)

    def opener(url, timeout):
        if "/kpi/N01951/" in url:
            raise urllib.error.URLError("unreachable")
        return good(url, timeout)

    with pytest.raises(FetchError):
        fetch_data(repo, opener=opener, today=TODAY)
    assert calls and not (repo / "data").exists()


def test_cli_without_network_says_so_and_exits_1(repo, monkeypatch, capsys):
    monkeypatch.setattr(kolada, "urllib_opener", failing(urllib.error.URLError("Name or service not known")))
    before = snapshot(repo)
    assert main(["data", "fetch", str(repo)]) == 1
    err = capsys.readouterr().err
    assert "Kolada (api.kolada.se) could not be reached: Name or service not known" in err
    assert "Nothing was changed in data/." in err
    assert snapshot(repo) == before


def test_cli_fetch_prints_what_it_wrote(repo, monkeypatch, capsys):
    monkeypatch.setattr(kolada, "urllib_opener", recorded([]))
    monkeypatch.setattr(kolada, "_clock", lambda: TODAY)
    assert main(["data", "fetch", str(repo), "--indicator", "population"]) == 0
    assert "data/population.csv: 9 values from Kolada, KPI N01951 (2019–2021)." in capsys.readouterr().out


def test_an_unknown_or_non_kolada_indicator_is_a_usage_error(repo, capsys):
    with pytest.raises(FetchUsageError):
        fetch_data(repo, indicator="nope", opener=recorded([]), today=TODAY)
    edit(repo, "{provider: Kolada, id: N01951}", "{provider: SCB, id: BE0101A}")
    with pytest.raises(FetchUsageError, match="SCB"):
        fetch_data(repo, indicator="population", opener=recorded([]), today=TODAY)
    assert main(["data", "fetch", str(repo), "--indicator", "nope"]) == 2


def test_a_data_file_with_errors_is_not_rewritten(repo):
    (repo / "data").mkdir()
    (repo / "data" / "population.csv").write_text("year,value,provenance\n2018,x,illustrative\n", encoding="utf-8")
    before = snapshot(repo)
    with pytest.raises(FetchError, match="data/population.csv has errors"):
        fetch_data(repo, opener=recorded([]), today=TODAY)
    assert snapshot(repo) == before


@pytest.mark.parametrize("body,what", [
    (b"<html>Service moved</html>", "not JSON"),
    (b'{"count": 0}', "no 'values' list"),
    (b'{"values": [{"kpi": "N00914", "municipality": "0024", "period": 2020, "values": [{"gender": "T", "value": "80"}]}]}',
     "the value '80'"),
    (b'{"values": [], "next_url": "https://elsewhere.example/page2"}', "outside the API"),
])
def test_an_answer_of_the_wrong_shape_is_refused(body, what):
    with pytest.raises(FetchError, match="unexpected shape") as exc:
        parse_page(body, "https://api.kolada.se/v3/x", "N00914", "0024")
    assert what in str(exc.value)


def test_long_year_ranges_are_asked_for_25_years_at_a_time():
    calls: list[str] = []

    def opener(url, timeout):
        calls.append(url)
        return b'{"count": 0, "values": [], "next_url": null}'

    kolada.fetch_series("N00914", "0024", list(range(1990, 2026)), opener)
    assert len(calls) == 2 and calls[0].endswith("year/" + ",".join(str(y) for y in range(1990, 2015)))
