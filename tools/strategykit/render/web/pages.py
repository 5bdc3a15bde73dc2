"""The pages of the web edition, written as Markdown from the model.

Every page is plain Markdown (with a little raw HTML for cards, figures and
charts) that MkDocs and Zensical both render the same way. Internal links are
Markdown links between ``.md`` files, so a strict build checks every one of them.
Text from goals.yaml is escaped: a title with ``*`` or ``|`` in it stays text.

One module per kind of page (``page_home``, ``page_priorities``, ``page_indicators``,
``page_followup``, ``page_about``), each a part of ``_Writer``; here the parts are put
together with what they share: the follow-up, locations, values, statuses, target tables.
"""

from __future__ import annotations

import functools
from html import escape as html_escape
from typing import Iterable

from strategykit.present import (charts as present_charts, commitments as present_commitments, consultation, i18n, sections as present_sections, status as present_status, targets as present_targets, yearly as present_yearly)
from strategykit.analysis.followup import FollowUp, Status, TargetProgress, follow_up
from strategykit.model import Chapter, Goal, Indicator, Priority, Strategy, Target
from strategykit.model.slugs import indicator_slugs
from strategykit.render.web import htmlkit
from strategykit.render.web.page_about import AboutPages
from strategykit.render.web.page_followup import FollowUpPages
from strategykit.render.web.page_frameworks import FrameworkPages
from strategykit.render.web.page_home import HomePage
from strategykit.render.web.page_indicators import IndicatorPages
from strategykit.render.web.page_priorities import PriorityPages
from strategykit.render.web.pagekit import (DATA_FOLDER, EditionInfo, Site, chapter_pages, chapter_path, esc, esc_block, rel, slugs, status_anchor, wrap_tables, year_span, JUDGEMENT_ANCHOR)

# --- The site -------------------------------------------------------------------


