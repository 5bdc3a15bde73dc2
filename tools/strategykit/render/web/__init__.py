"""The web edition: pages generated from the model, then built by MkDocs (or Zensical).

The pages are written to disk first, into a work folder (``<root>/.build/web``):

    .build/web/mkdocs.yml   the vetted values of the strategy's mkdocs.yml (``siteconfig``,
                            never the file itself) with site_name, language, nav and the
                            notice from goals.yaml
    .build/web/docs/        the generated Markdown, the chapters, downloads, CSS, the PDF
    .build/web/overrides/   the theme's template overrides (notice bar, footer links)

and only then does a static site generator run on them. No MkDocs plugin makes pages
at build time, so the same files build with MkDocs + Material and with Zensical, which
reads mkdocs.yml too. The site is built with ``--strict`` into a staged folder that
replaces ``site/`` only when the build succeeded; the chapter pages in it are then
cleaned with nh3 (``sanitize``) before the swap.

Builds are reproducible and safe to run side by side:

- ``SOURCE_DATE_EPOCH`` is set from the edition's date for the build (unless it is set
  already), so MkDocs writes that date, not today's, into sitemap.xml and the mtime of
  sitemap.xml.gz; the pages themselves show the same date (the plan's ``build_date``).
- A build holds an exclusive lock on ``<work folder>.lock`` from generating the pages
  to swapping in the site, so two builds of one strategy started at once run one after
  the other, and each leaves a complete work folder and site.

The preview (``strategy serve``) builds the same way once, keeps MkDocs' state, and after a
chapter edit renders only the pages that show that chapter (``live``).

MkDocs is imported here, never by ``strategy check``.
"""

from __future__ import annotations

import calendar
import contextlib
import dataclasses
import datetime as _dt
import json
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import yaml

from strategykit.diagnostics import BuildError
from strategykit.model import Strategy
from strategykit.plan import BuildPlan
from strategykit.atomic import staged_dir
from strategykit.present import cover as present_cover, yearly as present_yearly
from strategykit.render.web import downloads, escaping, mkdocs_run, pages, redirects, sanitize

if TYPE_CHECKING:
    from strategykit.render.pdf.editions import EarlierPdf

THEME = Path(__file__).parent / "theme"
DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "data" / "new" / "mkdocs.yml"
"""The configuration a strategy without its own mkdocs.yml gets: the one ``strategy new`` copies,
the same as the repository's mkdocs.yml (tests compare them)."""

CONFIG_NAME = "mkdocs.yml"
ENGINES = ("mkdocs", "zensical")

FROM_DIST: Any = object()
"""The default of ``pdf=``: take this edition's PDF from ``<root>/dist/`` if it is there (the preview,
and callers that built it there)."""

PENDING: Any = object()
"""``pdf=PENDING``: this edition's PDF is being printed beside the site (``strategy build`` makes both at
once); the site links to it and holds an empty file in its place, which the build replaces with the
PDF before it publishes the site. Its size is not known yet, so the pages do not give it."""


def work_dir_for(model: Strategy) -> Path:
    return model.root / ".build" / "web"


def earlier_pdf_path(model: Strategy, name: str) -> str:
    """Where an earlier edition's PDF is in the site: beside the history page ('utgavor/<name>')."""
    return f"{pages.i18n.labels(model.language)['url_history']}/{name}"


