"""One pandoc document from the model: the chapters in order, with generated tables and the appendix.

Each chapter is read by pandoc on its own, so that an unclosed fence in one
chapter cannot swallow the next, and then joined as pandoc AST (JSON); all
chapters are read in one run of pandoc (``toolchain.read_each``), or in a few
runs at once for a large strategy. While joining, every chapter is made safe
and self-contained:

- raw blocks are dropped (the ``raw-markup`` rule has already refused them);
- identifiers get the chapter's prefix, so two chapters may both have a section
  "Bakgrund"; links within a chapter follow;
- a link to another chapter's file (``04-levande.md#mal``) becomes an internal
  link; a link to any other local file loses its target and keeps its text;
- images are copied into the build folder and drawn by the profile's
  ``chapter-image`` with their alt text (pandoc's Typst writer drops alt text).

Generated parts are Typst calls into the profile (``goal-table``,
``indicator-entry``, ``followup-…``) with indexes into data.json; headings stay
pandoc headings, so the outline, the bookmarks and the running heads treat them
like the chapters'. The appendices on the process (``appendices``) are Markdown
made by ``consultation`` and ``followup_report`` (the same text as the web
edition), read by pandoc and made safe the same way as a chapter: no raw
markup, no images, identifiers kept apart from the chapters' (a comment's
``synpunkt-…`` anchor is kept as it is, so that links to it work), and tables
given column widths from their content.

Last, every internal link is checked against the labels the document defines;
a link to a label that does not exist loses its target and keeps its text, so a
stale reference can never stop Typst. ``number_figures`` then numbers the figures
ahead of Typst, for the packaged profile.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import unquote, urlsplit

from strategykit.present import crosscut, i18n
from strategykit.present.followup import method_formula
from strategykit.diagnostics import Diagnostic, Position, Refused, Severity
from strategykit.messages import _
from strategykit.model import Chapter, Strategy
from strategykit.model.images import IMAGE_FORMATS, image_file
from strategykit.render.pdf import toolchain
from strategykit.model.anchors import toc_separator, web_slug
from strategykit.render.pdf.data import anchor
from strategykit.render.pdf.blocks import Markdown, Node, _inlines, chapter_anchor, header, para, raw  # noqa: F401

def ascii_id(ident: str) -> str:
    """An identifier in plain ASCII ('mål-och-medel' → 'mal-och-medel'): PDF viewers match named
    destinations byte by byte, and not every one decodes UTF-8 in them."""
    folded = unicodedata.normalize("NFKD", ident).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", folded).strip("-") or "x"


def _web_form(ident: str, separator: str) -> str:
    """An identifier as the web edition's slugify writes it ('mål-och-medel' → 'mal-och-medel'), to match
    a link written with the web's anchor to pandoc's id for the same heading."""
    return web_slug(ident.replace("-", " "), separator)


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
        self.problems: list[Diagnostic] = []
        self.separator = toc_separator(model.site_config.data if model.site_config is not None else None)

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
        return _numbers_kept_whole(out)

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
        if t == "Table":
            b = {"t": "Table", "c": [*c[:2], [[_left(spec[0]), spec[1]] for spec in c[2]], *c[3:]]}
            return self._generic(b)
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
        if source is None or not source.is_file() or source.suffix.lower() not in IMAGE_FORMATS:
            # The rules (image-outside-folder, image-missing, image-format) have refused this
            # already; should pandoc ever read an image CommonMark does not, it is not embedded.
            self.problems.append(Diagnostic(
                "image-outside-folder", Severity.ERROR,
                _("The image '{target}' is not an image file inside the strategy/ folder.", target=target),
                Position(self.chapter.file), _("Put the image in the strategy/ folder and refer to it with a "
                                               "relative path.")))
            path = ""
        else:
            path = self.media.add(source)
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
        if frag:
            # The web edition's anchor ('#mal-och-medel', model/anchors.py) for pandoc's 'mål-och-medel'.
            web = _web_form(frag, self.separator)
            same = next((i for i in ids if _web_form(i, self.separator) == web), None)
            if same is not None:
                return f"#{title}-{ascii_id(same)}"
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


_GROUP_START = re.compile(r"\d{3}(?!\d)")


def _numbers_kept_whole(inlines: list[Node]) -> list[Node]:
    """'300 000' in an author's text joined by a no-break space, so that no line breaks inside the
    number, as ``present.mdtext.keep_numbers`` does for the web. Done on pandoc's AST, after pandoc
    gave the headings their ids, so that the ids (and the links to them) stay as they were."""
    out: list[Node] = []
    for node in inlines:
        if (node.get("t") == "Str" and len(out) >= 2 and out[-1].get("t") == "Space"
                and out[-2].get("t") == "Str" and out[-2]["c"][-1:].isdigit() and _GROUP_START.match(node["c"])):
            out.pop()
            out[-1] = {"t": "Str", "c": out[-1]["c"] + "\u00a0" + node["c"]}
        else:
            out.append(node)
    return out


_ATTR_FIRST = {"Div", "Span", "CodeBlock", "Code", "Table", "Figure", "Link", "Image"}


def _is_attr(x: Any) -> bool:
    return (isinstance(x, list) and len(x) == 3 and isinstance(x[0], str)
            and isinstance(x[1], list) and isinstance(x[2], list))


_NO_IDENTIFIER = {"Str", "Space", "SoftBreak", "LineBreak", "RawInline", "RawBlock", "Math", "HorizontalRule"}
"""Nodes that neither define an identifier nor hold nodes that could: the walks below skip them."""


def _nodes(node: Any) -> Iterator[dict]:
    """Every AST node below ``node`` that may define an identifier or hold a link (iterative: chapters nest deep).

    A node's content is walked after the node is yielded, so a caller may rewrite a node in place.
    """
    stack = [node]
    while stack:
        n = stack.pop()
        if type(n) is list:
            stack.extend(n)
        elif type(n) is dict:
            if n.get("t") in _NO_IDENTIFIER or n.get("c") is None:
                continue
            yield n
            stack.append(n["c"])


def identifiers(node: Any) -> set[str]:
    """Every identifier a pandoc AST defines (headings, divs, spans, ...)."""
    found: set[str] = set()
    for n in _nodes(node):
        t, c = n["t"], n["c"]
        if t == "Header" and c[1][0]:
            found.add(c[1][0])
        elif t in _ATTR_FIRST and isinstance(c, list) and c and _is_attr(c[0]) and c[0][0]:
            found.add(c[0][0])
    return found


_BLOCK_TYPES = {"Plain", "Para", "LineBlock", "CodeBlock", "RawBlock", "BlockQuote", "OrderedList",
                "BulletList", "DefinitionList", "Header", "HorizontalRule", "Table", "Figure", "Div"}


def _is_block(node: Node) -> bool:
    return node.get("t") in _BLOCK_TYPES


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


class _FragmentRewriter(_ChapterRewriter):
    """Makes generated Markdown (an appendix) safe: like a chapter, but without images or file links."""

    KEEP = ("synpunkt-",)
    """Identifiers kept as they are: other documents link to them by name."""

    def __init__(self, prefix: str, formulas: bool = False):
        self.prefix, self.title_seen, self.formulas = prefix, True, formulas
        self.seen: set[str] = set()

    def ident(self, ident: str) -> str:
        if not ident:
            return ""
        name = ascii_id(ident) if ident.startswith(self.KEEP) else f"{self.prefix}-{ascii_id(ident)}"
        if name in self.seen:
            return ""
        self.seen.add(name)
        return name

    def block(self, b: Node) -> Node | None:
        if b.get("t") == "Table":
            return self._generic({"t": "Table", "c": [*b["c"][:2], table_widths(b["c"]), *b["c"][3:]]})
        return super().block(b)

    def inline(self, i: Node) -> Node | list[Node] | None:
        if i.get("t") == "Image":
            return {"t": "Span", "c": [["", [], []], self.inlines(i["c"][1])]}
        if self.formulas and i.get("t") == "Code":
            # The method's short formulas, as typeset math with their text as alt text (PDF/UA).
            formula = method_formula(i["c"][1])
            alt = json.dumps(formula.text, ensure_ascii=False)
            return {"t": "RawInline", "c": ["typst", f"#box(math.equation(block: false, numbering: none, alt: {alt}, "
                                                     f"${formula.typst}$))"]}
        return super().inline(i)

    def _single_image(self, blocks: list[Node]) -> Node | None:
        return None  # a figure keeps its caption; its image becomes its alt text (see inline)

    def _link(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "mailto"):
            return url
        if not (parts.scheme or parts.netloc or parts.path) and parts.fragment:
            return "#" + ascii_id(unquote(parts.fragment))  # checked against the document's labels last
        return None


TABLE_CHARS = 92
"""About as many characters of table text fit across the text width (A4, 9.5 pt)."""

SHORT_CELL = 26
"""A column whose cells are all at most this long (a date, a number, a name) is not wrapped."""


def _left(alignment: Node) -> Node:
    """pandoc's default alignment is centred in Typst; a table of text reads better from the left."""
    return {"t": "AlignLeft"} if alignment.get("t") == "AlignDefault" else alignment


