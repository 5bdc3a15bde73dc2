"""Every form a strategy can be written in has all its parts: the matrix of issue #15's done-when.

For each form: its fields in the schema carry descriptions (editors show them on hover), its rules
are registered and explained in the rules guide (docs/rules.*.md), the authors' guide shows how
to write it (AUTHORS_GUIDE.md and its Swedish twin), and the tests that make its rule fire and
stay quiet, that find it in the web edition, the PDF and the report, and that diff it, exist under
the names listed here. A form that loses a part, or a test that is renamed away, fails here.

The target forms are also checked end to end on the minimal strategy: each checks clean, and the
web edition's goal table, the PDF's data and the report's table say the same words for it.
"""

from __future__ import annotations

import datetime
import html
import importlib
import json
import re

import pytest

from strategykit.analysis.followup import follow_up
from strategykit.present.followup import format_markdown
from strategykit.project import check
from strategykit.rules import RULES

from conftest import REPO, edit
from web_support import html_rows

# form → schema places (JSON pointers into schema/goals.schema.json), rule codes, words the authors'
# guides (English and Swedish) show, and the tests (module::function) of each part. "matrix::<form>"
# is this module's end-to-end case for that target form (test_each_target_form_reads_alike_...).
MATRIX = {
    "levels": dict(
        schema=["/properties/levels"], rules=["level-names-alike"], guide=["levels: {priority:"],
        fire=["test_levels::test_two_levels_with_the_same_name_are_reported"],
        quiet=["test_levels::test_own_level_names_check_clean_and_are_in_the_model"],
        web=["test_levels::test_the_report_and_both_editions_use_the_strategys_names"],
        pdf=["test_levels::test_the_report_and_both_editions_use_the_strategys_names"],
        report=["test_levels::test_the_report_and_both_editions_use_the_strategys_names"],
        diff=["test_diff::test_the_diff_names_levels_with_the_strategys_own_words"]),
    "commitments": dict(
        schema=["/$defs/goal/properties/commitments", "/$defs/commitment/properties/owners"],
        rules=["duplicate-id"], guide=["commitments:", "owners:"],
        fire=["test_commitments::test_a_commitment_without_owners_is_reported",
              "test_commitments::test_a_commitment_id_used_by_a_target_is_a_duplicate"],
        quiet=["test_commitments::test_a_commitment_with_owners_and_assessments_checks_clean_and_is_in_the_model",
               "test_commitments::test_distinct_commitment_ids_are_no_duplicates"],
        web=["test_commitments::test_both_editions_show_the_commitment_labelled_as_judgement",
             "test_edition_parity::test_both_editions_show_each_commitments_assessment_owners_and_reasoning_alike"],
        pdf=["test_commitments::test_both_editions_show_the_commitment_labelled_as_judgement"],
        report=["test_commitments::test_the_report_shows_commitments_in_every_format"],
        diff=["test_diff::test_an_added_commitment_raises_and_a_removed_one_lowers_the_ambition",
              "test_diff::test_a_dropped_owner_lowers_the_ambition_and_an_added_one_raises_it"]),
    "assessments": dict(
        schema=["/$defs/commitment/properties/assessments", "/$defs/assessment/properties/status"],
        rules=["assessment-in-future", "assessment-outside-period", "assessment-year-twice",
               "assessment-before-its-year"],
        guide=["assessments:"],
        fire=["test_commitments::test_an_assessment_dated_in_the_future_is_reported",
              "test_commitments::test_an_assessment_for_a_year_outside_the_period_is_reported"],
        quiet=["test_commitments::test_an_assessment_dated_today_or_earlier_is_not_reported_as_future",
               "test_commitments::test_assessments_within_the_period_are_not_reported"],
        web=["test_commitments::test_both_editions_show_a_judged_goal_with_its_rule_in_the_method"],
        pdf=["test_commitments::test_both_editions_show_a_judged_goal_with_its_rule_in_the_method"],
        report=["test_commitments::test_the_report_shows_a_judged_goal_labelled_as_judgement_in_every_format"],
        diff=["test_diff::test_a_worse_latest_assessment_is_reported_without_an_ambition_flag",
              "test_diff::test_a_commitment_no_one_assesses_any_more_lowers_the_ambition"]),
    "absolute": dict(
        schema=["/$defs/goal_value/properties/value", "/$defs/target/properties/direction"],
        rules=["direction-mismatch", "target-without-value"], guide=["target: {year: 2030, value: 82}"],
        fire=["test_rules::test_increase_with_lower_target_is_reported",
              "test_rules::test_target_without_value_is_reported"],
        quiet=["test_rules::test_maintain_accepts_any_target", "matrix::absolute"],
        web=["matrix::absolute", "test_edition_parity::test_both_editions_show_each_targets_values_and_status_alike"],
        pdf=["matrix::absolute"], report=["matrix::absolute", "test_report::test_markdown_report_in_the_strategy_language"],
        diff=["test_diff::test_target_value_moving_against_its_direction_is_lowered_ambition"]),
    "relative": dict(
        schema=["/$defs/goal_value/properties/change", "/$defs/goal_value/properties/factor",
                "/$defs/goal_value/properties/base_year"],
        rules=["relative-target-without-base-value", "goal-value-conflict"], guide=["base_year: 1990"],
        fire=["test_relative_targets::test_a_base_year_without_a_known_value_is_reported",
              "test_relative_targets::test_a_value_written_both_as_a_level_and_as_a_change_is_reported"],
        quiet=["test_relative_targets::test_minus_forty_percent_on_a_percent_indicator_is_no_out_of_range_value",
               "matrix::relative"],
        web=["test_relative_targets::test_the_web_and_the_pdf_show_the_relative_wording", "matrix::relative"],
        pdf=["test_relative_targets::test_the_web_and_the_pdf_show_the_relative_wording", "matrix::relative"],
        report=["test_relative_targets::test_the_report_shows_the_wording_and_the_level_and_assesses_against_the_level"],
        diff=["test_relative_targets::test_a_smaller_relative_cut_is_lowered_ambition_even_without_the_base_value"]),
    "thresholds": dict(
        schema=["/$defs/target/properties/threshold"], rules=["direction-mismatch", "maintain-level-changed"],
        guide=["threshold: at-least"],
        fire=["test_thresholds::test_a_threshold_whose_direction_points_away_from_it_is_a_direction_mismatch",
              "test_thresholds::test_maintain_from_2400_to_2100_is_reported_as_a_changed_level"],
        quiet=["test_thresholds::test_a_floor_below_the_baseline_gives_no_direction_mismatch_and_needs_no_direction",
               "test_thresholds::test_maintain_within_the_band_is_quiet", "matrix::threshold"],
        web=["matrix::threshold"], pdf=["matrix::threshold"],
        report=["test_thresholds::test_the_report_says_at_least_and_explains_a_met_floor", "matrix::threshold"],
        diff=["test_thresholds::test_a_lowered_floor_or_a_raised_ceiling_is_lowered_ambition",
              "test_thresholds::test_an_inclusive_bound_made_strict_is_raised_ambition"]),
    "band and range": dict(
        schema=["/$defs/goal_value/properties/low", "/$defs/goal_value/properties/high",
                "/$defs/target/properties/range"],
        rules=["range-inverted", "target-form-mismatch"], guide=["low: 60, high: 70", "range: stay"],
        fire=["test_range_and_flow_targets::test_a_range_whose_low_end_is_above_its_high_end_is_reported",
              "test_range_and_flow_targets::test_range_on_a_single_value_is_a_form_mismatch"],
        quiet=["test_range_and_flow_targets::test_a_range_checks_clean",
               "test_range_and_flow_targets::test_a_band_to_stay_within_checks_clean"],
        web=["matrix::range", "matrix::band"], pdf=["matrix::range", "matrix::band"],
        report=["test_range_and_flow_targets::test_the_report_says_between_and_explains_a_range", "matrix::band"],
        diff=["test_range_and_flow_targets::test_a_narrowed_range_is_raised_ambition_and_a_widened_one_lowered",
              "test_range_and_flow_targets::test_a_band_to_stay_within_made_a_range_to_reach_is_lowered_ambition"]),
    "flow per year": dict(
        schema=["/$defs/target/properties/flow", "/$defs/goal_value/properties/from_year"],
        rules=["flow-period-invalid"], guide=["flow: yearly"],
        fire=["test_range_and_flow_targets::test_a_flow_whose_period_ends_before_it_starts_is_reported"],
        quiet=["test_range_and_flow_targets::test_a_flow_checks_clean_without_a_baseline", "matrix::yearly"],
        web=["matrix::yearly"], pdf=["matrix::yearly"],
        report=["test_range_and_flow_targets::test_the_report_says_per_year_and_explains_a_yearly_flow",
                "matrix::yearly"],
        diff=["test_range_and_flow_targets::test_a_lowered_yearly_amount_is_lowered_ambition",
              "test_range_and_flow_targets::test_a_changed_period_of_a_flow_is_reported"]),
    "cumulative": dict(
        schema=["/$defs/target/properties/flow", "/$defs/goal_value/properties/from_year"],
        rules=["flow-period-invalid"], guide=["flow: cumulative"],
        fire=["test_range_and_flow_targets::test_a_flow_without_a_first_year_is_reported"],
        quiet=["matrix::cumulative"],
        web=["matrix::cumulative"], pdf=["matrix::cumulative"], report=["matrix::cumulative"],
        diff=["test_range_and_flow_targets::test_a_yearly_amount_turned_into_a_total_over_the_period_is_lowered_ambition"]),
    "gap against a comparator": dict(
        schema=["/$defs/target/properties/comparator"],
        rules=["comparator-without-data", "comparator-baseline-missing", "gap-target-form", "gap-already-closed"],
        guide=["comparator: {name: Riket, series: riket}"],
        fire=["test_gap_targets::test_a_comparator_without_rows_in_the_data_file_is_reported",
              "test_gap_targets::test_a_gap_target_whose_region_is_already_ahead_is_reported"],
        quiet=["test_gap_targets::test_a_gap_target_with_its_comparator_data_checks_clean"],
        web=["test_gap_targets::test_the_target_row_says_the_gap_allowed",
             "test_gap_targets::test_the_chart_draws_the_comparator_beside_the_region_and_not_the_gap_as_a_level"],
        pdf=["test_gap_targets::test_the_target_row_says_the_gap_allowed",
             "test_edition_parity::test_both_editions_show_each_targets_values_and_status_alike"],
        report=["test_gap_targets::test_the_report_words_the_gap_and_explains_it"],
        diff=["test_gap_targets::test_a_larger_gap_allowed_is_lowered_ambition_and_a_smaller_one_raised"]),
    "milestones assessed": dict(
        schema=["/$defs/target/properties/milestones"], rules=["year-outside-period"], guide=["marked met or"],
        fire=["test_rules::test_milestone_outside_period_is_reported"], quiet=["matrix::absolute"],
        web=["test_milestones::test_both_editions_show_the_missed_milestone"],
        pdf=["test_milestones::test_both_editions_show_the_missed_milestone"],
        report=["test_milestones::test_on_track_with_its_latest_milestone_missed_says_so_in_the_report"],
        diff=["test_diff::test_lowered_milestone_is_flagged",
              "test_diff::test_a_milestone_moved_to_a_later_year_is_lowered_ambition"]),
    "provenance": dict(
        schema=["/$defs/goal_value/properties/decision", "/$defs/goal_value/properties/illustrative",
                "/$defs/decision"],
        rules=["target-value-without-provenance", "value-without-provenance"], guide=["decision: {body:"],
        fire=["test_provenance::test_a_target_value_without_decision_or_mark_is_reported_at_its_key"],
        quiet=["test_provenance::test_a_decided_target_value_is_quiet_and_carries_its_decision"],
        web=["test_provenance::test_the_web_edition_marks_an_illustrative_target_value_and_not_a_decided_one"],
        pdf=["test_provenance::test_the_pdf_marks_illustrative_target_and_milestone_values"],
        report=["test_provenance::test_the_report_marks_an_illustrative_target_value_and_not_a_decided_one"],
        diff=["test_diff::test_a_target_value_that_gains_its_decision_is_a_provenance_change_without_flag"]),
    "breakdowns, municipality included": dict(
        schema=["/properties/dimensions", "/$defs/target/properties/breakdown"],
        rules=["unknown-dimension", "target-breakdown-undeclared", "data-undeclared-dimension",
               "data-unknown-breakdown-value", "data-several-breakdowns"],
        guide=["municipality"],
        fire=["test_breakdowns::test_a_dimension_neither_known_nor_declared_is_reported_where_the_indicator_names_it",
              "test_breakdowns::test_a_target_for_a_dimension_its_indicator_does_not_declare_is_reported"],
        quiet=["test_breakdowns::test_known_and_declared_dimensions_are_quiet"],
        web=["test_breakdowns::test_both_editions_and_the_report_show_the_crossed_table",
             "test_edition_parity::test_both_editions_show_the_same_values_per_municipality_in_the_same_order"],
        pdf=["test_breakdowns::test_both_editions_and_the_report_show_the_crossed_table"],
        report=["test_breakdowns::test_the_report_shows_the_values_per_municipality_in_each_format"],
        diff=["test_breakdowns::test_a_target_moved_from_the_total_to_a_municipality_is_a_change_the_diff_shows"]),
    "cross-cutting goals and shared targets": dict(
        schema=["/$defs/goal/properties/contributes_to", "/$defs/goal/properties/shared_targets"],
        rules=["unknown-cross-reference", "cross-reference-to-own", "duplicate-cross-reference"],
        guide=["contributes_to"],
        fire=["test_crosscut::test_unknown_priority_in_contributes_to_is_reported_at_the_id",
              "test_crosscut::test_unknown_shared_target_is_reported_with_a_suggestion"],
        quiet=["test_crosscut::test_cross_rules_are_quiet_on_other_priorities_and_targets"],
        web=["test_crosscut::test_web_links_a_shared_target_and_a_contributing_goal_to_their_home",
             "test_edition_parity::test_both_editions_link_cross_cutting_goals_alike"],
        pdf=["test_crosscut::test_pdf_data_links_a_shared_target_to_its_label"],
        report=["test_crosscut::test_report_names_a_shared_target_once_where_it_is_followed_up"],
        diff=["test_crosscut::test_contribution_added_and_shared_target_removed_are_reported"]),
    "baselines over a period": dict(
        schema=["/$defs/observation/properties/from_year"], rules=["baseline-after-target"],
        guide=["from_year: 2013"],
        fire=["test_baseline_period::test_a_period_whose_first_year_comes_after_its_last_is_reported"],
        quiet=["test_baseline_period::test_a_baseline_over_a_period_checks_clean_and_is_shown_as_the_period"],
        web=["test_baseline_period::test_both_editions_show_the_period"],
        pdf=["test_baseline_period::test_both_editions_show_the_period"], report=["matrix::period"],
        diff=["test_baseline_period::test_the_diff_shows_a_baseline_year_becoming_a_period"]),
    "region code schemes": dict(
        schema=["/properties/strategy/properties/region/properties/scheme"], rules=[],
        guide=["scheme: ons"],
        fire=["test_region_scheme::test_an_ons_code_without_its_scheme_is_refused_with_a_hint_to_declare_it"],
        quiet=["test_region_scheme::test_an_ons_code_declared_as_such_checks_clean"],
        # the code says where the data come from (Kolada is asked only for a Swedish one); the editions
        # and the report name the region, never its code, in any scheme
        web=[], pdf=[], report=[],
        diff=["test_region_scheme::test_a_changed_region_code_or_scheme_is_a_change_the_diff_shows"]),
    "a target's text against its numbers": dict(
        schema=["/$defs/target/properties/text"], rules=["target-text-disagrees"], guide=["target-text-disagrees"],
        fire=["test_target_text::test_a_text_that_says_75_while_the_value_is_70_is_reported",
              "test_target_text::test_a_text_that_names_another_year_is_reported"],
        quiet=["test_target_text::test_a_text_without_numbers_is_quiet",
               "test_target_text::test_numbers_written_with_spaces_decimal_commas_and_thousands_agree"],
        web=[], pdf=[], report=[], diff=[]),  # a check of the sources only: nothing a reader sees changes
    "frameworks": dict(
        schema=["/$defs/goal/properties/frameworks"], rules=["unknown-framework"], guide=["frameworks: {"],
        fire=["test_crosscut::test_unknown_framework_is_reported",
              "test_crosscut::test_unknown_part_of_a_framework_is_reported"],
        quiet=["test_crosscut::test_known_framework_parts_are_accepted"],
        web=["test_crosscut::test_coverage_table_says_addressed_in_words_and_names_the_source",
             "test_edition_parity::test_both_editions_show_the_same_framework_coverage"],
        pdf=["test_edition_parity::test_both_editions_show_the_same_framework_coverage"],
        report=["test_crosscut::test_report_shows_which_framework_parts_the_strategy_addresses_in_every_format"],
        diff=["test_crosscut::test_contribution_added_and_shared_target_removed_are_reported"]),
    "declared frameworks": dict(
        schema=["/properties/frameworks", "/$defs/framework/properties/parts", "/$defs/framework_part/properties/parts"],
        rules=["duplicate-framework", "unknown-framework"], guide=["part_names:"],
        fire=["test_declared_frameworks::test_a_part_declared_twice_is_reported_at_the_second",
              "test_declared_frameworks::test_a_link_to_a_part_a_declared_framework_lacks_is_reported_with_a_suggestion",
              "test_declared_frameworks::test_a_declared_framework_must_name_its_source"],
        quiet=["test_declared_frameworks::test_distinct_ids_keep_the_duplicate_rule_quiet",
               "test_declared_frameworks::test_a_goal_links_to_a_part_within_a_part_of_a_declared_framework_and_checks_clean"],
        web=["test_declared_frameworks::test_both_editions_table_count_each_level_and_show_the_frameworks_note",
             "test_edition_parity::test_both_editions_show_the_same_framework_coverage"],
        pdf=["test_edition_parity::test_both_editions_show_the_same_framework_coverage"],
        report=["test_declared_frameworks::test_the_report_and_open_data_keep_the_levels"],
        diff=["test_declared_frameworks::test_the_changes_page_names_a_part_by_its_level"]),
}

