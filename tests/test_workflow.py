"""The review workflow, the pre-commit hooks and the authors' guide agree with the command line."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from strategykit.cli import build_parser
from strategykit.devtools.guide import (GUIDE_FILE, GUIDE_FILES, RULES_PAGES, generated_section, rules_markdown, rules_page)
from strategykit.rules import RULES

from conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "strategy.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
CONTROL = {"&&", "||", ";", "|", ">", ">>", "<", "&", "2>", "(", ")"}


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def strategy_commands(script: str) -> list[list[str]]:
    """Every `strategy …` invocation in a shell script, as its argument list."""
    commands = []
    for line in script.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        tokens = list(lexer)
        start = True
        for i, tok in enumerate(tokens):
            if start and tok == "strategy":
                args = []
                for arg in tokens[i + 1:]:
                    if arg in CONTROL:
                        break
                    args.append(arg)
                commands.append(args)
            start = tok in CONTROL or tok in ("{", "then", "do", "if", "!")
    return commands


def workflow_steps():
    for name, job in load(WORKFLOW)["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_every_strategy_command_in_the_workflow_parses_with_the_cli():
    parser = build_parser()
    seen = []
    for job, step in workflow_steps():
        for args in strategy_commands(step.get("run", "")):
            parser.parse_args(args)  # exits (fails the test) on an unknown subcommand or option
            seen.append(" ".join(a for a in args if a.startswith("--") or a == args[0]))
    assert "check --format" in seen
    assert "fmt --check" in seen
    assert any(s.startswith("build") for s in seen)
    assert "diff --format" in seen


def test_the_helper_finds_commands_after_operators_and_ignores_redirections():
    script = 'strategy diff "origin/$BASE" HEAD --format markdown >> "$OUT"\nstrategy check || true\n'
    assert strategy_commands(script) == [["diff", "origin/$BASE", "HEAD", "--format", "markdown"], ["check"]]


def test_workflow_runs_on_pull_request_and_push_to_main_never_pull_request_target():
    workflow = load(WORKFLOW)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key 'on' as true
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request_target" not in triggers
    for _, step in workflow_steps():  # nor a checkout of the pull request's head with the base's rights
        assert "github.event.pull_request.head" not in str(step.get("with", {}))


def test_permissions_are_least_privilege_per_job():
    workflow = load(WORKFLOW)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        permissions = job["permissions"]
        if name == "deploy":
            assert permissions == {"pages": "write", "id-token": "write"}
            assert job["environment"]["name"] == "github-pages"
        else:
            assert permissions == {"contents": "read"}, name


def test_checkouts_keep_no_credentials():
    for job, step in workflow_steps():
        if str(step.get("uses", "")).startswith("actions/checkout"):
            assert step["with"]["persist-credentials"] is False


def test_jobs_that_build_or_diff_fetch_all_history_and_tags():
    """A shallow checkout has no tags: the site's page "changes since the consultation version"
    would be empty, and the diff would have no base. fetch-depth 0 fetches all history and tags."""
    jobs = load(WORKFLOW)["jobs"]
    building = [name for name, job in jobs.items()
                if any(args[:1] in (["build"], ["diff"]) for step in job.get("steps", [])
                       for args in strategy_commands(step.get("run", "")))]
    assert sorted(building) == ["build-site", "diff", "pdf", "web"]
    for name in building:
        (checkout,) = [s for s in jobs[name]["steps"] if str(s.get("uses", "")).startswith("actions/checkout")]
        assert checkout["with"]["fetch-depth"] == 0, name


def test_summary_and_artifacts_are_written():
    steps = dict(workflow_steps_by_name())
    summary = steps["Summary of the change in meaning"]["run"]
    assert '>> "$GITHUB_STEP_SUMMARY"' in summary
    assert "${{" not in summary, "pass expressions through env:, never into the script"
    uploads = [s for _, s in workflow_steps() if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert {s["with"]["name"] for s in uploads} == {"web-edition", "pdf-edition"}
    pages = [s for _, s in workflow_steps() if str(s.get("uses", "")).startswith(("actions/upload-pages-artifact",
                                                                                  "actions/deploy-pages"))]
    assert len(pages) == 2


PULL_REQUEST_JOBS = {"check": "Check", "format": "Format", "web": "Web edition", "pdf": "PDF edition",
                     "diff": "Semantic diff"}


def test_each_question_of_a_review_is_its_own_named_job():
    """One job per question, so the pull request's list of checks shows which one failed."""
    jobs = load(WORKFLOW)["jobs"]
    pull_request = {name: job["name"] for name, job in jobs.items() if "pull_request" in job.get("if", "")}
    assert pull_request == PULL_REQUEST_JOBS


