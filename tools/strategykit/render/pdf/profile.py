"""The graphic profile: the packaged templates, overlaid by the organisation's own files in ``pdf/``."""

from __future__ import annotations

import shutil
from pathlib import Path

from strategykit.diagnostics import BuildError

PROFILE_FOLDER = "pdf"
"""The folder, in the strategy repository's root, that holds an organisation's graphic profile."""

TEMPLATES = Path(__file__).resolve().parent / "templates"
DOCUMENT_TEMPLATE = TEMPLATES / "strategy.typ"
"""The document template (pandoc's template syntax, filled by ``toolchain.fill_template``). Not
replaceable; it only wires the profile in."""

PROFILE_FILES = ("profile.typ", "theme.typ")
"""The packaged files that make up the default profile."""

MAX_PROFILE_BYTES = 50 * 1024 * 1024


def profile_dir(root: Path) -> Path | None:
    folder = Path(root) / PROFILE_FOLDER
    return folder if folder.exists() else None


def stage_profile(root: Path, dest: Path) -> list[str]:
    """Copy the default profile into ``dest``, then the organisation's ``pdf/`` over it.

    Returns the names of the organisation's files. Every file must lie inside the
    repository after links are resolved: a profile cannot pull in files from
    elsewhere on the machine that builds it.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROFILE_FILES:
        shutil.copyfile(TEMPLATES / name, dest / name)
    folder = profile_dir(root)
    if folder is None:
        return []
    base = Path(root).resolve()
    resolved = folder.resolve()
    if not resolved.is_dir() or not resolved.is_relative_to(base):
        raise BuildError(f"The graphic profile folder '{PROFILE_FOLDER}/' must be a folder inside the "
                         "strategy repository; it was not used.")
    copied, total = [], 0
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or path.is_dir():
            continue
        real = path.resolve()
        if not real.is_relative_to(base):
            raise BuildError(f"The profile file '{PROFILE_FOLDER}/{rel.as_posix()}' points outside the "
                             "strategy repository; copy the file into the repository instead of linking to it.")
        if not real.is_file():
            continue
        total += real.stat().st_size
        if total > MAX_PROFILE_BYTES:
            raise BuildError(f"The graphic profile in '{PROFILE_FOLDER}/' is larger than "
                             f"{MAX_PROFILE_BYTES // 1_048_576} MB; keep only the template, fonts and logo there.")
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(real, target)
        copied.append(rel.as_posix())
    return copied
