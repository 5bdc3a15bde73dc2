"""pandoc and Typst, both from PyPI: the pinned pair, how they are called, and their errors in plain words.

pandoc's Typst writer emits code for one Typst version; a newer compiler may
reject it. The two are therefore pinned together (pyproject.toml) and checked
here, so that a mismatched install fails with a message instead of a puzzling
compiler error.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import threading
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path
from typing import Any, Iterator, Sequence
from types import SimpleNamespace
from typing import Any, Sequence

import pypandoc

from strategykit.diagnostics import BuildError
from strategykit.render.pdf.profile import PROFILE_FOLDER, TEMPLATES
from strategykit import bounds

PANDOC_SERIES = "3.9"
TYPST_SERIES = "0.15"

CHAPTER_FORMAT = ("markdown-citations-tex_math_dollars-tex_math_single_backslash"
                  "-raw_tex-raw_attribute+autolink_bare_uris")
"""Chapters are prose: no citations (no bibliography), no math (no alt text), no raw Typst/LaTeX."""

PANDOC_ARGS = ["--sandbox", "--syntax-highlighting=none", "--wrap=preserve"]
"""``--sandbox``: pandoc reads nothing but its input, so no chapter can pull in another file."""


def versions() -> tuple[str, str]:
    """The pandoc version and the Typst package version in use."""
    return pypandoc.get_pandoc_version(), version("typst")


def check_pairing() -> None:
    pandoc_v, typst_v = versions()
    if not (pandoc_v.startswith(PANDOC_SERIES + ".") or pandoc_v == PANDOC_SERIES) \
            or not typst_v.startswith(TYPST_SERIES + "."):
        raise BuildError(
            f"The PDF needs pandoc {PANDOC_SERIES}.x with Typst {TYPST_SERIES}.x, but pandoc {pandoc_v} "
            f"and Typst {typst_v} are installed. Reinstall the toolkit (make build) to get the pinned pair.")


def _pandoc(text: str, to: str, fmt: str, extra: list[str] | None = None,
            subject: str = "the PDF's document") -> str:
    """pandoc's output for ``text``, run within the build's time and memory limits (``bounds``)."""
    command = [pypandoc.get_pandoc_path(), f"--from={fmt}", f"--to={to}", *PANDOC_ARGS, *(extra or [])]
    proc = bounds.run(command, engine="pandoc", subject=subject, input=text.encode("utf-8"),
                      simplify="Run strategy check, which refuses chapters too large or too deeply nested "
                               "for the build, or make the longest chapters shorter")
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        first = err.splitlines()[-1] if err else f"exit {proc.returncode}"
        raise BuildError(f"pandoc could not convert the document: {first}")
    return proc.stdout.decode("utf-8", "replace")


API_VERSION = [1, 23, 1, 1]
"""The pandoc AST version of the JSON this module writes (pandoc 3.9)."""

READ_EACH = TEMPLATES / "read-each.lua"
"""The pandoc filter that reads each text handed to it on its own (``read_each``)."""


def read_each(texts: Sequence[str]) -> list[list[dict[str, Any]]]:
    """pandoc's blocks for each Markdown text, every text read on its own, in one run of pandoc.

    A run of pandoc per text costs its start-up each time (200 chapters: most of the time);
    joining the texts into one document would let an unclosed fence, or footnote and link
    reference labels, reach from one text into the next. So the texts travel as code blocks
    and a filter hands each to pandoc's Markdown reader separately. Tabs are expanded as
    pandoc's command line does before it reads a file, so the blocks are those that
    ``pandoc -f CHAPTER_FORMAT -t json`` gives for each text.
    """
    if not texts:
        return []
    carrier = {"pandoc-api-version": API_VERSION,
               "meta": {"strategykit-format": {"t": "MetaString", "c": CHAPTER_FORMAT}},
               "blocks": [{"t": "CodeBlock", "c": [["", [], []], text.expandtabs(4)]} for text in texts]}
    out = json.loads(_pandoc(json.dumps(carrier, ensure_ascii=False), "json", "json",
                             ["--lua-filter", str(READ_EACH)], subject="the chapters in strategy/"))["blocks"]
    if len(out) != len(texts):
        raise BuildError(f"pandoc read {len(texts)} texts but returned {len(out)}.")
    return [div["c"][1] for div in out]


PANDOC_RUNS = max(1, min(4, os.cpu_count() or 1))
"""Runs of pandoc at once, at most: one per core, since each keeps its core busy."""

WRITE_BATCH = 5_000_000
"""About this much pandoc JSON (characters) is worth a run of pandoc of its own, beside the others."""


def split_evenly(sizes: Sequence[int], batch: int, most: int) -> list[range]:
    """Consecutive ranges over items of the given sizes: one per ``batch`` of size, at most ``most``, about equal."""
    total = sum(sizes)
    count = max(1, min(most, -(-total // batch), len(sizes)))
    before = list(itertools.accumulate(sizes, initial=0))  # before[i]: the size of the items before item i
    cuts = [0]
    for k in range(1, count):
        cuts.append(min(range(cuts[-1] + 1, len(sizes) - count + k + 1),
                        key=lambda i: abs(before[i] - total * k / count)))
    cuts.append(len(sizes))
    return [range(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def typst_body(blocks: list[dict[str, Any]]) -> str:
    """The Typst markup of a document's blocks, as pandoc fills it in for ``$body$`` in a template.

    A large document is cut at its chapter marks (``CHAPTER_MARK``) and written by a few runs
    of pandoc at once; the pieces are joined as pandoc joins blocks: with a blank line, but
    two raw blocks with a line break only.
    """
    starts = [i for i, b in enumerate(blocks) if i == 0 or _is_mark(b)]
    pieces = [blocks[a:b] for a, b in zip(starts, starts[1:] + [len(blocks)])]
    texts = [json.dumps(piece, ensure_ascii=False)[1:-1] for piece in pieces]
    runs = split_evenly([len(t) for t in texts], WRITE_BATCH, PANDOC_RUNS)
    head = '{"pandoc-api-version":' + json.dumps(API_VERSION) + ',"meta":{},"blocks":['

    def write(run: range) -> str:
        return _pandoc(head + ",".join(texts[run.start:run.stop]) + "]}", "typst", "json")

    with ThreadPoolExecutor(max_workers=len(runs) or 1) as pool:
        written = list(pool.map(write, runs))
    out: list[str] = []
    for run, text in zip(runs, written):
        if out:
            raw_pair = pieces[run.start - 1][-1].get("t") == pieces[run.start][0].get("t") == "RawBlock"
            out.append("\n" if raw_pair else "\n\n")
        out.append(text.rstrip("\n"))
    return "".join(out)


def _is_mark(block: dict[str, Any]) -> bool:
    return block.get("t") == "RawBlock" and block["c"][1].startswith(CHAPTER_MARK)


def fill_template(template: Path, body: str) -> str:
    """The document template with the body in place of ``$body$``, as pandoc's ``--template`` fills it.

    The template may use no other variable; ``$$`` stands for a dollar sign.
    """
    pieces = template.read_text(encoding="utf-8").split("$$")
    if any("$" in piece.replace("$body$", "") for piece in pieces):
        raise BuildError(f"The document template {template.name} may use no variable but $body$.")
    return "$".join(piece.replace("$body$", body) for piece in pieces)


TYPST_RUN = Path(__file__).with_name("typst_run.py")
"""The script that compiles in a child process, under the build's limits."""

