"""The cover's image, decided once for both editions: which file, where it is published, what it says.

The PDF draws it in the lower part of its cover, the web edition on its first page; both show
the same file with the same alternative text (``strategy: cover:``; the rules ``cover-image-*``
have checked it, so an image given is one both editions can show).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from strategykit.model import Strategy
from strategykit.model.images import CHAPTER_FOLDER, cover_file, shows_cover


@dataclass(frozen=True)
class CoverImage:
    file: Path
    """The image file, inside strategy/ (the PDF copies it into its build)."""
    path: str
    """Its path relative to strategy/, with '/' (the web edition publishes strategy/'s files beside the chapters)."""
    alt: str
    """What it shows, in one line: the PDF's figure and the web's <img> say the same."""


def cover_image(s: Strategy) -> CoverImage | None:
    """The cover's image, or None when the strategy gives none (or one the rules refuse)."""
    if not shows_cover(s):
        return None
    file = cover_file(s)
    assert file is not None
    folder = (s.root / CHAPTER_FOLDER).resolve()
    return CoverImage(file=file, path=PurePosixPath(*file.relative_to(folder).parts).as_posix(),
                      alt=" ".join(s.cover.alt.split()))
