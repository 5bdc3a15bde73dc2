"""The model as plain data for the Typst profile: every word and number already in the reader's language.

The profile (``templates/profile.typ`` or an organisation's own) reads this as
``data.json`` and only lays it out: it never formats a number or picks a label,
so a replaced profile cannot get the Swedish number format or the illustrative
mark wrong. Lists, not maps, so that the generated Typst refers to items by
index and never has to quote an id.
"""

from __future__ import annotations

import datetime as _dt
import re

from .. import i18n
from ..model import GoalValue, Indicator, Observation, Priority, Strategy, Target

_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def anchor(kind: str, ident: str) -> str:
    """A label that pandoc and Typst both accept: ``ind-employment-rate``, ``target-P1.1.a``."""
    return f"{kind}-{_ANCHOR_UNSAFE.sub('-', ident).strip('-') or 'x'}"


def _value(v: float | None, ind: Indicator | None, lang: str) -> str:
    unit = ind.unit if ind else ""
    return i18n.format_value(v, unit, lang, ind.decimals if ind else None)


def _baseline(t: Target, ind: Indicator | None, lang: str) -> dict | None:
    b = t.baseline
    if b is None:
        return None
    L = i18n.labels(lang)
    prov = b.provenance
    note = ""
    if not prov.illustrative and prov.source:
        note = f"{L['source']} ({L['baseline'].lower()} {t.id}): {prov.source}"
        if prov.retrieved:
            note += f", {L['retrieved']} {prov.retrieved}"
        note += "."
    return {"value": _value(b.value, ind, lang) + (L["illustrative_mark"] if prov.illustrative else ""),
            "year": "" if b.year is None else str(b.year),
            "illustrative": prov.illustrative,
            "source_note": note}


def _goal_value(g: GoalValue | None, ind: Indicator | None, lang: str) -> dict | None:
    if g is None:
        return None
    return {"value": _value(g.value, ind, lang), "year": "" if g.year is None else str(g.year)}


def _breakdown(t: Target, lang: str) -> str:
    return i18n.labels(lang).get(t.breakdown, t.breakdown)


def _chart(s: Strategy, t: Target, ind: Indicator, lang: str) -> dict | None:
    """One bar per known value: the baseline, each milestone, the target; the alt text says the same."""
    L = i18n.labels(lang)
    points: list[tuple[str, int | None, float | None, bool]] = []
    if t.baseline:
        points.append(("baseline", t.baseline.year, t.baseline.value, t.baseline.provenance.illustrative))
    points += [("milestone", m.year, m.value, False) for m in t.milestones]
    if t.target:
        points.append(("target", t.target.year, t.target.value, False))
    points = [p for p in points if p[2] is not None]
    if len(points) < 2 or any(p[2] < 0 for p in points):
        return None
    names = {"baseline": L["baseline"], "milestone": L["milestone"], "target": L["target_value"]}
    bars, spoken = [], []
    for kind, year, value, illustrative in points:
        text = _value(value, ind, lang)
        bars.append({"kind": kind, "year": "" if year is None else str(year), "value": value,
                     "label": text + (L["illustrative_mark"] if illustrative else ""),
                     "illustrative": illustrative})
        spoken.append(f"{names[kind]} {year}: {text}" + (f" ({L['illustrative']})" if illustrative else ""))
    what = f"{ind.name}, {L['target'].lower()} {t.id} ({_breakdown(t, lang)})"
    return {
        "caption": what,
        "alt": f"{L['chart_of']} {what}. " + "; ".join(spoken) + ".",
        "bars": bars,
        "max": max(b["value"] for b in bars),
    }


def _target(s: Strategy, t: Target, lang: str) -> dict:
    L = i18n.labels(lang)
    ind = s.indicator(t.indicator_id)
    return {
        "id": t.id,
        "anchor": anchor("target", t.id),
        "text": " ".join(t.text.split()),
        "direction": i18n.direction_label(t.direction, lang),
        "breakdown": _breakdown(t, lang),
        "indicator": {"name": ind.name, "anchor": anchor("ind", ind.id)} if ind else None,
        "baseline": _baseline(t, ind, lang),
        "milestones": [m for v in t.milestones if (m := _goal_value(v, ind, lang))],
        "target": _goal_value(t.target, ind, lang),
    }


def _priority(s: Strategy, p: Priority, lang: str) -> dict:
    goals = [{"id": g.id, "title": " ".join(g.title.split()),
              "targets": [_target(s, t, lang) for t in g.targets]} for g in p.goals]
    return {
        "id": p.id, "title": p.title, "goals": goals,
        "illustrative": any(t["baseline"] and t["baseline"]["illustrative"]
                            for g in goals for t in g["targets"]),
    }


def _indicator(s: Strategy, ind: Indicator, lang: str) -> dict:
    L = i18n.labels(lang)
    used = s.targets_using(ind.id)
    rows = [_target(s, t, lang) for _, t in used]
    src = ind.source
    return {
        "id": ind.id,
        "anchor": anchor("ind", ind.id),
        "name": ind.name,
        "definition": " ".join(ind.definition.split()),
        "unit": i18n.unit_label(ind.unit, lang),
        "source": {"provider": src.provider, "id": src.id or "", "url": src.url or ""} if src else None,
        "breakdowns": ", ".join(L.get(b, b) for b in ind.breakdowns),
        "frequency": i18n.frequency_label(ind.frequency, lang),
        "responsible": ind.responsible,
        "targets": rows,
        "illustrative": any(r["baseline"] and r["baseline"]["illustrative"] for r in rows),
        "charts": [c for _, t in used if (c := _chart(s, t, ind, lang))],
    }


def _period(s: Strategy) -> str:
    if s.period_start and s.period_end:
        return f"{s.period_start}–{s.period_end}"
    return ""


def document_data(s: Strategy, *, commit: str | None, build_date: _dt.date) -> dict:
    """Everything the profile shows, keyed as ``templates/profile.typ`` documents it."""
    lang = s.language if s.language in i18n.LABELS else "sv"
    L = i18n.labels(lang)
    return {
        "lang": lang,
        "labels": L,
        "strategy": {
            "id": s.id,
            "title": s.title,
            "subtitle": s.subtitle,
            "publisher": s.publisher,
            "notice": " ".join(s.notice.split()),
            "region": s.region_name,
            "period": _period(s),
            "status": i18n.status_label(s.edition.status, lang),
            "version": s.edition.version,
            "date": s.edition.date,
            "decision": s.edition.decision or "",
            "commit": commit or "",
            "build_date": build_date.isoformat(),
            "build_year": build_date.year,
            "build_month": build_date.month,
            "build_day": build_date.day,
        },
        "has_illustrative": s.has_illustrative_values(),
        "priorities": [_priority(s, p, lang) for p in s.priorities],
        "indicators": [_indicator(s, i, lang) for i in s.indicators],
    }
