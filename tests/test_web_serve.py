"""`strategy serve`: a saved edit shows in the served page within seconds; a broken edit shows
the diagnostics instead of a stale page, and fixing it brings the site back."""

from __future__ import annotations

import re
import shutil
import time
import urllib.error
import urllib.request

import pytest

from strategykit.cli.serve import VERSION_PATH, Preview
from web_support import FIXTURES, copy_strategy

WITHIN_SECONDS = 20.0


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def _wait_for(url: str, predicate) -> tuple[int, str]:
    deadline = time.monotonic() + WITHIN_SECONDS
    status, body = _get(url)
    while not predicate(status, body):
        if time.monotonic() > deadline:
            pytest.fail(f"{url} did not change within {WITHIN_SECONDS} s; last status {status}")
        time.sleep(0.1)
        status, body = _get(url)
    return status, body


@pytest.fixture
def preview(tmp_path):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "strategy")
    p = Preview(root, "127.0.0.1", 0, log=lambda _text: None)
    p.start()
    try:
        yield p
    finally:
        p.stop()


def test_editing_a_chapter_changes_the_served_page(preview):
    url = preview.url + "kapitel/01-inledning/"
    status, body = _get(url)
    assert status == 200 and "Det här är en teststrategi." in body
    assert VERSION_PATH in body, "the page has no live-reload script"
    chapter = preview.root / "strategy" / "01-inledning.md"
    started = time.monotonic()
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("en teststrategi", "en ändrad strategi"),
                       encoding="utf-8")
    _wait_for(url, lambda s, b: s == 200 and "Det här är en ändrad strategi." in b)
    assert time.monotonic() - started < 10


def test_the_build_number_changes_after_a_rebuild(preview):
    _, before = _get(preview.url + VERSION_PATH.lstrip("/"))
    (preview.root / "strategy" / "01-inledning.md").write_text("# Inledning\n\nNy text.\n", encoding="utf-8")
    _wait_for(preview.url + VERSION_PATH.lstrip("/"), lambda s, b: b != before)


def test_a_broken_edit_shows_the_diagnostics_and_a_fix_brings_the_site_back(preview):
    url = preview.url + "prioriteringar/p1/"
    goals = preview.root / "goals.yaml"
    good = goals.read_text(encoding="utf-8")
    goals.write_text(good.replace("indicator: population", "indicator: no-such-indicator"), encoding="utf-8")
    status, body = _wait_for(url, lambda s, b: s == 500)
    assert "Strategin har fel" in body  # the fixture is Swedish: the page speaks its language
    assert "goals.yaml:" in body and "no-such-indicator" in body
    assert VERSION_PATH in body, "the error page must reload by itself when the error is fixed"
    goals.write_text(good, encoding="utf-8")
    status, body = _wait_for(url, lambda s, b: s == 200)
    assert "Fler invånare" in body


def test_a_bad_value_in_a_data_file_shows_the_diagnostics(tmp_path):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "strategy")
    shutil.copytree(FIXTURES / "observed" / "data", root / "data")
    p = Preview(root, "127.0.0.1", 0, log=lambda _text: None)
    p.start()
    try:
        url = p.url + "prioriteringar/p1/"
        assert _get(url)[0] == 200
        csv = root / "data" / "population.csv"
        csv.write_text(csv.read_text(encoding="utf-8").replace("2021,268000,", "2021,lots,"), encoding="utf-8")
        status, body = _wait_for(url, lambda s, b: s == 500)
        assert "Strategin har fel" in body  # the fixture is Swedish: the page speaks its language
        assert "data/population.csv" in body and "data-non-numeric-value" in body
    finally:
        p.stop()


def test_the_preview_watches_every_source_of_the_site(tmp_path):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "strategy")
    p = Preview(root, "127.0.0.1", 0, log=lambda _text: None)
    try:
        before = p.snapshot()
        for rel in ("data/population.csv", "remiss/kommun-a.yaml", "dialogue.yaml", "editions.yaml",
                    "pdf/theme.typ", "mkdocs.yml"):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text("x\n", encoding="utf-8")
            after = p.snapshot()
            assert after != before, f"a change to {rel} is not seen"
            before = after
    finally:
        p.server.server_close()


