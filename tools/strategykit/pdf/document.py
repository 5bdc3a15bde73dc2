"""One pandoc document from the model: the chapters in order, with generated tables and the appendix.

Each chapter is read by pandoc on its own, so that an unclosed fence in one
chapter cannot swallow the next, and then joined as pandoc AST (JSON). While
joining, every chapter is made safe and self-contained:

- raw blocks are dropped (the ``raw-markup`` rule has already refused them);
- identifiers get the chapter's prefix, so two chapters may both have a section
  "Bakgrund"; links within a chapter follow;
- a link to another chapter's file (``04-levande.md#mal``) becomes an internal
  link; a link to any other local file loses its target and keeps its text;
- images are copied into the build folder and drawn by the profile's
  ``chapter-image`` with their alt text (pandoc's Typst writer drops alt text).

Generated parts are Typst calls into the profile (``goal-table``,
``indicator-entry``) with indexes into data.json; headings stay pandoc
headings, so the outline, the bookmarks and the running heads treat them like
the chapters'.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote, urlsplit

from .. import i18n
from ..model import Chapter, Strategy
from . import toolchain
from .data import anchor
from .preflight import image_file

Node = dict[str, Any]
API_VERSION = [1, 23, 1, 1]


def _inlines(text: str) -> list[Node]:
    out: list[Node] = []
    for i, word in enumerate(text.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def ascii_id(ident: str) -> str:
    """An identifier in plain ASCII ('mål-och-medel' → 'mal-och-medel'): PDF viewers match named
    destinations byte by byte, and not every one decodes UTF-8 in them."""
    folded = unicodedata.normalize("NFKD", ident).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", folded).strip("-") or "x"


def header(level: int, ident: str, text: str) -> Node:
    return {"t": "Header", "c": [level, [ident, [], []], _inlines(text)]}


def para(text: str) -> Node:
    return {"t": "Para", "c": _inlines(text)}


def raw(code: str) -> Node:
    return {"t": "RawBlock", "c": ["typst", code]}


def typst_string(text: str) -> str:
    """A Typst string literal."""
    out = []
    for ch in text:
        if ch in '\\"':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 32 or ch in "\u2028\u2029":
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def stringify(node: Any) -> str:
    """The plain text of pandoc inlines, as pandoc's own stringify gives it."""
    if isinstance(node, list):
        return "".join(stringify(n) for n in node)
    if not isinstance(node, dict):
        return ""
    t = node.get("t")
    if t == "Str":
        return node["c"]
    if t in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if t in ("Code", "Math"):
        return node["c"][1]
    if t in ("RawInline", "Note"):
        return ""
    if t == "Quoted":
        return "“" + stringify(node["c"][1]) + "”"
    c = node.get("c")
    if t in ("Link", "Image", "Span", "Cite"):
        return stringify(c[1])
    return stringify(c)


@dataclass
class Media:
    """Images copied into the build folder, each under a name of its own."""

    folder: Path
    names: dict[Path, str] = field(default_factory=dict)

    def add(self, source: Path) -> str:
        if source not in self.names:
            name = f"{len(self.names) + 1:03d}{source.suffix.lower()}"
            self.folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, self.folder / name)
            self.names[source] = name
        return f"/media/{self.names[source]}"


