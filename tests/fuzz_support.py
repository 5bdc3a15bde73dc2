"""Seeded mutations of the example strategy: its chapters and the texts of goals.yaml.

Shared by the build fuzz (tests/test_fuzz_build.py: check-clean mutants must build) and the check
fuzz (tests/test_properties.py: no mutant may crash the check). A mutation inserts Markdown,
Unicode, control characters and odd links into a chapter, or replaces a text value of goals.yaml
(written as a YAML double-quoted string, so every character can be expressed).
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass

from conftest import REPO

CHAPTERS = {p.relative_to(REPO).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted((REPO / "strategy").glob("*.md"))}
GOALS = (REPO / "goals.yaml").read_text(encoding="utf-8")

SNIPPETS = [
    "*x*", "**x**", "*", "**", "_", "__x__", "`", "``", "`kod`", "``a ` b``", "~~x~~", "^x^", "~x~",
    "[x](<a b>)", "[x](https://example.org/a)", "[x](https://example.org/a b)", "[x][y]", "[y]: https://example.org",
    "[x]", "[[x]]", "[x](#inledning)", "[x](03-vision.md)", "<https://example.org>", "<a@b.se>", "https://example.org",
    "> citat", "> > citat", "- punkt", "1. punkt", "  - inre", "# Rubrik", "## Avsnitt", "### Under", "###### Sex",
    "---", "***", "|a|b|\n|-|-|\n|1|2|", "| a |\n|---|", "term\n: definition", "```\nkod\n```", "~~~\nkod\n~~~",
    "    indragen kod", "\t", "&amp;", "&lt;", "&#65;", "&#x1D;", "&nbsp;", "\\", "\\*", "$x$", "$$", "@ref", "[@ref]",
    "[^1]", "[^1]: fotnot", ":::", "::: note\nx\n:::", "{#id}", "{.klass}", "!!! note", "??? x", "<!-- c -->",
    "{{ x }}", "{% x %}", "%", "#", "#hashtag", "100 %", "5 < 6", "6 > 5", "a & b", "\"citat\"", "'apostrof'",
    "…", "–", "—", "«x»", "„x“", "é", "Å", "ß", "Ω", "Ж", "∑", "√2", "½", "€", "°C", "№", "™", "\u00a0", "\u00ad",
    "\u200b", "\u200d", "\u2060", "\u202f", "\u2028", "\u2029", "\ufeff", "\u202e", "\x1d", "\x00", "\x0b", "\x7f",
    "\x85", "\r", "\r\n", "\n", "\n\n", "  \n", "<b>fet</b>", "<br>", "<div>x</div>", "<span>x</span>", "<x>",
    "=SUM(A1)", "+1", "-1", "1.", "1)", "(1)", "i.", "A.", "*   ", "-\t", "+ x", "😀", "中文", "e\u0301", "\ufe0f",
]
"""Pieces of Markdown and of Unicode that renderers have been known to read differently."""

ALPHABET = ("abcdefghijklmnopqrstuvwxyzåäöÅÄÖ ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?-_*`[](){}<>#&|\\/'\"~^=+%@$"
            "\t\n\x1d\x00\u00a0\u200b\u00e9\u00fc\u00df\u03a9\u0416\u2013\u2014\u2026\u20ac")

TEXT_KEYS = re.compile(r"^(\s*(?:- )?)(title|subtitle|publisher|name|unit|source|description|label|note):[ ]+(\S.*)$")


@dataclass(frozen=True)
class Mutant:
    file: str
    text: str
    what: str


def _random_text(rng: random.Random, pieces: int) -> str:
    out = []
    for _ in range(pieces):
        if rng.random() < 0.7:
            out.append(rng.choice(SNIPPETS))
        else:
            out.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12))))
        out.append(rng.choice(["", " ", " ", "\n", "\n\n"]))
    return "".join(out)


def mutate_chapter(rng: random.Random) -> Mutant:
    file = rng.choice(sorted(CHAPTERS))
    lines = CHAPTERS[file].split("\n")
    inserted = _random_text(rng, rng.randint(1, 6))
    at = rng.randint(1, len(lines))  # never before the title: chapter-without-title is not the point here
    if rng.random() < 0.5:
        lines.insert(at, inserted)
    else:
        line = lines[at - 1] if at - 1 < len(lines) else ""
        cut = rng.randint(0, len(line))
        lines[at - 1] = line[:cut] + inserted + line[cut:]
        if at == 1 and not lines[0].startswith("# "):
            lines[0] = "# " + lines[0]
    return Mutant(file, "\n".join(lines), f"chapter {file} line {at}: {inserted!r}")


def mutate_goals(rng: random.Random) -> Mutant:
    lines = GOALS.split("\n")
    candidates = [i for i, line in enumerate(lines) if TEXT_KEYS.match(line)
                  and not TEXT_KEYS.match(line).group(3).startswith(("|", ">", "[", "{", "&", "*", "!"))]
    i = rng.choice(candidates)
    m = TEXT_KEYS.match(lines[i])
    value = _random_text(rng, rng.randint(1, 3)).strip() or "x"
    if rng.random() < 0.5:
        value = m.group(3).strip("'\"") + " " + value
    lines[i] = f"{m.group(1)}{m.group(2)}: {json.dumps(value, ensure_ascii=rng.random() < 0.5)}"
    return Mutant("goals.yaml", "\n".join(lines), f"goals.yaml line {i + 1}: {m.group(2)} = {value!r}")


def mutant(rng: random.Random) -> Mutant:
    return mutate_chapter(rng) if rng.random() < 0.7 else mutate_goals(rng)


def original(file: str) -> str:
    return GOALS if file == "goals.yaml" else CHAPTERS[file]
