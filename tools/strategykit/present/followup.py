"""The follow-up in words: the method text, each status explained with its numbers, and the yearly report.

``followup`` computes; this module says it, in the strategy's language, for the
``strategy report`` command and for the editions (``method_markdown`` and
``explain_markdown`` are meant to be published as they are).
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from typing import Callable

from strategykit.present import breakdowns as present_breakdowns, commitments as present_commitments, i18n
from strategykit.present import coverage as present_coverage
from strategykit.present import equations as eq
from strategykit.present.equations import Equation
from strategykit.present.catalog import Texts, document, spoken
from strategykit.analysis.followup import (ACCELERATION_RATIO, MAINTAIN_TOLERANCE, ON_TRACK_RATIO, FollowUp, Status, TargetProgress)
from strategykit.model import Indicator, Observation, Strategy

# --- the method -----------------------------------------------------------------
# The method is a document per language (locale/<lang>/documents/followup-method.md, see
# present.catalog.document); its {fields} are the status names and limits filled in below.


@dataclass(frozen=True)
class Formula:
    """A formula of the method, written once for each edition's way of typesetting it:
    Typst math for the PDF, MathML for the web (no script, nothing from the network), and plain
    text for the text report and as the PDF's alternative text."""

    name: str
    typst: str
    mathml: str
    text: str


def _mi(x: str) -> str:
    return f"<mi>{x}</mi>"


def _sub(base: str, index: str) -> str:
    tag = "mn" if index.isdigit() else "mi"
    return f"<msub><mi>{base}</mi><{tag}>{index}</{tag}></msub>"


def _row(*parts: str) -> str:
    return "<mrow>" + "".join(parts) + "</mrow>"


def _mo(op: str) -> str:
    return f"<mo>{op}</mo>"


def _fence(op: str) -> str:
    """A parenthesis that grows with the fraction it holds."""
    return f'<mo fence="true" stretchy="true" symmetric="true">{op}</mo>'


def _frac(num: str, den: str) -> str:
    return f"<mfrac>{num}{den}</mfrac>"


def _rate(name: str, top: str, year: str) -> str:
    """r = (top / x0)^(1 / (year − t0)) − 1, as MathML."""
    return _row(_sub("r", name), _mo("="),
                f"<msup>{_row(_fence('('), _frac(top, _sub('x', '0')), _fence(')'))}"
                f"{_frac('<mn>1</mn>', _row(_mi(year), _mo('−'), _sub('t', '0')))}</msup>",
                _mo("−"), "<mn>1</mn>")


def _linear(name: str, top: str, year: str) -> str:
    return _row(_sub("r", name), _mo("="), _frac(_row(top, _mo("−"), _sub("x", "0")),
                                                 _row(_mi(year), _mo("−"), _sub("t", "0"))))


def _math(*rows: str) -> str:
    """Block MathML, one equation per row (a table keeps the equals signs under each other)."""
    # displaystyle: a table's cells are set small by default, which would shrink every fraction.
    table = "".join(f'<mtr><mtd><mstyle displaystyle="true">{r}</mstyle></mtd></mtr>' for r in rows)
    return f'<math display="block"><mtable columnalign="left">{table}</mtable></math>'


FORMULAS = {
    "rates": Formula(
        "rates",
        typst=("r_a &= (x_t / x_0)^(1 / (t - t_0)) - 1 \\ "
               "r_n &= (X / x_0)^(1 / (T - t_0)) - 1 \\ "
               "R &= d dot.op r_a / abs(r_n)"),
        mathml=_math(_rate("a", _sub("x", "t"), "t"), _rate("n", _mi("X"), "T"),
                     _row(_mi("R"), _mo("="), _mi("d"), _mo("·"),
                          _frac(_sub("r", "a"), _row(_mo("|"), _sub("r", "n"), _mo("|"))))),
        text=("r_a = (xt / x0)^(1 / (t − t0)) − 1\n"
              "r_n = (X / x0)^(1 / (T − t0)) − 1\n"
              "R   = d · r_a / |r_n|")),
    "linear": Formula(
        "linear",
        typst="r_a &= (x_t - x_0) / (t - t_0) \\ r_n &= (X - x_0) / (T - t_0)",
        mathml=_math(_linear("a", _sub("x", "t"), "t"), _linear("n", _mi("X"), "T")),
        text="r_a = (xt − x0) / (t − t0)\nr_n = (X − x0) / (T − t0)"),
}
"""The method's formulas, by the name its text places them with (``@@formula:name@@``)."""

_PLACE = re.compile(r"^@@formula:([a-z]+)@@$", re.M)


def _ratio_text(value: float, language: str) -> str:
    return i18n.format_number(value, language, 2)


def method_parts(language: str = "sv", level: int = 2) -> list[str | Formula]:
    """The method as Markdown pieces with its formulas between them, for an edition that
    typesets the formulas itself (the PDF's Typst math)."""
    text = _method_text(language, level)
    parts: list[str | Formula] = []
    at = 0
    for m in _PLACE.finditer(text):
        parts += [text[at:m.start()], FORMULAS[m.group(1)]]
        at = m.end()
    parts.append(text[at:])
    return parts


_CODE = re.compile(r"`([^`\n]+)`")


def method_formula(code: str) -> Equation:
    """A short formula the method's prose writes as a code span (such as xt ≥ X), for an edition
    that typesets it: Typst math in the PDF, MathML on the web."""
    return eq.inline(code)


def method_markdown(language: str = "sv", level: int = 2, *, math: str = "text") -> str:
    """The method, with its formulas and thresholds, as Markdown to publish (heading at ``level``).

    ``math``: ``"mathml"`` writes each formula as MathML (the web), ``"text"`` as a text block
    (the ``strategy report`` command)."""
    out = []
    for part in method_parts(language, level):
        if isinstance(part, str):
            out.append(_CODE.sub(lambda m: method_formula(m.group(1)).mathml, part) if math == "mathml" else part)
        elif math == "mathml":
            out.append(f'<div class="sk-formula">{part.mathml}</div>')
        else:
            out.append(f"```text\n{part.text}\n```")
    text = "".join(out)
    if math == "mathml":
        # A line that opens with <math> starts a block of HTML for Markdown: in a list item that ended the
        # list ('Särskilda fall' lost every item after its first). A formula inside a line stays inline.
        text = _MATH_AT_LINE_START.sub(" ", text)
    return text


