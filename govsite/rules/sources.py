"""SR001–SR003: reposts name a traceable, approved source and keep its title (Art. 27)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from govsite.content.model import Page, Problem
from govsite.findings import Severity
from govsite.rules.registry import PageContext, rule
from govsite.urlpolicy import host_allowed


def _repost(page: Page):
    meta = page.meta
    return meta if meta is not None and meta.origin == "repost" else None


@rule("SR001", "repost-without-source", Severity.ERROR, article="第二十七条")
def repost_without_source(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    转载稿（`origin: repost`）没有写明来源名称 `source.name` 和原文地址 `source.url`，
    或原文地址不是完整网址（`https://` 加域名；站内路径、漏写 `https://` 的都不能追溯原文）。

    ## 为什么
    《办法》第二十七条：转载须注明来源，确保可追溯。

    ## 示例
    ```yaml
    origin: repost
    source: {name: 新华社}
    ```

    ## 应改为
    ```yaml
    origin: repost
    source: {name: 新华社, url: "https://www.news.cn/…", title: 原标题}
    ```
    ---
    ## What it finds
    A repost without `source.name` and `source.url`, or whose `source.url` is not a full
    web address (`https://` and a host; a site path or a missing `https://` traces nothing).

    ## Why
    Art. 27: reposts name their source, traceably.

    ## Example
    `source: {name: 新华社}` without a URL.

    ## Instead
    Give the name and the URL of the original.
    """
    meta = _repost(page)
    if meta is None or meta.source is None:
        return  # no source at all is FM002
    missing = [name for name in ("name", "url") if not getattr(meta.source, name)]
    if missing:
        line, column = page.positions.get(("source",), (1, 1))
        fields = ctx.t.join([f"source.{name}" for name in missing])
        yield Problem("SR001", line, column, ctx.t("sr.missing", fields=fields))
    elif _not_a_web_address(meta.source.url):
        line, column = page.positions.get(
            ("source", "url", "="), page.positions.get(("source",), (1, 1))
        )
        yield Problem("SR001", line, column, ctx.t("sr.url_not_web", url=meta.source.url))


def _not_a_web_address(url: str) -> bool:
    """A relative (``/edu/…``), scheme-less (``www.news.cn/…``) or host-less address: no
    original anyone can trace, and a broken link on the page (the link rules see only
    external URLs here). Other schemes are LK004's."""
    parts = urlsplit(url)
    return parts.scheme.lower() in ("", "http", "https") and not parts.hostname


@rule("SR002", "repost-from-unapproved-source", Severity.ERROR, article="第二十七条")
def repost_from_unapproved_source(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    转载来源不在允许名单（`checks/sources.yaml`：各级党政机关网站、中央和省级重点新闻媒体
    等）之中：按原文地址的域名或来源名称匹配。

    ## 为什么
    《办法》第二十七条：只转载党政机关网站和经批准的信息来源，不得转载商业网站、自媒体
    的内容。

    ## 示例
    ```yaml
    source: {name: 某某自媒体, url: "https://mp.example.com/a/1"}
    ```

    ## 应改为
    转载政府网站或中央重点新闻网站发布的原文。
    ---
    ## What it finds
    A repost whose source (by URL domain or name) is not on the list in
    `checks/sources.yaml`.

    ## Why
    Art. 27: repost only from party and government sites and approved sources.

    ## Example
    A repost from a self-media account.

    ## Instead
    Repost the government or central-media original.
    """
    meta = _repost(page)
    if meta is None or meta.source is None or not (meta.source.name or meta.source.url):
        return
    host = (urlsplit(meta.source.url).hostname or "") if meta.source.url else ""
    for source in ctx.pack.sources:
        if host and host_allowed(host, source.domains):
            return
        if meta.source.name and meta.source.name in (source.name, *source.aliases):
            return
    line, column = page.positions.get(("source",), (1, 1))
    yield Problem("SR002", line, column, ctx.t("sr.unapproved", name=meta.source.name or host))


@rule("SR003", "repost-title-changed", Severity.WARNING, article="第二十七条")
def repost_title_changed(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    转载稿的标题与来源标题 `source.title` 不一致。

    ## 为什么
    《办法》第二十七条：转载不得歪曲、篡改标题和原意。

    ## 示例
    ```yaml
    title: 重磅！国务院发文
    source: {title: 国务院关于……的通知, …}
    ```

    ## 应改为
    使用原标题：`title: 国务院关于……的通知`
    ---
    ## What it finds
    A repost whose title differs from `source.title`.

    ## Why
    Art. 27: reposts keep the original title and meaning.

    ## Example
    A sensational title on a reposted State Council notice.

    ## Instead
    Use the original title.
    """
    meta = _repost(page)
    if meta is None or meta.source is None or not meta.source.title:
        return
    if " ".join(meta.title.split()) != " ".join(meta.source.title.split()):
        line, column = page.positions.get(("title",), (1, 1))
        yield Problem("SR003", line, column, ctx.t("sr.title", original=meta.source.title))
