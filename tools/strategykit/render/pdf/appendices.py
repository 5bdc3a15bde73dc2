"""The appendices after the indicators: the follow-up of the targets and the process behind the strategy.

Each appendix is a level-1 heading, so it starts a page and is a top-level entry
in the contents and the bookmarks; its sections are level 2 below it.

- **Bilaga: Så bedöms utvecklingen**, when the goal tables show statuses (values known at the
  edition's date allow one): the method with its formulas as Typst math. The yearly follow-up,
  with every target's calculation, is a publication of its own (``render.pdf.yearly``), which
  lays out ``followup_appendix``'s parts.
- **Bilaga: Koppling till ramverk**, when a goal links to Agenda 2030 or another framework
  (``coverage.coverage_markdown``, the web edition's page of the same name).
- **Bilaga: Delaktighet i siffror**: dialogue meetings and consultation responses
  (``consultation.participation_markdown``).
- **Bilaga: Remissammanställning**: every response and every comment with its
  decision and reason (``consultation.compilation_markdown``). Each comment keeps
  its anchor ``synpunkt-…``; the goal tables link to it.
- **Bilaga: Utgåvor och ändringar**: the history of editions
  (``consultation.history_markdown``) and, once the edition has moved past its
  consultation version, the changes since then (``consultation.changes_markdown``,
  from the semantic diff against the consultation edition's git tag).

The process appendices are the Markdown the web edition shows too; the
follow-up's tables are laid out by the profile (``followup-overview``,
``followup-changes``, ``followup-priority``) from ``data.json``.
"""

from __future__ import annotations

import json
from typing import Callable

from strategykit.present import consultation, coverage, i18n, sections as present_sections
from strategykit.analysis.followup import FollowUp
from strategykit.present import yearly as present_yearly
from strategykit.present.followup import method_parts
from strategykit.present import commitments as present_commitments
from strategykit.model import Strategy
from strategykit.render.pdf import toolchain
from strategykit.render.pdf.data import anchor
from strategykit.render.pdf.blocks import Markdown, Node, chapter_anchor, header, para, raw


def subject_link(model: Strategy, priority_anchor: dict[str, str]) -> consultation.Link:
    """Where a part of the strategy is in the PDF: goals and targets in the goal tables, and so on."""
    chapters = {c.id: chapter_anchor(c) for c in model.chapters}

    def link(subject: consultation.Subject) -> str | None:
        if subject.kind in ("goal", "target", "commitment"):
            return "#" + anchor(subject.kind, subject.id)
        if subject.kind == "indicator":
            return "#" + anchor("ind", subject.id)
        if subject.kind == "priority" and subject.id in priority_anchor:
            return "#" + priority_anchor[subject.id]
        if subject.kind == "chapter" and subject.id in chapters:
            return "#" + chapters[subject.id]
        return None

    return link


def comment_href(comment_id: str) -> str:
    return "#" + consultation.comment_anchor(comment_id)


Part = Node | Markdown


def followup_appendix(model: Strategy, report: FollowUp) -> list[Part]:
    L = i18n.labels(model.language)
    out = [raw(toolchain.CHAPTER_MARK + "the generated follow-up appendix"),
           header(1, "followup", f"{L['followup_appendix']} {report.year}"),
           para(L["followup_intro"]),
           header(2, "followup-overview", L["followup_overview"]),
           raw("#followup-overview(data.followup, shared)")]
    if report.previous_year is not None:
        out += [header(2, "followup-changes", f"{L['changes_since']} ({report.previous_year})"),
                raw("#followup-changes(data.followup, shared)")]
    titles = {p.id: p.title for p in model.priorities}
    for i, pp in enumerate(report.priorities):
        out += [header(2, anchor("followup", pp.priority_id), f"{pp.priority_id} {titles[pp.priority_id]}".strip()),
                raw(f"#followup-priority(data.followup.priorities.at({i}), shared)")]
    out += method_blocks(model.language, level=2)
    if any(True for _ in model.commitments()):
        out.append(Markdown(present_commitments.method_markdown(model.language, level=2), "commitment-method"))
    return out


