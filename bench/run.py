"""``make bench``: time strategykit against its targets and its peers, and write BENCHMARKS.md.

Every figure is a fresh process, started the way an author starts it
(``strategy check``, ``strategy build --pdf``), timed from start to exit with its
CPU time and peak memory (``os.wait4``: ru_maxrss of the process and of the
children it waited for, e.g. pandoc). Each command runs once unmeasured first
(Python writes its bytecode cache, the OS caches the files), then several times;
the median is reported. Commands compared with each other run interleaved, so
that other load on the machine hits both alike.

The synthetic strategies come from ``strategykit.devtools.synthetic`` (seed 1) and are
written to .build/bench/. Peers that are not installed, and measurements that
would not fit the time budget, are reported as "not measured" with the reason:
nothing is estimated or guessed.

    .venv/bin/python bench/run.py [--scales 1,10,100] [--budget 2400] [--out BENCHMARKS.md]

A quick subset, e.g. to measure again after a change (a few minutes on two cores): the example and
10× only, without the peers and the profile, written beside the other bench files rather than over
BENCHMARKS.md (``make bench-quick`` runs exactly this):

    .venv/bin/python bench/run.py --scales 10 --no-peers --no-profile --out .build/bench/quick.md
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as _dt
import importlib.metadata
import importlib.util
import os
import platform
import shutil
import re
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PYTHON = str(BIN / "python")
STRATEGY = str(BIN / "strategy")
WORK = REPO / ".build" / "bench"
NOTES = Path(__file__).resolve().parent / "notes.md"
SCHEMA = REPO / "schema" / "goals.schema.json"
SEED = 1
COMMAND = "make bench"

# Runs per measurement, by scale; the expensive builds run fewer times at 100×.
RUNS = {
    "check": {0: 15, 1: 9, 10: 7, 100: 5},
    "check-jsonschema": {0: 5, 1: 5, 10: 3, 100: 3},
    "web": {0: 3, 1: 3, 10: 2, 100: 1},
    "pdf": {0: 3, 1: 3, 10: 2, 100: 1},
    "both": {0: 3, 1: 3, 10: 2, 100: 1},
    "peer-pdf": {0: 3, 1: 3, 10: 1, 100: 1},
}
EXAMPLE = 0
"""Scale key for the example strategy itself (the repository's goals.yaml and chapters)."""

TIMEOUT = 1800.0
"""No single run may take longer than this (seconds); it is then reported as timed out."""


def _env() -> dict[str, str]:
    """The environment of the measured commands: this one, as an author's shell would have it.

    PYTHONDONTWRITEBYTECODE is removed: an author's Python caches the toolkit's
    compiled modules, and without the cache every run would recompile them.
    """
    env = dict(os.environ)
    for name in ("PYTHONDONTWRITEBYTECODE", "GITHUB_ACTIONS", "STRATEGY_DEBUG"):
        env.pop(name, None)
    return env


# --- running and measuring -------------------------------------------------------

@dataclasses.dataclass
class Sample:
    wall: float
    cpu: float
    maxrss_kb: int
    returncode: int
    stderr: str = ""


@dataclasses.dataclass
class Result:
    label: str
    command: str
    samples: list[Sample] = dataclasses.field(default_factory=list)
    skipped: str | None = None
    """Why it was not measured; None when it was."""

    @property
    def ok(self) -> bool:
        return self.skipped is None and bool(self.samples) and all(s.returncode == 0 for s in self.samples)

    @property
    def failure(self) -> str | None:
        if self.skipped:
            return self.skipped
        bad = [s for s in self.samples if s.returncode != 0]
        if not bad:
            return None
        tail = bad[0].stderr.strip().splitlines()[-1:] or [""]
        what = "timed out" if bad[0].returncode == -signal.SIGKILL else f"exit {bad[0].returncode}"
        return f"failed ({what}): {tail[0][:160]}"

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def rss_mb(self) -> float:
        return statistics.median(s.maxrss_kb for s in self.samples) / 1024


_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    out.write(f"{wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""
"""Starts the measured command from a small process and reports its wall time and rusage.

Forked straight from this harness, a child would inherit the harness's resident memory
until it execs, and ru_maxrss would report at least that (~60 MB) for every command. The
launcher (``python -I -S``, a few MB) forks instead, and times only fork to exit.
"""


def run_once(cmd: list[str], *, cwd: Path | None = None, timeout: float = TIMEOUT) -> Sample:
    """Run ``cmd`` to its end; wall time, CPU time (user + system) and peak RSS of its process tree."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "usage"
        proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", _LAUNCHER, str(report), *cmd], cwd=cwd,
                                env=_env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True)
        timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            proc.wait()
        finally:
            timer.cancel()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        try:
            wall, cpu, rss, code = report.read_text().split()
        except (OSError, ValueError):  # the launcher was killed (time-out) or could not start the command
            return Sample(float(timeout), 0.0, 0, proc.returncode or -signal.SIGKILL, stderr)
    return Sample(float(wall), float(cpu), int(rss), int(code), stderr)


class Bench:
    def __init__(self, budget: float):
        self.started = time.monotonic()
        self.budget = budget
        self.results: dict[str, Result] = {}

    def remaining(self) -> float:
        return self.budget - (time.monotonic() - self.started)

    def measure(self, key: str, label: str, commands: list[tuple[str, list[str]]], runs: int, *,
                cwd: Path | None = None, estimate: float | None = None, warmup: bool | None = None) -> list[Result]:
        """Measure one or more commands, interleaved, ``runs`` times each after one warm-up run.

        A command measured once (the long builds at 100×) gets no warm-up: the same code
        has just run on the smaller sizes, and its input files were just written.

        ``estimate``: the expected seconds of one round (all commands once); the
        measurement is skipped if the warm-up and the runs would not fit the budget.
        """
        results = [Result(label, shlex.join(_short(c) for c in cmd)) for _, cmd in commands]
        for (name, _), res in zip(commands, results):
            res.label = name
            self.results[f"{key}:{name}"] = res
        if warmup is None:
            warmup = runs > 1
        rounds = runs + (1 if warmup else 0)
        if estimate is not None and estimate * rounds > self.remaining():
            for res in results:
                res.skipped = (f"not measured: {rounds} × ~{estimate:.0f} s would not fit the remaining "
                               f"time budget ({max(self.remaining(), 0):.0f} s; see --budget)")
            print(f"  skip {label}: over budget", flush=True)
            return results
        print(f"  {label} ({runs} run{'s' if runs != 1 else ''})", flush=True)
        for round_ in range(rounds):
            for (_, cmd), res in zip(commands, results):
                sample = run_once(cmd, cwd=cwd)
                if round_ or not warmup or sample.returncode != 0:
                    res.samples.append(sample)
            if any(s.returncode != 0 for r in results for s in r.samples):
                break  # a failing command is reported as failed; repeating it tells nothing new
        return results


def _short(arg: str) -> str:
    """A command argument as a reader can repeat it: paths relative to the repository, tools by name."""
    for prefix, short in ((str(BIN) + "/", ".venv/bin/"), (str(REPO) + "/", "")):
        if arg.startswith(prefix):
            arg = short + arg[len(prefix):]
    if arg.endswith("/pypandoc/files/pandoc"):
        return "pandoc"
    return arg


# --- what is installed --------------------------------------------------------

def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _first_line(cmd: list[str]) -> str | None:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=_env())
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if out.returncode == 0 and text else None


def pandoc_path() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


def has_module(name: str, attr: str) -> bool:
    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        return False
    if spec is None:
        return False
    module = importlib.import_module(name)
    return callable(getattr(module, attr, None))


def weasyprint_problem() -> str | None:
    """None when WeasyPrint can render; else why not (it needs Pango from the system)."""
    if _version("weasyprint") is None:
        return "not measured: WeasyPrint is not installed (pip install -e '.[bench]')"
    out = subprocess.run([PYTHON, "-c", "import weasyprint"], capture_output=True, text=True, env=_env())
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["?"])[-1]
        return f"not measured: WeasyPrint does not load ({last[:120]})"
    return None


def xelatex_problem() -> str | None:
    if shutil.which("xelatex") is None:
        return ("not measured: xelatex is not installed (Debian texlive-xetex; `make bench-peers` installs it "
                "with apt-get and runs the benchmark)")
    return None


SERVE_EDITS = 7
"""Chapter edits timed in `strategy serve`, each of a different chapter."""


def measure_serve(bench: Bench, source: Path, scale: int, first_build: float | None) -> Result:
    """`strategy serve` on a copy of ``source``: from saving an edit of one chapter to the new page being served.

    The server starts as an author starts it and makes its full first build, unmeasured. Then
    each of SERVE_EDITS chapters gets a new sentence; the harness polls the build number every
    20 ms, as the page's reload script does every 500 ms, and fetches the chapter's page until
    it shows the sentence. *CPU* is the server's user + system time while waiting for that
    page (/proc/<pid>/stat), *peak memory* its largest resident set over the run (VmHWM).
    ``first_build``: the expected seconds of the first build (the web build of the same scale).
    """
    import socket
    import urllib.request

    name = scale_name(scale)
    root = WORK / f"serve-{name}"
    res = Result(f"serve:{name}", shlex.join([_short(STRATEGY), "serve", _short(str(root)), "--port", "PORT"]))
    bench.results[res.label] = res
    estimate = (first_build or 180.0) + SERVE_EDITS * 10  # no web build measured: assume ~3 min
    if estimate > bench.remaining():
        res.skipped = (f"not measured: the first build and {SERVE_EDITS} edits (~{estimate:.0f} s) would not fit "
                       f"the remaining time budget ({max(bench.remaining(), 0):.0f} s; see --budget)")
        print(f"  skip serve {name}: over budget", flush=True)
        return res
    print(f"  serve {name} (first build, then {SERVE_EDITS} chapter edits)", flush=True)
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(source, root, ignore=shutil.ignore_patterns(".build"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    log_file = WORK / f"serve-{name}.log"
    with open(log_file, "wb") as log:
        proc = subprocess.Popen([STRATEGY, "serve", str(root), "--port", str(port)], env=_env(),
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
    reader = open(log_file, encoding="utf-8", errors="replace")
    tick = os.sysconf("SC_CLK_TCK")

    def get(path: str) -> str | None:
        try:
            with urllib.request.urlopen(url + path, timeout=30) as r:
                return r.read().decode("utf-8")
        except OSError:
            return None

    def cpu() -> float:
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick

    def wait(predicate, timeout: float, every: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and proc.poll() is None:
            if predicate():
                return True
            time.sleep(every)
        return False

    try:
        said: list[str] = []  # the server answers no request before its first build is done: read its log
        if not wait(lambda: said.append(reader.read()) or "Preview:" in "".join(said), TIMEOUT, 1.0) \
                or get("") is None:
            res.skipped = f"failed: the first build did not finish within {TIMEOUT:.0f} s: {''.join(said)[-160:]}"
            return res
        site = root / ".build" / "preview" / "site"
        chapters = sorted((root / "strategy").glob("*.md"))
        for i in range(SERVE_EDITS):
            chapter = chapters[(2 * i + 1) * len(chapters) // (2 * SERVE_EDITS)]
            page = next(site.glob(f"*/{chapter.stem}/index.html")).relative_to(site).parent.as_posix() + "/"
            marker = f"Mätpunkt {i} för förhandsvisningen."
            version = get("__strategy__/version")
            time.sleep(1.0)  # a quiet server, as between an author's saves
            cpu_before = cpu()
            started = time.perf_counter()
            with chapter.open("a", encoding="utf-8") as fh:
                fh.write(f"\n{marker}\n")

            def served() -> bool:
                if get("__strategy__/version") == version:
                    return False
                return marker in (get(page) or "")
            if not wait(served, 600, 0.02):
                res.samples.append(Sample(600.0, 0.0, 0, 1, f"edit {i} of {chapter.name} was not served"))
                break
            wall = time.perf_counter() - started
            said = " ".join(ln.strip() for ln in reader.readlines() if ln.startswith("Preview:"))
            res.samples.append(Sample(wall, cpu() - cpu_before, 0, 0, said))  # the server's account: full or incremental
        status = Path(f"/proc/{proc.pid}/status").read_text()
        peak = int(re.search(r"VmHWM:\s*(\d+)", status).group(1))
        res.samples = [dataclasses.replace(s, maxrss_kb=peak) for s in res.samples]
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        reader.close()
        shutil.rmtree(root, ignore_errors=True)  # 1.3 GB with its preview; the log stays beside it
    return res


# --- content for the peers ------------------------------------------------------

def chapters_markdown(root: Path, dest: Path) -> Path:
    """The strategy's chapters in reading order, concatenated: the peers' input."""
    import yaml

    data = yaml.safe_load((root / "goals.yaml").read_text(encoding="utf-8"))
    parts = [(root / c["file"]).read_text(encoding="utf-8").strip() for c in data["chapters"]]
    dest.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return dest


def html_for_weasyprint(markdown: Path, dest: Path, pandoc: str) -> Path:
    subprocess.run([pandoc, str(markdown), "--from", _reader_format(), "--to", "html5", "--standalone",
                    "--toc", "--metadata", "title=Strategi", "--metadata", "lang=sv", "-o", str(dest)],
                   check=True, env=_env())
    return dest


def _reader_format() -> str:
    """The Markdown dialect the PDF path reads chapters with, so the peers read the same text the same way."""
    try:
        from strategykit.render.pdf.toolchain import CHAPTER_FORMAT

        return CHAPTER_FORMAT
    except ImportError:
        return "markdown"


# --- the machine ------------------------------------------------------------------

def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    osname = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                osname = line.split("=", 1)[1].strip('"') + f" (kernel {platform.release()})"
    except OSError:
        pass
    return {"CPU": cpu, "Cores": str(os.cpu_count()), "Memory": mem, "OS": osname,
            "Python": f"{platform.python_implementation()} {platform.python_version()}"}


def versions(pandoc: str | None) -> dict[str, str]:
    import yaml

    out = {
        "strategykit": _version("strategykit") or "?",
        "PyYAML": f"{_version('pyyaml')} ({'libyaml' if getattr(yaml, '__with_libyaml__', False) else 'pure Python'})",
        "jsonschema": _version("jsonschema") or "?",
        "pandoc": (_first_line([pandoc, "--version"]) or "not installed") if pandoc else "not installed",
        "typst (PyPI)": _version("typst") or "not installed",
        "MkDocs": _version("mkdocs") or "not installed",
        "check-jsonschema": _version("check-jsonschema") or "not installed",
        "WeasyPrint": _version("weasyprint") or "not installed",
        "xelatex": _first_line(["xelatex", "--version"]) or "not installed",
    }
    return out


# --- the run ------------------------------------------------------------------

def scale_name(scale: int) -> str:
    return "example" if scale == EXAMPLE else f"{scale}×"


def generate(scales: list[int]) -> dict[int, Path]:
    sys.path.insert(0, str(REPO / "tools"))
    from strategykit.devtools import synthetic

    roots = {EXAMPLE: REPO}
    for scale in scales:
        root = WORK / f"scale-{scale}"
        root.mkdir(parents=True, exist_ok=True)
        synthetic.write(root, scale, SEED, force=True)
        roots[scale] = root
    return roots


def input_size(root: Path) -> int:
    """Bytes the check reads: goals.yaml, the chapters and the data files."""
    files = [root / "goals.yaml", *(root / "strategy").glob("*.md"), *(root / "data").glob("*.csv")]
    return sum(f.stat().st_size for f in files if f.is_file())


NO_PEERS = "not measured: left out with --no-peers"


def run(scales: list[int], budget: float, out: Path, profile: bool, peers: bool = True) -> int:
    bench = Bench(budget)
    load_before = os.getloadavg()
    print(f"Generating synthetic strategies {', '.join(f'{s}×' for s in scales)} (seed {SEED}) in {WORK}", flush=True)
    roots = generate(scales)
    sizes = {s: input_size(r) for s, r in roots.items()}
    all_scales = [EXAMPLE, *scales]
    pandoc = pandoc_path()

    print("strategy check", flush=True)
    bench.measure("check", "check, example, against the import floor",
                  [("floor", [PYTHON, "-c", "import yaml, jsonschema"]),
                   ("check", [STRATEGY, "check", str(REPO)])], RUNS["check"][EXAMPLE])
    bench.results["check:example"] = bench.results.pop("check:check")
    for scale in scales:
        bench.measure("check", f"check {scale}×", [(f"{scale}", [STRATEGY, "check", str(roots[scale])])],
                      RUNS["check"][scale])

    print("check-jsonschema (schema only)", flush=True)
    cj = BIN / "check-jsonschema"
    for scale in all_scales:
        key = f"cj:{scale_name(scale)}"
        if not peers:
            bench.results[key] = Result(key, "check-jsonschema", skipped=NO_PEERS)
            continue
        if not cj.exists():
            bench.results[key] = Result(key, "check-jsonschema", skipped=(
                "not measured: check-jsonschema is not installed (pip install -e '.[bench]')"))
            continue
        bench.measure("cj", f"check-jsonschema {scale_name(scale)}",
                      [(scale_name(scale), [str(cj), "--schemafile", str(SCHEMA), str(roots[scale] / "goals.yaml")])],
                      RUNS["check-jsonschema"][scale])

    if profile:
        profile_check(roots, scales)

    renderers = {"web": has_module("strategykit.render.web", "build_site"), "pdf": has_module("strategykit.render.pdf", "build_pdf")}
    for kind, present in renderers.items():
        print(f"{kind} build", flush=True)
        previous: tuple[int, float] | None = None
        for scale in all_scales:
            key = f"{kind}:{scale_name(scale)}"
            if not present:
                module = "strategykit.render.web.build_site" if kind == "web" else "strategykit.render.pdf.build_pdf"
                bench.results[key] = Result(key, f"strategy build --{kind}",
                                            skipped=f"not measured: {module} does not exist yet")
                continue
            dest = WORK / f"{kind}-{scale_name(scale)}"
            flag = ["--site-dir", str(dest)] if kind == "web" else ["--dist-dir", str(dest)]
            estimate = None
            if previous and scale > 1:
                prev_scale, prev_time = previous
                estimate = prev_time * scale / max(prev_scale, 1)
            res = bench.measure(kind, f"{kind} {scale_name(scale)}",
                                [(scale_name(scale), [STRATEGY, "build", str(roots[scale]), f"--{kind}", *flag])],
                                RUNS[kind][scale], estimate=estimate)[0]
            if res.ok and scale != EXAMPLE:
                previous = (scale, res.wall)
            shutil.rmtree(dest, ignore_errors=True)

    print("both editions in one build", flush=True)
    for scale in [s for s in all_scales if s in (EXAMPLE, 10)]:
        dest = WORK / f"both-{scale_name(scale)}"
        bench.measure("both", f"both {scale_name(scale)}",
                      [(scale_name(scale), [STRATEGY, "build", str(roots[scale]), "--site-dir", str(dest / "site"),
                                            "--dist-dir", str(dest / "dist")])], RUNS["both"][scale])
        shutil.rmtree(dest, ignore_errors=True)

    print("strategy serve", flush=True)
    if 100 in scales:
        web_100 = bench.results.get("web:100×")
        measure_serve(bench, roots[100], 100, web_100.wall if web_100 and web_100.ok else None)

    if peers:
        print("PDF peers", flush=True)
        peer_pdfs(bench, roots, all_scales, pandoc)
    else:
        for peer in ("latex", "typst", "weasyprint"):
            for scale in all_scales:
                key = f"peer-{peer}:{scale_name(scale)}"
                bench.results[key] = Result(key, peer, skipped=NO_PEERS)

    load_after = os.getloadavg()
    text = render(bench, roots, sizes, scales, pandoc, load_before, load_after)
    out.write_text(text, encoding="utf-8")
    print(f"Wrote {out.relative_to(REPO) if out.is_relative_to(REPO) else out}", flush=True)
    return 0


def peer_pdfs(bench: Bench, roots: dict[int, Path], all_scales: list[int], pandoc: str | None) -> None:
    latex_problem = xelatex_problem() or (None if pandoc else "not measured: pandoc is not installed")
    weasy_problem = weasyprint_problem() or (None if pandoc else "not measured: pandoc is not installed")
    previous: dict[str, tuple[int, float]] = {}
    for scale in all_scales:
        name = scale_name(scale)
        folder = WORK / f"peers-{name}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        md = chapters_markdown(roots[scale], folder / "chapters.md")
        jobs: list[tuple[str, str | None, list[str]]] = [
            ("latex", latex_problem,
             [pandoc or "pandoc", str(md), "--from", _reader_format(), "--pdf-engine=xelatex", "--toc",
              "--metadata", "title=Strategi", "-V", "papersize=a4", "-o", str(folder / "latex.pdf")]),
        ]
        jobs.append(("typst", None if pandoc else "not measured: pandoc is not installed",
                     [str(BIN / "python"), str(REPO / "bench" / "pandoc_typst.py"), str(md), str(folder / "typst.pdf")]))
        if weasy_problem is None:
            html_for_weasyprint(md, folder / "chapters.html", pandoc)
        jobs.append(("weasyprint", weasy_problem,
                     [str(BIN / "weasyprint"), str(folder / "chapters.html"), str(folder / "weasyprint.pdf")]))
        for peer, problem, cmd in jobs:
            key = f"peer-{peer}:{name}"
            if problem:
                bench.results[key] = Result(key, peer, skipped=problem)
                continue
            estimate = None
            if peer in previous and scale > 1:
                prev_scale, prev_time = previous[peer]
                estimate = prev_time * scale / max(prev_scale, 1)
            res = bench.measure(f"peer-{peer}", f"{peer} {name}", [(name, cmd)], RUNS["peer-pdf"][scale],
                                cwd=folder, estimate=estimate)[0]
            if res.ok and scale != EXAMPLE:
                previous[peer] = (scale, res.wall)
        for leftover in folder.glob("*.pdf"):
            leftover.unlink()


PROFILE_TEXT: list[str] = []


def profile_check(roots: dict[int, Path], scales: list[int]) -> None:
    """pyinstrument's flat profile of one `strategy check` at the largest scale: the current hot spots."""
    scale = max(scales)
    if _version("pyinstrument") is None:
        PROFILE_TEXT.append("Not profiled: pyinstrument is not installed (pip install -e '.[bench]').")
        return
    print(f"  profiling check {scale}× (pyinstrument)", flush=True)
    out = subprocess.run([str(BIN / "pyinstrument"), "-r", "text", "-p", "flat=true", "-p", "show_all=false",
                          STRATEGY, "check", str(roots[scale])], capture_output=True, text=True, env=_env())
    lines = [ln for ln in out.stdout.splitlines() if ln[:1].isdigit()][:15]
    found = re.search(r"Duration:\s*([\d.]+)", out.stdout)
    duration = f" The profiled run took {float(found.group(1)):.2f} s." if found else ""
    PROFILE_TEXT.append(f"`pyinstrument -r text -p flat=true .venv/bin/strategy check` on the {scale}× strategy: "
                        f"self time per function, in seconds; the profiler slows the run down.{duration}")
    PROFILE_TEXT.append("")
    PROFILE_TEXT.append("```")
    PROFILE_TEXT.extend(lines)
    PROFILE_TEXT.append("```")


# --- the report -------------------------------------------------------------------

def _fmt_time(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _with_cpu(res: Result) -> str:
    return f"{_fmt_time(res.wall)} (CPU {_fmt_time(res.cpu)})" if res.ok else (res.failure or "not measured")


def _row(res: Result | None) -> tuple[str, str, str, str]:
    if res is None:
        return ("not measured", "", "", "")
    if not res.ok:
        return (res.failure or "not measured", "", "", "")
    return (_fmt_time(res.wall), _fmt_time(res.cpu), f"{res.rss_mb:.0f} MB", str(len(res.samples)))


def render(bench: Bench, roots: dict[int, Path], sizes: dict[int, int], scales: list[int], pandoc: str | None,
           load_before: tuple, load_after: tuple) -> str:
    R = bench.results
    get = R.get
    lines: list[str] = []
    add = lines.append
    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    add("# Benchmarks")
    add("")
    add(f"Written by `{COMMAND}` ({Path(__file__).relative_to(REPO)}) on {now}; every figure below comes from "
        "that one run. Reproduce with:")
    add("")
    add("```sh")
    add("make bench          # measures what is installed; pip installs the 'bench' extra (check-jsonschema, WeasyPrint, pyinstrument)")
    add("make bench-peers    # also apt-get installs texlive-xetex for the pandoc + LaTeX peer, then runs make bench")
    add("make bench-quick    # the example and 10× only (check, web, PDF, both), no peers: .build/bench/quick.md")
    add("```")
    add("")
    add("Each figure is the median of several runs of a fresh process, after one unmeasured warm-up run "
        "(bytecode and file caches warm, as on an author's machine). *CPU* is user + system time of the "
        "process and its children; *peak memory* is their largest resident set (ru_maxrss). Commands that "
        "are compared run interleaved. Peers that are not installed are listed as not measured, never estimated.")
    add("")

    add("## Machine")
    add("")
    add("| | |")
    add("| --- | --- |")
    for k, v in machine().items():
        add(f"| {k} | {v} |")
    add(f"| Load average (1 min) | {load_before[0]:.2f} at the start, {load_after[0]:.2f} at the end |")
    add("")
    if max(load_before[0], load_after[0]) > 0.7:
        add(f"Other processes were running during this run (load average up to {max(load_before[0], load_after[0]):.1f} "
            f"on {os.cpu_count()} cores), so wall-clock times are noisier and higher than on an idle machine; "
            "the CPU column is less affected.")
        add("")

    add("## Versions")
    add("")
    add("| | |")
    add("| --- | --- |")
    for k, v in versions(pandoc).items():
        add(f"| {k} | {v} |")
    add("")

    add("## Inputs")
    add("")
    add(f"Synthetic strategies from `python -m strategykit.devtools.synthetic --scale N --seed {SEED}` "
        "(tools/strategykit/synthetic.py): valid, zero diagnostics, every value illustrative. "
        "*Bytes* is what the check reads: goals.yaml, the chapters and data/*.csv.")
    add("")
    add("| Input | Priorities | Goals | Targets | Indicators | Chapters | Bytes |")
    add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    from strategykit.devtools.synthetic import Size
    add(f"| example (repository) | 6 | 19 | 19 | 14 | 12 | {sizes[EXAMPLE]:,} |")
    for s in scales:
        z = Size.at(s)
        add(f"| synthetic {s}× | {z.priorities:,} | {z.goals:,} | {z.targets:,} | {z.indicators:,} | {z.chapters:,} | {sizes[s]:,} |")
    add("")

    # --- targets
    targets: list[tuple[str, str, str, str]] = []

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else ("**met**" if ok else "**not met**")

    floor, ex = get("check:floor"), get("check:example")
    if floor and ex and floor.ok and ex.ok:
        ratio = ex.wall / floor.wall
        targets.append(("`strategy check` on the example vs `python -c \"import yaml, jsonschema\"`",
                        f"{_fmt_time(ex.wall)} vs {_fmt_time(floor.wall)} = {ratio:.2f}× "
                        f"(CPU {_fmt_time(ex.cpu)} vs {_fmt_time(floor.cpu)} = {ex.cpu / floor.cpu:.2f}×)",
                        "≤ 1.5×", verdict(ratio <= 1.5)))
    else:
        targets.append(("`strategy check` on the example vs the import floor", _row(ex)[0], "≤ 1.5×", verdict(None)))
    big = 100
    c_big = get(f"check:{big}")
    targets.append((f"`strategy check` on {big}×", _with_cpu(c_big) if c_big else "not measured: 100× is not in --scales",
                    "≤ 3 s", verdict(c_big.wall <= 3.0 if c_big and c_big.ok else None)))
    for a, b in zip(scales, scales[1:]):
        ra, rb = get(f"check:{a}"), get(f"check:{b}")
        if ra and rb and ra.ok and rb.ok:
            t_ratio = rb.wall / ra.wall
            s_ratio = sizes[b] / sizes[a]
            targets.append((f"Linear growth: check {b}× / {a}× ({s_ratio:.1f}× the bytes)",
                            f"{t_ratio:.1f}× the time", f"≤ {1.2 * s_ratio:.1f}× (12× per 10× size)",
                            verdict(t_ratio <= 1.2 * s_ratio)))
    for s in [EXAMPLE, *scales]:
        mine, peer = (get("check:example") if s == EXAMPLE else get(f"check:{s}")), get(f"cj:{scale_name(s)}")
        if mine and peer and mine.ok and peer.ok:
            targets.append((f"Full check vs check-jsonschema (schema only), {scale_name(s)}",
                            f"{_fmt_time(mine.wall)} vs {_fmt_time(peer.wall)}", "no slower", verdict(mine.wall <= peer.wall)))
        else:
            targets.append((f"Full check vs check-jsonschema, {scale_name(s)}",
                            (peer.failure if peer else "not measured") or "not measured", "no slower", verdict(None)))
    pdf_ex = get("pdf:example")
    targets.append(("PDF of the example", _row(pdf_ex)[0], "≤ 3 s", verdict(pdf_ex.wall <= 3 if pdf_ex and pdf_ex.ok else None)))
    pdf_big = get(f"pdf:{big}×")
    if pdf_big is None:
        pdf_big = Result("pdf", "", skipped="not measured: 100× is not in --scales")
    targets.append((f"PDF of {big}×: time", _row(pdf_big)[0], "≤ 60 s",
                    verdict(pdf_big.wall <= 60 if pdf_big and pdf_big.ok else None)))
    targets.append((f"PDF of {big}×: peak memory", _row(pdf_big)[2] or _row(pdf_big)[0], "≤ 2 GB",
                    verdict(pdf_big.rss_mb <= 2048 if pdf_big and pdf_big.ok else None)))
    # Same content: the PDF path's engine (pandoc → Typst) and the LaTeX path on the same chapters.
    # Then the whole strategykit PDF, which sets far more than the chapters, against the same peer.
    for label, mine_key in (("PDF engine (pandoc → Typst) vs pandoc + xelatex, same chapters", "peer-typst"),
                            ("Whole strategykit PDF (chapters and all the rest) vs pandoc + xelatex (chapters)", "pdf")):
        for s in [EXAMPLE, *scales]:
            mine, peer = get(f"{mine_key}:{scale_name(s)}"), get(f"peer-latex:{scale_name(s)}")
            if mine and peer and mine.ok and peer.ok:
                speed = peer.wall / mine.wall
                how = f"{speed:.1f}× faster" if speed >= 1 else f"{1 / speed:.1f}× slower"
                targets.append((f"{label}, {scale_name(s)}",
                                f"{_fmt_time(mine.wall)} vs {_fmt_time(peer.wall)}: {how}", "≥ 10× faster",
                                verdict(speed >= 10)))
            else:
                why = (peer.failure if peer else None) or (mine.failure if mine else None) or "not measured"
                targets.append((f"{label}, {scale_name(s)}", why, "≥ 10× faster", verdict(None)))
    web_ex = get("web:example")
    targets.append(("Web edition of the example", _row(web_ex)[0], "≤ 10 s",
                    verdict(web_ex.wall <= 10 if web_ex and web_ex.ok else None)))
    for s in [s for s in [EXAMPLE, *scales] if s in (EXAMPLE, 10)]:
        both, web, pdf = (get(f"{k}:{scale_name(s)}") for k in ("both", "web", "pdf"))
        if both and web and pdf and both.ok and web.ok and pdf.ok:
            slower = max(web.wall, pdf.wall)
            targets.append((f"Both editions of {scale_name(s)} in one `strategy build`",
                            f"{_fmt_time(both.wall)} (web alone {_fmt_time(web.wall)}, PDF alone "
                            f"{_fmt_time(pdf.wall)}: {both.wall / slower:.2f}× the slower; peak memory "
                            f"{both.rss_mb:.0f} MB, alone {web.rss_mb:.0f} + {pdf.rss_mb:.0f} MB)",
                            "≤ 1.2× the slower alone, memory ≤ both alone together",
                            verdict(both.wall <= 1.2 * slower and both.rss_mb <= web.rss_mb + pdf.rss_mb)))
        else:
            targets.append((f"Both editions of {scale_name(s)} in one `strategy build`", "not measured",
                            "≤ 1.2× the slower alone", verdict(None)))
    serve = get(f"serve:{big}×") or Result("serve", "", skipped=f"not measured: {big}× is not in --scales")
    if serve.ok:
        full = sum("full build" in x.stderr for x in serve.samples)
        how = "all incremental" if not full else f"{full} of {len(serve.samples)} rebuilds were full builds"
        measured = (f"{_fmt_time(serve.wall)}: median of {len(serve.samples)} edits of different chapters, "
                    f"from the save to the new page served (slowest {_fmt_time(max(x.wall for x in serve.samples))}; "
                    f"server CPU {_fmt_time(serve.cpu)}; {how}; peak memory {serve.rss_mb:.0f} MB, after the "
                    f"full first build) `{serve.command}`")
    else:
        measured = serve.failure or "not measured"
    targets.append((f"`strategy serve` rebuild after one chapter edit of {big}×", measured, "≤ 2 s",
                    verdict(serve.wall <= 2 if serve.ok else None)))

    add("## Targets")
    add("")
    add("| Target | Measured | Goal | Verdict |")
    add("| --- | --- | --- | --- |")
    for t in targets:
        add("| " + " | ".join(x.replace("|", "\\|") for x in t) + " |")
    add("")

    # --- details
    add("## All measurements")
    add("")
    add("| What | Input | Median wall | Median CPU | Peak memory | Runs | Command |")
    add("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    order = [("check:floor", "import floor: `python -c \"import yaml, jsonschema\"`", "—")]
    order.append(("check:example", "`strategy check`", "example"))
    order += [(f"check:{s}", "`strategy check`", f"{s}×") for s in scales]
    order += [(f"cj:{scale_name(s)}", "check-jsonschema (schema only)", scale_name(s)) for s in [EXAMPLE, *scales]]
    for kind, what in (("web", "`strategy build --web`"), ("pdf", "`strategy build --pdf`"),
                       ("peer-latex", "peer: pandoc + xelatex (chapters)"),
                       ("peer-typst", "strategykit's engine: pandoc → Typst (chapters, bench/pandoc_typst.py)"),
                       ("peer-weasyprint", "peer: WeasyPrint HTML → PDF (chapters)")):
        order += [(f"{kind}:{scale_name(s)}", what, scale_name(s)) for s in [EXAMPLE, *scales]]
    for key, what, inp in order:
        res = get(key)
        wall, cpu, rss, runs = _row(res)
        cmd = f"`{res.command}`" if res and res.command and not res.skipped else ""
        add(f"| {what} | {inp} | {wall} | {cpu} | {rss} | {runs} | {cmd} |")
    add("")
    add("The peers get the chapters only, concatenated in reading order (strategykit.render.pdf exposes no single "
        "pandoc Markdown file: it assembles pandoc's AST chapter by chapter and adds the goal tables, charts and "
        "the indicator appendix as Typst). The strategykit PDF therefore sets more than the peers do; that "
        "comparison favours the peers. The same-content comparison is the PDF path's engine on the very same "
        "file: pandoc → Typst (bench/pandoc_typst.py, Typst from PyPI as strategykit uses it) against pandoc → "
        "xelatex, each with pandoc's default template, table of contents, title and A4. The peers read the chapters with the same pandoc Markdown dialect as the "
        "PDF path. WeasyPrint is timed from HTML (made beforehand by pandoc, untimed) to PDF.")
    add("")

    if PROFILE_TEXT:
        add("## Profile of `strategy check` (this run)")
        add("")
        lines.extend(PROFILE_TEXT)
        add("")
    if NOTES.exists():
        lines.append(NOTES.read_text(encoding="utf-8").rstrip())
        add("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,100", help="synthetic sizes to measure (default 1,10,100)")
    parser.add_argument("--budget", type=float, default=float(os.environ.get("BENCH_BUDGET", 2400)),
                        help="seconds the whole run may take; measurements that would not fit are reported "
                             "as not measured (default 2400, or $BENCH_BUDGET)")
    parser.add_argument("--out", default=str(REPO / "BENCHMARKS.md"), help="where to write the report")
    parser.add_argument("--no-profile", dest="profile", action="store_false", help="skip the profile of check")
    parser.add_argument("--no-peers", dest="peers", action="store_false",
                        help="skip the peers (check-jsonschema, pandoc + LaTeX, pandoc → Typst, WeasyPrint): "
                             "their rows say 'not measured'")
    args = parser.parse_args(argv)
    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    return run(scales, args.budget, Path(args.out).absolute(), args.profile, args.peers)


if __name__ == "__main__":
    sys.exit(main())
