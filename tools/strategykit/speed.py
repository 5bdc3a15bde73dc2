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
- the yearly follow-up pages write their tables and calculations as HTML blocks, which
  Python-Markdown passes through instead of parsing them inline by inline (``render.web.htmlkit``:
  the same DOM; the 10× web build from about 19 s to 13.5 s). Their links are then the toolkit's to
  get right (``htmlkit.href``, tests/test_web_links.py).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
from typing import Iterator


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
