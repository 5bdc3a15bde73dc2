"""Outputs are written whole or not at all, with ordinary permissions."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from strategykit.atomic import staged_dir, staged_file, write_atomic


def test_write_atomic_gives_a_readable_file(tmp_path):
    dest = tmp_path / "out.pdf"
    write_atomic(dest, b"data")
    assert dest.read_bytes() == b"data"
    assert dest.stat().st_mode & 0o044 == 0o044  # group and others may read a published file


def test_write_atomic_keeps_the_original_on_error(tmp_path, monkeypatch):
    dest = tmp_path / "out.pdf"
    dest.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(dest, b"new")
    assert dest.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_staged_dir_replaces_only_on_success(tmp_path):
    dest = tmp_path / "site"
    dest.mkdir()
    (dest / "index.html").write_text("old")
    with pytest.raises(RuntimeError):
        with staged_dir(dest) as stage:
            (stage / "index.html").write_text("half")
            raise RuntimeError("build failed")
    assert (dest / "index.html").read_text() == "old"
    with staged_dir(dest) as stage:
        (stage / "index.html").write_text("new")
    assert (dest / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert dest.stat().st_mode & 0o055 == 0o055


def test_staged_file_replaces_only_on_success(tmp_path):
    dest = tmp_path / "dist" / "x.pdf"
    dest.parent.mkdir()
    dest.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with staged_file(dest) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("build failed")
    assert dest.read_bytes() == b"old"
    with staged_file(dest) as tmp:
        tmp.write_bytes(b"new")
        assert dest.read_bytes() == b"old"
    assert dest.read_bytes() == b"new"
    assert [p.name for p in dest.parent.iterdir()] == ["x.pdf"]
    assert dest.stat().st_mode & 0o044 == 0o044


def test_a_failed_output_leaves_no_folder_made_for_it(tmp_path):
    for staged in (staged_file, staged_dir):
        with pytest.raises(RuntimeError):
            with staged(tmp_path / "a" / "b" / "out"):
                raise RuntimeError("build failed")
        assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2(RENAME_EXCHANGE) is Linux's")
def test_staged_dir_swaps_in_one_step_so_the_folder_is_never_missing(tmp_path, monkeypatch):
    dest = tmp_path / "site"
    dest.mkdir()
    (dest / "index.html").write_text("old")

    def no_second_rename(src, dst):
        raise AssertionError("a rename that leaves a moment without the folder")

    monkeypatch.setattr(os, "replace", no_second_rename)
    with staged_dir(dest) as stage:
        (stage / "index.html").write_text("new")
    assert (dest / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_staging_left_by_an_interrupted_build_is_removed_by_the_next(tmp_path):
    dest = tmp_path / "site"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    for name in (f".site-new-{dead}-abc", f".site-old-{dead}-def", ".site-new-k2j4h5"):
        (tmp_path / name).mkdir()
    (tmp_path / f".x.pdf-new-{dead}-q").write_bytes(b"half")
    alive = tmp_path / f".site-new-{os.getpid()}-mine"  # a build of this process, still running
    alive.mkdir()
    with staged_dir(dest) as stage:
        (stage / "index.html").write_text("new")
    with staged_file(tmp_path / "x.pdf") as tmp:
        tmp.write_bytes(b"pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", "x.pdf", alive.name])
