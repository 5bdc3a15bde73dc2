"""Rules on what a chapter may contain: nothing that acts, nothing that reads files.

Pull requests come from outside the team and CI builds them. A chapter is prose:
raw HTML that runs code, raw Typst or LaTeX that reaches the compiler, and images
from outside the repository are refused before anything is built.
"""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import unquote, urlsplit

from strategykit.diagnostics import Position
from strategykit.model import Strategy
from strategykit.rules import rule, Finding
from strategykit.messages import _
from strategykit.source.load import is_inside

# ```{=typst} blocks and `...`{=latex} spans pass straight to a pandoc writer.
_RAW_ATTRIBUTE = re.compile(r"\{=\s*([A-Za-z0-9_+-]+)\s*\}")


_SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}
# '{ onclick="…" }' after a heading or paragraph: MkDocs' attr_list turns it into an attribute.
_EVENT_ATTRIBUTE = re.compile(r"\{[^}\n]*\bon[a-z]+\s*=", re.IGNORECASE)


_ONLY_CLOSING_TAGS = re.compile(r"^(\s*</[A-Za-z][A-Za-z0-9-]*\s*>\s*)+$")


def _is_safe_html(fragment: str) -> bool:
    """Safe when the sanitizer keeps the fragment as written (it may only close open tags)."""
    import nh3

    if _ONLY_CLOSING_TAGS.match(fragment):
        return True

    cleaned = nh3.clean(fragment, link_rel=None)
    squash = lambda s: re.sub(r"\s+", " ", s).strip().lower()  # noqa: E731
    return squash(cleaned).startswith(squash(fragment))


@rule("unsafe-html", fix=_("Remove the HTML and write the text in Markdown; scripts, event handlers and javascript: links are never published."))
def unsafe_html(s: Strategy) -> Iterator[Finding]:
    """Raw HTML in a chapter must not be able to act.

    The sanitizer nh3 decides: HTML that it would change (a `<script>`, an
    `onclick=` handler, a `javascript:` link, an `<iframe>`, inline styles) is
    refused. Plain formatting tags such as `<abbr>` or `<br>` are fine.
    """
    for c in s.chapters:
        if c.document is None:
            continue
        for fragment in c.document.html:  # the chapter's one reading by markdown-it (source/load.py)
            if not _is_safe_html(fragment.text):
                shown = " ".join(fragment.text.split())[:60]
                yield Finding(_("The chapter contains HTML that could act when published: {shown}", shown=shown),
                              position=Position(c.file, fragment.line, 1))
        for link in c.document.links:
            href = link.target
            scheme = urlsplit(href.strip()).scheme.lower()
            if scheme not in _SAFE_SCHEMES and not re.match(r"^[a-z]:[\\/]", href, re.I):
                yield Finding(_("The link '{value}' uses '{scheme}:', which could act when clicked.",
                                value=href[:60], scheme=scheme),
                              position=Position(c.file, link.line, link.column),
                              hint=_("Link with https://, mailto: or a path inside the strategy."))
        for braces in c.document.braces:
            if _EVENT_ATTRIBUTE.search(braces.text):
                yield Finding(_("The chapter gives an element an event handler ({{ on…= }}), which could act when published."),
                              position=Position(c.file, braces.line, 1),
                              hint=_("Remove the attribute in braces."))


@rule("raw-markup", guards_build=True, fix=_("Remove the raw block; write the content in Markdown."))
def raw_markup(s: Strategy) -> Iterator[Finding]:
    """A chapter contains no raw Typst, LaTeX or other raw blocks.

    Pandoc passes a raw block (```` ```{=typst} ````, `` `…`{=latex} ``) straight to
    the typesetter, where it could read files or change the whole document.
    """
    for c in s.chapters:
        if c.document is None:
            continue
        for number, line in enumerate(c.document.text.split("\n"), start=1):
            m = _RAW_ATTRIBUTE.search(line)
            if m:
                yield Finding(_("The chapter contains a raw {value} block, which is not allowed.", value=m.group(1)),
                              position=Position(c.file, number, m.start() + 1))


@rule("image-outside-folder", guards_build=True, fix=_("Put the image in the strategy/ folder and refer to it with a relative path."))
def image_outside_folder(s: Strategy) -> Iterator[Finding]:
    """Images come from the strategy's own folder.

    An absolute path, a path with `../` that leaves strategy/, or a `file:` link
    could pull a file of the build machine into a published edition. Web images
    (https://…) are refused too: an edition must not change when a remote site does.
    """
    folder = s.root / "strategy"
    for c in s.chapters:
        if c.document is None:
            continue
        base = (s.root / c.file).parent
        for im in c.document.images:
            target = im.target
            parts = urlsplit(target)
            bad = bool(parts.scheme or parts.netloc or target.startswith(("/", "\\")))
            if not bad:
                bad = not is_inside(base / unquote(parts.path), folder)
            if bad:
                yield Finding(_("The image '{target}' is not inside the strategy/ folder.", target=target),
                              position=Position(c.file, im.line, im.column))