_MATH_AT_LINE_START = re.compile(r"(?<=\S)\n[ \t]*(?=<math\b)")


def _method_text(language: str, level: int) -> str:
    language = spoken(language)
    name = {s: i18n.progress_label(s.value, language) for s in Status}
    order = " < ".join(name[s].lower() for s in Status if s.has_data)
    return document("followup-method", language).format(
        h="#" * level,
        achieved=name[Status.ACHIEVED], on_track=name[Status.ON_TRACK],
        acceleration=name[Status.ACCELERATION_NEEDED], limited=name[Status.LIMITED_PROGRESS],
        moving_away=name[Status.MOVING_AWAY], no_data=name[Status.NO_DATA],
        achieved_lc=name[Status.ACHIEVED].lower(), on_track_lc=name[Status.ON_TRACK].lower(),
        moving_away_lc=name[Status.MOVING_AWAY].lower(), no_data_lc=name[Status.NO_DATA].lower(),
        acceleration_lc=name[Status.ACCELERATION_NEEDED].lower(), limited_lc=name[Status.LIMITED_PROGRESS].lower(),
        on=_ratio_text(ON_TRACK_RATIO, language), acc=_ratio_text(ACCELERATION_RATIO, language),
        tol=i18n.format_number(MAINTAIN_TOLERANCE * 100, language, 0) + "\u00a0%", order=order,
    )


# --- one target explained ---------------------------------------------------------

def _value(o: Observation | None, ind: Indicator | None, language: str, *, mark: bool = True) -> str:
    if o is None or o.value is None:
        return "–"
    if mark:
        return i18n.format_observed(o, ind, language)
    return i18n.format_value(o.value, ind.unit if ind else "", language, ind.decimals if ind else None)


def _num(value: float, language: str, decimals: int | None = None) -> str:
    return i18n.format_number(value, language, decimals)


def _pct(rate: float, language: str) -> str:
    return i18n.format_number(rate * 100, language, 2) + "\u00a0%"


_REASONS = Texts("followup_reasons", {
    "no-target": "The target has no target value or target year.",
    "no-baseline": "The target has no baseline and there are no observed values.",
    "target-year-not-after-baseline": "The target year is not after the baseline year.",
    "no-observation": "There is no observed value after the baseline year {year} yet.",
    "no-observation-in-period": "There is no observed value in the period yet.",
    "period-inverted": "The period's last year comes before its first.",
    "no-comparator-baseline": "The gap at the baseline is not known: the comparator has no value for the baseline year.",
    "gap-no-direction": "The target does not say whether the value should increase or decrease, so no gap can be measured.",
})


@dataclass(frozen=True)
class Explanation:
    """How one target's status follows from its numbers: the calculation as plain text and
    equations (``present.equations``), then the status it gives. Each edition typesets the
    equations its own way (Typst math in the PDF, MathML on the web, plain text in the report)."""

    calculation: tuple[str | Equation, ...]
    status: str
    """The status's label."""
    suffix: str = ""
    """' (based on illustrative values)' when the status rests on invented values."""

    def text(self) -> str:
        """The calculation as plain text, equations written out: '… R = +1 · r_a / |r_n| = 1,17'."""
        return "".join(p if isinstance(p, str) else p.text for p in self.calculation)

    def result(self) -> str:
        return self.status + self.suffix

    def markdown(self) -> str:
        """As Markdown (the report), each equation as escaped plain text; the web writes HTML with MathML
        (``render.web.page_followup.explanation_html``)."""
        out = [_md(p) if isinstance(p, str) else p.text.replace("*", "\\*") for p in self.calculation]
        return f"{''.join(out)} → **{self.status}**{self.suffix}"


def _md(text: str) -> str:
    """Plain text made safe as Markdown: the illustrative mark and the like are not emphasis."""
    return re.sub(r"([\\`*_\[\]<])", r"\\\1", text)


_EXPLAIN = Texts("followup_explanation", {
    "maintain": "The target is to maintain {level}. The latest value {latest} ({year}) lies {where} the band "
                "{low}–{high} (±{percent}\u00a0% of the target value)",
    "inside": "inside",
    "outside": "outside",
    "bound_met": "The latest value {latest} ({year}) meets the bound {bound}",
    "bound_lost": "The latest value {latest} ({year}) no longer meets the bound {bound}, which the baseline "
                  "{baseline} ({baseline_year}) met",
    "bound_rate": "The bound {bound} is not met ({latest}, {year}); the rate towards it: {r_a}; {r_n}; {R}",
    "rates": "{r_a}; {r_n}; {R}",
    "reached": "The latest value {latest} ({year}) has reached the target value {target}",
    "baseline_lost": "The target value equalled the baseline, and the latest value no longer meets it ({r_a})",
    "sum_reached": "The sum so far, {sum}, has reached the total {total} ({period})",
    "sum_rate": "The sum so far {S}; the even share of the total for the years with a value {N} (of {total}, "
                "{period}); {R}",
    "years_met": "{met} of {n} years with a value in {period} met {bound} a year ({S})",
    "range_where": "The latest value {latest} ({year}) lies {where} the target {span} ({target_year})",
    "range_rate": "The latest value {latest} ({year}) lies outside the target {span} ({target_year}); the rate "
                  "towards {near}: {R}",
    "gap_pair": "{value} against {name} {theirs}",
    "gap": "The gap with {name} in {baseline_year}: {baseline_gap} ({baseline_pair}); in {year}: {gap} ({pair}); "
           "the target: at most {allowed} in {target_year}",
    "gap_rate": "{gap}; {r_a}; {r_n}; {R}",
})
"""How a target's status follows from its numbers, sentence by sentence (``explanation``): a field that
is an equation becomes a part of its own, typeset by each edition."""


