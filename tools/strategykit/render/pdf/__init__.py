"""The print edition: the model and chapters → one pandoc document → Typst → a tagged PDF.

The pipeline (given a ``plan.BuildPlan``: a checked model, the follow-up, the changes since the
consultation version, the commit and date the edition shows)
    1. The rules that would make the PDF fail (no alt text, no chapter title, a skipped heading
       level, raw markup, a missing image) have run in the check and stay errors whatever
       ``checks:`` says (``guards_build``), so the plan's model has none of them.
    2. ``document``: each chapter is read by pandoc (sandboxed, no raw markup)
       into pandoc's AST; the generated parts (goal tables with each target's
       status, the indicator appendix with its charts, the follow-up of
       ``followup.follow_up``) are added as headings plus calls into the Typst
       profile, and the appendices on the process (``appendices``: participation,
       the consultation compilation, editions and changes since the
       consultation version) as pandoc content made from ``consultation``'s
       Markdown. An image that does not resolve inside strategy/ refuses the build.
    3. pandoc writes the whole document as Typst (in a few runs at once for a large
       strategy), filled into ``templates/strategy.typ``.
    4. Typst compiles it in a temporary build folder that holds only main.typ,
       data.json (the model as formatted text, see ``data``), the profile and the
       chapters' images; system fonts are ignored and the standard is PDF/UA-1.
    5. The PDF is written atomically to ``dist/<strategy-id>-<version>.pdf``.

Reproducible: the same sources give the same bytes. Every date comes from
the plan's ``build_date`` (the edition's date, or ``SOURCE_DATE_EPOCH``), which
also fixes the PDF's creation date; Typst derives the file's /ID from the
content; only embedded fonts and the profile's own fonts are used. The git
commit printed in the colophon is part of the sources (``STRATEGY_COMMIT``
overrides it).

The graphic profile
    The look is two Typst files in the package: ``templates/theme.typ`` (fonts,
    colours, logo) and ``templates/profile.typ`` (page layout, cover, colophon,
    tables, charts). An organisation uses its own without touching code by
    adding a folder ``pdf/`` to the strategy repository:

    - ``pdf/theme.typ`` replaces the theme: copy the packaged one and change
      the colours, the fonts or set ``logo: "logo.svg"`` (with ``logo-alt``);
    - ``pdf/profile.typ`` replaces the whole layout (start from a copy; the
      functions it must define are listed at its top);
    - any other file there (fonts ``.ttf``/``.otf``, the logo) is available to
      both, and fonts placed there can be named in the theme.

    Every file in ``pdf/`` must lie inside the repository (links out of it are
    refused), so a profile cannot read files of the machine that builds it.
"""

from __future__ import annotations

import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from strategykit.plan import BuildPlan
from strategykit.atomic import write_atomic

__all__ = ["build_pdf", "render_pdf"]


def render_pdf(plan: BuildPlan, *, keep: Path | None = None) -> bytes:
    """The PDF's bytes, laid out from ``plan``. ``keep``: also leave the Typst build folder there
    (for debugging a profile)."""
    from strategykit.render.pdf import toolchain
    from strategykit.render.pdf.data import document_data, link_comments
    from strategykit.render.pdf.document import Media, build_document, number_figures
    from strategykit.render.pdf.profile import DOCUMENT_TEMPLATE, stage_profile
    from strategykit.present import cover as present_cover

    model = plan.model
    toolchain.check_pairing()
    report = plan.followup
    with tempfile.TemporaryDirectory(prefix="strategy-pdf-") as tmp:
        build = Path(tmp)
        own_profile = stage_profile(model.root, build / "style")
        with ThreadPoolExecutor(max_workers=1) as pool:
            # The data is made while pandoc reads the chapters; it depends on the document only for
            # which comment anchors exist and for the chapter titles, filled in when the document is done.
            pending = pool.submit(document_data, model, commit=plan.commit, build_date=plan.build_date,
                                  report=report)
            media = Media(build / "media")
            document = build_document(model, media, report=report, changes=plan.changes)
            data = pending.result()
        cover = present_cover.cover_image(model)
        data["strategy"]["cover"] = {"path": media.add(cover.file), "alt": cover.alt} if cover else None
        link_comments(data, document.labels)
        data["outline"] = document.chapter_titles()
        data["own_profile"] = "profile.typ" in own_profile  # its calls get all of data.json (strategy.typ)
        blocks = document.blocks
        if "profile.typ" not in own_profile:  # an organisation's own profile may make other figures
            charts = [len(indicator["charts"]) for indicator in data["indicators"]]
            blocks = number_figures(blocks, charts.__getitem__) or blocks
        with ThreadPoolExecutor(max_workers=1) as pool:
            body = pool.submit(toolchain.typst_body, blocks)  # pandoc writes while Python writes the data
            # Compact: json.dumps with an indent runs in pure Python, several times slower.
            (build / "data.json").write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                                             encoding="utf-8")
            (build / "main.typ").write_text(toolchain.fill_template(DOCUMENT_TEMPLATE, body.result()),
                                            encoding="utf-8")
        del document, blocks, data, body  # from here on, only the compiler's memory is needed
        if keep is not None:
            import shutil

            shutil.copytree(build, keep, dirs_exist_ok=True)
        return toolchain.compile_pdf(build, timestamp=plan.timestamp, own_profile=own_profile)


def build_pdf(plan: BuildPlan, dist_dir: Path) -> Path:
    """Build the print edition into ``dist_dir``; raise BuildError (with diagnostics) if it cannot be built."""
    pdf = render_pdf(plan)
    out = Path(dist_dir) / plan.pdf_name
    write_atomic(out, pdf)
    return out
