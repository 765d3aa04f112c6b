"""DS004–DS006: the disclosure catalogue (政府信息公开条例; Art. 6, 18).

The catalogue rules read the disclosure columns; the annual report's rules (DS001–DS003,
DS007, DS008) live in ``govsite.rules.annual``. Working days follow the PRC calendar
(``govsite.workdays``); a year it does not know is reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from govsite.content.model import Page, Problem, Status
from govsite.drafts import is_draft
from govsite.findings import Severity
from govsite.rules.registry import SiteContext, rule
from govsite.workdays import UnknownYear

PUBLICATION_LIMIT = 20  # working days from 形成 to 公开 (条例第二十六条)
# ASCII digits to the very end: ``\d`` also takes full-width digits (a twin that escapes
# the duplicate check) and ``$`` also matches before a final newline.
INDEX_NO = re.compile(
    r"(?P<prefix>[0-9A-Z][0-9A-Z-]{4,19})/(?P<year>\d{4})(\d{2})?-(?P<serial>\d{4,6})\Z",
    re.ASCII,
)


@rule("DS004", "index-number-problem", Severity.ERROR, article="第十八条", scope="site")
def index_number_problem(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    公开目录（`disclosure = true` 的栏目）中的稿件缺少索引号 `index_no`、格式不对
    （应为 `<单位代码>/<年份>-<流水号>`，如 `11539900MB00000036/2026-00012`，单位代码与
    `site.toml` 中部门的 `credit_code` 一致），或索引号在全站重复。

    ## 为什么
    《办法》第十八条和条例第十二条：政府信息公开目录包括信息的索引、名称、内容概述、生成
    日期等。索引号是每条公开信息在目录中的唯一编号。

    ## 示例
    ```yaml
    index_no: 2026-12
    ```

    ## 应改为
    ```yaml
    index_no: 11539900MB00000036/2026-00012
    ```
    ---
    ## What it finds
    A disclosure-column item whose index number is missing, ill-formed (`<unit code>/<year>-<serial>`,
    the unit code being the department's `credit_code`), or used twice in the site.

    ## Why
    Art. 18 and the Regulations (art. 12): the catalogue gives every item an index.

    ## Example
    `index_no: 2026-12`

    ## Instead
    `index_no: 11539900MB00000036/2026-00012`
    """
    owners: dict[str, Page] = {}
    for page in sorted(ctx.pages, key=lambda p: (is_draft(p), p.path)):  # approved first
        column = ctx.config.column(page.column)
        if page.meta is None or column is None or not column.disclosure:
            continue
        index_no = page.meta.index_no
        dept = ctx.config.department(page.department)
        match = INDEX_NO.match(index_no)
        if not index_no:
            yield page.path, Problem("DS004", 1, 1, ctx.t("ds.index_missing"))
        elif not match:
            yield (
                page.path,
                Problem(
                    "DS004", page.line_of("index_no"), 1, ctx.t("ds.index_format", value=index_no)
                ),
            )
        elif dept is not None and dept.credit_code and match.group("prefix") != dept.credit_code:
            yield (
                page.path,
                Problem(
                    "DS004",
                    page.line_of("index_no"),
                    1,
                    ctx.t("ds.index_prefix", value=index_no, code=dept.credit_code),
                ),
            )
        elif index_no in owners:
            yield (
                page.path,
                Problem(
                    "DS004",
                    page.line_of("index_no"),
                    1,
                    ctx.t("ds.index_duplicate", value=index_no, other=owners[index_no].path),
                ),
            )
        else:
            owners[index_no] = page


