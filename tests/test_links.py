"""``govsite links --external`` against a local HTTP server (never the internet): slow,
redirecting, 404, 500 and HEAD-refusing routes, the per-host limit, the cache, every
output format, and LK005 in ``check`` and the dashboard."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from govsite.links_check import Checker
from tests.conftest import SITE_TOML, item


class Server:
    def __init__(self) -> None:
        self.hits: dict[str, int] = {}
        self.active = 0
        self.most = 0
        self.lock = threading.Lock()
        handler = self.handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output clean
                pass

            def answer(self, method: str) -> None:
                path = self.path
                with server.lock:
                    server.hits[path] = server.hits.get(path, 0) + 1
                    server.active += 1
                    server.most = max(server.most, server.active)
                try:
                    status, location = server.route(path, method)
                    self.send_response(status)
                    if location:
                        self.send_header("Location", location)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    if method == "GET":
                        self.wfile.write(b"ok")
                finally:
                    with server.lock:
                        server.active -= 1

            def do_HEAD(self):
                self.answer("HEAD")

            def do_GET(self):
                self.answer("GET")

        return Handler

    def route(self, path: str, method: str) -> tuple[int, str]:
        if path.startswith("/hold/"):
            time.sleep(0.2)
            return 200, ""
        if path == "/slow":
            time.sleep(2.5)
            return 200, ""
        table = {
            "/ok": (200, ""),
            "/missing": (404, ""),
            "/broken": (500, ""),
            "/once": (301, "/ok"),
            "/loop": (302, "/loop2"),
            "/loop2": (302, "/loop"),
            "/home-gone": (404, ""),
        }
        if path == "/no-head":
            return (405, "") if method == "HEAD" else (200, "")
        return table.get(path, (404, ""))

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    running = Server()
    yield running
    running.close()


BASE_HTML = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{{{ page_title }}}}</title>{{% block head %}}{{% endblock %}}</head>
<body>{{% block content %}}{{% endblock %}}
<footer><a href="{base}/home-gone">网站备案</a> <a href="/sitemap/">网站地图</a></footer></body></html>
"""


@pytest.fixture
def linked_site(make_site, server):
    body = "\n\n".join(
        f"[{name}]({server.base}{path})"
        for name, path in (
            ("正常", "/ok"),
            ("不存在", "/missing"),
            ("出错", "/broken"),
            ("很慢", "/slow"),
            ("跳转一次", "/once"),
            ("循环跳转", "/loop"),
            ("拒绝HEAD", "/no-head#part"),
        )
    )
    toml = SITE_TOML + "\n[inspection]\nlink_timeout_seconds = 1\nlink_per_host = 2\n"
    return make_site(
        {
            "site.toml": toml,
            "checks/domains.yaml": "allow: [gov.cn, 127.0.0.1]\n",
            "checks/levels.yaml": "levels:\n  FR001: off\n  FR002: off\n  LK003: off\n",
            "templates/base.html": BASE_HTML.format(base=server.base),
            "content/edu/news/links.md": item(body=body + "\n", date="2026-11-20"),
        }
    )


def run_links(cli, root, fmt="json", *extra):
    result = cli(
        "links", "--external", "--site", root, "--as-of", "2026-11-26", "--format", fmt, *extra
    )
    assert "Traceback" not in result.err, result.err
    return result


