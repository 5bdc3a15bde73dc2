"""`strategy serve`: a saved edit shows in the served page within seconds; a broken edit shows
the diagnostics instead of a stale page, and fixing it brings the site back."""

from __future__ import annotations

import shutil
import time
import urllib.error
import urllib.request

import pytest

from strategykit.serve import VERSION_PATH, Preview
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
    assert "The strategy has errors" in body
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
        assert "The strategy has errors" in body
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