def table_widths(table: list) -> list:
    """Column specs with relative widths from the cells, left-aligned unless the Markdown says otherwise.

    pandoc sizes the columns of a pipe table equally once a row is long; the tables made
    from data (the history of editions, the origin of goals) need a wide column for the
    note and a narrow one for a date instead. Short columns get their full width, long
    ones share the rest; no column is narrower than its longest word.
    """
    colspecs = table[2]
    n = len(colspecs)
    longest = [3] * n
    want = [3] * n
    rows = [r for r in table[3][1]]
    for body in table[4]:
        rows += body[2] + body[3]
    rows += table[5][1]
    for row in rows:
        col = 0
        for cell in row[1]:
            span = max(1, cell[3])
            if span == 1 and col < n:
                text = stringify(cell[4]).strip()
                longest[col] = max(longest[col], max((len(w) for w in text.split()), default=0) + 2)
                want[col] = max(want[col], min(len(text), 60) + 2)
            col += span
    want = [max(w, m) for w, m in zip(want, longest)]
    short = [w <= SHORT_CELL + 2 for w in want]
    rest = TABLE_CHARS - sum(w for w, s in zip(want, short) if s)
    if sum(want) <= TABLE_CHARS:
        widths = want
    elif rest >= sum(m for m, s in zip(longest, short) if not s):
        total_long = sum(w for w, s in zip(want, short) if not s)
        widths = [w if s else max(m, rest * w / total_long) for w, m, s in zip(want, longest, short)]
    elif sum(longest) < TABLE_CHARS:
        spare = TABLE_CHARS - sum(longest)
        extra = [w - m for w, m in zip(want, longest)]
        widths = [m + spare * e / sum(extra) for m, e in zip(longest, extra)]
    else:
        widths = longest
    total = sum(widths)
    return [[_left(spec[0]), {"t": "ColWidth", "c": round(w / total, 4)}] for spec, w in zip(colspecs, widths)]


