"""Loading a strategy repository: goals.yaml, the schema check and the chapters → one model."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .diagnostics import Diagnostic, has_errors, sorted_diagnostics
from .load import MarkdownFile, load_markdown, load_yaml
from .model import Strategy, build_model
from .rules.chapters import CHAPTER_FOLDER

GOALS_FILE = "goals.yaml"


@dataclass
class CheckResult:
    model: Strategy | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.model is not None and not has_errors(self.diagnostics)


def _chapter_location(root: Path, file: str) -> tuple[Path | None, str | None]:
    """Where a chapter file is, or why it must not be read.

    The check is made on the resolved path, so a symbolic link that points out
    of strategy/ is refused like '../' or an absolute path.
    """
    if not file or os.path.isabs(file) or file.startswith(("/", "\\")):
        return None, "outside"
    folder = (root / CHAPTER_FOLDER).resolve()
    candidate = (root / file)
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError):
        return None, "outside"
    if not resolved.is_relative_to(folder) or resolved == folder:
        return None, "outside"
    if not file.endswith(".md"):
        return None, "not-markdown"
    if not resolved.is_file():
        return None, "missing"
    return resolved, None


def load_strategy(root: Path) -> CheckResult:
    """Load, validate and model the strategy in ``root``; rules are not run here."""
    root = Path(root)
    doc, problems = load_yaml(root / GOALS_FILE, GOALS_FILE)
    if doc is None:
        return CheckResult(None, problems)
    diagnostics = schema.validate(doc.data, doc.source)
    if not isinstance(doc.data, dict):
        return CheckResult(None, diagnostics)
    chapters: dict[str, tuple[MarkdownFile | None, str | None]] = {}
    for item in doc.data.get("chapters") or []:
        file = item.get("file") if isinstance(item, dict) else None
        if not isinstance(file, str) or file in chapters:
            continue
        location, problem = _chapter_location(root, file)
        if location is None:
            chapters[file] = (None, problem)
            continue
        text, load_problems = load_markdown(location, file)
        diagnostics.extend(load_problems)
        chapters[file] = (text, None if text is not None else "unreadable")
    model = build_model(doc.data, doc.source, root, chapters)
    return CheckResult(model, diagnostics)


def _unknown_checks(model: Strategy) -> list[Diagnostic]:
    import difflib

    from .diagnostics import Severity
    from .rules import RULES

    out = []
    for code, _ in model.checks:
        if code not in RULES:
            close = difflib.get_close_matches(code, list(RULES), n=1)
            out.append(Diagnostic(
                "unknown-check", Severity.ERROR, f"'{code}' under 'checks:' is not the code of any rule.",
                model.source.position(("checks", code), key=True),
                (f"Did you mean '{close[0]}'? " if close else "") + "'strategy rules' lists the codes.",
                ("checks", code)))
    return out


def check(root: Path) -> CheckResult:
    """Everything ``strategy check`` reports: schema, load problems and rules, sorted by place."""
    from .rules import run_rules

    result = load_strategy(root)
    if result.model is not None:
        result.diagnostics.extend(run_rules(result.model, dict(result.model.checks)))
        result.diagnostics.extend(_unknown_checks(result.model))
    result.diagnostics = sorted_diagnostics(result.diagnostics)
    return result