def _worded(key: str, language: str, **fields: str | int | Equation) -> tuple[str | Equation, ...]:
    """The sentence ``key`` in ``language`` with its fields filled in: text into the text, each equation
    as a part of its own between the text before and after it."""
    parts: list[str | Equation] = []
    text = ""
    formatter = string.Formatter()
    for literal, name, spec, conversion in formatter.parse(_EXPLAIN.of(language)[key]):
        text += literal
        if name is None:
            continue
        value = fields[name]
        if isinstance(value, Equation):
            parts += [text, value]
            text = ""
        else:
            text += formatter.format_field(formatter.convert_field(value, conversion), spec or "")
    return tuple(p for p in (*parts, text) if p != "")


def explain_markdown(progress: TargetProgress, indicator: Indicator | None, language: str = "sv") -> str:
    """How one target's status follows from its numbers, in one paragraph a reader can recompute."""
    return explanation(progress, indicator, language).markdown()


def explanation(progress: TargetProgress, indicator: Indicator | None, language: str = "sv") -> Explanation:
    """How one target's status follows from its numbers (see ``Explanation``)."""
    language = spoken(language)
    a = progress.assessment
    status = i18n.progress_label(a.status.value, language)
    b, latest = progress.baseline, progress.latest
    if a.reason:
        return Explanation((_REASONS.of(language)[a.reason].format(year=b.year if b else ""),), status)
    if a.form is not None:
        return _explain_form(progress, indicator, language, status)
    assert b is not None and latest is not None and b.value is not None and latest.value is not None
    x0, t0, xt, t = b.value, b.year, latest.value, latest.year
    X, T = progress.target_value, progress.target_year
    dec = indicator.decimals if indicator else None
    # A status computed from invented values is no statistic either: say so where it is shown.
    suffix = f" ({i18n.labels(language)['illustrative_status']})" if progress.illustrative else ""
    mark = i18n.labels(language)["illustrative_mark"]

    def said(key: str, **fields: str | int | Equation) -> Explanation:
        return Explanation(_worded(key, language, **fields), status, suffix)

    def num(value: float, observation=None) -> str:
        text = _num(value, language, dec)
        return text + mark if observation is not None and observation.provenance.illustrative else text

    # The target value as the goal tables show it: marked when no decision set it.
    target = "" if X is None else _num(X, language, dec) + (mark if progress.target_illustrative else "")

    if a.method == "maintain":
        # Prose, not a formula: the values with their unit, as the tables show them, and the band
        # said as the chart says it (±2 % of the target value, not percentage points).
        unit = indicator.unit if indicator else ""

        def shown(value: float, observation=None, marked: bool = False) -> str:
            text = i18n.format_value(value, unit, language, dec)
            illustrative = marked or (observation is not None and observation.provenance.illustrative)
            return text + mark if illustrative else text

        band = MAINTAIN_TOLERANCE * abs(X)
        lo, hi = shown(X - band), shown(X + band)
        inside = abs(xt - X) <= band
        pct = _num(MAINTAIN_TOLERANCE * 100, language, 0)
        level = shown(X, marked=progress.target_illustrative)
        where = _EXPLAIN.of(language)["inside" if inside else "outside"]
        return said("maintain", level=level, latest=shown(xt, latest), year=t, where=where, low=lo, high=hi,
                    percent=pct)
    d = "+1" if a.direction == "increase" else "−1"
    bound = ""
    if a.threshold:
        bound = i18n.with_threshold(target, a.threshold, language)
        if a.status is Status.ACHIEVED:
            return said("bound_met", latest=num(xt, latest), year=t, bound=bound)
        if a.ratio is None:
            return said("bound_lost", latest=num(xt, latest), year=t, bound=bound, baseline=num(x0, b),
                        baseline_year=t0)
    r_a, r_n, one = eq.Sym("r", "a"), eq.Sym("r", "n"), eq.Num("1")
    if a.method == "linear":
        ra = eq.equation(r_a, eq.Op("="), eq.Frac(eq.Row((eq.Num(num(xt, latest)), eq.Op("−"), eq.Num(num(x0, b)))),
                                                  eq.Row((eq.Num(str(t)), eq.Op("−"), eq.Num(str(t0))))),
                         eq.Op("="), eq.Num(_num(a.actual_rate, language, 3)))
        rn = eq.equation(r_n, eq.Op("="), eq.Frac(eq.Row((eq.Num(target), eq.Op("−"),
                                                          eq.Num(num(x0, b)))),
                                                  eq.Row((eq.Num(str(T)), eq.Op("−"), eq.Num(str(t0))))),
                         eq.Op("="), eq.Num(_num(a.required_rate, language, 3)))
    else:
        def growth(name, top: str, years: int, rate: float) -> Equation:
            ratio = eq.Paren(eq.Frac(eq.Num(top), eq.Num(num(x0, b))))
            return eq.equation(name, eq.Op("="), eq.Pow(ratio, eq.Frac(one, eq.Num(str(years)))), eq.Op("−"), one,
                               eq.Op("="), eq.Num(_pct(rate, language)))
        ra = growth(r_a, num(xt, latest), t - t0, a.actual_rate)
        rn = growth(r_n, target, T - t0, a.required_rate)
    if a.status is Status.ACHIEVED:
        return said("reached", latest=num(xt, latest), year=t, target=target)
    if a.ratio is None:
        return said("baseline_lost", r_a=ra)
    ratio = eq.equation(eq.Sym("R"), eq.Op("="), eq.Num(d), eq.Op("·"), eq.Frac(r_a, eq.Abs(r_n)),
                        eq.Op("="), eq.Num(_ratio_text(a.ratio, language)))
    if bound:
        return said("bound_rate", bound=bound, latest=num(xt, latest), year=t, r_a=ra, r_n=rn, R=ratio)
    return said("rates", r_a=ra, r_n=rn, R=ratio)


