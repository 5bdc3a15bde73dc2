"""Building the web edition: strict, staged (a failed build keeps the old site), and the same
generated pages and mkdocs.yml build with both MkDocs and Zensical."""

from __future__ import annotations

import importlib.util
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from strategykit.plan import gather
from strategykit.cli import main
from strategykit.diagnostics import BuildError
from strategykit.render.web import DEFAULT_CONFIG, build_site, generate
from web_support import FIXTURES, REPO, built, checked_model, copy_strategy

HAS_ZENSICAL = importlib.util.find_spec("zensical") is not None
needs_zensical = pytest.mark.skipif(not HAS_ZENSICAL, reason="Zensical is not installed (pip install -e '.[test]')")


@pytest.fixture
def minimal(tmp_path) -> Path:
    return copy_strategy(FIXTURES / "minimal", tmp_path / "strategy")


def _break_chapter(root: Path, text: str) -> None:
    """Add a broken link, with the rule that reports it turned off: the build must refuse it on its own."""
    chapter = root / "strategy" / "01-inledning.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    with open(root / "goals.yaml", "a", encoding="utf-8") as fh:
        fh.write("checks:\n  chapter-link-broken: ignore\n")


def test_a_failed_build_leaves_the_previous_site_untouched(minimal):
    site = build_site(gather(checked_model(minimal)), minimal / "site")
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    _break_chapter(minimal, "Se [det som saknas](saknas.md).")
    with pytest.raises(BuildError) as exc:
        build_site(gather(checked_model(minimal)), minimal / "site")
    assert "saknas.md" in str(exc.value)
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in minimal.iterdir() if p.name.startswith(".site-")], "a staged folder was left behind"


def test_the_build_is_strict_about_anchors(minimal):
    _break_chapter(minimal, "Se [avsnittet](#finns-inte).")
    with pytest.raises(BuildError, match="finns-inte"):
        build_site(gather(checked_model(minimal)), minimal / "site")


def test_the_site_is_readable_by_a_web_server(minimal):
    site = build_site(gather(checked_model(minimal)), minimal / "site")
    assert stat.S_IMODE(site.stat().st_mode) & 0o055 == 0o055


def test_the_repository_mkdocs_yml_is_the_default_the_toolkit_ships():
    assert (REPO / "mkdocs.yml").read_text(encoding="utf-8") == DEFAULT_CONFIG.read_text(encoding="utf-8")


def test_a_strategy_without_mkdocs_yml_gets_the_default(minimal):
    (minimal / "mkdocs.yml").unlink()
    site = build_site(gather(checked_model(minimal)), minimal / "site")
    assert (site / "prioriteringar" / "p1" / "index.html").is_file()


def test_the_generated_config_holds_the_vetted_repository_config_not_an_inherit(minimal):
    config = generate(gather(checked_model(minimal))).read_text(encoding="utf-8")
    assert "INHERIT" not in config
    assert "site_name: Teststrategi 2020–2030" in config
    for listed in ("extra_css", "plugins", "markdown_extensions"):
        assert f"\n{listed}:" in config


@needs_zensical
def test_zensical_builds_the_same_pages_and_config():
    b = built("example")
    out = build_site(gather(b.model), b.root / "site-zensical", engine="zensical")
    mk = sorted(p.relative_to(b.site).as_posix() for p in b.site.rglob("index.html"))
    zs = sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html"))
    assert zs == mk
    html = (out / "prioriteringar" / "p1" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in html
    assert "md-banner" in html and "sk-footer-links" in html and "assets/strategy.css" in html


@needs_zensical
def test_zensical_build_is_strict_too(minimal):
    _break_chapter(minimal, "Se [det som saknas](saknas.md).")
    with pytest.raises(BuildError, match="Zensical"):
        build_site(gather(checked_model(minimal)), minimal / "site", engine="zensical")


def test_the_repository_mkdocs_yml_builds_the_generated_docs_directly(minimal):
    """After generation, plain `mkdocs build` (and `zensical build`) run on the root mkdocs.yml, away from site/."""
    generate(gather(checked_model(minimal)))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    mk = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(minimal / "out-mkdocs")],
                        cwd=minimal, capture_output=True, text=True, env=env)
    assert mk.returncode == 0, mk.stderr
    assert (minimal / "out-mkdocs" / "prioriteringar" / "p1" / "index.html").is_file()
    if HAS_ZENSICAL:
        zs = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict"], cwd=minimal,
                            capture_output=True, text=True)
        assert zs.returncode == 0, zs.stdout + zs.stderr
        assert (minimal / ".build" / "mkdocs-plain" / "prioriteringar" / "p1" / "index.html").is_file()
        assert not (minimal / "site").exists()  # a plain build never replaces the edition's site/


def test_strategy_build_web_writes_the_site(minimal, capsys):
    assert main(["build", "--web", str(minimal)]) == 0
    assert (minimal / "site" / "index.html").is_file()
    assert "Webbutgåvan skrevs till" in capsys.readouterr().out  # the fixture is Swedish


def test_strategy_build_web_refuses_a_strategy_with_errors(minimal, capsys):
    goals = minimal / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace("indicator: population", "indicator: nope"),
                     encoding="utf-8")
    assert main(["build", "--web", str(minimal)]) == 1
    assert not (minimal / "site").exists()


def test_strategy_check_does_not_import_mkdocs():
    code = ("import sys; from strategykit.cli import main; rc = main(['check', sys.argv[1]]); "
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'strategykit.render.web')); "
            "print(heavy); sys.exit(1 if heavy or 'strategykit.render.web' in sys.modules else rc)")
    proc = subprocess.run([sys.executable, "-c", code, str(FIXTURES / "minimal")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_plain_mkdocs_build_cannot_overwrite_the_site_and_the_comment_says_so():
    import yaml

    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    site_dir = (REPO / yaml.safe_load(text)["site_dir"]).resolve()
    assert not site_dir.is_relative_to((REPO / "site").resolve()) and site_dir != (REPO / "site").resolve()
    assert "`strategy build --web`" in text and "does NOT make the same site" in text
    assert "also work directly" not in text


def test_the_themes_compiled_templates_are_kept_for_the_next_build_and_give_the_same_pages(minimal):
    from strategykit.render.web import template_cache_for, work_dir_for

    plan = gather(checked_model(minimal))
    first = build_site(plan, minimal / "site")
    pages = {p.relative_to(first): p.read_bytes() for p in first.rglob("*.html")}
    cache = template_cache_for(work_dir_for(plan.model).absolute())
    kept = {p.name: p.stat().st_mtime_ns for p in cache.glob("__jinja2_*.cache")}
    assert kept, f"no compiled template was kept in {cache}"
    again = build_site(plan, minimal / "site")
    assert {p.relative_to(again): p.read_bytes() for p in again.rglob("*.html")} == pages
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("__jinja2_*.cache")} == kept, \
        "the second build compiled the templates anew instead of reading them from the cache"


def test_a_template_cache_that_cannot_be_written_only_costs_time(minimal, tmp_path):
    from strategykit.render.web import mkdocs_run

    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    plugin = mkdocs_run._template_cache_plugin(str(blocked / "cache"))
    sentinel = type("Env", (), {"bytecode_cache": None})()
    assert plugin.on_env(sentinel, None, None) is sentinel
    assert sentinel.bytecode_cache is None
