"""Rules on the prose chapters: they exist, stay in their folder, and present every goal."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Position, Severity
from ..model import Strategy
from . import Finding, rule

CHAPTER_FOLDER = "strategy"


@rule("chapter-missing", fix="Create the file, or correct 'file:' so that it names an existing file under strategy/.")
def chapter_missing(s: Strategy) -> Iterator[Finding]:
    """Every chapter listed in goals.yaml exists as a Markdown file."""
    for c in s.chapters:
        if c.problem == "missing":
            yield Finding(f"The chapter file '{c.file}' does not exist.", c.path + ("file",))
        elif c.problem == "not-markdown":
            yield Finding(f"The chapter file '{c.file}' is not a Markdown (.md) file.", c.path + ("file",))


@rule("chapter-outside-folder", fix="Keep chapters in the strategy/ folder and give the path as strategy/NAME.md.")
def chapter_outside_folder(s: Strategy) -> Iterator[Finding]:
    """Chapter files lie inside strategy/.

    A path that leaves the folder (with ../, an absolute path or a link) could pull
    any file of the machine that builds the strategy into the published editions,
    so such a file is never read.
    """
    for c in s.chapters:
        if c.problem == "outside":
            yield Finding(f"The chapter file '{c.file}' is outside the {CHAPTER_FOLDER}/ folder; it was not read.",
                          c.path + ("file",))


@rule("chapter-not-listed", severity=Severity.WARNING,
      fix="Add the file under 'chapters:' in goals.yaml, or delete it.")
def chapter_not_listed(s: Strategy) -> Iterator[Finding]:
    """Every Markdown file in strategy/ is listed as a chapter.

    A chapter that is not listed is never published; it is probably forgotten.
    """
    folder = s.root / CHAPTER_FOLDER
    if not folder.is_dir():
        return
    listed = {c.file for c in s.chapters}
    for path in sorted(folder.glob("*.md")):
        rel = f"{CHAPTER_FOLDER}/{path.name}"
        if rel not in listed:
            yield Finding(f"The file '{rel}' is not listed under 'chapters:' and will not be published.",
                          position=Position(rel, 1, 1))


@rule("goal-not-presented", severity=Severity.WARNING,
      fix="Add the goal's id, or its priority's id, to 'presents:' of the chapter that describes it.")
def goal_not_presented(s: Strategy) -> Iterator[Finding]:
    """Every goal is presented in some chapter.

    The prose explains why a goal matters; a goal no chapter presents stands
    without its reasons. A chapter presents a goal when its `presents:` list names
    the goal or the goal's priority.
    """
    presented = {ref for c in s.chapters for ref in c.presents}
    for g in s.goals():
        if g.id and g.id not in presented and g.priority_id not in presented:
            yield Finding(f"Goal \"{g.id}\" is not presented in any chapter.", g.path, key=True)


@rule("chapter-without-title", fix="Start the chapter with a level-1 heading: '# Title'.")
def chapter_without_title(s: Strategy) -> Iterator[Finding]:
    """Every chapter starts with a level-1 heading, and has only one.

    The heading is the chapter's title in the web edition's navigation and in
    the PDF's table of contents and bookmarks.
    """
    for c in s.chapters:
        if c.document is None:
            continue
        tops = [h for h in c.document.headings if h.level == 1]
        if not tops or not tops[0].text:
            yield Finding(f"The chapter '{c.file}' has no title (a line starting with '# ').",
                          position=Position(c.file, 1, 1))
        for extra in tops[1:]:
            yield Finding(f"The chapter '{c.file}' has a second level-1 heading; each chapter has one title.",
                          position=Position(c.file, extra.line, 1),
                          hint="Make it a section heading with '## '.")


@rule("image-without-alt", fix="Describe the image in the brackets: ![What the image shows](file.png).")
def image_without_alt(s: Strategy) -> Iterator[Finding]:
    """Every image in a chapter has an alternative text.

    Readers who cannot see the image hear the alternative text instead; both
    editions must be accessible (WCAG 2.1 AA, PDF/UA-1).
    """
    for c in s.chapters:
        if c.document is None:
            continue
        for im in c.document.images:
            if not im.alt:
                yield Finding(f"The image '{im.target}' has no alternative text.",
                              position=Position(c.file, im.line, im.column))
