"""A target's words and its numbers agree: the year and the value written in the text are the target's."""

from __future__ import annotations

import re
from typing import Iterator

from strategykit.diagnostics import Severity
from strategykit.model import Strategy, Target
from strategykit.rules import Finding, rule
from strategykit.messages import _

_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\w])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")
_YEAR = re.compile(r"^(19|20|21)\d\d$")


def numbers_in(text: str, language: str) -> tuple[list[int], list[tuple[float, int]]]:
    """The years and the other numbers written in ``text``: (years, [(number, decimals written)]).

    '300 000' and '1,2' (Swedish) and '2,100' and '1.2' (English) are read as people write them;
    a four-digit whole number from 1900 to 2199 is a year.
    """
    years, values = [], []
    for m in _NUMBER.finditer(text):
        raw = re.sub(r"[ \u00a0\u202f]", "", m.group(0))
        grouped = raw != m.group(0)  # '2 100' or '2,100' is an amount, never a year
        if language == "en" and re.fullmatch(r"\d{1,3}(,\d{3})+", raw):
            raw, grouped = raw.replace(",", ""), True
        raw = raw.replace(",", ".")
        if _YEAR.match(raw) and not grouped:
            years.append(int(raw))
            continue
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        values.append((float(raw), decimals))
    return years, values


def _close(number: float, decimals: int, value: float) -> bool:
    """The number as written is the value, rounded; or the value in a unit a thousand or a
    million times larger (an indicator in 'tusen kronor' whose text says '900 000 kronor')."""
    return any(abs(number - value * scale) <= 0.5 * 10 ** -decimals + 1e-9 for scale in (1, 1_000, 1_000_000))


def _candidates(t: Target) -> list[float]:
    """The values the text may name: the target value (or its change or factor) and the milestones'."""
    out = []
    for v in [t.target, *t.milestones]:
        if v is None:
            continue
        out += [x for x in (v.value, v.change, v.factor, v.low, v.high) if x is not None]
        if v.change is not None:
            out.append(abs(v.change))
    return out


@rule("target-text-disagrees", severity=Severity.WARNING,
      fix=_("Make the numbers in the target's text and its 'target:' value and year the same; one of them is out of date."))
def target_text_disagrees(s: Strategy) -> Iterator[Finding]:
    """The numbers in a target's text agree with its value and year.

    Readers read the sentence; the follow-up reads `target:`. When the text says
    "75 procent år 2030" but the value is 70, or the year 2035, one of them is out of date.
    A warning is given when the text names years and none is the target year, or names
    numbers and none is the target value (as written, rounded to the decimals the text
    shows, or the change or factor of a target against a base year) or a milestone value.
    A number a thousand or a million times the value counts as the same (a unit in
    thousands): "900 000 kronor" for 900 in thousand kronor.
    """
    for g, t in s.targets():
        if not t.text or t.target is None:
            continue
        years, values = numbers_in(t.text, s.language)
        if t.target.year is not None and years and t.target.year not in years \
                and t.target.from_year not in years:  # a period's text may name its first year only
            shown = ", ".join(str(y) for y in years)
            yield Finding(_('The text of target "{id}" names {shown}, but its target year is {year}.',
                            id=t.id, shown=shown, year=t.target.year), t.path + ("text",))
        wanted = _candidates(t)
        if wanted and values and not any(_close(n, d, w) for n, d in values for w in wanted):
            shown = ", ".join(f"{n:.{d}f}" for n, d in values)
            value = next((x for x in (t.target.value, t.target.change, t.target.factor) if x is not None), None)
            if value is None and t.target.is_range:
                value = f"{format(t.target.low, '.12g')}–{format(t.target.high, '.12g')}"
            if value is not None:
                message = _('The text of target "{id}" names {shown}, but its target value is {value}.',
                            id=t.id, shown=shown, value=value if isinstance(value, str) else format(value, ".12g"))
            else:
                message = _('The text of target "{id}" names {shown}, but its milestones are {values}.',
                            id=t.id, shown=shown,
                            values=", ".join(format(m.value, ".12g") for m in t.milestones if m.value is not None))
            yield Finding(message, t.path + ("text",))
