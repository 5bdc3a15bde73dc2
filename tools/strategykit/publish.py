"""One atomic publish: ``site/`` and the PDF in ``dist/`` change together, in one rename, or not at all.

A build writes both editions into a new version folder, ``.build/publish/<version>/`` (``site/``
and ``pdf/<name>.pdf``). ``site/`` and ``dist/<name>.pdf`` are symbolic links through one more
link, ``.build/publish/current-<key>``, to the version that is published::

    site                 -> .build/publish/current-<key>/site
    dist/<name>.pdf      -> ../.build/publish/current-<key>/pdf/<name>.pdf
    .build/publish/current-<key> -> <version>

Publishing a new version is one ``rename(2)`` of a new ``current-<key>`` link over the old one,
so at every moment ``site/`` and the PDF are those of the old build or both of the new one, and
``site/`` never disappears. ``<key>`` names the pair of output places (``--site-dir``,
``--dist-dir``), so builds into other places do not move these. A part a build does not make
(``--web`` or ``--pdf`` alone) is carried over from the published version by hard links.

``dist/`` holds exactly what the published version has: each version records which output wrote
which of its PDFs (``dist.json``, beside ``pdf/``). A build carries over only the PDFs of the outputs
it does not make, and after the switch removes the links in ``dist/`` it made earlier that lead
nowhere now (a follow-up of a year without data any more, a strategy renamed). It never touches
a file in ``dist/`` that is not such a link: a file of the user's own stays.

An interrupted build leaves a version folder no link points to, or a half-made link; the next
build removes them (it holds ``.build/publish.lock`` while it builds and publishes, so no other
build's folder is touched).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

from strategykit.atomic import exchange, remove_leftovers

PUBLISH_FOLDER = Path(".build") / "publish"
SITE = "site"
PDF = "pdf"
MANIFEST = "dist.json"
"""In a version folder: which output wrote which file of its ``pdf/`` folder, ``{output: [name, …]}``."""

after_step: Callable[[str], None] | None = None
"""Called with each step's name as the publish completes it (tests interrupt the publish here)."""


def _step(name: str) -> None:
    if after_step is not None:
        after_step(name)


def _key(site_out: Path, dist_dir: Path) -> str:
    return hashlib.sha256(f"{site_out.absolute()}\0{dist_dir.absolute()}".encode()).hexdigest()[:12]


def _link_text(link: Path, target: Path) -> str:
    """What a link at ``link`` says to reach ``target``: a relative path, so the folder can move."""
    return os.path.relpath(target, link.parent.resolve())


def _replace_with_link(link: Path, text: str) -> None:
    """Make ``link`` a symbolic link saying ``text``, in one step where possible."""
    if link.is_symlink() and os.readlink(link) == text:
        return
    tmp = link.with_name(f".{link.name}-new-{os.getpid()}-link")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    tmp.symlink_to(text)
    if link.is_dir() and not link.is_symlink():
        # An output of an earlier toolkit: a real folder. Swap it with the link in one step (Linux),
        # else move it aside first; then remove it.
        if not exchange(tmp, link):
            aside = link.with_name(f".{link.name}-old-{os.getpid()}-migrated")
            os.replace(link, aside)
            os.replace(tmp, link)
            tmp = aside
        shutil.rmtree(tmp, ignore_errors=True)
        return
    os.replace(tmp, link)


def _manifest(version: Path, edition: str) -> dict[str, list[str]]:
    """Which output wrote which PDF of a published ``version``. A version of an earlier toolkit has
    no record: its edition PDF (named ``edition``) is the print edition's, every other one a follow-up's."""
    try:
        data = json.loads((version / MANIFEST).read_text(encoding="utf-8"))
        if isinstance(data, dict):
            return {str(k): [str(n) for n in v if "/" not in str(n)] for k, v in data.items() if isinstance(v, list)}
    except (OSError, ValueError):
        pass
    out: dict[str, list[str]] = {}
    for path in sorted((version / PDF).iterdir()) if (version / PDF).is_dir() else ():
        out.setdefault("pdf" if path.name == edition else "yearly", []).append(path.name)
    return out


def _carry(src: Path, dest: Path) -> None:
    """Copy ``src`` to ``dest`` by hard links where the file system allows (a published file is never rewritten)."""
    def link(s: str, d: str) -> None:
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)

    if src.is_dir():
        shutil.copytree(src, dest, copy_function=link)
    elif src.is_file():
        dest.parent.mkdir(parents=True, exist_ok=True)
        link(str(src), str(dest))


