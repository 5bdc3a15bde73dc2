"""The indicator pages: facts, the chart, its values and the follow-up calculations.

A part of the web edition's writer (``pages._Writer``): the methods use its model,
labels, locations and shared helpers (``self.m``, ``self.L``, ``self.status_link`` …).
"""

from __future__ import annotations

from html import escape as html_escape

from strategykit.model.providers import provider
from strategykit.model import Indicator, Observation
from strategykit.present import breakdowns as present_breakdowns, charts as present_charts, i18n, yearly as present_yearly
from strategykit.present.targets import goal_value as present_goal_value
from strategykit.present.followup import milestones_text
from strategykit.render.web import charts, htmlkit, texts
from strategykit.render.web.pagekit import esc, esc_block, rel, year_span


class IndicatorPages:
    def indicator(self, ind: Indicator) -> str:
        m, L = self.m, self.L
        page = self.indicator_page(ind)
        out = [f'<p class="sk-kicker">{html_escape(L["indicator"])}</p>', "", f"# {esc(ind.name)}", ""]
        if ind.definition:
            out += [esc_block(ind.definition), "{: .sk-lead }", ""]
        facts: list[tuple[str, str]] = [(L["unit"], esc(i18n.unit_label(ind.unit, self.lang)))]
        if ind.source:
            known = provider(ind.source.provider)
            url = ind.source.url or (known.page(ind.source.id) if known else None)
            named = f"[{esc(ind.source.provider)}]({url})" if url else esc(ind.source.provider)
            facts.append((L["source"], named))
            if ind.source.id:
                facts.append((L["provider_id"], f"`{ind.source.id}`" if "`" not in ind.source.id
                              else esc(ind.source.id)))
        if ind.breakdowns:
            facts.append((L["breakdowns"], esc(present_breakdowns.dimensions_text(m, ind, self.lang))))
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

        # The tables are generated HTML (``htmlkit``), which Python-Markdown passes by.
        h = htmlkit.text
        observations = m.observations.get(ind.id, ())
        decided_rows, any_ill = [], any(o.provenance.illustrative for o in observations)
        for g, t in pairs:
            label = t.id if not t.breakdown or t.breakdown == "total" else \
                f"{t.id} ({present_breakdowns.label(m, t.breakdown, self.lang)})"
            b = t.baseline
            if b and b.year is not None and b.value is not None:
                any_ill |= b.provenance.illustrative
                decided_rows.append([h(label), h(L["baseline"]), str(b.year),
                                     self.value(b.value, ind, illustrative=b.provenance.illustrative, unit=True)])
            for ms in t.milestones:
                if ms.year is not None and t.comparator is not None:  # a gap, not a level
                    decided_rows.append([h(label), h(L["milestone"]), str(ms.year), self.range_value(ms, ind, t=t)])
                elif ms.year is not None and ms.is_range:
                    decided_rows.append([h(label), h(L["milestone"]), str(ms.year), self.range_value(ms, ind)])
                elif ms.year is not None and ms.value is not None:
                    any_ill |= ms.illustrative
                    decided_rows.append([h(label), h(L["milestone"]), str(ms.year),
                                         self.value(ms.value, ind, illustrative=ms.illustrative, unit=True)])
            if t.target and t.target.year is not None and t.target.is_range:
                decided_rows.append([h(label), h(L["target_value"]), str(t.target.year),
                                     self.range_value(t.target, ind, t.range)])
            if t.target and t.target.year is not None and t.comparator is not None:
                decided_rows.append([h(label), h(L["target_value"]), str(t.target.year),
                                     self.range_value(t.target, ind, t=t)])
            elif t.target and t.target.year is not None and t.target.value is not None:
                any_ill |= t.target.illustrative
                decided_rows.append([h(label), h(L["target_value"]), str(t.target.year),
                                     self.value(t.target.value, ind, illustrative=t.target.illustrative, unit=True)])
        out += [f"## {esc(L['all_values'])}", ""]
        if not decided_rows and not observations:
            out += [esc_block(L["no_values"]), ""]
            return "\n".join(out)
        spec = self.chart(ind)
        out += self.progress_figure(ind, spec)
        if decided_rows:
            out += [f"### {esc(L['decided_values'])}", ""]
            out += [htmlkit.block(htmlkit.table([h(x) for x in (L["target"], L["kind"], L["year"], L["value"])], decided_rows,
                                                ["l", "l", "r", "r"], L["decided_values"])), ""]
        if spec is not None:
            out += [f"### {esc(L['values_per_year'])}", ""]
            out += [self.values_per_year(ind, spec, observations), ""]
        for bt in present_breakdowns.tables(m, ind, self.report.year if self.report is not None else None):
            any_ill |= bt.illustrative
            out += self.breakdown_table(ind, bt)
        for ct in present_breakdowns.cross_tables(m, ind, self.report.year if self.report is not None else None):
            any_ill |= ct.illustrative
            out += self.cross_table(ind, ct)
        if any_ill:
            out += [self.illustrative_note(), ""]

        assessed = [(t, self.progress[t.id]) for _, t in pairs if t.id in self.progress]
        if assessed:
            out += [f"## {esc(L['followup_calculation'])}", ""]
            for t, tp in assessed:
                # The heading stays Markdown (the contents and its anchor); the rest is one block of HTML: a
                # box that scrolls (a formula cannot wrap; on a phone the longest are wider than the page).
                html = [f'<p class="sk-meta">{h(self.status_heading())}: {self.status_link_html(page, tp.status)}</p>',
                        f'<div class="sk-calcs" role="region" tabindex="0" aria-label="{htmlkit.attr(L["calculation"] + " " + t.id)}">',
                        f"<p>{h(L['calculation'])}: {self.explanation_html(tp, ind)}</p>", "</div>"]
                milestones = milestones_text(tp, ind, self.lang)
                if milestones:
                    html.append(f"<p>{htmlkit.raw(milestones)}</p>")
                out += [f"### {esc(L['assessment_of'].format(target=t.id))} {{ #{self.target_slug(t.id)} }}", "",
                        htmlkit.block("\n".join(html)), ""]
            out += [f"{esc(L['followup_method_link'])} [{esc(L['progress_method'])}]({rel(page, self.method)}).", ""]
        return "\n".join(out)

    def range_value(self, gv, ind: Indicator, form: str | None = None, *, t=None) -> str:
        """A range as a decided value: 'mellan 60 och 70 %', both ends (not the low end alone); for a gap
        target (``t`` with a comparator) the gap allowed: 'gapet mot Riket högst 1,5 procentenheter'."""
        shown = present_goal_value(gv, ind, self.lang, range_form=form,
                                   comparator=getattr(t, "comparator", None))
        return htmlkit.text(shown.text) + (self.mark() if shown.illustrative else "") if shown is not None else "–"

    def values_per_year(self, ind: Indicator, spec, observations: tuple[Observation, ...]) -> str:
        """The chart's data, year by year (``ChartSpec.table_rows``), and where the observed values come from."""
        h = htmlkit.text
        rows = [[h(c.text) + (self.mark() if c.illustrative else "") for c in row] for row in spec.table_rows]
        out = htmlkit.block(htmlkit.table([h(x) for x in spec.table_header], rows, ["r"] * len(spec.table_header),
                                          self.L["values_per_year"]))
        breakdowns = [s.key for s in spec.observed]
        note = self.observation_sources(observations, breakdowns, breakdowns == ["total"])
        return out + ("\n\n" + note if note else "")

    def cross_table(self, ind: Indicator, ct: present_breakdowns.CrossTable) -> list[str]:
        """Two dimensions crossed (the women and men of each municipality) in one year: a row per value
        of one, a column per value of the other; a pair without a value that year shows a dash."""
        h = htmlkit.text
        rows = [[h(name)] + [(h(c.value_text) + (self.mark() if c.illustrative else "")) if c.value_text else "–"
                             for c in cells] for name, cells in ct.rows]
        return [f"### {esc(ct.title)}", "",
                htmlkit.block(htmlkit.table([h(x) for x in ct.header], rows, ["l"] + ["r"] * (len(ct.header) - 1),
                                            f"{ind.name}: {ct.title}")), "",
                esc_block(" ".join(x for x in (ct.caption, ct.sources) if x)), "{: .sk-small }", ""]

    def breakdown_table(self, ind: Indicator, bt: present_breakdowns.BreakdownTable) -> list[str]:
        """The latest value per municipality (age band …), highest first, each with a bar; the
        numbers are the table's own text, the bars only draw them."""
        texts = i18n.breakdown_texts(self.lang)
        h = htmlkit.text
        rows = [[h(r.label), h(r.value_text) + (self.mark() if r.illustrative else ""), str(r.year),
                 charts.bar_svg(r.share)] for r in bt.rows]
        out = [f"### {esc(bt.title)}", "",
               htmlkit.block(htmlkit.table([h(x) for x in (*bt.header, texts["bar"])], rows, ["l", "r", "r", "l"],
                                           f"{ind.name}: {bt.title}")), "",
               esc_block(" ".join(x for x in (bt.caption, bt.sources) if x)), "{: .sk-small }", ""]
        if bt.missing:
            out += [esc_block(texts["no_value"].format(names=", ".join(bt.missing))), "{: .sk-small }", ""]
        return out

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
        return p.source + i18n.retrieved_note(p.retrieved, self.lang)

    def chart(self, ind: Indicator):
        """The indicator's chart as ``present.charts`` decides it (None when there is nothing to draw)."""
        # Like the PDF: statuses only when the edition could assess a target at its date (present.yearly).
        if not present_yearly.shows_status(self.report):
            return present_charts.indicator_chart(self.m, ind, None, {})
        return present_charts.indicator_chart(self.m, ind, self.report, self.progress)

    def progress_figure(self, ind: Indicator, spec) -> list[str]:
        """The chart of observed values, needed paths and decided values, with its text alternative."""
        if spec is None:
            return []
        svg = charts.chart_svg(spec, f"chart-{self.indicator_slug[ind.id]}")
        return [htmlkit.block("\n".join(['<figure class="sk-chart">', svg,
                                          f"<figcaption>{html_escape(spec.caption)}</figcaption>", "</figure>"])), ""]

    def indicators_index(self) -> str:
        L, page = self.L, f"{self.i_dir}/index.md"
        out = [f"# {esc(L['indicators'])}", ""]
        h, rows = htmlkit.text, []
        for ind in self.m.indicators:
            used = ", ".join(f'<a href="{self.href(page, self.goal_link(g))}">{h(t.id)}</a>'
                             for g, t in self.m.targets_using(ind.id))
            src = h(ind.source.provider + (f" {ind.source.id}" if ind.source.id else "")) if ind.source else "–"
            rows.append([f'<a href="{self.href(page, self.indicator_page(ind))}">{h(ind.name)}</a>',
                         h(i18n.unit_label(ind.unit, self.lang)), src, used or "–"])
        out += [htmlkit.block(htmlkit.table([h(x) for x in (L["indicator"], L["unit"], L["source"], L["used_by"])],
                                            rows, ["l"] * 4, L["indicators"])), ""]
        out += [f"[{esc(L['downloads'])}: {esc(L['indicators_data'].rstrip('.').lower())}, CSV / JSON]"
                f"({rel(page, self.downloads)})", ""]
        return "\n".join(out)
