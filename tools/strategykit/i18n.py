"""Labels and number formats per language: the editions speak the strategy's language.

Both renderers (web and PDF) take every visible word from here, so the two
editions say the same thing the same way.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "vision": "Vision",
        "overall_goals": "Övergripande mål",
        "perspectives": "Perspektiv",
        "priorities": "Prioriteringar",
        "priority": "Prioritering",
        "goal": "Mål",
        "goals": "Mål",
        "target": "Delmål",
        "targets": "Mätbara mål",
        "indicator": "Indikator",
        "indicators": "Indikatorer",
        "baseline": "Utgångsvärde",
        "target_value": "Målvärde",
        "year": "År",
        "target_year": "Målår",
        "milestones": "Etappmål",
        "direction": "Riktning",
        "unit": "Enhet",
        "definition": "Definition",
        "source": "Källa",
        "provider_id": "Id hos källan",
        "breakdowns": "Redovisas per",
        "frequency": "Uppdateras",
        "responsible": "Ansvarig",
        "used_by": "Används av",
        "agenda2030": "Agenda 2030",
        "chapters": "Kapitel",
        "contents": "Innehåll",
        "illustrative": "illustrativt värde",
        "illustrative_mark": "*",
        "illustrative_note": "Värden märkta * är illustrativa: de är inte hämtade ur en angiven källa och är inte statistik.",
        "sourced": "Källa",
        "retrieved": "hämtad",
        "edition": "Utgåva",
        "version": "Version",
        "status": "Status",
        "date": "Datum",
        "decision": "Beslut",
        "no_decision": "Inget beslut ännu",
        "commit": "Byggd från git-commit",
        "about_edition": "Om utgåvan",
        "accessibility": "Tillgänglighetsredogörelse",
        "downloads": "Ladda ner",
        "pdf_edition": "Tryckt utgåva (PDF)",
        "web_edition": "Webbutgåva",
        "key_figures": "Nyckeltal",
        "period": "Period",
        "region": "Region",
        "publisher": "Utgivare",
        "page": "Sida",
        "colophon": "Om den här utgåvan",
        "indicator_appendix": "Bilaga: Indikatorer",
        "goals_and_targets": "Mål och mätbara mål",
        "chart_of": "Diagram över",
        "values_table": "Värden i tabellform",
        "value": "Värde",
        "kind": "Typ",
        "gender": "kön",
        "women": "kvinnor",
        "men": "män",
        "total": "totalt",
    },
    "en": {
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
        "illustrative": "illustrative value",
        "illustrative_mark": "*",
        "illustrative_note": "Values marked * are illustrative: they are not taken from a cited source and are not statistics.",
        "sourced": "Source",
        "retrieved": "retrieved",
        "edition": "Edition",
        "version": "Version",
        "status": "Status",
        "date": "Date",
        "decision": "Decision",
        "no_decision": "No decision yet",
        "commit": "Built from git commit",
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
        "chart_of": "Chart of",
        "values_table": "Values as a table",
        "value": "Value",
        "kind": "Kind",
        "gender": "gender",
        "women": "women",
        "men": "men",
        "total": "total",
    },
}

STATUS = {
    "sv": {"draft": "Utkast", "dialogue": "Dialogversion", "consultation": "Remissversion",
           "proposal": "Förslag till beslut", "adopted": "Beslutad"},
    "en": {"draft": "Draft", "dialogue": "Dialogue version", "consultation": "Consultation version",
           "proposal": "Proposal for decision", "adopted": "Adopted"},
}

DIRECTION = {
    "sv": {"increase": "öka", "decrease": "minska", "maintain": "bibehålla"},
    "en": {"increase": "increase", "decrease": "decrease", "maintain": "maintain"},
}

FREQUENCY = {
    "sv": {"yearly": "årligen", "quarterly": "kvartalsvis", "monthly": "månadsvis",
           "biennial": "vartannat år", "irregular": "oregelbundet"},
    "en": {"yearly": "yearly", "quarterly": "quarterly", "monthly": "monthly",
           "biennial": "every other year", "irregular": "irregularly"},
}

UNITS = {
    "sv": {"percent": "procent", "count": "antal"},
    "en": {"percent": "percent", "count": "number"},
}


def labels(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["sv"])


def status_label(status: str, language: str) -> str:
    return STATUS.get(language, STATUS["sv"]).get(status, status)


def direction_label(direction: str | None, language: str) -> str:
    return DIRECTION.get(language, DIRECTION["sv"]).get(direction or "", direction or "")


def frequency_label(frequency: str | None, language: str) -> str:
    return FREQUENCY.get(language, FREQUENCY["sv"]).get(frequency or "", frequency or "")


def unit_label(unit: str, language: str) -> str:
    return UNITS.get(language, UNITS["sv"]).get(unit, unit)


def format_number(value: float | None, language: str, decimals: int | None = None) -> str:
    """A number as readers of the language write it: 270 154 and 79,5 in Swedish."""
    if value is None:
        return "–"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else min(len(repr(float(value)).split(".")[1]), 2)
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
