"""DS001–DS007: government information disclosure (政府信息公开条例; Art. 6, 18).

The annual report rules read the reports the site analysis loaded (see
``govsite.disclosure.annual``); the catalogue rules read the disclosure columns.
Working days follow the PRC calendar (``govsite.workdays``); a year it does not know is
reported, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from govsite.content.model import Page, Problem, Status
from govsite.drafts import is_draft
from govsite.findings import Severity
from govsite.rules.registry import SiteContext, rule
from govsite.workdays import UnknownYear

PUBLICATION_LIMIT = 20  # working days from 形成 to 公开 (条例第二十六条)
INDEX_NO = re.compile(
    r"^(?P<prefix>[0-9A-Z][0-9A-Z-]{4,19})/(?P<year>\d{4})(\d{2})?-(?P<serial>\d{4,6})$"
)


def _report_problems(ctx: SiteContext, codes: tuple[str, ...]) -> Iterator[tuple[str, Problem]]:
    for report in ctx.reports:
        for path, problem in report.problems:
            if problem.rule in codes:
                yield path, problem


@rule("DS001", "annual-report-missing", Severity.WARNING, article="第六条", scope="site")
def annual_report_missing(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    1 月 31 日之后（以 `--as-of` 为准），部门还没有上一年度的政府信息公开工作年度报告
    `content/<部门>/annual-report/<上一年>.yaml`。

    ## 为什么
    《办法》第六条要求各部门每年发布政府信息公开工作年度报告；《政府信息公开条例》
    第四十九条规定县级以上人民政府部门应当在每年 1 月 31 日前公布上一年度报告。

    ## 示例
    2026 年 2 月 1 日，`content/edu/annual-report/2025.yaml` 不存在。

    ## 应改为
    按国家统一格式填写并提交 `2025.yaml`（见 `govsite report annual`）。
    ---
    ## What it finds
    A department without last year's annual report after 31 January (as of `--as-of`).

    ## Why
    Art. 6; the Regulations (art. 49) require departments to publish last year's report
    by 31 January.

    ## Example
    On 2026-02-01 there is no `content/edu/annual-report/2025.yaml`.

    ## Instead
    Fill in and commit `2025.yaml` in the national format.
    """
    due_year = (
        ctx.as_of.year - 1 if ctx.as_of > dt.date(ctx.as_of.year, 1, 31) else ctx.as_of.year - 2
    )
    present = {(r.department, r.year) for r in ctx.reports}
    for dept in ctx.config.departments:
        if (dept.id, due_year) not in present:
            path = f"content/{dept.id}/annual-report/{due_year}.yaml"
            yield (
                path,
                Problem(
                    "DS001", None, None, ctx.t("ds.missing_report", year=due_year, name=dept.name)
                ),
            )


