"""FM001–FM004: the file and its front matter can be read and placed (Art. 6, 20).

These problems are found while loading (see ``govsite.content.loader``); the rules
here give them their codes, severities and documentation.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsite.content.loader import duplicate_urls
from govsite.content.model import Page, Problem
from govsite.findings import Severity
from govsite.rules.registry import PageContext, SiteContext, rule


def _loaded(page: Page, code: str) -> Iterator[Problem]:
    return (problem for problem in page.problems if problem.rule == code)


@rule("FM001", "unreadable-front-matter", Severity.ERROR, article="第二十条")
def unreadable_front_matter(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    无法读取的文件或前置元数据：文件不是 UTF-8、为空、缺少 `---` 开头或结尾、YAML 语法错误，
    或某个字段类型不对（如日期写成 `2026-3-2`）、取值不在允许范围内、字段名拼错。

    ## 为什么
    《办法》第二十条要求发布前校对审核。读不懂的元数据无法证明审核链，也无法正确编目，
    因此不能发布。

    ## 示例
    ```yaml
    date: 2026年3月2日
    ```

    ## 应改为
    ```yaml
    date: 2026-03-02
    ```
    ---
    ## What it finds
    A file or front matter that cannot be read: not UTF-8, empty, without its opening or
    closing `---`, invalid YAML, or a field of the wrong type, outside its allowed values,
    or misspelt.

    ## Why
    Art. 20 requires proofreading and review before publication; metadata that cannot be
    read proves no review and cannot be catalogued.

    ## Example
    `date: 2026年3月2日`

    ## Instead
    `date: 2026-03-02`
    """
    return _loaded(page, "FM001")


@rule("FM002", "missing-required-field", Severity.ERROR, article="第二十条")
def missing_required_field(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    缺少必填字段：`title`、`date`、`review`（及其 `status`、`level`），转载稿的 `source`，
    媒体条目的 `file`，豁免条目的 `rule`、`reason`、`by`。

    ## 为什么
    《办法》第二十条：信息发布前应完整校对审核；缺少标题、日期或审核信息的稿件不完整。

    ## 示例
    ```yaml
    title: 关于开展安全检查的通知
    review: {status: approved, level: general}
    ```

    ## 应改为
    补上 `date: 2026-03-02`。
    ---
    ## What it finds
    A required field missing: `title`, `date`, `review` (with its `status` and `level`),
    `source` on a repost, `file` in a media entry, `rule`/`reason`/`by` in a waiver.

    ## Why
    Art. 20: an item is complete and reviewed before it is published.

    ## Example
    Front matter without `date:`.

    ## Instead
    Add `date: 2026-03-02`.
    """
    return _loaded(page, "FM002")


@rule("FM003", "unknown-department-or-column", Severity.ERROR, article="第六条")
def unknown_department_or_column(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    文件所在目录不是 `site.toml` 登记的部门或栏目，栏目未对该部门开设，或前置元数据中的
    `department`、`column` 与目录不一致。

    ## 为什么
    《办法》第六条：“一市一平台”，各部门在统一平台的本部门栏目中发布。目录决定信息归属，
    归属不明的稿件无法确定责任单位。

    ## 示例
    `content/edu/nwes/x.md`（栏目 `nwes` 不存在）

    ## 应改为
    `content/edu/news/x.md`
    ---
    ## What it finds
    A file in a folder that is not a department or column of `site.toml`, a column not
    opened for that department, or front matter whose `department`/`column` disagree
    with the folders.

    ## Why
    Art. 6: one city, one platform; the folder decides which department answers for an item.

    ## Example
    `content/edu/nwes/x.md` (no column `nwes`)

    ## Instead
    `content/edu/news/x.md`
    """
    return _loaded(page, "FM003")


@rule("FM004", "url-conflict", Severity.ERROR, article="第二十条", scope="site")
def url_conflict(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    两个文件发布到同一网址（如 `slug` 重复），或 slug 不是安全的网址片段
    （只允许小写字母、数字和连字符，且不能是保留字 `page`、`feed`）。

    ## 为什么
    同一网址只能有一个来源，否则后写的稿件会悄悄覆盖先发布的稿件。

    ## 示例
    ```yaml
    slug: 2026年通知
    ```

    ## 应改为
    ```yaml
    slug: 2026-notice
    ```
    ---
    ## What it finds
    Two files publishing to one URL (e.g. a repeated `slug`), or a slug that is not
    URL-safe (lowercase letters, digits and hyphens; not the reserved `page` or `feed`).

    ## Why
    One URL has one source; otherwise one item silently overwrites another.

    ## Example
    `slug: 2026年通知`

    ## Instead
    `slug: 2026-notice`
    """
    for page in ctx.pages:
        for problem in _loaded(page, "FM004"):
            yield page.path, problem
    for path, problems in duplicate_urls(list(ctx.pages), ctx.t).items():
        for problem in problems:
            yield path, problem
