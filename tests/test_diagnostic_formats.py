"""Formatting diagnostics (report.py): the GitHub annotations follow the workflow-command rules."""

from __future__ import annotations

from strategykit.diagnostics import Diagnostic, Position, Severity
from strategykit.cli.formats import format_github


def test_github_annotation_escapes_properties_and_message_by_the_workflow_command_rules():
    """In the message '%', CR and LF are escaped; in a property (file=, title=) also ':' and ','.
    Unescaped, a ',' or ':' in a file name ends the property, and a newline ends the command."""
    d = Diagnostic("schema", Severity.ERROR, "P1: 50% of 5,0\r\nthen: more", Position("strategy/a,b:c 100%.md", 3, 7),
                   hint="Write 5.0, not 5,0.")
    first, summary = format_github([d]).splitlines()
    assert first == ("::error file=strategy/a%2Cb%3Ac 100%25.md,line=3,col=7,title=schema"
                     "::P1: 50%25 of 5,0%0D%0Athen: more%0AWrite 5.0, not 5,0.")
    assert summary == "1 error."


def test_github_warning_without_a_line_names_only_the_file():
    d = Diagnostic("stale-data", Severity.WARNING, "Old, 100% sure", Position("data/x,y.csv"))
    assert format_github([d]).splitlines()[0] == "::warning file=data/x%2Cy.csv,title=stale-data::Old, 100%25 sure"
