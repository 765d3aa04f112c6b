"""WV001: a waiver that waives nothing (the engine applies waivers; see ``engine``)."""

from __future__ import annotations

from collections.abc import Iterator

from govsite.content.model import Problem
from govsite.findings import Severity
from govsite.rules.registry import SiteContext, rule


@rule("WV001", "unused-waiver", Severity.WARNING, article="第三十六条", scope="site")
def unused_waiver(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    前置元数据 `waive` 中的豁免没有豁免任何问题：规则代码写错，或问题已经改正。

    ## 为什么
    豁免是经批准、有记录的例外，应当与实际问题一一对应；失效的豁免会在以后悄悄放过
    新问题（参照 Ruff 的 RUF100 未使用的 noqa）。

    ## 示例
    ```yaml
    waive:
      - {rule: PV002, reason: 公示联系人同意公开, by: 王五}
    ```
    （页面中已没有手机号码）

    ## 应改为
    删除这条豁免。
    ---
    ## What it finds
    A `waive` entry that waives no finding: a mistyped rule code, or a problem since fixed.

    ## Why
    A waiver is an approved, recorded exception to one real finding; a stale one would
    silently let a new problem through later (like Ruff's RUF100 unused noqa).

    ## Example
    A waiver for PV002 on a page that no longer has a mobile number.

    ## Instead
    Remove the waiver.
    """
    return iter(())  # computed by engine.apply_waivers, which sees every finding
