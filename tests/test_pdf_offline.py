"""No build reaches the network: a Typst package import in the graphic profile is refused by the check
and by the build, and even a computed import cannot download anything."""

from __future__ import annotations

import socket
import threading

import pytest

from conftest import find
from strategykit.diagnostics import BuildError
from strategykit.project import check
from strategykit.render.pdf import toolchain


def test_a_package_import_in_the_profile_is_refused_at_its_place(minimal):
    (minimal / "pdf").mkdir()
    (minimal / "pdf" / "profile.typ").write_text('// brand\n#import "@preview/cetz:0.3.0": canvas\n',
                                                 encoding="utf-8")
    (found,) = find(minimal, "pdf-package-import")
    assert (found.position.file, found.position.line, found.position.column) == ("pdf/profile.typ", 2, 9)
    assert not check(minimal).ok


def test_a_profile_that_imports_its_own_files_gives_no_package_diagnostic(minimal):
    (minimal / "pdf").mkdir()
    (minimal / "pdf" / "profile.typ").write_text('#import "brand.typ": logo\n// mail: info@example.org\n',
                                                 encoding="utf-8")
    assert "pdf-package-import" not in {d.code for d in check(minimal).diagnostics}


def test_the_build_refuses_a_package_import_even_without_the_check(tmp_path):
    (tmp_path / "style").mkdir()
    (tmp_path / "main.typ").write_text('#import "@preview/cetz:0.3.0": canvas\nText\n', encoding="utf-8")
    with pytest.raises(BuildError, match="@preview/cetz:0.3.0"):
        toolchain.compile_pdf(tmp_path, timestamp=0)


def test_a_computed_package_import_cannot_reach_the_network(tmp_path, monkeypatch):
    """The compile's downloads go to the offline proxy: here a local listener that records them."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    requests: list[bytes] = []

    def listen() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            requests.append(conn.recv(4096))
            conn.close()

    threading.Thread(target=listen, daemon=True).start()
    monkeypatch.setattr(toolchain, "OFFLINE_PROXY", f"http://127.0.0.1:{server.getsockname()[1]}")
    (tmp_path / "style").mkdir()
    (tmp_path / "main.typ").write_text('#import ("@pre" + "view/cetz:0.3.0"): *\nText\n', encoding="utf-8")
    try:
        with pytest.raises(BuildError, match="download"):
            toolchain.compile_pdf(tmp_path, timestamp=0)
    finally:
        server.close()
    assert requests and all(r.startswith(b"CONNECT packages.typst.org:443") for r in requests)
