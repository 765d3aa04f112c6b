"""MD001–MD003: images are accessible, licensed, and maps are reviewed (Art. 21, 25).

Images and videos are matched to their ``media`` entries by the file they resolve to, so
``../media/a.png`` in the body and ``/edu/media/a.png`` in the front matter are one file.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from govsite.content.model import MediaEntry, Page, Problem
from govsite.findings import Severity
from govsite.render.facts import LinkFact
from govsite.render.markdown import UNSAFE_SCHEME
from govsite.rules.registry import PageContext, rule
from govsite.rules.texts import column_of

VIDEO_SUFFIXES = (".mp4", ".webm", ".mov", ".m4v", ".avi", ".flv", ".mkv", ".ogv")
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼港澳台"
MAP_REVIEW_NO = re.compile(
    rf"^(?:GS[{PROVINCES}]?|[{PROVINCES}]S)\s*[（(]\s*\d{{4}}\s*[）)]\s*\d{{1,6}}\s*号$"
)


def media_target(page: Page, file: str) -> str:
    """Where a media reference points, as a path below content/ (or the URL if external)."""
    if "://" in file:
        return file
    base = "" if file.startswith("/") else posixpath.dirname(page.content_path)
    return posixpath.normpath(posixpath.join(base, file.lstrip("/")))


def _media_links(ctx: PageContext) -> list[LinkFact]:
    if ctx.facts is None:
        return []
    return [
        link
        for link in ctx.facts.links
        if (link.image or link.href.lower().split("?")[0].endswith(VIDEO_SUFFIXES))
        and not UNSAFE_SCHEME.match(link.href.replace(" ", ""))  # LK004's business
    ]


def _entries(page: Page) -> dict[str, tuple[int, MediaEntry]]:
    if page.meta is None:
        return {}
    return {media_target(page, e.file): (i, e) for i, e in enumerate(page.meta.media)}


def _link_key(page: Page, link: LinkFact) -> str:
    return link.target if link.kind == "file" and link.target else media_target(page, link.href)


@rule("MD001", "image-without-alt", Severity.WARNING, article="《政府网站发展指引》（无障碍）")
def image_without_alt(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    没有替代文字（alt）的图片：`![](../media/a.png)`。

    ## 为什么
    《政府网站发展指引》和适老化、无障碍改造要求页面可被读屏软件朗读；没有替代文字的
    图片，视障用户无从知道它的内容。

    ## 示例
    ![](../media/map.png)

    ## 应改为
    ![示例市国土空间总体规划图](../media/map.png)
    ---
    ## What it finds
    An image without alt text.

    ## Why
    Government sites must be accessible; screen readers read the alt text.

    ## Example
    `![](../media/map.png)`

    ## Instead
    `![示例市国土空间总体规划图](../media/map.png)`
    """
    for link in _media_links(ctx):
        if link.image and not link.alt.strip():
            yield Problem(
                "MD001",
                link.line,
                column_of(page, link.line, link.href),
                ctx.t("md.no_alt", file=link.href),
            )


@rule("MD002", "media-without-source-or-license", Severity.ERROR, article="第二十一条")
def media_without_source_or_license(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    页面中的图片或视频没有在前置元数据 `media` 中登记，或登记了但缺少来源 `source`、
    授权 `license`。

    ## 为什么
    《办法》第二十一条禁止发布可能引起著作权纠纷的图片和视频；登记来源和授权，出现
    纠纷时才说得清。

    ## 示例
    正文有 `![活动现场](../media/a.png)`，`media` 中没有这张图片。

    ## 应改为
    ```yaml
    media:
      - {file: ../media/a.png, source: 示例市教育体育局, license: 本单位原创}
    ```
    ---
    ## What it finds
    An image or video in the page that is not declared in `media`, or declared without
    `source` and `license`.

    ## Why
    Art. 21 forbids images and videos that may bring copyright disputes.

    ## Example
    `![活动现场](../media/a.png)` with no `media` entry.

    ## Instead
    Declare it with its source and license.
    """
    entries = _entries(page)
    for link in _media_links(ctx):
        if _link_key(page, link) not in entries:
            column = column_of(page, link.line, link.href)
            yield Problem("MD002", link.line, column, ctx.t("md.undeclared", file=link.href))
    for index, entry in entries.values():
        missing = [name for name in ("source", "license") if not getattr(entry, name)]
        if missing:
            line, column = page.positions.get(("media", index), (page.line_of("media"), 1))
            yield Problem(
                "MD002",
                line,
                column,
                ctx.t("md.incomplete", file=entry.file, fields=ctx.t.join(missing)),
            )


@rule("MD003", "map-without-review-number", Severity.ERROR, article="第二十五条")
def map_without_review_number(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    `media` 中 `kind: map` 的地图没有有效的审图号 `map_review_no`（如 `GS(2024)1234号`、
    `GS京(2022)1061号`、`云S(2023)012号`，全角括号亦可）；或替代文字写明是“地图”的图片
    没有作为地图登记。

    ## 为什么
    《办法》第二十五条：使用地图应当使用标准地图或经审核的地图，并标注审图号。问题地图
    （如国界线错误）是严重政治问题。

    ## 示例
    ```yaml
    media:
      - {file: ../media/map.png, source: 本局, license: 本单位原创, kind: map}
    ```

    ## 应改为
    ```yaml
    media:
      - {file: ../media/map.png, source: 本局, license: 本单位原创, kind: map, map_review_no: 云S(2025)012号}
    ```
    ---
    ## What it finds
    A `kind: map` media entry without a valid map review number (`GS(2024)1234号`,
    `GS京(2022)1061号`, `云S(2023)012号`), or an image whose alt text says 地图 that is not
    declared as a map.

    ## Why
    Art. 25: maps must be standard maps or carry their review number.

    ## Example
    A map entry without `map_review_no`.

    ## Instead
    Add `map_review_no: 云S(2025)012号`.
    """
    entries = _entries(page)
    for index, entry in entries.values():
        if entry.kind == "map" and not MAP_REVIEW_NO.match(entry.map_review_no.strip()):
            line, column = page.positions.get(("media", index), (page.line_of("media"), 1))
            key = "md.bad_review_no" if entry.map_review_no else "md.no_review_no"
            yield Problem(
                "MD003", line, column, ctx.t(key, file=entry.file, value=entry.map_review_no)
            )
    for link in _media_links(ctx):
        if link.image and "地图" in link.alt:
            found = entries.get(_link_key(page, link))
            if found is None or found[1].kind != "map":
                column = column_of(page, link.line, link.href)
                yield Problem(
                    "MD003", link.line, column, ctx.t("md.undeclared_map", file=link.href)
                )