def test_every_action_is_pinned_by_commit_with_its_version_beside_it():
    minimum = {"actions/checkout": 5, "actions/setup-python": 6, "actions/upload-artifact": 5,
               "actions/upload-pages-artifact": 4, "actions/deploy-pages": 4}
    pins = re.findall(r"uses: ([\w./-]+)@(\S+)(.*)", WORKFLOW.read_text(encoding="utf-8"))
    assert {action for action, _, _ in pins} == set(minimum)
    for action, ref, comment in pins:
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{action} is pinned to {ref!r}, not to a commit"
        version = re.fullmatch(r"\s+# v(\d+)\.\d+\.\d+", comment)
        assert version, f"{action}@{ref}: say the version in a comment, e.g. '  # v5.0.0'"
        assert int(version.group(1)) >= minimum[action], f"{action} {comment.strip()} runs on a retired Node"
    versions = {}
    for action, ref, comment in pins:
        versions.setdefault(action, set()).add((ref, comment.strip()))
    assert all(len(v) == 1 for v in versions.values()), f"one version of each action: {versions}"


def test_every_python_setup_caches_pip():
    for job, step in workflow_steps():
        if str(step.get("uses", "")).startswith("actions/setup-python"):
            assert step["with"]["cache"] == "pip", job
            assert "pyproject.toml" in step["with"]["cache-dependency-path"], job


def test_check_annotates_and_its_summary_lists_every_problem():
    (step,) = [s for _, s in workflow_steps() if "strategy check" in s.get("run", "")]
    assert strategy_commands(step["run"]) == [["check", "--format", "github"]]


def _run_format_step(folder: Path, fmt_exit: int, fmt_output: str) -> tuple[subprocess.CompletedProcess, str]:
    """The workflow's format step, with a stand-in `strategy` that answers like `fmt --check`."""
    (script,) = {s["run"] for _, s in workflow_steps() if "fmt --check" in s.get("run", "")}
    (folder / "bin").mkdir()
    fake = folder / "bin" / "strategy"
    fake.write_text(f"#!/bin/sh\ncat <<'EOF'\n{fmt_output}EOF\nexit {fmt_exit}\n", encoding="utf-8")
    fake.chmod(0o755)
    summary = folder / "summary.md"
    summary.write_text("", encoding="utf-8")
    proc = subprocess.run(["bash", "-e", "-c", script], cwd=folder, capture_output=True, text=True, timeout=30,
                          env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary),
                               "PATH": f"{folder / 'bin'}{os.pathsep}{os.environ['PATH']}"})
    return proc, summary.read_text(encoding="utf-8")


def test_a_formatting_difference_warns_with_the_exact_patch_and_does_not_fail(tmp_path):
    patch = ("--- goals.yaml\n+++ goals.yaml (formatted)\n@@ -9,1 +9,1 @@\n-  id:  x\n+  id: x\n"
             "goals.yaml is not in canonical form; run 'strategy fmt' to rewrite it.\n")
    proc, summary = _run_format_step(tmp_path, 1, patch)
    assert proc.returncode == 0, proc.stderr
    assert "::warning file=goals.yaml,title=Formatting::goals.yaml is not in canonical form." in proc.stdout
    assert "```diff\n--- goals.yaml\n+++ goals.yaml (formatted)\n@@ -9,1 +9,1 @@\n-  id:  x\n+  id: x\n" in summary
    assert "a maintainer runs `strategy fmt`" in summary


def test_a_goals_yaml_that_does_not_load_is_left_to_the_check_job(tmp_path):
    proc, summary = _run_format_step(tmp_path, 1, "goals.yaml:3:1: error yaml-syntax: ...\n1 error.\n")
    assert proc.returncode == 0
    assert "::notice title=Formatting::goals.yaml can be formatted once it loads" in proc.stdout
    assert "::warning" not in proc.stdout and summary == ""


