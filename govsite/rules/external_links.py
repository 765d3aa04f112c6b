"""LK005: external links that do not open, as ``govsite links --external`` found them.

``check`` and ``build`` never touch the network: this rule reads the results that the
last ``govsite links --external`` left in ``.govsite-cache/links.json``, as long as they
are younger than ``[inspection] link_cache_days``.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsite.content.model import Problem
from govsite.findings import Severity
from govsite.links_check import dead_links, load_cache, reason_text
from govsite.rules.registry import SiteContext, rule
from govsite.rules.texts import column_of


@rule(
    "LK005",
    "dead-external-link",
    Severity.WARNING,
    article="第十九条；国办秘函〔2019〕19号",
    scope="site",
)
def dead_external_link(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    打不开的外部链接：`govsite links --external` 逐个请求外部链接（先 HEAD，被拒绝再 GET，
    跟随并记录重定向，有超时和每个站点的并发上限），返回 4xx/5xx 状态、超时、无法连接、
    域名无法解析或重定向循环的，即为不可用链接。首页（模板）上的外部链接单独计数。
    `check` 和 `build` 不联网，只读取 `.govsite-cache/links.json` 中未超过
    `[inspection] link_cache_days`（默认 7 天）的检查结果。只重定向一次、最终能打开的链接不报告。

    ## 为什么
    国家检查指标把“链接不可用”列为扣分项（监测机构按首页和其他页面分别统计）；《办法》
    第十九条要求信息准确、好用。外部网站改版后，旧链接往往失效。

    ## 示例
    详见[省厅通知](https://www.example-province.gov.cn/old/notice-2019.html)（返回 404）

    ## 应改为
    链接到对方网站上的现行地址，或删除失效链接。
    ---
    ## What it finds
    External links that do not open: `govsite links --external` requests each one (HEAD,
    then GET when refused; redirects followed and recorded; timeouts and a per-host limit)
    and a 4xx/5xx status, a timeout, a refused connection, an unknown host or a redirect
    loop makes it dead. Links on the home page (from the templates) are counted apart.
    `check` and `build` stay offline and read the results in `.govsite-cache/links.json`
    younger than `[inspection] link_cache_days` (default 7). A link that redirects once to
    a page that opens is fine.

    ## Why
    The national indicators deduct for unusable links (monitors count the home page apart);
    Art. 19 asks for accurate, usable information.

    ## Example
    A link to a provincial notice that now answers 404.

    ## Instead
    Link to the page's current address, or remove the link.
    """
    cache = load_cache(ctx.config.root)
    if not cache.results:
        return
    pages = {page.path: page for page in ctx.pages}
    max_age = ctx.config.inspection.link_cache_days
    for dead in dead_links(ctx.pages, ctx.facts, cache, ctx.as_of, max_age):
        yield dead.path, dead_problem(dead, pages.get(dead.path), ctx.t)


def dead_problem(dead, page, t) -> Problem:
    """The LK005 problem of one dead link (shared with ``govsite links``)."""
    key = "lk.dead_home" if dead.home else "lk.dead"
    message = t(
        key,
        url=dead.href,
        reason=reason_text(dead.result, t),
        checked=dead.result.checked_day.isoformat(),
    )
    column = column_of(page, dead.line, dead.href) if page is not None and dead.line else None
    return Problem("LK005", dead.line, column, message, excerpt=dead.href)
