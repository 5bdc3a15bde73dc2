"""Messages for authors in the strategy's language: the catalogs are complete and current, and
`strategy check` speaks Swedish to a Swedish strategy and English to an English one."""

from __future__ import annotations

import html
import os
import pickle
import subprocess
import sys

import pytest

from strategykit.devtools import catalog
from strategykit.messages import _, capitalized, localize

from conftest import edit


def run(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", "strategykit", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=60, env={**os.environ, **(env or {})})


# -- the catalogs -------------------------------------------------------------------------

@pytest.mark.parametrize("language", [lang for lang in catalog.LANGUAGES if lang != catalog.SOURCE_LANGUAGE])
def test_every_message_in_the_code_has_a_translation(language):
    po = catalog.read_po(language)
    translated = {m.id for m in po if m.id and m.string and not m.fuzzy}
    missing = sorted(set(catalog.extracted()) - translated)
    assert not missing, f"no {language} translation (run python -m strategykit.devtools.catalog, then fill in msgstr): {missing}"
    assert catalog.problems(po) == []


@pytest.mark.parametrize("language", [lang for lang in catalog.LANGUAGES if lang != catalog.SOURCE_LANGUAGE])
def test_the_po_and_the_compiled_mo_are_current(language):
    current = catalog.updated(language)
    assert catalog.po_path(language).read_bytes() == catalog.po_bytes(current), \
        "the .po file is out of date: run python -m strategykit.devtools.catalog"
    assert catalog.po_path(language).with_suffix(".mo").read_bytes() == catalog.mo_bytes(current), \
        "the .mo file is out of date: run python -m strategykit.devtools.catalog"


def test_the_catalog_check_command_passes():
    assert catalog.main(["--check"]) == 0


# -- messages as values -----------------------------------------------------------------

def test_a_message_is_english_text_that_can_say_itself_in_swedish():
    m = _("The key '{key}' has no colon after it.", key="title")
    assert m == "The key 'title' has no colon after it."
    assert localize(m, "sv") == "Nyckeln 'title' saknar kolon efter sig."
    assert localize(m, "en") == m and localize("plain text", "sv") == "plain text"


def test_arguments_that_are_messages_are_translated_and_a_sentence_start_is_capitalized():
    m = _("{where} is empty.", where=capitalized(_("the file")))
    assert m == "The file is empty." and localize(m, "sv") == "Filen är tom."


def test_a_message_survives_pickling_with_its_template():
    m = pickle.loads(pickle.dumps(_("The file is {value} MB; files larger than {value2} MB are not read.",
                                    value="7.0", value2=5)))
    assert localize(m, "sv") == "Filen är 7.0 MB; filer större än 5 MB läses inte."


def test_a_translation_with_a_broken_field_falls_back_to_english(monkeypatch):
    from strategykit import messages

    broken = {"The row has no year.": "Raden {saknar} år.", "Known ids: {ids}": "Kända: {idn}"}
    monkeypatch.setattr(messages, "_lookup", lambda language, msgid: broken.get(msgid, msgid))
    assert localize(_("The row has no year."), "sv") == "The row has no year."
    assert localize(_("Known ids: {ids}", ids="a, b"), "sv") == "Known ids: a, b"


# -- the command line speaks the strategy's language -------------------------------------

def test_a_broken_swedish_strategy_is_told_in_swedish(minimal):
    edit(minimal, "indicator: population", "indicator: populaton")
    proc = run("check", "--format", "text", cwd=minimal)
    assert proc.returncode == 1
    assert "error unknown-indicator: Delmålet \"P1.2.a\" använder indikatorn 'populaton', som inte är definierad." \
        in proc.stdout
    assert "    tips: Menade du 'population'?" in proc.stdout
    assert proc.stdout.rstrip().splitlines()[-1] == "2 fel och 1 varning."


def test_a_broken_english_strategy_is_told_in_english(minimal):
    edit(minimal, "language: sv", "language: en")
    edit(minimal, "indicator: population", "indicator: populaton")
    proc = run("check", "--format", "text", cwd=minimal)
    assert proc.returncode == 1
    assert "error unknown-indicator: Target \"P1.2.a\" uses the indicator 'populaton', which is not defined." \
        in proc.stdout
    assert "    hint: Did you mean 'population'?" in proc.stdout


def test_a_swedish_file_that_does_not_load_is_still_told_in_swedish(minimal):
    edit(minimal, "  language: sv", "  language: sv\n  title \"x\"")
    proc = run("check", "--format", "json", cwd=minimal)
    (d,) = __import__("json").loads(proc.stdout)["diagnostics"]
    assert d["code"] == "yaml-syntax" and d["message"] == "Nyckeln 'title' saknar kolon efter sig."


def test_without_any_goals_yaml_the_users_locale_decides(tmp_path):
    sv = run("check", "--format", "text", cwd=tmp_path, env={"LC_ALL": "", "LC_MESSAGES": "", "LANG": "sv_SE.UTF-8"})
    en = run("check", "--format", "text", cwd=tmp_path, env={"LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"})
    assert "Filen finns inte." in sv.stdout and "The file does not exist." in en.stdout


def test_github_annotations_are_in_the_strategys_language(minimal):
    edit(minimal, "indicator: population", "indicator: populaton")
    proc = run("check", "--format", "github", cwd=minimal)
    assert "title=unknown-indicator::Delmålet" in proc.stdout


def test_check_does_not_import_babel():
    proc = subprocess.run([sys.executable, "-c", "import sys; from strategykit.cli import main; "
                           "from strategykit.project import check; from strategykit.cli.formats import format_text; "
                           "r = check('tests/fixtures/minimal'); format_text(r.diagnostics, 'sv'); "
                           "print('babel' in sys.modules)"],
                          capture_output=True, text=True, cwd=os.path.dirname(os.path.dirname(__file__)))
    assert proc.stdout.strip() == "False", proc.stderr


def test_the_previews_error_page_speaks_the_strategys_language():
    from strategykit.diagnostics import Diagnostic, Position, Severity
    from strategykit.cli.serve import error_page

    d = Diagnostic("yaml-syntax", Severity.ERROR, _("The key '{key}' has no colon after it.", key="title"),
                   Position("goals.yaml", 3, 3), _("Write the keys out in full."))
    sv = html.unescape(error_page([d], _("strategy check found {n} error.", n=1), 1, "sv"))
    assert '<html lang="sv">' in sv and "Strategin har fel" in sv and "Nyckeln 'title' saknar kolon" in sv
    assert "strategy check hittade 1 fel." in sv and "Skriv ut nycklarna i sin helhet." in sv
    en = html.unescape(error_page([d], _("strategy check found {n} error.", n=1), 1, "en"))
    assert "The strategy has errors" in en and "The key 'title' has no colon" in en


def test_diff_speaks_the_strategys_language(tmp_path, capsys):
    from strategykit.cli import main

    from conftest import copy_minimal

    old, new = copy_minimal(tmp_path / "old"), copy_minimal(tmp_path / "new")
    edit(new, "value: 300000, illustrative: true}", "value: 290000, illustrative: true}")
    assert main(["diff", str(old), str(new), "-C", str(old)]) == 0
    out = capsys.readouterr().out
    assert "  delmål P1.2.a: målvärde 300000 → 290000  [SÄNKT AMBITION]" in out
    assert out.rstrip().endswith("1 ändring i sak, varav 1 sänker en ambition.")
    for root in (old, new):
        edit(root, "language: sv", "language: en")
    assert main(["diff", str(old), str(new), "-C", str(old)]) == 0
    assert "  target P1.2.a: target value 300000 → 290000  [LOWERED AMBITION]" in capsys.readouterr().out


def test_new_refuses_in_the_language_asked_for(tmp_path, capsys):
    from strategykit.cli import main

    assert main(["new", str(tmp_path / "a"), "--region-code", "1"]) == 2
    assert "regionkoden '1' ska vara två siffror" in capsys.readouterr().err
    assert main(["new", str(tmp_path / "a"), "--region-code", "1", "--language", "en"]) == 2
    assert "the region code '1' must be two digits" in capsys.readouterr().err
