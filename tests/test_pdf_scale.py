"""The print edition of a large strategy: what keeps its build linear in the size of the strategy.

pandoc reads all chapters in one run (a few at once for a large strategy), each chapter on
its own; the Typst of a large document is written in pieces that join as pandoc writes it
whole; the profile's calls get data.json without its long lists; the figures are numbered
ahead of Typst and the outline has a stand-in, so that Typst's second layout pass is its
last. Each of these must leave the PDF exactly as it was.
"""

from __future__ import annotations

import json
import re

import pypandoc
import pypdf
import pytest

from strategykit.plan import gather
from strategykit.render.pdf import build_pdf, document as pdf_document, render_pdf, toolchain
from strategykit.render.pdf.document import Media, build_document, number_figures, raw
from strategykit.project import check

from conftest import REPO, TESTS
from pdf_support import normalise

PRINT = TESTS / "fixtures" / "print"
COMMIT = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture(scope="module")
def example():
    result = check(REPO)
    assert result.ok
    return result.model


@pytest.fixture
def fixed(monkeypatch):
    monkeypatch.setenv("STRATEGY_COMMIT", COMMIT)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def _reads(monkeypatch) -> list[int]:
    """Counts the texts of each run of pandoc that reads Markdown."""
    runs: list[int] = []
    real = toolchain.read_each

    def counting(texts):
        runs.append(len(texts))
        return real(texts)
    monkeypatch.setattr(pdf_document.toolchain, "read_each", counting)
    return runs


def _chapter_order(blocks) -> list[str]:
    return [b["c"][1].removeprefix(toolchain.CHAPTER_MARK) for b in blocks
            if b.get("t") == "RawBlock" and b["c"][1].startswith(toolchain.CHAPTER_MARK)
            and b["c"][1].removeprefix(toolchain.CHAPTER_MARK).startswith("strategy/")]


def test_all_chapters_are_read_in_one_run_of_pandoc_and_keep_their_order(example, tmp_path, monkeypatch):
    runs = _reads(monkeypatch)
    doc = build_document(example, Media(tmp_path / "media"), read=pdf_document.toolchain.read_each)
    chapters = [c for c in example.chapters if c.document is not None]
    assert len(chapters) >= 10
    assert runs[0] == len(chapters), "the chapters were not read in one run"
    assert len(runs) == 2, runs  # the chapters, then the generated appendices
    assert _chapter_order(doc.blocks) == [c.file for c in chapters]


def test_a_large_strategy_is_read_in_several_runs_at_once_with_the_same_result(example, tmp_path, monkeypatch):
    whole = build_document(example, Media(tmp_path / "one"))
    runs = _reads(monkeypatch)
    monkeypatch.setattr(pdf_document, "READ_BATCH", 1)
    monkeypatch.setattr(toolchain, "PANDOC_RUNS", 3)
    split = build_document(example, Media(tmp_path / "three"), read=pdf_document.toolchain.read_each)
    assert runs[:3] and sum(runs[:3]) == len([c for c in example.chapters if c.document is not None])
    assert len(runs) == 4, runs  # three runs for the chapters, one for the appendices
    assert split.blocks == whole.blocks and split.labels == whole.labels


def test_each_text_is_read_on_its_own_as_pandoc_reads_a_file():
    texts = ["Text[^1]\n\n[^1]: Den första.\n\n```\nett staket som aldrig stängs",
             "# Nästa kapitel\n\nText[^1] och [länk][a].\n\n[^1]: Den andra.\n\n[a]: https://example.org",
             "\tindraget\tmed tabbar\n\nåäö\tslut", ""]
    alone = [json.loads(pypandoc.convert_text(t, "json", format=toolchain.CHAPTER_FORMAT,
                                              extra_args=toolchain.PANDOC_ARGS))["blocks"] for t in texts]
    assert toolchain.read_each(texts) == alone
    assert alone[1][0]["t"] == "Header", "the unclosed fence reached into the next text"


def test_typst_written_in_pieces_is_what_pandoc_writes_for_the_whole(example, tmp_path, monkeypatch):
    blocks = build_document(example, Media(tmp_path / "media")).blocks
    whole = toolchain._pandoc(json.dumps({"pandoc-api-version": toolchain.API_VERSION, "meta": {},
                                          "blocks": blocks}, ensure_ascii=False), "typst", "json")
    monkeypatch.setattr(toolchain, "WRITE_BATCH", 1)
    monkeypatch.setattr(toolchain, "PANDOC_RUNS", 4)
    assert toolchain.typst_body(blocks) == whole.rstrip("\n")


def test_split_evenly_cuts_consecutive_ranges_of_about_equal_size():
    assert toolchain.split_evenly([5, 5, 5, 5], batch=100, most=4) == [range(0, 4)]
    assert toolchain.split_evenly([5, 5, 5, 5], batch=10, most=4) == [range(0, 2), range(2, 4)]
    assert toolchain.split_evenly([1, 1, 1, 9], batch=1, most=2) == [range(0, 3), range(3, 4)]
    assert toolchain.split_evenly([3] * 10, batch=1, most=3) == [range(0, 3), range(3, 7), range(7, 10)]
    assert toolchain.split_evenly([], batch=1, most=2) == []


