"""LK001–LK004: links stay inside government sites and lead somewhere (Art. 19, 21, 34).

Links are judged from the facts rendering collected (every link and image with its
line, resolved against the whole site); LK002 is a site rule because an anchor can only
be checked against the page it points at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from govsite.content.model import Page, Problem
from govsite.findings import Severity
from govsite.render.markdown import UNSAFE_SCHEME
from govsite.rules.registry import PageContext, SiteContext, rule
from govsite.rules.texts import column_of

_LINK_TARGET = re.compile(
    r"\]\(\s*<?\s*(?P<a>[^)\s>]*)|<(?P<b>[a-z][a-z0-9+.-]*:[^>\s]*)>|^\s{0,3}\[[^\]]+\]:\s*<?(?P<c>\S+)",
    re.IGNORECASE,
)


def host_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in allowed)


@rule("LK001", "commercial-link", Severity.ERROR, article="第二十一条")
def commercial_link(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    指向允许名单（`checks/domains.yaml`：各级政府网站、政务服务平台、中央重点新闻网站等）
    之外域名的链接或图片，例如商业网站。

    ## 为什么
    《办法》第二十一条：政府网站不得链接商业网站。外部链接的内容不受本单位控制，
    可能被篡改或挂上广告。

    ## 示例
    详见[报名指南](https://www.some-company.com/guide)

    ## 应改为
    链接到政府网站上的原文，或把内容发布在本平台：`../notice/guide.md`
    ---
    ## What it finds
    A link or image pointing at a domain outside the allowlist in `checks/domains.yaml`
    (government sites, service platforms, central state media), e.g. a commercial site.

    ## Why
    Art. 21: government websites must not link to commercial sites.

    ## Example
    `[报名指南](https://www.some-company.com/guide)`

    ## Instead
    Link to the government original, or publish the content on the portal.
    """
    if ctx.facts is None:
        return
    for link in ctx.facts.links:
        if link.kind != "external":
            continue
        host = urlsplit(link.href).hostname or ""
        if host and not host_allowed(host, ctx.pack.domains):
            column = column_of(page, link.line, link.href)
            yield Problem(
                "LK001", link.line, column, ctx.t("lk.commercial", host=host), excerpt=link.href
            )


