"""The generated fast validators (strategykit/validators) never accept what jsonschema rejects.

A clean check asks them first and skips jsonschema when they accept; so one that is
less strict than jsonschema would hide an author's mistake. These tests hold them to
jsonschema on every YAML file the suite has and on generated mutations, pin that they
accept the valid examples (else the fast path is never taken), and keep them current.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from strategykit.devtools import schemagen
from strategykit.source import validators
from strategykit.source.load import parse_yaml
from strategykit.source.schema import _validator
from strategykit.devtools.synthetic import generate as generate_synthetic

from conftest import REPO
from test_properties import SOURCES, mutations


def _schema_for(path: str) -> str | None:
    name = Path(path).name
    if name == "goals.yaml":
        return "goals.schema.json"
    if name in ("dialogue.yaml", "editions.yaml"):
        return name.replace(".yaml", ".schema.json")
    if Path(path).parent.name == "remiss":
        return "consultation.schema.json"
    return None


def _agree(text: str, display: str, schema_name: str) -> tuple[bool, bool] | None:
    """(jsonschema finds no problem, the fast validator accepts), or None when the YAML itself does not load."""
    doc, problems = parse_yaml(text, display)
    if doc is None or problems:
        return None
    slow_ok = not any(True for _ in _validator(schema_name).iter_errors(doc.data))
    return slow_ok, bool(validators.is_valid(schema_name, doc.data))


YAML_FILES = sorted(p for p in [*REPO.glob("*.yaml"), *(REPO / "remiss").glob("*.yaml"),
                                *(REPO / "tests").rglob("*.yaml")] if _schema_for(str(p)))


def test_fast_validator_rejects_every_file_jsonschema_rejects():
    verdicts = {}
    for path in YAML_FILES:
        verdict = _agree(path.read_text(encoding="utf-8", errors="replace"), path.name, _schema_for(str(path)))
        if verdict is not None:  # YAML that does not load is reported before any schema
            verdicts[path.relative_to(REPO).as_posix()] = verdict
    too_lenient = [path for path, (slow_ok, fast_ok) in verdicts.items() if fast_ok and not slow_ok]
    assert too_lenient == []
    # the comparison means something only if the suite's files include both kinds
    assert sum(not slow_ok for slow_ok, _ in verdicts.values()) >= 3
    assert sum(slow_ok for slow_ok, _ in verdicts.values()) >= 5


@pytest.mark.parametrize("file", [f for f in sorted(SOURCES) if _schema_for(f)])
def test_fast_validator_accepts_the_valid_example(file):
    assert _agree(SOURCES[file], file, _schema_for(file)) == (True, True)


@pytest.mark.parametrize("scale", [1, 10])
def test_fast_validator_accepts_valid_synthetic_strategies(scale):
    goals = generate_synthetic(scale, seed=3)["goals.yaml"]
    assert _agree(goals, "goals.yaml", "goals.schema.json") == (True, True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_fast_validator_is_never_less_strict_on_mutated_files(mutation):
    file, _kind, data = mutation
    schema_name = _schema_for(file)
    if schema_name is None:
        return  # a CSV file: no schema validation, rules/observations.py checks it
    verdict = _agree(data.decode("utf-8"), file, schema_name)
    if verdict is not None:
        slow_ok, fast_ok = verdict
        assert fast_ok <= slow_ok


def test_a_date_the_calendar_lacks_is_rejected_by_both():
    text = SOURCES["editions.yaml"]
    day = next(line.split(":", 1)[1].strip().strip("'\"") for line in text.splitlines()
               if line.strip().startswith("date:"))
    assert _agree(text.replace(day, "2020-02-30", 1), "editions.yaml", "editions.schema.json") == (False, False)


def test_generated_validators_are_current():
    """Editing a schema without `python -m strategykit.devtools.schemagen` fails here."""
    assert schemagen.main(["--check"]) == 0


def test_schemagen_refuses_what_the_generated_code_would_skip():
    assert schemagen._unsupported({"type": "array", "prefixItems": [{"type": "string"}]}) == ["#/prefixItems"]
    assert schemagen._unsupported({"properties": {"a": {"$ref": "#/$defs/x", "minLength": 1}}}) == \
        ["#/properties/a: $ref next to other keywords (fastjsonschema would drop them)"]
    assert schemagen._unsupported({"properties": {"prefixItems": {"$ref": "#/$defs/x", "description": "ok"}}}) == []


def test_a_clean_check_never_imports_jsonschema_and_a_broken_one_does():
    code = ("import sys; from strategykit.project import check; r = check(sys.argv[1]);"
            "print(len(r.diagnostics), 'jsonschema' in sys.modules)")
    clean = subprocess.run([sys.executable, "-c", code, str(REPO)], capture_output=True, text=True, timeout=60)
    assert clean.stdout.split() == ["0", "False"], clean.stderr
    broken = subprocess.run([sys.executable, "-c", code, str(REPO / "tests" / "corpus" / "unknown-key")],
                            capture_output=True, text=True, timeout=60)
    count, imported = broken.stdout.split()
    assert int(count) > 0 and imported == "True", broken.stderr


def test_the_generated_validators_word_a_path_without_copying_every_local():
    """fastjsonschema words a path in an array with ``"…".format(**locals())``; in a clean check of the
    10× strategy that copied the validator's locals 3 200 times (a fifth of the check), for messages of
    ``if`` alternatives that are dropped. The generated modules use f-strings of the same names instead."""
    for module in (REPO / "tools" / "strategykit" / "source" / "validators").glob("*.py"):
        assert "**locals()" not in module.read_text(encoding="utf-8"), module.name
    code = ('x = "" + ".targets[{data__x}]{{0,19}}".format(**locals()) + " must be string"\n'
            'y = ".a[{data[0]}]".format(**locals())\n')
    out = schemagen._paths_as_fstrings(code)
    assert 'f".targets[{data__x}]{{0,19}}"' in out  # the same text: braces stay escaped as format() has them
    assert '".a[{data[0]}]".format(**locals())' in out  # an index reads differently in an f-string: kept
    data__x, data = 3, {"0": "k"}
    assert eval(out.splitlines()[0].split("= ", 1)[1]) == eval(code.splitlines()[0].split("= ", 1)[1])
