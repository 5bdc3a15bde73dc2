"""A commitment as both editions and the report show it: owners, the latest assessment, the scale.

A commitment is followed up by judgement, not by an indicator, so its status is a word on
the commitment scale (``model.COMMITMENT_STATUSES``) with a shape and a colour of its own,
like a target's status (never colour alone), and every place that shows one says that it is
a judgement (``judgement_note``). The scale and what each step means is written out once here
(``method_markdown``) for the web's method page, the PDF's method appendix and the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from strategykit.analysis.followup import CommitmentProgress, GoalJudgement, judge_goal
from strategykit.model import COMMITMENT_STATUSES, Assessment, Commitment, Goal, Strategy
from strategykit.present import i18n
from strategykit.present.catalog import Texts, spoken
from strategykit.present.mdtext import keep_numbers
from strategykit.present.status import Badge

NOT_ASSESSED = "not-assessed"
"""A commitment, or a goal followed up by its commitments, that nobody has assessed yet: not a step
of the scale, but shown like one (a shape, a colour and words), so that it is never words alone."""

SHAPES = {"done": "check", "on-schedule": "disc", "delayed": "triangle", "not-started": "ring",
          "discontinued": "cross", NOT_ASSESSED: "box"}
"""Each step's shape, from the shapes of the target statuses (``present.status.ICON_PATHS``): the
same shape means the same thing at a glance (a tick is done, a cross is given up); an empty box, which
no step has, is 'not assessed yet' (a box not yet ticked)."""

COLOURS = {"done": ("#1e6b34", "#e3f1e6"), "on-schedule": ("#2e7d4a", "#eaf5ed"),
           "delayed": ("#8a6100", "#fbf1d6"), "not-started": ("#5d6672", "#eef0f3"),
           "discontinued": ("#a32323", "#f9e2e2"), NOT_ASSESSED: ("#5d6672", "#eef0f3")}
"""Edge and tint, the target statuses' values (present.status.COLOURS) for the step of the same meaning;
'not assessed yet' has the grey of 'no data'."""

_MEANING = Texts("commitment_meaning", {
    "done": "the commitment has been carried out",
    "on-schedule": "the work is under way and on schedule",
    "delayed": "the work is under way but behind schedule",
    "not-started": "the work has not begun",
    "discontinued": "the commitment has been given up and will not be carried out",
})

_TEXTS = Texts("commitment_texts", {
    "method": ("A commitment is something named actors have undertaken to do for a goal. It is not followed "
               "up with an indicator but assessed once a year by whoever the strategy names, on a fixed scale. "
               "The assessment is a judgement, not a statistic: it says who assessed, when, with what reasoning "
               "and on what evidence. The scale, from best to worst:"),
    "goal_rule": ("**Goals followed up by their commitments.** A goal with no measurable target with an indicator "
                  "(its own or shared with another goal) but with commitments gets an assessment derived from its "
                  "commitments' latest assessments, up to the report year: the worst of them, in the order "
                  "{order}. A commitment not yet assessed is not counted, but how many of the goal's commitments "
                  "were assessed is stated; when none is, the goal is *{not_assessed}*. The goal's assessment is a "
                  "judgement, not a measured value: it is always shown with the words “{judgement}” and counted "
                  "beside the measurable targets' statuses, never among them."),
})
"""The method of the commitments, and how a goal followed up by its commitments alone is assessed."""


def badge(status: str, language: str) -> Badge:
    """A step of the commitment scale (or ``NOT_ASSESSED``) as a badge: its words, shape and colour."""
    edge, tint = COLOURS[status]
    words = (i18n.labels(language)["not_assessed"] if status == NOT_ASSESSED
             else i18n.commitment_status_label(status, language))
    return Badge(status, words, SHAPES[status], edge, tint)


def not_assessed(language: str) -> Badge:
    """'Inte bedömt ännu' as a badge, for a commitment or goal that has no assessment yet."""
    return badge(NOT_ASSESSED, language)


@dataclass(frozen=True)
class AssessmentView:
    year: int
    status: Badge
    reasoning: str
    by: str
    date: str
    """In the reader's form: '15 mars 2025'."""
    evidence: tuple[tuple[str, str], ...]
    """(title, link) of each document the assessment rests on."""
    illustrative: bool


