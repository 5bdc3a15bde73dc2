"""What `strategy check` passes, `strategy build` builds: web and PDF, with no word from MkDocs or Typst.

The strategies come from tests/strategy_gen.py, which uses every form the model supports. `make test`
builds a few of them (``STRATEGY_PROPERTY_BUILDS``, default 8); set the variable higher for a longer
run, e.g. ``STRATEGY_PROPERTY_BUILDS=200 .venv/bin/python -m pytest tests/test_check_builds.py``.
A generated strategy that the check refuses is skipped (and not counted): the property is about
those it accepts.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
import yaml

import strategy_gen
from strategykit.analysis.known import followup_years
from strategykit.cli import main
from strategykit.present import yearly as present_yearly
from strategykit.project import check

BUILDS = int(os.environ.get("STRATEGY_PROPERTY_BUILDS", "8"))
MAX_SEEDS = BUILDS * 6
"""Seeds tried at most to find BUILDS strategies that check clean (about half of them do)."""


@pytest.fixture
def typst_warnings(monkeypatch) -> list:
    """Typst runs in a child process of a build worker, out of this process's reach: any warning it
    gives is made a build error (``STRATEGY_TYPST_WARNINGS=error``, render/pdf/toolchain.py), so it
    shows as the build's exit code and message. The list stays for warnings seen in this process."""
    monkeypatch.setenv("STRATEGY_TYPST_WARNINGS", "error")
    return []


def _build(root: Path, caplog, typst_warnings: list, capsys) -> list[str]:
    """Build both editions of ``root``; the problems (exit code, MkDocs and Typst words) as text."""
    caplog.clear()
    typst_warnings.clear()
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        code = main(["build", str(root)])
    err = capsys.readouterr().err
    problems = [f"exit {code}: {err.strip()}"] if code else []
    problems += [f"MkDocs {r.levelname}: {r.getMessage()}" for r in caplog.records if r.name.startswith("mkdocs")]
    problems += [f"Typst warning: {getattr(w, 'message', w)}" for w in typst_warnings]
    if code == 0:
        if not (root / "site" / "index.html").is_file():
            problems.append("no site/index.html")
        if not list((root / "dist").glob("*.pdf")):
            problems.append("no PDF in dist/")
        # The yearly follow-up: a PDF in dist/ and a page in the site for each year with data.
        model = check(root).model
        for year in followup_years(model):
            if not (root / "dist" / present_yearly.pdf_name(model, year)).is_file():
                problems.append(f"no follow-up PDF for {year}")
            if not (root / "site" / present_yearly.page(model, year).removesuffix(".md") / "index.html").is_file():
                problems.append(f"no follow-up page for {year}")
    return problems


def test_every_generated_strategy_that_checks_clean_builds_both_editions(tmp_path, caplog, typst_warnings, capsys):
    built, failures = 0, {}
    for seed in range(MAX_SEEDS):
        if built >= BUILDS:
            break
        root = tmp_path / f"seed-{seed}"
        strategy_gen.write(root, seed)
        if not check(root).ok:
            continue
        built += 1
        problems = _build(root, caplog, typst_warnings, capsys)
        if problems:
            failures[seed] = problems
    assert built == BUILDS, f"only {built} of {MAX_SEEDS} generated strategies checked clean"
    assert failures == {}, f"checked clean but did not build cleanly (seed: problems): {failures}"


