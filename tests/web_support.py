"""Helpers for the web-edition tests: build a strategy once per test session, serve it, run axe.

Not a test module (its name does not start with ``test_``); the web tests import it.
Each strategy is copied to a temporary folder before it is built, so that the build's
work folder (.build/) and site never touch the repository.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import http.server
import os
import re
import shutil
import socket
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from strategykit.plan import gather
from strategykit.project import check

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
CHROMIUM = Path(os.environ.get("STRATEGY_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAKE_PDF = b"%PDF-1.7\n% a stand-in for the PDF edition, so the site copies and links it\n%%EOF\n"


def html_rows(html: str) -> list[list[str]]:
    """The data cells, as HTML, of each row of the tables a page holds as HTML (render/web/htmlkit.py
    writes one element a line); a row of headings has none."""
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>\n(.*?)\n</tr>", html, re.S)]


@dataclass(frozen=True)
class Built:
    root: Path
    site: Path
    model: object


SOURCE_FOLDERS = ("strategy", "data", "remiss")
SOURCE_FILES = ("dialogue.yaml", "editions.yaml")


def copy_strategy(src: Path, dest: Path) -> Path:
    """A strategy's sources (goals.yaml, the chapters, observed values, consultation responses,
    dialogue and editions, and the repository's mkdocs.yml) in ``dest``, without git."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src / "goals.yaml", dest / "goals.yaml")
    for folder in SOURCE_FOLDERS:
        if (src / folder).is_dir():
            shutil.copytree(src / folder, dest / folder, dirs_exist_ok=True)
    for name in SOURCE_FILES:
        if (src / name).is_file():
            shutil.copy2(src / name, dest / name)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def checked_model(root: Path):
    result = check(root)
    assert result.ok, "the strategy has errors:\n" + "\n".join(
        f"{d.position}: {d.code}: {d.message}" for d in result.diagnostics)
    return result.model


OBSERVED_DATE = "2025-02-01"
"""The edition date of the 'observed' site: after every value of fixtures/observed was retrieved."""


@functools.cache
def built(name: str) -> Built:
    """The site of 'minimal' (the fixture, with a stand-in PDF), 'observed' (the minimal fixture with
    the observed values of fixtures/observed) or 'example' (the repository's own strategy, without
    its git history), built once per test session with MkDocs."""
    from strategykit.plan import pdf_filename
    from strategykit.render.web import build_site

    root = Path(tempfile.mkdtemp(prefix=f"strategy-web-{name}-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    copy_strategy(REPO if name == "example" else FIXTURES / "minimal", root)
    if name == "observed":
        shutil.copytree(FIXTURES / "observed" / "data", root / "data")
        # An edition dated after the values were retrieved, so that it may show them all (an edition
        # shows only what was known at its date: analysis.known).
        goals = root / "goals.yaml"
        goals.write_text(goals.read_text(encoding="utf-8").replace('date: "2020-01-15"', f'date: "{OBSERVED_DATE}"'),
                         encoding="utf-8")
    model = checked_model(root)
    if name == "minimal":
        (root / "dist").mkdir()
        (root / "dist" / pdf_filename(model)).write_bytes(FAKE_PDF)
    site = build_site(gather(model), root / "site")
    return Built(root, site, model)


@functools.cache
def offline_example() -> Path:
    """The example's site built with ``offline=True`` (pages linked as .html files, for file://), once
    per test session."""
    from strategykit.render.web import build_site

    root = Path(tempfile.mkdtemp(prefix="strategy-web-offline-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    copy_strategy(REPO, root / "example")
    return build_site(gather(checked_model(root / "example")), root / "example" / "site", offline=True)


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as URL paths ('', 'prioriteringar/p1/', '404.html').

    Not the pages at old addresses that only send the reader on (render/web/redirects.py)."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        if 'http-equiv="refresh"' in path.read_text("utf-8"):
            continue
        rel = path.relative_to(site).as_posix()
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextlib.contextmanager
def serve_directory(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 in a thread; yields the base URL (ending in '/')."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def browser_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return (f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium); "
                "set STRATEGY_REQUIRE_BROWSER=1 to make this a failure")
    if not AXE_JS.exists():
        return (f"axe-core is not installed ({AXE_JS.relative_to(REPO)} is missing; run npm ci); "
                "set STRATEGY_REQUIRE_BROWSER=1 to make this a failure")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    return None


def require_browser() -> None:
    """Skip the calling test when the browser is missing, unless CI says it must run."""
    import pytest

    reason = browser_missing_reason()
    if reason is None:
        return
    if os.environ.get("STRATEGY_REQUIRE_BROWSER") == "1":
        pytest.fail(f"STRATEGY_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@contextlib.contextmanager
def browser_page(width: int = 1280, height: int = 900):
    """A Playwright page in the system's headless Chromium (never a downloaded browser), ``width`` px wide."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            if AXE_JS.exists():
                context.add_init_script(path=str(AXE_JS))  # once, instead of injecting it into each page
            yield context.new_page()
        finally:
            browser.close()


def axe_violations(page, url: str) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on ``url``."""
    page.goto(url, wait_until="load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS)
    return result["violations"]


AXE_TABS = max(1, min(4, int(os.environ.get("STRATEGY_AXE_TABS", "0")) or (os.cpu_count() or 1)))
"""How many pages axe checks at once: one per core (axe's run is the page's own CPU work, in Chromium's
renderer processes, so two tabs on two cores take about half the time of one)."""


def axe_violations_of_pages(base: str, urls: list[str], width: int, height: int = 900) -> dict[str, list[dict]]:
    """axe-core's WCAG 2.0/2.1 A and AA violations of every page (``base`` + each of ``urls``), checked
    in ``AXE_TABS`` tabs at once, each ``width`` px wide: {url: violations}, in the order of ``urls``."""
    import asyncio

    from playwright.async_api import async_playwright

    async def run() -> dict[str, list[dict]]:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                context = await browser.new_context(viewport={"width": width, "height": height})
                await context.add_init_script(path=str(AXE_JS))
                queue: asyncio.Queue[str] = asyncio.Queue()
                for url in urls:
                    queue.put_nowait(url)
                found: dict[str, list[dict]] = {}

                async def tab() -> None:
                    page = await context.new_page()
                    while not queue.empty():
                        url = queue.get_nowait()
                        await page.goto(base + url, wait_until="load")
                        if not await page.evaluate("typeof window.axe !== 'undefined'"):
                            await page.add_script_tag(path=str(AXE_JS))
                        result = await page.evaluate(
                            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                            "resultTypes: ['violations']})", WCAG_TAGS)
                        found[url] = result["violations"]

                await asyncio.gather(*(tab() for _ in range(min(AXE_TABS, len(urls)) or 1)))
                return {url: found[url] for url in urls}
            finally:
                await browser.close()

    return asyncio.run(run())


def describe_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{url}:"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"      at {target}: {summary}")
        if len(v["nodes"]) > 5:
            lines.append(f"      … and {len(v['nodes']) - 5} more elements")
    return "\n".join(lines)
