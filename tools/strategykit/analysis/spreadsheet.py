"""Text that a spreadsheet would run as a formula (CSV injection).

Spreadsheet programs read a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return before one) as a formula, and a formula can open links or, in older
programs, start commands. The site's CSV downloads prefix such a text cell with a single
quote, as OWASP advises, so it shows as written; ``strategy check`` warns about such text in
the sources (rules/spreadsheet.py). A number, negative ones included, is not text and stays as it is.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def formula_like(text: object) -> bool:
    """True for text a spreadsheet would read as a formula (but not for a number written as text)."""
    return isinstance(text, str) and text.startswith(FORMULA_STARTS) and not _NUMBER.match(text)


def neutralise(value: object) -> object:
    """``value`` as a CSV cell that a spreadsheet shows as text: a formula-like text gets a leading ``'``."""
    return "'" + value if formula_like(value) else value
