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
from strategykit.present import yearly as present_yearly
from strategykit.render.pdf.data import followup_data
from strategykit.analysis.followup import follow_up
from strategykit.devtools import synthetic
from strategykit.devtools.scaffold import new_strategy
from strategykit.present import i18n
from strategykit.project import check
from strategykit.render.pdf import appendices as pdf_appendices
from strategykit.render.pdf.data import anchor, document_data
from strategykit.render.pdf.document import Markdown
from strategykit.render.web.pages import EditionInfo, _Writer

from web_support import FIXTURES, REPO, copy_strategy, html_rows

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
    if name == "commitments":  # one assessed (with evidence, one year illustrative), one not yet
        from test_commitments import COMMITMENT, with_commitment
        with_commitment(root, COMMITMENT + """          - id: P1.2.A2
            text: Näringslivet och akademin startar ett gemensamt program.
            owners: [{kind: business}, {kind: academia, name: Umeå universitet}]
""")
    if name == "gap-women":  # a gap for the women of the county against the women of the nation
        from test_gap_targets import _women
        _women(root)
        goals = root / "goals.yaml"  # an edition that may show the 2023 values
        goals.write_text(goals.read_text(encoding="utf-8").replace('date: "2020-01-15"', 'date: "2025-01-15"'),
                         encoding="utf-8")
    if name in ("observed", "forms"):
        shutil.copytree(FIXTURES / "observed" / "data", root / "data", dirs_exist_ok=True)
    if name == "forms":  # a range to reach with a milestone range, and a total over a period
        goals = root / "goals.yaml"
        text = goals.read_text(encoding="utf-8")
        text = text.replace(
            "            direction: increase\n            baseline: {year: 2019",
            "            baseline: {year: 2019").replace(
            "target: {year: 2030, value: 82, illustrative: true}\n            milestones:\n"
            "              - {year: 2025, value: 80.5, illustrative: true}",
            "target: {year: 2030, low: 81, high: 84, illustrative: true}\n            milestones:\n"
            "              - {year: 2022, low: 80, high: 84, illustrative: true}").replace(
            "Andelen förvärvsarbetande ska öka till 82 procent år 2030.",
            "Andelen förvärvsarbetande ska vara mellan 81 och 84 procent år 2030.").replace(
            "            direction: increase\n            baseline:\n              year: 2018",
            "            flow: cumulative\n            baseline:\n              year: 2018").replace(
            "target: {year: 2030, value: 300000, illustrative: true}",
            "target: {from_year: 2018, year: 2030, value: 3000000, illustrative: true}")
        goals.write_text(text, encoding="utf-8")
        from test_declared_frameworks import _declare  # a framework of its own, with parts within parts
        _declare(root, links='        frameworks: {wfg: ["1.2"]}\n')
    return root


@pytest.fixture(scope="module", params=["example", "generated", "observed", "minimal", "english", "commitments", "forms", "gap-women"])
def editions(request, tmp_path_factory):
    root = _strategy(request.param, tmp_path_factory.mktemp(request.param))
    result = check(root)
    assert result.model is not None and result.ok, [d.message for d in result.diagnostics]
    # The edition shows what was known at its date (the plan's model); the yearly follow-up is a
    # publication of its own: its web page and its PDF's data are compared for the latest year.
    plan = gather(result.model, ("changes", "followup", "yearly"))
    model = plan.model
    writer = _Writer(model, dataclasses.replace(INFO, changes=plan.changes, followup=plan.followup,
                                                yearly=plan.yearly))
    pages = writer.site().pages
    data = document_data(model, commit=None, build_date=_dt.date(2026, 12, 4), report=plan.followup)
    data["yearly"] = followup_data(model, plan.yearly[-1], model.language, commitments=True) if plan.yearly else None
    data["yearly_page"] = present_yearly.page(model, plan.yearly[-1].year) if plan.yearly else None
    return model, writer, pages, data


# --- reading the web's pages -------------------------------------------------------------

_SR_ONLY = re.compile(r'<span class="sk-sr-only">.*?</span>', re.S)


def plain(markdown: str, *, heard: bool = False) -> str:
    """What a reader sees (or, ``heard``, what a screen reader says) of a piece of the generated Markdown."""
    text = markdown if heard else _SR_ONLY.sub("", markdown)
    text = re.sub(r"<svg.*?</svg>", "", text, flags=re.S)
    text = re.sub(r'<math[^>]*alttext="([^"]*)"[^>]*>.*?</math>', r"\1", text, flags=re.S)  # a formula as its words
    text = re.sub(r"\{\s*[:.#][^}]*\}", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\\(.)", r"\1", text).replace("**", "")
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(text)).strip()  # no-break spaces are part of a number


