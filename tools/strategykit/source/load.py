"""Reading source files: the only code that parses YAML, Markdown and CSV.

Every YAML node keeps its line and column, so that a diagnostic about
``/priorities/2/goals/1/targets`` can point at the line an author must edit.
The YAML reader is deliberately strict: safe tags only, duplicate keys are
errors, alias expansion is bounded, and no file is larger than it should be.
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
import csv
import functools
import io
import math
import re
from collections import abc
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Iterator, Mapping

import yaml

from strategykit.diagnostics import Diagnostic, Position, Severity
from strategykit.messages import _
from strategykit.speed import value

Path_ = tuple[str | int, ...]

_EMPTY: Mapping = MappingProxyType({})


def _empty() -> Mapping:
    return _EMPTY

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Far above any real strategy (the example is ~60 kB); stops a 50 MB paste from stalling CI."""

MAX_NODES = 200_000
"""Bound on YAML nodes after alias expansion: a 'billion laughs' file stops here."""

MAX_DEPTH = 60

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that keeps dates as text: the schema checks their form, and JSON has no date type."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null")}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters a text may not hold; tab and line feed are ordinary (CR is read as a line end)."""
_TAGGED_KINDS = {"int": _("a whole number"), "float": _("a number"), "bool": _("true or false"), "null": _("empty")}


@value
class SourceMap:
    """Where every node of one YAML file stands: read-only once the file is read (the model holds it)."""

    file: str
    values: Mapping[Path_, Position] = field(default_factory=_empty)
    keys: Mapping[Path_, Position] = field(default_factory=_empty)
    raw: Mapping[Path_, str] = field(default_factory=_empty)
    """The scalar as written, for nodes YAML turned into something else than text (``no`` → false)."""
    odd_characters: Mapping[Path_, str] = field(default_factory=_empty)
    """For each text with a character the built-in PDF fonts lack (``glyphs``), that character."""

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """The position of ``path``, or of its nearest ancestor that exists."""
        path = tuple(path)
        while True:
            if key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return Position(self.file, 1, 1)
            path = path[:-1]


class _Positions(abc.Mapping):
    """Where each node of one file stands, read-only; a ``Position`` is made when one is asked for.

    A file has thousands of nodes and a check asks for the places of a few (those it reports):
    the builder keeps each node's line and column, not a ``Position`` for every one.
    """

    __slots__ = ("_file", "_places")

    def __init__(self, file: str, places: dict[Path_, tuple[int, int]]):
        self._file, self._places = file, places

    def __getitem__(self, path: Path_) -> Position:
        line, column = self._places[path]
        return Position(self._file, line, column)

    def __contains__(self, path: object) -> bool:
        return path in self._places

    def __iter__(self):
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)

    def __repr__(self) -> str:
        return f"_Positions({self._file!r}, {len(self._places)} nodes)"


@dataclass
class _SourceDraft:
    """A ``SourceMap`` while the builder fills it in: (line, column) of each node's value and key."""

    file: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    odd_characters: dict[Path_, str] = field(default_factory=dict)

    def done(self) -> SourceMap:
        return SourceMap(self.file, _Positions(self.file, self.values), _Positions(self.file, self.keys),
                         MappingProxyType(self.raw), MappingProxyType(self.odd_characters))


@dataclass
class YamlDocument:
    """A YAML file as read: its data, and where each of its nodes stands."""

    data: object
    source: SourceMap


@value
class MarkdownHeading:
    """A heading of a chapter, with its level and line."""

    level: int
    text: str
    """The heading as written, without a trailing attribute list ('{#id}')."""
    line: int
    plain: str = ""
    """The text a reader sees (no markup), from which MkDocs and pandoc make the heading's anchor."""
    anchor: str | None = None
    """The id given explicitly in an attribute list: '## Mål {#mal}' → 'mal'."""


@value
class MarkdownImage:
    """An image of a chapter as written: its alt text, its target, and where it starts."""

    alt: str
    target: str
    line: int
    column: int


@value
class MarkdownLink:
    """A link as written, inline (``[text](target)``) or by reference (``[text][ref]``)."""

    target: str
    line: int
    column: int = 1


@value
class MarkdownHtml:
    """Raw HTML as CommonMark sees it: a block, or a tag in running text (at its paragraph's first line)."""

    text: str
    line: int


@value
class MarkdownBraces:
    """A line of running text (not code) with a '{', where Python-Markdown's attr_list may read attributes."""

    text: str
    line: int


@value
class MarkdownExtreme:
    """The largest value of a measure of a chapter's structure, and where it is first reached."""

    value: int = 0
    line: int = 1
    column: int = 1


