"""The bad-input corpus: every hostile or broken input ends in exit 1 with a positioned diagnostic.

Never exit 2, never a traceback, never a hang. Each folder under tests/corpus/ is a
strategy with one thing wrong and an expected.json naming the diagnostics it must give.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategykit.cli import main
from strategykit.project import check

from conftest import TESTS, copy_minimal

CORPUS = sorted(p for p in (TESTS / "corpus").iterdir() if p.is_dir())


def run_check(root: Path, capsys) -> tuple[int, list[dict]]:
    rc = main(["check", str(root), "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    return rc, payload["diagnostics"]


def assert_gives(root: Path, expected: list[dict], capsys) -> None:
    rc, found = run_check(root, capsys)
    assert rc == 1, found
    assert all(d["line"] >= 1 and d["column"] >= 1 for d in found if d["file"] == "goals.yaml"), found
    got = {(d["code"], Path(d["file"]).name, d["line"]) for d in found}
    for e in expected:
        assert (e["code"], Path(e["file"]).name, e["line"]) in got, (e, found)


@pytest.mark.parametrize("case", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_case_gives_its_diagnostic(case, capsys):
    expected = json.loads((case / "expected.json").read_text())
    assert expected["diagnostics"], "a corpus case must name what it expects"
    assert_gives(case, expected["diagnostics"], capsys)


def test_corpus_covers_the_kinds_of_bad_input():
    names = {p.name for p in CORPUS}
    for needed in ["unclosed-quote", "bad-indentation", "tab-indentation", "duplicate-key-top", "wrong-type",
                   "yaml11-no", "yaml11-on", "yaml11-version", "unknown-key", "alias-bomb", "python-object-tag",
                   "empty-file", "only-comments", "bom-crlf", "invalid-utf8", "nan", "infinity", "huge-number",
                   "chapter-parent-path", "chapter-absolute-path", "chapter-missing", "chapter-invalid-utf8"]:
        assert needed in names


def test_fifty_megabyte_file_is_refused_quickly(tmp_path, capsys):
    root = copy_minimal(tmp_path / "big")
    with open(root / "goals.yaml", "ab") as fh:
        fh.write(b"# " + b"x" * (50 * 1024 * 1024) + b"\n")
    assert_gives(root, [{"code": "file-too-large", "file": "goals.yaml", "line": 1}], capsys)


def test_symlinked_chapter_pointing_outside_is_not_read(tmp_path, capsys):
    root = copy_minimal(tmp_path / "link")
    outside = tmp_path / "outside.md"
    outside.write_text("# Hemlig\n\nInte för publicering.\n")
    target = root / "strategy" / "01-inledning.md"
    target.unlink()
    target.symlink_to(outside)
    result = check(root)
    assert result.model.chapters[0].document is None
    assert_gives(root, [{"code": "chapter-outside-folder", "file": "goals.yaml", "line": 61}], capsys)


def test_unquoted_dates_are_read_as_text_not_as_dates(tmp_path):
    root = copy_minimal(tmp_path / "dates")
    text = (root / "goals.yaml").read_text().replace('"2020-01-15"', "2020-01-15").replace('"2025-01-15"', "2025-01-15")
    (root / "goals.yaml").write_text(text)
    result = check(root)
    assert result.ok
    assert result.model.edition.date == "2020-01-15"


def test_corpus_cases_are_left_untouched(tmp_path, capsys):
    case = next(p for p in CORPUS if p.name == "duplicate-key-goal")
    before = {p: p.read_bytes() for p in case.rglob("*") if p.is_file()}
    run_check(case, capsys)
    assert {p: p.read_bytes() for p in case.rglob("*") if p.is_file()} == before


def test_readme_reliability_table_names_every_corpus_case():
    readme = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Reliability"):]
    for case in CORPUS:
        family = case.name.rsplit("-", 1)[0] + "-*"
        assert f"`{case.name}`" in section or f"`{family}`" in section, case.name


_TAGGED_PLACES = ["title: Teststrategi 2020–2030", "baseline: {year: 2019,", "value: 79.5,", "illustrative: true}",
                  'code: "99"', "language: sv"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=st.sampled_from(_TAGGED_PLACES),
       tag=st.sampled_from(["!!int", "!!float", "!!bool", "!!null", "!!str", "!!binary", "!!timestamp", "!!set"]),
       scalar=st.one_of(st.sampled_from(['"x"', "0x", '""', "0b", "1e400", ".nan", "~", "yes", "1_0", "0o9"]),
                        st.text(alphabet="0123456789abcdefxob.+-_:eE", max_size=8)))
def test_explicit_tags_on_random_scalars_never_crash_the_check(tmp_path_factory, capsys, place, tag, scalar):
    root = copy_minimal(tmp_path_factory.mktemp("tagged") / "s")
    key, _, rest = place.partition(": ")
    if rest.startswith("{"):  # the first key of a flow mapping: tag its value
        inner = rest[1:].split(":")[0]
        written = f"{key}: {{{inner}: {tag} {scalar},"
    else:
        written = f"{key}: {tag} {scalar}" + (rest[-1] if rest[-1] in ",}" else "")
    text = (root / "goals.yaml").read_text(encoding="utf-8").replace(place, written, 1)
    (root / "goals.yaml").write_text(text, encoding="utf-8")
    rc, found = run_check(root, capsys)
    assert rc in (0, 1), found
    assert all(d["line"] >= 1 and d["column"] >= 1 for d in found if d["file"] == "goals.yaml")
