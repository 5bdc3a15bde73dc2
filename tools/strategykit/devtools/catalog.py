"""Maintainers' tool for the message catalogs: ``python -m strategykit.devtools.catalog``.

Extracts every message marked ``_("...")`` in the toolkit (Babel), each rule's explanation,
each schema's ``description`` (a diagnostic's hint, ``messages.whole``) and every text of the
tables a reader sees (``present.catalog.Texts``, each with its context ``<table>:<key>``), merges them into
``locale/<lang>/LC_MESSAGES/strategykit.po`` (new messages get an empty translation, messages
no longer in the code are dropped) and compiles each ``.po`` into the ``.mo`` that
``messages`` reads. A translator edits only the ``.po`` file (any PO editor, or a text
editor), then runs this command, or asks a maintainer to. ``--check`` changes nothing and
exits 1 when a catalog is out of date or a message has no translation.

Babel is imported here only: never on the way of ``strategy check``.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import sys
from pathlib import Path
from typing import Iterator

from strategykit.messages import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE

PACKAGE = Path(__file__).resolve().parents[1]
_FIELD = re.compile(r"\{(\w*)[^{}]*\}")


def extracted() -> dict[str, list[tuple[str, int]]]:
    """msgid → where it is used (file relative to the package, line), from the code."""
    from babel.messages.extract import extract_from_dir

    found: dict[str, list[tuple[str, int]]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords={"_": None}, comment_tags=()):
        if isinstance(message, str) and message:
            found.setdefault(message, []).append((filename, lineno))
    from strategykit.rules import RULES  # each rule's explanation is translated whole, for the rule reference

    for r in RULES.values():
        found.setdefault(r.explanation, []).append((f"rules: {r.code}", 0))
    # Each schema's descriptions: editors show them in English, and diagnostics give them as hints
    # in the strategy's language (``messages.whole``).
    for path in sorted((PACKAGE / "data").glob("*.schema.json")):
        for text in _descriptions(json.loads(path.read_text(encoding="utf-8"))):
            found.setdefault(text, []).append((f"data/{path.name}", 0))
    return found


def extracted_texts() -> dict[tuple[str, str], str]:
    """(context, English text) → the table it is in, for every text of the readers' tables (``present.catalog``)."""
    from strategykit.present import catalog as texts

    return {(texts.context(table.name, key), english): table.name
            for table in texts.all_tables().values() for key, english in table.english.items()}


def _descriptions(node) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str) and value:
                yield value
            else:
                yield from _descriptions(value)
    elif isinstance(node, list):
        for value in node:
            yield from _descriptions(value)


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_po(language: str):
    from babel.messages.pofile import read_po as babel_read_po

    path = po_path(language)
    if not path.is_file():
        from babel.messages.catalog import Catalog

        return Catalog(locale=language, domain=DOMAIN)
    with open(path, "rb") as f:
        return babel_read_po(f, locale=language, domain=DOMAIN)


def updated(language: str):
    """The language's catalog with exactly the code's messages (translations kept)."""
    from babel.messages.catalog import Catalog

    old = read_po(language)
    fixed = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)  # no build time in the files
    new = Catalog(locale=language, domain=DOMAIN, project="strategykit", charset="utf-8",
                  creation_date=fixed, revision_date=fixed,
                  header_comment=f"# {language} messages of strategykit. Edit the msgstr lines; keep "
                                 "every {name} as it is.\n")
    for msgid, where in sorted(extracted().items()):
        previous = old.get(msgid)
        new.add(msgid, previous.string if previous is not None else "",
                flags=[f for f in (previous.flags if previous is not None else ()) if f != "python-format"])
    for (context, msgid), table in sorted(extracted_texts().items()):
        previous = old.get(msgid, context=context)
        new.add(msgid, previous.string if previous is not None else "", context=context,
                flags=[f for f in (previous.flags if previous is not None else ()) if f != "python-format"])
    return new


def po_bytes(catalog) -> bytes:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=True, include_previous=False,
             no_location=True)  # line numbers would make every code edit a catalog change
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"\n', b"", out.getvalue())


def mo_bytes(catalog) -> bytes:
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def problems(catalog) -> list[str]:
    """Messages without a translation, or whose translation lost or invented a {field} (or a {#anchor})."""
    out = []
    for m in catalog:
        if not m.id:
            continue
        if not m.string or m.fuzzy:
            out.append(f"no translation: {m.id!r}")
        elif sorted(_FIELD.findall(m.id)) != sorted(_FIELD.findall(m.string)):
            out.append(f"the fields differ from the English: {m.id!r} → {m.string!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    status = 0
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        catalog = updated(language)
        po, mo = po_bytes(catalog), mo_bytes(catalog)
        mo_path = po_path(language).with_suffix(".mo")
        for path, content in ((po_path(language), po), (mo_path, mo)):
            current = path.read_bytes() if path.is_file() else b""
            if current != content:
                if check:
                    print(f"{path.relative_to(PACKAGE)} is out of date: run python -m strategykit.devtools.catalog")
                    status = 1
                else:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(content)
                    print(f"{path.relative_to(PACKAGE)}: updated")
        for problem in problems(catalog):
            print(f"{language}: {problem}")
            status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