def _explain_form(progress: TargetProgress, indicator: Indicator | None, language: str, status: str) -> Explanation:
    """How the status of a range or a flow follows from its numbers."""
    a, gv, latest = progress.assessment, progress.goal_value, progress.latest
    dec = indicator.decimals if indicator else None
    unit = indicator.unit if indicator else ""
    suffix = f" ({i18n.labels(language)['illustrative_status']})" if progress.illustrative else ""

    def said(key: str, **fields: str | int | Equation) -> Explanation:
        return Explanation(_worded(key, language, **fields), status, suffix)

    def num(v: float) -> str:
        return i18n.format_value(v, unit, language, dec)

    def value(name: str, shown: str) -> Equation:
        return eq.equation(eq.Sym(name), eq.Op("="), eq.Num(shown))

    if a.form == "gap":
        return _explain_gap(progress, indicator, language, status, suffix)
    if a.form == "cumulative":
        so_far, needed = a.actual_rate, a.required_rate
        if a.status is Status.ACHIEVED:
            return said("sum_reached", sum=num(so_far), total=num(gv.value), period=gv.period)
        ratio = "–" if a.ratio is None else _ratio_text(a.ratio, language)
        r = eq.equation(eq.Sym("R"), eq.Op("="), eq.Frac(eq.Sym("S"), eq.Sym("N")), eq.Op("="), eq.Num(ratio))
        return said("sum_rate", S=value("S", num(so_far)), N=value("N", num(needed)), total=num(gv.value),
                    period=gv.period, R=r)
    if a.form == "yearly":
        bound = i18n.with_threshold(num(gv.value), a.threshold, language)
        met, n = int(a.actual_rate), int(a.required_rate)
        return said("years_met", met=met, n=n, period=gv.period, bound=bound,
                    S=value("S", _ratio_text(a.ratio, language)))
    # a range to reach or to stay within
    b = progress.baseline
    span = i18n.range_wording(num(gv.low), num(gv.high), a.form, language)
    xt, t = num(latest.value), latest.year
    inside = gv.low <= latest.value <= gv.high
    if inside or a.ratio is None:
        where = _EXPLAIN.of(language)["inside" if inside else "outside"]
        return said("range_where", latest=xt, year=t, where=where, span=span, target_year=gv.year)
    near = gv.low if b.value < gv.low else gv.high
    return said("range_rate", latest=xt, year=t, span=span, target_year=gv.year, near=num(near),
                R=value("R", _ratio_text(a.ratio, language)))


def _explain_gap(progress: TargetProgress, indicator: Indicator | None, language: str, status: str,
                 suffix: str) -> Explanation:
    """How a gap target's status follows from the region's and the comparator's values."""
    a, b, latest = progress.assessment, progress.baseline, progress.latest
    unit, dec = (indicator.unit, indicator.decimals) if indicator else ("", None)
    name = progress.comparator.name or progress.comparator.series
    theirs = {o.year: o for o in progress.comparator_series}
    mark = i18n.labels(language)["illustrative_mark"]

    def said(key: str, **fields: str | int | Equation) -> Explanation:
        return Explanation(_worded(key, language, **fields), status, suffix)

    def num(o) -> str:
        text = i18n.format_value(o.value, unit, language, dec)
        return text + mark if o.provenance.illustrative else text

    def gap(v: float) -> str:
        return i18n.gap_value(v, unit, language, dec)

    # A target for one breakdown is compared with the comparator's values of the same breakdown: said once.
    part = present_breakdowns.label(None, progress.breakdown, language)

    def pair(o) -> str:
        c = theirs.get(o.year)
        return (f"{part}: " if part else "") + _EXPLAIN.of(language)["gap_pair"].format(
            value=num(o), name=name, theirs=num(c) if c is not None else "–")

    g0, gt, allowed, T = progress.baseline_gap, progress.latest_gap, progress.target_value, progress.target_year
    head = _EXPLAIN.of(language)["gap"].format(name=name, baseline_year=b.year, baseline_gap=gap(g0),
                                                baseline_pair=pair(b), year=latest.year, gap=gap(gt),
                                                pair=pair(latest), allowed=gap(allowed), target_year=T)
    if a.status is Status.ACHIEVED or a.ratio is None:
        return Explanation((head,), status, suffix)
    r_a, r_n = eq.Sym("r", "a"), eq.Sym("r", "n")

    def rate(name, top: float, years: tuple[int, int], shown: float) -> Equation:
        return eq.equation(name, eq.Op("="), eq.Frac(eq.Row((eq.Num(_num(top, language, 3)), eq.Op("−"),
                                                             eq.Num(_num(g0, language, 3)))),
                                                     eq.Row((eq.Num(str(years[0])), eq.Op("−"), eq.Num(str(years[1]))))),
                           eq.Op("="), eq.Num(_num(shown, language, 3)))
    ra = rate(r_a, gt, (latest.year, b.year), a.actual_rate)
    rn = rate(r_n, allowed, (T, b.year), a.required_rate)
    # The gap should shrink: the same sign as a target to decrease (R = −1 · r_a / |r_n|).
    ratio = eq.equation(eq.Sym("R"), eq.Op("="), eq.Num("−1"), eq.Op("·"), eq.Frac(r_a, eq.Abs(r_n)),
                        eq.Op("="), eq.Num(_ratio_text(a.ratio, language)))
    return said("gap_rate", gap=head, r_a=ra, r_n=rn, R=ratio)


_MILESTONE = Texts("followup_milestone", {
    "met": "met",
    "missed": "missed",
    "lead": "Milestones",
    "warning": "Note: the latest milestone ({year}) was missed, despite the assessment {status}.",
})


def milestones_markdown(progress: TargetProgress, indicator: Indicator | None, language: str = "sv") -> str:
    """``milestones_text`` as Markdown (the illustrative mark escaped)."""
    return milestones_text(progress, indicator, language).replace("*", "\\*")


