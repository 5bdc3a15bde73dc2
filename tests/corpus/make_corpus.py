"""Regenerates the bad-input corpus from the minimal fixture: run `python corpus/make_corpus.py` in tests/."""
import json, shutil
from pathlib import Path
root = Path("corpus"); minimal = Path("fixtures/minimal")
base = (minimal / "goals.yaml").read_text()

def case(name, goals=None, edits=(), raw=None, chapter=None, expect=(), note=""):
    d = root / name
    if d.exists(): shutil.rmtree(d)
    shutil.copytree(minimal, d)
    text = base if goals is None else goals
    for old, new in edits:
        assert text.count(old) == 1, (name, old)
        text = text.replace(old, new)
    if raw is not None:
        (d / "goals.yaml").write_bytes(raw)
    else:
        (d / "goals.yaml").write_text(text)
    if chapter is not None:
        (d / "strategy" / "01-inledning.md").write_bytes(chapter)
    lines = (d / "goals.yaml").read_bytes().decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    exp = []
    for code, file, needle in expect:
        if isinstance(needle, int):
            line = needle
        else:
            hits = [i for i, l in enumerate(lines, 1) if needle in l]
            assert len(hits) == 1, (name, needle, hits)
            line = hits[0]
        exp.append({"code": code, "file": file, "line": line})
    (d / "expected.json").write_text(json.dumps({"note": note, "exit": 1, "diagnostics": exp}, ensure_ascii=False, indent=2) + "\n")

G = "goals.yaml"
case("unclosed-quote", edits=[('title: Teststrategi 2020–2030', 'title: "Teststrategi 2020–2030')],
     expect=[("yaml-syntax", G, '"Teststrategi')], note="A quote that is never closed")
