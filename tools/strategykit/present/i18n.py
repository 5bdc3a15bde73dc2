"""Labels and number formats per language: the editions speak the strategy's language.

Both renderers (web and PDF) take every visible word from here, so the two
editions say the same thing the same way. Each table holds the English words;
the other languages' words are in the catalogs a translator edits
(``locale/<lang>/LC_MESSAGES/strategykit.po``, see ``present.catalog``).
"""

from __future__ import annotations

from typing import Any

from strategykit.present.catalog import Texts, spoken

LABELS = Texts("labels", {
    "vision": "Vision",
    "overall_goals": "Overall goals",
    "perspectives": "Perspectives",
    "priorities": "Priorities",
    "priority": "Priority",
    "goal": "Goal",
    "goals": "Goals",
    "target": "Target",
    "targets": "Measurable targets",
    "indicator": "Indicator",
    "indicators": "Indicators",
    "baseline": "Baseline",
    "target_value": "Target value",
    "year": "Year",
    "target_year": "Target year",
    "milestones": "Milestones",
    "direction": "Direction",
    "unit": "Unit",
    "definition": "Definition",
    "source": "Source",
    "provider_id": "Provider id",
    "breakdowns": "Broken down by",
    "frequency": "Updated",
    "responsible": "Responsible",
    "used_by": "Used by",
    "agenda2030": "Agenda 2030",
    "chapters": "Chapters",
    "contents": "Contents",
    "not_found": "Page not found",
    "not_found_text": "There is no page at this address. It may have been moved or removed.",
    "to_start_page": "Go to the start page",
    "illustrative": "illustrative value",
    "illustrative_mark": "*",
    "illustrative_note": "Values marked * are illustrative: they are neither taken from a cited source nor set by a decision, and they are not statistics.",
    "illustrative_status": "based on illustrative values",
    "sourced": "Source",
    "retrieved": "retrieved",
    "edition": "Edition",
    "version": "Version",
    "status": "Status",
    "date": "Date",
    "decision": "Decision",
    "no_decision": "No decision yet",
    "commit": "Version code",
    "title": "Title",
    "about_edition": "About this edition",
    "accessibility": "Accessibility statement",
    "downloads": "Downloads",
    "pdf_edition": "Print edition (PDF)",
    "web_edition": "Web edition",
    "key_figures": "Key figures",
    "period": "Period",
    "region": "Region",
    "publisher": "Publisher",
    "page": "Page",
    "colophon": "About this edition",
    "indicator_appendix": "Appendix: Indicators",
    "goals_and_targets": "Goals and measurable targets",
    "goal_presented_earlier": "The goal is presented with its measurable targets in an earlier chapter:",
    "also_contributes_to": "Also contributes to",
    "contributing_goals": "Goals of other priorities that also contribute here",
    "contributing_goals_lead": "Goals that belong to other priorities but also contribute here; they are presented in their own priority:",
    "shared_targets_lead": "Also followed up with measurable targets that belong to other goals (each is followed up once, under its own goal):",
    "shared_target_home": "under goal {goal}",
    "frameworks": "Links to frameworks",
    "frameworks_appendix": "Appendix: Links to frameworks",
    "frameworks_intro": "Which parts of the national and global frameworks the strategy's goals contribute to, and which they do not address. A goal counts towards a Sustainable Development Goal when the goal or one of its measurable targets links to that goal or to one of its targets.",
    "framework_part": "Part",
    "framework_addressed": "Addressed",
    "framework_through": "Through goals",
    "framework_yes": "Yes",
    "framework_no": "No",
    "framework_count": "The strategy's goals address {addressed} of {total} parts.",
    "framework_count_level": "{name}: the strategy's goals address {addressed} of {total}.",
    "framework_part": "Part",
    "framework_subpart": "Sub-part",
    "framework_source": "Source",
    "framework_retrieved": "retrieved",
    "chart_of": "Chart of",
    "axis_not_zero": "The value axis starts at {value}, not at zero.",
    "roadmap_title": "The path to {horizon}",
    "roadmap_intro": "Milestones and target values from {start} to {horizon}, by priority and year.",
    "roadmap_rows": "Each row reads as a timeline.",
    "roadmap_status": "The shape shows the target's assessment in {year}.",
    "roadmap_milestone": "milestone",
    "values_table": "Values as a table",
    "value": "Value",
    "kind": "Kind",
    "gender": "gender",
    "women": "women",
    "men": "men",
    "total": "total",
    # Web edition (strategykit.render.web): page names, URL folders and short texts.
    "start": "Home",
    "the_strategy": "The strategy",
    "read_strategy": "Read the strategy",
    "priorities_and_goals": "Priorities and goals",
    "overview": "Overview",
    "contributes_to": "Contributes to",
    "read_chapter": "Read more in the chapter",
    "milestone": "Milestone",
    "targets_in_figures": "Targets in figures",
    "targets_in_figures_intro": "The first measurable target of each priority: where the region stands and where it is heading.",
    "illustrative_heading": "Illustrative values",
    "notice_label": "Note",
    "download_pdf": "Download PDF",
    "pdf_not_built": "The PDF edition has not been built for this site. It is built with the command strategy build.",
    "commit_unknown": "not recorded",
    "build_date": "Produced",
    "file": "File",
    "format": "Format",
    "size": "Size",
    "indicators_data": "The indicators: definition, unit and source.",
    "targets_data": "The measurable targets: indicator, baseline, milestones and target value.",
    "data_format_note": "The CSV files are comma-separated and encoded in UTF-8, with a point as the decimal mark. The JSON files hold the same data. The files are made from the same source as the website and the PDF edition.",
    "pdf_data": "The whole strategy in printable form, the same edition as this website.",
    "provider": "Data provider",
    "no_values": "There are no values to show for this indicator yet.",
    "not_used": "No measurable target uses this indicator.",
    "sourced_value": "The value comes from",
    "all_values": "All values",
    "accessibility_short": "Accessibility",
    "edition_facts": "Facts about this edition",
    "same_sources": "The website and the PDF edition are built from the same source files: the goals and indicators in goals.yaml and the chapters in the folder strategy/. An edition is one version of those files.",
    "read_pdf": "Read the same edition as a PDF",
    "breakdown": "Breakdown",
    "url_priorities": "priorities",
    "url_indicators": "indicators",
    "url_chapters": "chapters",
    "url_about": "about",
    "url_accessibility": "accessibility",
    "url_downloads": "downloads",
    # The download files' names (the part before .csv/.json).
    "file_indicators": "indicators", "file_targets": "targets", "file_observations": "observations",
    "file_followup": "followup",
    "page_moved": "This page has moved",
    "page_moved_to": "It is now here:",
    "url_frameworks": "frameworks",
    # Print edition (strategykit.render.pdf).
    "pdf_tagged": "The PDF is made to PDF/UA-1: it is tagged for screen readers, with headings, tables, alt texts for the charts, language, title and bookmarks for the chapters. This is checked automatically on every build, but the file has not been reviewed manually.",
    "chart_legend": "The baseline is measured; milestones and target values are decided goals, not results.",
    "appendix_intro": "This appendix describes the indicators that the strategy's measurable targets are followed up with: what they measure, where the data comes from and which targets use them. The charts show the baseline, the milestones and the target value of each measurable target.",
    # Follow-up (strategykit.analysis.followup, followup_report): the yearly report and statuses.
    "followup": "Follow-up",
    "followup_title": "Follow-up of the targets",
    "followup_intro": "For each measurable target: the baseline, the latest value observed up to the report year, the target value and an assessment of the progress.",
    "report_year": "Report year",
    "latest_value": "Latest value",
    "table": "Table",
    "progress": "Assessment",
    "progress_summary": "Summary",
    "progress_method": "How progress is assessed",
    "changes_since": "Changes since the previous year",
    "no_changes": "No assessment has changed since the previous year.",
    "previous_year": "Previous year",
    "improved": "better",
    "worsened": "worse",
    "women_and_men": "Women and men",
    "observed": "Observed",
    "needed_path": "Path needed",
    "achieved_rate": "Achieved rate per year",
    "needed_rate": "Needed rate per year",
    "ratio": "Ratio",
    "number_of_targets": "Number of targets",
    # Print edition: the follow-up, the process appendices and the line charts (strategykit.render.pdf).
    "followup_appendix": "Appendix: Follow-up",
    "participation_appendix": "Appendix: Participation in figures",
    "compilation_appendix": "Appendix: Summary of consultation responses",
    "editions_appendix": "Appendix: Editions and changes",
    "method_appendix": "Appendix: How progress is assessed",
    "followup_overview": "Assessments per priority",
    "followup_overview_intro": "Number of measurable targets with each assessment in {year}, by priority. A goal gets the worst assessment among its measurable targets that have data.",
    "followup_calculation": "How the assessments were calculated",
    "followup_changes_none": "No assessment has changed since {year}.",
    "goal_status": "The goal's assessment",
    "status_column": "Assessment {year}",
    "status_note": "The assessment is for {year}: this edition shows the values known at its date. The appendix How progress is assessed explains the method; the yearly follow-up is a publication of its own.",
    "observed_values": "Observed values",
    "values_source": "Source of the observed values",
    "appendix_intro_followup": "This appendix describes the indicators that the strategy's measurable targets are followed up with: what they measure, where the data comes from, which targets use them and the values observed so far.",
    "chart_legend_followup": "The charts show the observed values, the milestones and the target value, and the path needed to reach the target value in time. Milestones and target values are decided goals, not results.",
    "chart_alt_observed": "Observed {first}–{last}: from {start} to {end}",
    "chart_alt_single": "Observed {year}: {value}",
    "chart_alt_gender": "Women {women} and men {men} in {year}",
    "chart_alt_path": "Path needed: from {start} in {first} to the target value {end} in {last}",
    "chart_alt_status": "Assessment {year}: {status}",
    "chart_alt_illustrative": "illustrative values",
    "priority_status": "The priority's assessment",
    # Web edition: the follow-up pages, the process pages and the navigation (strategykit.render.web).
    "url_followup": "follow-up",
    "url_method": "method",
    "url_compilation": "consultation-responses",
    "url_participation": "dialogue-and-participation",
    "url_history": "editions",
    "url_changes": "changes-since-consultation",
    "about_strategy": "About the strategy",
    "participation_page": "Dialogue and participation in figures",
    "followup_year_intro": "The assessments are for {year} and use the values observed up to and including that year.",
    "followup_commitments_intro": "Each {commitment} is shown with its latest assessment up to and including {year}.",
    "followup_year_without_values": "No values were observed for {year}, so the measurable targets are assessed with the latest values of earlier years, each shown with its year.",
    "followup_no_data": "There are no observed values yet, so no measurable target can be assessed.",
    "followup_method_link": "How each assessment is calculated, with formulas and thresholds, is explained on the page",
    "priority_status": "The priority's assessment",
    "assessment_of": "Assessment of target {target}",
    "calculation": "Calculation",
    "values_per_year": "Observed values and the path needed, per year",
    "decided_values": "Baseline, milestones and target value",
    "chart_lines_note": "Solid lines show the observed values. Dashed lines show the path needed to reach the target value in time.",
    "illustrative_source": "Illustrative, no source",
    "observations_data": "Observed values of every indicator: year, breakdown (total, women, men, or a dimension's value such as municipality:2480 for Umeå), value and source.",
    "followup_data": "The follow-up: each measurable target's baseline, latest value, target value and assessment, with the calculation.",
    "process_data_note": "The consultation responses, dialogue meetings and editions are YAML files in the strategy's sources (the folder remiss/ and the files dialogue.yaml and editions.yaml).",
    "maintain_band": "the level is kept while the value lies between {low} and {high} (±{tolerance}\u00a0% of the target value)",
    "maintain_band_legend": "Within ±{tolerance}\u00a0% of the target value",
    # The yearly follow-up as a publication of its own (strategykit.present.yearly).
    "yearly_title": "Follow-up {year}",
    "yearly_subtitle": "Follow-up of {title}",
    "yearly_kind": "Yearly follow-up",
    "yearly_publications": "Follow-ups",
    "yearly_publications_intro": "The yearly follow-up is a publication of its own. Each year the measurable targets are assessed with the values known today, up to that year.",
    "yearly_pdf": "Follow-up {year} as PDF",
    "yearly_follows": "Follows up",
    "yearly_summary": "Summary by priority",
    "yearly_targets": "Targets and assessments",
    "yearly_sources": "Data sources",
    "yearly_sources_intro": "The values the assessments rest on come from these sources.",
    "yearly_date_note": "The follow-up uses the values the strategy's data files held when it was made; a value revised since then is shown with its new value.",
    "edition_known_note": "This edition shows the observed values known at its date ({date}): values for years before {year}. Later values are in the yearly follow-ups.",
    "edition_no_status": "At this edition's date there were no observed values after the baseline years, so the targets are shown with baseline and target value but without an assessment.",
    "commitment": "Commitment",
    "commitments": "Commitments",
    "owners": "Owners",
    "assessed_by": "Assessed by",
    "reasoning": "Reasoning",
    "evidence": "Evidence",
    "not_assessed": "Not assessed yet",
    "assessed_on": "Assessed {date} by {by}",
    "judgement_note": "Commitments are followed up by judgement, not by an indicator: the status is the assessor's judgement on a fixed scale, not a statistic.",
    "commitment_method": "How commitments are assessed",
    "commitments_of_goal": "Commitments of {goal}",
    "goal_judgement": "judgement of its commitments",
    "goal_judgement_assessed": "{assessed} of {total} assessed",
    "judged_goals": "{goals} followed up by {commitments}",
    "meaning": "Meaning",
    "the_scale": "The scale",
    "range_band": "the target is a range from {low} to {high} ({year})",
    "range_band_legend": "Target range",
})

