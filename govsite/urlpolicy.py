"""Every URL govsite publishes is read the way a browser reads it, then judged once.

Body links, a repost's ``source.url``, new-media account URLs and links in annual-report
text all go through :func:`examine`. A browser forgives a lot — ``http:casino.example/``
(no slashes), ``https:\\\\evil.com``, tabs inside ``java\\tscript:``, ``%65vil.com``,
``evil。com`` with an ideographic full stop — so the host and scheme are taken as the
browser would take them, not as :func:`urllib.parse.urlsplit` does.

The policy: only ``https``, ``http``, ``mailto`` and ``tel`` may be published, and web
and mail links only to hosts on the allowlist (``checks/domains.yaml``). Any other scheme
(``javascript:``, ``data:``, ``ftp:``, ``wss:``, ``intent:``, ``weixin:`` …) is LK004 and
is never rendered as a link (:func:`publishable`); a host off the allowlist is LK001;
``http`` is LK003.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

WEB_SCHEMES = ("https", "http")
ALLOWED_SCHEMES = (*WEB_SCHEMES, "mailto", "tel")
# Schemes whose URLs a browser parses with an authority even without "//" (WHATWG URL).
_SPECIAL = ("http", "https", "ftp", "ws", "wss", "file")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_STRIPPED = re.compile(r"[\t\n\r]")
_DOTS = str.maketrans({"。": ".", "．": ".", "｡": "."})


@dataclass(frozen=True)
class Examined:
    scheme: str  # lowercase; "" for a relative reference
    host: str  # the host a browser would contact (web) or the mail domain; "" if none
    external: bool  # leaves the site (a scheme, or "//host")

    @property
    def allowed_scheme(self) -> bool:
        return self.scheme in ("", *ALLOWED_SCHEMES)


def examine(href: str) -> Examined:
    """Scheme and host of ``href`` as a browser would read them."""
    text = _STRIPPED.sub("", href.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08 \x0b\x0c\x0e\x0f"))
    text = text.strip("".join(chr(c) for c in range(0x21)))
    match = _SCHEME.match(text)
    if match is None:
        if re.match(r"^[/\\]{2}", text):  # "//host/…": another site, same scheme
            return Examined("", _host(text[2:]), True)
        return Examined("", "", False)
    scheme = match.group(1).lower()
    rest = text[match.end() :]
    if scheme in _SPECIAL:
        return Examined(scheme, _host(rest.lstrip("/\\")), True)
    if scheme == "mailto":
        address = unquote(rest.split("?", 1)[0]).split(",")[0]
        return Examined(scheme, _clean_host(address.rpartition("@")[2]), True)
    return Examined(scheme, "", True)


def _host(rest: str) -> str:
    authority = re.split(r"[/\\?#]", rest, maxsplit=1)[0]
    host = authority.rpartition("@")[2]
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return _clean_host(host.split(":", 1)[0])


def _clean_host(host: str) -> str:
    return unquote(host).translate(_DOTS).strip().lower().rstrip(".")


def publishable(href: str) -> bool:
    """Whether ``href`` may be rendered as a link at all (scheme-level safety only; the
    allowlist is a finding, not a rendering decision)."""
    examined = examine(href)
    if not examined.allowed_scheme:
        return False
    return not (examined.scheme in WEB_SCHEMES and not examined.host)


def safe_href(href: str) -> str:
    """``href`` if it may be rendered as a link, else ``""`` (render no link)."""
    return href if href and publishable(href) else ""


def host_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in allowed)


@dataclass(frozen=True)
class UrlProblem:
    rule: str  # LK001 | LK003 | LK004
    key: str
    params: dict


@lru_cache(maxsize=65536)
def judge(href: str, allowed: tuple[str, ...]) -> tuple[UrlProblem, ...]:
    """What the link rules say about one published URL (nothing for internal links).
    Remembered: a portal links the same few thousand URLs from many pages, and three
    rules (LK001, LK003, LK004) ask about each."""
    examined = examine(href)
    if not examined.external:
        return ()
    if not examined.allowed_scheme:
        if examined.scheme in ("javascript", "vbscript", "data"):
            return (UrlProblem("LK004", "lk.unsafe", {"scheme": examined.scheme}),)
        return (UrlProblem("LK004", "lk.scheme_not_allowed", {"scheme": examined.scheme}),)
    if examined.scheme == "tel":
        return ()
    if not examined.host:
        return (UrlProblem("LK004", "lk.no_host", {"href": href[:80]}),)
    problems = []
    if not host_allowed(examined.host, allowed):
        problems.append(UrlProblem("LK001", "lk.commercial", {"host": examined.host}))
    if examined.scheme == "http":
        problems.append(UrlProblem("LK003", "lk.http", {"href": href[:120]}))
    return tuple(problems)
