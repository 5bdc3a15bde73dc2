"""``project.recheck_chapters``: after chapter edits it reports exactly what a full ``check`` reports,
while reading only the edited chapters."""

from __future__ import annotations

import pytest

from strategykit import project
from strategykit.diagnostics import sorted_diagnostics
from strategykit.project import check, recheck_chapters
from web_support import REPO, copy_strategy

INLEDNING = "strategy/01-inledning.md"
VISION = "strategy/03-vision.md"


@pytest.fixture
def example(tmp_path):
    root = copy_strategy(REPO, tmp_path / "strategy")
    assert check(root).ok
    return root


def _same_as_full_check(previous, root, *changed: str):
    """The incremental result after ``changed`` were saved, once it is known to equal a full check's."""
    incremental = recheck_chapters(previous, [root / f for f in changed])
    full = check(root)
    assert incremental is not None
    assert incremental.diagnostics == full.diagnostics
    assert [(d.severity, d.hint) for d in incremental.diagnostics] == [(d.severity, d.hint) for d in full.diagnostics]
    assert incremental.model == full.model
    assert sorted_diagnostics(incremental.loaded) == sorted_diagnostics(full.loaded)
    return incremental


def _append(root, file: str, text: str) -> None:
    path = root / file
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(root, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_broken_link_to_another_chapters_heading_is_reported_and_its_fix_clears_it(example):
    result = check(example)
    _append(example, INLEDNING, "\nLäs mer om [visionen](03-vision.md#visionen-2050).\n")
    result = _same_as_full_check(result, example, INLEDNING)
    assert [(d.code, d.position.file) for d in result.diagnostics] == [("chapter-link-broken", INLEDNING)]
    _replace(example, INLEDNING, "#visionen-2050", "#visionen")
    result = _same_as_full_check(result, example, INLEDNING)
    assert result.diagnostics == []


def test_renaming_a_heading_breaks_a_link_in_a_chapter_that_was_not_edited(example):
    result = check(example)
    _append(example, INLEDNING, "\nLäs mer om [visionen](03-vision.md#visionen).\n")
    result = _same_as_full_check(result, example, INLEDNING)
    assert result.ok and not result.diagnostics
    _replace(example, VISION, "## Visionen\n", "## Vår vision\n")
    result = _same_as_full_check(result, example, VISION)
    assert [(d.code, d.position.file) for d in result.diagnostics] == [("chapter-link-broken", INLEDNING)]
    _replace(example, VISION, "## Vår vision\n", "## Visionen\n")
    assert _same_as_full_check(result, example, VISION).diagnostics == []


def test_edits_to_several_chapters_at_once(example):
    result = check(example)
    _replace(example, INLEDNING, "# Inledning\n", "Inledning utan rubrik\n")
    _append(example, VISION, "\n#### För djup rubrik\n\n<script>alert(1)</script>\n")
    result = _same_as_full_check(result, example, INLEDNING, VISION)
    assert {d.code for d in result.diagnostics} >= {"chapter-without-title", "heading-level-skipped", "unsafe-html"}


def test_a_chapter_that_can_no_longer_be_read_and_then_can_again(example):
    result = check(example)
    good = (example / INLEDNING).read_bytes()
    (example / INLEDNING).write_bytes(good + b"\n\xff\xfe trasig text\n")
    result = _same_as_full_check(result, example, INLEDNING)
    assert not result.ok and any(d.position.file == INLEDNING for d in result.loaded)
    (example / INLEDNING).write_bytes(good)
    assert _same_as_full_check(result, example, INLEDNING).diagnostics == []


def test_a_chapter_listed_twice_is_read_again_for_both_entries(example):
    text = (example / "goals.yaml").read_text(encoding="utf-8")
    (example / "goals.yaml").write_text(text.replace("file: strategy/03-vision.md",
                                                     "file: strategy/03-vision.md\n  - id: igen\n"
                                                     "    file: strategy/03-vision.md", 1), encoding="utf-8")
    result = check(example)
    assert any(d.code == "duplicate-chapter-file" for d in result.diagnostics)
    _append(example, VISION, "\n## Ett nytt avsnitt\n")
    _same_as_full_check(result, example, VISION)


def test_a_saved_file_that_is_no_listed_chapter_changes_nothing(example):
    (example / "strategy" / "utkast.md").write_text("# Utkast\n", encoding="utf-8")
    result = check(example)
    (example / "strategy" / "utkast.md").write_text("# Utkast\n\n[trasig](finns-inte.md)\n", encoding="utf-8")
    assert _same_as_full_check(result, example, "strategy/utkast.md").diagnostics == result.diagnostics


def test_only_the_edited_chapters_are_read(example, monkeypatch):
    result = check(example)
    _append(example, INLEDNING, "\nEn ny mening.\n")
    read: list[str] = []
    real = project.load_markdown
    monkeypatch.setattr(project, "load_markdown", lambda path, display: (read.append(display), real(path, display))[1])

    def refuse(*args, **kwargs):
        raise AssertionError("recheck_chapters read more than the chapters")
    for name in ("load_yaml", "load_csv", "_data_tables", "_with_process", "load_strategy"):
        monkeypatch.setattr(project, name, refuse)
    incremental = recheck_chapters(result, [example / INLEDNING])
    assert read == [INLEDNING]
    assert incremental is not None and incremental.ok
    assert incremental.model.priorities is result.model.priorities  # the rest of the model is shared


def test_without_a_model_there_is_nothing_to_start_from(example):
    (example / "goals.yaml").write_text("strategy: [\n", encoding="utf-8")
    broken = check(example)
    assert broken.model is None
    assert recheck_chapters(broken, [example / INLEDNING]) is None
