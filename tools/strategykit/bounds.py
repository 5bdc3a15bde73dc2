"""Time and memory limits for the engines a build runs (pandoc, Typst, MkDocs).

Each engine runs in a child process whose address space is capped (``RLIMIT_AS``) and which the
parent kills when its wall-clock deadline passes, so a hostile PDF profile or a pathological
chapter cannot hang a build or exhaust the machine. Hitting a limit raises a ``BuildError``
that names the limit, how to raise it, and the file being built; the caller's staging keeps the
old outputs as they were.

The limits come from the environment:

- ``STRATEGY_BUILD_TIMEOUT``: seconds per engine run (default 600);
- ``STRATEGY_BUILD_MEMORY``: bytes of address space per engine run, with an optional unit
  ``K``, ``M``, ``G`` or ``T`` (default 16G).

The defaults are sized from BENCHMARKS.md: the 100x synthetic strategy's PDF takes about 75 s
and 10 GB in all, so they leave room for it. The limit is on address space, which is a little more
than the memory a process touches.

Not bounded: the live preview (``strategy serve``) keeps MkDocs' state in its own process to
update single pages, so its MkDocs runs in-process; its pandoc and Typst runs are bounded.
A child costs a Python start-up and the engine's import (the example's web build: about +5 % CPU).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from dataclasses import dataclass
from typing import Sequence

from strategykit.diagnostics import BuildError

TIMEOUT_VARIABLE = "STRATEGY_BUILD_TIMEOUT"
MEMORY_VARIABLE = "STRATEGY_BUILD_MEMORY"
DEFAULT_TIMEOUT = 600.0
DEFAULT_MEMORY = 16 * 1024 ** 3

_UNITS = {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3, "T": 1024 ** 4}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    seconds: float
    memory: int

    def describe_memory(self) -> str:
        gib = self.memory / 1024 ** 3
        return f"{gib:g} GB" if gib >= 1 else f"{self.memory / 1024 ** 2:g} MB"


def limits() -> Limits:
    """The limits in force, from the environment; a malformed value is a BuildError, not a traceback."""
    raw_seconds = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    raw_memory = os.environ.get(MEMORY_VARIABLE, "").strip()
    seconds = DEFAULT_TIMEOUT
    memory = DEFAULT_MEMORY
    if raw_seconds:
        try:
            seconds = float(raw_seconds)
        except ValueError:
            seconds = -1
        if not 0 < seconds < 1e9:
            raise BuildError(f"{TIMEOUT_VARIABLE}={raw_seconds!r} is not a number of seconds above zero, "
                             f"e.g. {TIMEOUT_VARIABLE}=600.")
    if raw_memory:
        m = _SIZE.fullmatch(raw_memory)
        memory = int(float(m.group(1)) * _UNITS[m.group(2).upper()]) if m else 0
        if memory < 64 * 1024 ** 2:
            raise BuildError(f"{MEMORY_VARIABLE}={raw_memory!r} is not a memory size of at least 64M, "
                             f"e.g. {MEMORY_VARIABLE}=16G.")
    return Limits(seconds, memory)


class LimitExceeded(BuildError):
    """An engine ran out of its time or memory limit."""


def _capped(command: Sequence[str], memory: int) -> list[str]:
    """``command`` run by a shell that first caps its address space.

    The shell's ``ulimit`` rather than ``preexec_fn``: pandoc runs in several threads at once, and
    Python code between fork and exec is not safe while other threads run.
    """
    if os.name != "posix" or not os.path.exists("/bin/sh"):
        return list(command)
    return ["/bin/sh", "-c", 'ulimit -v "$0" && exec "$@"', str(max(1, memory // 1024)), *command]


_OUT_OF_MEMORY = ("out of memory", "memory allocation of", "memoryerror", "cannot allocate memory",
                  "std::bad_alloc", "failed to allocate", "heap overflow")


def ran_out_of_memory(returncode: int, stderr: str) -> bool:
    """Whether a child that failed did so for want of memory (the ways pandoc, Rust and Python say it)."""
    text = stderr.lower()
    if any(sign in text for sign in _OUT_OF_MEMORY):
        return True
    # Rust aborts on a failed allocation; a thread that cannot get its stack fails with SIGSEGV/SIGBUS.
    return returncode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV, -signal.SIGBUS)


def run(command: Sequence[str], *, engine: str, subject: str, input: bytes | None = None,
        cwd: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None,
        bounds: Limits | None = None, simplify: str = "Make it simpler") -> subprocess.CompletedProcess[bytes]:
    """Run ``command`` within the limits; its output is captured.

    ``engine`` and ``subject`` name, for the messages, what ran ("pandoc", "Typst") and on what
    ("the chapters", "pdf/profile.typ"); ``simplify`` is the first half of the advice. A child
    that fails for another reason is returned as it is, for the caller to explain; one that hit a
    limit raises ``LimitExceeded``.
    """
    bounds = bounds or limits()
    try:
        proc = subprocess.Popen(_capped(command, bounds.memory),
                                stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env,
                                start_new_session=True)
    except OSError as exc:
        raise BuildError(f"{engine} could not be started: {exc}") from None
    try:
        out, err = proc.communicate(input, timeout=bounds.seconds)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise LimitExceeded(
            f"{engine} was stopped after the build's time limit of {bounds.seconds:g} seconds while building "
            f"{subject}. {simplify}, or, if it is meant to take that long, raise the limit with the "
            f"environment variable {TIMEOUT_VARIABLE}.") from None
    except BaseException:
        _kill(proc)
        raise
    result = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    if proc.returncode != 0 and ran_out_of_memory(proc.returncode, err.decode("utf-8", "replace")):
        raise LimitExceeded(
            f"{engine} ran out of the build's memory limit of {bounds.describe_memory()} while building "
            f"{subject}. {simplify}, or, if it needs that much, raise the limit with the environment "
            f"variable {MEMORY_VARIABLE}.")
    return result


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Kill the child and whatever it started (its own session), and reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.communicate()
