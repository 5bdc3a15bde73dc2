"""Writing data/<indicator-id>.csv: observed values in the shape schema/observations.schema.json describes.

Reading is ``load.parse_csv``'s job (with positions); this is the other direction,
used by ``strategy data fetch``. Rows are written sorted by year and breakdown, so
that a new fetch shows up in a diff as the lines that changed and nothing else.
"""

from __future__ import annotations

import csv
import io
from typing import Iterable

from strategykit.model import DATA_COLUMNS, Observation, breakdown_order
from strategykit.model.dimensions import GENDER, parts, split


def format_number(value: float) -> str:
    """The shortest text that reads back as the same number: 270154, 79.5, 0.001."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def to_csv(observations: Iterable[Observation]) -> str:
    """The text of a data file holding ``observations`` (one per year and breakdown).

    A breakdown of another dimension than gender (``municipality:2480``) gets a column of that
    dimension after ``breakdown``, whose cell is then empty; a file without one keeps the six columns.
    """
    rows = [o for o in observations if o.year is not None and o.value is not None]
    extra = sorted({dimension for o in rows for part in parts(o.breakdown)
                    if (dimension := split(part)[0]) not in (None, GENDER)})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DATA_COLUMNS[:3] + tuple(extra) + DATA_COLUMNS[3:])
    for o in sorted(rows, key=lambda o: (o.year or 0, breakdown_order(o.breakdown))):
        p = o.provenance
        kind = "illustrative" if p.illustrative else "sourced"
        cells = dict(split(part) for part in parts(o.breakdown))  # {'gender': 'women', 'municipality': '2480'}
        own = any(d not in (None, GENDER) for d in cells)
        writer.writerow([o.year, format_number(o.value), cells.get(GENDER, "" if own else o.breakdown),
                         *(cells.get(d, "") for d in extra), kind,
                         "" if p.illustrative else p.source or "", "" if p.illustrative else p.retrieved or ""])
    return buffer.getvalue()