def milestones_text(progress: TargetProgress, indicator: Indicator | None, language: str = "sv") -> str:
    """The milestones whose year has data, each met or missed with the value observed; '' when none has.

    A target whose status reads well (on track, achieved) while its latest assessed
    milestone was missed gets a warning first, so that no edition shows one without the other.
    """
    language = spoken(language)
    if not progress.milestones:
        return ""
    words = _MILESTONE.of(language)
    unit = indicator.unit if indicator else ""
    dec = indicator.decimals if indicator else None
    parts = []
    for m in progress.milestones:
        if m.gap is not None:  # a gap target: the gap allowed, and the gap of the year
            name = progress.comparator.name or progress.comparator.series
            goal = i18n.gap_wording(i18n.gap_value(m.value, unit, language, dec), None, name, language)
            seen = i18n.gap_label(name, language) + " " + i18n.gap_value(m.gap, unit, language, dec) + (
                i18n.labels(language)["illustrative_mark"] if m.observed.provenance.illustrative else "")
            parts.append(f"{m.year} ({goal}) {words['met' if m.met else 'missed']}: {seen}")
            continue
        goal = (i18n.format_value(m.value, unit, language, dec) if m.high is None else
                i18n.range_wording(i18n.format_value(m.value, unit, language, dec),
                                   i18n.format_value(m.high, unit, language, dec), None, language))
        seen = _value(m.observed, indicator, language)
        parts.append(f"{m.year} ({goal}) {words['met' if m.met else 'missed']}: {seen}")
    text = f"{words['lead']}: " + "; ".join(parts) + "."
    missed = progress.missed_milestone
    if missed is not None and progress.status in (Status.ON_TRACK, Status.ACHIEVED):
        status = i18n.progress_label(progress.status.value, language).lower()
        text = words["warning"].format(year=missed.year, status=status) + " " + text
    return text


# --- the yearly report --------------------------------------------------------------

def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _with_year(o: Observation | None, ind: Indicator | None, language: str) -> str:
    if o is None or o.value is None:
        return "–"
    return f"{_value(o, ind, language)} ({o.period})"


def _target_value(p: TargetProgress, ind: Indicator | None, language: str) -> str:
    gv, form = p.goal_value, p.assessment.form
    if p.comparator is not None and gv is not None:
        unit, dec = (ind.unit if ind else ""), (ind.decimals if ind else None)
        text = i18n.gap_wording(i18n.gap_value(gv.value, unit, language, dec) if gv.value is not None else "", gv,
                                p.comparator.name or p.comparator.series, language)
        if p.target_illustrative:
            text += i18n.labels(language)["illustrative_mark"]
        return f"{text} ({gv.year})" if gv.year is not None else text
    if gv is not None and (gv.is_range or (form in ("yearly", "cumulative") and gv.value is not None)):
        unit, dec = (ind.unit if ind else ""), (ind.decimals if ind else None)
        if gv.is_range:
            text = i18n.range_wording(i18n.format_value(gv.low, unit, language, dec),
                                      i18n.format_value(gv.high, unit, language, dec), form, language)
        else:
            text = i18n.with_threshold(i18n.with_flow(i18n.format_value(gv.value, unit, language, dec), gv, form,
                                                      language), p.assessment.threshold, language)
        if p.target_illustrative:
            text += i18n.labels(language)["illustrative_mark"]
        return text if form in ("yearly", "cumulative") else f"{text} ({gv.year})"
    if p.target_value is None:
        wording = i18n.relative_wording(p.goal_value, language)
        return f"{wording} ({p.goal_value.year})" if wording else "–"
    text = i18n.format_value(p.target_value, ind.unit if ind else "", language, ind.decimals if ind else None)
    if p.target_illustrative:
        text += i18n.labels(language)["illustrative_mark"]
    text = i18n.with_relative(text, p.goal_value, language)
    text = i18n.with_threshold(text, p.assessment.threshold, language)
    return f"{text} ({p.target_year})" if p.target_year else text


def _uses_illustrative(report: FollowUp) -> bool:
    return any(p.illustrative or p.target_illustrative or any(o.provenance.illustrative for o in p.by_breakdown.values())
               for p in report.targets())


def _illustrative_assessments(strategy: Strategy) -> bool:
    return any(a.illustrative for _, c in strategy.commitments() for a in c.assessments)


def _gender(p: TargetProgress) -> bool:
    return "women" in p.by_breakdown or "men" in p.by_breakdown


def _judgement_words(gp, language: str) -> str:
    """'Försenat (bedömning av åtagandena, 1 av 2 bedömda)', marked when an assessment it counts is invented."""
    view = present_commitments.goal_judgement(gp.judgement, language)
    mark = i18n.labels(language)["illustrative_mark"] if view.illustrative else ""
    return f"{view.label}{mark} ({view.note})"


def _judgement_data(gp, language: str) -> dict | None:
    j = gp.judgement
    if j is None:
        return None
    view = present_commitments.goal_judgement(j, language)
    return {"followed_up_by": "judgement", "status": j.status, "status_label": view.label,
            "assessed": j.assessed, "commitments": [{"id": c.commitment_id, "year": c.year, "status": c.status}
                                                    for c in j.commitments],
            "illustrative": j.illustrative}


def change_states(change, language: str) -> tuple[str, str]:
    """The two sides of a change since the previous year in words: measured statuses, or the
    judgements of a goal followed up by its commitments alone ('Pågår enligt plan', 'Försenat')."""
    if change.kind == "judgement":
        def words(status: str | None) -> str:
            return i18n.commitment_status_label(status, language) if status else i18n.labels(language)["not_assessed"]
        return words(change.before), words(change.after)
    return i18n.progress_label(change.before.value, language), i18n.progress_label(change.after.value, language)


def change_line(change, strategy: Strategy, language: str) -> str:
    """'Delmål P1.1.a: I rätt takt → Går åt fel håll (sämre)'; a judgement says it is one."""
    L = i18n.labels_for(strategy, language)
    word = L["target"] if change.kind == "target" else L["goal"]
    before, after = change_states(change, language)
    what = f" ({L['goal_judgement']})" if change.kind == "judgement" else ""
    verdict = {True: f" ({L['improved']})", False: f" ({L['worsened']})", None: ""}[change.improved]
    return f"{word} {change.id}{what}: {before} → {after}{verdict}"


_change_line = change_line


