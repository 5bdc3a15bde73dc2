"""Property: no edit of a source file, however careless, crashes the loader or the checker.

Random mutations of the example's files — goals.yaml, data/*.csv, remiss/*.yaml,
dialogue.yaml and editions.yaml, one file per example — always end in a result with
positioned diagnostics, and the CLI exits 0 or 1: never 2, never a traceback. For YAML:
drop, duplicate, retype or rename a key, replace a key's whole value (a top-level key's
too) with a scalar or a list, or cut the file at any byte. For CSV: drop, duplicate or cut a
line, change one cell, rename a column, or save it with semicolons. For chapters and the texts of
goals.yaml: Markdown, Unicode, control characters and odd links (tests/fuzz_support.py, shared with
the build fuzz); a few hundred in `make test`, STRATEGY_FUZZ_CHECKS=10000 for a long run.
Source-file mutations: 150 in `make test`, STRATEGY_MUTATIONS=5000 for a long run.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategykit.cli import main
from strategykit.project import check

from conftest import REPO
from fuzz_support import mutant, original

SOURCES = {
    path.relative_to(REPO).as_posix(): path.read_text(encoding="utf-8")
    for path in [REPO / "goals.yaml", *sorted((REPO / "data").glob("*.csv")),
                 *sorted((REPO / "remiss").glob("*.yaml")), REPO / "dialogue.yaml", REPO / "editions.yaml"]
}
FILES = sorted(SOURCES)
SCALARS = st.sampled_from(["no", "yes", "on", "~", "1.10", "[]", "{}", "-1", "1e400", ".nan", "0024",
                           "2020-02-30", '"x"', "'", '"', "&a x", "*a", "!!str 5", "|", ">-", "- x",
                           "Ånge", "999999999999999999999999", "true", "null", "", "45,0", "270 154"])
VALUES = st.sampled_from(["5", "x", "true", "~", "[]", "{}", "[1, 2]", "[x, y]", "[{}]", "[[1]]", '"text"',
                          "2020-01-01", "{a: 1}", "-3.5"])
CELLS = st.sampled_from(["", "x", "1e400", "nan", "-5", "2020", "1899", "45,0", "270 154", '"', '""',
                         "total", "women", "Women", "illustrative", "sourced", "2025-13-01", "Ånge", "0024"])


def _key_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if ":" in line and not line.lstrip().startswith("#")]


def _key_column(line: str) -> int:
    return len(line) - len(line.lstrip(" -"))


def _replace_value(lines: list[str], i: int, value: str) -> list[str]:
    """``lines`` with the value of the key on line ``i`` — nested lines included — replaced by ``value``."""
    key, _, _ = lines[i].partition(":")
    column = _key_column(lines[i])
    end = i + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(" ")) > column):
        end += 1
    return lines[:i] + [f"{key}: {value}"] + lines[end:]


def _yaml_mutation(draw, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    kind = draw(st.sampled_from(["drop", "duplicate", "retype", "rename", "replace", "top", "top", "cut"]))
    if kind == "cut":
        data = text.encode("utf-8")
        return kind, data[: draw(st.integers(0, len(data)))].decode("utf-8", "ignore")
    if kind == "top":
        top = [i for i, line in enumerate(lines) if re.match(r"^[A-Za-z_][\w-]*:", line)]
        return kind, "\n".join(_replace_value(lines, draw(st.sampled_from(top)), draw(VALUES)))
    i = draw(st.sampled_from(_key_lines(lines)))
    line = lines[i]
    if kind == "drop":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, line)
    elif kind == "retype":
        key, _, _ = line.partition(":")
        lines[i] = f"{key}: {draw(SCALARS)}"
    elif kind == "replace":
        lines = _replace_value(lines, i, draw(VALUES))
    else:
        key, sep, rest = line.partition(":")
        stripped = key.lstrip(" -")
        lines[i] = key[: len(key) - len(stripped)] + draw(st.sampled_from(
            ["titel", "id2", "Title", "x", "targets", "goals", "år", "comments", "handling", "editions"])) + sep + rest
    return kind, "\n".join(lines)


def _csv_mutation(draw, text: str) -> tuple[str, str]:
    lines = text.rstrip("\n").split("\n")
    kind = draw(st.sampled_from(["drop", "duplicate", "cell", "header", "semicolons", "cut"]))
    if kind == "cut":
        return kind, text[: draw(st.integers(0, len(text)))]
    if kind == "semicolons":
        return kind, text.replace(",", ";")
    i = draw(st.integers(0, len(lines) - 1))
    if kind == "drop":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    else:
        row = 0 if kind == "header" else i
        cells = lines[row].split(",")
        j = draw(st.integers(0, len(cells) - 1))
        cells[j] = draw(st.sampled_from(["yaer", "value", "Year", "", "extra"]) if kind == "header" else CELLS)
        lines[row] = ",".join(cells)
    return kind, "\n".join(lines) + "\n"


GROUPS = {
    "goals": ["goals.yaml"],
    "data": [f for f in FILES if f.startswith("data/")],
    "remiss": [f for f in FILES if f.startswith("remiss/")],
    "process": ["dialogue.yaml", "editions.yaml"],
}


@st.composite
def mutations(draw):
    group = draw(st.sampled_from(["goals", "goals", "goals", "data", "remiss", "process"]))
    file = draw(st.sampled_from(GROUPS[group]))
    mutate = _csv_mutation if file.endswith(".csv") else _yaml_mutation
    kind, text = mutate(draw, SOURCES[file])
    return file, kind, text.encode("utf-8")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("mutated")
    shutil.copytree(REPO / "strategy", root / "strategy")
    for file, text in SOURCES.items():
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        (root / file).write_text(text, encoding="utf-8")
    return root


def test_the_unmutated_copy_is_clean(workdir):
    assert check(workdir).diagnostics == []


def _top_level_keys(file: str) -> list[int]:
    return [i for i, line in enumerate(SOURCES[file].split("\n")) if re.match(r"^[A-Za-z_][\w-]*:", line)]


@pytest.mark.parametrize("file", ["goals.yaml", FILES[[f.startswith("remiss/") for f in FILES].index(True)],
                                  "dialogue.yaml", "editions.yaml"])
def test_every_top_level_value_of_the_wrong_shape_is_a_positioned_diagnostic(workdir, file):
    """A top-level key whose whole value is a number, a text, a list or a mapping instead."""
    lines = SOURCES[file].split("\n")
    try:
        for i in _top_level_keys(file):
            for value in ("5", "true", "x", "[1, 2]", "{a: 1}"):
                (workdir / file).write_text("\n".join(_replace_value(lines, i, value)), encoding="utf-8")
                result = check(workdir)
                assert all(d.position.line >= 1 and d.position.column >= 1 for d in result.diagnostics), \
                    (lines[i], value)
    finally:
        (workdir / file).write_text(SOURCES[file], encoding="utf-8")


SOURCE_MUTATIONS = int(os.environ.get("STRATEGY_MUTATIONS", "150"))


@settings(max_examples=SOURCE_MUTATIONS, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations())
def test_mutated_sources_never_crash_the_checker(workdir, capsys, mutation):
    file, kind, data = mutation
    (workdir / file).write_bytes(data)
    try:
        result = check(workdir)
        for d in result.diagnostics:
            assert d.position.file and d.position.line >= 1 and d.position.column >= 1, (file, kind, d)
            assert d.message and d.code
        rc = main(["check", str(workdir), "--format", "json"])
        capsys.readouterr()
        assert rc in (0, 1), (file, kind)
    finally:
        (workdir / file).write_text(SOURCES[file], encoding="utf-8")


FUZZ_CHECKS = int(os.environ.get("STRATEGY_FUZZ_CHECKS", "200"))


@settings(max_examples=FUZZ_CHECKS, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2 ** 32 - 1))
def test_mutated_chapters_and_texts_never_crash_the_checker(workdir, capsys, seed):
    m = mutant(random.Random(seed))
    (workdir / m.file).write_text(m.text, encoding="utf-8", newline="")
    try:
        rc = main(["check", str(workdir), "--format", "json"])
        out = capsys.readouterr().out
        assert rc in (0, 1), m.what
        for d in json.loads(out)["diagnostics"]:
            assert d["file"] and d["line"] >= 1 and d["column"] >= 1 and d["code"] and d["message"], (m.what, d)
    finally:
        (workdir / m.file).write_text(original(m.file), encoding="utf-8", newline="")
