"""Validating loaded YAML against a JSON Schema, in plain words.

jsonschema finds the problems; this module says them the way an author needs:
which key, what was expected, what was found, and where, using the source map.
A clean file never reaches jsonschema: a validator generated from the same schema
(strategykit/validators, made by schemagen.py) says first whether there is anything to explain.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from strategykit.diagnostics import Diagnostic, Severity, closest
from strategykit.source.load import SourceMap
from strategykit.messages import _, capitalized, whole

GOALS_SCHEMA = "goals.schema.json"
DATA = Path(__file__).resolve().parents[1] / "data"
"""The toolkit's own data files (schemas, frameworks), beside its code as ``strategy new`` copies it."""

_TYPE_WORDS = {
    "string": _("text"), "integer": _("a whole number"), "number": _("a number"), "boolean": _("true or false"),
    "array": _("a list"), "object": _("a mapping of keys"), "null": _("nothing"),
}


@lru_cache(maxsize=None)
def load_schema(name: str = GOALS_SCHEMA) -> dict:
    return json.loads((DATA / name).read_text("utf-8"))


@lru_cache(maxsize=None)
def _validator(name: str):
    import jsonschema

    schema = _inline_refs(load_schema(name))
    checker = jsonschema.FormatChecker(formats=["date"])
    return jsonschema.Draft202012Validator(schema, format_checker=checker)


def _inline_refs(root: dict) -> dict:
    """The schema with each local ``{"$ref": "#/$defs/x"}`` replaced by a copy of ``x``.

    jsonschema otherwise looks every reference up again for every value it validates,
    a fifth of the validation time (BENCHMARKS.md). A reference with sibling keywords
    (a description) becomes ``{"allOf": [x], ...siblings}``, which validates the same
    and yields the same errors from the same subschemas. A recursive reference is left
    as it is, and ``$defs`` stay, so it still resolves.
    """
    def walk(node: Any, expanding: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(item, expanding) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and ref.count("/") == 2 \
                and not any(ch in ref for ch in "~%") and ref not in expanding \
                and ref[len("#/$defs/"):] in root.get("$defs", {}):
            target = walk(root["$defs"][ref[len("#/$defs/"):]], expanding + (ref,))
            rest = {k: walk(v, expanding) for k, v in node.items() if k != "$ref"}
            if not rest:
                return target
            rest["allOf"] = [target, *rest.get("allOf", [])]
            return rest
        return {k: walk(v, expanding) for k, v in node.items()}

    return walk(root, ())


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return _("{value} (true/false)", value=str(value).lower())
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, (int, float)):
        return _("the number {value}", value=value)
    if isinstance(value, str):
        return _('the text "{value}"', value=value[:60])
    if isinstance(value, list):
        return _("a list")
    return _("a mapping of keys")


_OBJECT_WORDS = {"priorities": _("priority"), "goals": _("goal"), "targets": _("target"),
                 "indicators": _("indicator"), "chapters": _("chapter"), "overall_goals": _("overall goal"),
                 "perspectives": _("perspective"), "milestones": _("milestone"), "comments": _("comment"), "commitments": _("commitment"),
                 "meetings": _("meeting"), "inputs": _("input")}


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
            word = _OBJECT_WORDS.get(parent)
            ident = node.get("id") if isinstance(node, dict) else None
            if isinstance(ident, str) and word is not None:
                owner, keys = _('{word} "{id}"', word=word, id=ident), []
            else:
                item = _("item {n}", n=step + 1)
                keys.append(item if not keys else _("{key} {item}", key=keys.pop(), item=item))
        else:
            keys.append(step)
    joined = _("'{keys}'", keys=_joined(keys))
    if keys and owner:
        return _("{keys} of {owner}", keys=joined, owner=owner)
    if keys:
        return joined
    return owner or _("the file")


def _joined(keys: list) -> Any:
    """The keys joined by arrows, each still translatable ('item 2' is a message)."""
    template = " → ".join("{k%d}" % i for i in range(len(keys)))
    from strategykit.messages import Msg

    return Msg(template, {f"k{i}": k for i, k in enumerate(keys)})


def _resolve(schema: dict, root: dict) -> dict:
    while isinstance(schema, dict) and "$ref" in schema and schema["$ref"].startswith("#/"):
        target: Any = root
        for part in schema["$ref"][2:].split("/"):
            target = target[part]
        merged = dict(target)
        merged.update({k: v for k, v in schema.items() if k != "$ref"})
        schema = merged
    return schema


_SWEDISH_NUMBER = re.compile(r"[+-]?(\d+,\d+|\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?)")


def _swedish_number_hint(found: Any) -> str:
    """A hint for '45,0' or '270 154' (a decimal comma, spaces between thousands), where YAML wants 45.0 or 270154."""
    if not isinstance(found, str) or not _SWEDISH_NUMBER.fullmatch(found.strip()):
        return ""
    plain = re.sub(r"[ \u00a0\u202f]", "", found.strip()).replace(",", ".")
    return _("Write numbers with a point for decimals and no spaces: {plain}.", plain=plain)


