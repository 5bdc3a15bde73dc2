"""The example strategy (Västerbotten RUS 2020–2040) is complete, clean and honest about its figures."""

from __future__ import annotations

import re

from strategykit.project import check

from conftest import REPO

# County population on 31 December, SCB via Regionfakta (shared/reference/vasterbotten.md).
REFERENCE_POPULATION = {2018: 270154, 2020: 273192, 2021: 274563, 2022: 276295, 2023: 278729, 2024: 281138}
KNOWN_PROVIDER_IDS = {
    "N01951", "N00914", "N01982", "N00401", "N07918", "N03926", "N66080", "N05402", "N07530", "U85427",
    "N85085", "N01801", "BE0101A/BefolkningNy", "NR0105ENS2010T01A", "MI1301B/UtslappLan",
}


def example():
    result = check(REPO)
    assert result.model is not None
    return result


def test_example_checks_without_errors_or_warnings():
    assert [f"{d.position} {d.code}" for d in example().diagnostics] == []


def test_example_has_the_required_structure():
    model = example().model
    assert len(model.priorities) >= 6
    assert len(list(model.goals())) >= 18
    assert [o.title for o in model.overall_goals] == ["En levande plats", "En cirkulär plats"]
    assert [p.title for p in model.perspectives] == [
        "Sammanhållen region", "Jämlik och jämställd inkludering", "Föregångare i omställning"]
    assert model.edition.status == "proposal"
    assert (model.period_start, model.period_end, model.vision_horizon) == (2020, 2040, 2040)


def test_every_goal_has_a_measurable_target_on_a_real_indicator():
    model = example().model
    for goal in model.goals():
        assert goal.targets, goal.id
        assert goal.agenda2030, goal.id
        for t in goal.targets:
            ind = model.indicator(t.indicator_id)
            assert ind is not None and ind.source and ind.source.id in KNOWN_PROVIDER_IDS, t.id
            assert t.baseline.year and t.baseline.value is not None and t.target.year and t.target.value is not None


def test_only_reference_figures_are_presented_as_sourced():
    model = example().model
    for _, t in model.targets():
        prov = t.baseline.provenance
        if prov.illustrative:
            continue
        assert REFERENCE_POPULATION.get(t.baseline.year) == t.baseline.value, (
            f"{t.id}: {t.baseline.value} ({t.baseline.year}) is marked sourced but is not in the reference file")


def test_example_is_labelled_as_example_content():
    model = example().model
    assert "exempel" in model.notice.lower()
    assert "inte den beslutade strategin" in model.notice


def test_chapters_cover_the_story_in_order():
    model = example().model
    titles = [c.title for c in model.chapters]
    assert len(titles) >= 10
    text = " ".join(c.document.text for c in model.chapters)
    for needed in ["2017:583", "OECD", "remiss", "regionfullmäktige", "Kolada", "idéburna"]:
        assert needed in text, needed
    for code, name in [("2401", "Nordmaling"), ("2482", "Skellefteå"), ("2463", "Åsele")]:
        assert re.search(rf"{code}\D+{name}|{name}\D+{code}", text), name
