"""The package shows its flow: each folder is one stage, and imports point only down the flow.

source → model → analysis → rules → project → vcs, sources → plan → present → render → build and publish,
devtools → cli. A module may import from its own stage or any stage before it; never from a later
one. ``diagnostics``, ``messages`` (the catalogs), ``atomic`` (writing files whole), ``bounds`` (running an
engine within limits) and ``speed`` (the speed-ups that are not plain code) are the ground every stage stands on.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tools" / "strategykit"

STAGES = [
    {"strategykit", "diagnostics", "messages", "atomic", "bounds", "speed"},
    {"source"},
    {"model"},
    {"analysis"},
    {"rules"},
    {"project"},
    {"vcs", "sources"},
    {"plan"},
    {"present"},
    {"render"},
    {"build", "publish", "devtools"},
    {"cli", "__main__"},
]
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _runtime_nodes(tree: ast.AST):
    """Every node except what sits under ``if TYPE_CHECKING:`` (type names for the reader, never run)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            yield from (n for child in node.orelse for n in ast.walk(child))
            continue
        yield node
        yield from _runtime_nodes(node)


def imports(path: Path) -> list[tuple[int, str]]:
    """Every strategykit module ``path`` imports (at any depth: deferred imports count too)."""
    found = []
    package = module_name(path).split(".") if path.name == "__init__.py" else module_name(path).split(".")[:-1]
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:  # generated code (validators) imports relatively
            base = package[: len(package) - node.level + 1]
            found.append((node.lineno, ".".join(base + ([node.module] if node.module else []))))
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "strategykit":
            if node.module == "strategykit":
                found += [(node.lineno, f"strategykit.{a.name}") for a in node.names if a.name != "__version__"]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "strategykit"]
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "data" not in p.relative_to(PACKAGE).parts)
"""The package's modules; data/ holds files that `strategy new` copies, not modules."""


def test_every_module_belongs_to_a_stage():
    assert {stage_of(module_name(p)) for p in MODULES} <= set(RANK)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_only_down_the_flow(path):
    here = stage_of(module_name(path))
    upward = [f"line {line}: {target}" for line, target in imports(path)
              if RANK[stage_of(target)] > RANK[here]]
    assert not upward, f"{module_name(path)} ({here}) imports from a later stage: {upward}"


def test_the_import_graph_has_no_cycles():
    graph = {module_name(p): set() for p in MODULES}
    for p in MODULES:
        for _, target in imports(p):
            # 'from strategykit.x import y' may name a module y or a name in x: take the module if there is one
            graph[module_name(p)].add(target if target in graph else target.rsplit(".", 1)[0])
    # A package imports its own modules at import time (a registry filling itself): not a cycle of the flow.
    def edges(m):
        return {t for t in graph.get(m, ()) if t in graph and t != m and not m.startswith(t + ".")}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(m, stack):
        state[m] = 1
        for t in sorted(edges(m)):
            if state.get(t) == 1:
                cycle.extend(stack[stack.index(t):] + [t])
                return True
            if state.get(t) is None and visit(t, stack + [t]):
                return True
        state[m] = 2
        return False

    for m in sorted(graph):
        if state.get(m) is None and visit(m, [m]):
            break
    assert not cycle, " → ".join(cycle)


def test_renderers_run_no_git_and_read_no_sources():
    """A renderer lays out a plan: git, the loader and the checks are the plan's business."""
    for path in (PACKAGE / "render").rglob("*.py"):
        for line, target in imports(path):
            assert stage_of(target) not in {"vcs", "source", "rules", "project"}, f"{path}:{line} imports {target}"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        git_calls = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value == "git"]
        assert not git_calls, f"{path} runs git (line {git_calls})"


def test_a_build_from_the_command_line_makes_its_outputs_side_by_side(tmp_path):
    """Run as a command, `strategy build` forks one worker per output; both editions come out whole."""
    import os
    import shutil
    import subprocess
    import sys

    from conftest import MINIMAL

    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    script = ("import sys, strategykit.build as b\n"
              "seen = []\n"
              "orig = b._make_all\n"
              "def spy(*a, **k):\n"
              "    seen.append(b._fork_is_safe())\n"
              "    return orig(*a, **k)\n"
              "b._make_all = spy\n"
              "from strategykit.cli import main\n"
              "code = main(['build', sys.argv[1]])\n"
              "print('parallel' if seen == [True] else 'sequential')\n"
              "sys.exit(code)\n")
    proc = subprocess.run([sys.executable, "-c", script, str(root)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "STRATEGY_COMMIT": "0" * 40})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("parallel")
    assert (root / "site" / "index.html").is_file()
    pdf = root / "dist" / "test-strategy-1.0.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and (root / "site" / pdf.name).read_bytes() == pdf.read_bytes()


def test_an_output_on_the_longer_chain_starts_first_and_nothing_queues_behind_busy_workers():
    """Two workers, the default outputs: the earlier editions and the PDF start; when the editions are
    done the web edition (which waited for them) takes the free worker, not the yearly follow-ups,
    which wait for the PDF's worker. The web had sat queued behind both PDFs (10×: 1.62× the slower)."""
    from strategykit.build import DEFAULT, Job, chosen, to_start

    names = chosen(DEFAULT)
    building = frozenset(names)
    assert set(names) == {"editions", "pdf", "yearly", "web"}
    todo = [Job(n) for n in names]
    first = to_start(todo, (), building, 2)
    assert first == [Job("editions"), Job("pdf")]
    waiting = [j for j in todo if j not in first]
    assert to_start(waiting, {"editions"}, building, 1) == [Job("web")]
    assert to_start(waiting, {"editions"}, building, 0) == []
    assert to_start([Job("yearly")], {"editions", "pdf", "web"}, building, 1) == [Job("yearly")]


def test_the_yearly_follow_ups_are_made_a_year_a_job_and_published_together():
    """The yearly follow-ups are one job a year, so that a worker done with the web edition or the PDF
    takes the years still waiting (the 10× build: the PDF and five follow-ups in a row on one core, while
    the other was idle after the web edition); their products join into one, in the years' order."""
    from strategykit.build import Job, jobs
    from strategykit.plan import gather
    from strategykit.project import check
    from strategykit.render.outputs import OUTPUTS, Product, joined

    plan = gather(check(Path(__file__).resolve().parents[1]).model, {"yearly"})
    years = [r.year for r in plan.yearly]
    assert len(years) > 1
    assert jobs(["pdf", "yearly"], plan) == [Job("pdf"), *(Job("yearly", y) for y in years)]
    assert OUTPUTS["yearly"].parts(plan) == tuple(years)
    a = Product(site={"a.pdf": Path("1/a.pdf")}, dist={"a.pdf": Path("1/a.pdf")}, notes=("a",))
    b = Product(site={"b.pdf": Path("2/b.pdf")}, dist={"b.pdf": Path("2/b.pdf")}, notes=("b",), warnings=("w",))
    both = joined([a, b])
    assert list(both.dist) == ["a.pdf", "b.pdf"] and both.notes == ("a", "b") and both.warnings == ("w",)
    assert jobs(["web"], plan) == [Job("web")]  # an output not made in parts is one job
