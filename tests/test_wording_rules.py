"""goal-heading-wording: a chapter heading that names a goal uses the goal's title."""

from __future__ import annotations

from strategykit.project import check

from conftest import find


def _chapter(root, text: str) -> None:
    (root / "strategy" / "01-inledning.md").write_text(text, encoding="utf-8")


def test_a_heading_that_words_a_goal_otherwise_is_reported_at_the_heading(minimal):
    _chapter(minimal, "# Inledning\n\nText.\n\n## Mål P1.2 – Befolkningen ökar\n\nText.\n")
    (d,) = find(minimal, "goal-heading-wording")
    assert (d.position.file, d.position.line) == ("strategy/01-inledning.md", 5)
    assert "'Fler invånare'" in d.message
    assert d.hint == "Write it as 'Mål P1.2 – Fler invånare'."


def test_a_heading_with_the_goals_title_is_quiet(minimal):
    _chapter(minimal, "# Inledning\n\nText.\n\n## Mål P1.2 – Fler invånare\n\nText.\n\n## P1.1: fler i arbete.\n\nText.\n")
    assert "goal-heading-wording" not in [d.code for d in check(minimal).diagnostics]


def test_a_heading_that_only_mentions_a_goal_is_not_a_goal_heading(minimal):
    _chapter(minimal, "# Inledning\n\nText.\n\n## Hur P1.2 hänger ihop med arbete\n\nText.\n")
    assert "goal-heading-wording" not in [d.code for d in check(minimal).diagnostics]