def test_external_links_are_judged(cli, linked_site, server):
    result = run_links(cli, linked_site)
    assert result.code == 0, result.err  # LK005 is a warning
    findings = json.loads(result.out)["findings"]
    dead = {
        (f["message"].split("：", 1)[1].split("（")[0], f["line"])
        for f in findings
        if f["rule"] == "LK005" and f["severity"] == "warning"
    }
    base = server.base
    assert {url for url, _ in dead} == {
        f"{base}/missing",
        f"{base}/broken",
        f"{base}/slow",
        f"{base}/loop",
        f"{base}/home-gone",
    }
    reasons = {f["excerpt"]: f["message"] for f in findings if f["rule"] == "LK005"}
    assert "HTTP 404" in reasons[f"{base}/missing"]
    assert "HTTP 500" in reasons[f"{base}/broken"]
    assert "超时" in reasons[f"{base}/slow"]
    assert "重定向循环" in reasons[f"{base}/loop"]
    home = [f for f in findings if f["path"] == "site.toml"]
    assert len(home) == 1 and home[0]["line"] is None and "首页" in home[0]["message"]
    # a link that redirects once still opens: reported where it leads, as info only
    once = [f for f in findings if f["excerpt"] == f"{base}/once"]
    assert [f["severity"] for f in once] == ["info"]
    assert f"{base}/ok" in once[0]["message"] and "301" in once[0]["message"]
    assert server.hits["/no-head"] == 2  # HEAD refused, then GET
    assert not any(f["excerpt"].startswith(f"{base}/no-head") for f in findings)
    assert "不可用 5 个" in result.err and "重定向 1 个" in result.err


def test_results_are_cached_and_read_by_check(cli, linked_site, server):
    run_links(cli, linked_site)
    hits = dict(server.hits)
    cache = json.loads((linked_site / ".govsite-cache/links.json").read_text("utf-8"))
    assert cache["results"][f"{server.base}/once"]["redirects"] == [[301, f"{server.base}/ok"]]
    again = run_links(cli, linked_site)
    assert server.hits == hits  # nothing requested again within link_cache_days
    assert "本次请求 0 个" in again.err
    checked = cli("check", "--site", linked_site, "--as-of", "2026-11-26", "--format", "json")
    rules = [f["rule"] for f in json.loads(checked.out)["findings"]]
    assert rules.count("LK005") == 5  # offline: from the cache, warnings only
    later = cli("check", "--site", linked_site, "--as-of", "2027-01-20", "--format", "json")
    assert "LK005" not in [f["rule"] for f in json.loads(later.out)["findings"]]  # too old


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_every_format(cli, linked_site, server, fmt):
    result = run_links(cli, linked_site, fmt)
    assert "LK005" in result.out and f"{server.base}/missing" in result.out


def test_internal_links_only_without_external(cli, make_site, server):
    root = make_site(
        {
            "content/edu/news/a.md": item(
                body=f"[坏链接](../notice/none.md)\n\n[外链]({server.base}/ok)\n"
            )
        }
    )
    result = cli("links", "--site", root, "--as-of", "2026-11-26", "--format", "json")
    rules = [f["rule"] for f in json.loads(result.out)["findings"]]
    assert rules == ["LK002"] and result.code == 1
    assert server.hits == {}  # nothing requested without --external


def test_per_host_limit(server):
    urls = [f"{server.base}/hold/{n}" for n in range(8)]
    results = Checker(timeout=5, per_host=2).check_all(urls)
    assert all(r.status == 200 for r in results.values())
    assert server.most <= 2
    assert sum(server.hits.values()) == 8


def test_dashboard_counts_unusable_links(cli, linked_site, tmp_path):
    run_links(cli, linked_site)
    report = tmp_path / "report.html"
    cli("check", "--site", linked_site, "--as-of", "2026-11-26", "--report", report)
    html = report.read_text("utf-8")
    assert '首页不可用链接</td><td class="num bad">1<' in html
    assert '其他页面不可用链接（站内 LK002、外部 LK005）</td><td class="num bad">4<' in html


def test_hostile_links_and_an_unwritable_cache(cli, make_site, server):
    body = f"[端口越界](http://127.0.0.1:99999/x)\n\n[正常]({server.base}/ok)\n\n[邮件](mailto:a@b.gov.cn)\n"
    root = make_site(
        {
            "checks/domains.yaml": "allow: [gov.cn, 127.0.0.1]\n",
            "content/edu/news/a.md": item(body=body, date="2026-11-20"),
            ".govsite-cache": "a file where the cache folder should be\n",
            "templates/base.html": BASE_HTML.format(base=server.base),  # no real footer links
        }
    )
    result = run_links(cli, root)
    assert result.code == 0
    assert "未缓存" in result.err
    assert server.hits.get("/ok") == 1