def drop_dangling_links(blocks: list[Node], labels: set[str]) -> list[Node]:
    """Internal links to a label nobody defines keep their text and lose their target (in place)."""
    for n in _nodes(blocks):
        if n["t"] == "Link":
            attr, content, (url, _title) = n["c"]
            if url.startswith("#") and url[1:] not in labels:
                n["t"], n["c"] = "Span", [attr, content]
    return blocks


KEEP_TOGETHER_CHARS = 1200
"""A consultation comment shorter than this (heading, text, decision) is kept on one page."""


def keep_together(blocks: list[Node]) -> list[Node]:
    """Page breaks a reader would not want: a lead-in ending in ':' apart from its list, a comment split.

    Typst keeps a heading with what follows it, but not a paragraph with the list it
    introduces, nor the parts of a comment in the compilation; those are wrapped in a
    block that is sticky (the lead-in) or unbreakable (a comment that fits on a page).
    """
    out: list[Node] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (b.get("t") == "Para" and nxt is not None and nxt.get("t") in ("BulletList", "OrderedList")
                and stringify(b["c"]).rstrip().endswith(":")):
            out += [raw("#block(sticky: true)["), b, raw("]")]
            i += 1
            continue
        if b.get("t") == "Header" and b["c"][1][0].startswith("synpunkt-"):
            j = i + 1
            while j < len(blocks) and blocks[j].get("t") != "Header" and blocks[j].get("t") != "RawBlock":
                j += 1
            group = blocks[i:j]
            if len(stringify(group)) < KEEP_TOGETHER_CHARS:
                out += [raw("#block(breakable: false, width: 100%)["), *group, raw("]")]
                i = j
                continue
        out.append(b)
        i += 1
    return out


