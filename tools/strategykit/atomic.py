"""Writing outputs without ever leaving half of one: build aside, then swap in one step."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Iterator


def _prefix(dest: Path, what: str = "new") -> str:
    """Staging names carry the process id, so a later build can tell an abandoned one (``remove_leftovers``)."""
    return f".{dest.name}-{what}-{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def remove_leftovers(folder: Path, name: str) -> list[str]:
    """Remove the staging files and folders of ``name`` that interrupted builds left in ``folder``.

    Those of a process that still runs stay (it may be a build in progress); so do those of this one.
    """
    removed = []
    pattern = re.compile(rf"^\.{re.escape(name)}-(new|old)-(?:(\d+)-)?")
    with contextlib.suppress(OSError):
        for path in Path(folder).iterdir():
            m = pattern.match(path.name)
            if not m:
                continue
            pid = int(m.group(2)) if m.group(2) else None
            if pid is not None and (pid == os.getpid() or _alive(pid)):
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()
            removed.append(path.name)
    return removed


def exchange(a: Path, b: Path) -> bool:
    """Swap the two names ``a`` and ``b`` in one step (Linux ``renameat2(RENAME_EXCHANGE)``).

    False when the system cannot (another OS, an old kernel or file system): the caller then
    falls back to two renames.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a))


@contextlib.contextmanager
def staged_dir(dest: Path) -> Iterator[Path]:
    """Yield an empty folder beside ``dest``; on success it replaces ``dest``, on error it is removed.

    The previous ``dest`` stays untouched until the new one is complete, so a failed
    build never leaves a half-written site. Two builds at once each use their own folder.
    """
    dest = Path(dest)
    made = _make_parents(dest)
    remove_leftovers(dest.parent, dest.name)
    stage = Path(tempfile.mkdtemp(prefix=_prefix(dest), dir=dest.parent))
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        _remove_empty(made)
        raise
    os.chmod(stage, _default_mode(dest) | 0o111 if dest.exists() else 0o777 & ~_umask())
    if dest.is_dir() and not dest.is_symlink() and exchange(stage, dest):
        shutil.rmtree(stage, ignore_errors=True)  # it holds the old folder now; dest was never missing
        return
    old = None
    if dest.exists() or dest.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=_prefix(dest, "old"), dir=dest.parent))
        os.rmdir(old)
        os.replace(dest, old)
    os.replace(stage, dest)
    if old is not None:
        if old.is_symlink():
            old.unlink()
        else:
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
    remove_leftovers(dest.parent, dest.name)
    fd, name = tempfile.mkstemp(prefix=_prefix(dest), dir=dest.parent)
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