@rule("DS005", "disclosure-guide-or-rules-missing", Severity.ERROR, article="第六条", scope="site")
def disclosure_guide_or_rules_missing(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    部门没有已发布的政府信息公开指南（`kind = "guide"` 的栏目）或政府信息公开制度
    （`kind = "rules"` 的栏目）页面。只检查 `site.toml` 中对该部门开设的这两类栏目。

    ## 为什么
    《办法》第六条和条例第十二条：行政机关应当编制、公布政府信息公开指南和目录，并及时
    更新；指南告诉公众如何获取信息、向谁申请。

    ## 示例
    `content/edu/guide/` 下没有任何已发布的稿件。

    ## 应改为
    发布 `content/edu/guide/guide.md`：分类、编排体系、获取方式，工作机构名称、地址、
    办公时间、联系电话。
    ---
    ## What it finds
    A department without a published disclosure guide (a column of kind `guide`) or
    disclosure rules page (kind `rules`), where site.toml opens such a column for it.

    ## Why
    Art. 6 and the Regulations (art. 12): every agency publishes its guide and keeps it
    up to date.

    ## Example
    Nothing published in `content/edu/guide/`.

    ## Instead
    Publish `content/edu/guide/guide.md`.
    """
    published = {
        (p.department, p.column) for p in ctx.pages if p.status(ctx.as_of) is Status.PUBLISHED
    }
    for dept in ctx.config.departments:
        for kind in ("guide", "rules"):
            columns = [c for c in ctx.config.columns_of(dept) if c.kind == kind]
            if columns and not any((dept.id, c.id) in published for c in columns):
                column = columns[0]
                fix = _what_to_create(ctx, dept, column, kind)
                message = ctx.t(f"ds.no_{kind}", name=dept.name, column=column.title, fix=fix)
                yield f"content/{dept.id}/{column.id}/", Problem("DS005", None, None, message)


def _what_to_create(ctx: SiteContext, dept, column, kind: str) -> str:
    """The exact fix for DS005: the draft to approve, the date it is scheduled for, or
    the file to create (and the command that writes it)."""
    waiting = sorted(
        (
            p
            for p in (*ctx.pages, *ctx.drafts)
            if (p.department, p.column) == (dept.id, column.id) and p.meta
        ),
        key=lambda p: (p.status(ctx.as_of) is not Status.SCHEDULED, p.path),
    )
    for page in waiting:
        status = page.status(ctx.as_of)
        if status is Status.SCHEDULED and page.meta is not None:
            kind_name = ctx.t(f"ds.kind_{kind}")
            return ctx.t("ds.scheduled", path=page.path, date=page.meta.date, kind=kind_name)
        if status is Status.DRAFT:
            return ctx.t("ds.approve_draft", path=page.path)
    title = ctx.t(f"ds.title_{kind}", name=dept.name)
    path = f"content/{dept.id}/{column.id}/{kind}.md"
    return ctx.t("ds.create", path=path, dept=dept.id, column_id=column.id, title=title, slug=kind)


@rule("DS006", "disclosed-late", Severity.WARNING, article="第十八条", scope="site")
def disclosed_late(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    公开目录中的稿件，从成文日期 `written` 到发布日期 `date` 超过 20 个工作日（按国家法定
    节假日和调休安排计算）。日历未知的年份不会被猜测，而是报告无法判断。

    ## 为什么
    条例第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起
    20 个工作日内及时公开。

    ## 示例
    ```yaml
    written: 2025-09-01
    date: 2025-10-20
    ```
    （中间有国庆长假，仍超过 20 个工作日）

    ## 应改为
    在成文后 20 个工作日内发布；确有延误的，在工作中说明原因并改进。
    ---
    ## What it finds
    A disclosure item published more than 20 working days after it was written, by the
    PRC calendar of statutory holidays and adjusted working weekends. A year the calendar
    does not know is reported, never guessed.

    ## Why
    The Regulations (art. 26): proactive disclosure within 20 working days.

    ## Example
    `written: 2025-09-01`, `date: 2025-10-20`.

    ## Instead
    Publish within 20 working days of writing.
    """
    for page in ctx.pages:
        column = ctx.config.column(page.column)
        meta = page.meta
        if meta is None or meta.written is None or column is None or not column.disclosure:
            continue
        try:
            days = ctx.calendar.working_days_between(meta.written, meta.date)
        except UnknownYear as unknown:
            message = ctx.t("ds.unknown_year", year=unknown.year)
            yield page.path, Problem("DS006", page.line_of("date"), 1, message)
            continue
        if days > PUBLICATION_LIMIT:
            message = ctx.t(
                "ds.late", written=meta.written.isoformat(), date=meta.date.isoformat(), days=days
            )
            yield page.path, Problem("DS006", page.line_of("date"), 1, message)
