"""Rules on the cover's image (``strategy: cover:``): the file exists inside strategy/, in a format both
editions can show, and says what it shows.

They guard the build: both editions show the image (the PDF's cover, the web edition's first
page), and neither checks it again.
"""

from __future__ import annotations

from typing import Iterator
from urllib.parse import unquote, urlsplit

from strategykit.model import Strategy
from strategykit.model.images import CHAPTER_FOLDER, IMAGE_FORMATS, cover_file, is_local
from strategykit.rules import Finding, rule
from strategykit.messages import _

_IMAGE = ("strategy", "cover", "image")


@rule("cover-image-outside-folder", guards_build=True,
      fix=_("Put the image in the strategy/ folder and give its path from there, e.g. image: bilder/omslag.svg."))
def cover_image_outside_folder(s: Strategy) -> Iterator[Finding]:
    """The cover's image comes from the strategy's own folder.

    Its path is relative to strategy/ (`image: bilder/omslag.svg` is the file
    strategy/bilder/omslag.svg). An absolute path, a path with `../` that leaves
    strategy/, a link out of it or a web address (https://…) is refused: an edition
    must neither pull in a file of the build machine nor change when a remote site does.
    """
    image = s.cover.image
    if not image:
        return
    inside = is_local(image) and cover_file(s) is not None
    if not inside and not (is_local(image) and _names_no_file(image)):
        yield Finding(_("The cover image '{target}' is not inside the {CHAPTER_FOLDER}/ folder.",
                        target=image, CHAPTER_FOLDER=CHAPTER_FOLDER), _IMAGE)


def _names_no_file(image: str) -> bool:
    return not unquote(urlsplit(image).path).strip()


@rule("cover-image-missing", guards_build=True,
      fix=_("Add the file, or correct the path (it is relative to the strategy/ folder)."))
def cover_image_missing(s: Strategy) -> Iterator[Finding]:
    """The cover's image exists as a file.

    The path is relative to strategy/, so `image: bilder/omslag.svg` is the file
    strategy/bilder/omslag.svg. A missing image would stop the PDF and leave a hole
    on the web edition's first page.
    """
    image = s.cover.image
    if not image or not is_local(image):
        return
    if _names_no_file(image):
        yield Finding(_("The cover image '{target}' names no file.", target=image), _IMAGE)
        return
    path = cover_file(s)
    if path is not None and not path.is_file():
        yield Finding(_("The cover image '{target}' does not exist.", target=image), _IMAGE)


@rule("cover-image-format", guards_build=True, fix=_("Save it as SVG (for drawings), PNG or JPEG."))
def cover_image_format(s: Strategy) -> Iterator[Finding]:
    """The cover's image is in a format both editions can show: SVG, PNG, JPEG, GIF or WebP.

    The PDF cannot embed other formats (BMP, TIFF, HEIC, a Word or PDF file), and
    most browsers do not show them either.
    """
    path = cover_file(s)
    if path is not None and path.is_file() and path.suffix.lower() not in IMAGE_FORMATS:
        yield Finding(_("The cover image '{target}' is not in a format the editions can show ({allowed}).",
                        target=s.cover.image, allowed=", ".join(f.lstrip(".").upper() for f in IMAGE_FORMATS)),
                      _IMAGE)


@rule("cover-image-without-alt", guards_build=True,
      fix=_("Describe the image under cover:, e.g. alt: Älv och skog i länets färger."))
def cover_image_without_alt(s: Strategy) -> Iterator[Finding]:
    """The cover's image says what it shows (`alt:`).

    A cover image is content, not decoration: it is the first thing a reader
    meets, so readers who cannot see it hear the alternative text instead (WCAG 2.1
    AA, PDF/UA-1). An empty `alt: ""` is refused too.
    """
    if s.cover.image and not s.cover.alt:
        where = ("strategy", "cover", "alt")
        if where in s.source.keys:
            yield Finding(_("The cover image '{target}' has an empty alternative text.", target=s.cover.image), where)
        else:
            yield Finding(_("The cover image '{target}' has no alternative text.", target=s.cover.image),
                          ("strategy", "cover"), key=True)
