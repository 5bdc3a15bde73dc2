"""The ``strategy`` command: parses arguments, calls the work, maps results to exit codes.

Exit codes: 0 clean, 1 problems in the strategy, 2 wrong usage or an internal failure;
130 after Ctrl-C and 141 when the reader of the output went away (``strategy rules | head -1``),
as for a program stopped by SIGINT or SIGPIPE.
Heavy modules (MkDocs, pandoc, Typst) are imported only by the commands that need
them, so ``strategy check`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
from pathlib import Path

from strategykit import __version__, speed
from strategykit.diagnostics import has_errors, BuildError, Diagnostic, Position
from strategykit.messages import _, localize

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_OUTPUT_CLOSED = 130, 141


class UsageError(Exception):
    """A mistake in how the command was called; printed without a traceback, exit 2."""


def _root(path: str | None) -> Path:
    """The strategy folder: the given one (or the current one), or the nearest above it with goals.yaml.

    As git finds its repository from a subfolder, a command run in ``strategy/`` works on the
    strategy around it. A folder without goals.yaml anywhere above stays as given, so the
    check says that goals.yaml is missing there.
    """
    p = _absolute(path or ".")
    if p.is_file():
        p = p.parent
    if not p.is_dir():
        raise UsageError(f"'{path}' is not a folder with a strategy (goals.yaml) in it.")
    return _strategy_root(p)


def _strategy_root(start: Path) -> Path:
    from strategykit.project import GOALS_FILE

    here = start.absolute()
    for folder in (here, *here.parents):
        if (folder / GOALS_FILE).is_file():
            return start if folder == here else folder
        if (folder / ".git").exists():
            break  # the repository's top: a strategy is never found above it
    return start


def _absolute(path: str | Path) -> Path:
    """``path`` made absolute once, at the start: a build may replace the folder the command was started in
    (``strategy build`` run inside .build/web), and a relative path would then lead nowhere."""
    try:
        return Path(os.path.abspath(path))
    except FileNotFoundError:
        raise UsageError("the current folder no longer exists (it was deleted or replaced, perhaps by a build); "
                         "go to the strategy's folder again ('cd') and run the command there.") from None


def _shown(path: str | Path) -> str:
    """``path`` relative to the current folder for messages, or absolute when that folder is gone."""
    try:
        return os.path.relpath(path)
    except (OSError, ValueError):
        return str(path)


def _writable(dest: Path, what: str, *, folder: bool) -> Path:
    """``dest`` (absolute) if an output can be written there, or a usage error that says why not.

    Checked before the build starts, so that a mistyped or read-only output folder costs
    no build and gives no traceback. The folders on the way are made by the build.
    """
    dest = _absolute(dest)
    if "\0" in str(dest):
        raise UsageError(f"the {what} path contains a NUL character, which no file name can hold.")
    if dest.exists() and dest.is_dir() != folder:
        raise UsageError(f"cannot write the {what} to '{_shown(dest)}': it is a "
                         f"{'file' if folder else 'folder'}, not a {'folder' if folder else 'file'}.")
    ancestor = dest.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise UsageError(f"cannot write the {what} to '{_shown(dest)}': '{_shown(ancestor)}' is a file, not a folder.")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write the {what} to '{_shown(dest)}': the folder '{_shown(ancestor)}' "
                         "is not writable (permission denied). Choose another place, or fix its permissions.")
    return dest


def _relocate(diagnostics: list[Diagnostic], root: Path) -> list[Diagnostic]:
    """Show file names relative to where the command was run, so that editors can jump to them."""
    prefix = _shown(root)
    if prefix == ".":
        return diagnostics
    return [dataclasses.replace(d, position=Position(os.path.join(prefix, d.position.file),
                                                     d.position.line, d.position.column))
            for d in diagnostics]


def _format_name(name: str) -> str:
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def _print_diagnostics(diagnostics: list[Diagnostic], root: Path, fmt: str, stream=None,
                       language: str | None = None) -> None:
    from strategykit.cli.formats import FORMATTERS

    stream = stream or sys.stdout
    name = _format_name(fmt)
    diagnostics = _relocate(diagnostics, root)
    stream.write(FORMATTERS[name](diagnostics, language))
    if name == "github":
        _add_to_job_summary(diagnostics, language)


def _add_to_job_summary(diagnostics: list[Diagnostic], language: str | None = None) -> None:
    """Under GitHub Actions, list the diagnostics in the job summary too: annotations on lines a
    pull request did not change show only in the log, which an author in the web editor never opens."""
    from strategykit.cli.formats import format_markdown

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return
    try:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(format_markdown(diagnostics, language) + "\n")
    except OSError:
        pass  # the summary is a courtesy; the annotations and the exit code already tell


def cmd_check(args: argparse.Namespace) -> int:
    from strategykit.project import check

    root = _root(args.path)
    result = check(root)
    _print_diagnostics(result.diagnostics, root, args.format, language=result.language)
    return EXIT_PROBLEMS if has_errors(result.diagnostics) or result.model is None else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from strategykit.rules import RULES

    if getattr(args, "format", "text") == "markdown":
        from strategykit.devtools.guide import rules_markdown

        sys.stdout.write(rules_markdown(args.language))
        return EXIT_OK
    from strategykit.messages import translated

    fix_word = localize(_("Fix"), args.language)
    for r in sorted(RULES.values(), key=lambda r: r.code):
        print(f"{r.code} ({r.severity})")
        for line in translated(r.explanation, args.language).splitlines():
            print(f"    {line}" if line else "")
        print(f"    {fix_word}: {localize(r.fix, args.language)}\n")
    return EXIT_OK


def _checked_model(root: Path, fmt: str, refused: str = _("Nothing was built")):
    """The model for renderers and reports: they run only on a strategy without errors.

    With errors, the diagnostics go to stderr followed by ``refused`` and None is returned.
    """
    result = _checked(root, fmt, refused)
    return result.model if result is not None else None


def _checked(root: Path, fmt: str, refused: str):
    from strategykit.project import check

    result = check(root)
    if not result.ok:
        # JSON is for a program reading stdout: it gets the whole document there, and the
        # sentence for a person goes to stderr.
        _print_diagnostics(result.diagnostics, root, fmt, sys.stdout if fmt == "json" else sys.stderr,
                           result.language)
        print(localize(_("{refused}: fix the errors above first.", refused=refused), result.language),
              file=sys.stderr)
        return None
    return result


def _emit(text: str, output: str | None, written: str, language: str | None = None) -> None:
    """Print ``text``, or write it atomically to ``output`` and say so."""
    if output:
        from strategykit.atomic import write_atomic

        write_atomic(_writable(Path(output), "output", folder=False), text.encode("utf-8"))
        print(f"{localize(written, language)} {_shown(output)}")
    else:
        sys.stdout.write(text)


def cmd_build(args: argparse.Namespace) -> int:
    root = _root(args.path)
    names = [n for n, wanted in (("web", args.web), ("pdf", args.pdf)) if wanted] or ["web", "pdf"]
    if "pdf" in names:
        names.append("yearly")  # the yearly follow-ups are printed with the edition (a publication each)
    checked = _checked(root, args.format, _("Nothing was built"))
    if checked is None:
        return EXIT_PROBLEMS
    model, model_warnings = checked.model, checked.diagnostics
    # With --format json, stdout carries one JSON document; progress lines go to stderr.
    progress = sys.stderr if args.format == "json" else sys.stdout
    from strategykit.build import build

    from strategykit.plan import pdf_filename

    dist_dir = Path(args.dist_dir) if args.dist_dir else root / "dist"
    site_dir = Path(args.site_dir) if args.site_dir else root / "site"
    # Said before anything is built: an output folder that cannot be written.
    if "pdf" in names:
        dist_dir = _writable(dist_dir / pdf_filename(model), "PDF edition", folder=False).parent
    if "web" in names:
        site_dir = _writable(site_dir, "web edition", folder=True)
    built = build(model, names, site_dir=site_dir, dist_dir=dist_dir, offline=args.offline)
    for note in built.notes:
        if not note.startswith("PDF edition:"):
            print(note, file=progress)
    for warning in built.warnings:
        print(f"strategy: warning: {warning}", file=sys.stderr)
    say = model.language
    written = ([("pdf", built.pdf, localize(_("PDF edition written to {path}", path=_shown(built.pdf)), say))]
               if built.pdf is not None else []) + \
        ([("web", built.site, localize(_("Web edition written to {path}/", path=_shown(built.site)), say))]
         if built.site is not None else [])
    if args.format == "json":
        import json

        from strategykit.cli.formats import format_json

        payload = json.loads(format_json(_relocate(model_warnings, root), model.language))
        payload["written"] = {kind: os.path.relpath(path) for kind, path, _sentence in written}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        for _kind, _path, sentence in written:
            print(sentence, file=sys.stderr)
    else:
        for _kind, _path, sentence in written:
            print(sentence)
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from strategykit.analysis.diff import FORMATTERS
    from strategykit.vcs.revisions import RevisionError, SideNotLoaded, diff

    root = _root(args.path)
    try:
        result = diff(root, args.base, args.head)
    except RevisionError as exc:
        raise UsageError(str(exc)) from exc
    except SideNotLoaded as exc:
        from strategykit.project import language_of

        _print_diagnostics(exc.diagnostics, root, "text", sys.stderr, language_of(root))
        print(f"strategy: no diff: the strategy at {exc.label} cannot be read.", file=sys.stderr)
        return EXIT_PROBLEMS
    sys.stdout.write(FORMATTERS[args.format](result))
    return EXIT_OK


def cmd_fmt(args: argparse.Namespace) -> int:
    from strategykit.devtools.fmt import FormatError, format_file
    from strategykit.project import GOALS_FILE

    given = _absolute(args.path or ".")
    file = given if given.is_file() else _root(args.path) / GOALS_FILE
    display = _shown(file)
    try:
        result = format_file(file, display, check=args.check, inside=file.parent)
    except FormatError as exc:
        raise RuntimeError(f"{exc}; nothing was written") from exc
    if not result.ok:
        from strategykit.project import language_of

        sys.stdout.write(_format_diagnostics(result.diagnostics, args.format, language_of(file.parent)))
        print(f"Nothing was formatted: {display} was left as it was." if result.refused
              else f"Nothing was formatted: {display} must load first.", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.check:
        if result.changed:
            sys.stdout.write(result.diff)
            print(f"{display} is not in canonical form; run 'strategy fmt' to rewrite it.")
            return EXIT_PROBLEMS
        print(f"{display} is in canonical form.")
        return EXIT_OK
    print(f"{display} {'formatted' if result.changed else 'was already in canonical form'}.")
    return EXIT_OK


def _format_diagnostics(diagnostics: list[Diagnostic], fmt: str, language: str | None = None) -> str:
    from strategykit.cli.formats import FORMATTERS

    return FORMATTERS[_format_name(fmt)](diagnostics, language)


def cmd_new(args: argparse.Namespace) -> int:
    from strategykit.devtools.scaffold import ScaffoldError, new_strategy

    try:
        root = new_strategy(Path(args.dir), language=args.language, region_name=args.region_name,
                            region_code=args.region_code, strategy_id=args.id)
    except ScaffoldError as exc:  # said in the language the new strategy was asked for
        raise UsageError(localize(exc.args[0], args.language) if exc.args else str(exc)) from exc
    from strategykit.devtools.scaffold import first_commit

    where = os.path.relpath(root)
    # Said in the language the new strategy is written in, like everything it will say later.
    print(localize(_("A new strategy was created in {where}/, with the strategykit toolkit in {where}/tools/.",
                     where=where), args.language) + " " + localize(first_commit(root), args.language))
    print(localize(_("Next: cd {where}, run 'make build' and 'make test', edit goals.yaml, and push it to a new "
                     "repository on GitHub (git remote add origin URL; git push -u origin main).", where=where),
                   args.language))
    return EXIT_OK


def cmd_upgrade(args: argparse.Namespace) -> int:
    from strategykit.devtools.upgrade import UpgradeError, upgrade

    source = Path(args.source)
    try:
        changes = upgrade(_root(args.path), source)
    except UpgradeError as exc:
        raise UsageError(str(exc)) from exc
    sys.stdout.write(changes.report(str(source)))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    model = _checked_model(_root(args.path), "auto", _("No report was made"))
    if model is None:
        return EXIT_PROBLEMS
    from strategykit.analysis.followup import follow_up
    from strategykit.present.followup import REPORT_FORMATTERS

    if args.year is not None:
        years = [o.year for series in model.observations.values() for o in series if o.year is not None]
        if not years:
            raise UsageError(localize(_("there is no observed value in data/ yet, so there is no report for "
                                        "{year}; leave out --year, or add values first.", year=args.year),
                                      model.language))
        if not min(years) <= args.year <= max(years):
            # A report for a year beyond the data would present the latest values as that year's.
            raise UsageError(localize(_("--year {year} is outside the years the data covers ({first}–{last}); "
                                        "choose a year in that range.", year=args.year, first=min(years),
                                        last=max(years)), model.language))

    text = REPORT_FORMATTERS[args.format](follow_up(model, args.year), model, None)
    _emit(text, args.output, _("Follow-up report written to"), model.language)
    return EXIT_OK


def cmd_data_fetch(args: argparse.Namespace) -> int:
    from strategykit.sources.fetch import FetchError, FetchUsageError, fetch_data

    root = _root(args.path)
    try:
        lines = fetch_data(root, indicator=args.indicator, api=args.api)
    except FetchUsageError as exc:
        raise UsageError(str(exc)) from None
    except FetchError as exc:
        print(f"strategy: {exc}", file=sys.stderr)
        print("Nothing was changed in data/.", file=sys.stderr)
        return EXIT_PROBLEMS
    for line in lines:
        print(line)
    return EXIT_OK


def cmd_consultation(args: argparse.Namespace) -> int:
    model = _checked_model(_root(args.path), "auto", _("Nothing was made"))
    if model is None:
        return EXIT_PROBLEMS
    from strategykit.present import consultation

    pages = {"compilation": consultation.compilation_markdown, "participation": consultation.participation_markdown,
             "history": consultation.history_markdown}
    if args.page == "changes":
        from strategykit.vcs.editions import changes_since_consultation

        text = consultation.changes_markdown(model, changes_since_consultation(model))
    else:
        text = pages[args.page](model)
    _emit(text, args.output, _("Written to"), model.language)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from strategykit.cli.serve import serve

    return serve(_root(args.path), host=args.host, port=args.port)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command`` (one of ``COMMANDS``), only that command's arguments.

    ``main`` declares only the command that was typed: ``strategy check`` need not build the
    twelve other commands' parsers (about 1.5 ms of its start). Usage lines and errors are the same,
    since the commands are listed as COMMAND; ``strategy --help`` and an unknown command get them all.
    """
    def wanted(name: str) -> bool:
        return command is None or command == name

    parser = argparse.ArgumentParser(
        prog="strategy",
        description="Check and publish a regional development strategy kept as goals.yaml and Markdown chapters.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    fmt_help = "output format: text, json, github (workflow annotations), or auto (github under GitHub Actions)"

    if wanted("check"):
        p = sub.add_parser("check", help="check goals.yaml and the chapters; exit 1 on errors")
        p.add_argument("path", nargs="?", help="the strategy folder (default: the current folder)")
        p.add_argument("--format", choices=["auto", "text", "json", "github", "markdown"], default="auto",
                       help=fmt_help + "; markdown for a job summary (github also adds one when "
                       "GITHUB_STEP_SUMMARY is set)")
        p.set_defaults(func=cmd_check)

    if wanted("rules"):
        p = sub.add_parser("rules", help="list the rules with their explanations")
        p.add_argument("--format", choices=["text", "markdown"], default="text",
                       help="markdown gives the rule reference (docs/rules.<language>.md) that explains each rule")
        p.add_argument("--language", choices=["en", "sv"], default="en",
                       help="language of the explanations (default: en)")
        p.set_defaults(func=cmd_rules)

    if wanted("build"):
        p = sub.add_parser("build", help="build the web edition (site/) and the PDF edition (dist/)")
        p.add_argument("path", nargs="?", help="the strategy folder (default: the current folder)")
        p.add_argument("--web", action="store_true", help="build the web edition only")
        p.add_argument("--pdf", action="store_true", help="build the PDF edition only")
        p.add_argument("--offline", action="store_true",
                       help="link pages as .html files, so the site also works opened from disk (file://)")
        p.add_argument("--site-dir", help="where to write the site (default: site/ in the strategy folder)")
        p.add_argument("--dist-dir", help="where to write the PDF (default: dist/ in the strategy folder)")
        p.add_argument("--format", choices=["auto", "text", "json", "github"], default="auto",
                       help="format of diagnostics when the strategy has errors")
        p.set_defaults(func=cmd_build)

    if wanted("diff"):
        p = sub.add_parser("diff", help="show the change in meaning between two revisions or folders",
                           description="Compare two editions of the strategy by meaning: goals, targets and "
                           "indicators matched by id, lowered ambitions flagged. A side is a git revision or a "
                           "folder. Default: the merge base with main, and the working tree.")
        p.add_argument("base", nargs="?", help="git revision or folder (default: the merge base with main)")
        p.add_argument("head", nargs="?", help="git revision or folder (default: the working tree)")
        p.add_argument("-C", "--path", help="the strategy folder (default: the current folder)")
        p.add_argument("--format", choices=["text", "markdown", "json"], default="text",
                       help="text for the terminal, markdown for a pull request or the job summary, json for tools")
        p.set_defaults(func=cmd_diff)

    if wanted("fmt"):
        p = sub.add_parser("fmt", help="rewrite goals.yaml in its canonical form, keeping every comment",
                           description="Rewrite goals.yaml in one canonical form (key order, quoting, "
                           "indentation), keeping every comment, so that diffs show only real changes.")
        p.add_argument("path", nargs="?", help="the strategy folder or its goals.yaml (default: the current folder)")
        p.add_argument("--check", action="store_true",
                       help="change nothing; exit 1 and show what would change if the file is not in canonical form")
        p.add_argument("--format", choices=["auto", "text", "json", "github"], default="auto",
                       help="format of diagnostics when goals.yaml does not load")
        p.set_defaults(func=cmd_fmt)

    if wanted("new"):
        p = sub.add_parser("new", help="create a new strategy repository for another region",
                           description="Create a new strategy repository: a minimal valid goals.yaml, one "
                           "chapter, mkdocs.yml, the GitHub workflow and the pre-commit configuration.")
        p.add_argument("dir", help="the folder to create (it must not exist, or be empty)")
        p.add_argument("--language", choices=["sv", "en"], default="sv", help="language of the content and labels")
        p.add_argument("--region-name", help="the region's name, e.g. 'Västerbottens län'")
        p.add_argument("--region-code", help="the county (two digits) or municipality (four digits) code")
        p.add_argument("--id", help="short machine name of the strategy, e.g. rus-vasterbotten")
        p.set_defaults(func=cmd_new)

    if wanted("upgrade"):
        p = sub.add_parser("upgrade", help="bring a newer toolkit into a repository that 'strategy new' made",
                           description="Copy the toolkit (tools/strategykit, tools/venv.sh), the schemas and the "
                           "dependencies of a strategykit checkout into this repository, and show what changed, "
                           "schema changes first.")
        p.add_argument("--from", dest="source", required=True, metavar="PATH",
                       help="a checkout (clone) of the strategykit repository")
        p.add_argument("-C", "--path", help="the strategy repository (default: the current folder)")
        p.set_defaults(func=cmd_upgrade)

    if wanted("report"):
        p = sub.add_parser("report",
                           help="the yearly follow-up: each target's baseline, latest value, target and status")
        p.add_argument("path", nargs="?", help="the strategy folder (default: the current folder)")
        p.add_argument("--year", type=int, help="use values up to this year (default: the latest year with data)")
        p.add_argument("--format", choices=["markdown", "json", "text"], default="markdown",
                       help="markdown (to publish; labels in the strategy's language), json or text")
        p.add_argument("-o", "--output", help="write the report to this file instead of printing it")
        p.set_defaults(func=cmd_report)

    if wanted("data"):
        p = sub.add_parser("data", help="observed values in data/<indicator>.csv")
        data_sub = p.add_subparsers(dest="data_command", metavar="ACTION")
        data_sub.required = True
        q = data_sub.add_parser("fetch", help="fetch the region's observed values from Kolada into data/")
        q.add_argument("path", nargs="?", help="the strategy folder (default: the current folder)")
        q.add_argument("--indicator", help="fetch only this indicator (its id under 'indicators:')")
        q.add_argument("--api", metavar="URL",
                       help="the Kolada v3 API's base address "
                       "(default: $STRATEGY_KOLADA_API, else https://api.kolada.se/v3)")
        q.set_defaults(func=cmd_data_fetch)

    if wanted("consultation"):
        p = sub.add_parser("consultation", help="the consultation compilation, participation, history of editions "
                           "or changes since the consultation version, as Markdown",
                           description="Print a page about how the strategy was made, in the strategy's language: "
                           "the compilation of consultation responses (remiss/*.yaml), participation in numbers "
                           "(dialogue.yaml), the history of editions (editions.yaml), or the changes since the "
                           "consultation version (its git tag, compared with the current sources).")
        p.add_argument("path", nargs="?", help="the strategy folder (default: the current folder)")
        p.add_argument("--page", choices=["compilation", "participation", "history", "changes"], default="compilation",
                       help="which page (default: compilation)")
        p.add_argument("-o", "--output", help="write the page to this file instead of printing it")
        p.set_defaults(func=cmd_consultation)

    if wanted("serve"):
        p = sub.add_parser("serve", help="preview the web edition at localhost, rebuilt on every save")
        p.add_argument("path", nargs="?", help="the strategy folder (default: the current folder)")
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=_port, default=8000, help="the port to listen on, 1–65535 (default: 8000)")
        p.set_defaults(func=cmd_serve)
    return parser


