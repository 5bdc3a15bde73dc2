"""The process behind the strategy, as data both editions render: the consultation
compilation (remissammanställning), participation in the dialogue, the history of
editions, and the changes since the consultation version.

Everything here is a pure function of the checked model; the changes since the consultation
edition need its revision from git, so ``vcs.editions.changes_since_consultation`` makes them
(``analysis.consultation.ChangesSince``, given to the editions by the build plan). Functions return
dataclasses; the ``*_markdown`` functions turn them into Markdown in the strategy's
language, which MkDocs and pandoc both read, so the web and the print edition show
the same text. Links are the renderer's business: pass a function that gives the
address of a goal, a chapter or a comment in that edition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from strategykit.present import breakdowns as present_breakdowns, i18n, mdtext
from strategykit.analysis.consultation import (ChangesSince, comments_changing, consultation_edition, shows_changes)  # noqa: F401
from strategykit.model import (DECISIONS, KINDS, Comment, EditionRecord, Goal, Meeting, Origin, ProcessInput, Response, Strategy)
# Re-exported: the editions know these as parts of the consultation.
from strategykit.analysis.subjects import STRATEGY_REF, SUBJECT_KINDS, Subject, _clip, resolve, subjects  # noqa: F401

Link = Callable[["Subject"], "str | None"]
"""Gives the address of a part of the strategy in one edition, or None for no link."""


def subject_label(subject: Subject, language: str, *, with_title: bool = True, limit: int | None = 90,
                  levels: tuple[tuple[str, str, str], ...] = ()) -> str:
    """'Mål P4.3 Invånarna i hela länet …', 'Kapitel Tillgänglighet', 'Strategin som helhet'; with the
    strategy's own name of the level (``levels``, ``Strategy.levels``) when it gives one; the title
    whole when ``limit`` is None."""
    if subject.kind == "strategy":
        return i18n.process_labels(language)["whole_strategy"]
    word = i18n.subject_kind_label(subject.kind, language, levels)
    if subject.kind in ("priority", "goal", "target", "commitment"):
        if not with_title:
            return f"{word} {subject.id}"
        return f"{word} {subject.id} {_clip(subject.title, limit or len(subject.title))}"
    title = subject.title or subject.id
    return f"{word} {_clip(title, limit or len(title))}"



# --- the compilation (remissammanställning) ----------------------------------

@dataclass(frozen=True)
class CommentEntry:
    """One comment with its response and what it is about (None if 'about' does not resolve)."""

    response: Response
    comment: Comment
    subject: Subject | None


@dataclass(frozen=True)
class CommentGroup:
    """The comments on one part of the strategy, in document order.

    ``kind``: 'strategy' (the whole), 'vision' (vision, overall goals, perspectives),
    'priority' (the priority, its goals and targets, and the chapter presenting it),
    'indicators', 'chapter' (a chapter that presents no priority), or 'unresolved'.
    """

    kind: str
    id: str
    title: str
    entries: tuple[CommentEntry, ...]


@dataclass(frozen=True)
class KindCount:
    kind: str
    responses: int
    comments: int


@dataclass(frozen=True)
class DecisionCount:
    decision: str | None
    """None counts the comments that are not handled yet."""
    comments: int


@dataclass(frozen=True)
class Compilation:
    """Everything the compilation page shows."""

    edition: EditionRecord | None
    """The consultation edition the responses are about (from editions.yaml), if known."""
    responses: tuple[Response, ...]
    """In the order of KINDS, then by respondent."""
    by_kind: tuple[KindCount, ...]
    """Every kind of KINDS, with zeros; a renderer may leave the empty ones out."""
    by_decision: tuple[DecisionCount, ...]
    """Every decision of DECISIONS, then the unhandled ones (decision None) if any."""
    groups: tuple[CommentGroup, ...]
    """Only groups with comments, in the order of the document."""

    @property
    def total_responses(self) -> int:
        return len(self.responses)

    @property
    def total_comments(self) -> int:
        return sum(len(r.comments) for r in self.responses)

    @property
    def illustrative(self) -> bool:
        return any(r.illustrative for r in self.responses)


def comment_anchor(comment_id: str) -> str:
    """The anchor of a comment in the compilation, the same in both editions (e.g. 'synpunkt-umea-kommun-1')."""
    return "synpunkt-" + re.sub(r"[^A-Za-z0-9_-]+", "-", comment_id).strip("-").lower()


def comment_entries(s: Strategy) -> list[CommentEntry]:
    """Every comment of every response, in response order (file names), then comment order."""
    return [CommentEntry(r, c, resolve(s, c.about)) for r in s.consultation for c in r.comments]


def _in_document_order(found: list[CommentEntry]) -> tuple[CommentEntry, ...]:
    """By the place of what they are about in the document, then in response order."""
    keyed = sorted(enumerate(found), key=lambda x: (x[1].subject.order if x[1].subject else -1, x[0]))
    return tuple(e for _, e in keyed)


def _group_key(s: Strategy, subject: Subject | None) -> tuple[str, str]:
    """(group kind, group id) for a subject."""
    if subject is None:
        return ("unresolved", "")
    if subject.kind == "strategy":
        return ("strategy", STRATEGY_REF)
    if subject.kind in ("overall-goal", "perspective"):
        return ("vision", "vision")
    if subject.priority_id:
        return ("priority", subject.priority_id)
    if subject.kind == "indicator":
        return ("indicators", "indicators")
    presented = _chapter_priority(s).get(subject.id)
    if presented:
        return ("priority", presented)
    return ("chapter", subject.id)


def _chapter_priority(s: Strategy) -> dict[str, str]:
    """Chapter id → the first priority it presents (via a priority or goal id in 'presents:')."""
    goal_priority = {g.id: g.priority_id for g in s.goals()}
    priority_ids = {p.id for p in s.priorities}
    out: dict[str, str] = {}
    for c in s.chapters:
        for ref in c.presents:
            pid = ref if ref in priority_ids else goal_priority.get(ref)
            if pid:
                out[c.id] = pid
                break
    return out


def _group_order(s: Strategy) -> list[tuple[str, str, str]]:
    """(kind, id, title) of every possible group, in reading order.

    Chapters in their order, a chapter that presents priorities replaced by those
    priorities; the vision group goes just before the first priority and the indicators
    just after the last.
    """
    language = s.language
    words = i18n.process_labels(language)
    priorities = {p.id: p for p in s.priorities}
    presented = _chapter_priority(s)
    walk: list[tuple[str, str, str]] = []
    emitted: set[str] = set()

    def priority(pid: str) -> tuple[str, str, str]:
        emitted.add(pid)
        return ("priority", pid, f"{i18n.subject_kind_label('priority', language, s.levels)} {pid} {priorities[pid].title}")

    for c in s.chapters:
        if c.id not in presented:
            walk.append(("chapter", c.id, c.title))
            continue
        for ref in c.presents:
            subject = resolve(s, ref)
            pid = subject.priority_id if subject else None
            if pid in priorities and pid not in emitted:
                walk.append(priority(pid))
    unpresented = [priority(pid) for pid in priorities if pid not in emitted]
    places = [i for i, g in enumerate(walk) if g[0] == "priority"]
    first = places[0] if places else len(walk)
    after = places[-1] + 1 if places else len(walk)
    return ([("strategy", STRATEGY_REF, words["whole_strategy"])] + walk[:first]
            + [("vision", "vision", words["vision_group"])] + walk[first:after] + unpresented
            + [("indicators", "indicators", words["indicators_group"])] + walk[after:]
            + [("unresolved", "", words["unresolved_group"])])


def comment_groups(s: Strategy, *, include_empty: bool = False) -> tuple[CommentGroup, ...]:
    """Every comment grouped by the part of the strategy it concerns, in reading order.

    A comment on a goal or target goes with its priority, and so does a comment on the
    chapter that presents the priority; within a group comments follow the document
    (the priority, then each goal followed by its targets), then the order of responses.
    """
    buckets: dict[tuple[str, str], list[tuple[tuple, CommentEntry]]] = {}
    for n, e in enumerate(comment_entries(s)):
        key = _group_key(s, e.subject)
        sort = (e.subject.order if e.subject else 0, n)
        buckets.setdefault(key, []).append((sort, e))
    groups = []
    for kind, gid, title in _group_order(s):
        found = sorted(buckets.get((kind, gid), []), key=lambda x: x[0])
        if found or include_empty:
            groups.append(CommentGroup(kind, gid, title, tuple(e for _, e in found)))
    return tuple(groups)


def responses_by_kind(s: Strategy) -> tuple[KindCount, ...]:
    """Responses and comments per kind of organisation, every kind in KINDS order (zeros included)."""
    return tuple(KindCount(k, sum(r.kind == k for r in s.consultation),
                           sum(len(r.comments) for r in s.consultation if r.kind == k)) for k in KINDS)


def decisions(s: Strategy) -> tuple[DecisionCount, ...]:
    """Comments per decision, in DECISIONS order, then the unhandled ones if there are any."""
    all_comments = [c for r in s.consultation for c in r.comments]
    out = [DecisionCount(d, sum(c.handling.decision == d for c in all_comments)) for d in DECISIONS]
    unhandled = sum(c.handling.decision not in DECISIONS for c in all_comments)
    if unhandled:
        out.append(DecisionCount(None, unhandled))
    return tuple(out)


def compilation(s: Strategy) -> Compilation:
    order = {k: i for i, k in enumerate(KINDS)}
    responses = tuple(sorted(s.consultation, key=lambda r: (order.get(r.kind, len(order)), r.respondent, r.id)))
    return Compilation(consultation_edition(s), responses, responses_by_kind(s), decisions(s), comment_groups(s))


def comments_about(s: Strategy, ref: str) -> tuple[CommentEntry, ...]:
    """The comments about one part: for a goal also those about its targets, for a priority
    also those about its goals and targets."""
    target = resolve(s, ref)
    if target is None:
        return ()
    out = []
    for e in comment_entries(s):
        sub = e.subject
        if sub is None:
            continue
        if sub.id == target.id or (target.kind == "goal" and sub.goal_id == target.id) or \
                (target.kind == "priority" and sub.priority_id == target.id):
            out.append(e)
    return _in_document_order(out)


def comments_by_goal(s: Strategy) -> dict[str, tuple[CommentEntry, ...]]:
    """Goal id → the comments about the goal or its targets (only goals that have comments)."""
    out: dict[str, list[CommentEntry]] = {}
    for e in comment_entries(s):
        if e.subject and e.subject.goal_id:
            out.setdefault(e.subject.goal_id, []).append(e)
    return {k: _in_document_order(v) for k, v in out.items()}


# --- participation and the origin of goals -----------------------------------

@dataclass(frozen=True)
class Participation:
    """Participation in numbers: the dialogue meetings and the consultation."""

    meetings: tuple[Meeting, ...]
    """Sorted by date."""
    participants_by_kind: tuple[tuple[str, int], ...]
    """(kind, participants in all meetings), every kind in KINDS order."""
    responses_by_kind: tuple[KindCount, ...]
    total_participants: int
    total_responses: int
    total_comments: int
    first_date: str | None
    last_date: str | None
    illustrative: bool
    """Whether any meeting or origin is marked illustrative."""


@dataclass(frozen=True)
class GoalOrigin:
    """Where one goal came from, with the meetings and inputs resolved."""

    goal: Goal
    origin: Origin | None
    meetings: tuple[Meeting, ...]
    inputs: tuple[ProcessInput, ...]


def participation(s: Strategy) -> Participation:
    meetings = tuple(sorted(s.dialogue.meetings, key=lambda m: (m.date, m.id)))
    counts = {k: 0 for k in KINDS}
    for m in meetings:
        for kind, n in m.participants:
            counts[kind] = counts.get(kind, 0) + n
    dates = [m.date for m in meetings if m.date]
    return Participation(
        meetings=meetings, participants_by_kind=tuple(counts.items()), responses_by_kind=responses_by_kind(s),
        total_participants=sum(counts.values()), total_responses=len(s.consultation),
        total_comments=sum(len(r.comments) for r in s.consultation),
        first_date=min(dates) if dates else None, last_date=max(dates) if dates else None,
        illustrative=any(m.illustrative for m in meetings) or any(o.illustrative for o in s.dialogue.origins),
    )


def goal_origins(s: Strategy) -> tuple[GoalOrigin, ...]:
    """Every goal in document order with where it came from (origin None when dialogue.yaml says nothing)."""
    meetings = {m.id: m for m in s.dialogue.meetings}
    inputs = {i.id: i for i in s.dialogue.inputs}
    out = []
    for g in s.goals():
        o = s.dialogue.origin(g.id)
        refs = o.sources if o else ()
        out.append(GoalOrigin(g, o, tuple(meetings[r] for r in refs if r in meetings),
                              tuple(inputs[r] for r in refs if r in inputs)))
    return tuple(out)


# --- the history of editions --------------------------------------------------

@dataclass(frozen=True)
class HistoryEntry:
    edition: EditionRecord
    is_current: bool


def edition_history(s: Strategy) -> tuple[HistoryEntry, ...]:
    """The editions in editions.yaml, oldest first, with the one goals.yaml names marked current."""
    return tuple(HistoryEntry(e, e.version == s.edition.version) for e in s.editions.entries)


# --- changes since the consultation version ----------------------------------

# --- Markdown, in the strategy's language -------------------------------------

_md = mdtext.inline


def _md_block(text: str, prefix: str = "") -> list[str]:
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    out: list[str] = []
    for p in paragraphs:
        if out:
            out.append(prefix.rstrip())
        out.append(prefix + mdtext.block(p))
    return out


def _heading(level: int, text: str, anchor: str | None = None) -> str:
    level = max(1, min(level, 6))
    return "#" * level + " " + text + (f" {{#{anchor}}}" if anchor else "")


def _linked(text: str, href: str | None) -> str:
    return f"[{text}]({href})" if href else text


def _table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> list[str]:
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join("---:" if i in numeric else "---" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _mark(illustrative: bool, language: str) -> str:
    return "\\" + i18n.labels(language)["illustrative_mark"] if illustrative else ""


def date_range(start: str, end: str, language: str) -> str:
    """'15 januari–15 april 2020'; the year is written twice only when it differs."""
    first, last = i18n.format_date(start, language), i18n.format_date(end, language)
    if start[:4] == end[:4] and first.endswith(" " + start[:4]):
        first = first[: -len(start[:4]) - 1]
    return f"{first}–{last}"


def _period(edition: EditionRecord | None, language: str) -> str | None:
    if edition is None or not (edition.consultation_start and edition.consultation_end):
        return None
    return date_range(edition.consultation_start, edition.consultation_end, language)


def _edition_name(edition: EditionRecord | None, language: str) -> str:
    if edition is None:
        return ""
    return f"{edition.version} ({i18n.status_label(edition.status, language).lower()})"


def compilation_markdown(s: Strategy, *, level: int = 1, link: Link | None = None,
                         title: bool = True) -> str:
    """The compilation (remissammanställning) as Markdown in the strategy's language.

    ``level`` is the level of the page heading; sections use the levels below it and each
    comment is a heading with the anchor ``comment_anchor(id)``, so goal pages in either
    edition can link to it. ``link`` gives the address of what a comment is about.
    """
    language = s.language
    w = i18n.process_labels(language)
    comp = compilation(s)
    link = link or (lambda subject: None)
    out: list[str] = []
    if title:
        out += [_heading(level, w["compilation"]), ""]
    period = _period(comp.edition, language)
    intro = []
    if comp.edition is not None:
        intro.append(w["compilation_intro" if period else "compilation_intro_no_period"].format(
            edition=_edition_name(comp.edition, language), period=period))
    intro.append(w["responses_in"].format(responses=comp.total_responses, comments=comp.total_comments)
                 if comp.responses else w["no_responses"])
    out += [" ".join(intro), ""]
    if not comp.responses:
        return "\n".join(out).rstrip() + "\n"
    if comp.illustrative:
        out += [f"> {w['illustrative_responses']}", ""]

    out += [_heading(level + 1, w["responses_by_kind"]), ""]
    rows = [[i18n.kind_label(k.kind, language), str(k.responses), str(k.comments)]
            for k in comp.by_kind if k.responses]
    rows.append([f"**{w['total']}**", f"**{comp.total_responses}**", f"**{comp.total_comments}**"])
    out += _table([w["kind_of_organisation"], w["responses"], w["comments"]], rows, {1, 2}) + [""]

    out += [_heading(level + 1, w["decisions"]), ""]
    rows = [[i18n.decision_label(d.decision, language), str(d.comments)] for d in comp.by_decision]
    out += _table([w["decision"], w["comments"]], rows, {1}) + [""]

    out += [_heading(level + 1, w["respondents"]), ""]
    rows = [[_md(r.respondent) + _mark(r.illustrative, language), i18n.kind_label(r.kind, language),
             i18n.format_date(r.date, language), str(len(r.comments))] for r in comp.responses]
    out += _table([w["respondent"], w["kind_of_organisation"], w["received"], w["comments"]], rows, {3}) + [""]

    out += [_heading(level + 1, w["comments_by_part"]), ""]
    for group in comp.groups:
        out += [_heading(level + 2, _md(group.title)), ""]
        for e in group.entries:
            out += _comment_markdown(s, e, level + 3, link)
    return "\n".join(out).rstrip() + "\n"


def _comment_markdown(s: Strategy, e: CommentEntry, level: int, link: Link) -> list[str]:
    language = s.language
    w = i18n.process_labels(language)
    r, c, h = e.response, e.comment, e.comment.handling
    about = subject_label(e.subject, language, with_title=False, levels=s.levels) if e.subject else c.about
    heading = f"{_md(r.respondent)}{_mark(r.illustrative, language)} {w['on']} {_md(about[:1].lower() + about[1:])}"
    out = [_heading(level, heading, comment_anchor(c.id)), ""]
    # What the comment is about, whole: a reader weighs the response against all of it.
    about_text = _md(subject_label(e.subject, language, limit=None, levels=s.levels)) if e.subject else _md(c.about)
    href = link(e.subject) if e.subject else None
    out += [f"{w['about']}: {_linked(about_text, href)}", ""]
    out += _md_block(c.text, "> ") + [""]
    decision = i18n.decision_label(h.decision if h.decision in DECISIONS else None, language)
    line = f"**{w['decision']}:** {decision}."
    if h.reason:
        line += " " + _md(h.reason)
    out += [line, ""]
    if h.changed:
        places = []
        for ref in h.changed:
            sub = resolve(s, ref)
            places.append(_linked(_md(subject_label(sub, language, with_title=False, levels=s.levels)), link(sub)) if sub else _md(ref))
        out += [f"**{w['changed_in']}:** " + ", ".join(places) + ".", ""]
    return out


def _comment_names(s: Strategy) -> dict[str, str]:
    """Comment id → 'Umeå universitet om mål P1.1' (Markdown), as the comment's heading in the compilation says."""
    w = i18n.process_labels(s.language)
    out = {}
    for e in comment_entries(s):
        about = subject_label(e.subject, s.language, with_title=False, levels=s.levels) if e.subject else e.comment.about
        out[e.comment.id] = f"{_md(e.response.respondent)} {w['on']} {_md(about[:1].lower() + about[1:])}"
    return out


