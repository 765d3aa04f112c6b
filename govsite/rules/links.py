"""LK001–LK004: links stay inside government sites and lead somewhere (Art. 19, 21, 34).

Links are judged from the facts rendering collected (every link and image with its
line, resolved against the whole site); LK002 is a site rule because an anchor can only
be checked against the page it points at.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial

from govsite.content.model import Page, Problem, Status
from govsite.findings import Severity
from govsite.render.facts import LinkFact
from govsite.render.links import SiteTargets, resolve
from govsite.rules.registry import SiteContext, rule
from govsite.rules.texts import column_of
from govsite.urlpolicy import judge

Column = int | Callable[[], int]  # a column, or how to find it when it is needed
# One line at a time: [^\S\n] is a space that is not a line break.
_LINK_TARGET = re.compile(
    r"\]\([^\S\n]*<?[^\S\n]*(?P<a>[^)\s>]*)|<(?P<b>[a-z][a-z0-9+.-]*:[^>\s]*)>"
    r"|^[^\S\n]{0,3}\[[^\]\n]+\]:[^\S\n]*<?(?P<c>\S+)",
    re.IGNORECASE | re.MULTILINE,
)


@rule("LK001", "commercial-link", Severity.ERROR, article="第二十一条", scope="site")
def commercial_link(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    正文、转载来源 `source.url`、政务新媒体登记表中的账号网址、年度报告文字里
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
    A link or image — in the body, a repost's `source.url`, a new-media account URL or
    annual-report text — pointing at a domain outside the allowlist in `checks/domains.yaml`
    (government sites, service platforms, central state media), e.g. a commercial site.

    ## Why
    Art. 21: government websites must not link to commercial sites.

    ## Example
    `[报名指南](https://www.some-company.com/guide)`

    ## Instead
    Link to the government original, or publish the content on the portal.
    """
    yield from _published_urls(ctx, "LK001")


