"""The ``strategy`` command: parses arguments, calls the work, maps results to exit codes.

Exit codes: 0 clean, 1 problems in the strategy, 2 wrong usage or an internal failure.
Heavy modules (MkDocs, pandoc, Typst) are imported only by the commands that need
them, so ``strategy check`` stays fast.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

from . import __version__
from .diagnostics import BuildError, Diagnostic, Position, has_errors

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called; printed without a traceback, exit 2."""


def _root(path: str | None) -> Path:
    p = Path(path or ".")
    if p.is_file():
        p = p.parent
    if not p.is_dir():
        raise UsageError(f"'{path}' is not a folder with a strategy (goals.yaml) in it.")
    return p


def _relocate(diagnostics: list[Diagnostic], root: Path) -> list[Diagnostic]:
    """Show file names relative to where the command was run, so that editors can jump to them."""
    prefix = os.path.relpath(root)
    if prefix == ".":
        return diagnostics
    return [dataclasses.replace(d, position=Position(os.path.join(prefix, d.position.file),
                                                     d.position.line, d.position.column))
            for d in diagnostics]


def _format_name(name: str) -> str:
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def _print_diagnostics(diagnostics: list[Diagnostic], root: Path, fmt: str, stream=None) -> None:
    from .report import FORMATTERS

    stream = stream or sys.stdout
    stream.write(FORMATTERS[_format_name(fmt)](_relocate(diagnostics, root)))


def cmd_check(args: argparse.Namespace) -> int:
    from .project import check

    root = _root(args.path)
    result = check(root)
    _print_diagnostics(result.diagnostics, root, args.format)
    return EXIT_PROBLEMS if has_errors(result.diagnostics) or result.model is None else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from .rules import RULES

    for r in sorted(RULES.values(), key=lambda r: r.code):
        print(f"{r.code} ({r.severity})")
        for line in r.explanation.splitlines():
            print(f"    {line}" if line else "")
        print(f"    Fix: {r.fix}\n")
    return EXIT_OK


def _checked_model(root: Path, fmt: str):
    """The model for renderers: they run only on a strategy without errors."""
    from .project import check

    result = check(root)
    if not result.ok:
        _print_diagnostics(result.diagnostics, root, fmt, sys.stderr)
        print("Nothing was built: fix the errors above first.", file=sys.stderr)
        return None
    return result.model


def cmd_build(args: argparse.Namespace) -> int:
    root = _root(args.path)
    want_web, want_pdf = args.web, args.pdf
    if not (want_web or want_pdf):
        want_web = want_pdf = True
    model = _checked_model(root, args.format)
    if model is None:
        return EXIT_PROBLEMS
    # The PDF is built first so that the site can link to (and copy) the same edition.
    if want_pdf:
        from .pdf import build_pdf

        out = build_pdf(model, Path(args.dist_dir) if args.dist_dir else root / "dist")
        print(f"PDF edition written to {os.path.relpath(out)}")
    if want_web:
        from .web import build_site

        out = build_site(model, Path(args.site_dir) if args.site_dir else root / "site")
        print(f"Web edition written to {os.path.relpath(out)}/")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(_root(args.path), host=args.host, port=args.port)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strategy",
        description="Check and publish a regional development strategy kept as goals.yaml and Markdown chapters.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    fmt_help = "output format: text, json, github (workflow annotations), or auto (github under GitHub Actions)"

    p = sub.add_parser("check", help="check goals.yaml and the chapters; exit 1 on errors")
    p.add_argument("path", nargs="?", help="the strategy folder (default: the current folder)")
    p.add_argument("--format", choices=["auto", "text", "json", "github"], default="auto", help=fmt_help)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("rules", help="list the rules with their explanations")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("build", help="build the web edition (site/) and the PDF edition (dist/)")
    p.add_argument("path", nargs="?", help="the strategy folder (default: the current folder)")
    p.add_argument("--web", action="store_true", help="build the web edition only")
    p.add_argument("--pdf", action="store_true", help="build the PDF edition only")
    p.add_argument("--site-dir", help="where to write the site (default: site/ in the strategy folder)")
    p.add_argument("--dist-dir", help="where to write the PDF (default: dist/ in the strategy folder)")
    p.add_argument("--format", choices=["auto", "text", "json", "github"], default="auto",
                   help="format of diagnostics when the strategy has errors")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="preview the web edition at localhost, rebuilt on every save")
    p.add_argument("path", nargs="?", help="the strategy folder (default: the current folder)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"strategy: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BuildError as exc:
        print(f"strategy: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:  # a traceback is a bug: say so plainly, show it only on request
        if os.environ.get("STRATEGY_DEBUG"):
            raise
        print(f"strategy: internal error ({type(exc).__name__}: {exc}). This is a bug in strategykit; "
              "run again with STRATEGY_DEBUG=1 to see the details, and report them.", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