def test_the_generator_uses_every_form_it_promises():
    forms: set[str] = set()
    for seed in range(60):
        files = strategy_gen.generate(seed)
        data = yaml.safe_load(files["goals.yaml"])
        goals = [g for p in data["priorities"] for g in p["goals"]]
        targets = [t for g in goals for t in g.get("targets", [])]
        commitments = [c for g in goals for c in g.get("commitments", [])]
        assessments = [a for c in commitments for a in c.get("assessments", [])]
        forms |= {"commitments-beside-targets" for g in goals if g.get("commitments") and g.get("targets")}
        forms |= {"only-commitments" for g in goals if g.get("commitments") and not g.get("targets")}
        forms |= {"unassessed-commitment" for c in commitments if not c.get("assessments")}
        forms |= {"commitment-without-assessor" for c in commitments if "assessed_by" not in c}
        forms |= {"named-owner" for c in commitments for o in c["owners"] if "name" in o}
        forms |= {f"commitment:{a['status']}" for a in assessments}
        forms |= {"evidence" for a in assessments if a.get("evidence")}
        forms |= {"illustrative-assessment" for a in assessments if a.get("illustrative")}
        forms |= {"followup-by-judgement" for _ in [1] if data["strategy"].get("followup")}
        forms |= {f"direction:{t.get('direction')}" for t in targets}
        forms |= {f"breakdown:{t['breakdown']}" for t in targets if "breakdown" in t}
        forms |= {f"threshold:{t['threshold']}" for t in targets if "threshold" in t}
        forms |= {"no-baseline" for t in targets if "indicator" in t and "baseline" not in t}
        forms |= {"milestones" for t in targets if t.get("milestones")}
        forms |= {"illustrative-baseline" for t in targets if t.get("baseline", {}).get("illustrative")}
        forms |= {"sourced-baseline" for t in targets if t.get("baseline", {}).get("source")}
        forms |= {"baseline-over-a-period" for t in targets if "from_year" in t.get("baseline", {})}
        forms |= {"region-scheme" for _ in [1] if "scheme" in data["strategy"]["region"]}
        forms |= {"own-level-names" for _ in [1] if "levels" in data}
        forms |= {"header-only-data" for k, v in files.items() if k.startswith("data/") and v.count("\n") == 1}
        forms |= {"gender-data" for k, v in files.items() if k.startswith("data/") and ",women," in v}
        forms |= {f"dimension:{d}" for i in data["indicators"] for d in i.get("breakdowns", [])}
        forms |= {"own-dimension-declared" for _ in [1] if "dimensions" in data}
        forms |= {f"breakdown:{next(iter(t['breakdown']))}" for t in targets if isinstance(t.get("breakdown"), dict)}
        forms |= {"municipality-data" for k, v in files.items() if k.startswith("data/") and ",,2480," in v}
        forms |= {"partial-municipality-data" for k, v in files.items() if k.startswith("data/")
                  and 0 < sum(f",{m}," in v for m in strategy_gen.MUNICIPALITIES) < len(strategy_gen.MUNICIPALITIES)}
        forms |= {"empty-dimension-column" for k, v in files.items() if k.startswith("data/")
                  and "municipality" in v.split("\n")[0] and not any(f",{m}," in v for m in strategy_gen.MUNICIPALITIES)
                  and v.count("\n") > 1}
        presented = [i for c in data["chapters"] for i in c.get("presents", [])]
        forms |= {"goal-in-two-chapters" for i in presented
                  if any(i.startswith(j + ".") or i == j for j in presented if j != i) or presented.count(i) > 1}
        forms |= {f"language:{data['strategy']['language']}"}
        start = data["strategy"]["period"]["start"]
        years = {int(line.split(",")[0]) for k, v in files.items() if k.startswith("data/")
                 for line in v.splitlines()[1:]}
        followups = {y for y in years if y >= start}
        forms |= {"no-followup-year" for _ in [1] if not followups}
        forms |= {"several-followup-years" for _ in [1] if len(followups) >= 2}
        forms |= {"data-before-the-edition" for _ in [1] if any(y < start for y in years)}
        values = [v for t in targets for v in [t.get("target"), *t.get("milestones", [])] if v]
        forms |= {"decided-value" for v in values if "decision" in v}
        forms |= {f"relative:{k}" for v in values for k in ("change", "factor") if k in v}
        forms |= {"illustrative-value" for v in values if v.get("illustrative")}
        forms |= {f"range:{t.get('range', 'reach')}" for t in targets if "low" in t.get("target", {})}
        forms |= {f"flow:{t['flow']}" for t in targets if "flow" in t}
        forms |= {f"gap:{'relative' if 'change' in t['target'] else 'closed' if t['target']['value'] == 0 else 'value'}"
                  for t in targets if "comparator" in t}
        forms |= {"comparator-data" for k, v in files.items() if k.startswith("data/") and "comparator" in v.split("\n")[0]}
        forms |= {"value-without-provenance" for v in values if "decision" not in v and "illustrative" not in v}
        goals = [g for p in data["priorities"] for g in p["goals"]]
        forms |= {"contributes-to" for g in goals if g.get("contributes_to")}
        forms |= {"shared-target" for g in goals if g.get("shared_targets")}
        forms |= {"only-shared-targets" for g in goals if g.get("shared_targets") and not g.get("targets")}
        forms |= {"framework-link" for g in goals if g.get("frameworks")}
        forms |= {"cover-image" for _ in [1] if "cover" in data["strategy"]}
        declared = data.get("frameworks", [])
        forms |= {f"declared-framework:{'replaces-nrs' if f['id'] == 'nrs' else 'own'}" for f in declared}
        forms |= {"framework-parts-within-parts" for f in declared if any(p.get("parts") for p in f["parts"])}
        forms |= {"link-to-a-part-within-a-part" for g in goals for fid, ids in g.get("frameworks", {}).items()
                  if any("." in i for i in ids)}
    expected = {"direction:increase", "direction:decrease", "direction:maintain", "direction:None",
                "breakdown:women", "breakdown:men", "no-baseline", "milestones", "illustrative-baseline",
                "sourced-baseline", "header-only-data", "gender-data", "goal-in-two-chapters",
                "language:sv", "language:en", "decided-value", "illustrative-value", "value-without-provenance",
                "threshold:at-least", "threshold:more-than", "threshold:at-most", "threshold:less-than",
                "relative:change", "relative:factor", "baseline-over-a-period", "region-scheme", "own-level-names",
                "no-followup-year", "several-followup-years", "data-before-the-edition",
                "commitments-beside-targets", "only-commitments", "unassessed-commitment",
                "commitment-without-assessor", "named-owner", "evidence", "illustrative-assessment",
                "followup-by-judgement", "commitment:done", "commitment:on-schedule", "commitment:delayed",
                "commitment:not-started", "commitment:discontinued",
                "range:reach", "range:stay", "flow:yearly", "flow:cumulative",
                "gap:relative", "gap:closed", "gap:value", "comparator-data",
                "contributes-to", "shared-target", "only-shared-targets", "framework-link",
                "dimension:municipality", "dimension:age", "dimension:sector", "dimension:birth", "own-dimension-declared",
                "breakdown:municipality", "breakdown:sector", "municipality-data", "partial-municipality-data", "empty-dimension-column",
                "cover-image", "declared-framework:replaces-nrs", "declared-framework:own",
                "framework-parts-within-parts", "link-to-a-part-within-a-part"}
    assert expected - forms == set()


