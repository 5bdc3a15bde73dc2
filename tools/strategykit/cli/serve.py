"""``strategy serve``: a live preview of the web edition on localhost.

The sources (``WATCHED``: goals.yaml, mkdocs.yml, dialogue.yaml, editions.yaml and
everything under strategy/, data/, remiss/ and pdf/) are watched with watchdog, the
library ``mkdocs serve`` uses: the system tells of a change (inotify, FSEvents,
ReadDirectoryChangesW), so nothing is polled while the author is not saving (where the
system cannot tell, watchdog polls instead). On a change it runs the same check as
``strategy check``; when that finds errors, every page shows the
diagnostics instead of a stale page; otherwise the site is regenerated and rebuilt.
Each HTML page gets a small script that asks the server for the build number and
reloads when it changes, so a saved edit shows in the browser within a second or two.

A save that only edited chapters is checked and rebuilt incrementally: the edited chapters
are parsed again into the previous model and the rules rerun (``project.recheck_chapters``),
and only the pages that show those chapters' text are rendered again (``web.live``). The
result is what a full check and build give; anything else (goals.yaml, data, mkdocs.yml, a
chapter added, removed or retitled …) makes a full check and build, as the first one is.
The log says which it was and how long it took.

The preview builds into ``.build/preview/`` so it never disturbs ``site/``, nor a
``strategy build`` running at the same time.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Collection

from strategykit.diagnostics import BuildError, Diagnostic
from strategykit.messages import _

if TYPE_CHECKING:
    from strategykit.project import CheckResult
    from strategykit.render.web.live import LiveSite

VERSION_PATH = "/__strategy__/version"
WATCHED = ("goals.yaml", "mkdocs.yml", "dialogue.yaml", "editions.yaml", "strategy", "data", "remiss", "pdf")
"""What the preview depends on, relative to the strategy folder: files, and folders watched whole."""
SETTLE_SECONDS = 0.15
"""After a change, wait this long for more: an editor's save may touch several files."""

RELOAD_SCRIPT = """<script>
(function () {
  var built = "%s";
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (now) {
      if (now !== built) { location.reload(); } else { setTimeout(poll, 500); }
    }).catch(function () { setTimeout(poll, 1500); });
  }
  setTimeout(poll, 500);
})();
</script>"""


def error_page(diagnostics: list[Diagnostic] | None, message: str, version: int, language: str = "en") -> str:
    """The page shown instead of the site while the strategy has errors, in the strategy's language."""
    from strategykit.messages import _, localize
    from strategykit.cli.formats import localized

    items = []
    for d in localized(diagnostics or [], language):
        hint = f'<p class="hint">{html.escape(d.hint)}</p>' if d.hint else ""
        items.append(f'<li class="{d.severity}"><code>{html.escape(str(d.position))}</code> '
                     f'<strong>{html.escape(str(d.severity))} {html.escape(d.code)}</strong>: '
                     f'{html.escape(d.message)}{hint}</li>')
    listing = f"<ol>{''.join(items)}</ol>" if items else ""
    title = html.escape(localize(_("Preview: the strategy has errors"), language))
    heading = html.escape(localize(_("The strategy has errors, so the preview was not rebuilt"), language))
    then = html.escape(localize(_("Fix the problems below and save; this page reloads by itself."), language))
    return f"""<!doctype html>
<html lang="{html.escape(language)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1f24; }}
h1 {{ color: #8a1c0c; font-size: 1.6rem; }}
li {{ margin: 0 0 1rem; }} li.warning strong {{ color: #6b4b00; }} li.error strong {{ color: #8a1c0c; }}
code {{ background: #eef0f3; padding: 0 .2em; }} .hint {{ margin: .2rem 0 0; color: #4a5360; }}
</style></head>
<body><main>
<h1>{heading}</h1>
<p>{html.escape(localize(message, language))} {then}</p>
{listing}
</main>{RELOAD_SCRIPT % (version, VERSION_PATH)}</body></html>
"""


