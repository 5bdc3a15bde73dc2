"""mkdocs.yml is an input like any other: read safely, each refusal at its place, and never run by the build."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from strategykit.plan import gather
from strategykit.diagnostics import BuildError
from strategykit.project import check, load_strategy
from strategykit.render.web import build_site, generate
from web_support import FIXTURES, copy_strategy


@pytest.fixture
def minimal(tmp_path) -> Path:
    return copy_strategy(FIXTURES / "minimal", tmp_path / "repo")


def add_to_config(root: Path, text: str) -> None:
    path = root / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8") + textwrap.dedent(text), encoding="utf-8")


def site_config_problems(root: Path) -> list[tuple[str, str, int, int]]:
    return [(d.code, d.position.file, d.position.line, d.position.column) for d in check(root).diagnostics
            if d.code.startswith("site-config-") or d.position.file.endswith(".yml")]


def line_of(root: Path, needle: str, name: str = "mkdocs.yml") -> int:
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_the_example_and_the_default_configuration_check_clean(minimal):
    assert site_config_problems(minimal) == []
    (minimal / "mkdocs.yml").unlink()
    assert site_config_problems(minimal) == []


@pytest.mark.parametrize("text, code, needle", [
    ("hooks:\n  - ../../evil.py\n", "site-config-hook", "hooks:"),
    ("watch: [x]\n", "site-config-key", "watch:"),
    ("extra_javascript:\n  - https://example.org/x.js\n", "site-config-remote-asset", "https://"),
    ("extra_javascript:\n  - //example.org/x.js\n", "site-config-remote-asset", "//example"),
    ("extra_javascript:\n  - {path: 'http://example.org/x.js', defer: true}\n", "site-config-remote-asset", "http://"),
    ("INHERIT: ../outside.yml\n", "site-config-inherit", "INHERIT:"),
    ("INHERIT: /etc/passwd\n", "site-config-inherit", "INHERIT:"),
])
def test_a_hostile_top_level_key_is_refused_at_its_place(minimal, text, code, needle):
    (minimal.parent / "outside.yml").write_text("site_name: x\n", encoding="utf-8")
    add_to_config(minimal, text)
    problems = site_config_problems(minimal)
    assert (code, "mkdocs.yml", line_of(minimal, needle)) in [p[:3] for p in problems], problems


@pytest.mark.parametrize("old, new, code", [
    ("  - search\n", "  - search\n  - macros\n", "site-config-plugin"),
    ("  - toc\n", "  - toc\n  - pymdownx.snippets:\n      base_path: ['/']\n", "site-config-extension"),
    ("  - toc\n", "  - toc\n  - markdown_include.include\n", "site-config-extension"),
    ("  - toc\n", "  - toc:\n      slugify: {module: os}\n", "site-config-extension"),
    ("extra_css:\n  - assets/strategy.css\n", "extra_css:\n  - https://example.org/x.css\n", "site-config-remote-asset"),
    ("  generator: false\n", "  generator: false\n  analytics: {provider: google, property: G-X}\n",
     "site-config-key"),
    ("  custom_dir: .build/web/overrides\n", "  custom_dir: evil\n", "site-config-key"),
    ("  font: false\n", "  font: {text: Roboto}\n", "site-config-remote-asset"),
    ("  font: false\n", "  font: false\n  logo: 'x\" onerror=\"alert(1)'\n", "site-config-key"),
    ("    primary: custom\n", "    primary: 'x\"><script>alert(1)</script>'\n", "site-config-key"),
])
def test_a_plugin_extension_or_asset_outside_the_allow_list_is_refused(minimal, old, new, code):
    path = minimal / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert code in [p[0] for p in site_config_problems(minimal)]


def test_a_python_tag_in_mkdocs_yml_is_refused_and_not_run(minimal):
    add_to_config(minimal, "copyright: !!python/object/apply:os.system ['touch MARKER']\n")
    problems = site_config_problems(minimal)
    assert ("unsafe-tag", "mkdocs.yml", line_of(minimal, "!!python")) in [p[:3] for p in problems]
    assert not (minimal / "MARKER").exists()


def test_an_inherited_file_of_the_repository_is_read_and_checked_too(minimal):
    (minimal / "strategy" / "base.yml").write_text("hooks:\n  - hook.py\n", encoding="utf-8")
    add_to_config(minimal, "INHERIT: strategy/base.yml\n")
    assert ("site-config-hook", "strategy/base.yml", 1) in [p[:3] for p in site_config_problems(minimal)]


def test_the_build_writes_the_vetted_configuration_without_inherit(minimal):
    (minimal / "base.yml").write_text("repo_url: https://example.org/repo\nrepo_name: a <b> repo\n",
                                      encoding="utf-8")
    add_to_config(minimal, "INHERIT: base.yml\n")
    config = generate(gather(check(minimal).model)).read_text(encoding="utf-8")
    assert "INHERIT" not in config
    assert "repo_url: https://example.org/repo" in config
    assert "repo_name: a &lt;b&gt; repo" in config
    assert "\n  - search" in config or "\n- search" in config


HOOK = "import pathlib\npathlib.Path(__file__).with_name('HOOK-RAN').write_text('x')\n"


@pytest.mark.parametrize("config", [
    "hooks:\n  - hook.py\n",
    "hooks:\n  - ../../hook.py\n",
    "extra: !!python/object/apply:os.system ['touch TAG-RAN']\n",
    "INHERIT: strategy/base.yml\n",
])
def test_a_hostile_mkdocs_yml_runs_nothing_when_build_is_called_without_check(minimal, config, monkeypatch):
    monkeypatch.chdir(minimal)  # where os.system would leave its mark
    (minimal / "hook.py").write_text(HOOK, encoding="utf-8")
    (minimal / "strategy" / "base.yml").write_text("hooks:\n  - ../hook.py\n", encoding="utf-8")
    add_to_config(minimal, config)
    model = load_strategy(minimal).model  # no rules: as if 'strategy check' had been skipped
    with pytest.raises(BuildError, match="mkdocs.yml"):
        build_site(gather(model), minimal / "site", pdf=None)
    assert not (minimal / "HOOK-RAN").exists()
    assert not list(minimal.rglob("TAG-RAN"))
    assert not (minimal / "site").exists()
