"""Data providers behind one interface: the observed values of a strategy's indicators, fetched.

A provider that can be fetched from is a ``Fetcher`` registered in ``FETCHERS`` under the name
goals.yaml gives it (``source: {provider: Kolada, id: N00914}``); what is known of the provider
besides (its id form, its pages) is in ``model.providers``. ``fetch.fetch_data`` asks the right
fetcher for each indicator, then merges and writes data/<indicator>.csv the same way for all.

To add one (SCB's PxWeb API is the obvious next): a module here with a class like
``kolada.Kolada`` (``area``, ``series``, ``source_text``), registered below.
"""

from __future__ import annotations

from typing import Protocol


class Value(Protocol):
    year: int
    breakdown: str
    value: float


class Fetcher(Protocol):
    name: str
    title: str

    def area(self, region_code: str) -> str:
        """The provider's id for the strategy's region (``region.code`` in goals.yaml)."""

    def series(self, series_id: str, area: str, years: list[int], opener, api: str | None) -> list[Value]:
        """Every value the provider has for one series and area in ``years``; raises ``FetchError``."""

    def source_text(self, series_id: str) -> str:
        """The provenance a fetched row carries, e.g. 'Kolada, KPI N00914'."""


FETCHERS: dict[str, Fetcher] = {}


def register(fetcher: Fetcher) -> Fetcher:
    FETCHERS[fetcher.name] = fetcher
    return fetcher


def fetcher_for(provider: str | None) -> Fetcher | None:
    return FETCHERS.get((provider or "").strip().lower())


from strategykit.sources import kolada  # noqa: E402  (registers itself)

register(kolada.Kolada())
