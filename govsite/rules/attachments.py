"""AT001: attachments are checked as strictly as pages (Art. 21, 39).

This pass reads the text of each attachment in ``content/<dept>/media/`` and runs the
page detectors on it; what it finds carries those rules' own codes (PV001 for an ID
number in a Word file, AD002 for gambling spam in a PDF …). AT001 itself reports an
attachment whose text cannot be read, so cannot be checked, and hidden text in Word.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from govsite.attachments import CHECKED_SUFFIXES, UnreadableAttachment
from govsite.attachtext import problems, text_chunks
from govsite.content.model import Problem
from govsite.findings import Severity
from govsite.identifiers import find_identifiers, mask
from govsite.rules.matching import matcher_for, swap_matcher
from govsite.rules.privacy import KINDS, reportable
from govsite.rules.registry import SiteContext, rule

PRIVACY_CODES = {
    "id": "PV001",
    "mobile": "PV002",
    "landline": "PV003",
    "card": "PV004",
    "address": "PV005",
}
PRIVACY_MESSAGES = {
    "id": "pv.id",
    "mobile": "pv.mobile",
    "landline": "pv.landline",
    "card": "pv.card",
    "address": "pv.address",
}


@rule(
    "AT001",
    "unchecked-attachment",
    Severity.WARNING,
    article="第二十一条、第三十九条",
    scope="site",
)
def unchecked_attachment(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    无法读取文字、因而无法检查的附件（加密或损坏的 PDF、只有扫描图像的 PDF、不是 UTF-8 的
    文本），以及 Word 附件中设置为“隐藏”的文字。可以读取的附件（.docx、.pdf、.txt、.csv）
    与页面一样检查个人信息（PV001–PV005）、广告和违法信息（AD001、AD002）和表述错误
    （WD001、WD002），问题用这些规则的代码报告，位置是附件的段、页或行。

    ## 为什么
    《办法》第二十一条禁止发布个人隐私等内容，附件也不例外：获奖名单、公示名单常以附件
    发布，身份证号码多藏在附件里。第三十九条：隐藏文字是植入违法信息的常见手法。

    ## 示例
    `content/edu/media/名单.pdf` 是扫描件，无法提取文字。

    ## 应改为
    发布可以提取文字的版本（由 Word 直接导出 PDF），并去除隐藏文字。
    ---
    ## What it finds
    An attachment whose text cannot be read, so cannot be checked (encrypted, damaged or
    scanned PDF, non-UTF-8 text), and hidden text in Word files. Readable attachments
    (.docx, .pdf, .txt, .csv) are checked like pages for personal data, advertising,
    illegal content and wording errors, reported under those rules' codes at the
    attachment's paragraph, page or line.

    ## Why
    Art. 21 applies to attachments too (name lists are usually attachments); Art. 39:
    hidden text is a classic place to inject illegal content.

    ## Example
    A scanned PDF of a name list.

    ## Instead
    Publish a text PDF exported from Word, without hidden text.
    """
    for rel in ctx.attachments:
        path = ctx.config.root / rel
        # Judged once per file content and rule pack (cached; in parallel before the rule).
        for problem in problems(path, partial(attachment_problems, ctx=ctx)):
            yield rel, problem


def attachment_problems(path: Path, ctx: SiteContext) -> list[Problem]:
    """What the page detectors find in one attachment: a function of its bytes."""
    try:
        found = text_chunks(path)  # extracted once per file content (cached)
    except UnreadableAttachment as error:
        return [Problem("AT001", None, None, ctx.t("at.unreadable", detail=str(error)))]
    return [problem for chunk in found for problem in _judge(chunk, ctx)]


def _judge(chunk, ctx: SiteContext) -> Iterator[Problem]:
    where = ctx.t("at.where", position=chunk.position, unit=chunk.unit)
    if chunk.hidden:
        yield Problem("AT001", chunk.position, 1, where + ctx.t("at.hidden"))
    for hit in filter(reportable, find_identifiers(chunk.text, ctx.config.official_phones)):
        code, message_key, _ = KINDS[hit.kind]
        masked = mask(hit)
        message = where + ctx.t(message_key, value=masked)
        yield Problem(code, chunk.position, 1, message, excerpt=masked)
    lists = [("AD001", matcher_for(ctx.pack.advertising), "ad.advertising", "")]
    lists += [
        ("AD002", matcher_for(t, ctx.pack.illegal_allow), "ad.illegal", t.label)
        for t in ctx.pack.illegal
    ]
    for code, matcher, key, label in lists:
        terms = list(dict.fromkeys(m.text for m in matcher.find(chunk.text)))
        if terms:
            yield Problem(
                code, chunk.position, 1, where + ctx.t(key, term="”“".join(terms), label=label)
            )
    for code, swaps, allow, key in (
        ("WD001", ctx.pack.wording, ctx.pack.wording_allow, "wd.serious"),
        ("WD002", ctx.pack.typos, ctx.pack.typos_allow, "wd.typo"),
    ):
        matcher = swap_matcher(tuple(swaps.items()), allow)
        for match in matcher.find(chunk.text):
            right = matcher.replacements[match.text.lower()]
            yield Problem(
                code, chunk.position, 1, where + ctx.t(key, wrong=match.text, right=right)
            )


def attachment_paths(media: list[str]) -> tuple[str, ...]:
    """The media files whose text is checked."""
    return tuple(rel for rel in media if Path(rel).suffix.lower() in CHECKED_SUFFIXES)
