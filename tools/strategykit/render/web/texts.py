"""Longer page texts of the web edition: the accessibility statement, a document per language, and
the contact words, from the catalogs (``present.catalog``; short labels live in ``i18n``).

The accessibility statement follows what Digg (Myndigheten för digital förvaltning)
requires of a tillgänglighetsredogörelse under lagen (2018:1937) om tillgänglighet
till digital offentlig service: the actor and the service, how far it complies
(helt / delvis / inte förenlig), the content that is not accessible and why, how it
was assessed and when, how to report a problem, and the link to Digg's report form.
Placeholders in braces are filled by ``str.format``; values are Markdown-escaped first.
"""

from __future__ import annotations

from strategykit.present.catalog import Texts, spoken

DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"

ACCESSIBILITY_STATEMENT = {
    "sv": """\
# Tillgänglighetsredogörelse

{publisher} står bakom den här webbplatsen, webbutgåvan av *{title}*. Vi vill att så många
som möjligt ska kunna använda webbplatsen. Här beskriver vi hur webbplatsen uppfyller lagen
(2018:1937) om tillgänglighet till digital offentlig service, vilka kända brister som finns
och hur du kan rapportera brister till oss så att vi kan åtgärda dem.

## Hur tillgänglig är webbplatsen?

Webbplatsen är byggd för att uppfylla kraven i WCAG 2.1 på nivå AA, den nivå som lagen
hänvisar till genom standarden EN 301 549. Vi vet att delar av webbplatsen ännu inte är helt
tillgängliga. De beskrivs under rubriken [Innehåll som inte är tillgängligt](#innehall-som-inte-ar-tillgangligt).

## Vad kan du göra om du inte kan använda delar av webbplatsen?

Om du behöver innehåll från webbplatsen i ett annat format, kontakta {publisher}{contact} och
berätta vad du behöver. Alla mål, indikatorer och värden finns också som öppna data i formaten CSV och
JSON på sidan [{downloads}]({downloads_link}).

## Rapportera brister i webbplatsens tillgänglighet

Vi arbetar hela tiden med att förbättra webbplatsens tillgänglighet. Om du upptäcker problem
som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens krav,
kontakta {publisher}{contact} och berätta om det. Då får vi veta att problemet finns och kan åtgärda
det.

## Tillsyn

Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn enligt lagen om
tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina
synpunkter kan du [anmäla bristande tillgänglighet till Digg]({digg_url}).

## Teknisk information om webbplatsens tillgänglighet

Webbplatsen är **delvis förenlig** med lagen om tillgänglighet till digital offentlig service,
på grund av de brister som beskrivs nedan.

### Innehåll som inte är tillgängligt

- **PDF-utgåvan.** {pdf_tagged} Samma innehåll finns på webbplatsen.
- **Diagram.** Diagrammen över indikatorerna har en textbeskrivning, och samma värden finns i
  en tabell under varje diagram. Enskilda punkter i diagrammen kan inte nås med tangentbordet.
- **Sökfunktionen** kräver JavaScript. Menyer, länkar och allt innehåll fungerar utan
  JavaScript.
- **Ingen manuell granskning ännu.** Webbplatsen har hittills bara granskats med automatiska
  tester (se nedan). Automatiska tester hittar bara en del av alla tillgänglighetsbrister;
  till exempel prövar de inte om texterna är begripliga eller om alternativtexter är bra.
### Innehåll som inte omfattas av lagkraven

Webbplatsen innehåller inga filer eller inspelningar som undantas från lagens krav, och vi
har inte gjort något undantag för oskäligt betungande anpassning (12 §).

## Hur vi testat webbplatsen

Bedömningen är en självskattning. Varje sida på webbplatsen testas automatiskt i webbläsaren
Chromium med verktyget axe-core, mot reglerna för nivå A och AA i WCAG 2.0 och 2.1. Testet
körs varje gång en ändring av webbplatsen ska tas in, och en ändring tas inte in om testet
hittar brister.

Webbplatsen publicerades som utgåva {version} den {date}. Bedömningen gjordes och
redogörelsen uppdaterades senast den {build_date}, när den här utgåvan byggdes.
""",
    "en": """\
# Accessibility statement

{publisher} is responsible for this website, the web edition of *{title}*. We want as many
people as possible to be able to use it. This statement describes how the website complies
with the Swedish Act (2018:1937) on accessibility to digital public services, the known
problems, and how to report problems to us so that we can fix them.

## How accessible is the website?

The website is built to meet WCAG 2.1 level AA, the level the Act refers to through the
standard EN 301 549. Some parts are not yet fully accessible; they are described under
[Content that is not accessible](#content-that-is-not-accessible).

## What to do if you cannot use parts of the website

If you need content from the website in another format, contact {publisher}{contact} and tell
us what you need. All goals, indicators and values are also available as open data in CSV and JSON on
the page [{downloads}]({downloads_link}).

## Report accessibility problems

If you find problems that are not described on this page, or think that we do not meet the
requirements of the Act, contact {publisher}{contact} and tell us about it.

## Supervision

The Agency for Digital Government (Digg) supervises the Act. If you are not satisfied with how
we handle your comments, you can [report the lack of accessibility to Digg]({digg_url}).

## Technical information about the website's accessibility

The website is **partially compliant** with the Act, because of the problems described below.

### Content that is not accessible

- **The PDF edition.** {pdf_tagged} The same content is on this website.
- **Charts** have a text description, and the same values are in a table below each chart.
  Single points in a chart cannot be reached with the keyboard.
- **Search** needs JavaScript. Menus, links and all content work without it.
- **No manual review yet.** The website has only been checked with automated tests (see
  below), which find only some accessibility problems.
### Content that is not covered by the requirements

The website has no files or recordings exempt from the requirements, and no exemption for
disproportionate burden (section 12) has been made.

## How we tested the website

This is a self-assessment. Every page is tested automatically in the Chromium browser with
axe-core against the WCAG 2.0 and 2.1 level A and AA rules, each time a change to the website
is made; a change is not accepted when the test finds problems.

The website was published as edition {version} on {date}. The assessment was made and this
statement last updated on {build_date}, when this edition was built.
""",
}


CONTACT = Texts("contact", {
    "email": "e-mail",
    "phone": "phone",
    "form": "the form for reporting problems",
    "or": "or",
})


def contact_markdown(contact, language: str, escape) -> str:
    """', e-post [x@y.se](mailto:x@y.se), telefon 090-10 00 00 eller [formuläret …](https://…)'; '' without one."""
    words = CONTACT.of(language)
    ways = []
    if contact.email:
        ways.append(f"{words['email']} [{escape(contact.email)}](mailto:{contact.email})")
    if contact.phone:
        ways.append(f"{words['phone']} [{escape(contact.phone)}](tel:{''.join(c for c in contact.phone if c.isdigit() or c == '+')})")
    if contact.form:
        ways.append(f"[{escape(words['form'])}]({contact.form})")
    if not ways:
        return ""
    listed = ways[0] if len(ways) == 1 else ", ".join(ways[:-1]) + f" {words['or']} " + ways[-1]
    return ", " + listed + ","


def accessibility_statement(language: str) -> str:
    return ACCESSIBILITY_STATEMENT[spoken(language)]