PROGRESS = Texts("progress", {
    "achieved": "Achieved",
    "on-track": "On track",
    "acceleration-needed": "Progress, but acceleration needed",
    "limited-progress": "Limited progress",
    "moving-away": "Moving away",
    "no-data": "No data yet",
})
"""Progress statuses (strategykit.analysis.followup.Status) as readers see them."""

COMMITMENT_STATUS = Texts("commitment_status", {
    "done": "Done",
    "on-schedule": "On schedule",
    "delayed": "Delayed",
    "not-started": "Not started",
    "discontinued": "Discontinued",
})
"""The commitment scale (``model.COMMITMENT_STATUSES``) as readers see it."""

OWNER = Texts("owner", {
    "region": "The region",
    "municipality": "The municipalities",
    "state-agency": "State agencies",
    "business": "Business",
    "academia": "Academia",
    "non-profit": "The non-profit sector",
    "other": "Others",
})
"""A kind of organisation as the owner of a commitment: all of that kind, when no body is named."""


def commitment_status_label(status: str, language: str) -> str:
    return COMMITMENT_STATUS.of(language).get(status, status)


def owner_label(kind: str | None, language: str) -> str:
    return OWNER.of(language).get(kind or "", kind or "")


STATUS = Texts("status", {
    "draft": "Draft",
    "dialogue": "Dialogue version",
    "consultation": "Consultation version",
    "proposal": "Proposal for decision",
    "adopted": "Adopted",
})

