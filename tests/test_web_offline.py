"""`strategy build --web --offline`: the web edition a reviewer downloads works opened from disk.

From file:// a link to a folder shows a directory listing (or nothing), so every internal link
of such a build must name an existing file.
"""

from __future__ import annotations

import html.parser
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from strategykit.cli import main
from web_support import REPO, copy_strategy, offline_example


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def internal_links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return [link for link in parser.links
            if not urlsplit(link).scheme and not link.startswith(("#", "//")) and urlsplit(link).path]


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site) == Path("404.html"):
            continue  # only a web server shows it, for any address, so its links are absolute
        for link in internal_links(page):
            target = (page.parent / unquote(urlsplit(link).path)).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
    return broken


@pytest.fixture(scope="module")
def offline_site() -> Path:
    return offline_example()


def test_every_internal_link_of_an_offline_build_names_an_existing_file(offline_site):
    pages = list(offline_site.rglob("*.html"))
    links = sum((internal_links(p) for p in pages), [])
    assert len(pages) > 20 and len(links) > 500
    assert broken_links(offline_site) == []


def test_offline_pages_link_to_html_files_not_folders(offline_site):
    index = (offline_site / "index.html").read_text(encoding="utf-8")
    links = internal_links(offline_site / "index.html")
    assert any(link.endswith(".html") for link in links)
    assert not [link for link in links if urlsplit(link).path.endswith("/")], index[:200]


def test_the_harness_finds_a_link_to_a_folder(tmp_path):
    """A normal (directory URL) link, as the published site has, is broken from disk."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">A</a><a href="#top">top</a>'
                                         '<a href="https://example.org/">x</a>', encoding="utf-8")
    assert broken_links(tmp_path) == ["index.html: a/"]


def test_build_offline_on_the_command_line(tmp_path, capsys):
    root = copy_strategy(REPO / "tests" / "fixtures" / "minimal", tmp_path / "m")
    assert main(["build", str(root), "--web", "--offline", "--format", "text"]) == 0
    assert broken_links(root / "site") == []
