"""Formatting diagnostics for people and machines: the edge where data becomes text."""

from __future__ import annotations

import json
import re
from typing import Callable

from .diagnostics import Diagnostic, Severity


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


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(text: str) -> str:
    """Control characters quoted from a source shown as escapes: a raw ESC would drive the reader's terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def format_text(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        lines.append(_visible(f"{d.position}: {d.severity} {d.code}: {d.message}"))
        if d.hint:
            lines.append(_visible(f"    hint: {d.hint}"))
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
    return _visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


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


FORMATTERS: dict[str, Callable[[list[Diagnostic]], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
