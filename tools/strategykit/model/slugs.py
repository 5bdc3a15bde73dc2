"""Reader-facing address segments: an indicator's page is named in the strategy's language.

Ids are stable keys for data files, diffs and tests and are often English
(``employment-rate``); readers see the page's address, so it comes from the
indicator's ``slug:`` when given, else from its name ("Förvärvsarbetande invånare
20–64 år, andel (%)" → ``forvarvsarbetande-invanare-20-64-ar-andel``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
RESERVED = frozenset({"index"})
"""``index`` is the indicators' own overview page in their folder."""
MAX_LENGTH = 60


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: å, ä → a, ö → o, é → e; other signs separate words."""
    # Accents go (their combining marks are dropped); any other sign, a dash too, separates words.
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = re.findall(r"[a-z0-9]+", re.sub(r"[^A-Za-z0-9]+", " ", plain).lower())
    out = ""
    for w in words:  # whole words only, so that a long name does not end in half a word
        if out and len(out) + 1 + len(w) > MAX_LENGTH:
            break
        out = f"{out}-{w}" if out else w[:MAX_LENGTH]
    return out


def indicator_slugs(indicators: Iterable) -> dict[str, str]:
    """Indicator id → a unique address segment: the ``slug:`` given, else the name's.

    Given slugs are placed first, so a name never takes a given slug; a name that gives the
    same slug as an earlier one gets ``-2``, ``-3`` … (the rule ``duplicate-slug`` reports
    given slugs that clash instead).
    """
    indicators = list(indicators)
    used: set[str] = set(RESERVED)
    out: dict[str, str] = {}
    for ind in indicators:
        if _valid(ind.slug) and ind.slug not in used and ind.id not in out:
            out[ind.id] = ind.slug
            used.add(ind.slug)
    for ind in indicators:
        if ind.id in out:
            continue
        base = slugify(ind.name) or slugify(ind.id) or "x"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out[ind.id] = slug
    return out


def _valid(slug: str | None) -> bool:
    """A given slug the schema accepts (a build never gets another, but the model is lenient)."""
    return bool(slug) and re.fullmatch(SLUG_PATTERN, slug) is not None and len(slug) <= MAX_LENGTH
