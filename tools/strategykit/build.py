"""``strategy build``: gather the plan, make the outputs side by side, publish them together.

1. The strategy has been checked (a strategy with errors is refused, nothing written), and
   ``plan.gather`` collects what the chosen outputs need (``render.outputs``).
2. Each output writes into its own empty folder under one staging folder beside ``site/``.
   Outputs that do not wait for each other run at the same time, each in a process of its own
   (forked, so the plan is shared, not copied), as many at once as there are cores: the web
   edition and the PDF take the time of the slower one, not the sum (BENCHMARKS.md). An output
   made in parts (the yearly follow-ups, a year each) runs as that many jobs, so that a worker
   done with its output takes the parts still waiting.
3. Only when every output succeeded are they published, together (``publish``): the site gets the
   PDFs it links to, and one rename switches ``site/`` and ``dist/<name>.pdf`` to the new version.
   A failure in any output leaves every previous output as it was, and its folder is removed.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Hashable, Iterable, NamedTuple

from strategykit.diagnostics import BuildError, Diagnostic, Refused
from strategykit.model import Strategy
from strategykit.plan import BuildPlan, gather
from strategykit.present import catalog
from strategykit.publish import Publication, publication
from strategykit.render.outputs import OUTPUTS, Product, Run, joined

DEFAULT = ("web", "pdf", "yearly")


@dataclass(frozen=True)
class Built:
    """What a build published, and what it has to say (for the log)."""

    site: Path | None
    pdf: Path | None
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def chosen(names: Iterable[str]) -> list[str]:
    """The outputs to make for ``names``: each with the outputs it runs ``after``, in registry order."""
    wanted = set(names)
    unknown = wanted - set(OUTPUTS)
    if unknown:
        raise ValueError(f"unknown output {', '.join(sorted(unknown))}; known: {', '.join(OUTPUTS)}")
    for name in list(wanted):
        wanted.update(OUTPUTS[name].after)
    return [name for name in OUTPUTS if name in wanted]


class Job(NamedTuple):
    """One output, or one part of an output made in parts (``Output.parts``)."""

    output: str
    part: Hashable | None = None


def jobs(names: Iterable[str], plan: BuildPlan) -> list[Job]:
    """The jobs that make the outputs ``names``: one per output, or one per part of an output made in parts."""
    out = []
    for name in names:
        parts = OUTPUTS[name].parts(plan) if OUTPUTS[name].parts is not None else ()
        out += [Job(name, part) for part in parts] if len(parts) > 1 else [Job(name)]
    return out


_PLAN: BuildPlan | None = None
"""The plan, for the forked workers: set before they are started, so they inherit it."""


def _make(job: Job, stage: Path, building: frozenset[str], done: dict[str, Product], dist_dir: Path,
          offline: bool = False) -> tuple:
    """Run one job (in a worker, or here); its result or its failure as plain, picklable data."""
    name = job.output
    try:
        stage.mkdir(parents=True, exist_ok=True)
        return ("ok", OUTPUTS[name].make(_PLAN, Run(stage, building, done, dist_dir, offline, job.part)))
    except Refused as exc:
        return ("refused", str(exc), exc.diagnostics)
    except BuildError as exc:
        return ("error", str(exc))
    except MemoryError:
        return ("error", f"the {name} output ran out of memory")
    except Exception as exc:  # noqa: BLE001 - carried to the parent, which reports it as a bug
        return ("crash", f"{type(exc).__name__}: {exc}")


class _Failed(BuildError):
    """An output's failure, carried from its worker: the message and any diagnostics."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None):
        super().__init__(message)
        self.diagnostics = diagnostics or []


def _result(name: str, outcome: tuple) -> Product:
    kind = outcome[0]
    if kind == "ok":
        return outcome[1]
    if kind == "refused":
        raise _Failed(outcome[1], outcome[2])
    if kind == "error":
        raise _Failed(outcome[1])
    raise RuntimeError(f"the {name} output failed: {outcome[1]}")


def _workers(count: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(count, cores))


def _fork_is_safe() -> bool:
    """Whether forked workers can run here: they share the plan without copying it.

    A child gets only the thread that forked it; a lock another thread held stays locked in it.
    So a fork is safe while this process runs one Python thread and has not started the Typst
    compiler, whose native thread pool would not exist in the child (its compile would wait for
    it for ever). The command line is such a process; a caller that has compiled a PDF before
    or runs threads of its own (a test, the preview) builds the outputs one after the other.
    """
    return (threading.active_count() == 1 and "typst" not in sys.modules
            and "fork" in multiprocessing.get_all_start_methods())


def _side_by_side(todo: list[Job]) -> bool:
    """Whether two of the jobs ``todo`` can run at the same time (neither waits for the other's output).

    When each waits for the one before (``--web``: the earlier editions, then the site), workers
    would only add a fork and the pickling of the products: they run here, one after the other.
    """
    return any(a != b and a.output not in _waits_for(b.output) and b.output not in _waits_for(a.output)
               for a in todo for b in todo)


def _waits_for(name: str) -> set[str]:
    """Every output ``name`` waits for, directly or through another."""
    found, todo = set(), list(OUTPUTS[name].after)
    while todo:
        a = todo.pop()
        if a not in found:
            found.add(a)
            todo.extend(OUTPUTS[a].after)
    return found


