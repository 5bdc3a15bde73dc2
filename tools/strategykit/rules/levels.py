"""Rules on the strategy's own names of its levels."""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Severity
from strategykit.model import Strategy
from strategykit.rules import Finding, rule
from strategykit.messages import _


@rule("level-names-alike", severity=Severity.WARNING,
      fix=_("Give each level a name of its own under 'levels:'."))
def level_names_alike(s: Strategy) -> Iterator[Finding]:
    """The strategy's levels have names a reader can tell apart.

    `levels:` renames priority, goal, target and commitment (e.g. utvecklingsområde, mål,
    delmål, åtagande); both editions, the report and the diff then use those names. Two levels
    with the same name make a table header or a heading ambiguous ("Mål P1.2" could be either).
    """
    seen: dict[str, str] = {}
    for level, one, _many in s.levels:
        key = one.strip().lower()
        if key in seen:
            yield Finding(_("The levels '{first}' and '{second}' are both called '{name}'.",
                            first=seen[key], second=level, name=one), ("levels", level))
        else:
            seen[key] = level
