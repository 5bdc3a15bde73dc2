"""Rules for the fourth demand on the strategy: made in broad dialogue, and open about it.

The consultation responses (remiss/*.yaml), the dialogue (dialogue.yaml) and the
history of editions (editions.yaml) are checked against the strategy they describe:
every reference points at something real, and an adopted strategy has answered
every comment. Each diagnostic points at the line in the file where the mistake is.
"""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Position, Severity, closest
from strategykit.model import Strategy
from strategykit.rules import rule, Finding
from strategykit.messages import _


def _hint(ref: str, known: list[str]) -> str | None:
    close = closest(ref, known)
    return _("Did you mean '{close}'?", close=close) if close else None


@rule("unknown-consultation-reference",
      fix=_("Use the id of a priority, goal, target, overall goal, perspective, indicator or chapter in goals.yaml, or 'strategy' for the strategy as a whole."))
def unknown_consultation_reference(s: Strategy) -> Iterator[Finding]:
    """What a consultation comment is about (`about:`), and where its handling says the text changed (`changed:`), exist in the strategy.

    The compilation groups the comments by the part of the strategy they concern and
    links each goal to the comments about it; a comment about a goal that does not
    exist would be lost. Ids refer to the current sources: when a goal was removed
    after the consultation, point `about:` at its priority and name the goal in the text.
    """
    if not s.consultation:
        return
    # Imported here: the consultation module is large and a strategy without responses never needs it.
    from strategykit.analysis.subjects import STRATEGY_REF, subjects

    known = subjects(s)
    names = list(known)
    for r in s.consultation:
        for c in r.comments:
            if c.about and c.about not in known:
                path = c.path + ("about",)
                yield Finding(_("Comment '{id}' is about '{about}', which is not the id of any part of the strategy.",
                                id=c.id, about=c.about),
                              path, r.position(path), _hint(c.about, names))
            for i, ref in enumerate(c.handling.changed):
                if ref not in known or ref == STRATEGY_REF:
                    path = c.handling.path + ("changed", i)
                    yield Finding(_("The handling of comment '{id}' says the text changed in '{ref}', which is not the id of any part of the strategy.",
                                    id=c.id, ref=ref),
                                  path, r.position(path), _hint(ref, [n for n in names if n != STRATEGY_REF]))


@rule("comment-without-decision",
      fix=_("Under the comment, add 'handling:' with 'decision:' (accepted, partly-accepted, not-accepted or noted) and 'reason:'."))
def comment_without_decision(s: Strategy) -> Iterator[Finding]:
    """Once the strategy is adopted, every consultation comment has a decision and a reason.

    The compilation (remissammanställning) shows every respondent how their comment was
    handled and why. While the strategy is a draft, out on consultation or a proposal,
    comments may still be waiting for their handling.
    """
    if s.edition.status != "adopted":
        return
    for r in s.consultation:
        for c in r.comments:
            h = c.handling
            if h.decision is None:
                path = h.path if r.source and h.path in r.source.values else c.path
                yield Finding(_("Comment '{id}' has no decision, but the strategy is adopted.", id=c.id),
                              path, r.position(path, key=True))
            elif not h.reason:
                path = h.path + ("decision",)
                yield Finding(_("Comment '{id}' has a decision but no reason, and the strategy is adopted.", id=c.id),
                              path, r.position(path, key=True), "Add 'reason:' under 'handling:': why this decision.")


@rule("accepted-without-change", severity=Severity.WARNING,
      fix=_("Add 'changed:' under 'handling:' with the ids of the goals, targets or chapters whose text changed."))
def accepted_without_change(s: Strategy) -> Iterator[Finding]:
    """An accepted or partly accepted comment says where the text changed.

    A reader of the compilation wants to see what their comment led to, and the page
    'changes since the consultation version' links each change to the comments behind it.
    """
    for r in s.consultation:
        for c in r.comments:
            h = c.handling
            if h.decision in ("accepted", "partly-accepted") and not h.changed:
                path = h.path + ("decision",)
                yield Finding(_("Comment '{id}' is {value} but names no place where the text changed.",
                                id=c.id, value=h.decision.replace('-', ' ')),
                              path, r.position(path, key=True))