_CALL = re.compile(r"#(goal-table|followup-priority|indicator-entry)\((data\.[a-z_.]+\.at\((\d+)\))")
"""A generated call into the profile that makes figures: its function, its first argument and that item's index."""

_HOLDS_FIGURES = {"Table", "Figure", "CodeBlock"}


def _nested_figure(node: Any) -> bool:
    """Whether a block holds a table, a figure or code anywhere inside it (pandoc would make a figure of it,
    or Typst could take the figure's kind from it)."""
    stack = [node.get("c")]
    while stack:
        n = stack.pop()
        if type(n) is list:
            stack.extend(n)
        elif type(n) is dict:
            if n.get("t") in _HOLDS_FIGURES or (n.get("t") == "RawBlock" and "figure" in n["c"][1]):
                return True
            if n.get("t") not in _NO_IDENTIFIER:
                stack.append(n.get("c"))
    return False


def number_figures(blocks: list[Node], charts: Callable[[int], int]) -> list[Node] | None:
    """The blocks with every figure's number given, as the packaged profile lays them out; None if unsure.

    Typst numbers figures from what the previous layout pass found, so in the first pass every
    caption shows a wrong number; a caption that then wraps differently moves every page after
    it, which costs a whole further pass over a large document. Counted here, in document order
    and per kind as Typst counts them, the numbers are right from the first pass. The figures:
    each pandoc table (a table), each pandoc figure and captioned chapter image (an image), each
    goal table and follow-up table (a table) and each chart of an indicator (``charts(index)``
    images). The generated calls get their first number as ``figure`` in their item; pandoc's
    figures and chapter images get it by a set rule around them. A table, figure or code block
    inside another block (a list, a quotation) is not counted: then Typst numbers all figures.
    """
    count = {"table": 0, "image": 0}
    out: list[Node] = []

    def numbered(kind: str, node: Node) -> list[Node]:
        count[kind] += 1
        return [raw(f"#[#set figure(numbering: (..) => numbering(\"1\", {count[kind]}))"), node, raw("]")]

    for b in blocks:
        t = b.get("t")
        if t == "Table":
            if _nested_figure(b):
                return None
            out += numbered("table", b)
            continue
        if t == "Figure":
            if _nested_figure(b):
                return None
            out += numbered("image", b)
            continue
        if t == "RawBlock":
            code = b["c"][1]
            call = _CALL.match(code)
            if call:
                kind, made = ("image", charts(int(call[3]))) if call[1] == "indicator-entry" else ("table", 1)
                out.append(raw(code[:call.end(2)] + f" + (figure: {count[kind] + 1})" + code[call.end(2):]))
                count[kind] += made
                continue
            if code.startswith("#chapter-image(") and "caption:" in code:
                out += numbered("image", b)
                continue
            if "figure" in code and not code.startswith(toolchain.CHAPTER_MARK):
                return None
            out.append(b)
            continue
        if _nested_figure(b):
            return None
        out.append(b)
    return out


def model_labels(model: Strategy) -> set[str]:
    """The labels the profile itself places: goals, targets and commitments in the goal tables, indicators in the appendix."""
    labels = {anchor("goal", g.id) for g in model.goals()}
    labels |= {anchor("target", t.id) for _, t in model.targets()}
    labels |= {anchor("commitment", c.id) for _, c in model.commitments()}
    labels |= {anchor("ind", i.id) for i in model.indicators}
    return labels


def _links_to_goals(lead: str, goals: list) -> Node:
    """A paragraph that links to goals whose table is elsewhere in the document."""
    inlines = _inlines(lead)
    for i, g in enumerate(goals):
        inlines += [{"t": "Str", "c": ","}, {"t": "Space"}] if i else [{"t": "Space"}]
        title = f"{g.id} {g.title}".strip()
        if i == len(goals) - 1:
            title = title.rstrip(".")  # the sentence's own full stop follows
        text = _inlines(title)
        inlines.append({"t": "Link", "c": [["", [], []], text, ["#" + anchor("goal", g.id), ""]]})
    inlines.append({"t": "Str", "c": "."})
    return {"t": "Para", "c": inlines}


