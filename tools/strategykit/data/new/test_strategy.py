"""The strategy's own tests, run by `make test` (and on every pull request by the workflow's checks)."""

from pathlib import Path

from strategykit.devtools.fmt import format_file
from strategykit.project import check

ROOT = Path(__file__).resolve().parents[1]


def test_the_strategy_has_no_errors():
    result = check(ROOT)
    problems = [f"{d.position}: {d.severity} {d.code}: {d.message}" for d in result.diagnostics
                if str(d.severity) == "error"]
    assert result.ok and not problems, "\n".join(problems)


def test_goals_yaml_is_in_canonical_form():
    result = format_file(ROOT / "goals.yaml", "goals.yaml", check=True)
    assert result.ok and not result.changed, f"run 'make fmt' (strategy fmt):\n{result.diff}"
