"""Dimensions an indicator can be broken down by, and the key each breakdown has.

An indicator lists its dimensions under ``breakdowns:`` (``[gender, municipality]``). The
toolkit knows five; a strategy may declare its own under ``dimensions:`` in goals.yaml, with
its values and their labels (and may add values to a known one, e.g. the municipalities of
another county).

- ``gender``: women and men, written in the data file's ``breakdown`` column (as always);
- ``municipality``: a Swedish municipality by its official four-digit code (``MUNICIPALITIES``);
- ``age``: an age band, ``20-64``, ``65+`` or ``0-19``;
- ``birth``: born in Sweden (``sweden``) or abroad (``abroad``);
- ``education``: the highest level completed, ``compulsory``, ``upper-secondary`` or
  ``post-secondary`` (SCB's förgymnasial, gymnasial, eftergymnasial).

Every dimension but gender is a column of its own in data/<indicator>.csv, named after it.
One row holds one breakdown: the total, one value of one dimension, or — when the indicator is
broken down by each of them — one value of each of several dimensions at once (the women of
Umeå). Observed values and targets name their breakdown by one text key: ``total``, ``women``,
``men``, or ``<dimension>:<value>`` (``municipality:2480``), so that a series is found the same
way for each; a row of several dimensions joins their keys with ``&``, gender first and the
others by dimension id (``women&municipality:2480``): ``combined``, ``parts``.
"""

from __future__ import annotations

import re

from strategykit.speed import value

GENDER = "gender"
GENDER_VALUES = ("women", "men")

MUNICIPALITIES: dict[str, str] = {
    "2401": "Nordmaling", "2403": "Bjurholm", "2404": "Vindeln", "2409": "Robertsfors",
    "2417": "Norsjö", "2418": "Malå", "2421": "Storuman", "2422": "Sorsele", "2425": "Dorotea",
    "2460": "Vännäs", "2462": "Vilhelmina", "2463": "Åsele", "2480": "Umeå", "2481": "Lycksele",
    "2482": "Skellefteå",
}
"""Municipality codes and names the toolkit knows (SCB's official codes; Västerbotten's 15, as listed
in the reference facts). Another county's are declared in goals.yaml (``dimensions:`` with id
``municipality``) until they are added here."""

AGE_BAND = re.compile(r"^(\d{1,3})(-(\d{1,3})|\+)$")


@value
class Dimension:
    """A dimension: its id, its values (id → label; empty labels are named by the editions) and
    whether it is the toolkit's own or declared in goals.yaml."""

    id: str
    values: tuple[tuple[str, str], ...] = ()
    name: str = ""
    """The name a strategy gave its own dimension ('' for a known one: the editions name it)."""
    declared: bool = False
    path: tuple = ()

    def label(self, value: str) -> str | None:
        return next((label for v, label in self.values if v == value), None)

    def accepts(self, value: str) -> bool:
        """Whether ``value`` is one of this dimension's values."""
        if self.id == "age" and not self.values:
            return valid_age_band(value)
        return any(v == value for v, _ in self.values) or (self.id == "age" and valid_age_band(value))

    def order(self, value: str) -> int:
        """The position of ``value`` among the declared values (unknown ones last)."""
        return next((i for i, (v, _) in enumerate(self.values) if v == value), len(self.values))


def valid_age_band(value: str) -> bool:
    m = AGE_BAND.match(value)
    return bool(m) and (m.group(3) is None or int(m.group(1)) <= int(m.group(3)))


BUILT_IN: dict[str, Dimension] = {
    GENDER: Dimension(GENDER, tuple((v, "") for v in GENDER_VALUES)),
    "municipality": Dimension("municipality", tuple(MUNICIPALITIES.items())),
    "age": Dimension("age"),
    "birth": Dimension("birth", (("sweden", ""), ("abroad", ""))),
    "education": Dimension("education", (("compulsory", ""), ("upper-secondary", ""), ("post-secondary", ""))),
}
"""The dimensions the toolkit knows, by id; labels of gender, birth and education come from the editions' label tables."""

COLUMN_DIMENSIONS = tuple(d for d in BUILT_IN if d != GENDER)
"""Built-in dimensions written as a column of their own in a data file."""

COMPARATOR = "comparator"
"""The column of a data file that holds a comparator's values (the nation, another region), not the
region's: a row with ``riket`` in it is the value of the comparator ``riket`` (key ``comparator:riket``),
which a gap target (``comparator:`` in goals.yaml) compares the region with. Not a dimension: the
comparator is not a part of the region, so no breakdown table shows it."""


def key(dimension: str, value: str) -> str:
    """The breakdown key of one value of one dimension: 'women', 'municipality:2480'."""
    return value if dimension == GENDER else f"{dimension}:{value}"


SEPARATOR = "&"
"""Joins the keys of a breakdown by several dimensions at once; no dimension's value holds it."""


def combined(keys) -> str:
    """The key of a breakdown by several dimensions at once: 'women&municipality:2480' (gender first,
    then by dimension id, whatever the order of the data file's columns)."""
    def order(k: str) -> tuple[bool, str]:
        dim = split(k)[0] or ""
        return (dim != GENDER, dim)
    return SEPARATOR.join(sorted(keys, key=order))


def parts(breakdown: str) -> tuple[str, ...]:
    """The single-dimension keys of a breakdown: ('women', 'municipality:2480'), or (breakdown,)."""
    return tuple(breakdown.split(SEPARATOR))


def split(breakdown: str) -> tuple[str | None, str]:
    """(dimension, value) of a breakdown key; (None, 'total') for the total; (None, key) for a
    breakdown by several dimensions at once (see ``parts``)."""
    if SEPARATOR in breakdown:
        return None, breakdown
    if breakdown in GENDER_VALUES:
        return GENDER, breakdown
    if ":" in breakdown:
        dim, _, value = breakdown.partition(":")
        return dim, value
    return None, breakdown


def merged(declared: tuple[Dimension, ...]) -> dict[str, Dimension]:
    """Every dimension a strategy can use: the known ones, with declared values added, and its own."""
    out = dict(BUILT_IN)
    for d in declared:
        if d.id in BUILT_IN:
            known = BUILT_IN[d.id]
            extra = tuple(v for v in d.values if not known.accepts(v[0]) or known.label(v[0]) is None)
            out[d.id] = Dimension(d.id, known.values + extra, d.name, True, d.path)
        elif d.id:
            out.setdefault(d.id, d)
    return out
