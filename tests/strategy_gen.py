"""Small random strategies that use every form the model supports, for the property test
"what `strategy check` passes, `strategy build` builds" (tests/test_check_builds.py).

``generate(seed)`` returns the files of one strategy repository (path → text): goals.yaml,
chapters under strategy/, data files under data/ and mkdocs.yml. The same seed gives the same
files. The strategies are small (a few priorities, goals and targets) so that building both
editions of one stays within a few seconds, and varied on purpose:

- languages sv and en; the strategy's own level names; Swedish region codes and a declared ONS code; with and without subtitle, publisher, notice, overall goals, perspectives;
- targets with and without baseline (for a year or over a period), milestones, direction (increase, decrease, maintain, left
  out), thresholds (at-least, more-than, at-most, less-than; the bound above or below the baseline), breakdown (total, women, men), sourced or illustrative baselines, Agenda 2030 targets;
- target values written as a change in percent or a factor against a base year (the baseline's year,
  a year in the data file, or one with no known value);
- gaps against a comparator (``comparator: {name, series}``; for the total, or for women or men against
  the comparator's rows of the same breakdown: closed, at most a gap, halved against the
  baseline year), with the comparator's rows in the data file's column ``comparator`` (a baseline-year
  value now and then missing), or no data file at all;
- ranges to reach and bands to stay within (``low``, ``high``, ``range: reach|stay``); flows per year
  and cumulative totals over a period (``flow: yearly|cumulative``, ``from_year``), with or without a baseline;
- target and milestone value provenance: a decision (body, date, case, link), ``illustrative: true``
  or nothing (a warning);
- indicators in percent, as counts, in a unit text, with negative values, with decimals; names that
  give the same page address, or none, and ``slug:`` fields (their own, or another's old address);
- data files: missing, header only, one row, several years, women and men rows, sourced rows;
  years before the edition's date and after it, so that the editions show only the earlier ones and
  several follow-up years (each a publication of its own) are built;
- dimensions: gender, municipality, age, birth and one of the strategy's own (declared with labels that
  hold Markdown-active characters); targets set for one municipality, age band or own value;
- data files: missing, header only, one row, several years, women and men rows, sourced rows; a column
  per dimension with values for some of its values (partial), for all, or none (an empty column);
  rows that cross two declared dimensions (women and men per municipality, two own dimensions);
- chapters that present nothing, a priority, single goals, or a goal presented in two chapters;
- commitments beside targets or instead of them (the strategy then sometimes follows goals up by
  judgement), with owners of each kind, named or not, with and without who assesses them, and
  none to three yearly assessments on the scale, with evidence links, some illustrative; a goal with
  commitments and no target is then judged by them (every step of the scale, and "not assessed yet"
  when none of its commitments has an assessment up to a follow-up's year); assessments for years
  with no observed value, so that some follow-up years rest on assessments alone (about half of the
  strategies that check clean), and now and then a strategy whose only follow-up is by judgement;
- cross-cutting goals: contributing to other priorities, sharing other goals' targets (some with no
  target of their own), linking to the national strategy's areas; with an id named twice or
  naming its own priority or target now and then (warnings: what checks must still build);
- frameworks declared in goals.yaml: one of the strategy's own or the national strategy declared
  afresh with priorities within its areas, one or two levels of parts, goals linked at either level;
- titles and texts with Markdown-active characters (``*``, ``_``, ``#``, ``<``, ``[``, ``|``, ``$``).

Every later target form is to be added here, so that the property test holds it to "check ⇒ build".
Not every generated strategy checks clean (a goal left unpresented, a baseline left out): the
property test only builds those that do, and counts them.
"""

from __future__ import annotations

import random
from importlib import resources

import yaml

_WORDS = ("arbete", "kompetens", "bostäder", "klimat", "innovation", "hälsa", "trafik", "kultur",
          "skog", "energi", "inflyttning", "utbildning", "vatten", "näringsliv", "service")
_TRICKY = ("*stjärna*", "under_score", "# inte rubrik", "<b>fet</b>", "[länk]", "a | b", "5 $ och 6 $",
           "50 %", "«citat»", "é och ü", "`kod`", "\\ bakstreck", "{: .klass}", "&amp;")
_UNITS = (("percent", 0, 100), ("count", 0, 500_000), ("ton CO2e per invånare", -5, 12),
          ("kronor", 100, 90_000), ("index", -50, 50))


