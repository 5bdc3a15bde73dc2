"""``strategy data fetch``: the region's observed values from Kolada's open API (v3).

Kolada (the Council for the Promotion of Municipal Analyses, RKA) publishes key
figures for Swedish municipalities and regions. A region's id is "00" followed by
its county code (Västerbotten: 0024); a municipality's is its own four-digit code.
The v2 API is switched off (HTTP 410); v3 answers

    GET https://api.kolada.se/v3/data/kpi/{kpi}/municipality/{id}/year/{y1,y2,…}

with JSON of this shape (tests/fixtures/kolada/ holds recorded-shape examples)::

    {"count": 2,
     "values": [{"kpi": "N00914", "municipality": "0024", "period": 2022,
                 "values": [{"count": 1, "gender": "T", "status": "", "value": 80.1},
                            {"count": 1, "gender": "K", "status": "", "value": 79.0},
                            {"count": 1, "gender": "M", "status": "", "value": 81.2}]}],
     "next_url": null, "previous_url": null}

An indicator broken down by municipality (``breakdowns: [municipality]``) is also asked for
each municipality of the county that the strategy knows, by its own id (its four-digit code);
their totals go into the ``municipality`` column (``fetch.municipalities``).

``gender`` is T (total), K (kvinnor, women) or M (män, men); a value that is
missing has ``"value": null`` (status "Missing") and is skipped. A long answer is
split into pages linked by ``next_url``; at most 25 years are asked for at a time.

Everything is fetched before anything is written: a network failure, an HTTP
error or an answer of the wrong shape changes no file. The values are then
merged into data/<indicator>.csv (a fetched year and breakdown replaces the row
for it; other rows stay) and written atomically, each with its provenance:
source "Kolada, KPI N00914" and the date it was fetched.

An answer is data, never trusted: it must arrive whole within a total deadline
(``DEADLINE_SECONDS``, however slowly it drips), be at most ``MAX_RESPONSE_BYTES``,
stay on the API's host (a redirect elsewhere is refused), be JSON nested no deeper
than ``MAX_NESTING``, and carry only finite numbers within ``MAX_ABS_VALUE`` for
years between ``FIRST_YEAR`` and next year. Anything else ends the fetch with a
message, and no file is changed.

The API's base address is ``API``; the environment variable ``STRATEGY_KOLADA_API``
or the option ``--api`` sets another (a mirror, or a local fake server in tests).
Plain http is accepted only for the local machine.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
import json
import math
import os
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from strategykit import __version__

API = "https://api.kolada.se/v3"
API_VARIABLE = "STRATEGY_KOLADA_API"
YEARS_PER_REQUEST = 25
MAX_PAGES = 100
MAX_RESPONSE_BYTES = 20 * 1024 * 1024
TIMEOUT_SECONDS = 30.0
"""The total time one answer may take, from connecting to its last byte."""
MAX_NESTING = 20
"""A data answer is nested four levels deep; anything far deeper is not Kolada."""
MAX_ABS_VALUE = 1e15
"""No statistic is larger (the same bound as for numbers in goals.yaml)."""
FIRST_YEAR = 1900
GENDERS = {"T": "total", "K": "women", "M": "men"}

_clock: Callable[[], _dt.date] = _dt.date.today
"""Where the retrieval date comes from (tests replace it)."""

Opener = Callable[[str, float], bytes]
"""Fetches a URL and returns the body; raises urllib.error.URLError (or OSError) on failure."""


class FetchError(Exception):
    """The values could not be fetched (network, HTTP, answer shape) or must not be written."""


class FetchUsageError(FetchError):
    """The command was asked for something that cannot be fetched (an unknown or non-Kolada indicator)."""


def _is_loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


def api_base(given: str | None = None) -> str:
    """The API's base address: ``given`` (the --api option), else $STRATEGY_KOLADA_API, else Kolada's own.

    https only, except on the local machine (a fake server in tests). Raises FetchUsageError.
    """
    base = (given or os.environ.get(API_VARIABLE) or API).strip().rstrip("/")
    parts = urllib.parse.urlsplit(base)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.query or parts.fragment \
            or (parts.scheme == "http" and not _is_loopback(parts.hostname)):
        raise FetchUsageError(f"The API address '{base}' is not usable: give an https:// address "
                              "(http:// only for this computer, such as http://127.0.0.1:8080/v3).")
    return base


def _same_origin(a: str, b: str) -> bool:
    pa, pb = urllib.parse.urlsplit(a), urllib.parse.urlsplit(b)
    return (pa.scheme, pa.hostname, pa.port) == (pb.scheme, pb.hostname, pb.port)


class _StayOnHost(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same scheme, host and port: the data must come from the API."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not _same_origin(req.full_url, newurl):
            raise FetchError(f"The API redirected {req.full_url} to another host ({newurl}); it was not followed, "
                             "and nothing was written.")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _read_answer(url: str, timeout: float) -> bytes:
    proxies = {} if _is_loopback(urllib.parse.urlsplit(url).hostname) else None
    opener = urllib.request.build_opener(urllib.request.ProxyHandler(proxies), _StayOnHost)
    request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                   "User-Agent": f"strategykit/{__version__}"})
    with opener.open(request, timeout=timeout) as response:  # noqa: S310 (https, or http to this computer)
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > MAX_RESPONSE_BYTES:
            raise _too_large(url)
        body = response.read(MAX_RESPONSE_BYTES + 1)
    if len(body) > MAX_RESPONSE_BYTES:
        raise _too_large(url)
    return body


def _too_large(url: str) -> FetchError:
    return FetchError(f"The answer to {url} is larger than {MAX_RESPONSE_BYTES // 1_048_576} MB; it was not read, "
                      "and nothing was written.")


def urllib_opener(url: str, timeout: float) -> bytes:
    """The body of ``url``, which must arrive whole within ``timeout`` seconds.

    A socket's timeout bounds each read, not the answer: a server that sends a byte a
    second never trips it. The request runs in a daemon thread that is abandoned at the
    deadline (its own socket timeout ends it soon after).
    """
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((True, _read_answer(url, timeout)))
        except BaseException as exc:  # handed to the caller, which knows what each means
            outcome.append((False, exc))

    worker = threading.Thread(target=run, name="kolada-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise TimeoutError(f"no complete answer within {timeout:g} seconds")
    ok, result = outcome[0]
    if not ok:
        raise result
    return result


def region_id(code: str) -> str:
    """Kolada's id for a county code ("24" → "0024") or a municipality code ("2480")."""
    code = (code or "").strip()
    if len(code) == 2 and code.isdigit():
        return "00" + code
    if len(code) == 4 and code.isdigit():
        return code
    raise FetchError(f"The region code '{code}' is neither a county code (two digits) nor a municipality "
                     "code (four digits), so Kolada cannot be asked for it.")


