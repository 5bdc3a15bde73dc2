"""Loading a strategy repository: goals.yaml, the schema check, the chapters and data/ → one model."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from strategykit.source import schema
from strategykit.diagnostics import has_errors, sorted_diagnostics, Diagnostic, closest
from strategykit.source.load import (CsvTable, MarkdownFile, is_inside, load_csv, load_markdown, load_yaml, one_snapshot, outside_diagnostic, real_path)
from strategykit.model import build_model, DATA_FOLDER, EditionHistory, Strategy
from strategykit.model.images import CHAPTER_FOLDER
from strategykit.messages import _
from strategykit.speed import collector_paused

GOALS_FILE = "goals.yaml"


@dataclass
class CheckResult:
    """What ``check`` found: the model (None when goals.yaml could not be read) and the diagnostics."""

    model: Strategy | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    loaded: list[Diagnostic] = field(default_factory=list, repr=False)
    """What loading alone reported (before the rules run); ``recheck_chapters`` keeps these."""

    language: str = ""
    """The strategy's language, for the messages (see ``messages``); set by ``check``."""

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
    if any(ch < " " for ch in file):
        return None, "missing"  # no chapter file is named with a control character (a NUL byte is not even allowed)
    resolved = real_path(root / file)
    if resolved is None or not is_inside(resolved, root / CHAPTER_FOLDER, root):
        return None, "outside"
    if not file.endswith(".md"):
        return None, "not-markdown"
    if not resolved.is_file():
        return None, "missing"
    return resolved, None


def _read_chapter(root: Path, file: str) -> tuple[MarkdownFile | None, str | None, list[Diagnostic]]:
    """A chapter as the model takes it: (parsed text, why it was not read, load problems)."""
    location, problem = _chapter_location(root, file)
    if location is None:
        return None, problem, []
    text, load_problems = load_markdown(location, file)
    return text, None if text is not None else "unreadable", load_problems


def _data_tables(root: Path) -> tuple[dict[str, CsvTable], list[Diagnostic]]:
    """Read every data/*.csv; the file's name (without .csv) is the indicator it holds values for.

    A file that is a link out of data/ is not read, like a chapter outside strategy/.
    """
    folder = root / DATA_FOLDER
    tables: dict[str, CsvTable] = {}
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        return tables, problems
    for path in sorted(folder.glob("*.csv")):
        display = f"{DATA_FOLDER}/{path.name}"
        if not is_inside(path, folder, root):
            problems.append(outside_diagnostic(display, "data-file-outside", _("the {folder}/ folder", folder=DATA_FOLDER)))
            continue
        table, load_problems = load_csv(path, display, inside=root)
        problems.extend(load_problems)
        if table is not None:
            tables[path.stem] = table
    return tables, problems


REMISS_FOLDER = "remiss"
"""One YAML file per consultation response (schema/consultation.schema.json)."""
DIALOGUE_FILE = "dialogue.yaml"
EDITIONS_FILE = "editions.yaml"


def _process_file(path: Path, display: str, schema_name: str, folder: Path,
                  root: Path) -> tuple[object | None, list[Diagnostic]]:
    """Load one process file and check it against its schema; a link out of ``folder`` or ``root`` is not read."""
    if not is_inside(path, folder, root):
        return None, [outside_diagnostic(display)]
    doc, problems = load_yaml(path, display, inside=root)
    if doc is None:
        return None, problems
    problems = schema.validate(doc.data, doc.source, name=schema_name)
    return (doc if isinstance(doc.data, dict) else None), problems


