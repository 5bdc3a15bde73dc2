"""Frameworks a strategy's goals contribute to: Agenda 2030 and the national strategy for
sustainable regional development 2021–2030, each with its parts and its source.

A goal links to parts of a framework by the framework's id: ``frameworks: {nrs: ["2"]}``;
Agenda 2030 keeps its own key, ``agenda2030:``, where a target ("8.5") counts towards its goal ("8").
A third framework is one more file ``data/framework.<id>.json`` of the same shape.
"""

from __future__ import annotations

from functools import lru_cache

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

    def title(self, language: str) -> str:
        return _text(self.titles, language)


@value
class Framework:
    """A framework goals can link to, with its parts and the source they were taken from."""

    id: str
    titles: object
    part_names: object
    sources: object
    url: str
    retrieved: str
    note: str
    parts: tuple[Part, ...]

    def title(self, language: str) -> str:
        return _text(self.titles, language)

    def source(self, language: str) -> str:
        return _text(self.sources, language)

    def part_name(self, language: str) -> str:
        return _text(self.part_names, language)

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)


AGENDA2030 = "agenda2030"
"""The id of the Agenda 2030 framework, whose links are written ``agenda2030:``, not under ``frameworks:``."""


@lru_cache(maxsize=None)
def frameworks() -> tuple[Framework, ...]:
    """Every framework the toolkit knows, Agenda 2030 first."""
    out = tuple(Framework(d["id"], d["title"], d.get("part_name", ""), d.get("source", ""), d.get("url", ""),
                          d.get("retrieved", ""), d.get("note", ""),
                          tuple(Part(p["id"], p["title"]) for p in d.get("parts", ())))
                for d in framework_files())
    return tuple(sorted(out, key=lambda f: f.id != AGENDA2030))


def framework(framework_id: str) -> Framework | None:
    return next((f for f in frameworks() if f.id == framework_id), None)
