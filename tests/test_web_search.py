"""The site's search, run with the site's own search worker (Material's lunr, in Node) on its index."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from web_support import REPO, built

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="needs Node to run the site's search worker")


def _found(site, *queries: str) -> dict[str, list[str]]:
    out = subprocess.run([NODE, str(REPO / "tests" / "js" / "site_search.js"), str(site), *queries],
                         check=True, capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout)


def test_the_search_index_is_made_for_the_strategys_language():
    b = built("example")
    config = json.loads((b.site / "search" / "search_index.json").read_text("utf-8"))["config"]
    assert config["lang"] == [b.model.language] == ["sv"]
    assert (b.site / "assets" / "javascripts" / "lunr" / "min" / "lunr.sv.min.js").is_file()


def test_a_swedish_word_finds_the_pages_that_use_it():
    found = _found(built("example").site, "kvinnor", "utbildning")
    assert len(found["kvinnor"]) >= 10
    assert any(loc.startswith("indikatorer/") for loc in found["utbildning"])


@pytest.mark.xfail(strict=True, reason=(
    "Material 9's search worker adds a trailing wildcard to every query term ('kvinnorna*'), and lunr "
    "never stems a wildcard term; with the stemmer in the index even 'kvinnor' finds less (8 instead "
    "of 69 sections), so the site keeps Material's default pipeline. Needs a query rewrite in a "
    "wrapper around the worker (see the helper's report)."))
def test_an_inflected_swedish_word_finds_the_base_form():
    found = _found(built("example").site, "kvinnorna", "kvinnor")
    assert set(found["kvinnor"]) <= set(found["kvinnorna"]) and found["kvinnor"]
