"""pandoc and Typst, both from PyPI: the pinned pair, how they are called, and their errors in plain words.

pandoc's Typst writer emits code for one Typst version; a newer compiler may
reject it. The two are therefore pinned together (pyproject.toml) and checked
here, so that a mismatched install fails with a message instead of a puzzling
compiler error.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

import pypandoc
import typst

from ..diagnostics import BuildError
from .profile import PROFILE_FOLDER

PANDOC_SERIES = "3.9"
TYPST_SERIES = "0.15"

CHAPTER_FORMAT = ("markdown-citations-tex_math_dollars-tex_math_single_backslash"
                  "-raw_tex-raw_attribute+autolink_bare_uris")
"""Chapters are prose: no citations (no bibliography), no math (no alt text), no raw Typst/LaTeX."""

PANDOC_ARGS = ["--sandbox", "--syntax-highlighting=none", "--wrap=preserve"]
"""``--sandbox``: pandoc reads nothing but its input, so no chapter can pull in another file."""


def versions() -> tuple[str, str]:
    """The pandoc version and the Typst package version in use."""
    return pypandoc.get_pandoc_version(), typst.__version__


def check_pairing() -> None:
    pandoc_v, typst_v = versions()
    if not (pandoc_v.startswith(PANDOC_SERIES + ".") or pandoc_v == PANDOC_SERIES) \
            or not typst_v.startswith(TYPST_SERIES + "."):
        raise BuildError(
            f"The PDF needs pandoc {PANDOC_SERIES}.x with Typst {TYPST_SERIES}.x, but pandoc {pandoc_v} "
            f"and Typst {typst_v} are installed. Reinstall the toolkit (make build) to get the pinned pair.")


def _pandoc(text: str, to: str, fmt: str, extra: list[str] | None = None) -> str:
    try:
        return pypandoc.convert_text(text, to, format=fmt, extra_args=PANDOC_ARGS + (extra or []))
    except (RuntimeError, OSError) as exc:
        first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise BuildError(f"pandoc could not convert the document: {first}") from None


def markdown_to_json(text: str) -> str:
    return _pandoc(text, "json", CHAPTER_FORMAT)


def json_to_typst(document: str, template: Path) -> str:
    return _pandoc(document, "typst", "json", ["--standalone", "--template", str(template)])


_LOCATION = re.compile(r"([\w./-]+\.typ):(\d+):(\d+)")


def compile_pdf(build: Path, *, timestamp: int, own_profile: Sequence[str] = ()) -> bytes:
    """Compile build/main.typ with nothing but the build folder and its fonts; tagged PDF/UA-1.

    System fonts are ignored so that every machine embeds the same fonts, and the
    timestamp fixes the PDF's dates: together they make the bytes reproducible.
    ``own_profile``: the files that came from the organisation's pdf/ folder, for messages.
    """
    try:
        pdf, warnings = typst.compile_with_warnings(
            str(build / "main.typ"), root=str(build), font_paths=[str(build / "style")],
            ignore_system_fonts=True, pdf_standards=["ua-1"], timestamp=timestamp, sys_inputs={},
        )
    except typst.TypstError as exc:
        raise BuildError(_plain_error(exc, build, own_profile)) from None
    for w in warnings:
        message = getattr(w, "message", "") or str(w)
        if message.startswith("unknown font family"):
            family = message.split(":", 1)[1].strip()
            where = _where(w, build, own_profile)
            raise BuildError(
                f"The font '{family}' is not available{f' ({where})' if where else ''}. The PDF uses only "
                "the fonts built into Typst (Libertinus Serif, New Computer Modern, DejaVu Sans Mono) and "
                "font files placed in the profile folder pdf/; put the font's .ttf or .otf files there.")
    return pdf


def _where(diagnostic: object, build: Path, own_profile: Sequence[str]) -> str:
    m = _LOCATION.search(str(getattr(diagnostic, "diagnostic", "") or ""))
    return _origin(build, m.group(1), int(m.group(2)), own_profile) if m else ""


def _plain_error(exc: typst.TypstError, build: Path, own_profile: Sequence[str]) -> str:
    message = getattr(exc, "message", "") or str(exc).splitlines()[0]
    hints = list(getattr(exc, "hints", None) or [])
    where = _where(exc, build, own_profile)
    text = f"The PDF could not be compiled: {message}"
    if where:
        text += f" ({where})"
    text += "."
    if hints:
        text += " Hint: " + "; ".join(h.rstrip(".") for h in hints) + "."
    return text


CHAPTER_MARK = "// strategykit-source: "


def _origin(build: Path, file: str, line: int, own_profile: Sequence[str]) -> str:
    """Which source a line of generated Typst came from: a chapter, the generated parts or the profile."""
    path = Path(file)
    if not path.is_absolute():
        path = Path.cwd() / path
    try:
        name = path.resolve().relative_to(build.resolve()).as_posix()
    except ValueError:
        name = file.lstrip("/")
    if name.startswith("style/"):
        rel = name.removeprefix("style/")
        if rel in own_profile:
            return f"in the graphic profile, {PROFILE_FOLDER}/{rel} line {line}"
        return f"in the packaged graphic profile, templates/{rel} line {line}"
    if name != "main.typ":
        return f"in {name}"
    try:
        lines = (build / "main.typ").read_text(encoding="utf-8").splitlines()[:line]
    except OSError:
        return ""
    for text in reversed(lines):
        if text.startswith(CHAPTER_MARK):
            return f"in {text.removeprefix(CHAPTER_MARK).strip()}"
    return ""