def _decimal_comma(data: Any, path: tuple, key: str, source: SourceMap) -> str | None:
    """'45,0' when ``key`` ('0') is what YAML made of the decimals of 'value: 45,0' in a flow mapping.

    In ``{year: 2018, value: 45,0}`` the comma ends the value 45 and starts a key '0'.
    """
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    if not (key.isdigit() and isinstance(node, dict) and node.get(key) is None):
        return None  # the '0' of '45,0' is a key without a value
    keys = list(node)
    i = keys.index(key) if key in keys else 0
    if i == 0 or keys[i - 1] != "value":
        return None
    value = node["value"]
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    here, before = source.keys.get(path + (key,)), source.keys.get(path + ("value",))
    if here is None or before is None or here.line != before.line:
        return None  # a flow mapping is on one line; a block mapping puts each key on its own
    return f"{source.raw.get(path + ('value',), value)},{key}"


def _yaml_trap_hint(raw: str | None, expected: str) -> str:
    if raw is None:
        return ""
    if expected == "string":
        return _('Unquoted, YAML does not read {raw} as text. Quote it: "{raw}".', raw=raw)
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
            written = _decimal_comma(data, path, extra, source)
            if written is not None:
                yield diag("unknown-key", _("Unknown key '{extra}' in {where}: '{written}' looks like a number "
                                            "with a decimal comma.", extra=extra, where=where, written=written),
                           _swedish_number_hint(written), path + (extra,), key=True)
                continue
            close = closest(extra, allowed)
            hint = (_("Did you mean '{close}'? Allowed keys here: {allowed}.", close=close, allowed=", ".join(allowed))
                    if close else _("Allowed keys here: {allowed}.", allowed=", ".join(allowed)))
            yield diag("unknown-key", _("Unknown key '{extra}' in {where}.", extra=extra, where=where), hint,
                       path + (extra,), key=True)
        return
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else str(error.message)
        prop = _resolve(schema.get("properties", {}).get(missing, {}), root)
        hint = (_("Add '{missing}:' — {description}", missing=missing, description=_description(prop))
                if prop.get("description") else _("Add '{missing}:'.", missing=missing))
        yield diag("missing-key", _("{where} is missing the key '{missing}'.", where=capitalized(where),
                                    missing=missing), hint, key=True)
        return
    if validator == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        raw = source.raw.get(path)
        trap = _yaml_trap_hint(raw, expected)
        found = _found(error.instance)
        if raw is not None and expected == "string":
            found = _("'{raw}', which YAML reads as {found}", raw=raw, found=_found(error.instance))
        if not trap and expected in ("number", "integer"):
            trap = _swedish_number_hint(error.instance)
        hint = trap or (schema.get("description", "") and _("{where}: {description}", where=capitalized(where),
                                                              description=_description(schema)))
        yield diag("wrong-type", _("{where} must be {expected}, but is {found}.", where=capitalized(where),
                                   expected=_TYPE_WORDS.get(expected, expected), found=found), hint, key=True)
        return
    if validator == "enum":
        options = [str(o) for o in error.validator_value]
        value = str(error.instance)
        close = closest(value, options, 0.5)
        hint = (_("Did you mean '{close}'? Allowed: {options}.", close=close, options=", ".join(options))
                if close else _("Allowed: {options}.", options=", ".join(options)))
        raw = source.raw.get(path)
        found = _found(error.instance)
        if raw is not None and not isinstance(error.instance, str):
            found = _("'{raw}', which YAML reads as {found}", raw=raw, found=found)
            hint = _('Quote it if you meant the text: "{raw}". {hint}', raw=raw, hint=hint)
        yield diag("invalid-value", _("{where} must be one of the allowed values, but is {found}.",
                                      where=capitalized(where), found=found), hint)
        return
    if validator in ("pattern", "format"):
        hint = _description(schema)
        found = _found(error.instance)
        message = (_("{where} is not in the expected form: {found}.", where=capitalized(where), found=found)
                   if validator == "pattern" else
                   _("{where} is not a valid {form}: {found}.", where=capitalized(where), form=error.validator_value,
                     found=found))
        yield diag("invalid-value", message, hint)
        return
    if validator in ("minLength", "minItems"):
        yield diag("empty-value", _("{where} is empty.", where=capitalized(where)), _description(schema))
        return
    if validator in ("minimum", "maximum"):
        message = (_("{where} must be at least {bound}, but is {value}.", where=capitalized(where),
                     bound=error.validator_value, value=error.instance) if validator == "minimum" else
                   _("{where} must be at most {bound}, but is {value}.", where=capitalized(where),
                     bound=error.validator_value, value=error.instance))
        yield diag("invalid-value", message, _description(schema))
        return
    yield diag("schema", _("{where}: {problem}.", where=capitalized(where), problem=error.message),
               _description(schema))


def _description(schema: dict) -> str:
    """The schema's description as a hint, in the strategy's language (the catalog translates it whole)."""
    text = schema.get("description", "")
    return whole(text) if isinstance(text, str) and text else ""


def validate(data: Any, source: SourceMap, name: str = GOALS_SCHEMA) -> list[Diagnostic]:
    """Check ``data`` against the named schema; one plain diagnostic per problem.

    A file the generated validator accepts has no problems (it is never less strict than
    jsonschema, see schemagen.py), so jsonschema is imported only to explain a rejection.
    """
    from strategykit.source.validators import is_valid

    if is_valid(name, data):
        return []
    validator = _validator(name)
    root = load_schema(name)
    out: list[Diagnostic] = []
    for error in validator.iter_errors(data):
        out.extend(translate(error, data, source, root))
    return out