def data_url(kpi: str, municipality: str, years: list[int], api: str = API) -> str:
    kpi = urllib.parse.quote(kpi, safe="")  # an id from goals.yaml must not reach another path of the API
    return f"{api}/data/kpi/{kpi}/municipality/{municipality}/year/{','.join(str(y) for y in years)}"


@dataclass(frozen=True)
class KoladaValue:
    year: int
    breakdown: str
    value: float


def _shape_error(url: str, what: str) -> FetchError:
    return FetchError(f"Kolada answered {url} in an unexpected shape ({what}); nothing was written. "
                      "The API may have changed: compare the answer with tests/fixtures/kolada/.")


def _refused(url: str, what: str) -> FetchError:
    return FetchError(f"The answer to {url} was refused: {what}. Nothing was written.")


class _NotFinite(ValueError):
    pass


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text)
    return value


def _no_constant(text: str) -> float:
    raise _NotFinite(text)


def _nesting(text: str) -> int:
    """How deeply the JSON's arrays and objects nest (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_NESTING:
                    break
        elif ch in "]}":
            depth -= 1
    return deepest


def _json(body: bytes, url: str) -> object:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _shape_error(url, "not JSON") from None
    if _nesting(text) > MAX_NESTING:
        raise _refused(url, f"it is nested more than {MAX_NESTING} levels deep, which no data answer is")
    try:
        return json.loads(text, parse_float=_finite, parse_constant=_no_constant)
    except _NotFinite as exc:
        raise _refused(url, f"it holds '{exc}', which is not a finite number") from None
    except (json.JSONDecodeError, ValueError, RecursionError):  # ValueError: an integer of thousands of digits
        raise _shape_error(url, "not JSON") from None


def _year(period: object, url: str) -> int:
    """The year of a period (2022, or "2022" and Kolada's forms that start with it), within reason."""
    if isinstance(period, bool) or not isinstance(period, (int, str)) or not str(period)[:4].isdigit():
        raise _refused(url, f"the period {period!r} is not a year")
    year = int(str(period)[:4])
    if not FIRST_YEAR <= year <= _clock().year + 1:
        raise _refused(url, f"the period {period!r} is not a year between {FIRST_YEAR} and next year")
    return year


def parse_page(body: bytes, url: str, kpi: str, municipality: str,
               api: str = API) -> tuple[list[KoladaValue], str | None]:
    """The values on one page of a v3 data answer, and the URL of the next page (or None)."""
    payload = _json(body, url)
    if not isinstance(payload, dict) or not isinstance(payload.get("values"), list):
        raise _shape_error(url, "no 'values' list")
    out: list[KoladaValue] = []
    for item in payload["values"]:
        if not isinstance(item, dict) or not isinstance(item.get("values"), list):
            raise _shape_error(url, "an entry without its 'values'")
        if item.get("kpi") not in (None, kpi) or item.get("municipality") not in (None, municipality):
            continue
        year = _year(item.get("period"), url)
        for v in item["values"]:
            if not isinstance(v, dict):
                raise _shape_error(url, "a value that is not an object")
            breakdown = GENDERS.get(v.get("gender"))
            value = v.get("value")
            if breakdown is None or value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise _shape_error(url, f"the value {str(value)[:40]!r}")
            if not abs(value) <= MAX_ABS_VALUE:  # also catches an integer too large for a float
                raise _refused(url, f"the value {str(value)[:40]} for {year} is out of range (beyond ±{MAX_ABS_VALUE:.0e})")
            out.append(KoladaValue(year, breakdown, float(value)))
    next_url = payload.get("next_url")
    if next_url is not None and (not isinstance(next_url, str) or not next_url.startswith(api + "/")):
        raise _shape_error(url, "a next page outside the API")
    return out, next_url or None


def _get(opener: Opener, url: str) -> bytes:
    try:
        return opener(url, TIMEOUT_SECONDS)
    except urllib.error.HTTPError as exc:
        hint = " (the v2 API is switched off; this toolkit uses v3)" if exc.code == 410 else ""
        raise FetchError(f"Kolada answered HTTP {exc.code} {exc.reason} for {url}{hint}.") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"Kolada (api.kolada.se) could not be reached: {exc.reason}. "
                         "Check the network connection, or try again later.") from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"Kolada did not answer in full within {TIMEOUT_SECONDS:g} seconds ({url}); "
                         "nothing was written.") from None
    except OSError as exc:
        raise FetchError(f"Kolada (api.kolada.se) could not be reached: {exc.strerror or exc}. "
                         "Check the network connection, or try again later.") from None


