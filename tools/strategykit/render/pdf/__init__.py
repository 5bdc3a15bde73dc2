"""The print edition: the model and chapters → one pandoc document → Typst → a tagged PDF.

The pipeline
    1. ``preflight``: the rules that would make the PDF fail (no alt text, no
       chapter title, a skipped heading level, raw markup, a missing image) run
       first; any finding refuses the build with ordinary diagnostics.
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
``buildinfo.build_date`` (the edition's date, or ``SOURCE_DATE_EPOCH``), which
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

import datetime as _dt
import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from strategykit.vcs.buildinfo import build_date, git_commit, pdf_filename
from strategykit.model import Strategy
from strategykit.atomic import write_atomic
from strategykit.render.pdf.preflight import PdfRefused, preflight, refuse_if_broken

__all__ = ["build_pdf", "render_pdf", "preflight", "PdfRefused"]


def _timestamp(day: _dt.date) -> int:
    return int(_dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc).timestamp())


def render_pdf(model: Strategy, *, keep: Path | None = None, commit: str | None = None,
               day: _dt.date | None = None) -> bytes:
    """The PDF's bytes. ``keep``: also leave the Typst build folder there (for debugging a profile).

    ``commit`` and ``day`` fix the git commit and the date the edition shows (default: the sources'
    commit, ``buildinfo.git_commit``, and ``buildinfo.build_date``); an earlier edition built from its
    own revision passes that revision's id and its own date (``history``).
    """
    from strategykit.render.pdf import toolchain
    from strategykit.render.pdf.data import document_data, link_comments
    from strategykit.render.pdf.document import Media, build_document, number_figures
    from strategykit.render.pdf.profile import DOCUMENT_TEMPLATE, stage_profile

    from strategykit.analysis.followup import follow_up

    refuse_if_broken(model)
    toolchain.check_pairing()
    day = day or build_date(model)
    report = follow_up(model)
    with tempfile.TemporaryDirectory(prefix="strategy-pdf-") as tmp:
        build = Path(tmp)
        own_profile = stage_profile(model.root, build / "style")
        with ThreadPoolExecutor(max_workers=1) as pool:
            # The data is made while pandoc reads the chapters; it depends on the document only for
            # which comment anchors exist and for the chapter titles, filled in when the document is done.
            pending = pool.submit(document_data, model, commit=commit or git_commit(model.root), build_date=day,
                                  report=report)
            document = build_document(model, Media(build / "media"), report=report)
            data = pending.result()
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
        return toolchain.compile_pdf(build, timestamp=_timestamp(day), own_profile=own_profile)


def build_pdf(model: Strategy, dist_dir: Path) -> Path:
    """Build the print edition into ``dist_dir``; raise BuildError (with diagnostics) if it cannot be built."""
    pdf = render_pdf(model)
    out = Path(dist_dir) / pdf_filename(model)
    write_atomic(out, pdf)
    return out
