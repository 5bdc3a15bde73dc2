"""The statistics providers a strategy's indicators name, described once: their id form and pages.

A rule checks an indicator's id against the provider's form (``rules/references``), the editions
link the provider's page (``present``/``render``), and ``sources/`` fetches from the providers
that have a fetcher. A new provider is one entry here and, to fetch from it, one module in
``sources/`` registered there.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from strategykit.speed import value


@value
class Provider:
    """A statistics provider an indicator's source can name, and the form of its ids."""

    name: str
    """How goals.yaml names it under ``source: {provider: …}`` (compared without case)."""
    title: str
    id_form: re.Pattern[str] | None
    """What a series id of this provider looks like, or None when any id is fine."""
    id_example: str
    """The id form in words, for the author who mistyped one."""
    home: str
    """The provider's home page, for a source that gives no address of its own."""
    series_page: str = ""
    """The page of one series, with ``{id}`` for its id; empty when the provider has none."""

    def page(self, series_id: str | None) -> str:
        """The series' own page where there is one, else the provider's home page."""
        if self.series_page and series_id:
            return self.series_page.format(id=quote(series_id, safe=""))
        return self.home


PROVIDERS: dict[str, Provider] = {p.name: p for p in (
    Provider("kolada", "Kolada", re.compile(r"^[NU]\d{5}$"),
             "a Kolada KPI id is N or U followed by five digits, e.g. N00914",
             "https://www.kolada.se/"),
    Provider("scb", "SCB", None, "", "https://www.statistikdatabasen.scb.se/"),
)}


def provider(name: str | None) -> Provider | None:
    """The provider ``name`` names (any case, surrounding spaces ignored), if it is one we know."""
    return PROVIDERS.get((name or "").strip().lower())
