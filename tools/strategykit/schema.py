"""Validating loaded YAML against a JSON Schema, in plain words.

jsonschema finds the problems; this module says them the way an author needs:
which key, what was expected, what was found, and where, using the source map.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

from .diagnostics import Diagnostic, Severity
from .load import SourceMap

GOALS_SCHEMA = "goals.schema.json"

_TYPE_WORDS = {
    "string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
    "array": "a list", "object": "a mapping of keys", "null": "nothing",
}


@lru_cache(maxsize=None)
def load_schema(name: str = GOALS_SCHEMA) -> dict:
    return json.loads(resources.files("strategykit").joinpath("data", name).read_text("utf-8"))


@lru_cache(maxsize=None)
def _validator(name: str):
    import jsonschema

    schema = load_schema(name)
    checker = jsonschema.FormatChecker(formats=["date"])
    return jsonschema.Draft202012Validator(schema, format_checker=checker)


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text \"{value[:60]}\""
    if isinstance(value, list):
        return "a list"
    return "a mapping of keys"


_OBJECT_WORDS = {"priorities": "priority", "goals": "goal", "targets": "target", "indicators": "indicator",
                 "chapters": "chapter", "overall_goals": "overall goal", "perspectives": "perspective",
                 "milestones": "milestone", "comments": "comment", "meetings": "meeting", "inputs": "input"}


def describe(data: Any, path: tuple) -> str:
    """Name the place at ``path`` as an author knows it, e.g. 'baseline → year' of target "P1.2.a"."""
    node = data
    owner = ""
    keys: list[str] = []
    for i, step in enumerate(path):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(step, int):
            parent = path[i - 1] if i > 0 and isinstance(path[i - 1], str) else ""
            word = _OBJECT_WORDS.get(parent, "item")
            ident = node.get("id") if isinstance(node, dict) else None
            if isinstance(ident, str) and word != "item":
                owner, keys = f'{word} "{ident}"', []
            else:
                keys.append(f"item {step + 1}" if not keys else f"{keys.pop()} item {step + 1}")
        else:
            keys.append(step)
    if keys and owner:
        return f"'{' → '.join(keys)}' of {owner}"
    if keys:
        return f"'{' → '.join(keys)}'"
    return owner or "the file"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _resolve(schema: dict, root: dict) -> dict:
    while isinstance(schema, dict) and "$ref" in schema and schema["$ref"].startswith("#/"):
        target: Any = root
        for part in schema["$ref"][2:].split("/"):
            target = target[part]
        merged = dict(target)
        merged.update({k: v for k, v in schema.items() if k != "$ref"})
        schema = merged
    return schema


def _yaml_trap_hint(raw: str | None, expected: str) -> str:
    if raw is None:
        return ""
    if expected == "string":
        return f"Unquoted, YAML does not read {raw} as text. Quote it: \"{raw}\"."
    return ""


def translate(error, data: Any, source: SourceMap, root: dict) -> Iterator[Diagnostic]:
    path = tuple(error.absolute_path)
    schema = _resolve(error.schema, root)
    where = describe(data, path)
    validator = error.validator

    def diag(code: str, message: str, hint: str = "", at: tuple = path, key: bool = False) -> Diagnostic:
        return Diagnostic(code, Severity.ERROR, message, source.position(at, key=key), hint, at)

    if validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for extra in sorted(set(error.instance) - set(allowed)):
            close = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
            hint = (f"Did you mean '{close[0]}'? " if close else "") + "Allowed keys here: " + ", ".join(allowed) + "."
            yield diag("unknown-key", f"Unknown key '{extra}' in {where}.", hint, path + (extra,), key=True)
        return
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else str(error.message)
        prop = _resolve(schema.get("properties", {}).get(missing, {}), root)
        hint = f"Add '{missing}:'" + (f" — {prop['description']}" if prop.get("description") else ".")
        yield diag("missing-key", f"{_cap(where)} is missing the key '{missing}'.", hint, key=True)
        return
    if validator == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        raw = source.raw.get(path)
        trap = _yaml_trap_hint(raw, expected)
        found = _found(error.instance)
        if raw is not None and expected == "string":
            found = f"'{raw}', which YAML reads as {_found(error.instance)}"
        hint = trap or (schema.get("description", "") and f"{_cap(where)}: {schema['description']}")
        yield diag("wrong-type", f"{_cap(where)} must be {_TYPE_WORDS.get(expected, expected)}, but is {found}.", hint, key=True)
        return
    if validator == "enum":
        options = [str(o) for o in error.validator_value]
        value = str(error.instance)
        close = difflib.get_close_matches(value, options, n=1, cutoff=0.5)
        hint = (f"Did you mean '{close[0]}'? " if close else "") + "Allowed: " + ", ".join(options) + "."
        raw = source.raw.get(path)
        found = _found(error.instance)
        if raw is not None and not isinstance(error.instance, str):
            found = f"'{raw}', which YAML reads as {found}"
            hint = f"Quote it if you meant the text: \"{raw}\". " + hint
        yield diag("invalid-value", f"{_cap(where)} must be one of the allowed values, but is {found}.", hint)
        return
    if validator in ("pattern", "format"):
        hint = schema.get("description", "")
        what = "is not in the expected form" if validator == "pattern" else f"is not a valid {error.validator_value}"
        yield diag("invalid-value", f"{_cap(where)} {what}: {_found(error.instance)}.", hint)
        return
    if validator in ("minLength", "minItems"):
        yield diag("empty-value", f"{_cap(where)} is empty.", schema.get("description", ""))
        return
    if validator in ("minimum", "maximum"):
        bound = "at least" if validator == "minimum" else "at most"
        yield diag("invalid-value", f"{_cap(where)} must be {bound} {error.validator_value}, but is {error.instance}.",
                   schema.get("description", ""))
        return
    yield diag("schema", f"{_cap(where)}: {error.message}.", schema.get("description", ""))


def validate(data: Any, source: SourceMap, name: str = GOALS_SCHEMA) -> list[Diagnostic]:
    """Check ``data`` against the named schema; one plain diagnostic per problem."""
    validator = _validator(name)
    root = load_schema(name)
    out: list[Diagnostic] = []
    for error in validator.iter_errors(data):
        out.extend(translate(error, data, source, root))
    return out