def _text(rng: random.Random, words: int) -> str:
    out = [rng.choice(_WORDS) for _ in range(words)]
    if rng.random() < 0.35:
        out.insert(rng.randrange(len(out) + 1), rng.choice(_TRICKY))
    return " ".join(out).capitalize()


def _value(rng: random.Random, lo: float, hi: float, decimals: int) -> float | int:
    v = round(rng.uniform(lo, hi), decimals)
    return int(v) if decimals == 0 else v


MUNICIPALITIES = ("2401", "2403", "2404", "2409", "2417", "2418", "2421", "2422", "2425", "2460", "2462", "2463",
                  "2480", "2481", "2482")
AGE_BANDS = ("0-19", "20-64", "65+", "16-24")
OWN_DIMENSION = {"id": "sector", "name": "Näringsgren", "values": [
    {"id": "forestry", "label": "Skogsbruk"}, {"id": "tourism", "label": "Besöks*näring* <b>"},
    {"id": "mining", "label": "Gruv | industri"}, {"id": "it", "label": "[IT] & tjänster"}]}
"""A dimension of the strategy's own, its labels with Markdown-active characters."""


def _dimensions(brng: random.Random) -> list[str]:
    """The dimensions other than gender an indicator is broken down by (drawn from their own stream,
    so that the strategies of earlier seeds stay as they were)."""
    out = []
    for name, chance in (("municipality", 0.35), ("age", 0.2), ("sector", 0.15), ("birth", 0.1)):
        if brng.random() < chance:
            out.append(name)
    return out


def _dimension_values(name: str) -> list[str]:
    return {"municipality": list(MUNICIPALITIES), "age": list(AGE_BANDS), "birth": ["sweden", "abroad"],
            "sector": [v["id"] for v in OWN_DIMENSION["values"]]}[name]


def _indicator(rng: random.Random, i: int) -> dict:
    unit, lo, hi = rng.choice(_UNITS)
    decimals = rng.choice((0, 0, 1, 2))
    ind: dict = {"id": f"ind-{i}", "name": _text(rng, 3), "unit": unit}
    # Page addresses: a name another indicator may share, a name with no letters, the overview's
    # name, a slug of its own or one that is another indicator's old id-made address.
    r = rng.random()
    if r < 0.1:
        ind["name"] = rng.choice(("Index", "Samma namn", "% – ?", "Ände, ändå"))
    elif r < 0.25:
        ind["slug"] = rng.choice((f"sida-{i}", f"ind-{i + 1}", "samma-namn"))
    if rng.random() < 0.5:
        ind["decimals"] = decimals
    ind["source"] = {"provider": rng.choice(("Kolada", "SCB")), "id": f"N{i:05d}"}
    if rng.random() < 0.4:
        ind["breakdowns"] = ["gender"]
    own = _dimensions(random.Random(f"dimensions-{i}-{unit}-{decimals}-{len(ind['name'])}"))
    if own:
        ind["breakdowns"] = ind.get("breakdowns", []) + own
    if rng.random() < 0.3:
        ind["definition"] = _text(rng, 6)
    ind["_range"] = (lo, hi, decimals if "decimals" in ind else 1)
    return ind


def _provenance(rng: random.Random, value: dict) -> dict:
    """A target or milestone value, decided (body, and maybe date, case and link), illustrative, or neither."""
    r = rng.random()
    if r < 0.5:
        value["illustrative"] = True
    elif r < 0.9:
        decision: dict = {"body": rng.choice(("Regionfullmäktige", "Regional development board", "Rådet & <styrelsen>"))}
        if rng.random() < 0.7:
            decision["date"] = "2019-11-26"
        if rng.random() < 0.7:
            decision["case"] = f"RUN {rng.randrange(2015, 2024)}-{rng.randrange(1, 999):05d}"
        if rng.random() < 0.4:
            decision["url"] = "https://example.org/protokoll?id=7&del=2"
        value["decision"] = decision
    return value


