"""A chapter's title holds no link: the PDF repeats it in its running header, where PDF/UA allows none."""

from __future__ import annotations

import pytest

from strategykit.project import check

from conftest import edit


def title_findings(root):
    return [(d.code, d.position.file, d.position.line) for d in check(root).diagnostics if d.code == "link-in-title"]


@pytest.mark.parametrize("title", ["# Inledning <registrator@example.se>", "# Inledning <https://example.se>",
                                   "# Inledning [webben](https://example.se)"])
def test_a_link_in_a_chapter_title_is_refused_at_the_title(minimal, title):
    edit(minimal, "# Inledning", title, file="strategy/01-inledning.md")
    assert title_findings(minimal) == [("link-in-title", "strategy/01-inledning.md", 1)]


def test_a_title_with_angle_words_or_a_link_below_it_is_fine(minimal):
    edit(minimal, "# Inledning", "# Inledning: 5 < 7 och a@b", file="strategy/01-inledning.md")
    with open(minimal / "strategy" / "01-inledning.md", "a", encoding="utf-8") as fh:
        fh.write("\nSkriv till <registrator@example.se>.\n")
    assert title_findings(minimal) == []
