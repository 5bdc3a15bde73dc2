"""Indicator pages are addressed in the strategy's language: by their slug, else by their name."""

from __future__ import annotations

from types import SimpleNamespace

from strategykit.model.slugs import indicator_slugs, slugify
from strategykit.project import check

from conftest import MINIMAL, edit, find, line_of


def _ind(id_: str, name: str, slug: str | None = None):
    return SimpleNamespace(id=id_, name=name, slug=slug)


def test_a_swedish_name_becomes_a_readable_ascii_address():
    assert slugify("Förvärvsarbetande invånare 20–64 år, andel (%)") == "forvarvsarbetande-invanare-20-64-ar-andel"
    assert slugify("Växthusgasutsläpp, ton CO₂e per invånare") == "vaxthusgasutslapp-ton-co2e-per-invanare"


def test_a_long_name_is_cut_between_words():
    slug = slugify("Andel " + "mycket " * 20 + "långt")
    assert len(slug) <= 60 and slug.endswith("mycket")


def test_a_given_slug_wins_and_a_name_that_clashes_is_numbered():
    got = indicator_slugs([_ind("a", "Befolkning"), _ind("b", "Annat", slug="befolkning"), _ind("c", "Befolkning")])
    assert got == {"b": "befolkning", "a": "befolkning-2", "c": "befolkning-3"}


def test_no_indicator_takes_the_address_of_the_overview_page():
    assert indicator_slugs([_ind("a", "Index")]) == {"a": "index-2"}
    assert indicator_slugs([_ind("a", "Index", slug="index")]) == {"a": "index-2"}


def test_an_invalid_slug_is_not_used_in_an_address():
    assert indicator_slugs([_ind("a", "Arbete", slug="Inte OK/../x")]) == {"a": "arbete"}


def test_the_minimal_strategy_has_no_slug_problem():
    assert "duplicate-slug" not in [d.code for d in check(MINIMAL).diagnostics]


def test_a_slug_of_its_own_keeps_the_check_quiet(minimal):
    edit(minimal, "  - id: population\n", "  - id: population\n    slug: befolkning\n")
    result = check(minimal)
    assert result.ok and result.diagnostics == []


def test_a_slug_used_twice_is_reported_at_the_second(minimal):
    edit(minimal, "  - id: employment-rate\n", "  - id: employment-rate\n    slug: arbete\n")
    edit(minimal, "  - id: population\n", "  - id: population\n    slug: arbete\n")
    (d,) = find(minimal, "duplicate-slug")
    first = line_of(minimal, "- id: employment-rate") + 1
    assert d.position.line == line_of(minimal, "- id: population") + 1 and f"line {first}" in d.message


def test_the_overview_pages_name_as_a_slug_is_reported(minimal):
    edit(minimal, "  - id: population\n", "  - id: population\n    slug: index\n")
    (d,) = find(minimal, "duplicate-slug")
    assert d.position.line == line_of(minimal, "slug: index")


def test_a_slug_that_is_another_indicators_name_address_is_reported(minimal):
    edit(minimal, "  - id: population\n", "  - id: population\n    slug: forvarvsarbetande-invanare-20-64-ar-andel\n")
    (d,) = find(minimal, "duplicate-slug")
    assert "employment-rate" in d.message


def test_a_slug_with_capitals_or_slashes_is_a_schema_error(minimal):
    edit(minimal, "  - id: population\n", "  - id: population\n    slug: Befolkning/2\n")
    diags = check(minimal).diagnostics
    assert any(d.position.line == line_of(minimal, "slug: Befolkning/2") and d.severity.name == "ERROR" for d in diags)


# -- in the built site ------------------------------------------------------------

def test_indicator_pages_are_at_addresses_in_the_strategys_language():
    from web_support import built
    b = built("example")
    folder = b.site / "indikatorer"
    assert (folder / "forvarvsarbetande-invanare-20-64-ar-andel" / "index.html").is_file()  # from the name
    assert (folder / "bredband-1-gbit" / "index.html").is_file()  # from slug:
    html = (b.site / "indikatorer" / "index.html").read_text("utf-8")
    assert 'href="forvarvsarbetande-invanare-20-64-ar-andel/"' in html and 'href="employment-rate/"' not in html


def test_an_indicators_old_address_sends_the_reader_to_its_page():
    from web_support import built
    b = built("example")
    old = (b.site / "indikatorer" / "employment-rate" / "index.html").read_text("utf-8")
    assert 'content="0; url=../forvarvsarbetande-invanare-20-64-ar-andel/"' in old
    assert '<a href="../forvarvsarbetande-invanare-20-64-ar-andel/">Förvärvsarbetande invånare 20–64 år' in old
    assert '<html lang="sv">' in old and "<title>Sidan har flyttat" in old


def test_old_addresses_are_not_in_the_navigation_or_the_search():
    import json
    from web_support import built
    b = built("example")
    locations = {d["location"] for d in json.loads((b.site / "search" / "search_index.json").read_text("utf-8"))["docs"]}
    assert not any(loc.startswith("indikatorer/employment-rate") for loc in locations)
    assert any(loc.startswith("indikatorer/forvarvsarbetande-invanare-20-64-ar-andel/") for loc in locations)


def test_an_offline_site_has_the_old_address_as_a_file_beside_the_pages():
    from strategykit.render.web.redirects import redirect_pages
    from web_support import built
    got = redirect_pages(built("example").model, offline=True)
    assert 'url=forvarvsarbetande-invanare-20-64-ar-andel.html"' in got["indikatorer/employment-rate.html"]


def test_an_old_address_that_is_now_another_pages_address_gets_no_redirect():
    from strategykit.model import Indicator
    from strategykit.render.web.redirects import redirect_pages
    model = SimpleNamespace(language="sv", indicators=[
        Indicator("arbete", "Sysselsättning", "percent", 1, "", None, (), None, ""),
        Indicator("sysselsattning", "Arbete", "percent", 1, "", None, (), None, ""),
    ])
    assert redirect_pages(model) == {}