def _target(rng: random.Random, tid: str, ind: dict | None, period: tuple[int, int]) -> dict:
    t: dict = {"id": tid, "text": _text(rng, 6)}
    if ind is None:
        return t
    lo, hi, decimals = ind["_range"]
    t["indicator"] = ind["id"]
    if "gender" in ind.get("breakdowns", []) and rng.random() < 0.4:
        t["breakdown"] = rng.choice(("women", "men", "total"))
    direction = rng.choice(("increase", "decrease", "maintain", "increase", "decrease", None if rng.random() < 0.1 else "maintain"))
    base_year = rng.randrange(period[0] - 4, period[0] + 2)
    target_year = rng.randrange(max(base_year + 2, period[0] + 1), period[1] + 1)
    base = _value(rng, lo + (hi - lo) * 0.25, lo + (hi - lo) * 0.75, decimals)
    if direction == "increase":
        goal = _value(rng, base + (hi - base) * 0.05 + 10 ** -decimals, hi, decimals)
    elif direction == "decrease":
        goal = _value(rng, lo, base - (base - lo) * 0.05 - 10 ** -decimals, decimals)
    elif direction == "maintain":
        goal = base
    else:
        goal = _value(rng, lo, hi, decimals)
    if rng.random() < 0.25:  # a threshold: a bound on either side of the baseline, direction left out or agreeing
        threshold = rng.choice(("at-least", "more-than", "at-most", "less-than"))
        t["threshold"] = threshold
        goal = _value(rng, lo, hi, decimals)
        side = "increase" if threshold in ("at-least", "more-than") else "decrease"
        direction = rng.choice((None, None, side, "maintain" if abs(goal - base) <= 0.02 * abs(base) else None))
    if direction:
        t["direction"] = direction
    if rng.random() < 0.9:
        baseline: dict = {"year": base_year, "value": base}
        if rng.random() < 0.15:  # a value over a period, e.g. a three-year average
            baseline["from_year"] = base_year - 2
        if rng.random() < 0.6:
            baseline["illustrative"] = True
        else:
            baseline.update(source=_text(rng, 2), retrieved="2026-01-15")
            if rng.random() < 0.5:
                baseline["url"] = "https://example.org/statistik?id=1&typ=a"
        t["baseline"] = baseline
    if rng.random() < 0.93:
        t["target"] = _provenance(rng, {"year": target_year, "value": goal})
        if rng.random() < 0.2:  # written against a base year: the baseline's, one in the data, or an unknown one
            del t["target"]["value"]
            if rng.random() < 0.6:
                t["target"]["change"] = round(rng.uniform(-90, 60), rng.choice((0, 1)))
            else:
                t["target"]["factor"] = rng.choice((2, 1.5, 0.5, 3))
            t["target"]["base_year"] = rng.choice((base_year, period[0] - 3, 1990))
            if "direction" in t and "threshold" not in t:
                # the direction must agree with the level; left out, it follows from the values
                del t["direction"]
                t["direction"] = ("decrease" if t["target"].get("change", 0) < 0 or t["target"].get("factor", 1) < 1
                                  else "increase")
    if "target" in t and "value" in t["target"] and "threshold" not in t and rng.random() < 0.12:
        # a range to reach or a band to stay within (either end may equal the other)
        a, b = sorted((_value(rng, lo, hi, decimals), _value(rng, lo, hi, decimals)))
        del t["target"]["value"]
        t["target"].update(low=a, high=b)
        t.pop("direction", None)
        if rng.random() < 0.5:
            t["range"] = rng.choice(("reach", "stay"))
        return t
    if "target" in t and "value" in t["target"] and rng.random() < 0.12:
        # a flow per year or a total over a period: the data file's values are each year's amount
        t["flow"] = rng.choice(("yearly", "cumulative"))
        t["target"]["from_year"] = rng.randrange(period[0] - 2, target_year + 1)
        t.pop("direction", None)
        if t["flow"] == "cumulative":
            t.pop("threshold", None)
            t["target"]["value"] = _value(rng, max(lo, 0) + 1, (hi - lo) * 5 + 1, decimals)
        if rng.random() < 0.5:
            t.pop("baseline", None)
        return t
    grng = random.Random(f"gap-{tid}-{ind['id']}")  # its own stream: the other forms' seeds stay as they were
    if ("target" in t and "value" in t["target"] and "threshold" not in t and "baseline" in t
            and t.get("direction") in ("increase", "decrease") and grng.random() < 0.2):
        # a gap against a comparator, whose rows ``_with_comparators`` adds to the data file
        t["comparator"] = {"name": grng.choice(("Riket", "Norrland <län> & [övriga]", "UK *average*")),
                           "series": grng.choice(("riket", "norrland", "uk"))}
        if "gender" in ind.get("breakdowns", []) and grng.random() < 0.6:
            t["breakdown"] = grng.choice(("women", "men"))  # a gap for one part, against the comparator's same part
        else:
            t.pop("breakdown", None)
        how = grng.choice(("closed", "at-most", "halved"))
        gap_target = {"closed": {"value": 0}, "at-most": {"value": _value(grng, 0, (hi - lo) * 0.1, decimals)},
                      "halved": {"change": -50, "base_year": base_year}}[how]
        t["target"] = _provenance(grng, {"year": target_year, **gap_target})
        if grng.random() < 0.5 and target_year - base_year > 2:
            t["milestones"] = [_provenance(grng, {"year": grng.randrange(base_year + 1, target_year),
                                                  "value": _value(grng, 0, (hi - lo) * 0.2, decimals)})]
        return t
    if rng.random() < 0.5 and target_year - base_year > 3:
        years = sorted(rng.sample(range(base_year + 1, target_year), k=min(2, target_year - base_year - 1)))
        t["milestones"] = [_provenance(rng, {"year": y, "value": _value(rng, min(base, goal), max(base, goal), decimals)})
                           for y in years if period[0] <= y <= period[1]]
        if not t["milestones"]:
            del t["milestones"]
    if rng.random() < 0.3:
        t["agenda2030"] = [rng.choice(("8.5", "4.4", "13.2", "11.1", "5.5"))]
    brng = random.Random(f"{tid}-{ind['id']}-{base}")
    own = [d for d in ind.get("breakdowns", []) if d != "gender"]
    if own and "breakdown" not in t and brng.random() < 0.35:  # a target for one municipality, age band …
        name = brng.choice(own)
        t["breakdown"] = {name: brng.choice(_dimension_values(name))}
    return t


