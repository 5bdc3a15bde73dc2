"""The PDF path's engine on the peers' input: pandoc → Typst → PDF, as ``pandoc --pdf-engine=xelatex``
is pandoc → LaTeX → PDF.

``make bench`` times this against pandoc + xelatex on the same concatenated chapters, with
the same reader, table of contents, title and paper size, and each side's default template:
the same content through both engines. The strategykit PDF itself sets far more (goal
tables, charts, appendices), so its time against the peers compares different content.

Usage: python bench/pandoc_typst.py CHAPTERS.md OUT.pdf
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pypandoc
import typst

from strategykit.render.pdf.toolchain import CHAPTER_FORMAT


def main(source: str, out: str) -> int:
    with tempfile.TemporaryDirectory(prefix="pandoc-typst-") as tmp:
        typ = Path(tmp) / "chapters.typ"
        subprocess.run([pypandoc.get_pandoc_path(), source, "--from", CHAPTER_FORMAT, "--to", "typst",
                        "--standalone", "--toc", "--metadata", "title=Strategi", "-V", "papersize=a4",
                        "-o", str(typ)], check=True)
        # Only the fonts Typst carries: the same choice the strategykit PDF makes (pdf/toolchain.py).
        typst.compile(str(typ), output=out, ignore_system_fonts=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
