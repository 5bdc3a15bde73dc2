"""Rules on the organisation's graphic profile, the Typst files in pdf/."""

from __future__ import annotations

import re
from typing import Iterator

from strategykit.diagnostics import Position
from strategykit.messages import _
from strategykit.model import Strategy
from strategykit.rules import Finding, rule

_PACKAGE = re.compile(r"\"(@[A-Za-z0-9_-]+/[^\"\n]*)\"")
"""The same pattern the PDF build refuses (``pdf.toolchain.package_imports``); not imported from there:
that module loads pandoc and Typst, which ``strategy check`` never does."""


@rule("pdf-package-import",
      fix=_("Copy the package's files into pdf/ and import them by their path, e.g. #import \"cetz/lib.typ\"."))
def pdf_package_import(s: Strategy) -> Iterator[Finding]:
    """The graphic profile imports no Typst package from the network.

    `#import "@preview/…"` makes Typst download the package while the PDF is built: the build
    then depends on a server elsewhere, and what it downloads runs in the build. The build
    refuses it and is kept offline; copy the package's files into pdf/ instead (vendoring).

    FAIL: `#import "@preview/cetz:0.3.0": canvas`  PASS: `#import "cetz/lib.typ": canvas`
    """
    for file, text in s.profile_texts:
        for m in _PACKAGE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            yield Finding(_("'{file}' imports the Typst package '{package}', which would be downloaded from the network "
                            "during the build.", file=file, package=m.group(1)), position=Position(file, line, column))