_STATUSES = ("done", "on-schedule", "delayed", "not-started", "discontinued")
_OWNER_KINDS = ("region", "municipality", "state-agency", "business", "academia", "non-profit", "other")


def _commitment(rng: random.Random, cid: str, period: tuple[int, int]) -> dict:
    """A commitment: owners (kinds, some named), maybe who assesses it, and none to three yearly assessments."""
    c: dict = {"id": cid, "text": _text(rng, 8),
               "owners": [{"kind": k} for k in rng.sample(_OWNER_KINDS, rng.randrange(1, 3))]}
    if rng.random() < 0.4:
        c["owners"][0]["name"] = _text(rng, 2)
    if rng.random() < 0.7:
        c["assessed_by"] = rng.choice(("Regionala utvecklingsnämnden", "The board & <council>", _text(rng, 2)))
    if rng.random() < 0.75:
        years = sorted(rng.sample(range(period[0], min(period[1], 2025) + 1), rng.randrange(1, 4)))
        c["assessments"] = []
        for y in years:
            a: dict = {"year": y, "status": rng.choice(_STATUSES), "reasoning": _text(rng, rng.choice((4, 12, 30))),
                       "by": rng.choice(("Regionala utvecklingsnämnden", _text(rng, 2))),
                       "date": f"{y + 1}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 10)}"}
            if rng.random() < 0.4:
                a["evidence"] = [{"title": _text(rng, 3), "url": "https://example.org/rapport?id=3&typ=b"}
                                 for _ in range(rng.randrange(1, 3))]
            if rng.random() < 0.5:
                a["illustrative"] = True
            c["assessments"].append(a)
    return c


def _rows(rng: random.Random, ind: dict, period: tuple[int, int]) -> str:
    lo, hi, decimals = ind["_range"]
    shape = rng.choice(("header-only", "one-row", "series", "series", "gender"))
    own = [d for d in ind.get("breakdowns", []) if d != "gender"]
    if own:
        return _rows_by_dimension(random.Random(f"rows-{ind['id']}-{shape}"), ind, period, shape, own)
    # Forms the reader accepts (source/observations.py): words in any case, an empty breakdown for
    # the total, spaces around a cell, and no breakdown column at all when every value is a total.
    style = rng.choice(("plain", "plain", "capitals", "spaces", "empty-total", "no-breakdown"))
    if shape == "gender" and style == "no-breakdown":
        style = "plain"
    columns = ["year", "value", "provenance", "source", "retrieved"] if style == "no-breakdown" else \
        ["year", "value", "breakdown", "provenance", "source", "retrieved"]
    lines = [",".join(columns)]
    if shape == "header-only":
        return "\n".join(lines) + "\n"
    years = [period[0] - 3 + k for k in range(rng.randrange(1, 9))] if shape != "one-row" else [period[0]]
    parts = ["total", "women", "men"] if shape == "gender" and ind.get("breakdowns") else ["total"]
    for b in parts:
        for y in years:
            v = _value(rng, lo, hi, decimals)
            cells = {"year": str(y), "value": str(v), "breakdown": b, "provenance": "illustrative",
                     "source": "", "retrieved": ""}
            if rng.random() < 0.2:
                cells.update(provenance="sourced", source="SCB", retrieved="2026-02-01")
            if style == "capitals":
                cells.update(breakdown=b.capitalize(), provenance=cells["provenance"].capitalize())
            elif style == "spaces":
                cells.update(year=f" {y}", value=f"{v} ")
            elif style == "empty-total" and b == "total":
                cells["breakdown"] = ""
            lines.append(",".join(cells[c] for c in columns))
    return "\n".join(lines) + "\n"