DIRECTION = Texts("direction", {
    "increase": "increase",
    "decrease": "decrease",
    "maintain": "maintain",
})

FREQUENCY = Texts("frequency", {
    "yearly": "yearly",
    "quarterly": "quarterly",
    "monthly": "monthly",
    "biennial": "every other year",
    "irregular": "irregularly",
})

UNITS = Texts("units", {
    "percent": "percent",
    "count": "number",
})


BREAKDOWN = Texts("breakdown", {
    "dimension:gender": "gender", "dimension:municipality": "municipality", "dimension:age": "age",
    "dimension:birth": "country of birth", "dimension:education": "level of education",
    "birth:sweden": "born in Sweden", "birth:abroad": "born abroad",
    "education:compulsory": "compulsory education", "education:upper-secondary": "upper secondary education",
    "education:post-secondary": "post-secondary education",
    "age_band": "aged {low}–{high}", "age_plus": "aged {low} and over", "age_one": "aged {age}",
    "title": "By {dimension}",
    "caption": "{indicator} by {dimension}, the latest value of each, highest first.",
    "alt": "Bar chart of {indicator} by {dimension}: {count} bars, highest {top} ({top_value}), "
           "lowest {bottom} ({bottom_value}). Every value is in the table.",
    "bar": "Bar",
    "no_value": "No value for: {names}.",
    "report_line": "By {dimension}: {values}",
    "report_title": "Breakdowns",
    "cross_title": "By {rows} and {columns}, {year}",
    "cross_caption": "{indicator}{unit} by {rows} and {columns}, {year}.",
})
"""Dimensions and their values in words, and the texts of a table per breakdown (``present.breakdowns``)."""


