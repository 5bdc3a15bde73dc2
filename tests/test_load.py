"""The YAML reader: strict, safe, bounded, and precise about where a problem is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategykit.source.load import MAX_FILE_BYTES, load_yaml, parse_markdown, parse_yaml


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def parse(text: str):
    return parse_yaml(text, "goals.yaml")


def test_positions_are_kept_for_keys_and_values():
    doc, problems = parse("strategy:\n  id: x\n  period: {start: 2020, end: 2040}\nlist:\n  - a\n  - b\n")
    assert problems == []
    src = doc.source
    assert (src.keys[("strategy", "id")].line, src.keys[("strategy", "id")].column) == (2, 3)
    assert (src.values[("strategy", "id")].line, src.values[("strategy", "id")].column) == (2, 7)
    assert src.values[("strategy", "period", "end")].column == 30
    assert src.values[("list", 1)].line == 6


def test_position_of_missing_path_falls_back_to_nearest_ancestor():
    doc, _ = parse("a:\n  b: 1\n")
    assert doc.source.position(("a", "b", "c", 0)).line == 2


@pytest.mark.parametrize("text,line", [
    ("a: 1\na: 2\n", 2),
    ("top:\n  x: 1\n  y: 2\n  x: 3\n", 4),
    ("items:\n  - id: a\n    id: b\n", 3),
    ("a: {b: 1, b: 2}\n", 1),
])
def test_duplicate_keys_are_errors_at_every_level(text, line):
    doc, problems = parse(text)
    d = only(problems)
    assert doc is None
    assert d.code == "duplicate-key"
    assert d.position.line == line
    assert "first at line" in d.message


def test_tab_indentation_is_named():
    d = only(parse("strategy:\n\tid: x\n")[1])
    assert d.code == "yaml-syntax" and d.position.line == 2
    assert "tab" in d.message.lower()


def test_unclosed_quote_points_at_the_opening_quote():
    d = only(parse('strategy:\n  id: "abc\n  title: x\n')[1])
    assert (d.position.line, d.position.column) == (2, 7)
    assert "quote" in d.message


def test_bad_indentation_is_reported_with_position():
    d = only(parse("strategy:\n  id: x\n   title: y\n")[1])
    assert d.code == "yaml-syntax" and d.position.line == 3


def test_colon_in_unquoted_text_gets_quoting_hint():
    d = only(parse("title: Mål: fler jobb\n")[1])
    assert "quote" in d.hint.lower()


@pytest.mark.parametrize("text", [
    "a: !!python/object:os.system {}\n",
    "a: !!python/name:os.system\n",
    "a: !custom x\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!set {x}\n",
])
def test_unsafe_or_unknown_tags_are_refused(text):
    d = only(parse(text)[1])
    assert d.code in ("unsafe-tag", "yaml-syntax")


def test_alias_bomb_is_stopped():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    d = only(parse("\n".join(lines) + "\n")[1])
    assert d.code == "yaml-too-large"


def test_small_aliases_are_allowed():
    doc, problems = parse("a: &x [1, 2]\nb: *x\n")
    assert problems == [] and doc.data == {"a": [1, 2], "b": [1, 2]}


def test_deep_nesting_is_refused():
    d = only(parse("a: " + "[" * 200 + "]" * 200 + "\n")[1])
    assert d.code == "yaml-too-deep"


@pytest.mark.parametrize("text", ["", "# only a comment\n# and another\n", "---\n"])
def test_empty_file_is_one_clear_error(text):
    d = only(parse(text)[1])
    assert d.code == "empty-file"


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
def test_non_finite_numbers_are_refused(value):
    d = only(parse(f"value: {value}\n")[1])
    assert d.code == "invalid-number"


def test_huge_integer_is_refused():
    d = only(parse("value: 123456789012345678901234567890\n")[1])
    assert d.code == "invalid-number"


def test_dates_stay_text():
    doc, _ = parse("date: 2020-01-15\n")
    assert doc.data == {"date": "2020-01-15"}


def test_yaml_11_booleans_remember_what_was_written():
    doc, _ = parse("language: no\n")
    assert doc.data == {"language": False}
    assert doc.source.raw[("language",)] == "no"


def test_bom_and_crlf_are_read(tmp_path):
    path = tmp_path / "goals.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n")
    doc, problems = load_yaml(path, "goals.yaml")
    assert problems == [] and doc.data == {"a": 1, "b": 2}
    assert doc.source.values[("b",)].line == 2


def test_invalid_utf8_is_reported_at_its_line(tmp_path):
    path = tmp_path / "goals.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    doc, problems = load_yaml(path, "goals.yaml")
    d = only(problems)
    assert doc is None and d.code == "invalid-encoding"
    assert (d.position.line, d.position.column) == (2, 7)


def test_oversized_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "goals.yaml"
    with open(path, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    d = only(load_yaml(path, "goals.yaml")[1])
    assert d.code == "file-too-large"


def test_missing_file_is_reported(tmp_path):
    d = only(load_yaml(tmp_path / "goals.yaml", "goals.yaml")[1])
    assert d.code == "file-missing"


def test_markdown_outline_ignores_fenced_code():
    md = parse_markdown("# Titel\n\n```\n# not\n![](x.png)\n```\n\n## Del\n![Karta](k.png)\n", "c.md")
    assert [(h.level, h.text, h.line) for h in md.headings] == [(1, "Titel", 1), (2, "Del", 8)]
    assert [(i.alt, i.target, i.line) for i in md.images] == [("Karta", "k.png", 9)]
    assert md.title == "Titel"


def test_markdown_outline_sees_reference_style_images_with_their_place():
    md = parse_markdown("# T\n\nText ![][logo] och\n> citat ![Karta][logo] ![logo]\n\n[logo]: karta.png\n", "c.md")
    assert [(i.alt, i.target, i.line, i.column) for i in md.images] == [
        ("", "karta.png", 3, 6), ("Karta", "karta.png", 4, 9), ("logo", "karta.png", 4, 24)]


def test_markdown_outline_sees_setext_headings_and_strips_attribute_lists():
    md = parse_markdown("Titel {#start}\n=====\n\nDel *ett*\n---\n\n    # indraget är kod\n", "c.md")
    assert [(h.level, h.text, h.line, h.plain, h.anchor) for h in md.headings] == [
        (1, "Titel", 1, "Titel", "start"), (2, "Del *ett*", 4, "Del ett", None)]


def test_markdown_links_keep_target_line_and_column():
    md = parse_markdown("# T\n\n- Se [a](03-vision.md#mal) och\n  [b][ref] <https://example.org>\n\n"
                        "[ref]: 04-x.md\n\n```\n[c](kod.md)\n```\n", "c.md")
    assert [(link.target, link.line, link.column) for link in md.links] == [
        ("03-vision.md#mal", 3, 6), ("04-x.md", 4, 3), ("https://example.org", 4, 12)]


def test_markdown_outline_keeps_targets_as_written():
    md = parse_markdown("# T\n\n![Karta](bilder/karta%20ny.svg) [x](javascript:alert(1))\n", "c.md")
    assert md.images[0].target == "bilder/karta%20ny.svg"
    assert md.links[0].target == "javascript:alert(1)"


@pytest.mark.parametrize("text, line, column, closing", [
    ("strategy:\n  id: x\n  title: [oavslutad\n", 3, 10, "']'"),
    ("strategy: {id: x, title: y\nvision: z\n", 1, 11, "'}'"),
])
def test_an_unclosed_bracket_is_reported_where_it_opens(text, line, column, closing):
    doc, problems = parse_yaml(text, "goals.yaml")
    assert doc is None
    (d,) = problems
    assert (d.code, d.position.line, d.position.column) == ("yaml-syntax", line, column)
    assert "not closed" in d.message and closing in d.hint


def _example_with(old: str, new: str) -> str:
    from pathlib import Path
    text = (Path(__file__).resolve().parents[1] / "goals.yaml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_a_quote_left_open_is_reported_at_the_quote_even_when_yaml_fails_lines_below():
    text = _example_with("  title: Regional utvecklingsstrategi för Västerbottens län 2020–2040\n",
                         '  title: "Regional utvecklingsstrategi\n')
    line = text.split("\n").index('  title: "Regional utvecklingsstrategi') + 1
    d = only(parse(text)[1])
    assert (d.code, d.position.line, d.position.column) == ("yaml-syntax", line, 10)
    assert "not closed" in d.message and "indent" not in d.hint.lower()


@pytest.mark.parametrize("text, line", [
    ("strategy:\n  id: x\n  title \"x\"\n  subtitle: y\n", 3),
    ("strategy:\n  title \"x\"\n  subtitle: y\n", 2),
    ("strategy:\n  id: x\n  title Levande län\n\n  # comment\n  subtitle: y\n", 3),
])
def test_a_missing_colon_is_reported_on_the_key_line(text, line):
    d = only(parse(text)[1])
    assert (d.code, d.position.line, d.position.column) == ("yaml-syntax", line, 3)
    assert "a colon is missing after the key" in d.hint.lower() and "title:" in d.hint


def test_a_missing_colon_in_the_example_is_reported_on_its_own_line():
    text = _example_with("  subtitle: Förslag till beslut\n", '  subtitle "Förslag till beslut"\n')
    line = text.split("\n").index('  subtitle "Förslag till beslut"') + 1
    d = only(parse(text)[1])
    assert (d.position.line, d.position.column) == (line, 3)


def _key_lines(text: str) -> list[tuple[int, "re.Match"]]:
    import re

    return [(i, m) for i, line in enumerate(text.split("\n"))
            if (m := re.match(r"^(\s*(?:- )?)([a-z_0-9]+): ([^\"'>|#&*!\s].*\S|[^\"'>|#&*!\s])$", line))]


def test_in_the_example_every_key_line_without_its_colon_is_reported_on_that_line():
    text = _example_with("", "")
    lines = text.split("\n")
    for i, m in _key_lines(text)[::3]:
        broken = "\n".join(lines[:i] + [f"{m.group(1)}{m.group(2)} {m.group(3)}"] + lines[i + 1:])
        d = only(parse(broken)[1])
        assert (d.position.line, "a colon is missing" in d.hint.lower()) == (i + 1, True), lines[i]


def test_in_the_example_every_value_with_an_unclosed_quote_is_reported_on_its_line():
    text = _example_with("", "")
    lines = text.split("\n")
    for i, m in _key_lines(text)[::3]:
        if m.group(3)[:1] in "{[":
            continue
        broken = "\n".join(lines[:i] + [f'{m.group(1)}{m.group(2)}: "{m.group(3)}'] + lines[i + 1:])
        doc, problems = parse(broken)
        if doc is None:
            assert only(problems).position.line == i + 1, lines[i]
@pytest.mark.parametrize("value", ['!!int "x"', '!!float "x"', '!!bool "x"', "!!int 0x", '!!null "x"', '!!int ""'])
def test_an_explicit_tag_on_a_value_it_does_not_fit_is_a_positioned_diagnostic(value):
    d = only(parse(f"strategy:\n  title: {value}\n")[1])
    assert (d.code, d.position.line, d.position.column) == ("invalid-tagged-value", 2, 10)
    assert d.hint and "!!" in d.message


@pytest.mark.parametrize("value", ["!!int 5", "!!float 1.5", "!!bool true", "!!null ~", '!!str 5', "!!int 0x1f"])
def test_an_explicit_tag_on_a_value_it_fits_is_read_quietly(value):
    doc, problems = parse(f"value: {value}\n")
    assert problems == [] and "value" in doc.data


TAGS = st.sampled_from(["!!int", "!!float", "!!bool", "!!null", "!!str", "!!binary", "!!timestamp", "!!seq", "!!map"])
SCALAR_TEXTS = st.one_of(
    st.sampled_from(["", "0x", "0b", "0o", "0o9", "1_", "_", "1:x", ":", "1e400", "-1e400", ".nan", "yes", "~",
                     "1" * 400, "0x" + "f" * 100, "+", "-", ".", "1.2.3", "0b2"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\"\\"), max_size=12))


@settings(max_examples=500, deadline=None)
@given(TAGS, SCALAR_TEXTS, st.booleans())
def test_explicit_tags_on_random_scalars_never_crash_the_reader(tag, text, quoted):
    written = '"' + text + '"' if quoted else text
    doc, problems = parse(f"value: {tag} {written}\n")
    assert (doc is None) == bool(problems)
    for d in problems:
        assert d.position.line >= 1 and d.position.column >= 1 and d.message


def test_the_outline_holds_raw_html_and_attribute_braces_for_the_content_rules():
    """One reading serves the checks: unsafe-html looks at what parse_markdown found, never parses again."""
    md = parse_markdown("# T\n\n<div>x</div>\n\nText <b>fet</b> och {: onclick=\"x\" }\n\n```\n<i>{kod}</i>\n```\n", "c.md")
    assert [(h.text.strip(), h.line) for h in md.html] == [("<div>x</div>", 3), ("<b>", 5), ("</b>", 5)]
    assert [(b.text, b.line) for b in md.braces] == [('Text <b>fet</b> och {: onclick="x" }', 5)]