def _contributing(model: Strategy, pi: int, L: dict, listed: set[int], skip: set[str] = frozenset()) -> list[Node]:
    """Once per priority, after its first goal table: the goals of other priorities that contribute to it,
    as links to where they are presented (``present.crosscut``); not those the chapter presents itself
    (``skip``), which it links to already."""
    entries = [e for e in crosscut.contributing(model, model.priorities[pi]) if e.goal_id not in skip]
    if not entries or pi in listed:
        return []
    listed.add(pi)
    goals = {g.id: g for g in model.goals()}
    return [_links_to_goals(L["contributing_goals_lead"], [goals[e.goal_id] for e in entries])]


def _goal_table_call(pi: int, goals: list[int] | None) -> str:
    extra = "" if goals is None else f", goals: ({', '.join(str(g) for g in goals)},)"
    return f"#goal-table(data.priorities.at({pi}), shared{extra})"


Reader = Callable[[list[str]], list[list[Node]]]
"""Reads Markdown texts, each on its own, into pandoc blocks (``toolchain.read_each``)."""

READ_BATCH = 500_000
"""About this much Markdown (characters) is worth a run of pandoc of its own, beside the others."""


def read_in_batches(pool: ThreadPoolExecutor, texts: list[str], read: Reader) -> Callable[[], list[list[Node]]]:
    """Start reading the texts on the pool, in a few runs of pandoc at once for a large strategy;
    the function returned waits for them and gives the blocks of each text, in order."""
    jobs = [pool.submit(read, texts[r.start:r.stop])
            for r in toolchain.split_evenly([len(t) for t in texts], READ_BATCH, toolchain.PANDOC_RUNS)]

    def result() -> list[list[Node]]:
        out: list[list[Node]] = []
        for job in jobs:
            out += job.result()
        return out
    return result


@dataclass
class PrintDocument:
    """The print edition as pandoc blocks, and the identifiers they define."""

    blocks: list[Node]
    labels: set[str]

    def chapter_titles(self) -> list[str]:
        """The first-level headings, in order: what the table of contents lists."""
        return [stringify(b["c"][2]) for b in self.blocks if b.get("t") == "Header" and b["c"][0] == 1]


def roadmap_title(model: Strategy) -> str | None:
    """The heading of the path to the horizon, or None when no target has a year (no road map)."""
    from strategykit.present.roadmap import roadmap

    road = roadmap(model, None)
    return road.title if road else None