def goal_comments_markdown(s: Strategy, goal_id: str, comment_href: Callable[[str], str]) -> str:
    """One line for a goal's page: links to the comments about the goal and its targets ('' if none).

    ``comment_href`` gives the address of a comment from its id, e.g.
    ``lambda cid: f"../remissammanstallning/#{comment_anchor(cid)}"``.
    """
    found = comments_about(s, goal_id)
    if not found:
        return ""
    w = i18n.process_labels(s.language)
    links = [f"[{_md(e.response.respondent)}]({comment_href(e.comment.id)})" for e in found]
    return f"{w['comments_about_goal']}: " + ", ".join(links) + ".\n"


def participation_markdown(s: Strategy, *, level: int = 1, link: Link | None = None, title: bool = True) -> str:
    """'How the strategy was made' in numbers: meetings, participants and responses per kind, goal origins."""
    language = s.language
    w = i18n.process_labels(language)
    p = participation(s)
    link = link or (lambda subject: None)
    out: list[str] = []
    if title:
        out += [_heading(level, w["participation"]), ""]
    intro = []
    if p.meetings:
        intro.append(w["participation_intro"].format(
            meetings=len(p.meetings), participants=i18n.format_number(p.total_participants, language),
            first=i18n.format_date(p.first_date or "", language), last=i18n.format_date(p.last_date or "", language)))
    else:
        intro.append(w["no_meetings"])
    if p.total_responses:
        intro.append(w["responses_in"].format(responses=p.total_responses, comments=p.total_comments))
    out += [" ".join(intro), ""]
    if p.illustrative:
        out += [f"> {w['illustrative_process']}", ""]

    if p.meetings or p.total_responses:
        out += [_heading(level + 1, w["participants_by_kind"]), ""]
        responses = {k.kind: k.responses for k in p.responses_by_kind}
        rows = [[i18n.kind_label(kind, language), i18n.format_number(n, language), str(responses.get(kind, 0))]
                for kind, n in p.participants_by_kind if n or responses.get(kind)]
        rows.append([f"**{w['total']}**", f"**{i18n.format_number(p.total_participants, language)}**",
                     f"**{p.total_responses}**"])
        out += _table([w["kind_of_organisation"], w["in_dialogue"], w["responses"]], rows, {1, 2}) + [""]

    if p.meetings:
        out += [_heading(level + 1, w["meetings"]), ""]
        rows = [[i18n.format_date(m.date, language) + _mark(m.illustrative, language), _md(m.theme),
                 _md(m.place), i18n.format_number(m.total, language)] for m in p.meetings]
        out += _table([w["date"], w["theme"], w["place"], w["participants"]], rows, {3}) + [""]

    origins = goal_origins(s)
    if s.dialogue.origins:
        out += [_heading(level + 1, w["goal_origins"]), ""]
        rows = []
        for row in origins:
            sub = resolve(s, row.goal.id)
            goal = _linked(_md(subject_label(sub, language, limit=None, levels=s.levels)), link(sub)) if sub else _md(row.goal.id)
            sources = [f"{w['meeting']}: {_md(m.theme)}" for m in row.meetings] + [_md(i.title) for i in row.inputs]
            cell = "; ".join(sources) if sources else w["no_origin"]
            if row.origin and row.origin.illustrative:
                cell += _mark(True, language)
            rows.append([goal, cell])
        out += _table([i18n.subject_kind_label("goal", language, s.levels), w["comes_from"]], rows) + [""]
    return "\n".join(out).rstrip() + "\n"


