"""The words a reader sees come from one English table each and the catalogs: every text is
translated in its own context, and a strategy in a language without a catalog reads Swedish."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from strategykit.devtools import catalog
from strategykit.present import i18n
from strategykit.present.catalog import TABLES, TEXT_MODULES, Texts, spoken

PACKAGE = Path(catalog.__file__).resolve().parents[1]


@pytest.mark.parametrize("language", [lang for lang in catalog.LANGUAGES if lang != catalog.SOURCE_LANGUAGE])
def test_every_text_a_reader_sees_has_a_translation_in_its_context(language):
    po = catalog.read_po(language)
    translated = {(m.context, m.id) for m in po if m.id and m.string and not m.fuzzy}
    missing = sorted(set(catalog.extracted_texts()) - translated)
    assert not missing, f"no {language} translation (run python -m strategykit.devtools.catalog): {missing[:10]}"


def test_the_catalog_tool_sees_every_table_defined_in_the_package():
    defined = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = getattr(node.func, "id", None) or getattr(node.func, "attr", None) if isinstance(node, ast.Call) else None
            if called == "Texts" and node.args:
                defined.add((".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts), node.args[0].value))
    assert defined, "no table found: the test would pass on nothing"
    catalog.extracted_texts()  # imports TEXT_MODULES
    assert {module for module, _ in defined} <= set(TEXT_MODULES)
    assert {name for _, name in defined} <= set(TABLES)


def test_the_same_english_word_is_translated_by_what_it_names():
    assert i18n.OWNER.of("en")["business"] == i18n.KIND.of("en")["business"] == "Business"
    assert (i18n.OWNER.of("sv")["business"], i18n.KIND.of("sv")["business"]) == ("Näringslivet", "Näringsliv")
    assert (i18n.labels("sv")["decision"], i18n.process_labels("sv")["decision"]) == ("Beslut", "Ställningstagande")


def test_a_language_without_a_catalog_reads_swedish_and_english_reads_the_code():
    assert spoken("fi") == spoken(None) == "sv" and spoken("en") == "en"
    assert i18n.labels("fi") == i18n.labels("sv") and i18n.labels("sv")["target"] == "Delmål"
    assert i18n.labels("en") == i18n.LABELS.english and i18n.labels("en") is not i18n.LABELS.english
    assert i18n.progress_label("on-track", "nb") == "I rätt takt"


def test_a_build_reads_every_table_before_it_forks_its_workers():
    import subprocess
    import sys

    code = ("from strategykit.present import catalog; assert not catalog.TABLES; catalog.prepare('sv'); "
            "assert catalog.TABLES and all('sv' in t._languages for t in catalog.TABLES.values()); "
            "print(len(catalog.TABLES))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    catalog.extracted_texts()  # imports every module that holds a table, here too
    assert int(out) == len(TABLES)


def test_a_text_missing_from_the_catalog_reads_in_english_rather_than_not_at_all():
    table = Texts("test_untranslated", {"word": "A word no catalog has"})
    try:
        assert table.of("sv") == {"word": "A word no catalog has"}
    finally:
        del TABLES["test_untranslated"]


def test_two_tables_of_one_name_are_refused():
    with pytest.raises(ValueError, match="defined twice"):
        Texts("labels", {"x": "y"})


def _documents(language):
    return {p.stem: p.read_text(encoding="utf-8") for p in (PACKAGE / "locale" / language / "documents").glob("*.md")}


def test_every_language_has_every_document_with_the_same_fields():
    import re

    field = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")
    swedish = _documents("sv")
    assert {"followup-method", "accessibility-statement"} <= set(swedish)
    for language in catalog.LANGUAGES:
        written = _documents(language)
        assert set(written) == set(swedish), language
        for name, text in written.items():
            assert sorted(set(field.findall(text))) == sorted(set(field.findall(swedish[name]))), (language, name)


def test_a_document_reads_in_the_strategys_language_and_swedish_without_one():
    from strategykit.present.catalog import document

    assert document("followup-method", "en") == _documents("en")["followup-method"]
    assert document("followup-method", "sv") == _documents("sv")["followup-method"]
    assert document("accessibility-statement", "fi") == _documents("sv")["accessibility-statement"]


def test_a_third_language_is_a_catalog_and_its_code(tmp_path, monkeypatch):
    """Norwegian, say: a catalog with the tables' entries and 'nb' among the languages is all it takes."""
    from babel.messages.catalog import Catalog

    from strategykit import messages
    from strategykit.present import catalog as texts

    nb = Catalog(locale="nb", domain=messages.DOMAIN)
    nb.add("Target", "Delmål (nb)", context="labels:target")
    nb.add("On track", "I rute", context="progress:on-track")
    (tmp_path / "nb" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "nb" / "LC_MESSAGES" / f"{messages.DOMAIN}.mo").write_bytes(catalog.mo_bytes(nb))
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(texts, "LANGUAGES", (*messages.LANGUAGES, "nb"))
    messages.translations.cache_clear()
    try:
        assert i18n.labels("nb")["target"] == "Delmål (nb)" and i18n.progress_label("on-track", "nb") == "I rute"
        assert i18n.labels("nb")["indicator"] == "Indicator"  # not yet translated: the English, not nothing
    finally:
        messages.translations.cache_clear()
        for table in TABLES.values():
            table._languages.pop("nb", None)
