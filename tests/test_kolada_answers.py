"""`strategy data fetch` refuses every bad answer: a local fake Kolada on 127.0.0.1 plays each one.

The API's base address is set with --api (or $STRATEGY_KOLADA_API), so the real client
— urllib, its redirects, its timeouts — talks to a server in a thread of this test.
Each bad answer must end in a clear message, exit 1, and data/ byte-identical.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

import pytest

from strategykit.sources import kolada
from strategykit.cli import main

from test_kolada import RECORDED, TODAY, repo, snapshot  # noqa: F401 (repo is a fixture)

GOOD_POPULATION = ("year,value,breakdown,provenance,source,retrieved\n"
                   "2019,101000,total,sourced,SCB,2025-01-15\n")


def _entry(value: str, period: str = "2020") -> bytes:
    return ('{"count": 1, "values": [{"kpi": "N01951", "municipality": "0024", "period": ' + period
            + ', "values": [{"count": 1, "gender": "T", "status": "", "value": ' + value + '}]}],'
            ' "next_url": null}').encode()


class FakeKolada:
    """An HTTP server on 127.0.0.1 that answers every request with what ``play`` writes."""

    def __init__(self) -> None:
        self.play: Callable[[BaseHTTPRequestHandler, "FakeKolada"], None] = lambda handler, server: None
        self.requests: list[str] = []
        self.stop = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake.requests.append(self.path)
                try:
                    fake.play(self, fake)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/v3"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def answer(self, body: bytes, status: int = 200, headers: dict | None = None) -> None:
        def play(handler, fake):
            handler.send_response(status)
            for name, value in {"Content-Type": "application/json", "Content-Length": str(len(body)),
                                **(headers or {})}.items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(body)
        self.play = play


@pytest.fixture
def fake():
    server = FakeKolada()
    server.thread.start()
    yield server
    server.stop.set()
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def data_repo(repo, monkeypatch):  # noqa: F811
    (repo / "data").mkdir()
    (repo / "data" / "population.csv").write_text(GOOD_POPULATION, encoding="utf-8")
    monkeypatch.setattr(kolada, "_clock", lambda: TODAY)
    return repo


def _refused(root, base, capsys, *, within: float = 20.0) -> str:
    before = snapshot(root)
    started = time.monotonic()
    code = main(["data", "fetch", str(root), "--api", base])
    took = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == 1, err
    assert took < within, f"took {took:.1f} s"
    assert snapshot(root) == before
    assert "Nothing was changed in data/." in err
    assert "internal error" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize("value, said", [
    ("NaN", "'NaN', which is not a finite number"),
    ("Infinity", "'Infinity', which is not a finite number"),
    ("-Infinity", "'-Infinity', which is not a finite number"),
    ("1e400", "'1e400', which is not a finite number"),
    ("1" + "0" * 400, "out of range"),
    ("9" * 5000, "not JSON"),
    ("1e20", "out of range"),
    ('"80,1"', "the value '80,1'"),
    ("[80]", "the value '[80]'"),
])
def test_a_value_that_is_not_a_finite_number_in_range_is_refused(data_repo, fake, capsys, value, said):
    fake.answer(_entry(value))
    assert said in _refused(data_repo, fake.base, capsys)


@pytest.mark.parametrize("period", ["-2020", "0", "3000", '"abc"', "true", "null", "[2020]", '"-202"'])
def test_a_period_that_is_not_a_year_is_refused(data_repo, fake, capsys, period):
    fake.answer(_entry("80.1", period))
    err = _refused(data_repo, fake.base, capsys)
    assert "is not a year" in err


@pytest.mark.parametrize("body", [
    b'{"values": [', b"", b"\xff\xfe", b"<html>moved</html>", b'{"values": [] "next_url": null}',
])
def test_malformed_json_is_refused(data_repo, fake, capsys, body):
    fake.answer(body)
    assert "not JSON" in _refused(data_repo, fake.base, capsys)


@pytest.mark.parametrize("depth", [25, 100_000])
def test_json_nested_beyond_reason_is_refused(data_repo, fake, capsys, depth):
    fake.answer(b'{"values": ' + b"[" * depth + b"]" * depth + b"}")
    assert "nested more than" in _refused(data_repo, fake.base, capsys)


def test_an_answer_larger_than_the_cap_is_refused(data_repo, fake, capsys, monkeypatch):
    monkeypatch.setattr(kolada, "MAX_RESPONSE_BYTES", 10_000)
    fake.answer(_entry("80.1").replace(b'"status": ""', b'"status": "' + b"x" * 20_000 + b'"'))
    assert "is larger than" in _refused(data_repo, fake.base, capsys)


def test_an_answer_that_claims_to_be_larger_than_the_cap_is_not_read(data_repo, fake, capsys, monkeypatch):
    monkeypatch.setattr(kolada, "MAX_RESPONSE_BYTES", 10_000)

    def play(handler, server):
        handler.send_response(200)
        handler.send_header("Content-Length", str(10**12))
        handler.end_headers()
        handler.wfile.write(b"{")
    fake.play = play
    assert "is larger than" in _refused(data_repo, fake.base, capsys, within=5)


def _drip(in_headers: bool):
    def play(handler, server):
        if in_headers:
            handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
        else:
            handler.send_response(200)
            handler.send_header("Content-Length", "100000")
            handler.end_headers()
        for _ in range(600):  # a byte every 0.05 s: each read is quick, the answer never ends
            if server.stop.is_set():
                return
            handler.wfile.write(b"X" if in_headers else b" ")
            handler.wfile.flush()
            time.sleep(0.05)
    return play


@pytest.mark.parametrize("in_headers", [False, True], ids=["body", "headers"])
def test_a_slow_drip_answer_meets_a_total_deadline(data_repo, fake, capsys, monkeypatch, in_headers):
    monkeypatch.setattr(kolada, "TIMEOUT_SECONDS", 1.0)
    fake.play = _drip(in_headers)
    err = _refused(data_repo, fake.base, capsys, within=5)
    assert "did not answer in full within 1 seconds" in err


def test_a_redirect_to_another_host_is_not_followed(data_repo, fake, capsys):
    fake.answer(b"", status=302, headers={"Location": "http://elsewhere.example/v3/data"})
    err = _refused(data_repo, fake.base, capsys)
    assert "redirected" in err and "another host" in err
    assert len(fake.requests) == 1


def test_a_redirect_to_another_port_of_the_same_machine_is_not_followed(data_repo, fake, capsys):
    other = FakeKolada()
    other.thread.start()
    try:
        other.answer(_entry("80.1"))
        fake.answer(b"", status=302, headers={"Location": other.base + "/data"})
        assert "another host" in _refused(data_repo, fake.base, capsys)
        assert other.requests == []
    finally:
        other.server.shutdown()
        other.server.server_close()


def _recorded_answers(handler, server) -> None:
    kpi = handler.path.split("/kpi/")[1].split("/")[0]
    if kpi == "N01951":
        name = "N01951-0024-page2.json" if "page=2" in handler.path else "N01951-0024-page1.json"
    else:
        name = f"{kpi}-0024.json"
    base = f"http://127.0.0.1:{handler.server.server_address[1]}/v3"
    body = (RECORDED / name).read_bytes().replace(b"https://api.kolada.se/v3", base.encode())
    handler.send_response(200)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def test_good_answers_from_the_address_in_the_environment_are_written(data_repo, fake, capsys, monkeypatch):
    fake.play = _recorded_answers
    monkeypatch.setenv(kolada.API_VARIABLE, fake.base)
    assert main(["data", "fetch", str(data_repo)]) == 0
    assert "data/population.csv: 9 values from Kolada, KPI N01951" in capsys.readouterr().out
    assert any("page=2" in r for r in fake.requests)
    assert "Kolada, KPI N01951" in (data_repo / "data" / "population.csv").read_text(encoding="utf-8")


def test_a_redirect_on_the_same_host_is_followed(data_repo, fake, capsys):
    def play(handler, server):
        if "/moved/" not in handler.path:
            handler.send_response(301)
            handler.send_header("Location", handler.path.replace("/v3/", "/v3/moved/", 1))
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        handler.path = handler.path.replace("/v3/moved/", "/v3/", 1)
        _recorded_answers(handler, server)
    fake.play = play
    assert main(["data", "fetch", str(data_repo), "--api", fake.base, "--indicator", "employment-rate"]) == 0


@pytest.mark.parametrize("base", ["http://api.kolada.se/v3", "ftp://127.0.0.1/v3", "file:///etc/passwd",
                                  "https://", "https://api.kolada.se/v3?x=1"])
def test_an_unusable_api_address_is_a_usage_error(data_repo, capsys, base):
    before = snapshot(data_repo)
    assert main(["data", "fetch", str(data_repo), "--api", base]) == 2
    assert "is not usable" in capsys.readouterr().err
    assert snapshot(data_repo) == before


def test_a_kpi_id_cannot_reach_another_path_of_the_api():
    assert kolada.data_url("../../admin?x=#", "0024", [2020]) == \
        "https://api.kolada.se/v3/data/kpi/..%2F..%2Fadmin%3Fx%3D%23/municipality/0024/year/2020"