@dataclass(frozen=True)
class CommitmentRow:
    id: str
    text: str
    owners: tuple[str, ...]
    """Each owner in words: the body's name with its kind ('Umeå universitet (akademi)'), or the kind."""
    assessed_by: str
    latest: AssessmentView | None
    """The assessment of the latest year; None while there is none."""


def owner_words(owner, language: str) -> str:
    kind = i18n.kind_label(owner.kind, language) if owner.kind else ""
    if owner.name:
        return f"{owner.name} ({kind.lower()})" if kind else owner.name
    return i18n.owner_label(owner.kind, language)


def _lang(model: Strategy) -> str:
    return spoken(model.language)


def commitment_row(model: Strategy, c: Commitment, until: int | None = None) -> CommitmentRow:
    """The row of a commitment; ``until``: the latest assessment up to that year (a yearly follow-up's)."""
    return _row(model, c, c.latest(until=until))


def progress_row(model: Strategy, cp: CommitmentProgress) -> CommitmentRow:
    """The row of a commitment as a follow-up shows it: with its latest assessment up to the report year."""
    return _row(model, cp.commitment, cp.latest)


def _row(model: Strategy, c: Commitment, a: Assessment | None) -> CommitmentRow:
    lang = _lang(model)
    latest = None
    if a is not None and a.status is not None and a.year is not None:
        latest = AssessmentView(a.year, badge(a.status, lang), keep_numbers(" ".join(a.reasoning.split())),
                                " ".join(a.by.split()), i18n.format_date(a.date, lang),
                                tuple((" ".join(e.title.split()), e.url) for e in a.evidence), a.illustrative)
    return CommitmentRow(c.id, keep_numbers(" ".join(c.text.split())),
                         tuple(" ".join(owner_words(o, lang).split()) for o in c.owners),
                         " ".join((c.assessed_by or "").split()), latest)


def assessed_line(view: AssessmentView, language: str) -> str:
    """'Bedömt 15 mars 2025 av Regionala utvecklingsnämnden' (without the year assessed)."""
    return i18n.labels(language)["assessed_on"].format(date=view.date, by=view.by)


def goal_rule(language: str) -> str:
    """How a goal followed up by its commitments alone gets its assessment (``analysis.followup.judge_goal``)."""
    language = spoken(language)
    L = i18n.labels(language)
    order = ", ".join(i18n.commitment_status_label(s, language).lower() for s in COMMITMENT_STATUSES)
    return _TEXTS.of(language)["goal_rule"].format(order=order, not_assessed=L["not_assessed"].lower(),
                                                   judgement=L["goal_judgement"])


@dataclass(frozen=True)
class GoalJudgementView:
    """A goal's judgement as both editions and the report show it."""

    badge: Badge
    """The worst latest assessment's step of the scale; ``not_assessed`` while no commitment is assessed."""
    label: str
    """'Försenat', or 'Inte bedömt ännu'."""
    note: str
    """'bedömning av åtagandena, 1 av 2 bedömda': what the label is, beside it everywhere."""
    illustrative: bool

    @property
    def words(self) -> str:
        """'Försenat (bedömning av åtagandena, 1 av 2 bedömda)'."""
        return f"{self.label} ({self.note})"


def goal_judgement(j: GoalJudgement, language: str) -> GoalJudgementView:
    language = spoken(language)
    L = i18n.labels(language)
    note = L["goal_judgement"] + ", " + L["goal_judgement_assessed"].format(assessed=j.assessed, total=len(j.commitments))
    if j.status is None:
        return GoalJudgementView(not_assessed(language), L["not_assessed"], note, False)
    b = badge(j.status, language)
    return GoalJudgementView(b, b.label, note, j.illustrative)


