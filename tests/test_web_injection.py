"""Every text from the sources is escaped wherever it lands in the web edition.

The fields are taken from the schemas (schema/*.schema.json): every string property that
an author writes as free text gets a payload, in the example strategy, and every chapter's
first heading gets one too. The built site must show the payloads as text and never as
markup: no element with an event handler, no injected image or script, in any page, in the
search index, the sitemap or the theme's scripts. A new text field in a schema is covered
without touching this test.
"""

from __future__ import annotations

import csv
import html.parser
import importlib.util
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from strategykit.plan import gather
from strategykit.project import check
from strategykit.render.web import build_site, downloads
from web_support import REPO, copy_strategy

PAYLOAD = ('X <img src=x onerror=alert(1)> "><img src=x onerror=alert(2)> '
           "&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;")
HEADING_PAYLOAD = "`<img src=x onerror=alert(4)>` &lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;"

SCHEMAS = {  # source file (glob) → its schema
    "goals.yaml": "goals.schema.json",
    "dialogue.yaml": "dialogue.schema.json",
    "editions.yaml": "editions.schema.json",
    "remiss/*.yaml": "consultation.schema.json",
}

REFERENCES = {
    # String properties that name something else (an id, a file, the edition's version that two
    # files share), not text a reader sees as written: a payload there is a broken reference.
    ("goals.schema.json", "target/indicator"),
    ("goals.schema.json", "priority/overall_goals[]"),
    ("goals.schema.json", "goal/perspectives[]"),
    ("goals.schema.json", "chapter/file"),
    ("goals.schema.json", "strategy/cover/image"),
    ("goals.schema.json", "chapter/presents[]"),
    ("goals.schema.json", "goal/contributes_to[]"),
    ("goals.schema.json", "goal/shared_targets[]"),
    ("goals.schema.json", "goal/frameworks/*[]"),
    ("goals.schema.json", "strategy/edition/version"),
    ("consultation.schema.json", "comment/about"),
    ("consultation.schema.json", "handling/changed[]"),
    ("dialogue.schema.json", "origin/goal"),
    ("dialogue.schema.json", "origin/from[]"),
    ("editions.schema.json", "edition/version"),
}

NOT_ADDED = {
    # Text fields the payload goes into only where the example has them: the rules tie them to
    # another field (a source only for a value that is not illustrative).
    ("goals.schema.json", "observation/source"),
}


def _load_schema(name: str) -> dict:
    return json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))


def _resolve(schema: dict, node: dict) -> tuple[dict, str | None]:
    """``node`` with its $ref followed; the name of the $defs entry it came from, if any."""
    name = None
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["$defs"][name]
    return node, name


def _is_text(node: dict) -> bool:
    types = node.get("type")
    is_string = types == "string" or (isinstance(types, list) and "string" in types)
    return is_string and not any(k in node for k in ("pattern", "format", "enum", "const"))


def text_fields(schema_name: str) -> set[str]:
    """The free-text string properties of a schema, as 'def/prop' paths ('[]' for list items)."""
    schema = _load_schema(schema_name)
    found: set[str] = set()

    def walk(node: dict, path: str, seen: frozenset) -> None:
        node, name = _resolve(schema, node)
        if name is not None:
            if name in seen:
                return
            seen, path = seen | {name}, name
        if _is_text(node):
            found.add(path)
        for key, sub in node.get("properties", {}).items():
            walk(sub, f"{path}/{key}" if path else key, seen)
        if isinstance(node.get("items"), dict):
            walk(node["items"], f"{path}[]", seen)
        if isinstance(node.get("additionalProperties"), dict):
            walk(node["additionalProperties"], f"{path}/*", seen)

    walk(schema, "", frozenset())
    return {f for f in found if (schema_name, f) not in REFERENCES}


def payload_document(schema_name: str, data, covered: set[str]):
    """``data`` with every free-text field set to the payload; absent optional ones are added."""
    schema = _load_schema(schema_name)

    def walk(value, node: dict, path: str):
        node, name = _resolve(schema, node)
        if name is not None:
            path = name
        if _is_text(node) and isinstance(value, str) and (schema_name, path) not in REFERENCES:
            covered.add(path)
            return PAYLOAD
        if isinstance(value, dict):
            props = node.get("properties", {})
            out = dict(value)
            for key, sub in props.items():
                sub_node, _ = _resolve(schema, sub)
                sub_path = f"{path}/{key}" if path else key
                if (key not in out and _is_text(sub_node) and (schema_name, sub_path) not in REFERENCES
                        and (schema_name, sub_path) not in NOT_ADDED):
                    out[key] = PAYLOAD
                    covered.add(sub_path)
                elif key in out:
                    out[key] = walk(out[key], sub, sub_path)
            return out
        if isinstance(value, list) and isinstance(node.get("items"), dict):
            return [walk(v, node["items"], f"{path}[]") for v in value]
        return value

    return walk(data, schema, "")


