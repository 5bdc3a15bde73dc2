"""The PDFs of earlier editions, each built from its own git revision, for the web edition's history.

An edition in editions.yaml before the current one, with no ``pdf:`` address but with a
``tag`` or ``commit`` that the repository knows, is unpacked from that revision (``diff.side``,
with ``git archive``), loaded with ``project.load_strategy`` and rendered with ``render_pdf``.
Its PDF shows that revision's commit and its own edition date, so it is as reproducible as the
current one, whatever ``SOURCE_DATE_EPOCH`` or ``STRATEGY_COMMIT`` say for this build.

Such a PDF depends only on its revision and on this toolkit, so it is kept in
``.build/editions/`` under a key of the commit, the edition and a fingerprint of the
toolkit (its own files, and the pandoc and Typst that run), and later builds reuse it: at
100× an earlier edition's PDF takes over a minute, and it would be built again on every
``strategy build``. Any change to the toolkit makes a new key, so a reused PDF is byte for
byte the one a build would make (the PDF is reproducible, tests/test_pdf.py).

Nothing here fails a build: an edition whose revision is missing, does not load, names another
edition or cannot be rendered gets a ``problem`` (shown on the history page) instead of a file.
Only ``strategy build`` runs this; ``strategy check`` never does.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from strategykit.present import i18n
from strategykit.vcs.buildinfo import edition_date
from strategykit.diagnostics import Severity, has_errors
from strategykit.model import EditionRecord, Strategy
from strategykit.atomic import write_atomic


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
    """True when ``file`` was taken from the cache of an earlier build (``CACHE_FOLDER``)."""


CACHE_FOLDER = Path(".build") / "editions"
"""Where earlier editions' PDFs are kept between builds, relative to the strategy folder."""


@functools.lru_cache(maxsize=1)
def toolkit_fingerprint() -> str:
    """What, besides the revision, decides an earlier edition's PDF: this toolkit's files and its tools' versions."""
    import pypandoc

    from strategykit.render.pdf.toolchain import versions

    package = Path(__file__).resolve().parents[2]
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and p.suffix in (".py", ".typ", ".lua", ".json", ".css", ".yml")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    # The pandoc that runs (pypandoc may pick one on PATH over its own) and the Typst that compiles.
    pandoc_version, typst_version = versions()
    digest.update(f"pandoc {pandoc_version} at {pypandoc.get_pandoc_path()}; typst {typst_version}".encode())
    return digest.hexdigest()


def _cache_file(root: Path, commit: str, edition: EditionRecord) -> Path:
    """``<commit>-<edition>-<toolkit>.pdf``, each part a short hash, so that a new toolkit's file can replace the old one."""
    version = hashlib.sha256(edition.version.encode()).hexdigest()[:8]
    return Path(root) / CACHE_FOLDER / f"{commit[:12]}-{version}-{toolkit_fingerprint()[:16]}.pdf"


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
    from strategykit.analysis.diff import RevisionError, resolve_commit

    reasons = []
    for rev in (edition.tag, edition.commit):
        if not rev:
            continue
        try:
            return resolve_commit(root, rev), ""
        except RevisionError as exc:
            reasons.append(str(exc))
    return None, " ".join(reasons)


def build_earlier_pdf(model: Strategy, edition: EditionRecord, out_dir: Path, *, cache: bool = True) -> EarlierPdf:
    """Build one earlier edition's PDF into ``out_dir``, or reuse the one an earlier build kept (``cache``);
    never raises for the edition's own problems."""
    from strategykit.analysis.diff import RevisionError, side
    from strategykit.project import load_strategy
    from strategykit.render.pdf import render_pdf

    words = i18n.process_labels(model.language)
    name = pdf_name(model, edition)
    rev = edition.tag or (edition.commit or "")[:12]
    commit, detail = _resolve(model.root, edition)
    if commit is None:
        return EarlierPdf(edition.version, name, problem=words["earlier_pdf_missing"].format(rev=rev),
                          detail=detail)
    out = Path(out_dir) / name
    kept = _cache_file(model.root, commit, edition)
    if cache and kept.is_file():
        try:
            write_atomic(out, kept.read_bytes())
            return EarlierPdf(edition.version, name, file=out, commit=commit, reused=True)
        except OSError:
            pass  # an unreadable cache is no reason not to build
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
    write_atomic(out, data)
    if cache:
        _keep(kept, data)
    return EarlierPdf(edition.version, name, file=out, commit=commit)


def build_earlier_pdfs(model: Strategy, out_dir: Path, *, cache: bool = True) -> list[EarlierPdf]:
    """The PDF (or the reason for none) of every edition ``earlier_editions`` names, oldest first."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    return [build_earlier_pdf(model, e, out_dir, cache=cache) for e in earlier_editions(model)]
