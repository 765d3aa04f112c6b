"""Chinese full-text search: a real Pagefind index, queried in real Chromium."""

from __future__ import annotations

import contextlib
import functools
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from govsite import search
from govsite.search import groups_for
from tests.conftest import item
from tests.test_serve import CHROMIUM, CHROMIUM_ARGS

ARTICLES = {
    "content/edu/news/enrol.md": item(
        title="关于做好2026年秋季义务教育招生入学工作的通知", body="适龄儿童按照服务区就近入学。\n"
    ),
    "content/edu/news/sports.md": item(
        title="全市中小学生田径运动会开幕", body="来自全市的运动员参加比赛。\n"
    ),
    "content/gov/news/meeting.md": item(
        title="市政府召开常务会议", body="会议研究部署冬季供暖保障工作。\n"
    ),
    "content/gov/notice/heating.md": item(
        title="全市冬季防火安全工作会议召开", body="会议由市政府办公室组织。\n"
    ),
}


@contextlib.contextmanager
def browsing(public: Path) -> Iterator[tuple[Page, str]]:
    """A Chromium page and the address of ``public`` served over HTTP."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(public))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.set_default_timeout(15_000)
            yield page, f"http://127.0.0.1:{server.server_address[1]}"
            browser.close()
    finally:
        server.shutdown()


def test_chinese_search_finds_articles_by_words_inside_them(make_site, cli):
    root = make_site(ARTICLES)
    assert cli("build", "--site", root, "--as-of", "2026-11-26").code == 0
    public = root / "public"
    assert (public / "search/pagefind/pagefind.js").is_file()
    with browsing(public) as (page, base):
        page.goto(f"{base}/search/?q=供暖")  # a word from the body only
        result = page.locator(".pagefind-ui__result-link").first
        result.wait_for()
        assert "市政府召开常务会议" in result.inner_text()
        assert page.locator(".pagefind-ui__result-link").count() == 1
        page.goto(f"{base}/")  # the header form leads to the search page
        page.fill("#site-search-q", "招生")
        page.click(".site-search button")
        page.locator(".pagefind-ui__result-link").first.wait_for()
        assert "招生入学" in page.locator(".pagefind-ui__result-link").first.inner_text()


def test_one_query_finds_pages_of_two_departments_from_the_search_page(make_site, cli):
    """Each department has its own index; the search page merges them in the browser."""
    root = make_site(ARTICLES)
    assert cli("build", "--site", root, "--as-of", "2026-11-26").code == 0
    public = root / "public"
    assert (public / "search/index/gov/pagefind.js").is_file()  # a second, merged index
    with browsing(public) as (page, base):
        page.goto(f"{base}/search/?q=全市")  # in an edu body and a gov title
        links = page.locator(".pagefind-ui__result-link")
        page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-link').length >= 2")
        titles = {links.nth(i).inner_text() for i in range(links.count())}
        assert "全市中小学生田径运动会开幕" in titles  # 市教体局
        assert "全市冬季防火安全工作会议召开" in titles  # 市政府办


QUIET_RESOURCES = ("-W", "default", "-W", "ignore::ResourceWarning")
KILL_SCRIPT = r"""
import sys, time
from pathlib import Path
from govsite.search import Group, Indexer

folder = Path(sys.argv[1])
for d in range(3):
    for n in range(40):
        page = folder / f"d{d}" / "news" / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<html><body><main data-pagefind-body><h1>第{n}号</h1>"
                        + "政务公开工作要点" * 200 + "</main></body></html>", encoding="utf-8")
groups = [Group(f"d{d}", (f"d{d}/*/*/index.html",), f"search/index/d{d}") for d in range(3)]
for services, delay in [(s, d) for s in (1, 2) for d in (0.0, 0.05, 0.2, 0.5, 1.0)]:
    indexer = Indexer(folder, groups, {g.name: g.name for g in groups}, None, services=services)
    time.sleep(delay)
    started = time.monotonic()
    indexer.kill()
    print(round(time.monotonic() - started, 2))
