"""``strategy fmt``: goals.yaml in one canonical form, every comment kept.

So that a diff of goals.yaml shows only real changes, the file is written one
way. The canonical form:

- **Key order** follows the schema's property order (``id`` first, then the
  title, …, as ``schema/goals.schema.json`` lists them). Keys the schema does
  not name keep their place after the known ones.
- **Indentation**: two spaces per level, list items indented under their key
  (``- `` at two spaces, the item's keys at four).
- **Quoting**: a text is written plain unless a YAML reader would take it for
  something else — a number ("2020.1", "24"), a date ("2020-01-15"), true/false
  ("no") — or it holds characters that need quotes; then it gets double quotes.
  When one text in a list needs quotes, every text in the list gets them, so
  ``agenda2030: ["8.5", "4.a"]`` reads evenly.
- **Kept as written**: flow style (``{year: 2030, value: 82}``), folded and
  literal texts (``>-``, ``|``), number spelling (``45.0``), long lines (never
  re-wrapped), blank lines and every comment.

Keys are reordered only where no comment line stands between them: a comment
describes what follows it, and ruamel.yaml files such comments under the key
*before* them, so moving keys there could part a comment from its subject. Such
a mapping keeps the author's order (and stays that way on every run). An
end-of-line comment moves with its key; blank lines and comments after a
mapping's last key stay at its end.

ruamel.yaml does the round trip; the result is checked before anything is
written: read by ``load`` it must give exactly the same data, and carry the same
comments, or nothing is written. The comments are counted in the text itself
(``scan_comments``), not through ruamel.yaml, which drops some without a trace:
a comment inside a ``{…}`` or ``[…]`` written on several lines cannot be kept
when fmt writes it on one line, so such a file is refused with the line of each
comment, to be moved onto its own line above the key.
"""

from __future__ import annotations

import bisect
import collections
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString
from ruamel.yaml.tag import Tag
from ruamel.yaml.tokens import CommentToken

from strategykit.diagnostics import Diagnostic, Position, Severity
from strategykit.source.load import parse_yaml, read_text
from strategykit.atomic import write_atomic
from strategykit.source.schema import load_schema
from strategykit.messages import _

_STR = "tag:yaml.org,2002:str"

Table = dict[Any, list[tuple[str, Any]]]
"""Implicit resolvers by the first character of a plain scalar (None: any), as PyYAML keeps them."""


def _pyyaml_table(*, timestamps: bool) -> Table:
    return {first: [(tag, rx) for tag, rx in resolvers if timestamps or not tag.endswith("timestamp")]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _ruamel_table(version: tuple[int, int]) -> Table:
    return {None: [(tag, rx) for versions, tag, rx, _ in implicit_resolvers if version in versions]}


_READ = [_pyyaml_table(timestamps=False)]
"""How strategykit's reader (``load``) takes a plain scalar: YAML 1.1, dates kept as text."""

_MISREAD = [_pyyaml_table(timestamps=True), _ruamel_table((1, 1)), _ruamel_table((1, 2))]
"""Every way a YAML reader could take a plain scalar for something else than text: these get quotes."""


def _plain_tag(value: str, tables: list[Table]) -> str:
    for table in tables:
        for tag, rx in table.get(value[:1] if value else "", []) + table.get(None, []):
            if rx.match(value):
                return tag
    return _STR


class _Resolver(VersionedResolver):
    table = _READ

    @property
    def processing_version(self) -> Any:
        return (1, 1)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            return Tag(suffix=_plain_tag(value, self.table))
        return super().resolve(kind, value, implicit)


class _WriteResolver(_Resolver):
    table = _MISREAD


class _Emitter(RoundTripEmitter):
    """Double quotes wherever quotes are needed: one quoting style in the whole file."""

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def _yaml(resolver: type) -> YAML:
    y = YAML(typ="rt")
    y.Resolver = resolver
    y.Emitter = _Emitter
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 100_000  # never re-wrap a line the author wrote
    y.preserve_quotes = False
    y.allow_unicode = True
    return y


# --- comments ---------------------------------------------------------------

@dataclass(frozen=True)
class Comment:
    """A comment as written: where it starts (line and column from 1), its text, and whether it
    stands inside a flow collection (``{…}`` or ``[…]``)."""

    line: int
    column: int
    text: str
    in_flow: bool = False


_BLOCK_HEADER = re.compile(r"(?:^|\s)[|>][-+0-9]*$")
_PROPERTIES = re.compile(r"(?:\s+[!&]\S*)+$")


def scan_comments(text: str) -> list[Comment]:
    """Every comment of a YAML text, found in the text itself: a ``#`` at the start of a line or
    after a space or tab, outside quotes and outside the lines of folded and literal texts."""
    found: list[Comment] = []
    quote: str | None = None  # the quote of a quoted text, which may go on over several lines
    depth = 0  # nesting of flow collections
    block: int | None = None  # a line of a folded or literal text is indented more than this
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" "))
        if block is not None:
            if not line.strip() or indent > block:
                continue
            block = None
        prev, spaced = None, True  # the last character outside quotes; whether a space followed it
        end, i = len(line), 0
        while i < len(line):
            ch = line[i]
            if quote is not None:
                if ch == quote == "'" and line[i + 1:i + 2] == "'":  # '' is a quote inside '…'
                    i += 2
                    continue
                if ch == quote:
                    quote, prev, spaced = None, ch, False
                i += 2 if ch == "\\" and quote == '"' else 1
                continue
            if ch == "#" and (i == 0 or line[i - 1] in " \t"):
                found.append(Comment(number, i + 1, line[i:].strip(), depth > 0))
                end = i
                break
            starts_node = prev is None or prev in "[{," or (prev in "-:?" and spaced)
            if ch in "\"'" and starts_node:
                quote = ch
            elif ch in "[{" and starts_node:
                depth += 1
            elif ch in "]}" and depth:
                depth -= 1
            if ch in " \t":
                spaced = True
            else:
                prev, spaced = ch, False
            i += 1
        code = line[:end].rstrip()
        header = _BLOCK_HEADER.search(code) if quote is None and depth == 0 else None
        if header:
            before = _PROPERTIES.sub("", code[:header.start()].rstrip())
            if before.endswith(":"):  # key: |  — the text is indented more than the key
                block = len(re.match(r" *(?:- +)*", line).group(0))
            elif before == "" or re.search(r"(?:^|\s)-$", before):  # - |  — more than the dash
                block = len(before) - 1 if before else indent - 1
    return found


