"""Small formulas of the method's prose, typeset by each edition: no stray spaces, no ASCII bars."""

from __future__ import annotations

import re

from strategykit.present import equations as eq


def test_an_absolute_value_in_the_prose_is_typeset_as_one_not_as_two_bars():
    formula = eq.inline("R = −r_a / |r_n|")
    assert "abs(r_n)" in formula.typst
    assert '"|"' not in formula.typst
    assert "<mo>|</mo><msub>" in formula.mathml, "the web's MathML keeps the bars around r_n"
    assert formula.text == "R = −r_a / |r_n|"


def test_words_in_a_formula_sit_against_a_slash_without_a_space():
    """Typst keeps the source's spaces beside a quoted word: '"förändring" slash 100' printed
    'förändring /100' in the method appendix."""
    for expr in ("(1 + förändring/100)", "N = total · n / periodens antal år"):
        typst = eq.inline(expr).typst
        assert not re.search(r'"\s+\\/|\\/\s+"', typst), typst
        assert "\\/" in typst, "a linear slash, as the prose writes it"
