"""Where a strategy's images are: the files the rules check and the editions embed, resolved once, the same way.

A chapter's image is relative to its chapter; the cover's image (``strategy: cover: image:``) is
relative to the strategy/ folder. Either must be a local path that stays inside strategy/ once
links are followed.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from strategykit.model import Chapter, Strategy
from strategykit.source.load import is_inside, real_path

CHAPTER_FOLDER = "strategy"

IMAGE_FORMATS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
"""What Typst can embed (and every browser shows)."""


def is_local(target: str) -> bool:
    """True when ``target`` is a relative path: no scheme (https:, file:), no host, not absolute."""
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc or target.startswith(("/", "\\")))


def _resolved(s: Strategy, base: Path, target: str) -> Path | None:
    parts = urlsplit(target)
    if not is_local(target) or not parts.path:
        return None
    path = real_path(base / unquote(parts.path))
    return path if path is not None and is_inside(path, s.root / CHAPTER_FOLDER) else None


def image_file(s: Strategy, chapter: Chapter, target: str) -> Path | None:
    """The file a chapter's image refers to, if it is a local path inside strategy/ once links are resolved."""
    return _resolved(s, (s.root / chapter.file).parent, target)


def cover_file(s: Strategy) -> Path | None:
    """The file of the cover's image, if one is given as a local path inside strategy/ once links are resolved."""
    return _resolved(s, s.root / CHAPTER_FOLDER, s.cover.image) if s.cover else None


def shows_cover(s: Strategy) -> bool:
    """True when the cover's image is a file inside strategy/ in a format the editions can show."""
    path = cover_file(s)
    return path is not None and path.is_file() and path.suffix.lower() in IMAGE_FORMATS
