"""Build one MkDocs site in a process of its own (run as a script by ``web._run_mkdocs``).

In-process, nothing can bound MkDocs' memory; as a child process it runs under the build's limits
(``bounds``). This file imports nothing of strategykit but ``escaping.py`` and ``passthrough.py``
beside it (by their paths), so the child starts in the time Python and MkDocs take to load.
Arguments: the configuration file, the site folder and, optionally, a folder for compiled theme
templates. It prints the outcome as JSON: nothing, or MkDocs' error with the warnings logged before
it (a strict build stops on them).
"""

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _sibling(name: str) -> Any:
    """A module beside this script, loaded by its path: through the package it would load all of strategykit."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"strategykit_mkdocs_run_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _template_cache_plugin(folder: str) -> Any:
    """A plugin that keeps the theme's compiled Jinja templates in ``folder`` between builds.

    Material's templates are compiled anew in every process, about a quarter of a second of each web
    build; Jinja's own bytecode cache keys them by name and source checksum, so an upgraded theme is
    compiled again and a stale entry is never used.
    """
    from jinja2 import FileSystemBytecodeCache
    from mkdocs.plugins import BasePlugin

    class TemplateCache(BasePlugin):
        def on_env(self, env, config, files):
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError:
                return env  # a cache that cannot be written only costs time
            env.bytecode_cache = FileSystemBytecodeCache(folder)
            return env

    return TemplateCache()


def build_site(config_file: str, site_dir: str, plugins: dict[str, Any] | None = None,
               template_cache: str | None = None) -> dict:
    """Build with MkDocs, strict; the outcome: ``{}``, or MkDocs' error with the warnings logged before it.

    The one place that runs MkDocs, here in a child process and in the preview's own process
    (which adds its ``plugins``, last, so that they see what the configured ones made). Both
    builds mark the escaped chrome texts as markup (``escaping``), so that the theme does not
    escape them twice, and carry the toolkit's generated HTML past Python-Markdown (``passthrough``).
    """
    escaping, passthrough = _sibling("escaping"), _sibling("passthrough")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    cached = {"strategykit-template-cache": _template_cache_plugin(template_cache)} if template_cache else {}
    plugins = {escaping.PLUGIN_NAME: escaping.mark_escaped_plugin(), passthrough.PLUGIN_NAME: passthrough.plugin(),
               **cached, **(plugins or {})}
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        cfg = load_config(config_file=config_file, site_dir=site_dir, strict=True)
        for name, plugin in plugins.items():
            cfg.plugins[name] = plugin
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (exceptions.MkDocsException, SystemExit) as exc:
        return {"error": str(exc), "warnings": handler.messages}
    finally:
        logger.removeHandler(handler)
    return {}


def main(config_file: str, site_dir: str, template_cache: str | None = None) -> int:
    json.dump(build_site(config_file, site_dir, template_cache=template_cache), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