@rule("duplicate-comment-id", fix=_("Give each comment an id of its own, e.g. the respondent's file name and a number."))
def duplicate_comment_id(s: Strategy) -> Iterator[Finding]:
    """Comment ids are unique across all consultation responses.

    Both editions link to a comment by its id; two comments with one id would share a link.
    """
    seen: dict[str, Position] = {}
    for r in s.consultation:
        for c in r.comments:
            if not c.id:
                continue
            path = c.path + ("id",)
            here = r.position(path)
            if c.id in seen:
                first = seen[c.id]
                where = _("line {line}", line=first.line) if first.file == here.file else f"{first.file}:{first.line}"
                yield Finding(_("The comment id '{id}' is used twice (first at {where}).",
                                id=c.id, where=where), path, here)
            else:
                seen[c.id] = here


@rule("unknown-dialogue-reference",
      fix=_("Use the id of a goal in goals.yaml for 'goal:', and ids of meetings or inputs in dialogue.yaml for 'from:'."))
def unknown_dialogue_reference(s: Strategy) -> Iterator[Finding]:
    """The origins in dialogue.yaml name goals that exist, and meetings and inputs defined in the same file.

    'Where a goal came from' is only worth showing if it points at the real goal and
    the real meeting.
    """
    d = s.dialogue
    goals = [g.id for g in s.goals()]
    sources = [m.id for m in d.meetings] + [i.id for i in d.inputs]
    for o in d.origins:
        if o.goal_id and o.goal_id not in goals:
            path = o.path + ("goal",)
            yield Finding(_("'{goal_id}' is not the id of any goal.",
                            goal_id=o.goal_id), path, d.position(path), _hint(o.goal_id, goals))
        for i, ref in enumerate(o.sources):
            if ref not in sources:
                path = o.path + ("from", i)
                yield Finding(_("'{ref}' is not the id of any meeting or input in {file}.",
                                ref=ref, file=d.file), path, d.position(path),
                              _hint(ref, sources))


@rule("duplicate-dialogue-id", fix=_("Give each meeting and input an id of its own, and each goal one origin entry."))
def duplicate_dialogue_id(s: Strategy) -> Iterator[Finding]:
    """Meetings and inputs have ids of their own, and each goal has at most one origin entry.

    Origins refer to meetings and inputs by id; a shared id would make the reference ambiguous.
    """
    d = s.dialogue
    seen: dict[str, int] = {}
    for obj in list(d.meetings) + list(d.inputs):
        if not obj.id:
            continue
        path = obj.path + ("id",)
        if obj.id in seen:
            yield Finding(_("The id '{id}' is used twice (first at line {value}).",
                            id=obj.id, value=seen[obj.id]), path, d.position(path))
        else:
            seen[obj.id] = d.position(path).line
    goals: dict[str, int] = {}
    for o in d.origins:
        if not o.goal_id:
            continue
        path = o.path + ("goal",)
        if o.goal_id in goals:
            yield Finding(_("Goal '{goal_id}' has a second origin entry (first at line {value}).",
                            goal_id=o.goal_id, value=goals[o.goal_id]),
                          path, d.position(path), _("Merge the two entries' 'from:' lists into one."))
        else:
            goals[o.goal_id] = d.position(path).line


@rule("goal-without-origin", severity=Severity.WARNING,
      fix=_("Add an entry under 'origins:' in dialogue.yaml with the goal's id and where it came from."))
def goal_without_origin(s: Strategy) -> Iterator[Finding]:
    """When dialogue.yaml records where goals came from, it does so for every goal.

    The strategy is to be made in broad dialogue; the page 'how the strategy was made'
    shows for each goal the meetings and analyses it came from. The rule is quiet when
    dialogue.yaml has no 'origins:' at all.
    """
    d = s.dialogue
    if not d.origins:
        return
    listed = {o.goal_id for o in d.origins}
    for g in s.goals():
        if g.id and g.id not in listed:
            yield Finding(_('Goal "{id}" has no entry under \'origins:\' in {file}.',
                            id=g.id, file=d.file), g.path, key=True)


@rule("edition-not-in-history",
      fix=_("Add the edition to editions.yaml with the same version, status and date as in goals.yaml."))