@dataclass(frozen=True)
class EditionRow:
    """An edition in the history, in the reader's words (plain text; each output escapes it)."""

    version: str
    current: bool
    illustrative: bool
    status: str
    date: str
    decision: str
    """The decision, '–' for an edition not adopted, or the words for an adopted one that names none."""
    pdf: str | None
    """The address of its PDF, or None."""
    note: str
    revision: tuple[str, str] | None
    """('Versionskod', '8a420ec32fc5') or ('Tagg', 'remiss-1.0'): the revision the repository has."""
    extra: str
    """A note of the output's, such as why no PDF could be built."""


def edition_rows(s: Strategy, pdf_href: Callable[[EditionRecord], str | None] | None = None,
                 pdf_note: Callable[[EditionRecord], str | None] | None = None) -> tuple[EditionRow, ...]:
    """The history of editions, latest first (see ``history_markdown`` for the arguments)."""
    language = s.language
    w = i18n.process_labels(language)
    labels = i18n.labels(language)
    pdf_href = pdf_href or (lambda e: e.pdf)
    rows = []
    for h in reversed(edition_history(s)):
        e = h.edition
        # Only a revision the repository has is named: a tag that was never made is not claimed,
        # and the recorded commit stands in for it (the rule edition-tag-missing says the rest).
        revision = ((w["tag"], e.tag) if s.editions.has(e.tag)
                    else (w["commit"], e.commit[:12]) if e.commit and s.editions.has(e.commit) else None)
        rows.append(EditionRow(
            e.version, h.is_current, e.illustrative, i18n.status_label(e.status, language),
            i18n.format_date(e.date, language),
            e.decision if e.decision else ("–" if e.status != "adopted" else labels["no_decision"]),
            pdf_href(e), e.note or "", revision, (pdf_note(e) if pdf_note else None) or ""))
    return tuple(rows)


