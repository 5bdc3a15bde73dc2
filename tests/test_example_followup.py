"""The example's observed values: one file per indicator, honest provenance, and a status for every target."""

from __future__ import annotations

import json

import pytest

from strategykit.cli import main
from strategykit.analysis.followup import Status, follow_up
from strategykit.project import check

from conftest import REPO, TESTS

# County population on 31 December, SCB (BE0101A) via Regionfakta: /work/shared/reference/vasterbotten.md
POPULATION = {2018: 270154, 2020: 273192, 2021: 274563, 2022: 276295, 2023: 278729, 2024: 281138}


@pytest.fixture(scope="module")
def model():
    result = check(REPO)
    assert result.ok, [(d.code, str(d.position)) for d in result.diagnostics]
    return result.model


def test_every_indicator_has_a_data_file_and_every_file_an_indicator(model):
    assert sorted(f.indicator_id for f in model.data_files) == sorted(i.id for i in model.indicators)


def test_the_population_totals_are_the_sourced_reference_values(model):
    totals = model.series("population")
    assert {o.year: o.value for o in totals} == POPULATION
    for o in totals:
        assert not o.provenance.illustrative
        assert "BE0101A" in o.provenance.source and "Regionfakta" in o.provenance.source
        assert o.provenance.retrieved


MUNICIPAL_POPULATION_2024 = {"municipality:2480": 134249, "municipality:2482": 78150, "municipality:2403": 2359}
"""Umeå, Skellefteå and Bjurholm on 31 December 2024 (SCB via Regionfakta, in the reference facts)."""


def test_every_other_value_is_marked_illustrative(model):
    for indicator, series in model.observations.items():
        for o in series:
            if (indicator, o.breakdown) != ("population", "total") and not (
                    indicator == "population" and o.breakdown in MUNICIPAL_POPULATION_2024):
                assert o.provenance.illustrative, (indicator, o)


def test_the_sourced_municipal_populations_are_the_reference_values(model):
    for key, value in MUNICIPAL_POPULATION_2024.items():
        (o,) = model.series("population", key)
        assert (o.year, o.value) == (2024, value) and not o.provenance.illustrative
        assert "BE0101A" in o.provenance.source
    others = [o for o in model.observations["population"]
              if o.breakdown.startswith("municipality:") and o.breakdown not in MUNICIPAL_POPULATION_2024]
    assert len(others) == 12 and all(o.provenance.illustrative for o in others)


def test_no_recorded_kolada_placeholder_reaches_the_example(model):
    placeholders = set()
    for path in (TESTS / "fixtures" / "kolada").glob("*.json"):
        for item in json.loads(path.read_text())["values"]:
            placeholders |= {(item["period"], v["value"]) for v in item["values"] if v["value"] is not None}
    used = {(o.year, o.value) for series in model.observations.values() for o in series}
    assert not placeholders & used


def test_baselines_agree_with_the_data_at_the_baseline_year(model):
    for _, t in model.targets():
        values = {o.year: o.value for o in model.series(t.indicator_id, t.breakdown)}
        assert values.get(t.baseline.year) == t.baseline.value, t.id


def test_every_target_gets_a_status_and_the_statuses_vary(model):
    report = follow_up(model)
    statuses = [t.status for t in report.targets()]
    assert Status.NO_DATA not in statuses
    assert Status.ON_TRACK in statuses and Status.MOVING_AWAY in statuses
    assert any(s.too_slow for s in statuses)
    assert 1 <= statuses.count(Status.MOVING_AWAY) <= 2


@pytest.mark.parametrize("fmt", ["markdown", "json", "text"])
def test_report_on_the_example_in_every_format(fmt, capsys):
    assert main(["report", str(REPO), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "P6.4.a" in out