def _edition_info(plan: BuildPlan, download_sizes: dict[str, int], pdf: Path | None,
                  earlier: Sequence[EarlierPdf] = (), yearly_pdfs: bool = False) -> tuple[pages.EditionInfo, Path | None]:
    """The edition's facts for the pages; ``pdf`` is the file to publish as this edition's PDF, or None."""
    model = plan.model
    if pdf is FROM_DIST:
        pdf = model.root / "dist" / plan.pdf_name
    pending = pdf is PENDING
    pdf_path = Path(pdf) if not pending and pdf is not None and Path(pdf).is_file() else None
    name = plan.pdf_name
    sizes = dict(download_sizes)
    if pdf_path is not None:
        sizes[name] = pdf_path.stat().st_size
    info = pages.EditionInfo(commit=plan.commit,
                             build_date=plan.build_date.isoformat(),
                             changes=plan.changes, followup=plan.followup,
                             yearly=plan.yearly, yearly_pdfs=yearly_pdfs and bool(plan.yearly),
                             pdf_name=name if pdf_path or pending else None, download_sizes=sizes,
                             earlier_pdfs={e.version: earlier_pdf_path(model, e.name) for e in earlier if e.file},
                             earlier_notes={e.version: e.problem for e in earlier if not e.file and e.problem})
    return info, PENDING if pending else pdf_path


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _copy_chapter_assets(model: Strategy, dest: Path) -> None:
    """Images and other files beside the chapters, so their relative links keep working."""
    src = model.root / "strategy"
    if not src.is_dir():
        return
    for folder, dirs, files in os.walk(src):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(folder) / d).is_symlink())
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith(".") or path.suffix.lower() == ".md" or path.is_symlink():
                continue
            target = dest / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def generate(plan: BuildPlan, work_dir: Path | None = None, *, pdf: Path | None = FROM_DIST,
             earlier: Sequence[EarlierPdf] = (), keep: Any = None, offline: bool = False,
             yearly_pdfs: bool = False) -> Path:
    """Write the pages, downloads, theme files and the generated mkdocs.yml; return that file.

    ``pdf``: the PDF edition to link and copy (published under its own name, ``plan.pdf_name``,
    whatever the file is called), None for none, or by default the one in ``<root>/dist/``.
    ``earlier``: the PDFs of earlier editions (``render.pdf.editions``), published beside the history page
    and linked from it; those without a file get their reason noted there.
    The work folder is replaced as a whole, so files of pages that no longer exist do not linger.
    ``keep`` (a ``live.Kept``) gets the edition's facts the pages were written with.
    ``offline``: links name the .html files (no directory URLs), so the site works from disk.
    ``yearly_pdfs``: the follow-ups' PDFs are printed beside the site (output ``yearly``): the pages
    link them and hold an empty file in each one's place, which the build replaces before it publishes.
    """
    model = plan.model
    work = Path(work_dir).absolute() if work_dir else work_dir_for(model).absolute()
    data = downloads.render(model, plan.followup)
    info, pdf = _edition_info(plan, {name: len(text.encode("utf-8")) for name, text in data.items()}, pdf,
                              earlier, yearly_pdfs)
    # The pages' links written as HTML name the addresses MkDocs will give the pages (htmlkit.href).
    configured = model.site_config.data.get("use_directory_urls", True) if model.site_config is not None else True
    info = dataclasses.replace(info, directory_urls=bool(configured) and not offline)
    site = pages.generate(model, info)
    if keep is not None:
        keep.info = info
    site_config = model.site_config  # vetted when the sources were read (source/siteconfig.py)
    if site_config is None:
        raise BuildError("the strategy's mkdocs.yml was not read with it; build from a model that project.load_strategy made")
    if not site_config.ok:
        raise BuildError("mkdocs.yml cannot be used for the build:\n" + "\n".join(
            f"  {p.position}: {p.code}: {p.message}" for p in site_config.problems))
    status = pages.i18n.status_label(model.edition.status, model.language)
    # Only the vetted values of mkdocs.yml, never the file itself (no INHERIT): see ``siteconfig``.
    config = dict(site_config.data)
    config.pop("INHERIT", None)
    config.update({
        # The theme prints these and the navigation's titles as HTML: escaped here (``escaping``).
        "site_name": escaping.text(model.title or model.id),
        "site_description": escaping.text(" ".join(model.vision_text.split()) or None),
        "site_author": escaping.text(model.publisher or None),
        "copyright": escaping.text(" · ".join(x for x in (model.publisher, f"{status} {model.edition.version}".strip())
                                              if x)),
        "repo_name": escaping.text(config.get("repo_name")),
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {**config.get("theme", {}), "custom_dir": "overrides", "language": model.language},
        "extra": {**config.get("extra", {}), "strategy": site.extra},
        "nav": escaping.nav(site.nav),
        # From disk (a downloaded artifact) a link to a folder shows a directory listing.
        **({"use_directory_urls": False} if offline else {}),
    })
    config = {k: v for k, v in config.items() if v is not None}
    with staged_dir(work) as stage:
        docs = stage / "docs"
        for rel, text in site.pages.items():
            _write(docs / rel, text)
        for name, text in data.items():
            _write(docs / pages.DATA_FOLDER / downloads.file_name(name, model.language), text)
        for rel, text in redirects.redirect_pages(model, offline=offline).items():
            _write(docs / rel, text)
        chapters_dir = docs / pages.i18n.labels(model.language)["url_chapters"]
        _copy_chapter_assets(model, chapters_dir)
        if (cover := present_cover.cover_image(model)) is not None:  # also when its folder is hidden
            (chapters_dir / cover.path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cover.file, chapters_dir / cover.path)
        if pdf is PENDING:
            (docs / plan.pdf_name).write_bytes(b"")
        elif pdf is not None:
            shutil.copyfile(pdf, docs / plan.pdf_name)
        if info.yearly_pdfs:
            for report in plan.yearly:
                target = docs / present_yearly.pdf_path(model, report.year)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(b"")
        for e in earlier:
            if e.file is not None:
                target = docs / earlier_pdf_path(model, e.name)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(e.file, target)
        (docs / "assets").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(THEME / "strategy.css", docs / "assets" / "strategy.css")
        # The search that finds a word's other forms (theme/javascripts/sk-search.js; main.html loads the first).
        (docs / "assets" / "javascripts" / "workers").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(THEME / "javascripts" / "search-config.js", docs / "assets" / "javascripts" / "sk-search-config.js")
        shutil.copyfile(THEME / "javascripts" / "sk-search.js", docs / "assets" / "javascripts" / "workers" / "sk-search.js")
        shutil.copytree(THEME / "overrides", stage / "overrides")
        header = ("# Generated by strategykit on every build from goals.yaml and the vetted values of mkdocs.yml:\n"
                  "# edit those instead.\n")
        _write(stage / CONFIG_NAME, header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100))
    return work / CONFIG_NAME


