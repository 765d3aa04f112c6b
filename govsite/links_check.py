"""``govsite links --external``: request every external URL the portal links to.

Each URL is requested with HEAD, then GET when HEAD is refused (an error status: many
servers answer HEAD with 403, 405 or 501), redirects are followed one hop at a time and
recorded, concurrently (a thread pool) but never more than ``link_per_host`` requests
at once to one host, each with a timeout. Results go to a small JSON cache in the
site's cache folder (``.govsite-cache/links.json``) and are reused for
``link_cache_days``, so CI does not hammer other sites; ``check`` and ``build`` read the
same cache for LK005 without touching the network.

Standard library only (``http.client`` + ``concurrent.futures``): we need the exact hop
list, HEAD→GET fallback and a per-host limit, which are each a few lines here, while
``urllib``'s opener follows redirects silently and ``requests`` would add a dependency
for no gain.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import ipaddress
import json
import os
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from govsite.cache import CACHE_DIR
from govsite.cache import LINK_RESULTS as CACHE_FILE

REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 10
MAX_WORKERS = 16
USER_AGENT = "govsite-linkcheck/0.1 (+https://www.gov.cn/)"


@dataclass(frozen=True)
class LinkResult:
    url: str
    checked: str  # ISO timestamp (UTC) of the check
    status: int | None = None  # final HTTP status; None: no answer
    final_url: str = ""
    redirects: tuple[tuple[int, str], ...] = ()  # (status, next URL) per hop
    error: str = ""  # why no answer: timeout, refused, dns, tls, loop, too-many-redirects
    method: str = "HEAD"

    @property
    def dead(self) -> bool:
        return bool(self.error) or (self.status is not None and self.status >= 400)

    @property
    def checked_day(self) -> dt.date:
        return dt.datetime.fromisoformat(self.checked).date()

    def reason(self) -> str:
        return self.error or f"HTTP {self.status}"


@dataclass
class LinkCache:
    results: dict[str, LinkResult] = field(default_factory=dict)
    home: tuple[str, ...] = ()  # external URLs on the home page (the inspection counts them apart)

    def fresh(self, url: str, today: dt.date, max_age: int) -> LinkResult | None:
        result = self.results.get(url)
        if result is None:
            return None
        try:
            age = (today - result.checked_day).days
        except ValueError:
            return None
        return result if age <= max_age else None


def cache_path(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


def load_cache(root: Path) -> LinkCache:
    """The cache, or an empty one when it is missing or unreadable (it is only a cache)."""
    try:
        data = json.loads(cache_path(root).read_text("utf-8"))
        results = {}
        for url, entry in data.get("results", {}).items():
            result = _result(url, entry)
            if result is not None:  # an entry of the wrong shape is simply checked again
                results[url] = result
        home = data.get("home", [])
        home = home if isinstance(home, list) else []
        return LinkCache(results, tuple(h for h in home if isinstance(h, str)))
    except (OSError, ValueError, TypeError, AttributeError):
        return LinkCache()


def _result(url: str, entry: object) -> LinkResult | None:
    """One cached result, or None when the entry is not what ``save_cache`` writes."""
    if not isinstance(entry, dict) or set(entry) - set(LinkResult.__dataclass_fields__):
        return None
    texts = ("url", "checked", "final_url", "error", "method")
    if any(not isinstance(entry.get(name, ""), str) for name in texts):
        return None
    status = entry.get("status")
    if status is not None and (not isinstance(status, int) or isinstance(status, bool)):
        return None
    hops = entry.get("redirects", [])
    if not isinstance(hops, list) or not all(
        isinstance(hop, list)
        and len(hop) == 2
        and isinstance(hop[0], int)
        and isinstance(hop[1], str)
        for hop in hops
    ):
        return None
    try:
        result = LinkResult(**{**entry, "redirects": tuple(tuple(hop) for hop in hops)})
        result.checked_day  # noqa: B018  (raises ValueError for a bad timestamp)
    except (TypeError, ValueError):
        return None
    return result if result.url == url else None


def save_cache(root: Path, cache: LinkCache) -> bool:
    """Write the cache atomically; False when it cannot be written inside the site (the
    folder is a file, a symlink out of the site, or read-only): the check still stands."""
    path = cache_path(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.parent.resolve().is_relative_to(root.resolve()):
            return False
    except OSError:
        return False
    document = {
        "version": 1,
        "home": list(cache.home),
        "results": {url: asdict(r) for url, r in sorted(cache.results.items())},
    }
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True


def request_target(url: str) -> str:
    """The URL to request: no fragment, host in IDNA, path and query percent-encoded."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets
    netloc = host + (f":{parts.port}" if parts.port else "")
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = quote(parts.query, safe="=&%:@!$'()*+,;/?-._~")
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def external_key(href: str) -> str | None:
    """The cache key of a link: http(s) URLs without their fragment, else None (also for
    a URL that cannot be requested, such as one with a port out of range)."""
    try:
        parts = urlsplit(href.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        parts.port  # noqa: B018  (raises ValueError for a port out of range)
    except ValueError:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path, parts.query, ""))


