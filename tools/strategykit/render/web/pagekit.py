"""What every page of the web edition shares: Markdown helpers, locations and the build's facts.

``pages`` and the page modules (``page_home``, ``page_priorities``, ``page_indicators``,
``page_followup``, ``page_about``) import from here; ``pages`` re-exports it all.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import PurePosixPath

from strategykit.analysis.consultation import ChangesSince
from strategykit.analysis.followup import FollowUp, Status
from strategykit.model import Strategy
from strategykit.present import i18n, mdtext

DATA_FOLDER = "data"


@dataclass(frozen=True)
class EditionInfo:
    """What the pages say about the build itself (it is not in the model)."""

    commit: str | None
    build_date: str
    pdf_name: str | None
    """The PDF's file name in the site, or None when no PDF was built."""
    download_sizes: dict[str, int] = field(default_factory=dict)
    earlier_pdfs: dict[str, str] = field(default_factory=dict)
    """Version → the site path of an earlier edition's PDF, built from its own revision."""
    earlier_notes: dict[str, str] = field(default_factory=dict)
    """Version → why an earlier edition's PDF could not be built (shown in the history)."""
    changes: ChangesSince | None = None
    """The changes since the consultation version, from the plan; None when the edition does not show them."""
    followup: FollowUp | None = None
    """The follow-up from the plan; None means the pages work it out when one first needs it."""
    yearly: tuple[FollowUp, ...] = ()
    """The yearly follow-ups from the plan, oldest first: the site's follow-up section, one page a year."""
    yearly_pdfs: bool = False
    """Whether the follow-ups' PDFs are published with the site (beside their pages)."""
    directory_urls: bool = True
    """Whether the site is built with MkDocs' ``use_directory_urls`` (not offline): the links written as
    HTML (``htmlkit.href``) must name the addresses MkDocs gives the pages."""


@dataclass
class Site:
    """The generated pages (path → Markdown) and the navigation, in MkDocs' ``nav`` form."""

    pages: dict[str, str]
    nav: list
    extra: dict


# --- Markdown helpers ---------------------------------------------------------

# Text from the model as Markdown that shows exactly as written (shared with the consultation pages).
esc = mdtext.inline
esc_block = mdtext.block


def rel(from_page: str, to: str) -> str:
    """A relative link from one generated page to another file of the site."""
    anchor = ""
    if "#" in to:
        to, anchor = to.split("#", 1)
        anchor = "#" + anchor
    if not to:
        return anchor
    return posixpath.relpath(to, posixpath.dirname(from_page) or ".") + anchor


def slugs(ids: list[str]) -> dict[str, str]:
    """URL-safe, unique slugs for ids ('P1' → 'p1', 'P1.1' → 'p1-1')."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for i in ids:
        base = re.sub(r"[^a-z0-9]+", "-", i.lower()).strip("-") or "x"
        s, n = base, 2
        while s in used:
            s, n = f"{base}-{n}", n + 1
        used.add(s)
        out[i] = s
    return out


def table(header: list[str], rows: list[list[str]], align: list[str] | None = None, *, label: str = "") -> str:
    """A Markdown table in a scroll box that a keyboard can reach and a screen reader names (WCAG 2.1.1).

    ``label`` names the box; without one, its first column's heading does."""
    align = align or ["l"] * len(header)
    sep = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(sep) + " |"]
    lines += ["| " + " | ".join(c.replace("\n", " ") for c in r) + " |" for r in rows]
    if label:
        return f"<!-- sk-table: {html_escape(label)} -->\n" + "\n".join(lines)
    return "\n".join(lines)


_TABLE_SEPARATOR = re.compile(r"^\|(\s*:?-{3,}:?\s*\|)+\s*$")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*(\{[^}]*\})?\s*$")
_LABEL_MARK = re.compile(r"^<!-- sk-table: (.*) -->$")


def _plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"[*_`\\]", "", text).strip()


def wrap_tables(markdown: str, fallback: str) -> str:
    """Each table in a scroll box that a keyboard can reach and a screen reader names (WCAG 2.1.1, 4.1.2).

    On a phone a wide table scrolls sideways inside its box, not the page. The box is named by
    the label ``table`` was given, else by the heading above the table, else by ``fallback``."""
    if not markdown.startswith("|") and "\n|" not in markdown:
        return markdown  # no table: most generated pages write theirs as HTML (htmlkit)
    lines = markdown.split("\n")
    out: list[str] = []
    heading = fallback
    i = 0
    while i < len(lines):
        line = lines[i]
        found = _HEADING.match(line)
        if found:
            heading = _plain(found.group(1)) or fallback
        label = None
        start = i
        mark = _LABEL_MARK.match(line)
        if mark and i + 2 < len(lines) and lines[i + 1].startswith("|") and _TABLE_SEPARATOR.match(lines[i + 2]):
            label, start = mark.group(1), i + 1
        elif line.startswith("|") and i + 1 < len(lines) and _TABLE_SEPARATOR.match(lines[i + 1]) \
                and (not out or not out[-1].startswith("|")):
            label = html_escape(heading)
        if label is None:
            out.append(line)
            i += 1
            continue
        end = start
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        out += [f'<div class="sk-table" role="region" tabindex="0" aria-label="{label}" markdown>', ""]
        out += lines[start:end]
        # attribute lists directly under a table ({: .x }) belong to it
        out += ["", "</div>"]
        i = end
    return "\n".join(out)


def chapter_path(language: str, chapter) -> str:
    """Where a chapter's page is in the site: 'strategy/01-inledning.md' → 'kapitel/01-inledning.md'."""
    inner = PurePosixPath(chapter.file)
    parts = inner.parts[1:] if inner.parts and inner.parts[0] == "strategy" else inner.parts
    return f"{i18n.labels(language)['url_chapters']}/{PurePosixPath(*parts)}"


def chapter_pages(model: Strategy) -> list[str]:
    """The pages made from chapters (the Markdown written by people, not generated)."""
    return [chapter_path(model.language, c) for c in model.chapters if c.document is not None]


def year_span(years: list[int]) -> str:
    """'2018–2021, 2023' for the years 2018, 2019, 2020, 2021 and 2023."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def status_anchor(status: Status) -> str:
    """The anchor of a status's definition on the method page."""
    return f"status-{status.value}"


JUDGEMENT_ANCHOR = "goal-judgement"
"""The anchor, on the method page, of the rule by which a goal followed up by its commitments alone is judged."""
