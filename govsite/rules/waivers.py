"""WV001, WV002: waivers that waive nothing or may not waive (the engine applies waivers;
see ``engine.apply_waivers``)."""

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


@rule("WV002", "waiver-not-allowed", Severity.ERROR, article="第二十四条", scope="site")
def waiver_not_allowed(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    前置元数据 `waive` 中不允许的豁免：豁免了不能豁免的规则，或豁免人 `by` 不是本稿件的
    签发人（`review.approver`）。这样的豁免不生效，原问题照常报告。

    不能豁免的规则：前置元数据和文件问题（FM001–FM004）、审核链不完整或级别不够
    （RV001–RV004）、未脱敏的身份证号（PV001）和银行卡号（PV004）、违法信息（AD002）、
    原始 HTML（AD003）、不安全的地址（LK004），以及豁免规则本身（WV001、WV002）。

    ## 为什么
    豁免是经批准、有记录的例外。《办法》第二十四条由签发人对发布的内容负责，
    所以只有签发人能批准例外；而公开身份证号、违法信息、可执行代码，或绕过审核链，
    在任何理由下都不能发布（第二十一条、第二十五条、第三十四条、第二十四条）。

    ## 示例
    ```yaml
    waive:
      - {rule: PV001, reason: 本人同意, by: 王五}
      - {rule: PV002, reason: 联系人同意公开, by: 赵编辑}   # 签发人是孙签发
    ```

    ## 应改为
    对身份证号脱敏（如 `5301**********123X`）；可豁免的规则由签发人批准：
    `{rule: PV002, reason: 联系人书面同意公开, by: 孙签发}`
    ---
    ## What it finds
    A `waive` entry that is not allowed: it waives a rule that cannot be waived, or its
    `by` is not the item's approver (`review.approver`). Such a waiver has no effect; the
    finding it meant to waive is reported as usual.

    Rules that cannot be waived: front-matter and file problems (FM001–FM004), an
    incomplete or insufficient review chain (RV001–RV004), an unmasked ID number (PV001)
    or bank card (PV004), illegal content (AD002), raw HTML (AD003), an unsafe URL
    (LK004), and the waiver rules themselves (WV001, WV002).

    ## Why
    A waiver is an approved, recorded exception. Art. 24 makes the approver answer for
    what is published, so only the approver can accept an exception; an ID number, illegal
    content, executable markup or a bypassed review chain may never be published, whatever
    the reason (Art. 21, 25, 34, 24).

    ## Example
    `{rule: PV001, reason: consent, by: Wang}`, or a PV002 waiver signed by the editor.

    ## Instead
    Mask the ID number; have the approver sign waivers of rules that may be waived.
    """
    return iter(())  # computed by engine.apply_waivers, which sees every finding
