"""Rules on wording: a goal is said in one way wherever a reader meets it."""

from __future__ import annotations

import re
from typing import Iterator

from strategykit.diagnostics import Position, Severity
from strategykit.messages import _
from strategykit.model import Strategy
from strategykit.rules import Finding, rule

_DASH = r"\s*[–—:-]\s+"


def _same(a: str, b: str) -> bool:
    """The same words, whatever the spacing, a closing full stop or the case of the first letter."""
    def norm(t: str) -> str:
        return " ".join(t.split()).rstrip(".").casefold()
    return norm(a) == norm(b)


@rule("goal-heading-wording", severity=Severity.WARNING,
      fix=_("Write the heading with the goal's title from goals.yaml, or change the title there so that both say the same."))
def goal_heading_wording(s: Strategy) -> Iterator[Finding]:
    """A chapter's heading that names a goal says it in the words of the goal's title.

    The goal's title in goals.yaml is its heading on the site's priority pages, its row in the
    follow-up and its line in the PDF. A chapter heading 'Mål P1.1 – …' that words the goal
    differently makes a reader wonder whether it is the same goal, and a decision-maker which
    wording was adopted.

    FAIL: `## Mål P1.1 – Befolkningen växer` with the title 'Västerbottens befolkning växer till
    300 000 invånare år 2040.'  PASS: `## Mål P1.1 – Västerbottens befolkning växer till 300 000
    invånare år 2040`
    """
    goals = {g.id: g for g in s.goals() if g.id and g.title}
    if not goals:
        return
    ids = "|".join(re.escape(i) for i in sorted(goals, key=len, reverse=True))
    # 'Mål P1.1 – text', 'P1.1: text': an id as a word, then a dash or colon, then the wording.
    named = re.compile(rf"(?:^|\s)({ids}){_DASH}(.+)$")
    for c in s.chapters:
        if c.document is None:
            continue
        for h in c.document.headings:
            m = named.search(h.plain or h.text)
            if m is None:
                continue
            goal = goals[m.group(1)]
            if not _same(m.group(2), goal.title):
                yield Finding(
                    _("The heading '{text}' words goal {id} otherwise than its title in goals.yaml: '{title}'.",
                      text=h.text, id=goal.id, title=goal.title.rstrip(".")),
                    position=Position(c.file, h.line, 1),
                    hint=_("Write it as '{prefix}{title}'.", prefix=(h.plain or h.text)[:m.start(2)].lstrip(),
                           title=goal.title.rstrip(".")))
