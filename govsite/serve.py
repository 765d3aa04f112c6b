"""``govsite serve``: build into a temporary folder, serve it on loopback, rebuild what a
change affects, reload the browser, and show each page's findings on the page.

The output never goes to ``public/``. The live-reload script, the findings panel and the
draft banner are added to HTML responses by the server, so the files it serves are the
same files a build writes. A broken build (``site.toml``, a template) shows an error page
instead of stopping the server; the next good build recovers.
"""

from __future__ import annotations

import datetime as dt
import errno
import html
import mimetypes
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from jinja2 import Environment
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from govsite.build import make_portal, render_into
from govsite.config import CONFIG_NAME, ConfigError
from govsite.content.model import Status
from govsite.drafts import is_leak
from govsite.errors import BuildError, UsageError
from govsite.findings import Finding
from govsite.i18n import Translator
from govsite.live import LiveSite, Update
from govsite.output import LiveWriter
from govsite.render.templates import make_environment
from govsite.safepath import remove_tree_inside

EVENTS_PATH = "/__govsite/events"
DEBOUNCE_SECONDS = 0.08
MAX_PORT = 65535
WATCHED = ("content", "templates", "checks")
# The page says which build it shows (``since``): a rebuild that finishes while the page
# is still loading, before it listens, reloads it at once instead of being missed.
LIVE_SCRIPT = (
    "<script>(function(){var s=new EventSource('" + EVENTS_PATH + "?since={generation}');"
    "s.addEventListener('reload',function(){s.close();location.reload();});})();</script>"
)


@dataclass
class PreviewState:
    """What the request handlers read; replaced whole after every rebuild."""

    generation: int = 0
    error: str | None = None
    findings_by_url: dict[str, list[Finding]] = field(default_factory=dict)
    broken: dict[str, list[Finding]] = field(default_factory=dict)  # URL of an unreadable page
    last_build_seconds: float = 0.0


class Preview:
    """Builds the site into ``out`` and keeps :class:`PreviewState` current."""

    def __init__(self, root: Path, out: Path, t: Translator, today=dt.date.today):
        self.root = root
        self.out = out
        self.t = t
        self.live = LiveSite(root, t, today)
        self.state = PreviewState()
        self.changed = threading.Condition()
        self.lock = threading.Lock()
        self.known_urls: dict[str, str] = {}  # page path -> last URL it was published at
        self.env: Environment | None = None  # kept until templates or site.toml change
        self.item_cache: dict = {}

    def rebuild(self, changed: set[str] | None = None) -> None:
        started = time.perf_counter()
        with self.lock:
            try:
                update = self.live.full() if changed is None else self.live.update(changed)
                self._write(update)
                state = self._state(update)
            except (ConfigError, BuildError) as error:
                self.live.analysis = None  # the next change rebuilds everything
                state = PreviewState(error=str(error))
            except Exception:  # never let a bad input kill the preview
                self.live.analysis = None
                state = PreviewState(error=traceback.format_exc(limit=8))
        state.last_build_seconds = time.perf_counter() - started
        with self.changed:
            state.generation = self.state.generation + 1
            self.state = state
            self.changed.notify_all()

    def _write(self, update: Update) -> None:
        analysis = update.analysis
        if update.scope is None or self.env is None:
            self.env, self.item_cache = make_environment(analysis.config), {}
        portal = make_portal(
            analysis, analysis.publishable(), preview=True, env=self.env, cache=self.item_cache
        )
        writer = LiveWriter(self.out)
        # the search index is rebuilt with the whole site only
        render_into(writer, portal, analysis, update.scope, search=update.scope is None, t=self.t)
        if update.scope is None:
            writer.remove_others()
        for url in update.removed_urls:
            remove_tree_inside(self.out, url)  # never outside the preview folder

    def _state(self, update: Update) -> PreviewState:
        analysis = update.analysis
        base = analysis.config.site.base_path
        by_path: dict[str, list[Finding]] = {}
        for finding in analysis.findings:
            by_path.setdefault(finding.path, []).append(finding)
        findings_by_url, broken = {}, {}
        for page in analysis.pages:
            if page.meta is not None:
                self.known_urls[page.path] = page.url
            url = base + self.known_urls.get(page.path, page.url)
            findings_by_url[url] = by_path.get(page.path, [])
            if page.status(analysis.as_of) is Status.BROKEN:
                broken[url] = findings_by_url[url]
        for report in analysis.reports:
            url = f"{base}{report.department}/annual-report/{report.year}/"
            findings_by_url[url] = by_path.get(report.path, []) + by_path.get(
                report.applications_source, []
            )
        return PreviewState(findings_by_url=findings_by_url, broken=broken)

    def wait_for_change(self, generation: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.state.generation != generation, timeout=timeout)
            return self.state.generation


