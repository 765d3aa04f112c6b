"""``govsite links --external`` under attack (review): content that makes CI request the
office's network, servers that answer a byte at a time, hosts IDNA cannot encode, a
cache file of the wrong shape."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time

import pytest

from govsite.links_check import Checker, load_cache, requestable
from tests.conftest import SITE_TOML, item
from tests.test_links import BASE_HTML, Server, run_links


@pytest.fixture
def server():
    running = Server()
    yield running
    running.close()


@pytest.fixture
def slowloris():
    """Answers a status line, then one header line every 0.2 s, for ever."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def drip(connection: socket.socket) -> None:
        try:
            connection.recv(4096)
            connection.sendall(b"HTTP/1.1 200 OK\r\n")
            while not stop.is_set():
                connection.sendall(b"X-Slow: 1\r\n")
                time.sleep(0.2)
        except OSError:
            pass
        finally:
            connection.close()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=drip, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    stop.set()
    with contextlib.suppress(OSError):
        listener.shutdown(socket.SHUT_RDWR)  # wakes accept(): the port must not stay served
    listener.close()
    thread.join(5)


def test_a_server_answering_a_byte_at_a_time_times_out(slowloris):
    # each read gets a line within the 1 s timeout: only a total deadline ends it
    result = Checker(timeout=1, per_host=2).check(slowloris)
    assert result.error == "timeout" and result.dead


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/oa/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",  # the cloud's metadata service
        "http://[fe80::1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
    ],
)
def test_private_and_link_local_addresses_are_not_requested(url):
    result = Checker(timeout=1, per_host=2).check(url)
    assert result.error == "private" and result.dead


def test_a_redirect_into_the_office_network_is_not_followed(server):
    server.route = lambda path, method: (302, "http://169.254.169.254/latest/meta-data/")
    result = Checker(timeout=1, per_host=2).check(f"{server.base}/go")
    assert result.error == "private"
    assert result.redirects == ((302, "http://169.254.169.254/latest/meta-data/"),)


def test_loopback_is_requested_and_private_only_when_allowed():
    assert requestable("127.0.0.1") and requestable("::1") and requestable("8.8.8.8")
    assert not requestable("10.0.0.1") and not requestable("169.254.169.254")
    assert not requestable("224.0.0.1") and not requestable("not an address")


@pytest.mark.parametrize(
    "url",
    [
        "http://" + "a" * 70 + ".gov.cn/",  # a label IDNA refuses
        "http://ex\u00e4mple..gov.cn/",  # an empty label
        "http://\x00x.gov.cn/",
    ],
)
def test_hosts_that_cannot_be_encoded_are_unsupported_not_a_crash(url):
    result = Checker(timeout=1, per_host=2).check(url)
    assert result.error == "unsupported"


def test_private_links_in_content_are_reported_as_unusable(cli, make_site, server):
    body = f"[内网系统](http://10.1.2.3/oa/)\n\n[正常]({server.base}/ok)\n"
    root = make_site(
        {
            "checks/domains.yaml": "allow: [gov.cn, 127.0.0.1, 10.1.2.3]\n",
            "content/edu/news/a.md": item(body=body, date="2026-11-20"),
            "templates/base.html": BASE_HTML.format(base=server.base),
        }
    )
    result = run_links(cli, root)
    findings = json.loads(result.out)["findings"]
    dead = {f["excerpt"]: f["message"] for f in findings if f["rule"] == "LK005"}
    assert "内网" in dead["http://10.1.2.3/oa/"]
    assert f"{server.base}/ok" not in dead


def test_link_allow_private_is_a_typed_setting(cli, make_site):
    root = make_site({"site.toml": SITE_TOML + '\n[inspection]\nlink_allow_private = "yes"\n'})
    result = cli("check", "--site", root, "--as-of", "2026-11-26")
    assert result.code == 2 and "link_allow_private" in result.err


@pytest.mark.parametrize(
    "entry",
    [
        {"status": "500"},
        {"checked": 5},
        {"redirects": [[301]]},
        {"redirects": "abc"},
        {"error": 5},
        {"unknown": 1},
    ],
)
def test_a_cache_entry_of_the_wrong_shape_is_checked_again(cli, make_site, server, entry):
    url = f"{server.base}/missing"
    good = {"url": url, "checked": "2026-11-25T00:00:00+00:00", "status": 200}
    root = make_site(
        {
            "checks/domains.yaml": "allow: [gov.cn, 127.0.0.1]\n",
            "content/edu/news/a.md": item(body=f"[链接]({url})\n", date="2026-11-20"),
            ".govsite-cache/links.json": json.dumps(
                {"results": {url: {**good, **entry}}, "home": "not a list"}
            ),
            "templates/base.html": BASE_HTML.format(base=server.base),
        }
    )
    assert load_cache(root).results == {}
    checked = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", "json")
    assert "Traceback" not in checked.err and checked.code in (0, 1)
    result = run_links(cli, root)
    assert server.hits.get("/missing", 0) >= 1  # requested again
    dead = [f["excerpt"] for f in json.loads(result.out)["findings"] if f["rule"] == "LK005"]
    assert url in dead