"""


def test_a_killed_indexer_stops_at_once_and_quietly(tmp_path):
    """A build that fails while Pagefind runs kills it: the build must not hang on a
    reply from the killed process, nor print the service's errors (once it hung CI)."""
    # Warnings are shown (-W default) but ResourceWarnings, which Python hides from users
    # anyway: at exit the garbage collector sometimes finds a pipe of the killed process
    # before asyncio closes it (about one run in five on a busy machine). -X dev would
    # also report every slow asyncio step, which a busy machine makes by chance.
    run = subprocess.run(
        [sys.executable, *QUIET_RESOURCES, "-c", KILL_SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == "", run.stderr
    waits = [float(line) for line in run.stdout.split()]
    assert len(waits) == 10 and max(waits) < 4.0, waits


CRASH_SCRIPT = (
    KILL_SCRIPT.split("for services, delay in")[0]
    + r"""
import os, signal
from govsite.search import SearchIndexError
indexer = Indexer(folder, groups, {g.name: g.name for g in groups}, None, services=2)
while len(indexer.pids) < 2:
    time.sleep(0.01)
time.sleep(0.05)
os.kill(min(indexer.pids), signal.SIGKILL)  # as the system's out-of-memory killer would
started = time.monotonic()
try:
    indexer.wait()
except SearchIndexError as error:
    print("refused", round(time.monotonic() - started, 2), len(indexer.pids), error)
"""
)


def test_pagefind_dying_fails_the_index_instead_of_hanging(tmp_path):
    run = subprocess.run(
        [sys.executable, *QUIET_RESOURCES, "-c", CRASH_SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0 and run.stderr == "", run.stderr
    words = run.stdout.split()
    assert words[0] == "refused" and float(words[1]) < 4.0, run.stdout
    assert words[2] == "0", run.stdout  # the other Pagefind process is closed too


def test_a_large_department_is_indexed_in_parts_within_the_bound():
    """Pagefind's memory grows with the pages of the index it builds: a department over
    the bound gets one index per few columns, a column over the bound several, the other
    departments one each."""
    present = {f"gov/news/n{i}/index.html" for i in range(5)}
    present |= {f"gov/notice/c{i}/index.html" for i in range(2)}
    present |= {f"gov/policy/p{i}/index.html" for i in range(2)}
    present |= {"edu/news/a/index.html", "annual-report/2025/index.html"}
    listings = {"gov/news/index.html", "gov/news/page/2/index.html"}  # not indexed
    present |= listings
    groups = groups_for(["gov", "edu"], present, cap=4)
    assert [(g.name, g.bundle, g.globs) for g in groups] == [
        ("_city", "search/pagefind", ("annual-report/*/index.html",)),
        ("gov/1", "search/index/gov/1", ("gov/news/{n0,n1}/index.html",)),  # over the bound
        ("gov/2", "search/index/gov/2", ("gov/news/{n2,n3,n4}/index.html",)),
        ("gov/3", "search/index/gov/3", ("gov/notice/*/index.html", "gov/policy/*/index.html")),
        ("edu", "search/index/edu", ("edu/*/*/index.html",)),
    ]
    assert max(len(g.pages) for g in groups) <= 4
    assert groups_for(["gov", "edu"], present, cap=9)[1].name == "gov"
    for path in present:  # every indexed page in exactly one group
        assert sum(g.matches(path) for g in groups) == (path not in listings)


def test_search_finds_pages_in_the_column_indexes_of_a_large_department(
    make_site, cli, monkeypatch
):
    monkeypatch.setattr(search, "GROUP_PAGES", 1)  # as a department of thousands of pages
    root = make_site(ARTICLES)
    assert cli("build", "--site", root, "--as-of", "2026-11-26").code == 0
    public = root / "public"
    assert (public / "search/index/gov/1/pagefind.js").is_file()  # gov/news
    assert (public / "search/index/gov/2/pagefind.js").is_file()  # gov/notice
    assert not (public / "search/index/gov/pagefind.js").exists()
    with browsing(public) as (page, base):
        for query, title in (("供暖", "市政府召开常务会议"), ("防火", "全市冬季防火安全")):
            page.goto(f"{base}/search/?q={query}")  # a gov news body, a gov notice title
            result = page.locator(".pagefind-ui__result-link").first
            result.wait_for()
            assert title in result.inner_text()


def test_pagefind_replies_are_read_as_they_arrive():
    """Pagefind's stock client sleeps 0.1 s before reading each reply (a fifth of a
    clean build's search stage); govsite's reader replaces it. This fails, rather than
    going slow unnoticed, if a new client no longer has the reader it replaces."""
    from pagefind.service import PagefindService

    client = search._service_class()
    assert issubclass(client, PagefindService)
    assert client._wait_for_responses is not PagefindService._wait_for_responses


def test_each_pagefind_reply_resolves_its_own_request_once():
    import asyncio
    import base64
    import json

    def reply(message: object) -> bytes:
        return base64.b64encode(json.dumps(message).encode())

    async def run() -> list[object]:
        loop = asyncio.get_running_loop()
        waiting = {n: loop.create_future() for n in (1, 2, 3, 4)}
        waiting[4].cancel()  # a request given up on (Pagefind's process died)
        new = {"message_id": 1, "payload": {"type": "NewIndex", "index_id": 7}}
        search._answer(waiting, reply(new))
        unparsed = json.dumps({"message_id": 2, "payload": {}})
        error = {"type": "Error", "message": "bad glob", "original_message": unparsed}
        search._answer(waiting, reply({"message_id": None, "payload": error}))
        search._answer(waiting, reply({"message_id": 4, "payload": {"type": "DeleteIndex"}}))
        search._answer(waiting, reply({"message_id": 99, "payload": {"type": "DeleteIndex"}}))
        search._answer(waiting, reply({"message_id": 1, "payload": {"type": "WriteFiles"}}))
        search._answer(waiting, b"Note: not a reply")  # anything else Pagefind prints
        search._answer(waiting, reply([3]))
        return [
            waiting[1].result(),
            str(waiting[2].exception().args[0]),
            waiting[3].done(),
            waiting[4].cancelled(),
        ]

    first, error, answered, cancelled = asyncio.run(run())
    assert first == {"type": "NewIndex", "index_id": 7}
    assert error == "bad glob"
    assert not answered and cancelled


def test_an_index_larger_than_two_megabytes_comes_back_whole(tmp_path):
    """The files of an index come back in one reply, base64 in JSON: Pagefind's own
    reader fails on a reply of more than 2 MiB; govsite's reads it whole, and writes the
    files itself, complete, instead of asking Pagefind to (which answers before all the
    bytes are on disk)."""
    import hashlib
    import random

    from govsite.search import BUNDLE, Group, Indexer

    words = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    draw = random.Random(7)
    for n in range(300):
        page = tmp_path / "d" / "news" / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        text = "".join(draw.choice(words) for _ in range(3000))
        page.write_text(
            f"<html lang=zh-cn><body><main data-pagefind-body><h1>第{n}号</h1><p>{text}</p>"
            "</main></body></html>",
            encoding="utf-8",
        )
    group = Group("d", ("d/*/*/index.html",), BUNDLE, ())
    indexer = Indexer(tmp_path, [group], {"d": "d"}, None)
    indexer.wait()
    written = {
        p.relative_to(tmp_path).as_posix(): p.read_bytes()
        for p in (tmp_path / BUNDLE).rglob("*")
        if p.is_file()
    }
    assert sum(len(data) for data in written.values()) > 2 << 20
    assert set(written) == set(indexer.records)
    for rel, data in written.items():
        assert data, rel
        assert indexer.records[rel] == {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }
