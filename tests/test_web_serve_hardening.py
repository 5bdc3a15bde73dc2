"""`strategy serve` under load and odd requests: every request answered, quietly.

200 requests at once on 127.0.0.1 are all answered, none times out; a NUL or a control
character in the path is a 400, a missing page is the site's own 404 page, a folder is
never listed, a browser that goes away leaves nothing in the log, and a port out of range
is a usage error.
"""

from __future__ import annotations

import concurrent.futures
import http.client
import threading
import time
import urllib.error
import urllib.request

import pytest

from strategykit.cli import main
from strategykit.cli.serve import Preview
from web_support import FIXTURES, copy_strategy

CONCURRENT = 200
PATHS = ["/", "/404.html", "/sitemap.xml", "/search/search_index.json", "/no-such-page/"]


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = copy_strategy(FIXTURES / "minimal", tmp_path_factory.mktemp("serve") / "strategy")
    logged: list[str] = []
    p = Preview(root, "127.0.0.1", 0, log=logged.append)
    p.start()
    p.logged = logged
    try:
        yield p
    finally:
        p.stop()


def _get(url: str, timeout: float = 20) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _raw(preview: Preview, path: str) -> tuple[int, bytes]:
    """A request with the path exactly as given (urllib would quote or refuse some)."""
    host, port = preview.server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_two_hundred_concurrent_requests_are_all_answered_in_time(preview, capfd):
    start = threading.Barrier(CONCURRENT)
    paths = [PATHS[i % len(PATHS)] for i in range(CONCURRENT)]

    def one(path: str) -> tuple[str, int, float]:
        start.wait(timeout=30)  # all connect at the same moment, as a burst does
        began = time.monotonic()
        try:
            status, _ = _get(preview.url.rstrip("/") + path, timeout=10)
        except OSError:  # a time-out or a refused connection is the failure measured here
            return path, -1, time.monotonic() - began
        return path, status, time.monotonic() - began

    began = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
        results = list(pool.map(one, paths, timeout=90))
    took = time.monotonic() - began
    failed = [(p, s) for p, s, _ in results if s not in (200, 404) or (s == 404) != (p == "/no-such-page/")]
    assert not failed, f"{len(failed)} of {CONCURRENT} failed: {failed[:5]}"
    assert took < 60, f"{CONCURRENT} requests took {took:.1f} s"
    assert max(t for _, _, t in results) < 10
    err = capfd.readouterr().err
    assert "Traceback" not in err and not [line for line in preview.logged if "failed" in line]


@pytest.mark.parametrize("path", ["/%00", "/%00.html", "/index.html%00", "/a%0d%0aSet-Cookie:%20x=1", "/%1b[2J",
                                  "/..%5c..%5cetc%5cpasswd", "/%7f"])
def test_a_control_character_or_backslash_in_the_path_is_a_quiet_400(preview, capfd, path):
    status, _ = _raw(preview, path)
    assert status == 400
    err = capfd.readouterr().err
    assert "Traceback" not in err and "ValueError" not in err
    assert not [line for line in preview.logged if "failed" in line]


@pytest.mark.parametrize("path", ["//", "/..", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/?x=%00",
                                  "/" + "a" * 5000])
def test_odd_paths_are_answered_without_a_traceback(preview, capfd, path):
    status, body = _raw(preview, path)
    assert status in (200, 301, 400, 404, 414)
    assert b"root:" not in body
    assert "Traceback" not in capfd.readouterr().err


def test_a_missing_page_is_the_sites_own_404_page(preview):
    status, body = _get(preview.url + "no-such-page/")
    assert status == 404
    assert body.decode("utf-8") == (preview.site / "404.html").read_text(encoding="utf-8")
    assert b"Error response" not in body  # Python's own error page


def test_a_folder_without_an_index_page_is_not_listed(preview):
    folders = [p for p in preview.site.rglob("*") if p.is_dir() and not (p / "index.html").exists()]
    assert folders, "the site has a folder without index.html (assets/)"
    for folder in folders[:5]:
        url = preview.url + folder.relative_to(preview.site).as_posix() + "/"
        status, body = _get(url)
        assert status == 404, url
        assert b"Directory listing" not in body
        assert body.decode("utf-8") == (preview.site / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("gone", [BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset by peer"),
                                  ConnectionAbortedError(103, "aborted"), TimeoutError("timed out")])
def test_a_browser_that_goes_away_leaves_nothing_in_the_log(preview, capfd, gone):
    try:
        raise gone
    except OSError:
        preview.server.handle_error(None, ("127.0.0.1", 40000))
    err = capfd.readouterr().err
    assert err == ""
    assert not [line for line in preview.logged if "failed" in line]


def test_an_unexpected_failure_of_a_request_is_one_line_not_a_traceback(preview, capfd):
    try:
        raise ValueError("something odd")
    except ValueError:
        preview.server.handle_error(None, ("127.0.0.1", 40000))
    assert "Traceback" not in capfd.readouterr().err
    assert preview.logged[-1] == "Preview: a request from 127.0.0.1 failed: ValueError('something odd')"
    preview.logged.pop()


@pytest.mark.parametrize("port", ["80000", "0", "-1", "65536", "http"])
def test_a_port_out_of_range_is_a_usage_error(port, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--port", port])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "is not a port number; give a number from 1 to 65535" in err
    assert "internal error" not in err
