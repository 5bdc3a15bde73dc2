"""target-text-disagrees: the numbers in a target's words agree with its value and year."""

from __future__ import annotations

import pytest

from strategykit.project import check
from strategykit.rules.targettext import numbers_in

from conftest import edit, find, line_of

TEXT = "text: Andelen förvärvsarbetande ska öka till 82 procent år 2030."


def test_a_text_that_says_75_while_the_value_is_70_is_reported(minimal):
    edit(minimal, TEXT, "text: Andelen förvärvsarbetande ska öka till 75 procent år 2030.")
    (d,) = find(minimal, "target-text-disagrees")
    assert d.position.line == line_of(minimal, "ska öka till 75 procent")
    assert "names 75, but its target value is 82" in d.message


def test_a_text_that_names_another_year_is_reported(minimal):
    edit(minimal, TEXT, "text: Andelen förvärvsarbetande ska öka till 82 procent år 2035.")
    (d,) = find(minimal, "target-text-disagrees")
    assert "names 2035, but its target year is 2030" in d.message


def test_numbers_written_with_spaces_decimal_commas_and_thousands_agree(minimal):
    edit(minimal, "text: Befolkningen ska öka till 300 000 år 2030.",
         "text: Befolkningen, i dag 270 154 invånare, ska öka till 300 000 år 2030 (etappmål 80,5).")
    assert "target-text-disagrees" not in [d.code for d in check(minimal).diagnostics]


def test_a_text_without_numbers_is_quiet(minimal):
    edit(minimal, TEXT, "text: Fler ska ha ett arbete.")
    assert "target-text-disagrees" not in [d.code for d in check(minimal).diagnostics]


@pytest.mark.parametrize("text,language,years,values", [
    ("öka till 300 000 år 2030", "sv", [2030], [(300000.0, 0)]),
    ("minska till 1,2 ton per invånare 2040", "sv", [2040], [(1.2, 1)]),
    ("at least 2,100 homes a year from 2023", "en", [2023], [(2100.0, 0)]),
    ("1.5 tonnes in 2030; people aged 20–64", "en", [2030], [(1.5, 1), (20.0, 0), (64.0, 0)]),
])
def test_numbers_are_read_as_people_write_them(text, language, years, values):
    assert numbers_in(text, language) == (years, values)


def test_a_target_with_a_year_but_no_value_is_compared_with_its_milestones(minimal):
    # found by test_properties.py: the message needs a value, and this target has none
    edit(minimal, "target: {year: 2030, value: 82, illustrative: true}", "target: {year: 2030, illustrative: true}")
    edit(minimal, TEXT, "text: Andelen förvärvsarbetande ska öka till 75 procent år 2030.")
    (d,) = find(minimal, "target-text-disagrees")
    assert "its milestones are 80.5" in d.message