@pytest.fixture
def logged(tmp_path):
    """A preview of the minimal strategy, with what it logs."""
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "strategy")
    lines: list[str] = []
    p = Preview(root, "127.0.0.1", 0, log=lines.append)
    p.start()
    try:
        yield p, lines
    finally:
        p.stop()


def _next_line(lines: list[str], count: int) -> str:
    deadline = time.monotonic() + WITHIN_SECONDS
    while len(lines) <= count:
        if time.monotonic() > deadline:
            pytest.fail(f"the preview logged nothing new within {WITHIN_SECONDS} s: {lines}")
        time.sleep(0.05)
    return lines[count]


def test_the_log_says_how_long_each_rebuild_took_and_whether_it_was_incremental(logged):
    preview, lines = logged
    assert re.fullmatch(r"Preview: rebuilt in \d+\.\d s \(full build: first build; full check \d+\.\d s\)\.", lines[0])
    chapter = preview.root / "strategy" / "01-inledning.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nEn ny mening.\n", encoding="utf-8")
    assert re.fullmatch(r"Preview: rebuilt in \d+\.\d s \(incremental: kapitel/01-inledning\.md; "
                        r"incremental check \d+\.\d s\)\.", _next_line(lines, 1))
    _wait_for(preview.url + "kapitel/01-inledning/", lambda s, b: "En ny mening." in b)
    goals = preview.root / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace("title: Fler invånare", "title: Fler invånare i länet"),
                     encoding="utf-8")
    assert re.fullmatch(r"Preview: rebuilt in \d+\.\d s \(full build: goals\.yaml changed; full check \d+\.\d s\)\.",
                        _next_line(lines, 2))
    _wait_for(preview.url + "prioriteringar/p1/", lambda s, b: "Fler invånare i länet" in b)


def test_a_broken_link_saved_in_a_chapter_shows_the_diagnostics_and_the_fix_is_rebuilt_incrementally(logged):
    preview, lines = logged
    url = preview.url + "kapitel/01-inledning/"
    chapter = preview.root / "strategy" / "01-inledning.md"
    good = chapter.read_text(encoding="utf-8")
    chapter.write_text(good + "\nSe [arbetet](#arbetet-i-lanet).\n", encoding="utf-8")
    status, body = _wait_for(url, lambda s, b: s == 500)
    assert "chapter-link-broken" in body and "strategy/01-inledning.md:" in body
    assert "incremental check" in _next_line(lines, 1)
    chapter.write_text(good + "\nSe [arbetet](#arbete).\n", encoding="utf-8")
    status, body = _wait_for(url, lambda s, b: s == 200)
    assert 'href="#arbete"' in body
    assert "(incremental: kapitel/01-inledning.md;" in _next_line(lines, 2)


def test_a_new_file_among_the_chapters_means_a_full_check_and_build(logged):
    preview, lines = logged
    (preview.root / "strategy" / "02-utkast.md").write_text("# Utkast\n", encoding="utf-8")
    assert "(full build: files were added or removed; full check" in _next_line(lines, 1)


def test_a_folder_of_sources_made_after_the_preview_started_is_watched(tmp_path):
    """data/ did not exist when the preview started: its first file still wakes the watcher."""
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "strategy")
    assert not (root / "data").exists()
    p = Preview(root, "127.0.0.1", 0, log=lambda _text: None)
    p.start()
    try:
        (root / "data").mkdir()
        time.sleep(0.5)  # a folder made, then a file in it a moment later, as a person would
        (root / "data" / "population.csv").write_text("year,value,provenance\n2021,lots,illustrative\n",
                                                     encoding="utf-8")
        _, body = _wait_for(p.url + "prioriteringar/p1/", lambda s, b: s == 500)
        assert "data-non-numeric-value" in body
    finally:
        p.stop()


def test_nothing_is_rebuilt_while_no_source_changes(logged):
    """The watcher is told of changes, it does not poll: files outside the sources wake nothing."""
    preview, lines = logged
    (preview.root / "notes.txt").write_text("not a source\n", encoding="utf-8")
    time.sleep(1.5)
    assert len(lines) == 1 and preview.version == 1
