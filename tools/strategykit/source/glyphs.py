"""Which characters the PDF can show: the glyphs of the fonts built into Typst, and of the profile's own.

Typst embeds its fonts (Libertinus Serif, New Computer Modern, DejaVu Sans Mono) in its binary and
falls back from one to the next, but a character none of them has stops the PDF (PDF/UA requires
every character to be shown: an emoji or a Chinese character in a chapter did). The check needs
to know this without loading Typst, so the characters the built-in fonts cover are kept in
``data/pdf-glyphs.txt`` (code point ranges, hex), and font files in the profile folder ``pdf/`` are
read here, with a small reader of the OpenType character map (no font library in the check).

Regenerate the table after upgrading Typst: ``python -m strategykit.source.glyphs``.
"""

from __future__ import annotations

import functools
import itertools
import re
import struct
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "data" / "pdf-glyphs.txt"
FONT_SUFFIXES = (".ttf", ".otf")


def font_coverage(data: bytes, offset: int = 0) -> set[int]:
    """The code points an OpenType/TrueType font at ``offset`` in ``data`` maps (cmap formats 4 and 12)."""
    num = struct.unpack_from(">H", data, offset + 4)[0]
    cmap = None
    for i in range(num):
        tag, _, table_offset, _ = struct.unpack_from(">4sIII", data, offset + 12 + 16 * i)
        if tag == b"cmap":
            cmap = offset + table_offset
    if cmap is None:
        return set()
    covered: set[int] = set()
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        _, _, sub = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        s = cmap + sub
        fmt = struct.unpack_from(">H", data, s)[0]
        if fmt == 4:
            seg2 = struct.unpack_from(">H", data, s + 6)[0]
            ends = struct.unpack_from(f">{seg2 // 2}H", data, s + 14)
            starts = struct.unpack_from(f">{seg2 // 2}H", data, s + 16 + seg2)
            for a, b in zip(starts, ends):
                if a != 0xFFFF:
                    covered.update(range(a, b + 1))
        elif fmt == 12:
            for g in range(struct.unpack_from(">I", data, s + 12)[0]):
                a, b, _ = struct.unpack_from(">III", data, s + 16 + 12 * g)
                covered.update(range(a, min(b, 0x10FFFF) + 1))
    return covered


@functools.lru_cache(maxsize=1)
def builtin() -> frozenset[int]:
    """The code points the PDF's built-in fonts draw (data/pdf-glyphs.txt: ranges of hexadecimal numbers)."""
    ranges = (line.partition("-") for line in TABLE.read_text(encoding="ascii").split())
    return frozenset(itertools.chain.from_iterable(range(int(a, 16), int(b or a, 16) + 1) for a, _, b in ranges))


def ignorable(ch: str) -> bool:
    """Characters a typesetter does not draw: formatting marks (soft hyphen, zero-width space, joiners),
    line and paragraph separators, and variation selectors."""
    import unicodedata

    code = ord(ch)
    return (unicodedata.category(ch) in ("Cf", "Zl", "Zp", "Cc") or 0xFE00 <= code <= 0xFE0F
            or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180D)


def first_missing(text: str, covered: frozenset[int] | set[int] | None = None) -> int | None:
    """The offset of the first character of ``text`` that the fonts do not have, or None."""
    if text.isascii():
        return None
    covered = builtin() if covered is None else covered
    missing = [ch for ch in set(text) if ord(ch) not in covered and not ignorable(ch)]
    return min(text.index(ch) for ch in missing) if missing else None


def own_fonts(root: Path) -> set[int]:
    """What the font files in the profile folder pdf/ add; a file that cannot be read adds nothing."""
    covered: set[int] = set()
    folder = root / "pdf"
    if not folder.is_dir():
        return covered
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in FONT_SUFFIXES and path.is_file():
            try:
                covered |= font_coverage(path.read_bytes())
            except (OSError, struct.error):
                continue
    return covered


def _ranges(points: set[int]) -> list[str]:
    out, ordered = [], sorted(points)
    start = prev = ordered[0]
    for p in ordered[1:] + [-1]:
        if p != prev + 1:
            out.append(f"{start:04X}" if start == prev else f"{start:04X}-{prev:04X}")
            start = p
        prev = p
    return out


def main() -> None:
    """Rewrite data/pdf-glyphs.txt from the fonts embedded in the installed Typst."""
    import typst

    binary = next(Path(typst.__file__).parent.glob("_typst*.so")).read_bytes()
    covered: set[int] = set()
    for m in re.finditer(rb"OTTO|\x00\x01\x00\x00", binary):
        try:
            num = struct.unpack_from(">H", binary, m.start() + 4)[0]
            tags = [binary[m.start() + 12 + 16 * i: m.start() + 16 + 16 * i] for i in range(num)] if 5 <= num <= 40 else []
            if tags and all(re.fullmatch(rb"[A-Za-z0-9/ _]{4}", t) for t in tags) and b"cmap" in tags:
                covered |= font_coverage(binary, m.start())
        except struct.error:
            continue
    TABLE.write_text("\n".join(_ranges(covered)) + "\n", encoding="ascii")
    print(f"{TABLE.name}: {len(covered)} characters")


if __name__ == "__main__":
    main()
