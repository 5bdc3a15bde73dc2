"""About the strategy: the edition, its history and process, downloads, accessibility.

A part of the web edition's writer (``pages._Writer``): the methods use its model,
labels, locations and shared helpers (``self.m``, ``self.L``, ``self.status_link`` …).
"""

from __future__ import annotations

import datetime as _dt
import re
from html import escape as html_escape

from strategykit.present import consultation, i18n, yearly as present_yearly
from strategykit.present.sections import made_on
from strategykit.render.web import texts
from strategykit.render.web.downloads import FILES as DOWNLOAD_FILES, file_name
from strategykit.render.web.pagekit import DATA_FOLDER, esc, esc_block, rel, table


class AboutPages:
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
            # Written as HTML (editions_html), so the address in the site, not the Markdown file's.
            if edition.version == self.m.edition.version:
                return self.href(page, self.info.pdf_name) if self.info.pdf_name else None
            if edition.version in self.info.earlier_pdfs:
                return self.href(page, self.info.earlier_pdfs[edition.version])
            # Only a web address: a path would have to be a file of this site, which the build cannot check.
            if edition.pdf and re.match(r"^https?://[^\s()<>]+$", edition.pdf):
                return edition.pdf
            return None
        rows = consultation.edition_rows(self.m, pdf_href=pdf_href,
                                         pdf_note=lambda e: self.info.earlier_notes.get(e.version))
        text = self.editions_html(rows)
        return text.rstrip("\n") + "\n\n" + self.yearly_list(page) if self.has_followup else text

    def editions_html(self, rows) -> str:
        """The history of editions, latest first: each edition a block of its own, its short facts side
        by side and its note under them across the block. A table of six columns gave the note a column
        of two or three words a line (rows 300 px tall at 1366 px, and a phone scrolled for the rest)."""
        w, L, h = i18n.process_labels(self.lang), self.L, html_escape
        out = [f"# {esc(w['history'])}", ""]
        if not rows:
            return "\n".join(out + [esc_block(w["no_history"])]) + "\n"
        out += [esc_block(w["history_intro"]), "", '<div class="sk-editions">']
        for r in rows:
            title = f"<strong>{h(r.version)}</strong>" + (f" ({h(w['current_edition'])})" if r.current else "")
            facts = [(L["status"], h(r.status)), (L["date"], h(r.date)), (L["decision"], h(r.decision)),
                     (w["pdf"], f'<a href="{h(r.pdf)}">{h(w["pdf"])}</a>' if r.pdf else "–")]
            note = " ".join(x for x in (h(r.note), f"{h(r.revision[0])}: <code>{h(r.revision[1])}</code>"
                                        if r.revision else "", h(r.extra)) if x)
            items = "".join(f"<div><dt>{h(k)}</dt><dd>{v}</dd></div>" for k, v in facts)
            if note:
                items += f'<div class="sk-edition__note"><dt>{h(w["note"])}</dt><dd>{note}</dd></div>'
            out.append(f'<section class="sk-edition" aria-label="{h(L["version"])} {h(r.version)}">'
                       f'<h2 class="sk-edition__title">{title}{self.mark() if r.illustrative else ""}</h2>'
                       f'<dl class="sk-edition__facts">{items}</dl></section>')
        out += ["</div>", ""]
        if any(r.illustrative for r in rows):
            out += [f"> {esc(w['illustrative_history'])}", ""]
        return "\n".join(out)

    def yearly_list(self, page: str) -> str:
        """The follow-up publications, latest first, each with its PDF: the history of editions names them too."""
        L = self.L
        out = [f"## {esc(L['yearly_publications'])}", "", esc_block(L["yearly_publications_intro"]), ""]
        for report in reversed(self.info.yearly):
            line = (f"- [{esc(present_yearly.title(self.m, report.year))}]"
                    f"({rel(page, present_yearly.page(self.m, report.year))})")
            if self.info.yearly_pdfs:
                line += (f" · [{esc(L['yearly_pdf'].format(year=report.year))}]"
                         f"({rel(page, present_yearly.pdf_path(self.m, report.year))})")
            out.append(line)
        return "\n".join(out) + "\n"

    def changes_page(self) -> str:
        page = self.changes
        return consultation.changes_markdown(self.m, self.info.changes, level=1, link=self.subject_link(page),
                                             comment_href=self.comment_href(page) if self.compilation else None)

    def downloads_page(self) -> str:
        L, page = self.L, self.downloads
        out = [f"# {esc(L['downloads'])}", ""]
        rows = []
        if self.info.pdf_name:
            rows.append([self.download(f"[{esc(self.info.pdf_name)}]({rel(page, self.info.pdf_name)})", L["pdf_data"]),
                         "PDF", self.size(self.info.pdf_name)])
        for name in DOWNLOAD_FILES:
            what = L[{"indicators": "indicators_data", "targets": "targets_data", "observations": "observations_data",
                      "followup": "followup_data"}[name.split(".")[0]]]
            shown = file_name(name, self.lang)
            rows.append([self.download(f"[{esc(shown)}]({rel(page, DATA_FOLDER + '/' + shown)})", what),
                         name.rsplit(".", 1)[1].upper(), self.size(name)])
        out += [table([L["file"], L["format"], L["size"]], rows, ["l", "l", "r"]), ""]
        if not self.info.pdf_name:
            out += [esc_block(L["pdf_not_built"]), ""]
        out += [esc_block(L["data_format_note"]), ""]
        if self.compilation or self.participation or self.history:
            out += [esc_block(L["process_data_note"]), ""]
        return "\n".join(out)

    @staticmethod
    def download(link: str, contents: str) -> str:
        """A file's cell: its link, and under it what it holds. Three columns fit a phone's screen
        where a fourth, the contents, was off to the side of the table's scroll box."""
        return f'{link}<br><span class="sk-file-contents">{esc(contents)}</span>'

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
                 (L["date"], esc(i18n.format_date(m.edition.date, self.lang))),
                 (L["decision"], esc(m.edition.decision) if m.edition.decision else esc(L["no_decision"]))]
        if m.publisher:
            facts.append((L["publisher"], esc(m.publisher)))
        if m.period_start and m.period_end:
            facts.append((L["period"], f"{m.period_start}–{m.period_end}"))
        facts.append((L["commit"], commit))
        made = made_on(m, _dt.date.fromisoformat(self.info.build_date))
        if made:
            facts.append((L["build_date"], esc(i18n.format_date(made, self.lang))))
        out += [f"## {esc(L['edition_facts'])}", ""]
        for k, v in facts:
            out += [esc(k), f":   {v}", ""]
        out += [f"## {esc(L['pdf_edition'])}", ""]
        if self.info.pdf_name:
            known = self.info.download_sizes.get(self.info.pdf_name) is not None
            size = f", {self.size(self.info.pdf_name)}" if known else ""
            out += [f"[{esc(L['read_pdf'])}]({rel(page, self.info.pdf_name)}) ({esc(self.info.pdf_name)}{size})", ""]
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
            digg_url=texts.DIGG_REPORT_URL, version=esc(m.edition.version), date=esc(i18n.format_date(m.edition.date, self.lang)),
            build_date=esc(i18n.format_date(self.info.build_date, self.lang)),
            contact=texts.contact_markdown(m.contact, self.lang, esc), pdf_tagged=esc(self.L["pdf_tagged"]))
