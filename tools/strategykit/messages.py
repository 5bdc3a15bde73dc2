"""Messages for authors in the strategy's language, from gettext catalogs a translator edits.

A message is written in English in the code, marked with ``_``::

    _("The key '{key}' has no colon after it.", key=key)

``_`` returns a :class:`Msg`: a ``str`` holding the English text (so diagnostics stay
plain values, and tests and JSON see ordinary strings), which also remembers its English
template and arguments. The edge that shows it to a person calls :func:`localize` with the
strategy's language; that looks the template up in ``locale/<lang>/LC_MESSAGES/strategykit.mo``
and fills in the arguments (arguments that are themselves messages are translated too).

English is the source language (the msgid), so it needs no catalog. The catalogs are
``.po`` files under ``locale/``; ``python -m strategykit.devtools.catalog`` extracts the messages
from the code into them and compiles the ``.mo`` files that are read here (committed, so a
fresh clone works without a build step; a test keeps them current). Only the standard
library's ``gettext`` is used at run time: Babel is a tool for maintainers, never imported
by ``strategy check``.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

DOMAIN = "strategykit"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("sv", "en")
SOURCE_LANGUAGE = "en"


class Msg(str):
    """An English message that can say itself in another language (see :func:`localize`)."""

    msgid: str
    args: dict[str, Any]

    def __new__(cls, msgid: str, args: dict[str, Any] | None = None) -> "Msg":
        args = args or {}
        # Always formatted, so that a literal brace is written doubled ("{{") in every message.
        self = super().__new__(cls, msgid.format(**args))
        self.msgid = msgid
        self.args = args
        return self

    def __reduce__(self):  # a pickled or copied message keeps its template and arguments
        return (Msg, (self.msgid, self.args))

    def localized(self, language: str) -> str:
        if language == SOURCE_LANGUAGE:
            return str(self)
        template = _lookup(language, self.msgid)
        args = {k: localize(v, language) if isinstance(v, str) else v for k, v in self.args.items()}
        try:
            return template.format(**args)
        except (KeyError, IndexError, ValueError):  # a broken translation never hides the message
            return self.msgid.format(**args)


class _Capitalized(Msg):
    """A message that starts a sentence: its first letter is a capital, in any language."""

    def __new__(cls, text: str) -> "_Capitalized":
        self = str.__new__(cls, str(text)[:1].upper() + str(text)[1:])
        self.msgid, self.args = "{text}", {"text": text}
        return self

    def __reduce__(self):
        return (_Capitalized, (self.args["text"],))

    def localized(self, language: str) -> str:
        text = localize(self.args["text"], language)
        return text[:1].upper() + text[1:]


class _Whole(Msg):
    """A text kept outside the code (a schema's description), translated as it stands: it has no fields."""

    def __new__(cls, text: str) -> "_Whole":
        self = str.__new__(cls, text)
        self.msgid, self.args = text, {}
        return self

    def __reduce__(self):
        return (_Whole, (self.msgid,))

    def localized(self, language: str) -> str:
        return translated(self.msgid, language)


def whole(text: str) -> Msg:
    """``text`` (a schema's description, a hint in editors too) as a message the catalog translates."""
    return _Whole(text)


def capitalized(text: str) -> Msg:
    """``text`` (a message or plain text) with a capital first letter, once it is said in a language."""
    return _Capitalized(text)


def _(msgid: str, /, **args: Any) -> Msg:
    """Mark an English message for translation; ``args`` fill its ``{name}`` fields."""
    return Msg(msgid, args)


def translated(text: str, language: str) -> str:
    """A whole text (a rule's explanation) from the catalog as it stands, without fields to fill."""
    return text if language == SOURCE_LANGUAGE else _lookup(language, text)


def localize(text: str, language: str | None) -> str:
    """``text`` in ``language`` when it is a :class:`Msg` with a translation; otherwise as it is."""
    if isinstance(text, Msg) and language:
        return text.localized(language)
    return str(text) if isinstance(text, Msg) else text


@functools.lru_cache(maxsize=None)
def translations(language: str):
    """The compiled catalog of ``language`` (standard-library gettext), or one that translates nothing.

    The authors' messages and the readers' texts (``present.catalog``) are entries of the same catalog."""
    import gettext

    try:
        with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as f:
            return gettext.GNUTranslations(f)
    except OSError:
        return gettext.NullTranslations()


def _lookup(language: str, msgid: str) -> str:
    """The translation of ``msgid``, or ``msgid`` itself when the catalog has none."""
    return translations(language).gettext(msgid)


def fallback_language() -> str:
    """The language when no strategy says one (goals.yaml missing or unreadable): the user's locale."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "sv" if value.lower().startswith("sv") else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE
