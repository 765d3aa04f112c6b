"""PV001–PV005: personal information must not be published (Art. 21, 26).

The family parses once: every span of the page is scanned for identifiers in one pass
(``govsite.identifiers``) and each rule keeps its own kind. Excerpts are masked. A
penalty disclosure (``privacy.exemption``) lowers PV002–PV005 to info with its basis
recorded; an unmasked ID number stays an error even then (Art. 26 still requires
de-identification of ID numbers).
"""

from __future__ import annotations

from collections.abc import Iterator

from govsite.content.model import Page, Problem
from govsite.findings import Severity
from govsite.identifiers import Hit, find_identifiers, likely_lines, mask
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
    One scan of the whole page picks the spans that hold what any identifier needs
    (:func:`~govsite.identifiers.likely_lines`); only those are read closely."""
    lines = published.lines
    wanted = likely_lines(lines.joined, lines.starts)
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
    未脱敏的居民身份证号码：18 位、校验码正确（GB 11643-1999）、出生日期可能存在、行政区划
    代码在任何时期真实存在过（人们一直使用首次登记时的号码，区划后来撤销或新设都不影响）；
    或 15 位旧号码。全角数字、被空格或连字符分成几段、写在括号里、紧跟在学籍号等字母前缀后
    （全国学籍号是 G 加身份证号）、一行中有几个，都能查出。已脱敏的号码（`5301**********123X`）、
    校验码错误的号码、统一社会信用代码、索引号、文号、案号不报。

    ## 为什么
    《办法》第二十一条禁止发布身份证号码等个人隐私；第二十六条要求个人信息去标识化，即使
    是惩戒公示也须对身份证号码脱敏。

    ## 示例
    获奖人：张某，身份证号 530102195206151235

    ## 应改为
    获奖人：张某，身份证号 5301**********1235
    ---
    ## What it finds
    An unmasked resident ID number: 18 characters with a valid GB 11643 check digit, a
    possible birth date and a region code that existed at any time (people keep the number
    issued where they first registered), or the old 15-digit form. Found full-width, split
    by spaces or hyphens, in parentheses, after a letter prefix (a student registration
    number is G + the ID) and several on a line. Masked numbers, wrong check digits, credit
    codes, index, document and case numbers are not flagged.

    ## Why
    Art. 21 forbids publishing personal privacy such as ID numbers; Art. 26 requires
    de-identification even in penalty disclosures.

    ## Example
    身份证号 530102195206151235

    ## Instead
    身份证号 5301**********1235
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
    作为私人联系方式给出的固定电话：紧跟“家庭电话”“住宅电话”“宅电”“家庭座机”“私人电话”
    等字样，或写作“电话（家）”；没有区号的本地号码只在这些字样之后才算。列在申请人、当事人、
    户主、投诉人等个人旁边的“联系电话”“固定电话”也报。机关、学校、医院的总机、办公室电话、
    热线、传真、值班和咨询电话是依法公开的信息（条例第二十条），不报。

    ## 为什么
    《办法》第二十一条禁止发布个人联系方式。

    ## 示例
    申请人：李某，家庭电话 0871-65123456

    ## 应改为
    删除个人电话，或写明受理单位的办公电话
    ---
    ## What it finds
    A landline given as a private person's contact: after 家庭电话, 住宅电话, 宅电, 家庭座机,
    私人电话 … or written 电话（家）; a local number without an area code only right after such
    a word. A 联系电话 or 固定电话 beside a private person (申请人, 当事人, 户主, 投诉人 …) too.
    Switchboards, office numbers, hotlines, fax, duty and enquiry lines of institutions are
    public information and never flagged.

    ## Why
    Art. 21 forbids publishing personal contact details.

    ## Example
    申请人：李某，家庭电话 0871-65123456

    ## Instead
    Remove it, or give the office's number
    """
    return _report(page, ctx, "landline")


@rule("PV004", "bank-card-number", Severity.ERROR, article="第二十一条、第二十六条")
def bank_card_number(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    个人银行卡号：16–19 位、通过 Luhn 校验，同一行（或表格该列的表头）有“银行卡”“卡号”
    “账号”“开户行”“社保卡”“存折”等字样，且所在句子没有指明这是单位账户（“对公”“单位账户”
    “收款单位”“财政专户”、机关或公司名称）。写明“个人账户”“本人”的，和号码前写着“工资卡号”
    “社保卡号”“一卡通”等卡的（单位只有账户，没有卡），仍报。

    ## 为什么
    《办法》第二十一条、第二十六条：银行卡号是个人敏感信息，必须去标识化。

    ## 示例
    补贴发放至银行卡号 6222020200001234562

    ## 应改为
    补贴发放至银行卡号 6222***********4562
    ---
    ## What it finds
    A personal bank card number: 16–19 digits, Luhn-valid, with a card or account word on
    the line (or in the table column's header), in a sentence that does not name an
    institution's account (对公, 单位账户, 收款单位, 财政专户, an agency or company name),
    unless it says 个人账户 or 本人, or labels the number as a card (工资卡号, 社保卡号, 一卡通:
    organisations hold accounts, not cards).

    ## Why
    Art. 21 and 26: card numbers are sensitive personal data.

    ## Example
    银行卡号 6222020200001234562

    ## Instead
    银行卡号 6222***********4562
    """
    return _report(page, ctx, "card")


@rule("PV005", "private-home-address", Severity.WARNING, article="第二十一条")
def private_home_address(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    个人详细住址。精确到户的写法：`3栋2单元502室`、`3-2-502`、`12号院3号楼2门301`、
    `A栋1205室`、`十二幢三单元一〇二室`、`二十一幢三单元六〇二号`（房号用中文数字逐位写），
    在小区、花园、苑、新村等住宅名称之后，或带单元、门、户的，句中又没有机关、企业、医院、
    学校、办事大厅等单位字样时报；“家住”“住址”
    “现住”“户籍地”“居住在”“住……”等说明某人住在那里的字样之后，街道门牌号（`和平路8号`、
    `附3号`）、村组门牌（`大营村3组25号`）也报。单位地址、办事地点、会议室、只写到街道或
    社区的地址不报。

    ## 为什么
    《办法》第二十一条禁止发布详细家庭住址等个人隐私。

    ## 示例
    当事人张某，家住幸福小区3栋2单元502室

    ## 应改为
    当事人张某，住示例市某某街道
    ---
    ## What it finds
    A private person's detailed address. Down to a flat (`3栋2单元502室`, `3-2-502`,
    `12号院3号楼2门301`, `A栋1205室`, rooms in Chinese numerals digit by digit such as
    `二十一幢三单元六〇二号`) after an estate's name or with a unit or entrance, in a
    clause naming no office, company, hospital, school or service hall; after words saying a person lives there (家住, 住址, 现住, 户籍地, 住…),
    street and village house numbers too. Institutions' addresses, service points, meeting
    rooms, and addresses down to the street or community are not flagged.

    ## Why
    Art. 21 forbids publishing detailed home addresses.

    ## Example
    家住幸福小区3栋2单元502室

    ## Instead
    Give the street or community only
    """
    return _report(page, ctx, "address")
