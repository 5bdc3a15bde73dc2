"""Rules on the outline of the chapters: headings that assistive technology can navigate."""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Position
from strategykit.model import Strategy
from strategykit.rules import rule, Finding
from strategykit.messages import _


@rule("heading-level-skipped", guards_build=True,
      fix=_("Use the next level down: a '##' section is followed by '###', not '####'."))
def heading_level_skipped(s: Strategy) -> Iterator[Finding]:
    """A heading is at most one level deeper than the heading before it.

    Screen readers present headings as an outline; a jump from '#' to '###'
    leaves a hole in it. PDF/UA-1 forbids the jump, so the print edition cannot
    be built with it, and WCAG asks for the same on the web.
    """
    for c in s.chapters:
        if c.document is None:
            continue
        previous = 0
        for h in c.document.headings:
            deepest = max(previous, 1) + 1
            if h.level > deepest:
                after = _("follows a level-{previous} heading",
                          previous=previous) if previous else _("is the first heading")
                yield Finding(
                    _("The heading '{text}' is level {level} but {after} in '{file}'.",
                      text=h.text, level=h.level, after=after, file=c.file),
                    position=Position(c.file, h.line, 1),
                    hint=_("Make it a level-{deepest} heading ('{value} {text}').",
                           deepest=deepest, value='#' * deepest, text=h.text))
            previous = h.level
