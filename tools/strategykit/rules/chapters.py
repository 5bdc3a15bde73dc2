"""Rules on the prose chapters: they exist, stay in their folder, present every goal, and link and
show only what is there."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from strategykit.diagnostics import Position, Severity, closest
from strategykit.model.anchors import toc_separator, web_anchors, web_slug
from strategykit.source.load import is_inside, real_path
from strategykit.model import Chapter, Strategy
from strategykit.model.images import CHAPTER_FOLDER, IMAGE_FORMATS, image_file, is_local as _is_local  # noqa: F401 (CHAPTER_FOLDER is the rules' too)
from strategykit.rules import rule, Finding
from strategykit.messages import _

def _list_unreadable(s: Strategy) -> bool:
    """True when 'chapters:' is written but holds no chapter the model could read: the schema has said why."""
    return ("chapters",) in s.source.keys and not s.chapters


@rule("chapter-missing", guards_build=True, fix=_("Create the file, or correct 'file:' so that it names an existing file under strategy/."))
def chapter_missing(s: Strategy) -> Iterator[Finding]:
    """Every chapter listed in goals.yaml exists as a Markdown file."""
    for c in s.chapters:
        if c.problem == "missing":
            yield Finding(_("The chapter file '{file}' does not exist.", file=c.file), c.path + ("file",))
        elif c.problem == "not-markdown":
            yield Finding(_("The chapter file '{file}' is not a Markdown (.md) file.", file=c.file), c.path + ("file",))


@rule("chapter-outside-folder", guards_build=True, fix=_("Keep chapters in the strategy/ folder and give the path as strategy/NAME.md."))
def chapter_outside_folder(s: Strategy) -> Iterator[Finding]:
    """Chapter files lie inside strategy/.

    A path that leaves the folder (with ../, an absolute path or a link) could pull
    any file of the machine that builds the strategy into the published editions,
    so such a file is never read.
    """
    for c in s.chapters:
        if c.problem == "outside":
            yield Finding(_("The chapter file '{file}' is outside the {CHAPTER_FOLDER}/ folder; it was not read.",
                            file=c.file, CHAPTER_FOLDER=CHAPTER_FOLDER),
                          c.path + ("file",))


@rule("chapter-not-listed", severity=Severity.WARNING,
      fix=_("Add the file under 'chapters:' in goals.yaml, or delete it."))
def chapter_not_listed(s: Strategy) -> Iterator[Finding]:
    """Every Markdown file in strategy/ is listed as a chapter.

    A chapter that is not listed is never published; it is probably forgotten.
    """
    folder = s.root / CHAPTER_FOLDER
    if not folder.is_dir() or _list_unreadable(s) or any(True for _ in _repeated_files(s)):
        return  # duplicate-chapter-file names the unlisted files: one of them was probably meant
    listed = {c.file for c in s.chapters}
    for path in sorted(folder.glob("*.md")):
        rel = f"{CHAPTER_FOLDER}/{path.name}"
        if rel not in listed:
            yield Finding(_("The file '{rel}' is not listed under 'chapters:' and will not be published.", rel=rel),
                          position=Position(rel, 1, 1))


@rule("goal-not-presented", severity=Severity.WARNING,
      fix=_("Add the goal's id, or its priority's id, to 'presents:' of the chapter that describes it."))
def goal_not_presented(s: Strategy) -> Iterator[Finding]:
    """Every goal is presented in some chapter.

    The prose explains why a goal matters; a goal no chapter presents stands
    without its reasons. A chapter presents a goal when its `presents:` list names
    the goal or the goal's priority.
    """
    if _list_unreadable(s):
        return
    presented = {ref for c in s.chapters for ref in c.presents}
    for g in s.goals():
        if g.id and g.id not in presented and g.priority_id not in presented:
            yield Finding(_('Goal "{id}" is not presented in any chapter.', id=g.id), g.path, key=True)


@rule("chapter-without-title", guards_build=True, fix=_("Start the chapter with a level-1 heading: '# Title'."))
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
            yield Finding(_("The chapter '{file}' has no title (a line starting with '# ').", file=c.file),
                          position=Position(c.file, 1, 1))
        for extra in tops[1:]:
            yield Finding(_("The chapter '{file}' has a second level-1 heading; each chapter has one title.",
                            file=c.file),
                          position=Position(c.file, extra.line, 1),
                          hint=_("Make it a section heading with '## '."))


@rule("image-without-alt", guards_build=True, fix=_("Describe the image in the brackets: ![What the image shows](file.png)."))
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
                yield Finding(_("The image '{target}' has no alternative text.", target=im.target),
                              position=Position(c.file, im.line, im.column))


@rule("image-missing", guards_build=True, fix=_("Add the file, or correct the path (it is relative to the chapter)."))
def image_missing(s: Strategy) -> Iterator[Finding]:
    """Every image a chapter shows exists as a file.

    The path is relative to the chapter, so `![Karta](bilder/karta.svg)` in
    strategy/01-inledning.md is the file strategy/bilder/karta.svg. A missing
    image stops the PDF and leaves a hole in the web edition.
    """
    for c in s.chapters:
        if c.document is None:
            continue
        for im in c.document.images:
            if not _is_local(im.target):
                continue  # image-outside-folder reports it
            where = Position(c.file, im.line, im.column)
            if not unquote(urlsplit(im.target).path).strip():
                yield Finding(_("The image '{target}' names no file.",
                                target=im.target) if im.target else _("The image names no file."),
                              position=where)
                continue
            path = image_file(s, c, im.target)
            if path is not None and not path.is_file():
                yield Finding(_("The image '{target}' does not exist.", target=im.target), position=where)


@rule("image-format", guards_build=True, fix=_("Save it as SVG (for drawings and charts), PNG or JPEG."))
def image_format(s: Strategy) -> Iterator[Finding]:
    """Images are in a format both editions can show: SVG, PNG, JPEG, GIF or WebP.

    The PDF cannot embed other formats (BMP, TIFF, HEIC, a Word or PDF file), and
    most browsers do not show them either.
    """
    allowed = ", ".join(f.lstrip(".").upper() for f in IMAGE_FORMATS)
    for c in s.chapters:
        if c.document is None:
            continue
        for im in c.document.images:
            path = image_file(s, c, im.target)
            if path is not None and path.is_file() and path.suffix.lower() not in IMAGE_FORMATS:
                yield Finding(_("The image '{target}' is not in a format the editions can show ({allowed}).",
                                target=im.target, allowed=allowed), position=Position(c.file, im.line, im.column))


def _repeated_files(s: Strategy) -> Iterator[tuple[Chapter, Chapter]]:
    """(first, repeat) for each chapter whose file an earlier chapter already lists."""
    first: dict[str, Chapter] = {}
    for c in s.chapters:
        if not c.file:
            continue
        key = posixpath.normpath(c.file)
        if key in first:
            yield first[key], c
        else:
            first[key] = c


@rule("duplicate-chapter-file", fix=_("List each chapter file once; the second entry probably meant another file."))
def duplicate_chapter_file(s: Strategy) -> Iterator[Finding]:
    """Each chapter file is listed once under `chapters:`.

    The same text would otherwise appear twice in both editions. A repeated file
    is usually a copied entry whose `file:` was not changed: the file it was meant
    for is then not listed at all.
    """
    unlisted: list[str] | None = None
    for first, repeat in _repeated_files(s):
        if unlisted is None:
            folder = s.root / CHAPTER_FOLDER
            listed = {posixpath.normpath(c.file) for c in s.chapters if c.file}
            unlisted = ([f"{CHAPTER_FOLDER}/{p.name}" for p in sorted(folder.glob("*.md"))
                         if f"{CHAPTER_FOLDER}/{p.name}" not in listed] if folder.is_dir() else [])
        line = s.source.position(first.path + ("file",)).line
        hint = None
        if unlisted:
            names = " / ".join(f"'{f}'" for f in unlisted[:3])
            hint = (_("Did you mean {names}, which is not listed?", names=names) if len(unlisted) == 1
                    else _("Did you mean one of {names}, which are not listed?", names=names))
        yield Finding(_("The chapter file '{file}' is already listed (line {line}).", file=repeat.file, line=line),
                      repeat.path + ("file",), hint=hint)


# --- links between chapters ---------------------------------------------------

@rule("chapter-link-broken",
      fix=_("Link to a chapter listed under 'chapters:', by its file name, and to a heading in it that exists."))
def chapter_link_broken(s: Strategy) -> Iterator[Finding]:
    """Links between chapters lead to a listed chapter, and to a heading in it.

    `[se visionen](03-vision.md#malbild)` is relative to the chapter it is in and
    names the chapter's file; the part after `#` is the anchor of a heading in
    that chapter. The web edition makes the anchor from the heading's text: lower
    case, spaces as '-', punctuation left out and å, ä, ö written a, a, o
    ('## Mål och medel' → `#mal-och-medel`); a second heading with the same text
    gets `_1`. A heading with an explicit id (`## Mål {#mal}`) is linked by that
    id. A link to another file (`[bilaga](bilaga.pdf)`) needs the file in strategy/,
    where the web edition publishes it. A broken link stops the web edition from being built.
    """
    chapters = {posixpath.normpath(c.file): c for c in s.chapters if c.file}
    anchors: dict[str, tuple[list[str], set[str]]] = {}
    separator = toc_separator(s.site_config.data if s.site_config is not None else None)
    for c in s.chapters:
        if c.document is None:
            continue
        here = posixpath.dirname(c.file)
        for link in c.document.links:
            parts = urlsplit(link.target)
            if parts.scheme or parts.netloc or link.target.startswith(("/", "\\")):
                continue
            path, fragment = unquote(parts.path), unquote(parts.fragment)
            where = Position(c.file, link.line, link.column)
            if path and not path.lower().endswith(".md"):
                if not _is_published_file(s, here, path):
                    file = posixpath.normpath(posixpath.join(here, path))
                    yield Finding(_("The link '{target}' leads to '{file}', which is not a file in the {folder}/ folder.",
                                    target=link.target, file=file, folder=CHAPTER_FOLDER), position=where,
                                  hint=_("Put the file in the strategy/ folder and link to it by its name, or "
                                         "link to a web address (https://…)."))
                continue
            file = posixpath.normpath(posixpath.join(here, path)) if path else posixpath.normpath(c.file)
            target = chapters.get(file)
            if target is None:
                yield Finding(_("The link '{target}' leads to '{file}', which is not a chapter listed in goals.yaml.",
                                target=link.target, file=file),
                              position=where, hint=_missing_chapter_hint(s, file, here, list(chapters)))
                continue
            if not fragment or target.document is None:
                continue
            if target.file not in anchors:
                found = web_anchors(target.document, separator)
                anchors[target.file] = found, set(found)
            known, known_set = anchors[target.file]
            if fragment not in known_set:
                yield Finding(_("The link '{target}' points at '#{fragment}', which is not a heading in '{file}'.",
                                target=link.target, fragment=fragment, file=target.file), position=where, hint=_anchor_hint(fragment, known, separator))


def _is_published_file(s: Strategy, here: str, path: str) -> bool:
    """Whether a chapter's link to ``path`` reaches a file the web edition publishes beside the chapters
    (``web._copy_chapter_assets``): inside strategy/, not hidden, not a link; anything else fails the
    web edition's strict build."""
    folder = (s.root / CHAPTER_FOLDER).resolve()
    target = s.root / here / path
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    if not resolved.is_relative_to(folder) or not resolved.is_file():
        return False
    rel = resolved.relative_to(folder)
    return not any(part.startswith(".") for part in rel.parts) and not any(
        (folder / Path(*rel.parts[:i + 1])).is_symlink() for i in range(len(rel.parts)))


