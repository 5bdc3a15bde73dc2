"""strategy fmt: one canonical form, every comment kept, idempotent, and nothing touched on failure."""

from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest

from strategykit.cli import main
from strategykit.devtools.fmt import CommentsWouldBeLost, format_text, scan_comments
from strategykit.source.load import parse_yaml
from strategykit.project import check

from conftest import REPO, copy_minimal, line_of

EXAMPLE = REPO / "goals.yaml"


def yaml_comments(text: str) -> Counter:
    """Every comment of a YAML text, found without a YAML library: full-line and end-of-line ones.

    Lines inside folded or literal texts (after '>' or '|') are content, not comments;
    a '#' inside quotes is text.
    """
    found: Counter = Counter()
    block_indent: int | None = None
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        quote = None
        for i, ch in enumerate(line):
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "\"'" and (i == 0 or line[i - 1] in " [{,:"):
                quote = ch
            elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
                found[line[i:].strip()] += 1
                line = line[:i]
                break
        if re.search(r":\s*[>|][-+]?\s*$", line) or re.match(r"^\s*-\s*[>|][-+]?\s*$", line):
            block_indent = indent
    return found


def test_example_keeps_every_comment_and_is_idempotent():
    original = EXAMPLE.read_text(encoding="utf-8")
    formatted = format_text(original)
    assert yaml_comments(formatted) == yaml_comments(original)
    assert sum(yaml_comments(original).values()) > 20
    assert format_text(formatted) == formatted


def test_example_means_the_same_after_formatting(tmp_path):
    shutil.copytree(REPO, tmp_path / "repo", ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "dist", ".build", "node_modules", "*.egg-info", "__pycache__"))
    root = tmp_path / "repo"
    before = check(root)
    assert main(["fmt", str(root)]) == 0
    after = check(root)
    assert parse_yaml((root / "goals.yaml").read_text(encoding="utf-8"), "g")[0].data == \
        parse_yaml(EXAMPLE.read_text(encoding="utf-8"), "g")[0].data
    assert [d.code for d in after.diagnostics] == [d.code for d in before.diagnostics]
    assert after.ok == before.ok


def test_repository_goals_yaml_is_in_canonical_form(capsys):
    assert main(["fmt", "--check", str(REPO)]) == 0, capsys.readouterr().out


def test_keys_follow_the_schema_order_with_end_of_line_and_trailing_comments_kept():
    text = """\
strategy:
  title: T
  id: x  # the id
vision: {text: V, horizon: 2030}
priorities:
  - title: A  # the title
    id: P1
    goals:
      - id: G
        title: Mål
        targets:
          - id: G.a
            text: Text
            baseline: {year: 2020, value: 1, illustrative: true}
            milestones:
              - {year: 2025, value: 2}  # on the way
            target: {year: 2030, value: 3}

  # after the priorities
indicators: []
chapters: []
"""
    out = format_text(text)
    assert "strategy:\n  id: x  # the id\n  title: T\n" in out
    assert "vision: {horizon: 2030, text: V}" in out
    assert "  - id: P1\n    title: A  # the title\n" in out
    assert ("            target: {year: 2030, value: 3}\n            milestones:\n"
            "              - {year: 2025, value: 2}  # on the way\n\n  # after the priorities\nindicators:") in out
    assert yaml_comments(out) == yaml_comments(text)
    assert format_text(out) == out


def test_mapping_with_a_comment_between_its_keys_keeps_the_authors_order():
    text = """\
targets:
  - id: G.a
    text: Text
    # the milestones come first, in the order of the years
    milestones:
      - {year: 2025, value: 2}
    target: {year: 2030, value: 3}
"""
    assert format_text(text) == text


@pytest.mark.parametrize("written,canonical", [
    ('version: "2020.1"', 'version: "2020.1"'),
    ("version: '2020.1'", 'version: "2020.1"'),
    ("date: 2020-01-15", 'date: "2020-01-15"'),
    ('title: "Plain text"', "title: Plain text"),
    ('title: "no"', 'title: "no"'),
    ('title: "N"', 'title: "N"'),
    ('title: "Mål: fler jobb"', 'title: "Mål: fler jobb"'),
    ("agenda2030: ['8.5', 4.a]", 'agenda2030: ["8.5", "4.a"]'),
    ("agenda2030: [4.a, 9.c]", "agenda2030: [4.a, 9.c]"),
    ("value: 45.0", "value: 45.0"),
    ("text: >-\n  Folded text\n  kept as folded.", "text: >-\n  Folded text\n  kept as folded."),
])
def test_quoting_is_double_quotes_only_where_a_reader_would_misread(written, canonical):
    assert format_text(written + "\n") == canonical + "\n"


def test_long_lines_are_never_rewrapped():
    text = "title: " + " ".join(["ord"] * 60) + "\n"
    assert format_text(text) == text


def test_check_lists_the_change_and_touches_nothing(minimal, capsys):
    goals = minimal / "goals.yaml"
    text = goals.read_text(encoding="utf-8").replace('code: "99"', "code: '99'")
    goals.write_text(text, encoding="utf-8")
    assert main(["fmt", "--check", str(minimal)]) == 1
    out = capsys.readouterr().out
    assert "-  region: {name: Testlän, code: '99'}" in out
    assert '+  region: {name: Testlän, code: "99"}' in out
    assert "run 'strategy fmt'" in out
    assert goals.read_text(encoding="utf-8") == text


