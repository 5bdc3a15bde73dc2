"""What must hold before Typst runs: the same diagnostics as ``strategy check``, never a compiler trace.

PDF/UA-1 makes some problems fatal for the print edition (an image without alt
text, a chapter without a title, a skipped heading level); they are found here
by the rules themselves, at error level whatever the strategy's ``checks:``
section says, and reported with file and line.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import BuildError, Diagnostic, Position, Severity, sorted_diagnostics
from ..model import Chapter, Strategy

PDF_RULES = (
    "chapter-missing", "chapter-outside-folder", "chapter-without-title", "image-without-alt",
    "image-outside-folder", "raw-markup", "heading-level-skipped",
)
"""Rules whose findings would make the PDF fail to compile, leak a file, or fail PDF/UA-1."""

IMAGE_FORMATS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
"""What Typst can embed."""


class PdfRefused(BuildError):
    """The PDF was not built because of problems in the strategy; ``diagnostics`` lists them."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        from ..report import format_text

        count = len(diagnostics)
        super().__init__(
            f"the PDF edition was not built: {count} problem{'s' if count != 1 else ''} must be fixed first.\n"
            + format_text(diagnostics).rstrip("\n"))


CHAPTER_FOLDER = "strategy"
"""Images come from here, as the ``image-outside-folder`` rule demands."""


def image_file(model: Strategy, chapter: Chapter, target: str) -> Path | None:
    """The file a chapter's image refers to, if it is a local path inside strategy/ once links are resolved."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or target.startswith(("/", "\\")):
        return None
    path = ((model.root / chapter.file).parent / unquote(parts.path)).resolve()
    return path if path.is_relative_to((model.root / CHAPTER_FOLDER).resolve()) else None


def _image_problems(model: Strategy) -> list[Diagnostic]:
    out = []
    for c in model.chapters:
        if c.document is None:
            continue
        for im in c.document.images:
            path = image_file(model, c, im.target)
            if path is None:
                continue  # image-outside-folder reports it
            where = Position(c.file, im.line, im.column)
            if not path.is_file():
                out.append(Diagnostic("image-missing", Severity.ERROR,
                                      f"The image '{im.target}' does not exist.", where,
                                      "Add the file, or correct the path (it is relative to the chapter)."))
            elif path.suffix.lower() not in IMAGE_FORMATS:
                out.append(Diagnostic("image-format", Severity.ERROR,
                                      f"The image '{im.target}' is not in a format the PDF can embed.", where,
                                      "Save it as SVG (for drawings and charts), PNG or JPEG."))
    return out


def preflight(model: Strategy) -> list[Diagnostic]:
    """The errors that stop the PDF, sorted by file and line."""
    from ..rules import RULES

    found: list[Diagnostic] = []
    for code in PDF_RULES:
        r = RULES.get(code)
        if r is None:
            continue
        for f in r.check(model):
            position = f.position or model.source.position(f.path, key=f.key)
            found.append(Diagnostic(code, Severity.ERROR, f.message, position,
                                    f.hint if f.hint is not None else r.fix, f.path))
    found.extend(_image_problems(model))
    return sorted_diagnostics(found)


def refuse_if_broken(model: Strategy) -> None:
    problems = preflight(model)
    if problems:
        raise PdfRefused(problems)
