"""Region codes of other schemes than Swedish county and municipality codes, when declared."""

from __future__ import annotations

import pytest

from strategykit.project import check
from strategykit.sources.fetch import FetchError, fetch_data

from conftest import edit, find

CODE = 'code: "99"}'


def _region(root, text: str) -> None:
    goals = (root / "goals.yaml").read_text(encoding="utf-8")
    assert goals.count(CODE) == 1
    (root / "goals.yaml").write_text(goals.replace(CODE, text), encoding="utf-8")


def test_an_ons_code_declared_as_such_checks_clean(minimal):
    _region(minimal, "code: W92000004, scheme: ons}")
    result = check(minimal)
    assert result.diagnostics == [] and result.model.region_scheme == "ons"
    assert result.model.region_code == "W92000004"


def test_an_ons_code_without_its_scheme_is_refused_with_a_hint_to_declare_it(minimal):
    _region(minimal, "code: W92000004}")
    (d,) = find(minimal, "invalid-value")
    assert "W92000004" in d.message and "scheme" in d.hint


def test_a_swedish_code_needs_no_scheme(minimal):
    assert check(minimal).model.region_scheme == "se"


def test_kolada_is_not_asked_for_a_region_of_another_scheme(minimal):
    _region(minimal, "code: W92000004, scheme: ons}")

    def opener(url, timeout):  # pragma: no cover - must not be called
        raise AssertionError("Kolada was asked")
    with pytest.raises(FetchError, match="Swedish counties and municipalities only"):
        fetch_data(minimal, opener=opener)


def test_a_changed_region_code_or_scheme_is_a_change_the_diff_shows(tmp_path):
    from strategykit.analysis.diff import describe
    from strategykit.present.consultation import describe_change
    from strategykit.vcs.revisions import diff

    from conftest import copy_minimal

    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    _region(new, "code: W92000004, scheme: ons}")
    (change,) = diff(old, str(old), str(new)).changes
    name = check(old).model.region_name
    assert (change.kind, change.subject) == ("region-changed", "strategy")
    assert (change.old, change.new) == (f"{name} (se 99)", f"{name} (ons W92000004)")
    assert describe(change) == f"region {name} (se 99) → {name} (ons W92000004)"
    assert describe_change(change, "sv") == f"region: {name} (se 99) → {name} (ons W92000004)"


def test_an_unchanged_region_gives_no_change(tmp_path):
    from strategykit.vcs.revisions import diff

    from conftest import copy_minimal

    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    assert diff(old, str(old), str(new)).changes == []
