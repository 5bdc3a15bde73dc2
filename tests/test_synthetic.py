"""The synthetic strategies behind the benchmarks: clean under `strategy check`, sized as asked, repeatable."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from strategykit.devtools import synthetic
from strategykit.project import check
from strategykit.devtools.synthetic import Size


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module", params=[1, 10], ids=["1x", "10x"])
def generated(request, tmp_path_factory):
    """(scale, folder, check result) of a strategy generated with seed 1; checked once per module."""
    root = tmp_path_factory.mktemp(f"synthetic-{request.param}x")
    synthetic.write(root, request.param, seed=1)
    return request.param, root, check(root)


def test_generated_strategy_checks_without_any_diagnostic(generated):
    _, _, result = generated
    assert result.model is not None
    assert [f"{d.position} {d.code}: {d.message}" for d in result.diagnostics] == []


def test_generated_strategy_has_the_counts_of_its_scale(generated):
    scale, _, result = generated
    model = result.model
    size = Size.at(scale)
    assert len(model.priorities) == size.priorities
    assert len(list(model.goals())) == size.goals
    assert len(list(model.targets())) == size.targets
    assert len(model.indicators) == size.indicators
    assert len(model.chapters) == size.chapters


def test_every_value_is_marked_illustrative(generated):
    _, root, result = generated
    model = result.model
    assert all(t.baseline.provenance.illustrative and not t.baseline.provenance.source
               for _, t in model.targets())
    assert "illustrativa" in model.notice
    csv_rows = [line for f in (root / "data").glob("*.csv")
                for line in f.read_text(encoding="utf-8").splitlines()[1:]]
    assert csv_rows and all(",illustrative,," in row for row in csv_rows)


def test_the_data_holds_every_baseline_for_its_year_and_breakdown(generated):
    _, _, result = generated
    model = result.model
    for _, t in model.targets():
        observed = {o.year: o.value for o in model.series(t.indicator_id, t.breakdown)}
        assert observed.get(t.baseline.year) == t.baseline.value, t.id


def test_every_indicator_has_a_data_file(generated):
    _, root, result = generated
    model = result.model
    assert sorted(p.stem for p in (root / "data").glob("*.csv")) == sorted(i.id for i in model.indicators)


def test_prose_grows_with_the_scale_and_has_headings(generated):
    scale, root, _ = generated
    chapters = sorted((root / "strategy").glob("*.md"))
    prose = sum(len(p.read_bytes()) for p in chapters)
    assert synthetic.EXAMPLE_PROSE_BYTES * scale <= prose <= synthetic.EXAMPLE_PROSE_BYTES * scale * 1.25
    for p in chapters:
        lines = p.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# ")
        assert any(line.startswith("## ") for line in lines), p.name
    assert any("å" in p.read_text(encoding="utf-8") for p in chapters)


def test_same_seed_gives_byte_identical_files(tmp_path):
    for name in ("a", "b"):
        synthetic.write(tmp_path / name, 10, seed=7)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")


def test_another_seed_gives_another_strategy():
    assert synthetic.generate(1, 1)["goals.yaml"] != synthetic.generate(1, 2)["goals.yaml"]


def test_scale_1_has_the_examples_counts_and_scale_100_the_issues():
    assert Size.at(1) == Size(6, 19, 19, 14, 12, synthetic.EXAMPLE_PROSE_BYTES)
    big = Size.at(100)
    assert (big.priorities, big.goals, big.targets, big.indicators, big.chapters) == (600, 2000, 5000, 1000, 200)
    assert big.prose_bytes == 100 * synthetic.EXAMPLE_PROSE_BYTES


def test_scale_below_1_is_refused():
    with pytest.raises(ValueError):
        Size.at(0.5)


def test_observations_can_be_left_out(tmp_path):
    synthetic.write(tmp_path, 1, seed=1, observations=False)
    assert not (tmp_path / "data").exists()
    assert check(tmp_path).diagnostics == []


def test_command_line_writes_and_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "s"
    cmd = [sys.executable, "-m", "strategykit.devtools.synthetic", "--scale", "1", "--seed", "3", str(out)]
    first = subprocess.run(cmd, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "19 goals" in first.stdout
    before = _digest(out)
    again = subprocess.run(cmd, capture_output=True, text=True)
    assert again.returncode == 2 and "--force" in again.stderr
    forced = subprocess.run(cmd + ["--force"], capture_output=True, text=True)
    assert forced.returncode == 0, forced.stderr
    assert _digest(out) == before