def history_markdown(s: Strategy, *, level: int = 1, title: bool = True,
                     pdf_href: Callable[[EditionRecord], str | None] | None = None,
                     pdf_note: Callable[[EditionRecord], str | None] | None = None) -> str:
    """The history of editions, latest first, with a link to each edition's PDF.

    ``pdf_href`` gives the address of an edition's PDF (default: its 'pdf:' in editions.yaml);
    ``pdf_note`` a plain-text note for its notes column, such as why no PDF could be built.
    """
    language = s.language
    w = i18n.process_labels(language)
    labels = i18n.labels(language)
    out: list[str] = []
    if title:
        out += [_heading(level, w["history"]), ""]
    rows = edition_rows(s, pdf_href, pdf_note)
    if not rows:
        return "\n".join(out + [w["no_history"]]).rstrip() + "\n"
    out += [w["history_intro"], ""]
    table_rows = []
    for r in rows:
        version = f"**{_md(r.version)}** ({w['current_edition']})" if r.current else _md(r.version)
        revision = f"{r.revision[0]}: `{r.revision[1]}`" if r.revision else ""
        notes = " ".join(x for x in [_md(r.note) if r.note else "", revision, _md(r.extra) if r.extra else ""] if x)
        decision = r.decision if r.decision == "–" else _md(r.decision)
        table_rows.append([version + _mark(r.illustrative, language), r.status, r.date, decision,
                           _linked(w["pdf"], r.pdf) if r.pdf else "–", notes])
    out += _table([labels["version"], labels["status"], labels["date"], labels["decision"], w["pdf"], w["note"]],
                  table_rows) + [""]
    if any(r.illustrative for r in rows):
        out += [f"> {w['illustrative_history']}", ""]
    return "\n".join(out).rstrip() + "\n"


