"""The indicators, targets, observed values and follow-up as open data: CSV and JSON made from the model.

The order is the order of goals.yaml (priorities, goals, targets; indicators as
listed; observed values per indicator by breakdown and year), so two builds of the
same sources give byte-identical files. Numbers are written as numbers (a point as
decimal mark), never formatted for a language. A text cell that a spreadsheet would read
as a formula (``=``, ``+``, ``-``, ``@`` …) starts with a ``'`` in the CSV files; the JSON
files keep every text as written.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from strategykit.analysis.followup import FollowUp
from strategykit.model import Strategy
from strategykit.analysis.spreadsheet import neutralise
from strategykit.present import i18n

# Each file by its name in English, which is also its name in an English strategy (``file_name``).
FILES = {
    "indicators.csv": "text/csv",
    "indicators.json": "application/json",
    "targets.csv": "text/csv",
    "targets.json": "application/json",
    "observations.csv": "text/csv",
    "observations.json": "application/json",
    "followup.json": "application/json",
}



def file_name(name: str, language: str) -> str:
    """The file's name in the site, in the strategy's language: 'indicators.csv' → 'indikatorer.csv'."""
    stem, ext = name.rsplit(".", 1)
    return f"{i18n.labels(language)['file_' + stem]}.{ext}"


INDICATOR_COLUMNS = ("id", "name", "unit", "decimals", "definition", "source_provider", "source_id",
                     "source_url", "breakdowns", "frequency", "responsible")

TARGET_COLUMNS = ("priority_id", "goal_id", "target_id", "text", "indicator_id", "breakdown", "direction",
                  "baseline_year", "baseline_value", "baseline_illustrative", "baseline_source",
                  "baseline_retrieved", "baseline_url", "milestones", "target_year", "target_value", "comparator")
"""``comparator``: for a gap target, the comparator's id in the data file's 'comparator' column; its
milestone and target values are then the gaps allowed, not levels."""


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def indicator_records(model: Strategy) -> list[dict[str, Any]]:
    records = []
    for ind in model.indicators:
        src = ind.source
        records.append({
            "id": ind.id, "name": ind.name, "unit": ind.unit, "decimals": ind.decimals,
            "definition": ind.definition,
            "source_provider": src.provider if src else None,
            "source_id": src.id if src else None,
            "source_url": src.url if src else None,
            "breakdowns": list(ind.breakdowns), "frequency": ind.frequency,
            "responsible": ind.responsible or None,
        })
    return records


def target_records(model: Strategy) -> list[dict[str, Any]]:
    records = []
    for goal, t in model.targets():
        b = t.baseline
        records.append({
            "priority_id": goal.priority_id, "goal_id": goal.id, "target_id": t.id, "text": t.text,
            "indicator_id": t.indicator_id, "breakdown": t.breakdown, "direction": t.direction,
            "baseline_year": b.year if b else None,
            "baseline_value": _number(b.value) if b else None,
            "baseline_illustrative": b.provenance.illustrative if b else None,
            "baseline_source": b.provenance.source if b else None,
            "baseline_retrieved": b.provenance.retrieved if b else None,
            "baseline_url": b.provenance.url if b else None,
            "milestones": [{"year": m.year, "value": _number(m.value)} for m in t.milestones],
            "target_year": t.target.year if t.target else None,
            "target_value": _number(t.target.value) if t.target else None,
            "comparator": t.comparator.series if t.comparator is not None else None,
        })
    return records


OBSERVATION_COLUMNS = ("indicator_id", "year", "breakdown", "value", "provenance", "source", "retrieved")


def observation_records(model: Strategy) -> list[dict[str, Any]]:
    """Every observed value of the strategy's indicators (data/<indicator>.csv), with its provenance."""
    records = []
    for ind in model.indicators:
        for o in model.observations.get(ind.id, ()):
            records.append({
                "indicator_id": ind.id, "year": o.year, "breakdown": o.breakdown, "value": _number(o.value),
                "provenance": "illustrative" if o.provenance.illustrative else "sourced",
                "source": o.provenance.source, "retrieved": o.provenance.retrieved,
            })
    return records


def _csv(records: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for r in records:
        row = []
        for c in columns:
            v = r[c]
            if c == "milestones":
                v = ";".join(f"{m['year']}:{m['value']}" for m in v)
            elif c == "breakdowns":
                v = ";".join(v)
            elif isinstance(v, bool):
                v = "true" if v else "false"
            # Text is neutralised for spreadsheets (``spreadsheet``); numbers are written as they are.
            row.append("" if v is None else neutralise(v))
        writer.writerow(row)
    return out.getvalue()


def _json(model: Strategy, key: str, records: list[dict[str, Any]]) -> str:
    payload = {"strategy": model.id, "edition": model.edition.version, key: records}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render(model: Strategy, report: FollowUp | None = None) -> dict[str, str]:
    """Every download file by its English name (see ``FILES``; ``file_name`` gives the name in the
    site), as text; ``report`` is the plan's follow-up."""
    from strategykit.analysis.followup import follow_up
    from strategykit.present.followup import format_json

    indicators, targets = indicator_records(model), target_records(model)
    observations = observation_records(model)
    return {
        "indicators.csv": _csv(indicators, INDICATOR_COLUMNS),
        "indicators.json": _json(model, "indicators", indicators),
        "targets.csv": _csv(targets, TARGET_COLUMNS),
        "targets.json": _json(model, "targets", targets),
        "observations.csv": _csv(observations, OBSERVATION_COLUMNS),
        "observations.json": _json(model, "observations", observations),
        "followup.json": format_json(report if report is not None else follow_up(model), model),
    }