PARTS = ("fire", "quiet", "web", "pdf", "report", "diff")

NOT_SHOWN = ["region code schemes / web", "region code schemes / pdf", "region code schemes / report",
             "a target's text against its numbers / web", "a target's text against its numbers / pdf",
             "a target's text against its numbers / report", "a target's text against its numbers / diff"]
"""The parts a form has none of, each for the reason given beside it in ``MATRIX``."""


def _pointer(schema: dict, pointer: str):
    node = schema
    for part in pointer.strip("/").split("/"):
        node = node[part]
    return node


def test_each_forms_schema_fields_have_descriptions():
    schema = json.loads((REPO / "schema" / "goals.schema.json").read_text(encoding="utf-8"))
    for form, m in MATRIX.items():
        for pointer in m["schema"]:
            node = _pointer(schema, pointer)
            assert node.get("description", "").strip(), f"{form}: {pointer} has no description"


def test_each_forms_rules_are_registered_and_explained_in_both_rules_guides():
    guides = {lang: (REPO / "docs" / f"rules.{lang}.md").read_text(encoding="utf-8") for lang in ("en", "sv")}
    for form, m in MATRIX.items():
        for code in m["rules"]:
            assert code in RULES, f"{form}: {code}"
            for lang, text in guides.items():
                assert f"### `{code}`" in text, f"{form}: {code} is not in docs/rules.{lang}.md"