def test_canonical_goals_yaml_leaves_the_summary_empty(tmp_path):
    proc, summary = _run_format_step(tmp_path, 0, "goals.yaml is in canonical form.\n")
    assert proc.returncode == 0 and "::warning" not in proc.stdout
    assert summary == ""


def test_the_reviewed_web_edition_is_built_to_open_from_disk():
    (step,) = [s for _, s in workflow_steps() if "build --web" in s.get("run", "")]
    (args,) = strategy_commands(step["run"])
    assert "--offline" in args


def test_the_guide_says_a_first_contribution_waits_for_a_maintainer():
    guide = (REPO / GUIDE_FILE).read_text(encoding="utf-8")
    hand_written = guide[: guide.index("## What the messages mean")]
    assert "first-time" in hand_written and "maintainer approves" in hand_written


def workflow_steps_by_name():
    for _, step in workflow_steps():
        if "name" in step:
            yield step["name"], step


def test_workflow_installs_from_requirements_that_exist():
    installs = [s["run"] for _, s in workflow_steps() if "pip install" in s.get("run", "")]
    assert installs and all("-r requirements.txt" in r for r in installs)
    assert (REPO / "requirements.txt").is_file()


def _run_install_step(folder: Path, requirements: str) -> subprocess.CompletedProcess:
    """The workflow's install step, run with a stand-in `python` that only says it was called."""
    (script,) = {s["run"] for _, s in workflow_steps() if s.get("name") == "Install strategykit"}
    (folder / "requirements.txt").write_text(requirements, encoding="utf-8")
    (folder / "bin").mkdir()
    (folder / "bin" / "python").write_text('#!/bin/sh\necho "pip was run: $*"\n', encoding="utf-8")
    (folder / "bin" / "python").chmod(0o755)
    return subprocess.run(["bash", "-e", "-c", script], cwd=folder, capture_output=True, text=True, timeout=30,
                          env={**os.environ, "PATH": f"{folder / 'bin'}{os.pathsep}{os.environ['PATH']}"})


def test_install_stops_with_an_error_while_requirements_hold_the_placeholder(tmp_path):
    # What repositories made by older versions of `strategy new` hold until someone edits it.
    placeholder = "STRATEGYKIT-LOCATION-NOT-SET: replace this line with where strategykit is installed from\n"
    proc = _run_install_step(tmp_path, placeholder)
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error file=requirements.txt::Say in requirements.txt where to install")
    assert "pip was run" not in proc.stdout


def test_install_runs_pip_once_requirements_name_the_toolkit(tmp_path):
    proc = _run_install_step(tmp_path, "strategykit @ git+https://github.com/example/strategykit@v1.0\n")
    assert proc.returncode == 0
    assert proc.stdout == "pip was run: -m pip install -r requirements.txt\n"


# -- pre-commit ------------------------------------------------------------------

def test_pre_commit_hooks_are_valid_cli_invocations():
    hooks = load(HOOKS)
    assert [h["id"] for h in hooks] == ["strategy-check", "strategy-fmt"]
    parser = build_parser()
    for h in hooks:
        words = shlex.split(h["entry"])
        assert words[0] == "strategy"
        parser.parse_args(words[1:])
        assert h["language"] == "python"
        assert h["pass_filenames"] is False


def test_pre_commit_check_runs_when_any_file_it_reads_changes():
    (check,) = [h for h in load(HOOKS) if h["id"] == "strategy-check"]
    for path in ("goals.yaml", "strategy/01-inledning.md", "strategy/bilder/karta.png", "data/population.csv",
                 "remiss/kommun-a.yaml", "dialogue.yaml", "editions.yaml", "schema/goals.schema.json"):
        assert re.match(check["files"], path), path
    for path in ("README.md", "mkdocs.yml", "site/index.html", "old/goals.yaml"):
        assert not re.match(check["files"], path), path


def test_pre_commit_fmt_runs_when_goals_yaml_changes():
    (fmt,) = [h for h in load(HOOKS) if h["id"] == "strategy-fmt"]
    assert re.match(fmt["files"], "goals.yaml")
    assert not re.match(fmt["files"], "strategy/01-inledning.md")


# -- the authors' guide ---------------------------------------------------------

