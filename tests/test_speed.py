"""The speed-ups of ``strategykit.speed`` change nothing but time.

``value`` gives the frozen dataclasses shared ``__eq__``, ``__hash__`` and ``__repr__``: each is
compared here with what ``@dataclass(frozen=True)`` itself makes for a twin class with the same
fields, on every value of the example's model and on the corner cases the generated methods have.
"""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
import sys

import pytest

from strategykit import speed
from strategykit.diagnostics import Diagnostic, Position, Severity
from strategykit.project import load_strategy
from strategykit.speed import value

from conftest import REPO


def _twin(cls: type) -> type:
    """A plain ``@dataclass(frozen=True)`` with the same fields (defaults, repr, compare and hash flags)."""
    specs = []
    for f in dataclasses.fields(cls):
        options = {"init": f.init, "repr": f.repr, "compare": f.compare, "hash": f.hash, "kw_only": f.kw_only}
        if f.default is not dataclasses.MISSING:
            options["default"] = f.default
        if f.default_factory is not dataclasses.MISSING:
            options["default_factory"] = f.default_factory
        specs.append((f.name, f.type, dataclasses.field(**options)))
    twin = dataclasses.make_dataclass(cls.__name__, specs, frozen=True)
    twin.__qualname__ = cls.__qualname__
    return twin


def _as_twin(obj, twins: dict[type, type]):
    cls = type(obj)
    twin = twins.setdefault(cls, _twin(cls))
    return twin(**{f.name: getattr(obj, f.name) for f in dataclasses.fields(cls) if f.init})


def _values(obj, seen: set[int], out: list) -> None:
    """Every ``value`` object reachable from ``obj`` (through fields, tuples, lists and mappings)."""
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        if type(obj).__eq__ is speed._eq:
            out.append(obj)
        for f in dataclasses.fields(obj):
            _values(getattr(obj, f.name), seen, out)
    elif isinstance(obj, (tuple, list, frozenset, set)):
        for item in obj:
            _values(item, seen, out)
    elif hasattr(obj, "items") and hasattr(obj, "keys"):
        for k, v in obj.items():
            _values(k, seen, out)
            _values(v, seen, out)


@pytest.fixture(scope="module")
def example_values() -> list:
    model = load_strategy(REPO).model
    out: list = []
    _values(model, set(), out)
    return out


def test_the_models_values_use_the_shared_methods(example_values):
    kinds = {type(v).__name__ for v in example_values}
    assert {"Strategy", "Priority", "Goal", "Target", "Indicator", "SourceMap", "MarkdownFile"} <= kinds
    from strategykit import model
    assert model.Target.__eq__ is speed._eq and model.Target.__hash__ is speed._hash
    assert model.Target.__repr__ is speed._repr


def test_shared_repr_equals_the_dataclass_repr_on_every_value_of_the_example(example_values):
    twins: dict[type, type] = {}
    for obj in example_values:
        assert repr(obj) == repr(_as_twin(obj, twins))


def test_shared_eq_and_hash_equal_the_dataclass_ones_on_every_value_of_the_example(example_values):
    twins: dict[type, type] = {}
    by_class: dict[type, list] = {}
    for obj in example_values:
        by_class.setdefault(type(obj), []).append(obj)
    for cls, objs in by_class.items():
        objs = objs[:12]
        for a in objs:
            ta = _as_twin(a, twins)
            if type(ta).__hash__ is not None:
                try:
                    expected = hash(ta)
                except TypeError:  # a field holds a list or a dict: both refuse alike
                    with pytest.raises(TypeError):
                        hash(a)
                else:
                    assert hash(a) == expected
            for b in objs:
                assert (a == b) == (ta == _as_twin(b, twins)), cls.__name__
                assert (a != b) == (ta != _as_twin(b, twins)), cls.__name__


@value
class _Point:
    """A value for the corner cases."""

    x: object
    y: object = 0
    note: str = dataclasses.field(default="", compare=False, repr=False)
    hashed: object = dataclasses.field(default=0, compare=False, hash=True)


@dataclasses.dataclass(frozen=True)
class _PlainPoint:
    x: object
    y: object = 0
    note: str = dataclasses.field(default="", compare=False, repr=False)
    hashed: object = dataclasses.field(default=0, compare=False, hash=True)


@value
class _One:
    """One field: compared as a one-element tuple, as ``@dataclass`` does."""

    x: object


@dataclasses.dataclass(frozen=True)
class _PlainOne:
    x: object


@value
class _Nothing:
    """No fields at all."""


@dataclasses.dataclass(frozen=True)
class _PlainNothing:
    pass


def test_shared_methods_handle_the_corner_cases_as_dataclass_does():
    nan = math.nan
    cases = [((1, 2, "a", 3), (1, 2, "b", 3)), ((nan, 1), (nan, 1)), ((1, 2), (1, 3)), (([1], 2), ([1], 2))]
    for args_a, args_b in cases:
        a, b = _Point(*args_a), _Point(*args_b)
        pa, pb = _PlainPoint(*args_a), _PlainPoint(*args_b)
        assert (a == b) == (pa == pb)
        assert repr(a).replace("_Point", "_PlainPoint") == repr(pa)
        assert (a == a) == (pa == pa)  # the same NaN object equals itself inside a tuple
    assert hash(_Point(1, 2, "x", 5)) == hash(_PlainPoint(1, 2, "y", 5)) == hash((1, 2, 5))
    assert _One(float("nan")) != _One(float("nan")) and _PlainOne(float("nan")) != _PlainOne(float("nan"))
    assert _One(nan) == _One(nan) and _PlainOne(nan) == _PlainOne(nan)  # one NaN object: equal by identity
    same = _One(nan)
    assert same == same and hash(_One(3)) == hash(_PlainOne(3)) == hash((3,))
    assert _Nothing() == _Nothing() and hash(_Nothing()) == hash(_PlainNothing()) == hash(())
    assert repr(_Nothing()) == "_Nothing()"
    assert _Point(1) != _PlainPoint(1) and _Point(1).__eq__(_PlainPoint(1)) is NotImplemented
    with pytest.raises(TypeError):
        hash(_Point([1]))


