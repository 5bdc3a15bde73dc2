"""The page of the frameworks' coverage: which parts of Agenda 2030 and the national strategy the
goals address, through which goals, and which they do not (``present.coverage`` decides it).

A part of the web edition's writer (``pages._Writer``).
"""

from __future__ import annotations

from strategykit.present import coverage
from strategykit.render.web.pagekit import esc


class FrameworkPages:
    def frameworks_page(self) -> str:
        body = coverage.coverage_markdown(self.m, level=2, link=self.subject_link(self.frameworks))
        return f"# {esc(self.L['frameworks'])}\n\n{body}"
