"""Which of the git tags and commits that editions.yaml names the repository actually has.

Asked once while the strategy is loaded (one ``git cat-file --batch-check`` for all of them),
so that the rules can warn about a missing tag and the history shows only what exists,
without any renderer running git.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any, Iterable


def present(root: Path, tags: Iterable[str], commits: Iterable[str]) -> frozenset[str] | None:
    """The names among ``tags`` and ``commits`` that the repository at ``root`` has.

    None when that cannot be known: git is missing, or ``root`` is not in a git repository
    (a downloaded archive of the strategy has no tags, and that is not the author's mistake).
    The repository's files are read directly when they have the usual layout: starting git
    costs more than the rest of a check's extra work (3–15 ms against well under 1 ms).
    """
    tags, commits = list(tags), list(commits)
    found = _read_directly(Path(root), tags, commits)
    return found if found is not _UNSURE else _ask_git(root, tags, commits)


_UNSURE: Any = object()
_SHA = re.compile(r"[0-9a-f]{40}")


def _common_dir(root: Path) -> Path | None:
    """The repository's shared git folder (a worktree's ``.git`` is a file that points into it)."""
    for folder in (root.absolute(), *root.absolute().parents):
        dot = folder / ".git"
        if dot.is_dir():
            git_dir = dot
        elif dot.is_file():
            text = dot.read_text(encoding="utf-8", errors="replace").strip()
            if not text.startswith("gitdir:"):
                return None
            git_dir = (folder / text[len("gitdir:"):].strip()).resolve()
        else:
            continue
        common = git_dir / "commondir"
        if common.is_file():
            return (git_dir / common.read_text(encoding="utf-8").strip()).resolve()
        return git_dir
    return None


def _read_directly(root: Path, tags: list[str], commits: list[str]) -> Any:
    """Like ``_ask_git``, from the files; ``_UNSURE`` when the layout is not the plain one."""
    try:
        common = _common_dir(root)
        if common is None:
            return _UNSURE  # perhaps no repository; git says so for certain
        if (common / "reftable").exists() or (common / "objects" / "info" / "alternates").exists() \
                or any(not _SHA.fullmatch(c) for c in commits):
            return _UNSURE
        packed = (common / "packed-refs").read_text(encoding="utf-8") if (common / "packed-refs").is_file() else ""
        packed_refs = {line.split(" ", 1)[1] for line in packed.splitlines() if " " in line and line[:1] != "#"}
        found = {t for t in tags if (common / "refs" / "tags" / t).is_file() or f"refs/tags/{t}" in packed_refs}
        objects = common / "objects"
        wanted = {c for c in commits if not (objects / c[:2] / c[2:]).is_file()}
        found |= set(commits) - wanted
        for idx in sorted((objects / "pack").glob("*.idx")) if wanted else ():
            found |= _in_pack_index(idx.read_bytes(), wanted)
        return frozenset(found)
    except (OSError, ValueError, IndexError):
        return _UNSURE


def _in_pack_index(data: bytes, wanted: set[str]) -> set[str]:
    """The object ids of ``wanted`` listed in a pack index (version 2: a fan-out table, then sorted ids)."""
    if data[:8] != b"\377tOc\0\0\0\2":
        raise ValueError("not a version 2 pack index")
    fanout = struct.unpack(">256I", data[8:8 + 1024])
    ids = 8 + 1024
    out = set()
    for sha in wanted:
        raw = bytes.fromhex(sha)
        lo = fanout[raw[0] - 1] if raw[0] else 0
        hi = fanout[raw[0]]
        while lo < hi:
            mid = (lo + hi) // 2
            here = data[ids + 20 * mid: ids + 20 * mid + 20]
            if here == raw:
                out.add(sha)
                break
            lo, hi = (mid + 1, hi) if here < raw else (lo, mid)
    return out


def _ask_git(root: Path, tags: list[str], commits: list[str]) -> frozenset[str] | None:
    import subprocess

    asked = [(t, f"refs/tags/{t}^{{commit}}") for t in tags if t and "\n" not in t] + \
        [(c, f"{c}^{{commit}}") for c in commits if c and "\n" not in c]
    if not asked:
        return frozenset()
    try:
        proc = subprocess.run(["git", "-C", str(root), "cat-file", "--batch-check"],
                              input="".join(query + "\n" for _, query in asked),
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    answers = proc.stdout.splitlines()
    if proc.returncode != 0 or len(answers) != len(asked):
        return None
    return frozenset(name for (name, _), answer in zip(asked, answers) if answer.split(" ")[1:2] == ["commit"])
