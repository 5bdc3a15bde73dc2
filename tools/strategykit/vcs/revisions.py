"""The two sides of a comparison, as loaded models: the working tree, a folder, or a git revision.

A revision is unpacked into a temporary folder (``git.extract``) and loaded like any
strategy (``project.load_strategy``); ``diff`` compares the two models with
``analysis.diff.compare``.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Iterator, Sequence

from strategykit.analysis.diff import DiffResult, compare
from strategykit.diagnostics import Diagnostic
from strategykit.model import Strategy
from strategykit.messages import _
from strategykit.project import EDITIONS_FILE, load_strategy
from strategykit.source.load import load_yaml
from strategykit.vcs.git import RevisionError, default_base, extract, resolve_commit

__all__ = ["RevisionError", "SideNotLoaded", "side", "load_side", "diff"]


class SideNotLoaded(Exception):
    """A side's goals.yaml does not load; ``diagnostics`` say why."""

    def __init__(self, label: str, diagnostics: list[Diagnostic]):
        super().__init__(f"the strategy at {label} cannot be read")
        self.label = label
        self.diagnostics = diagnostics


def _label(rev: str, commit: str) -> str:
    return commit[:12] if commit.startswith(rev) else f"{rev} ({commit[:7]})"


@contextlib.contextmanager
def side(root: Path, spec: str | None, only: Sequence[str] = ()) -> Iterator[tuple[str, Path]]:
    """A side as (label, folder): ``None`` is the working tree; a folder is itself; else a revision,
    unpacked whole (a diff also compares the build files) or, with ``only``, just those files and folders."""
    if spec is None:
        yield _("the working tree"), root
        return
    if Path(spec).is_dir():
        if not (Path(spec) / "goals.yaml").is_file():
            raise RevisionError(f"the folder '{spec}' has no goals.yaml.")
        yield spec, Path(spec)
        return
    try:
        commit = resolve_commit(root, spec)
        label = _label(spec, commit)
    except RevisionError:
        recorded = _edition_commit(root, spec)
        if recorded is None:
            raise
        # The tag an edition names in editions.yaml, missing here: its recorded commit stands in for it,
        # as on the history page (the rule edition-tag-missing warns only when both are missing).
        commit = resolve_commit(root, recorded)
        label = _("{tag} ({commit}; the tag is not in this repository: its commit from editions.yaml)",
                  tag=spec, commit=commit[:7])
    with tempfile.TemporaryDirectory(prefix="strategy-diff-") as tmp:
        yield label, extract(root, commit, Path(tmp), only=only)


def _edition_commit(root: Path, tag: str) -> str | None:
    """The ``commit:`` editions.yaml records for the edition tagged ``tag``, if any."""
    doc, _problems = load_yaml(root / EDITIONS_FILE, EDITIONS_FILE)
    entries = doc.data.get("editions") if doc is not None and isinstance(doc.data, dict) else None
    for e in entries if isinstance(entries, list) else []:
        if isinstance(e, dict) and e.get("tag") == tag and isinstance(e.get("commit"), str):
            return e["commit"]
    return None


def load_side(label: str, folder: Path) -> Strategy:
    result = load_strategy(folder)
    if result.model is None:
        raise SideNotLoaded(label, result.diagnostics)
    return result.model


def diff(root: Path, base: str | None = None, head: str | None = None) -> DiffResult:
    """Compare two sides of the strategy in ``root`` (default: merge base with main → working tree)."""
    root = Path(root)
    base_label = None
    if base is None:
        if head is not None:
            raise RevisionError("name the base too when you name the head: strategy diff BASE HEAD.")
        base_label, base = default_base(root)
    with side(root, base) as (label, base_dir), side(root, head) as (head_label, head_dir):
        old, new = load_side(label, base_dir), load_side(head_label, head_dir)
        return DiffResult(base_label or label, head_label, compare(old, new), new.language or old.language,
                          new.levels or old.levels)