def _is_block(value: Any) -> bool:
    return isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0 and not value.fa.flow_style()


def _tail(container: Any, key: Any) -> tuple[Any, Any, int]:
    """Where ruamel keeps the comments that follow ``container[key]``: (owner, key, slot)."""
    value = container[key]
    if _is_block(value):
        last = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        return _tail(value, last)
    return container, key, 2 if isinstance(container, CommentedMap) else 0


def _get(slot: tuple[Any, Any, int]) -> CommentToken | None:
    owner, key, i = slot
    entry = owner.ca.items.get(key)
    token = entry[i] if entry and len(entry) > i else None
    return token if isinstance(token, CommentToken) else None


def _set(slot: tuple[Any, Any, int], token: CommentToken | None) -> None:
    owner, key, i = slot
    entry = owner.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= i:
        entry.append(None)
    entry[i] = token
    if not any(entry):
        del owner.ca.items[key]


def _split(token: CommentToken | None) -> tuple[CommentToken | None, str, str]:
    """(token, the rest of the value's own line, the lines after it)."""
    if token is None:
        return None, "\n", ""
    text = token.value
    cut = text.find("\n") + 1 if "\n" in text else len(text)
    return token, text[:cut] or "\n", text[cut:]


def _reorder(mapping: CommentedMap, order: list[Any]) -> None:
    """Put the keys of ``mapping`` in ``order``; comments before a key move with it."""
    keys = list(mapping)
    parts = {k: _split(_get(_tail(mapping, k))) for k in keys}
    lead = {keys[i + 1]: parts[k][2] for i, k in enumerate(keys[:-1])}
    trailer = parts[keys[-1]][2]
    stray = lead.pop(order[0], "")  # a comment that stood before the new first key: keep it just after
    for k in order:
        mapping.move_to_end(k)
    for i, k in enumerate(order):
        token, own, _ = parts[k]
        after = (stray if i == 0 else "") + (lead.get(order[i + 1], "") if i + 1 < len(order) else trailer)
        text = own + after
        slot = _tail(mapping, k)
        if text.strip() == "" and text.count("\n") <= 1:
            _set(slot, None)
            continue
        if token is None:
            token = CommentToken(text, CommentMark(0), None)
        else:
            token.value = text
        _set(slot, token)


# --- canonical form ---------------------------------------------------------

def _resolve(schema: Any, root: dict) -> dict:
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and schema["$ref"].startswith("#/"):
        target: Any = root
        for part in schema["$ref"][2:].split("/"):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema if isinstance(schema, dict) else {}


def _needs_quotes(value: Any) -> bool:
    return isinstance(value, str) and not isinstance(value, (FoldedScalarString, LiteralScalarString)) \
        and _plain_tag(value, _MISREAD) != _STR


def comment_lines(text: str) -> list[int]:
    """The (0-based) lines that hold only a comment; lines of folded and literal texts are text."""
    lines = text.split("\n")
    return [c.line - 1 for c in scan_comments(text) if not lines[c.line - 1][:c.column - 1].strip()]


def _has_comment_inside(mapping: CommentedMap, comments: list[int]) -> bool:
    """Whether a comment line stands between the mapping's first and last key."""
    lines = [mapping.lc.key(k)[0] for k in mapping]
    first, last = min(lines), max(lines)
    i = bisect.bisect_right(comments, first)
    return i < len(comments) and comments[i] < last


