"""The preview's site: built in full once, then updated page by page while chapters are edited.

A full build of the 100× strategy takes about two minutes, nearly all of it MkDocs rendering
some 1,800 pages. An edit of a chapter that keeps the chapter's title changes only the pages
that show the chapter's text (``pages.pages_showing_text``: its own page, and the changes page
when the site has one); every other page shows a chapter by its title and address alone.

So ``LiveSite`` keeps, after a full build, what MkDocs knows of the site: its configuration,
files, navigation, Jinja environment and search index (``Kept``, added to the build as the last
MkDocs plugin). An update writes the new Markdown of those pages into the work folder, renders
just them with the functions a full build calls for every page (``_populate_page`` and
``_build_page`` of ``mkdocs.commands.build``), cleans a chapter page as a full build does, puts
the page's sections in their place in the search index, checks the anchors of every page again,
and only then writes the pages and the search index into the site. The result is the site a
full build of the edited strategy makes, byte for byte (tests/test_web_live.py), but for one
fact about the build itself: the about page keeps the commit it was built at, where a new build
would add '-dirty' once a chapter differs from it (``vcs.git.head_commit``).

MkDocs' own ``--dirty`` mode was not used: it skips reading the unmodified pages, so they lose
their titles and tables of contents in the navigation of the rebuilt ones, and the search index
(Material's) is rebuilt from the rebuilt pages only; MkDocs itself warns that the navigation
will be inaccurate. Its full build also renders every page again, which is what takes the time.

An update gives way to a full build whenever it cannot be sure of the result: no earlier build;
a model that was not made from the built one by replacing chapters (``project.recheck_chapters``
does that; a full check makes a new model); chapters added, removed, retitled or no longer
readable; a page whose front matter changed; an MkDocs plugin other than search; any warning
MkDocs gives while rendering (the full build then reports it, with --strict, as it always does).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import logging
import tempfile
from pathlib import Path
from typing import Any, Callable

from mkdocs.plugins import BasePlugin, event_priority

from strategykit.analysis.known import known_at
from strategykit.plan import edition_date
from strategykit.model import Strategy
from strategykit.plan import BuildPlan
from strategykit.atomic import write_atomic
from strategykit.render.web import (_exclusive, _source_date, build_site, escaping, lock_file_for, pages, passthrough,
                                   sanitize)

SEARCH_PLUGINS = ("search", "material/search")
"""The only plugins an update knows how to keep right (the search index); any other forces full builds."""


class Kept(BasePlugin):
    """What a full build leaves for later updates.

    ``web.generate`` sets ``info`` (the edition's facts the pages were written with); as the last
    MkDocs plugin of the build, it keeps MkDocs' state and where each page's sections are in the
    search index.
    """

    PLUGIN_NAME = "strategykit-live"

    def __init__(self) -> None:
        super().__init__()
        self.info: pages.EditionInfo | None = None
        self.mkdocs_config: Any = None
        self.files: Any = None
        self.nav: Any = None
        self.env: Any = None
        self.sections: dict[str, int] = {}
        """Page (its Markdown path) → how many entries of the search index it made, in the index's order."""
        self._indexed = 0

    def on_nav(self, nav, *, config, files):
        self.nav = nav
        return nav

    def on_env(self, env, *, config, files):
        self.env, self.files = env, files
        return env

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context, *, page, config, nav):
        if self.mkdocs_config is None:  # the full build; an update places the sections itself
            index = _search_index(config)
            now = len(index.entries) if index is not None else 0
            self.sections[page.file.src_uri], self._indexed = now - self._indexed, now
        return context

    def on_post_build(self, *, config):
        self.mkdocs_config = config


def _search_index(config) -> Any:
    """Material's search index of the build, or None when search is off."""
    for name in SEARCH_PLUGINS:
        plugin = config.plugins.get(name)
        if plugin is not None and getattr(plugin.config, "enabled", True) and hasattr(plugin, "search_index"):
            return plugin.search_index
    return None


@dataclasses.dataclass(frozen=True)
class Refresh:
    """What ``LiveSite.refresh`` did: updated ``pages`` (Markdown paths) in place, or a full build and why."""

    incremental: bool
    pages: tuple[str, ...] = ()
    reason: str = ""

    def describe(self) -> str:
        if not self.incremental:
            return f"full build: {self.reason}"
        if not self.pages:
            return "incremental: no page changed"
        return f"incremental: {', '.join(self.pages)}"


class _FullBuild(Exception):
    """An update cannot be sure of its result; the message says why."""


