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

from strategykit.present import (breakdowns as present_breakdowns, charts as present_charts, commitments as present_commitments, consultation, crosscut, i18n, roadmap as present_roadmap, status as present_status, targets as present_targets, yearly as present_yearly)
from strategykit.present.mdtext import keep_numbers
from strategykit.present.sections import made_on
from strategykit.analysis.followup import FollowUp, Status, TargetProgress
from strategykit.present.equations import Equation
from strategykit.present.followup import change_line, explanation, milestones_text
from strategykit.model import Goal, Indicator, Observation, Priority, Strategy, Target
from strategykit.render.pdf.charts import chart_geometry
from strategykit.present.catalog import spoken

_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def anchor(kind: str, ident: str) -> str:
    """A label that pandoc and Typst both accept: ``ind-employment-rate``, ``target-P1.1.a``."""
    return f"{kind}-{_ANCHOR_UNSAFE.sub('-', ident).strip('-') or 'x'}"


def _shown(v: present_targets.Value | None, lang: str) -> dict | None:
    """A value of a target's row as the profile writes it: the value with its mark, and its year."""
    if v is None:
        return None
    mark = i18n.labels(lang)["illustrative_mark"] if v.illustrative else ""
    return {"value": v.text + mark, "year": "" if v.year is None else str(v.year), "illustrative": v.illustrative}


def _baseline(t: Target, shown: present_targets.Value | None, lang: str) -> dict | None:
    b = t.baseline
    if b is None or shown is None:
        return None
    L = i18n.labels(lang)
    prov = b.provenance
    note = ""
    if not prov.illustrative and prov.source:
        note = f"{L['source']} ({L['baseline'].lower()} {t.id}): {prov.source}"
        note += i18n.retrieved_note(prov.retrieved, lang)
        note += "."
    return {**_shown(shown, lang), "source_note": note}


def _breakdown(s: Strategy, key: str, lang: str) -> str:
    """'totalt' for the total, else the breakdown in words ('kvinnor', 'Umeå')."""
    return present_breakdowns.label(s, key, lang) or i18n.labels(lang).get(key, key)


def _observed(o: Observation | None, ind: Indicator | None, lang: str) -> dict | None:
    """An observed value with its year, marked when illustrative."""
    if o is None or o.value is None:
        return None
    return _shown(present_targets.value(o.value, ind, lang, year=o.year, illustrative=o.provenance.illustrative), lang)


class _Lookup:
    """What the data of one document looks up many times, indexed once.

    The model and the follow-up find a target's progress and an indicator's targets by
    scanning every target; done for each target and each indicator, that made the data
    of a large strategy quadratic in its number of targets.
    """

    def __init__(self, s: Strategy, report: FollowUp | None):
        self.report = report
        self.progress: dict[str, TargetProgress] = {}
        if report is not None:
            for tp in report.targets():
                self.progress.setdefault(tp.target_id, tp)
        self.using: dict[str, list[tuple[Goal, Target]]] = {}
        for g, t in s.targets():
            self.using.setdefault(t.indicator_id or "", []).append((g, t))


def _target(s: Strategy, t: Target, lang: str, lookup: _Lookup | None) -> dict:
    """The row ``present.targets`` decides, as the profile reads it."""
    ind = s.indicator(t.indicator_id)
    assessed = lookup is not None and lookup.report is not None and lookup.report.year is not None
    r = present_targets.target_row(s, t, lookup.progress.get(t.id) if lookup is not None else None,
                                   assessed=assessed)
    return {
        "id": r.id,
        "anchor": anchor("target", t.id),
        "text": r.text,
        "direction": i18n.direction_label(getattr(t, "direction", None), lang),
        "breakdown": _breakdown(s, t.breakdown, lang),
        "indicator": {"name": ind.name, "anchor": anchor("ind", ind.id)} if ind else None,
        "baseline": _baseline(t, r.baseline, lang),
        "milestones": [_shown(v, lang) for v in r.milestones],
        "target": _shown(r.target, lang),
        "latest": _shown(r.latest, lang),
        "status": r.status.as_data() if r.status else None,
    }


