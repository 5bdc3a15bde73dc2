"""Fetch, merge, write: one path for every provider (``sources.FETCHERS``).

Everything is fetched before anything is written: a provider that cannot be reached or answers
in an unexpected shape changes no file. The values are then merged into data/<indicator>.csv (a
fetched year and breakdown replaces the row for it; other rows stay) and written atomically,
each row with its provenance: the provider's source text and the date it was fetched.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from strategykit.atomic import write_atomic
from strategykit.diagnostics import Severity
from strategykit.model import DATA_FOLDER, Indicator, Observation, Provenance, Strategy
from strategykit.model.dimensions import key as dimension_key
from strategykit.project import check
from strategykit.sources import FETCHERS, Value, fetcher_for, kolada
from strategykit.sources.datafiles import to_csv
from strategykit.sources.kolada import FetchError, FetchUsageError, Opener


def fetchable(strategy: Strategy) -> list[Indicator]:
    """The indicators whose provider has a fetcher (``FETCHERS``) and that name a series id."""
    return [i for i in strategy.indicators if i.source and i.source.id and fetcher_for(i.source.provider)]


def _first_year(strategy: Strategy, indicator: Indicator, this_year: int) -> int:
    years = [t.baseline.year for _, t in strategy.targets_using(indicator.id)
             if t.baseline and t.baseline.year is not None]
    years += [o.year for o in strategy.observations.get(indicator.id, ()) if o.year is not None]
    if strategy.period_start is not None:
        years.append(strategy.period_start)
    return min(min(years, default=this_year - 10), this_year)


def municipalities(strategy: Strategy, indicator: Indicator) -> list[str]:
    """The codes of the region's municipalities whose values to fetch: those the strategy knows in its
    county, when the indicator is broken down by municipality (none for a region that is one)."""
    if "municipality" not in indicator.breakdowns or len(strategy.region_code) != 2:
        return []
    known = strategy.dimensions()["municipality"].values
    return [code for code, _ in known if code.startswith(strategy.region_code)]


def merged(existing: tuple[Observation, ...], fetched: list[Value], indicator: Indicator,
           retrieved: str, source: str, by_municipality: dict[str, list[Value]] | None = None) -> list[Observation]:
    """The file's rows after a fetch: fetched values replace the same year and breakdown, others stay.

    A municipality's values (``by_municipality``, code → values) are its totals: a row holds one
    breakdown, so its values for women and men are not kept.
    """
    rows = {(o.year, o.breakdown): o for o in existing}
    provenance = Provenance(source=source, retrieved=retrieved)
    for v in fetched:
        if v.breakdown != "total" and "gender" not in indicator.breakdowns:
            continue
        rows[(v.year, v.breakdown)] = Observation(v.year, v.value, provenance, breakdown=v.breakdown)
    for code, values in (by_municipality or {}).items():
        key = dimension_key("municipality", code)
        for v in values:
            if v.breakdown == "total":
                rows[(v.year, key)] = Observation(v.year, v.value, provenance, breakdown=key)
    return list(rows.values())


def fetch_data(root: Path, *, indicator: str | None = None, opener: Opener | None = None,
               today: _dt.date | None = None, api: str | None = None) -> list[str]:
    """Fetch, then write data/<indicator>.csv for every indicator a fetcher serves (or just ``indicator``).

    Returns one line per indicator saying what happened. Raises FetchError (nothing
    written) when the strategy cannot be read, a data file to be rewritten has errors,
    or a provider cannot be reached or answers in an unexpected shape: everything is
    fetched before anything is written.
    """
    today = today or kolada._clock()
    root = Path(root)
    result = check(root)
    model = result.model
    if model is None:
        raise FetchError("goals.yaml cannot be read; run 'strategy check' to see why.")
    if indicator is not None:
        chosen = model.indicator(indicator)
        if chosen is None:
            raise FetchUsageError(f"'{indicator}' is not an indicator of this strategy.")
        if chosen not in fetchable(model):
            provider = chosen.source.provider if chosen.source else "no source"
            raise FetchUsageError(f"Indicator '{indicator}' cannot be fetched: its source is {provider}, and the "
                                  f"toolkit fetches from {', '.join(f.title for f in FETCHERS.values())}.")
        selected = [chosen]
    else:
        selected = fetchable(model)
    broken = sorted({d.position.file for d in result.diagnostics if d.severity is Severity.ERROR
                     and d.position.file in {f"{DATA_FOLDER}/{i.id}.csv" for i in selected}})
    if broken:
        raise FetchError(f"{', '.join(broken)} has errors; fix them first ('strategy check' shows them), "
                         "so that no value in it is lost when it is rewritten.")
    if model.region_scheme != "se":
        raise FetchError(f"The toolkit's providers ({', '.join(f.title for f in FETCHERS.values())}) have Swedish "
                         f"counties and municipalities only; the region's code '{model.region_code}' is a "
                         f"{model.region_scheme} code.")
    fetched = {}
    for ind in selected:
        fetcher = fetcher_for(ind.source.provider)
        years = list(range(_first_year(model, ind, today.year), today.year + 1))
        region = fetcher.series(ind.source.id, fetcher.area(model.region_code), years, opener, api)
        # One request per municipality: each answer is checked as the region's is, area by area.
        local = {code: fetcher.series(ind.source.id, fetcher.area(code), years, opener, api)
                 for code in municipalities(model, ind)}
        fetched[ind.id] = (fetcher, region, {code: v for code, v in local.items() if v})
    lines = []
    for ind in selected:
        fetcher, values, local = fetched[ind.id]
        file = f"{DATA_FOLDER}/{ind.id}.csv"
        source = fetcher.source_text(ind.source.id)
        if not values and not local:
            lines.append(f"{file}: {fetcher.title} has no values for {source} in "
                         f"{fetcher.area(model.region_code)}; the file was left as it was.")
            continue
        rows = merged(model.observations.get(ind.id, ()), values, ind, today.isoformat(), source, local)
        write_atomic(root / file, to_csv(rows).encode("utf-8"))
        years = sorted({v.year for v in values} | {v.year for vs in local.values() for v in vs})
        count = len(values) + sum(1 for vs in local.values() for v in vs if v.breakdown == "total")
        where = f", {len(local)} municipalities among them" if local else ""
        lines.append(f"{file}: {count} values from {source} ({years[0]}–{years[-1]}{where}).")
    skipped = [i.id for i in model.indicators if i not in selected and indicator is None]
    if skipped:
        lines.append(f"Not fetched (no fetcher for their source; the toolkit fetches from "
                     f"{', '.join(f.title for f in FETCHERS.values())}): " + ", ".join(skipped) + ".")
    return lines