def _commitments_markdown(goal, strategy: Strategy, language: str, until: int | None = None) -> list[str]:
    """The goal's commitments as a table (lines), labelled as followed up by judgement."""
    if not goal.commitments:
        return []
    L = i18n.labels_for(strategy, language)
    mark = i18n.labels(language)["illustrative_mark"]
    out = [f"| {L['commitment']} | {L['owners']} | {L['progress']} | {L['reasoning']} |", "|---|---|---|---|"]
    for c in goal.commitments:
        r = present_commitments.commitment_row(strategy, c, until)
        a = r.latest
        status = (f"{a.status.label} ({a.year}{mark if a.illustrative else ''})" if a else L["not_assessed"])
        why = "–"
        if a:
            why = f"{a.reasoning} {present_commitments.assessed_line(a, language)}."
            if a.evidence:
                why += f" {L['evidence']}: " + ", ".join(f"[{t}]({u})" for t, u in a.evidence)
        owners = ", ".join(r.owners) + (f" ({L['assessed_by'].lower()}: {r.assessed_by})" if r.assessed_by else "")
        out.append("| " + " | ".join(_cell(x) for x in (f"**{r.id}** {r.text}", owners, status, why)) + " |")
    return out + ["", L["judgement_note"], ""]


def _commitments_text(goal, strategy: Strategy, language: str, until: int | None = None) -> list[str]:
    L = i18n.labels_for(strategy, language)
    out = []
    for c in goal.commitments:
        r = present_commitments.commitment_row(strategy, c, until)
        a = r.latest
        mark = i18n.labels(language)["illustrative_mark"] if a and a.illustrative else ""
        status = f"{a.status.label} ({a.year}{mark})" if a else L["not_assessed"]
        out.append(f"    {r.id} ({L['commitment'].lower()}; {', '.join(r.owners)}): [{status}]")
        if a:
            out.append(f"      {a.reasoning} {present_commitments.assessed_line(a, language)}.")
    return out


def _commitment_data(c, strategy: Strategy, language: str, until: int | None = None) -> dict:
    a = c.latest(until=until)
    return {
        "id": c.id, "text": c.text, "followed_up_by": "judgement",
        "owners": [{"kind": o.kind, "name": o.name or None} for o in c.owners],
        "assessed_by": c.assessed_by,
        "latest": None if a is None else {
            "year": a.year, "status": a.status,
            "status_label": i18n.commitment_status_label(a.status or "", language),
            "reasoning": a.reasoning, "by": a.by, "date": a.date, "illustrative": a.illustrative,
            "evidence": [{"title": e.title, "url": e.url} for e in a.evidence]},
        "assessments": [{"year": x.year, "status": x.status, "by": x.by, "date": x.date} for x in c.assessments],
    }


def format_markdown(report: FollowUp, strategy: Strategy, language: str | None = None) -> str:
    language = spoken(language or strategy.language)
    L = i18n.labels_for(strategy, language)
    year = report.year if report.year is not None else ""
    out = [f"# {L['followup_title']} {year}".rstrip(), ""]
    out += [f"**{strategy.title}**", ""]
    if strategy.notice:
        out += [f"> {strategy.notice}", ""]
    out += [L["followup_intro"], ""]
    if _uses_illustrative(report) or _illustrative_assessments(strategy) or _tables_illustrative(report, strategy, language):
        out += [L["illustrative_note"], ""]
    out += [f"## {L['progress_summary']}", "", f"| {L['progress']} | {L['number_of_targets']} |", "|---|---:|"]
    for status, n in report.counts().items():
        out.append(f"| {i18n.progress_label(status.value, language)} | {n} |")
    out.append("")
    judged = present_commitments.judged_words(strategy, report.judged(), language)
    if judged:
        out += [f"{judged} ({L['goal_judgement']}).", ""]
    if report.previous_year is not None:
        out += [f"## {L['changes_since']} ({report.previous_year})", ""]
        if report.changes:
            out += [f"- {_change_line(c, strategy, language)}" for c in report.changes]
        else:
            out.append(L["no_changes"])
        out.append("")
    goals = {g.id: g for g in strategy.goals()}
    targets = {t.id: t for _, t in strategy.targets()}
    for pp, priority in zip(report.priorities, strategy.priorities):
        judged = present_commitments.judged_words(strategy, pp.judged(), language)
        out += [f"## {priority.id} {priority.title}", "",
                f"{L['progress']}: **{i18n.progress_label(pp.status.value, language)}**"
                + (f" · {judged} ({L['goal_judgement']})" if judged else ""), ""]
        for gp in pp.goals:
            goal = goals[gp.goal_id]
            status = f"**{i18n.progress_label(gp.status.value, language)}**"
            if gp.judgement is not None:  # followed up by its commitments alone: their judgement, so labelled
                view = present_commitments.goal_judgement(gp.judgement, language)
                mark = _MARK(language) if view.illustrative else ""
                status = f"**{view.label}**{mark} ({view.note})"
            out += [f"### {goal.id} {goal.title}", "", f"{L['progress']}: {status}", ""]
            if gp.shared:  # followed up once, under their own goal
                out += [f"{L['shared_targets_lead']} " + "; ".join(
                    f"**{tid}** ({L['shared_target_home'].format(goal=strategy.target_home(tid)[0].id)})"
                    for tid in gp.shared), ""]
            if not gp.targets:
                out += _commitments_markdown(goal, strategy, language, report.year)
                continue
            gender = any(_gender(t) for t in gp.targets)
            head = [L["target"], L["indicator"], L["baseline"], L["latest_value"], L["target_value"], L["progress"]]
            if gender:
                head[4:4] = [L["women"].capitalize(), L["men"].capitalize()]
            out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            for tp in gp.targets:
                target = targets[tp.target_id]
                ind = strategy.indicator(tp.indicator_id)
                part = "" if tp.breakdown == "total" else \
                    f" ({present_breakdowns.label(strategy, tp.breakdown, language)})"
                row = [f"**{target.id}** {target.text}", (ind.name if ind else tp.indicator_id or "–") + part,
                       _with_year(tp.baseline, ind, language), _with_year(tp.latest, ind, language),
                       _target_value(tp, ind, language), i18n.progress_label(tp.status.value, language)]
                if gender:
                    row[4:4] = [_with_year(tp.by_breakdown.get("women"), ind, language),
                                _with_year(tp.by_breakdown.get("men"), ind, language)]
                out.append("| " + " | ".join(_cell(c) for c in row) + " |")
            out.append("")
            for tp in gp.targets:
                ind = strategy.indicator(tp.indicator_id)
                milestones = milestones_markdown(tp, ind, language)
                out += [f"- **{tp.target_id}**: {explain_markdown(tp, ind, language)}"
                        + (f" {milestones}" if milestones else "")]
            out.append("")
            out += _commitments_markdown(goal, strategy, language, report.year)
    tables = _breakdown_tables(report, strategy, language)
    if tables:
        out += [f"## {i18n.breakdown_texts(language)['report_title']}", ""]
        for ind, ind_tables in tables:
            for t in ind_tables:
                out += [f"### {ind.name}: {t.title.lower()}", "", "| " + " | ".join(t.header) + " |", "|---|---:|---:|"]
                out += [f"| {_cell(r.label)} | {_cell(r.value_text)}{_MARK(language) if r.illustrative else ''} "
                        f"| {r.year} |" for r in t.rows]
                out.append("")
                if t.missing:
                    out += [i18n.breakdown_texts(language)["no_value"].format(names=", ".join(t.missing)), ""]
            for c in present_breakdowns.cross_tables(strategy, ind, report.year, language):
                out += [f"### {ind.name}: {c.title[:1].lower() + c.title[1:]}", "",
                        "| " + " | ".join(_cell(h) for h in c.header) + " |", "|---|" + "---:|" * (len(c.header) - 1)]
                out += ["| " + " | ".join([_cell(name)] + [
                    (_cell(x.value_text) + (_MARK(language) if x.illustrative else "")) if x.value_text else "–"
                    for x in cells]) + " |" for name, cells in c.rows]
                out.append("")
    if present_coverage.coverage(strategy):  # what the strategy addresses, beside how it progresses
        out += [f"## {L['frameworks']}", "", present_coverage.coverage_markdown(strategy, level=3), ""]
    out.append(method_markdown(language, level=2))
    if any(True for _ in strategy.commitments()):
        out += ["", present_commitments.method_markdown(language, level=2)]
    return "\n".join(out).rstrip("\n") + "\n"


