"""PV001–PV005: personal information must not be published (Art. 21, 26).

The family parses once: every span of the page is scanned for identifiers in one pass
(``govsite.identifiers``) and each rule keeps its own kind. Excerpts are masked. A
penalty disclosure (``privacy.exemption``) lowers PV002–PV005 to info with its basis
recorded; an unmasked ID number stays an error even then (Art. 26 still requires
de-identification of ID numbers).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from govsite.content.model import Page, Problem
from govsite.findings import Severity
from govsite.identifiers import CANDIDATE, Hit, find_identifiers, mask
from govsite.rules.registry import PageContext, rule
from govsite.rules.texts import Published, Span, published_page

# What each kind of identifier is reported as: (rule, message key, lowered by an exemption).
KINDS = {
    "id": ("PV001", "pv.id", False),
    "mobile": ("PV002", "pv.mobile", True),
    "landline": ("PV003", "pv.landline", True),
    "card": ("PV004", "pv.card", True),
    "address": ("PV005", "pv.address", True),
}


def reportable(hit: Hit) -> bool:
    """Landlines count only as a private person's contact."""
    return hit.kind != "landline" or hit.private


def identifier_hits(published: Published, phones: frozenset[str]) -> list[tuple[Span, Hit]]:
    """Every reportable identifier in every published span (one pass for PV001–PV005).
    One scan of the whole page picks the spans that have the digits any identifier
    needs; only those are read closely."""
    lines = published.lines
    wanted = sorted(
        {bisect.bisect_right(lines.starts, m.start()) - 1 for m in CANDIDATE.finditer(lines.joined)}
    )
    return [
        (span, hit)
        for span in (published.spans[i] for i in wanted)
        for hit in find_identifiers(span.text, phones, context=span.context)
        if reportable(hit)
    ]


def privacy_problems(
    published: Published,
    hits: list[tuple[Span, Hit]],
    t,
    kinds: frozenset[str] | None = None,
    exemption: str = "",
) -> list[Problem]:
    """Findings for the hits of the given kinds; an exemption (penalty disclosure) lowers
    all but ID numbers to info, with its basis in the message."""
    problems = []
    for span, hit in hits:
        if kinds is not None and hit.kind not in kinds:
            continue
        code, message_key, exemptible = KINDS[hit.kind]
        masked = mask(hit)
        message = t(message_key, value=masked)
        severity = None
        if exemptible and exemption:
            severity = Severity.INFO
            message += t("pv.exempted", basis=exemption)
        column = published.column(span.line, hit.text)
        problems.append(
            Problem(code, span.line, column, message, excerpt=masked, severity=severity)
        )
    return problems


def _report(page: Page, ctx: PageContext, kind: str) -> list[Problem]:
    published = published_page(page, ctx.facts, memo=ctx.memo)
    if "identifiers" not in ctx.memo:
        ctx.memo["identifiers"] = identifier_hits(published, ctx.config.official_phones)
    privacy = page.meta.privacy if page.meta else None
    exemption = (privacy.basis or privacy.exemption) if privacy is not None else ""
    return privacy_problems(published, ctx.memo["identifiers"], ctx.t, frozenset({kind}), exemption)


