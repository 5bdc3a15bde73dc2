"""Rules: named checks over the model, each producing findings.

A rule is a small documented unit: a stable code, a default severity, a fix
hint, and a generator over the model. Its docstring is the explanation that
``strategy rules`` prints and the authors' guide shows. Rules register
themselves with the ``@rule`` decorator; importing this package imports every
rule module, so the registry is complete.
"""

from __future__ import annotations

import inspect
from typing import Callable, Iterator

from strategykit.diagnostics import Diagnostic, Position, Severity
from strategykit.model import Strategy
from strategykit.speed import value


@value
class Finding:
    """What a rule yields: where (a path in goals.yaml, or a position in another file) and what."""

    message: str
    path: tuple = ()
    position: Position | None = None
    hint: str | None = None
    key: bool = False


@value
class Rule:
    """A registered rule: its code, default severity, fix hint and the check that yields its findings."""

    code: str
    severity: Severity
    fix: str
    check: Callable[[Strategy], Iterator[Finding]]
    guards_build: bool = False
    """The editions cannot be built past this rule's findings (a missing file, a PDF/UA-1 failure, a
    leak): it stays an error whatever ``checks:`` says, so that a strategy that checks clean builds."""

    @property
    def explanation(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "").strip()

    @property
    def summary(self) -> str:
        return self.explanation.split("\n\n")[0].replace("\n", " ")


RULES: dict[str, Rule] = {}


def rule(code: str, *, severity: Severity = Severity.ERROR, fix: str, guards_build: bool = False):
    def register(fn: Callable[[Strategy], Iterator[Finding]]):
        if code in RULES:
            raise ValueError(f"rule code {code!r} registered twice")
        RULES[code] = Rule(code, severity, fix, fn, guards_build)
        return fn
    return register


def run_rules(model: Strategy, severities: dict[str, str] | None = None) -> list[Diagnostic]:
    """Run every registered rule; ``severities`` may change a rule's level, or "ignore" it."""
    severities = severities or {}
    out: list[Diagnostic] = []
    for r in RULES.values():
        level = Severity.ERROR.value if r.guards_build else severities.get(r.code, r.severity.value)
        if level == "ignore":
            continue
        severity = Severity(level)
        for f in r.check(model):
            position = f.position or model.source.position(f.path, key=f.key)
            out.append(Diagnostic(r.code, severity, f.message, position,
                                  f.hint if f.hint is not None else r.fix, f.path))
    return out


from strategykit.rules import (breakdowns, chapters, characters, commitments, consultation, content, cover, crosscut, followup, headings, levels, limits, observations, profile, provenance, publication, references, siteconfig, spreadsheet, targetforms, targettext, titles, values, wording)  # noqa: E402,F401  (registers the rules)