def _canonical(node: Any, schema: Any, root: dict, comments: list[int]) -> None:
    schema = _resolve(schema, root)
    if isinstance(node, CommentedMap):
        props = schema.get("properties") or {}
        known = [k for k in props if k in node]
        order = known + [k for k in node if k not in props]
        if order != list(node) and not _has_comment_inside(node, comments):
            _reorder(node, order)
        extra = schema.get("additionalProperties")
        for k in list(node):
            _canonical(node[k], props.get(k, extra if isinstance(extra, dict) else {}), root, comments)
    elif isinstance(node, CommentedSeq):
        for item in node:
            _canonical(item, schema.get("items", {}), root, comments)
        if any(_needs_quotes(v) for v in node):
            for i, v in enumerate(node):
                if isinstance(v, str) and not isinstance(v, (FoldedScalarString, LiteralScalarString)):
                    node[i] = DoubleQuotedScalarString(v)


class FormatError(Exception):
    """The formatted text would not mean the same as the original; nothing is written. A bug."""


class CommentsWouldBeLost(FormatError):
    """Formatting would drop these comments of the original (a comment inside a ``{…}`` written
    on several lines, which fmt writes on one); nothing is written. The author can fix this."""

    def __init__(self, lost: list[Comment]):
        super().__init__("formatting would lose " + ", ".join(f"the comment on line {c.line}" for c in lost))
        self.lost = lost


def format_text(text: str) -> str:
    """The canonical form of a goals.yaml that loads (see ``load.parse_yaml``)."""
    data = _yaml(_Resolver).load(text)
    _canonical(data, load_schema(), load_schema(), comment_lines(text))
    out = io.StringIO()
    _yaml(_WriteResolver).dump(data, out)
    result = out.getvalue().rstrip("\n") + "\n"
    _verify(text, result)
    return result


def _verify(original: str, result: str) -> None:
    """Refuse a result that says something else than ``original``, or lacks or adds a comment."""
    old, _ = parse_yaml(original, "goals.yaml")
    new, problems = parse_yaml(result, "goals.yaml")
    if new is None or old is None or old.data != new.data:
        raise FormatError("formatting would change what goals.yaml says"
                          + (f" ({problems[0].message})" if problems else ""))
    written = scan_comments(original)
    before = collections.Counter(c.text for c in written)
    after = collections.Counter(c.text for c in scan_comments(result))
    missing = before - after
    if missing:
        # Of several comments with the same text, those inside a flow collection are the ones lost.
        lost = []
        for c in sorted(written, key=lambda c: (not c.in_flow, c.line)):
            if missing[c.text] > 0:
                missing[c.text] -= 1
                lost.append(c)
        raise CommentsWouldBeLost(sorted(lost, key=lambda c: c.line))
    if after != before:
        raise FormatError(f"formatting would add a comment: {next(iter(after - before))!r}")


@dataclass
class FmtResult:
    """``diagnostics``: why the file was not formatted; ``refused`` when it loads but formatting
    would lose comments (the diagnostics name them), else it did not load."""

    file: Path
    changed: bool = False
    diff: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    refused: bool = False

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def _lost(comment: Comment, display: str) -> Diagnostic:
    message = (_("strategy fmt would lose the comment {text}: it stands inside a {{…}} or […] that fmt writes "
                 "on one line.", text=repr(comment.text)) if comment.in_flow
               else _("strategy fmt would lose the comment {text}.", text=repr(comment.text)))
    return Diagnostic("fmt-comment-lost", Severity.ERROR, message,
                      Position(display, comment.line, comment.column),
                      _("Move the comment to its own line above the key, then run 'strategy fmt' again."))


def format_file(path: Path, display: str = "goals.yaml", *, check: bool = False,
                inside: Path | None = None) -> FmtResult:
    """Format ``path`` in place (through an atomic write), or with ``check`` only say what would change.

    A file that does not load is left untouched; the result carries the diagnostics. With
    ``inside`` (the strategy's folder), a link that leads out of it is neither read nor replaced.
    """
    path = Path(path)
    text, problems = read_text(path, display, inside=inside)
    if text is None:
        return FmtResult(path, diagnostics=problems)
    doc, problems = parse_yaml(text, display)
    if doc is None:
        return FmtResult(path, diagnostics=problems)
    try:
        formatted = format_text(text)
    except CommentsWouldBeLost as exc:
        return FmtResult(path, diagnostics=[_lost(c, display) for c in exc.lost], refused=True)
    original = path.read_bytes().decode("utf-8-sig")
    if formatted == original:
        return FmtResult(path)
    diff = "".join(difflib.unified_diff(
        original.replace("\r\n", "\n").splitlines(keepends=True), formatted.splitlines(keepends=True),
        fromfile=display, tofile=f"{display} (formatted)"))
    if not diff:
        diff = f"{display}: only line endings or the byte-order mark change\n"
    if not check:
        write_atomic(path, formatted.encode("utf-8"))
    return FmtResult(path, changed=True, diff=diff)
