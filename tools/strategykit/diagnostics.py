"""Diagnostics are plain values; formatting them is the edge's job (see ``report``)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Iterable

from strategykit.speed import value


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file. Line and column count from 1, as editors show them."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@value
class Diagnostic:
    """One problem found in a strategy: where, which rule, what is wrong, how to fix it."""

    code: str
    severity: Severity
    message: str
    position: Position
    hint: str = ""
    path: tuple[str | int, ...] = field(default=(), compare=False)

    @property
    def sort_key(self) -> tuple:
        p = self.position
        return (p.file, p.line, p.column, self.code, self.message)

    def to_dict(self) -> dict:
        return {
            "file": self.position.file,
            "line": self.position.line,
            "column": self.position.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "path": "/" + "/".join(str(p) for p in self.path) if self.path else "",
        }


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def sorted_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=lambda d: d.sort_key)


class BuildError(Exception):
    """A renderer could not finish (a compiler failed, a tool is missing); the message says why.

    The CLI prints it without a traceback and exits 1. The previous output is left as it was.
    """


class Refused(BuildError):
    """A renderer met something in the sources it must not lay out; ``diagnostics`` say where.

    The rules catch all of it first (``guards_build``); this is the renderer's last line, so that
    an output built without a check still never embeds a file from outside or a broken part.
    """

    def __init__(self, what: str, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted_diagnostics(diagnostics)
        count = len(self.diagnostics)
        lines = [f"{d.position}: {d.severity} {d.code}: {d.message}" for d in self.diagnostics]
        super().__init__(f"{what} was not built: {count} problem{'s' if count != 1 else ''} must be fixed first.\n"
                         + "\n".join(lines))


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice most like ``word``, for a hint "Did you mean ...?"; None when none comes close
    (difflib's similarity ratio below ``cutoff``)."""
    import difflib  # here, not at the top: only a check that finds a mistake needs it (see speed.py)

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None