def test_fmt_rewrites_and_second_run_changes_nothing(minimal, capsys):
    goals = minimal / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace('code: "99"', "code: '99'"), encoding="utf-8")
    assert main(["fmt", str(minimal)]) == 0
    assert "formatted" in capsys.readouterr().out
    first = goals.read_bytes()
    assert main(["fmt", str(minimal)]) == 0
    assert "already in canonical form" in capsys.readouterr().out
    assert goals.read_bytes() == first
    assert main(["fmt", "--check", str(goals)]) == 0


def test_file_that_does_not_load_is_refused_with_diagnostics_and_left_untouched(minimal, capsys):
    goals = minimal / "goals.yaml"
    broken = "strategy:\n  id: x\n  id: y\n# a comment\n"
    goals.write_text(broken, encoding="utf-8")
    assert main(["fmt", str(minimal), "--format", "text"]) == 1
    captured = capsys.readouterr()
    assert "goals.yaml:3:3: error duplicate-key" in captured.out
    assert "Nothing was formatted" in captured.err
    assert goals.read_text(encoding="utf-8") == broken


def test_minimal_fixture_is_canonical_after_one_run(tmp_path):
    root = copy_minimal(tmp_path / "m")
    text = (root / "goals.yaml").read_text(encoding="utf-8")
    once = format_text(text)
    assert format_text(once) == once
    assert yaml_comments(once) == yaml_comments(text)


def test_crlf_and_bom_become_plain_lf(minimal):
    goals = minimal / "goals.yaml"
    text = format_text(goals.read_text(encoding="utf-8"))
    goals.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert main(["fmt", str(minimal)]) == 0
    assert goals.read_bytes() == text.encode("utf-8")


def test_fmt_accepts_the_file_itself_as_path(minimal):
    assert main(["fmt", "--check", str(minimal / "goals.yaml")]) in (0, 1)


def test_yaml_comments_helper_ignores_hashes_in_text():
    assert yaml_comments('a: "x # y"  # real\nb: >-\n  # text\nc: 1 # two\n') == Counter({"# real": 1, "# two": 1})


FLOW_COMMENT = ("target: {year: 2030, value: 82, illustrative: true}", "target: {year: 2030, # kommentar\n              value: 82, illustrative: true}")


def test_comment_inside_a_flow_mapping_is_refused_and_the_file_left_byte_identical(minimal, capsys):
    goals = minimal / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace(*FLOW_COMMENT), encoding="utf-8")
    before = goals.read_bytes()
    line = line_of(minimal, "# kommentar")
    for args in (["fmt", str(minimal), "--format", "text"], ["fmt", "--check", str(minimal), "--format", "text"]):
        assert main(args) == 1
        captured = capsys.readouterr()
        assert f"goals.yaml:{line}:34: error fmt-comment-lost: " in captured.out
        assert "'# kommentar'" in captured.out
        assert "Flytta kommentaren till en egen rad ovanför nyckeln" in captured.out  # the fixture is Swedish
        assert "left as it was" in captured.err
        assert goals.read_bytes() == before


def test_format_text_refuses_to_lose_a_comment():
    text = "strategy:\n  target: {year: 2030, # kommentar\n    value: 82}\n  # kept\n"
    with pytest.raises(CommentsWouldBeLost) as refused:
        format_text(text)
    assert [(c.line, c.column, c.text) for c in refused.value.lost] == [(2, 24, "# kommentar")]


def test_a_comment_moved_above_the_key_is_kept():
    text = "strategy:\n  # kommentar\n  target: {year: 2030, value: 82}\n"
    assert format_text(text) == text


@pytest.mark.parametrize("text,expected", [
    ('a: "x # y"  # real\n', [(1, 13, "# real")]),
    ("a: 'it''s # not' # real\n", [(1, 18, "# real")]),
    ('a: "say \\"#no\\" # no" # yes\n', [(1, 23, "# yes")]),
    ("a: b#c # yes\n", [(1, 8, "# yes")]),
    ("url: http://x/#frag\n", []),
    ("a: >-\n  # text\n  more # text\n# after\n", [(4, 1, "# after")]),
    ("- text: |  # header\n    # text\n  other: 1  # sibling\n", [(1, 12, "# header"), (3, 13, "# sibling")]),
    ("- |\n  # text\n# after\n", [(3, 1, "# after")]),
    ('a: "one\n  # still text\n  two"  # end\n', [(3, 9, "# end")]),
    ("a: [1, # in\n  2]\nb: don't # c\n", [(1, 8, "# in"), (3, 10, "# c")]),
])
def test_scan_comments_knows_quotes_and_block_texts(text, expected):
    assert [(c.line, c.column, c.text) for c in scan_comments(text)] == expected


def test_scan_comments_marks_those_inside_flow_collections():
    found = scan_comments("a: {x: 1, # in\n  y: 2}  # out\n")
    assert [(c.text, c.in_flow) for c in found] == [("# in", True), ("# out", False)]


def test_scan_comments_agrees_with_the_independent_helper_on_the_example():
    text = EXAMPLE.read_text(encoding="utf-8")
    assert Counter(c.text for c in scan_comments(text)) == yaml_comments(text)