def _cross_cutting(rng: random.Random, priorities: list[dict]) -> None:
    """Goals that contribute to other priorities, share other goals' targets (a goal may have only
    shared ones) and link to the national strategy's areas; now and then with what only warns
    (its own priority or target, an id named twice), since that must build too."""
    goals = [(pr["id"], g) for pr in priorities for g in pr["goals"]]
    targets = [(g["id"], t["id"]) for _, g in goals for t in g.get("targets", [])]
    for pid, g in goals:
        if rng.random() < 0.35:
            others = [pr["id"] for pr in priorities if pr["id"] != pid]
            chosen = rng.sample(others, k=min(len(others), rng.randrange(1, 3)))
            if rng.random() < 0.15:
                chosen.append(rng.choice(chosen + [pid]))  # named twice, or its own home
            g["contributes_to"] = chosen
        if rng.random() < 0.35:
            others = [tid for gid, tid in targets if gid != g["id"]]
            chosen = rng.sample(others, k=min(len(others), rng.randrange(1, 3)))
            if rng.random() < 0.15 and g.get("targets"):
                chosen.append(rng.choice(chosen + [g["targets"][0]["id"]]))
            g["shared_targets"] = chosen
            if rng.random() < 0.2:  # measured only by targets other goals hold
                g["targets"] = []
                targets[:] = [(gid, tid) for gid, tid in targets if gid != g["id"]]
        if rng.random() < 0.4:
            areas = sorted(rng.sample(["1", "2", "3", "4"], k=rng.randrange(1, 4)))
            if rng.random() < 0.1:
                areas.append(areas[0])
            g["frameworks"] = {"nrs": areas}
    held = {tid for _, tid in targets}
    for _, g in goals:  # a target emptied away after another goal chose to share it
        if "shared_targets" in g:
            g["shared_targets"] = [tid for tid in g["shared_targets"] if tid in held]
            if not g["shared_targets"]:
                del g["shared_targets"]


def _rows_by_dimension(brng: random.Random, ind: dict, period: tuple[int, int], shape: str, own: list[str]) -> str:
    """A data file with a column per dimension: the totals, and values for all of a dimension's
    values, some of them (partial), or none (the column left empty)."""
    lo, hi, decimals = ind["_range"]
    lines = [",".join(["year", "value", "breakdown", *own, "provenance", "source", "retrieved"])]
    if shape == "header-only":
        return "\n".join(lines) + "\n"
    years = [period[0] - 3 + k for k in range(brng.randrange(1, 6))] if shape != "one-row" else [period[0]]

    def row(year: int, breakdown: str, cells: dict[str, str]) -> str:
        v = _value(brng, lo, hi, decimals)
        kind = "sourced,SCB,2026-02-01" if brng.random() < 0.2 else "illustrative,,"
        return ",".join([str(year), str(v), breakdown, *(cells.get(d, "") for d in own), kind])

    for y in years:
        lines.append(row(y, "total", {}))
        if shape == "gender" and "gender" in ind.get("breakdowns", []):
            lines += [row(y, "women", {}), row(y, "men", {})]
    for name in own:
        how = brng.choice(("all", "partial", "partial", "none"))
        if how == "none":
            continue
        values = _dimension_values(name)
        chosen = values if how == "all" else brng.sample(values, k=brng.randrange(1, len(values)))
        for value in chosen:
            for y in (years if brng.random() < 0.5 else years[-1:]):
                lines.append(row(y, "", {name: value}))
    # Two dimensions crossed in one row (the women of a municipality; a sector of an age band), which
    # the check accepts because the indicator is broken down by both: some pairs, some years.
    crossings = []
    if "gender" in ind.get("breakdowns", []):
        crossings += [("gender", d) for d in own]
    crossings += [(own[0], own[1])] if len(own) > 1 else []
    for first, second in crossings:
        if brng.random() < 0.5:
            continue
        values = _dimension_values(second)
        for value in brng.sample(values, k=brng.randrange(1, len(values) + 1)):
            for y in (years if brng.random() < 0.4 else years[-1:]):
                for v in (("women", "men") if first == "gender" else brng.sample(_dimension_values(first), 1)):
                    if first == "gender":
                        lines.append(row(y, v, {second: value}))
                    else:
                        lines.append(row(y, "", {first: v, second: value}))
    return "\n".join(lines) + "\n"


