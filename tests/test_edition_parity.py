"""The web edition and the PDF show the same facts: numbers, statuses, chart axes, alt texts and sections.

Both editions are built to their intermediate documents (the web's generated Markdown pages,
the PDF's data.json and appendices) for the example strategy, the test fixtures and a
generated strategy, and the facts each shows are read back out of them and compared. The
facts are decided once in ``strategykit.present``; this test fails when one renderer
decides one of them on its own (a tick, a status, a value format, a section).
"""

from __future__ import annotations

import dataclasses

import datetime as _dt
import html
import re
import shutil
from pathlib import Path

import pytest

from strategykit.plan import gather
from strategykit.analysis.followup import follow_up
from strategykit.devtools import synthetic
from strategykit.devtools.scaffold import new_strategy
from strategykit.present import i18n
from strategykit.project import check
from strategykit.render.pdf import appendices as pdf_appendices
from strategykit.render.pdf.data import document_data
from strategykit.render.pdf.document import Markdown
from strategykit.render.web.pages import EditionInfo, _Writer

from web_support import FIXTURES, REPO, copy_strategy

INFO = EditionInfo(commit=None, build_date="2026-12-04", pdf_name="strategi.pdf")


def _strategy(name: str, tmp: Path) -> Path:
    if name == "example":
        return REPO  # with its git history: the changes since the consultation need it
    if name == "generated":
        synthetic.write(tmp / "generated", 1, seed=3)
        return tmp / "generated"
    if name == "english":
        new_strategy(tmp / "english", language="en", region_name="Testshire", region_code="99")
        return tmp / "english"
    root = copy_strategy(FIXTURES / "minimal", tmp / name)
    if name == "observed":
        shutil.copytree(FIXTURES / "observed" / "data", root / "data", dirs_exist_ok=True)
    return root


@pytest.fixture(scope="module", params=["example", "generated", "observed", "minimal", "english"])
def editions(request, tmp_path_factory):
    root = _strategy(request.param, tmp_path_factory.mktemp(request.param))
    result = check(root)
    assert result.model is not None and result.ok, [d.message for d in result.diagnostics]
    model = result.model
    report = follow_up(model)
    plan = gather(model, ("changes",))
    writer = _Writer(model, dataclasses.replace(INFO, changes=plan.changes))
    pages = writer.site().pages
    data = document_data(model, commit=None, build_date=_dt.date(2026, 12, 4), report=report)
    return model, writer, pages, data


# --- reading the web's pages -------------------------------------------------------------

_SR_ONLY = re.compile(r'<span class="sk-sr-only">.*?</span>', re.S)


def plain(markdown: str, *, heard: bool = False) -> str:
    """What a reader sees (or, ``heard``, what a screen reader says) of a piece of the generated Markdown."""
    text = markdown if heard else _SR_ONLY.sub("", markdown)
    text = re.sub(r"<svg.*?</svg>", "", text, flags=re.S)
    text = re.sub(r"\{\s*[:.#][^}]*\}", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\\(.)", r"\1", text).replace("**", "")
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(text)).strip()  # no-break spaces are part of a number


def web_rows(markdown: str, ids) -> dict[str, list[str]]:
    """Table rows that start with a target's id (one of ``ids``) in bold, by that id."""
    rows = {}
    for line in markdown.splitlines():
        found = re.match(r"^\| \*\*([^*]+)\*\* ", line)
        if found:
            cells = [c for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if found.group(1).replace("\\", "") in ids:
                rows[found.group(1).replace("\\", "")] = cells
    return rows


def web_charts(writer, pages) -> dict[str, dict]:
    out = {}
    for ind in writer.m.indicators:
        text = pages[writer.indicator_page(ind)]
        svg = re.search(r'<svg class="sk-chart__svg sk-chart__svg--wide".*?</svg>', text, re.S)
        if not svg:
            continue
        svg = svg.group(0)
        ticks = re.findall(r'text-anchor="(\w+)" class="sk-chart__tick">([^<]*)</text>', svg)
        out[ind.id] = {
            "alt": html.unescape(re.search(r"<title[^>]*>(.*?)</title>", svg, re.S).group(1) + ". "
                                 + re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)),
            "y_ticks": [html.unescape(t) for a, t in ticks if a == "end"],
            "x_ticks": [t for a, t in ticks if a == "middle"],
            "axis_note": i18n.labels(writer.lang)["axis_not_zero"].split("{")[0] in svg,
        }
    return out


# --- reading the PDF's data --------------------------------------------------------------


def shown(v: dict | None) -> str:
    if v is None:
        return "–"
    return v["value"] + (f" ({v['year']})" if v.get("year") else "")


def pdf_charts(data) -> dict[str, dict]:
    out = {}
    for ind in data["indicators"]:
        for c in ind["charts"]:
            out[ind["id"]] = {"alt": c["alt"], "y_ticks": [t["label"] for t in c["y_ticks"]],
                              "x_ticks": [t["label"] for t in c["x_ticks"]], "axis_note": c["axis_note"] != ""}
    return out


# --- the comparisons -----------------------------------------------------------------------


def test_both_editions_draw_the_same_charts_with_the_same_axes_and_alt_texts(editions):
    model, writer, pages, data = editions
    web, pdf = web_charts(writer, pages), pdf_charts(data)
    assert web.keys() == pdf.keys()
    for ind_id in web:
        assert web[ind_id] == pdf[ind_id], ind_id