def test_each_form_is_shown_in_both_authors_guides():
    guides = {name: (REPO / name).read_text(encoding="utf-8") for name in ("AUTHORS_GUIDE.md", "AUTHORS_GUIDE.sv.md")}
    for form, m in MATRIX.items():
        for words in m["guide"]:
            for name, text in guides.items():
                if words == "marked met or" and name.endswith(".sv.md"):
                    words = "nått eller inte nått"
                assert words in text, f"{form}: '{words}' is not in {name}"


def _test_exists(ref: str) -> bool:
    module, name = ref.split("::")
    if module == "matrix":
        return name in TARGET_FORMS
    return callable(getattr(importlib.import_module(module), name, None))


def test_every_part_of_every_form_has_its_test():
    missing = [f"{form} / {part}: {ref}" for form, m in MATRIX.items() for part in PARTS for ref in m[part]
               if not _test_exists(ref)]
    assert missing == []
    unaccounted = [f"{form} / {part}" for form, m in MATRIX.items() for part in PARTS
                   if not m[part]]
    assert unaccounted == NOT_SHOWN


# -- the target forms, end to end ------------------------------------------------------------

DIRECTION = "            direction: increase\n            baseline:\n              year: 2018\n              value: 270154\n"
BASELINE = DIRECTION.removeprefix("            direction: increase\n")
TARGET = "target: {year: 2030, value: 300000, illustrative: true}"
TEXT = "text: Befolkningen ska öka till 300 000 år 2030."
RANGE = "target: {year: 2030, low: 290000, high: 310000, illustrative: true}"

