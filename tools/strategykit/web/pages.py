"""The pages of the web edition, written as Markdown from the model.

Every page is plain Markdown (with a little raw HTML for cards, figures and
charts) that MkDocs and Zensical both render the same way. Internal links are
Markdown links between ``.md`` files, so a strict build checks every one of them.
Text from goals.yaml is escaped: a title with ``*`` or ``|`` in it stays text.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import PurePosixPath

from .. import i18n
from ..model import Goal, Indicator, Priority, Strategy, Target
from . import charts, texts
from .downloads import FILES as DOWNLOAD_FILES

PROVIDER_URLS = {
    "kolada": "https://www.kolada.se/",
    "scb": "https://www.statistikdatabasen.scb.se/",
}
"""Home pages of common statistics providers, for sources that give no URL of their own."""

DATA_FOLDER = "data"


@dataclass(frozen=True)
class EditionInfo:
    """What the pages say about the build itself (it is not in the model)."""

    commit: str | None
    build_date: str
    pdf_name: str | None
    """The PDF's file name in the site, or None when no PDF was built."""
    download_sizes: dict[str, int] = field(default_factory=dict)


@dataclass
class Site:
    """The generated pages (path → Markdown) and the navigation, in MkDocs' ``nav`` form."""

    pages: dict[str, str]
    nav: list
    extra: dict


# --- Markdown helpers ---------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|])")
_SPACE = re.compile(r"[ \t\r\n]+")
"""Runs of ordinary white space; no-break spaces (in '270 154' and '79,5 %') are kept."""


def esc(text: str) -> str:
    """Text from the model as inline Markdown that renders exactly as written."""
    text = html_escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text).strip())


def esc_block(text: str) -> str:
    """Like ``esc``, for text that starts a paragraph (no accidental heading, list or quote)."""
    out = esc(text)
    if re.match(r"^(#|>|[-+]\s|\d+[.)]\s|:)", out):
        out = "\\" + out if not out[0].isdigit() else re.sub(r"^(\d+)([.)])", r"\1\\\2", out)
    return out


def rel(from_page: str, to: str) -> str:
    """A relative link from one generated page to another file of the site."""
    anchor = ""
    if "#" in to:
        to, anchor = to.split("#", 1)
        anchor = "#" + anchor
    if not to:
        return anchor
    return posixpath.relpath(to, posixpath.dirname(from_page) or ".") + anchor