_CHANGE_GROUPS = ("strategy", "priority", "goal", "target", "commitment", "indicator", "chapter")


def _show(value: Any, language: str, unit: str = "") -> str:
    w = i18n.process_labels(language)
    if value is None or value == [] or value == "":
        return w["none"]
    if isinstance(value, dict) and "year" in value and set(value) <= _GOAL_VALUE_KEYS:
        return f"{_goal_value_words(value, language, unit)} {w['in_year']} {value['year']}"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_show(v, language)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_show(v, language, unit) for v in value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return i18n.format_value(value, unit, language) if unit else i18n.format_number(value, language)
    return str(value)


_GOAL_VALUE_KEYS = {"year", "value", "change", "factor", "base_year", "low", "high"}
"""The keys of a target's or milestone's value as ``diff`` gives it (``diff._value``)."""


def _goal_value_words(value: dict, language: str, unit: str) -> str:
    """A value to reach, without its year: '900 000', '−55 % mot 1990: 855 000', 'mellan 60 och 70 %'."""
    if "change" in value or "factor" in value:
        return _written_value(value, language, unit)
    if "low" in value or "high" in value:
        low, high = value.get("low"), value.get("high")
        return i18n.range_wording(i18n.format_number(low, language) if low is not None else "–",
                                  i18n.format_value(high, unit, language) if high is not None else "–", None, language)
    return _show(value.get("value"), language, unit)


