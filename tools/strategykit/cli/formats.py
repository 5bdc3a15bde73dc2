"""Formatting diagnostics for people and machines: the edge where data becomes text."""

from __future__ import annotations

import json
import re
from typing import Callable

from strategykit.diagnostics import Diagnostic, Severity
from strategykit.messages import _, localize


def localized(diagnostics: list[Diagnostic], language: str | None) -> list[Diagnostic]:
    """The diagnostics with message and hint in ``language`` (codes, positions and the rest unchanged)."""
    if not language:
        return diagnostics
    import dataclasses

    return [dataclasses.replace(d, message=localize(d.message, language), hint=localize(d.hint, language))
            for d in diagnostics]


def severity_word(severity: Severity, language: str | None) -> str:
    return localize(_("error") if severity is Severity.ERROR else _("warning"), language)


def _counts(diagnostics: list[Diagnostic], language: str | None = None) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return localize(_("No problems found."), language)
    parts = []
    if errors:
        parts.append(_("{n} error", n=errors) if errors == 1 else _("{n} errors", n=errors))
    if warnings:
        parts.append(_("{n} warning", n=warnings) if warnings == 1 else _("{n} warnings", n=warnings))
    if len(parts) == 2:
        return localize(_("{errors} and {warnings}.", errors=parts[0], warnings=parts[1]), language)
    return localize(parts[0], language) + "."


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(text: str) -> str:
    """Control characters quoted from a source shown as escapes: a raw ESC would drive the reader's terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def format_text(diagnostics: list[Diagnostic], language: str | None = None) -> str:
    """``file:line:col: error code: message`` and an indented hint; the words in ``language``.

    The severity stays the English keyword (error, warning) in this line: editors and
    problem matchers read it."""
    lines = []
    hint_word = localize(_("hint"), language)
    for d in localized(diagnostics, language):
        lines.append(_visible(f"{d.position}: {d.severity} {d.code}: {d.message}"))
        if d.hint:
            lines.append(_visible(f"    {hint_word}: {d.hint}"))
    lines.append(_counts(diagnostics, language))
    return "\n".join(lines) + "\n"


def format_json(diagnostics: list[Diagnostic], language: str | None = None) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    payload = {
        "version": 1,
        "summary": {"errors": errors, "warnings": len(diagnostics) - errors},
        "diagnostics": [d.to_dict() for d in localized(diagnostics, language)],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return _visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: list[Diagnostic], language: str | None = None) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lines = []
    for d in localized(diagnostics, language):
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_property(d.position.file)}"]
        if d.position.line:
            props += [f"line={d.position.line}", f"col={d.position.column}"]
        props.append(f"title={_escape_property(d.code)}")
        body = d.message + (f"\n{d.hint}" if d.hint else "")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(body)}")
    lines.append(_counts(diagnostics, language))
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!&])")


def _md(text: str) -> str:
    """Plain text as literal Markdown: an author's words never become links, HTML or layout."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def format_markdown(diagnostics: list[Diagnostic], language: str | None = None) -> str:
    """A list for a pull request's job summary, where every problem shows, also those on lines
    outside the change (annotations show inline only on the changed lines)."""
    lines = [f"### strategy check: {_counts(diagnostics, language)}", ""]
    hint_word = localize(_("hint"), language)
    for d in localized(diagnostics, language):
        mark = ("❌ " if d.severity is Severity.ERROR else "⚠️ ") + severity_word(d.severity, language)
        lines.append(f"- {mark} **{_md(str(d.position))}** ({_md(d.code)}): {_md(d.message)}")
        if d.hint:
            lines.append(f"  <br>{_md(hint_word)}: {_md(d.hint)}")
    return "\n".join(lines) + "\n"


FORMATTERS: dict[str, Callable[..., str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "markdown": format_markdown,
}