_LOCATION = re.compile(r"([\w./-]+\.typ):(\d+):(\d+)")

_PACKAGE = re.compile(r"\"(@[A-Za-z0-9_-]+/[^\"\n]*)\"")
"""A Typst package spec in a string, e.g. "@preview/cetz:0.3.0": Typst downloads such a package."""

OFFLINE_PROXY = "http://127.0.0.1:9"
"""Where the Typst compiler is told to send any download: the discard port, where nothing answers."""


def package_imports(text: str) -> list[tuple[int, int, str]]:
    """Each Typst package spec written in ``text``, as (line, column, spec)."""
    out = []
    for m in _PACKAGE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        out.append((line, m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1, m.group(1)))
    return out


_offline_lock = threading.Lock()
_offline_users = 0
_offline_saved: dict[str, str | None] = {}


@contextlib.contextmanager
def _offline() -> Iterator[None]:
    """The compile's downloads go to ``OFFLINE_PROXY`` (Typst honours the proxy variables), so none reaches
    the network. The variables are the process's: set while any compile runs (counted, for compiles in
    threads), restored after the last."""
    global _offline_users
    names = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")
    with _offline_lock:
        if _offline_users == 0:
            _offline_saved.clear()
            _offline_saved.update({k: os.environ.get(k) for k in (*names, "NO_PROXY", "no_proxy")})
            for k in names:
                os.environ[k] = OFFLINE_PROXY
            os.environ.pop("NO_PROXY", None)
            os.environ.pop("no_proxy", None)
        _offline_users += 1
    try:
        yield
    finally:
        with _offline_lock:
            _offline_users -= 1
            if _offline_users == 0:
                for k, v in _offline_saved.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v


