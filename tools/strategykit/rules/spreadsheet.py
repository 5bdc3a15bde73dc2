"""Rules on text that ends up in the site's CSV downloads."""

from __future__ import annotations

from typing import Iterator

from strategykit.diagnostics import Severity
from strategykit.messages import _
from strategykit.model import Strategy
from strategykit.analysis.spreadsheet import formula_like
from strategykit.rules import Finding, rule


def _message(where: str, text: str) -> str:
    shown = text.strip()[:40]
    first = text[:1].strip() or _("a tab")
    return _("{where} starts with '{first}' ('{shown}'), which a spreadsheet reads as a formula.",
             where=where, first=first, shown=shown)


@rule("formula-like-text", severity=Severity.WARNING,
      fix=_("Start the text with a word, e.g. 'Minus 3 procent' instead of '-3 procent', or 'Se …' instead of '=…'."))
def formula_like_text(s: Strategy) -> Iterator[Finding]:
    """Text that goes into the site's CSV downloads does not start like a spreadsheet formula.

    Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` as a formula; a
    formula can open links or fetch data when a reader opens the download. The site writes
    such a cell with a `'` in front, so it is shown and not run, but the text is then not
    what you wrote. A number (also a negative one) is not text and is not affected.

    FAIL: `source: =HYPERLINK("https://example.org")`  PASS: `source: SCB, BE0101A`
    """
    for ind in s.indicators:
        fields = {("name",): ind.name, ("unit",): ind.unit, ("definition",): ind.definition,
                  ("responsible",): ind.responsible, ("frequency",): ind.frequency}
        if ind.source is not None:
            fields.update({("source", "provider"): ind.source.provider, ("source", "id"): ind.source.id})
        for key, text in fields.items():
            if formula_like(text):
                yield Finding(_message(_("'{key}' of indicator '{id}'", key=".".join(key), id=ind.id), text), path=ind.path + key)
    for goal, t in s.targets():
        if formula_like(t.text):
            yield Finding(_message(_("The text of target '{id}'", id=t.id), t.text), path=t.path + ("text",))
        b = t.baseline
        if b is not None and formula_like(b.provenance.source):
            yield Finding(_message(_("The baseline's source of target '{id}'", id=t.id), b.provenance.source),
                          path=b.path + ("source",))
    for f in s.data_files:
        for row in f.rows:
            cell = row.cells.get("source")
            if cell is not None and formula_like(cell.text):
                yield Finding(_message(_("The source"), cell.text), position=row.at("source"))