def _cell(line: str, columns: list[str], name: str) -> str:
    """The cell of column ``name`` in a data file's ``line``, lower case and stripped ('' when it has none)."""
    cells = line.split(",")
    names = [c.strip().lower() for c in columns]
    return cells[names.index(name)].strip().lower() if name in names and names.index(name) < len(cells) else ""


def _with_comparators(text: str, gaps: list[dict], ind: dict, period: tuple[int, int]) -> str:
    """A data file with the rows of the comparators its gap targets name, in a column 'comparator':
    a value for the baseline year on the far side of the region's (so there is a gap to close),
    left out now and then, and values for some later years; for a gap target set for women or men,
    the comparator's rows of that breakdown (when the file has a column 'breakdown')."""
    lo, hi, decimals = ind["_range"]
    lines = text.rstrip("\n").split("\n")
    columns = lines[0].split(",") + ["comparator"]
    out = [",".join(columns)] + [line + "," for line in lines[1:]]
    done: set[str] = set()
    for t in gaps:
        series = t["comparator"]["series"]
        part = t.get("breakdown", "total")
        if (series, part) in done or (part != "total" and "breakdown" not in columns):
            continue
        done.add((series, part))
        crng = random.Random(f"cmp-{ind['id']}-{series}-{t['id']}")
        rows: dict[int, float] = {}
        base = t["baseline"]
        if crng.random() < 0.85:
            far = hi if t["direction"] == "increase" else lo
            rows[base["year"]] = _value(crng, base["value"] + (far - base["value"]) * 0.2, far, decimals)
        for year in crng.sample(range(period[0] - 3, period[0] + 6), k=crng.randrange(0, 4)):
            rows.setdefault(year, _value(crng, lo, hi, decimals))
        for year, value in sorted(rows.items()):
            cells = {"year": str(year), "value": str(value), "provenance": "illustrative", "comparator": series,
                     "breakdown": "" if part == "total" else part}
            out.append(",".join(cells.get(c.strip().lower(), "") for c in columns))
        if part != "total" and not any(_cell(line, columns, "breakdown") == part and not _cell(line, columns, "comparator")
                                       for line in out[1:]):
            # the region's own rows of that part, so that the gap can be measured: the baseline's year
            # (the baseline's value) and a few of the comparator's years, now and then none at all
            own = {base["year"]: base["value"]} if crng.random() < 0.8 else {}
            for year in rows:
                if crng.random() < 0.7:
                    own.setdefault(year, _value(crng, lo, hi, decimals))
            for year, value in sorted(own.items()):
                cells = {"year": str(year), "value": str(value), "provenance": "illustrative", "breakdown": part}
                out.append(",".join(cells.get(c.strip().lower(), "") for c in columns))
    return "\n".join(out) + "\n"


