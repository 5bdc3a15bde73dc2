"""Git, the one place that runs it: revisions, their commits, and the strategy folder as it was.

Everything that needs an earlier state of the sources (the semantic diff, the earlier editions'
PDFs, the commit an edition names) comes through here; the renderers never run git.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from pathlib import Path
from typing import Sequence


class RevisionError(Exception):
    """A side cannot be found: an unknown revision, a folder without goals.yaml, no git."""


def git(root: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=not binary,
                              timeout=120)
    except FileNotFoundError as exc:
        raise RevisionError("git is not installed, so revisions cannot be compared; give two folders instead.") from exc


def toplevel_and_prefix(root: Path) -> tuple[Path, str]:
    top = git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise RevisionError(f"'{root}' is not inside a git repository; give two folders to compare instead.")
    prefix = git(root, "rev-parse", "--show-prefix").stdout.strip()
    return Path(top.stdout.strip()), prefix


def resolve_commit(root: Path, rev: str) -> str:
    """The commit a revision names, or a RevisionError that says so plainly."""
    proc = git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RevisionError(f"'{rev}' is neither a folder nor a git revision (branch, tag or commit) "
                            "in this repository.")
    return proc.stdout.strip()


def default_base(root: Path) -> tuple[str, str]:
    """The merge base of HEAD with main (or origin/main) as (label, commit): where this branch started."""
    for branch in ("main", "origin/main"):
        if git(root, "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}").returncode == 0:
            proc = git(root, "merge-base", branch, "HEAD")
            if proc.returncode == 0:
                commit = proc.stdout.strip()
                return f"the merge base with {branch} ({commit[:7]})", commit
    raise RevisionError("there is no branch 'main' to compare with; name the base revision, "
                        "e.g. 'strategy diff origin/main'.")


def extract(root: Path, commit: str, dest: Path, only: Sequence[str] = ()) -> Path:
    """Unpack the strategy folder as it was at ``commit`` into ``dest``; return the folder.

    ``only`` names the files and folders (relative to the strategy folder) to unpack, those of them
    the commit has; the rest of the repository, such as the toolkit's code and tests, stays packed.
    """
    Path(dest).mkdir(parents=True, exist_ok=True)
    top, prefix = toplevel_and_prefix(root)
    paths = [prefix or "."]
    if only:
        listed = git(top, "ls-tree", "--name-only", commit, "--", prefix or ".")
        present = {Path(line).name for line in listed.stdout.splitlines()} if listed.returncode == 0 else set()
        paths = [prefix + name for name in only if name in present]
        if not paths:  # an empty folder: loading it says what is missing
            (dest / prefix).mkdir(parents=True, exist_ok=True)
            return dest / prefix if prefix else dest
    proc = git(top, "archive", "--format=tar", commit, "--", *paths, binary=True)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip()
        raise RevisionError(f"the strategy folder cannot be read at {commit[:12]}: {message}")
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
        else:  # Python < 3.11.4: git archive writes plain relative paths; take only those
            tar.extractall(dest, members=[m for m in tar.getmembers() if (m.isfile() or m.isdir())
                                          and not m.name.startswith("/") and ".." not in m.name.split("/")])
    return dest / prefix if prefix else dest


def head_commit(root: Path) -> str | None:
    """The commit the sources were built from (``STRATEGY_COMMIT`` overrides), or None outside git.

    A working tree with uncommitted changes gets the suffix '-dirty', so that an
    edition never claims to be a commit it is not.
    """
    override = os.environ.get("STRATEGY_COMMIT")
    if override:
        return override
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                              text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}-dirty" if dirty else head