def breakdown_texts(language: str) -> dict[str, str]:
    return BREAKDOWN.of(language)


def labels(language: str) -> dict[str, str]:
    return LABELS.of(language)


_LEVEL_KEYS = {"priority": ("priority", "priorities"), "goal": ("goal", "goals"), "target": ("target", "targets"),
               "commitment": ("commitment", "commitments")}


def labels_for(strategy: Any, language: str | None = None) -> dict[str, str]:
    """The labels of ``language`` (default: the strategy's), with the strategy's own names of its
    levels (``levels:`` in goals.yaml) in place of priority, goal and target."""
    out = dict(labels(language or strategy.language))
    for level, one, many in getattr(strategy, "levels", ()):
        single, plural = _LEVEL_KEYS[level]
        out[single], out[plural] = one, many
    return out


def status_label(status: str, language: str) -> str:
    return STATUS.of(language).get(status, status)


def progress_label(status: str, language: str) -> str:
    """The name of a progress status, e.g. 'on-track' → 'I rätt takt'."""
    return PROGRESS.of(language).get(str(status), str(status))


THRESHOLD = Texts("threshold", {
    "at-least": "at least",
    "more-than": "more than",
    "at-most": "at most",
    "less-than": "less than",
})
"""The words before a target value that is a bound: 'minst 2 100'."""


