"""Numbers are written as readers of the strategy's language write them."""

from __future__ import annotations

import pytest

from strategykit.present.i18n import format_date, format_number, format_value, retrieved_note


@pytest.mark.parametrize("value,text", [
    (270154, "270\u202f154"), (79.5, "79,5"), (79.55, "79,55"), (79.555, "79,56"), (-3.25, "\u22123,25"),
    (0.5, "0,5"), (0.00001, "0,00001"), (0.000123, "0,00012"), (1e-05, "0,00001"), (1500000, "1\u202f500\u202f000"),
])
def test_swedish_numbers(value, text):
    assert format_number(value, "sv") == text


def test_english_numbers_keep_point_and_comma():
    assert format_number(270154.5, "en") == "270,154.5"


def test_explicit_decimals_win():
    assert format_number(2.2, "sv", 2) == "2,20"


def test_percent_has_a_no_break_space():
    assert format_value(45.0, "percent", "sv", 1) == "45,0\u00a0%"


@pytest.mark.parametrize("language,text", [("sv", "12 maj 2020"), ("en", "12 May 2020")])
def test_a_date_has_one_style_per_language_day_month_year(language, text):
    assert format_date("2020-05-12", language) == text


@pytest.mark.parametrize("written", ["2020-5", "2021-02-30", ""])
def test_text_that_is_not_a_calendar_date_is_shown_as_written(written):
    assert format_date(written, "sv") == written


def test_a_cited_source_says_when_it_was_read_in_the_same_date_style():
    assert retrieved_note("2025-01-15", "sv") == ", hämtad 15 januari 2025"
    assert retrieved_note(None, "en") == ""
