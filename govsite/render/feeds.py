"""Atom feeds and ``sitemap.xml``: fixed formats, so written in code, not templates.

Dates come from the items, never from the clock, so builds stay byte-identical.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from govsite.config import SiteConfig
from govsite.render.views import ItemView

FEED_SIZE = 20
_EPOCH = "1970-01-01"


def _absolute(config: SiteConfig, path: str) -> str:
    origin = config.site.base_url.split("://", 1)
    host = origin[1].split("/", 1)[0] if len(origin) == 2 else ""
    return f"{origin[0]}://{host}{path}"


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00+08:00"


def atom(
    config: SiteConfig, title: str, page_url: str, feed_url: str, items: list[ItemView]
) -> bytes:
    entries = items[:FEED_SIZE]
    updated = entries[0].date if entries else _EPOCH
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <title>{escape(title)} - {escape(config.site.title)}</title>",
        f"  <id>{escape(_absolute(config, feed_url))}</id>",
        f'  <link rel="self" href={quoteattr(_absolute(config, feed_url))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(_absolute(config, page_url))}/>',
        f"  <updated>{_timestamp(updated)}</updated>",
        f"  <author><name>{escape(config.site.sponsor or config.site.title)}</name></author>",
    ]
    for item in entries:
        link = _absolute(config, item.url)
        lines += [
            "  <entry>",
            f"    <title>{escape(item.title)}</title>",
            f"    <id>{escape(link)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f"    <published>{_timestamp(item.date)}</published>",
            f"    <updated>{_timestamp(item.date)}</updated>",
            f"    <author><name>{escape(item.department.name)}</name></author>",
        ]
        if item.summary:
            lines.append(f"    <summary>{escape(item.summary)}</summary>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap_xml(config: SiteConfig, entries: Iterable[tuple[str, str | None]]) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, lastmod in entries:
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(_absolute(config, path))}</loc>")
        if lastmod:
            lines.append(f"    <lastmod>{lastmod}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