def with_threshold(text: str, threshold: str | None, language: str) -> str:
    """A formatted target value with the words of its bound, if it is one: 'at least 2,100'."""
    if not threshold:
        return text
    return f"{THRESHOLD.of(language).get(threshold, threshold)} {text}"


_RELATIVE = Texts("relative", {
    "change": "{change} against {year}",
    "factor": "{factor} times the {year} value",
    "double": "doubled against {year}",
})


def relative_wording(value: Any, language: str) -> str:
    """A value written against a base year, in words: '−75 % mot 1990', 'doubled against 2017'; '' otherwise."""
    if value is None or not getattr(value, "relative", False):
        return ""
    words = _RELATIVE.of(language)
    if value.change is not None:
        sign = "−" if value.change < 0 else "+"
        change = f"{sign}{format_number(abs(value.change), language)}\u00a0%"
        return words["change"].format(change=change, year=value.base_year)
    if value.factor == 2:
        return words["double"].format(year=value.base_year)
    return words["factor"].format(factor=format_number(value.factor, language), year=value.base_year)


def with_relative(level: str, value: Any, language: str) -> str:
    """The relative wording of a target value with the level it gives: '−75 % mot 1990: 375 000';
    the wording alone when the base year's value, and so the level, is not known."""
    wording = relative_wording(value, language)
    if not wording:
        return level
    return f"{wording}: {level}" if value.value is not None else wording


_FORMS = Texts("forms", {
    "reach": "between {low} and {high}",
    "stay": "within {low}–{high} every year",
    "yearly": "{value} a year {period}",
    "cumulative": "{value} in total {period}",
})
"""The words of a range ('mellan 60 och 70 %') and of a flow over a period ('5 000 per år 2017–2023')."""


_GAP = Texts("gap", {
    "closed": "the gap with {name} closed",
    "at-most": "the gap with {name} at most {value}",
    "relative": "the gap with {name} {relative}: {value}",
    "relative-only": "the gap with {name} {relative}",
    "halved": "halved against {year}",
    "points": "percentage points",
    "gap": "gap with {name}",
})
"""The words of a gap target's value ('gapet mot Riket högst 1,5 procentenheter') and of a gap."""


def gap_value(value: float | None, unit: str, language: str, decimals: int | None = None) -> str:
    """A gap in the indicator's unit: between two percentages in percentage points ('1,6 procentenheter')."""
    if unit.strip().lower() in ("percent", "procent", "%"):
        return f"{format_number(value, language, decimals)}\u00a0{_GAP.of(language)['points']}"
    return format_value(value, unit, language, decimals)


