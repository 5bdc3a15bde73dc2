"""Which parts an edition has, decided once for the web and the PDF.

Each part is shown only when the strategy has material for it; both editions ask
here, so a strategy never has a participation page on the web and no participation
appendix in the PDF, or the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass

from strategykit.present import consultation, coverage
from strategykit.model import Strategy


@dataclass(frozen=True)
class Sections:
    followup: bool
    """The follow-up of the targets: the strategy has targets (its statuses need a year with data)."""
    participation: bool
    """Participation in numbers: dialogue meetings, origins of proposals, or consultation responses."""
    compilation: bool
    """The consultation compilation: every response and comment with its decision."""
    history: bool
    """The history of editions."""
    changes: bool
    """Changes since the consultation version: once the edition has moved past that version."""
    frameworks: bool = False
    """The coverage of the frameworks (Agenda 2030, the national strategy) some goal links to."""

    def names(self) -> list[str]:
        return [name for name in ("followup", "participation", "compilation", "history", "changes", "frameworks")
                if getattr(self, name)]


def sections(model: Strategy) -> Sections:
    return Sections(
        # Targets or commitments: either is followed up, and the yearly follow-up shows both.
        followup=any(True for _ in model.targets()) or any(True for _ in model.commitments()),
        participation=bool(model.dialogue.meetings or model.dialogue.origins or model.consultation),
        compilation=bool(model.consultation),
        history=bool(model.editions.entries),
        changes=consultation.shows_changes(model),
        frameworks=bool(coverage.coverage(model)),
    )


def made_on(model: Strategy, day) -> str | None:
    """The day a file was made, when a reader learns something from it: only when it is not the
    edition's own date (a build is dated by the edition, or by ``SOURCE_DATE_EPOCH``, never by the
    clock), so the colophon and the about page do not give the edition's date twice under two names."""
    return None if day.isoformat() == (model.edition.date or "") else day.isoformat()
