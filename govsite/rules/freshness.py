"""FR001–FR002: columns are kept up to date (Art. 19, 40).

Site-health findings, warnings by default: one department's backlog must never stop
another department's publishing. The messages carry the national indicators' veto
thresholds (5 or more empty columns; stale first-level columns) so the web office sees
how close the site is to failing an inspection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from govsite.content.model import Problem, Status
from govsite.findings import Severity
from govsite.rules.registry import SiteContext, rule

# Default limits by column kind, in days (site.toml's max_age_days overrides per column):
# news 2 weeks; notices and policies 6 months; personnel and planning 1 year
# (国办秘函〔2019〕19号 and the local practice in reference/regulations.md §2.2).
DEFAULT_MAX_AGE = {"dynamic": 14, "notice": 183, "policy": 183, "personnel": 365, "planning": 365}
EMPTY_COLUMN_VETO = 5


def _newest(ctx: SiteContext) -> dict[tuple[str, str], dt.date]:
    newest: dict[tuple[str, str], dt.date] = {}
    for page in ctx.pages:
        if page.meta is None or page.status(ctx.as_of) is not Status.PUBLISHED:
            continue
        place = (page.department, page.column)
        if place not in newest or page.meta.date > newest[place]:
            newest[place] = page.meta.date
    return newest


def _places(ctx: SiteContext) -> Iterator[tuple]:
    for dept in ctx.config.departments:
        for column in ctx.config.columns_of(dept):
            yield dept, column


@rule("FR001", "stale-column", Severity.WARNING, article="第十九条、第四十条", scope="site")
def stale_column(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    栏目最新一条信息的发布日期超过更新时限（以 `--as-of` 为准）：动态要闻类 14 天，通知公告、
    政策文件类 6 个月（183 天），人事信息、规划计划类 1 年（365 天）；`site.toml` 中栏目的
    `max_age_days` 可以另行规定。空栏目由 FR002 报告。

    ## 为什么
    《办法》第十九条要求信息及时更新，第四十条规定每月检查、年度考核。国家检查指标中，
    动态要闻类栏目 2 周、通知公告和政策文件类一级栏目 6 个月未更新，累计 5 个及以上即单项
    否决。

    ## 示例
    `content/edu/news/` 最新一条发布于 10 月 1 日，11 月 26 日检查。

    ## 应改为
    按时发布本单位工作动态；确实无需更新的栏目，调整栏目设置或 `max_age_days`。
    ---
    ## What it finds
    A column whose newest item is older than its limit as of `--as-of`: news 14 days,
    notices and policies 6 months (183 days), personnel and planning 1 year (365 days);
    `max_age_days` in site.toml sets a column's own limit. Empty columns are FR002.

    ## Why
    Art. 19 and 40; the national indicators veto a site with 5 or more stale first-level
    news, notice or policy columns.

    ## Example
    The newest item in `content/edu/news/` is from 1 October, checked on 26 November.

    ## Instead
    Publish on time, or set the column's limit in site.toml.
    """
    newest = _newest(ctx)
    for dept, column in _places(ctx):
        limit = column.max_age_days or DEFAULT_MAX_AGE.get(column.kind)
        last = newest.get((dept.id, column.id))
        if limit is None or last is None:
            continue
        age = (ctx.as_of - last).days
        if age > limit:
            message = ctx.t(
                "fr.stale",
                place=f"{dept.short_name}·{column.title}",
                last=last.isoformat(),
                age=age,
                limit=limit,
            )
            yield f"content/{dept.id}/{column.id}/", Problem("FR001", None, None, message)


@rule("FR002", "empty-column", Severity.WARNING, article="第十九条、第四十条", scope="site")
def empty_column(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    `site.toml` 为部门开设、但没有任何已发布信息的栏目（空白栏目）。

    ## 为什么
    《办法》第十九条、第四十条；国家检查指标规定，空白栏目 5 个及以上即单项否决，网站
    直接判为不合格。

    ## 示例
    市教体局开设了“人事信息”栏目，`content/edu/personnel/` 下没有已发布的信息。

    ## 应改为
    发布该栏目的信息；本部门确无此类信息的，在 `site.toml` 中用部门的 `columns` 不开设该栏目。
    ---
    ## What it finds
    A column opened for a department in site.toml with no published item.

    ## Why
    Art. 19 and 40; the national indicators veto a site with 5 or more empty columns.

    ## Example
    `content/edu/personnel/` has nothing published.

    ## Instead
    Publish, or do not open the column for that department (`columns` in site.toml).
    """
    newest = _newest(ctx)
    empty = [(dept, column) for dept, column in _places(ctx) if (dept.id, column.id) not in newest]
    for dept, column in empty:
        message = ctx.t(
            "fr.empty",
            place=f"{dept.short_name}·{column.title}",
            count=len(empty),
            veto=EMPTY_COLUMN_VETO,
        )
        yield f"content/{dept.id}/{column.id}/", Problem("FR002", None, None, message)