def gap_wording(value_text: str, value: Any, name: str, language: str) -> str:
    """A gap target's value in words: closed, at most a gap, or a change of the gap against a base year."""
    words = _GAP.of(language)
    if value is not None and getattr(value, "relative", False):
        relative = (words["halved"].format(year=value.base_year)
                    if value.change == -50 or value.factor == 0.5 else relative_wording(value, language))
        return words["relative" if value.value is not None else "relative-only"].format(
            name=name, relative=relative, value=value_text)
    if value is not None and value.value is not None and value.value == 0:
        return words["closed"].format(name=name)
    return words["at-most"].format(name=name, value=value_text)


def gap_label(name: str, language: str) -> str:
    """'gap mot Riket', as a table's column or a line's name."""
    return _GAP.of(language)["gap"].format(name=name)


def range_wording(low: str, high: str, form: str | None, language: str) -> str:
    """A range as the goal, or a band to stay within, in words: 'between 60 and 70 %'."""
    words = _FORMS.of(language)
    return words["stay" if form == "stay" else "reach"].format(low=low, high=high)


def with_flow(text: str, value: Any, flow: str | None, language: str) -> str:
    """A formatted value with the words of a flow over a period: '5 000 a year 2017–2023'."""
    if flow not in ("yearly", "cumulative") or value is None or getattr(value, "from_year", None) is None:
        return text
    return _FORMS.of(language)[flow].format(value=text, period=value.period)


def direction_label(direction: str | None, language: str) -> str:
    return DIRECTION.of(language).get(direction or "", direction or "")


def frequency_label(frequency: str | None, language: str) -> str:
    return FREQUENCY.of(language).get(frequency or "", frequency or "")


def unit_label(unit: str, language: str) -> str:
    return UNITS.of(language).get(unit, unit)


def _natural_decimals(value: float) -> int:
    """Decimals as written, at most two; a small value keeps two significant digits (0,00012)."""
    fraction = f"{abs(value):.10f}".rstrip("0").split(".")[1]
    if abs(value) < 1 and fraction:
        leading_zeros = len(fraction) - len(fraction.lstrip("0"))
        return min(len(fraction), leading_zeros + 2)
    return min(len(fraction), 2)


def format_number(value: float | None, language: str, decimals: int | None = None) -> str:
    """A number as readers of the language write it: 270 154 and 79,5 in Swedish."""
    if value is None:
        return "–"
    if decimals is None:
        decimals = _natural_decimals(float(value))
    text = f"{value:,.{decimals}f}"
    if language == "sv":
        # Swedish: thin no-break space for thousands, comma for decimals, proper minus sign.
        text = text.replace(",", "\u202f").replace(".", ",").replace("-", "\u2212")
    return text


def format_value(value: float | None, unit: str, language: str, decimals: int | None = None) -> str:
    """A value with its unit: '79,5 %' or '270 154'."""
    number = format_number(value, language, decimals)
    if value is None:
        return number
    if unit.strip().lower() in ("percent", "procent", "%"):
        return f"{number}\u00a0%"
    return number


def format_observed(observation, indicator, language: str) -> str:
    """An observed value in its indicator's unit, marked when it is illustrative: '79,5 %*'.

    Plain text; a Markdown or Typst writer escapes it as it escapes any other text.
    """
    unit, decimals = (indicator.unit, indicator.decimals) if indicator is not None else ("", None)
    text = format_value(observation.value, unit, language, decimals)
    return text + labels(language)["illustrative_mark"] if observation.provenance.illustrative else text


# --- The process: consultation, dialogue, editions (strategykit.analysis.consultation) ---

KIND = Texts("kind", {
    "municipality": "Municipality",
    "region": "Region",
    "state-agency": "State agency",
    "business": "Business",
    "academia": "Academia",
    "non-profit": "Non-profit sector",
    "individual": "Private person",
    "other": "Other",
})

DECISION = Texts("decision", {
    "accepted": "Accepted",
    "partly-accepted": "Partly accepted",
    "not-accepted": "Not accepted",
    "noted": "Noted",
    "": "Not handled yet",
})

