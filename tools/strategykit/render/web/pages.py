"""The pages of the web edition, written as Markdown from the model.

Every page is plain Markdown (with a little raw HTML for cards, figures and
charts) that MkDocs and Zensical both render the same way. Internal links are
Markdown links between ``.md`` files, so a strict build checks every one of them.
Text from goals.yaml is escaped: a title with ``*`` or ``|`` in it stays text.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import PurePosixPath
from typing import Iterable

from strategykit.analysis import consultation
from strategykit.present import i18n, mdtext
from strategykit.analysis.followup import MAINTAIN_TOLERANCE, FollowUp, Status, TargetProgress, follow_up
from strategykit.present.followup import explain_markdown, method_markdown, milestones_markdown
from strategykit.model import BREAKDOWNS, Chapter, Goal, Indicator, Observation, Priority, Strategy, Target
from strategykit.render.web import charts, texts
from strategykit.render.web.downloads import FILES as DOWNLOAD_FILES

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
    earlier_pdfs: dict[str, str] = field(default_factory=dict)
    """Version → the site path of an earlier edition's PDF, built from its own revision."""
    earlier_notes: dict[str, str] = field(default_factory=dict)
    """Version → why an earlier edition's PDF could not be built (shown in the history)."""


@dataclass
class Site:
    """The generated pages (path → Markdown) and the navigation, in MkDocs' ``nav`` form."""

    pages: dict[str, str]
    nav: list
    extra: dict


# --- Markdown helpers ---------------------------------------------------------

# Text from the model as Markdown that shows exactly as written (shared with the consultation pages).
esc = mdtext.inline
esc_block = mdtext.block


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


def chapter_path(language: str, chapter) -> str:
    """Where a chapter's page is in the site: 'strategy/01-inledning.md' → 'kapitel/01-inledning.md'."""
    inner = PurePosixPath(chapter.file)
    parts = inner.parts[1:] if inner.parts and inner.parts[0] == "strategy" else inner.parts
    return f"{i18n.labels(language)['url_chapters']}/{PurePosixPath(*parts)}"


def chapter_pages(model: Strategy) -> list[str]:
    """The pages made from chapters (the Markdown written by people, not generated)."""
    return [chapter_path(model.language, c) for c in model.chapters if c.document is not None]


def year_span(years: list[int]) -> str:
    """'2018–2021, 2023' for the years 2018, 2019, 2020, 2021 and 2023."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def status_anchor(status: Status) -> str:
    """The anchor of a status's definition on the method page."""
    return f"status-{status.value}"


# --- The site -------------------------------------------------------------------


