"""The frameworks a strategy's goals can link to, as shipped with the toolkit (data/framework.*.json).

Each file names its source (the published text, its address and when it was read) and lists
the framework's parts; nothing in them is made up (see the file's ``note``).
"""

from __future__ import annotations

import json
from functools import lru_cache

from strategykit.source.schema import DATA


@lru_cache(maxsize=None)
def framework_files() -> tuple[dict, ...]:
    """Every framework file in the package, as read, in file-name order."""
    folder = DATA
    names = sorted(p.name for p in folder.iterdir() if p.name.startswith("framework.") and p.name.endswith(".json"))
    return tuple(json.loads((folder / name).read_text("utf-8")) for name in names)
