"""The site's search, run as a browser runs it (the page's configuration, the worker it names,
Material's lunr) in Node on the site's index: a Swedish word finds its other forms."""

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


def test_an_inflected_swedish_word_finds_the_pages_with_its_other_forms():
    found = _found(built("example").site, "kvinnorna", "kvinnor", "utbildningen", "utbildning")
    assert found["kvinnor"] and set(found["kvinnor"]) <= set(found["kvinnorna"])
    assert found["utbildning"] and set(found["utbildning"]) <= set(found["utbildningen"])


def test_a_word_that_appears_nowhere_finds_nothing():
    assert _found(built("example").site, "zyxwvutsrq") == {"zyxwvutsrq": []}


def test_the_pages_send_the_search_to_the_stemming_worker_beside_materials():
    site = built("example").site
    home = (site / "index.html").read_text("utf-8")
    assert home.index("sk-search-config.js") < home.index("bundle.")
    workers = site / "assets" / "javascripts" / "workers"
    assert (workers / "sk-search.js").is_file() and list(workers.glob("search.*.min.js"))


_RUN_WORKER = """async (query) => {
  // The worker the page's configuration names once its scripts have run, as Material starts it.
  const config = JSON.parse(document.getElementById("__config").textContent);
  const index = await (await fetch(new URL("search/search_index.json", new URL(config.base, location.href)))).json();
  const worker = new Worker(config.search);
  const replies = [];
  worker.onmessage = (event) => replies.push(event.data);
  worker.onerror = (event) => replies.push({ error: String(event.message) });
  worker.postMessage({ type: 0, data: { ...index, options: { suggest: false } } });
  for (let i = 0; i < 600 && !replies.length; i++) await new Promise((r) => setTimeout(r, 100));
  worker.postMessage({ type: 2, data: query });
  for (let i = 0; i < 600 && replies.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
  return { search: config.search, replies };
}"""


def test_in_a_browser_the_sites_search_worker_finds_a_swedish_word_in_another_form():
    from web_support import browser_page, require_browser, serve_directory
    require_browser()
    with serve_directory(built("example").site) as base, browser_page() as page:
        page.goto(base, wait_until="load")
        got = page.evaluate(_RUN_WORKER, "kvinnorna")
    assert "sk-search.js?worker=search." in got["search"]
    ready, result = got["replies"]
    assert ready == {"type": 1} and result["type"] == 3 and len(result["data"]["items"]) >= 10, got