@value
class MarkdownFile:
    """A chapter as read once (``parse_markdown``): its text and outline as plain immutable values,
    which the model keeps and the rules, the outline and the editions read; no parser object."""

    file: str
    text: str
    headings: tuple[MarkdownHeading, ...]
    images: tuple[MarkdownImage, ...]
    links: tuple[MarkdownLink, ...] = ()
    block_depth: MarkdownExtreme = MarkdownExtreme()
    """Block quotes and lists inside one another (the engines recurse on them)."""
    bracket_depth: MarkdownExtreme = MarkdownExtreme()
    """Square brackets open at once in one paragraph, unclosed ones included; placed at the outermost."""
    backtick_run: MarkdownExtreme = MarkdownExtreme()
    """The longest run of backticks in running text."""
    angle_count: MarkdownExtreme = MarkdownExtreme()
    """The most '<' in one paragraph; the place is that of the paragraph."""
    html: tuple[MarkdownHtml, ...] = ()
    braces: tuple[MarkdownBraces, ...] = ()

    @property
    def title(self) -> str | None:
        for h in self.headings:
            if h.level == 1:
                return h.text
        return None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufeff]")
"""Control characters and U+FEFF inside a text; tab, line ends and page break (form feed) are text."""
"""C0 and C1 control characters other than tab, line feed and carriage return: no font shows them. Also
U+FEFF inside a text (a byte-order mark at the start of a file is dropped when it is read), which
the PDF's standard (PDF/UA) forbids."""
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def find_control_character(text: str) -> tuple[int, int] | None:
    """The offset and code point of the first control character in ``text``, written as itself or as
    a numeric character reference (``&#x1D;``, which Markdown turns into the character), or None."""
    found = []
    m = _CONTROL.search(text)
    if m:
        found.append((m.start(), ord(m.group())))
    if "&#" in text:
        for ref in _NUMERIC_REFERENCE.finditer(text):
            code = int(ref.group(1), 16) if ref.group(1) else int(ref.group(2))
            if code < 0x110000 and _CONTROL.match(chr(code)):
                found.append((ref.start(), code))
                break
    return min(found) if found else None


class _LoadError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _error(code: str, message: str, pos: Position, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, pos, hint)


_RESOLVED: contextvars.ContextVar[dict[Path, Path | None] | None] = contextvars.ContextVar("resolved", default=None)


@contextlib.contextmanager
def one_snapshot() -> Iterator[None]:
    """Within the block, each path's real place is looked up once (``real_path``).

    A check reads the strategy's folder as it is at one moment, and asks where its folders really
    are once for every file it reads: about 180 lookups for the example, each a system call per
    part of the path. The next block (the next check of the live preview) looks them up anew.
    """
    if _RESOLVED.get() is not None:
        yield
        return
    token = _RESOLVED.set({})
    try:
        yield
    finally:
        _RESOLVED.reset(token)


def real_path(path: Path) -> Path | None:
    """``path`` with every link followed, or None when it has no real place (a link loop, a NUL byte)."""
    known = _RESOLVED.get()
    if known is not None and path in known:
        return known[path]
    try:
        real: Path | None = Path(path).resolve()
    except (OSError, RuntimeError, ValueError):
        real = None
    if known is not None:
        known[path] = real
    return real


def is_inside(path: Path, *folders: Path) -> bool:
    """True when the file ``path`` really lies inside each of ``folders``, once every link is followed.

    The one test for 'this source file belongs to the strategy': a link that points out of
    the repository (goals.yaml → /etc/passwd) fails it, and such a file is never read, so
    that no diagnostic can quote a file of the machine that runs the check.
    """
    real = real_path(path)
    if real is None:
        return False
    for folder in folders:
        base = real_path(folder)
        if base is None or not real.is_relative_to(base) or real == base:
            return False
    return True


def outside_diagnostic(display: str, code: str = "file-outside-folder",
                       where: str | None = None) -> Diagnostic:
    return _error(code, _("'{display}' is a link to a file outside {where}; it was not read.",
                          display=display, where=where if where is not None else _("the strategy's folder")),
                  Position(display), _("Copy the file here instead of linking to it."))


