"""A schema's description, shown as a diagnostic's hint, speaks the strategy's language."""

from __future__ import annotations

from strategykit.devtools.catalog import _descriptions, extracted
from strategykit.messages import localize
from strategykit.source.schema import load_schema

from conftest import edit, find


def _hint(root, code: str, language: str) -> str:
    (d,) = find(root, code)
    return localize(d.hint, language)


def test_a_swedish_strategys_schema_hint_is_swedish(minimal):
    edit(minimal, "  - id: population\n", "  - id: population\n    decimals: två\n")
    assert _hint(minimal, "wrong-type", "sv") == "'decimals' i indikator \"population\": Hur många decimaler som visas."


def test_a_missing_keys_hint_gives_the_swedish_description(minimal):
    edit(minimal, "    unit: count\n", "")
    assert "Enheten: percent (procent), count (antal)" in _hint(minimal, "missing-key", "sv")


def test_an_english_strategy_keeps_the_schemas_own_words(minimal):
    edit(minimal, "  - id: population\n", "  - id: population\n    decimals: two\n")
    assert _hint(minimal, "wrong-type", "en").endswith("How many decimals to show.")


def test_every_schema_description_is_in_the_catalog_to_translate():
    wanted = set()
    for name in ("goals", "consultation", "dialogue", "editions", "observations"):
        wanted |= set(_descriptions(load_schema(f"{name}.schema.json")))
    assert wanted and wanted <= set(extracted())