def format_text(report: FollowUp, strategy: Strategy, language: str | None = None) -> str:
    language = spoken(language or strategy.language)
    L = i18n.labels_for(strategy, language)
    out = [f"{L['followup_title']} {report.year if report.year is not None else ''}".rstrip() + f" — {strategy.title}", ""]
    counts = ", ".join(f"{n} {i18n.progress_label(s.value, language).lower()}" for s, n in report.counts().items() if n)
    out += [f"{L['progress_summary']}: {counts or '–'}", ""]
    judged = present_commitments.judged_words(strategy, report.judged(), language)
    if judged:
        out += [f"{judged} ({L['goal_judgement']})", ""]
    if report.previous_year is not None:
        out.append(f"{L['changes_since']} ({report.previous_year}):")
        out += [f"  {_change_line(c, strategy, language)}" for c in report.changes] or [f"  {L['no_changes']}"]
        out.append("")
    goals = {g.id: g for g in strategy.goals()}
    for pp, priority in zip(report.priorities, strategy.priorities):
        out.append(f"{priority.id} {priority.title}  [{i18n.progress_label(pp.status.value, language)}]")
        for gp in pp.goals:
            status = (i18n.progress_label(gp.status.value, language) if gp.judgement is None
                      else _judgement_words(gp, language))
            out.append(f"  {gp.goal_id} {goals[gp.goal_id].title}  [{status}]")
            if gp.shared:
                out.append(f"    {L['shared_targets_lead']} {', '.join(gp.shared)}")
            for tp in gp.targets:
                ind = strategy.indicator(tp.indicator_id)
                part = "" if tp.breakdown == "total" else \
                    f" ({present_breakdowns.label(strategy, tp.breakdown, language)})"
                ratio = f"  R = {_ratio_text(tp.assessment.ratio, language)}" if tp.assessment.ratio is not None else ""
                out.append(f"    {tp.target_id}{part}: {_with_year(tp.baseline, ind, language)} → "
                           f"{_with_year(tp.latest, ind, language)}; {L['target_value'].lower()} "
                           f"{_target_value(tp, ind, language)}  [{i18n.progress_label(tp.status.value, language)}]{ratio}")
                milestones = milestones_text(tp, ind, language)
                if milestones:
                    out.append(f"      {milestones}")
                if _gender(tp):
                    out.append(f"      {L['women']} {_with_year(tp.by_breakdown.get('women'), ind, language)}, "
                               f"{L['men']} {_with_year(tp.by_breakdown.get('men'), ind, language)}")
            out += _commitments_text(goals[gp.goal_id], strategy, language, report.year)
    tables = _breakdown_tables(report, strategy, language)
    if tables:
        out += ["", i18n.breakdown_texts(language)["report_title"]]
        for ind, _tables in tables:
            out.append(f"  {ind.name}")
            out += [f"    {line}" for line in present_breakdowns.report_lines(strategy, ind, report.year, language)]
    cover = present_coverage.coverage(strategy)
    if cover:
        out += ["", L["frameworks"]]
        for c in cover:
            out.append(f"  {c.framework.title(language)}: " + present_coverage.count_sentence(c, language, str))
            out += [f"    {'  ' * r.depth}{r.part_id} {r.title}: "
                    + (", ".join(g.id for g in r.goals) or L["framework_no"].lower()) for r in c.rows]
    if _uses_illustrative(report) or _illustrative_assessments(strategy) or _tables_illustrative(report, strategy, language):
        out += ["", L["illustrative_note"]]
    return "\n".join(out).replace("\u202f", " ").replace("\u00a0", " ") + "\n"


def _MARK(language: str) -> str:
    return i18n.labels(language)["illustrative_mark"].replace("*", "\\*")


def _breakdown_tables(report: FollowUp, strategy: Strategy, language: str
                      ) -> list[tuple[Indicator, list[present_breakdowns.BreakdownTable]]]:
    """The tables per breakdown (municipality, age …) of the indicators the report's targets use, in report order."""
    seen, out = set(), []
    for tp in report.targets():
        ind = strategy.indicator(tp.indicator_id)
        if ind is None or ind.id in seen:
            continue
        seen.add(ind.id)
        tables = present_breakdowns.tables(strategy, ind, report.year, language)
        if tables or present_breakdowns.cross_tables(strategy, ind, report.year, language):
            out.append((ind, tables))
    return out