def read_text(path: Path, display: str, *, inside: Path | None = None) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 text file (a BOM is allowed, CRLF is fine) or say plainly why not.

    With ``inside`` (the strategy's folder), a file whose real place is outside it is
    refused unread: see ``is_inside``.
    """
    if "\0" in str(path):
        return None, [_error("file-missing", _("The file name contains a NUL character, which no file name can hold."),
                             Position(display.replace("\0", "\\0")), _("Correct the file name."))]
    if inside is not None and not is_inside(path, inside):
        return None, [outside_diagnostic(display)]
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [_error(
                "file-too-large",
                _("The file is {value} MB; files larger than {value2} MB are not read.",
                  value=format(size / 1_048_576, ".1f"), value2=MAX_FILE_BYTES // 1_048_576),
                Position(display, 1, 1),
                _("A strategy file is normally well under 1 MB. Check that nothing was pasted into it by mistake."),
            )]
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [_error("file-missing", _("The file does not exist."), Position(display),
                             _("Create it, or correct the path that points to it."))]
    except IsADirectoryError:
        return None, [_error("file-missing", _("This is a folder, not a file."), Position(display))]
    except (OSError, ValueError) as exc:
        return None, [_error("file-unreadable", _("The file cannot be read: {strerror}.",
                                                  strerror=getattr(exc, "strerror", None) or str(exc)),
                             Position(display))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [_error(
            "invalid-encoding",
            _("The file is not valid UTF-8 (byte 0x{value} at this place).", value=format(raw[exc.start], "02x")),
            Position(display, line, column),
            _("Save the file as UTF-8. In most editors: 'Save with encoding' → UTF-8."),
        )]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


# --- YAML -------------------------------------------------------------------

def _plain_yaml_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, str]:
    """Turn a YAML parser message into plain words and a fix hint."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark
    char = ""
    if mark is not None:
        lines = text.split("\n")
        if mark.line < len(lines) and mark.column < len(lines[mark.line]):
            char = lines[mark.line][mark.column]
    if char == "\t" or "'\\t'" in problem:
        return (_("A tab character is used here; YAML indentation must use spaces."),
                _("Replace the tab with spaces (two per level, as in the rest of the file)."))
    if "found unexpected end of stream" in problem or "quoted scalar" in context:
        return (_("A quoted text is not closed: the closing quote is missing."),
                _("Add the closing quote (\" or ') at the end of the text."))
    if "flow sequence" in context or "flow mapping" in context:
        opening, closing = ("[", "]") if "sequence" in context else ("{", "}")
        message = (_("The list in [ ] that starts here is not closed, or an item in it is broken.")
                   if opening == "[" else
                   _("The mapping in {{ }} that starts here is not closed, or an item in it is broken."))
        return (message,
                _("Add the closing '{closing}' after the last item, separate the items with commas, and quote "
                  "an item that itself contains ',', '{opening}' or '{closing}'.", opening=opening, closing=closing))
    if "mapping values are not allowed" in problem:
        return (_("A colon followed by a space appears where YAML did not expect one."),
                _("Text that contains ': ' must be quoted, e.g. title: \"Mål: fler jobb\". "
                  "Otherwise check the indentation of this line."))
    if "could not find expected ':'" in problem:
        return (_("A line was expected to be 'key: value' but has no colon."),
                _("Add the missing colon, or check whether a quote earlier was left open."))
    if "expected <block end>" in problem or "did not find expected '-' indicator" in problem \
            or "expected <block mapping start>" in problem:
        return (_("The indentation is not consistent here."),
                _("Indent this line exactly like the other keys at the same level (spaces only)."))
    if "found undefined alias" in problem or "found undefined anchor" in problem:
        return (_("An alias (*name) refers to an anchor (&name) that is not defined."),
                _("Define the anchor first, or write the value out in full."))
    if "did not find expected key" in problem:
        return (_("A key was expected here; the indentation or a list item is off."),
                _("Check that list items start with '- ' and keys line up with their siblings."))
    message = problem[:1].upper() + problem[1:] if problem else _("The YAML cannot be read.")
    if context:
        message = f"{message} ({context})"
    return (message.rstrip(".") + ".", _("Compare the line with its neighbours; the mistake is often just before the marked place."))


_BARE_KEY = re.compile(r"([ ]*)([A-Za-z_][\w.-]*)[ ]+(\S.*)$")


def _key_without_colon(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str, str] | None:
    """Line, column, key and value of a 'key value' line that lacks its colon.

    YAML notices the missing colon only on the next line (it reads the line as the
    start of a longer text), so the author would be sent to a line that is fine.
    """
    lines = text.split("\n")
    problem, context = exc.problem or "", exc.context or ""
    if "could not find expected ':'" in problem and "simple key" in context and exc.context_mark is not None:
        number = exc.context_mark.line
    elif ("mapping values are not allowed" in problem or "expected <block end>" in problem
          or "did not find expected key" in problem) \
            and exc.problem_mark is not None \
            and re.match(r"[ ]*(?:- )?[A-Za-z_][\w.-]*[ ]+[{\[]", lines[exc.problem_mark.line]
                         if exc.problem_mark.line < len(lines) else ""):
        # 'target {year: …}': the flow mapping's own colons come too early; 'frameworks {nrs: […]}'
        # after a sibling key: YAML reads a key up to the closing bracket and stumbles there
        number = exc.problem_mark.line
    elif "mapping values are not allowed" in problem and exc.problem_mark is not None:
        here = lines[exc.problem_mark.line] if exc.problem_mark.line < len(lines) else ""
        indent = len(here) - len(here.lstrip(" "))
        number = exc.problem_mark.line - 1
        while number >= 0 and (not lines[number].strip() or lines[number].lstrip().startswith("#")):
            number -= 1
        previous = lines[number] if number >= 0 else ""
        item = re.match(r"[ ]*- ", previous)  # '- id x' is a key of the item, as deep as the keys below it
        if number < 0 or (item.end() if item else len(previous) - len(previous.lstrip(" "))) != indent:
            return None
    else:
        return None
    line = lines[number].split(" #", 1)[0].rstrip() if 0 <= number < len(lines) else ""
    item = re.match(r"([ ]*)- ", line)
    match = _BARE_KEY.match(" " * item.end() + line[item.end():] if item else line)
    if match is None or (re.search(r":(?: |$)", match.group(3)) and match.group(3)[:1] not in "{["):
        return None
    return number + 1, len(match.group(1)) + 1, match.group(2), match.group(3)


def _unclosed_quote_before(text: str, error_line: int, reach: int = 8) -> tuple[int, int] | None:
    """The line and column of an unbalanced double quote at or shortly before a syntax error.

    An unclosed quote makes YAML read on into the following lines and fail further
    down; the author's mistake is where the quote opened.
    """
    lines = text.split("\n")
    for number in range(min(error_line, len(lines)), max(error_line - reach, 0), -1):
        line = lines[number - 1]
        body = line.split(" #", 1)[0]
        quotes = [i for i, ch in enumerate(body) if ch == '"' and (i == 0 or body[i - 1] != "\\")]
        if len(quotes) % 2 == 1:
            return number, quotes[0] + 1
    return None


_KEY_LINE = re.compile(r"\n[ ]*(?:- )?[A-Za-z_][\w.-]*:(?: |\n|$)")


def _quote_that_swallowed_lines(text: str, error_line: int) -> tuple[int, int] | None:
    """The start of a double-quoted text that ran over key lines up to a syntax error.

    A quote left open on one line is closed by the next quote YAML finds, often the
    opening quote of a later value several lines down; the text in between (key
    lines included) becomes one value and the error shows up far below the mistake.
    A quoted text that spans lines and contains what looks like 'key: value' lines is
    that mistake; its opening quote is where the author must look.
    """
    found = None
    try:
        for token in yaml.scan(text, Loader=_BaseLoader):
            if token.start_mark.line + 1 > error_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style == '"' \
                    and token.end_mark.line > token.start_mark.line:
                written = text[token.start_mark.index:token.end_mark.index]
                found = token if _KEY_LINE.search(written) else found
    except yaml.YAMLError:
        pass
    if found is None:
        return None
    return found.start_mark.line + 1, found.start_mark.column + 1


def _pos(source: _SourceDraft, mark: yaml.Mark) -> Position:
    return Position(source.file, mark.line + 1, mark.column + 1)


def _node_label(node: yaml.Node) -> str:
    return {yaml.ScalarNode: _("value"), yaml.SequenceNode: _("list"),
            yaml.MappingNode: _("mapping")}[type(node)]


class _Builder:
    """Turns a composed YAML node graph into plain data, recording positions."""

    def __init__(self, loader: _Loader, source: _SourceDraft):
        self.loader = loader
        self.source = source
        self.count = 0

    def build(self, node: yaml.Node, path: Path_ = (), depth: int = 0) -> object:
        self.count += 1
        if self.count > MAX_NODES:
            # Point at the top-level entry that exploded, not at the anchor it repeats.
            first = self.source.keys.get(path[:1]) if path else None
            where = Position(self.source.file, *first) if first else None
            raise _LoadError(_error(
                "yaml-too-large",
                _("The YAML expands to more than {MAX_NODES} values (anchors and aliases multiply it).",
                  MAX_NODES=format(MAX_NODES, ",")),
                where or _pos(self.source, node.start_mark),
                _("Write the values out instead of nesting aliases; a strategy never needs this many."),
            ))
        if depth > MAX_DEPTH:
            raise _LoadError(_error(
                "yaml-too-deep", _("The YAML is nested more than {MAX_DEPTH} levels deep.", MAX_DEPTH=MAX_DEPTH),
                _pos(self.source, node.start_mark), _("Check the indentation of this part of the file.")))
        mark = node.start_mark
        self.source.values.setdefault(path, (mark.line + 1, mark.column + 1))
        tag = node.tag or ""
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            if tag != _TAG + "seq":
                raise self._bad_tag(node)
            return [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        if tag != _TAG + "map":
            raise self._bad_tag(node)
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _LoadError(_error(
                    "yaml-syntax", _("A {kind} is used as a key; keys must be plain names.",
                                     kind=_node_label(key_node)),
                    _pos(self.source, key_node.start_mark), _("Write the key as a simple name followed by a colon.")))
            key = key_node.value
            self._refuse_control_characters(key_node, key)
            if key == "<<":
                raise _LoadError(_error(
                    "yaml-syntax", _("YAML merge keys (<<) are not supported."),
                    _pos(self.source, key_node.start_mark), _("Write the keys out in full.")))
            if key in result:
                first_line = self.source.keys[path + (key,)][0]
                raise _LoadError(_error(
                    "duplicate-key",
                    _("The key '{key}' appears twice in the same mapping (first at line {line}). YAML would silently keep only the last one.",
                      key=key, line=first_line),
                    _pos(self.source, key_node.start_mark),
                    _("Remove one of the two '{key}' entries, or merge them.", key=key),
                ))
            mark = key_node.start_mark
            self.source.keys[path + (key,)] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    def _bad_tag(self, node: yaml.Node) -> _LoadError:
        shown = "!!" + node.tag[len(_TAG):] if node.tag.startswith(_TAG) else node.tag
        return _LoadError(_error(
            "unsafe-tag",
            _("The tag '{shown}' is not allowed; only plain text, numbers, lists and mappings are read.", shown=shown),
            _pos(self.source, node.start_mark),
            _("Remove the tag (the word starting with '!')."),
        ))

    def _refuse_control_characters(self, node: yaml.ScalarNode, text: str) -> None:
        """A control character (written as an escape such as "\\0" or "\\x1b") in a text or a key.

        YAML's reader refuses them typed raw, but an escape in double quotes makes one. No
        strategy text needs them; a NUL ends a file name, others break the PDF or a terminal.
        """
        found = find_control_character(text)  # also as a reference (&#x1D;), which Markdown turns into one
        if found is None:
            return
        raise _LoadError(_error(
            "control-character",
            _("The text contains the invisible control character U+{code:04X}"
              " (usually written as an escape after a backslash, or as &#x…;).", code=found[1]),
            _pos(self.source, node.start_mark),
            _("Remove the backslash escape (\\0, \\x…, \\u…) from the text; write line breaks as new lines "
              "of a '|' block."),
        ))

    def _bad_tagged_value(self, node: yaml.ScalarNode) -> _LoadError:
        kind = node.tag[len(_TAG):]
        what = _TAGGED_KINDS.get(kind, kind)
        shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
        return _LoadError(_error(
            "invalid-tagged-value",
            _("The tag '!!{kind}' says this value is {what}, but {shown} is not.",
              kind=kind, what=what, shown=repr(shown)),
            _pos(self.source, node.start_mark),
            _("Remove the tag '!!{kind}' (YAML reads numbers, true and false without it), or correct the value.",
              kind=kind),
        ))

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> object:
        if node.tag not in _SCALAR_TAGS:
            raise self._bad_tag(node)
        try:
            # the constructor YAML's construct_object would pick for this tag, without its bookkeeping
            # for collections and aliases, which a scalar does not need
            value = self.loader.yaml_constructors[node.tag](self.loader, node)
        except (ValueError, KeyError, IndexError, TypeError, OverflowError, yaml.YAMLError):
            # Only an explicit tag ('!!int "x"') gets here: YAML's own guess never picks a type the text does not fit.
            raise self._bad_tagged_value(node) from None
        if value is None and node.tag == _TAG + "null" and node.value.strip() not in ("", "~", "null", "Null", "NULL"):
            raise self._bad_tagged_value(node)
        if isinstance(value, str) and not value.isascii():
            from strategykit.source.glyphs import first_missing

            at = first_missing(value)
            if at is not None:
                self.source.odd_characters[path] = value[at]
        if node.tag != _TAG + "str":
            self.source.raw[path] = node.value
        if isinstance(value, str):
            self._refuse_control_characters(node, value)
        if isinstance(value, float) and not math.isfinite(value):
            raise _LoadError(_error(
                "invalid-number", _("'{value}' is not a finite number.", value=node.value),
                _pos(self.source, node.start_mark), _("Write an ordinary number, or leave the value out.")))
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**15:
            raise _LoadError(_error(
                "invalid-number", _("The number {value} is too large to be a statistic.", value=node.value),
                _pos(self.source, node.start_mark), _("Check for a typo in the number.")))
        return value


def parse_yaml(text: str, display: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    source = _SourceDraft(display)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            if exc.context_mark is not None and any(
                    what in (exc.context or "") for what in ("quoted scalar", "flow sequence", "flow mapping")):
                mark = exc.context_mark  # the opening quote or bracket is where the author must look
            message, hint = _plain_yaml_problem(exc, text)
            line = mark.line + 1 if mark else 1
            column = mark.column + 1 if mark else 1
            bare_key = _key_without_colon(text, exc)
            open_quote = None if bare_key else (
                _unclosed_quote_before(text, line) or _quote_that_swallowed_lines(text, line))
            if bare_key is not None:
                line, column, key, value = bare_key
                message, hint = (_("The key '{key}' has no colon after it.", key=key),
                                 _("A colon is missing after the key: write {key}: {value}", key=key, value=value))
            elif open_quote is not None:
                line, column = open_quote
                message, hint = (_("A quoted text that starts here is not closed on its line."),
                                 _("Add the closing quote at the end of the text; YAML otherwise reads on into the next lines."))
            code = "duplicate-anchor" if "anchor" in (exc.problem or "") and "found duplicate" in (exc.problem or "") else "yaml-syntax"
            return None, [_error(code, message, Position(display, line, column), hint)]
        except yaml.YAMLError as exc:  # reader errors (control characters) carry no mark
            return None, [_error("yaml-syntax", _("The YAML cannot be read: {exc}.", exc=exc), Position(display, 1, 1))]
        except RecursionError:
            return None, [_error("yaml-too-deep", _("The YAML is nested too deeply to read."),
                                 Position(display, 1, 1))]
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null" and not node.value):
            return None, [_error("empty-file", _("The file has no content (only comments or nothing)."),
                                 Position(display, 1, 1),
                                 _("Start from the example goals.yaml, or run 'strategy new' to get a skeleton."))]
        try:
            data = _Builder(loader, source).build(node)
        except _LoadError as exc:
            return None, [exc.diagnostic]
        except RecursionError:
            return None, [_error("yaml-too-deep", _("The YAML is nested too deeply to read."), Position(display, 1, 1))]
        return YamlDocument(data, source.done()), []
    finally:
        loader.dispose()


def load_yaml(path: Path, display: str, *, inside: Path | None = None) -> tuple[YamlDocument | None, list[Diagnostic]]:
    text, problems = read_text(path, display, inside=inside)
    if text is None:
        return None, problems
    return parse_yaml(text, display)


# --- Markdown ---------------------------------------------------------------

_HEADING_ATTRIBUTES = re.compile(r"[ \t]+\{:?[ \t]*([^}\n]*?)[ \t]*\}[ \t]*$")
"""A trailing '{#id .class}' (attr_list in MkDocs, header_attributes in pandoc)."""
_ATTRIBUTE_ID = re.compile(r"(?:^|\s)#([^\s}]+)")


def _located(inline_rule):
    """An inline rule that also notes where, in the inline text, the link or image it makes starts.

    markdown-it keeps only the line range of a block; the rules need the column too.
    """
    def rule(state, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not inline_rule(state, silent):
            return False
        if not silent:
            for token in state.tokens[count:]:
                if token.type in ("image", "link_open"):
                    token.meta["start"] = start
                    break
        return True
    return rule


@functools.lru_cache(maxsize=None)
def _markdown_parser():
    """CommonMark (markdown-it-py) that sees every link and image as written, dangerous ones included.

    Inline parsing is left to ``parse_markdown``, which runs it only where a link, an
    image or a heading can be: most paragraphs of prose hold none.
    """
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import autolink, image, link

    # Deep enough to see past the nesting limits the rules set (rules/limits.py), which
    # CommonMark's default of 20 levels, two per list, would hide.
    md = MarkdownIt("commonmark", {"maxNesting": 48}).disable("inline")
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    for name, fn in (("link", link), ("image", image), ("autolink", autolink)):
        md.inline.ruler.at(name, _located(fn))
    return md


def _plain(children) -> str:
    out = []
    for child in children:
        if child.type in ("text", "text_special", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


def _source_column(lines: list[str], line: int, content_line: str, offset: int) -> int:
    """The column in the file of ``offset`` in one line of a block's text.

    markdown-it strips a block's markers (indentation, '> ', '## ') and trailing
    spaces from its text; the text is found again in the file's line.
    """
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    stripped = source.rstrip()
    if content_line and stripped.endswith(content_line):
        base = len(stripped) - len(content_line)
    else:
        base = source.find(content_line) if content_line else -1
        if base < 0:
            base = len(source) - len(source.lstrip())
    return base + offset + 1


def parse_markdown(text: str, display: str) -> MarkdownFile:
    """Read the outline of a chapter: its headings, images and links, with their places.

    CommonMark as markdown-it-py reads it, so that every kind of heading (ATX and
    setext) and of image and link (inline and by reference) is seen, and nothing in
    code. Only what rules and renderers need to know about; the prose itself is
    rendered by MkDocs and pandoc, which own Markdown.
    """
    md = _markdown_parser()
    env: dict = {}
    tokens = md.parse(text, env)
    lines = text.split("\n")
    headings: list[MarkdownHeading] = []
    images: list[MarkdownImage] = []
    links: list[MarkdownLink] = []
    html: list[MarkdownHtml] = []
    braces: list[MarkdownBraces] = []
    heading_level = 0
    depth = 0
    extremes = {"block": MarkdownExtreme(), "bracket": MarkdownExtreme(), "backtick": MarkdownExtreme(),
                "angle": MarkdownExtreme()}
    for token in tokens:
        if token.type in _CONTAINERS_OPEN:
            depth += 1
            if depth > extremes["block"].value:
                extremes["block"] = MarkdownExtreme(depth, (token.map[0] + 1) if token.map else 1, 1)
            continue
        if token.type in _CONTAINERS_CLOSE:
            depth -= 1
            continue
        if token.type == "heading_open":
            heading_level = int(token.tag[1:])
            continue
        if token.type == "html_block":
            html.append(MarkdownHtml(token.content, token.map[0] + 1 if token.map else 1))
            continue
        if token.type != "inline" or not token.map:
            continue
        content = token.content
        if "{" in content:
            braces += [MarkdownBraces(text, token.map[0] + 1 + offset)
                       for offset, text in enumerate(content.split("\n")) if "{" in text]
        if "[" in content or "`" in content or "<" in content:
            if _measure_marks(content, token.map[0] + 1, lines, extremes) > UNREAD_BRACKET_DEPTH:
                heading_level = 0
                continue  # the nesting rule refuses it; markdown-it's link search would take hours
        if not heading_level and "[" not in content and "<" not in content:
            continue  # no link or image can be in it
        children = md.inline.parse(content, md, env, [])
        first = token.map[0] + 1
        if heading_level:
            written, plain, anchor = content.strip(), _plain(children).strip(), None
            attributes = _HEADING_ATTRIBUTES.search(written)
            if attributes:
                written = written[: attributes.start()].rstrip()
                plain = _HEADING_ATTRIBUTES.sub("", plain).rstrip()
                found = _ATTRIBUTE_ID.search(attributes.group(1))
                anchor = found.group(1) if found else None
            headings.append(MarkdownHeading(heading_level, written, first, plain, anchor))
            heading_level = 0
        breaks: list[int] | None = None
        bases: dict[int, int] = {}
        for k, child in enumerate(children):
            if child.type == "html_inline":
                html.append(MarkdownHtml(child.content, first))
                continue
            if child.type not in ("image", "link_open"):
                continue
            if child.type == "link_open" and k + 1 < len(children) and children[k + 1].content.startswith("^"):
                continue  # '[^1]' is a footnote to pandoc and MkDocs, though CommonMark may see a link
            if breaks is None:
                breaks = [m.start() for m in re.finditer("\n", content)]
            start = child.meta.get("start", 0)
            row = bisect.bisect_left(breaks, start)
            line_start = breaks[row - 1] + 1 if row else 0
            line = first + row
            if row not in bases:
                line_end = breaks[row] if row < len(breaks) else len(content)
                bases[row] = _source_column(lines, line, content[line_start:line_end], 0)
            column = bases[row] + start - line_start
            if child.type == "image":
                images.append(MarkdownImage(_plain(child.children or []).strip(),
                                            str(child.attrGet("src") or ""), line, column))
            else:
                links.append(MarkdownLink(str(child.attrGet("href") or ""), line, column))
    return MarkdownFile(display, text, tuple(headings), tuple(images), tuple(links), extremes["block"],
                        extremes["bracket"], extremes["backtick"], extremes["angle"], tuple(html), tuple(braces))


_CONTAINERS_OPEN = frozenset({"blockquote_open", "bullet_list_open", "ordered_list_open"})
_CONTAINERS_CLOSE = frozenset({"blockquote_close", "bullet_list_close", "ordered_list_close"})
_MARKS = re.compile(r"\\.|\[|\]|`+", re.DOTALL)


UNREAD_BRACKET_DEPTH = 32
"""A paragraph with brackets nested deeper is not searched for links: markdown-it's search is
quadratic in the unclosed brackets (5 MB of '[' took minutes), and such a chapter is refused anyway."""


def _measure_marks(content: str, first: int, lines: list[str], extremes: dict[str, MarkdownExtreme]) -> int:
    """Note in ``extremes`` how deep the brackets of one paragraph go, its longest run of backticks and
    how many '<' it holds; return the bracket depth.

    Escaped marks do not count: pandoc and Python-Markdown read them as text.
    """
    def place(offset: int) -> tuple[int, int]:
        row = content.count("\n", 0, offset)
        line_start = content.rfind("\n", 0, offset) + 1
        line_end = content.find("\n", offset)
        line_text = content[line_start: line_end if line_end >= 0 else len(content)]
        return first + row, _source_column(lines, first + row, line_text, offset - line_start)

    depth = deepest = deepest_at = longest = longest_at = outermost = 0
    for m in _MARKS.finditer(content):
        mark = m.group()
        if mark == "[":
            depth += 1
            if depth == 1:
                outermost = m.start()
            if depth > deepest:
                deepest, deepest_at = depth, outermost
        elif mark == "]":
            depth = max(0, depth - 1)
        elif mark[0] == "`" and len(mark) > longest:
            longest, longest_at = len(mark), m.start()
    if deepest > extremes["bracket"].value:
        extremes["bracket"] = MarkdownExtreme(deepest, *place(deepest_at))
    if longest > extremes["backtick"].value:
        extremes["backtick"] = MarkdownExtreme(longest, *place(longest_at))
    angles = content.count("<")
    if angles > extremes["angle"].value:
        extremes["angle"] = MarkdownExtreme(angles, *place(content.find("<")))
    return deepest


def control_characters(text: str, display: str) -> list[Diagnostic]:
    """The first control character in a text file (tab, line and page ends aside), where it is.

    They come with text pasted from a PDF or a word processor, are invisible in an editor, and
    break the editions (Typst refuses them in a PDF/UA document) or a reader's terminal.
    """
    found = _CONTROL.search(text.replace("\f", " "))
    if found is None:
        return []
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return [_error("control-character",
                   _("The file contains the invisible control character U+{code:04X} here.",
                     code=ord(found.group())),
                   Position(display, line, column),
                   _("Delete it (place the cursor just after it and press Backspace); it usually comes with "
                     "text pasted from a PDF or a word processor."))]


def load_markdown(path: Path, display: str, *, inside: Path | None = None) -> tuple[MarkdownFile | None, list[Diagnostic]]:
    text, problems = read_text(path, display, inside=inside)
    if text is None:
        return None, problems
    return parse_markdown(text, display), []  # control characters: the rule control-character says where


# --- CSV --------------------------------------------------------------------

@value
class CsvCell:
    """One cell as written (surrounding spaces kept), and where it starts."""

    text: str
    line: int
    column: int


@dataclass
class CsvRow:
    """One data row of a CSV file: its line and its cells."""

    line: int
    cells: list[CsvCell]


@dataclass
class CsvTable:
    """A CSV file read as text: the header row, the data rows, and every cell's position.

    Values stay text here; what they mean (a year, a number) is the model's and the
    rules' business, so that a rule can point at the cell that does not parse.
    """

    file: str
    header: list[CsvCell]
    rows: list[CsvRow]

    @functools.cached_property
    def columns(self) -> dict[str, int]:
        """Column name (trimmed, lower case) → index; the first wins if a name repeats.

        Computed once: rules ask for it on every cell, ~200,000 times on a large strategy.
        """
        out: dict[str, int] = {}
        for i, cell in enumerate(self.header):
            out.setdefault(cell.text.strip().lower(), i)
        return out

    def cell(self, row: CsvRow, name: str) -> CsvCell | None:
        i = self.columns.get(name)
        if i is None or i >= len(row.cells):
            return None
        return row.cells[i]


def _field_starts(lines: list[str], first_line: int) -> list[tuple[int, int]]:
    """Line and column where each comma-separated field of the record on ``first_line`` starts.

    The csv module parses the record; this walks the same characters only to find
    where its fields begin, honouring quotes (a quoted field may hold commas and
    line breaks, and "" inside it is an escaped quote).
    """
    starts = [(first_line, 1)]
    quoted = just_closed = False
    field_start = True
    for line in range(first_line, len(lines) + 1):
        text = lines[line - 1]
        for index, ch in enumerate(text):
            column = index + 1
            if quoted:
                if ch == '"':
                    quoted, just_closed = False, True
                continue
            if ch == '"' and (field_start or just_closed):
                quoted, just_closed, field_start = True, False, False
                continue
            just_closed = False
            if ch == ",":
                starts.append((line, column + 1))
                field_start = True
                continue
            field_start = False
        if not quoted:
            break
    return starts


def parse_csv(text: str, display: str) -> tuple[CsvTable | None, list[Diagnostic]]:
    """Read comma-separated values with a header row; blank lines are skipped."""
    lines = text.split("\n")
    header_line = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_line is not None and ";" in lines[header_line] and "," not in lines[header_line]:
        # Excel with Swedish settings saves 'CSV' with semicolons; every cell would be wrong, say it once.
        return None, [_error(
            "csv-separator", _("The values are separated by semicolons; a data file separates them with commas."),
            Position(display, header_line + 1, lines[header_line].index(";") + 1),
            _("In Excel choose 'CSV UTF-8 (comma delimited)' when saving, or replace each ';' with ',' (and write decimals with a point: 45.3)."))]
    reader = csv.reader(io.StringIO(text), strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for fields in reader:
            if fields and not (len(fields) == 1 and not fields[0].strip()):
                records.append((start, fields))
            start = reader.line_num + 1
    except csv.Error as exc:
        message = str(exc)
        if "expected after" in message or "unexpected end of data" in message:
            plain = _("A quoted value is not closed, or a quote inside a quoted value is not doubled.")
            hint = _('Close the quote, or write a quote inside a quoted value as two quotes: "".')
        else:
            plain = _("The CSV cannot be read: {message}.", message=message)
            hint = _("Compare the line with its neighbours; a stray quote or a control character is the usual cause.")
        return None, [_error("csv-syntax", plain, Position(display, start, 1), hint)]
    if not records:
        return None, [_error("empty-file", _("The file has no content."), Position(display, 1, 1),
                             _("Start with the header row: year,value,breakdown,provenance,source,retrieved"))]
    header: list[CsvCell] = []
    rows: list[CsvRow] = []
    for first_line, fields in records:
        starts = _field_starts(lines, first_line)
        cells = [CsvCell(value, *(starts[i] if i < len(starts) else starts[-1]))
                 for i, value in enumerate(fields)]
        if not header:
            header = cells
        else:
            rows.append(CsvRow(first_line, cells))
    return CsvTable(display, header, rows), []


def load_csv(path: Path, display: str, *, inside: Path | None = None) -> tuple[CsvTable | None, list[Diagnostic]]:
    text, problems = read_text(path, display, inside=inside)
    if text is None:
        return None, problems
    table, problems = parse_csv(text, display)
    return table, problems + (control_characters(text, display) if table is not None else [])
