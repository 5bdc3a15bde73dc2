"""Where a chapter's images are: the files the rules check and the PDF embeds, resolved once, the same way."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from strategykit.model import Chapter, Strategy
from strategykit.source.load import is_inside, real_path

CHAPTER_FOLDER = "strategy"

IMAGE_FORMATS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
"""What Typst can embed (and every browser shows)."""


def image_file(s: Strategy, chapter: Chapter, target: str) -> Path | None:
    """The file a chapter's image refers to, if it is a local path inside strategy/ once links are resolved."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or target.startswith(("/", "\\")):
        return None
    path = real_path((s.root / chapter.file).parent / unquote(parts.path))
    return path if path is not None and is_inside(path, s.root / CHAPTER_FOLDER) else None
