"""A progress status as a reader sees it, decided once for both editions: words, shape and colour.

A status is never colour alone (WCAG 1.4.1): each has its words, and a shape that
differs from every other status's shape, so that it reads at a glance in grey print
and for readers who do not tell the colours apart. The web draws the shape as a
small inline SVG, the PDF as a Typst shape, both from ``Badge.shape``.

Shapes, best first: a tick (achieved), a filled disc (on track), a triangle
(acceleration needed), a diamond (limited progress), a cross (moving away), a ring
(no data). An empty square, like an unticked box, is for what has not been assessed yet
(``present.commitments``), so that no status is words alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from strategykit.analysis.followup import Status
from strategykit.present import i18n

SHAPES: dict[Status, str] = {
    Status.ACHIEVED: "check",
    Status.ON_TRACK: "disc",
    Status.ACCELERATION_NEEDED: "triangle",
    Status.LIMITED_PROGRESS: "diamond",
    Status.MOVING_AWAY: "cross",
    Status.NO_DATA: "ring",
}

# The edge colour (graphics, at least 3:1 on white and on the tint) and the tint behind the words
# (the words are body ink on it, at least 12:1). The web's stylesheet uses the same values.
COLOURS: dict[Status, tuple[str, str]] = {
    Status.ACHIEVED: ("#1e6b34", "#e3f1e6"),
    Status.ON_TRACK: ("#2e7d4a", "#eaf5ed"),
    Status.ACCELERATION_NEEDED: ("#8a6100", "#fbf1d6"),
    Status.LIMITED_PROGRESS: ("#b5541a", "#fbe7da"),
    Status.MOVING_AWAY: ("#a32323", "#f9e2e2"),
    Status.NO_DATA: ("#5d6672", "#eef0f3"),
}

# Each shape in a 12 × 12 box: filled polygons and circles, or stroked lines for the tick and the cross.
ICON_PATHS: dict[str, tuple[str, str]] = {
    "check": ("stroke", "M2 6.5 L5 9.5 L10.5 2.5"),
    "disc": ("fill", "circle"),
    "triangle": ("fill", "M6 1.2 L11 10.5 L1 10.5 Z"),
    "diamond": ("fill", "M6 0.8 L11.2 6 L6 11.2 L0.8 6 Z"),
    "cross": ("stroke", "M2.5 2.5 L9.5 9.5 M9.5 2.5 L2.5 9.5"),
    "ring": ("stroke", "circle"),
    "box": ("stroke", "M2.2 2.2 L9.8 2.2 L9.8 9.8 L2.2 9.8 Z"),
}


@dataclass(frozen=True)
class Badge:
    """A status as both editions show it."""

    code: str
    """The status's stable code ('on-track'): the web's CSS class, the anchor of its definition."""
    label: str
    """The status in words, in the strategy's language ('I rätt takt')."""
    shape: str
    """'check', 'disc', 'triangle', 'diamond', 'cross', 'ring' or 'box' (see ``ICON_PATHS``)."""
    colour: str
    tint: str

    def as_data(self) -> dict:
        """For the PDF's data.json."""
        return {"code": self.code, "label": self.label, "shape": self.shape, "colour": self.colour,
                "tint": self.tint}


def badge(status: Status | str, language: str) -> Badge:
    s = Status(str(status))
    edge, tint = COLOURS[s]
    return Badge(s.value, i18n.progress_label(s.value, language), SHAPES[s], edge, tint)


def icon_svg(shape: str, colour: str, size: int = 12) -> str:
    """The shape as a small inline SVG, hidden from screen readers (the words beside it say the status)."""
    how, d = ICON_PATHS[shape]
    if d == "circle":
        body = (f'<circle cx="6" cy="6" r="4.6" fill="{colour}"/>' if how == "fill" else
                f'<circle cx="6" cy="6" r="4.2" fill="none" stroke="{colour}" stroke-width="1.8"/>')
    elif how == "fill":
        body = f'<path d="{d}" fill="{colour}"/>'
    else:
        body = (f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.2" stroke-linecap="round" '
                f'stroke-linejoin="round"/>')
    return (f'<svg class="sk-status__icon" aria-hidden="true" focusable="false" width="{size}" height="{size}" '
            f'viewBox="0 0 12 12">{body}</svg>')


@dataclass(frozen=True)
class Distribution:
    """How many targets of a priority (or of the whole strategy) have each status, best first."""

    counts: tuple[tuple[Badge, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def words(self, language: str) -> str:
        """'2 i rätt takt, 1 begränsade framsteg': the statuses present, in words, best first."""
        parts = [f"{n} {b.label[:1].lower() + b.label[1:]}" for b, n in self.counts if n]
        return ", ".join(parts) if parts else "–"


def distribution(counts: dict[Status, int], language: str) -> Distribution:
    return Distribution(tuple((badge(s, language), counts.get(s, 0)) for s in Status))
