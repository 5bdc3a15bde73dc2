"""The yearly follow-up as a publication of its own, decided once for its web section and its PDF.

A strategy edition shows what was known at its date (``analysis.known``); the follow-up of a
year is a separate publication (förordning 2017:583), made from every value known today. Here:
its names (the web page, the PDF's file), its date, whether an edition shows a status column at
all, and the list of data sources behind its numbers.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from strategykit.analysis.followup import FollowUp
from strategykit.model import Strategy
from strategykit.present import i18n
from strategykit.present.catalog import spoken


def _lang(model: Strategy) -> str:
    return spoken(model.language)


def title(model: Strategy, year: int) -> str:
    """'Uppföljning 2024'."""
    return i18n.labels(_lang(model))["yearly_title"].format(year=year)


def document_title(model: Strategy, year: int) -> str:
    """The publication's full title, for its metadata and colophon, where it stands alone:
    'Uppföljning 2024 – Regional utvecklingsstrategi för Västerbottens län 2020–2040'."""
    return f"{title(model, year)} – {model.title}" if model.title else title(model, year)


def pdf_name(model: Strategy, year: int) -> str:
    """The PDF's file name, in the strategy's language: 'rus-vasterbotten-uppfoljning-2024.pdf'."""
    return f"{model.id}-{i18n.labels(_lang(model))['url_followup']}-{year}.pdf"


def folder(model: Strategy) -> str:
    """The web section's folder: 'uppfoljning'."""
    return i18n.labels(_lang(model))["url_followup"]


def page(model: Strategy, year: int) -> str:
    """The year's page in the site: 'uppfoljning/2024.md' (published at /uppfoljning/2024/)."""
    return f"{folder(model)}/{year}.md"


def pdf_path(model: Strategy, year: int) -> str:
    """Where the year's PDF is in the site: beside its page."""
    return f"{folder(model)}/{pdf_name(model, year)}"


def publication_date(report: FollowUp, built: _dt.date) -> _dt.date:
    """The date a follow-up shows: the earliest day it can have been made — after its year has
    ended, after the last of its values was retrieved and after the last of the commitments'
    assessments it shows was made — or the build's date if later.
    Never the clock, so that the same sources give the same PDF."""
    days = [built]
    if report.year is not None:
        days.append(_dt.date(report.year + 1, 1, 1))
    dates = [o.provenance.retrieved for tp in report.targets()
             for o in (tp.baseline, tp.latest, *tp.by_breakdown.values()) if o is not None]
    dates += [cp.latest.date for cp in report.commitments() if cp.latest is not None]
    for text in dates:
        if text:
            try:
                days.append(_dt.date.fromisoformat(text))
            except ValueError:
                pass
    return max(days)


def lead(model: Strategy, report: FollowUp) -> list[str]:
    """The sentences that open a year's follow-up, in both editions: what it shows, for which year,
    and what it rests on when the year has no observed value (a year followed up because its
    commitments were assessed) or when no target has a value at all."""
    L = i18n.labels(_lang(model))
    year = report.year
    out = [L["followup_intro"]]
    if year is None:
        return out + [L["followup_no_data"]]
    out.append(L["followup_year_intro"].format(year=year))
    values = [o for tp in report.targets() for o in (*tp.series, *tp.by_breakdown.values(), *tp.comparator_series)
              if o.value is not None]
    if any(True for _ in report.targets()):
        if not values:
            out.append(L["followup_no_data"])
        elif not any(o.year == year for o in values):
            out.append(L["followup_year_without_values"].format(year=year))
    if any(True for _ in report.commitments()):
        # The strategy's own name for its commitments ('levels:'): 'Varje insats …'.
        word = i18n.labels_for(model, _lang(model))["commitment"].lower()
        out.append(L["followup_commitments_intro"].format(year=year, commitment=word))
    return out


def shows_status(report: FollowUp | None) -> bool:
    """Whether an edition's goal tables have a status column: only when, at its date, at least one
    target could be assessed. Otherwise the edition gives baseline and target value alone."""
    return report is not None and report.year is not None and any(t.status.has_data for t in report.targets())


@dataclass(frozen=True)
class Source:
    indicator: str
    """The indicator's name."""
    sources: tuple[str, ...]
    """Each cited source with its retrieval date ('SCB …, hämtad 2026-11-27'); empty when every value
    is illustrative."""
    illustrative: bool


def sources(model: Strategy, report: FollowUp) -> tuple[Source, ...]:
    """The data sources behind the follow-up's numbers, one entry per indicator it uses, in model order."""
    L = i18n.labels(_lang(model))
    used: dict[str, list] = {}
    for tp in report.targets():
        if tp.indicator_id:
            used.setdefault(tp.indicator_id, []).extend(
                o for o in (tp.baseline, tp.latest, *tp.by_breakdown.values()) if o is not None)
    out = []
    for ind in model.indicators:
        if ind.id not in used:
            continue
        seen = used[ind.id]
        cited = tuple(dict.fromkeys(o.provenance.source + i18n.retrieved_note(o.provenance.retrieved, _lang(model))
                                    for o in seen if not o.provenance.illustrative and o.provenance.source))
        out.append(Source(ind.name or ind.id, cited, any(o.provenance.illustrative for o in seen)))
    return tuple(out)


def sources_markdown(model: Strategy, report: FollowUp, escape) -> str:
    """The data sources as a Markdown list; ``escape`` makes model text safe in the edition's Markdown."""
    L = i18n.labels(_lang(model))
    lines = [escape(L["yearly_sources_intro"]), ""]
    for s in sources(model, report):
        parts = list(s.sources)
        if s.illustrative:  # after a cited source, within the sentence: 'SCB …; illustrativt, ingen källa'
            words = L["illustrative_source"]
            parts.append(words[:1].lower() + words[1:] if parts else words)
        lines.append(f"- **{escape(s.indicator)}**: {escape('; '.join(parts) or '–')}")
    lines += ["", escape(L["yearly_date_note"])]
    return "\n".join(lines) + "\n"
