"""Rules for the third demand on the strategy: it must be possible to follow up.

Every goal needs a measurable target, every target an indicator that exists
and has a source, a baseline to start from and a value to reach.
"""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Severity, closest
from strategykit.model import Strategy
from strategykit.rules import rule, Finding
from strategykit.messages import _


def _label(obj) -> str:
    title = getattr(obj, "title", "") or getattr(obj, "text", "")
    if len(title) > 50:
        title = title[:49].rstrip() + "…"
    return f'"{obj.id} {title}"' if title else f'"{obj.id}"'


@rule("goal-without-indicator",
      fix=_("Give the goal a target with 'indicator:' set to the id of an indicator listed under 'indicators:'."))
def goal_without_indicator(s: Strategy) -> Iterator[Finding]:
    """A goal that no indicator measures cannot be followed up.

    The strategy must be possible to follow up and evaluate. A goal passes when at
    least one of its targets, or a target of another goal it lists under `shared_targets:`,
    names an indicator that is defined under `indicators:`.
    A missing `targets:` key, an empty list, a target without `indicator:` and an
    indicator id that does not exist all leave the goal without one.

    A strategy that follows goals up by judgement too (`strategy: followup: commitments: true`)
    lets a goal pass with a commitment that names who assesses it each year (`assessed_by:`)
    instead; the commitment's yearly assessments are then its follow-up.
    """
    for g in s.goals():
        measured = list(g.targets) + [t for _, t in s.shared_targets(g)]
        if any(s.indicator(t.indicator_id) for t in measured):
            continue
        assessed = [c for c in g.commitments if c.assessed_by]
        if s.followup_commitments and assessed:
            continue
        hint = None
        if g.commitments and not s.followup_commitments:
            hint = _("To follow this goal up by its commitments instead, add 'followup: {{commitments: true}}' "
                     "under 'strategy:' and name who assesses each commitment with 'assessed_by:'.")
        elif g.commitments:
            hint = _("Name who assesses a commitment each year with 'assessed_by:', or give the goal a target "
                     "with an indicator.")
        if not g.targets:
            why = _("has no targets") if g.has_targets_key else _("has no 'targets:'")
        else:
            why = _("has no target with a follow-up indicator")
        if g.commitments and s.followup_commitments:
            why = _("has no target with a follow-up indicator and no commitment that names who assesses it")
        yield Finding(_("Goal {value} {why}.", value=_label(g), why=why), g.path, key=True, hint=hint)


@rule("target-without-indicator",
      fix=_("Add 'indicator:' with the id of the indicator that measures this target."))
def target_without_indicator(s: Strategy) -> Iterator[Finding]:
    """Every target names the indicator that measures it.

    Without an indicator, nobody can tell whether the target is being reached.
    """
    for g, t in s.targets():
        if t.indicator_id is None:
            yield Finding(_('Target "{id}" names no indicator.', id=t.id), t.path, key=True)


@rule("unknown-indicator",
      fix=_("Use the id of an indicator listed under 'indicators:', or add the indicator there."))
def unknown_indicator(s: Strategy) -> Iterator[Finding]:
    """A target refers to an indicator that is not defined.

    Indicator ids are matched exactly, upper and lower case included.
    """
    known = [i.id for i in s.indicators]
    for g, t in s.targets():
        if t.indicator_id is not None and s.indicator(t.indicator_id) is None:
            close = closest(t.indicator_id, known)
            hint = _("Did you mean '{close}'?", close=close) if close else None
            yield Finding(_('Target "{id}" uses the indicator \'{indicator_id}\', which is not defined.',
                            id=t.id, indicator_id=t.indicator_id),
                          t.path + ("indicator",), hint=hint)


@rule("indicator-without-source",
      fix=_("Add 'source:' with the provider (e.g. Kolada) and its id for the indicator (e.g. N00914)."))
def indicator_without_source(s: Strategy) -> Iterator[Finding]:
    """An indicator must say where its values come from.

    A follow-up is only as good as its data: name the provider and the provider's
    own id (a Kolada KPI, an SCB table), so that anyone can fetch the same values.
    """
    for i in s.indicators:
        if i.source is None:
            yield Finding(_("Indicator '{id}' has no source.", id=i.id), i.path, key=True)
        elif not i.source.id:
            yield Finding(_("Indicator '{id}' names its provider ({provider}) but not the provider's id.",
                            id=i.id, provider=i.source.provider),
                          i.path + ("source",), key=True)