@rule("DS002", "annual-report-arithmetic", Severity.ERROR, article="第六条", scope="site")
def annual_report_arithmetic(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    年度报告的数字不符合国家格式的勾稽关系：每个申请人类别（及总计）“第一项加第二项之和
    等于第三项加第四项之和”；总计等于六类申请人之和；表四每个总计等于维持、纠正、其他、
    尚未审结之和；所有数字为非负整数。报告会指出是哪个表格的哪一行哪一列（及 YAML 路径），
    应为多少、实为多少。

    ## 为什么
    《办法》第六条要求每年发布年度报告；国务院办公厅的统一格式规定了表三的勾稽关系，
    数字对不上的报告会在检查中被通报。

    ## 示例
    ```yaml
    applications:
      new: [12, 0, 0, 0, 0, 0]
      granted: [10, 0, 0, 0, 0, 0]
      carried_forward: [1, 0, 0, 0, 0, 0]
    ```

    ## 应改为
    `carried_forward: [2, 0, 0, 0, 0, 0]`（12 = 10 + 2）
    ---
    ## What it finds
    Annual report figures that break the national format's arithmetic: per applicant
    column (and the total) new + carried over = handled + carried forward; totals are
    sums; table 四 totals are sums of their four results; counts are non-negative
    integers. The finding names the table, row and column (and the YAML path) with the
    expected and the found value.

    ## Why
    Art. 6; the national format defines these identities and inspections check them.

    ## Example
    12 new, 10 granted, 1 carried forward.

    ## Instead
    2 carried forward (12 = 10 + 2).
    """
    return _report_problems(ctx, ("DS002", "FM001"))


@rule(
    "DS003", "annual-report-contradicts-content", Severity.WARNING, article="第六条", scope="site"
)
def annual_report_contradicts_content(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    年度报告表二申报的规章、行政规范性文件“本年制发件数”“本年废止件数”与网站内容不一致：
    内容中 `doc_type: regulation` / `normative` 且成文日期（无则发布日期）在该年的文件数，
    以及 `repealed` 在该年的文件数。

    ## 为什么
    《办法》第六条：年度报告须真实准确。报告说制发了 3 件规范性文件，网站上却只能找到 1 件，
    要么报告不实，要么文件没有公开。

    ## 示例
    `normative_documents: {issued: 3}`，而本部门 2025 年的行政规范性文件只有 1 件。

    ## 应改为
    核对后改为 `issued: 1`，或把漏发的文件发布到政策文件栏目。
    ---
    ## What it finds
    Table 二 figures for regulations and normative documents issued and repealed that
    differ from what the content shows (`doc_type` with `written` — else `date` — in the
    year; `repealed` in the year).

    ## Why
    Art. 6: the report is true and accurate; a mismatch means a false report or an
    unpublished document.

    ## Example
    `issued: 3` while the department published one normative document that year.

    ## Instead
    Correct the figure, or publish the missing document.
    """
    for report in ctx.reports:
        for kind, key in (("regulation", "regulations"), ("normative", "normative_documents")):
            issued, repealed = _content_counts(ctx, report.department, kind, report.year)
            declared = report.proactive.get(key, {})
            for name, actual in (("issued", issued), ("repealed", repealed)):
                if int(declared.get(name, 0)) != actual:
                    line = report.line_of("proactive", key, name)
                    message = ctx.t(
                        "ds.contradicts",
                        path=f"proactive.{key}.{name}",
                        declared=int(declared.get(name, 0)),
                        actual=actual,
                        year=report.year,
                    )
                    yield report.path, Problem("DS003", line, 1 if line else None, message)


def _content_counts(ctx: SiteContext, dept: str, doc_type: str, year: int) -> tuple[int, int]:
    issued = repealed = 0
    for page in ctx.pages:
        meta = page.meta
        if page.department != dept or meta is None or meta.doc_type != doc_type:
            continue
        if is_draft(page):
            continue  # not in the content the public sees
        issued += (meta.written or meta.date).year == year
        repealed += meta.repealed is not None and meta.repealed.year == year
    return issued, repealed


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
        line = page.line_of("index_no") if index_no else 1
        dept = ctx.config.department(page.department)
        match = INDEX_NO.match(index_no)
        if not index_no:
            yield page.path, Problem("DS004", 1, 1, ctx.t("ds.index_missing"))
        elif not match:
            yield page.path, Problem("DS004", line, 1, ctx.t("ds.index_format", value=index_no))
        elif dept is not None and dept.credit_code and match.group("prefix") != dept.credit_code:
            yield (
                page.path,
                Problem(
                    "DS004",
                    line,
                    1,
                    ctx.t("ds.index_prefix", value=index_no, code=dept.credit_code),
                ),
            )
        elif index_no in owners:
            yield (
                page.path,
                Problem(
                    "DS004",
                    line,
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
        (p for p in ctx.pages if (p.department, p.column) == (dept.id, column.id) and p.meta),
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
        line = page.line_of("date")
        try:
            days = ctx.calendar.working_days_between(meta.written, meta.date)
        except UnknownYear as unknown:
            yield page.path, Problem("DS006", line, 1, ctx.t("ds.unknown_year", year=unknown.year))
            continue
        if days > PUBLICATION_LIMIT:
            message = ctx.t(
                "ds.late", written=meta.written.isoformat(), date=meta.date.isoformat(), days=days
            )
            yield page.path, Problem("DS006", line, 1, message)


@rule("DS007", "late-reply", Severity.WARNING, article="第六条", scope="site")
def late_reply(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    依申请公开记录（`applications-<年>.csv`）中超过法定期限答复的申请：自收到申请之日起
    20 个工作日；`extended` 为 yes（经批准延长）的，最长再延长 20 个工作日。govsite 在国家
    目录之外增加的规则。

    ## 为什么
    条例第三十三条：不能当场答复的，应当自收到申请之日起 20 个工作日内予以答复；需要延长
    的，经负责人同意并告知申请人，延长期限最长不得超过 20 个工作日。

    ## 示例
    `YSQ-2025-007,2025-03-03,natural_person,granted,2025-04-15,`

    ## 应改为
    按期答复；确需延长的，履行审批和告知手续并在记录中注明 `extended: yes`。
    ---
    ## What it finds
    An application in `applications-<year>.csv` answered after the statutory limit: 20
    working days from receipt, or 40 when `extended` is yes. A govsite addition to the
    catalogue.

    ## Why
    The Regulations (art. 33).

    ## Example
    Received 2025-03-03, answered 2025-04-15, not extended.

    ## Instead
    Answer on time, or record an approved extension.
    """
    for report in ctx.reports:
        for late in report.late_replies:
            message = ctx.t(
                "ds.late_reply", id=late.application, days=late.working_days, limit=late.limit
            )
            yield report.applications_source, Problem("DS007", late.line, 1, message)
        for year in sorted(report.unknown_years):
            yield (
                report.applications_source,
                Problem("DS007", None, None, ctx.t("ds.unknown_year", year=year)),
            )