class _Writer(HomePage, PriorityPages, IndicatorPages, FollowUpPages, AboutPages, FrameworkPages):
    def __init__(self, model: Strategy, info: EditionInfo):
        self.m = model
        self.info = info
        self.lang = model.language
        self.L = i18n.labels_for(model, self.lang)
        L = self.L
        self.priority_slug = slugs([p.id for p in model.priorities])
        # Addresses readers can read, in the strategy's language (model.slugs); ids stay keys.
        self.indicator_slug = indicator_slugs(model.indicators)
        self.goal_anchor = slugs([g.id for g in model.goals()])
        self.p_dir, self.i_dir, self.c_dir = L["url_priorities"], L["url_indicators"], L["url_chapters"]
        self.about, self.a11y, self.downloads = (f"{L['url_about']}.md", f"{L['url_accessibility']}.md",
                                                 f"{L['url_downloads']}.md")
        self.priority_of_goal = {g.id: p for p in model.priorities for g in p.goals}
        f_dir = L["url_followup"]
        self.followup, self.method = f"{f_dir}/index.md", f"{f_dir}/{L['url_method']}.md"
        # Which parts the edition has: decided with the PDF's (present.sections). A page only when
        # there is something to show.
        shown = present_sections.sections(model)
        self.has_method = shown.followup
        self.has_followup = shown.followup and bool(info.yearly)
        self.compilation = f"{L['url_compilation']}.md" if shown.compilation else None
        self.participation = f"{L['url_participation']}.md" if shown.participation else None
        self.history = f"{L['url_history']}.md" if shown.history else None
        # Whether the edition shows the changes since the consultation is decided once (present.sections),
        # and the plan brings them exactly then.
        self.changes = f"{L['url_changes']}.md" if shown.changes and info.changes is not None else None
        self.frameworks = f"{self.p_dir}/{L['url_frameworks']}.md" if shown.frameworks else None
        self.chapters_presenting: dict[str, list] = {}
        for ch in model.chapters:
            for ref in ch.presents:
                p = self.priority_of_goal.get(ref) or next((p for p in model.priorities if p.id == ref), None)
                if p is not None and ch not in self.chapters_presenting.setdefault(p.id, []):
                    self.chapters_presenting[p.id].append(ch)

    # The follow-up: one assessment per target, for the latest year with data. The plan's, or made
    # when a page first needs it, so that the preview can rewrite a chapter's page without it.
    @functools.cached_property
    def report(self) -> FollowUp:
        return self.info.followup if self.info.followup is not None else follow_up(self.m)

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
        """The illustrative mark, with words for screen readers. The mark is written as character
        references: two '*' in one Markdown paragraph ('278 000* (2025), 285 000* (2030)') were read
        as emphasis, which dropped both marks and set the words between them in italics."""
        star = "".join(f"&#{ord(c)};" for c in self.L["illustrative_mark"])
        return (f'<span class="sk-ill"><span aria-hidden="true">{star}</span>'
                f'<span class="sk-sr-only"> ({html_escape(self.L["illustrative"])})</span></span>')

    def unit_suffix(self, ind: Indicator | None) -> str:
        return present_charts.unit_suffix(ind, self.lang) if ind is not None else ""

    def number(self, value: float | None, ind: Indicator | None) -> str:
        return i18n.format_value(value, ind.unit if ind else "", self.lang, ind.decimals if ind else None)

    def value(self, value: float | None, ind: Indicator | None, *, illustrative: bool = False,
              year: int | None = None, unit: bool = False) -> str:
        """The value as HTML, with its illustrative mark and its year."""
        text = htmlkit.text(self.number(value, ind) + (self.unit_suffix(ind) if unit and value is not None else ""))
        if illustrative:
            text += self.mark()
        if year is not None:
            text += f" ({year})"
        return text

    def illustrative_note(self) -> str:
        return (f'<p class="sk-note" markdown><strong>{html_escape(self.L["illustrative_heading"])}.</strong> '
                f'{esc(self.L["illustrative_note"])}</p>')

    # -- the follow-up ------------------------------------------------------------
    def status_heading(self, year: int | None = None) -> str:
        """'Bedömning 2024' (or 'Bedömning' when there is no data yet); the edition's year by default."""
        year = self.report.year if year is None else year
        return self.L["status_column"].format(year=year) if year is not None else self.L["progress"]

    def distribution(self, counts) -> str:
        """How many targets have each status, with each status's icon, as HTML: '● 2 i rätt takt, ◆ 1 begränsade framsteg'."""
        parts = []
        for b, n in present_status.distribution(counts, self.lang).counts:
            if n:
                parts.append(f'<span class="sk-count">{present_status.icon_svg(b.shape, b.colour)}{n} '
                             f'{htmlkit.text(b.label[:1].lower() + b.label[1:])}</span>')
        # The separator is its own element: on a phone, a table cell sets each count on a line of its own
        # and hides it (strategy.css), where '1 i rätt takt, ▲ 1 framsteg, men takten …' ran on in a narrow column.
        return '<span class="sk-count-sep">, </span>'.join(parts) or "–"

    def judged(self, counts: dict[str, int], e=esc) -> str:
        """The goals followed up by their commitments alone, per judgement, with the scale's icons:
        'Mål som följs upp med åtaganden: ● 1 pågår enligt plan', or '' when there are none
        (Markdown, or HTML with ``e=htmlkit.text``)."""
        parts = []
        for b, words, n in present_commitments.judged_counts(counts, self.lang):
            if n:
                icon = present_status.icon_svg(b.shape, b.colour) if b else ""
                parts.append(f'<span class="sk-count">{icon}{n} {e(words[:1].lower() + words[1:])}</span>')
        if not parts:
            return ""
        return f"{e(present_commitments.judged_heading(self.m, self.lang))}: " + ", ".join(parts)

    def judgement_link(self, page: str, view) -> str:
        """A goal's judgement (``present.commitments.GoalJudgementView``) in words, linked to the rule that
        derives it, with what it is beside it: never mistaken for a measured status."""
        href = rel(page, f"{self.method}#{JUDGEMENT_ANCHOR}")
        mark = self.mark() if view.illustrative else ""
        if view.badge is None:
            return f"[{esc(view.label)}]({href}){mark} ({esc(view.note)})"
        b = view.badge
        return (f"[{present_status.icon_svg(b.shape, b.colour)}{esc(b.label)}]({href}){{ .sk-status .sk-status--{b.code} }}"
                f"{mark} ({esc(view.note)})")

    def href(self, page: str, to: str) -> str:
        """The address of ``to`` (a file of the site, '#anchor' allowed) in a link written as HTML on ``page``."""
        return htmlkit.href(page, to, self.info.directory_urls)

    def judgement_link_html(self, page: str, view) -> str:
        """``judgement_link`` as HTML."""
        href = self.href(page, f"{self.method}#{JUDGEMENT_ANCHOR}")
        mark = self.mark() if view.illustrative else ""
        if view.badge is None:
            return f'<a href="{href}">{htmlkit.text(view.label)}</a>{mark} ({htmlkit.text(view.note)})'
        b = view.badge
        return (f'<a class="sk-status sk-status--{b.code}" href="{href}">{present_status.icon_svg(b.shape, b.colour)}'
                f'{htmlkit.text(b.label)}</a>{mark} ({htmlkit.text(view.note)})')

    def status_link_html(self, page: str, status: Status) -> str:
        """``status_link`` as HTML."""
        b = present_status.badge(status, self.lang)
        href = self.href(page, f"{self.method}#{status_anchor(status)}")
        return (f'<a class="sk-status sk-status--{b.code}" href="{href}">{present_status.icon_svg(b.shape, b.colour)}'
                f'{htmlkit.text(b.label)}</a>')

    def status_link(self, page: str, status: Status) -> str:
        """The status in words, linked to its definition in the method; the badge's colour only repeats it."""
        b = present_status.badge(status, self.lang)
        href = rel(page, f"{self.method}#{status_anchor(status)}")
        return f"[{present_status.icon_svg(b.shape, b.colour)}{esc(b.label)}]({href}){{ .sk-status .sk-status--{b.code} }}"

    def subject_link(self, page: str):
        """For consultation.py: the address of a part of the strategy, from ``page``."""
        priorities = {p.id: p for p in self.m.priorities}
        goals = {g.id: g for g in self.m.goals()}
        chapters = {c.id: c for c in self.m.chapters if c.document is not None}

        def link(subject) -> str | None:
            if subject.kind == "priority" and subject.id in priorities:
                return rel(page, self.priority_page(priorities[subject.id]))
            if subject.kind in ("goal", "target", "commitment") and subject.goal_id in goals:
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

    def shown(self, v) -> str:
        """A ``present.targets.Value`` as HTML: the value, its illustrative mark, its year."""
        if v is None:
            return "–"
        return htmlkit.text(v.text) + (self.mark() if v.illustrative else "") + (f" ({v.year})" if v.year is not None else "")

    def target_row(self, page: str, goal: Goal, t: Target, *, with_goal: bool = False) -> tuple[list[str], bool]:
        """The target, its status with the latest value behind it, the indicator, baseline and target value (cells as HTML).

        Status and latest value come second, so that they stay in view on a phone while the
        rest of the table scrolls."""
        L = self.L
        r = present_targets.target_row(self.m, t, self.progress.get(t.id))
        ind = self.m.indicator(t.indicator_id)
        illustrative = any(v.illustrative for v in (r.baseline, r.latest, r.target, *r.milestones) if v)
        h = htmlkit.text
        text = f"<strong>{h(r.id)}</strong> {h(r.text)}"
        if r.milestones:
            ms = ", ".join(self.shown(v) for v in r.milestones)
            text += f'<br><span class="sk-small">{h(L["milestones"])}: {ms}</span>'
        if ind is not None:
            ind_cell = f'<a href="{self.href(page, self.indicator_page(ind))}">{h(ind.name)}</a>'
        else:
            ind_cell = h(t.indicator_id or "–")
        if r.breakdown:
            ind_cell += f' <span class="sk-small">({h(r.breakdown)})</span>'
        tp = self.progress.get(t.id)
        status = self.status_link_html(page, tp.status) if tp else "–"
        if r.latest is not None:
            status += f'<br><span class="sk-small">{h(L["latest_value"])}: {self.shown(r.latest)}</span>'
        row = [text, status, ind_cell, self.shown(r.baseline), self.shown(r.target)]
        if with_goal:
            p = self.priority_of_goal[goal.id]
            row.append(f'<a href="{self.href(page, self.priority_page(p))}">{h(p.title)}</a>')
        return row, illustrative

    def targets_table(self, page: str, pairs: list[tuple[Goal, Target]], *, with_goal: bool = False,
                      label: str = "") -> tuple[str, bool]:
        """The targets as a table of generated HTML (``htmlkit``), and whether a value in it is illustrative."""
        L = self.L
        header = [L["target"], self.status_heading(), L["indicator"], f"{L['baseline']} ({L['year'].lower()})",
                  f"{L['target_value']} ({L['year'].lower()})"]
        align = ["l", "l", "l", "r", "r"]
        # An edition shows a status only when, at its date, some target could be assessed (present.yearly).
        assessed = present_yearly.shows_status(self.report)
        if not assessed:
            del header[1], align[1]
        if with_goal:  # last: the target and its status stay first on a phone
            header.append(L["priority"])
            align.append("l")
        rows, any_ill = [], False
        for goal, t in pairs:
            row, ill = self.target_row(page, goal, t, with_goal=with_goal)
            if not assessed:
                del row[1]
            rows.append(row)
            any_ill |= ill
        # The level names are the strategy's own words (levels:), so the header is escaped like any text.
        return htmlkit.block(htmlkit.table([htmlkit.text(h) for h in header], rows, align, label or L["targets"])), any_ill

    def sources_note(self, pairs: list[tuple[Goal, Target]]) -> str:
        items = []
        for _, t in pairs:
            b = t.baseline
            if b and not b.provenance.illustrative and b.provenance.source:
                src = esc(b.provenance.source)
                if b.provenance.url:
                    src = f"[{src}]({b.provenance.url})"
                when = esc(i18n.retrieved_note(b.provenance.retrieved, self.lang))
                items.append(f"{esc(t.id)}: {src}{when}")
        if not items:
            return ""
        return f'{esc(self.L["source"])}: ' + "; ".join(items) + "\n{: .sk-small }"

    def target_slug(self, target_id: str) -> str:
        return slugs([target_id])[target_id]

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
        if self.frameworks:
            pages[self.frameworks] = self.frameworks_page()
            section.append({L["frameworks"]: self.frameworks})
        nav.append({L["priorities_and_goals"]: section})
        section = [f"{self.i_dir}/index.md"]
        pages[f"{self.i_dir}/index.md"] = self.indicators_index()
        for ind in m.indicators:
            pages[self.indicator_page(ind)] = self.indicator(ind)
            section.append({ind.name: self.indicator_page(ind)})
        nav.append({L["indicators"]: section})
        if self.has_method:
            # The method explains every status the site shows (the edition's too); the follow-ups
            # of the years with data are publications of their own, each a page of this section.
            section = []
            if self.has_followup:
                pages[self.followup] = self.followup_index()
                section.append(self.followup)
                for report in reversed(self.info.yearly):
                    path = present_yearly.page(m, report.year)
                    pages[path] = self.followup_page(report)
                    section.append({present_yearly.title(m, report.year): path})
            pages[self.method] = self.method_page()
            section.append({L["progress_method"]: self.method})
            nav.append({L["followup"] if self.has_followup else L["progress_method"]: section})
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
                # "file": the page without directory URLs (an offline build, opened from disk)
                {"title": L["about_edition"], "url": self.about[:-3] + "/", "file": self.about[:-3] + ".html"},
                {"title": L["accessibility"], "url": self.a11y[:-3] + "/", "file": self.a11y[:-3] + ".html"},
                {"title": L["downloads"], "url": self.downloads[:-3] + "/", "file": self.downloads[:-3] + ".html"},
            ],
            "footer_label": L["contents"],
            "not_found": L["not_found"],
            "not_found_text": L["not_found_text"],
            "to_start_page": L["to_start_page"],
        }
        pages = {path: wrap_tables(text, L["table"]) for path, text in pages.items()}
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
    return {path: wrap_tables(text, writer.L["table"]) for path, text in out.items()}