class Preview:
    """The watcher, the builder and the HTTP server of one preview. ``start`` returns at once."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 8000, log=None):
        self.root = Path(root).absolute()
        self.site = self.root / ".build" / "preview" / "site"
        self.work = self.root / ".build" / "preview" / "web"
        self._woken = threading.Event()
        """Set by the file-system watcher when anything under the watched sources changes."""
        self._observer = None
        self.version = 0
        self.error_html: str | None = None
        self.log = log or (lambda text: print(text, file=sys.stderr, flush=True))
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._result: CheckResult | None = None
        """The last check, which an incremental check starts from."""
        self._live: LiveSite | None = None
        handler = functools.partial(_Handler, preview=self)
        self.server = _Server((host, port), handler)
        self.server.log = self.log
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    # -- watching ---------------------------------------------------------------
    def snapshot(self) -> dict[str, tuple[int, int]]:
        """What the preview depends on: (mtime, size) of every watched file."""
        files: list[Path] = []
        for name in WATCHED:
            path = self.root / name
            files += [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        state = {}
        for f in files:
            try:
                st = f.stat()
            except OSError:
                continue
            state[str(f)] = (st.st_mtime_ns, st.st_size)
        return state

    def _full_because(self, changed: Collection[str] | None) -> str | None:
        """Why a save needs the full check and build; None when it only edited chapters."""
        if self._result is None:
            return "first build" if changed is None else "starting again after an internal error"
        if changed is None:
            return "files were added or removed"
        if self._result.model is None:
            return "the last check could not read goals.yaml"
        chapters = self.root / "strategy"
        others = sorted(os.path.relpath(p, self.root) for p in changed
                        if not (p.endswith(".md") and Path(p).is_relative_to(chapters)))
        if others:
            return f"{', '.join(others[:3])}{' …' if len(others) > 3 else ''} changed"
        return None

    def rebuild(self, changed: Collection[str] | None = None) -> None:
        """Check and rebuild after a save.

        ``changed``: the watched files modified since the last rebuild (absolute paths), or None
        when a file was added or removed or nothing is known (the first build): then everything
        is checked and built again. When they are all chapters, only they are checked and built.
        """
        from strategykit.project import check, recheck_chapters
        from strategykit.plan import gather
        from strategykit.render.web.live import LiveSite

        started = time.monotonic()
        because = self._full_because(changed)
        result = None
        if because is None:
            assert self._result is not None and changed is not None
            result = recheck_chapters(self._result, [Path(p) for p in changed])
        check_kind = "incremental check" if result is not None else "full check"
        if result is None:
            result = check(self.root)
        self._result = result
        checked = time.monotonic() - started
        error: str | None = None
        if not result.ok:
            errors = sum(d.severity == "error" for d in result.diagnostics)
            message = f"strategy check found {errors} error{'s' if errors != 1 else ''}."
            shown = (_("strategy check found {n} error.", n=errors) if errors == 1
                     else _("strategy check found {n} errors.", n=errors))
            error = error_page(result.diagnostics, shown, self.version + 1, result.language)
            self.log(f"Preview: {message} Showing them in the browser ({check_kind} in {checked:.1f} s).")
        else:
            if self._live is None:
                self._live = LiveSite(self.site, self.work)
            try:
                done = self._live.refresh(result.model, lambda model: gather(model, ("followup", "changes", "yearly")))
            except BuildError as exc:
                error = error_page(None, str(exc), self.version + 1, result.language)
                self.log(f"Preview: the site could not be built: {exc}")
            else:
                how = f"full build: {because}" if because and not done.incremental else done.describe()
                self.log(f"Preview: rebuilt in {time.monotonic() - started:.1f} s ({how}; "
                         f"{check_kind} {checked:.1f} s).")
        with self._lock:
            self.error_html = error
            self.version += 1

    def _watch(self) -> None:
        """Rebuild after each save: woken by the watcher, then the watched files' state says what changed."""
        seen = self._seen
        while not self._stop.is_set():
            if not self._woken.wait(1.0):
                continue  # the timeout only lets ``stop`` end the loop
            time.sleep(SETTLE_SECONDS)
            self._woken.clear()  # before the snapshot: a save after it wakes the loop again
            if self._stop.is_set():
                return
            now = self.snapshot()
            if now == seen:
                continue  # an event that changed nothing the preview shows (a file opened, a folder listed)
            changed = {p for p in now if now[p] != seen[p]} if now.keys() == seen.keys() else None
            seen = now
            try:
                self.rebuild(changed)
            except Exception as exc:  # keep previewing: the next save may fix it
                self._result = self._live = None  # half-updated: start again from a full build
                with self._lock:
                    self.error_html = error_page(None, f"Internal error: {exc!r}", self.version + 1)
                    self.version += 1
                self.log(f"Preview: internal error while rebuilding: {exc!r}")

    def _start_watcher(self) -> None:
        """Watch the strategy's folder (not its subfolders: .git, .venv and .build stay out) and each
        watched folder whole; a watched folder created later is added when it appears."""
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        preview, watched = self, {str(self.root / name) for name in WATCHED}
        folders: set[str] = set()

        class Wake(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                paths = [event.src_path, getattr(event, "dest_path", "") or ""]
                if any(p in watched or any(p.startswith(w + os.sep) for w in watched) for p in map(str, paths) if p):
                    if event.is_directory and str(event.src_path) in watched:
                        schedule(str(event.src_path))
                    preview._woken.set()

        def schedule(folder: str) -> None:
            if folder not in folders and os.path.isdir(folder):
                folders.add(folder)
                observer.schedule(handler, folder, recursive=True)

        handler = Wake()
        try:
            observer = Observer()
            observer.schedule(handler, str(self.root), recursive=False)
            observer.start()
        except OSError:  # no notifications here (a limit reached, a network folder): watchdog polls
            observer = PollingObserver()
            observer.schedule(handler, str(self.root), recursive=False)
            observer.start()
        for name in WATCHED:
            schedule(str(self.root / name))
        self._observer = observer

    # -- running ----------------------------------------------------------------
    def start(self) -> None:
        self._start_watcher()  # before the snapshot and the first build: a save during it is seen
        self._seen = self.snapshot()
        self.rebuild()
        for target in (self.server.serve_forever, self._watch):
            t = threading.Thread(target=target, daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self) -> None:
        self._stop.set()
        self._woken.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(5)
        self.server.shutdown()
        self.server.server_close()
        for t in self._threads:
            t.join(5)


class _Server(http.server.ThreadingHTTPServer):
    """The preview's HTTP server: one daemon thread per request, a long queue, a quiet log."""

    daemon_threads = True
    request_queue_size = 1024
    """The listen backlog (the system may cap it). Python's default of 5 let a burst of requests
    (a browser opening a page with its assets, a link checker) overflow it, and the connections
    that did not fit waited for the system's retries: 5–15 % of 200 took over 30 s."""
    log = staticmethod(lambda text: print(text, file=sys.stderr, flush=True))

    def handle_error(self, request, client_address) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # the browser went away mid-answer (a reload, a closed tab): nothing to tell
        # Anything else is a bug of the preview; one line, not a traceback in the author's terminal.
        self.log(f"Preview: a request from {client_address[0]} failed: {exc!r}")


MAX_PATH = 2048
_BAD_PATH = re.compile(r"[\x00-\x1f\x7f\\]")
"""Control characters and backslashes have no place in a URL of the site."""


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, preview: Preview, **kwargs):
        self.preview = preview
        super().__init__(*args, directory=str(preview.site), **kwargs)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _send(self, status: int, body: str, content_type: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page is answered with the site's own 404 page (MkDocs builds one), as when published."""
        page = self.preview.site / "404.html"
        if code == 404 and page.is_file():
            self.close_connection = True
            self._send(404, page.read_text(encoding="utf-8"))
            return
        super().send_error(code, message, explain)

    def list_directory(self, path):  # noqa: ANN001 - the stdlib's signature
        """A folder without an index page is not found: the published site lists no folders either."""
        self.send_error(404)
        return None

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if not path.startswith("/") or _BAD_PATH.search(urllib.parse.unquote(path)):
            self.send_error(400, "Bad request path")
            return
        if len(path) > MAX_PATH:
            self.send_error(414)
            return
        if any(len(part.encode("utf-8")) > 255 for part in urllib.parse.unquote(path).split("/")):
            self.send_error(404)  # no file of the site has such a name, and the system would refuse to look
            return
        with self.preview._lock:
            version, error = self.preview.version, self.preview.error_html
        if path == VERSION_PATH:
            self._send(200, str(version), "text/plain; charset=utf-8")
            return
        is_page = path.endswith("/") or path.endswith(".html")
        if error is not None and is_page:
            self._send(500, error)
            return
        local = Path(self.translate_path(self.path))
        if local.is_dir() and path.endswith("/"):
            local = local / "index.html"
        if local.suffix == ".html" and local.is_file():
            text = local.read_text(encoding="utf-8")
            script = RELOAD_SCRIPT % (version, VERSION_PATH)
            text = text.replace("</body>", script + "</body>", 1) if "</body>" in text else text + script
            self._send(200, text)
            return
        super().do_GET()


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Run the preview until Ctrl-C; returns the exit code."""
    try:
        preview = Preview(root, host, port)
    except OSError as exc:
        print(f"strategy: cannot listen on {host}:{port}: {exc.strerror}. Try another --port.", file=sys.stderr)
        return 2
    preview.start()
    print(f"Previewing {os.path.relpath(preview.root)} at {preview.url} (Ctrl-C to stop). "
          "Edits to goals.yaml, strategy/ and data/ show up as you save.", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
    return 0