def _variant(tmp_path: Path, seed: int, change) -> Path:
    """The generated strategy of ``seed``, with ``change(goals)`` applied to its goals.yaml."""
    root = tmp_path / "variant"
    strategy_gen.write(root, seed)
    data = yaml.safe_load((root / "goals.yaml").read_text(encoding="utf-8"))
    change(data)
    (root / "goals.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def _first_clean_seed(tmp_path: Path) -> int:
    for seed in range(50):
        root = tmp_path / f"probe-{seed}"
        strategy_gen.write(root, seed)
        if check(root).ok:
            return seed
    raise AssertionError("no generated strategy checks clean")


def test_a_goal_presented_in_two_chapters_builds_and_the_second_links_to_the_first(
        tmp_path, caplog, typst_warnings, capsys):
    seed = _first_clean_seed(tmp_path)

    def second_chapter(data):
        goal = data["priorities"][0]["goals"][0]["id"]
        data["chapters"].append({"id": "ocksa-har", "file": "strategy/99-ocksa-har.md", "presents": [goal]})
    root = _variant(tmp_path, seed, second_chapter)
    (root / "strategy" / "99-ocksa-har.md").write_text("# Tvärgående\n\nText.\n", encoding="utf-8")
    assert check(root).ok
    assert _build(root, caplog, typst_warnings, capsys) == []


def test_a_target_with_an_indicator_but_no_baseline_builds_when_the_rule_is_relaxed(
        tmp_path, caplog, typst_warnings, capsys):
    seed = _first_clean_seed(tmp_path)

    def no_baseline(data):
        for p in data["priorities"]:
            for g in p["goals"]:
                for t in g.get("targets", []):
                    t.pop("baseline", None)
        data["checks"] = {**data.get("checks", {}), "target-without-baseline": "warning"}
    root = _variant(tmp_path, seed, no_baseline)
    assert check(root).ok
    assert _build(root, caplog, typst_warnings, capsys) == []
