"""The build plan: everything the renderers need, gathered before any of them runs.

``prepare`` checks the strategy and refuses one with errors; ``gather`` then collects, once, what
the outputs asked for: the edition's facts (the commit it names, its date, the PDF's name), the
follow-up, the changes since the consultation version (from git, ``vcs.editions``) and the earlier
editions to print. Renderers take a plan and only lay it out: they run no git, read no sources
and check nothing again.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection

from strategykit.analysis.consultation import ChangesSince, shows_changes
from strategykit.analysis.followup import FollowUp, follow_up
from strategykit.analysis.known import followup_years, known_at
from strategykit.diagnostics import Refused, Severity
from strategykit.model import Strategy
from strategykit.vcs import editions as vcs_editions
from strategykit.vcs.git import head_commit

NEEDS = ("followup", "changes", "earlier", "yearly")
"""What an output may ask the plan for, beyond the model and the edition's facts."""


@dataclass(frozen=True)
class BuildPlan:
    model: Strategy
    """The edition's model: the strategy with only the observed values known at the edition's date
    (``analysis.known``), so that no table, chart or status of the edition shows later data."""
    commit: str | None
    """The commit the edition names in its colophon (``STRATEGY_COMMIT`` overrides), or None outside git."""
    build_date: _dt.date
    """The date the edition shows: ``SOURCE_DATE_EPOCH`` if set, else the edition's own date."""
    followup: FollowUp | None = None
    changes: ChangesSince | None = None
    """The changes since the consultation version, when the edition has moved past it."""
    earlier: tuple[vcs_editions.EarlierEdition, ...] = ()
    source: Strategy | None = field(default=None, repr=False, compare=False)
    """The checked model as read, with every observed value (``model`` is the edition's view of it)."""
    yearly: tuple[FollowUp, ...] = ()
    """The yearly follow-ups, oldest first, from every value known today: each a publication of its own."""
    needs: frozenset[str] = field(default_factory=frozenset)
    workspace: tempfile.TemporaryDirectory | None = field(default=None, repr=False, compare=False)
    """Holds the earlier revisions' unpacked sources (their models' roots) for the plan's lifetime."""

    @property
    def pdf_name(self) -> str:
        return pdf_filename(self.model)

    @property
    def timestamp(self) -> int:
        """The build date as seconds since 1970 (midnight UTC), for the files' dates."""
        day = self.build_date
        return int(_dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc).timestamp())


def pdf_filename(model: Strategy) -> str:
    return f"{model.id}-{model.edition.version}.pdf"


def edition_date(model: Strategy) -> _dt.date:
    """The edition's own date (goals.yaml), whatever the environment says."""
    try:
        return _dt.date.fromisoformat(model.edition.date)
    except ValueError:
        return _dt.date(model.period_start or 2000, 1, 1)


def build_date(model: Strategy) -> _dt.date:
    """``SOURCE_DATE_EPOCH`` if set (reproducible builds), else the edition's own date; never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc).date()
    return edition_date(model)


@functools.lru_cache(maxsize=1)
def toolkit_fingerprint() -> str:
    """What, besides the revision, decides an earlier edition's PDF: this toolkit's files and its tools' versions."""
    from importlib.metadata import version

    import pypandoc

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and p.suffix in (".py", ".typ", ".lua", ".json", ".css", ".yml")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    # The pandoc that runs (pypandoc may pick one on PATH over its own) and the Typst that compiles:
    # its version from the package's metadata, since build.py forks only while Typst is not loaded.
    digest.update(f"pandoc {pypandoc.get_pandoc_version()} at {pypandoc.get_pandoc_path()}; "
                  f"typst {version('typst')}".encode())
    return digest.hexdigest()


def refuse_errors(result) -> Strategy:
    """The checked model, or ``Refused`` with the errors of ``result`` (a ``project.CheckResult``)."""
    if result.model is None or not result.ok:
        raise Refused("the editions", [d for d in result.diagnostics if d.severity is Severity.ERROR])
    return result.model


def gather(model: Strategy, needs: Collection[str] = NEEDS, *, commit: str | None = None,
           day: _dt.date | None = None, reuse: bool = True) -> BuildPlan:
    """The plan for a checked ``model``, with what ``needs`` names.

    ``commit`` and ``day`` fix the commit and date the edition shows: an earlier edition printed
    from its own revision passes that revision and its own date. Earlier revisions are unpacked
    into a temporary folder that lives as long as the plan; ``reuse=False`` prints them again
    even where a kept PDF of the same revision and toolkit exists.
    """
    unknown = set(needs) - set(NEEDS)
    if unknown:
        raise ValueError(f"unknown plan parts: {', '.join(sorted(unknown))}")
    changes = None
    if "changes" in needs and shows_changes(model):
        changes = vcs_editions.changes_since_consultation(model)
    earlier: tuple[vcs_editions.EarlierEdition, ...] = ()
    workspace = None
    if "earlier" in needs and vcs_editions.earlier_editions(model):
        workspace = tempfile.TemporaryDirectory(prefix="strategy-editions-")
        earlier = tuple(vcs_editions.checked_out(model, toolkit_fingerprint(), Path(workspace.name), reuse=reuse))
    edition = known_at(model, edition_date(model))
    return BuildPlan(
        model=edition,
        source=model,
        commit=commit or head_commit(model.root),
        build_date=day or build_date(model),
        followup=follow_up(edition) if "followup" in needs else None,
        changes=changes,
        earlier=earlier,
        yearly=tuple(follow_up(model, year) for year in followup_years(model)) if "yearly" in needs else (),
        needs=frozenset(needs),
        workspace=workspace,
    )


def prepare(root: Path, needs: Collection[str] = NEEDS) -> BuildPlan:
    """Check the strategy in ``root`` and gather its plan; ``Refused`` (with the errors) if it has errors."""
    from strategykit.project import check

    return gather(refuse_errors(check(Path(root))), needs)