# ---------------------------------------------------------------- watching


class ChangeCollector(FileSystemEventHandler):
    """Collects changed paths and rebuilds once a burst of events has settled."""

    def __init__(self, preview: Preview, observer: Observer | None = None):
        self.preview = preview
        self.observer = observer
        self.pending: set[str] = set()
        self.timer: threading.Timer | None = None
        self.guard = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        relevant = {rel for rel in (self._relative(p) for p in paths if p) if rel}
        if not relevant:
            return
        if event.is_directory and event.event_type == "created" and self.observer is not None:
            for rel in relevant & set(WATCHED):  # a watched folder that did not exist at start
                self.observer.schedule(self, str(self.preview.root / rel), recursive=True)
        with self.guard:
            self.pending |= relevant
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.flush)
            self.timer.daemon = True
            self.timer.start()

    def _relative(self, path: str | bytes) -> str | None:
        text = path.decode() if isinstance(path, bytes) else path
        try:
            rel = Path(text).resolve().relative_to(self.preview.root.resolve()).as_posix()
        except ValueError:
            return None
        name = rel.rsplit("/", 1)[-1]
        if name.startswith(".") or name.endswith(("~", ".swp", ".tmp")):
            return None
        return rel if rel == CONFIG_NAME or rel.split("/", 1)[0] in WATCHED else None

    def flush(self) -> None:
        with self.guard:
            changed, self.pending = self.pending, set()
        if changed:
            self.preview.rebuild(changed)


def watch(preview: Preview) -> Observer:
    observer = Observer()
    handler = ChangeCollector(preview, observer)
    observer.schedule(handler, str(preview.root), recursive=False)
    for name in WATCHED:
        folder = preview.root / name
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


# ---------------------------------------------------------------- serving


class PreviewHandler(BaseHTTPRequestHandler):
    preview: Preview  # set on the subclass made by make_server
    server_version = "govsite-preview"

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == EVENTS_PATH:
            self.events()
            return
        state = self.preview.state
        if state.error is not None:
            self.send_page(
                HTTPStatus.INTERNAL_SERVER_ERROR, error_page(state.error, self.preview.t)
            )
            return
        url = unquote(path)
        if url in state.broken:
            page = broken_page(url, state.broken[url], self.preview.t)
            self.send_page(HTTPStatus.INTERNAL_SERVER_ERROR, page)
            return
        target = self.resolve(url)
        if target is None:
            missing = self.preview.out / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"<h1>404</h1>"
            self.send_file(HTTPStatus.NOT_FOUND, body, "text/html", url)
            return
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.send_file(HTTPStatus.OK, target.read_bytes(), content_type, url)

    def resolve(self, url: str) -> Path | None:
        """The file for ``url`` inside the output folder, or None (also for ``..``,
        encoded traversal and symbolic links leading out)."""
        root = self.preview.out.resolve()
        if "\x00" in url:
            return None
        try:
            target = (root / url.lstrip("/")).resolve()
        except (OSError, ValueError):
            return None
        if not target.is_relative_to(root):
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def send_file(self, status: HTTPStatus, body: bytes, content_type: str, url: str) -> None:
        if content_type == "text/html":
            body = decorate(body, url, self.preview.state, self.preview.t)
        if content_type.startswith("text/") or content_type in (
            "application/json",
            "application/xml",
            "image/svg+xml",
        ):
            content_type += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_page(self, status: HTTPStatus, page: str) -> None:
        self.send_file(status, page.encode("utf-8"), "text/html", "")

    def events(self) -> None:
        """Server-sent events: one ``reload`` after every rebuild, and one at once when the
        page was served from an older build than the current one (``?since=N``)."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        generation = self.preview.state.generation
        since = parse_qs(urlsplit(self.path).query).get("since", [""])[0]
        try:
            self.wfile.write(b": connected\n\n")
            if since.isdigit() and int(since) != generation:
                self.wfile.write(f"event: reload\ndata: {generation}\n\n".encode())
            self.wfile.flush()
            while True:
                now = self.preview.wait_for_change(generation, timeout=15)
                message = (
                    b": ping\n\n"
                    if now == generation
                    else f"event: reload\ndata: {now}\n\n".encode()
                )
                generation = now
                self.wfile.write(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return


def decorate(body: bytes, url: str, state: PreviewState, t: Translator | None = None) -> bytes:
    """Add the findings panel and the live-reload script (preview only). The banner of a
    draft or scheduled item is the theme's own (``preview`` in ``base.html``)."""
    t = t or Translator()
    text = body.decode("utf-8", "replace")
    findings = (
        state.findings_by_url.get(url)
        or state.findings_by_url.get(url.removesuffix("index.html"))
        or []
    )
    if findings:
        text = _after_body_open(text, findings_panel(findings, t))
    marker = "</body>"
    index = text.rfind(marker)
    script = LIVE_SCRIPT.replace("{generation}", str(state.generation))
    text = text[:index] + script + text[index:] if index >= 0 else text + script
    return text.encode("utf-8")