class Publication:
    """One build's outputs: written into ``folder``, then published by ``commit``."""

    def __init__(self, root: Path, site_out: Path, pdf_out: Path) -> None:
        self.publish = (Path(root) / PUBLISH_FOLDER).absolute()
        self.site_out, self.pdf_out = Path(site_out).absolute(), Path(pdf_out).absolute()
        self.current = self.publish / f"current-{_key(self.site_out, self.pdf_out.parent)}"
        self.folder = self.publish / f"{time.time_ns()}-{os.getpid()}"
        self.written: dict[str, list[str]] = {}
        """What each output wrote into this version's PDF folder (``MANIFEST``)."""

    @property
    def site(self) -> Path:
        return self.folder / SITE

    @property
    def pdf(self) -> Path:
        return self.folder / PDF / self.pdf_out.name

    def published(self) -> Path | None:
        """The version folder now published at these places, if any."""
        return self.current.resolve() if self.current.is_symlink() and self.current.resolve().is_dir() else None

    def clean(self) -> None:
        """Remove what interrupted builds left: version folders no link points to, half-made links."""
        self.publish.mkdir(parents=True, exist_ok=True)
        live = {p.resolve() for p in self.publish.glob("current-*") if p.is_symlink()}
        for path in self.publish.iterdir():
            if path.name.startswith(".") and path.is_symlink():
                path.unlink()
            elif path.is_dir() and not path.is_symlink() and path.resolve() not in live:
                shutil.rmtree(path, ignore_errors=True)
        for folder, name in ((self.site_out.parent, self.site_out.name), (self.pdf_out.parent, self.pdf_out.name)):
            remove_leftovers(folder, name)
        _step("cleaned")

    def carry_site(self) -> None:
        """The published site, for a build that makes only the PDF."""
        old = self.published()
        if old is not None and (old / SITE).is_dir():
            _carry(old / SITE, self.site)
        elif self.site_out.is_dir() and not self.site_out.is_symlink():
            _carry(self.site_out, self.site)

    def carry_pdfs(self, building: Iterable[str]) -> None:
        """The published PDFs of the outputs this build does not make (a web-only build keeps them all);
        the others' files are made anew, so a PDF no longer made is not carried."""
        building = set(building)
        old = self.published()
        if old is not None and (old / PDF).is_dir():
            for output, names in _manifest(old, self.pdf_out.name).items():
                if output in building:
                    continue
                for name in names:
                    if (old / PDF / name).is_file():
                        _carry(old / PDF / name, self.folder / PDF / name)
                        self.record(output, name)
        elif "pdf" not in building and self.pdf_out.is_file() and not self.pdf_out.is_symlink():
            _carry(self.pdf_out, self.pdf)

    def record(self, output: str, name: str) -> None:
        """Note that ``output`` wrote the file ``name`` of this version's PDF folder (and so of ``dist/``)."""
        self.written.setdefault(output, [])
        if name not in self.written[output]:
            self.written[output].append(name)

    def _unlink_stale(self) -> None:
        """Remove the links in ``dist/`` that lead into this place's published PDFs but to a file the
        new version does not have. Any other file or link there is not the toolkit's and stays."""
        dist = self.pdf_out.parent
        if not dist.is_dir():
            return
        published = self.publish.resolve() / self.current.name / PDF
        have = {p.name for p in (self.folder / PDF).iterdir()} if (self.folder / PDF).is_dir() else set()
        for path in dist.iterdir():
            if path.is_symlink() and path.name not in have \
                    and os.readlink(path) == _link_text(path, published / path.name):
                path.unlink()

    def commit(self) -> None:
        """Publish this version: one rename switches site/ and the PDF together; then the links and the old version."""
        old = self.published()
        (self.folder / MANIFEST).write_text(json.dumps(self.written, indent=1, sort_keys=True) + "\n",
                                            encoding="utf-8")
        for path in (self.folder, *self.folder.rglob("*")):
            if path.is_dir():
                os.chmod(path, 0o755)
        if os.name != "posix":
            self._commit_by_copy()
            return
        new_link = self.publish / f".{self.current.name}-new-{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            new_link.unlink()
        new_link.symlink_to(self.folder.name)
        _step("link-made")
        os.replace(new_link, self.current)
        _step("swapped")
        if self.site.is_dir():
            self.site_out.parent.mkdir(parents=True, exist_ok=True)
            _replace_with_link(self.site_out, _link_text(self.site_out, self.publish.resolve() / self.current.name / SITE))
            _step("site-linked")
        if (self.folder / PDF).is_dir():
            self.pdf_out.parent.mkdir(parents=True, exist_ok=True)
            for path in sorted((self.folder / PDF).iterdir()):
                out = self.pdf_out.parent / path.name
                _replace_with_link(out, _link_text(out, self.publish.resolve() / self.current.name / PDF / path.name))
        self._unlink_stale()
        _step("pdf-linked")
        if old is not None and old != self.folder.resolve():
            shutil.rmtree(old, ignore_errors=True)
        _step("old-removed")

    def _commit_by_copy(self) -> None:
        """Where symbolic links need special rights (Windows): each output swapped in on its own, as before."""
        from strategykit.atomic import staged_dir, write_atomic

        if self.site.is_dir():
            with staged_dir(self.site_out) as stage:
                shutil.copytree(self.site, stage, dirs_exist_ok=True)
        if self.pdf.is_file():
            write_atomic(self.pdf_out, self.pdf.read_bytes())
        shutil.rmtree(self.folder, ignore_errors=True)

    def abandon(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def publication(root: Path, site_out: Path, pdf_out: Path) -> Iterator[Publication]:
    """A new version to write into; published when the block ends without an error, else removed.

    Holds ``.build/publish.lock`` throughout, so two builds of one strategy publish one after the other.
    """
    from strategykit.render.web import _exclusive  # the same advisory lock the web build uses

    pub = Publication(root, site_out, pdf_out)
    with _exclusive(pub.publish.parent / "publish.lock"):
        pub.clean()
        pub.folder.mkdir(parents=True)
        try:
            yield pub
        except BaseException:
            pub.abandon()
            raise
        pub.commit()