def fetch_series(kpi: str, municipality: str, years: list[int], opener: Opener,
                 api: str = API) -> list[KoladaValue]:
    """Every value Kolada has for one KPI and area in ``years`` (all pages, 25 years per request)."""
    values: dict[tuple[int, str], KoladaValue] = {}
    for start in range(0, len(years), YEARS_PER_REQUEST):
        url: str | None = data_url(kpi, municipality, years[start:start + YEARS_PER_REQUEST], api)
        pages = 0
        while url:
            pages += 1
            if pages > MAX_PAGES:
                raise FetchError(f"Kolada kept answering with more pages ({MAX_PAGES}+) for KPI {kpi}.")
            page, url = parse_page(_get(opener, url), url, kpi, municipality, api)
            for v in page:
                values[(v.year, v.breakdown)] = v
    return sorted(values.values(), key=lambda v: (v.year, v.breakdown))


class Kolada:
    """Kolada behind ``sources.Fetcher``: ids of areas, and one series at a time."""

    name = "kolada"
    title = "Kolada"
    FetchError = FetchError

    def area(self, region_code: str) -> str:
        return region_id(region_code)

    def series(self, series_id: str, area: str, years: list[int], opener: Opener | None,
               api: str | None) -> list[KoladaValue]:
        return fetch_series(series_id, area, years, opener or urllib_opener, api_base(api))

    def source_text(self, series_id: str) -> str:
        return f"Kolada, KPI {series_id}"