def _comments(s: Strategy, g: Goal) -> list[dict]:
    """The consultation comments about a goal or its targets: who, and the anchor in the compilation
    (``link_comments`` empties an anchor the document has no label for, once the document is done)."""
    mark = i18n.labels(s.language)["illustrative_mark"]
    out = []
    for e in consultation.comments_about(s, g.id):
        name = consultation.comment_anchor(e.comment.id)
        out.append({"label": " ".join(e.response.respondent.split()) + (mark if e.response.illustrative else ""),
                    "anchor": name})
    return out


def link_comments(data: dict, labels: set[str]) -> None:
    """Leave out the anchor of each comment the document has no label for, so that the profile writes
    the name without a link (the data is made while pandoc reads the document)."""
    for p in data["priorities"]:
        for g in p["goals"]:
            for c in g["comments"]:
                if c["anchor"] not in labels:
                    c["anchor"] = ""


def _commitment(s: Strategy, c, lang: str, row: present_commitments.CommitmentRow | None = None) -> dict:
    """The row ``present.commitments`` decides (``row``, by default with the latest assessment), as the
    profile reads it."""
    r = row or present_commitments.commitment_row(s, c)
    a = r.latest
    mark = i18n.labels(lang)["illustrative_mark"] if a is not None and a.illustrative else ""
    return {
        "id": r.id, "anchor": anchor("commitment", c.id), "text": r.text,
        "owners": ", ".join(r.owners), "assessed_by": r.assessed_by,
        "status": a.status.as_data() if a else None,
        "year": str(a.year) if a else "",
        "mark": mark,
        "reasoning": a.reasoning if a else "",
        "assessed": present_commitments.assessed_line(a, lang) if a else "",
        "evidence": [{"title": title, "url": url} for title, url in a.evidence] if a else [],
        "illustrative": bool(a and a.illustrative),
    }


def _shared(s: Strategy, g: Goal, lang: str) -> list[dict]:
    """The other goals' targets that also measure ``g``: links to their rows (``present.crosscut``)."""
    home = i18n.labels(lang)["shared_target_home"]
    return [{"id": e.target_id, "anchor": anchor("target", e.target_id), "text": e.text,
             "home": home.format(goal=e.goal_id)} for e in crosscut.shared_targets(s, g)]


def _priority(s: Strategy, p: Priority, lang: str, lookup: _Lookup | None = None) -> dict:
    goals = [{"id": g.id, "title": keep_numbers(" ".join(g.title.split())), "anchor": anchor("goal", g.id),
              "comments": _comments(s, g),
              "contributes": [{"id": e.priority_id, "title": e.title} for e in crosscut.contributes_to(s, g)],
              "shared": _shared(s, g, lang),
              "targets": [_target(s, t, lang, lookup) for t in g.targets],
              "commitments": [_commitment(s, c, lang) for c in g.commitments],
              "judgement": present_commitments.judgement_data(present_commitments.edition_judgement(s, g), lang)}
             for g in p.goals]
    return {
        "id": p.id, "title": p.title, "goals": goals,
        "illustrative": any((t["baseline"] and t["baseline"]["illustrative"])
                            or (t["target"] and t["target"]["illustrative"])
                            or any(m["illustrative"] for m in t["milestones"])
                            for g in goals for t in g["targets"])
        or any(c["illustrative"] for g in goals for c in g["commitments"]),
        "commitments_note": (present_commitments.scale_note(lang)
                             if any(g["commitments"] for g in goals) else ""),
    }


YEARS_PER_ROW = 8
"""The chart's values are a table with the years as columns, this many to a table."""


