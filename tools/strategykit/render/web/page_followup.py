"""The follow-up page and its method.

A part of the web edition's writer (``pages._Writer``): the methods use its model,
labels, locations and shared helpers (``self.m``, ``self.L``, ``self.status_link`` …).
"""

from __future__ import annotations

import json
from html import escape as html_escape

from strategykit.analysis.followup import Status, TargetProgress
from strategykit.model import Indicator, Observation
from strategykit.present import breakdowns as present_breakdowns, commitments as present_commitments, crosscut, i18n, status as present_status, yearly as present_yearly
from strategykit.present import targets as present_targets
from strategykit.present.followup import change_states, explanation, method_markdown, milestones_text
from strategykit.render.web import htmlkit
from strategykit.render.web.pagekit import JUDGEMENT_ANCHOR, esc, esc_block, rel, status_anchor


class FollowUpPages:
    def observed(self, o: Observation | None, ind: Indicator | None, *, year: bool = True) -> str:
        """An observed value with its illustrative mark and year as HTML, or '–'."""
        if o is None or o.value is None:
            return "–"
        return self.value(o.value, ind, illustrative=o.provenance.illustrative, year=o.year if year else None,
                          unit=True)

    def target_value_cell(self, tp: TargetProgress, ind: Indicator | None) -> str:
        """The target's value in the words of its form (``present.targets.followup_target``), as HTML."""
        v = present_targets.followup_target(self.m, tp, ind, self.lang)
        if v is None:
            return "–"
        return htmlkit.text(v.text) + (self.mark() if v.illustrative else "") + (f" ({v.year})" if v.year else "")

    def explanation_html(self, tp: TargetProgress, ind: Indicator | None) -> str:
        """How the target's status follows from its numbers (``present.followup.explanation``) as HTML,
        each equation as MathML (its ``alttext`` the plain text)."""
        x = explanation(tp, ind, self.lang)
        calc = "".join(htmlkit.raw(p) if isinstance(p, str) else p.mathml for p in x.calculation)
        return f"{calc} → <strong>{htmlkit.raw(x.status)}</strong>{htmlkit.raw(x.suffix)}"

    def followup_index(self) -> str:
        """The follow-up section's first page: each year's publication, latest first, with its PDF."""
        L, page = self.L, self.followup
        title = L["yearly_publications"]
        out = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---", "",
               f'<p class="sk-kicker">{html_escape(L["followup"])}</p>', "", f"# {esc(title)}", "",
               esc_block(L["yearly_publications_intro"]), "{: .sk-lead }", ""]
        out += self.yearly_list(page).split("\n")[4:]  # the list alone, under this page's own title
        out += ["", f"{esc(L['followup_method_link'])} [{esc(L['progress_method'])}]({rel(page, self.method)}).", ""]
        return "\n".join(out)

    def followup_page(self, report) -> str:
        """One year's follow-up: the web section of the publication whose PDF is 'Uppföljning ÅR'."""
        m, L = self.m, self.L
        year = report.year
        page = present_yearly.page(m, year)
        title = present_yearly.title(m, year)
        # The title in the front matter: MkDocs takes a page's title from an H1 only when nothing precedes it.
        # Search finds the latest year's follow-up; an earlier year repeats every target with older values,
        # and in a large strategy doubled the search index a phone downloads (4.9 MB at 10×). Earlier
        # years stay listed on the follow-up page and in the history of editions.
        latest = max((r.year for r in self.info.yearly if r.year is not None), default=None)
        hidden = ["search:", "  exclude: true"] if year is not None and latest is not None and year < latest else []
        out = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "hide:", "  - navigation", *hidden, "---", "",
               f'<p class="sk-kicker">{html_escape(L["followup"])}</p>', "", f"# {esc(title)}", ""]
        out += [" ".join(esc(x) for x in present_yearly.lead(m, report)), "{: .sk-lead }", ""]
        out += [f"{esc(L['followup_method_link'])} [{esc(L['progress_method'])}]({rel(page, self.method)}).", ""]
        if self.info.yearly_pdfs:
            out += [f"[{esc(L['yearly_pdf'].format(year=year))}]({rel(page, present_yearly.pdf_path(m, year))})", ""]
        illustrative = any(tp.illustrative or any(o.provenance.illustrative for o in tp.by_breakdown.values())
                           for tp in report.targets()) \
            or any(cp.latest is not None and cp.latest.illustrative for cp in report.commitments())
        if illustrative:
            out += [self.illustrative_note(), ""]

        counts = report.counts()
        out += [f"## {esc(L['progress_summary'])}", "", '<dl class="sk-figures sk-figures--status">']
        for status, n in counts.items():
            b = present_status.badge(status, self.lang)
            out.append(f'<div class="sk-figure--{b.code}"><dt>{present_status.icon_svg(b.shape, b.colour)}'
                       f'{html_escape(b.label)}</dt><dd>{n}</dd></div>')
        out += ["</dl>", ""]
        n_targets = sum(counts.values())
        out += [f"{esc(L['number_of_targets'])}: {n_targets}.", "{: .sk-small }", ""]
        judged = self.judged(report.judged())
        if judged:  # counted beside the targets' statuses, never among them: a judgement, not a measurement
            out += [f"{judged} ({esc(L['goal_judgement'])}).", "{: .sk-small }", ""]

        # From here on the big parts (tables, calculations) are HTML blocks, which Python-Markdown passes
        # through (htmlkit: why, and what that asks of the links and the escaping); headings stay Markdown.
        h = htmlkit.text
        out += [f"## {esc(L['followup_overview'])}", ""]
        if year is not None:
            out += [esc_block(L["followup_overview_intro"].format(year=year)), ""]
        # One row per priority, by name: how many targets have each status (not only the worst).
        header = [L["priority"], L["progress"], L["total"].capitalize()]
        rows = []
        for pp, p in zip(report.priorities, m.priorities):
            c = pp.counts()
            judged_here = self.judged(pp.judged(), h)
            rows.append([f'<a href="#{self.priority_slug[p.id]}">{h(p.id)} {h(p.title)}</a>',
                         self.distribution(c) + (f'<br><span class="sk-small">{judged_here}</span>' if judged_here else ""),
                         str(sum(c.values()))])
        judged_all = self.judged(report.judged(), h)
        rows.append([f"<strong>{h(L['total'].capitalize())}</strong>",
                     self.distribution(counts) + (f'<br><span class="sk-small">{judged_all}</span>' if judged_all else ""),
                     f"<strong>{n_targets}</strong>"])
        out += [htmlkit.block(htmlkit.table([h(x) for x in header], rows, ["l", "l", "r"],
                                            htmlkit.words(L["followup_overview"]))), ""]

        if report.previous_year is not None:
            out += [f"## {esc(L['changes_since'])} ({report.previous_year})", ""]
            if report.changes:
                goals = {g.id: g for g in m.goals()}
                goal_of_target = {t.id: g for g, t in m.targets()}
                items = []
                for ch in report.changes:
                    goal = goals.get(ch.id) if ch.kind != "target" else goal_of_target.get(ch.id)
                    word = L["target"] if ch.kind == "target" else L["goal"]
                    name = f"{h(word)} {h(ch.id)}"
                    if goal is not None:
                        name = f'<a href="#{self.goal_anchor[goal.id]}">{name}</a>'
                    if ch.kind == "judgement":  # a judgement of the goal's commitments, never a measured status
                        name += f" ({h(L['goal_judgement'])})"
                    verdict = {True: L["improved"], False: L["worsened"], None: ""}[ch.improved]
                    before, after = change_states(ch, self.lang)
                    items.append(f"<li>{name}: {h(before)} → {h(after)}" + (f" ({h(verdict)})" if verdict else "") + "</li>")
                out += [htmlkit.block("\n".join(["<ul>", *items, "</ul>"])), ""]
            else:
                out += [esc_block(L["no_changes"]), ""]

        targets = {t.id: t for _, t in m.targets()}
        for pp, p in zip(report.priorities, m.priorities):
            judged_here = self.judged(pp.judged(), h)
            out += [f"## {esc(p.id)} {esc(p.title)} {{ #{self.priority_slug[p.id]} }}", "",
                    htmlkit.block(f'<p class="sk-meta">{h(L["progress"])}: {self.distribution(pp.counts())} · '
                                  + (f"{judged_here} · " if judged_here else "") +
                                  f'<a href="{self.href(page, self.priority_page(p))}">{h(L["goals_and_targets"])}</a></p>'),
                    ""]
            for gp, g in zip(pp.goals, p.goals):
                status = (self.status_link_html(page, gp.status) if gp.judgement is None else
                          self.judgement_link_html(page, present_commitments.goal_judgement(gp.judgement, self.lang)))
                out += [f"### {esc(g.id)} {esc(g.title)} {{ #{self.goal_anchor[g.id]} }}", ""]
                html = [f'<p class="sk-meta">{h(L["goal_status"])}: {status}</p>']  # the goal's HTML, one block
                shared = crosscut.shared_targets(m, g)
                if shared:  # followed up once, under its own goal on this page: a link there
                    html += ["<p>" + h(L["shared_targets_lead"]) + " " + "; ".join(
                        f'<a href="#{self.goal_anchor[e.goal_id]}">{h(e.target_id)}</a> {h(e.text)} '
                        f"({h(L['shared_target_home'].format(goal=e.goal_id))})" for e in shared) + "</p>"]
                # Followed up by judgement: each commitment with its latest assessment up to the year, after
                # the targets (the yearly follow-up covers both).
                commitments = (self.commitments_table(page, g, [present_commitments.progress_row(m, cp)
                                                                for cp in gp.commitments])[0] + "\n"
                               if gp.commitments else "")
                if not gp.targets:
                    out += [htmlkit.block("\n\n".join(html)), ""] + ([commitments] if commitments else [])
                    continue
                gender = any("women" in tp.by_breakdown or "men" in tp.by_breakdown for tp in gp.targets)
                # Status and latest value first: on a phone they stay in view while the rest scrolls.
                header = [L["target"], self.status_heading(year), L["latest_value"], L["baseline"], L["target_value"]]
                align = ["l", "l", "r", "r", "r"]
                if gender:
                    header[4:4] = [L["women"].capitalize(), L["men"].capitalize()]
                    align[4:4] = ["r", "r"]
                rows = []
                for tp in gp.targets:
                    target = targets[tp.target_id]
                    ind = m.indicator(tp.indicator_id)
                    what = f"<strong>{h(target.id)}</strong> {h(target.text)}"
                    if ind is not None:
                        part = "" if tp.breakdown == "total" else \
                            f" ({h(present_breakdowns.label(self.m, tp.breakdown, self.lang))})"
                        link = self.href(page, f"{self.indicator_page(ind)}#{self.target_slug(tp.target_id)}")
                        what += (f'<br><span class="sk-small">{h(L["indicator"])}: '
                                 f'<a href="{link}">{h(ind.name)}</a>{part}</span>')
                    row = [what, self.status_link_html(page, tp.status), self.observed(tp.latest, ind),
                           self.observed(tp.baseline, ind), self.target_value_cell(tp, ind)]
                    if gender:
                        row[4:4] = [self.observed(tp.by_breakdown.get("women"), ind),
                                    self.observed(tp.by_breakdown.get("men"), ind)]
                    rows.append(row)
                html += [htmlkit.table([h(x) for x in header], rows, align, htmlkit.words(f"{g.id} {g.title}"))]
                # How each status follows from its numbers, as the PDF of the same follow-up says it.
                items = []
                for tp in gp.targets:
                    ind = m.indicator(tp.indicator_id)
                    milestones = milestones_text(tp, ind, self.lang)
                    items.append(f"<li><strong>{h(tp.target_id)}</strong>: {self.explanation_html(tp, ind)}"
                                 + (f" {htmlkit.raw(milestones)}" if milestones else "") + "</li>")
                # A box of its own that scrolls: a calculation is a formula, which cannot wrap, and on a
                # phone the longest are wider than the page (keyboard users reach the box with Tab).
                label = htmlkit.attr(f"{L['followup_calculation']} {g.id}")
                html += [f"<p><strong>{h(L['followup_calculation'])}</strong></p>",
                         "\n".join([f'<div class="sk-calcs" role="region" tabindex="0" aria-label="{label}">',
                                    "<ul>", *items, "</ul>", "</div>"])]
                sources = []
                for tp in gp.targets:
                    shown = [tp.baseline, tp.latest] + ([tp.by_breakdown.get("women"), tp.by_breakdown.get("men")]
                                                        if gender else [])
                    texts = list(dict.fromkeys(self.source_text(o) for o in shown
                                               if o is not None and not o.provenance.illustrative and o.provenance.source))
                    if texts:
                        sources.append(f"{tp.target_id}: {'; '.join(texts)}")
                if sources:
                    html += [f'<p class="sk-small">{h(L["source"])}: ' + h(". ".join(sources)) + ".</p>"]
                out += [htmlkit.block("\n\n".join(html)), ""] + ([commitments] if commitments else [])
        if any(True for _ in report.commitments()):
            out += [esc_block(present_commitments.scale_note(self.lang)), "{: .sk-small }", ""]
        out += [f"## {esc(L['yearly_sources'])}", "", present_yearly.sources_markdown(m, report, esc)]
        return "\n".join(out)

    def method_page(self) -> str:
        """The method, as followup_report publishes it, with an anchor on each status's row."""
        text = method_markdown(self.lang, level=1, math="mathml")
        for status in Status:
            label = i18n.progress_label(status.value, self.lang)
            row = f"\n| {label} |"
            if row in text:
                text = text.replace(row, f'\n| <span id="{status_anchor(status)}"></span>{label} |', 1)
        if any(True for _ in self.m.commitments()):
            commitments = present_commitments.method_markdown(self.lang, level=2)
            rule = present_commitments.goal_rule(self.lang)
            commitments = commitments.replace(rule, f'<span id="{JUDGEMENT_ANCHOR}"></span>{rule}', 1)
            text = text.rstrip("\n") + "\n\n" + commitments
        if not self.has_followup:
            return text.rstrip("\n") + "\n"
        back = f"[{esc(self.L['yearly_publications'])}]({rel(self.method, self.followup)})"
        return text.rstrip("\n") + "\n\n" + back + "\n"
