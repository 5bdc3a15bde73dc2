"""Every engine a build runs (pandoc, Typst, MkDocs) is bounded in time and memory.

A hostile PDF profile or a chapter that bypasses the checks must end the build with a message that
names the limit and what was being built, exit 1, and the old outputs as they were. The limits come
from STRATEGY_BUILD_TIMEOUT and STRATEGY_BUILD_MEMORY; these tests set small ones.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from strategykit import bounds
from strategykit.diagnostics import BuildError
from strategykit.render.pdf import toolchain

from conftest import TESTS

PRINT = TESTS / "fixtures" / "print"
PACKAGED_PROFILE = Path(toolchain.__file__).parent / "templates" / "profile.typ"

ENDLESS_LOOP = "\n#for i in range(100000) { for j in range(100000) { } }\n"
MEMORY_HOG = '\n#{ let s = "x"; for i in range(40) { s = s + s }; s.len() }\n'


def _repo_with_profile(tmp_path: Path, tail: str) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(PRINT, root)
    (root / "pdf").mkdir()
    (root / "pdf" / "profile.typ").write_text(PACKAGED_PROFILE.read_text(encoding="utf-8") + tail, encoding="utf-8")
    return root


def _build(root: Path, dist: Path, *what: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "STRATEGY_COMMIT": "0" * 40, **env}
    return subprocess.run([sys.executable, "-m", "strategykit", "build", *what, str(root), "--dist-dir", str(dist),
                           "--site-dir", str(root / "site")],
                          capture_output=True, text=True, env=environment, timeout=300)


def _old_pdf(dist: Path) -> bytes:
    dist.mkdir()
    old = b"%PDF-1.7 the previous edition\n"
    (dist / "tryckprov-2020.2.pdf").write_bytes(old)
    return old


def test_endless_loop_in_the_pdf_profile_stops_at_the_time_limit(tmp_path):
    root = _repo_with_profile(tmp_path, ENDLESS_LOOP)
    dist = tmp_path / "dist"
    old = _old_pdf(dist)
    started = time.monotonic()
    proc = _build(root, dist, "--pdf", STRATEGY_BUILD_TIMEOUT="5", STRATEGY_BUILD_MEMORY="1G")
    assert time.monotonic() - started < 30
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "time limit of 5 seconds" in proc.stderr and "pdf/profile.typ" in proc.stderr
    assert "STRATEGY_BUILD_TIMEOUT" in proc.stderr
    assert (dist / "tryckprov-2020.2.pdf").read_bytes() == old
    assert sorted(p.name for p in dist.iterdir()) == ["tryckprov-2020.2.pdf"]


def test_memory_hungry_pdf_profile_stops_at_the_memory_limit(tmp_path):
    root = _repo_with_profile(tmp_path, MEMORY_HOG)
    dist = tmp_path / "dist"
    old = _old_pdf(dist)
    proc = _build(root, dist, "--pdf", STRATEGY_BUILD_TIMEOUT="60", STRATEGY_BUILD_MEMORY="1G")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "memory limit of 1 GB" in proc.stderr and "pdf/profile.typ" in proc.stderr
    assert "STRATEGY_BUILD_MEMORY" in proc.stderr
    assert (dist / "tryckprov-2020.2.pdf").read_bytes() == old


def test_the_same_profile_within_the_limits_builds(tmp_path):
    root = _repo_with_profile(tmp_path, "\n")
    dist = tmp_path / "dist"
    proc = _build(root, dist, "--pdf", STRATEGY_BUILD_TIMEOUT="60", STRATEGY_BUILD_MEMORY="1G")
    assert proc.returncode == 0, proc.stderr
    assert (dist / "tryckprov-2020.2.pdf").read_bytes().startswith(b"%PDF-")


def test_pandoc_reading_a_pathological_chapter_stops_at_the_time_limit(monkeypatch):
    # The check refuses this nesting (chapter-nesting-too-deep); here it is handed to pandoc directly.
    monkeypatch.setenv("STRATEGY_BUILD_TIMEOUT", "2")
    started = time.monotonic()
    with pytest.raises(bounds.LimitExceeded) as caught:
        toolchain.read_each(["Se " + "[" * 26 + "x" + "]" * 26 + "."])
    assert time.monotonic() - started < 15
    assert "pandoc was stopped after the build's time limit of 2 seconds" in str(caught.value)
    assert "the chapters in strategy/" in str(caught.value)


def test_pandoc_beyond_the_memory_limit_is_named(monkeypatch):
    monkeypatch.setenv("STRATEGY_BUILD_MEMORY", "300M")
    with pytest.raises(bounds.LimitExceeded) as caught:
        toolchain.read_each(["[" * 3000 + "x" + "]" * 3000])
    assert "pandoc ran out of the build's memory limit of 300 MB" in str(caught.value)


def test_mkdocs_beyond_the_time_limit_leaves_the_old_site(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(PRINT, root)
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    # MkDocs takes about a second to load and build, so a fifth of one always stops it.
    proc = _build(root, tmp_path / "dist", "--web", STRATEGY_BUILD_TIMEOUT="0.2")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "MkDocs was stopped after the build's time limit of 0.2 seconds" in proc.stderr
    assert "mkdocs.yml" in proc.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"


def test_a_python_engine_out_of_memory_is_named():
    with pytest.raises(bounds.LimitExceeded) as caught:
        bounds.run([sys.executable, "-c", "x = bytearray(2 * 1024 ** 3)"], engine="MkDocs", subject="the web edition",
                   bounds=bounds.Limits(30, 512 * 1024 ** 2))
    assert "MkDocs ran out of the build's memory limit of 512 MB while building the web edition" in str(caught.value)


@pytest.mark.parametrize("variable, value", [("STRATEGY_BUILD_TIMEOUT", "soon"), ("STRATEGY_BUILD_TIMEOUT", "-1"),
                                             ("STRATEGY_BUILD_MEMORY", "lots"), ("STRATEGY_BUILD_MEMORY", "1K")])
def test_a_malformed_limit_is_a_plain_message(monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(BuildError) as caught:
        bounds.limits()
    assert variable in str(caught.value)


def test_limits_accept_units_and_default_generously(monkeypatch):
    monkeypatch.delenv("STRATEGY_BUILD_TIMEOUT", raising=False)
    monkeypatch.delenv("STRATEGY_BUILD_MEMORY", raising=False)
    assert bounds.limits() == bounds.Limits(600.0, 16 * 1024 ** 3)
    monkeypatch.setenv("STRATEGY_BUILD_MEMORY", "1.5G")
    monkeypatch.setenv("STRATEGY_BUILD_TIMEOUT", "90")
    assert bounds.limits() == bounds.Limits(90.0, int(1.5 * 1024 ** 3))
