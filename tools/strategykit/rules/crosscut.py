"""Rules for cross-cutting goals and links to frameworks.

A goal has one home, its priority, and may say that it contributes to other
priorities (`contributes_to:`) and that targets of other goals also measure it
(`shared_targets:`); a target is written once, under its own goal, and followed
up once. A goal also links to parts of frameworks (`frameworks:`).
"""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Severity
from strategykit.model import Strategy
from strategykit.rules import rule, Finding
from strategykit.messages import _


def _suggest(ref: str, known: list[str]) -> str | None:
    import difflib  # not at the top: a clean check never needs it
    close = difflib.get_close_matches(ref, known, n=1, cutoff=0.6)
    if close:
        return _("Did you mean '{close}'?", close=close[0])
    return _("Known ids: {ids}", ids=", ".join(known[:12]) + ("…" if len(known) > 12 else "")) if known else None


@rule("unknown-cross-reference", fix=_("Use the id of a priority (contributes_to:) or of a target of another goal (shared_targets:)."))
def unknown_cross_reference(s: Strategy) -> Iterator[Finding]:
    """A goal's `contributes_to:` names priorities and its `shared_targets:` names targets that exist.

    A goal may contribute to other priorities than its own, and may be measured by a
    target that another goal holds. A reference to nothing is usually a typo or a
    leftover after a renumbering, and the link the editions would show leads nowhere.

        contributes_to: [P5]          # a priority id
        shared_targets: [P4.2.a]      # a target id, held by another goal
    """
    priorities = [p.id for p in s.priorities]
    targets = [t.id for _, t in s.targets()]
    for g in s.goals():
        for i, ref in enumerate(g.contributes_to):
            if ref not in priorities:
                yield Finding(_("'{ref}' in 'contributes_to:' of goal {goal} is not the id of any priority.",
                                ref=ref, goal=g.id), g.path + ("contributes_to", i), hint=_suggest(ref, priorities))
        for i, ref in enumerate(g.shared_target_ids):
            if s.target_home(ref) is None:
                yield Finding(_("'{ref}' in 'shared_targets:' of goal {goal} is not the id of any target.",
                                ref=ref, goal=g.id), g.path + ("shared_targets", i), hint=_suggest(ref, targets))


@rule("cross-reference-to-own", severity=Severity.WARNING,
      fix=_("Remove the id: a goal belongs to its own priority and holds its own targets already."))
def cross_reference_to_own(s: Strategy) -> Iterator[Finding]:
    """A goal does not contribute to its own priority, nor share its own target.

    `contributes_to:` lists the *other* priorities a goal serves; its own priority is
    its home. `shared_targets:` lists targets held by *other* goals. Naming its own
    says nothing, and usually means the goal was moved and the list was not updated.
    """
    for g in s.goals():
        for i, ref in enumerate(g.contributes_to):
            if ref == g.priority_id:
                yield Finding(_("Goal {goal} belongs to priority {ref}; it cannot also contribute to it.",
                                goal=g.id, ref=ref), g.path + ("contributes_to", i))
        own = {t.id for t in g.targets}
        for i, ref in enumerate(g.shared_target_ids):
            if ref in own:
                yield Finding(_("Target {ref} is goal {goal}'s own; list it under 'shared_targets:' of other goals only.",
                                goal=g.id, ref=ref), g.path + ("shared_targets", i))


@rule("duplicate-cross-reference", severity=Severity.WARNING, fix=_("Name each id once."))
def duplicate_cross_reference(s: Strategy) -> Iterator[Finding]:
    """A goal names each priority, shared target and framework part once.

    A repeated id in `contributes_to:`, `shared_targets:` or a list under
    `frameworks:` changes nothing (it is shown and counted once), so it is
    usually a slip for another id. Cycles cannot arise: a shared target is named by
    its own id and always leads to the one goal that holds it.
    """
    for g in s.goals():
        lists = [(("contributes_to",), g.contributes_to), (("shared_targets",), g.shared_target_ids)]
        lists += [(("frameworks", fid), parts) for fid, parts in g.frameworks]
        for where, refs in lists:
            seen: set[str] = set()
            for i, ref in enumerate(refs):
                if ref in seen:
                    yield Finding(_("'{ref}' is named twice in '{key}:' of goal {goal}.",
                                    ref=ref, key=where[-1], goal=g.id), g.path + where + (i,))
                seen.add(ref)