MKDOCS_RUN = Path(__file__).with_name("mkdocs_run.py")
"""The script that builds with MkDocs in a child process, under the build's limits."""


def _run_mkdocs(config_file: Path, site_dir: Path, keep: Any = None) -> None:
    """Build with MkDocs: in a child process under the build's limits (``bounds``), or, for the
    preview that keeps MkDocs' state (``keep``), in this one."""
    if keep is not None:
        _run_mkdocs_here(config_file, site_dir, keep)
        return
    from strategykit import bounds

    proc = bounds.run([sys.executable, str(MKDOCS_RUN), str(config_file), str(site_dir),
                       str(template_cache_for(config_file.parent))], engine="MkDocs",
                      subject=f"the web edition ({config_file.name} and the pages in {config_file.parent.name}/docs)",
                      cwd=config_file.parent)
    try:
        outcome = json.loads(proc.stdout)
    except ValueError:
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise BuildError(f"MkDocs stopped without a result (exit {proc.returncode})"
                         + (f": {err.splitlines()[-1]}" if err else ".")) from None
    _raise_for(outcome)


def _raise_for(outcome: dict) -> None:
    """A BuildError with MkDocs' error and the warnings before it, when the build failed."""
    if "error" in outcome:
        details = "\n".join(f"  {m}" for m in outcome["warnings"])
        raise BuildError(f"MkDocs could not build the site: {outcome['error']}" + (f"\n{details}" if details else ""))


def _run_mkdocs_here(config_file: Path, site_dir: Path, keep: Any = None) -> None:
    plugins = {keep.PLUGIN_NAME: keep} if keep is not None else {}  # last, so it sees what the others made
    # No template cache: the preview keeps MkDocs' environment, compiled templates and all, in memory.
    _raise_for(mkdocs_run.build_site(str(config_file), str(site_dir), plugins))


