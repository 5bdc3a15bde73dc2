"""Rules on where a decided number comes from: every target and milestone value names its decision."""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Severity
from strategykit.model import Strategy
from strategykit.rules import Finding, rule
from strategykit.messages import _


@rule("target-value-without-provenance", severity=Severity.WARNING,
      fix=_("Add 'decision: {{body: …, date: …, case: …}}' to the value, or 'illustrative: true' when no body decided it."))
def target_value_without_provenance(s: Strategy) -> Iterator[Finding]:
    """Every target and milestone value says where it comes from: a decision, or illustrative.

    A value printed as a target reads as if a council had decided it. Give the decision that set it
    (the body, the date, the case number and a link) or mark it `illustrative: true`; both editions
    and the report then mark it as they mark illustrative data.

        target: {year: 2030, value: 82, decision: {body: Regionfullmäktige, date: "2019-11-26", case: "RUN 2019-00412"}}
        target: {year: 2030, value: 82, illustrative: true}

    A warning, not an error: strategies written before values could carry their decision still
    check clean of errors. Make it an error once every value has its provenance:
    `checks: {target-value-without-provenance: error}`. A value both decided and marked
    illustrative is reported too: it is one or the other.
    """
    for g, t in s.targets():
        for v, is_target in ([(t.target, True)] if t.target else []) + [(m, False) for m in t.milestones]:
            if v.value is None and not v.is_range:
                continue
            what = _value_name(is_target, v.year)
            if v.illustrative and v.decision is not None:
                yield Finding(_('{what} of target "{id}" is marked illustrative and also names a decision.',
                                what=what, id=t.id),
                              v.path, key=True,
                              hint=_("Keep 'decision:' for a decided value, or 'illustrative: true', not both."))
            elif not v.has_provenance:
                yield Finding(_('{what} of target "{id}" does not say which decision set it.', what=what, id=t.id),
                              v.path, key=True)


def _value_name(is_target: bool, year: int | None) -> str:
    """'The target value 2030' or 'The milestone 2025', as a message a translator can word."""
    if is_target:
        return _("The target value {year}", year=year) if year is not None else _("The target value")
    return _("The milestone {year}", year=year) if year is not None else _("The milestone")