def payload_strategy(root: Path) -> dict[str, set[str]]:
    """Put the payload into every text field of every source of ``root``; return what was covered."""
    covered: dict[str, set[str]] = {}
    for pattern, schema_name in SCHEMAS.items():
        for path in sorted(root.glob(pattern)):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            new = payload_document(schema_name, data, covered.setdefault(schema_name, set()))
            path.write_text(yaml.safe_dump(new, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Observed values: the text columns of the CSV schema, in the rows where the schema allows them.
    csv_fields = text_fields("observations.schema.json")
    covered["observations.schema.json"] = set()
    for path in sorted((root / "data").glob("*.csv")):
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        columns = list(rows[0]) if rows else []
        for row in rows:
            for name in csv_fields:
                if row.get("provenance") == "sourced" and name in row:
                    row[name] = PAYLOAD
                    covered["observations.schema.json"].add(name)
        out = io.StringIO()
        writer = csv.DictWriter(out, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    for chapter in sorted((root / "strategy").glob("*.md")):
        lines = chapter.read_text(encoding="utf-8").splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith("# "))
        lines[first] = f"# {lines[first][2:]} {HEADING_PAYLOAD}"
        chapter.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return covered


class _Markup(html.parser.HTMLParser):
    """What a browser would make of a page: its elements' attributes, scripts and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.problems.append("<img src=x>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.problems.append(f"<script>{data[:60]}")
        self.text.append(data)


def markup_problems(page: str) -> tuple[list[str], str]:
    parser = _Markup()
    parser.feed(page)
    parser.close()
    return parser.problems, "".join(parser.text)


LIVE = re.compile(r"<img src=x onerror|<script>alert|</title><script", re.IGNORECASE)


def with_every_optional_block(root: Path) -> None:
    """Give goals.yaml the optional blocks the example lacks, so that their text fields get the payload
    too: the strategy's own level names and the decision behind a target value."""
    path = root / "goals.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["levels"] = {"target": {"one": "Åtagande", "many": "Åtaganden"}}
    value = next(t["target"] for p in data["priorities"] for g in p["goals"] for t in g.get("targets", [])
                 if t.get("target"))
    value.pop("illustrative", None)
    value["decision"] = {"body": "Regionfullmäktige"}
    # A dimension of the strategy's own (an indicator broken down by it), and evidence behind an assessment.
    data["dimensions"] = [{"id": "sector", "name": "Näringsgren", "values": [{"id": "forestry", "label": "Skogsbruk"}]}]
    data["indicators"][0].setdefault("breakdowns", []).append("sector")
    assessment = next(a for p in data["priorities"] for g in p["goals"] for c in g.get("commitments", [])
                      for a in c.get("assessments", []))
    assessment["evidence"] = [{"title": "Årsrapport", "url": "https://example.org/arsrapport"}]
    # A gap target: its comparator's name is shown beside the region's values.
    gap = next(t for p in data["priorities"] for g in p["goals"] for t in g.get("targets", [])
               if t.get("direction") == "increase" and isinstance(t.get("target"), dict)
               and "value" in t["target"] and not ({"threshold", "breakdown"} & (t.keys() | t["target"].keys())))
    gap["comparator"] = {"name": "Riket", "series": "riket"}
    # A framework of the strategy's own, with parts within parts, that a goal links to.
    data["frameworks"] = [{"id": "egen", "title": "Eget ramverk", "source": "Beslut 2021", "note": "Urval.",
                           "part_names": ["Område", "Prioritering"],
                           "parts": [{"id": "1", "title": "Ett", "parts": [{"id": "1.1", "title": "Ett ett"}]}]}]
    data["priorities"][0]["goals"][0].setdefault("frameworks", {})["egen"] = ["1.1"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def payloaded(tmp_path_factory):
    root = copy_strategy(REPO, tmp_path_factory.mktemp("injection") / "repo")
    with_every_optional_block(root)
    covered = payload_strategy(root)
    result = check(root)
    site = build_site(gather(result.model), root / "site", pdf=None)
    return root, site, covered, result


def test_every_text_field_of_every_schema_gets_the_payload(payloaded):
    _, _, covered, _ = payloaded
    for schema_name in [*SCHEMAS.values(), "observations.schema.json"]:
        assert covered.get(schema_name, set()) >= text_fields(schema_name), schema_name


def test_a_strategy_full_of_markup_in_its_texts_checks_clean(payloaded):
    _, _, _, result = payloaded
    errors = [f"{d.position}: {d.code}: {d.message}" for d in result.diagnostics if d.severity.value == "error"]
    assert not errors, "\n".join(errors)


def test_no_text_from_the_sources_becomes_markup_anywhere_in_the_site(payloaded):
    _, site, _, _ = payloaded
    checked = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".xml", ".json", ".js", ".csv", ".txt"):
            continue
        rel = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel.startswith("data/"):
            continue  # the open-data downloads: data, served as CSV and JSON (test below)
        assert not LIVE.search(text), f"{rel}: {LIVE.search(text).group(0)!r}"
        if path.suffix == ".html":
            problems, _ = markup_problems(text)
            assert not problems, f"{rel}: {problems}"
        checked += 1
    assert checked > 40


def test_the_payloads_show_as_written_in_the_chrome_of_every_page(payloaded):
    _, site, _, _ = payloaded
    page = (site / "index.html").read_text(encoding="utf-8")
    head = page[:page.index("</head>")]
    title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
    assert "&lt;img src=x onerror=alert(1)&gt;" in title
    for name in ("author", "description"):
        content = re.search(rf'<meta name="{name}" content="([^"]*)"', head).group(1)
        assert "&#34;&gt;&lt;img" in content or "&quot;&gt;&lt;img" in content, (name, content)
    _, text = markup_problems(page)
    assert "<img src=x onerror=alert(1)>" in text  # the reader sees the text as written
    chapter = next(site.glob("kapitel/*/index.html")).read_text(encoding="utf-8")
    ctitle = re.search(r"<title>(.*?)</title>", chapter, re.S).group(1)
    assert "alert(5)" in ctitle and "<" not in ctitle  # the heading's entities stay text in the title


def test_the_title_in_the_themes_attributes_is_escaped_once(payloaded):
    """The theme escapes the site name in title="…" itself: the built site (MkDocs in a child process)
    marks it as escaped already, as the preview does, so a reader sees '<img', not '&lt;img'."""
    _, site, _, _ = payloaded
    page = (site / "index.html").read_text(encoding="utf-8")
    logo = re.search(r'<a href="[^"]*" title="([^"]*)" class="md-header__button md-logo"', page).group(1)
    assert "&lt;img src=x onerror=alert(1)&gt;" in logo and "&amp;lt;img" not in logo


def test_search_index_holds_the_payloads_as_text(payloaded):
    _, site, _, _ = payloaded
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = " ".join(d["title"] for d in index["docs"])
    assert "&lt;img src=x onerror=alert(1)&gt;" in titles


def test_downloads_keep_the_texts_as_data(payloaded):
    _, site, _, _ = payloaded
    rows = list(csv.DictReader(io.StringIO((site / "data" / downloads.file_name("indicators.csv", "sv")).read_text(encoding="utf-8"))))
    assert rows and all(r["name"] == PAYLOAD for r in rows)


@pytest.mark.skipif(importlib.util.find_spec("zensical") is None, reason="Zensical is not installed")
def test_no_text_becomes_markup_in_a_zensical_build_either(payloaded):
    root, _, _, result = payloaded
    site = build_site(gather(result.model), root / "site-zensical", pdf=None, engine="zensical")
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js") and not \
                path.relative_to(site).as_posix().startswith("data/"):
            text = path.read_text(encoding="utf-8")
            assert not LIVE.search(text), path
            if path.suffix == ".html":
                assert not markup_problems(text)[0], path


def test_a_chapter_front_matter_never_becomes_page_metadata(tmp_path):
    """A '---' block at a chapter's top would be MkDocs' page title and description, which the theme
    prints unescaped; the check refuses its HTML, and even without the check it stays in the article."""
    from web_support import FIXTURES

    root = copy_strategy(FIXTURES / "minimal", tmp_path / "repo")
    chapter = root / "strategy" / "01-inledning.md"
    chapter.write_text('---\ntitle: "<img src=x onerror=alert(9)>"\ndescription: "\\"><img src=x onerror=alert(8)>"\n'
                       "---\n\n" + chapter.read_text(encoding="utf-8"), encoding="utf-8")
    result = check(root)
    assert "unsafe-html" in {d.code for d in result.diagnostics}
    site = build_site(gather(result.model), root / "site", pdf=None)
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        acting = [p for p in markup_problems(text)[0] if p != "<img src=x>"]  # nh3 keeps a harmless <img>
        assert not LIVE.search(text) and not acting, (path, acting)


def test_the_yearly_followups_html_shows_the_payloads_as_text(payloaded):
    """The year's tables and calculations are written as HTML, not Markdown (render/web/htmlkit.py):
    the texts in them (target, indicator, goal and priority names) are escaped there, and shown."""
    _, site, _, _ = payloaded
    page = sorted(site.glob("uppfoljning/20*/index.html"))[-1].read_text(encoding="utf-8")
    body = page[page.index("<article"):page.rindex("</article>")]
    problems, text = markup_problems(body)
    assert not problems and not LIVE.search(body)
    assert '<div class="sk-table" role="region"' in body
    # Shown as written: in the table of a goal (named by it), in a target's row and in its indicator's link.
    assert text.count(PAYLOAD.replace("&lt;", "<").replace("&gt;", ">")) == 0  # entities stay as written
    assert text.count(PAYLOAD) >= 3, text[:2000]
