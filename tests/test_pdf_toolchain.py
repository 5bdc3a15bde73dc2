"""pandoc's Typst writer and the Typst compiler are pinned as a pair; this is the pairing's test."""

from __future__ import annotations

import io

import pypandoc
import pypdf
import pytest
import typst

from strategykit.diagnostics import BuildError
from strategykit.render.pdf import toolchain


def test_pandoc_is_3_9_and_typst_is_0_15():
    pandoc_version, typst_version = toolchain.versions()
    assert pandoc_version.split(".")[:2] == ["3", "9"], pandoc_version
    assert typst_version.split(".")[:2] == ["0", "15"], typst_version
    toolchain.check_pairing()


def test_a_mismatched_pair_is_refused_in_plain_words(monkeypatch):
    monkeypatch.setattr(toolchain, "versions", lambda: ("3.10", "0.15.2"))
    with pytest.raises(BuildError, match=r"needs pandoc 3\.9\.x with Typst 0\.15\.x, but pandoc 3\.10"):
        toolchain.check_pairing()


def test_pandoc_typst_output_compiles_as_tagged_pdf_ua_1(tmp_path):
    markdown = (
        "# Rubrik med åäö\n\nBrödtext med *kursiv*, **fet**, `kod`, en fotnot[^1] och en "
        "[länk](https://example.org).\n\n## Avsnitt\n\n- punkt ett\n- punkt två\n\n"
        "| Kolumn | Värde |\n|--------|------:|\n| a | 1,5 |\n\n> Ett citat.\n\n---\n\n[^1]: Fotnoten.\n"
    )
    source = pypandoc.convert_text(
        markdown, "typst", format=toolchain.CHAPTER_FORMAT,
        extra_args=toolchain.PANDOC_ARGS + ["--standalone", "-M", "title=Prov", "-M", "lang=sv"])
    (tmp_path / "main.typ").write_text(source, encoding="utf-8")
    pdf = typst.compile(str(tmp_path / "main.typ"), root=str(tmp_path), pdf_standards=["ua-1"],
                        ignore_system_fonts=True, timestamp=1579046400)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Rubrik med åäö" in text and "Fotnoten." in text


def test_typst_embeds_the_fonts_the_default_theme_names():
    families = typst.Fonts(include_system_fonts=False).families()
    assert {"Libertinus Serif", "DejaVu Sans Mono"} <= set(families)