# form → (edits of target P1.2.a of the minimal strategy, the target or baseline cell's words)
TARGET_FORMS = {
    "absolute": ([], "300 000 (2030)"),
    "threshold": ([(DIRECTION, "            threshold: at-least\n" + BASELINE),
                   (TEXT, "text: Befolkningen ska vara minst 300 000 år 2030.")], "minst 300 000 (2030)"),
    "range": ([(DIRECTION, BASELINE), (TARGET, RANGE),
               (TEXT, "text: Befolkningen ska vara mellan 290 000 och 310 000 år 2030.")],
              "mellan 290 000 och 310 000 (2030)"),
    "band": ([(DIRECTION, "            range: stay\n" + BASELINE), (TARGET, RANGE),
              (TEXT, "text: Befolkningen ska hållas mellan 290 000 och 310 000 varje år till 2030.")],
             "inom 290 000–310 000 varje år (2030)"),
    "yearly": ([(DIRECTION, "            flow: yearly\n" + BASELINE),
                (TARGET, "target: {from_year: 2019, year: 2030, value: 3000, illustrative: true}"),
                (TEXT, "text: Befolkningen ska växa med minst 3 000 per år 2019–2030.")],
               "minst 3 000 per år 2019–2030"),
    "cumulative": ([(DIRECTION, "            flow: cumulative\n" + BASELINE),
                    (TARGET, "target: {from_year: 2019, year: 2030, value: 30000, illustrative: true}"),
                    (TEXT, "text: Befolkningen ska växa med 30 000 sammanlagt 2019–2030.")],
                   "30 000 sammanlagt 2019–2030"),
    "relative": ([(TARGET, "target: {year: 2030, change: 10, base_year: 2018, illustrative: true}"),
                  (TEXT, "text: Befolkningen ska öka med 10 procent mot 2018 till år 2030.")],
                 "+10 % mot 2018: 297 169,4 (2030)"),
    "period": ([("              year: 2018\n              value: 270154\n",
                 "              year: 2018\n              from_year: 2016\n              value: 270154\n")],
               "270 154 (2016–2018)"),
}


