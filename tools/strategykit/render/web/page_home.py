"""The first page: the title, the vision, the path to the horizon, the priorities and key figures.

A part of the web edition's writer (``pages._Writer``): the methods use its model,
labels, locations and shared helpers (``self.m``, ``self.L``, ``self.status_link`` …).
"""

from __future__ import annotations

from html import escape as html_escape

from strategykit.present import cover as present_cover, i18n, roadmap as present_roadmap, status as present_status, yearly as present_yearly
from strategykit.render.web import htmlkit
from strategykit.render.web.pagekit import esc, esc_block, rel


class HomePage:
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
                                      f"{status} {m.edition.version}".strip(),
                                      i18n.format_date(m.edition.date, self.lang)) if x)
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
        out += [" ".join(buttons), ""]
        cover = present_cover.cover_image(m)
        if cover is not None:  # the hero's picture, as the PDF's cover has it under the tagline
            # Published beside the chapters, as all of strategy/'s files are (render/web/__init__.py).
            src = self.href(page, f"{self.c_dir}/{cover.path}")
            out += [f'<figure class="sk-cover"><img src="{html_escape(src)}" alt="{html_escape(cover.alt)}"></figure>', ""]
        out += ["</div>", ""]

        # Vision
        vision_heading = f"{L['vision']} {m.vision_horizon}" if m.vision_horizon else L["vision"]
        if m.vision_text:
            out += [f"## {esc(vision_heading)}", "", f'<p class="sk-vision">{html_escape(" ".join(m.vision_text.split()))}</p>', ""]

        out += self.roadmap_section(page)

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
            tbl, ill = self.targets_table(page, firsts, with_goal=True, label=L["targets_in_figures"])
            out += [tbl, ""]
            src = self.sources_note(firsts)
            if src:
                out += [src, ""]
            if ill:
                out += [self.illustrative_note(), ""]
        return "\n".join(out)

    def roadmap_section(self, page: str) -> list[str]:
        """The path to the horizon (``present.roadmap``): a row per priority, a column per year, and
        for narrower screens the same stops as a list by year (``roadmap_by_year``): the table scrolled
        sideways on a phone, which showed one year of it."""
        road = present_roadmap.roadmap(self.m, self.report if present_yearly.shows_status(self.report) else None)
        if road is None:
            return []
        L, h = self.L, htmlkit.text
        goals = {g.id: g for g in self.m.goals()}
        priorities = {p.id: p for p in self.m.priorities}
        rows = []
        for lane in road.lanes:
            p = priorities[lane.priority_id]
            row = [f'<a href="{self.href(page, self.priority_page(p))}">{h(p.id)} {h(p.title)}</a>']
            for stops in lane.stops:
                items = []
                for stop in stops:
                    icon, what = self.stop_marks(stop)
                    items.append(f'<span class="sk-stop">{icon}<a href="{self.href(page, self.goal_link(goals[stop.goal_id]))}">'
                                 f'{h(stop.target_id)}</a> {h(stop.value)}{self.mark() if stop.illustrative else ""} '
                                 f'<span class="sk-small">({h(what)})</span></span>')
                row.append("<br>".join(items) or "–")
            rows.append(row)
        # Either the table or the list is shown (strategy.css, by the screen's width), never both: the
        # other is display: none, so neither a screen reader nor the keyboard meets a stop twice.
        intro = html_escape(road.intro)
        if road.rows_sentence:  # said of the table's rows: shown with the table only
            rows_sentence = html_escape(road.rows_sentence)
            intro = intro.replace(rows_sentence, f'<span class="sk-roadmap__rows">{rows_sentence}</span>', 1)
        table = htmlkit.table([h(L["priority"])] + [str(y) for y in road.years], rows, ["l"] * (len(road.years) + 1),
                              road.title)
        out = [f"## {esc(road.title)}", "", f"<p>{intro}</p>", "",
               htmlkit.block(f'<div class="sk-roadmap__table">\n{table}\n</div>'), "",
               htmlkit.block(self.roadmap_by_year(page, road)), ""]
        if road.legend:
            keys = " ".join(f'<span class="sk-count">{present_status.icon_svg(b.shape, b.colour)}{html_escape(b.label)}</span>'
                            for b in road.legend)
            out += [f'<p class="sk-small sk-legend">{keys}</p>', ""]
        return out

    def stop_marks(self, stop) -> tuple[str, str]:
        """A stop's status icon (with its words for screen readers) and what it is ('etappmål', 'målvärde')."""
        icon = ""
        if stop.status is not None:
            icon = (present_status.icon_svg(stop.status.shape, stop.status.colour)
                    + f'<span class="sk-sr-only">{html_escape(stop.status.label)}: </span>')
        what = self.L["roadmap_milestone"] if stop.kind == "milestone" else self.L["target_value"].lower()
        return icon, what

    def roadmap_by_year(self, page: str, road) -> str:
        """The path to the horizon as a list, a year at a time and in it each priority with its stops:
        what a narrow screen shows instead of the table, read from top to bottom without scrolling sideways."""
        goals = {g.id: g for g in self.m.goals()}
        priorities = {p.id: p for p in self.m.priorities}
        years = []
        for i, year in enumerate(road.years):
            lanes = []
            for lane in road.lanes:
                stops = lane.stops[i]
                if not stops:
                    continue
                p = priorities[lane.priority_id]
                items = []
                for stop in stops:
                    icon, what = self.stop_marks(stop)
                    href = self.href(page, self.goal_link(goals[stop.goal_id]))
                    items.append(f'<li>{icon}<a href="{html_escape(href)}">{html_escape(stop.target_id)}</a> '
                                 f'{html_escape(stop.value)}{self.mark() if stop.illustrative else ""} '
                                 f'<span class="sk-small">({html_escape(what)})</span></li>')
                lanes.append(f'<li><a href="{html_escape(self.href(page, self.priority_page(p)))}">'
                             f'{html_escape(p.id)} {html_escape(p.title)}</a><ul>{"".join(items)}</ul></li>')
            years.append(f'<li><p class="sk-roadmap__year">{year}</p><ul>{"".join(lanes)}</ul></li>')
        return (f'<ol class="sk-roadmap__years" aria-label="{html_escape(road.title)}">'
                + "".join(years) + "</ol>")

    def card(self, title: str, text: str, agenda: tuple[str, ...]) -> list[str]:
        out = ['<div class="sk-card" markdown>', "", f"### {esc(title)}", ""]
        if text:
            out += [esc_block(text), ""]
        if agenda:
            out += [f"{esc(self.L['agenda2030'])}: {esc(', '.join(agenda))}", "{: .sk-meta }", ""]
        out += ["</div>", ""]
        return out
