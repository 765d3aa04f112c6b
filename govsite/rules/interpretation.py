"""IN001–IN002: policies are interpreted (政策解读), and interpretations name their policy.

An interpretation names the policy it interprets in its front matter (``interprets``,
resolved like a link, see ``govsite.content.relations``); the policy page lists its
interpretations and each interpretation links back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from govsite.content.model import Problem, Status
from govsite.content.relations import interpretation_relations
from govsite.findings import Severity
from govsite.rules.registry import SiteContext, rule

ARTICLE = "第二条；国办秘函〔2019〕19号"


@rule("IN001", "policy-without-interpretation", Severity.WARNING, article=ARTICLE, scope="site")
def policy_without_interpretation(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    信息公开栏目（`disclosure = true`）中政策文件类栏目（`kind = "policy"`）的文件，发布后超过
    该栏目在 `site.toml` 中设定的天数（`interpretation_days`）仍没有任何已发布的解读稿件
    （解读稿件用 `interprets` 指向它）。没有设定 `interpretation_days` 的栏目不检查。
    到 `--as-of` 为止已经废止（`repealed`）的文件不检查，包括在解读期限之前就废止的文件。

    ## 为什么
    《办法》第二条把解读回应列为政府网站的基本功能；国家检查指标把“发布解读”列为扣分项，
    要求政策文件与解读材料同步组织、同步审签、同步部署。

    ## 示例
    `content/edu/policy/measures.md` 于 3 月 2 日发布，`interpretation_days = 30`，
    11 月检查时仍没有解读。

    ## 应改为
    发布解读稿件，并在其前置元数据中写明所解读的文件：
    ```yaml
    interprets: ../policy/measures.md
    ```
    ---
    ## What it finds
    A document of a policy column (`kind = "policy"`) of a disclosure column that has no
    published interpretation (an item whose `interprets` names it) more than the column's
    `interpretation_days` after its publication. Columns without `interpretation_days` are
    not judged; a document repealed by `--as-of` is not judged, nor one repealed before
    its interpretation was due.

    ## Why
    Art. 2 makes interpreting policy a function of every government website; the national
    indicators deduct for policies published without interpretation.

    ## Example
    A measure published on 2 March, `interpretation_days = 30`, still uninterpreted in
    November.

    ## Instead
    Publish an interpretation with `interprets: ../policy/measures.md`.
    """
    published = [p for p in ctx.pages if p.status(ctx.as_of) is Status.PUBLISHED]
    relations = interpretation_relations(published)
    for page in published:
        column = ctx.config.column(page.column)
        meta = page.meta
        if meta is None or column is None or column.interpretation_days is None:
            continue
        if column.kind != "policy" or not column.disclosure:
            continue
        due = meta.date + dt.timedelta(days=column.interpretation_days)
        if ctx.as_of <= due or page.path in relations.interpretations:
            continue
        if meta.repealed is not None and meta.repealed <= ctx.as_of:
            continue
        message = ctx.t(
            "in.missing",
            date=meta.date.isoformat(),
            days=column.interpretation_days,
            due=due.isoformat(),
            path=page.content_path,
        )
        yield page.path, Problem("IN001", page.line_of("date"), 1, message)


@rule("IN002", "interpretation-of-nothing", Severity.ERROR, article=ARTICLE, scope="site")
def interpretation_of_nothing(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    解读稿件的 `interprets` 指向的不是政策文件：文件不存在、尚未发布（草稿），或者所在栏目
    不是政策文件类（`kind = "policy"`）。写法与站内链接相同：相对路径（`../policy/x.md`）、
    从 content 根目录起的路径（`/edu/policy/x.md`）或发布后的网址（`/edu/policy/x/`）。

    ## 为什么
    解读页面要链接回所解读的政策文件，政策文件页面要列出它的解读；指向错误，两边的链接
    就会断开或张冠李戴，公众无法对照阅读（《办法》第二条）。

    ## 示例
    ```yaml
    interprets: ../policy/after-school-measure.md
    ```
    （文件名写错，实际是 `after-school-service-management-measures.md`）

    ## 应改为
    ```yaml
    interprets: ../policy/after-school-service-management-measures.md
    ```
    ---
    ## What it finds
    An `interprets` that names no policy: the file does not exist, is not published (a
    draft), or is not in a policy column (`kind = "policy"`). It is written like an internal
    link: relative, from the content root, or the published URL.

    ## Why
    The interpretation links back to its policy and the policy lists its interpretations;
    a wrong target breaks both (Art. 2).

    ## Example
    `interprets: ../policy/after-school-measure.md` with the file name misspelt.

    ## Instead
    Name the policy's file exactly.
    """
    relations = interpretation_relations(ctx.pages)
    for page in ctx.pages:
        written = relations.unresolved.get(page.path)
        target = relations.interprets.get(page.path)
        if written is not None:
            message = ctx.t("in.no_target", target=written)
        elif target is not None and _kind(ctx, target.column) != "policy":
            message = ctx.t("in.not_policy", target=page.meta.interprets, title=_title(target))  # type: ignore[union-attr]
        else:
            continue
        line = page.line_of("interprets")
        column = page.positions.get(("interprets",), (line, 1))[1]
        yield page.path, Problem("IN002", line, column, message)


def _kind(ctx: SiteContext, column_id: str) -> str:
    column = ctx.config.column(column_id)
    return column.kind if column is not None else ""


def _title(page) -> str:
    return page.meta.title if page.meta is not None else page.path