def _tables_illustrative(report: FollowUp, strategy: Strategy, language: str) -> bool:
    return any(t.illustrative for _, tables in _breakdown_tables(report, strategy, language) for t in tables) \
        or any(c.illustrative for ind, _ in _breakdown_tables(report, strategy, language)
               for c in present_breakdowns.cross_tables(strategy, ind, report.year, language))


def _obs(o: Observation | None) -> dict | None:
    if o is None:
        return None
    return {"year": o.year, "value": o.value, "breakdown": o.breakdown, "illustrative": o.provenance.illustrative,
            "source": o.provenance.source, "retrieved": o.provenance.retrieved}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 10)


def report_data(report: FollowUp, strategy: Strategy, language: str | None = None) -> dict:
    """The report as plain data (the JSON format): codes and numbers, with labels in ``language``."""
    language = spoken(language or strategy.language)
    goals = {g.id: g for g in strategy.goals()}
    targets = {t.id: t for _, t in strategy.targets()}

    def target(tp: TargetProgress) -> dict:
        a = tp.assessment
        return {
            "id": tp.target_id, "text": targets[tp.target_id].text, "indicator": tp.indicator_id,
            "breakdown": tp.breakdown, "direction": a.direction,
            "status": a.status.value, "status_label": i18n.progress_label(a.status.value, language),
            "milestones": [{"year": m.year, "value": m.value, "observed": _obs(m.observed), "met": m.met,
                            **({"high": m.high} if m.high is not None else {}),
                            **({"gap": _rounded(m.gap)} if m.gap is not None else {})}
                           for m in tp.milestones],
            "method": a.method, "actual_rate": a.actual_rate, "required_rate": a.required_rate, "ratio": a.ratio,
            "reason": a.reason or None,
            "baseline": _obs(tp.baseline), "latest": _obs(tp.latest),
            "target": {"year": tp.target_year, "value": tp.target_value, "illustrative": tp.target_illustrative,
                       **({"change": tp.goal_value.change, "factor": tp.goal_value.factor,
                           "base_year": tp.goal_value.base_year, "base_value": tp.goal_value.base_value}
                          if tp.goal_value is not None and tp.goal_value.relative else {}),
                       **({"threshold": a.threshold} if a.threshold else {}),
                       **({"low": tp.goal_value.low, "high": tp.goal_value.high}
                          if tp.goal_value is not None and tp.goal_value.is_range else {}),
                       **({"from_year": tp.goal_value.from_year}
                          if tp.goal_value is not None and tp.goal_value.from_year is not None else {}),
                       **({"form": a.form} if a.form else {})},
            **({"comparator": {"name": tp.comparator.name, "series": tp.comparator.series,
                               # a difference of two decimals: 81.2 - 78.0 is 3.2, not 3.200000000000003
                               "baseline_gap": _rounded(tp.baseline_gap), "latest_gap": _rounded(tp.latest_gap),
                               "values": [_obs(o) for o in tp.comparator_series]}}
               if tp.comparator is not None else {}),
            "by_breakdown": {k: _obs(v) for k, v in tp.by_breakdown.items()},
            "series": [_obs(o) for o in tp.series],
        }

    return {
        "version": 1,
        "strategy": strategy.id, "title": strategy.title, "language": language,
        "year": report.year, "previous_year": report.previous_year,
        "method": {"name": "Statistics Canada / Open SDG progress measure",
                   "on_track_ratio": ON_TRACK_RATIO, "acceleration_ratio": ACCELERATION_RATIO,
                   "maintain_tolerance": MAINTAIN_TOLERANCE},
        "summary": {s.value: n for s, n in report.counts().items()},
        "judged_goals": report.judged(),
        "changes": [{"kind": c.kind, "id": c.id,
                     "before": c.before if c.kind == "judgement" else c.before.value,
                     "after": c.after if c.kind == "judgement" else c.after.value,
                     "improved": c.improved} for c in report.changes],
        "priorities": [
            {"id": pp.priority_id, "title": p.title, "status": pp.status.value, "judged_goals": pp.judged(),
             "goals": [{"id": gp.goal_id, "title": goals[gp.goal_id].title, "status": gp.status.value,
                        "judgement": _judgement_data(gp, language),
                        "targets": [target(tp) for tp in gp.targets], "shared_targets": list(gp.shared),
                        "commitments": [_commitment_data(c, strategy, language, report.year)
                                        for c in goals[gp.goal_id].commitments]} for gp in pp.goals]}
            for pp, p in zip(report.priorities, strategy.priorities)
        ],
        "breakdowns": [
            {"indicator": ind.id, "dimension": t.dimension, "title": t.title,
             "rows": [{"breakdown": r.key, "label": r.label, "year": r.year, "value": r.value,
                       "illustrative": r.illustrative} for r in t.rows],
             "missing": list(t.missing)}
            for ind, tables in _breakdown_tables(report, strategy, language) for t in tables
        ],
        "frameworks": [
            {"id": c.framework.id, "title": c.framework.title(language), "addressed": c.addressed,
             "total": c.total,
             "parts": [{"id": r.part_id, "title": r.title, "depth": r.depth,
                        "parent": r.parent,
                        "goals": [g.id for g in r.goals]} for r in c.rows]}
            for c in present_coverage.coverage(strategy)
        ],
        "cross_breakdowns": [
            {"indicator": ind.id, "dimensions": list(c.dimensions), "year": c.year, "title": c.title,
             "header": list(c.header),
             "rows": [{"label": name, "values": [x.value for x in cells],
                       "illustrative": [x.illustrative for x in cells]} for name, cells in c.rows]}
            for ind, _ in _breakdown_tables(report, strategy, language)
            for c in present_breakdowns.cross_tables(strategy, ind, report.year, language)
        ],
    }


def format_json(report: FollowUp, strategy: Strategy, language: str | None = None) -> str:
    return json.dumps(report_data(report, strategy, language), ensure_ascii=False, indent=2) + "\n"


REPORT_FORMATTERS: dict[str, Callable[[FollowUp, Strategy, str | None], str]] = {
    "markdown": format_markdown,
    "json": format_json,
    "text": format_text,
}