_VALUE_VERBS = ("value-changed", "milestones-changed", "baseline-changed")
_TEXT_VERBS = ("text-changed", "changed", "vision-changed")
"""The changes whose number of changed words the reader is told (an added chapter's length is not)."""


def describe_change(change: Any, language: str, unit: str = "",
                    find_framework: Callable[[str], Any] | None = None) -> str:
    """A ``diff.Change`` in words of the strategy's language, without the subject's name.

    ``unit`` (the indicator's unit) formats target values, e.g. '92 %' rather than '92';
    ``find_framework`` gives a framework by id (``Strategy.framework``), for a link's words.
    """
    verb = change.kind.removeprefix(change.subject + "-")
    template = i18n.change_template(verb, language)
    if template is None:
        from strategykit.analysis.diff import describe
        from strategykit.messages import localize

        return localize(describe(change), language)
    old, new = change.old, change.new
    if verb == "direction-changed":
        old, new = i18n.direction_label(old, language), i18n.direction_label(new, language)
    elif verb == "breakdown-changed":
        labels = i18n.labels(language)
        old, new = (present_breakdowns.label(None, x, language) or labels.get(x, x) if isinstance(x, str) else x
                    for x in (old, new))
    elif verb == "relative-changed":
        old, new = _written_value(old, language, unit), _written_value(new, language, unit)
    elif verb == "threshold-changed":
        old, new = (i18n.with_threshold("", x, language).strip() or "–" for x in (old, new))
    elif verb in ("flow-changed", "range-form-changed"):
        words = i18n.TARGET_FORM_WORDS.of(language)
        old, new = words.get(old, old), words.get(new, new)
    elif verb == "frameworks-changed":  # the framework's name and its part, never its id ('nrs 1')
        return template.format(old=_framework_words(old, language, find_framework),
                               new=_framework_words(new, language, find_framework), words="")
    counted = change.words is not None and verb in _TEXT_VERBS
    words = f" ({change.words} {i18n.process_labels(language)['words']})" if counted else ""
    unit = unit if verb in _VALUE_VERBS else ""
    return template.format(old=_clip(_show(old, language, unit), 90), new=_clip(_show(new, language, unit), 90),
                           words=words)


