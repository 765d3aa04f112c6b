"""RV006: publication dates are not forged (伪造发稿日期, a veto item of the national
inspection). A site rule that reads the git history of ``content/`` (``govsite.history``),
so the per-page rules and their cache never need to know git.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsite.content.model import Page, Problem
from govsite.findings import Note, Severity
from govsite.history import FileHistory, content_history
from govsite.rules.registry import SiteContext, rule

ARTICLE = "第三十六条；国办秘函〔2019〕19号"


@rule("RV006", "backdated-item", Severity.ERROR, article=ARTICLE, scope="site")
def backdated_item(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    站点是 git 仓库时，按提交历史检查发布日期：
    - 条目的 `date` 早于首次提交该文件的日期，且相差超过 `site.toml` 中
      `[inspection] backdating_tolerance_days`（默认 3 天）：疑似倒填发稿日期，提示写明两个日期；
    - 已发布条目（已签发且发布日期已到）的 `date` 被改动，无论已提交还是尚未提交。

    不在 git 仓库中、没有 `git` 命令，或者是缺少历史的浅克隆（shallow clone）时，本规则
    无法判断，只提示一次（不是问题，不计数），绝不猜测。迁移入库的历史信息可用
    `[inspection] archive_until` 标明：在该日期之前（含当日）首次提交的文件，不按入库日期判断，
    其后对日期的改动仍然检查。

    ## 为什么
    国家政府网站检查指标把“弄虚作假（如伪造发稿日期）”列为单项否决；《办法》第三十六条
    禁止未经授权发布或更改信息。把发布日期倒填或改动，会让栏目看起来按时更新。

    ## 示例
    11 月 20 日才提交的稿件写 `date: 2026-11-02`；或已发布稿件把 `date: 2026-03-02`
    改成 `date: 2026-11-20`。

    ## 应改为
    按实际发布日写 `date`。确属更正（例如原日期录入错误），在前置元数据中登记豁免：
    ```yaml
    waive:
      - {rule: RV006, reason: 原发布日期录入错误，按纸质文件更正, by: 王五}
    ```
    ---
    ## What it finds
    When the site is a git checkout: an item whose `date` is earlier than the commit that
    first added its file by more than `[inspection] backdating_tolerance_days` (default 3),
    naming both dates; and a changed `date` on an item that was already published
    (approved, its date come), committed or not.

    Outside git, without the `git` command, or in a shallow clone without that history,
    the rule says once that it cannot judge (a note, not a finding) and never guesses.
    `[inspection] archive_until` marks a migrated archive: files first committed on or
    before that day are not judged against their commit; later date changes still are.

    ## Why
    The national inspection vetoes a site for forged publication dates (弄虚作假); Art. 36
    forbids changing published information without authorisation.

    ## Example
    An item committed on 20 November with `date: 2026-11-02`.

    ## Instead
    Date items by the day they are published. A genuine correction carries a waiver with
    its reason and who approved it.
    """
    history = content_history(ctx.config.root, ctx.as_of)
    if history.unavailable:
        ctx.notes.append(Note("RV006", ctx.t(f"rv.history_{history.unavailable}")))
        return
    for page in ctx.pages:
        found = history.files.get(page.path)
        if page.meta is not None and found is not None:
            yield from ((page.path, p) for p in _judge(page, found, ctx))


def _judge(page: Page, found: FileHistory, ctx: SiteContext) -> Iterator[Problem]:
    assert page.meta is not None
    settings = ctx.config.inspection
    archive = settings.archive_until
    archived = archive is not None and found.added <= archive
    lag = (found.added - page.meta.date).days
    if not archived and lag > settings.backdating_tolerance_days:
        message = ctx.t(
            "rv.backdated",
            date=page.meta.date.isoformat(),
            added=found.added.isoformat(),
            commit=found.commit[:10],
            days=lag,
            tolerance=settings.backdating_tolerance_days,
        )
        yield _at_date(page, message)
    for change in found.changes:
        if archive is not None and change.day is not None and change.day <= archive:
            continue
        key = "rv.date_changed" if change.day else "rv.date_changed_uncommitted"
        message = ctx.t(
            key,
            old=change.old.isoformat(),
            new=change.new.isoformat(),
            day=change.day.isoformat() if change.day else "",
            commit=change.commit[:10],
        )
        yield _at_date(page, message)


def _at_date(page: Page, message: str) -> Problem:
    """RV006 at the page's ``date`` (its key positions are read only for a finding)."""
    line = page.line_of("date")
    return Problem("RV006", line, page.positions.get(("date",), (line, 1))[1], message)
