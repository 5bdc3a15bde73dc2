"""The speed-ups that are not simply the plainest code, in one place, each with what it saves.

The figures are from ``make bench`` and development runs (BENCHMARKS.md, bench/notes.md); when a
measurement shows one no longer pays, remove it here and its one caller.

- ``collector_paused``: Python's cyclic garbage collector is paused while a strategy is loaded and
  checked (``project.check``). Loading makes hundreds of thousands of small objects that live until
  the end (YAML nodes, positions, the model) and no cycles worth collecting; the collector kept
  rescanning them: a fifth of a check of the 10× strategy, a third at 100×.
- ``for_one_command``: ``strategy check`` run as a command keeps the collector off for the whole
  process (its imports too) and freezes what is alive before Python exits, which spares the last
  full collection over everything: about 10 % of a check of the example.
- ``value``: the frozen dataclasses a check loads (the model, the source readers' results, the
  diagnostics) share one ``__eq__``, one ``__hash__`` and one ``__repr__`` that read the class's
  fields, and one ``__setattr__`` and ``__delattr__`` that keep them frozen, where ``@dataclass``
  compiles five new functions for every class. Python 3.11 compiles each generated method on its own
  at import (about 0.08 ms apiece): building the ~60 classes took 33 ms of the example's 150 ms check;
  sharing the first three saved 10 ms, the frozen pair another 20 ms of a 190 ms check (2026-12-05).
  The price: ``__init__`` (still ``@dataclass``'s) sets each field through the shared ``__setattr__``,
  which lets a field be set once: a check of the 10× strategy makes enough values to take 6 % longer
  in-process (375 → 399 ms), the example's 4 ms. The methods behave exactly as ``@dataclass``'s
  (tests/test_speed.py compares them on every value of the example's model, and that a value cannot
  be changed, deleted or given a new attribute).

Elsewhere, because there they are how a feature works rather than a trick:

- the live preview (``strategy serve``) rebuilds one changed page with MkDocs' private
  ``_build_page`` (``render.web.live``): a whole rebuild of a 100× site takes minutes, one page
  well under a second;
- the schema is checked by validators generated from it (``source.validators``, made by
  ``devtools.schemagen``), and jsonschema runs only to explain a document they reject;
- heavy engines (MkDocs, pandoc, Typst) are imported only by the commands that use them, so that
  ``strategy check`` starts in about the time ``import yaml, jsonschema`` takes
  (tests/test_cli.py keeps it so); the one deferred standard-library import is difflib, in
  ``diagnostics.closest``, which only a strategy with a mistake needs;
- ``strategy build`` makes outputs that do not wait for each other in forked processes side by
  side (``build``): both editions take the time of the slower one.
- reading a YAML file keeps each node's line and column and makes a ``Position`` only for a place
  asked for (``source.load._Positions``): goals.yaml has some 3 000 places, a check asks for a few;
  and within one check each path's real place is looked up once (``source.load.one_snapshot``,
  about 180 lookups of the same few folders before): 2–3 ms of the example's check together.
- the yearly follow-up pages write their tables and calculations as HTML blocks, which
  Python-Markdown passes through instead of parsing them inline by inline (``render.web.htmlkit``:
  the same DOM; the 10× web build from about 19 s to 13.5 s). Their links are then the toolkit's to
  get right (``htmlkit.href``, tests/test_web_links.py). Those blocks are then carried past
  Python-Markdown altogether (``render.web.passthrough``), which with ``md_in_html`` still parsed
  each one with ``html.parser`` to find its end: the 10× MkDocs build from 21.6 s to 13.8 s CPU.
- the yearly follow-ups are an output made in parts, a year a job (``render.outputs``), so that a
  worker done with the web edition or the PDF takes the years still waiting.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import gc
import operator
import reprlib
from typing import Any, Callable, Iterator, TypeVar, dataclass_transform


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block; reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def for_one_command() -> None:
    """Make this process, which ends when its one command is done, skip the collector for good.

    Only for a process started to run one command (the command line, never a test or the preview):
    what it allocates lives until the exit anyway. ``gc.freeze`` at exit runs before CPython's last
    collection, which then has nothing to scan.
    """
    gc.disable()
    atexit.register(gc.freeze)


_T = TypeVar("_T")
_SHARED = ("__eq__", "__hash__", "__repr__")


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple]:
    """A function giving the tuple of these attributes, as ``@dataclass``'s methods build it (one-element too)."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _eq(self, other):
    if other.__class__ is self.__class__:
        compared = self.__class__.__value_compared__
        return compared(self) == compared(other)
    return NotImplemented


def _hash(self) -> int:
    return hash(self.__class__.__value_hashed__(self))


@reprlib.recursive_repr()
def _repr(self) -> str:
    return (self.__class__.__qualname__ + "("
            + ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__class__.__value_shown__) + ")")


def _set_once(self, name: str, value: Any) -> None:
    """A field is set once, by ``__init__``; after it nothing can be set, as on a frozen dataclass."""
    if name in self.__dict__ or name not in self.__dataclass_fields__:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _no_delete(self, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def value(cls: type[_T]) -> type[_T]:
    """``@dataclass(frozen=True)``, with ``__eq__``, ``__hash__`` and ``__repr__`` shared by every such class.

    They compare, hash and show the same fields in the same way as ``@dataclass``'s: equal only to an
    object of the very same class, field by field in order (``compare=False`` left out); the hash of
    the compared fields (or of those with ``hash=True``); ``Name(field=value, ...)`` without the
    ``repr=False`` fields, and ``...`` for an object met again inside itself.
    """
    own = [name for name in _SHARED if name in cls.__dict__]
    if own:
        raise TypeError(f"{cls.__qualname__} defines {', '.join(own)}; use @dataclass(frozen=True) for it")
    cls = dataclasses.dataclass(eq=False, repr=False)(cls)
    cls.__setattr__, cls.__delattr__ = _set_once, _no_delete
    fields = dataclasses.fields(cls)
    cls.__value_compared__ = staticmethod(_getter(tuple(f.name for f in fields if f.compare)))
    cls.__value_hashed__ = staticmethod(_getter(tuple(
        f.name for f in fields if (f.compare if f.hash is None else f.hash))))
    cls.__value_shown__ = tuple(f.name for f in fields if f.repr)
    cls.__eq__, cls.__hash__, cls.__repr__ = _eq, _hash, _repr
    return cls