@rule("LK002", "broken-internal-link", Severity.ERROR, article="第十九条", scope="site")
def broken_internal_link(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    站内链接指向不存在（或尚未发布）的页面、不存在的锚点（`#标题`），或引用不存在的本地
    文件（图片、附件、`media` 中登记的文件）。

    ## 为什么
    《办法》第十九条要求信息完整、准确、好用；国家检查指标把“链接不可用”列为扣分项。

    ## 示例
    详见[报名通知](../notice/exam.md#报名时间)（文件或标题不存在）

    ## 应改为
    链接到存在的文件和标题：[报名通知](../notice/exam-2026.md#二报名时间)
    ---
    ## What it finds
    An internal link to a page that does not exist (or is not published), an anchor that
    is not on its page, or a local file (image, attachment, `media` entry) that is missing.

    ## Why
    Art. 19: information is complete and usable; the national indicators deduct for
    broken links.

    ## Example
    `[报名通知](../notice/exam.md#报名时间)` where the file or heading is missing.

    ## Instead
    Link to a file and heading that exist.
    """
    anchors_by_url = {
        page.url: ctx.facts[page.path].anchors for page in ctx.pages if page.path in ctx.facts
    }
    for page in ctx.pages:
        facts = ctx.facts.get(page.path)
        if facts is None:
            continue
        for link in facts.links:
            problem = _link_problem(page, link, facts.anchors, anchors_by_url, ctx)
            if problem is not None:
                yield page.path, problem
        yield from ((page.path, p) for p in _missing_media(page, ctx))


def _link_problem(page, link, own_anchors, anchors_by_url, ctx: SiteContext) -> Problem | None:
    column = column_of(page, link.line, link.href)
    if link.kind in ("page", "url", "file") and link.target is None:
        key = "lk.missing_file" if link.kind == "file" else "lk.missing_page"
        return Problem("LK002", link.line, column, ctx.t(key, href=link.href), excerpt=link.href)
    if not link.anchor:
        return None
    if link.kind == "anchor":
        anchors = own_anchors
    elif link.kind in ("page", "url") and link.target in anchors_by_url:
        anchors = anchors_by_url[link.target]
    else:
        return None
    if link.anchor not in anchors:
        return Problem(
            "LK002",
            link.line,
            column,
            ctx.t("lk.missing_anchor", anchor=link.anchor, href=link.href),
        )
    return None


def _missing_media(page: Page, ctx: SiteContext) -> Iterator[Problem]:
    if page.meta is None:
        return
    from govsite.rules.media import media_target

    root = ctx.config.root / "content"
    for index, entry in enumerate(page.meta.media):
        target = media_target(page, entry.file)
        if "://" in target:
            continue  # an external image: LK001 judges its host
        if target.startswith("..") or not (root / target).is_file():
            line, column = page.positions.get(("media", index, "file"), (page.line_of("media"), 1))
            yield Problem("LK002", line, column, ctx.t("lk.missing_media", file=entry.file))


@rule("LK003", "insecure-link", Severity.WARNING, article="第三十四条")
def insecure_link(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    `http://` 链接：应使用 `https://`。

    ## 为什么
    《办法》第三十四条要求采取加密等安全措施。明文链接可能被劫持、篡改，政府网站
    普遍已支持 HTTPS。

    ## 示例
    [中国政府网](http://www.gov.cn/)

    ## 应改为
    [中国政府网](https://www.gov.cn/)
    ---
    ## What it finds
    An `http://` link where `https://` is expected.

    ## Why
    Art. 34 requires encryption; plain-HTTP links can be hijacked.

    ## Example
    `[中国政府网](http://www.gov.cn/)`

    ## Instead
    `[中国政府网](https://www.gov.cn/)`
    """
    if ctx.facts is None:
        return
    for link in ctx.facts.links:
        if link.href.lower().startswith("http://"):
            column = column_of(page, link.line, link.href)
            yield Problem(
                "LK003", link.line, column, ctx.t("lk.http", href=link.href), excerpt=link.href
            )


@rule("LK004", "unsafe-url-scheme", Severity.ERROR, article="第三十四条")
def unsafe_url_scheme(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    `javascript:`、`vbscript:`、`data:` 开头的链接或图片地址（大小写、空格变形同样能查出）。
    这类地址不会被渲染成链接，但出现在源文件中通常意味着注入或复制了恶意代码。

    ## 为什么
    《办法》第三十四条要求防范网页篡改、挂马等攻击。脚本地址是跨站脚本攻击的常见载体。

    ## 示例
    [点击查看](javascript:alert(1))

    ## 应改为
    链接到真实页面：[点击查看](../notice/detail.md)
    ---
    ## What it finds
    A `javascript:`, `vbscript:` or `data:` URL in a link or image (any case or spacing).
    They are never rendered as links, but in a source file they mean injected code.

    ## Why
    Art. 34: guard against tampering and script injection.

    ## Example
    `[点击查看](javascript:alert(1))`

    ## Instead
    Link to a real page.
    """
    for offset, text in enumerate(page.body.split("\n")):
        for match in _LINK_TARGET.finditer(text):
            target = next(g for g in match.groups() if g is not None)
            compact = re.sub(r"\s+", "", target)
            scheme = UNSAFE_SCHEME.match(compact)
            if scheme:
                column = text.find(target) + 1 if target in text else match.start() + 1
                yield Problem(
                    "LK004",
                    page.body_line + offset,
                    column,
                    ctx.t("lk.unsafe", scheme=scheme.group(1).lower()),
                    excerpt=compact[:40],
                )