class _Writer:
    def __init__(self, model: Strategy, info: EditionInfo):
        self.m = model
        self.info = info
        self.lang = model.language
        self.L = i18n.labels_for(model, self.lang)
        L = self.L
        self.priority_slug = slugs([p.id for p in model.priorities])
        self.indicator_slug = slugs([i.id for i in model.indicators])
        self.goal_anchor = slugs([g.id for g in model.goals()])
        self.p_dir, self.i_dir, self.c_dir = L["url_priorities"], L["url_indicators"], L["url_chapters"]
        self.about, self.a11y, self.downloads = (f"{L['url_about']}.md", f"{L['url_accessibility']}.md",
                                                 f"{L['url_downloads']}.md")
        self.priority_of_goal = {g.id: p for p in model.priorities for g in p.goals}
        f_dir = L["url_followup"]
        self.followup, self.method = f"{f_dir}/index.md", f"{f_dir}/{L['url_method']}.md"
        self.has_followup = any(True for _ in model.targets())
        # The process: consultation, dialogue, editions. A page only when there is something to show.
        self.compilation = f"{L['url_compilation']}.md" if model.consultation else None
        self.participation = (f"{L['url_participation']}.md"
                              if model.dialogue.meetings or model.dialogue.origins else None)
        self.history = f"{L['url_history']}.md" if model.editions.entries else None
        self.changes = f"{L['url_changes']}.md" if consultation.consultation_edition(model) else None
        self.chapters_presenting: dict[str, list] = {}
        for ch in model.chapters:
            for ref in ch.presents:
                p = self.priority_of_goal.get(ref) or next((p for p in model.priorities if p.id == ref), None)
                if p is not None and ch not in self.chapters_presenting.setdefault(p.id, []):
                    self.chapters_presenting[p.id].append(ch)

    # The follow-up: one assessment per target, for the latest year with data. Made when a page
    # first needs it, so that the preview can rewrite a chapter's page without it (0.2 s at 100×).
    @functools.cached_property
    def report(self) -> FollowUp:
        return follow_up(self.m)

    @functools.cached_property
    def progress(self) -> dict[str, TargetProgress]:
        return {tp.target_id: tp for tp in self.report.targets()}

    # -- locations ----------------------------------------------------------------
    def priority_page(self, p: Priority) -> str:
        return f"{self.p_dir}/{self.priority_slug[p.id]}.md"

    def indicator_page(self, ind: Indicator) -> str:
        return f"{self.i_dir}/{self.indicator_slug[ind.id]}.md"

    def goal_link(self, goal: Goal) -> str:
        return f"{self.priority_page(self.priority_of_goal[goal.id])}#{self.goal_anchor[goal.id]}"

    def chapter_page(self, chapter) -> str:
        return chapter_path(self.lang, chapter)

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

    # -- the follow-up ------------------------------------------------------------
    def status_heading(self) -> str:
        """'Bedömning 2024' (or 'Bedömning' when there is no data yet)."""
        year = self.report.year
        return self.L["status_column"].format(year=year) if year is not None else self.L["progress"]

    def status_link(self, page: str, status: Status) -> str:
        """The status in words, linked to its definition in the method; the badge's colour only repeats it."""
        label = esc(i18n.progress_label(status.value, self.lang))
        href = rel(page, f"{self.method}#{status_anchor(status)}")
        return f"[{label}]({href}){{ .sk-status .sk-status--{status.value} }}"

    def subject_link(self, page: str):
        """For consultation.py: the address of a part of the strategy, from ``page``."""
        priorities = {p.id: p for p in self.m.priorities}
        goals = {g.id: g for g in self.m.goals()}
        chapters = {c.id: c for c in self.m.chapters if c.document is not None}

        def link(subject) -> str | None:
            if subject.kind == "priority" and subject.id in priorities:
                return rel(page, self.priority_page(priorities[subject.id]))
            if subject.kind in ("goal", "target") and subject.goal_id in goals:
                return rel(page, self.goal_link(goals[subject.goal_id]))
            if subject.kind == "indicator" and self.m.indicator(subject.id):
                return rel(page, self.indicator_page(self.m.indicator(subject.id)))
            if subject.kind == "chapter" and subject.id in chapters:
                return rel(page, self.chapter_page(chapters[subject.id]))
            return None
        return link

    def comment_href(self, page: str):
        """For consultation.py: the address of a comment in the compilation, from ``page``."""
        def href(comment_id: str) -> str:
            return rel(page, f"{self.compilation}#{consultation.comment_anchor(comment_id)}")
        return href

    def target_row(self, page: str, goal: Goal, t: Target, *, with_goal: bool = False) -> tuple[list[str], bool]:
        L = self.L
        ind = self.m.indicator(t.indicator_id)
        b = t.baseline
        illustrative = bool(b and b.provenance.illustrative) or any(
            v.illustrative for v in (t.target, *t.milestones) if v)
        text = f"**{esc(t.id)}** {esc(t.text)}"
        if t.milestones:
            ms = ", ".join(f"{i18n.with_relative(self.value(ms.value, ind, unit=True, illustrative=ms.illustrative), ms, self.lang)} ({ms.year})"
                           for ms in t.milestones)
            text += f'<br><span class="sk-small">{esc(L["milestones"])}: {ms}</span>'
        if ind is not None:
            ind_cell = f"[{esc(ind.name)}]({rel(page, self.indicator_page(ind))})"
        else:
            ind_cell = esc(t.indicator_id or "–")
        if t.breakdown and t.breakdown != "total":
            ind_cell += f' <span class="sk-small">({esc(L.get(t.breakdown, t.breakdown))})</span>'
        row = [text, ind_cell,
               self.value(b.value, ind, illustrative=b.provenance.illustrative, unit=True) + (f" ({b.period})" if b.period else "") if b else "–",
               i18n.with_threshold(i18n.with_relative(self.value(t.target.value, ind, unit=True,
                                                                 illustrative=t.target.illustrative),
                                                      t.target, self.lang), t.threshold, self.lang)
               + (f" ({t.target.year})" if t.target.year is not None else "")
               if t.target else "–"]
        tp = self.progress.get(t.id)
        row.append(self.status_link(page, tp.status) if tp else "–")
        if with_goal:
            p = self.priority_of_goal[goal.id]
            row.insert(0, f"[{esc(p.title)}]({rel(page, self.priority_page(p))})")
        return row, illustrative

    def targets_table(self, page: str, pairs: list[tuple[Goal, Target]], *, with_goal: bool = False) -> tuple[str, bool]:
        L = self.L
        header = [L["target"], L["indicator"], f"{L['baseline']} ({L['year'].lower()})",
                  f"{L['target_value']} ({L['year'].lower()})", self.status_heading()]
        align = ["l", "l", "r", "r", "l"]
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
        if self.has_followup:
            buttons.append(f"[{esc(L['followup'])}]({rel(page, self.followup)}){{ .md-button }}")
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
            if self.compilation:
                line = consultation.goal_comments_markdown(m, g.id, self.comment_href(page))
                if line:
                    out += [line.rstrip("\n"), "{: .sk-comments }", ""]
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
                tp = self.progress.get(t.id)
                status = f" · {esc(self.status_heading())}: {self.status_link(page, tp.status)}" if tp else ""
                out.append(f"- [{esc(t.id)}]({rel(page, self.goal_link(g))}): {esc(t.text)}{status}")
            out.append("")
        else:
            out += [esc_block(L["not_used"]), ""]

        observations = m.observations.get(ind.id, ())
        decided_rows, any_ill = [], any(o.provenance.illustrative for o in observations)
        for g, t in pairs:
            label = t.id if not t.breakdown or t.breakdown == "total" else f"{t.id} ({L.get(t.breakdown, t.breakdown)})"
            b = t.baseline
            if b and b.year is not None and b.value is not None:
                any_ill |= b.provenance.illustrative
                decided_rows.append([esc(label), esc(L["baseline"]), str(b.year),
                                     self.value(b.value, ind, illustrative=b.provenance.illustrative, unit=True)])
            for ms in t.milestones:
                if ms.year is not None and ms.value is not None:
                    decided_rows.append([esc(label), esc(L["milestone"]), str(ms.year), self.value(ms.value, ind, unit=True)])
            if t.target and t.target.year is not None and t.target.value is not None:
                decided_rows.append([esc(label), esc(L["target_value"]), str(t.target.year),
                                     self.value(t.target.value, ind, unit=True)])
        out += [f"## {esc(L['all_values'])}", ""]
        if not decided_rows and not observations:
            out += [esc_block(L["no_values"]), ""]
            return "\n".join(out)
        out += self.progress_figure(ind, pairs, observations)
        if decided_rows:
            out += [f"### {esc(L['decided_values'])}", ""]
            out += [table([L["target"], L["kind"], L["year"], L["value"]], decided_rows, ["l", "l", "r", "r"]), ""]
        out += [f"### {esc(L['values_per_year'])}", ""]
        out += [self.values_per_year(ind, pairs, observations), ""]
        if any_ill:
            out += [self.illustrative_note(), ""]

        assessed = [(t, self.progress[t.id]) for _, t in pairs if t.id in self.progress]
        if assessed:
            out += [f"## {esc(L['followup_calculation'])}", ""]
            for t, tp in assessed:
                out += [f"### {esc(L['assessment_of'].format(target=t.id))} {{ #{self.target_slug(t.id)} }}", "",
                        f"{esc(self.status_heading())}: {self.status_link(page, tp.status)}", "{: .sk-meta }", "",
                        explain_markdown(tp, ind, self.lang), ""]
                if tp.milestones:
                    out += [milestones_markdown(tp, ind, self.lang), ""]
            out += [f"{esc(L['followup_method_link'])} [{esc(L['progress_method'])}]({rel(page, self.method)}).", ""]
        return "\n".join(out)

    def breakdown_label(self, breakdown: str, only_total: bool) -> str:
        if breakdown == "total" and only_total:
            return self.L["observed"]
        return self.L.get(breakdown, breakdown).capitalize()

    def path_decimals(self, ind: Indicator, observations: tuple[Observation, ...], pairs) -> int:
        """Decimals for computed values (the needed path): the indicator's, or as many as its data has."""
        if ind.decimals is not None:
            return ind.decimals
        values = [o.value for o in observations if o.value is not None]
        values += [t.baseline.value for _, t in pairs if t.baseline and t.baseline.value is not None]
        values += [t.target.value for _, t in pairs if t.target and t.target.value is not None]
        return min(2, max((len(repr(float(v)).split(".")[1].rstrip("0")) for v in values), default=0))

    def path_value(self, value: float, ind: Indicator, decimals: int) -> str:
        return esc(i18n.format_value(value, ind.unit, self.lang, decimals) + self.unit_suffix(ind))

    def values_per_year(self, ind: Indicator, pairs, observations: tuple[Observation, ...]) -> str:
        """The chart's data, year by year: observed values per breakdown, the needed paths, the source."""
        L = self.L
        breakdowns = [b for b in BREAKDOWNS if any(o.breakdown == b for o in observations)]
        only_total = breakdowns == ["total"]
        by_year: dict[int, dict[str, Observation]] = {}
        for o in observations:
            if o.year is not None:
                by_year.setdefault(o.year, {})[o.breakdown] = o
        paths = []
        for _, t in pairs:
            tp = self.progress.get(t.id)
            path = dict(tp.needed_path()) if tp else {}
            if path:
                paths.append((t, tp, path))
        years = set(by_year)
        for _, t in pairs:
            years |= {v.year for v in (t.baseline, t.target, *t.milestones) if v is not None and v.year is not None}
        decimals = self.path_decimals(ind, observations, pairs)
        header = [L["year"]] + [f"{L['observed']} ({L.get(b, b)})" if not only_total else L["observed"]
                                for b in breakdowns]
        header += [f"{L['needed_path']} {t.id}" + ("" if t.breakdown == "total" else f" ({L.get(t.breakdown, t.breakdown)})")
                   for t, _, _ in paths]
        rows = []
        for year in sorted(years):
            found = by_year.get(year, {})
            row = [str(year)] + [self.observed(found.get(b), ind, year=False) for b in breakdowns]
            for t, tp, path in paths:
                if year in path:
                    ill = bool(tp.baseline and tp.baseline.provenance.illustrative)
                    row.append(self.path_value(path[year], ind, decimals) + (self.mark() if ill else ""))
                else:
                    row.append("–")
            rows.append(row)
        out = table([esc(h) for h in header], rows, ["r"] * len(header))
        note = self.observation_sources(observations, breakdowns, only_total)
        return out + ("\n\n" + note if note else "")

    def observation_sources(self, observations: tuple[Observation, ...], breakdowns: list[str], only_total: bool) -> str:
        """Where each observed series comes from, with the years each source covers."""
        L = self.L
        parts = []
        texts = {self.source_text(o) for o in observations if o.breakdown in breakdowns}
        if len(texts) == 1:
            return f"{esc(L['source'])}: {esc(texts.pop())}.\n{{: .sk-small }}"
        for b in breakdowns:
            by_source: dict[str, list[int]] = {}
            for o in observations:
                if o.breakdown != b or o.year is None:
                    continue
                by_source.setdefault(self.source_text(o), []).append(o.year)
            if not by_source:
                continue
            label = L["observed"] if only_total else f"{L['observed']} ({L.get(b, b)})"
            if len(by_source) == 1:
                parts.append(f"{label}: {next(iter(by_source))}")
            else:
                parts.append(f"{label}: " + "; ".join(f"{src} ({year_span(years)})" for src, years in by_source.items()))
        if not parts:
            return ""
        return f"{esc(L['source'])}: " + esc(". ".join(parts)) + ".\n{: .sk-small }"

    def source_text(self, o: Observation) -> str:
        p = o.provenance
        if p.illustrative or not p.source:
            return self.L["illustrative_source"]
        return p.source + (f", {self.L['retrieved']} {p.retrieved}" if p.retrieved else "")

    def progress_figure(self, ind: Indicator, pairs, observations: tuple[Observation, ...]) -> list[str]:
        """The chart of observed values, needed paths and decided values, with its text alternative."""
        L, lang = self.L, self.lang
        mark = L["illustrative_mark"]
        breakdowns = [b for b in BREAKDOWNS if any(o.breakdown == b for o in observations)]
        only_total = breakdowns == ["total"]
        lines: list[charts.Line] = []
        desc: list[str] = []
        for b in breakdowns:
            series = [o for o in observations if o.breakdown == b and o.year is not None and o.value is not None]
            if not series:
                continue
            first, last = series[0], series[-1]

            def shown(o: Observation) -> str:
                return self.number(o.value, ind) + self.unit_suffix(ind) + (mark if o.provenance.illustrative else "")
            label = self.breakdown_label(b, only_total)
            lines.append(charts.Line(b, label, tuple((o.year, o.value) for o in series), end_label=shown(last)))
            sentence = L["chart_alt_observed"].format(first=first.year, last=last.year, start=shown(first), end=shown(last))
            if not only_total:
                sentence = f"{label}, {sentence[:1].lower()}{sentence[1:]}"
            desc.append(sentence)
        markers: list[charts.Marker] = []
        bands: list[charts.Band] = []
        several = len(pairs) > 1
        for _, t in pairs:
            key = t.breakdown or "total"
            tp = self.progress.get(t.id)
            path = tp.needed_path() if tp else ()
            if path:
                lines.append(charts.Line(key, t.id, path, needed=True))
            parts = []
            if tp is not None and tp.assessment.method == "maintain" and path:
                tolerance = MAINTAIN_TOLERANCE * abs(tp.target_value)
                bands.append(charts.Band(key, path[0][0], path[-1][0], tp.target_value - tolerance,
                                         tp.target_value + tolerance))
                parts.append(L["maintain_band"].format(
                    low=self.number(tp.target_value - tolerance, ind), high=self.number(tp.target_value + tolerance, ind),
                    tolerance=i18n.format_number(MAINTAIN_TOLERANCE * 100, lang, 0)))
            b = t.baseline if t.baseline and t.baseline.value is not None else (tp.baseline if tp else None)
            if b is not None and b.year is not None and b.value is not None:
                markers.append(charts.Marker(key, "baseline", b.year, b.value))
                parts.append(f"{L['baseline'].lower()} {self.number(b.value, ind)}{self.unit_suffix(ind)}"
                             f"{mark if b.provenance.illustrative else ''} ({b.year})")
            for ms in t.milestones:
                if ms.year is not None and ms.value is not None:
                    markers.append(charts.Marker(key, "milestone", ms.year, ms.value))
                    parts.append(f"{L['milestone'].lower()} {self.number(ms.value, ind)}{self.unit_suffix(ind)} ({ms.year})")
            if t.target and t.target.year is not None and t.target.value is not None:
                value = f"{self.number(t.target.value, ind)}{self.unit_suffix(ind)} ({t.target.year})"
                markers.append(charts.Marker(key, "target", t.target.year, t.target.value,
                                             f"{t.id}: {value}" if several else value))
                parts.append(f"{L['target_value'].lower()} {value}")
            if tp is not None and self.report.year is not None:
                parts.append(L["chart_alt_status"].format(
                    year=self.report.year, status=i18n.progress_label(tp.status.value, lang)).lower())
            part = "" if key == "total" else f" ({L.get(key, key)})"
            desc.append(f"{L['target']} {t.id}{part}: " + ", ".join(parts))
        text = ". ".join(desc) + "."
        if any(mark in d for d in desc):
            text += " " + L["illustrative_note"]
        name = ind.name
        if lang == "sv" and name[:1].isupper() and name[1:2].islower():
            name = name[0].lower() + name[1:]  # mid-sentence in Swedish; 'SCB' and 'CO₂e' keep their case
        title = f"{L['chart_of']} {name}"
        unit = i18n.unit_label(ind.unit, lang)
        legend = {"observed": L["observed"], "needed": L["needed_path"], "baseline": L["baseline"],
                  "milestone": L["milestone"], "target": L["target_value"],
                  "band": L["maintain_band_legend"].format(tolerance=i18n.format_number(MAINTAIN_TOLERANCE * 100, lang, 0))}
        svg = charts.progress_chart(lines, markers, chart_id=f"chart-{self.indicator_slug[ind.id]}", title=title,
                                    desc=text, tick_label=lambda v, d: i18n.format_number(v, lang, d), legend=legend,
                                    bands=tuple(bands))
        if not svg:
            return []
        caption = html_escape(title) + ("" if unit.lower() in ind.name.lower() else f" ({html_escape(unit)})") + "."
        caption += " " + html_escape(L["chart_lines_note"])
        return ['<figure class="sk-chart">', svg, f"<figcaption>{caption}</figcaption>", "</figure>", ""]

    # -- the follow-up pages -----------------------------------------------------------
    def observed(self, o: Observation | None, ind: Indicator | None, *, year: bool = True) -> str:
        """An observed value with its illustrative mark and year, or '–'."""
        if o is None or o.value is None:
            return "–"
        return self.value(o.value, ind, illustrative=o.provenance.illustrative, year=o.year if year else None,
                          unit=True)

    def target_value_cell(self, tp: TargetProgress, ind: Indicator | None) -> str:
        if tp.target_value is None:
            return "–"
        return self.value(tp.target_value, ind, year=tp.target_year, unit=True)

    def followup_page(self) -> str:
        m, L, page, report = self.m, self.L, self.followup, self.report
        year = report.year
        title = L["followup_title"] + (f" {year}" if year is not None else "")
        # The title in the front matter: MkDocs takes a page's title from an H1 only when nothing precedes it.
        out = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "hide:", "  - navigation", "---", "",
               f'<p class="sk-kicker">{html_escape(L["followup"])}</p>', "", f"# {esc(title)}", ""]
        lead = [esc(L["followup_intro"])]
        lead.append(esc(L["followup_year_intro"].format(year=year)) if year is not None else esc(L["followup_no_data"]))
        out += [" ".join(lead), "{: .sk-lead }", ""]
        out += [f"{esc(L['followup_method_link'])} [{esc(L['progress_method'])}]({rel(page, self.method)}).", ""]
        illustrative = any(tp.illustrative or any(o.provenance.illustrative for o in tp.by_breakdown.values())
                           for tp in report.targets())
        if illustrative:
            out += [self.illustrative_note(), ""]

        counts = report.counts()
        out += [f"## {esc(L['progress_summary'])}", "", '<dl class="sk-figures sk-figures--status">']
        for status, n in counts.items():
            out.append(f'<div class="sk-figure--{status.value}"><dt>{html_escape(i18n.progress_label(status.value, self.lang))}'
                       f'</dt><dd>{n}</dd></div>')
        out += ["</dl>", ""]
        n_targets = sum(counts.values())
        out += [f"{esc(L['number_of_targets'])}: {n_targets}.", "{: .sk-small }", ""]

        out += [f"## {esc(L['followup_overview'])}", ""]
        if year is not None:
            out += [esc_block(L["followup_overview_intro"].format(year=year)), ""]
        header = [L["priority"]] + [i18n.progress_label(s.value, self.lang) for s in Status] + [L["total"].capitalize()]
        rows = []
        for pp, p in zip(report.priorities, m.priorities):
            c = pp.counts()
            rows.append([f"[{esc(p.id)} {esc(p.title)}](#{self.priority_slug[p.id]})"]
                        + [str(c[s]) if c[s] else "–" for s in Status] + [str(sum(c.values()))])
        rows.append([f"**{esc(L['total'].capitalize())}**"] + [f"**{counts[s]}**" if counts[s] else "–" for s in Status]
                    + [f"**{n_targets}**"])
        out += [table([esc(h) for h in header], rows, ["l"] + ["r"] * (len(Status) + 1)), ""]

        if report.previous_year is not None:
            out += [f"## {esc(L['changes_since'])} ({report.previous_year})", ""]
            if report.changes:
                goals = {g.id: g for g in m.goals()}
                goal_of_target = {t.id: g for g, t in m.targets()}
                for ch in report.changes:
                    goal = goals.get(ch.id) if ch.kind == "goal" else goal_of_target.get(ch.id)
                    word = L["goal"] if ch.kind == "goal" else L["target"]
                    name = f"{esc(word)} {esc(ch.id)}"
                    if goal is not None:
                        name = f"[{name}](#{self.goal_anchor[goal.id]})"
                    verdict = {True: L["improved"], False: L["worsened"], None: ""}[ch.improved]
                    out.append(f"- {name}: {esc(i18n.progress_label(ch.before.value, self.lang))} → "
                               f"{esc(i18n.progress_label(ch.after.value, self.lang))}"
                               + (f" ({esc(verdict)})" if verdict else ""))
                out.append("")
            else:
                out += [esc_block(L["no_changes"]), ""]

        targets = {t.id: t for _, t in m.targets()}
        for pp, p in zip(report.priorities, m.priorities):
            out += [f"## {esc(p.id)} {esc(p.title)} {{ #{self.priority_slug[p.id]} }}", "",
                    f"{esc(L['priority_status'])}: {self.status_link(page, pp.status)} · "
                    f"[{esc(L['goals_and_targets'])}]({rel(page, self.priority_page(p))})", "{: .sk-meta }", ""]
            for gp, g in zip(pp.goals, p.goals):
                out += [f"### {esc(g.id)} {esc(g.title)} {{ #{self.goal_anchor[g.id]} }}", "",
                        f"{esc(L['goal_status'])}: {self.status_link(page, gp.status)}", "{: .sk-meta }", ""]
                if not gp.targets:
                    continue
                gender = any("women" in tp.by_breakdown or "men" in tp.by_breakdown for tp in gp.targets)
                header = [L["target"], L["baseline"], L["latest_value"], L["target_value"], self.status_heading()]
                align = ["l", "r", "r", "r", "l"]
                if gender:
                    header[3:3] = [L["women"].capitalize(), L["men"].capitalize()]
                    align[3:3] = ["r", "r"]
                rows = []
                for tp in gp.targets:
                    target = targets[tp.target_id]
                    ind = m.indicator(tp.indicator_id)
                    what = f"**{esc(target.id)}** {esc(target.text)}"
                    if ind is not None:
                        part = "" if tp.breakdown == "total" else f" ({esc(L.get(tp.breakdown, tp.breakdown))})"
                        what += (f'<br><span class="sk-small">{esc(L["indicator"])}: '
                                 f'[{esc(ind.name)}]({rel(page, self.indicator_page(ind))}#{self.target_slug(tp.target_id)})'
                                 f'{part}</span>')
                    row = [what, self.observed(tp.baseline, ind), self.observed(tp.latest, ind),
                           self.target_value_cell(tp, ind), self.status_link(page, tp.status)]
                    if gender:
                        row[3:3] = [self.observed(tp.by_breakdown.get("women"), ind),
                                    self.observed(tp.by_breakdown.get("men"), ind)]
                    rows.append(row)
                out += [table([esc(h) for h in header], rows, align), ""]
                sources = []
                for tp in gp.targets:
                    shown = [tp.baseline, tp.latest] + ([tp.by_breakdown.get("women"), tp.by_breakdown.get("men")]
                                                        if gender else [])
                    texts = list(dict.fromkeys(self.source_text(o) for o in shown
                                               if o is not None and not o.provenance.illustrative and o.provenance.source))
                    if texts:
                        sources.append(f"{tp.target_id}: {'; '.join(texts)}")
                if sources:
                    out += [f"{esc(L['source'])}: " + esc(". ".join(sources)) + ".", "{: .sk-small }", ""]
        return "\n".join(out)

    def method_page(self) -> str:
        """The method, as followup_report publishes it, with an anchor on each status's row."""
        text = method_markdown(self.lang, level=1)
        for status in Status:
            label = i18n.progress_label(status.value, self.lang)
            row = f"\n| {label} |"
            if row in text:
                text = text.replace(row, f'\n| <span id="{status_anchor(status)}"></span>{label} |', 1)
        back = (f"[{esc(self.L['followup_title'])}" + (f" {self.report.year}" if self.report.year else "")
                + f"]({rel(self.method, self.followup)})")
        return text.rstrip("\n") + "\n\n" + back + "\n"

    def target_slug(self, target_id: str) -> str:
        return slugs([target_id])[target_id]

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

    # -- the process pages ------------------------------------------------------------
    def compilation_page(self) -> str:
        page = self.compilation
        return consultation.compilation_markdown(self.m, level=1, link=self.subject_link(page))

    def participation_page(self) -> str:
        page = self.participation
        body = consultation.participation_markdown(self.m, level=1, link=self.subject_link(page), title=False)
        return f"# {esc(self.L['participation_page'])}\n\n{body}"

    def history_page(self) -> str:
        page = self.history

        def pdf_href(edition) -> str | None:
            if edition.version == self.m.edition.version:
                return rel(page, self.info.pdf_name) if self.info.pdf_name else None
            if edition.version in self.info.earlier_pdfs:
                return rel(page, self.info.earlier_pdfs[edition.version])
            # Only a web address: a path would have to be a file of this site, which the build cannot check.
            if edition.pdf and re.match(r"^https?://[^\s()<>]+$", edition.pdf):
                return edition.pdf
            return None
        return consultation.history_markdown(self.m, level=1, pdf_href=pdf_href,
                                             pdf_note=lambda e: self.info.earlier_notes.get(e.version))

    def changes_page(self) -> str:
        page = self.changes
        return consultation.changes_markdown(self.m, level=1, link=self.subject_link(page),
                                             comment_href=self.comment_href(page) if self.compilation else None)

    def downloads_page(self) -> str:
        L, page = self.L, self.downloads
        out = [f"# {esc(L['downloads'])}", ""]
        rows = []
        if self.info.pdf_name:
            rows.append([f"[{esc(self.info.pdf_name)}]({rel(page, self.info.pdf_name)})", "PDF",
                         self.size(self.info.pdf_name), esc(L["pdf_data"])])
        for name in DOWNLOAD_FILES:
            what = L[{"indicators": "indicators_data", "targets": "targets_data", "observations": "observations_data",
                      "followup": "followup_data"}[name.split(".")[0]]]
            rows.append([f"[{esc(name)}]({rel(page, DATA_FOLDER + '/' + name)})", name.rsplit(".", 1)[1].upper(),
                         self.size(name), esc(what)])
        out += [table([L["file"], L["format"], L["size"], L["contents_of_file"]], rows, ["l", "l", "r", "l"]), ""]
        if not self.info.pdf_name:
            out += [esc_block(L["pdf_not_built"]), ""]
        out += [esc_block(L["data_format_note"]), ""]
        if self.compilation or self.participation or self.history:
            out += [esc_block(L["process_data_note"]), ""]
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
        if self.history or self.changes:
            links = []
            if self.history:
                links.append(f"[{esc(i18n.process_labels(self.lang)['history'])}]({rel(page, self.history)})")
            if self.changes:
                links.append(f"[{esc(i18n.process_labels(self.lang)['changes_since'])}]({rel(page, self.changes)})")
            out += [" · ".join(links), ""]
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
        if self.has_followup:
            pages[self.followup] = self.followup_page()
            pages[self.method] = self.method_page()
            nav.append({L["followup"]: [self.followup, {L["progress_method"]: self.method}]})
        # About the strategy: the edition, how it came about, and the pages every public site has.
        words = i18n.process_labels(self.lang)
        section: list = [{L["about_edition"]: self.about}]
        pages[self.about] = self.about_page()
        for path, title, make in ((self.history, words["history"], self.history_page),
                                  (self.changes, words["changes_since"], self.changes_page),
                                  (self.compilation, words["compilation"], self.compilation_page),
                                  (self.participation, L["participation_page"], self.participation_page)):
            if path:
                pages[path] = make()
                section.append({title: path})
        pages[self.downloads] = self.downloads_page()
        pages[self.a11y] = self.accessibility_page()
        section += [{L["downloads"]: self.downloads}, {L["accessibility_short"]: self.a11y}]
        nav.append({L["about_strategy"]: section})
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


def pages_showing_text(model: Strategy, info: EditionInfo, chapters: Iterable[Chapter]) -> dict[str, str]:
    """The pages that show the text of ``chapters`` (path → Markdown, as ``generate`` writes them).

    That is each chapter's own page and, when the site has one, the page of changes since the
    consultation (it counts the words changed in every chapter). Every other page shows a chapter
    only by its title and address, so after an edit that keeps a chapter's title, only these
    pages change (``live.LiveSite`` relies on this; tests/test_web_live.py compares with full builds).
    """
    writer = _Writer(model, info)
    out = {writer.chapter_page(c): writer.chapter(c) for c in chapters if c.document is not None}
    if writer.changes:
        out[writer.changes] = writer.changes_page()
    return out