class LiveSite:
    """A site in ``out_dir`` (pages generated into ``work_dir``) kept up to date with the model."""

    def __init__(self, out_dir: Path, work_dir: Path):
        self.out_dir = Path(out_dir).absolute()
        self.work_dir = Path(work_dir).absolute()
        self._kept: Kept | None = None
        self._model: Strategy | None = None
        self._unsupported: str | None = None

    def refresh(self, model: Strategy, plan: Callable[[Strategy], BuildPlan]) -> Refresh:
        """Bring the site up to date with ``model``: by updating pages when it can, else by a full build
        of the build plan ``plan`` gathers for the model (only then, since it may read git).

        Raises ``BuildError`` as ``build_site`` does; the site that was there then stays.
        """
        try:
            return Refresh(True, tuple(self._update(model, plan)))
        except _FullBuild as why:
            reason = str(why)
        self.build(plan(model))
        return Refresh(False, reason=reason)

    def build(self, plan: BuildPlan) -> None:
        """A full build that keeps MkDocs' state for later updates."""
        self._kept = self._model = None
        kept = Kept()
        model = plan.source or plan.model  # the model as read: the next refresh compares its parts
        build_site(plan, self.out_dir, work_dir=self.work_dir, keep=kept)
        # The toolkit's own plugins act page by page (passthrough) or on the configuration (escaping).
        others = sorted(set(kept.mkdocs_config.plugins)
                        - {*SEARCH_PLUGINS, Kept.PLUGIN_NAME, escaping.PLUGIN_NAME, passthrough.PLUGIN_NAME})
        self._unsupported = (f"the MkDocs plugin{'s' if len(others) > 1 else ''} {', '.join(others)} "
                             "cannot be updated page by page") if others else None
        self._kept, self._model = kept, model

    # -- updating ---------------------------------------------------------------------
    def _changed_chapters(self, model: Strategy) -> list:
        """The chapters whose text differs from the built site's; _FullBuild if more than that changed."""
        old = self._model
        if self._kept is None or old is None:
            raise _FullBuild("no earlier build to update")
        if self._unsupported:
            raise _FullBuild(self._unsupported)
        for f in dataclasses.fields(Strategy):
            # project.recheck_chapters shares every other part of the model; anything read again
            # (goals.yaml, data/, mkdocs.yml …) may have changed any page.
            if f.name != "chapters" and getattr(model, f.name) is not getattr(old, f.name):
                raise _FullBuild("a source other than the chapters was read again")
        if len(model.chapters) != len(old.chapters):
            raise _FullBuild("chapters were added or removed")
        changed = []
        for a, b in zip(old.chapters, model.chapters):
            if (a.id, a.file, a.presents, a.path, a.problem) != (b.id, b.file, b.presents, b.path, b.problem):
                raise _FullBuild(f"the chapter {b.file} was added, removed or could not be read")
            if a.title != b.title:
                raise _FullBuild(f"the title of {b.file} changed (it is in the navigation of every page)")
            if a.document != b.document:
                changed.append(b)
        return changed

    def _update(self, model: Strategy, plan: Callable[[Strategy], BuildPlan]) -> list[str]:
        changed = self._changed_chapters(model)
        if not changed:
            self._model = model
            return []
        kept = self._kept
        assert kept is not None and kept.info is not None
        self._kept = None  # the state is being changed: if this fails, only a full build is safe
        if kept.info.changes is not None:  # the changes since the consultation count the chapters' words
            kept.info = dataclasses.replace(kept.info, changes=plan(model).changes)
        docs = self.work_dir / "docs"
        with _exclusive(lock_file_for(self.work_dir)), _source_date(_dt.date.fromisoformat(kept.info.build_date)):
            # The pages show the edition's view of the model: the values known at its date.
            edition = known_at(model, edition_date(model))
            wanted = {path: text for path, text in pages.pages_showing_text(edition, kept.info, changed).items()
                      if _read(docs / path) != text}
            if wanted:
                try:
                    outputs = self._render(kept, model, wanted)
                except _FullBuild:
                    raise
                except Exception as exc:  # the full build reports MkDocs' own errors, with their messages
                    raise _FullBuild(f"MkDocs could not render the page alone ({exc!r})") from exc
                for rel, data in outputs.items():
                    write_atomic(self.out_dir / rel, data)
        self._kept, self._model = kept, model
        return list(wanted)

    def _render(self, kept: Kept, model: Strategy, wanted: dict[str, str]) -> dict[str, bytes]:
        """Render the pages ``wanted`` (path → new Markdown); the site's files to write (path → bytes)."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.files import InclusionLevel

        config, files = kept.mkdocs_config, kept.files
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        index = _search_index(config)
        chapter_pages = set(pages.chapter_pages(model))
        warnings = _Warnings()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(warnings)
        outputs: dict[str, bytes] = {}
        try:
            with tempfile.TemporaryDirectory(prefix=".live-", dir=self.work_dir.parent) as scratch:
                for path, text in wanted.items():
                    file = files.get_file_from_path(path)
                    if file is None or file.page is None or path not in kept.sections:
                        raise _FullBuild(f"{path} is not a page of the built site")
                    page = file.page
                    title, meta = page.title, dict(page.meta)
                    (self.work_dir / "docs" / path).write_text(text, encoding="utf-8", newline="\n")
                    _populate_page(page, config, files)
                    if page.title != title or page.meta != meta:
                        raise _FullBuild(f"the title or front matter of {path} changed")
                    before = len(index.entries) if index is not None else 0
                    file.abs_dest_path = str(Path(scratch) / file.dest_uri)
                    try:
                        _build_page(page, config, doc_files, kept.nav, kept.env)
                    finally:
                        file.abs_dest_path = str(self.out_dir / file.dest_uri)
                    if index is not None:
                        made = index.entries[before:]
                        del index.entries[before:]
                        start = _offset(kept.sections, path)
                        index.entries[start:start + kept.sections[path]] = made
                        kept.sections[path] = len(made)
                    data = (Path(scratch) / file.dest_uri).read_bytes()
                    if path in chapter_pages:  # as web._clean_chapters does after a full build
                        data = sanitize.clean_page(data.decode("utf-8")).encode("utf-8")
                    outputs[file.dest_uri] = data
            for file in doc_files:  # links from other pages to anchors that may have gone
                file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        finally:
            logger.removeHandler(warnings)
        if warnings.messages:
            raise _FullBuild(f"MkDocs warned: {warnings.messages[0]}")
        if index is not None:
            outputs["search/search_index.json"] = index.generate_search_index(None).encode("utf-8")
        return outputs


def _offset(sections: dict[str, int], path: str) -> int:
    """Where the search index entries of ``path`` start: after those of the pages built before it."""
    start = 0
    for other, count in sections.items():
        if other == path:
            return start
        start += count
    raise KeyError(path)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


class _Warnings(logging.Handler):
    """What --strict would count: MkDocs' warnings."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
