"""govsite serve, end to end in real headless Chromium (Debian's, driven by Playwright)."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from govsite.i18n import Translator
from govsite.serve import Preview, make_server, watch
from tests.conftest import item

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NEWS = "content/edu/news/a.md"
TIMEOUT = 15_000  # ms


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Running:
    def __init__(self, root: Path, out: Path):
        self.root = root
        self.preview = Preview(root, out, Translator())
        self.preview.rebuild()
        self.observer = watch(self.preview)
        self.server = make_server(self.preview, "127.0.0.1", 0)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str) -> tuple[int, str, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()

    def write(self, rel: str, text: str) -> None:
        (self.root / rel).write_text(text, encoding="utf-8")

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.observer.stop()


@pytest.fixture
def running(make_site, tmp_path) -> Iterator[Running]:
    root = make_site({NEWS: item(title="开学通知", body="第一版正文。\n")})
    server = Running(root, tmp_path / "preview")
    yield server
    server.stop()


def open_page(browser: Browser, url: str) -> Page:
    page = browser.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(url)
    return page


def test_edit_shows_without_reloading_by_hand(browser, running):
    page = open_page(browser, running.url("/edu/news/a/"))
    assert "第一版正文" in page.inner_text("main")
    page.evaluate("window.__marker = 'same document until reloaded'")
    running.write(NEWS, item(title="开学通知", body="第二版正文，已经修改。\n"))
    page.wait_for_function("document.body.innerText.includes('第二版正文')")
    assert page.evaluate("window.__marker === undefined")  # the page reloaded itself
    page.close()


def test_violation_shows_the_findings_panel_and_fixing_clears_it(browser, running):
    page = open_page(browser, running.url("/edu/news/a/"))
    assert page.locator("#govsite-findings").count() == 0
    running.write(NEWS, item(title="开学通知", body="联系电话 13912345678。\n"))
    panel = page.locator("#govsite-findings")
    panel.wait_for()
    text = panel.inner_text()
    assert "PV002" in text and "第 14 行" in text and "139****5678" in text
    assert "13912345678" not in text
    running.write(NEWS, item(title="开学通知", body="联系电话 0871-69999901。\n"))
    page.wait_for_function("!document.getElementById('govsite-findings')")
    page.close()


def test_broken_yaml_shows_the_error_page_and_recovers(browser, running):
    page = open_page(browser, running.url("/edu/news/a/"))
    running.write(NEWS, "---\ntitle: [开学通知\ndate: 2026-03-02\n---\n正文。\n")
    page.locator("#govsite-error").wait_for()
    assert "FM001" in page.inner_text("body") and "第 3 行" in page.inner_text("body")
    running.write(NEWS, item(title="开学通知", body="修好了。\n"))
    page.wait_for_function("document.body.innerText.includes('修好了')")
    assert page.locator("#govsite-error").count() == 0
    page.close()


def test_template_error_shows_the_error_page_and_recovers(browser, running):
    page = open_page(browser, running.url("/edu/news/a/"))
    (running.root / "templates").mkdir()
    running.write(
        "templates/item.html",
        "{% extends 'base.html' %}{% block content %}{{ item.nope }}{% endblock %}",
    )
    page.locator("#govsite-error").wait_for()
    assert "templates/item.html:1" in page.inner_text("#govsite-error")
    (running.root / "templates/item.html").unlink()
    page.wait_for_function("document.body.innerText.includes('第一版正文')")
    page.close()


def test_drafts_are_visible_with_a_banner_in_preview_only(browser, running):
    running.write(
        "content/edu/news/draft.md", item(title="草稿稿件", status="draft", body="尚未签发。\n")
    )
    deadline = time.monotonic() + 10
    while running.get("/edu/news/draft/")[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    page = open_page(browser, running.url("/edu/news/draft/"))
    banner = page.locator(".preview-banner")
    assert banner.inner_text() == "草稿：本稿件尚未签发，仅在预览中可见，不会发布。"
    # styled by the theme's stylesheet, not left as bare text
    assert banner.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 243, 205)"
    page.close()
    # an approved, published item carries no banner
    page = open_page(browser, running.url("/edu/news/a/"))
    assert page.locator(".preview-banner").count() == 0
    assert "预览模式" not in page.inner_text("body")
    page.close()


def test_traversal_attempts_get_404(running, tmp_path):
    secret = running.root.parent / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (running.preview.out / "link").symlink_to(secret)
    for path in (
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "/link",
        "/edu/../../secret.txt",
        "/%00",
    ):
        status, _, body = running.get(path)
        assert status == 404, path
        assert b"secret" not in body


def test_content_types_and_404_page(running):
    status, content_type, body = running.get("/assets/site.css")
    assert (status, content_type) == (200, "text/css; charset=utf-8")
    status, content_type, _ = running.get("/edu/news/feed.xml")
    assert status == 200 and content_type.startswith(("application/xml", "text/xml"))
    status, content_type, body = running.get("/no/such/page/")
    assert status == 404 and content_type.startswith("text/html") and "页面不存在".encode() in body


def test_serve_listens_on_loopback_by_default():
    from govsite.cli import make_parser

    args = make_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"
