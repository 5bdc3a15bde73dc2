"""Rules on what the published editions must tell their readers."""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Severity
from strategykit.messages import _
from strategykit.model import Strategy
from strategykit.rules import Finding, rule


@rule("accessibility-contact-missing", severity=Severity.WARNING,
      fix=_("Add under strategy: a 'contact:' with an 'email:', a 'phone:' or a 'form:' (a web address) where "
            "readers can report content they cannot use, e.g. contact: {{email: tillganglighet@region.se}}."))
def accessibility_contact_missing(s: Strategy) -> Iterator[Finding]:
    """A strategy with a publisher says how readers reach it.

    The web edition's accessibility statement must give a way to report content that is
    not accessible (the law on accessibility to digital public services, and DIGG's model
    statement): an e-mail address, a phone number or a form. Without a publisher there is
    no one to name, so the rule waits until the strategy has one.
    """
    if s.publisher and not s.contact:
        yield Finding(_("The strategy names its publisher ({publisher}) but not how readers reach it: the "
                        "accessibility statement needs an e-mail address, a phone number or a form.",
                        publisher=s.publisher),
                      ("strategy", "publisher"), key=True)
