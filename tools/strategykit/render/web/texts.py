"""Longer page texts of the web edition: the accessibility statement, a document per language
(``locale/<lang>/documents/accessibility-statement.md``), and the contact words, from the catalogs
(``present.catalog``; short labels live in ``i18n``).

The accessibility statement follows what Digg (Myndigheten för digital förvaltning)
requires of a tillgänglighetsredogörelse under lagen (2018:1937) om tillgänglighet
till digital offentlig service: the actor and the service, how far it complies
(helt / delvis / inte förenlig), the content that is not accessible and why, how it
was assessed and when, how to report a problem, and the link to Digg's report form.
Placeholders in braces are filled by ``str.format``; values are Markdown-escaped first.
"""

from __future__ import annotations

from strategykit.present.catalog import Texts, document

DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"


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
    return document("accessibility-statement", language)