def test_generated_calls_hand_the_profile_data_without_its_long_lists(fixed, tmp_path):
    """Typst hashes every argument of a call it memoises: all of data.json per call made the build quadratic."""
    model = check(PRINT).model
    render_pdf(gather(model), keep=tmp_path)
    main = (tmp_path / "main.typ").read_text(encoding="utf-8")
    calls = re.findall(r"^#(goal-table|indicator-entry|followup-\w+)\((.*)\)$", main, re.M)
    assert {name for name, _ in calls} >= {"goal-table", "indicator-entry"}
    assert all(", shared" in args and ", data" not in args for _, args in calls), calls
    # with the packaged profile 'shared' leaves the lists out; an own profile gets all (test_pdf.py)
    assert json.loads((tmp_path / "data.json").read_text(encoding="utf-8"))["own_profile"] is False


def test_figures_numbered_ahead_are_the_numbers_typst_gives(fixed, example, tmp_path, monkeypatch):
    ahead = build_pdf(gather(example), tmp_path / "ahead").read_bytes()
    monkeypatch.setattr(pdf_document, "number_figures", lambda blocks, charts: None)
    by_typst = build_pdf(gather(example), tmp_path / "typst").read_bytes()
    assert ahead == by_typst
    captions = re.findall(r"(Tabell|Figur)\s(\d+):", " ".join(
        p.extract_text() for p in pypdf.PdfReader(tmp_path / "ahead" / "rus-vasterbotten-2020.2.pdf").pages))
    for kind in ("Tabell", "Figur"):
        numbers = [int(n) for k, n in captions if k == kind]
        assert numbers and numbers == list(range(1, len(numbers) + 1)), (kind, numbers)


def test_number_figures_gives_each_call_its_first_number_and_wraps_pandocs_figures():
    table = {"t": "Table", "c": []}
    blocks = [raw("#goal-table(data.priorities.at(0), shared)"), table,
              raw("#indicator-entry(data.indicators.at(1), shared)"),
              raw('#chapter-image("/media/001.svg", "Karta", caption: [#"Karta"])'),
              raw("#followup-priority(data.followup.priorities.at(0), shared)")]
    out = number_figures(blocks, charts=lambda i: {1: 3}[i])
    codes = [b["c"][1] if b.get("t") == "RawBlock" else b["t"] for b in out]
    assert codes == [
        "#goal-table(data.priorities.at(0) + (figure: 1), shared)",
        '#[#set figure(numbering: (..) => numbering("1", 2))', "Table", "]",
        "#indicator-entry(data.indicators.at(1) + (figure: 1), shared)",
        '#[#set figure(numbering: (..) => numbering("1", 4))',
        '#chapter-image("/media/001.svg", "Karta", caption: [#"Karta"])', "]",
        "#followup-priority(data.followup.priorities.at(0) + (figure: 3), shared)",
    ]


def test_a_table_inside_another_block_leaves_the_numbering_to_typst():
    nested = {"t": "BulletList", "c": [[{"t": "Table", "c": []}]]}
    assert number_figures([raw("#goal-table(data.priorities.at(0), shared)"), nested], charts=len) is None


def test_the_outline_stand_in_lists_the_chapter_titles(fixed, tmp_path):
    model = check(PRINT).model
    render_pdf(gather(model), keep=tmp_path)
    data = json.loads((tmp_path / "data.json").read_text(encoding="utf-8"))
    headings = [line[2:].strip() for line in (tmp_path / "main.typ").read_text(encoding="utf-8").splitlines()
                if line.startswith("= ")]
    assert data["outline"] and len(data["outline"]) == len(headings)
    assert data["outline"][0] == model.chapters[0].title


def test_chapter_pages_have_no_running_head_and_the_others_name_their_chapter(fixed, example, tmp_path):
    reader = pypdf.PdfReader(build_pdf(gather(example), tmp_path))
    starts = {reader.get_destination_page_number(o): o.title for o in reader.outline if not isinstance(o, list)}
    first_chapter = min(i for i, name in starts.items() if name == example.chapters[0].title)
    chapter, checked = None, 0
    for i in range(first_chapter, len(reader.pages)):
        lines = reader.pages[i].extract_text().strip().splitlines()
        head = normalise(lines[0]) if lines else ""
        if i in starts:
            chapter = starts[i]
            assert not head.startswith(normalise(example.title)), f"page {i + 1} starts a chapter but has a running head"
        else:
            assert head.startswith(normalise(example.title)) and head.endswith(normalise(chapter)), \
                (i + 1, lines[:1], chapter)
            checked += 1
    assert checked > 5
