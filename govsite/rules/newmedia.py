"""NM001–NM004: government new-media accounts (Art. 11, 15, 16, 17).

The accounts come from each department's ``new-media.yaml`` (see
``govsite.newmedia.registry``); working days follow the PRC calendar, and a year the
calendar does not know is reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from govsite.content.model import Problem
from govsite.findings import Severity
from govsite.rules.registry import SiteContext, rule
from govsite.workdays import UnknownYear

FILING_LIMIT = 7  # working days (Art. 16)
CLOSURE_NOTICE = 15  # working days (Art. 17)
LIVE = ("active", "closing")


def _registries(ctx: SiteContext):
    for registry in ctx.registries:
        dept = ctx.config.department(registry.department)
        if dept is not None:
            yield registry, dept


@rule("NM001", "duplicate-account", Severity.WARNING, article="第十一条", scope="site")
def duplicate_account(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    同一单位在同一平台上有两个及以上运行中（或拟关停）的政务新媒体账号。登记表的格式错误
    （FM001）也在这里报告。

    ## 为什么
    《办法》第十一条：同一单位在同一平台原则上只开设一个账号，功能相近的应当整合。

    ## 示例
    市教体局在微信上有“示例市教育体育局”“示例教育发布”两个公众号。

    ## 应改为
    整合为一个账号，另一个按程序关停并登记 `status: closing`。
    ---
    ## What it finds
    Two live accounts of one unit on the same platform. Format errors in the registry
    (FM001) are reported here too.

    ## Why
    Art. 11: one account per platform per unit; merge duplicates.

    ## Example
    Two WeChat accounts of the education bureau.

    ## Instead
    Merge them; close the other and record `status: closing`.
    """
    for registry, dept in _registries(ctx):
        for problem in registry.problems:
            yield registry.path, problem
        seen: dict[str, str] = {}
        for account in registry.accounts:
            if account.status not in LIVE:
                continue
            if account.platform in seen and account.platform != "other":
                message = ctx.t(
                    "nm.duplicate",
                    unit=dept.name,
                    platform=account.platform_label,
                    other=seen[account.platform],
                )
                yield registry.path, Problem("NM001", account.lines[""], 1, message)
            seen.setdefault(account.platform, account.name)