def _with_process(model: Strategy, root: Path, diagnostics: list[Diagnostic]) -> Strategy:
    """The model with the consultation responses, the dialogue and the edition history, when they exist."""
    from dataclasses import replace

    from strategykit.model import build_dialogue, build_editions, build_response

    parts: dict[str, object] = {}
    folder = root / REMISS_FOLDER
    if folder.is_dir():
        responses = []
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            doc, problems = _process_file(path, f"{REMISS_FOLDER}/{path.name}", "consultation.schema.json", folder, root)
            diagnostics.extend(problems)
            if doc is not None:
                responses.append(build_response(doc.data, doc.source, path.stem))
        parts["consultation"] = tuple(responses)
    for name, schema_name, build, key in ((DIALOGUE_FILE, "dialogue.schema.json", build_dialogue, "dialogue"),
                                          (EDITIONS_FILE, "editions.schema.json", build_editions, "editions")):
        if (root / name).is_file():
            doc, problems = _process_file(root / name, name, schema_name, root, root)
            diagnostics.extend(problems)
            if doc is not None:
                parts[key] = build(doc.data, doc.source)
    history = parts.get("editions")
    if isinstance(history, EditionHistory) and any(e.tag or e.commit for e in history.entries):
        from strategykit.source.gitrefs import present

        parts["editions"] = replace(history, present=present(
            root, [e.tag for e in history.entries if e.tag], [e.commit for e in history.entries if e.commit]))
    return replace(model, **parts) if parts else model


def _with_site_config(model: Strategy, root: Path, diagnostics: list[Diagnostic]) -> Strategy:
    """The model with mkdocs.yml as vetted; what could not be read is reported here, the rest by rules/siteconfig."""
    from dataclasses import replace

    from strategykit.source import siteconfig

    site = siteconfig.read(root)
    diagnostics.extend(p for p in site.problems if not p.code.startswith(siteconfig.RULE_PREFIX))
    return replace(model, site_config=site)


MAX_PROFILE_TEXT = 1024 * 1024


def _with_profile_texts(model: Strategy, root: Path) -> Strategy:
    """The model with the Typst files of pdf/ that lie inside the repository (for rules/profile)."""
    from dataclasses import replace

    folder = root / "pdf"
    if not folder.is_dir():
        return model
    texts = []
    try:
        base = root.resolve()
        for path in sorted(folder.rglob("*.typ")):
            real = path.resolve()
            if real.is_relative_to(base) and real.is_file() and real.stat().st_size <= MAX_PROFILE_TEXT:
                texts.append((path.relative_to(root).as_posix(), real.read_text(encoding="utf-8", errors="replace")))
    except (OSError, RuntimeError):
        pass
    return replace(model, profile_texts=tuple(texts))
BUILD_INPUTS = ("mkdocs.yml", "pdf")
"""Files and folders the builds read besides the sources the model holds; ``check`` never reads them,
but says when one is a link out of the strategy's folder (the builds refuse such a link too)."""


SOURCES = (GOALS_FILE, CHAPTER_FOLDER, DATA_FOLDER, REMISS_FOLDER, DIALOGUE_FILE, EDITIONS_FILE, *BUILD_INPUTS)
"""Everything a strategy is made of: what ``load_strategy`` and the builds read. An earlier revision is
unpacked with these only (``vcs``), not with the toolkit's code and tests that may lie beside them."""


def _build_inputs_outside(root: Path) -> list[Diagnostic]:
    problems = []
    for name in BUILD_INPUTS:
        path = root / name
        if path.is_dir() and not path.is_symlink():
            linked = [p for p in sorted(path.rglob("*")) if p.is_symlink()]
        else:
            linked = [path] if path.is_symlink() else []
        problems.extend(outside_diagnostic(p.relative_to(root).as_posix()) for p in linked if not is_inside(p, root))
    return problems


def load_strategy(root: Path) -> CheckResult:
    """Load, validate and model the strategy in ``root``; rules are not run here."""
    root = Path(root)
    doc, problems = load_yaml(root / GOALS_FILE, GOALS_FILE, inside=root)
    if doc is None:
        return CheckResult(None, problems)
    diagnostics = schema.validate(doc.data, doc.source) + _build_inputs_outside(root)
    if not isinstance(doc.data, dict):
        return CheckResult(None, diagnostics)
    chapters: dict[str, tuple[MarkdownFile | None, str | None]] = {}
    listed = doc.data.get("chapters")
    for item in listed if isinstance(listed, list) else []:  # any other type: the schema says so
        file = item.get("file") if isinstance(item, dict) else None
        if not isinstance(file, str) or file in chapters:
            continue
        text, problem, load_problems = _read_chapter(root, file)
        diagnostics.extend(load_problems)
        chapters[file] = (text, problem)
    tables, data_problems = _data_tables(root)
    diagnostics.extend(data_problems)
    model = build_model(doc.data, doc.source, root, chapters, tables)
    model = _with_process(model, root, diagnostics)
    model = _with_site_config(model, root, diagnostics)
    model = _with_profile_texts(model, root)
    return CheckResult(model, diagnostics)


