"""The PDFs of earlier editions, each built from its own git revision, for the web edition's history.

An edition in editions.yaml before the current one, with no ``pdf:`` address but with a
``tag`` or ``commit`` that the repository knows, is unpacked from that revision (``diff.side``,
with ``git archive``), loaded with ``project.load_strategy`` and rendered with ``render_pdf``.
Its PDF shows that revision's commit and its own edition date, so it is as reproducible as the
current one, whatever ``SOURCE_DATE_EPOCH`` or ``STRATEGY_COMMIT`` say for this build.

Nothing here fails a build: an edition whose revision is missing, does not load, names another
edition or cannot be rendered gets a ``problem`` (shown on the history page) instead of a file.
Only ``strategy build`` runs this; ``strategy check`` never does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import i18n
from ..buildinfo import edition_date
from ..diagnostics import Severity, has_errors
from ..model import EditionRecord, Strategy
from ..outputs import write_atomic


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


def pdf_name(model: Strategy, edition: EditionRecord) -> str:
    return f"{model.id}-{edition.version}.pdf"


def earlier_editions(model: Strategy) -> list[EditionRecord]:
    """The editions before the current one that have no PDF address but a revision to build one from."""
    out = []
    for e in model.editions.entries:
        if e.version == model.edition.version:
            break
        if not e.pdf and (e.tag or e.commit):
            out.append(e)
    return out


def _resolve(root: Path, edition: EditionRecord) -> tuple[str | None, str]:
    """The commit of the edition's tag (or else its recorded commit), and the technical reason if none."""
    from ..diff import RevisionError, resolve_commit

    reasons = []
    for rev in (edition.tag, edition.commit):
        if not rev:
            continue
        try:
            return resolve_commit(root, rev), ""
        except RevisionError as exc:
            reasons.append(str(exc))
    return None, " ".join(reasons)


def build_earlier_pdf(model: Strategy, edition: EditionRecord, out_dir: Path) -> EarlierPdf:
    """Build one earlier edition's PDF into ``out_dir``; never raises for the edition's own problems."""
    from ..diff import RevisionError, side
    from ..project import load_strategy
    from . import render_pdf

    words = i18n.process_labels(model.language)
    name = pdf_name(model, edition)
    rev = edition.tag or (edition.commit or "")[:12]
    commit, detail = _resolve(model.root, edition)
    if commit is None:
        return EarlierPdf(edition.version, name, problem=words["earlier_pdf_missing"].format(rev=rev),
                          detail=detail)
    try:
        with side(model.root, commit) as (_, folder):
            loaded = load_strategy(folder)
            if loaded.model is None or has_errors(loaded.diagnostics):
                found = [d for d in loaded.diagnostics if d.severity is Severity.ERROR][:5]
                return EarlierPdf(edition.version, name, commit=commit,
                                  problem=words["earlier_pdf_unreadable"].format(rev=rev),
                                  detail="; ".join(f"{d.position}: {d.message}" for d in found))
            old = loaded.model
            if old.edition.version != edition.version:
                return EarlierPdf(edition.version, name, commit=commit, problem=words["earlier_pdf_other"].format(
                    rev=rev, found=old.edition.version or "?", version=edition.version))
            data = render_pdf(old, commit=commit, day=edition_date(old))
    except RevisionError as exc:
        return EarlierPdf(edition.version, name, commit=commit,
                          problem=words["earlier_pdf_missing"].format(rev=rev), detail=str(exc))
    except Exception as exc:  # noqa: BLE001 - an old revision must never fail the build of the current one
        return EarlierPdf(edition.version, name, commit=commit,
                          problem=words["earlier_pdf_failed"].format(rev=rev),
                          detail=str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
    out = Path(out_dir) / name
    write_atomic(out, data)
    return EarlierPdf(edition.version, name, file=out, commit=commit)


def build_earlier_pdfs(model: Strategy, out_dir: Path) -> list[EarlierPdf]:
    """The PDF (or the reason for none) of every edition ``earlier_editions`` names, oldest first."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    return [build_earlier_pdf(model, e, out_dir) for e in earlier_editions(model)]
