"""What readers see of the example site speaks their language: no build jargon, no ids as link
names, one date style, addresses and file names in Swedish."""

from __future__ import annotations

import html
import re

from strategykit.present import i18n
from web_support import built, html_pages


def _texts_and_links():
    b = built("example")
    for url in html_pages(b.site):
        path = b.site / (url + "index.html" if url == "" or url.endswith("/") else url)
        page = path.read_text("utf-8")
        main = page[page.find("<article"):page.find("</article>")]
        yield url, html.unescape(re.sub(r"<[^>]+>", " ", main)), re.findall(r"<a [^>]*>(.*?)</a>", main, re.S)


def test_no_page_shows_git_words_or_iso_dates():
    for url, text, _ in _texts_and_links():
        assert not re.search(r"(?i)\b(git|commit|git-tagg)\b", text), url
        assert not re.search(r"\b\d{4}-\d\d-\d\d\b", text), url


def test_links_to_comments_are_named_by_who_commented_on_what():
    for url, _, links in _texts_and_links():
        names = [html.unescape(re.sub(r"<[^>]+>", "", a)).strip() for a in links]
        assert not [n for n in names if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*-\d+", n)], url


def test_a_retrieval_date_is_written_as_readers_of_the_language_write_dates():
    assert i18n.retrieved_note("2026-11-27", "sv") == ", hämtad 27 november 2026"
    assert i18n.retrieved_note(None, "sv") == ""


def test_swedish_pages_quote_with_swedish_quotation_marks():
    """A quoted example in the Swedish text is set ”so”, as the rest of the site quotes, never with
    typewriter marks ("so"): the method page's examples of target forms were."""
    quoted = [(url, m.group(0)) for url, text, _ in _texts_and_links() for m in re.finditer(r'.{0,30}"[^"]*"', text)]
    assert not quoted, quoted


def test_the_page_for_a_missing_address_speaks_swedish_and_leads_to_the_start_page():
    """A reader who follows a broken link gets the site's 404 page: it said '404 - Not found', in
    English on a Swedish site, with no way on but the navigation."""
    b = built("example")
    page = (b.site / "404.html").read_text("utf-8")
    main = html.unescape(re.sub(r"<[^>]+>", " ", page[page.find("<article"):page.find("</article>")]))
    assert "Not found" not in main
    assert re.search(r"<title>Sidan finns inte - [^<]+</title>", page), "the tab says it too"
    assert "Sidan finns inte" in main and "Den kan ha flyttats eller tagits bort." in main
    links = re.findall(r'<a href="([^"]*)"[^>]*>\s*Till startsidan\s*</a>', page)
    assert links and links[0] in ("/", "/.", "./", "."), links
