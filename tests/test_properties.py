"""Property: no edit of goals.yaml, however careless, crashes the loader or the checker.

Random mutations of the example's goals.yaml (drop, duplicate, retype or rename a key,
cut the file at any byte) always end in a result with positioned diagnostics, and the
CLI exits 0 or 1 — never 2, never a traceback.
"""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategykit.cli import main
from strategykit.project import check

from conftest import REPO

EXAMPLE = (REPO / "goals.yaml").read_text(encoding="utf-8")
LINES = EXAMPLE.split("\n")
KEY_LINES = [i for i, line in enumerate(LINES) if ":" in line and not line.lstrip().startswith("#")]
SCALARS = st.sampled_from(["no", "yes", "on", "~", "1.10", "[]", "{}", "-1", "1e400", ".nan", "0024",
                           "2020-02-30", '"x"', "'", '"', "&a x", "*a", "!!str 5", "|", ">-", "- x",
                           "Ånge", "999999999999999999999999", "true", "null", ""])


@st.composite
def mutations(draw):
    kind = draw(st.sampled_from(["drop", "duplicate", "retype", "rename", "cut"]))
    lines = list(LINES)
    if kind == "cut":
        data = EXAMPLE.encode("utf-8")
        return kind, data[: draw(st.integers(0, len(data)))]
    i = draw(st.sampled_from(KEY_LINES))
    line = lines[i]
    if kind == "drop":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, line)
    elif kind == "retype":
        key, _, _ = line.partition(":")
        lines[i] = f"{key}: {draw(SCALARS)}"
    else:
        key, sep, rest = line.partition(":")
        stripped = key.lstrip(" -")
        lines[i] = key[: len(key) - len(stripped)] + draw(st.sampled_from(["titel", "id2", "Title", "x", "targets", "goals", "år"])) + sep + rest
    return kind, "\n".join(lines).encode("utf-8")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("mutated")
    shutil.copytree(REPO / "strategy", root / "strategy")
    return root


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations())
def test_mutated_goals_never_crash_the_checker(workdir, capsys, mutation):
    kind, data = mutation
    (workdir / "goals.yaml").write_bytes(data)
    result = check(workdir)
    for d in result.diagnostics:
        assert d.position.file and d.position.line >= 1 and d.position.column >= 1, (kind, d)
        assert d.message and d.code
    rc = main(["check", str(workdir), "--format", "json"])
    capsys.readouterr()
    assert rc in (0, 1), kind