@rule("PV001", "resident-id-number", Severity.ERROR, article="第二十一条、第二十六条")
def resident_id_number(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    未脱敏的居民身份证号码：18 位、校验码正确（GB 11643-1999）、行政区划代码真实、出生日期
    可能存在；或 15 位旧号码。全角数字、被空格或连字符隔开的号码同样能查出；已脱敏的号码
    （如 `5301**********123X`）不报。

    ## 为什么
    《办法》第二十一条禁止发布身份证号码等个人隐私；第二十六条要求个人信息去标识化，即使
    是惩戒公示也须对身份证号码脱敏。

    ## 示例
    获奖人：张三，身份证号 360426199101010071

    ## 应改为
    获奖人：张三，身份证号 3604**********0071
    ---
    ## What it finds
    An unmasked resident ID number: 18 digits with a valid GB 11643 check digit, a real
    region code and a possible birth date, or the old 15-digit form. Full-width digits and
    numbers split by spaces or hyphens are found too; masked numbers are not flagged.

    ## Why
    Art. 21 forbids publishing personal privacy such as ID numbers; Art. 26 requires
    de-identification even in penalty disclosures.

    ## Example
    身份证号 360426199101010071

    ## Instead
    身份证号 3604**********0071
    """
    return _report(page, ctx, "id")


@rule("PV002", "mobile-phone-number", Severity.ERROR, article="第二十一条")
def mobile_phone_number(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    手机号码（按工信部分配的号段识别，可带 +86、空格或连字符），且不是 `site.toml` 登记的
    官方联系电话。已脱敏的号码（`139****5678`）不报。

    ## 为什么
    《办法》第二十一条禁止发布个人联系方式。群众、企业负责人的手机号码属于个人信息。

    ## 示例
    联系人：王某，电话 13912345678

    ## 应改为
    联系人：王某，电话 139****5678；或改为单位办公电话
    ---
    ## What it finds
    A mobile number (by the MIIT-allocated prefixes, with or without +86, spaces or
    hyphens) that is not an official contact listed in `site.toml`.

    ## Why
    Art. 21 forbids publishing personal contact details.

    ## Example
    电话 13912345678

    ## Instead
    电话 139****5678, or the office's landline
    """
    return _report(page, ctx, "mobile")


@rule("PV003", "private-landline", Severity.WARNING, article="第二十一条")
def private_landline(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    作为私人联系方式给出的固定电话（紧跟“家庭电话”“住宅电话”“宅电”“私人电话”等字样）。
    机关、学校、医院、热线、传真等单位电话是依法公开的信息（条例第二十条），不报。

    ## 为什么
    《办法》第二十一条禁止发布个人联系方式。

    ## 示例
    申请人：李某，家庭电话 0871-65123456

    ## 应改为
    删除个人电话，或写明受理单位的办公电话
    ---
    ## What it finds
    A landline given as a private person's contact (after 家庭电话, 住宅电话, 宅电, 私人电话 …).
    Institutional lines (office, school, hospital, hotline, fax) are public information.

    ## Why
    Art. 21 forbids publishing personal contact details.

    ## Example
    家庭电话 0871-65123456

    ## Instead
    Remove it, or give the office's number
    """
    return _report(page, ctx, "landline")


@rule("PV004", "bank-card-number", Severity.ERROR, article="第二十一条、第二十六条")
def bank_card_number(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    银行卡号：16–19 位、通过 Luhn 校验，且同一行有“银行卡”“卡号”“账号”“开户行”等字样。
    单位对公账户（同行有“对公”“收款单位”“财政专户”等字样）不报。

    ## 为什么
    《办法》第二十一条、第二十六条：银行卡号是个人敏感信息，必须去标识化。

    ## 示例
    补贴发放至银行卡号 6222020200001234563

    ## 应改为
    补贴发放至银行卡号 6222***********4563
    ---
    ## What it finds
    A bank card number: 16–19 digits, Luhn-valid, with a card or account word on the same
    line. Institutional accounts (对公, 收款单位, 财政专户 on the line) are not flagged.

    ## Why
    Art. 21 and 26: card numbers are sensitive personal data.

    ## Example
    银行卡号 6222020200001234563

    ## Instead
    银行卡号 6222***********4563
    """
    return _report(page, ctx, "card")


@rule("PV005", "private-home-address", Severity.WARNING, article="第二十一条")
def private_home_address(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    精确到楼栋、单元、房号的个人详细住址（如“3栋2单元502室”），或紧跟“家住”“住址”“现住”
    等字样的地址。机关、企业、医院、学校等单位地址不是个人信息，不报。

    ## 为什么
    《办法》第二十一条禁止发布详细家庭住址等个人隐私。

    ## 示例
    当事人张某，家住幸福小区3栋2单元502室

    ## 应改为
    当事人张某，住示例市某某街道
    ---
    ## What it finds
    A private person's address down to building, unit and room, or an address after
    家住, 住址, 现住 …. Institutions' and companies' addresses are not personal.

    ## Why
    Art. 21 forbids publishing detailed home addresses.

    ## Example
    家住幸福小区3栋2单元502室

    ## Instead
    Give the street or community only
    """
    return _report(page, ctx, "address")
