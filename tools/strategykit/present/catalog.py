"""What a reader reads, in the strategy's language: English in the code, every other language in its catalog.

A table of texts names each text by a key (``LABELS.of("sv")["target"]`` is "Delmål"). The code holds
the English text; the other languages' texts are entries of the catalog a translator edits,
``locale/<lang>/LC_MESSAGES/strategykit.po``, beside the authors' messages (``messages``), each with
the context ``<table>:<key>`` so that the same English word can be translated differently by what it
names ("Target" is "Delmål" as a level and "Målvärde" as a value). ``python -m
strategykit.devtools.catalog`` extracts the tables with the messages and compiles the catalogs.

A region writing in a language the toolkit has no catalog for reads Swedish (``spoken``), the language
the toolkit was first made for, as every edition did before the tables moved here; adding a language
is adding its catalog and its name to ``messages.LANGUAGES``.

Two texts are documents rather than words: the follow-up's method and the accessibility statement,
pages long and with the structure of their language. A translator writes them whole, as Markdown
files beside the catalog (``locale/<lang>/documents/<name>.md``, read by ``document``).
"""

from __future__ import annotations

import functools
from typing import Any

from strategykit.messages import LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE, translations

FIRST_LANGUAGE = "sv"
"""The language of the editions when the strategy's own is one the toolkit has no catalog for."""

TABLES: dict[str, "Texts"] = {}
"""Every table of texts, by its name (the catalog tool extracts them from here)."""

TEXT_MODULES = ("strategykit.present.i18n", "strategykit.present.followup", "strategykit.present.commitments",
                "strategykit.render.web.texts")
"""The modules that define tables: imported by the catalog tool, which must see every table (a test holds it)."""


def spoken(language: str | None) -> str:
    """The language the editions speak for a strategy in ``language``: it, or Swedish when it has no catalog."""
    return language if language in LANGUAGES else FIRST_LANGUAGE


@functools.lru_cache(maxsize=None)
def document(name: str, language: str | None) -> str:
    """The document ``name`` as written in ``language`` (``locale/<lang>/documents/<name>.md``): Swedish
    for a language without a catalog, and for a language whose translator has not written it yet."""
    for candidate in (spoken(language), FIRST_LANGUAGE):
        path = LOCALE_DIR / candidate / "documents" / f"{name}.md"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError(f"the toolkit's document {name}.md is missing from {LOCALE_DIR}/{FIRST_LANGUAGE}/documents")


def all_tables() -> dict[str, "Texts"]:
    """Every table of texts, once the modules that define them (``TEXT_MODULES``) are imported."""
    import importlib

    for module in TEXT_MODULES:
        importlib.import_module(module)
    return TABLES


def prepare(language: str | None) -> None:
    """Read the catalog of ``language`` and fill every table in it now: a build does this before it
    forks its workers, which then share what was read (and the modules that hold the tables) instead
    of each importing and parsing them again."""
    for table in all_tables().values():
        table.of(language)


def context(table: str, key: Any) -> str:
    """The catalog context of a table's text: ``labels:target``."""
    return f"{table}:{'' if key is None else key}"


class Texts:
    """A table of texts a reader sees, by key, in every language the toolkit speaks.

    Read it with ``of(language)``, which falls back to Swedish (``spoken``). A text missing from a
    catalog reads in English; the catalog test fails on it first.
    """

    def __init__(self, name: str, english: dict[Any, str]):
        if name in TABLES:
            raise ValueError(f"a table of texts named {name!r} is defined twice")
        self.name = name
        self.english = dict(english)
        """What the catalog tool extracts; ``of("en")`` hands out a copy, so a caller that changed its
        texts would not change the source every language falls back to."""
        self._languages: dict[str, dict[Any, str]] = {SOURCE_LANGUAGE: dict(english)}
        TABLES[name] = self

    def of(self, language: str | None) -> dict[Any, str]:
        """The table's texts in ``language`` (Swedish when the toolkit has no catalog for it)."""
        language = spoken(language)
        found = self._languages.get(language)
        if found is None:
            catalog = translations(language)
            found = self._languages[language] = {key: catalog.pgettext(context(self.name, key), text)
                                                 for key, text in self.english.items()}
        return found

    def __repr__(self) -> str:
        return f"Texts({self.name!r}, {len(self.english)} texts)"
