"""Rules that keep ids unique and every reference pointing at something real."""

from __future__ import annotations

import re
from typing import Iterator

from strategykit.diagnostics import closest
from strategykit.model import Strategy
from strategykit.model.providers import provider
from strategykit.model.sdg import is_known_sdg
from strategykit.model.slugs import RESERVED, slugify
from strategykit.rules import rule, Finding
from strategykit.messages import _


@rule("duplicate-id", fix=_("Give each priority, goal, target, commitment, indicator and chapter an id of its own."))
def duplicate_id(s: Strategy) -> Iterator[Finding]:
    """Ids are unique across the whole strategy.

    Ids appear in links, in the follow-up and in the diff between editions; two
    things with one id would be confused everywhere.
    """
    seen: dict[tuple[str, str], tuple] = {}
    groups = [
        ("priority/goal/target", [p for p in s.priorities] + list(s.goals()) + [t for _, t in s.targets()]
         + [c for _, c in s.commitments()]),
        ("indicator", list(s.indicators)),
        ("chapter", list(s.chapters)),
        ("overall goal/perspective", list(s.overall_goals) + list(s.perspectives)),
    ]
    for family, items in groups:
        for obj in items:
            if not obj.id:
                continue
            key = (family, obj.id)
            if key in seen:
                first = s.source.position(seen[key] + ("id",))
                yield Finding(_("The id '{id}' is used twice (first at line {line}).", id=obj.id, line=first.line),
                              obj.path + ("id",))
            else:
                seen[key] = obj.path


@rule("duplicate-slug", fix=_("Give the indicator a 'slug:' of its own (lower-case letters, digits and hyphens), or remove it."))
def duplicate_slug(s: Strategy) -> Iterator[Finding]:
    """Each indicator page has an address of its own.

    An indicator's page is named by its ``slug:``, or else by its name
    (``slug: sysselsattning`` gives …/indikatorer/sysselsattning/). A slug that another
    indicator already has, or that is the name of the indicators' overview page (``index``),
    would give two pages one address.

    FAIL: ``slug: befolkning`` on two indicators. PASS: no ``slug:``, or one of its own.
    """
    given: dict[str, object] = {}
    for ind in s.indicators:
        if not ind.slug:
            continue
        if ind.slug in RESERVED:
            yield Finding(_("The slug '{slug}' is the address of the indicators' overview page.", slug=ind.slug),
                          ind.path + ("slug",))
        elif ind.slug in given:
            first = s.source.position(given[ind.slug] + ("slug",))
            yield Finding(_("The slug '{slug}' is used twice (first at line {line}).", slug=ind.slug, line=first.line),
                          ind.path + ("slug",))
        else:
            given[ind.slug] = ind.path
    named = {slugify(ind.name): ind for ind in s.indicators if not ind.slug and ind.name}
    for ind in s.indicators:
        other = named.get(ind.slug or "")
        if ind.slug and other is not None and ind.slug in given and given[ind.slug] == ind.path:
            yield Finding(_("The slug '{slug}' is also the address made from the name of indicator '{other}'.",
                            slug=ind.slug, other=other.id), ind.path + ("slug",))


def _unknown(kind: str, ref: str, known: list[str], path: tuple) -> Finding:
    close = closest(ref, known)
    hint = (_("Did you mean '{close}'?", close=close) if close else
            _("Known ids: {ids}", ids=", ".join(known[:12]) + ("…" if len(known) > 12 else "")) if known else None)
    return Finding(_("'{ref}' is not the id of any {kind}.", ref=ref, kind=kind), path, hint=hint)


@rule("unknown-reference", fix=_("Use an id that is defined in goals.yaml."))
def unknown_reference(s: Strategy) -> Iterator[Finding]:
    """Every id that refers to something (an overall goal, a perspective, a goal or priority presented by a chapter) exists.

    A reference to nothing is usually a typo, or a leftover after something was
    renamed.
    """
    overall = [o.id for o in s.overall_goals]
    perspectives = [p.id for p in s.perspectives]
    presentable = [p.id for p in s.priorities] + [g.id for g in s.goals()]
    for p in s.priorities:
        for i, ref in enumerate(p.overall_goal_ids):
            if ref not in overall:
                yield _unknown(_("overall goal"), ref, overall, p.path + ("overall_goals", i))
        for g in p.goals:
            for i, ref in enumerate(g.perspective_ids):
                if ref not in perspectives:
                    yield _unknown(_("perspective"), ref, perspectives, g.path + ("perspectives", i))
    for c in s.chapters:
        for i, ref in enumerate(c.presents):
            if ref not in presentable:
                yield _unknown(_("priority or goal"), ref, presentable, c.path + ("presents", i))


@rule("unknown-sdg", fix=_('Use an Agenda 2030 goal (1–17) or one of its targets, e.g. "8.5" or "4.a".'))
def unknown_sdg(s: Strategy) -> Iterator[Finding]:
    """Agenda 2030 links name goals and targets that exist.

    The 17 goals have 169 targets, numbered like 8.5 (outcome targets) and 8.a
    (means of implementation). A link to 8.11 or 18 points at nothing.
    """
    owners = list(s.overall_goals) + list(s.goals()) + [t for _, t in s.targets()]
    for obj in owners:
        for i, ref in enumerate(obj.agenda2030):
            if not is_known_sdg(ref):
                yield Finding(_("'{ref}' is not an Agenda 2030 goal or target.", ref=ref), obj.path + ("agenda2030", i))


@rule("source-id-format", fix=_("Copy the id exactly as the provider shows it."))
def source_id_format(s: Strategy) -> Iterator[Finding]:
    """An indicator's provider id has the provider's form.

    A Kolada KPI id is N or U followed by five digits (N00914); a mistyped id
    makes the data fetch and every link to the provider fail.
    """
    for i in s.indicators:
        if i.source and i.source.id:
            known = provider(i.source.provider)
            if known and known.id_form and not known.id_form.match(i.source.id):
                yield Finding(_("'{id}' is not a valid id for {provider}: {value}.",
                                id=i.source.id, provider=i.source.provider, value=known.id_example),
                              i.path + ("source", "id"))