SUBJECT = Texts("subject", {
    "strategy": "The strategy",
    "priority": "Priority",
    "goal": "Goal",
    "target": "Target",
    "commitment": "Commitment",
    "overall-goal": "Overall goal",
    "perspective": "Perspective",
    "indicator": "Indicator",
    "chapter": "Chapter",
    "build": "File",
})

PROCESS = Texts("process", {
    "compilation": "Summary of consultation responses",
    "compilation_intro": "The proposal {edition} was out for consultation {period}.",
    "compilation_intro_no_period": "The proposal {edition} was out for consultation.",
    "responses_in": "{responses} responses with {comments} comments in all came in.",
    "no_responses": "No consultation responses have been registered.",
    "responses_by_kind": "Responses per kind of organisation",
    "kind_of_organisation": "Kind of organisation",
    "responses": "Responses",
    "comments": "Comments",
    "total": "Total",
    "decisions": "Decisions",
    "decision": "Decision",
    "respondents": "Respondents",
    "respondent": "Respondent",
    "received": "Received",
    "reference": "Reference",
    "comments_by_part": "Comments and decisions",
    "about": "About",
    "on": "on",
    "reason": "Reason",
    "changed_in": "Changed in",
    "whole_strategy": "The strategy as a whole",
    "vision_group": "Vision, overall goals and perspectives",
    "indicators_group": "Indicators",
    "unresolved_group": "Other comments",
    "illustrative_responses": "Responses marked * are illustrative: the comments are invented for the example and were not made by the respondent named.",
    "comments_about_goal": "Consultation comments on this goal",
    "participation": "Participation in figures",
    "participation_intro": "{meetings} dialogue meetings between {first} and {last} brought together {participants} participants in all.",
    "no_meetings": "No dialogue meetings have been registered.",
    "meetings": "Dialogue meetings",
    "meeting": "Dialogue meeting",
    "theme": "Theme",
    "place": "Place",
    "participants": "Participants",
    "date": "Date",
    "participants_by_kind": "Participants and responses per kind of organisation",
    "in_dialogue": "Participants in dialogue meetings",
    "goal_origins": "Where the goals come from",
    "comes_from": "Comes from",
    "no_origin": "Not given",
    "illustrative_process": "Details marked * are illustrative: dates, places, numbers of participants and the goals' origins are invented for the example.",
    "history": "Editions",
    "history_intro": "Every edition of the strategy, the latest first.",
    "no_history": "No history of editions has been registered.",
    "current_edition": "this edition",
    "tag": "Version identifier",
    "commit": "Version code",
    "note": "Note",
    "pdf": "PDF",
    "illustrative_history": "Editions marked * have invented dates and decisions (illustrative).",
    "changes_since": "Changes since the consultation version",
    "changes_intro": "This page compares the consultation version ({base}) with this edition ({head}). The list is made automatically from the source files: {parts} are matched by their ids.",
    "compared_parts": "{0}, {1}, {2} and {3}",
    "changes_none": "No change in substance since the consultation version.",
    "changes_unavailable": "The changes since the consultation version cannot be shown: {reason}",
    "changes_summary": "{changes} changes in substance, {lowered} of them lower an ambition.",
    "changes_summary_plain": "{changes} changes in substance.",
    "lowered-ambition": "Lowered ambition",
    "raised-ambition": "Raised ambition",
    "reversed-direction": "Direction reversed",
    "after_comments": "After consultation comment",
    "none": "none",
    "in_year": "in",
    "words": "words",
    "no_consultation_edition": "the history (editions.yaml) has no consultation edition.",
    "no_tag": "the consultation edition in editions.yaml has no version identifier (tag).",
    "tag_missing": "the version {tag} is not in the strategy's version history, or the history cannot be read here.",
    "side_unreadable": "the consultation version ({tag}) cannot be read.",
    "earlier_pdf_missing": "No PDF: the version {rev} is not in the strategy's version history.",
    "earlier_pdf_unreadable": "No PDF: the edition at {rev} cannot be read.",
    "earlier_pdf_other": "No PDF: {rev} holds edition {found}, not {version}.",
    "earlier_pdf_failed": "No PDF: it could not be built from {rev}.",
    "changes_summary_one": "1 change in substance, which lowers an ambition.",
    "changes_summary_plain_one": "1 change in substance.",
})

