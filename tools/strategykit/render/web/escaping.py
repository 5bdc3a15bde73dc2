"""Text from the sources in the site's chrome: title, meta tags, navigation, header and footer.

MkDocs and its themes treat the site's name, description, author, copyright and every
navigation title as HTML: the theme prints them unescaped (a title taken from a page's first
heading is HTML too). So the toolkit never hands them plain text: ``generate`` escapes each
text from the sources before it goes into the configuration and the navigation, and a
strategy title like ``RUS <img src=x onerror=…>`` shows as written instead of acting.

Where a theme escapes a value itself (an attribute such as ``title="{{ config.site_name | e }}"``)
an escaped text would be escaped twice, so for an MkDocs build the ``MarkEscaped`` plugin marks
these values as already-escaped markup (``markupsafe.Markup``), which Jinja's ``e`` leaves as it is.
"""

from __future__ import annotations

import html
from typing import Any

PLUGIN_NAME = "strategykit-escaped"
"""Acts on the configuration and the navigation only, so the preview's page-by-page updates keep it."""

CHROME_KEYS = ("site_name", "site_description", "site_author", "copyright", "repo_name")
"""The configuration values the theme prints as HTML."""


def text(value: str | None) -> str | None:
    """``value`` as HTML that shows exactly the text (quotes too: it may land in an attribute)."""
    return None if value is None else html.escape(value, quote=True)


def nav(items: list) -> list:
    """MkDocs' ``nav`` with every title escaped (titles are HTML to the theme; paths stay as they are)."""
    out: list = []
    for item in items:
        if isinstance(item, dict):
            out.append({text(title): nav(target) if isinstance(target, list) else target
                        for title, target in item.items()})
        elif isinstance(item, list):
            out.append(nav(item))
        else:
            out.append(item)
    return out


def mark_escaped_plugin() -> Any:
    """An MkDocs plugin that marks the escaped chrome values as markup (see the module's docstring)."""
    from markupsafe import Markup
    from mkdocs.plugins import BasePlugin

    class MarkEscaped(BasePlugin):
        def on_config(self, config):
            for key in CHROME_KEYS:
                if isinstance(config.get(key), str):
                    config[key] = Markup(config[key])
            return config

        def on_nav(self, nav, config, files):
            def mark(items):
                for item in items:
                    if isinstance(getattr(item, "title", None), str):
                        item.title = Markup(item.title)
                    mark(getattr(item, "children", None) or ())
            mark(nav.items)
            return nav

    return MarkEscaped()
