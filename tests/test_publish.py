"""One atomic publish: site/ and the PDF change together or not at all, site/ never disappears, and
what an interrupted build leaves is removed by the next one. Each build is killed (os._exit, so no
clean-up code runs) after every step of the publish."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from web_support import FIXTURES, REPO, copy_strategy

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the outputs are published through symbolic links")

PDF_NAME = "test-strategy-1.0.pdf"

BUILD = textwrap.dedent("""
    import os, sys
    import strategykit.render.pdf, strategykit.render.web
    from strategykit import cli, publish

    root, label, kill_after = sys.argv[1], sys.argv[2], sys.argv[3]
    # A stand-in for the PDF that says which build made it; the site carries a copy of it.
    strategykit.render.pdf.render_pdf = lambda model, **kw: b"%PDF-1.7 build " + label.encode() + b"\\n%%EOF\\n"
    real_build_site = strategykit.render.web.build_site

    def build_site(*args, **kwargs):
        out = real_build_site(*args, **kwargs)
        if kill_after == "site-built":
            os._exit(9)
        return out

    strategykit.render.web.build_site = build_site

    def after_step(name):
        if name == kill_after:
            os._exit(9)

    publish.after_step = after_step
    sys.exit(cli.main(["build", root]))
""")

STEPS = ["cleaned", "site-built", "link-made", "swapped", "site-linked", "pdf-linked", "old-removed"]
NEW_FROM = STEPS.index("swapped")


def build(root: Path, label: str, kill_after: str = "") -> int:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.run([sys.executable, "-c", BUILD, str(root), label, kill_after], capture_output=True,
                          text=True, env=env, timeout=300)
    # A kill inside a build's worker (the site is built in a process of its own) ends the build with
    # a plain message and exit 1; a kill of the build itself is exit 9.
    worker = kill_after == "site-built" and "stopped before it was done" in proc.stderr
    assert proc.returncode in (0, 9) or (worker and proc.returncode == 1), proc.stdout + proc.stderr
    return proc.returncode


def published(root: Path) -> str:
    """Which build's editions are published; fails unless site/ and the PDF are whole and of one build."""
    site, pdf = root / "site", root / "dist" / PDF_NAME
    assert (site / "index.html").is_file(), "site/ is missing or incomplete"
    assert (site / "prioriteringar" / "p1" / "index.html").is_file()
    assert pdf.is_file(), "the PDF is missing"
    assert (site / PDF_NAME).read_bytes() == pdf.read_bytes(), "site/ and dist/ are of different builds"
    return pdf.read_bytes().split(b"build ")[1].split(b"\n")[0].decode()


def leftovers(root: Path) -> list[str]:
    found = [p.name for p in root.iterdir() if p.name.startswith(".site-")]
    found += [p.name for p in (root / "dist").iterdir() if p.name.startswith(".")]
    publish = root / ".build" / "publish"
    versions = [p for p in publish.iterdir() if p.is_dir() and not p.is_symlink()]
    found += [p.name for p in publish.iterdir() if p.name.startswith(".")]
    if len(versions) != 1:
        found += [f"{len(versions)} version folders"]
    return found


@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_any_step_leaves_the_old_or_the_new_editions_whole(tmp_path, step):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "repo")
    assert build(root, "1") == 0
    assert published(root) == "1"
    # killed in the site's own worker process, the build itself survives to say so (exit 1)
    assert build(root, "2", kill_after=step) == (1 if step == "site-built" else 9)
    assert published(root) == ("2" if STEPS.index(step) >= NEW_FROM else "1")
    assert build(root, "3") == 0
    assert published(root) == "3"
    assert leftovers(root) == []


def test_outputs_of_an_earlier_toolkit_are_replaced_by_the_published_links(tmp_path):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "repo")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("old", encoding="utf-8")
    (root / "dist").mkdir()
    (root / "dist" / PDF_NAME).write_bytes(b"%PDF old")
    (root / ".site-new-abc123").mkdir()  # left by an interrupted build of an earlier toolkit
    (root / "dist" / f".{PDF_NAME}-new-xyz").write_bytes(b"half")
    assert build(root, "1") == 0
    assert published(root) == "1"
    assert (root / "site").is_symlink() and (root / "dist" / PDF_NAME).is_symlink()
    assert leftovers(root) == []