def _unknown_checks(model: Strategy) -> list[Diagnostic]:
    from strategykit.diagnostics import Severity
    from strategykit.rules import RULES

    out = []
    for code, level in model.checks:
        if code in RULES and RULES[code].guards_build and level != Severity.ERROR.value:
            out.append(Diagnostic(
                "check-cannot-be-lowered", Severity.WARNING,
                _("'{code}' stays an error: the editions cannot be built past what it finds.", code=code),
                model.source.position(("checks", code), key=True),
                _("Remove '{code}' from 'checks:', and fix what it reports instead.", code=code), ("checks", code)))
        if code not in RULES:
            close = closest(code, RULES)
            out.append(Diagnostic(
                "unknown-check", Severity.ERROR, _("'{code}' under 'checks:' is not the code of any rule.", code=code),
                model.source.position(("checks", code), key=True),
                _("Did you mean '{close}'? 'strategy rules' lists the codes.", close=close) if close
                else _("'strategy rules' lists the codes."),
                ("checks", code)))
    return out


def check(root: Path) -> CheckResult:
    """Everything ``strategy check`` reports: schema, load problems and rules, sorted by place."""
    from strategykit.rules import run_rules

    with collector_paused(), one_snapshot():
        result = load_strategy(root)
        result.loaded = list(result.diagnostics)
        if result.model is not None:
            result.diagnostics.extend(run_rules(result.model, dict(result.model.checks)))
            result.diagnostics.extend(_unknown_checks(result.model))
        result.diagnostics = sorted_diagnostics(result.diagnostics)
        result.language = result.model.language if result.model is not None else language_of(root)
    return result


_LANGUAGE_LINE = re.compile(r"^[ ]+language:[ ]*[\"']?(sv|en)\b", re.MULTILINE)


def language_of(root: Path) -> str:
    """The language a goals.yaml that does not load says it is in, or else the user's.

    A file with a syntax error has no model, but its 'language: sv' line is usually intact,
    and its author should read the error in that language.
    """
    from strategykit.messages import fallback_language

    try:
        with open(Path(root) / GOALS_FILE, "rb") as f:
            head = f.read(256 * 1024).decode("utf-8", "replace")
    except OSError:
        return fallback_language()
    found = _LANGUAGE_LINE.search(head)
    return found.group(1) if found else fallback_language()


def recheck_chapters(previous: CheckResult, changed: Iterable[Path]) -> CheckResult | None:
    """What ``check`` would report after only the files ``changed`` were edited, all of them chapters.

    goals.yaml, data/ and the process files are not read again: the chapters whose file is
    in ``changed`` are parsed again and put into the previous model, and every rule runs on
    that model (~0.2 s at 100×, against 2.3 s for a whole check). ``strategy serve`` uses it
    when a save touched only chapters. None when there is no previous model: run ``check``.
    A file of ``changed`` that no chapter lists changes nothing in the model: its text is never read.
    """
    from dataclasses import replace

    from strategykit.rules import run_rules

    if previous.model is None:
        return None
    model = previous.model
    root = model.root

    def resolved(file: Path | str) -> Path | None:
        return real_path(root / file)  # None for a link loop: such a chapter is not read anyway

    edited = {resolved(p) for p in changed} - {None}
    with collector_paused():
        read: dict[str, tuple[MarkdownFile | None, str | None]] = {}
        loaded_now: list[Diagnostic] = []
        for c in model.chapters:
            if c.file and c.file not in read and resolved(c.file) in edited:
                text, problem, load_problems = _read_chapter(root, c.file)
                read[c.file] = (text, problem)
                loaded_now.extend(load_problems)
        chapters = tuple(replace(c, document=read[c.file][0], problem=read[c.file][1]) if c.file in read else c
                         for c in model.chapters)
        model = replace(model, chapters=chapters)
        loaded = [d for d in previous.loaded if d.position.file not in read] + loaded_now
        diagnostics = loaded + run_rules(model, dict(model.checks)) + _unknown_checks(model)
        return CheckResult(model, sorted_diagnostics(diagnostics), loaded, model.language)
