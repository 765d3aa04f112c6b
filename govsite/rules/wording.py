"""WD001–WD002: serious wording errors and common typos (Art. 20, 25).

Both read substitution lists (wrong → right) from ``checks/``: ``wording.yaml`` for the
serious errors the national inspections veto a site for, ``typos.yaml`` for the rest.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsite.content.model import Page, Problem
from govsite.findings import Severity
from govsite.rules.matching import swap_matcher
from govsite.rules.registry import PageContext, rule
from govsite.rules.texts import column_of, page_spans


def _swaps(
    page: Page, ctx: PageContext, code: str, swaps: dict[str, str], allow: tuple[str, ...], key: str
) -> Iterator[Problem]:
    matcher = swap_matcher(tuple(swaps.items()), allow)
    spans = page_spans(page, ctx.facts, memo=ctx.memo)
    for index, match in matcher.find_in([span.text for span in spans]):
        line = spans[index].line
        right = matcher.replacements[match.text.lower()]
        column = column_of(page, line, match.text)
        yield Problem(
            code, line, column, ctx.t(key, wrong=match.text, right=right), excerpt=match.text
        )


@rule("WD001", "serious-wording-error", Severity.ERROR, article="第二十条")
def serious_wording_error(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    严重表述错误（错误写法 → 正确写法，列表见 `checks/wording.yaml`）：国名、党和国家机构
    名称、重要政治表述写错，如“中华人民共合国”“扫黑险恶”“攻府”。

    ## 为什么
    《办法》第二十条禁止出现严重表述错误；国家检查指标把“严重表述错误”列为单项否决，
    出现一处即整站不合格。

    ## 示例
    深入开展扫黑险恶专项斗争

    ## 应改为
    深入开展扫黑除恶专项斗争
    ---
    ## What it finds
    A serious wording error (wrong → right in `checks/wording.yaml`): the country's name,
    Party and state organs, key political formulations written wrongly.

    ## Why
    Art. 20 forbids serious wording errors; the national inspection vetoes a whole site
    for one.

    ## Example
    扫黑险恶

    ## Instead
    扫黑除恶
    """
    return _swaps(page, ctx, "WD001", ctx.pack.wording, ctx.pack.wording_allow, "wd.serious")


@rule("WD002", "common-typo", Severity.WARNING, article="第二十条")
def common_typo(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    常见错别字（错误写法 → 正确写法，列表见 `checks/typos.yaml`），如“部暑”“再接再励”。

    ## 为什么
    《办法》第二十条要求发布前认真校对；检查指标对错别字扣分。

    ## 示例
    对全年工作作出部暑

    ## 应改为
    对全年工作作出部署
    ---
    ## What it finds
    A common typo (wrong → right in `checks/typos.yaml`).

    ## Why
    Art. 20 requires proofreading; inspections deduct for typos.

    ## Example
    部暑

    ## Instead
    部署
    """
    return _swaps(page, ctx, "WD002", ctx.pack.typos, ctx.pack.typos_allow, "wd.typo")