def edition_judgement(model: Strategy, goal: Goal) -> GoalJudgementView | None:
    """The judgement an edition's goal table shows for a goal followed up by its commitments alone,
    from the latest assessments (as its table of commitments shows them); None for other goals."""
    j = judge_goal(model, goal)
    return goal_judgement(j, _lang(model)) if j is not None else None


def judgement_data(view: GoalJudgementView | None, language: str) -> dict | None:
    """For the PDF's data.json: the badge (or none while nothing is assessed), its words, what they
    are, and the illustrative mark when an assessment it counts is invented."""
    if view is None:
        return None
    return {"badge": view.badge.as_data(), "label": view.label, "note": view.note,
            "mark": i18n.labels(language)["illustrative_mark"] if view.illustrative else "",
            "illustrative": view.illustrative}


def judged_counts(counts: dict[str, int], language: str) -> tuple[tuple[Badge, str, int], ...]:
    """The judged goals per step of the scale, best first, then those not assessed: (badge, words, n)."""
    language = spoken(language)
    out = []
    for status, n in counts.items():
        if status in COMMITMENT_STATUSES:
            b = badge(status, language)
            out.append((b, b.label, n))
        else:
            b = not_assessed(language)
            out.append((b, b.label, n))
    return tuple(out)


def judged_words(model: Strategy, counts: dict[str, int], language: str) -> str:
    """'Mål som följs upp med åtaganden: 1 försenat, 1 inte bedömt ännu', or '' when there are none."""
    parts = [f"{n} {words[:1].lower() + words[1:]}" for _b, words, n in judged_counts(counts, language) if n]
    if not parts:
        return ""
    return f"{judged_heading(model, language)}: {', '.join(parts)}"


def judged_data(model: Strategy, counts: dict[str, int], language: str) -> dict | None:
    """For the PDF's data.json: the heading and each judgement present with its badge (an empty box
    for 'not assessed yet'), its number and words; None when no goal is judged."""
    parts = [{"badge": b.as_data(), "n": n, "words": words[:1].lower() + words[1:]}
             for b, words, n in judged_counts(counts, language) if n]
    return {"heading": judged_heading(model, language), "parts": parts} if parts else None


def judged_heading(model: Strategy, language: str) -> str:
    """'Mål som följs upp med åtaganden', in the strategy's own names of its levels."""
    L = i18n.labels_for(model, language)
    goals, commitments = L["goals"], L["commitments"]
    return L["judged_goals"].format(goals=goals[:1].upper() + goals[1:],
                                    commitments=commitments[:1].lower() + commitments[1:])


def method_markdown(language: str = "sv", level: int = 2) -> str:
    """The commitment scale and what each step means, as Markdown to publish (heading at ``level``)."""
    language = spoken(language)
    L = i18n.labels(language)
    head = (L["progress"], L["meaning"])
    rows = [f"| {i18n.commitment_status_label(s, language)} | {_MEANING.of(language)[s]} |" for s in COMMITMENT_STATUSES]
    return "\n".join([f"{'#' * level} {L['commitment_method']}", "", _TEXTS.of(language)["method"], "",
                      f"| {head[0]} | {head[1]} |", "|---|---|", *rows, "", goal_rule(language), ""]) + "\n"


def scale_note(language: str) -> str:
    """One sentence under every table of commitments: that a status is a judgement, and the scale."""
    language = spoken(language)
    L = i18n.labels(language)
    steps = ", ".join(f"{i18n.commitment_status_label(s, language)} ({_MEANING.of(language)[s]})"
                      for s in COMMITMENT_STATUSES)
    return f"{L['judgement_note']} {L['the_scale']}: {steps}."