class Blocked(OSError):
    """The host resolves only to addresses the public cannot reach (private, link-local,
    reserved …): not requested, so content cannot make CI probe the office's network."""


def requestable(address: str) -> bool:
    """Whether an IP address may be requested without ``link_allow_private``: a public
    address, or the checking machine's own loopback (a CI container holds nothing else;
    the office's network and the cloud's metadata service, 169.254.169.254, are what a
    hostile link would be after)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback or (ip.is_global and not ip.is_multicast)


def _literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


class _Deadline:
    """One request's total time: when it runs out, the socket is shut down, so a server
    that answers a byte at a time (slowloris) cannot hold the check."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds
        self.expired = False
        self._timer: threading.Timer | None = None

    def remaining(self) -> float:
        return max(0.001, self.end - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        def expire() -> None:
            self.expired = True
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

        self.cancel()
        self._timer = threading.Timer(self.remaining(), expire)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()


class Checker:
    """Requests URLs concurrently, at most ``per_host`` at a time to one host, each
    request within ``timeout`` seconds in all; hosts that resolve only to private,
    link-local or reserved addresses are not requested unless ``allow_private``."""

    def __init__(
        self,
        timeout: float,
        per_host: int,
        now: dt.datetime | None = None,
        *,
        allow_private: bool = False,
    ):
        self.timeout = timeout
        self.per_host = per_host
        self.allow_private = allow_private
        self.now = now or dt.datetime.now(dt.UTC)
        self._limits: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def check_all(self, urls: Iterable[str]) -> dict[str, LinkResult]:
        unique = sorted(set(urls))
        if not unique:
            return {}
        with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(unique))) as pool:
            return dict(zip(unique, pool.map(self.check, unique), strict=True))

    def check(self, url: str) -> LinkResult:
        checked = self.now.isoformat(timespec="seconds")
        hops: list[tuple[int, str]] = []
        current = url
        seen = {request_target(url)}
        method = "HEAD"
        for _ in range(MAX_REDIRECTS + 1):
            status, location, error, method = self._probe(current)
            if error:
                return LinkResult(url, checked, None, current, tuple(hops), error, method)
            if status in REDIRECTS and location:
                following = urljoin(current, location)
                if external_key(following) is None:
                    return LinkResult(
                        url, checked, status, following, tuple(hops), "unsupported", method
                    )
                hops.append((status, following))
                if request_target(following) in seen:
                    return LinkResult(url, checked, status, following, tuple(hops), "loop", method)
                seen.add(request_target(following))
                current = following
                continue
            return LinkResult(url, checked, status, current, tuple(hops), "", method)
        return LinkResult(url, checked, None, current, tuple(hops), "too-many-redirects", method)

    def _limit(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            return self._limits.setdefault(host, threading.BoundedSemaphore(self.per_host))

    def _probe(self, url: str) -> tuple[int | None, str, str, str]:
        """HEAD, then GET when HEAD is refused: ``(status, location, error, method)``."""
        status, location, error = self._request(url, "HEAD")
        if error or (status is not None and status < 400):
            return status, location, error, "HEAD"
        status, location, error = self._request(url, "GET")
        return status, location, error, "GET"

    def _connect(self, deadline: _Deadline, address, timeout=None, source_address=None):
        """``socket.create_connection`` for http.client, connecting only to vetted
        addresses (the ones resolved here, so a second lookup cannot change them)."""
        host, port = address
        if not self.allow_private and _literal(host) and not requestable(host):
            raise Blocked(host)  # judged before any lookup (this machine may lack IPv6)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        allowed = [i for i in infos if self.allow_private or requestable(i[4][0])]
        if not allowed:
            raise Blocked(host)
        error: OSError = OSError(host)
        for family, kind, proto, _, sockaddr in allowed:
            sock = socket.socket(family, kind, proto)
            deadline.watch(sock)
            try:
                sock.settimeout(min(self.timeout, deadline.remaining()))
                sock.connect(sockaddr)
                return sock
            except OSError as failure:
                error = failure
                sock.close()
        raise error

    def _request(self, url: str, method: str) -> tuple[int | None, str, str]:
        try:
            target = urlsplit(request_target(url))
            target.port  # noqa: B018  (raises ValueError for a port out of range)
            if target.hostname:
                target.hostname.encode("ascii")  # a host IDNA could not encode
                http.client.HTTPConnection(f"[{target.hostname}]")  # InvalidURL for "\x00"
        except (ValueError, UnicodeError, http.client.InvalidURL):
            return None, "", "unsupported"
        if target.scheme not in ("http", "https") or not target.hostname:
            return None, "", "unsupported"
        deadline = _Deadline(self.timeout)
        host = f"[{target.hostname}]" if ":" in target.hostname else target.hostname
        with self._limit(target.hostname):
            connection: http.client.HTTPConnection
            if target.scheme == "https":
                connection = http.client.HTTPSConnection(
                    host,
                    target.port,
                    timeout=self.timeout,
                    context=ssl.create_default_context(),
                )
            else:
                connection = http.client.HTTPConnection(host, target.port, timeout=self.timeout)
            connection._create_connection = (  # type: ignore[attr-defined]
                lambda *args, **kwargs: self._connect(deadline, *args, **kwargs)
            )
            path = target.path + (f"?{target.query}" if target.query else "")
            try:
                connection.request(
                    method, path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
                )
                response = connection.getresponse()
                if deadline.expired:  # the headers were cut short by the deadline
                    return None, "", "timeout"
                return response.status, response.getheader("Location") or "", ""
            except (OSError, http.client.HTTPException, ValueError, UnicodeError) as error:
                return None, "", "timeout" if deadline.expired else _error_name(error)
            finally:
                deadline.cancel()
                connection.close()


def _error_name(error: Exception) -> str:
    """Why a request got no answer, as a reason key."""
    for kind, name in (
        (Blocked, "private"),
        (TimeoutError, "timeout"),
        (ssl.SSLError, "tls"),
        (socket.gaierror, "dns"),
        (ConnectionRefusedError, "refused"),
        (UnicodeError, "unsupported"),
        (http.client.InvalidURL, "unsupported"),
    ):
        if isinstance(error, kind):
            return name
    return type(error).__name__


def offline(results: dict[str, LinkResult]) -> bool:
    """Whether every host of a check failed to resolve: the machine has no network (or no
    DNS), which says nothing about the links, so such results are neither kept nor
    reported."""
    hosts = {urlsplit(url).hostname for url in results}
    return len(hosts) >= 2 and all(r.error == "dns" for r in results.values())


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def external_hrefs(html: str, own_host: str) -> list[str]:
    """External http(s) links of a rendered page (the site's own host excluded)."""
    parser = _Anchors()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        key = external_key(href)
        if key is not None and (urlsplit(key).hostname or "") != own_host:
            found.append(key)
    return list(dict.fromkeys(found))


# ---------------------------------------------------------------- judging


@dataclass(frozen=True)
class DeadLink:
    path: str  # the page (or site.toml for the home page's own links)
    line: int | None
    href: str
    result: LinkResult
    home: bool = False


def page_links(pages, facts) -> list[tuple[str, int, str, str]]:
    """``(page path, line, href, cache key)`` of every external http(s) link of the pages."""
    found = []
    for page in pages:
        page_facts = facts.get(page.path)
        for link in page_facts.links if page_facts is not None else ():
            key = external_key(link.href) if link.kind == "external" else None
            if key is not None:
                found.append((page.path, link.line, link.href, key))
    return found


def dead_links(pages, facts, cache: LinkCache, today: dt.date, max_age: int) -> list[DeadLink]:
    """Dead links according to the cache's fresh results (LK005); nothing is requested."""
    dead = []
    for path, line, href, key in page_links(pages, facts):
        result = cache.fresh(key, today, max_age)
        if result is not None and result.dead:
            dead.append(DeadLink(path, line, href, result))
    for key in cache.home:
        result = cache.fresh(key, today, max_age)
        if result is not None and result.dead:
            dead.append(DeadLink("site.toml", None, key, result, home=True))
    return dead


def reason_text(result: LinkResult, t) -> str:
    if result.error:
        return (
            t(f"lk.reason.{result.error}")
            if f"lk.reason.{result.error}" in _REASONS
            else result.error
        )
    return f"HTTP {result.status}"


_REASONS = frozenset(
    f"lk.reason.{name}"
    for name in (
        "timeout",
        "refused",
        "dns",
        "tls",
        "loop",
        "too-many-redirects",
        "unsupported",
        "private",
    )
)
