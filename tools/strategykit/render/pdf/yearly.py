"""The yearly follow-up as a PDF of its own: "Uppföljning 2024", tagged PDF/UA-1 like the edition.

It reuses the edition's machinery (the profile's cover, colophon and contents, the follow-up
tables of ``followup-overview`` and ``followup-priority``, pandoc → Typst, ``toolchain.compile_pdf``)
with a document of its own: a summary by priority, every goal and target with its status and the
calculation behind it, the method with its formulas, and the data sources. What it shows is the
plan's follow-up for the year (``plan.yearly``), decided in ``present``; nothing is computed here.
"""

from __future__ import annotations

import datetime as _dt
import json
import tempfile
from pathlib import Path

from strategykit.analysis.followup import FollowUp
from strategykit.plan import BuildPlan
from strategykit.present import commitments as present_commitments, i18n, yearly as present_yearly
from strategykit.present.mdtext import inline
from strategykit.present.catalog import spoken

__all__ = ["render_yearly_pdf"]


def render_yearly_pdf(plan: BuildPlan, report: FollowUp) -> bytes:
    """The PDF of the follow-up ``report`` (one year), laid out from ``plan``."""
    from strategykit.render.pdf import toolchain
    from strategykit.render.pdf.appendices import method_blocks
    from strategykit.render.pdf.blocks import Markdown, header, para, raw
    from strategykit.render.pdf.data import anchor, document_data, followup_data
    from strategykit.render.pdf.document import _FragmentRewriter, drop_dangling_links, identifiers, stringify
    from strategykit.render.pdf.profile import DOCUMENT_TEMPLATE, stage_profile

    model = plan.model
    lang = spoken(model.language)
    L = i18n.labels_for(model, lang)
    toolchain.check_pairing()
    day = present_yearly.publication_date(report, plan.build_date)
    data = document_data(model, commit=plan.commit, build_date=day, report=None, body=False)
    title = present_yearly.title(model, report.year)
    # The cover and colophon name the publication, and the strategy it follows up.
    data["strategy"].update({
        "title": title,
        "document_title": present_yearly.document_title(model, report.year),
        "subtitle": model.title,
        "status": L["yearly_kind"],
        "tagline": "",
        "date": i18n.format_date(day.isoformat(), lang),
    })
    data["followup"] = followup_data(model, report, lang, commitments=True)

    parts: list = [raw(toolchain.CHAPTER_MARK + "the follow-up's summary"),
                   header(1, "followup", L["yearly_summary"]),
                   para(" ".join(present_yearly.lead(model, report))),
                   raw("#followup-overview(data.followup, shared)")]
    if report.previous_year is not None:
        parts += [header(2, "followup-changes", f"{L['changes_since']} ({report.previous_year})"),
                  raw("#followup-changes(data.followup, shared)")]
    parts += [raw(toolchain.CHAPTER_MARK + "the follow-up's targets"),
              header(1, "followup-targets", L["yearly_targets"])]
    titles = {p.id: p.title for p in model.priorities}
    for i, pp in enumerate(report.priorities):
        parts += [header(2, anchor("followup", pp.priority_id), f"{pp.priority_id} {titles[pp.priority_id]}".strip()),
                  raw(f"#followup-priority(data.followup.priorities.at({i}), shared)")]
    parts += [raw(toolchain.CHAPTER_MARK + "the follow-up's method")] + method_blocks(lang, 1)
    if any(True for _ in model.commitments()):  # how commitments, and goals followed up by them, are judged
        parts.append(Markdown(present_commitments.method_markdown(lang, level=2), "commitment-method"))
    parts += [raw(toolchain.CHAPTER_MARK + "the follow-up's sources"),
              header(1, "sources", L["yearly_sources"]),
              Markdown(present_yearly.sources_markdown(model, report, inline), "sources")]

    texts = [p for p in parts if isinstance(p, Markdown)]
    read = toolchain.read_each([p.text for p in texts])
    converted = {id(p): _FragmentRewriter(p.prefix, p.formulas).blocks(ast) for p, ast in zip(texts, read)}
    blocks = []
    for p in parts:
        blocks += converted[id(p)] if isinstance(p, Markdown) else [p]
    blocks = drop_dangling_links(blocks, identifiers(blocks))
    data["outline"] = [stringify(b["c"][2]) for b in blocks if b.get("t") == "Header" and b["c"][0] == 1]
    with tempfile.TemporaryDirectory(prefix="strategy-yearly-") as tmp:
        build = Path(tmp)
        own_profile = stage_profile(model.root, build / "style")
        data["own_profile"] = "profile.typ" in own_profile
        (build / "data.json").write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                                         encoding="utf-8")
        (build / "main.typ").write_text(toolchain.fill_template(DOCUMENT_TEMPLATE, toolchain.typst_body(blocks)),
                                        encoding="utf-8")
        timestamp = int(_dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc).timestamp())
        return toolchain.compile_pdf(build, timestamp=timestamp, own_profile=own_profile)
