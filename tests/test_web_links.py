"""Every internal link and anchor of a built site leads somewhere, with and without directory URLs.

MkDocs rewrites and checks the links of the Markdown it parses (a strict build fails on a broken
one), but not those in raw HTML, which the toolkit writes for the large generated parts of pages
(render/web/htmlkit.py). So the built sites are checked here as a reader's browser would follow
them: the file a link names exists, and the element its anchor names is on that page.
"""

from __future__ import annotations

import functools
import html.parser
import itertools
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from strategykit.render.web import htmlkit
from web_support import built, offline_example


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name == "name" and tag == "a" and value:
                self.ids.add(value)
            if name in ("href", "src") and value and tag not in ("link", "script"):
                self.links.append(value)


@functools.cache
def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _target(site: Path, page: Path, link: str) -> Path:
    path = unquote(urlsplit(link).path)
    if not path:
        return page
    target = (page.parent / path).resolve()
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def broken_links(site: Path) -> list[str]:
    """'page: link' for each internal link whose file or anchor is missing."""
    site = site.resolve()
    broken = []
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).as_posix() == "404.html":
            continue  # only a web server shows it, for any address, so its links are absolute
        for link in _read(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("//"):
                continue
            target = _target(site, page, link)
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link} (no file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _read(target).ids:
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    return broken


def test_every_internal_link_and_anchor_of_the_example_site_resolves():
    site = built("example").site
    assert len(list(site.rglob("*.html"))) > 40
    broken = broken_links(site)
    assert not broken, "\n".join(broken[:30])


def test_every_internal_link_and_anchor_of_an_offline_build_resolves():
    site = offline_example()
    broken = broken_links(site)
    assert not broken, "\n".join(broken[:30])


def test_the_yearly_followups_html_links_reach_the_method_the_indicators_and_the_priorities():
    """The links written as HTML are among those checked above, not only Markdown's."""
    site = built("example").site
    year = sorted(site.glob("uppfoljning/20*/index.html"))[-1]
    links = _read(year).links
    assert any(link.startswith("../metod/#status-") for link in links)
    assert any(link.startswith("../../indikatorer/") and "#" in link for link in links)
    assert any(link.startswith("../../prioriteringar/") for link in links)


def test_the_harness_finds_a_missing_anchor_and_a_missing_page(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here"><a href="../b/#x">b</a> <a href="#here">h</a></p>')
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<p id="y"><a href="../c/">c</a> <a href="../a/#here">a</a></p>')
    assert broken_links(tmp_path) == ["a/index.html: ../b/#x (no such anchor)", "b/index.html: ../c/ (no file)"]


PATHS = ["index.md", "om.md", "uppfoljning/index.md", "uppfoljning/2024.md", "uppfoljning/metod.md",
         "prioriteringar/p1.md", "kapitel/01-inledning.md", "kapitel/del/README.md", "indikatorer/invånare.md",
         "uppfoljning/rus-uppfoljning-2024.pdf", "strategi.pdf", "data/matbara-mal.csv"]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_html_links_are_the_addresses_mkdocs_writes_for_markdown_links(directory_urls):
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    def file(path: str) -> File:
        return File(path, "/docs", "/site", directory_urls)

    for a, b in itertools.product(PATHS, PATHS):
        if not a.endswith(".md"):
            continue
        assert htmlkit.url(b, directory_urls) == file(b).url, b
        expected = get_relative_url(file(b).url, file(a).url)
        assert htmlkit.href(a, b, directory_urls) == expected, (a, b)
        assert htmlkit.href(a, b + "#x-1", directory_urls) == expected + "#x-1", (a, b)
    assert htmlkit.href("uppfoljning/2024.md", "#p1", directory_urls) == "#p1"