case("bad-indentation", edits=[("  language: sv\n", "   language: sv\n")], expect=[("yaml-syntax", G, "   language: sv")], note="A key indented one space too far")
case("tab-indentation", edits=[("  language: sv\n", "\tlanguage: sv\n")], expect=[("yaml-syntax", G, "\tlanguage")], note="A tab used for indentation")
case("duplicate-key-top", edits=[("chapters:\n", "vision:\n  horizon: 2030\n  text: x\nchapters:\n")], expect=[("duplicate-key", G, "vision:\n".strip() if False else 59)], note="A top-level key twice")
case("duplicate-key-strategy", edits=[("  language: sv\n", "  language: sv\n  language: en\n")], expect=[("duplicate-key", G, "language: en")], note="A key twice under strategy")
case("duplicate-key-goal", edits=[("        title: Fler invånare\n", "        title: Fler invånare\n        title: Fler boende\n")], expect=[("duplicate-key", G, "title: Fler boende")], note="A key twice in a goal")
case("duplicate-key-flow", edits=[("{year: 2030, value: 82}", "{year: 2030, value: 82, year: 2031}")], expect=[("duplicate-key", G, "year: 2031")], note="A key twice in a flow mapping")
case("wrong-type", edits=[("baseline: {year: 2019,", "baseline: {year: tjugo,")], expect=[("wrong-type", G, "year: tjugo")], note="Text where a year is expected")
case("wrong-type-list", edits=[('agenda2030: ["8.5", "4.a"]', 'agenda2030: "8.5"')], expect=[("wrong-type", G, 'agenda2030: "8.5"')], note="A single value where a list is expected")
case("yaml11-no", edits=[("language: sv", "language: no")], expect=[("invalid-value", G, "language: no")], note="`no` is read as false")
case("yaml11-on", edits=[("    title: Jämlikhet", "    title: on")], expect=[("wrong-type", G, "title: on")], note="`on` is read as true")
case("yaml11-version", edits=[('version: "1.0"', "version: 1.10")], expect=[("wrong-type", G, "version: 1.10")], note="1.10 is read as the number 1.1")
case("yaml11-octal-code", edits=[('code: "99"', "code: 0024")], expect=[("wrong-type", G, "code: 0024")], note="0024 is read as the octal number 20")
case("unknown-key", edits=[("        title: Fler i arbete", "        titel: Fler i arbete")], expect=[("unknown-key", G, "titel:"), ("missing-key", G, 24)], note="A typo in a key")
alias = ['a: &a ["x","x","x","x","x","x","x","x","x"]'] + [f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]" for p, n in zip("abcdefghi", "bcdefghij")]
case("alias-bomb", goals="\n".join(alias) + "\n", expect=[("yaml-too-large", G, "f: &f")], note="Billion laughs: nested aliases")
case("python-object-tag", edits=[("text: Ett län där alla kan leva och verka.", "text: !!python/object/apply:os.system [\"echo pwned\"]")], expect=[("unsafe-tag", G, "!!python")], note="An unsafe tag")
case("custom-tag", edits=[("text: Ett län där alla kan leva och verka.", "text: !include other.yaml")], expect=[("unsafe-tag", G, "!include")], note="An unknown tag")
case("empty-file", goals="", expect=[("empty-file", G, 1)], note="An empty file")
case("only-comments", goals="# yaml-language-server: $schema=schema/goals.schema.json\n# nothing yet\n", expect=[("empty-file", G, 1)], note="A file of only comments")
bom_crlf = ("\ufeff" + base.replace("        title: Fler i arbete", "        titel: Fler i arbete")).replace("\n", "\r\n").encode()
case("bom-crlf", raw=bom_crlf, expect=[("unknown-key", G, "titel:")], note="BOM and CRLF are read; positions stay right")
case("invalid-utf8", raw=base.replace("Jämlikhet", "J\udce4mlikhet").encode("utf-8", "surrogateescape"), expect=[("invalid-encoding", G, "J\ufffdmlikhet")], note="Latin-1 byte in UTF-8 file")
case("nan", edits=[("value: 79.5,", "value: .nan,")], expect=[("invalid-number", G, ".nan")], note="NaN as a value")
case("infinity", edits=[("value: 300000}", "value: .inf}")], expect=[("invalid-number", G, ".inf")], note="Infinity as a value")
case("huge-number", edits=[("value: 300000}", "value: 3000000000000000000000}")], expect=[("invalid-number", G, "3000000000000000000000")], note="A number far too large")
case("chapter-parent-path", edits=[("file: strategy/01-inledning.md", "file: ../../../../etc/passwd")], expect=[("chapter-outside-folder", G, "etc/passwd")], note="A chapter path that leaves the repository")
case("chapter-absolute-path", edits=[("file: strategy/01-inledning.md", "file: /etc/passwd")], expect=[("chapter-outside-folder", G, "/etc/passwd")], note="An absolute chapter path")
case("chapter-missing", edits=[("file: strategy/01-inledning.md", "file: strategy/02-saknas.md")], expect=[("chapter-missing", G, "02-saknas")], note="A chapter file that does not exist")
case("chapter-invalid-utf8", chapter=b"# Inledning\n\nK\xe4nd text.\n", expect=[("invalid-encoding", "strategy/01-inledning.md", 3)], note="A chapter that is not UTF-8")
case("goal-without-indicator", edits=[("            indicator: population\n", "")], expect=[("goal-without-indicator", G, 37), ("target-without-indicator", G, "- id: P1.2.a")], note="A target without indicator")
case("tagged-int-text", edits=[("baseline: {year: 2019,", 'baseline: {year: !!int "x",')], expect=[("invalid-tagged-value", G, '!!int "x"')], note="An explicit !!int on a text")
case("tagged-int-hex", edits=[("value: 300000}", "value: !!int 0x}")], expect=[("invalid-tagged-value", G, "!!int 0x")], note="An explicit !!int on a broken hexadecimal number")
case("tagged-float-text", edits=[("value: 79.5,", 'value: !!float "x",')], expect=[("invalid-tagged-value", G, '!!float "x"')], note="An explicit !!float on a text")
case("tagged-bool-text", edits=[("illustrative: true}", 'illustrative: !!bool "x"}')], expect=[("invalid-tagged-value", G, '!!bool "x"')], note="An explicit !!bool on a text")
case("chapter-path-nul", edits=[("file: strategy/01-inledning.md", 'file: "strategy/03-vi\\0sion.md"')], expect=[("control-character", G, "03-vi")], note="A NUL byte (written as an escape) in a chapter path")
case("control-character-text", edits=[("title: Teststrategi 2020–2030", 'title: "Test\\x1b[2Jstrategi"')], expect=[("control-character", G, "Test\\x1b")], note="A terminal escape in a text")
print("ok")