def _sentence(text: str) -> str:
    """``text`` ended as a sentence: a full stop, unless it already ends with one, or with the '…' of
    a clipped text ('… utbildning på distans kan….' read as a stray dot)."""
    return text if text.endswith((".", "…", "!", "?")) else text + "."


def _framework_words(links: Any, language: str, find: Callable[[str], Any] | None = None) -> str:
    """A goal's framework links ('nrs 1', as ``diff`` gives them) as a reader knows them:
    'Nationell strategi för hållbar regional utveckling i hela landet 2021–2030: strategiskt område 1'.
    ``find`` gives a framework by id (``Strategy.framework``: the strategy's own too); by default the toolkit's."""
    from strategykit.model.frameworks import framework

    find = find or framework
    if not links:
        return _show(links, language)
    parts: dict[str, list[str]] = {}
    for link in links:
        fid, _, part = str(link).partition(" ")
        parts.setdefault(fid, []).append(part)
    out = []
    for fid, ids in parts.items():
        f = find(fid)
        if f is None:
            out.append(", ".join(f"{fid} {p}" for p in ids))
            continue
        by_name: dict[str, list[str]] = {}  # a strategic area and a priority within one are named apart
        for part_id in ids:
            part = f.part(part_id)
            name = f.part_name(language, part.depth if part else 0)
            by_name.setdefault(name[:1].lower() + name[1:] if name else "", []).append(part_id)
        said = ", ".join(f"{name} {', '.join(same)}".strip() for name, same in by_name.items())
        out.append(f"{f.title(language)}: {said}")
    return "; ".join(out)


def _written_value(value: Any, language: str, unit: str) -> str:
    """A target value as ``diff`` gives it ({'change': -75, 'base_year': 1990, 'value': …}) in words."""
    if not isinstance(value, dict):
        return "–"
    level = "–" if value.get("value") is None else i18n.format_value(value["value"], unit, language)
    if "change" not in value and "factor" not in value:
        return level
    from types import SimpleNamespace

    written = SimpleNamespace(relative=True, change=value.get("change"), factor=value.get("factor"),
                              base_year=value.get("base_year"), value=value.get("value"))
    return i18n.with_relative(level, written, language)