def slugs(ids: list[str]) -> dict[str, str]:
    """URL-safe, unique slugs for ids ('P1' → 'p1', 'P1.1' → 'p1-1')."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for i in ids:
        base = re.sub(r"[^a-z0-9]+", "-", i.lower()).strip("-") or "x"
        s, n = base, 2
        while s in used:
            s, n = f"{base}-{n}", n + 1
        used.add(s)
        out[i] = s
    return out


def table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
    align = align or ["l"] * len(header)
    sep = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(sep) + " |"]
    lines += ["| " + " | ".join(c.replace("\n", " ") for c in r) + " |" for r in rows]
    return "\n".join(lines)


# --- The site -------------------------------------------------------------------


class _Writer:
    def __init__(self, model: Strategy, info: EditionInfo):
        self.m = model
        self.info = info
        self.lang = model.language
        self.L = i18n.labels(self.lang)
        L = self.L
        self.priority_slug = slugs([p.id for p in model.priorities])
        self.indicator_slug = slugs([i.id for i in model.indicators])
        self.goal_anchor = slugs([g.id for g in model.goals()])
        self.p_dir, self.i_dir, self.c_dir = L["url_priorities"], L["url_indicators"], L["url_chapters"]
        self.about, self.a11y, self.downloads = (f"{L['url_about']}.md", f"{L['url_accessibility']}.md",
                                                 f"{L['url_downloads']}.md")
        self.priority_of_goal = {g.id: p for p in model.priorities for g in p.goals}
        self.chapters_presenting: dict[str, list] = {}
        for ch in model.chapters:
            for ref in ch.presents:
                p = self.priority_of_goal.get(ref) or next((p for p in model.priorities if p.id == ref), None)
                if p is not None and ch not in self.chapters_presenting.setdefault(p.id, []):
                    self.chapters_presenting[p.id].append(ch)

    # -- locations ----------------------------------------------------------------
    def priority_page(self, p: Priority) -> str:
        return f"{self.p_dir}/{self.priority_slug[p.id]}.md"

    def indicator_page(self, ind: Indicator) -> str:
        return f"{self.i_dir}/{self.indicator_slug[ind.id]}.md"

    def goal_link(self, goal: Goal) -> str:
        return f"{self.priority_page(self.priority_of_goal[goal.id])}#{self.goal_anchor[goal.id]}"

    def chapter_page(self, chapter) -> str:
        inner = PurePosixPath(chapter.file)
        parts = inner.parts[1:] if inner.parts and inner.parts[0] == "strategy" else inner.parts
        return f"{self.c_dir}/{PurePosixPath(*parts)}"

    # -- values -------------------------------------------------------------------
    def mark(self) -> str:
        """The illustrative mark, with words for screen readers."""
        return (f'<span class="sk-ill"><span aria-hidden="true">{html_escape(self.L["illustrative_mark"])}</span>'
                f'<span class="sk-sr-only"> ({html_escape(self.L["illustrative"])})</span></span>')

    def unit_suffix(self, ind: Indicator | None) -> str:
        if ind is None or ind.is_percent or ind.unit.strip().lower() in ("count", "antal", ""):
            return ""
        return " " + i18n.unit_label(ind.unit, self.lang)

    def number(self, value: float | None, ind: Indicator | None) -> str:
        return i18n.format_value(value, ind.unit if ind else "", self.lang, ind.decimals if ind else None)

    def value(self, value: float | None, ind: Indicator | None, *, illustrative: bool = False,
              year: int | None = None, unit: bool = False) -> str:
        text = esc(self.number(value, ind) + (self.unit_suffix(ind) if unit and value is not None else ""))
        if illustrative:
            text += self.mark()
        if year is not None:
            text += f" ({year})"
        return text

    def illustrative_note(self) -> str:
        return (f'<p class="sk-note" markdown><strong>{html_escape(self.L["illustrative_heading"])}.</strong> '
                f'{esc(self.L["illustrative_note"])}</p>')

    def target_row(self, page: str, goal: Goal, t: Target, *, with_goal: bool = False) -> tuple[list[str], bool]:
        L = self.L
        ind = self.m.indicator(t.indicator_id)
        b = t.baseline
        illustrative = bool(b and b.provenance.illustrative)
        text = f"**{esc(t.id)}** {esc(t.text)}"
        if t.milestones:
            ms = ", ".join(f"{self.value(ms.value, ind, unit=True)} ({ms.year})" for ms in t.milestones)
            text += f'<br><span class="sk-small">{esc(L["milestones"])}: {ms}</span>'
        if ind is not None:
            ind_cell = f"[{esc(ind.name)}]({rel(page, self.indicator_page(ind))})"
        else:
            ind_cell = esc(t.indicator_id or "–")
        if t.breakdown and t.breakdown != "total":
            ind_cell += f' <span class="sk-small">({esc(L.get(t.breakdown, t.breakdown))})</span>'
        row = [text, ind_cell,
               self.value(b.value, ind, illustrative=illustrative, year=b.year, unit=True) if b else "–",
               self.value(t.target.value, ind, unit=True) if t.target else "–",
               str(t.target.year) if t.target and t.target.year else "–"]
        if with_goal:
            p = self.priority_of_goal[goal.id]
            row.insert(0, f"[{esc(p.title)}]({rel(page, self.priority_page(p))})")
        return row, illustrative

    def targets_table(self, page: str, pairs: list[tuple[Goal, Target]], *, with_goal: bool = False) -> tuple[str, bool]:
        L = self.L
        header = [L["target"], L["indicator"], f"{L['baseline']} ({L['year'].lower()})", L["target_value"],
                  L["target_year"]]
        align = ["l", "l", "r", "r", "r"]
        if with_goal:
            header.insert(0, L["priority"])
            align.insert(0, "l")
        rows, any_ill = [], False
        for goal, t in pairs:
            row, ill = self.target_row(page, goal, t, with_goal=with_goal)
            rows.append(row)
            any_ill |= ill
        return table(header, rows, align), any_ill

    def sources_note(self, pairs: list[tuple[Goal, Target]]) -> str:
        items = []
        for _, t in pairs:
            b = t.baseline
            if b and not b.provenance.illustrative and b.provenance.source:
                src = esc(b.provenance.source)
                if b.provenance.url:
                    src = f"[{src}]({b.provenance.url})"
                when = f", {esc(self.L['retrieved'])} {esc(b.provenance.retrieved)}" if b.provenance.retrieved else ""
                items.append(f"{esc(t.id)}: {src}{when}")
        if not items:
            return ""
        return f'{esc(self.L["source"])}: ' + "; ".join(items) + "\n{: .sk-small }"

    # -- pages --------------------------------------------------------------------
    def home(self) -> str:
        m, L, page = self.m, self.L, "index.md"
        status = i18n.status_label(m.edition.status, self.lang)
        first_chapter = next((c for c in m.chapters if c.document is not None), None)
        out = ["---", "hide:", "  - navigation", "  - toc", "---", "",
               '<div class="sk-hero" markdown>', ""]
        kicker = " · ".join(x for x in (m.publisher, m.region_name) if x)
        if kicker:
            out += [f'<p class="sk-kicker">{html_escape(kicker)}</p>', ""]
        out += [f"# {esc(m.title)}", ""]
        meta = " · ".join(x for x in (m.subtitle if m.subtitle and m.subtitle != status else "",
                                      f"{status} {m.edition.version}".strip(), m.edition.date) if x)
        out += [esc_block(meta), "{: .sk-hero__meta }", ""]
        if m.vision_title or m.vision_text:
            lead = m.vision_title or m.vision_text
            out += [f'<p class="sk-hero__lead">{html_escape(lead)}</p>', ""]
        buttons = []
        if first_chapter is not None:
            buttons.append(f"[{esc(L['read_strategy'])}]({rel(page, self.chapter_page(first_chapter))})"
                           "{ .md-button .md-button--primary }")
        buttons.append(f"[{esc(L['priorities_and_goals'])}]({rel(page, self.p_dir + '/index.md')}){{ .md-button }}")
        if self.info.pdf_name:
            buttons.append(f"[{esc(L['download_pdf'])}]({self.info.pdf_name}){{ .md-button }}")
        out += [" ".join(buttons), "", "</div>", ""]

        # Vision
        vision_heading = f"{L['vision']} {m.vision_horizon}" if m.vision_horizon else L["vision"]
        if m.vision_text:
            out += [f"## {esc(vision_heading)}", "", f'<p class="sk-vision">{html_escape(" ".join(m.vision_text.split()))}</p>', ""]

        # Overall goals and perspectives
        if m.overall_goals:
            out += [f"## {esc(L['overall_goals'])}", "", '<div class="sk-cards sk-cards--2" markdown>', ""]
            for og in m.overall_goals:
                out += self.card(og.title, og.text, og.agenda2030)
            out += ["</div>", ""]
        if m.perspectives:
            out += [f"## {esc(L['perspectives'])}", "", '<div class="sk-cards sk-cards--3" markdown>', ""]
            for ps in m.perspectives:
                out += self.card(ps.title, ps.text, ())
            out += ["</div>", ""]

        # Priorities at a glance
        out += [f"## {esc(L['priorities'])}", "", '<div class="sk-cards sk-cards--2" markdown>', ""]
        for p in m.priorities:
            out += ['<div class="sk-card sk-card--priority" markdown>', "",
                    f'<p class="sk-kicker">{html_escape(L["priority"])} {html_escape(p.id)}</p>', "",
                    f"### [{esc(p.title)}]({rel(page, self.priority_page(p))})", ""]
            if p.summary:
                out += [esc_block(p.summary), ""]
            if p.goals:
                out += [f'<p class="sk-card__label">{html_escape(L["goals"])}</p>', ""]
                out += [f"- [{esc(g.title)}]({rel(page, self.goal_link(g))})" for g in p.goals]
                out.append("")
            out += ["</div>", ""]
        out += ["</div>", ""]

        # Key figures
        n_goals = sum(1 for _ in m.goals())
        n_targets = sum(1 for _ in m.targets())
        figures = [(L["priorities"], str(len(m.priorities))), (L["goals"], str(n_goals)),
                   (L["targets"], str(n_targets)), (L["indicators"], str(len(m.indicators)))]
        if m.period_start and m.period_end:
            figures.append((L["period"], f"{m.period_start}–{m.period_end}"))
        out += [f"## {esc(L['key_figures'])}", "", '<dl class="sk-figures">']
        out += [f"<div><dt>{html_escape(k)}</dt><dd>{html_escape(v)}</dd></div>" for k, v in figures]
        out += ["</dl>", ""]
        firsts = [(g, t) for p in m.priorities for g in p.goals[:1] for t in g.targets[:1]]
        if firsts:
            out += [f"### {esc(L['targets_in_figures'])}", "", esc_block(L["targets_in_figures_intro"]), ""]
            tbl, ill = self.targets_table(page, firsts, with_goal=True)
            out += [tbl, ""]
            src = self.sources_note(firsts)
            if src:
                out += [src, ""]
            if ill:
                out += [self.illustrative_note(), ""]
        return "\n".join(out)

    def card(self, title: str, text: str, agenda: tuple[str, ...]) -> list[str]:
        out = ['<div class="sk-card" markdown>', "", f"### {esc(title)}", ""]
        if text:
            out += [esc_block(text), ""]
        if agenda:
            out += [f"{esc(self.L['agenda2030'])}: {esc(', '.join(agenda))}", "{: .sk-meta }", ""]
        out += ["</div>", ""]
        return out

    def priority(self, p: Priority) -> str:
        m, L = self.m, self.L
        page = self.priority_page(p)
        out = [f'<p class="sk-kicker">{html_escape(L["priority"])} {html_escape(p.id)}</p>', "",
               f"# {esc(p.title)}", ""]
        if p.summary:
            out += [esc_block(p.summary), "{: .sk-lead }", ""]
        facts = []
        ogs = [og for og in m.overall_goals if og.id in p.overall_goal_ids]
        if ogs:
            facts.append(f"**{esc(L['contributes_to'])}:** " + ", ".join(esc(og.title) for og in ogs))
        for ch in self.chapters_presenting.get(p.id, []):
            if ch.document is not None:
                facts.append(f"**{esc(L['read_chapter'])}:** [{esc(ch.title)}]({rel(page, self.chapter_page(ch))})")
        if facts:
            out += ["  \n".join(facts), "{: .sk-facts }", ""]
        out += [f"## {esc(L['goals_and_targets'])}", ""]
        any_ill = False
        persp = {ps.id: ps for ps in m.perspectives}
        for g in p.goals:
            out += [f"### {esc(g.id)} {esc(g.title)} {{ #{self.goal_anchor[g.id]} }}", ""]
            if g.text:
                out += [esc_block(g.text), ""]
            meta = []
            names = [persp[i].title for i in g.perspective_ids if i in persp]
            if names:
                meta.append(f"{esc(L['perspectives'])}: {esc(', '.join(names))}")
            if g.agenda2030:
                meta.append(f"{esc(L['agenda2030'])}: {esc(', '.join(g.agenda2030))}")
            if meta:
                out += [" · ".join(meta), "{: .sk-meta }", ""]
            if g.targets:
                tbl, ill = self.targets_table(page, [(g, t) for t in g.targets])
                any_ill |= ill
                out += [tbl, ""]
                src = self.sources_note([(g, t) for t in g.targets])
                if src:
                    out += [src, ""]
        if any_ill:
            out += [self.illustrative_note(), ""]
        return "\n".join(out)

    def priorities_index(self) -> str:
        L, page = self.L, f"{self.p_dir}/index.md"
        out = [f"# {esc(L['priorities_and_goals'])}", ""]
        for p in self.m.priorities:
            out += [f"## [{esc(p.id)} {esc(p.title)}]({rel(page, self.priority_page(p))})", ""]
            if p.summary:
                out += [esc_block(p.summary), ""]
            out += [f"- [{esc(g.id)} {esc(g.title)}]({rel(page, self.goal_link(g))})" for g in p.goals]
            out.append("")
        return "\n".join(out)

    def indicator(self, ind: Indicator) -> str:
        m, L = self.m, self.L
        page = self.indicator_page(ind)
        out = [f'<p class="sk-kicker">{html_escape(L["indicator"])}</p>', "", f"# {esc(ind.name)}", ""]
        if ind.definition:
            out += [esc_block(ind.definition), "{: .sk-lead }", ""]
        facts: list[tuple[str, str]] = [(L["unit"], esc(i18n.unit_label(ind.unit, self.lang)))]
        if ind.source:
            url = ind.source.url or PROVIDER_URLS.get(ind.source.provider.strip().lower())
            provider = f"[{esc(ind.source.provider)}]({url})" if url else esc(ind.source.provider)
            facts.append((L["source"], provider))
            if ind.source.id:
                facts.append((L["provider_id"], f"`{ind.source.id}`" if "`" not in ind.source.id
                              else esc(ind.source.id)))
        if ind.breakdowns:
            facts.append((L["breakdowns"], esc(", ".join(L.get(b, b) for b in ind.breakdowns))))
        if ind.frequency:
            facts.append((L["frequency"], esc(i18n.frequency_label(ind.frequency, self.lang))))
        if ind.responsible:
            facts.append((L["responsible"], esc(ind.responsible)))
        for k, v in facts:
            out += [esc(k), f":   {v}", ""]

        pairs = m.targets_using(ind.id)
        out += [f"## {esc(L['used_by'])}", ""]
        if pairs:
            for g, t in pairs:
                out.append(f"- [{esc(t.id)}]({rel(page, self.goal_link(g))}): {esc(t.text)}")
            out.append("")
        else:
            out += [esc_block(L["not_used"]), ""]

        out += [f"## {esc(L['all_values'])}", ""]
        rows, any_ill, series = [], False, []
        for g, t in pairs:
            pts = []
            label = t.id if not t.breakdown or t.breakdown == "total" else f"{t.id} ({L.get(t.breakdown, t.breakdown)})"
            b = t.baseline
            if b and b.year is not None and b.value is not None:
                ill = b.provenance.illustrative
                any_ill |= ill
                shown = self.number(b.value, ind) + (L["illustrative_mark"] if ill else "")
                pts.append(charts.Point(b.year, b.value, "baseline", shown))
                rows.append([esc(label), esc(L["baseline"]), str(b.year),
                             self.value(b.value, ind, illustrative=ill, unit=True)])
            for ms in t.milestones:
                if ms.year is not None and ms.value is not None:
                    pts.append(charts.Point(ms.year, ms.value, "milestone", self.number(ms.value, ind)))
                    rows.append([esc(label), esc(L["milestone"]), str(ms.year), self.value(ms.value, ind, unit=True)])
            if t.target and t.target.year is not None and t.target.value is not None:
                pts.append(charts.Point(t.target.year, t.target.value, "target", self.number(t.target.value, ind)))
                rows.append([esc(label), esc(L["target_value"]), str(t.target.year),
                             self.value(t.target.value, ind, unit=True)])
            if pts:
                series.append(charts.Series(label, tuple(pts)))
        if not series:
            out += [esc_block(L["no_values"]), ""]
            return "\n".join(out)
        kind_labels = {"baseline": L["baseline"], "milestone": L["milestone"], "target": L["target_value"]}
        desc_parts = []
        for s in series:
            desc_parts.append(f"{L['target']} {s.label}: " + ", ".join(
                f"{kind_labels[p.kind].lower()} {p.label}{self.unit_suffix(ind)} ({p.year})" for p in s.points))
        desc = "; ".join(desc_parts) + "."
        if any_ill:
            desc += " " + L["illustrative_note"]
        name = ind.name
        if self.lang == "sv" and name[:1].isupper() and name[1:2].islower():
            name = name[0].lower() + name[1:]  # mid-sentence in Swedish; 'SCB' and 'CO₂e' keep their case
        title = f"{L['chart_of']} {name}"
        unit = i18n.unit_label(ind.unit, self.lang)
        svg = charts.line_chart(series, chart_id=f"chart-{self.indicator_slug[ind.id]}", title=title, desc=desc,
                                tick_label=lambda v: i18n.format_number(v, self.lang),
                                kind_labels=kind_labels)
        caption = html_escape(title) + ("" if unit.lower() in ind.name.lower() else f" ({html_escape(unit)})") + "."
        out += ['<figure class="sk-chart">', svg, f"<figcaption>{caption}</figcaption>", "</figure>", ""]
        out += [f"### {esc(L['values_table'])}", ""]
        out += [table([L["target"], L["kind"], L["year"], L["value"]], rows, ["l", "l", "r", "r"]), ""]
        if any_ill:
            out += [self.illustrative_note(), ""]
        return "\n".join(out)

    def indicators_index(self) -> str:
        L, page = self.L, f"{self.i_dir}/index.md"
        out = [f"# {esc(L['indicators'])}", ""]
        rows = []
        for ind in self.m.indicators:
            used = ", ".join(f"[{esc(t.id)}]({rel(page, self.goal_link(g))})" for g, t in self.m.targets_using(ind.id))
            src = esc(ind.source.provider + (f" {ind.source.id}" if ind.source.id else "")) if ind.source else "–"
            rows.append([f"[{esc(ind.name)}]({rel(page, self.indicator_page(ind))})",
                         esc(i18n.unit_label(ind.unit, self.lang)), src, used or "–"])
        out += [table([L["indicator"], L["unit"], L["source"], L["used_by"]], rows), ""]
        out += [f"[{esc(L['downloads'])}: {esc(L['indicators_data'].rstrip('.').lower())}, CSV / JSON]"
                f"({rel(page, self.downloads)})", ""]
        return "\n".join(out)

    def chapter(self, chapter) -> str:
        text = chapter.document.text if chapter.document else ""
        page = self.chapter_page(chapter)
        links = [p for p in self.m.priorities if chapter in self.chapters_presenting.get(p.id, [])]
        if links:
            items = [f"[{esc(p.title)}]({rel(page, self.priority_page(p))})" for p in links]
            text = (text.rstrip("\n") + "\n\n" + f'<p class="sk-note" markdown><strong>'
                    f'{html_escape(self.L["goals_and_targets"])}:</strong> ' + ", ".join(items) + "</p>\n")
        return text

    def downloads_page(self) -> str:
        L, page = self.L, self.downloads
        out = [f"# {esc(L['downloads'])}", ""]
        rows = []
        if self.info.pdf_name:
            rows.append([f"[{esc(self.info.pdf_name)}]({rel(page, self.info.pdf_name)})", "PDF",
                         self.size(self.info.pdf_name), esc(L["pdf_data"])])
        for name in DOWNLOAD_FILES:
            what = L["indicators_data"] if name.startswith("indicators") else L["targets_data"]
            rows.append([f"[{esc(name)}]({rel(page, DATA_FOLDER + '/' + name)})", name.rsplit(".", 1)[1].upper(),
                         self.size(name), esc(what)])
        out += [table([L["file"], L["format"], L["size"], L["contents_of_file"]], rows, ["l", "l", "r", "l"]), ""]
        if not self.info.pdf_name:
            out += [esc_block(L["pdf_not_built"]), ""]
        out += [esc_block(L["data_format_note"]), ""]
        return "\n".join(out)

    def size(self, name: str) -> str:
        size = self.info.download_sizes.get(name)
        if size is None:
            return "–"
        return esc(f"{i18n.format_number(max(1, round(size / 1024)), self.lang)}\u00a0kB")

    def about_page(self) -> str:
        m, L, page = self.m, self.L, self.about
        out = [f"# {esc(L['about_edition'])}", "", esc_block(m.title), "{: .sk-lead }", ""]
        commit = f"`{self.info.commit}`" if self.info.commit else esc(L["commit_unknown"])
        facts = [(L["version"], esc(m.edition.version)),
                 (L["status"], esc(i18n.status_label(m.edition.status, self.lang))),
                 (L["date"], esc(m.edition.date)),
                 (L["decision"], esc(m.edition.decision) if m.edition.decision else esc(L["no_decision"]))]
        if m.publisher:
            facts.append((L["publisher"], esc(m.publisher)))
        if m.period_start and m.period_end:
            facts.append((L["period"], f"{m.period_start}–{m.period_end}"))
        facts += [(L["commit"], commit), (L["build_date"], esc(self.info.build_date))]
        out += [f"## {esc(L['edition_facts'])}", ""]
        for k, v in facts:
            out += [esc(k), f":   {v}", ""]
        out += [f"## {esc(L['pdf_edition'])}", ""]
        if self.info.pdf_name:
            out += [f"[{esc(L['read_pdf'])}]({rel(page, self.info.pdf_name)}) ({esc(self.info.pdf_name)}, "
                    f"{self.size(self.info.pdf_name)})", ""]
        else:
            out += [esc_block(L["pdf_not_built"]), ""]
        out += [f"## {esc(L['web_edition'])}", "", esc_block(L["same_sources"]), "",
                f"[{esc(L['downloads'])}]({rel(page, self.downloads)}) · "
                f"[{esc(L['accessibility'])}]({rel(page, self.a11y)})", ""]
        return "\n".join(out)

    def accessibility_page(self) -> str:
        m = self.m
        return texts.accessibility_statement(self.lang).format(
            publisher=esc(m.publisher or m.region_name or m.title), title=esc(m.title),
            downloads=esc(self.L["downloads"]), downloads_link=rel(self.a11y, self.downloads),
            digg_url=texts.DIGG_REPORT_URL, version=esc(m.edition.version), date=esc(m.edition.date),
            build_date=esc(self.info.build_date))

    # -- everything ------------------------------------------------------------------
    def site(self) -> Site:
        m, L = self.m, self.L
        pages: dict[str, str] = {"index.md": self.home()}
        nav: list = [{L["start"]: "index.md"}]
        chapters = [c for c in m.chapters if c.document is not None]
        if chapters:
            section = []
            for ch in chapters:
                path = self.chapter_page(ch)
                pages[path] = self.chapter(ch)
                section.append({ch.title: path})
            nav.append({L["the_strategy"]: section})
        section = [f"{self.p_dir}/index.md"]
        pages[f"{self.p_dir}/index.md"] = self.priorities_index()
        for p in m.priorities:
            pages[self.priority_page(p)] = self.priority(p)
            section.append({p.title: self.priority_page(p)})
        nav.append({L["priorities_and_goals"]: section})
        section = [f"{self.i_dir}/index.md"]
        pages[f"{self.i_dir}/index.md"] = self.indicators_index()
        for ind in m.indicators:
            pages[self.indicator_page(ind)] = self.indicator(ind)
            section.append({ind.name: self.indicator_page(ind)})
        nav.append({L["indicators"]: section})
        pages[self.downloads] = self.downloads_page()
        pages[self.about] = self.about_page()
        pages[self.a11y] = self.accessibility_page()
        nav += [{L["downloads"]: self.downloads}, {L["about_edition"]: self.about},
                {L["accessibility_short"]: self.a11y}]
        extra = {
            "notice": " ".join(m.notice.split()),
            "notice_label": L["notice_label"],
            "footer_links": [
                {"title": L["about_edition"], "url": self.about[:-3] + "/"},
                {"title": L["accessibility"], "url": self.a11y[:-3] + "/"},
                {"title": L["downloads"], "url": self.downloads[:-3] + "/"},
            ],
            "footer_label": L["contents"],
        }
        return Site(pages, nav, extra)


def generate(model: Strategy, info: EditionInfo) -> Site:
    """All pages and the navigation of the web edition of ``model``."""
    return _Writer(model, info).site()
