"""The pages of the priorities, their goals and targets, and of the chapters.

A part of the web edition's writer (``pages._Writer``): the methods use its model,
labels, locations and shared helpers (``self.m``, ``self.L``, ``self.status_link`` …).
"""

from __future__ import annotations

from html import escape as html_escape

from strategykit.present import commitments as present_commitments, consultation, crosscut, mdtext, status as present_status
from strategykit.model import Priority
from strategykit.render.web.pagekit import esc, esc_block, rel, table


class PriorityPages:
    def priority(self, p: Priority) -> str:
        m, L = self.m, self.L
        page = self.priority_page(p)
        # Without the site's navigation beside it, as a year's follow-up: with both sidebars a 1366 px
        # screen left the targets' five columns 688 px, where a target's words stood one or two a line
        # and the last column was cut off; the contents (its goals) stay on the right.
        out = ["---", "hide:", "  - navigation", "---", "",
               f'<p class="sk-kicker">{html_escape(L["priority"])} {html_escape(p.id)}</p>', "",
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
        any_ill = any_commitments = False
        persp = {ps.id: ps for ps in m.perspectives}
        priorities, goals = {q.id: q for q in m.priorities}, {g.id: g for g in m.goals()}
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
            also = crosscut.contributes_to(m, g)
            if also:
                meta.append(f"{esc(L['also_contributes_to'])}: " + ", ".join(
                    f"[{esc(e.priority_id)} {esc(e.title)}]({rel(page, self.priority_page(priorities[e.priority_id]))})"
                    for e in also))
            if meta:
                out += [" · ".join(meta), "{: .sk-meta }", ""]
            if g.targets:
                tbl, ill = self.targets_table(page, [(g, t) for t in g.targets], label=f"{g.id} {g.title}")
                any_ill |= ill
                out += [tbl, ""]
                src = self.sources_note([(g, t) for t in g.targets])
                if src:
                    out += [src, ""]
            shared = crosscut.shared_targets(m, g)
            if shared:
                # A target another goal holds: a short entry that links to it, never a copy of its row.
                out += [esc(L["shared_targets_lead"]), ""]
                out += [f"- [{esc(e.target_id)}]({rel(page, self.goal_link(goals[e.goal_id]))}) {esc(e.text)} "
                        f"({esc(L['shared_target_home'].format(goal=e.goal_id))})" for e in shared]
                out.append("")
            if g.commitments:
                judgement = present_commitments.edition_judgement(m, g)
                if judgement is not None:  # followed up by its commitments alone: their judgement, so labelled
                    any_ill |= judgement.illustrative
                    out += [f"{esc(L['goal_status'])}: {self.judgement_link(page, judgement)}", "{: .sk-meta }", ""]
                tbl, ill = self.commitments_table(page, g)
                any_ill |= ill
                any_commitments = True
                out += [tbl, ""]
            if self.compilation:
                line = consultation.goal_comments_markdown(m, g.id, self.comment_href(page))
                if line:
                    out += [line.rstrip("\n"), "{: .sk-comments }", ""]
        contributing = crosscut.contributing(m, p)
        if contributing:
            out += [f"## {esc(L['contributing_goals'])}", "", esc(L["contributing_goals_lead"]), ""]
            out += [f"- [{esc(e.goal_id)} {esc(e.title)}]({rel(page, self.goal_link(goals[e.goal_id]))})"
                    for e in contributing]
            out.append("")
        if any_commitments:
            out += [esc_block(present_commitments.scale_note(self.lang)), "{: .sk-small }", ""]
        if any_ill:
            out += [self.illustrative_note(), ""]
        return "\n".join(out)

    def commitments_table(self, page: str, g, shown=None) -> tuple[str, bool]:
        """The goal's commitments: what, its latest assessment (words, shape, colour), owners, reasoning.

        ``shown``: the rows to show (a yearly follow-up's, with the assessments up to its year);
        by default each commitment with its latest assessment.
        The assessment comes second, as a target's status does, so that it stays in view on a phone."""
        L = self.L
        rows, any_ill = [], False
        for r in shown if shown is not None else [present_commitments.commitment_row(self.m, c) for c in g.commitments]:
            owners = esc(", ".join(r.owners))
            if r.assessed_by:
                owners += f'<br><span class="sk-small">{esc(L["assessed_by"])}: {esc(r.assessed_by)}</span>'
            a = r.latest
            if a is None:
                b = present_commitments.not_assessed(self.lang)
                status = (f'<span class="sk-status sk-status--{b.code}">{present_status.icon_svg(b.shape, b.colour)}'
                          f'{html_escape(b.label)}</span>')
                reasoning = "–"
            else:
                any_ill |= a.illustrative
                b = a.status
                status = (f'<span class="sk-status sk-status--{b.code}">{present_status.icon_svg(b.shape, b.colour)}'
                          f'{html_escape(b.label)}</span> ({a.year}' + (self.mark() if a.illustrative else "") + ")")
                reasoning = esc(a.reasoning) + (f'<br><span class="sk-small">'
                                                f'{esc(present_commitments.assessed_line(a, self.lang))}</span>')
                if a.evidence:
                    links = ", ".join(f"[{esc(title)}]({url})" for title, url in a.evidence)
                    reasoning += f'<br><span class="sk-small">{esc(L["evidence"])}: {links}</span>'
            rows.append([f"**{esc(r.id)}** {esc(r.text)}", status, owners, reasoning])
        header = [L["commitment"], L["progress"], L["owners"], L["reasoning"]]
        return table([esc(h) for h in header], rows, ["l", "l", "l", "l"],
                     label=L["commitments_of_goal"].format(goal=f"{g.id} {g.title}")), any_ill

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

    def chapter(self, chapter) -> str:
        text = mdtext.keep_numbers_in_markdown(chapter.document.text) if chapter.document else ""
        page = self.chapter_page(chapter)
        links = [p for p in self.m.priorities if chapter in self.chapters_presenting.get(p.id, [])]
        if links:
            items = [f"[{esc(p.title)}]({rel(page, self.priority_page(p))})" for p in links]
            text = (text.rstrip("\n") + "\n\n" + f'<p class="sk-note" markdown><strong>'
                    f'{html_escape(self.L["goals_and_targets"])}:</strong> ' + ", ".join(items) + "</p>\n")
        # An empty front matter of our own: a chapter's own '---' block is then text of the page (the
        # article, which the sanitizer cleans), never MkDocs' page metadata, which the theme prints raw.
        return "---\n{}\n---\n\n" + text
