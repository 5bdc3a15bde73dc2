"""A target's row as both editions show it: its values in words and its status.

Values are written once here, with the indicator's unit (``80,4 %``, ``270 154 invånare``)
and a flag for the illustrative mark, which each edition draws in its own way. The
row reads only the fields every target has (``getattr`` for the rest), so new kinds
of target (thresholds, relative targets) still get a row.
"""

from __future__ import annotations

from dataclasses import dataclass

from strategykit.analysis.followup import TargetProgress
from strategykit.model import Indicator, Strategy, Target
from strategykit.present import breakdowns as present_breakdowns, i18n
from strategykit.present.mdtext import keep_numbers
from strategykit.present.charts import unit_suffix
from strategykit.present.status import Badge, badge
from strategykit.present.catalog import spoken


@dataclass(frozen=True)
class Value:
    text: str
    """The value with its unit, without the illustrative mark: '80,4 %', '270 154 invånare'."""
    year: int | str | None = None
    """The year, or the period a baseline covers ('2013–2015')."""
    illustrative: bool = False

    def plain(self, mark: str = "*") -> str:
        """'80,4 %* (2022)': for tests and the text of the two editions."""
        return self.text + (mark if self.illustrative else "") + (f" ({self.year})" if self.year is not None else "")


@dataclass(frozen=True)
class TargetRow:
    id: str
    text: str
    indicator_id: str | None
    indicator_name: str | None
    breakdown: str
    """'' for the total, else the breakdown in words ('kvinnor')."""
    baseline: Value | None
    milestones: tuple[Value, ...]
    target: Value | None
    latest: Value | None
    """The latest observed value the status rests on (None without a follow-up year or data)."""
    status: Badge | None


def value(v: float | None, ind: Indicator | None, lang: str, *, year: int | None = None,
          illustrative: bool = False) -> Value | None:
    if v is None:
        return None
    unit, decimals = (ind.unit, ind.decimals) if ind is not None else ("", None)
    text = i18n.format_value(v, unit, lang, decimals) + (unit_suffix(ind, lang) if ind is not None else "")
    return Value(text, year, illustrative)


def goal_value(gv, ind: Indicator | None, lang: str, threshold: str | None = None, *,
               range_form: str | None = None, flow: str | None = None, comparator=None) -> Value | None:
    """A target or milestone value in words: the level, with the wording of a relative target
    ('−75 % mot 1990: 375 000', the wording alone when the level is not known), of a
    threshold ('minst 2 100'), of a range ('mellan 60 och 70 %') and of a flow over a period
    ('minst 5 000 per år 2017–2023'); marked illustrative when no decision set it."""
    if gv is None:
        return None
    if comparator is not None:  # a gap target: the value is the gap allowed
        unit, decimals = (ind.unit, ind.decimals) if ind is not None else ("", None)
        if gv.value is None and not getattr(gv, "relative", False):
            return None
        text = i18n.gap_value(gv.value, unit, lang, decimals) if gv.value is not None else ""
        return Value(i18n.gap_wording(text, gv, comparator.name or comparator.series, lang), gv.year,
                     bool(getattr(gv, "illustrative", False)))
    if getattr(gv, "is_range", False):
        low, high = value(gv.low, ind, lang), value(gv.high, ind, lang)
        return Value(i18n.range_wording(low.text, high.text, range_form, lang), gv.year,
                     bool(getattr(gv, "illustrative", False)))
    if flow and getattr(gv, "from_year", None) is not None and gv.value is not None:
        text = i18n.with_threshold(i18n.with_flow(value(gv.value, ind, lang).text, gv, flow, lang), threshold, lang)
        return Value(text, None, bool(getattr(gv, "illustrative", False)))
    level = value(gv.value, ind, lang)
    if level is None and not getattr(gv, "relative", False):
        return None
    text = i18n.with_threshold(i18n.with_relative(level.text if level else "", gv, lang), threshold, lang)
    return Value(text, gv.year, bool(getattr(gv, "illustrative", False)))


def target_row(model: Strategy, t: Target, progress: TargetProgress | None, *, assessed: bool = True) -> TargetRow:
    """``progress``: the target's follow-up; ``assessed`` False when the edition has no follow-up year."""
    lang = spoken(model.language)
    L = i18n.labels_for(model, lang)
    ind = model.indicator(t.indicator_id) if getattr(t, "indicator_id", None) else None
    b = getattr(t, "baseline", None)
    goal = getattr(t, "target", None)
    breakdown = getattr(t, "breakdown", None) or "total"
    baseline = value(b.value, ind, lang, year=getattr(b, "period", None) or b.year,
                     illustrative=b.provenance.illustrative) if b else None
    comparator = getattr(t, "comparator", None)
    milestones = tuple(v for ms in getattr(t, "milestones", ())
                       if (v := goal_value(ms, ind, lang, range_form=getattr(t, "range", None), comparator=comparator)))
    latest = None
    status = None
    if progress is not None and assessed:
        o = progress.latest
        if o is not None and o.value is not None:
            latest = value(o.value, ind, lang, year=o.year, illustrative=o.provenance.illustrative)
        status = badge(progress.status, lang)
    return TargetRow(
        id=t.id, text=keep_numbers(" ".join(t.text.split())), indicator_id=getattr(t, "indicator_id", None),
        indicator_name=ind.name if ind else None,
        breakdown=present_breakdowns.label(model, breakdown, lang),
        baseline=baseline, milestones=milestones,
        target=_target_value(t, goal, ind, lang, comparator),
        latest=latest, status=status)


def _target_value(t: Target, gv, ind: Indicator | None, lang: str, comparator=None) -> Value | None:
    """The target's value ``gv`` in the words of its form (threshold, range, flow, relative, gap)."""
    return goal_value(gv, ind, lang, getattr(t, "threshold", None)
                      or ("at-least" if getattr(t, "flow", None) == "yearly" else None),
                      range_form=getattr(t, "range", None), flow=getattr(t, "flow", None), comparator=comparator)


def followup_target(model: Strategy, tp: TargetProgress, ind: Indicator | None, lang: str) -> Value | None:
    """A target's value in a follow-up's table (site and PDF), worded as the edition's row words it:
    '−75 % mot 1990: 475 000', 'minst 2 100', 'mellan 60 och 70 %', the gap allowed. The follow-up
    showed the level alone ('475 000'), and a reader could not tell it from the edition's target."""
    home = model.target_home(tp.target_id)
    t = home[1] if home is not None else None
    if t is None or tp.goal_value is None:
        return value(tp.target_value, ind, lang, year=tp.target_year, illustrative=tp.target_illustrative)
    return _target_value(t, tp.goal_value, ind, lang, tp.comparator)