@rule("target-without-baseline",
      fix=_("Add 'baseline:' with the year and value the target starts from."))
def target_without_baseline(s: Strategy) -> Iterator[Finding]:
    """A target needs a baseline: the value it starts from, and its year.

    Progress can only be measured against a starting point. A flow over a period
    (`flow: yearly` or `cumulative`) needs none: each year's value is assessed as it comes.
    """
    for g, t in s.targets():
        if t.path + ("baseline",) in s.source.keys or not t.needs_baseline:
            continue  # written, but wrong (the schema check has said what), or a flow: assessed without one
        if t.baseline is None or t.baseline.year is None or t.baseline.value is None:
            yield Finding(_('Target "{id}" has no baseline year and value.', id=t.id), t.path, key=True)


@rule("target-without-value",
      fix=_("Add 'target:' with the value to reach and the year to reach it."))
def target_without_value(s: Strategy) -> Iterator[Finding]:
    """A target needs a value to reach and a year to reach it by.

    'More' is not measurable; '82 percent by 2030' is.
    """
    for g, t in s.targets():
        keys = s.source.keys
        if t.path + ("target",) in keys:
            v = t.target
            if v is not None and v.path + ("year",) in keys and not any(
                    v.path + (k,) in keys for k in ("value", "change", "factor", "low")):
                yield Finding(_('Target "{id}" has a target year but no value to reach.', id=t.id), v.path, key=True)
            continue  # otherwise written, but wrong: the schema check has said what is wrong with it
        if t.target is None or t.target.year is None or t.target.value is None:
            yield Finding(_('Target "{id}" has no target value and year.', id=t.id), t.path, key=True)


@rule("target-without-direction",
      fix=_("Add 'direction:' with increase, decrease or maintain."))
def target_without_direction(s: Strategy) -> Iterator[Finding]:
    """A target says which way the indicator should move.

    The direction tells the follow-up whether a rising value is progress. A target
    with a `threshold` (at-least, more-than, at-most, less-than) needs none: the side of
    the bound is its direction. Nor does a range (the range says where the value should be)
    or a flow over a period (more is better, unless a threshold says otherwise).
    """
    for g, t in s.targets():
        if t.direction is None and t.threshold is None and t.flow is None \
                and not (t.target is not None and t.target.is_range):
            yield Finding(_('Target "{id}" has no direction.', id=t.id), t.path, key=True)


@rule("value-without-provenance",
      fix=_("Give 'source:' and 'retrieved:' for a value read from a source, or 'illustrative: true' for one that is not."))
def value_without_provenance(s: Strategy) -> Iterator[Finding]:
    """Every baseline says where it comes from: a cited source, or illustrative.

    A reader must never take an invented figure for a statistic. A value from a
    source names the source and the date it was read; any other value is marked
    `illustrative: true`, and both editions show that mark.
    """
    for g, t in s.targets():
        b = t.baseline
        if b is None:
            continue
        p = b.provenance
        if p.illustrative and p.source:
            yield Finding(_('The baseline of target "{id}" is marked illustrative and also cites a source.', id=t.id),
                          b.path, hint=_("Keep 'source:' and 'retrieved:' for a sourced value, or 'illustrative: true', not both."),
                          key=True)
        elif p.source and not p.retrieved:
            yield Finding(_('The baseline of target "{id}" cites a source but not the date it was read.', id=t.id),
                          b.path, hint=_("Add 'retrieved: YYYY-MM-DD'."), key=True)
        elif not p.is_known:
            yield Finding(_('The baseline of target "{id}" does not say where its value comes from.', id=t.id),
                          b.path, key=True)


@rule("unused-indicator", severity=Severity.WARNING,
      fix=_("Use the indicator in a target, or remove it."))
def unused_indicator(s: Strategy) -> Iterator[Finding]:
    """An indicator that no target uses is followed up for nothing.

    It may be left over from an earlier draft, or a target may have a typo in its
    indicator id.
    """
    used = {t.indicator_id for _, t in s.targets()}
    for i in s.indicators:
        if i.id and i.id not in used:
            yield Finding(_("Indicator '{id}' is not used by any target.", id=i.id), i.path, key=True)