def _plain(text: str) -> str:
    """A cell as a reader reads it: no markup, no illustrative mark, ordinary spaces."""
    text = re.sub(r'<span class="sk-sr-only">.*?</span>', "", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("*", "")
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def _cells(row: str) -> list[str]:
    """A Markdown table row's cells as plain text, the first being the row's text column."""
    return [_plain(cell) for cell in row.strip().strip("|").split(" | ")]


@pytest.mark.parametrize("form", list(TARGET_FORMS))
def test_each_target_form_checks_clean_and_reads_alike_in_both_editions_and_the_report(minimal, form):
    from strategykit.render.pdf.data import document_data
    from strategykit.render.web import pages

    edits, words = TARGET_FORMS[form]
    for old, new in edits:
        edit(minimal, old, new)
    result = check(minimal)
    assert result.diagnostics == []
    model = result.model
    info = pages.EditionInfo(commit=None, build_date="2026-01-01", pdf_name=None)
    web = "\n".join(text for path, text in pages.generate(model, info).pages.items()
                    if path.startswith("prioriteringar/"))  # the goal table of the target's priority
    (web_row,) = [[_plain(c) for c in cells] for cells in html_rows(web)
                  if cells and cells[0].startswith("<strong>P1.2.a</strong>")]
    assert web_row[2 if form == "period" else 3] == words  # text | indicator | baseline | target (no status yet)
    data = document_data(model, commit=None, build_date=datetime.date(2026, 1, 1))
    (pdf,) = [t for p in data["priorities"] for g in p["goals"] for t in g["targets"] if t["id"] == "P1.2.a"]
    cell = pdf["baseline"] if form == "period" else pdf["target"]
    shown = _plain(cell["value"]) + (f" ({cell['year']})" if cell["year"] else "")
    assert shown == words
    report = format_markdown(follow_up(model), model)
    (report_row,) = [_cells(line) for line in report.split("\n") if line.startswith("| **P1.2.a**")]
    assert report_row[2 if form == "period" else 4] == words  # text | indicator | baseline | latest | target
