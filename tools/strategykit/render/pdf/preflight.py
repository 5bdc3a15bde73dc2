"""What must hold before Typst runs: the same diagnostics as ``strategy check``, never a compiler trace.

PDF/UA-1 makes some problems fatal for the print edition (an image without alt
text, a chapter without a title, a skipped heading level); they are found here
by the rules themselves, at error level whatever the strategy's ``checks:``
section says, and reported with file and line.
"""

from __future__ import annotations

from strategykit.diagnostics import BuildError, Diagnostic, Severity, sorted_diagnostics
from strategykit.model import Strategy

PDF_RULES = (
    "chapter-missing", "chapter-outside-folder", "chapter-without-title", "image-without-alt",
    "image-outside-folder", "image-missing", "image-format", "raw-markup", "heading-level-skipped",
)
"""Rules whose findings would make the PDF fail to compile, leak a file, or fail PDF/UA-1."""


class PdfRefused(BuildError):
    """The PDF was not built because of problems in the strategy; ``diagnostics`` lists them."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        from strategykit.cli.formats import format_text

        count = len(diagnostics)
        super().__init__(
            f"the PDF edition was not built: {count} problem{'s' if count != 1 else ''} must be fixed first.\n"
            + format_text(diagnostics).rstrip("\n"))


def preflight(model: Strategy) -> list[Diagnostic]:
    """The errors that stop the PDF, sorted by file and line."""
    from strategykit.rules import RULES

    found: list[Diagnostic] = []
    for code in PDF_RULES:
        r = RULES[code]
        for f in r.check(model):
            position = f.position or model.source.position(f.path, key=f.key)
            found.append(Diagnostic(code, Severity.ERROR, f.message, position,
                                    f.hint if f.hint is not None else r.fix, f.path))
    return sorted_diagnostics(found)


def refuse_if_broken(model: Strategy) -> None:
    problems = preflight(model)
    if problems:
        raise PdfRefused(problems)