def _unit(s: Strategy, change: Any) -> str:
    if change.subject != "target":
        return ""
    for _, t in s.targets():
        if t.id == change.id:
            ind = s.indicator(t.indicator_id)
            # a gap target's values are gaps (percentage points between two percentages), not levels: plain numbers
            return ind.unit if ind and t.comparator is None else ""
    return ""


def _change_subject(s: Strategy, change: Any) -> Subject:
    found = resolve(s, change.id)
    if found is not None and (found.kind == change.subject or change.subject == "strategy"):
        return found
    title = change.old if isinstance(change.old, str) else ""
    return Subject(change.subject if change.subject in SUBJECT_KINDS else "strategy", change.id, title)


def changes_markdown(s: Strategy, changes: ChangesSince, *, level: int = 1, title: bool = True,
                     link: Link | None = None, comment_href: Callable[[str], str] | None = None) -> str:
    """'Changes since the consultation version' as Markdown in the strategy's language.

    The edition's own version, status and date changes are left out (the introduction
    names both editions). Each change says which accepted comments led to it, when a
    comment's handling names the changed part under 'changed:'.
    """
    language = s.language
    w = i18n.process_labels(language)
    link = link or (lambda subject: None)
    out: list[str] = []
    if title:
        out += [_heading(level, w["changes_since"]), ""]
    if not changes.available:
        reason = w[changes.reason or "no_consultation_edition"].format(tag=changes.base or "")
        return "\n".join(out + [w["changes_unavailable"].format(reason=_md(reason))]).rstrip() + "\n"
    shown = [c for c in changes.changes if not c.kind.startswith("edition-")]
    version = i18n.labels(language)["version"].lower()
    base = f"{version} {changes.edition.version}, {i18n.format_date(changes.edition.date, language)}" \
        if changes.edition else changes.base or ""
    head = f"{version} {s.edition.version}, {i18n.status_label(s.edition.status, language).lower()}"
    out += [w["changes_intro"].format(base=base, head=head, parts=i18n.compared_parts(s, language)), ""]
    if not shown:
        return "\n".join(out + [w["changes_none"]]).rstrip() + "\n"
    # One line per changed part (a target whose text and value both changed is one line), and the
    # summary counts those lines, so that it says as many changes as the reader sees listed.
    grouped: list[tuple[str, dict[str, list[Any]]]] = []
    for group in _CHANGE_GROUPS:
        merged: dict[str, list[Any]] = {}
        for c in shown:
            if c.subject == group:
                merged.setdefault(c.id, []).append(c)
        if merged:
            grouped.append((group, merged))
    lines = sum(len(merged) for _, merged in grouped)
    lowered = sum(any("lowered-ambition" in c.flags for c in same) for _, merged in grouped for same in merged.values())
    if lines == 1:
        summary = w["changes_summary_one"] if lowered else w["changes_summary_plain_one"]
    else:
        summary = w["changes_summary"].format(changes=lines, lowered=lowered) if lowered \
            else w["changes_summary_plain"].format(changes=lines)
    out += [summary, ""]
    for group, merged in grouped:
        heading = i18n.subject_kind_label(group, language) if group == "strategy" else \
            i18n.labels_for(s, language).get({"priority": "priorities", "goal": "goals", "target": "targets",
                                       "commitment": "commitments",
                                       "indicator": "indicators", "chapter": "chapters"}[group], group)
        out += [_heading(level + 1, heading), ""]
        for cid, same in merged.items():
            sub = _change_subject(s, same[0])
            name = _md(subject_label(sub, language, with_title=False, levels=s.levels)) if group != "strategy" else ""
            name = _linked(name, link(sub)) if name and resolve(s, cid) else name
            text = "; ".join(_md(describe_change(c, language, _unit(s, c), find_framework=s.framework)) for c in same)
            flags = "".join(f" **{w[f]}.**" for f in dict.fromkeys(f for c in same for f in c.flags) if f in w)
            text = _sentence(text)
            line = f"- {name}: {text}{flags}" if name else f"- {text[:1].upper()}{text[1:]}{flags}"
            refs = changes.comments.get(cid, ())
            if refs:
                # Named by what they point to (who commented, on what), not by their ids.
                names = _comment_names(s)
                shown_refs = [f"[{names.get(r, _md(r))}]({comment_href(r)})" if comment_href else names.get(r, _md(r))
                              for r in refs]
                line += f" {w['after_comments']}: " + ", ".join(shown_refs) + "."
            out.append(line)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
