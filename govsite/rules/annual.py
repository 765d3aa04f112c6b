"""DS001–DS003, DS007, DS008: the annual information-disclosure report (Art. 6; 条例
第四十九条、第五十条).

They read the reports the site analysis loaded (``govsite.disclosure.annual``): reading
and arithmetic problems are found once while loading and reported here (DS002), the
cross-site and cross-year comparisons are made here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from govsite.content.model import Problem
from govsite.disclosure.crossyear import in_force_gaps
from govsite.disclosure.layout import PROACTIVE
from govsite.drafts import is_draft
from govsite.findings import Severity
from govsite.rules.registry import SiteContext, rule


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
    年度报告的数字读不出来，或不符合国家格式的勾稽关系。每个印出的合计都与它下面一层的
    数字（按报告所印）核对，错在哪一行就指向哪一行：
    - 表三每行的“总计”等于六类申请人之和；
    - 某项印有小计的（如 `withheld.total`），小计等于各子行之和；
    - “（七）总计”（`total_handled`）等于（一）至（六）之和；
    - 每一列“第一项加第二项之和，等于第三项加第四项之和”；
    - 表四每个“总计”等于维持、纠正、其他、尚未审结之和；
    - 件数为非负整数，收费金额为非负金额（万元，可带小数）。

    空白格（留空、`——`、`/`）按 0 计；只有当空白藏住了勾稽关系需要的数时，才以警告指出
    应填多少。写在 `[ ]` 或 `{ }` 中的千位分隔符（`447,228`）按一个数读取并给出警告。
    报告指出是哪个表格的哪一行哪一列（及 YAML 路径），应为多少、实为多少。

    ## 为什么
    《办法》第六条要求每年发布年度报告；国务院办公厅的统一格式（国办公开办函〔2021〕30号）
    规定了表三的勾稽关系，数字对不上的报告会在检查中被通报。

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
    Annual report figures that cannot be read or break the national format's arithmetic.
    Every printed total is checked against the figures directly beneath it, as printed,
    so the finding lands on the row whose sum disagrees: a row's total = its six
    applicant columns; a printed group subtotal (`withheld.total`) = its sub-rows;
    （七）总计 (`total_handled`) = rows （一） to （六）; per column new + carried over =
    handled + carried forward; table 四 totals = their four results; counts are
    non-negative integers and fees non-negative amounts (decimals allowed).

    A blank cell (empty, `——`, `/`) counts as 0; a warning says which number a blank
    hides when the arithmetic needs one there. Thousands separators inside `[ ]` or
    `{ }` (`447,228`) are read as one number, with a warning.

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
    labels = {key: (row, dict(fields)) for key, _, row, fields in PROACTIVE}
    for report in ctx.reports:
        for kind, key in (("regulation", "regulations"), ("normative", "normative_documents")):
            issued, repealed = _content_counts(ctx, report.department, kind, report.year)
            if key not in report.proactive:
                continue  # the file could not be read: FM001 says so
            declared = report.proactive[key]
            row, columns = labels[key]
            for name, actual in (("issued", issued), ("repealed", repealed)):
                if f"proactive.{key}.{name}" in report.unreadable:
                    continue  # DS002 says so
                if int(declared.get(name, 0)) != actual:
                    # The cell itself, named as the national format prints it, and what
                    # the count is made of: the officer fixes either the report or the
                    # front matter of the documents, and must be told which it counts.
                    line, column = report.positions.get(
                        ("proactive", key, name, "="),
                        (report.line_of("proactive", key, name), 1),
                    )
                    message = ctx.t(
                        f"ds.contradicts_{name}",
                        row=row,
                        column=columns[name],
                        path=f"proactive.{key}.{name}",
                        declared=report.shown(f"proactive.{key}.{name}", declared.get(name, 0))
                        or ctx.t("ds.blank_empty"),
                        actual=actual,
                        year=report.year,
                        doc_type=kind,
                    )
                    yield report.path, Problem("DS003", line, column if line else None, message)


def _content_counts(ctx: SiteContext, dept: str, doc_type: str, year: int) -> tuple[int, int]:
    issued = repealed = 0
    for page in ctx.pages:
        meta = page.meta
        if page.department != dept or meta is None or meta.doc_type != doc_type:
            continue
        if is_draft(page):
            continue  # not in the content the public sees (govsite.drafts)
        issued += (meta.written or meta.date).year == year
        repealed += meta.repealed is not None and meta.repealed.year == year
    return issued, repealed


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


@rule("DS008", "annual-report-in-force-drift", Severity.WARNING, article="第六条", scope="site")
def annual_report_in_force_drift(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    表二规章、行政规范性文件的“现行有效件数”与上一年度报告对不上：上年现行有效件数加本年
    制发件数减本年废止件数，应等于本年现行有效件数。只在同一部门上一年度的报告
    （`content/<部门>/annual-report/<上一年>.yaml`）也在仓库中时检查；空白格按 0 计。

    ## 为什么
    《办法》第六条要求年度报告真实准确。国家格式没有规定跨年的勾稽关系，文件也可能因
    有效期届满而失效，所以这只是警告：数字对不上时，请核对或在报告中说明原因。

    ## 示例
    2024 年报告 `normative_documents: {in_force: 12}`，2025 年报告
    `normative_documents: {issued: 3, repealed: 1, in_force: 16}`。

    ## 应改为
    `in_force: 14`（12 + 3 − 1），或在“其他需要报告的事项”中说明另有 2 件因有效期届满失效。
    ---
    ## What it finds
    A table 二 “in force” figure (regulations, normative documents) that does not follow
    from last year's report: last year's in force + issued − repealed this year should
    equal this year's in force. Checked only when the department's report of the year
    before is in the repository; blank cells count as 0.

    ## Why
    Art. 6: reports are true and accurate. The national format states no cross-year
    identity and documents may lapse when their term ends, so this is a warning that
    asks for a check or an explanation.

    ## Example
    2024: `in_force: 12`; 2025: `issued: 3, repealed: 1, in_force: 16`.

    ## Instead
    `in_force: 14` (12 + 3 − 1), or explain the difference in the report.
    """
    by_year = {(r.department, r.year): r for r in ctx.reports}
    for report in ctx.reports:
        previous = by_year.get((report.department, report.year - 1))
        if previous is None:
            continue
        for gap in in_force_gaps(report, previous):

            def shown(value) -> str:
                return value.text + (ctx.t("ds.blank_note") if value.blank else "")

            message = ctx.t(
                "ds.cross_year",
                row=gap.label,
                path=f"proactive.{gap.key}.in_force",
                found=shown(gap.found),
                expected=gap.expected,
                previous=shown(gap.previous),
                previous_path=f"{previous.path}",
                issued=shown(gap.issued),
                repealed=shown(gap.repealed),
            )
            yield report.path, Problem("DS008", gap.line, 1 if gap.line else None, message)