def test_both_editions_show_each_targets_values_and_status_alike(editions):
    model, writer, pages, data = editions
    web: dict[str, list[str]] = {}
    for p in model.priorities:
        web.update(web_rows(pages[writer.priority_page(p)], {t.id for _, t in model.targets()}))
    pdf = {t["id"]: t for p in data["priorities"] for g in p["goals"] for t in g["targets"]}
    assert web.keys() == pdf.keys()
    L = writer.L
    assessed = data["status_year"] != ""
    for target_id, cells in web.items():
        t = pdf[target_id]
        _, status, _, baseline, target = (plain(c) for c in cells)
        assert baseline == shown(t["baseline"]), target_id
        assert target == shown(t["target"]), target_id
        if assessed and t["status"] is not None:
            expected = t["status"]["label"]
            if t["latest"] is not None:
                expected += f" {L['latest_value']}: {shown(t['latest'])}"
            assert status == expected, target_id


def test_both_follow_ups_show_the_same_statuses_and_distribution_per_priority(editions):
    model, writer, pages, data = editions
    if data["followup"] is None:
        pytest.skip("no year with observed values: neither edition has a follow-up year")
    page = pages[writer.followup]
    web_targets = web_rows(page, {t.id for _, t in model.targets()})
    pdf_targets = {t["id"]: t for p in data["followup"]["priorities"] for g in p["goals"] for t in g["targets"]}
    assert web_targets.keys() == pdf_targets.keys()
    for target_id, cells in web_targets.items():
        t = pdf_targets[target_id]
        values = [plain(c) for c in cells]
        assert values[1] == t["status"]["label"], target_id
        assert values[2] == shown(t["latest"]) and values[3] == shown(t["baseline"]), target_id
        assert values[-1] == shown(t["target"]), target_id
    summary = {}
    for line in page.splitlines():
        found = re.match(r"^\| \[([^\]]+)\]\(#[^)]*\) \| (.*) \| \d+ \|$", line)
        if found:
            summary[plain(found.group(1))] = plain(found.group(2))
    assert summary == {f"{p['id']} {p['title']}": p["distribution"] for p in data["followup"]["priorities"]}


def test_both_editions_show_the_same_path_to_the_horizon(editions):
    model, writer, pages, data = editions
    road = data["roadmap"]
    home = pages["index.md"]
    if road is None:
        assert "sk-stop" not in home
        return
    assert f"## {road['title']}" in home
    web = {}
    for line in home.splitlines():
        found = re.match(r"^\| \[(P[^\]]*?) .*?\]\([^)]*\) \| (.*) \|$", line)
        if found and "sk-stop" in line:
            web[found.group(1)] = [plain(c, heard=True) for c in found.group(2).split(" | ")]
    pdf = {}
    for lane in road["lanes"]:
        pdf[lane["id"]] = [" ".join(f"{(s['status']['label'] + ': ') if s['status'] else ''}{s['target']} {s['value']} ({s['kind']})"
                                    for s in cell) or "–" for cell in lane["cells"]]
    assert web == {k: v for k, v in pdf.items() if k in web} and web.keys() <= pdf.keys() and web


def test_both_editions_have_the_same_sections(editions, monkeypatch):
    model, writer, pages, data = editions
    web = {name for name in ("compilation", "participation", "history", "changes")
           if getattr(writer, name) in pages}
    if writer.followup in pages and data["followup"] is not None:
        web.add("followup")
    parts = pdf_appendices.appendices(model, report=follow_up(model), changes=writer.info.changes,
                                      priority_anchor={})
    pdf = set()
    for part in parts:
        if isinstance(part, Markdown) and part.prefix == "changes":
            pdf.add("changes")
        elif isinstance(part, dict) and part.get("t") == "Header" and part["c"][0] == 1:
            ident = part["c"][1][0]
            pdf.add({"editions": "history"}.get(ident, ident))
    assert web == pdf


def web_breakdown_tables(writer, pages) -> dict[tuple[str, str], list[tuple[str, ...]]]:
    """The bar tables per breakdown on each indicator page: (indicator, title) → rows of (label, value, year)."""
    out = {}
    for ind in writer.m.indicators:
        lines = pages[writer.indicator_page(ind)].splitlines()
        for i, line in enumerate(lines):
            title = re.match(r"^### (.*)$", line)
            if not title or not any("sk-bar" in x for x in lines[i:i + 8]):
                continue
            rows = []
            start = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("|")) + 2  # past the head
            for row in lines[start:]:
                if not row.startswith("|"):
                    break
                cells = [plain(c) for c in re.split(r"(?<!\\)\|", row)[1:-1]]
                rows.append(tuple(cells[:3]))
            out[(ind.id, plain(title.group(1)))] = rows
    return out


def pdf_breakdown_tables(data) -> dict[tuple[str, str], list[tuple[str, ...]]]:
    mark = data["labels"]["illustrative_mark"]
    return {(ind["id"], bt["title"]): [(r["label"], r["value"] + (mark if r["illustrative"] else ""), r["year"])
                                       for r in bt["rows"]]
            for ind in data["indicators"] for bt in ind.get("breakdown_tables", ())}


def test_both_editions_show_the_same_values_per_municipality_in_the_same_order(editions):
    model, writer, pages, data = editions
    web, pdf = web_breakdown_tables(writer, pages), pdf_breakdown_tables(data)
    assert web == pdf
    if model.id == "rus-vasterbotten":
        rows = web[("population", "Per kommun")]
        assert len(rows) == 15 and rows[0][0] == "Umeå" and rows[-1][0] == "Bjurholm"
