"""``govsite serve``: build into a temporary folder, serve it on loopback, rebuild what a
change affects, reload the browser, and show each page's findings on the page.

The output never goes to ``public/``. The live-reload script, the findings panel and the
draft banner are added to HTML responses by the server, so the files it serves are the
same files a build writes. A broken build (``site.toml``, a template) shows an error page
instead of stopping the server; the next good build recovers.
"""

from __future__ import annotations

import datetime as dt
import html
import mimetypes
import shutil
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import Environment
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from govsite.build import BuildError, make_portal, render_into
from govsite.config import CONFIG_NAME, ConfigError
from govsite.content.model import Status
from govsite.findings import Finding
from govsite.i18n import Translator
from govsite.live import LiveSite, Update
from govsite.output import LiveWriter
from govsite.render.templates import make_environment
from govsite.safepath import remove_tree_inside

EVENTS_PATH = "/__govsite/events"
DEBOUNCE_SECONDS = 0.08
WATCHED = ("content", "templates", "checks")
LIVE_SCRIPT = (
    "<script>(function(){var s=new EventSource('" + EVENTS_PATH + "');"
    "s.addEventListener('reload',function(){location.reload();});})();</script>"
)


@dataclass
class PreviewState:
    """What the request handlers read; replaced whole after every rebuild."""

    generation: int = 0
    error: str | None = None
    findings_by_url: dict[str, list[Finding]] = field(default_factory=dict)
    drafts: frozenset[str] = frozenset()
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
        render_into(writer, portal, analysis, update.scope, search=update.scope is None)
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
        drafts = frozenset(
            base + p.url for p in analysis.pages if p.status(analysis.as_of) is Status.DRAFT
        )
        return PreviewState(findings_by_url=findings_by_url, drafts=drafts, broken=broken)

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
            self.send_page(HTTPStatus.INTERNAL_SERVER_ERROR, error_page(state.error))
            return
        url = unquote(path)
        if url in state.broken:
            self.send_page(HTTPStatus.INTERNAL_SERVER_ERROR, broken_page(url, state.broken[url]))
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
            body = decorate(body, url, self.preview.state)
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
        """Server-sent events: one ``reload`` after every rebuild."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        generation = self.preview.state.generation
        try:
            self.wfile.write(b": connected\n\n")
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


def decorate(body: bytes, url: str, state: PreviewState) -> bytes:
    """Add the findings panel, the draft banner and the live-reload script (preview only)."""
    text = body.decode("utf-8", "replace")
    panel = ""
    if url in state.drafts or url.removesuffix("index.html") in state.drafts:
        panel += '<div class="govsite-draft" role="status">草稿：本稿件尚未签发，仅在预览中可见，不会发布。</div>'
    findings = (
        state.findings_by_url.get(url)
        or state.findings_by_url.get(url.removesuffix("index.html"))
        or []
    )
    if findings:
        panel += findings_panel(findings)
    if panel:
        text = _after_body_open(text, panel)
    marker = "</body>"
    index = text.rfind(marker)
    text = text[:index] + LIVE_SCRIPT + text[index:] if index >= 0 else text + LIVE_SCRIPT
    return text.encode("utf-8")


def _after_body_open(text: str, insert: str) -> str:
    start = text.find("<body")
    end = text.find(">", start) if start >= 0 else -1
    return text[: end + 1] + insert + text[end + 1 :] if end >= 0 else insert + text


PANEL_STYLE = (
    "position:relative;z-index:1000;margin:0;padding:12px 16px;background:#fff4e5;"
    "border-bottom:3px solid #b35c00;color:#1a1a1a;font:14px/1.6 sans-serif"
)


def findings_panel(findings: list[Finding]) -> str:
    blocking = sum(f.severity.value == "error" and not f.waived for f in findings)
    rows = "".join(
        f'<li><code>{html.escape(f.rule)}</code> <span class="govsite-line">'
        f"第 {f.line if f.line is not None else '—'} 行</span> {html.escape(f.message)}"
        f"{' <em>（已豁免）</em>' if f.waived else ''}</li>"
        for f in findings
    )
    title = f"本页有 {len(findings)} 个问题" + (
        f"，其中 {blocking} 个错误会阻止发布" if blocking else ""
    )
    return (
        f'<section id="govsite-findings" role="alert" style="{PANEL_STYLE}" aria-label="检查结果">'
        f"<strong>{title}</strong><ul>{rows}</ul></section>"
    )


def error_page(message: str) -> str:
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>构建出错</title></head>'
        f'<body><section id="govsite-error" role="alert" style="{PANEL_STYLE}">'
        f"<h1>构建出错</h1><p>修改后预览会自动恢复。</p><pre>{html.escape(message)}</pre></section></body></html>"
    )


def broken_page(url: str, findings: list[Finding]) -> str:
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>无法读取本页</title></head>'
        f'<body><section id="govsite-error" role="alert" style="{PANEL_STYLE}"><h1>无法读取本页的源文件</h1>'
        f"<p>{html.escape(url)} 的源文件有错误，修改后预览会自动恢复。</p></section>"
        f"{findings_panel(findings)}</body></html>"
    )


def make_server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    handler = type("BoundPreviewHandler", (PreviewHandler,), {"preview": preview})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve(root: Path, host: str, port: int, t: Translator, *, open_browser: bool = False) -> int:
    out = Path(tempfile.mkdtemp(prefix="govsite-preview-"))
    preview = Preview(root, out, t)
    preview.rebuild()
    observer = watch(preview)
    server = make_server(preview, host, port)
    address = f"http://{host}:{server.server_address[1]}/"
    print(t("serve.listening", url=address, out=out), flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(address)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        observer.stop()
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(serve(Path("."), "127.0.0.1", 8000, Translator()))