def _declared_framework(frng: random.Random, data: dict, priorities: list[dict]) -> None:
    """Now and then a framework of the strategy's own, or the national strategy declared afresh with
    priorities within its areas (ids "1"–"4" kept, so that links to the areas stay valid), with parts
    within parts, titles with Markdown-active characters, and goals linked to parts at either level."""
    if frng.random() >= 0.3:
        return
    fid = frng.choice(("nrs", "egen"))
    depth2 = frng.random() < 0.7
    parts = []
    for n in range(1, 5 if fid == "nrs" else frng.randrange(2, 6)):
        part: dict = {"id": str(n), "title": _text(frng, 4)}
        if depth2 and frng.random() < 0.7:
            part["parts"] = [{"id": f"{n}.{k}", "title": _text(frng, 3)} for k in range(1, frng.randrange(2, 4))]
        parts.append(part)
    framework: dict = {"id": fid, "title": _text(frng, 5), "source": _text(frng, 6), "parts": parts}
    if frng.random() < 0.6:
        framework["part_names"] = ["Område <a>", "Prioritering *b*"][: 2 if depth2 else 1]
    if frng.random() < 0.5:
        framework["url"] = "https://example.org/ramverk?a=1&b=2"
        framework["retrieved"] = "2026-12-01"
    if frng.random() < 0.4:
        framework["note"] = _text(frng, 8)
    data["frameworks"] = [framework]
    ids = [p["id"] for p in parts] + [c["id"] for p in parts for c in p.get("parts", [])]
    for pr in priorities:
        for g in pr["goals"]:
            if frng.random() < 0.5:
                links = g.setdefault("frameworks", {})
                chosen = frng.sample(ids, k=min(len(ids), frng.randrange(1, 3)))
                links[fid] = links.get(fid, []) + [i for i in chosen if i not in links.get(fid, [])]


