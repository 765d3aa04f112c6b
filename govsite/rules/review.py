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
