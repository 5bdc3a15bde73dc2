"""`strategy report`: the yearly follow-up in markdown, json and text, and what changed since last year."""

from __future__ import annotations

import json

import pytest

from strategykit.cli import main
from strategykit.present.followup import REPORT_FORMATTERS

from conftest import edit

HEADER = "year,value,breakdown,provenance,source,retrieved\n"
EMPLOYMENT = HEADER + (
    "2020,80.0,total,illustrative,,\n"
    "2020,79.0,women,illustrative,,\n"
    "2020,81.0,men,illustrative,,\n"
    "2021,79.0,total,illustrative,,\n"
    "2021,78.2,women,illustrative,,\n"
    "2021,79.8,men,illustrative,,\n"
)
POPULATION = HEADER + (
    '2020,273192,total,sourced,"SCB, BE0101A via Regionfakta",2025-01-15\n'
    '2021,274563,total,sourced,"SCB, BE0101A via Regionfakta",2025-01-15\n'
)


@pytest.fixture
def repo(minimal):
    (minimal / "data").mkdir()
    (minimal / "data" / "employment-rate.csv").write_text(EMPLOYMENT, encoding="utf-8")
    (minimal / "data" / "population.csv").write_text(POPULATION, encoding="utf-8")
    return minimal


def test_formatters_are_in_one_dict():
    assert set(REPORT_FORMATTERS) == {"markdown", "json", "text"}


def test_markdown_report_in_the_strategy_language(repo, capsys):
    assert main(["report", str(repo)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Uppföljning av målen 2021\n")
    assert "## P1 Arbete" in out and "### P1.1 Fler i arbete" in out
    assert "| Delmål | Indikator | Utgångsvärde | Senaste värde | Kvinnor | Män | Målvärde | Bedömning |" in out
    assert "Går åt fel håll" in out and "I rätt takt" in out
    assert "79,5\u00a0%* (2019)" in out          # the baseline, marked illustrative
    assert "78,2\u00a0%* (2021)" in out          # women's latest value, side by side
    assert "274\u202f563 (2021)" in out          # sourced: no mark
    assert "## Förändringar sedan föregående år (2020)" in out
    assert "- Delmål P1.1.a: I rätt takt → Går åt fel håll (sämre)" in out
    assert "## Så bedöms utvecklingen" in out


def test_report_year_chooses_the_values(repo, capsys):
    assert main(["report", str(repo), "--year", "2020", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (target,) = data["priorities"][0]["goals"][0]["targets"]
    assert data["year"] == 2020 and target["latest"]["year"] == 2020 and target["status"] == "on-track"


def test_json_report_is_stable_data(repo, capsys):
    assert main(["report", str(repo), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1 and data["year"] == 2021 and data["previous_year"] == 2020
    assert data["method"]["on_track_ratio"] == 0.95
    assert data["summary"]["moving-away"] == 1 and data["summary"]["acceleration-needed"] == 1
    goal = data["priorities"][0]["goals"][0]
    assert (goal["id"], goal["status"]) == ("P1.1", "moving-away")
    target = goal["targets"][0]
    assert set(target) >= {"id", "status", "baseline", "latest", "target", "ratio", "by_breakdown", "series"}
    assert target["by_breakdown"]["women"]["value"] == 78.2
    assert {"kind": "target", "id": "P1.1.a", "before": "on-track", "after": "moving-away",
            "improved": False} in data["changes"]


def test_text_report_for_the_terminal(repo, capsys):
    assert main(["report", str(repo), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "P1.1.a: 79,5 %* (2019) → 79 %* (2021); målvärde 82 %* (2030)  [Går åt fel håll]  R = −1,12" in out
    assert "P1.2.a: 270 154 (2018) → 274 563 (2021); målvärde 300 000* (2030)  [Framsteg, men takten behöver öka]" in out
    assert "kvinnor 78,2 %* (2021), män 79,8 %* (2021)" in out


def test_english_strategy_gets_english_labels(repo, capsys):
    edit(repo, "language: sv", "language: en")
    assert main(["report", str(repo)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Follow-up of the targets 2021") and "Moving away" in out


def test_report_can_be_written_to_a_file(repo, tmp_path, capsys):
    out = tmp_path / "uppfoljning.md"
    assert main(["report", str(repo), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Uppföljning av målen 2021")


def test_no_data_at_all_still_gives_a_report(minimal, capsys):
    assert main(["report", str(minimal), "--format", "text"]) == 0
    assert "[Inga nya data ännu]" in capsys.readouterr().out


def test_report_refuses_a_strategy_with_errors(repo, capsys):
    (repo / "data" / "population.csv").write_text(HEADER + "2021,lots,total,illustrative,,\n", encoding="utf-8")
    assert main(["report", str(repo)]) == 1
    err = capsys.readouterr().err
    assert "data-non-numeric-value" in err and "Ingen rapport gjordes" in err


def test_unknown_format_is_a_usage_error(repo):
    with pytest.raises(SystemExit) as exc:
        main(["report", str(repo), "--format", "pdf"])
    assert exc.value.code == 2