TARGET_FORM_WORDS = Texts("target_form", {
    "yearly": "an amount a year",
    "cumulative": "a total over the period",
    "reach": "reached by the target year",
    "stay": "kept every year",
    None: "–",
})
"""A target's flow (``flow:``) and range form (``range:``) in words, for the changes since the consultation."""

CHANGE = Texts("change", {
    "added": "added: {new}", "removed": "removed (was: {old})",
    "id-changed": "id changed from {old} to {new}; content unchanged",
    "renamed": "reworded: “{old}” → “{new}”", "text-changed": "text changed{words}",
    "moved": "moved from {old} to {new}",
    "lost-indicator": "no longer has an indicator and cannot be followed up",
    "indicator-changed": "indicator: {old} → {new}", "breakdown-changed": "breakdown: {old} → {new}",
    "direction-changed": "direction: {old} → {new}", "value-changed": "target value: {old} → {new}",
    "year-changed": "target year: {old} → {new}", "milestones-changed": "milestones: {old} → {new}",
    "baseline-changed": "baseline: {old} → {new}",
    "provenance-changed": "provenance of the target value: {old} → {new}",
    "threshold-changed": "threshold: {old} → {new}",
    "flow-changed": "flow: {old} → {new}", "range-form-changed": "range: {old} → {new}",
    "comparator-changed": "compared with: {old} → {new}",
    "relative-changed": "target value: {old} → {new}",
    "agenda2030-changed": "Agenda 2030 links: {old} → {new}",
    "contributions-changed": "contributes to other priorities: {old} → {new}",
    "shared-targets-changed": "targets shared with other goals: {old} → {new}",
    "frameworks-changed": "framework links: {old} → {new}",
    "perspectives-changed": "perspectives: {old} → {new}",
    "unit-changed": "unit: {old} → {new}", "source-changed": "source: {old} → {new}",
    "changed": "text changed{words}", "vision-changed": "vision changed{words}",
    "period-changed": "period: {old} → {new}", "title-changed": "title: “{old}” → “{new}”",
    "region-changed": "region: {old} → {new}",
})


def process_labels(language: str) -> dict[str, str]:
    return PROCESS.of(language)


def kind_label(kind: str, language: str) -> str:
    return KIND.of(language).get(kind, kind)


def decision_label(decision: str | None, language: str) -> str:
    return DECISION.of(language).get(decision or "", decision or "")


def subject_kind_label(kind: str, language: str, levels: tuple[tuple[str, str, str], ...] = ()) -> str:
    """'Mål', 'Delmål' …, or the strategy's own name of the level (``Strategy.levels``) when it gives one."""
    own = {level: one for level, one, _many in levels}
    return own.get(kind) or SUBJECT.of(language).get(kind, kind)


def compared_parts(strategy: Any, language: str) -> str:
    """'prioriteringar, mål, delmål och indikatorer': what the changes since consultation compare by id,
    in the strategy's own names of its levels."""
    L = labels_for(strategy, language)
    lower = [L[k][:1].lower() + L[k][1:] for k in ("priorities", "goals", "targets", "indicators")]
    return process_labels(language)["compared_parts"].format(*lower)


def change_template(verb: str, language: str) -> str | None:
    return CHANGE.of(language).get(verb)


def format_date(iso: str, language: str) -> str:
    """A YYYY-MM-DD date as readers of the language write it, by Babel's calendar data (CLDR):
    '12 maj 2020', '12 May 2020' — day, month name, year in every language, so both editions
    and both languages show one style. Text that is not such a date is shown as written."""
    import datetime as _dt

    from babel.dates import format_date as _babel_date  # not at the top: only a build shows dates

    try:
        day = _dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return _babel_date(day, "d MMMM y", locale=spoken(language))



def retrieved_note(retrieved: str | None, language: str) -> str:
    """', hämtad 15 januari 2025' after a cited source: when it was read, in the editions' one date style."""
    if not retrieved:
        return ""
    return f", {labels(language)['retrieved']} {format_date(retrieved, language)}"
