"""The outputs a build can make, behind one interface: a new kind of edition is one module.

An ``Output`` says what it needs from the build plan and writes its files into an empty staging
folder it is given (``Run.stage``); it never publishes. ``build.build`` asks the registry, runs the outputs that
do not depend on each other side by side, and publishes all of them together or none.

To add one: write ``render/<name>/`` with a function ``(plan, run) -> Product`` and register it
here with ``register(Output(...))``; ``build.build(model, [NAME, ...])`` then makes it beside the
others, and the command line offers it with one more flag in ``cli.cmd_build``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Hashable

from strategykit.plan import BuildPlan


@dataclass(frozen=True)
class Product:
    """What an output wrote into its stage: files by their place in the published outputs.

    ``site`` maps a path inside the site to a staged file or folder (``"."`` is the whole site);
    ``dist`` maps a file name in ``dist/`` to a staged file. ``records`` is what the output made,
    as data, for the outputs that run after it; ``notes`` and ``warnings`` are for the build log.
    """

    site: dict[str, Path] = field(default_factory=dict)
    dist: dict[str, Path] = field(default_factory=dict)
    records: tuple[Any, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Run:
    """One output's part of a build: where it writes, which outputs the build makes, what is done."""

    stage: Path
    """An empty folder of the output's own."""
    building: frozenset[str]
    done: dict[str, Product] = field(default_factory=dict)
    """The products of the outputs it runs ``after``."""
    dist_dir: Path | None = None
    """Where the published PDF is: the site carries it when this build does not print one."""
    offline: bool = False
    """A web edition to open from disk (links name files, not folders)."""
    part: Hashable | None = None
    """The one part of the output to make (``Output.parts``), or None for all of it."""


@dataclass(frozen=True)
class Output:
    name: str
    needs: frozenset[str]
    """The parts of the plan it reads (``plan.NEEDS``)."""
    make: Callable[[BuildPlan, Run], Product]
    after: tuple[str, ...] = ()
    """Outputs whose products it needs, when the build makes them; it runs once they are done."""
    description: str = ""
    parts: Callable[[BuildPlan], tuple[Hashable, ...]] | None = None
    """The parts it can be made in, each without the others (the yearly follow-ups: a year each):
    the build makes them side by side as it does outputs and joins their products (``joined``)."""


OUTPUTS: dict[str, Output] = {}


def joined(products: list[Product]) -> Product:
    """One output's product made of its parts' products, in the order of its parts."""
    site: dict[str, Path] = {}
    dist: dict[str, Path] = {}
    for p in products:
        site.update(p.site)
        dist.update(p.dist)
    return Product(site=site, dist=dist, records=tuple(r for p in products for r in p.records),
                   notes=tuple(n for p in products for n in p.notes),
                   warnings=tuple(w for p in products for w in p.warnings))


def register(output: Output) -> Output:
    if output.name in OUTPUTS:
        raise ValueError(f"output {output.name!r} registered twice")
    OUTPUTS[output.name] = output
    return output


# --- the outputs this toolkit has ----------------------------------------------------

def _editions(plan: BuildPlan, run: Run) -> Product:
    from strategykit.render.pdf.editions import print_earlier_editions
    from strategykit.render.web import earlier_pdf_path

    notes, warnings = [], []
    printed = print_earlier_editions(plan, run.stage)
    for e in printed:
        if e.file is not None:
            how = "reused from an earlier build of" if e.reused else "built from"
            notes.append(f"PDF of the earlier edition {e.version} {how} {e.commit[:12]}")
        else:
            warnings.append(f"no PDF of the earlier edition {e.version}: {e.problem}"
                            + (f" ({e.detail})" if e.detail else ""))
    return Product(site={earlier_pdf_path(plan.model, e.name): e.file for e in printed if e.file is not None},
                   records=tuple(printed), notes=tuple(notes), warnings=tuple(warnings))


def _pdf(plan: BuildPlan, run: Run) -> Product:
    from strategykit.render.pdf import render_pdf

    out = run.stage / plan.pdf_name
    out.write_bytes(render_pdf(plan))
    return Product(site={plan.pdf_name: out}, dist={plan.pdf_name: out},
                   notes=(f"PDF edition: {plan.pdf_name}",))


def _web(plan: BuildPlan, run: Run) -> Product:
    from strategykit.render.web import FROM_DIST, PENDING, build_site

    made = run.done.get("editions")
    site = run.stage / "site"
    published = run.dist_dir / plan.pdf_name if run.dist_dir is not None else FROM_DIST
    build_site(plan, site, pdf=PENDING if "pdf" in run.building else published,
               earlier=made.records if made is not None else (), offline=run.offline,
               yearly_pdfs="yearly" in run.building)
    return Product(site={".": site})


def _yearly(plan: BuildPlan, run: Run) -> Product:
    from strategykit.present import yearly as present_yearly
    from strategykit.render.pdf.yearly import render_yearly_pdf

    site, dist, notes = {}, {}, []
    for report in plan.yearly if run.part is None else [r for r in plan.yearly if r.year == run.part]:
        name = present_yearly.pdf_name(plan.model, report.year)
        out = run.stage / name
        out.write_bytes(render_yearly_pdf(plan, report))
        site[present_yearly.pdf_path(plan.model, report.year)] = out
        dist[name] = out
        notes.append(f"follow-up PDF: {name}")
    return Product(site=site, dist=dist, notes=tuple(notes))


register(Output("editions", frozenset({"earlier"}), _editions,
                description="the PDFs of earlier editions, printed from their own revisions, for the site's history"))
register(Output("pdf", frozenset({"followup", "changes"}), _pdf, description="the print edition"))
register(Output("yearly", frozenset({"yearly"}), _yearly,
                description="the yearly follow-ups, each a publication of its own: a PDF per year with data",
                parts=lambda plan: tuple(r.year for r in plan.yearly)))
register(Output("web", frozenset({"followup", "changes", "earlier", "yearly"}), _web, after=("editions",),
                description="the web edition"))
