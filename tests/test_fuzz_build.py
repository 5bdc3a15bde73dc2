"""check ⇒ build, fuzzed: every mutant of the example that checks clean builds both editions.

Seeded mutants of the example (tests/fuzz_support.py: Markdown, Unicode and control characters,
odd links in a chapter; random texts in goals.yaml) are checked; those without errors are built,
the PDF and the web edition (MkDocs, strict), and any build error fails the test with the mutation
that caused it. A few mutants run in `make test`; STRATEGY_FUZZ_BUILDS=300 (and STRATEGY_FUZZ_SEED)
runs a long one.
"""

from __future__ import annotations

import os
import random
import shutil
import time

import pytest

from strategykit.plan import gather
from strategykit.diagnostics import BuildError
from strategykit.render.pdf import build_pdf
from strategykit.project import check
from strategykit.render.web import build_site

from conftest import REPO
from fuzz_support import mutant, original
from web_support import copy_strategy

BUILDS = int(os.environ.get("STRATEGY_FUZZ_BUILDS", "8"))
SEED = int(os.environ.get("STRATEGY_FUZZ_SEED", "18"))
TRIES_PER_BUILD = 6
"""Most mutants check clean; a mutant that does not is skipped, up to this many per build wanted."""


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return copy_strategy(REPO, tmp_path_factory.mktemp("fuzz") / "example")


def test_check_clean_mutants_of_the_example_build_both_editions(example, tmp_path, monkeypatch):
    monkeypatch.setenv("STRATEGY_COMMIT", "0" * 40)
    rng = random.Random(SEED)
    built, refused, failures = 0, 0, []
    started = time.monotonic()
    for _ in range(BUILDS * TRIES_PER_BUILD):
        if built >= BUILDS:
            break
        m = mutant(rng)
        path = example / m.file
        path.write_text(m.text, encoding="utf-8", newline="")
        try:
            result = check(example)
            if not result.ok:
                refused += 1
                continue
            built += 1
            out = tmp_path / f"out-{built}"
            try:
                pdf = build_pdf(gather(result.model), out / "dist")
                build_site(gather(result.model), out / "site", pdf=pdf, earlier=())
            except BuildError as exc:
                failures.append(f"{m.what}\n    → {str(exc).splitlines()[0][:300]}")
            shutil.rmtree(out, ignore_errors=True)
        finally:
            path.write_text(original(m.file), encoding="utf-8", newline="")
    print(f"fuzz: seed {SEED}, {built} check-clean mutants built, {refused} refused by check, "
          f"{len(failures)} build failures, {time.monotonic() - started:.0f} s")
    assert built >= BUILDS, f"only {built} of {BUILDS} mutants checked clean"
    assert not failures, "check passed but the build failed:\n" + "\n".join(failures)