def _run_zensical(config_file: Path, site_dir: Path) -> None:
    work = config_file.parent
    out = work / "site"
    shutil.rmtree(out, ignore_errors=True)
    from strategykit import bounds

    proc = bounds.run([sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(config_file)],
                      engine="Zensical", subject=f"the web edition ({config_file.name})", cwd=work)
    if proc.returncode != 0 or not (out / "index.html").is_file():
        output = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
        tail = "\n".join(output.strip().splitlines()[-20:])
        raise BuildError(f"Zensical could not build the site (exit {proc.returncode}):\n{tail}")
    shutil.copytree(out, site_dir, dirs_exist_ok=True)
    shutil.rmtree(out, ignore_errors=True)


@contextlib.contextmanager
def _exclusive(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_file`` (POSIX); other builds of the same work folder wait."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; builds there are not run side by side
        yield
        return
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def _source_date(day: _dt.date) -> Iterator[None]:
    """SOURCE_DATE_EPOCH for the build: the edition's date (midnight UTC), unless it is set already."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(day.timetuple()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def _built_page(site_dir: Path, md_path: str) -> Path | None:
    """The HTML file MkDocs or Zensical made from ``md_path`` (with or without directory URLs)."""
    stem = md_path[: -len(".md")]
    for candidate in (site_dir / stem / "index.html", site_dir / f"{stem}.html"):
        if candidate.is_file():
            return candidate
    return None


def _clean_chapters(model: Strategy, site_dir: Path) -> None:
    """Run every chapter page through the sanitizer (see ``sanitize``); refuse a page it cannot clean."""
    for md_path in pages.chapter_pages(model):
        page = _built_page(site_dir, md_path)
        if page is None:
            continue
        try:
            cleaned = sanitize.clean_page(page.read_text(encoding="utf-8"))
        except sanitize.NotAPage as exc:
            raise BuildError(f"The chapter page {page.relative_to(site_dir)} could not be checked: {exc}.") from exc
        page.write_text(cleaned, encoding="utf-8", newline="")


def lock_file_for(work: Path) -> Path:
    return work.parent / f"{work.name}.lock"


def template_cache_for(work: Path) -> Path:
    """Where MkDocs keeps the theme's compiled templates between builds: beside the work folder,
    which each build replaces."""
    return work.parent / f"{work.name}.templates"


def build_site(plan: BuildPlan, out_dir: Path, *, engine: str = "mkdocs", work_dir: Path | None = None,
               pdf: Path | None = FROM_DIST, earlier: Sequence[EarlierPdf] = (), keep: Any = None,
               offline: bool = False, yearly_pdfs: bool = False) -> Path:
    """Generate the pages and build the site into ``out_dir``; the old site stays if this fails.

    ``pdf`` is the PDF edition the site links to and carries, ``earlier`` those of earlier editions
    (see ``generate``). ``keep`` (a ``live.Kept``, MkDocs only) is given what ``live.LiveSite`` needs
    to update single pages later: the edition's facts and, as an MkDocs plugin, MkDocs' own state.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if keep is not None and engine != "mkdocs":
        raise ValueError("only an MkDocs build can be kept for updates")
    model = plan.model
    work = Path(work_dir).absolute() if work_dir else work_dir_for(model).absolute()
    out_dir = Path(out_dir).absolute()
    with _exclusive(lock_file_for(work)), _source_date(plan.build_date):
        config_file = generate(plan, work, pdf=pdf, earlier=earlier, keep=keep, offline=offline,
                               yearly_pdfs=yearly_pdfs)
        with staged_dir(out_dir) as stage:
            if keep is not None:
                _run_mkdocs(config_file, stage, keep)
            else:
                (_run_mkdocs if engine == "mkdocs" else _run_zensical)(config_file, stage)
            _clean_chapters(model, stage)
            os.chmod(stage, 0o755)  # a staged folder is private (0700); a site is for a web server to read
    return out_dir


__all__ = ["build_site", "generate", "DEFAULT_CONFIG", "ENGINES"]
