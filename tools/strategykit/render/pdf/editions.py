"""The PDFs of earlier editions, each printed from its own revision, for the web edition's history.

The plan (``vcs.editions.checked_out``) gives each earlier edition in editions.yaml without a
``pdf:`` address either the PDF this toolkit already made of its revision (kept in
``.build/editions/``), or its revision's sources loaded into a model, or why there is neither.
This prints the models with ``render_pdf`` (showing that revision's commit and its own edition
date, so the PDF is as reproducible as the current one) and keeps each new PDF for later builds:
at 100× an earlier edition takes over a minute, and it would be printed again on every build.
The cache key holds the toolkit's fingerprint, so a kept PDF is byte for byte what a build
would make (the PDF is reproducible, tests/test_pdf.py).

Nothing here fails a build: an edition that cannot be printed gets a ``problem`` (shown on the
history page) instead of a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from strategykit.atomic import write_atomic
from strategykit.plan import BuildPlan, edition_date, gather
from strategykit.present import i18n

if TYPE_CHECKING:
    from strategykit.vcs.editions import EarlierEdition  # the plan's records; nothing of vcs runs here


@dataclass(frozen=True)
class EarlierPdf:
    """An earlier edition's PDF (``file``), or why there is none (``problem``, in the strategy's language)."""

    version: str
    name: str
    """The PDF's file name, ``<strategy id>-<version>.pdf``."""
    file: Path | None = None
    commit: str | None = None
    problem: str | None = None
    detail: str = ""
    """The technical reason behind ``problem`` (git, the loader, the renderer), for the build log."""
    reused: bool = False
    """True when ``file`` was taken from the cache of an earlier build."""


def _keep(kept: Path, data: bytes) -> None:
    """Keep the PDF for later builds, in place of the one an earlier toolkit made of the same edition."""
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(kept, data)
        stem = kept.name.rsplit("-", 1)[0]
        for older in kept.parent.glob(f"{stem}-*.pdf"):
            if older != kept:
                older.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only checkout builds it again next time


def print_earlier(plan: BuildPlan, e: EarlierEdition, out_dir: Path, *, cache: bool = True) -> EarlierPdf:
    """One earlier edition's PDF in ``out_dir``, reused or printed; never raises for the edition's own problems."""
    from strategykit.render.pdf import render_pdf

    words = i18n.process_labels(plan.model.language)
    rev = e.edition.tag or (e.edition.commit or "")[:12]
    if e.reason == "missing":
        return EarlierPdf(e.version, e.name, commit=e.commit, problem=words["earlier_pdf_missing"].format(rev=rev),
                          detail=e.detail)
    if e.reason == "unreadable":
        return EarlierPdf(e.version, e.name, commit=e.commit, detail=e.detail,
                          problem=words["earlier_pdf_unreadable"].format(rev=rev))
    if e.reason == "other":
        return EarlierPdf(e.version, e.name, commit=e.commit, problem=words["earlier_pdf_other"].format(
            rev=rev, found=e.found, version=e.version))
    out = Path(out_dir) / e.name
    if e.model is None and e.kept is not None and cache:
        try:
            write_atomic(out, e.kept.read_bytes())
            return EarlierPdf(e.version, e.name, file=out, commit=e.commit, reused=True)
        except OSError:
            pass  # an unreadable cache: the plan has no model to print either, so say so
        return EarlierPdf(e.version, e.name, commit=e.commit, problem=words["earlier_pdf_failed"].format(rev=rev))
    try:
        data = render_pdf(gather(e.model, ("followup",), commit=e.commit, day=edition_date(e.model)))
    except Exception as exc:  # noqa: BLE001 - an old revision must never fail the build of the current one
        return EarlierPdf(e.version, e.name, commit=e.commit, problem=words["earlier_pdf_failed"].format(rev=rev),
                          detail=str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
    write_atomic(out, data)
    if cache and e.kept is not None:
        _keep(e.kept, data)
    return EarlierPdf(e.version, e.name, file=out, commit=e.commit)


def print_earlier_editions(plan: BuildPlan, out_dir: Path, *, cache: bool = True) -> list[EarlierPdf]:
    """The PDF (or the reason for none) of every earlier edition in the plan, oldest first."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    return [print_earlier(plan, e, out_dir, cache=cache) for e in plan.earlier]
