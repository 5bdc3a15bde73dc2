"""Shared test helpers: a small valid strategy, and ways to break it one thing at a time."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from strategykit.project import check

TESTS = Path(__file__).parent
REPO = TESTS.parent
MINIMAL = TESTS / "fixtures" / "minimal"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Nothing is fetched from the network at test time; a test that tries fails loudly."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("/"):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def copy_minimal(dest: Path) -> Path:
    shutil.copytree(MINIMAL, dest)
    return dest


@pytest.fixture
def minimal(tmp_path) -> Path:
    """A copy of the minimal valid strategy that a test may change."""
    return copy_minimal(tmp_path / "strategy-repo")


def edit(root: Path, old: str, new: str, file: str = "goals.yaml") -> None:
    """Replace one exact piece of text; fails if it is not there exactly once, so tests stay honest."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(root: Path, needle: str, file: str = "goals.yaml") -> int:
    """The line number (from 1) of the one line containing ``needle``."""
    lines = (root / file).read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines, start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} on lines {hits}"
    return hits[0]


def codes(root: Path) -> list[str]:
    return [d.code for d in check(root).diagnostics]


def find(root: Path, code: str):
    found = [d for d in check(root).diagnostics if d.code == code]
    assert found, f"no {code} in {[(d.code, d.message) for d in check(root).diagnostics]}"
    return found


GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity and no user configuration; returns its output."""
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, check=True)
    return proc.stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")