def _port(text: str) -> int:
    """A TCP port a preview can listen on; anything else is a usage error (exit 2) from argparse."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number; give a number from 1 to 65535") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number; give a number from 1 to 65535")
    return port


def _output_closed() -> int:
    """The reader of the output has gone (``strategy rules | head -1``): stop quietly.

    As the Python documentation's note on SIGPIPE advises, standard output is pointed at
    /dev/null, so that Python's flush at exit does not fail a second time.
    """
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OUTPUT_CLOSED


def _internal_error(exc: BaseException) -> int:
    """A traceback is a bug: say so plainly, show it only on request."""
    if os.environ.get("STRATEGY_DEBUG"):
        raise exc
    print(f"strategy: internal error ({type(exc).__name__}: {exc}). This is a bug in strategykit; "
          "run again with STRATEGY_DEBUG=1 to see the details, and report them.", file=sys.stderr)
    return EXIT_USAGE


COMMANDS = ("check", "rules", "build", "diff", "fmt", "new", "upgrade", "report", "data", "consultation", "serve")


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    parser = build_parser(words[0] if words and words[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    if argv is None and args.func is cmd_check:  # the command line's check, not a test's call
        speed.for_one_command()
    try:
        code = args.func(args)
        sys.stdout.flush()  # so that a closed pipe shows here, not in Python's flush at exit
        return code
    except UsageError as exc:
        print(f"strategy: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BuildError as exc:
        print(f"strategy: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:
        return _output_closed()
    except OSError as exc:
        if exc.filename is None:
            return _internal_error(exc)
        # The machine, not the strategy: a full disk, a read-only or vanished folder. Outputs are
        # written aside and swapped in, so the previous ones are still whole.
        print(f"strategy: cannot write or read '{_shown(exc.filename)}': {exc.strerror or exc}. "
              "Nothing was changed; fix the folder (space, permissions) or choose another one.", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:
        return _internal_error(exc)


if __name__ == "__main__":
    sys.exit(main())