def generate(seed: int) -> dict[str, str]:
    """The files of one strategy repository (relative path → text) for ``seed``."""
    rng = random.Random(seed)
    language = rng.choice(("sv", "en"))
    start = rng.choice((2018, 2020, 2021))
    period = (start, start + rng.choice((10, 15, 20)))
    indicators = [_indicator(rng, i) for i in range(1, rng.randrange(2, 6))]
    used: set[str] = set()
    priorities = []
    for p in range(1, rng.randrange(2, 4)):
        goals = []
        for g in range(1, rng.randrange(2, 4)):
            gid = f"P{p}.{g}"
            targets = []
            for k in "abc"[: rng.randrange(1, 3)]:
                ind = rng.choice(indicators) if rng.random() < 0.98 else None
                if ind:
                    used.add(ind["id"])
                targets.append(_target(rng, f"{gid}.{k}", ind, period))
            goal: dict = {"id": gid, "title": _text(rng, 5), "targets": targets}
            if rng.random() < 0.3:  # commitments beside the targets, or (a quarter of them) instead of them
                goal["commitments"] = [_commitment(rng, f"{gid}.A{n}", period) for n in range(1, rng.randrange(2, 4))]
                if rng.random() < 0.35:  # followed up by its commitments alone: their judgement is its status
                    del goal["targets"]
            if rng.random() < 0.5:
                goal["text"] = _text(rng, 12)
            if rng.random() < 0.3:
                goal["agenda2030"] = ["8", "10.2"][: rng.randrange(1, 3)]
            goals.append(goal)
        priorities.append({"id": f"P{p}", "title": _text(rng, 4), "goals": goals})
        if rng.random() < 0.5:
            priorities[-1]["summary"] = _text(rng, 10)
    _cross_cutting(rng, priorities)

    strategy: dict = {
        "id": f"gen-{seed}", "title": _text(rng, 5),
        "region": {"name": rng.choice(("Exempellän", "Testlän")), "code": rng.choice(("24", "0180"))},
        "period": {"start": period[0], "end": period[1]}, "language": language,
        "edition": {"version": f"{period[0]}.{seed % 7 + 1}", "status": rng.choice(("draft", "proposal")),
                    "date": f"{period[0]}-03-0{seed % 9 + 1}"},
    }
    if rng.random() < 0.2:  # a region code of another scheme, declared
        strategy["region"] = {"name": "Wales", "code": "W92000004", "scheme": "ons"}
    if rng.random() < 0.5:
        strategy["subtitle"] = _text(rng, 3)
    if any("commitments" in g for pr in priorities for g in pr["goals"]) and rng.random() < 0.7:
        strategy["followup"] = {"commitments": True}  # goals with only commitments may then check clean
    if rng.random() < 0.5:
        strategy["notice"] = "Exempel: värdena är påhittade."
    # A cover image now and then, from a draw of its own, so that the other draws stay as they were.
    crng = random.Random(f"cover-{seed}")
    cover_file = None
    if crng.random() < 0.35:
        cover_file = crng.choice(("bilder/omslag.svg", "omslag.svg", "bilder/ett omslag.svg"))
        strategy["cover"] = {"image": cover_file, "alt": _text(crng, 8)}
    data: dict = {"strategy": strategy,
                  "vision": {"horizon": period[1], "text": _text(rng, 15)}}
    if rng.random() < 0.5:
        data["overall_goals"] = [{"id": "helhet", "title": _text(rng, 3), "agenda2030": ["8"]}]
        for pr in priorities:
            pr["overall_goals"] = ["helhet"]
    if rng.random() < 0.5:
        data["perspectives"] = [{"id": "jamstalldhet", "title": _text(rng, 2)}]
        priorities[0]["goals"][0]["perspectives"] = ["jamstalldhet"]
    if rng.random() < 0.3:  # the strategy's own names of its levels
        data["levels"] = {"priority": {"one": "Utvecklingsområde", "many": "Utvecklingsområden"},
                          "target": {"one": "Åtagande <mätbart>", "many": "Åtaganden"},
                          "commitment": {"one": "Insats & [plan]", "many": "Insatser"}}
    data["priorities"] = priorities
    data["indicators"] = [{k: v for k, v in ind.items() if not k.startswith("_")}
                          for ind in indicators if ind["id"] in used or rng.random() < 0.3]
    if any("sector" in ind.get("breakdowns", []) for ind in data["indicators"]):
        data["dimensions"] = [OWN_DIMENSION]
    _declared_framework(random.Random(f"frameworks-{seed}"), data, priorities)
    checks = {}
    if rng.random() < 0.3:
        checks["unused-indicator"] = "ignore"
    # An author may decide to follow some targets up without a baseline, a value or a direction,
    # or to leave a goal unpresented: what check then passes must still build.
    for code in ("target-without-baseline", "target-without-value", "target-without-direction",
                 "goal-not-presented"):
        if rng.random() < 0.3:
            checks[code] = rng.choice(("warning", "ignore"))
    if checks:
        data["checks"] = checks

    # Chapters: an introduction, then the priorities presented whole, goal by goal, or not at all.
    chapters = [{"id": "inledning", "file": "strategy/01-inledning.md"}]
    files: dict[str, str] = {"strategy/01-inledning.md": f"# {_text(rng, 2)}\n\n{_text(rng, 20)}\n"}
    all_goal_ids = [g["id"] for pr in priorities for g in pr["goals"]]
    for n, pr in enumerate(priorities, start=2):
        name = f"strategy/{n:02d}-kapitel-{n}.md"
        how = rng.random()
        ch: dict = {"id": f"kapitel-{n}", "file": name}
        if how < 0.6:
            ch["presents"] = [pr["id"]]
        elif how < 0.9:
            ch["presents"] = [g["id"] for g in pr["goals"]]
        # else: presents nothing (goal-not-presented may then keep the strategy from building)
        chapters.append(ch)
        body = [f"# {pr['title']}", "", _text(rng, 25), ""]
        if rng.random() < 0.4:
            body += [f"## {_text(rng, 2)}", "", f"- {_text(rng, 4)}", f"- {_text(rng, 4)}", ""]
        files[name] = "\n".join(body)
    if rng.random() < 0.25:  # a goal presented in a second chapter as well
        extra = f"strategy/{len(priorities) + 2:02d}-tvargaende.md"
        chapters.append({"id": "tvargaende", "file": extra, "presents": [rng.choice(all_goal_ids)]})
        files[extra] = f"# {_text(rng, 2)}\n\n{_text(rng, 12)}\n"
    data["chapters"] = chapters

    files["goals.yaml"] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    if cover_file is not None:  # tall or wide: the PDF's cover must fit either on its one page
        w, h = crng.choice(((1600, 600), (600, 1600), (800, 800)))
        files[f"strategy/{cover_file}"] = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}">'
            f'<rect width="{w}" height="{h}" fill="#dce8f1"/>'
            f'<rect y="{h // 2}" width="{w}" height="{h - h // 2}" fill="#2d6b45"/></svg>\n')
    for ind in indicators:
        if ind["id"] in used and rng.random() < 0.85:
            files[f"data/{ind['id']}.csv"] = _rows(rng, ind, period)
        gaps = [t for pr in priorities for g in pr["goals"] for t in g.get("targets", [])
                if t.get("indicator") == ind["id"] and "comparator" in t]
        if gaps and f"data/{ind['id']}.csv" in files:
            files[f"data/{ind['id']}.csv"] = _with_comparators(files[f"data/{ind['id']}.csv"], gaps, ind, period)
    files["mkdocs.yml"] = resources.files("strategykit").joinpath("data", "new", "mkdocs.yml").read_text("utf-8")
    return files


def write(root, seed: int) -> None:
    """Write the strategy of ``seed`` into the folder ``root`` (a pathlib.Path)."""
    for rel, text in generate(seed).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