@rule("NM002", "account-filed-late", Severity.WARNING, article="第十六条", scope="site")
def account_filed_late(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    账号开设后超过 7 个工作日才备案（`filed` 晚于 `opened` 7 个工作日以上），或开设已超过
    7 个工作日仍未备案。

    ## 为什么
    《办法》第十六条：政务新媒体开设、变更、关停、注销，应当在 7 个工作日内备案。

    ## 示例
    ```yaml
    opened: 2025-09-01
    filed: 2025-09-25
    ```

    ## 应改为
    开设后 7 个工作日内备案，如 `filed: 2025-09-08`。
    ---
    ## What it finds
    An account filed more than 7 working days after it opened, or not filed 7 working
    days after opening.

    ## Why
    Art. 16: opening, changing and closing an account is filed within 7 working days.

    ## Example
    Opened 2025-09-01, filed 2025-09-25.

    ## Instead
    File within 7 working days.
    """
    for registry, _ in _registries(ctx):
        for account in registry.accounts:
            if account.opened is None:
                continue
            end = account.filed or ctx.as_of
            try:
                days = ctx.calendar.working_days_between(account.opened, end)
            except UnknownYear as unknown:
                yield (
                    registry.path,
                    Problem(
                        "NM002",
                        account.lines["opened"],
                        1,
                        ctx.t("ds.unknown_year", year=unknown.year),
                    ),
                )
                continue
            if days <= FILING_LIMIT:
                continue
            if account.filed is None:
                message = ctx.t(
                    "nm.not_filed", name=account.name, opened=account.opened.isoformat(), days=days
                )
                yield registry.path, Problem("NM002", account.lines["opened"], 1, message)
            else:
                message = ctx.t(
                    "nm.filed_late",
                    name=account.name,
                    opened=account.opened.isoformat(),
                    filed=account.filed.isoformat(),
                    days=days,
                )
                yield registry.path, Problem("NM002", account.lines["filed"], 1, message)


@rule("NM003", "closure-notice-too-short", Severity.WARNING, article="第十七条", scope="site")
def closure_notice_too_short(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    拟关停或已关停的账号，关停公告 `closure_announced` 到关停日期 `closes` 不足 15 个工作日，
    或缺少这两个日期。

    ## 为什么
    《办法》第十七条：关停账号须经本单位决定、备案，并提前不少于 15 个工作日发布公告。

    ## 示例
    ```yaml
    status: closing
    closure_announced: 2025-11-03
    closes: 2025-11-10
    ```

    ## 应改为
    提前 15 个工作日公告，如 `closes: 2025-11-25`。
    ---
    ## What it finds
    A closing or closed account whose closure was announced fewer than 15 working days
    before it closes, or without those dates.

    ## Why
    Art. 17: a public notice of at least 15 working days before closing.

    ## Example
    Announced 2025-11-03, closes 2025-11-10.

    ## Instead
    Announce at least 15 working days ahead.
    """
    for registry, _ in _registries(ctx):
        for account in registry.accounts:
            if account.status not in ("closing", "closed"):
                continue
            if account.closure_announced is None or account.closes is None:
                yield (
                    registry.path,
                    Problem(
                        "NM003",
                        account.lines["status"],
                        1,
                        ctx.t("nm.no_notice", name=account.name),
                    ),
                )
                continue
            try:
                days = ctx.calendar.working_days_between(account.closure_announced, account.closes)
            except UnknownYear as unknown:
                yield (
                    registry.path,
                    Problem(
                        "NM003",
                        account.lines["closes"],
                        1,
                        ctx.t("ds.unknown_year", year=unknown.year),
                    ),
                )
                continue
            if days < CLOSURE_NOTICE:
                message = ctx.t(
                    "nm.notice_short",
                    name=account.name,
                    announced=account.closure_announced.isoformat(),
                    closes=account.closes.isoformat(),
                    days=days,
                )
                yield (
                    registry.path,
                    Problem("NM003", account.lines["closure_announced"], 1, message),
                )


@rule("NM004", "account-name-without-unit", Severity.WARNING, article="第十五条", scope="site")
def account_name_without_unit(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    账号名称没有体现开设单位：名称中既没有单位全称、简称，也没有去掉城市名后的单位名称
    （如“教育体育局”），或简称的核心字（如“市人社局”的“人社”）。

    ## 为什么
    《办法》第十五条：政务新媒体名称应当与单位名称或职能相关，便于公众识别，防止假冒。

    ## 示例
    市教体局的公众号名为“校园生活圈”。

    ## 应改为
    改名为“示例市教育体育局”或“示例教体发布”等体现单位的名称（按规定审批、备案）。
    ---
    ## What it finds
    An account name that names neither the unit's full name, its short name, the unit's
    name without the city, nor the core of its short name (人社 for 市人社局).

    ## Why
    Art. 15: names relate clearly to the unit, so the public can tell official accounts.

    ## Example
    The education bureau's account called “校园生活圈”.

    ## Instead
    A name that names the bureau (approved and filed).
    """
    city = re.match(r"^(.+?[市县区州盟])", ctx.config.site.title)
    for registry, dept in _registries(ctx):
        core = dept.name.removeprefix(city.group(1)) if city else dept.name
        short = re.sub(r"[局委办厅]$", "", dept.short_name.removeprefix("市"))
        names = {dept.name, dept.short_name, core, short, short[:2]}
        for account in registry.accounts:
            if not any(name and name in account.name for name in names):
                message = ctx.t("nm.unnamed_unit", name=account.name, unit=dept.name)
                yield registry.path, Problem("NM004", account.lines["name"], 1, message)


@rule(
    "NM005",
    "silent-account",
    Severity.WARNING,
    article="第二十五条；国办秘函〔2019〕19号",
    scope="site",
)
def silent_account(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    运行中（`status: active`）的账号，最近一次发布日期 `last_post` 距 `--as-of` 超过
    `site.toml` 中 `[inspection] new_media_silence_days`（默认 14 天，即国家检查的“2 周”）。
    没有登记 `last_post` 的账号不检查；拟关停、已关停的账号不检查。结果同时显示在
    `/new-media/` 目录页和合规检查报告中。

    ## 为什么
    国家检查指标规定，政务新媒体监测时间点前 2 周内无更新即单项否决；《办法》第二十五条
    还要求政务新媒体每个工作日至少发布一条信息。长期不更新又不关停（“僵尸账号”）是历次
    检查通报的重点问题。

    ## 示例
    ```yaml
    - name: 示例教体
      platform: douyin
      last_post: 2026-10-08
    ```
    （11 月 26 日检查，已 49 天未更新）

    ## 应改为
    恢复更新并登记最近发布日期，如 `last_post: 2026-11-25`；不再维护的账号按《办法》
    第十七条公告后关停注销（`status: closing`）。
    ---
    ## What it finds
    An active account whose latest post (`last_post`) is more than
    `[inspection] new_media_silence_days` (default 14: the inspection's two weeks) before
    `--as-of`. Accounts without `last_post`, and closing or closed ones, are not judged.
    The result also shows in the `/new-media/` directory and the dashboard.

    ## Why
    The national indicators veto an account with no update in the two weeks before the
    check; Art. 25 asks for at least one post per working day.

    ## Example
    `last_post: 2026-10-08` checked on 26 November: silent for 49 days.

    ## Instead
    Post again and record `last_post`; close an account no longer kept (Art. 17).
    """
    limit = ctx.config.inspection.new_media_silence_days
    for registry, _ in _registries(ctx):
        for account in registry.accounts:
            days = account.silent_days(ctx.as_of)
            if days is None or days <= limit:
                continue
            message = ctx.t(
                "nm.silent",
                name=account.name,
                platform=account.platform_label,
                last_post=account.last_post.isoformat() if account.last_post else "",
                days=days,
                limit=limit,
            )
            yield registry.path, Problem("NM005", account.lines["last_post"], 1, message)