def _after_body_open(text: str, insert: str) -> str:
    start = text.find("<body")
    end = text.find(">", start) if start >= 0 else -1
    return text[: end + 1] + insert + text[end + 1 :] if end >= 0 else insert + text


# The panel stays in view wherever the editor has scrolled to (sticky at the top of the
# window), so a reload that restores the old scroll position still shows it.
PANEL_STYLE = (
    "position:sticky;top:0;z-index:1000;margin:0;padding:10px 16px;background:#fff4e5;"
    "border-bottom:3px solid #b35c00;box-shadow:0 2px 6px rgba(0,0,0,.15);color:#1a1a1a;"
    "font:14px/1.6 sans-serif;max-height:40vh;overflow:auto"
)
CODE_STYLE = "background:#fde3c3;padding:0 3px;border-radius:2px;font:13px/1.4 monospace"
SEVERITY_STYLE = {
    "error": "color:#fff;background:#a8161c",
    "warning": "color:#1a1a1a;background:#ffdd00",
    "info": "color:#fff;background:#595959",
}


def message_html(message: str) -> str:
    """A finding's message with its Markdown code spans (`…`) shown as code; everything
    else escaped. Messages use no other Markdown (STYLE: messages quote with backticks)."""
    parts = message.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: show the text as written
        return html.escape(message)
    return "".join(
        f'<code style="{CODE_STYLE}">{html.escape(part)}</code>' if odd else html.escape(part)
        for odd, part in ((i % 2 == 1, p) for i, p in enumerate(parts))
    )


def findings_panel(findings: list[Finding], t: Translator | None = None) -> str:
    t = t or Translator()
    rows = "".join(_panel_row(f, t) for f in findings)
    live = [f for f in findings if not f.waived]
    errors = [f for f in live if f.severity.value == "error"]
    title = t("preview.panel_title", count=len(findings))
    if errors and all(f.draft for f in errors):
        title += t("preview.panel_draft", count=len(errors))
    elif errors:
        title += t("preview.panel_blocking", count=len(errors))
    leaks = [f for f in live if f.draft and is_leak(f)]
    if leaks:
        title += t("preview.panel_leaks", count=len(leaks))
    return (
        f'<section id="govsite-findings" role="alert" style="{PANEL_STYLE}" '
        f'aria-label="{html.escape(t("preview.panel_label"))}"><details open>'
        f'<summary style="cursor:pointer" title="{html.escape(t("preview.collapse"))}">'
        f"<strong>{html.escape(title)}</strong></summary>"
        f'<ul style="margin:6px 0 0;padding-left:20px">{rows}</ul></details></section>'
    )


def _panel_row(finding: Finding, t: Translator) -> str:
    severity = finding.severity.value
    where = (
        t("preview.line", line=finding.line) if finding.line is not None else t("preview.no_line")
    )
    badge = (
        f'<span style="{SEVERITY_STYLE.get(severity, "")};padding:0 4px;border-radius:2px;'
        f'font-size:12px">{html.escape(finding.rule)}</span>'
    )
    waived = html.escape(t("preview.waived")) if finding.waived else ""
    return (
        f'<li class="govsite-{severity}" data-rule="{html.escape(finding.rule)}">{badge} '
        f'<span class="govsite-line">{html.escape(where)}</span> '
        f"{message_html(finding.message)}{waived}</li>"
    )


