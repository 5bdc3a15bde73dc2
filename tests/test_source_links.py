"""No source file is read through a link that leaves the strategy's folder, and no diagnostic quotes one.

A pull request can replace any file with a symbolic link (git stores links). A link to
/etc/passwd in place of goals.yaml made ``check`` quote the machine's password file in
its (public, GitHub-annotation) output. Every file the toolkit reads goes through one test
(``load.is_inside``); these tests replace each kind of source with such a link.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from strategykit.cli import main

from conftest import REPO
from web_support import copy_strategy

SECRET = "s3cret-marker-from-outside"
OUTSIDE_TEXT = (f"root:x:0:0:{SECRET}:/root:/bin/bash\n"
                f"year,value\n{SECRET},{SECRET}\n- {SECRET}: [{SECRET}]\n# {SECRET}\n")

LINKED = [
    # (the file replaced by a link, the code that refuses it)
    ("goals.yaml", "file-outside-folder"),
    ("dialogue.yaml", "file-outside-folder"),
    ("editions.yaml", "file-outside-folder"),
    ("remiss/umea-kommun.yaml", "file-outside-folder"),
    ("data/population.csv", "data-file-outside"),
    ("strategy/01-inledning.md", "chapter-outside-folder"),
    ("mkdocs.yml", "file-outside-folder"),
    ("pdf/profile.typ", "file-outside-folder"),
]
LINKED_FOLDERS = [("remiss", "file-outside-folder"), ("data", "data-file-outside"), ("pdf", "file-outside-folder")]


@pytest.fixture
def example(tmp_path) -> Path:
    root = copy_strategy(REPO, tmp_path / "strategy")
    (root / "pdf").mkdir()
    (root / "pdf" / "profile.typ").write_text("// the region's own profile\n", encoding="utf-8")
    return root


@pytest.fixture
def outside(tmp_path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    for name in ("secret.yaml", "secret.csv", "secret.md", "secret.typ", "secret.yml"):
        (folder / name).write_text(OUTSIDE_TEXT, encoding="utf-8")
    return folder


def _link(path: Path, target: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)


def _all_outputs(root: Path, capsys) -> tuple[set[int], list[dict], str]:
    """Exit codes, JSON diagnostics and everything printed, for check in every format."""
    codes, printed = set(), ""
    for fmt in ("text", "github", "json"):
        codes.add(main(["check", str(root), "--format", fmt]))
        out = capsys.readouterr()
        printed += out.out + out.err
        if fmt == "json":
            diagnostics = json.loads(out.out)["diagnostics"]
    return codes, diagnostics, printed


@pytest.mark.parametrize("file, code", LINKED, ids=[f for f, _ in LINKED])
def test_a_source_linked_outside_the_repository_is_refused_unread(example, outside, file, code, capsys):
    _link(example / file, outside / ("secret" + Path(file).suffix))
    codes, diagnostics, printed = _all_outputs(example, capsys)
    assert codes == {1}
    assert code in {d["code"] for d in diagnostics}, diagnostics
    assert SECRET not in printed


@pytest.mark.parametrize("folder, code", LINKED_FOLDERS, ids=[f for f, _ in LINKED_FOLDERS])
def test_a_source_folder_linked_outside_the_repository_is_refused_unread(example, outside, folder, code, capsys):
    for name in ("umea-kommun.yaml", "population.csv", "profile.typ"):
        shutil.copy(outside / ("secret" + Path(name).suffix), outside / name)
    _link(example / folder, outside)
    codes, diagnostics, printed = _all_outputs(example, capsys)
    assert codes == {1}
    assert code in {d["code"] for d in diagnostics}, diagnostics
    assert SECRET not in printed


def test_goals_yaml_linked_to_the_password_file_is_never_quoted(example, capsys):
    if not Path("/etc/passwd").is_file():
        pytest.skip("no /etc/passwd on this machine")
    _link(example / "goals.yaml", Path("/etc/passwd"))
    codes, diagnostics, printed = _all_outputs(example, capsys)
    assert codes == {1}
    assert [d["code"] for d in diagnostics] == ["file-outside-folder"]
    assert "goals.yaml" in diagnostics[0]["message"] and "outside" in diagnostics[0]["message"]
    assert "root:" not in printed and "/bin/" not in printed


def test_a_link_that_stays_inside_the_repository_is_read(example):
    (example / "shared").mkdir()
    shutil.move(example / "dialogue.yaml", example / "shared" / "dialogue.yaml")
    (example / "dialogue.yaml").symlink_to(Path("shared") / "dialogue.yaml")
    assert main(["check", str(example), "--format", "json"]) == 0


def test_fmt_neither_reads_nor_replaces_a_goals_yaml_linked_outside(example, outside, capsys):
    target = outside / "secret.yaml"
    _link(example / "goals.yaml", target)
    assert main(["fmt", str(example)]) == 1
    printed = "".join(capsys.readouterr())
    assert "outside" in printed and SECRET not in printed
    assert (example / "goals.yaml").is_symlink() and target.read_text(encoding="utf-8") == OUTSIDE_TEXT


def test_the_web_build_refuses_a_mkdocs_yml_linked_outside(example, outside):
    from strategykit.source import siteconfig

    _link(example / "mkdocs.yml", outside / "secret.yml")
    site = siteconfig.read(example)
    assert not site.ok and [p.code for p in site.problems] == ["site-config-inherit"]
    assert SECRET not in " ".join(p.message + p.hint for p in site.problems)


def test_is_inside_follows_every_link_and_refuses_what_has_no_place(tmp_path):
    from strategykit.source.load import is_inside

    root = tmp_path / "repo"
    (root / "a").mkdir(parents=True)
    (root / "a" / "f").write_text("x")
    (root / "in").symlink_to(root / "a" / "f")
    (root / "out").symlink_to(tmp_path)
    (root / "loop").symlink_to(root / "loop")
    assert is_inside(root / "in", root) and is_inside(root / "a" / "f", root / "a", root)
    assert is_inside(root / "out" / "repo" / "a" / "f", root / "a")  # out and back in
    assert not is_inside(root / "out", root)
    assert not is_inside(root / "in", root / "a" / "f")
    assert not is_inside(root / "loop", root)
    assert not is_inside(root / "a\0b", root)
    assert not is_inside(root, root)


def test_diff_compares_a_build_file_linked_outside_by_where_it_points_without_reading_it(example, outside):
    from strategykit.analysis.diff import _build_files

    _link(example / "mkdocs.yml", outside / "secret.yml")
    found = _build_files(example)
    assert SECRET.encode() not in b"".join(found.values())
    assert found["mkdocs.yml"].startswith(b"link: ") and b"secret.yml" in found["mkdocs.yml"]
