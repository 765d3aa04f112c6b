"""RV001–RV005: graded review and approval before publication (Art. 6, 24)."""

from __future__ import annotations

from collections.abc import Iterator

from govsite.content.model import Page, Problem
from govsite.content.schema import review_gaps
from govsite.findings import Severity
from govsite.rules.registry import PageContext, rule


@rule("RV001", "incomplete-review-chain", Severity.ERROR, article="第六条、第二十四条")
def incomplete_review_chain(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    已签发（`status: approved`）的稿件审核链不完整：编辑 `editor`、审核 `reviewer`、
    签发人 `approver`、签发人角色 `approver_role`、签发日期 `approved` 缺一不可。
    草稿（`status: draft`）不发布，不检查。

    ## 为什么
    《办法》第六条要求信息“先审后发”，第二十四条规定分级审核、签发。缺少任何一环，
    就无法证明稿件经过审核，出了问题也无法追溯责任。

    ## 示例
    ```yaml
    review:
      status: approved
      level: general
      editor: 张三
      approver: 王五
    ```

    ## 应改为
    ```yaml
    review:
      status: approved
      level: general
      editor: 张三
      reviewer: 李四
      approver: 王五
      approver_role: principal
      approved: 2026-03-02
    ```
    ---
    ## What it finds
    An approved item whose review chain is incomplete: `editor`, `reviewer`, `approver`,
    `approver_role` and `approved` are all required. Drafts are not published and not checked.

    ## Why
    Art. 6 requires review before publication; Art. 24 grades who signs. A missing link
    means nobody can show the item was reviewed, or answer for it.

    ## Example
    A `review:` block with an editor and an approver but no reviewer or date.

    ## Instead
    Fill in `reviewer`, `approver_role` and `approved`.
    """
    meta = page.meta
    if meta is None or meta.review.status != "approved":
        return
    missing = review_gaps(meta.review)
    if missing:
        line, column = page.positions.get(("review",), (1, 1))
        yield Problem("RV001", line, column, ctx.t("rv.incomplete", fields=ctx.t.join(missing)))


ROLE_RANK = {"principal": 1, "deputy-leader": 2, "city-leader": 3}
LEVEL_NEEDS = {"general": "principal", "important": "deputy-leader", "major": "city-leader"}
# The Chinese names the editor's guide uses, shown beside the codes in Chinese messages.
LEVEL_ZH = {"general": "一般", "important": "重要", "major": "重大敏感"}
ROLE_ZH = {"principal": "主要负责人", "deputy-leader": "分管领导", "city-leader": "市政府领导"}


def _approved(page: Page):
    meta = page.meta
    if meta is None or meta.review.status != "approved":
        return None
    return meta


@rule("RV002", "approved-after-publication", Severity.ERROR, article="第二十四条")
def approved_after_publication(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    签发日期 `review.approved` 晚于发布日期 `date`：稿件在签发之前就已发布。

    ## 为什么
    《办法》第二十四条要求“先审后发”，未经签发不得发布。签发日期晚于发布日期，
    说明审核记录与事实不符，或是倒签。

    ## 示例
    ```yaml
    date: 2026-03-02
    review: {approved: 2026-03-05, …}
    ```

    ## 应改为
    签发日期不晚于发布日期：`approved: 2026-03-01`，或把发布日期改为签发之后。
    ---
    ## What it finds
    An approval date (`review.approved`) after the publication date (`date`).

    ## Why
    Art. 24: review before release. An item cannot be published before it is signed.

    ## Example
    `date: 2026-03-02` with `approved: 2026-03-05`.

    ## Instead
    Approve on or before the publication date.
    """
    meta = _approved(page)
    if meta is None or meta.review.approved is None or meta.review.approved <= meta.date:
        return
    line, column = page.positions.get(("review", "approved"), (1, 1))
    yield Problem(
        "RV002",
        line,
        column,
        ctx.t(
            "rv.approved_late",
            approved=meta.review.approved.isoformat(),
            date=meta.date.isoformat(),
        ),
    )


@rule("RV003", "approver-below-review-level", Severity.ERROR, article="第二十四条")
def approver_below_review_level(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    签发人角色低于审核级别的要求：一般（general）至少由平台主要负责人（principal）签发，
    重要（important）至少由分管领导（deputy-leader）签发，重大敏感（major）须由市政府领导
    （city-leader）签发。

    ## 为什么
    《办法》第二十四条规定分级审核：一般信息由主要负责人签发，重要信息由分管领导签发，
    重大或敏感信息报市政府领导签发。

    ## 示例
    ```yaml
    review: {level: important, approver_role: principal, …}
    ```

    ## 应改为
    ```yaml
    review: {level: important, approver_role: deputy-leader, …}
    ```
    ---
    ## What it finds
    An approver whose role is below what the review level needs: general → at least
    principal, important → at least deputy-leader, major → city-leader.

    ## Why
    Art. 24 grades who signs: the more important the item, the more senior the approver.

    ## Example
    `level: important` signed by a `principal`.

    ## Instead
    Have the deputy leader in charge (`deputy-leader`) sign it.
    """
    meta = _approved(page)
    if meta is None or not meta.review.approver_role:
        return
    needed = LEVEL_NEEDS[meta.review.level]
    if ROLE_RANK[meta.review.approver_role] < ROLE_RANK[needed]:
        line, column = page.positions.get(("review", "approver_role"), (1, 1))
        yield Problem(
            "RV003",
            line,
            column,
            ctx.t(
                "rv.role_too_low",
                level=meta.review.level,
                role=meta.review.approver_role,
                needed=needed,
                level_zh=LEVEL_ZH[meta.review.level],
                role_zh=ROLE_ZH[meta.review.approver_role],
                needed_zh=ROLE_ZH[needed],
            ),
        )


@rule("RV004", "sensitive-topic-below-major", Severity.ERROR, article="第二十四条")
def sensitive_topic_below_major(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    涉及重大突发事件、群体性事件、自然灾害、疫情、安全生产事故等敏感内容（词表见
    `checks/sensitive.yaml`）的稿件，审核级别不是重大敏感（`level: major`）。草稿也检查：
    审核级别决定由谁签发，起草时就应定准。

    ## 为什么
    《办法》第二十四条：涉及重大突发事件、群体性事件、灾害、疫情、安全生产事故等重大
    或敏感信息，须报市政府领导审核签发，严禁未经审核发布。

    ## 示例
    标题“关于某镇发生山体滑坡的情况通报”，`level: general`。

    ## 应改为
    ```yaml
    review: {level: major, approver_role: city-leader, approver: 周建国, …}
    ```
    ---
    ## What it finds
    An item about a major emergency, mass incident, disaster, epidemic or work-safety
    accident (terms in `checks/sensitive.yaml`) that is not reviewed at level `major`.
    Drafts too: the level decides who must sign, so it is set while drafting.

    ## Why
    Art. 24: such items are signed by a city leader; never published without that review.

    ## Example
    A report of a landslide reviewed at `level: general`.

    ## Instead
    `level: major`, signed by a `city-leader`.
    """
    meta = page.meta  # drafts too: the level decides who must sign (govsite.drafts)
    if meta is None or meta.review.level == "major":
        return
    from govsite.rules.matching import matcher_for
    from govsite.rules.texts import column_of, page_spans

    spans = page_spans(page, ctx.facts, memo=ctx.memo)
    for index, match in matcher_for(ctx.pack.sensitive).find_in([span.text for span in spans]):
        line = spans[index].line
        column = column_of(page, line, match.text)
        message = ctx.t("rv.sensitive", term=match.text, level=meta.review.level)
        yield Problem("RV004", line, column, message)
        return  # one finding per item: the fix is one change of level


@rule("RV005", "self-approved", Severity.WARNING, article="第二十四条")
def self_approved(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    编辑（`editor`）与签发人（`approver`）是同一人：自己写的稿件自己签发。

    ## 为什么
    《办法》第二十四条要求“先审后发”、分级把关；编辑自审自签，审核就失去了意义。

    ## 示例
    ```yaml
    review: {editor: 张三, reviewer: 李四, approver: 张三, …}
    ```

    ## 应改为
    由另一位有签发权的负责人签发。
    ---
    ## What it finds
    The editor approved their own item.

    ## Why
    Art. 24: review is a second pair of eyes; signing one's own item defeats it.

    ## Example
    `editor: 张三` and `approver: 张三`.

    ## Instead
    Have another person with signing authority approve it.
    """
    meta = _approved(page)
    if meta is None or not meta.review.editor or meta.review.editor != meta.review.approver:
        return
    line, column = page.positions.get(("review", "approver"), (1, 1))
    yield Problem("RV005", line, column, ctx.t("rv.self_approved", name=meta.review.editor))