@pytest.mark.parametrize("language", sorted(RULES_PAGES))
def test_the_rule_reference_explains_every_rule_from_its_own_docstring(language):
    text = (REPO / RULES_PAGES[language]).read_text(encoding="utf-8")
    assert text == rules_page(language), "the rule reference is out of date: run `python -m strategykit.devtools.guide`"
    section = generated_section(text)
    assert section == rules_markdown(language)
    for code in RULES:
        assert f"### `{code}`" in section


@pytest.mark.parametrize("language", sorted(GUIDE_FILES))
def test_each_guide_links_its_rule_reference_and_the_other_language(language):
    guide = (REPO / GUIDE_FILES[language]).read_text(encoding="utf-8")
    assert f"]({RULES_PAGES[language]})" in guide
    assert all(f"]({other})" in guide for lang, other in GUIDE_FILES.items() if lang != language)
    assert "### `" not in guide, "the rule reference is its own page now, not a part of the guide"


def _strategy_commands(text: str) -> list[list[str]]:
    """Every `strategy ...` command the text shows, in code blocks and inline code, as argument lists."""
    found = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if re.match(r"^(?:\.venv[/\\](?:bin|Scripts)[/\\])?strategy\b", line):
                found.append(shlex.split(line.replace("\\", "/"))[1:])
    for inline in re.findall(r"`((?:\.venv[/\\](?:bin|Scripts)[/\\])?strategy [^`]+)`", text):
        found.append(shlex.split(inline.replace("\\", "/"))[1:])
    return found


@pytest.mark.parametrize("file", GUIDE_FILES.values())
def test_every_strategy_command_in_the_guides_exists(file):
    commands = _strategy_commands((REPO / file).read_text(encoding="utf-8"))
    assert len(commands) >= 5
    parser = build_parser()
    for args in commands:
        try:
            parser.parse_args(args)
        except SystemExit as exc:
            pytest.fail(f"{file}: `strategy {' '.join(args)}` is not a valid command (exit {exc.code})")


@pytest.mark.parametrize("language", sorted(GUIDE_FILES))
def test_guide_explains_every_reading_and_schema_problem(language):
    guide = (REPO / GUIDE_FILES[language]).read_text(encoding="utf-8")
    codes = set()
    for module in ("source/load.py", "source/schema.py", "project.py"):
        source = (REPO / "tools" / "strategykit" / module).read_text(encoding="utf-8")
        codes |= set(re.findall(r'(?:Diagnostic|_error|diag)\(\s*"([a-z0-9]+(?:-[a-z0-9]+)*)"', source))
        codes |= set(re.findall(r'"(duplicate-anchor)"', source))
    assert len(codes) > 15
    missing = sorted(c for c in codes if f"`{c}`" not in guide)
    assert not missing, f"explain these in {GUIDE_FILES[language]}: {missing}"


def test_rules_markdown_is_available_on_the_command_line(capsys):
    from strategykit.cli import main

    assert main(["rules", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == rules_markdown()


@pytest.mark.parametrize("heading", ["Change a target in the GitHub web editor", "What happens in review",
                                     "How publishing works", "What the messages mean"])
def test_guide_covers_what_authors_need(heading):
    assert f"## {heading}" in (REPO / GUIDE_FILE).read_text(encoding="utf-8")


@pytest.mark.parametrize("file, headings", [
    (GUIDE_FILES["en"], ["Recipes: common changes step by step", "What a failing check looks like on a pull request",
                         "On your own computer (optional)"]),
    (GUIDE_FILES["sv"], ["Recept: vanliga ändringar steg för steg", "Så ser en kontroll som inte går igenom ut i en "
                         "pull request", "På din egen dator (frivilligt)", "Vad meddelandena betyder"]),
])
def test_each_guide_has_the_recipes_the_failing_check_and_the_own_computer(file, headings):
    text = (REPO / file).read_text(encoding="utf-8")
    for heading in headings:
        assert f"## {heading}\n" in text
    assert "py -m venv .venv" in text and ".venv\\Scripts\\strategy" in text


def test_the_two_guides_have_the_same_recipes():
    def recipes(file):
        text = (REPO / file).read_text(encoding="utf-8")
        start = text.index("\n## Rec")
        return text[start:text.index("\n## ", start + 1)].count("\n### ")
    assert recipes(GUIDE_FILES["en"]) == recipes(GUIDE_FILES["sv"]) == 12