def to_start(waiting: list[Job], done: Iterable[str], building: frozenset[str], free: int) -> list[Job]:
    """The jobs to start now in ``free`` idle workers: those whose outputs are done, at most ``free``.

    A job that waited for others starts before one that waited for none: it lies on the longer
    chain. The web edition waits for the earlier editions; started after the yearly follow-ups, it
    sat queued while they and the PDF took both cores, and the 10× build took the web's time plus the
    follow-ups' (21.6 s, 1.62× the slower output alone), where it can take about the longer chain.
    Nothing is handed to the pool beyond its idle workers, so nothing waits in its queue in the wrong order.
    """
    done = set(done)
    ready = [j for j in waiting if all(a in done or a not in building for a in OUTPUTS[j.output].after)]
    ready.sort(key=lambda j: -len(_waits_for(j.output) & building))  # stable: registry order among equals
    return ready[:max(0, free)]


def _make_all(names: list[str], staging: Path, dist_dir: Path, offline: bool = False) -> dict[str, Product]:
    """Every output, each as soon as the outputs it waits for are done; side by side where it can.

    An output made in parts is done when all its parts are; its product joins theirs, in their order.
    """
    building = frozenset(names)
    done: dict[str, Product] = {}
    waiting = jobs(names, _PLAN)
    parts: dict[str, list[Job]] = {}
    for job in waiting:
        parts.setdefault(job.output, []).append(job)
    made: dict[Job, Product] = {}

    def stage(job: Job) -> Path:
        return staging / job.output / ("" if job.part is None else str(job.part))

    def finish(job: Job, product: Product) -> None:
        made[job] = product
        if all(j in made for j in parts[job.output]):
            done[job.output] = joined([made[j] for j in parts[job.output]])

    parallel = _side_by_side(waiting) and _workers(len(waiting)) > 1 and _fork_is_safe()
    if not parallel:
        while waiting:
            for job in to_start(waiting, done, building, len(waiting)):
                waiting.remove(job)
                finish(job, _result(job.output, _make(job, stage(job), building, done, dist_dir, offline)))
        return done
    workers = _workers(len(waiting))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        running: dict[Future, Job] = {}
        try:
            while waiting or running:
                for job in to_start(waiting, done, building, workers - len(running)):
                    waiting.remove(job)
                    after = {a: done[a] for a in OUTPUTS[job.output].after if a in done}
                    running[pool.submit(_make, job, stage(job), building, after, dist_dir, offline)] = job
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    job = running.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool as exc:  # killed: out of memory, or by a signal
                        raise _Failed(f"the {job.output} output stopped before it was done (its process was "
                                      "killed, perhaps for want of memory); nothing was published") from exc
                    finish(job, _result(job.output, outcome))
        except BaseException:
            for future in running:
                future.cancel()
            raise
    return done


def _place(products: dict[str, Product], pub: Publication, staging: Path) -> None:
    """Move the outputs into the new version: the site with every file the others give it, the PDF."""
    web, pdf = products.get("web"), products.get("pdf")
    if web is not None:
        os.replace(web.site["."], pub.site)
        for product in products.values():
            for rel, path in product.site.items():
                if rel != ".":
                    target = pub.site / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target)
    else:
        pub.carry_site()
    if pdf is not None:
        pub.pdf.parent.mkdir(parents=True, exist_ok=True)
        for path in pdf.dist.values():
            os.replace(path, pub.pdf)
            pub.record("pdf", pub.pdf.name)
    for name, product in products.items():
        if name != "pdf":  # the follow-ups' PDFs: beside the edition's, published with it
            for file_name, path in product.dist.items():
                pub.pdf.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, pub.pdf.parent / file_name)
                pub.record(name, file_name)
    shutil.rmtree(staging, ignore_errors=True)


def build(model: Strategy, names: Iterable[str] = DEFAULT, *, site_dir: Path | None = None,
          dist_dir: Path | None = None, offline: bool = False) -> Built:
    """Plan, make and publish the outputs ``names`` of a checked ``model`` (``plan.refuse_errors``).

    Raises ``BuildError``; then nothing was published.
    """
    global _PLAN
    root = model.root
    names = chosen(names)
    site_dir = Path(site_dir if site_dir is not None else root / "site").absolute()
    dist_dir = Path(dist_dir if dist_dir is not None else root / "dist").absolute()
    if "web" not in names:
        names = [n for n in names if n != "editions"]
    needs = set().union(*(OUTPUTS[n].needs for n in names))
    _PLAN = gather(model, needs)
    catalog.prepare(model.language)  # before the workers are forked: they share the texts read here
    try:
        with publication(root, site_dir, dist_dir / _PLAN.pdf_name) as pub:
            pub.carry_pdfs(names)
            staging = pub.folder / ".stage"
            products = _make_all(names, staging, pub.pdf.parent, offline)
            _place(products, pub, staging)
    finally:
        _PLAN = None
    notes = tuple(n for p in products.values() for n in p.notes)
    warnings = tuple(w for p in products.values() for w in p.warnings)
    return Built(site_dir if "web" in names else None, dist_dir / pub.pdf.name if "pdf" in names else None,
                 notes, warnings)
