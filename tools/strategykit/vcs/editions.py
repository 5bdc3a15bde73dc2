"""Earlier editions from git: the consultation version to compare with, and revisions to print.

Both need an earlier state of the sources, so both live here, beside git: the changes since
the consultation edition (``analysis.diff`` on the two models) and, for each earlier edition
in editions.yaml without a PDF address, its revision unpacked and loaded, so that the build
can print it (``render.pdf.editions``). Nothing here fails a build: a missing revision or one
that does not load is said in the result.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from strategykit.analysis.consultation import (ChangesSince, comments_changing, consultation_edition, shows_changes)
from strategykit.analysis.diff import Change, compare
from strategykit.diagnostics import Severity, has_errors
from strategykit.model import EditionRecord, Strategy
from strategykit.project import SOURCES, load_strategy
from strategykit.vcs.git import RevisionError, extract, resolve_commit
from strategykit.vcs.revisions import SideNotLoaded, diff, load_side, side

CACHE_FOLDER = Path(".build") / "editions"
"""Where earlier editions' PDFs are kept between builds, relative to the strategy folder."""


def changes_since_consultation(s: Strategy, *, head: str | None = None) -> ChangesSince:
    """Compare the consultation edition (its git tag, or else its commit, in editions.yaml) with the sources.

    ``head`` is the working tree by default, or a git revision. Never raises for a missing tag or
    repository, but says why in ``reason``.
    """
    edition = consultation_edition(s)
    if edition is None:
        return ChangesSince(None, None, reason="no_consultation_edition")
    if not edition.tag and not edition.commit:
        return ChangesSince(edition, None, reason="no_tag")
    used = edition.tag if edition.tag and (s.editions.has(edition.tag) or not edition.commit) else edition.commit
    try:
        try:
            changes = _changes_since(s, used, head)
        except RevisionError:
            if not edition.commit:
                raise
            used = edition.commit  # a clone without the tag, or a tag that was never made
            changes = _changes_since(s, edition.commit, head)
    except RevisionError as exc:
        return ChangesSince(edition, edition.tag, reason="tag_missing", detail=str(exc))
    except SideNotLoaded as exc:
        return ChangesSince(edition, edition.tag, reason="side_unreadable",
                            detail="; ".join(f"{d.position}: {d.message}" for d in exc.diagnostics[:5]))
    return ChangesSince(edition, used, changes, None, comments_changing(s))


def _changes_since(s: Strategy, rev: str, head: str | None) -> tuple[Change, ...]:
    """The strategy's changes from ``rev`` to ``head``, without the build files (not the readers' concern).

    For the working tree (``head`` None) the model already checked, ``s``, is the new side: every
    build gathers these changes, and loading the sources a second time would cost as much as
    loading the earlier revision.
    """
    if head is not None:
        return tuple(c for c in diff(s.root, rev, head).changes if c.subject != "build")
    with side(s.root, rev, only=SOURCES) as (label, folder):  # the strategy's files: no build files compared
        return tuple(compare(load_side(label, folder), s, build_files=False))


# --- earlier editions to print ----------------------------------------------------

@dataclass(frozen=True)
class EarlierEdition:
    """An earlier edition to print: its kept PDF, its loaded model, or why there can be neither.

    ``reason`` is a key the editions put in words ('missing', 'unreadable', 'other'), with
    ``found`` (the version that revision holds) for 'other'; ``detail`` is for the build log.
    """

    edition: EditionRecord
    name: str
    """The PDF's file name, ``<strategy id>-<version>.pdf``."""
    commit: str | None = None
    kept: Path | None = None
    """Where a PDF of this revision, made by this toolkit, is kept (``CACHE_FOLDER``)."""
    model: Strategy | None = None
    """The edition as loaded from its revision, when there is no kept PDF yet."""
    reason: str | None = None
    found: str = ""
    detail: str = ""

    @property
    def version(self) -> str:
        return self.edition.version


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
    reasons = []
    for rev in (edition.tag, edition.commit):
        if not rev:
            continue
        try:
            return resolve_commit(root, rev), ""
        except RevisionError as exc:
            reasons.append(str(exc))
    return None, " ".join(reasons)


def cache_file(root: Path, commit: str, edition: EditionRecord, toolkit: str) -> Path:
    """``<commit>-<edition>-<toolkit>.pdf``, each part a short hash, so that a new toolkit's file can replace the old one."""
    version = hashlib.sha256(edition.version.encode()).hexdigest()[:8]
    return Path(root) / CACHE_FOLDER / f"{commit[:12]}-{version}-{toolkit[:16]}.pdf"


def checked_out(model: Strategy, toolkit: str, folder: Path, *, reuse: bool = True) -> list[EarlierEdition]:
    """Every earlier edition ``earlier_editions`` names, oldest first: with its kept PDF if this
    ``toolkit`` (a fingerprint) made one of its revision (and ``reuse``), else unpacked into
    ``folder`` and loaded."""
    out = []
    for n, edition in enumerate(earlier_editions(model)):
        name = pdf_name(model, edition)
        commit, detail = _resolve(model.root, edition)
        if commit is None:
            out.append(EarlierEdition(edition, name, reason="missing", detail=detail))
            continue
        kept = cache_file(model.root, commit, edition, toolkit)
        if reuse and kept.is_file():
            out.append(EarlierEdition(edition, name, commit, kept))
            continue
        try:
            loaded = load_strategy(extract(model.root, commit, Path(folder) / str(n), only=SOURCES))
        except RevisionError as exc:
            out.append(EarlierEdition(edition, name, commit, kept, reason="missing", detail=str(exc)))
            continue
        if loaded.model is None or has_errors(loaded.diagnostics):
            found = [d for d in loaded.diagnostics if d.severity is Severity.ERROR][:5]
            out.append(EarlierEdition(edition, name, commit, kept, reason="unreadable",
                                      detail="; ".join(f"{d.position}: {d.message}" for d in found)))
        elif loaded.model.edition.version != edition.version:
            out.append(EarlierEdition(edition, name, commit, kept, reason="other",
                                      found=loaded.model.edition.version or "?"))
        else:
            out.append(EarlierEdition(edition, name, commit, kept, loaded.model))
    return out
