"""The print edition: what a reader, a screen reader and an archivist need from the PDF."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest

from strategykit.diagnostics import BuildError, Refused
from strategykit.plan import gather, prepare
from strategykit.present import i18n
from strategykit.render.pdf import build_pdf
from strategykit.render.pdf.data import anchor
from strategykit.project import check

from conftest import REPO, TESTS, edit
from pdf_support import figure_alts, links, normalise, pdf_text

PRINT = TESTS / "fixtures" / "print"
COMMIT = "0123456789abcdef0123456789abcdef01234567"


def load(root: Path):
    result = check(root)
    assert result.ok, [f"{d.position} {d.code}" for d in result.diagnostics]
    return result.model


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[object, Path]:
    """The print fixture, built once per session (the model and the PDF's path)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STRATEGY_COMMIT", COMMIT)
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        model = load(PRINT)
        return model, build_pdf(gather(model), tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def reader(built) -> pypdf.PdfReader:
    return pypdf.PdfReader(built[1])


def test_pdf_is_written_to_dist_under_id_and_version(built):
    model, path = built
    assert path.name == "tryckprov-2020.2.pdf"
    assert path.read_bytes().startswith(b"%PDF-")
    assert not [p.name for p in path.parent.iterdir() if p != path], "temporary files were left behind"


def test_every_chapter_heading_and_goal_title_is_in_the_text(built, reader):
    model, _ = built
    text = pdf_text(reader)
    headings = [h.text for c in model.chapters for h in c.document.headings]
    goals = [g.title for g in model.goals()]
    assert len(headings) >= 5 and len(goals) == 3
    missing = [t for t in headings + goals if normalise(t) not in text]
    assert missing == []


def test_swedish_letters_and_typst_syntax_in_prose_come_through_as_text(reader):
    text = pdf_text(reader)
    assert normalise("Åsele, Älvsbyn, Östersund") in text
    assert normalise("#set, $x$, <etikett>, @ref och *stjärna*") in text


def test_cover_and_colophon_show_edition_notice_and_commit(built, reader):
    model, _ = built
    cover = normalise(reader.pages[0].extract_text())
    for needed in [model.title, model.publisher, model.region_name, "Remissversion", "2020.2", "1 mars 2020",
                   model.notice]:
        assert normalise(needed) in cover, needed
    colophon = normalise(reader.pages[1].extract_text())
    for needed in [i18n.labels("sv")["no_decision"], COMMIT, "2020.2"]:
        assert normalise(needed) in colophon, needed


def test_pdf_is_tagged_with_language_title_and_outline(built, reader):
    model, _ = built
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert root["/Lang"] == "sv"
    assert reader.metadata.title == model.title
    assert reader.metadata.author == model.publisher
    assert reader.trailer["/Root"]["/ViewerPreferences"].get("/DisplayDocTitle") == True  # noqa: E712
    bookmarks = [o.title for o in reader.outline if not isinstance(o, list)]
    for chapter in model.chapters:
        assert chapter.title in bookmarks
    assert i18n.labels("sv")["indicator_appendix"] in bookmarks


def test_pdf_claims_pdf_ua_1_in_its_metadata(reader):
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp and re.search(rb"pdfuaid:part(>|=\")1", xmp)


def test_each_target_links_to_its_indicator_in_the_appendix_and_back(built, reader):
    model, _ = built
    found = links(reader)
    by_name = {name: to for _, name, to, _ in found if name}
    for _, target in model.targets():
        name = anchor("ind", target.indicator_id)
        assert name in by_name, f"no link from {target.id} to the appendix"
        page = reader.pages[by_name[name]].extract_text()
        assert normalise(model.indicator(target.indicator_id).name) in normalise(page)
    appendix = by_name["indicator-appendix"]
    back = {to for frm, _, to, _ in found if frm >= appendix and to is not None and to < appendix}
    table_pages = {frm for frm, name, _, _ in found if name and name.startswith("ind-")}
    assert back and back <= table_pages, "the appendix does not link back to the goal tables"


def test_links_between_chapters_become_internal(reader):
    found = links(reader)
    names = {name for _, name, _, _ in found if name}
    assert {"chapter-inledning", "chapter-arbete-mal-och-medel", "chapter-inledning-sa-laser-du-strategin"} <= names
    assert all(to is not None for _, name, to, _ in found if name), "a link leads nowhere"
    # Besides the chapter's own link, only the sources the frameworks appendix names.
    import json
    framework_sources = {json.loads(f.read_text(encoding="utf-8")).get("url")
                         for f in (REPO / "tools" / "strategykit" / "data").glob("framework.*.json")}
    assert {uri for *_, uri in found if uri} - framework_sources == {"https://example.org/provlan"}


def test_illustrative_values_carry_the_mark_and_the_note(reader):
    text = pdf_text(reader)
    assert normalise("80,5 %*") in text  # the same mark as the web edition
    assert normalise(i18n.labels("sv")["illustrative_note"]) in text
    assert normalise("270 154*") not in text  # a sourced value is not marked


def test_charts_and_images_are_figures_with_alt_text(reader):
    alts = figure_alts(reader)
    assert "Karta över länets kommuner med kusten i öster" in alts
    chart = [a for a in alts if a.startswith("Diagram över förvärvsarbetande invånare 20–64 år, andel (%). ")]
    assert chart, alts
    assert "Delmål P1.1.a: utgångsvärde 80,5 %* (2018), etappmål 82,0 % (2025), målvärde 83,0 % (2030)" in chart[0]
    assert len([a for a in alts if a.startswith("Diagram över")]) == 3  # one per indicator with values


def test_goal_that_no_chapter_presents_gets_a_generated_table(reader):
    bookmarks = [o.title for o in reader.outline if not isinstance(o, list)]
    assert i18n.labels("sv")["goals_and_targets"] in bookmarks


def test_two_builds_give_identical_bytes(built, tmp_path, monkeypatch):
    model, first = built
    monkeypatch.setenv("STRATEGY_COMMIT", COMMIT)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    second = build_pdf(gather(load(PRINT)), tmp_path)
    assert second.read_bytes() == first.read_bytes()


def test_dates_come_from_the_edition_or_source_date_epoch(built, reader, tmp_path, monkeypatch):
    assert reader.metadata["/CreationDate"].startswith("D:20200301")
    monkeypatch.setenv("STRATEGY_COMMIT", COMMIT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    later = pypdf.PdfReader(build_pdf(gather(load(PRINT)), tmp_path))
    assert later.metadata["/CreationDate"].startswith("D:20231114")
    assert normalise("14 november 2023") in normalise(later.pages[1].extract_text())


# --- refusing to build ------------------------------------------------------------

@pytest.fixture
def printable(tmp_path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(PRINT, root)
    return root


def test_image_without_alt_text_is_refused_before_compiling(printable, tmp_path):
    edit(printable, "![Karta över länets kommuner med kusten i öster](bilder/karta.svg)",
         "![](bilder/karta.svg)", file="strategy/01-inledning.md")
    dist = tmp_path / "dist"
    with pytest.raises(Refused) as caught:
        build_pdf(prepare(printable), dist)
    [d] = caught.value.diagnostics
    assert (d.code, d.position.file, d.position.line) == ("image-without-alt", "strategy/01-inledning.md", 10)
    assert "strategy/01-inledning.md:10:1: error image-without-alt" in str(caught.value)
    assert not dist.exists() or not list(dist.iterdir())


def test_chapter_without_title_is_refused(printable, tmp_path):
    edit(printable, "# Arbetsmarknad och kompetensförsörjning\n", "", file="strategy/02-arbete.md")
    with pytest.raises(Refused) as caught:
        build_pdf(prepare(printable), tmp_path / "dist")
    assert "chapter-without-title" in {d.code for d in caught.value.diagnostics}


def test_skipped_heading_level_is_refused_with_its_line(printable, tmp_path):
    edit(printable, "### Vägledning", "#### Vägledning", file="strategy/02-arbete.md")
    with pytest.raises(Refused) as caught:
        build_pdf(prepare(printable), tmp_path / "dist")
    [d] = caught.value.diagnostics
    assert (d.code, d.position.file, d.position.line) == ("heading-level-skipped", "strategy/02-arbete.md", 9)
    assert "'### Vägledning'" in d.hint


def test_missing_image_is_refused_with_its_line(printable, tmp_path):
    (printable / "strategy" / "bilder" / "karta.svg").unlink()
    with pytest.raises(Refused) as caught:
        build_pdf(prepare(printable), tmp_path / "dist")
    assert [(d.code, d.position.line) for d in caught.value.diagnostics] == [("image-missing", 10)]


def test_refused_build_leaves_the_previous_pdf_alone(printable, tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "tryckprov-2020.2.pdf").write_bytes(b"previous")
    edit(printable, "](bilder/karta.svg)", "](bilder/saknas.svg)", file="strategy/01-inledning.md")
    with pytest.raises(BuildError):
        build_pdf(gather(check(printable).model), dist)
    assert (dist / "tryckprov-2020.2.pdf").read_bytes() == b"previous"


def test_cli_reports_a_refused_pdf_without_a_traceback(printable, capsys):
    from strategykit.cli import main

    edit(printable, "![Karta över länets kommuner med kusten i öster]", "![]", file="strategy/01-inledning.md")
    # `strategy check` already reports it; build refuses before any renderer runs.
    assert main(["build", "--pdf", str(printable)]) == 1
    err = capsys.readouterr().err
    assert "image-without-alt" in err and "Traceback" not in err
    assert not (printable / "dist").exists()


# --- the graphic profile ------------------------------------------------------------

def test_organisation_profile_replaces_the_packaged_one(printable, tmp_path):
    from strategykit.render.pdf.profile import TEMPLATES

    profile = (TEMPLATES / "profile.typ").read_text(encoding="utf-8")
    marker = "  _cover(data)\n"
    assert profile.count(marker) == 1
    (printable / "pdf").mkdir()
    (printable / "pdf" / "profile.typ").write_text(
        profile.replace(marker, marker + "  [Egen grafisk profil för Provlän]\n"), encoding="utf-8")
    (printable / "pdf" / "logo.svg").write_bytes((PRINT / "strategy" / "bilder" / "karta.svg").read_bytes())
    theme = (TEMPLATES / "theme.typ").read_text(encoding="utf-8")
    (printable / "pdf" / "theme.typ").write_text(
        theme.replace('logo: none,', 'logo: "logo.svg",').replace('logo-alt: "",', 'logo-alt: "Provläns logotyp",'),
        encoding="utf-8")
    reader = pypdf.PdfReader(build_pdf(gather(check(printable).model), tmp_path / "dist"))
    assert normalise("Egen grafisk profil för Provlän") in pdf_text(reader)
    assert "Provläns logotyp" in figure_alts(reader), "the logo is not in the PDF"


def test_an_organisation_profile_may_still_read_all_of_the_data_in_every_function(printable, tmp_path):
    """The packaged profile's calls get data.json without its long lists (for speed); an own one gets it whole."""
    from strategykit.render.pdf.profile import TEMPLATES

    profile = (TEMPLATES / "profile.typ").read_text(encoding="utf-8")
    head = "#let goal-table(priority, data, goals: none) = {\n"
    assert profile.count(head) == 1
    (printable / "pdf").mkdir()
    (printable / "pdf" / "profile.typ").write_text(
        profile.replace(head, head + "  [Indikatorer i strategin: #data.indicators.len()]\n"), encoding="utf-8")
    reader = pypdf.PdfReader(build_pdf(gather(check(printable).model), tmp_path / "dist"))
    count = len(check(printable).model.indicators)
    assert normalise(f"Indikatorer i strategin: {count}") in pdf_text(reader)


def test_profile_file_linked_from_outside_the_repository_is_refused(printable, tmp_path):
    outside = tmp_path / "secret.typ"
    outside.write_text("#let theme = (:)\n", encoding="utf-8")
    (printable / "pdf").mkdir()
    (printable / "pdf" / "theme.typ").symlink_to(outside)
    with pytest.raises(BuildError, match="outside the strategy repository"):
        build_pdf(gather(check(printable).model), tmp_path / "dist")


def test_typst_error_in_a_profile_is_a_plain_build_error(printable, tmp_path):
    (printable / "pdf").mkdir()
    (printable / "pdf" / "theme.typ").write_text("#let theme = (accent: rgb(\"#zz\"))\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_pdf(gather(check(printable).model), tmp_path / "dist")
    message = str(caught.value)
    assert message.startswith("The PDF could not be compiled:")
    assert "graphic profile, pdf/theme.typ line 1" in message
    assert "Traceback" not in message and "┌─" not in message
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").iterdir())


def test_font_the_profile_names_but_nobody_installed_is_a_build_error(printable, tmp_path):
    from strategykit.render.pdf.profile import TEMPLATES

    theme = (TEMPLATES / "theme.typ").read_text(encoding="utf-8")
    (printable / "pdf").mkdir()
    (printable / "pdf" / "theme.typ").write_text(
        theme.replace('heading-font: ("Libertinus Serif",)', 'heading-font: ("Region Sans",)'), encoding="utf-8")
    with pytest.raises(BuildError, match=r"font 'region sans' is not available .*put the font's \.ttf"):
        build_pdf(gather(check(printable).model), tmp_path / "dist")


# --- the example -----------------------------------------------------------------------

def test_example_strategy_builds_with_every_goal_in_the_text(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATEGY_COMMIT", COMMIT)
    model = load(REPO)
    reader = pypdf.PdfReader(build_pdf(gather(model), tmp_path))
    text = pdf_text(reader)
    assert [g.title for g in model.goals() if normalise(g.title) not in text] == []
    assert [c.title for c in model.chapters if normalise(c.title) not in text] == []
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4


def _structure(reader):
    """Every structure element of the PDF's tag tree: (type, its attribute dictionaries)."""
    out = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                attrs = node.get("/A")
                attrs = attrs.get_object() if attrs is not None else []
                attrs = [a.get_object() for a in attrs] if isinstance(attrs, pypdf.generic.ArrayObject) else [attrs]
                out.append((str(node["/S"]), attrs))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return out


def test_pdf_structure_has_headings_and_tables_whose_header_cells_have_a_scope(reader):
    """What the colophon and the accessibility statement claim of PDF/UA-1, as far as a machine can check it."""
    elements = _structure(reader)
    kinds = {kind for kind, _ in elements}
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Figure", "/Link"} <= kinds, kinds
    header_cells = [attrs for kind, attrs in elements if kind == "/TH"]
    assert header_cells and all(any("/Scope" in a for a in attrs) for attrs in header_cells)
    assert i18n.labels("sv")["pdf_tagged"].startswith("PDF-filen är gjord enligt PDF/UA-1")


@pytest.mark.parametrize("pandoc_id,web_anchor,separator", [
    ("mål-och-medel", "mal-och-medel", "-"), ("steg-1-vägen-framåt", "steg-1-vagen-framat", "-"),
    ("mål-och-medel", "mal_och_medel", "_"),
])
def test_a_link_with_the_webs_anchor_finds_pandocs_heading(pandoc_id, web_anchor, separator):
    """A chapter links to '#mal-och-medel' (the site's anchor, checked by chapter-link-broken); pandoc calls
    the same heading 'mål-och-medel'. Both go through the site's slugify to meet."""
    from strategykit.render.pdf.document import _web_form

    assert _web_form(pandoc_id, separator) == _web_form(web_anchor, separator)


def test_a_target_text_longer_than_a_page_is_printed_whole(printable, tmp_path, monkeypatch):
    """Rows are kept whole only when they are well short of a page: a row taller than the page
    would be cut off at its foot, and its last words lost from the PDF."""
    monkeypatch.setenv("STRATEGY_COMMIT", COMMIT)
    words = " ".join(f"led{i} i arbetet med befolkningen och bostäderna i hela länet" for i in range(40))
    edit(printable, "text: Befolkningen ska öka till 300 000 år 2030.",
         f"text: Befolkningen ska öka till 300 000 år 2030, {words}, slutord.")
    reader = pypdf.PdfReader(build_pdf(gather(load(printable)), tmp_path / "dist"))
    drawn = []  # where each word is drawn: an unbreakable row runs below the page's foot, out of sight

    for page in reader.pages:
        bottom, top = float(page.mediabox.bottom), float(page.mediabox.top)

        def visit(text, cm, tm, font, size, bottom=bottom, top=top):
            y = tm[5] * cm[3] + cm[5]
            if text.strip():
                drawn.append((text, bottom <= y <= top))

        page.extract_text(visitor_text=visit)
    hidden = [t for t, inside in drawn if not inside]
    assert hidden == []
    assert any("slutord" in t for t, _ in drawn)


# --- the cover image ----------------------------------------------------------------

TALL_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 1600" width="600" height="1600">'
            '<rect width="600" height="1600" fill="#dce8f1"/><rect y="800" width="600" height="800" fill="#2d6b45"/></svg>\n')


def _figure_pages(reader: pypdf.PdfReader, alt: str) -> list[int]:
    """The pages (from 0) of the structure tree's figures with the alt text ``alt``."""
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.DictionaryObject):
            if node.get("/S") == "/Figure" and " ".join(str(node.get("/Alt", "")).split()) == alt:
                found.append(pages[node.raw_get("/Pg").idnum])
            kids = node.get("/K")
            for k in kids if isinstance(kids, pypdf.generic.ArrayObject) else [kids] if kids is not None else []:
                walk(k)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_cover_image_is_a_figure_with_its_alt_text_on_the_one_cover_page(built, reader, printable, tmp_path, monkeypatch):
    monkeypatch.setenv("STRATEGY_COMMIT", COMMIT)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (printable / "strategy" / "bilder").mkdir(exist_ok=True)
    (printable / "strategy" / "bilder" / "omslag.svg").write_text(TALL_SVG, encoding="utf-8")
    edit(printable, "  language: sv\n",
         "  language: sv\n  cover: {image: bilder/omslag.svg, alt: Ett högt tecknat landskap med skog}\n")
    with_cover = pypdf.PdfReader(build_pdf(gather(load(printable)), tmp_path / "dist"))
    assert "Ett högt tecknat landskap med skog" in figure_alts(with_cover)
    assert "Ett högt tecknat landskap med skog" not in figure_alts(reader)
    # Drawn on the cover, and the cover stays one page: the document has no page more.
    assert _figure_pages(with_cover, "Ett högt tecknat landskap med skog") == [0]
    assert len(with_cover.pages) == len(reader.pages)
    assert pdf_text(with_cover) == pdf_text(reader)  # the chapters' figures keep their numbers


def test_a_number_in_an_authors_text_never_breaks_between_its_digit_groups():
    """'855 000 ton' broke after '855' at a line's end in the PDF's chapter text (the web keeps numbers
    whole already). pandoc reads the space as a break; the groups are joined by a no-break space,
    after pandoc gave the heading its id, which stays as it was."""
    from strategykit.render.pdf import toolchain
    from strategykit.render.pdf.document import _numbers_kept_whole

    (blocks,) = toolchain.read_each(["# Mål 300 000 invånare\n\nMålen motsvarar 475 000 ton år 2040, 1 855 000 ton och 12 ton.\n"])
    header, para = blocks
    assert header["c"][1][0] == "mål-300-000-invånare"
    words = [n["c"] for n in _numbers_kept_whole(para["c"]) if n["t"] == "Str"]
    assert "475\u00a0000" in words and "1\u00a0855\u00a0000" in words
    assert "12" in words and "2040," in words  # a year and a lone number stand as they were
    title = [n["c"] for n in _numbers_kept_whole(header["c"][2]) if n["t"] == "Str"]
    assert "300\u00a0000" in title