@rule("unknown-framework", fix=_("Use the id of a framework the toolkit knows or goals.yaml declares, and the id of one of its parts, e.g. nrs: [\"2\"]; the rules guide lists them."))
def unknown_framework(s: Strategy) -> Iterator[Finding]:
    """A goal's `frameworks:` names frameworks the toolkit knows or the strategy declares, and parts they have.

    The toolkit ships each framework with its parts, taken from the published text
    and with its source named. A link to a part that does not exist would claim
    a coverage that is not there.

    - `nrs`: the national strategy for sustainable regional development in the whole
      country 2021–2030 (skr. 2020/21:133); its four strategic areas are `"1"`–`"4"`:
      1 equal opportunities for housing, work and welfare; 2 skills supply and skills
      development; 3 innovation and renewal, entrepreneurship and business;
      4 accessibility through digital communication and transport systems.
    - Agenda 2030 is linked with `agenda2030:`, not here (see `unknown-sdg`).
    - A framework declared under `frameworks:` at the top of goals.yaml (with its
      source and its parts) can be linked to as well; one with a shipped framework's
      id replaces it, e.g. to add the priorities within the national strategy's areas.

        frameworks:
          nrs: ["2", "3"]
    """
    if not any(g.frameworks for g in s.goals()):
        return
    from strategykit.model.frameworks import AGENDA2030
    known = [f.id for f in s.frameworks() if f.id != AGENDA2030]
    for g in s.goals():
        for fid, parts in g.frameworks:
            f = s.framework(fid) if fid != AGENDA2030 else None
            if f is None:
                hint = (_("Link Agenda 2030 with 'agenda2030:' of the goal.") if fid == AGENDA2030
                        else _suggest(fid, known))
                yield Finding(_("'{ref}' is not a framework the toolkit knows.", ref=fid),
                              g.path + ("frameworks", fid), hint=hint, key=True)
                continue
            for i, ref in enumerate(parts):
                if f.part(ref) is None:
                    yield Finding(_("'{ref}' is not a part of {framework}.", ref=ref, framework=f.title(s.language)),
                                  g.path + ("frameworks", fid, i), hint=_suggest(ref, [p.id for p in f.parts]))


@rule("duplicate-framework", fix=_("Give each framework and each of its parts an id of its own."))
def duplicate_framework(s: Strategy) -> Iterator[Finding]:
    """A framework goals.yaml declares has an id no other declared framework has, and each
    of its parts an id no other part of it has.

    Goals link to a part by its id; with two parts of one id, a link could not
    say which the goal addresses, and the coverage would count one part twice.
    A declared framework with the id of one the toolkit ships replaces it; that
    is not a duplicate.

        frameworks:
          - id: nrs
            title: Nationell strategi för hållbar regional utveckling i hela landet 2021–2030
            source: Regeringens skrivelse 2020/21:133
            parts:
              - {id: "1", title: Likvärdiga möjligheter till boende, arbete och välfärd i hela landet}
    """
    seen_frameworks: set[str] = set()
    for f in s.declared_frameworks:
        if f.id in seen_frameworks:
            yield Finding(_("The framework '{ref}' is declared twice.", ref=f.id), f.path + ("id",))
        seen_frameworks.add(f.id)
        seen: set[str] = set()
        for p in f.parts:
            if p.id in seen:
                yield Finding(_("The part '{ref}' appears twice in {framework}.", ref=p.id, framework=f.title(s.language)),
                              p.path + ("id",))
            seen.add(p.id)