def error_page(message: str, t: Translator | None = None) -> str:
    t = t or Translator()
    lang = "en" if t.lang == "en" else "zh-CN"
    title = html.escape(t("preview.error_title"))
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'</head><body><section id="govsite-error" role="alert" style="{PANEL_STYLE}">'
        f"<h1>{title}</h1><p>{html.escape(t('preview.error_recovers'))}</p>"
        f"<pre>{html.escape(message)}</pre></section></body></html>"
    )


def broken_page(url: str, findings: list[Finding], t: Translator | None = None) -> str:
    t = t or Translator()
    lang = "en" if t.lang == "en" else "zh-CN"
    title = html.escape(t("preview.broken_title"))
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'</head><body><section id="govsite-error" role="alert" style="{PANEL_STYLE}">'
        f"<h1>{title}</h1><p>{html.escape(t('preview.broken_detail', url=url))}</p></section>"
        f"{findings_panel(findings, t)}</body></html>"
    )


def make_server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    handler = type("BoundPreviewHandler", (PreviewHandler,), {"preview": preview})
    server_class = ThreadingHTTPServer
    if ":" in host:  # an IPv6 address such as ::1
        server_class = type(
            "IPv6Server", (ThreadingHTTPServer,), {"address_family": socket.AF_INET6}
        )
    server = server_class((host, port), handler)
    server.daemon_threads = True
    return server


class Stopped(Exception):
    """SIGTERM or SIGHUP: stop serving and clean up, as Ctrl+C does."""


def bind(preview: Preview, host: str, port: int, t: Translator) -> ThreadingHTTPServer:
    """The preview's server, or a :class:`UsageError` that says why it cannot listen (a
    busy port, a port out of range, an address that is not this machine's)."""
    if not 0 <= port <= MAX_PORT:
        raise UsageError(t("serve.bad_port", port=port))
    if not host.strip():  # "" would listen on every interface: say so, never do it silently
        raise UsageError(t("serve.bad_host", host=repr(host)))
    try:
        return make_server(preview, host, port)
    except socket.gaierror:
        raise UsageError(t("serve.bad_host", host=host)) from None
    except OverflowError:
        raise UsageError(t("serve.bad_port", port=port)) from None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UsageError(t("serve.port_busy", port=port, host=host)) from None
        if error.errno == errno.EACCES:
            raise UsageError(t("serve.port_denied", port=port)) from None
        raise UsageError(t("serve.bad_host", host=host)) from None


def serve(root: Path, host: str, port: int, t: Translator, *, open_browser: bool = False) -> int:
    """Serve until Ctrl+C, SIGTERM or SIGHUP; the temporary output folder is removed
    whichever way it ends (raises :class:`UsageError` when it cannot listen)."""
    out = Path(tempfile.mkdtemp(prefix="govsite-preview-"))
    server: ThreadingHTTPServer | None = None
    observer = None
    restore = _stop_on_signals()
    try:
        preview = Preview(root, out, t)
        server = bind(preview, host, port, t)
        preview.rebuild()
        observer = watch(preview)
        shown = f"[{host}]" if ":" in host else host
        address = f"http://{shown}:{server.server_address[1]}/"
        print(t("serve.listening", url=address, out=out), flush=True)
        if open_browser:
            import webbrowser

            webbrowser.open(address)
        server.serve_forever()
    except (KeyboardInterrupt, Stopped):
        pass
    finally:
        restore()
        if server is not None:
            server.server_close()
        if observer is not None:
            observer.stop()
        shutil.rmtree(out, ignore_errors=True)
    return 0


def _stop_on_signals() -> Callable[[], None]:
    """Turn SIGINT, SIGTERM and SIGHUP into :class:`Stopped` (main thread only); returns the undo."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    previous = {}
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, stop)

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore


if __name__ == "__main__":  # pragma: no cover
    sys.exit(serve(Path("."), "127.0.0.1", 8000, Translator()))
