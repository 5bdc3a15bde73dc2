"""Writing data/<indicator-id>.csv: observed values in the shape schema/observations.schema.json describes.

Reading is ``load.parse_csv``'s job (with positions); this is the other direction,
used by ``strategy data fetch``. Rows are written sorted by year and breakdown, so
that a new fetch shows up in a diff as the lines that changed and nothing else.
"""

from __future__ import annotations

import csv
import io
from typing import Iterable

from strategykit.model import BREAKDOWNS, DATA_COLUMNS, Observation


def format_number(value: float) -> str:
    """The shortest text that reads back as the same number: 270154, 79.5, 0.001."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def to_csv(observations: Iterable[Observation]) -> str:
    """The text of a data file holding ``observations`` (one per year and breakdown)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DATA_COLUMNS)
    for o in sorted(observations, key=lambda o: (o.year or 0, BREAKDOWNS.index(o.breakdown))):
        if o.year is None or o.value is None:
            continue
        p = o.provenance
        kind = "illustrative" if p.illustrative else "sourced"
        writer.writerow([o.year, format_number(o.value), o.breakdown, kind,
                         "" if p.illustrative else p.source or "", "" if p.illustrative else p.retrieved or ""])
    return buffer.getvalue()
