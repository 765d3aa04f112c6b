"""Resolve the references a page writes (SPEC 3.1) to published URLs.

A link may name the target's Markdown file (relative, or from the content root), its
published URL, or a media file. Resolution is a pure function of the reference, the
page's own content path and the site's targets, so pages render independently.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit


@dataclass(frozen=True)
class SiteTargets:
    """What internal references may point at, keyed by path below ``content/``."""

    page_urls: dict[str, str]  # "edu/notice/exam.md" -> "edu/notice/exam/"
    published_urls: frozenset[str]  # "edu/notice/exam/" (relative to the base path)
    files: frozenset[str]  # "edu/media/map.png"
    base_path: str = "/"
    domain: str = ""  # the portal's own host: links to it are internal links


@dataclass(frozen=True)
class Resolution:
    kind: str  # page | url | file | anchor | external | other
    target: str | None  # content path or URL relative to the base path; None if unknown
    anchor: str
    href: str  # what the HTML should carry


def resolve(href: str, page_content_path: str, page_url: str, targets: SiteTargets) -> Resolution:
    """Resolve ``href`` as written in the page at ``page_content_path`` (published at
    ``page_url``). File references are relative to the Markdown file, URL references
    (ending in ``/``) relative to the published page, as a browser would read them."""
    parts = urlsplit(href)
    anchor = unquote(parts.fragment)
    own = _own_address(parts, targets)
    if own is not None:  # the portal's own address, written in full: an internal link
        return resolve(own, page_content_path, page_url, targets)
    if parts.scheme or parts.netloc:
        kind = "external" if parts.scheme in ("http", "https", "") else "other"
        return Resolution(kind, None, anchor, href)
    path = unquote(parts.path)
    if not path:
        return Resolution("anchor", None, anchor, href)
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    is_url, normal = reference_path(path, page_content_path, page_url)
    if normal.startswith(".."):
        return Resolution("file", None, anchor, href)  # outside the site: never resolved
    if is_url:
        url = "" if normal == "." else normal + "/"
        if url and url not in targets.published_urls:
            return Resolution("url", None, anchor, href)
        return Resolution("url", url, anchor, targets.base_path + url + fragment)
    if normal.endswith(".md"):
        url = targets.page_urls.get(normal)
        if url is None:
            return Resolution("page", None, anchor, href)
        return Resolution("page", url, anchor, targets.base_path + url + fragment)
    if normal not in targets.files:
        return Resolution("file", None, anchor, href)
    return Resolution("file", normal, anchor, targets.base_path + normal)


def _own_address(parts: SplitResult, targets: SiteTargets) -> str | None:
    """``https://<the portal's host><base path>x/`` as the site-rooted reference ``/x/``,
    so it is checked (LK002) and withheld (``--withhold``) like any internal link."""
    if not targets.domain or parts.scheme.lower() not in ("http", "https", ""):
        return None
    try:
        host = parts.hostname
    except ValueError:
        return None
    if not parts.netloc or host != targets.domain or not parts.path.startswith(targets.base_path):
        return None
    rest = parts.path[len(targets.base_path) :]
    return urlunsplit(("", "", "/" + rest, parts.query, parts.fragment))


def reference_path(path: str, page_content_path: str, page_url: str) -> tuple[bool, str]:
    """Whether the (percent-decoded) path of a reference names a URL, and the path it
    names below ``content/`` (a file) or the base path (a URL, without its final ``/``)."""
    is_url = path.endswith("/") or "." not in posixpath.basename(path)
    # A published page URL acts as a folder; a Markdown file's references start beside it.
    base = page_url.rstrip("/") if is_url else posixpath.dirname(page_content_path)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
    return is_url, posixpath.normpath(joined) if joined else "."
