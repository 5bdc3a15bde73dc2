"""Reading a built PDF the way the tests compare it: words, links and alt texts."""

from __future__ import annotations

import re
import unicodedata

import pypdf


def normalise(text: str) -> str:
    """Text as words without line breaks, hyphenation or ligatures: what is compared, not how it is set."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"[\s\-\u2010\u2011]+", "", text)


def pdf_text(reader: pypdf.PdfReader) -> str:
    return normalise("\n".join(page.extract_text() for page in reader.pages))


def links(reader: pypdf.PdfReader) -> list[tuple[int, str | None, int | None, str | None]]:
    """Every link: (its page, the named destination or None, the page it leads to, or its URI)."""
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    named = reader.named_destinations
    out = []
    for i, page in enumerate(reader.pages):
        for a in page.get("/Annots", []):
            a = a.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            dest = a.get("/Dest")
            if isinstance(dest, str):
                out.append((i, dest, reader.get_destination_page_number(named[dest]) if dest in named else None, None))
            elif dest is not None:
                out.append((i, None, pages.get(dest[0].idnum), None))
            else:
                out.append((i, None, None, str(a["/A"].get("/URI"))))
    return out


def figure_alts(reader: pypdf.PdfReader, kind: str = "/Figure") -> list[str]:
    """The alt texts of the figures (or, ``kind="/Formula"``, the formulas) in the structure tree, normalised."""
    alts = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.DictionaryObject):
            if node.get("/S") == kind and "/Alt" in node:
                alts.append(" ".join(str(node["/Alt"]).split()))
            kids = node.get("/K")
            if isinstance(kids, pypdf.generic.ArrayObject):
                for k in kids:
                    walk(k)
            elif kids is not None:
                walk(kids)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return alts
