"""The editor's preview: the findings panel in view after every reload, the banner only on
drafts and scheduled items, messages with their code spans, and a server that says why it
cannot listen and cleans up however it is stopped. Real headless Chromium, a real server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from govsite.findings import Finding, Severity
from govsite.i18n import Translator
from govsite.serve import findings_panel, message_html
from tests.conftest import REPO, item
from tests.test_serve import Running, browser, open_page  # noqa: F401  (browser: a fixture)

NEWS = "content/edu/news/a.md"
LONG_BODY = "".join(f"第 {n} 段：本段是用来撑开页面的正文。\n\n" for n in range(1, 121))


@pytest.fixture
def long_page(make_site, tmp_path) -> Iterator[Running]:
    root = make_site({NEWS: item(title="开学通知", body=LONG_BODY)})
    server = Running(root, tmp_path / "preview")
    yield server
    server.stop()


def in_view(page, selector: str) -> bool:
    return page.evaluate(
        """s => { const r = document.querySelector(s).getBoundingClientRect();
                  return r.height > 0 && r.top >= 0 && r.top < window.innerHeight; }""",
        selector,
    )


def test_the_findings_panel_is_in_view_after_each_live_reload(browser, long_page):  # noqa: F811
    page = open_page(browser, long_page.url("/edu/news/a/"))
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("window.scrollY > 1000")
    long_page.write(NEWS, item(title="开学通知", body=LONG_BODY + "联系电话 13912345678。\n"))
    page.locator("#govsite-findings").wait_for()
    page.wait_for_load_state("load")
    assert in_view(page, "#govsite-findings")
    # the editor keeps their place in the text: the browser's scroll position is kept
    assert page.evaluate("window.scrollY") > 1000
    # a second edit (the panel was already there) reloads again: still in view
    page.evaluate("window.__before = true")
    long_page.write(
        NEWS, item(title="开学通知", body=LONG_BODY + "联系电话 13912345678，13812345678。\n")
    )
    page.wait_for_function(
        "window.__before === undefined && !!document.getElementById('govsite-findings')"
    )
    page.wait_for_function("document.querySelectorAll('#govsite-findings li').length === 2")
    assert in_view(page, "#govsite-findings")
    # and once fixed, the panel is gone
    long_page.write(NEWS, item(title="开学通知", body=LONG_BODY))
    page.wait_for_function("!document.getElementById('govsite-findings')")
    page.close()


def test_code_spans_in_messages_are_shown_as_code(browser, long_page):  # noqa: F811
    long_page.write(NEWS, item(title="开学通知", body="联系电话 13912345678。\n"))
    page = open_page(browser, long_page.url("/edu/news/a/"))
    page.locator("#govsite-findings").wait_for()
    deadline = time.monotonic() + 10
    while "PV002" not in page.inner_text("#govsite-findings") and time.monotonic() < deadline:
        page.reload()
    assert page.inner_text("#govsite-findings code") == "139****5678"
    assert "`" not in page.inner_text("#govsite-findings")
    page.close()


def test_banner_on_scheduled_items_only(browser, make_site, tmp_path):  # noqa: F811
    later = (dt_today() + _days(30)).isoformat()
    root = make_site(
        {
            NEWS: item(title="开学通知"),
            "content/edu/news/later.md": item(title="定时稿件", date=later),
        }
    )
    server = Running(root, tmp_path / "preview")
    try:
        page = open_page(browser, server.url("/edu/news/later/"))
        assert page.inner_text(".preview-banner") == (
            f"定时发布：本稿件将于 {later} 发布，在此之前仅在预览中可见。"
        )
        for url in ("/", "/edu/", "/edu/news/", "/edu/news/a/", "/sitemap/"):
            page.goto(server.url(url))
            assert page.locator(".preview-banner").count() == 0, url
        page.close()
    finally:
        server.stop()


def dt_today():
    import datetime as dt

    return dt.date.today()


def _days(n: int):
    import datetime as dt

    return dt.timedelta(days=n)


# ---------------------------------------------------------------- the panel's words


def _finding(rule: str, message: str, *, draft: bool = False) -> Finding:
    return Finding(rule, Severity.ERROR, "content/edu/news/a.md", 14, 7, message, draft=draft)


def test_panel_titles_in_both_languages():
    published = [_finding("PV002", "手机号码 `139****5678` 属于个人信息，请删除或脱敏")]
    assert "本页有 1 个问题，其中 1 个错误会阻止发布" in findings_panel(published)
    draft = [_finding("PV002", "mobile number `139****5678` is personal data", draft=True)]
    zh = findings_panel(draft)
    assert "须在签发前改正" in zh and "1 个涉及个人信息或违法内容，不得提交到仓库" in zh
    en = findings_panel(draft, Translator("en"))
    assert "1 problems on this page" in en and "may not be committed" in en and "line 14" in en


def test_message_html_escapes_everything_but_code_spans():
    assert message_html("链接 `<script>` 无效") == (
        '链接 <code style="background:#fde3c3;padding:0 3px;border-radius:2px;'
        'font:13px/1.4 monospace">&lt;script&gt;</code> 无效'
    )
    assert message_html("一个 ` 落单的反引号 <b>") == "一个 ` 落单的反引号 &lt;b&gt;"


# ---------------------------------------------------------------- listening and stopping


def _serve(site: Path, tmp: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "govsite", "serve", "--site", str(site), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.fixture
def private_tmp(tmp_path) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder


def test_busy_port_is_a_clear_error(make_site, private_tmp):
    site = make_site({NEWS: item()})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _serve(site, private_tmp, "--port", str(port))
        out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err.strip() == (
        f"govsite: 端口 {port} 已被占用（可能已有一个预览在运行）：请用 --port 换一个端口，"
        "或用 --port 0 任选空闲端口"
    )
    assert "Traceback" not in err and out == ""
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--port", "70000"], "端口 70000 无效：应为 0 到 65535 之间的整数"),
        (["--port", "-1"], "端口 -1 无效"),
        (["--host", "no-such-host.invalid"], "无法在地址 no-such-host.invalid 上监听"),
        (["--host", "192.0.2.1"], "无法在地址 192.0.2.1 上监听"),  # TEST-NET: not this machine
        (["--port", "70000", "--lang", "en"], "port 70000 is not valid"),
        (["--host", ""], "无法在地址 '' 上监听"),  # never every interface by accident
    ],
)
def test_bad_address_is_a_clear_error(make_site, private_tmp, args, expected):
    process = _serve(make_site({NEWS: item()}), private_tmp, *args)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2 and expected in err
    assert "Traceback" not in err and "Error" not in err
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_every_stop_signal_removes_the_temporary_folder(make_site, private_tmp, signum):
    process = _serve(make_site({NEWS: item()}), private_tmp, "--port", "0")
    assert process.stdout is not None
    line = process.stdout.readline()
    assert "预览地址 http://127.0.0.1:" in line
    assert len(list(private_tmp.iterdir())) == 1  # the preview's output
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 0 and "Traceback" not in err
    assert list(private_tmp.iterdir()) == []


def test_a_rebuild_while_the_page_loads_is_not_missed(make_site, tmp_path):
    import http.client
    import re as regex

    root = make_site({NEWS: item(title="开学通知")})
    server = Running(root, tmp_path / "preview")
    try:
        _, _, body = server.get("/edu/news/a/")
        since = regex.search(rb"events\?since=(\d+)", body)
        assert since is not None
        server.preview.rebuild()  # finishes before the page starts listening
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("GET", f"/__govsite/events?since={since.group(1).decode()}")
        stream = connection.getresponse()
        lines = [stream.readline() for _ in range(4)]
        assert b"event: reload\n" in lines
        connection.close()
        # a page from the current build waits for the next one
        _, _, body = server.get("/edu/news/a/")
        current = regex.search(rb"events\?since=(\d+)", body).group(1).decode()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
        connection.request("GET", f"/__govsite/events?since={current}")
        stream = connection.getresponse()
        assert stream.readline() == b": connected\n" and stream.readline() == b"\n"
        with pytest.raises(TimeoutError):
            stream.readline()
        connection.close()
    finally:
        server.stop()
