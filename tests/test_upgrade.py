"""`strategy upgrade --from PATH`: a newer toolkit for a repository that `strategy new` made."""

from __future__ import annotations

import json
import shutil

from strategykit.devtools import toolkit
from strategykit.cli import main
from strategykit.devtools.scaffold import new_strategy

from conftest import REPO


def _older(dest):
    """Make the copied toolkit look older: one key fewer in the schema, one module changed, one gone."""
    schema = dest / "schema" / "goals.schema.json"
    data = json.loads(schema.read_text(encoding="utf-8"))
    del data["properties"]["vision"]
    schema.write_text(json.dumps(data, indent=2), encoding="utf-8")
    (dest / "tools" / "strategykit" / "model" / "sdg.py").write_text("# older\n", encoding="utf-8")
    (dest / "tools" / "strategykit" / "devtools" / "upgrade.py").unlink()
    (dest / "tools" / "strategykit" / "retired.py").write_text("# gone in the newer toolkit\n", encoding="utf-8")


def test_upgrade_brings_the_toolkit_and_lists_schema_changes_first(tmp_path, capsys):
    dest = new_strategy(tmp_path / "x")
    _older(dest)
    assert main(["upgrade", "--from", str(REPO), "-C", str(dest)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"strategykit {toolkit.running_toolkit().version} → {toolkit.running_toolkit().version}, from {REPO}"
    assert out.index("Schema") < out.index("changed  schema/goals.schema.json") < out.index("Toolkit (tools/):")
    assert "new keys: vision, " in out
    for line in ("changed  tools/strategykit/model/sdg.py", "added    tools/strategykit/devtools/upgrade.py",
                 "removed  tools/strategykit/retired.py"):
        assert line in out
    assert toolkit.files_of(dest / "tools" / "strategykit") == toolkit.files_of(REPO / "tools" / "strategykit")
    assert (dest / "schema" / "goals.schema.json").read_bytes() == (REPO / "schema" / "goals.schema.json").read_bytes()
    assert not [p for p in (dest / "tools").iterdir() if p.name.startswith(".")], "no staging folder is left"


def test_upgrading_to_the_same_toolkit_says_it_is_up_to_date(tmp_path, capsys):
    dest = new_strategy(tmp_path / "x")
    assert main(["upgrade", "--from", str(REPO), "-C", str(dest)]) == 0
    assert capsys.readouterr().out.startswith("Already up to date: the toolkit in tools/ is the same as in")


def test_a_folder_that_is_not_a_checkout_is_refused_and_nothing_is_written(tmp_path, capsys):
    dest = new_strategy(tmp_path / "x")
    _older(dest)
    before = toolkit.files_of(dest / "tools" / "strategykit")
    assert main(["upgrade", "--from", str(tmp_path / "nowhere"), "-C", str(dest)]) == 2
    assert "is not a checkout of strategykit" in capsys.readouterr().err
    assert toolkit.files_of(dest / "tools" / "strategykit") == before


def test_a_checkout_with_a_broken_pyproject_is_refused(tmp_path, capsys):
    checkout = tmp_path / "checkout"
    shutil.copytree(REPO / "tools" / "strategykit", checkout / "tools" / "strategykit", ignore=toolkit.IGNORE)
    (checkout / "pyproject.toml").write_text("[project\n", encoding="utf-8")
    dest = new_strategy(tmp_path / "x")
    assert main(["upgrade", "--from", str(checkout), "-C", str(dest)]) == 2
    assert "cannot be read as the toolkit's pyproject.toml" in capsys.readouterr().err


def test_upgrade_outside_a_new_repository_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "goals.yaml").write_text("strategy: {}\n", encoding="utf-8")
    assert main(["upgrade", "--from", str(REPO), "-C", str(tmp_path)]) == 2
    assert "is not a strategy repository made by 'strategy new'" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["goals.yaml"]


def test_dependencies_that_changed_are_listed(tmp_path, capsys):
    dest = new_strategy(tmp_path / "x")
    pyproject = dest / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace('"nh3', '"old-package>=1",\n    "nh3'),
                         encoding="utf-8")
    assert main(["upgrade", "--from", str(REPO), "-C", str(dest)]) == 0
    out = capsys.readouterr().out
    assert "removed  old-package>=1" in out
    assert "old-package" not in pyproject.read_text(encoding="utf-8")


def test_version_of_the_package_is_the_one_in_pyproject():
    import tomllib

    from strategykit import __version__

    assert tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"] == __version__