@rule("LK002", "broken-internal-link", Severity.ERROR, article="第十九条", scope="site")
def broken_internal_link(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    站内链接指向不存在（或尚未发布）的页面、不存在的锚点（`#标题`），或引用不存在、
    不会发布的本地文件（图片、附件、`media` 中登记的文件）：只有部门 `media/` 目录中的
    文件会随网站发布，放在别处或以 `.` 开头的文件在网站上打不开。定时发布（日期晚于
    `--as-of`）的稿件在它自己的发布日上线，可以链接到同一天或更早定时发布的稿件（政策
    文件与其解读同步发布）。

    ## 为什么
    《办法》第十九条要求信息完整、准确、好用；国家检查指标把“链接不可用”列为扣分项。

    ## 示例
    详见[报名通知](../notice/exam.md#报名时间)（文件或标题不存在）

    ## 应改为
    链接到存在的文件和标题：[报名通知](../notice/exam-2026.md#二报名时间)
    ---
    ## What it finds
    An internal link to a page that does not exist (or is not published), an anchor that
    is not on its page, or a local file (image, attachment, `media` entry) that is missing
    or not published: only the files in a department's `media/` folder are published; one
    elsewhere, or named with a leading `.`, does not open on the portal. A scheduled item
    (dated after `--as-of`) goes online on its own date, so it may link to items
    scheduled for that day or before (a policy and its interpretation released together).

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
    scheduled = _Scheduled(ctx)
    for page in ctx.pages:
        facts = ctx.facts.get(page.path)
        if facts is None:
            continue
        own_anchors = facts.anchors  # once per page, not per link
        for link in facts.links:
            link = scheduled.resolved(page, link)
            problem = _link_problem(page, link, own_anchors, anchors_by_url, ctx)
            if problem is not None:
                yield page.path, problem
        yield from ((page.path, p) for p in _missing_media(page, ctx))


class _Scheduled:
    """Links between scheduled items. A page is checked against what is published on
    ``as_of``; a scheduled item is published on its own date, so its links may lead to
    items scheduled for that day or before (a policy and its interpretation released
    together). The day it is published, its links are checked as every page's are."""

    def __init__(self, ctx: SiteContext):
        self.ctx = ctx
        pages = [
            p
            for p in ctx.pages
            if p.meta is not None
            and p.status(ctx.as_of) is Status.SCHEDULED
            and ctx.config.places(p.department, p.column)
        ]
        self.by_url = {p.url: p for p in pages}
        self.targets = SiteTargets(
            page_urls={p.content_path: p.url for p in pages},
            published_urls=frozenset(self.by_url),
            files=frozenset(),
            base_path=ctx.config.site.base_path,
            domain=ctx.config.site.domain.lower(),
        )

    def resolved(self, page: Page, link: LinkFact) -> LinkFact:
        """``link`` with its target, if it leads to an item published no later than
        ``page``, itself scheduled; else as it is."""
        if (
            link.target is not None
            or link.kind not in ("page", "url")
            or not self.by_url
            or page.meta is None
            or page.status(self.ctx.as_of) is not Status.SCHEDULED
        ):
            return link
        found = resolve(link.href, page.content_path, page.url, self.targets)
        target = self.by_url.get(found.target or "")
        if target is None or target.meta is None or target.meta.date > page.meta.date:
            return link
        return replace(link, target=target.url)


def _link_problem(page, link, own_anchors, anchors_by_url, ctx: SiteContext) -> Problem | None:
    if link.kind in ("page", "url", "file") and link.target is None:
        key = "lk.missing_file" if link.kind == "file" else "lk.missing_page"
        column = column_of(page, link.line, link.href)  # found only for a link reported
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
            column_of(page, link.line, link.href),
            ctx.t("lk.missing_anchor", anchor=link.anchor, href=link.href),
        )
    return None


def _missing_media(page: Page, ctx: SiteContext) -> Iterator[Problem]:
    if page.meta is None:
        return
    from govsite.attachments.media import AttachmentShelf
    from govsite.rules.media import media_target

    shelf = ctx.attachments
    root = ctx.config.root / "content"
    for index, entry in enumerate(page.meta.media):
        target = media_target(page, entry.file)
        if "://" in target:
            continue  # an external image: LK001 judges its host
        if isinstance(shelf, AttachmentShelf):
            missing = not shelf.holds(f"content/{target}")  # what the build publishes
        else:
            missing = target.startswith("..") or not (root / target).is_file()
        if missing:
            line, column = page.positions.get(("media", index, "file"), (page.line_of("media"), 1))
            yield Problem("LK002", line, column, ctx.t("lk.missing_media", file=entry.file))


@rule("LK003", "insecure-link", Severity.WARNING, article="第三十四条", scope="site")
def insecure_link(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
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
    yield from _published_urls(ctx, "LK003")


@rule("LK004", "unsafe-url-scheme", Severity.ERROR, article="第三十四条", scope="site")
def unsafe_url_scheme(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    `https`、`http`、`mailto`、`tel` 以外协议的地址：`javascript:`、`vbscript:`、`data:`
    （大小写、空格变形同样能查出），以及 `ftp:`、`wss:`、`intent:`、`weixin:` 等，
    出现在正文、转载来源 `source.url`、政务新媒体账号网址或年度报告文字中。
    这类地址不会被渲染成链接，但出现在源文件中通常意味着注入、复制了恶意代码，
    或让读者离开网页去打开别的应用。

    ## 为什么
    《办法》第三十四条要求防范网页篡改、挂马等攻击。脚本地址是跨站脚本攻击的常见载体。

    ## 示例
    [点击查看](javascript:alert(1))

    ## 应改为
    链接到真实页面：[点击查看](../notice/detail.md)
    ---
    ## What it finds
    A URL whose scheme is not `https`, `http`, `mailto` or `tel`: `javascript:`,
    `vbscript:`, `data:` (any case or spacing), and `ftp:`, `wss:`, `intent:`, `weixin:`
    and the like, in the body, a repost's `source.url`, a new-media account URL or
    annual-report text. They are never rendered as links; in a source file they mean
    injected code, or a link that sends the reader out of the web into another app.

    ## Why
    Art. 34: guard against tampering and script injection.

    ## Example
    `[点击查看](javascript:alert(1))`

    ## Instead
    Link to a real page.
    """
    yield from _published_urls(ctx, "LK004")


def _published_urls(ctx: SiteContext, code: str) -> Iterator[tuple[str, Problem]]:
    """Every URL the site publishes, judged by :func:`govsite.urlpolicy.judge`; the
    findings of one rule code. Body links come from the rendering facts (LK001, LK003)
    and from the source text (LK004: markdown-it refuses to parse some of them)."""
    for page in ctx.pages:
        facts = ctx.facts.get(page.path)
        for line, column, href in _page_urls(page, facts, code):
            yield from _judged(page.path, line, column, href, code, ctx)
    for registry in ctx.registries:
        for account in registry.accounts:
            if account.url:
                line = account.lines.get("url", account.lines[""])
                allowed = ctx.pack.domains + ctx.pack.platforms  # accounts live on platforms
                yield from _judged(registry.path, line, 1, account.url, code, ctx, allowed)
    for report in ctx.reports:
        for key, text in (
            ("overview", report.overview),
            ("problems", report.problems_text),
            ("other_matters", report.other_matters),
        ):
            first = (report.line_of(key) or 1) + (1 if "\n" in text.strip("\n") else 0)
            for line, column, href in source_urls(text, first):
                yield from _judged(report.path, line, column, href, code, ctx)


def _page_urls(page: Page, facts, code: str) -> Iterator[tuple[Column, Column, str]]:
    meta = page.meta
    if meta is not None and meta.source is not None and meta.source.url:
        at = partial(_source_url_at, page)  # found only for a finding (see Page.positions)
        yield partial(at, 0), partial(at, 1), meta.source.url
    if code == "LK004":
        found = facts.source_urls if facts is not None else None
        yield from found if found is not None else source_urls(page.body, page.body_line)
    elif facts is not None:
        for link in facts.links:  # the column is found only for a link reported
            yield link.line, partial(column_of, page, link.line, link.href), link.href


def source_urls(text: str, first_line: int) -> Iterator[tuple[int, int, str]]:
    """Link targets written in Markdown source, found by their syntax."""
    line, counted = first_line, 0  # the line of position ``counted``
    for match in _LINK_TARGET.finditer(text):
        start = match.start()
        line += text.count("\n", counted, start)
        counted = start
        begin = text.rfind("\n", 0, start) + 1
        end = text.find("\n", start)
        line_text = text[begin : end if end >= 0 else len(text)]
        target = next(g for g in match.groups() if g is not None)
        column = line_text.find(target) + 1 if target in line_text else start - begin + 1
        yield line, column, re.sub(r"\s+", "", target)


def _source_url_at(page: Page, index: int) -> int:
    """The line (``index`` 0) or column (1) of the page's ``source.url``."""
    return page.positions.get(("source", "url", "="), (page.line_of("source"), 1))[index]


def _judged(
    path: str,
    line: Column,
    column: Column,
    href: str,
    code: str,
    ctx: SiteContext,
    allowed: tuple[str, ...] | None = None,
) -> Iterator[tuple[str, Problem]]:
    for problem in judge(href, ctx.pack.domains if allowed is None else allowed):
        if problem.rule == code:
            message = ctx.t(problem.key, **problem.params)
            where = column if isinstance(column, int) else column()
            number = line if isinstance(line, int) else line()
            yield path, Problem(code, number, where, message, excerpt=href[:80])