def web_rows(markdown: str, ids) -> dict[str, list[str]]:
    """Table rows that start with a target's id (one of ``ids``) in bold, by that id: the rows of the
    page's Markdown tables and of its HTML tables."""
    rows = {}
    for line in markdown.splitlines():
        found = re.match(r"^\| \*\*([^*]+)\*\* ", line)
        if found:
            cells = [c for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if found.group(1).replace("\\", "") in ids:
                rows[found.group(1).replace("\\", "")] = cells
    for cells in html_rows(markdown):
        found = re.match(r"^<strong>([^<]+)</strong> ", cells[0]) if cells else None
        if found and html.unescape(found.group(1)) in ids:
            rows[html.unescape(found.group(1))] = cells
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
        if assessed:
            _, status, _, baseline, target = (plain(c) for c in cells)
        else:  # no status could be assessed at the edition's date: no status column in either edition
            _, _, baseline, target = (plain(c) for c in cells)
        assert baseline == shown(t["baseline"]), target_id
        assert target == shown(t["target"]), target_id
        if assessed and t["status"] is not None:
            expected = t["status"]["label"]
            if t["latest"] is not None:
                expected += f" {L['latest_value']}: {shown(t['latest'])}"
            assert status == expected, target_id


def test_both_editions_show_each_commitments_assessment_owners_and_reasoning_alike(editions):
    model, writer, pages, data = editions
    ids = {c.id for _, c in model.commitments()}
    web: dict[str, list[str]] = {}
    for p in model.priorities:
        web.update(web_rows(pages[writer.priority_page(p)], ids))
    pdf = {c["id"]: c for p in data["priorities"] for g in p["goals"] for c in g["commitments"]}
    assert web.keys() == pdf.keys() == ids
    _same_commitment_rows(web, pdf, writer.L)
    notes = {p["id"]: p["commitments_note"] for p in data["priorities"]}
    for p in model.priorities:
        if notes[p.id]:
            assert plain(notes[p.id]) in plain(pages[writer.priority_page(p)]), p.id


def _same_commitment_rows(web: dict[str, list[str]], pdf: dict[str, dict], L: dict) -> None:
    """Each commitment's row in the web's table says what the PDF's row does: text, status, owners, reasoning."""
    for cid, cells in web.items():
        c = pdf[cid]
        text, status, owners, reasoning = (plain(cell) for cell in cells)
        assert text == f"{cid} {c['text']}", cid
        expected = f"{c['status']['label']} ({c['year']}{c['mark']})" if c["status"] else L["not_assessed"]
        assert status == expected, cid
        assert owners == c["owners"] + (f" {L['assessed_by']}: {c['assessed_by']}" if c["assessed_by"] else ""), cid
        if c["status"] is None:
            assert reasoning == "–", cid
            continue
        expected = f"{c['reasoning']} {c['assessed']}"
        if c["evidence"]:
            expected += f" {L['evidence']}: " + ", ".join(e["title"] for e in c["evidence"])
        assert reasoning == expected, cid


def test_both_follow_ups_show_the_same_statuses_and_distribution_per_priority(editions):
    model, writer, pages, data = editions
    if data["yearly"] is None:
        pytest.skip("no year with an observed value or an assessment: there is no follow-up publication")
    page = pages[data["yearly_page"]]
    web_targets = web_rows(page, {t.id for _, t in model.targets()})
    pdf_targets = {t["id"]: t for p in data["yearly"]["priorities"] for g in p["goals"] for t in g["targets"]}
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
    for cells in html_rows(page):  # the same table written as HTML
        found = re.match(r'^<a href="#[^"]*">(.*)</a>$', cells[0]) if len(cells) == 3 else None
        if found and re.match(r"^\d+$", cells[2]):
            summary[plain(found.group(1))] = plain(cells[1])
    assert summary == {f"{p['id']} {p['title']}": p["distribution"] for p in data["yearly"]["priorities"]}
    # Every target's calculation, the same words and numbers in the web section and the PDF.
    web_calc = {}
    for line in page.splitlines():
        found = (re.match(r"^- \*\*([^*]+)\*\*: (.*)$", line)
                 or re.match(r"^<li><strong>([^<]+)</strong>: (.*)</li>$", line))  # the list written as HTML
        if found and html.unescape(found.group(1).replace("\\", "")) in pdf_targets:
            web_calc[html.unescape(found.group(1).replace("\\", ""))] = plain(found.group(2))
    def calculation(parts):  # a formula as its alternative text, which is its plain text
        text = "".join(p["text"] if "text" in p else p["alt"] for p in parts)
        return text + " →" if text else ""

    pdf_calc = {t["id"]: " ".join(x for x in (calculation(t["calculation"]), t["result"], t["milestones"]) if x)
                for t in pdf_targets.values()}
    assert web_calc == pdf_calc and web_calc
    # Each commitment with its latest assessment up to the year, alike in both (the follow-up covers them too).
    ids = {c.id for _, c in model.commitments()}
    web_commitments = web_rows(page, ids)
    pdf_commitments = {c["id"]: c for p in data["yearly"]["priorities"] for g in p["goals"] for c in g["commitments"]}
    assert web_commitments.keys() == pdf_commitments.keys() == ids
    _same_commitment_rows(web_commitments, pdf_commitments, writer.L)
    for p in data["yearly"]["priorities"]:
        assert bool(p["commitments_note"]) == p["commitments_table"] == any(g["commitments"] for g in p["goals"])
        if p["commitments_note"]:
            assert plain(p["commitments_note"]) in plain(page), p["id"]


def test_both_editions_show_the_same_path_to_the_horizon(editions):
    model, writer, pages, data = editions
    road = data["roadmap"]
    home = pages["index.md"]
    if road is None:
        assert "sk-stop" not in home
        return
    assert f"## {road['title']}" in home
    web = {}
    table = home.split('<div class="sk-roadmap__table">', 1)[1].split("</table>", 1)[0]
    for cells in html_rows(table):
        found = re.match(r'^<a href="[^"]*">(P\S*) ', cells[0]) if cells else None
        if found and any("sk-stop" in c for c in cells):
            # heard: the status words; the illustrative mark's words for screen readers are the PDF's '*'
            web[found.group(1)] = [plain(c, heard=True).replace(f" ({writer.L['illustrative']})", "")
                                   for c in cells[1:]]
    pdf = {}
    for lane in road["lanes"]:
        pdf[lane["id"]] = [" ".join(f"{(s['status']['label'] + ': ') if s['status'] else ''}{s['target']} {s['value']} ({s['kind']})"
                                    for s in cell) or "–" for cell in lane["cells"]]
    assert web == {k: v for k, v in pdf.items() if k in web} and web.keys() <= pdf.keys() and web


def test_both_editions_have_the_same_sections(editions, monkeypatch):
    model, writer, pages, data = editions
    web = {name for name in ("compilation", "participation", "history", "changes", "frameworks")
           if getattr(writer, name) in pages}
    if writer.method in pages and data["status_year"] != "":
        web.add("method")  # the edition's statuses are explained in both editions
    parts = pdf_appendices.appendices(model, report=writer.info.followup, changes=writer.info.changes,
                                      priority_anchor={})
    pdf = set()
    for part in parts:
        if isinstance(part, Markdown) and part.prefix == "changes":
            pdf.add("changes")
        elif isinstance(part, dict) and part.get("t") == "Header" and part["c"][0] == 1:
            ident = part["c"][1][0]
            pdf.add({"editions": "history"}.get(ident, ident))
    assert web == pdf


def test_both_editions_show_the_same_framework_coverage(editions):
    model, writer, pages, data = editions
    parts = pdf_appendices.appendices(model, report=follow_up(model), changes=writer.info.changes,
                                      priority_anchor={})
    pdf = [p.text for p in parts if isinstance(p, Markdown) and p.prefix == "frameworks"]
    if writer.frameworks is None:
        assert pdf == []
        return
    web = pages[writer.frameworks]
    # What a reader sees of the tables: the same parts, answers and goals, whatever the links' addresses.
    assert plain(web.split("\n", 1)[1]).split() == plain(pdf[0]).split()
    assert "| " in pdf[0]


def test_both_editions_link_cross_cutting_goals_alike(editions):
    from strategykit.render.pdf.document import _contributing

    model, writer, pages, data = editions
    L = i18n.labels(model.language)
    for pi, (p, pd) in enumerate(zip(model.priorities, data["priorities"])):
        page = pages[writer.priority_page(p)]
        for g, gd in zip(p.goals, pd["goals"]):
            shared = [x["id"] for x in gd["shared"]]
            block = page.split(f"{{ #{writer.goal_anchor[g.id]} }}", 1)[1].split("\n### ", 1)[0]
            web_shared = re.findall(r"^- \[([^\]]+)\]", block.split(L["shared_targets_lead"], 1)[1], re.M) \
                if L["shared_targets_lead"] in block else []
            assert [w.replace("\\", "") for w in web_shared] == shared
            also = [x["id"] for x in gd["contributes"]]
            web_also = (re.findall(r"\[([^ \]]+) ", block.split(L["also_contributes_to"], 1)[1].split("\n", 1)[0])
                        if L["also_contributes_to"] in block else [])
            assert [w.replace("\\", "") for w in web_also] == also
        pdf_links = [i["c"][2][0] for b in _contributing(model, pi, L, set()) for i in b["c"] if i.get("t") == "Link"]
        web_links = (re.findall(r"^- \[([^ \]]+) ", page.split(f"## {L['contributing_goals']}", 1)[1], re.M)
                     if f"## {L['contributing_goals']}" in page else [])
        assert ["#" + anchor("goal", w.replace("\\", "")) for w in web_links] == pdf_links


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
    if ("population", "Per kommun") in web:  # the example's values per municipality (2024) are newer than its 2020 edition
        rows = web[("population", "Per kommun")]
        assert len(rows) == 15 and rows[0][0] == "Umeå" and rows[-1][0] == "Bjurholm"
