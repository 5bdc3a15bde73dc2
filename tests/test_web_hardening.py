"""Hostile chapters and the build itself: nothing that acts reaches the site, nothing from outside the
repository is pulled in, two builds give the same bytes, and two builds at once leave one whole site."""

from __future__ import annotations

import calendar
import datetime as dt
import gzip
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from strategykit.plan import gather
from strategykit.diagnostics import BuildError
from strategykit.project import check
from strategykit.render.web import build_site, sanitize
from web_support import FIXTURES, REPO, copy_strategy

STRATEGY = [str(Path(sys.executable).with_name("strategy"))]
CHAPTER = Path("strategy") / "01-inledning.md"


@pytest.fixture
def minimal(tmp_path) -> Path:
    return copy_strategy(FIXTURES / "minimal", tmp_path / "repo")


def add_to_chapter(root: Path, text: str) -> None:
    path = root / CHAPTER
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def chapter_article(site: Path) -> str:
    html = (site / "kapitel" / "01-inledning" / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article"):html.rindex("</article>")]


# --- content that must not act ---------------------------------------------------


def test_a_chapter_with_a_script_is_refused_and_no_site_is_written(minimal):
    add_to_chapter(minimal, "<script>alert('x')</script>")
    proc = subprocess.run(STRATEGY + ["build", "--web", str(minimal)], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "unsafe-html" in proc.stderr
    assert not (minimal / "site").exists()


@pytest.mark.parametrize("dirty, kept, removed", [
    ("<p>Text<script>alert(1)</script></p>", "<p>Text</p>", "alert"),
    ('<img src="x.png" onerror="alert(1)">', '<img src="x.png">', "onerror"),
    ('<a href="javascript:alert(1)">länk</a>', "<a>länk</a>", "javascript"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">länk</a>', "<a>länk</a>", "data:"),
    ('<iframe src="file:///etc/passwd"></iframe><p>kvar</p>', "<p>kvar</p>", "iframe"),
    ('<p style="background:url(x)" onclick="alert(1)">x</p>', "<p>x</p>", "onclick"),
    ('<h2 id="mal">Mål</h2><td align="right" style="text-align: right;">1</td>',
     '<h2 id="mal">Mål</h2>', "background"),
    ('<a class="headerlink" href="#mal" title="Permanent link">¶</a>',
     '<a class="headerlink" href="#mal" title="Permanent link">¶</a>', "rel="),
])
def test_the_sanitizer_removes_what_could_act_and_keeps_what_markdown_makes(dirty, kept, removed):
    cleaned = sanitize.clean_html(dirty)
    assert kept in cleaned
    assert removed not in cleaned


def test_chapter_pages_are_cleaned_even_when_the_check_is_bypassed(minimal):
    """Markdown that acts without raw HTML, or that CommonMark and Python-Markdown read differently."""
    (minimal / "strategy" / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    add_to_chapter(minimal, "\n".join([
        "[klicka](javascript:alert(1))",
        "",
        "[här](https://example.org/){ onclick=\"alert(2)\" }",
        "",
        "Text med bild ![bild](bild.png){ onerror=\"alert(3)\" }",
        "",
        "- punkt",
        "",
        "      <script>alert(4)</script>",
        "",
        "<b onmouseover=\"alert(5)\">fet</b> och <script>alert(6)</script>",
    ]))
    result = check(minimal)
    assert "unsafe-html" in {d.code for d in result.diagnostics}  # the raw HTML is refused by the check …
    site = build_site(gather(result.model), minimal / "site")              # … and removed here, if the check is skipped
    article = chapter_article(site)
    for bad in ("<script", "alert(", "javascript:", "onclick", "onerror", "onmouseover"):
        assert bad not in article, bad
    for kept in ("Det här är en teststrategi.", 'href="https://example.org/"', "<b>fet</b>", "bild.png", "punkt"):
        assert kept in article, kept
    html = (site / "kapitel" / "01-inledning" / "index.html").read_text(encoding="utf-8")
    assert "<script src=" in html[html.rindex("</article>"):], "the theme's own scripts are outside the article"
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json"):
            assert "alert(" not in path.read_text(encoding="utf-8"), path


SECRET = "TOKEN-outside-the-repository-5b1e"


@pytest.mark.parametrize("markdown", [
    "![bild](../../hemligt.png)",
    "![bild](/etc/passwd)",
    "[länk](../../hemligt.png)",
    "[länk](file:///etc/passwd)",
    "[länk](/etc/passwd)",
    '<iframe src="file:///etc/passwd"></iframe>',
    '<object data="../../hemligt.png"></object>',
    '--8<-- "/etc/passwd"',
    '--8<-- "../hemligt.png"',
    '{% include "/etc/passwd" %}',
    "![bild](lank.png)",
])
def test_a_chapter_cannot_pull_a_file_from_outside_the_repository(tmp_path, markdown):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "repo")
    (tmp_path / "hemligt.png").write_text(SECRET, encoding="utf-8")
    (root / "strategy" / "lank.png").symlink_to(tmp_path / "hemligt.png")
    add_to_chapter(root, markdown)
    result = check(root)
    try:
        site = build_site(gather(result.model), root / "site")
    except BuildError:
        assert not (root / "site").exists()
        return
    passwd = Path("/etc/passwd").read_bytes()[:64] if Path("/etc/passwd").is_file() else b"root:x:0:0"
    for name, data in files_of(site).items():
        assert SECRET.encode() not in data, name
        assert passwd not in data, name
    assert not [p for p in site.rglob("*") if p.is_symlink()]


# --- reproducible and concurrent builds -------------------------------------------------


def _build(root: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run(STRATEGY + ["build", "--web", "--site-dir", str(site), str(root)],
                          capture_output=True, text=True, env={**environ, **env}, timeout=300)


def test_two_builds_of_the_same_sources_give_identical_bytes(tmp_path):
    root = copy_strategy(REPO, tmp_path / "repo")
    first = _build(root, tmp_path / "site-1", PYTHONHASHSEED="1")
    second = _build(root, tmp_path / "site-2", PYTHONHASHSEED="2")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    a, b = files_of(tmp_path / "site-1"), files_of(tmp_path / "site-2")
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, f"these files differ between two builds: {differ}"
    assert "search/search_index.json" in a and "sitemap.xml.gz" in a


def test_the_build_dates_the_site_by_the_edition_not_the_clock(tmp_path):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "repo")
    assert _build(root, tmp_path / "site").returncode == 0
    edition = dt.date(2020, 1, 15)  # the minimal fixture's edition date
    gz = (tmp_path / "site" / "sitemap.xml.gz").read_bytes()
    assert struct.unpack("<I", gz[4:8])[0] == calendar.timegm(edition.timetuple())
    assert gzip.decompress(gz) == (tmp_path / "site" / "sitemap.xml").read_bytes()
    assert str(dt.date.today()) not in (tmp_path / "site" / "om-utgavan" / "index.html").read_text(encoding="utf-8") \
        or dt.date.today() == edition


def test_a_build_leaves_the_environment_as_it_found_it(minimal, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build_site(gather(check(minimal).model), minimal / "site")
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_two_builds_started_at_once_leave_one_complete_site(tmp_path):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "repo")
    reference = _build(root, tmp_path / "reference")
    assert reference.returncode == 0, reference.stderr
    shutil.rmtree(root / ".build" / "web")  # the work folder; .build/publish holds the published reference
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    procs = [subprocess.Popen(STRATEGY + ["build", "--web", str(root)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=environ) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert files_of(root / "site") == files_of(tmp_path / "reference")
    leftovers = [p.name for p in root.iterdir() if p.name.startswith(".site-")]
    leftovers += [p.name for p in (root / ".build").iterdir() if p.name.startswith(".web-")]
    assert not leftovers, leftovers


@pytest.mark.skipif(os.name != "posix", reason="the build lock is a POSIX advisory lock")
def test_a_build_waits_while_another_build_of_the_same_strategy_runs(tmp_path):
    import fcntl
    import time

    from strategykit.render.web import lock_file_for, work_dir_for

    root = copy_strategy(FIXTURES / "minimal", tmp_path / "repo")
    lock = lock_file_for(work_dir_for(check(root).model))
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as a build in progress holds it
        proc = subprocess.Popen(STRATEGY + ["build", "--web", str(root)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 4  # a minimal build takes about a second when nothing holds the lock
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        waited = proc.poll() is None and not (root / "site").exists()
        fcntl.flock(held.fileno(), fcntl.LOCK_UN)
    out, err = proc.communicate(timeout=300)
    assert waited, "the build did not wait for the lock"
    assert proc.returncode == 0, out + err
    assert (root / "site" / "index.html").is_file()