class _ChapterRewriter:
    """Makes one chapter's pandoc AST safe to join with the others (see the module docstring)."""

    def __init__(self, model: Strategy, chapter: Chapter, targets: dict[str, tuple[str, set[str]]],
                 media: Media):
        self.model, self.chapter, self.media = model, chapter, media
        self.targets = targets  # chapter file → (its anchor, the identifiers in it)
        self.prefix, self.local_ids = targets[chapter.file]
        self.title_seen = False

    def ident(self, ident: str) -> str:
        return f"{self.prefix}-{ascii_id(ident)}" if ident else ""

    def blocks(self, blocks: list[Node]) -> list[Node]:
        out: list[Node] = []
        for b in blocks:
            r = self.block(b)
            if r is not None:
                out.append(r)
        return out

    def inlines(self, inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        for i in inlines:
            r = self.inline(i)
            if r is None:
                continue
            if isinstance(r, list):
                out.extend(r)
            else:
                out.append(r)
        return out

    def _attr(self, attr: list) -> list:
        return [self.ident(attr[0]), attr[1], attr[2]]

    def block(self, b: Node) -> Node | None:
        t, c = b.get("t"), b.get("c")
        if t == "RawBlock":
            return None
        if t == "Header":
            level, attr, content = c
            if level == 1 and not self.title_seen:
                self.title_seen = True
                attr = [self.prefix, attr[1], attr[2]]
            else:
                attr = self._attr(attr)
            return {"t": "Header", "c": [level, attr, self.inlines(content)]}
        if t == "Figure":
            image = self._single_image(c[2])
            if image is not None:
                caption = stringify(c[1][1]) or stringify(image["c"][1])
                return raw(self._image_call(image, caption=caption))
            return {"t": "Figure", "c": [self._attr(c[0]), self._walk(c[1]), self.blocks(c[2])]}
        return self._generic(b)

    def _generic(self, node: Node) -> Node:
        t, c = node.get("t"), node.get("c")
        if c is None:
            return node
        if t in _ATTR_FIRST and _is_attr(c[0]):
            return {"t": t, "c": [self._attr(c[0])] + [self._walk(x) for x in c[1:]]}
        return {"t": t, "c": self._walk(c)}

    def _single_image(self, blocks: list[Node]) -> Node | None:
        if len(blocks) == 1 and blocks[0].get("t") in ("Plain", "Para"):
            content = [i for i in blocks[0]["c"] if i.get("t") not in ("Space", "SoftBreak")]
            if len(content) == 1 and content[0].get("t") == "Image":
                return content[0]
        return None

    def _image_call(self, image: Node, caption: str | None = None) -> str:
        alt = stringify(image["c"][1]).strip()
        target = image["c"][2][0]
        source = image_file(self.model, self.chapter, target)
        path = self.media.add(source) if source is not None and source.is_file() else ""
        args = f"{typst_string(path)}, {typst_string(alt)}"
        if caption is not None:
            return f"#chapter-image({args}, caption: [#{typst_string(caption)}])"
        return f"#chapter-image({args})"

    def inline(self, i: Node) -> Node | list[Node] | None:
        t, c = i.get("t"), i.get("c")
        if t == "RawInline":
            return None
        if t == "Image":
            return {"t": "RawInline", "c": ["typst", self._image_call(i)]}
        if t == "Link":
            attr, content, (url, title) = c
            target = self._link(url)
            content = self.inlines(content)
            if target is None:
                return {"t": "Span", "c": [["", [], []], content]}
            return {"t": "Link", "c": [self._attr(attr), content, [target, title]]}
        if t == "Note":
            return {"t": "Note", "c": self.blocks(c)}
        return self._generic(i)

    def _link(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "mailto", "tel"):
            return url
        if parts.scheme or parts.netloc:
            return None
        if not parts.path:
            frag = unquote(parts.fragment)
            return f"#{self.ident(frag)}" if frag in self.local_ids else None
        here = posixpath.dirname(self.chapter.file)
        file = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
        if file not in self.targets:
            return None
        title, ids = self.targets[file]
        frag = unquote(parts.fragment)
        if frag and frag in ids:
            return f"#{title}-{ascii_id(frag)}"
        return f"#{title}"

    def _walk(self, c: Any) -> Any:
        """Descend into a node's contents, treating lists of blocks and of inlines as such."""
        if isinstance(c, list):
            if c and all(isinstance(x, dict) and "t" in x for x in c):
                if _is_block(c[0]):
                    return self.blocks(c)
                return self.inlines(c)
            return [self._walk(x) for x in c]
        if isinstance(c, dict) and "t" in c:
            return self.block(c) if _is_block(c) else self.inline(c)
        return c


_ATTR_FIRST = {"Div", "Span", "CodeBlock", "Code", "Table", "Figure", "Link", "Image"}


def _is_attr(x: Any) -> bool:
    return (isinstance(x, list) and len(x) == 3 and isinstance(x[0], str)
            and isinstance(x[1], list) and isinstance(x[2], list))


def identifiers(node: Any) -> set[str]:
    """Every identifier a pandoc AST defines (headings, divs, spans, ...)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, list):
            stack.extend(n)
        elif isinstance(n, dict):
            t, c = n.get("t"), n.get("c")
            if t == "Header" and c[1][0]:
                found.add(c[1][0])
            elif t in _ATTR_FIRST and isinstance(c, list) and c and _is_attr(c[0]) and c[0][0]:
                found.add(c[0][0])
            stack.append(c)
    return found


_BLOCK_TYPES = {"Plain", "Para", "LineBlock", "CodeBlock", "RawBlock", "BlockQuote", "OrderedList",
                "BulletList", "DefinitionList", "Header", "HorizontalRule", "Table", "Figure", "Div"}


def _is_block(node: Node) -> bool:
    return node.get("t") in _BLOCK_TYPES


def chapter_anchor(chapter: Chapter) -> str:
    return anchor("chapter", chapter.id or chapter.file)


def _presented(model: Strategy, chapter: Chapter) -> list[tuple[int, list[int] | None]]:
    """The priorities (by index) a chapter presents, with the goals it presents (None: all)."""
    out = []
    refs = set(chapter.presents)
    for pi, p in enumerate(model.priorities):
        if p.id in refs:
            out.append((pi, None))
            continue
        goals = [gi for gi, g in enumerate(p.goals) if g.id in refs]
        if goals:
            out.append((pi, goals))
    return out


def _goal_table_call(pi: int, goals: list[int] | None) -> str:
    extra = "" if goals is None else f", goals: ({', '.join(str(g) for g in goals)},)"
    return f"#goal-table(data.priorities.at({pi}), data{extra})"


def build_document(model: Strategy, media: Media,
                   to_json: Callable[[str], str] = toolchain.markdown_to_json) -> dict:
    """The pandoc document (JSON AST) of the whole print edition, without the front matter.

    The cover, colophon and contents come from the profile's ``publication``.
    """
    L = i18n.labels(model.language)
    anchors = {c.file: chapter_anchor(c) for c in model.chapters}
    chapters = [(c, json.loads(to_json(c.document.text))["blocks"])
                for c in model.chapters if c.document is not None]
    targets = {c.file: (anchors[c.file], identifiers(ast)) for c, ast in chapters}
    blocks: list[Node] = []
    presented: set[tuple[int, int]] = set()
    for chapter, ast in chapters:
        rewriter = _ChapterRewriter(model, chapter, targets, media)
        blocks.append(raw(toolchain.CHAPTER_MARK + chapter.file))
        blocks.extend(rewriter.blocks(ast))
        shown = _presented(model, chapter)
        if shown:
            blocks.append(header(2, f"{anchors[chapter.file]}--goals", L["goals_and_targets"]))
            for pi, goals in shown:
                blocks.append(raw(_goal_table_call(pi, goals)))
                for gi in goals if goals is not None else range(len(model.priorities[pi].goals)):
                    presented.add((pi, gi))

    rest = [(pi, [gi for gi in range(len(p.goals)) if (pi, gi) not in presented])
            for pi, p in enumerate(model.priorities)]
    rest = [(pi, goals) for pi, goals in rest if goals]
    if rest:
        blocks.append(raw(toolchain.CHAPTER_MARK + "the generated goals and targets"))
        blocks.append(header(1, "goals-and-targets", L["goals_and_targets"]))
        for pi, goals in rest:
            p = model.priorities[pi]
            blocks.append(header(2, anchor("priority", p.id), f"{p.id} {p.title}".strip()))
            all_goals = len(goals) == len(p.goals)
            blocks.append(raw(_goal_table_call(pi, None if all_goals else goals)))

    if model.indicators:
        blocks.append(raw(toolchain.CHAPTER_MARK + "the generated indicator appendix"))
        blocks.append(header(1, "indicator-appendix", L["indicator_appendix"]))
        blocks.append(para(f"{L['appendix_intro']} {L['chart_legend']}"))
        for ii, ind in enumerate(model.indicators):
            blocks.append(header(2, anchor("ind", ind.id), ind.name or ind.id))
            blocks.append(raw(f"#indicator-entry(data.indicators.at({ii}), data)"))

    return {"pandoc-api-version": API_VERSION, "meta": {}, "blocks": blocks}
