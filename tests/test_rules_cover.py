"""The cover image's rules (rules/cover.py): each fires at the YAML node it names, in the strategy's
language with a hint, and stays quiet on a cover image both editions can show."""

from __future__ import annotations

from pathlib import Path

from strategykit.diagnostics import Severity
from strategykit.messages import localize
from strategykit.project import check

from conftest import edit, find, line_of

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2"><rect width="4" height="2" fill="#1d4f73"/></svg>\n'
COVER_CODES = ("cover-image-missing", "cover-image-outside-folder", "cover-image-format", "cover-image-without-alt")


def _cover(root: Path, lines: str) -> None:
    edit(root, '  language: sv\n', '  language: sv\n  cover:\n' + lines)


def _image(root: Path, name: str = "bilder/omslag.svg", text: str = SVG) -> None:
    path = root / "strategy" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def sv(text) -> str:
    """A diagnostic's message or hint as a reader of a Swedish strategy sees it."""
    return localize(text, "sv")


def _cover_codes(root: Path) -> list[str]:
    return [d.code for d in check(root).diagnostics if d.code.startswith("cover-")]


def test_a_cover_image_with_alt_text_inside_strategy_is_quiet(minimal):
    _image(minimal)
    _cover(minimal, "    image: bilder/omslag.svg\n    alt: Älv och skog i länets färger\n")
    result = check(minimal)
    assert result.diagnostics == [] and result.ok
    assert result.model.cover.image == "bilder/omslag.svg"


def test_cover_image_missing_is_reported_at_the_image_node(minimal):
    _cover(minimal, "    image: bilder/saknas.svg\n    alt: En karta\n")
    [d] = find(minimal, "cover-image-missing")
    assert d.severity is Severity.ERROR
    assert (d.position.file, d.position.line, d.position.column) == ("goals.yaml", line_of(minimal, "saknas.svg"), 12)
    assert sv(d.message) == "Omslagsbilden 'bilder/saknas.svg' finns inte."
    assert "strategy/" in sv(d.hint) and sv(d.hint).startswith("Lägg till filen")
    assert _cover_codes(minimal) == ["cover-image-missing"]


def test_cover_image_outside_strategy_is_reported_and_not_also_missing(minimal):
    (minimal / "omslag.svg").write_text(SVG, encoding="utf-8")
    _cover(minimal, "    image: ../omslag.svg\n    alt: En karta\n")
    [d] = find(minimal, "cover-image-outside-folder")
    assert d.position.line == line_of(minimal, "../omslag.svg")
    assert sv(d.message) == "Omslagsbilden '../omslag.svg' ligger inte i mappen strategy/."
    assert sv(d.hint).startswith("Lägg bilden i mappen strategy/")
    assert _cover_codes(minimal) == ["cover-image-outside-folder"]


def test_cover_image_from_the_web_is_refused_as_outside_the_folder(minimal):
    _cover(minimal, "    image: https://example.org/omslag.svg\n    alt: En karta\n")
    assert _cover_codes(minimal) == ["cover-image-outside-folder"]


def test_cover_image_in_an_unsupported_format_is_reported(minimal):
    _image(minimal, "bilder/omslag.bmp", "BM")
    _cover(minimal, "    image: bilder/omslag.bmp\n    alt: En karta\n")
    [d] = find(minimal, "cover-image-format")
    assert d.position.line == line_of(minimal, "omslag.bmp")
    assert "(PNG, JPG, JPEG, GIF, SVG, WEBP)" in sv(d.message) and sv(d.message).startswith("Omslagsbilden")
    assert _cover_codes(minimal) == ["cover-image-format"]


def test_cover_image_without_alt_is_reported_at_cover(minimal):
    _image(minimal)
    _cover(minimal, "    image: bilder/omslag.svg\n")
    [d] = find(minimal, "cover-image-without-alt")
    assert d.severity is Severity.ERROR
    assert d.position.line == line_of(minimal, "  cover:")
    assert sv(d.message) == "Omslagsbilden 'bilder/omslag.svg' saknar alternativtext."
    assert sv(d.hint).startswith("Beskriv bilden under cover:")


def test_cover_image_with_empty_alt_is_reported_at_alt(minimal):
    _image(minimal)
    _cover(minimal, '    image: bilder/omslag.svg\n    alt: "  "\n')
    [d] = find(minimal, "cover-image-without-alt")
    assert d.position.line == line_of(minimal, "    alt:")
    assert "tom alternativtext" in sv(d.message)


def test_cover_image_rules_cannot_be_relaxed(minimal):
    edit(minimal, "strategy:\n", "checks: {cover-image-without-alt: ignore}\nstrategy:\n")
    _image(minimal)
    _cover(minimal, "    image: bilder/omslag.svg\n")
    assert [d.severity for d in check(minimal).diagnostics if d.code == "cover-image-without-alt"] == [Severity.ERROR]
