"""Synthetic strategies of a chosen size, for benchmarks: valid, clean and byte-for-byte repeatable.

``python -m strategykit.devtools.synthetic --scale 100 --seed 1 OUTDIR`` writes a strategy
repository (goals.yaml, strategy/*.md and data/<indicator>.csv) that passes ``strategy check`` with no
diagnostics. Scale 1 has the example's counts (6 priorities, 19 goals, 19 targets,
14 indicators, 12 chapters); scale 100 has the counts the performance issue names
(600 priorities, 2,000 goals, 5,000 targets, 1,000 indicators, 200 chapters);
between the two every count is a straight line in the scale. The prose grows in
proportion to the scale: 1× has as many bytes of chapter text as the example,
100× a hundred times as many.

Every value is made up and marked ``illustrative: true``; the strategy's notice says
so. The text is Swedish-like: real Swedish words in generated sentences, so that
hyphenation, line breaking and the å, ä and ö in fonts are exercised as in a real
strategy, but nothing in it means anything.

Only the standard library and ``random.Random(seed)`` are used, and the files are
written as text built line by line (never a YAML dumper), so the same seed gives
the same bytes on every machine and Python version.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from strategykit.model.sdg import SDG_TARGETS

# Counts at scale 1 (the example) and at scale 100 (the performance issue).
_AT_1 = {"priorities": 6, "goals": 19, "targets": 19, "indicators": 14, "chapters": 12}
_AT_100 = {"priorities": 600, "goals": 2000, "targets": 5000, "indicators": 1000, "chapters": 200}

EXAMPLE_PROSE_BYTES = 62_203
"""Bytes of chapter text in the example (strategy/*.md); scale s writes about s times this."""

PERIOD = (2020, 2040)
GENERATED = ("goals.yaml", "strategy", "data")
"""What the generator writes in its output folder, and what ``force`` replaces."""


@dataclass(frozen=True)
class Size:
    priorities: int
    goals: int
    targets: int
    indicators: int
    chapters: int
    prose_bytes: int

    @classmethod
    def at(cls, scale: float) -> "Size":
        """The counts at ``scale``: the example's at 1, the issue's at 100, a straight line between."""
        if scale < 1:
            raise ValueError("the scale is at least 1 (the example's size)")

        def line(key: str) -> int:
            return round(_AT_1[key] + (_AT_100[key] - _AT_1[key]) * (scale - 1) / 99)

        return cls(line("priorities"), line("goals"), line("targets"), line("indicators"),
                   line("chapters"), round(EXAMPLE_PROSE_BYTES * scale))


# --- words --------------------------------------------------------------------

_NOUNS = (
    "länet regionen kommunerna invånarna företagen arbetsmarknaden utbildningen kompetensen "
    "näringslivet landsbygden inlandet kustbygden staden bostäderna servicen kollektivtrafiken "
    "bredbandet omställningen klimatet energin skogen industrin forskningen innovationen "
    "besöksnäringen kulturen föreningslivet demokratin jämställdheten inkluderingen hälsan "
    "välfärden vården omsorgen skolan vuxenutbildningen lärosätena samverkan finansieringen "
    "infrastrukturen transporterna godstrafiken järnvägen vägnätet flygplatserna hamnarna "
    "digitaliseringen tillgängligheten attraktiviteten befolkningen ungdomarna pensionärerna "
    "nyanlända arbetsgivarna entreprenörerna kapitalförsörjningen exporten råvarorna "
    "förädlingsvärdet kretsloppet avfallet vattnet naturen ekosystemen renskötseln jordbruket "
    "livsmedelsproduktionen beredskapen tryggheten mötesplatserna civilsamhället myndigheterna "
    "uppföljningen indikatorerna målbilden genomförandet handlingsplanen partnerskapet"
).split()
_VERBS = tuple((
    "stärker|utvecklar|främjar|bidrar till|skapar|förbättrar|underlättar|möjliggör|behöver|"
    "påverkar|kräver|samordnar|stödjer|driver|leder till|ökar|minskar|binder samman|tar vara på|"
    "planerar|prioriterar|följer upp|förnyar|bygger ut|säkrar|breddar|fördjupar"
).split("|"))
_ADJECTIVES = (
    "hållbara långsiktiga regionala lokala gemensamma tydliga starka växande cirkulära fossilfria "
    "digitala jämställda inkluderande attraktiva konkurrenskraftiga innovativa trygga tillgängliga "
    "flexibla sammanhållna nationella internationella gränsöverskridande kunskapsintensiva "
    "resurseffektiva behovsstyrda gröna robusta ökade förbättrade bredare djupare"
).split()
_ADVERBS = tuple((
    "tillsammans|också|särskilt|därför|samtidigt|fortsatt|långsiktigt|gemensamt|i hela länet|"
    "på sikt|över tid|i första hand|i högre grad|med hjälp av forskning|i nära samverkan"
).split("|"))
_CONNECTORS = ("och", "men", "eftersom", "samtidigt som", "så att", "medan", "när", "därför att")
_OPENERS = (
    "För att nå målet", "Under strategiperioden", "I hela länet", "Enligt uppföljningen",
    "På kort sikt", "På lång sikt", "Inom prioriteringen", "Tillsammans med kommunerna",
    "Med utgångspunkt i analysen", "I dialog med näringslivet", "Som en följd av omställningen",
)
_PHRASES = (
    "i inlandet", "i kustbygden", "för kvinnor och män", "för unga", "för företagen",
    "i länets kommuner", "år 2030", "till år 2040", "inom industrin", "på landsbygden",
    "enligt SCB:s statistik", "med stöd av EU:s fonder", "enligt förordningen (2017:583)",
)
_HEADINGS = (
    "Bakgrund", "Nuläge", "Utmaningar", "Möjligheter", "Varför prioriteringen behövs",
    "Inriktning", "Exempel på insatser", "Koppling till perspektiven", "Samverkan och ansvar",
    "Finansiering", "Uppföljning och lärande", "Jämställdhet och inkludering", "Omvärlden",
    "Regionala förutsättningar", "Digitalisering", "Kompetens", "Klimat och miljö",
    "Tillgänglighet", "Genomförande", "Ansvarsfördelning", "Dialog och delaktighet",
)
_GENERAL_CHAPTERS = (
    "Inledning", "Länet i dag", "Vision", "Omvärld och trender", "Genomförande", "Uppföljning",
    "Så togs strategin fram", "Samverkan", "Finansiering", "Regionala förutsättningar",
    "Jämställdhet", "Hållbarhet", "Digital omställning", "Kompetens", "Internationellt arbete",
)
_INDICATOR_STEMS = (
    # id stem, name, unit, decimals, (low, high) of a plausible baseline
    ("andel-sysselsatta", "Förvärvsarbetande invånare, andel (%)", "percent", 1, (60, 85)),
    ("andel-eftergymnasial", "Invånare med eftergymnasial utbildning, andel (%)", "percent", 1, (30, 60)),
    ("andel-bredband", "Hushåll med snabbt bredband, andel (%)", "percent", 1, (50, 90)),
    ("andel-kollektivtrafik", "Kollektivtrafikens marknadsandel (%)", "percent", 1, (8, 30)),
    ("andel-lag-ekonomisk-standard", "Invånare med låg ekonomisk standard, andel (%)", "percent", 1, (8, 20)),
    ("valdeltagande", "Valdeltagande i regionvalet (%)", "percent", 1, (75, 90)),
    ("invanare", "Invånare totalt, antal", "count", 0, (20_000, 300_000)),
    ("inflyttade", "Inflyttade, antal", "count", 0, (2_000, 15_000)),
    ("nya-foretag", "Nystartade företag, antal", "count", 0, (300, 2_000)),
    ("fou-utgifter", "Företagens FoU-utgifter per invånare", "kronor per invånare", 0, (2_000, 9_000)),
    ("brp-per-sysselsatt", "Bruttoregionprodukt per sysselsatt", "tusen kronor per sysselsatt", 0, (600, 1_000)),
    ("utslapp-per-invanare", "Växthusgasutsläpp per invånare", "ton CO₂e per invånare", 1, (3, 9)),
)
_OVERALL_GOALS = (("levande-plats", "En levande plats"), ("cirkular-plats", "En cirkulär plats"))
_PERSPECTIVES = (("sammanhallen-region", "Sammanhållen region"),
                 ("jamlik-jamstalld-inkludering", "Jämlik och jämställd inkludering"),
                 ("foregangare-i-omstallning", "Föregångare i omställning"))
_SDG = tuple(sorted(SDG_TARGETS, key=lambda r: (int(r.split(".")[0]), r)))
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class _Prose:
    """Swedish-like sentences, paragraphs and titles from one seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def _verb(self) -> str:
        return self.rng.choice(_VERBS)

    def clause(self) -> str:
        r = self.rng
        parts = [r.choice(_NOUNS), self._verb(), r.choice(_ADJECTIVES), r.choice(_NOUNS)]
        if r.random() < 0.5:
            parts.append(r.choice(_PHRASES))
        if r.random() < 0.4:
            parts.append(r.choice(_ADVERBS))
        return " ".join(parts)

    def sentence(self) -> str:
        """A sentence with the marks the example's prose has: commas, colons, some *emphasis*."""
        r = self.rng
        text = self.clause()
        if r.random() < 0.15:
            text += f": {self.clause()}"
        elif r.random() < 0.6:
            text += f" {r.choice(_CONNECTORS)} {self.clause()}"
        if r.random() < 0.3:
            text = f"{r.choice(_OPENERS)} {text}"
        if r.random() < 0.2:
            text = text.replace(" och ", ", och ", 1)
        if r.random() < 0.15:
            words = text.split(" ")
            i = r.randrange(1, len(words))
            if words[i].isalpha():
                mark = r.choice(("*", "**"))
                words[i] = f"{mark}{words[i]}{mark}"
                text = " ".join(words)
        return text[:1].upper() + text[1:] + "."

    def paragraph(self, sentences: tuple[int, int] = (3, 6)) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def title(self, words: tuple[int, int] = (4, 9)) -> str:
        r = self.rng
        n = r.randint(*words)
        picked = [r.choice(_NOUNS), self._verb(), r.choice(_ADJECTIVES), r.choice(_NOUNS)]
        while len(picked) < n:
            picked.append(r.choice(_PHRASES) if r.random() < 0.5 else r.choice(_NOUNS))
        text = " ".join(picked[:max(n, 4)])
        return text[:1].upper() + text[1:]

    def bullets(self) -> list[str]:
        """A bulleted list, now and then a numbered one."""
        numbered = self.rng.random() < 0.2
        return [f"{f'{i}.' if numbered else '-'} {self.title((5, 12))}."
                for i in range(1, self.rng.randint(3, 6) + 1)]


# --- the strategy as plain data ---------------------------------------------------

@dataclass
class _Target:
    id: str
    text: str
    indicator: str
    breakdown: str | None
    direction: str
    base_year: int
    base: float
    milestones: list[tuple[int, float]]
    target_year: int
    target: float
    decimals: int
    agenda: list[str]


@dataclass
class _Goal:
    id: str
    title: str
    text: str
    agenda: list[str]
    perspectives: list[str]
    targets: list[_Target]


@dataclass
class _Priority:
    id: str
    title: str
    summary: str
    overall: list[str]
    goals: list[_Goal]


@dataclass
class _Indicator:
    id: str
    name: str
    unit: str
    decimals: int
    definition: str
    kolada: str
    gender: bool
    low: float
    high: float


def _spread(total: int, bins: int, rng: random.Random) -> list[int]:
    """``total`` items over ``bins`` bins, each at least one, the rest placed at random."""
    counts = [1] * bins
    for _ in range(total - bins):
        counts[rng.randrange(bins)] += 1
    return counts


_UNIT_WORDS = {"percent": "procent", "count": ""}
_VERB_BY_DIRECTION = {"increase": "öka till", "decrease": "minska till", "maintain": "behållas på"}


def _target_text(ind: "_Indicator", direction: str, value: float, year: int) -> str:
    """'Invånare totalt ska öka till 281 138 år 2030.' with Swedish number format."""
    subject = ind.name.split(",")[0].replace(" (%)", "")
    number = f"{value:,.{ind.decimals}f}".replace(",", "\u00a0").replace(".", ",")
    unit = _UNIT_WORDS.get(ind.unit, ind.unit)
    return f"{subject} ska {_VERB_BY_DIRECTION[direction]} {number}{' ' + unit if unit else ''} år {year}."


def _fmt(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}" if decimals else str(int(round(value)))


def _values(rng: random.Random, ind: "_Indicator", direction: str, milestones: int,
            known: dict[int, float] | None = None) -> tuple[int, float, list[tuple[int, float]], int, float]:
    """A baseline, milestones and a target that agree with the direction, the unit and the period.

    ``known`` holds the baselines other targets already gave the same indicator and
    breakdown, by year: a target starting in one of those years starts from that value,
    so that the data file can agree with every baseline (rule baseline-differs-from-data).
    """
    decimals = ind.decimals
    base_year = rng.randint(2016, 2019)
    target_year = rng.choice((2030, 2035, 2040))
    years = sorted(rng.sample(range(PERIOD[0] + 2, target_year), milestones))
    base = round(rng.uniform(ind.low, ind.high), decimals)
    if known and base_year in known:
        base = known[base_year]
    if ind.unit == "percent":
        end = min(base + rng.uniform(2, 12), 99.0) if direction == "increase" else base - rng.uniform(2, base / 2)
    else:
        end = base * (rng.uniform(1.05, 1.4) if direction == "increase" else rng.uniform(0.4, 0.95))
    end = round(end, decimals)
    if direction == "maintain":
        return base_year, base, [], target_year, base
    steps = [round(base + (end - base) * (i + 1) / (milestones + 1), decimals) for i in range(milestones)]
    values = [base, *steps, end]
    if any((b >= a) if direction == "decrease" else (b <= a) for a, b in zip(values, values[1:])):
        steps = []  # rounding made two values equal: drop the milestones rather than bend the line
        years = []
    return base_year, base, list(zip(years, steps)), target_year, end


def _build(size: Size, rng: random.Random, prose: _Prose) -> tuple[list[_Priority], list[_Indicator]]:
    indicators: list[_Indicator] = []
    for i in range(size.indicators):
        stem, name, unit, decimals, (low, high) = _INDICATOR_STEMS[i % len(_INDICATOR_STEMS)]
        number = i // len(_INDICATOR_STEMS) + 1
        indicators.append(_Indicator(
            id=f"{stem}-{number}", name=f"{name}, serie {number}", unit=unit, decimals=decimals,
            definition=prose.paragraph((1, 3)), kolada=f"N{10000 + i:05d}",
            gender=unit in ("percent", "count") and rng.random() < 0.5, low=low, high=high,
        ))

    goals_per_priority = _spread(size.goals, size.priorities, rng)
    targets_per_goal = _spread(size.targets, size.goals, rng)
    # Every indicator is used once first (no unused-indicator warnings), then at random.
    order = list(range(size.indicators))
    rng.shuffle(order)
    uses = order + [rng.randrange(size.indicators) for _ in range(size.targets - size.indicators)]

    overall = [ident for ident, _ in _OVERALL_GOALS]
    perspectives = [ident for ident, _ in _PERSPECTIVES]
    priorities: list[_Priority] = []
    baselines: dict[tuple[str, str], dict[int, float]] = {}
    goal_index = target_index = 0
    for p in range(size.priorities):
        pid = f"P{p + 1}"
        goals: list[_Goal] = []
        for g in range(goals_per_priority[p]):
            gid = f"{pid}.{g + 1}"
            targets: list[_Target] = []
            for t in range(targets_per_goal[goal_index]):
                ind = indicators[uses[target_index]]
                target_index += 1
                direction = rng.choices(("increase", "decrease", "maintain"), (6, 3, 1))[0]
                breakdown = rng.choice((None, None, "women", "men")) if ind.gender else None
                known = baselines.setdefault((ind.id, breakdown or "total"), {})
                base_year, base, miles, target_year, end = _values(
                    rng, ind, direction, rng.choice((0, 0, 1, 2)), known)
                known.setdefault(base_year, base)
                suffix = _LETTERS[t] if t < len(_LETTERS) else str(t + 1)
                targets.append(_Target(
                    id=f"{gid}.{suffix}",
                    text=_target_text(ind, direction, end, target_year) + " " + prose.sentence(),
                    indicator=ind.id, breakdown=breakdown, direction=direction,
                    base_year=base_year, base=base, milestones=miles, target_year=target_year,
                    target=end, decimals=ind.decimals, agenda=rng.sample(_SDG, rng.randint(0, 1)),
                ))
            goal_index += 1
            goals.append(_Goal(
                id=gid, title=prose.title() + ".", text=prose.paragraph((2, 3)),
                agenda=rng.sample(_SDG, rng.randint(1, 3)),
                perspectives=rng.sample(perspectives, rng.randint(1, 2)), targets=targets,
            ))
        priorities.append(_Priority(
            id=pid, title=prose.title((3, 6)), summary=prose.paragraph((1, 2)),
            overall=rng.sample(overall, rng.randint(1, 2)), goals=goals,
        ))
    return priorities, indicators


# --- writing ------------------------------------------------------------------

def _q(text: str) -> str:
    """A YAML scalar for ``text``: plain when YAML reads it back unchanged as text, else double-quoted."""
    plain_safe = (text and text == text.strip() and not any(s in text for s in (": ", " #", '"', "'"))
                  and text[0] not in "-?:,[]{}#&*!|>%@`" and not text[-1] == ":"
                  and not text.replace(".", "").replace("-", "").isdigit()
                  and text.lower() not in ("yes", "no", "on", "off", "true", "false", "null", "~"))
    return text if plain_safe else json.dumps(text, ensure_ascii=False)


def _folded(text: str, indent: int, width: int = 92) -> list[str]:
    """``text`` as a folded block scalar body (``>-``), wrapped at ``width``."""
    pad = " " * indent
    lines: list[str] = []
    line = ""
    for word in text.split(" "):  # not split(): a no-break space inside a number stays
        if line and len(pad) + len(line) + 1 + len(word) > width:
            lines.append(pad + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(pad + line)
    return lines


def _flow_list(items: list[str], quote: bool = False) -> str:
    return "[" + ", ".join(json.dumps(i) if quote else i for i in items) + "]"


def _goals_yaml(scale: float, seed: int, priorities: list[_Priority],
                indicators: list[_Indicator], chapters: list[tuple[str, str, str, list[str]]],
                prose: _Prose) -> str:
    out: list[str] = []
    add = out.append
    add("# yaml-language-server: $schema=schema/goals.schema.json")
    add(f"# Synthetic strategy for benchmarks: scale {scale:g}, seed {seed}. Generated by")
    add(f"# `python -m strategykit.devtools.synthetic --scale {scale:g} --seed {seed}`; do not edit by hand.")
    add("strategy:")
    add(f"  id: syntetisk-strategi-{scale:g}x".replace(".", "-"))
    add(f"  title: Syntetisk regional utvecklingsstrategi, skala {scale:g}")
    add("  subtitle: Testinnehåll för prestandamätning")
    add("  publisher: Strategykit")
    add("  contact: {email: tillganglighet@example.se}")
    add("  notice: >-")
    out += _folded("Syntetiskt innehåll: texten är genererad och saknar betydelse, och alla värden "
                   "är påhittade och märkta som illustrativa.", 4)
    add("  region:")
    add("    name: Syntetiska län")
    add('    code: "24"')
    add("  period:")
    add(f"    start: {PERIOD[0]}")
    add(f"    end: {PERIOD[1]}")
    add("  language: sv")
    add("  edition:")
    add('    version: "1.0"')
    add("    status: consultation")
    add('    date: "2020-01-15"')
    add("vision:")
    add(f"  horizon: {PERIOD[1]}")
    add(f"  title: {_q(prose.title((4, 7)))}")
    add("  text: >-")
    out += _folded(prose.paragraph((3, 4)), 4)

    for key, statements in (("overall_goals", _OVERALL_GOALS), ("perspectives", _PERSPECTIVES)):
        add(f"{key}:")
        for ident, title in statements:
            add(f"  - id: {ident}")
            add(f"    title: {title}")
            add("    text: >-")
            out += _folded(prose.paragraph((2, 3)), 6)
            if key == "overall_goals":
                add(f"    agenda2030: {_flow_list(prose.rng.sample(_SDG, 4), quote=True)}")

    add("priorities:")
    for p in priorities:
        add(f"  - id: {p.id}")
        add(f"    title: {_q(p.title)}")
        add("    summary: >-")
        out += _folded(p.summary, 6)
        add(f"    overall_goals: {_flow_list(p.overall)}")
        add("    goals:")
        for g in p.goals:
            add(f"      - id: {g.id}")
            add(f"        title: {_q(g.title)}")
            add("        text: >-")
            out += _folded(g.text, 10)
            add(f"        agenda2030: {_flow_list(g.agenda, quote=True)}")
            add(f"        perspectives: {_flow_list(g.perspectives)}")
            add("        targets:")
            for t in g.targets:
                add(f"          - id: {t.id}")
                add("            text: >-")
                out += _folded(t.text, 14)
                add(f"            indicator: {t.indicator}")
                if t.breakdown:
                    add(f"            breakdown: {t.breakdown}")
                add(f"            direction: {t.direction}")
                add(f"            baseline: {{year: {t.base_year}, value: {_fmt(t.base, t.decimals)}, illustrative: true}}")
                if t.milestones:
                    add("            milestones:")
                    for year, value in t.milestones:
                        add(f"              - {{year: {year}, value: {_fmt(value, t.decimals)}, illustrative: true}}")
                add(f"            target: {{year: {t.target_year}, value: {_fmt(t.target, t.decimals)}, illustrative: true}}")
                if t.agenda:
                    add(f"            agenda2030: {_flow_list(t.agenda, quote=True)}")

    add("indicators:")
    for i in indicators:
        add(f"  - id: {i.id}")
        add(f"    name: {_q(i.name)}")
        add(f"    unit: {_q(i.unit)}")
        add(f"    decimals: {i.decimals}")
        add("    definition: >-")
        out += _folded(i.definition, 6)
        add(f"    source: {{provider: Kolada, id: {i.kolada}}}")
        if i.gender:
            add("    breakdowns: [gender]")
        add("    frequency: yearly")
        add("    responsible: Syntetiska regionen, analysenheten")

    add("chapters:")
    for cid, file, _title, presents in chapters:
        add(f"  - id: {cid}")
        add(f"    file: {file}")
        if presents:
            add(f"    presents: {_flow_list(presents)}")
    return "\n".join(out) + "\n"


def _chapters(size: Size, priorities: list[_Priority], prose: _Prose
              ) -> tuple[list[tuple[str, str, str, list[str]]], dict[str, str]]:
    """The chapter list (id, file, title, presents) and each file's Markdown.

    Half of the chapters present priorities (a contiguous run of them each, every
    goal under its own heading); the rest are general chapters. Each chapter is
    filled with sections until it holds its share of the prose budget.
    """
    rng = prose.rng
    n_presenting = max(1, min(size.chapters // 2, len(priorities)))
    n_general = size.chapters - n_presenting
    groups: list[list[_Priority]] = []
    per, extra = divmod(len(priorities), n_presenting)
    start = 0
    for k in range(n_presenting):
        stop = start + per + (1 if k < extra else 0)
        groups.append(priorities[start:stop])
        start = stop
    # General chapters open and close the strategy, as in the example: three first, the rest last.
    head = min(3, n_general)
    layout: list[list[_Priority] | None] = [None] * head + groups + [None] * (n_general - head)
    budget = size.prose_bytes / size.chapters
    width = max(2, len(str(size.chapters)))

    chapters: list[tuple[str, str, str, list[str]]] = []
    files: dict[str, str] = {}
    general_seen = 0
    for number, group in enumerate(layout, start=1):
        lines: list[str] = []
        if group is None:
            name = _GENERAL_CHAPTERS[general_seen % len(_GENERAL_CHAPTERS)]
            if general_seen >= len(_GENERAL_CHAPTERS):
                name += f" {general_seen // len(_GENERAL_CHAPTERS) + 1}"
            general_seen += 1
            title, presents = name, []
        elif len(group) == 1:
            title, presents = f"{group[0].id} {group[0].title}", [group[0].id]
        else:
            title, presents = f"Prioriteringarna {group[0].id}–{group[-1].id}", [p.id for p in group]
        lines += [f"# {title}", "", prose.paragraph(), ""]
        for p in group or []:
            level = "##" if len(group) == 1 else "###"
            if len(group) > 1:
                lines += [f"## {p.id} {p.title}", "", prose.paragraph((2, 4)), ""]
            for g in p.goals:
                lines += [f"{level} Mål {g.id} – {g.title.rstrip('.')}", "", prose.paragraph(), ""]
                if rng.random() < 0.5:
                    lines += [prose.paragraph((2, 4)), ""]
        used = sum(len(line.encode("utf-8")) + 1 for line in lines)
        while used < budget:
            section = [f"## {rng.choice(_HEADINGS)}", "", prose.paragraph(), ""]
            if rng.random() < 0.3:
                section += prose.bullets() + [""]
            if rng.random() < 0.5:
                section += [prose.paragraph(), ""]
            lines += section
            used += sum(len(line.encode("utf-8")) + 1 for line in section)
        slug = _slug(title)
        cid = f"kapitel-{number:0{width}d}"
        file = f"strategy/{number:0{width}d}-{slug}.md"
        chapters.append((cid, file, title, presents))
        files[file] = "\n".join(lines).rstrip("\n") + "\n"
    return chapters, files


def _slug(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "–": "-"})
    words = "".join(ch if ch.isalnum() else " " for ch in text.lower().translate(table)).split()
    return "-".join(words[:5]) or "kapitel"


def _observations(indicators: list[_Indicator], priorities: list[_Priority], rng: random.Random
                  ) -> dict[str, str]:
    """Observed values per indicator as data/<indicator>.csv, in the follow-up's format.

    The columns are those of schema/observations.schema.json: year, value, breakdown,
    provenance, source, retrieved. One row per year from the indicator's earliest
    baseline to 2024, by gender where the indicator has that breakdown, every value
    illustrative (so source and retrieved stay empty). In a target's baseline year the
    row for its breakdown holds the baseline itself, as the rule baseline-differs-from-data
    asks; between them the values wander a little.
    """
    pinned: dict[tuple[str, str, int], float] = {}
    first: dict[str, tuple[int, float]] = {}
    for p in priorities:
        for g in p.goals:
            for t in g.targets:
                pinned.setdefault((t.indicator, t.breakdown or "total", t.base_year), t.base)
                earlier = first.get(t.indicator)
                if earlier is None or t.base_year < earlier[0] or (
                        t.base_year == earlier[0] and t.breakdown is None):
                    first[t.indicator] = (t.base_year, t.base)
    files: dict[str, str] = {}
    for ind in indicators:
        year0, value = first.get(ind.id, (2018, round(rng.uniform(ind.low, ind.high), ind.decimals)))
        rows = ["year,value,breakdown,provenance,source,retrieved"]
        for year in range(year0, 2025):
            if (ind.id, "total", year) in pinned:
                value = pinned[(ind.id, "total", year)]
            for breakdown in (("total", "women", "men") if ind.gender else ("total",)):
                v = value * rng.uniform(0.97, 1.03)
                if ind.unit == "percent":
                    v = min(v, 100.0)
                v = pinned.get((ind.id, breakdown, year), v)
                rows.append(f"{year},{_fmt(v, ind.decimals)},{breakdown},illustrative,,")
            value = value * rng.uniform(0.99, 1.02)
        files[f"data/{ind.id}.csv"] = "\n".join(rows) + "\n"
    return files


def generate(scale: float, seed: int, *, observations: bool = True) -> dict[str, str]:
    """All files of a synthetic strategy, as a map from relative path to text."""
    size = Size.at(scale)
    rng = random.Random(seed)
    prose = _Prose(rng)
    priorities, indicators = _build(size, rng, prose)
    chapters, files = _chapters(size, priorities, prose)
    out = {"goals.yaml": _goals_yaml(scale, seed, priorities, indicators, chapters, prose)}
    out.update(files)
    if observations:
        out.update(_observations(indicators, priorities, random.Random(f"{seed}-observations")))
    return out


def write(out_dir: Path, scale: float, seed: int, *, observations: bool = True, force: bool = False) -> Size:
    """Write a synthetic strategy into ``out_dir``; with ``force``, replace one generated before."""
    out_dir = Path(out_dir)
    present = [name for name in GENERATED if (out_dir / name).exists()]
    if present and not force:
        raise FileExistsError(f"{out_dir} already holds {', '.join(present)}; use --force to replace them")
    for name in present:
        target = out_dir / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for rel, text in generate(scale, seed, observations=observations).items():
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return Size.at(scale)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m strategykit.devtools.synthetic",
        description="Write a synthetic strategy (goals.yaml, strategy/*.md, data/*.csv) of a given size for benchmarks.",
    )
    parser.add_argument("out_dir", metavar="OUTDIR", help="folder to write the strategy into")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size relative to the example: 1 (the example's counts), 10, 100 (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives byte-identical files (default 1)")
    parser.add_argument("--no-observations", dest="observations", action="store_false",
                        help="leave out the observed values (data/<indicator>.csv)")
    parser.add_argument("--force", action="store_true", help="replace a strategy generated there before")
    args = parser.parse_args(argv)
    try:
        size = write(Path(args.out_dir), args.scale, args.seed, observations=args.observations, force=args.force)
    except (FileExistsError, ValueError) as exc:
        print(f"synthetic: {exc}", file=sys.stderr)
        return 2
    print(f"{args.out_dir}: {size.priorities} priorities, {size.goals} goals, {size.targets} targets, "
          f"{size.indicators} indicators, {size.chapters} chapters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
