"""Formatting diagnostics for people and machines: the edge where data becomes text."""

from __future__ import annotations

import json
import re
from typing import Callable

from strategykit.diagnostics import Diagnostic, Severity


def _counts(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return "No problems found."
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return " and ".join(parts) + "."


def format_text(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        lines.append(f"{d.position}: {d.severity} {d.code}: {d.message}")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    lines.append(_counts(diagnostics))
    return "\n".join(lines) + "\n"


def format_json(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    payload = {
        "version": 1,
        "summary": {"errors": errors, "warnings": len(diagnostics) - errors},
        "diagnostics": [d.to_dict() for d in diagnostics],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lines = []
    for d in diagnostics:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_property(d.position.file)}"]
        if d.position.line:
            props += [f"line={d.position.line}", f"col={d.position.column}"]
        props.append(f"title={_escape_property(d.code)}")
        body = d.message + (f"\n{d.hint}" if d.hint else "")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(body)}")
    lines.append(_counts(diagnostics))
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!&])")


def _md(text: str) -> str:
    """Plain text as literal Markdown: an author's words never become links, HTML or layout."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def format_markdown(diagnostics: list[Diagnostic]) -> str:
    """A list for a pull request's job summary, where every problem shows, also those on lines
    outside the change (annotations show inline only on the changed lines)."""
    lines = [f"### strategy check: {_counts(diagnostics)}", ""]
    for d in diagnostics:
        mark = "❌ error" if d.severity is Severity.ERROR else "⚠️ warning"
        lines.append(f"- {mark} **{_md(str(d.position))}** ({_md(d.code)}): {_md(d.message)}")
        if d.hint:
            lines.append(f"  <br>Fix: {_md(d.hint)}")
    return "\n".join(lines) + "\n"


FORMATTERS: dict[str, Callable[[list[Diagnostic]], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "markdown": format_markdown,
}