def _values(spec: present_charts.ChartSpec | None, lang: str) -> list[dict]:
    """The chart's data table (``ChartSpec.table_rows``) turned on its side, up to YEARS_PER_ROW years a table."""
    if spec is None:
        return []
    mark = i18n.labels(lang)["illustrative_mark"]
    tables = []
    # Tables of even width: 9 years are 5 and 4, not 8 and a table of one year.
    count = -(-len(spec.table_rows) // YEARS_PER_ROW)
    per = -(-len(spec.table_rows) // count) if count else YEARS_PER_ROW
    for i in range(0, len(spec.table_rows), per):
        chunk = spec.table_rows[i:i + per]
        rows = [{"label": head, "cells": [row[col].text + (mark if row[col].illustrative else "") for row in chunk]}
                for col, head in enumerate(spec.table_header) if col > 0]
        tables.append({"head": spec.table_header[0], "years": [row[0].text for row in chunk], "rows": rows})
    return tables


def _values_note(series: dict[str, tuple[Observation, ...]], lang: str) -> str:
    """Where the sourced observed values come from (the illustrative ones say so by their mark)."""
    L = i18n.labels(lang)
    sources = []
    for values in series.values():
        for o in values:
            prov = o.provenance
            if prov.illustrative or not prov.source:
                continue
            text = prov.source + i18n.retrieved_note(prov.retrieved, lang)
            if text not in sources:
                sources.append(text)
    return f"{L['values_source']}: {'; '.join(sources)}." if sources else ""


def _indicator(s: Strategy, ind: Indicator, lang: str, lookup: _Lookup) -> dict:
    L = i18n.labels(lang)
    report = lookup.report
    used = lookup.using.get(ind.id, [])
    rows = [_target(s, t, lang, lookup) for _, t in used]
    src = ind.source
    year = report.year if report is not None else None
    spec = present_charts.indicator_chart(s, ind, report, lookup.progress)
    drawn = [x.key for x in spec.observed] if spec else []
    series = {b: s.series(ind.id, b, until=year) for b in drawn}
    observed_illustrative = any(o.provenance.illustrative for v in series.values() for o in v)
    return {
        "id": ind.id,
        "anchor": anchor("ind", ind.id),
        "name": ind.name,
        "definition": " ".join(ind.definition.split()),
        "unit": i18n.unit_label(ind.unit, lang),
        "source": {"provider": src.provider, "id": src.id or "", "url": src.url or ""} if src else None,
        "breakdowns": present_breakdowns.dimensions_text(s, ind, lang),
        "frequency": i18n.frequency_label(ind.frequency, lang),
        "responsible": ind.responsible,
        "targets": rows,
        "illustrative": any(r["baseline"] and r["baseline"]["illustrative"] for r in rows),
        "values": _values(spec, lang),
        "values_note": _values_note(series, lang),
        "values_illustrative": bool(spec and any(c.illustrative for row in spec.table_rows for c in row)),
        "charts": [chart_geometry(spec)] if spec else [],
        "breakdown_tables": [_breakdown_table(bt, lang) for bt in present_breakdowns.tables(s, ind, year, lang)],
        "cross_tables": [_cross_table(ct, lang) for ct in present_breakdowns.cross_tables(s, ind, year, lang)],
        "charts_illustrative": bool(spec and spec.illustrative) or observed_illustrative,
    }


def _cross_table(ct: present_breakdowns.CrossTable, lang: str) -> dict:
    """Two dimensions crossed in one year, as ``present.breakdowns.cross_tables`` decides it."""
    return {
        "title": ct.title, "header": list(ct.header),
        "rows": [{"label": name, "cells": [{"value": c.value_text or "–", "illustrative": c.illustrative}
                                           for c in cells]} for name, cells in ct.rows],
        "note": " ".join(x for x in (ct.caption, ct.sources) if x), "illustrative": ct.illustrative,
    }


def _breakdown_table(bt: present_breakdowns.BreakdownTable, lang: str) -> dict:
    """A table per municipality (age band …) as ``present.breakdowns`` decides it; the profile draws the bars."""
    texts = i18n.breakdown_texts(lang)
    notes = [" ".join(x for x in (bt.caption, bt.sources) if x)]
    if bt.missing:
        notes.append(texts["no_value"].format(names=", ".join(bt.missing)))
    return {
        "title": bt.title, "header": list(bt.header), "bar": texts["bar"], "alt": bt.alt,
        "rows": [{"label": r.label, "value": r.value_text, "year": str(r.year), "share": round(r.share, 4),
                  "illustrative": r.illustrative} for r in bt.rows],
        "note": " ".join(notes), "illustrative": bt.illustrative,
    }


def roadmap_data(s: Strategy, report: FollowUp | None) -> dict | None:
    """The path to the horizon (``present.roadmap``), for ``#roadmap`` in the profile."""
    road = present_roadmap.roadmap(s, report)
    if road is None:
        return None
    L = i18n.labels(s.language)
    return {
        "title": road.title, "intro": road.intro, "years": [str(y) for y in road.years],
        "lanes": [{"id": lane.priority_id, "title": lane.title,
                   "cells": [[{"target": stop.target_id, "anchor": anchor("target", stop.target_id),
                               "value": stop.value + (L["illustrative_mark"] if stop.illustrative else ""),
                               "kind": L["roadmap_milestone"] if stop.kind == "milestone" else L["target_value"].lower(),
                               "status": stop.status.as_data() if stop.status else None}
                              for stop in stops] for stops in lane.stops]}
                  for lane in road.lanes],
        "legend": [b.as_data() for b in road.legend],
    }


# --- the follow-up appendix -----------------------------------------------------------

def _change(s: Strategy, change, lang: str) -> str:
    """A change since the previous year, as ``present.followup`` words it for the report."""
    return change_line(change, s, lang)


def _followup_target(s: Strategy, tp: TargetProgress, lang: str) -> dict:
    ind = s.indicator(tp.indicator_id)
    # Text and equations apart: the profile sets the equations as Typst math, with their text as alt text.
    explained = explanation(tp, ind, lang)
    target = _shown(present_targets.followup_target(s, tp, ind, lang), lang)
    return {
        "id": tp.target_id,
        "anchor": anchor("target", tp.target_id),
        "indicator": ({"name": ind.name, "anchor": anchor("ind", ind.id)} if ind else None),
        "breakdown": _breakdown(s, tp.breakdown, lang),
        "baseline": _observed(tp.baseline, ind, lang),
        "latest": _observed(tp.latest, ind, lang),
        "women": _observed(tp.by_breakdown.get("women"), ind, lang),
        "men": _observed(tp.by_breakdown.get("men"), ind, lang),
        "target": target,
        "status": present_status.badge(tp.status, lang).as_data(),
        "calculation": [p.as_data() if isinstance(p, Equation) else {"text": p} for p in explained.calculation],
        "milestones": milestones_text(tp, ind, lang),
        "result": explained.result(),
        "illustrative": tp.illustrative or any(o.provenance.illustrative for o in tp.by_breakdown.values()),
    }


def followup_data(s: Strategy, report: FollowUp, lang: str, *, commitments: bool = False) -> dict:
    """The follow-up appendix: the overview per priority, the changes, and every goal and target.

    ``commitments``: each goal's commitments in full, with their latest assessments up to the report
    year, and ``commitments_table`` set on each priority, for the yearly follow-up (which covers the
    commitments as well as the targets); otherwise their ids (the edition shows them in its goal tables)."""
    L = i18n.labels(lang)
    titles = {p.id: p.title for p in s.priorities}
    goal_titles = {g.id: keep_numbers(" ".join(g.title.split())) for g in s.goals()}
    commitments_of = {g.id: g.commitments for g in s.goals()}
    goals_by_id = {g.id: g for g in s.goals()}
    priorities = []
    for pp in report.priorities:
        goals = []
        for gp in pp.goals:
            goals.append({"id": gp.goal_id, "title": goal_titles.get(gp.goal_id, ""),
                          "anchor": anchor("goal", gp.goal_id),
                          "status": i18n.progress_label(gp.status.value, lang),
                          "badge": present_status.badge(gp.status, lang).as_data(),
                          "shared": _shared(s, goals_by_id[gp.goal_id], lang) if gp.goal_id in goals_by_id else [],
                          "targets": [_followup_target(s, tp, lang) for tp in gp.targets],
                          "commitments": ([_commitment(s, cp.commitment, lang, present_commitments.progress_row(s, cp))
                                           for cp in gp.commitments] if commitments else
                                          [{"id": c.id} for c in commitments_of.get(gp.goal_id, ())]),
                          "judgement": present_commitments.judgement_data(
                              present_commitments.goal_judgement(gp.judgement, lang) if gp.judgement else None, lang)})
        targets = [t for g in goals for t in g["targets"]]
        priorities.append({
            "id": pp.priority_id, "title": titles.get(pp.priority_id, ""),
            "anchor": anchor("followup", pp.priority_id),
            "status": i18n.progress_label(pp.status.value, lang),
            "counts": [pp.counts()[status] for status in Status],
            "distribution": present_status.distribution(pp.counts(), lang).words(lang),
            "judged": present_commitments.judged_data(s, pp.judged(), lang),
            "gender": any(t["women"] or t["men"] for t in targets),
            "illustrative": any(t["illustrative"] for t in targets)
            or any(g["judgement"] and g["judgement"]["illustrative"] for g in goals)
            or any(c.get("illustrative") for g in goals for c in g["commitments"]),
            "goals": goals,
            "commitments_table": commitments and any(g["commitments"] for g in goals),
            "commitments_note": (present_commitments.scale_note(lang)
                                 if commitments and any(g["commitments"] for g in goals) else ""),
        })
    return {
        "year": str(report.year),
        "previous_year": "" if report.previous_year is None else str(report.previous_year),
        "statuses": [i18n.progress_label(status.value, lang) for status in Status],
        "badges": [present_status.badge(status, lang).as_data() for status in Status],
        "totals": [report.counts()[status] for status in Status],
        "judged": present_commitments.judged_data(s, report.judged(), lang),
        "women": L["women"].capitalize(),
        "men": L["men"].capitalize(),
        "changes": [_change(s, c, lang) for c in report.changes],
        "changes_none": L["followup_changes_none"].format(year=report.previous_year),
        "overview_intro": L["followup_overview_intro"].format(year=report.year),
        "priorities": priorities,
    }


def _period(s: Strategy) -> str:
    if s.period_start and s.period_end:
        return f"{s.period_start}–{s.period_end}"
    return ""


def document_data(s: Strategy, *, commit: str | None, build_date: _dt.date,
                  report: FollowUp | None = None, body: bool = True) -> dict:
    """Everything the profile shows, keyed as ``templates/profile.typ`` documents it.

    ``report``: the follow-up (``followup.follow_up``); with a report year, the goal
    tables show each target's status and ``followup`` holds the follow-up appendix.
    Each comment's anchor is left for ``link_comments`` to check against the finished document.
    ``outline`` is left empty for the caller to fill in from the finished document: the
    titles of its chapters (its first-level headings), for the profile to stand in for the
    table of contents before Typst knows the headings.
    ``body=False``: the cover's and colophon's facts only, no priorities, indicators or path to the
    horizon, for a publication that lays out a body of its own (the yearly follow-up); their charts
    are most of the work at scale (a fifth of a 10× follow-up PDF's time).
    """
    lang = spoken(s.language)
    L = i18n.labels_for(s, lang)
    if not present_yearly.shows_status(report):
        report = None  # no target could be assessed at the edition's date: no status column
    lookup = _Lookup(s, report)
    return {
        "lang": lang,
        "labels": L,
        "strategy": {
            "id": s.id,
            "title": s.title,
            "subtitle": s.subtitle,
            "publisher": s.publisher,
            "notice": " ".join(s.notice.split()),
            "tagline": " ".join(s.vision_title.split()),
            "region": s.region_name,
            "period": _period(s),
            "status": i18n.status_label(s.edition.status, lang),
            "version": s.edition.version,
            "date": i18n.format_date(s.edition.date, lang),
            "decision": s.edition.decision or "",
            "commit": commit or "",
            "build_date": i18n.format_date(made, lang) if (made := made_on(s, build_date)) else "",
            "build_year": build_date.year,
            "build_month": build_date.month,
            "build_day": build_date.day,
        },
        "has_illustrative": s.has_illustrative_values(),
        "process_labels": i18n.process_labels(lang),
        "not_assessed": present_commitments.not_assessed(lang).as_data(),
        "status_year": str(report.year) if report is not None else "",
        "status_heading": L["status_column"].format(year=report.year) if report is not None else "",
        "status_note": L["status_note"].format(year=report.year) if report is not None else "",
        "priorities": [_priority(s, p, lang, lookup) for p in s.priorities] if body else [],
        "indicators": [_indicator(s, i, lang, lookup) for i in s.indicators] if body else [],
        "followup": followup_data(s, report, lang) if report is not None else None,
        "roadmap": roadmap_data(s, report) if body else None,
        "outline": [],
    }
