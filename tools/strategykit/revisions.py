"""Which of the git tags and commits that editions.yaml names the repository actually has.

Asked once while the strategy is loaded (one ``git cat-file --batch-check`` for all of them),
so that the rules can warn about a missing tag and the history shows only what exists,
without any renderer running git.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Iterable


def present(root: Path, tags: Iterable[str], commits: Iterable[str]) -> frozenset[str] | None:
    """The names among ``tags`` and ``commits`` that resolve to a commit in the repository at ``root``.

    None when that cannot be known: git is missing, or ``root`` is not in a git repository
    (a downloaded archive of the strategy has no tags, and that is not the author's mistake).
    """
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