def build_document(model: Strategy, media: Media, read: Reader = toolchain.read_each, *,
                   report: Any = None, changes: Any = None) -> PrintDocument:
    """The pandoc blocks of the whole print edition, without the front matter.

    The cover, colophon and contents come from the profile's ``publication``.
    ``report`` (``followup.FollowUp``) adds the follow-up appendix; ``changes``
    (``consultation.ChangesSince``, from the plan) the changes since the consultation version.
    pandoc reads the chapters (in one run, or a few at once for a large strategy)
    while the appendices are made; then it reads the generated Markdown in one more run.
    """
    from strategykit.render.pdf.appendices import appendices

    L = i18n.labels(model.language)
    anchors = {c.file: chapter_anchor(c) for c in model.chapters}
    readable = [c for c in model.chapters if c.document is not None]
    presented: set[tuple[int, int]] = set()
    priority_anchor: dict[str, str] = {}
    for chapter in readable:
        for pi, goals in _presented(model, chapter):
            priority_anchor.setdefault(model.priorities[pi].id, anchors[chapter.file])
            presented.update((pi, gi) for gi in (goals if goals is not None
                                                 else range(len(model.priorities[pi].goals))))
    rest = [(pi, [gi for gi in range(len(p.goals)) if (pi, gi) not in presented])
            for pi, p in enumerate(model.priorities)]
    rest = [(pi, goals) for pi, goals in rest if goals]
    for pi, _ in rest:
        priority_anchor.setdefault(model.priorities[pi].id, anchor("priority", model.priorities[pi].id))

    with ThreadPoolExecutor(max_workers=toolchain.PANDOC_RUNS + 1) as pool:
        chapter_blocks = read_in_batches(pool, [c.document.text for c in readable], read)
        tail = appendices(model, report=report, changes=changes, priority_anchor=priority_anchor)
        parts = [part for part in tail if isinstance(part, Markdown)]
        generated_blocks = read([part.text for part in parts])
        chapters = list(zip(readable, chapter_blocks()))
    converted = {id(part): _FragmentRewriter(part.prefix, part.formulas).blocks(ast) for part, ast in zip(parts, generated_blocks)}
    generated: list[Node] = []
    for part in tail:
        generated += converted[id(part)] if isinstance(part, Markdown) else [part]

    targets = {c.file: (anchors[c.file], identifiers(ast)) for c, ast in chapters}
    blocks: list[Node] = []
    tabled: set[tuple[int, int]] = set()
    listed: set[int] = set()
    problems: list[Diagnostic] = []
    road = roadmap_title(model)
    for chapter, ast in chapters:
        if road and _presented(model, chapter):
            # The path to the horizon, before the first chapter that presents priorities (after the vision).
            blocks += [raw(toolchain.CHAPTER_MARK + "the generated path to the horizon"),
                       header(1, "roadmap", road), raw("#roadmap(data.roadmap, shared)")]
            road = None
        rewriter = _ChapterRewriter(model, chapter, targets, media)
        blocks.append(raw(toolchain.CHAPTER_MARK + chapter.file))
        blocks.extend(rewriter.blocks(ast))
        problems += rewriter.problems
        shown = _presented(model, chapter)
        if shown:
            blocks.append(header(2, f"{anchors[chapter.file]}--goals", L["goals_and_targets"]))
            # The links to goals tabled in an earlier chapter come after this chapter's tables, so that the
            # heading is followed by a table and moves with it to the next page (it stood at a page's foot
            # with that link and the caption, the table on the next page).
            earlier: list[Node] = []
            for pi, goals in shown:
                # A goal presented in several chapters gets its table (and its labels) once, in the
                # first; a later chapter links to it: Typst refuses a label placed twice.
                chosen = list(goals if goals is not None else range(len(model.priorities[pi].goals)))
                new = [gi for gi in chosen if (pi, gi) not in tabled]
                again = [gi for gi in chosen if (pi, gi) in tabled]
                tabled.update((pi, gi) for gi in new)
                if new:
                    blocks.append(raw(_goal_table_call(pi, None if goals is None and not again else new)))
                if again:
                    earlier.append(_links_to_goals(L["goal_presented_earlier"],
                                                   [model.priorities[pi].goals[gi] for gi in again]))
                blocks += _contributing(model, pi, L, listed, skip=set(chapter.presents))
            blocks += earlier

    if problems:
        raise Refused("the PDF edition", problems)

    if road:
        blocks += [raw(toolchain.CHAPTER_MARK + "the generated path to the horizon"),
                   header(1, "roadmap", road), raw("#roadmap(data.roadmap, shared)")]
    if rest:
        blocks.append(raw(toolchain.CHAPTER_MARK + "the generated goals and targets"))
        blocks.append(header(1, "goals-and-targets", L["goals_and_targets"]))
        for pi, goals in rest:
            p = model.priorities[pi]
            blocks.append(header(2, anchor("priority", p.id), f"{p.id} {p.title}".strip()))
            all_goals = len(goals) == len(p.goals)
            blocks.append(raw(_goal_table_call(pi, None if all_goals else goals)))
            blocks += _contributing(model, pi, L, listed)

    if model.indicators:
        blocks.append(raw(toolchain.CHAPTER_MARK + "the generated indicator appendix"))
        blocks.append(header(1, "indicator-appendix", L["indicator_appendix"]))
        if any(model.observations.values()):
            blocks.append(para(f"{L['appendix_intro_followup']} {L['chart_legend_followup']}"))
        else:
            blocks.append(para(f"{L['appendix_intro']} {L['chart_legend']}"))
        for ii, ind in enumerate(model.indicators):
            blocks.append(header(2, anchor("ind", ind.id), ind.name or ind.id))
            blocks.append(raw(f"#indicator-entry(data.indicators.at({ii}), shared)"))

    blocks += generated
    labels = identifiers(blocks)
    blocks = keep_together(drop_dangling_links(blocks, labels | model_labels(model)))
    return PrintDocument(blocks, labels)