def _missing_chapter_hint(s: Strategy, file: str, here: str, listed: list[str]) -> str | None:
    if (s.root / file).is_file():
        return _("'{file}' is not listed under 'chapters:' in goals.yaml; list it, or link to a listed chapter.",
                 file=file)
    close = closest(file, listed)
    return _("Did you mean '{close}'?", close=posixpath.relpath(close, here or '.')) if close else None


def _anchor_hint(fragment: str, known: list[str], separator: str) -> str | None:
    slug = web_slug(fragment, separator)
    if slug in known:
        return _("The web edition writes this heading's anchor as '#{slug}'.", slug=slug)
    close = closest(fragment, known)
    if close:
        return _("Did you mean '#{close}'?", close=close)
    anchors = ", ".join(f"'#{a}'" for a in known[:8]) + ("…" if len(known) > 8 else "")
    return (_("The chapter's headings have the anchors {anchors}.", anchors=anchors) if known
            else _("The chapter has no headings to link to."))


_FOOTNOTE_DEFINITION = re.compile(r"^(?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>)[ \t]+)*[ \t]{0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
"""A footnote's definition at the start of a line, also inside list items and block quotes ('- [^1]: …')."""


@rule("footnote-unused", fix=_("Put [^NAME] in the text where the note belongs, or delete the note."))
def footnote_unused(s: Strategy) -> Iterator[Finding]:
    """Every footnote (`[^1]: text`) is referred to in its chapter (`…as the survey shows.[^1]`).

    A note that nothing refers to has no place in the text; the web edition is not built with one.
    """
    for c in s.chapters:
        if c.document is None or "[^" not in c.document.text:
            continue
        text = c.document.text
        for m in _FOOTNOTE_DEFINITION.finditer(text):
            label = m.group(1)
            mark = f"[^{label}]"
            uses = text.count(mark) - sum(1 for d in _FOOTNOTE_DEFINITION.finditer(text) if d.group(1) == label)
            if uses <= 0:
                line = text.count("\n", 0, m.start()) + 1
                column = m.start(1) - 2 - (text.rfind("\n", 0, m.start(1)) + 1) + 1  # at its '[^'

                yield Finding(_("The footnote [^{label}] is never referred to in the chapter.", label=label),
                              position=Position(c.file, line, column))
