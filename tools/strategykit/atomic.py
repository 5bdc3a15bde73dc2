"""Writing outputs without ever leaving half of one: build aside, then swap in one step."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def staged_dir(dest: Path) -> Iterator[Path]:
    """Yield an empty folder beside ``dest``; on success it replaces ``dest``, on error it is removed.

    The previous ``dest`` stays untouched until the new one is complete, so a failed
    build never leaves a half-written site. Two builds at once each use their own folder.
    """
    dest = Path(dest)
    made = _make_parents(dest)
    stage = Path(tempfile.mkdtemp(prefix=f".{dest.name}-new-", dir=dest.parent))
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        _remove_empty(made)
        raise
    os.chmod(stage, _default_mode(dest) | 0o111 if dest.exists() else 0o777 & ~_umask())
    old = None
    if dest.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{dest.name}-old-", dir=dest.parent))
        os.rmdir(old)
        os.replace(dest, old)
    os.replace(stage, dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _default_mode(dest: Path) -> int:
    """The existing file's mode, or what a new file would get under the current umask."""
    try:
        return dest.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


@contextlib.contextmanager
def staged_file(dest: Path) -> Iterator[Path]:
    """Yield an empty file beside ``dest`` to write; on success it replaces ``dest``, on error it is removed.

    The counterpart of ``staged_dir`` for one file: ``dest`` keeps its old content until the
    new one is complete and on disk, and a failure leaves no trace (not even a folder made for it).
    """
    dest = Path(dest)
    made = _make_parents(dest)
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}-new-", dir=dest.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        # mkstemp makes the file private; a published file gets the usual permissions.
        os.chmod(tmp, _default_mode(dest))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        _remove_empty(made)
        raise


def write_atomic(dest: Path, data: bytes) -> None:
    """Write ``data`` to ``dest`` through a temporary file and an atomic rename."""
    with staged_file(dest) as tmp:
        tmp.write_bytes(data)


def _make_parents(dest: Path) -> list[Path]:
    """Make the folders ``dest`` needs; return those that did not exist, deepest first."""
    missing = [p for p in dest.parents if not p.exists()]
    dest.parent.mkdir(parents=True, exist_ok=True)
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()
