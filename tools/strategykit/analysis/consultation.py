"""The consultation as data the build needs before anything is laid out: which edition was the
consultation version, whether the current one has moved past it, and which comments changed what.

The rest of the process (the compilation, participation, the history of editions) is what a
reader sees and lives in ``present.consultation``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from strategykit.model import EditionRecord, Strategy


def consultation_edition(s: Strategy) -> EditionRecord | None:
    """The consultation edition the current one follows: the last with status consultation at or before it."""
    entries = list(s.editions.entries)
    current = next((i for i, e in enumerate(entries) if e.version == s.edition.version), len(entries) - 1)
    for e in reversed(entries[: current + 1]):
        if e.status == "consultation":
            return e
    return None


def shows_changes(s: Strategy) -> bool:
    """Changes since the consultation version are shown once the edition has moved past it."""
    edition = consultation_edition(s)
    return edition is not None and edition.version != s.edition.version


@dataclass(frozen=True)
class ChangesSince:
    """The semantic diff (``diff.compare``) from the consultation edition's git tag to the current sources."""

    edition: EditionRecord | None
    base: str | None
    """The git tag compared with, or the edition's commit when the repository lacks the tag."""
    changes: tuple[Any, ...] = ()
    """``diff.Change`` records, in document order; build files (how the editions are made) left out."""
    reason: str | None = None
    """Why there is no comparison, as a key the editions put in words: 'no_consultation_edition',
    'no_tag', 'tag_missing' (not in the repository, or no git) or 'side_unreadable'."""
    comments: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Subject id → ids of the comments whose handling names it under 'changed:'."""
    detail: str = ""
    """The technical reason behind ``problem`` (from git or the loader), for a build log."""

    @property
    def available(self) -> bool:
        return self.reason is None


def comments_changing(s: Strategy) -> dict[str, tuple[str, ...]]:
    """Subject id → ids of the comments whose handling says the text changed there."""
    out: dict[str, list[str]] = {}
    for r in s.consultation:
        for c in r.comments:
            for ref in c.handling.changed:
                out.setdefault(ref, []).append(c.id)
    return {k: tuple(v) for k, v in out.items()}
