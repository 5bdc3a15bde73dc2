"""Frameworks a strategy's goals contribute to: Agenda 2030 and the national strategy for
sustainable regional development 2021–2030, each with its parts and its source, and any
framework a strategy declares itself (goals.yaml ``frameworks:``).

A goal links to parts of a framework by the framework's id: ``frameworks: {nrs: ["2"]}``;
Agenda 2030 keeps its own key, ``agenda2030:``, where a target ("8.5") counts towards its goal ("8").
A framework's parts may hold parts of their own (a strategic area and its priorities); a goal linked
to a part counts towards the parts above it too.

The toolkit ships a framework as one file ``data/framework.<id>.json``. A strategy that needs one
the toolkit lacks, or a fuller one (the priorities within the national strategy's areas, as the
region has read them in the published text), declares it in goals.yaml; a declared framework
replaces the shipped one of the same id.
"""

from __future__ import annotations

import functools
from functools import lru_cache
from typing import Any, Iterable, Iterator

from strategykit.source.frameworks import framework_files
from strategykit.speed import value


def _text(value, language: str) -> str:
    """A text given once for every language, or per language (falling back to Swedish, then any)."""
    if isinstance(value, dict):
        return value.get(language) or value.get("sv") or next(iter(value.values()), "")
    return value if isinstance(value, str) else ""


@value
class Part:
    """One part of a framework (an Agenda 2030 target, an area of the national strategy) and its title."""

    id: str
    titles: object
    parent: str = ""
    """The id of the part this one sits in ('' for a part at the top)."""
    depth: int = 0
    """0 for a part at the top, 1 for a part within it, and so on."""
    path: tuple = ()
    """Where a declared framework's part is written in goals.yaml (for a shipped one: in its file)."""

    def title(self, language: str) -> str:
        return _text(self.titles, language)


@value
class Framework:
    """A framework goals can link to, with its parts and the source they were taken from."""

    id: str
    titles: object
    part_names: object
    """What a part is called: one name (or one per language) for every depth, or a list with one per depth."""
    sources: object
    url: str
    retrieved: str
    note: str
    parts: tuple[Part, ...]
    """Every part, each followed by the parts within it (document order)."""
    path: tuple = ()
    """Where a declared framework is written in goals.yaml (empty for one the toolkit ships)."""

    def title(self, language: str) -> str:
        return _text(self.titles, language)

    def source(self, language: str) -> str:
        return _text(self.sources, language)

    def part_name(self, language: str, depth: int = 0) -> str:
        names = self.part_names
        if isinstance(names, (list, tuple)):
            if not names:
                return ""
            names = names[min(depth, len(names) - 1)]
        return _text(names, language)

    def part(self, part_id: str) -> Part | None:
        return self._parts_by_id.get(part_id)

    @functools.cached_property
    def _parts_by_id(self) -> dict[str, Part]:
        """Each part by its id (the first of a repeated id), made on the first look-up, beside the fields."""
        found: dict[str, Part] = {}
        for p in self.parts:
            found.setdefault(p.id, p)
        return found

    def with_ancestors(self, part_id: str) -> Iterator[str]:
        """``part_id`` and the ids of the parts it sits in, innermost first."""
        seen: set[str] = set()
        part = self.part(part_id)
        while part is not None and part.id not in seen:
            seen.add(part.id)
            yield part.id
            part = self.part(part.parent) if part.parent else None

    @property
    def depths(self) -> int:
        """How many levels of parts the framework has (1: a flat list)."""
        return 1 + max((p.depth for p in self.parts), default=0)


def _parts(items: Any, path: tuple, parent: str = "", depth: int = 0) -> Iterator[Part]:
    """The parts as written (``path`` is where ``items`` stand), each followed by the parts within it."""
    if not isinstance(items, list):
        return
    for i, d in enumerate(items):
        if not isinstance(d, dict) or not isinstance(d.get("id"), (str, int)):
            continue
        pid = str(d["id"])
        yield Part(pid, d.get("title", ""), parent, depth, path + (i,))
        yield from _parts(d.get("parts"), path + (i, "parts"), pid, depth + 1)


def from_data(d: dict, path: tuple = ()) -> Framework:
    """A framework as a shipped file or goals.yaml's ``frameworks:`` writes it; ``path`` is where
    a declared one stands in goals.yaml."""
    names = d.get("part_names", "")
    return Framework(str(d.get("id", "")), d.get("title", ""), names, d.get("source", ""),
                     d.get("url", "") if isinstance(d.get("url"), str) else "",
                     str(d.get("retrieved", "") or ""), d.get("note", "") if isinstance(d.get("note"), str) else "",
                     tuple(_parts(d.get("parts"), path + ("parts",))), path)


AGENDA2030 = "agenda2030"
"""The id of the Agenda 2030 framework, whose links are written ``agenda2030:``, not under ``frameworks:``."""


@lru_cache(maxsize=None)
def frameworks() -> tuple[Framework, ...]:
    """Every framework the toolkit ships, Agenda 2030 first."""
    out = tuple(from_data(d) for d in framework_files())
    return tuple(sorted(out, key=lambda f: f.id != AGENDA2030))


def framework(framework_id: str) -> Framework | None:
    """The shipped framework of that id (a strategy's own: ``Strategy.framework``)."""
    return next((f for f in frameworks() if f.id == framework_id), None)


def known(declared: Iterable[Framework]) -> tuple[Framework, ...]:
    """The frameworks a strategy can link to: the shipped ones, each replaced by a declared one of
    the same id, then the other declared ones in the order written. Agenda 2030 cannot be replaced:
    its parts are checked by their own rule (``unknown-sdg``)."""
    own = {}
    for f in declared:
        if f.id and f.id != AGENDA2030:
            own.setdefault(f.id, f)
    shipped = tuple(own.pop(f.id, f) for f in frameworks())
    return shipped + tuple(own.values())
