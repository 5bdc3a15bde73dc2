"""What an edition says about its own making: the git commit and the date, never the clock."""

from __future__ import annotations

import datetime as _dt
import os
import subprocess
from pathlib import Path

from strategykit.model import Strategy


def git_commit(root: Path) -> str | None:
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


def build_date(model: Strategy) -> _dt.date:
    """The date an edition shows: ``SOURCE_DATE_EPOCH`` if set, else the edition's own date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc).date()
    return edition_date(model)


def edition_date(model: Strategy) -> _dt.date:
    """The edition's own date (goals.yaml), whatever the environment says."""
    try:
        return _dt.date.fromisoformat(model.edition.date)
    except ValueError:
        return _dt.date(model.period_start or 2000, 1, 1)


def pdf_filename(model: Strategy) -> str:
    return f"{model.id}-{model.edition.version}.pdf"