def test_a_web_only_build_keeps_the_published_pdf_and_a_pdf_only_build_the_site(tmp_path):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "repo")
    assert build(root, "1") == 0
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.run([sys.executable, "-m", "strategykit", "build", "--web", str(root)], capture_output=True,
                          text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert published(root) == "1"
    assert leftovers(root) == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("gitignore", [".gitignore", "tools/strategykit/data/new/gitignore"])
def test_git_status_stays_clean_after_a_build(tmp_path, gitignore):
    """'site/' in .gitignore matches only folders: the published link named site must be ignored too."""
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "repo")
    shutil.copyfile(REPO / gitignore, root / ".gitignore")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    assert build(root, "1") == 0
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=root,
                            capture_output=True, text=True, check=True).stdout
    assert "site" not in status and "dist" not in status and ".build" not in status, status


# --- dist/ holds exactly what the published version has ------------------------------------

def _build_pdfs(root: Path, years: list[int], monkeypatch, names=("pdf", "yearly")) -> set[str]:
    """A build of the print edition and of one stand-in follow-up PDF per year in ``years``;
    what ``dist/`` then holds."""
    from strategykit import build as build_module
    from strategykit.project import check
    from strategykit.render import outputs
    import strategykit.render.pdf

    monkeypatch.setattr(strategykit.render.pdf, "render_pdf", lambda plan, **kw: b"%PDF-1.7 edition\n%%EOF\n")

    def yearly(plan, run):
        dist = {}
        for year in years:
            name = f"{plan.model.id}-uppfoljning-{year}.pdf"
            (run.stage / name).write_bytes(b"%PDF-1.7 follow-up\n%%EOF\n")
            dist[name] = run.stage / name
        return outputs.Product(dist=dist)

    monkeypatch.setitem(outputs.OUTPUTS, "yearly", outputs.Output("yearly", frozenset(), yearly))
    build_module.build(check(root).model, names)
    return {p.name for p in (root / "dist").iterdir() if p.exists() or p.is_symlink()}


def test_a_follow_up_pdf_no_longer_made_leaves_dist_but_a_users_own_file_stays(tmp_path, monkeypatch):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "repo")
    strategy_id = "test-strategy"
    assert _build_pdfs(root, [2023, 2024], monkeypatch) == {
        PDF_NAME, f"{strategy_id}-uppfoljning-2023.pdf", f"{strategy_id}-uppfoljning-2024.pdf"}
    (root / "dist" / "notes.pdf").write_bytes(b"the user's own")
    (root / "dist" / "elsewhere.pdf").symlink_to(root / "goals.yaml")  # a link of the user's own
    assert _build_pdfs(root, [2024], monkeypatch) == {
        PDF_NAME, f"{strategy_id}-uppfoljning-2024.pdf", "notes.pdf", "elsewhere.pdf"}
    assert (root / "dist" / "notes.pdf").read_bytes() == b"the user's own"
    assert all(p.exists() for p in (root / "dist").iterdir()), "no link in dist/ leads nowhere"


def test_a_renamed_strategy_leaves_no_pdf_of_its_old_name(tmp_path, monkeypatch):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "repo")
    _build_pdfs(root, [2024], monkeypatch)
    goals = root / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace("id: test-strategy", "id: renamed", 1),
                     encoding="utf-8")
    assert _build_pdfs(root, [2024], monkeypatch) == {"renamed-1.0.pdf", "renamed-uppfoljning-2024.pdf"}


def test_a_build_without_the_follow_ups_keeps_their_published_pdfs(tmp_path, monkeypatch):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "repo")
    _build_pdfs(root, [2023, 2024], monkeypatch)
    assert _build_pdfs(root, [], monkeypatch, names=("pdf",)) == {
        PDF_NAME, "test-strategy-uppfoljning-2023.pdf", "test-strategy-uppfoljning-2024.pdf"}
    assert all(p.exists() for p in (root / "dist").iterdir())


def test_a_version_of_an_earlier_toolkit_without_a_record_loses_its_stale_follow_ups(tmp_path, monkeypatch):
    root = copy_strategy(FIXTURES / "minimal", tmp_path / "repo")
    _build_pdfs(root, [2023, 2024], monkeypatch)
    for manifest in (root / ".build" / "publish").glob("*/dist.json"):
        manifest.unlink()
    assert _build_pdfs(root, [2024], monkeypatch) == {PDF_NAME, "test-strategy-uppfoljning-2024.pdf"}
