"""Rules on a chapter's size and nesting: what the engines that build the editions can handle in time.

pandoc (the PDF), Python-Markdown (the web edition) and Typst slow down sharply, or fail, on a few
shapes of Markdown that no prose needs. Measured with pandoc 3.9, Python-Markdown 3 and Typst 0.15
(issue 18): brackets inside brackets double pandoc's time with each level (0.8 s at 12 levels, 5 s at
14; 200 paragraphs at 8 levels 5.6 s, at 10 levels 26 s), and a paragraph full of unclosed '[' takes
both pandoc and Python-Markdown over a minute; 35 block quotes, or about 50 lists, inside one
another exceed Typst's show-rule depth, and a few hundred give a RecursionError; a run of 10,000
backticks takes pandoc 14 s, and runs of 100 different lengths in 5 KB 4.7 s; 3,000 '<' in one
paragraph take pandoc 8 s. A 1 MB chapter of ordinary prose takes pandoc 5 s and Python-Markdown 11 s.
Brackets cost pandoc about three times more with each level even where it copes: 2,000 short
paragraphs with brackets 5 deep take it 13 s (a 1 MB chapter of them minutes), 3 deep 1.3 s.

The limits below leave a wide margin under those figures, so a chapter that passes them builds well
within the build's time limit (STRATEGY_BUILD_TIMEOUT, 600 s by default). A build that is stopped
anyway names the limit it hit (bounds.py).
"""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Position
from strategykit.messages import _
from strategykit.model import Strategy
from strategykit.rules import Finding, rule

CHAPTER_BYTES = 1_000_000
BLOCK_DEPTH = 10
BRACKET_DEPTH = 3
BACKTICK_RUN = 10
ANGLES_PER_PARAGRAPH = 100


@rule("chapter-too-large", fix=_("Split the chapter into several chapters, each under 1 MB, and list them in goals.yaml."))
def chapter_too_large(s: Strategy) -> Iterator[Finding]:
    """A chapter is at most 1 MB (1,000,000 bytes).

    A chapter of that size is about 150,000 words, several books; the editions take seconds to
    build it, and much larger chapters slow every build and the live preview.
    """
    for c in s.chapters:
        if c.document is None:
            continue
        size = len(c.document.text.encode("utf-8"))
        if size > CHAPTER_BYTES:
            yield Finding(_("The chapter '{file}' is {size:,} bytes; a chapter may be at most {limit:,} bytes (1 MB).",
                            file=c.file, size=size, limit=CHAPTER_BYTES), position=Position(c.file, 1, 1))


@rule("chapter-nesting-too-deep",
      fix=_("Put fewer block quotes, lists or brackets inside one another; write '\\[' for a bracket that "
            "is only a character."))
def chapter_nesting_too_deep(s: Strategy) -> Iterator[Finding]:
    """Block quotes and lists go at most 10 levels inside one another, square brackets at most 3.

    The PDF's typesetter stops at about 35 block quotes inside one another, and pandoc, which reads
    the chapters for the PDF, doubles its time with each level of brackets inside brackets: a line
    like `Se [[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]].` alone takes it minutes. Brackets that are never
    closed count as open until the end of the paragraph.

    FAIL: `> > > > > > > > > > > Too deep` (11 block quotes)

    PASS: `See [the plan [2020]](plan.md).`
    """
    for c in s.chapters:
        d = c.document
        if d is None:
            continue
        if d.block_depth.value > BLOCK_DEPTH:
            yield Finding(_("Block quotes and lists are nested {depth} levels deep here; the editions allow at most "
                            "{limit}.", depth=d.block_depth.value, limit=BLOCK_DEPTH),
                          position=Position(c.file, d.block_depth.line, d.block_depth.column))
        if d.bracket_depth.value > BRACKET_DEPTH:
            yield Finding(_("Square brackets inside one another go {depth} levels deep from here (unclosed ones count "
                            "until the end of the paragraph); the editions allow at most {limit}.",
                            depth=d.bracket_depth.value, limit=BRACKET_DEPTH),
                          position=Position(c.file, d.bracket_depth.line, d.bracket_depth.column))


@rule("chapter-marks-too-many",
      fix=_("Write backticks and '<' that are only characters as '\\`' and '&lt;', or put such text in a "
            "code block (a line of ``` before and after it)."))
def chapter_marks_too_many(s: Strategy) -> Iterator[Finding]:
    """At most 10 backticks in a row, and at most 100 '<' in one paragraph.

    Code in running text is marked with one to three backticks (`` `code` ``); pandoc takes
    seconds to minutes to match longer runs. Each '<' may start an HTML tag that pandoc looks for
    to the end of the paragraph, so thousands of them in one paragraph take it minutes.
    """
    for c in s.chapters:
        d = c.document
        if d is None:
            continue
        if d.backtick_run.value > BACKTICK_RUN:
            yield Finding(_("Here are {count} backticks in a row; at most {limit} are allowed.",
                            count=d.backtick_run.value, limit=BACKTICK_RUN),
                          position=Position(c.file, d.backtick_run.line, d.backtick_run.column))
        if d.angle_count.value > ANGLES_PER_PARAGRAPH:
            yield Finding(_("The paragraph holds {count} '<' characters (the first is here); at most {limit} are "
                            "allowed in one paragraph.", count=d.angle_count.value, limit=ANGLES_PER_PARAGRAPH),
                          position=Position(c.file, d.angle_count.line, d.angle_count.column))