def method_blocks(language: str, level: int, *, title: bool = True) -> list[Part]:
    """The method: its text as Markdown for pandoc, its formulas as Typst math with their
    plain text as the alternative text (PDF/UA wants one for every formula)."""
    out: list[Part] = []
    for i, part in enumerate(method_parts(language, level)):
        if isinstance(part, str):
            if i == 0 and not title:
                part = part.split("\n", 1)[1] if "\n" in part else ""
            out.append(Markdown(part, "followup-method", formulas=True))
        else:
            alt = json.dumps("; ".join(part.text.splitlines()), ensure_ascii=False)
            out.append(raw(f"#math.equation(block: true, numbering: none, alt: {alt}, ${part.typst}$)"))
    return out


def method_appendix(model: Strategy) -> list[Part]:
    """The method behind the statuses the goal tables show (the edition's own; the follow-ups have theirs)."""
    L = i18n.labels(model.language)
    return ([raw(toolchain.CHAPTER_MARK + "the generated method appendix"),
             header(1, "method", L["method_appendix"])] + method_blocks(model.language, 2, title=False))


def _process_appendix(model: Strategy, name: str, markdown: str) -> list[Part]:
    """An appendix on the process: a chapter of its own, its heading, then the shared Markdown."""
    return [raw(toolchain.CHAPTER_MARK + f"the generated {name} appendix"),
            header(1, name, i18n.labels(model.language)[f"{name}_appendix"]),
            Markdown(markdown, name)]


def participation_appendix(model: Strategy, link: consultation.Link) -> list[Part]:
    return _process_appendix(model, "participation",
                             consultation.participation_markdown(model, level=1, link=link, title=False))


def compilation_appendix(model: Strategy, link: consultation.Link) -> list[Part]:
    return _process_appendix(model, "compilation",
                             consultation.compilation_markdown(model, level=1, link=link, title=False))


def editions_appendix(model: Strategy, link: consultation.Link,
                      changes: consultation.ChangesSince | None) -> list[Part]:
    out = _process_appendix(model, "editions", consultation.history_markdown(model, level=2))
    if changes is not None:
        text = consultation.changes_markdown(model, changes, level=2, link=link, comment_href=comment_href)
        out.append(Markdown(text, "changes"))
    return out


def frameworks_appendix(model: Strategy, link: consultation.Link) -> list[Part]:
    """Which parts of the frameworks the goals address: the web edition's page of the same name."""
    return [raw(toolchain.CHAPTER_MARK + "the generated frameworks appendix"),
            header(1, "frameworks", i18n.labels(model.language)["frameworks_appendix"]),
            Markdown(coverage.coverage_markdown(model, level=2, link=link), "frameworks")]


def appendices(model: Strategy, *, report: FollowUp | None,
               changes: consultation.ChangesSince | None,
               priority_anchor: dict[str, str]) -> list[Part]:
    """Every appendix the strategy has material for, in reading order.

    Generated Markdown is returned as ``Markdown`` parts, for pandoc to read with the
    chapters; ``changes`` are the changes since the consultation version, shown when given
    (the plan gives them once the edition has moved past the consultation version).
    """
    link = subject_link(model, priority_anchor)
    shown = present_sections.sections(model)
    out: list[Part] = []
    # The follow-up of each year is a publication of its own (render.pdf.yearly); the edition shows
    # the statuses known at its date in its goal tables, and explains how they are made.
    if shown.followup and present_yearly.shows_status(report):
        out += method_appendix(model)
    if shown.frameworks:
        out += frameworks_appendix(model, link)
    if shown.participation:
        out += participation_appendix(model, link)
    if shown.compilation:
        out += compilation_appendix(model, link)
    if shown.history:
        out += editions_appendix(model, link, changes)
    return out