def compile_pdf(build: Path, *, timestamp: int, own_profile: Sequence[str] = ()) -> bytes:
    """Compile build/main.typ with nothing but the build folder and its fonts; tagged PDF/UA-1.

    System fonts are ignored so that every machine embeds the same fonts, and the
    timestamp fixes the PDF's dates: together they make the bytes reproducible.
    ``own_profile``: the files that came from the organisation's pdf/ folder, for messages.
    """
    for path in sorted(build.rglob("*.typ")):
        found = package_imports(path.read_text(encoding="utf-8", errors="replace"))
        if found:
            line, column, spec = found[0]
            rel = path.relative_to(build).as_posix()
            where = _origin(build, rel, line, own_profile) or rel
            raise BuildError(f"The PDF could not be compiled: the Typst package '{spec}' ({where}) would be "
                             "downloaded from the network during the build. Copy the package's files into pdf/ "
                             "and import them by their path.")
    packages = build / ".packages"  # empty: no package is found locally …
    packages.mkdir(exist_ok=True)
    own = [f"{PROFILE_FOLDER}/{name}" for name in own_profile if name.endswith(".typ")]
    subject = "the PDF" + (f" with the graphic profile {', '.join(own)}" if own else "")
    output = build / ".main.pdf"
    request = {"input": str(build / "main.typ"), "root": str(build), "font_paths": [str(build / "style")],
               "timestamp": timestamp, "output": str(output), "packages": str(packages)}
    with _offline():  # … and none can be downloaded, even when the import is computed (the child inherits it)
        proc = bounds.run([sys.executable, str(TYPST_RUN)], engine="Typst", subject=subject,
                          input=json.dumps(request).encode("utf-8"))
    try:
        outcome = json.loads(proc.stdout)
    except ValueError:
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise BuildError(f"Typst stopped without a result (exit {proc.returncode})"
                         + (f": {err.splitlines()[-1]}" if err else ".")) from None
    if "error" in outcome:
        raise BuildError(_plain_error(SimpleNamespace(**outcome["error"]), build, own_profile))
    warnings = [SimpleNamespace(**w) for w in outcome["warnings"]]
    pdf = output.read_bytes()
    output.unlink()
    for w in warnings:
        message = getattr(w, "message", "") or str(w)
        if message.startswith("unknown font family"):
            family = message.split(":", 1)[1].strip()
            where = _where(w, build, own_profile)
            raise BuildError(
                f"The font '{family}' is not available{f' ({where})' if where else ''}. The PDF uses only "
                "the fonts built into Typst (Libertinus Serif, New Computer Modern, DejaVu Sans Mono) and "
                "font files placed in the profile folder pdf/; put the font's .ttf or .otf files there.")
    # Other warnings do not stop an author's build, but the property test (tests/test_check_builds.py)
    # holds "check passes => Typst says nothing": it sets this, and the warning becomes an error that
    # crosses the worker processes as the build's exit code.
    if warnings and os.environ.get("STRATEGY_TYPST_WARNINGS") == "error":
        raise BuildError("Typst warned: " + "; ".join(
            (getattr(w, "message", "") or str(w)) + (f" ({_where(w, build, own_profile)})" if _where(w, build, own_profile) else "")
            for w in warnings))
    return pdf


def _where(diagnostic: object, build: Path, own_profile: Sequence[str]) -> str:
    m = _LOCATION.search(str(getattr(diagnostic, "diagnostic", "") or ""))
    return _origin(build, m.group(1), int(m.group(2)), own_profile) if m else ""


def _plain_error(exc: Any, build: Path, own_profile: Sequence[str]) -> str:
    message = getattr(exc, "message", "") or str(exc).splitlines()[0]
    hints = list(getattr(exc, "hints", None) or [])
    where = _where(exc, build, own_profile)
    text = f"The PDF could not be compiled: {message}"
    if where:
        text += f" ({where})"
    text += "."
    if hints:
        text += " Hint: " + "; ".join(h.rstrip(".") for h in hints) + "."
    return text


CHAPTER_MARK = "// strategykit-source: "


def _origin(build: Path, file: str, line: int, own_profile: Sequence[str]) -> str:
    """Which source a line of generated Typst came from: a chapter, the generated parts or the profile."""
    path = Path(file)
    if not path.is_absolute():
        path = Path.cwd() / path
    try:
        name = path.resolve().relative_to(build.resolve()).as_posix()
    except ValueError:
        name = file.lstrip("/")
    if name.startswith("style/"):
        rel = name.removeprefix("style/")
        if rel in own_profile:
            return f"in the graphic profile, {PROFILE_FOLDER}/{rel} line {line}"
        return f"in the packaged graphic profile, templates/{rel} line {line}"
    if name != "main.typ":
        return f"in {name}"
    try:
        lines = (build / "main.typ").read_text(encoding="utf-8").splitlines()[:line]
    except OSError:
        return ""
    for text in reversed(lines):
        if text.startswith(CHAPTER_MARK):
            return f"in {text.removeprefix(CHAPTER_MARK).strip()}"
    return ""