def test_a_value_that_holds_itself_shows_dots_as_dataclass_does():
    holder: list = []
    a = _One(holder)
    holder.append(a)
    plain_holder: list = []
    p = _PlainOne(plain_holder)
    plain_holder.append(p)
    assert repr(a) == "_One(x=[...])" and repr(p) == "_PlainOne(x=[...])"


def test_values_stay_frozen():
    d = Diagnostic("x", Severity.ERROR, "m", Position("f", 1, 1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.code = "y"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del d.code  # type: ignore[misc]
    assert dataclasses.replace(d, code="y").code == "y"
    assert dataclasses.asdict(d)["code"] == "x"
    with pytest.raises(dataclasses.FrozenInstanceError):  # nor given a new attribute, as a frozen dataclass
        d.cache = {}  # type: ignore[attr-defined]
    assert not hasattr(d, "cache")


def test_a_class_with_its_own_eq_is_refused():
    with pytest.raises(TypeError, match="defines __eq__"):
        @value
        class _Own:
            x: int

            def __eq__(self, other):
                return True


def test_check_imports_no_module_it_does_not_use():
    """What ``strategy check`` loads: nothing of the later stages, nor what only they or a rejected file need."""
    import subprocess

    code = ("import sys; from strategykit.cli import main; main(['check', %r, '--format', 'json']);"
            "import json; print('LOADED', json.dumps(sorted(sys.modules)))" % str(REPO))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    loaded = proc.stdout.rsplit("LOADED", 1)[-1]
    modules = set(json.loads(loaded))
    later = [m for m in modules if m.split(".")[:2] in (["strategykit", s] for s in
                                                         ("present", "render", "plan", "vcs", "build", "publish",
                                                          "devtools", "sources"))]
    assert later == []
    unused = {"babel", "jsonschema", "ruamel", "jinja2", "markdown", "mkdocs", "pypandoc", "typst",
              "importlib.resources", "tempfile", "zipfile", "subprocess", "strategykit.analysis.followup",
              "strategykit.analysis.diff"}
    assert sorted(modules & unused) == []


def test_a_check_looks_up_the_real_place_of_each_path_once(tmp_path, monkeypatch):
    from collections import Counter

    from conftest import copy_minimal
    from strategykit.project import check

    root = copy_minimal(tmp_path / "s")
    looked_up: Counter = Counter()
    resolve = Path.resolve

    def counted(self, *args, **kwargs):
        looked_up[str(self)] += 1
        return resolve(self, *args, **kwargs)

    monkeypatch.setattr(Path, "resolve", counted)
    assert check(root).ok
    # the strategy's folder once more by siteconfig, which reads mkdocs.yml on its own
    assert looked_up.pop(str(root)) <= 2 and max(looked_up.values()) == 1, looked_up.most_common(3)


def test_the_next_check_sees_a_link_changed_since_the_last(tmp_path):
    from conftest import copy_minimal
    from strategykit.project import check

    root = copy_minimal(tmp_path / "s")
    chapter = root / "strategy" / "01-inledning.md"
    kept = tmp_path / "kept.md"
    chapter.rename(kept)
    inside = root / "strategy" / "text.md"
    inside.write_text(kept.read_text(encoding="utf-8"), encoding="utf-8")
    chapter.symlink_to(inside)
    assert check(root).ok
    chapter.unlink()
    chapter.symlink_to(kept)  # now a link out of the strategy's folder
    assert "chapter-outside-folder" in {d.code for d in check(root).diagnostics}


def test_reading_a_yaml_file_makes_a_position_only_for_a_place_asked_for(monkeypatch):
    from strategykit.source import load

    made = []

    class Counted(Position):
        def __init__(self, *args, **kwargs):
            made.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(load, "Position", Counted)
    doc, problems = load.parse_yaml("strategy:\n  id: x\n  title: Titel\nlist: [1, 2]\n", "goals.yaml")
    assert problems == [] and made == []
    assert str(doc.source.values[("strategy", "title")]) == "goals.yaml:3:10"
    assert str(doc.source.keys[("list",)]) == "goals.yaml:4:1"
    assert str(doc.source.position(("list", 1))) == "goals.yaml:4:11" and len(made) == 3
    assert ("list", 2) not in doc.source.values and len(doc.source.keys) == 4


def _subparsers(parser):
    import argparse

    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return action.choices


def test_main_builds_only_the_typed_command_and_its_help_is_the_same_as_with_all():
    from strategykit.cli import COMMANDS, build_parser

    everything = _subparsers(build_parser())
    assert tuple(everything) == COMMANDS
    for command in COMMANDS:
        alone = _subparsers(build_parser(command))
        assert list(alone) == [command]
        assert alone[command].format_help() == everything[command].format_help()
    assert build_parser("check").format_usage() == build_parser().format_usage()


def test_a_check_run_as_a_command_declares_the_check_alone(monkeypatch):
    from strategykit import cli

    built = []
    real = cli.build_parser

    def spy(command=None):
        built.append(command)
        return real(command)

    monkeypatch.setattr(cli, "build_parser", spy)
    assert cli.main(["check", str(REPO), "--format", "json"]) == 0
    assert built == ["check"]