def edition_not_in_history(s: Strategy) -> Iterator[Finding]:
    """The edition goals.yaml names is in the history of editions, with the same status and date.

    The site lists every edition and marks the current one; the history in
    editions.yaml and the edition in goals.yaml must tell the same story. The rule is
    quiet when there is no editions.yaml.
    """
    h = s.editions
    if not h.file or not s.edition.version:
        return
    entry = h.find(s.edition.version)
    if entry is None:
        yield Finding(_("The edition {version} is not in {file}.",
                        version=s.edition.version, file=h.file), ("strategy", "edition", "version"))
        return
    for name, word in (("status", _("status")), ("date", _("date"))):
        mine, theirs = getattr(s.edition, name), getattr(entry, name)
        if mine and theirs and mine != theirs:
            path = entry.path + (name,)
            yield Finding(_("The {name} of edition {version} is '{theirs}' here but '{mine}' in {goals_file}.",
                            name=word, version=entry.version, theirs=theirs, mine=mine, goals_file=s.goals_file),
                          path, h.position(path))


@rule("duplicate-edition", fix=_("Give each edition a version of its own, and tag each with its own git tag."))
def duplicate_edition(s: Strategy) -> Iterator[Finding]:
    """Each edition in the history has a version and a git tag of its own."""
    h = s.editions
    for field_name, field_word in (("version", _("version")), ("tag", _("tag"))):
        seen: dict[str, int] = {}
        for e in h.entries:
            value = getattr(e, field_name)
            if not value:
                continue
            path = e.path + (field_name,)
            if value in seen:
                yield Finding(_("The {field_name} '{value}' is used by two editions (first at line {value2}).",
                                field_name=field_word, value=value, value2=seen[value]),
                              path, h.position(path))
            else:
                seen[value] = h.position(path).line


@rule("edition-tag-missing", severity=Severity.WARNING,
      fix=_("Tag the commit the edition was published from (git tag NAME COMMIT, then git push origin NAME), or correct the tag's name. In a clone made without tags, run git fetch --tags."))
def edition_tag_missing(s: Strategy) -> Iterator[Finding]:
    """Each edition's git tag, or at least its recorded commit, is in the repository.

    The history page links each edition to its revision, the PDF of an earlier edition is
    built from it and the page of changes since the consultation version compares with it.
    When the tag is missing but the edition's `commit:` is in the repository, the commit is
    used and nothing is reported (the history then shows the commit, not the tag). Outside
    a git repository, or without git, this cannot be known and nothing is reported.

    FAIL (no such tag, no commit recorded):

        - version: "2020.1"
          tag: rus-2020.1-remiss
    """
    h = s.editions
    if h.present is None:
        return
    for e in h.entries:
        if not (e.tag or e.commit) or h.has(e.tag) or h.has(e.commit):
            continue
        path = e.path + ("tag" if e.tag else "commit",)
        if e.tag and e.commit:
            message = _("Edition {version}: neither its git tag '{tag}' nor its commit {commit} is in this repository.",
                        version=e.version, tag=e.tag, commit=e.commit[:12])
        elif e.tag:
            message = _("Edition {version}: the git tag '{tag}' is not in this repository.",
                        version=e.version, tag=e.tag)
        else:
            message = _("Edition {version}: the commit {commit} is not in this repository.",
                        version=e.version, commit=e.commit[:12])
        yield Finding(message, path, h.position(path))


@rule("edition-history-order", fix=_("List the editions oldest first, and check the dates."))
def edition_history_order(s: Strategy) -> Iterator[Finding]:
    """The history lists editions oldest first: each edition's date is not before the previous one's.

    The site shows the history in this order, and the page 'changes since the
    consultation version' takes the latest consultation edition before the current one.
    """
    h = s.editions
    previous = None
    for e in h.entries:
        if not e.date:
            continue
        if previous is not None and e.date < previous.date:
            path = e.path + ("date",)
            yield Finding(_("Edition {version} is dated {date}, before the edition above it ({version2}, {date2}).",
                            version=e.version, date=e.date, version2=previous.version, date2=previous.date), path, h.position(path))
        previous = e
