"""Find personal identifiers in running text: resident ID numbers, mobile and landline
numbers, bank card numbers, detailed home addresses (Art. 21, 26).

Detectors aim at precision as much as recall: index numbers, document numbers, dates,
amounts, postal codes and hotlines such as 12345 are not personal data, masked values
(``5301**********123X``, ``139****5678``) are already safe, and the site's official
contact numbers are public. Full-width digits and numbers split by spaces or hyphens are
still found. ID numbers are validated with python-stdnum (GB 11643 check digit, a real
region code, a possible birth date) rather than a hand-written table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from stdnum.cn import ric

# Full-width digits, letters X/x and separators map one-to-one onto ASCII, so match
# positions in the normalised text are positions in the original.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ－—　（）＋", "0123456789Xx-- ()+")
_SEP = r"[ \-]?"
_ID18 = re.compile(
    rf"(?<!\d\.)(?<![0-9A-Za-z*/])(\d{{6}}){_SEP}(\d{{8}}){_SEP}(\d{{3}}[0-9Xx])(?![0-9A-Za-z*]|\.\d)"
)
_ID15 = re.compile(r"(?<!\d\.)(?<![0-9A-Za-z*/-])(\d{15})(?![0-9A-Za-z*-]|\.\d)")
# MIIT-allocated mobile prefixes (as of 2023-03; reference/regulations.md §5).
_MOBILE_PREFIX = re.compile(r"^1(3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}$")
_MOBILE = re.compile(
    rf"(?<!\d\.)(?<![0-9A-Za-z*/-])(?:(?:\+|00)?86{_SEP})?(1\d{{2}}){_SEP}(\d{{4}}){_SEP}(\d{{4}})(?![0-9A-Za-z*-]|\.\d)"
)
_LANDLINE = re.compile(
    r"(?<!\d\.)(?<![0-9A-Za-z*/-])\(?(0\d{2,3})\)?[ \-]?([2-9]\d{6,7})(?![0-9A-Za-z*-]|\.\d)"
)
_CARD = re.compile(
    r"(?<!\d\.)(?<![0-9A-Za-z*/-])(\d{4}(?:[ \-]?\d{4}){2,3}(?:[ \-]?\d{1,3})?)(?![0-9A-Za-z*-]|\.\d)"
)
_ADDRESS = re.compile(
    r"(?:[\u4e00-\u9fa5A-Za-z0-9]{0,12}?(?:小区|花园|家园|新村|公寓|苑|庭|村|社区|路|街|巷)\S{0,8}?)?"
    r"(?:\d+|[一二三四五六七八九十]+)\s*(?:栋|幢|号楼|座)\s*(?:\d+|[一二三四五六七八九十]+)\s*单元\s*\d+\s*(?:室|号)?"
    r"|(?:\d+|[一二三四五六七八九十]+)\s*单元\s*\d{2,4}\s*(?:室|号)"
)

CARD_CONTEXT = (
    "银行卡",
    "卡号",
    "账号",
    "帐号",
    "银行账户",
    "开户行",
    "储蓄卡",
    "信用卡",
    "借记卡",
    "社保卡号",
)
INSTITUTION_ACCOUNT = ("对公", "单位账户", "收款单位", "收款人全称", "财政专户", "非税收入")
PRIVATE_PHONE = (
    "家庭电话",
    "住宅电话",
    "宅电",
    "家里电话",
    "私人电话",
    "个人电话",
    "家庭联系电话",
    "家属电话",
)
PRIVATE_ADDRESS = ("家住", "住址", "现住", "居住地", "户籍地", "家庭地址", "住所地")
INSTITUTION = (
    "公司", "中心", "医院", "学校", "大学", "学院", "政务服务", "办公", "大厦", "银行",
    "局", "委员会", "办公室", "政府", "街道办", "营业厅", "窗口", "大厅",
)  # fmt: skip


@dataclass(frozen=True)
class Hit:
    kind: str  # id | mobile | landline | card | address
    start: int  # character offset in the text
    text: str  # as written
    digits: str  # the identifier without separators ("" for addresses)
    private: bool = True  # for landlines: given as a private person's contact


def normalise(text: str) -> str:
    return text.translate(_FULL_WIDTH)


def mask(hit: Hit) -> str:
    """The excerpt a finding may show: never the full identifier."""
    d = hit.digits
    if hit.kind == "id":
        return d[:4] + "*" * (len(d) - 8) + d[-4:]
    if hit.kind == "mobile":
        return d[-11:-8] + "****" + d[-4:]
    if hit.kind == "card":
        return d[:4] + "*" * (len(d) - 8) + d[-4:]
    if hit.kind == "landline":
        area = re.match(r"0(10|2\d|\d{3})", d)
        head = area.group(0) if area else d[:4]
        return f"{head}-{'*' * (len(d) - len(head) - 4)}{d[-4:]}"
    return re.sub(r"\d", "*", hit.text)


_ENOUGH_DIGITS = re.compile(r"[0-9０-９]{3}")


def find_identifiers(text: str, official_phones: frozenset[str] = frozenset()) -> Iterator[Hit]:
    """Every personal identifier in one line of text, in order of position."""
    if not _ENOUGH_DIGITS.search(text):
        return  # every identifier, addresses included, has a run of three digits
    plain = normalise(text)
    official = {re.sub(r"\D", "", p) for p in official_phones}
    taken: list[range] = []
    hits = [
        *_ids(plain),
        *_mobiles(plain, official),
        *_cards(plain),
        *_landlines(plain, official),
        *_addresses(plain),
    ]
    for hit in sorted(hits, key=lambda h: (h.start, -len(h.text))):
        span = range(hit.start, hit.start + len(hit.text))
        if any(span.start < t.stop and t.start < span.stop for t in taken):
            continue
        taken.append(span)
        yield hit


def _ids(text: str) -> Iterator[Hit]:
    for match in _ID18.finditer(text):
        digits = "".join(match.groups()).upper()
        if ric.is_valid(digits):
            yield Hit("id", match.start(), match.group(0), digits)
    for match in _ID15.finditer(text):
        if _valid_id15(match.group(1)):
            yield Hit("id", match.start(), match.group(0), match.group(1))


def _valid_id15(digits: str) -> bool:
    """The 1980s 15-digit form: region, YYMMDD in the 1900s, order code, no check digit."""
    try:
        dt.date(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))
    except ValueError:
        return False
    upgraded = digits[:6] + "19" + digits[6:] + "0"
    upgraded = upgraded[:-1] + ric.calc_check_digit(upgraded)
    return ric.is_valid(upgraded)


def _mobiles(text: str, official: set[str]) -> Iterator[Hit]:
    for match in _MOBILE.finditer(text):
        digits = "".join(match.groups())
        if _MOBILE_PREFIX.match(digits) and digits not in official:
            yield Hit("mobile", match.start(), match.group(0), digits)


def _landlines(text: str, official: set[str]) -> Iterator[Hit]:
    for match in _LANDLINE.finditer(text):
        digits = "".join(match.groups())
        if digits in official:
            continue
        before = text[max(0, match.start() - 16) : match.start()]
        private = any(word in before for word in PRIVATE_PHONE)
        yield Hit("landline", match.start(), match.group(0), digits, private=private)


def _cards(text: str) -> Iterator[Hit]:
    if not any(word in text for word in CARD_CONTEXT) or any(
        word in text for word in INSTITUTION_ACCOUNT
    ):
        return
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if 16 <= len(digits) <= 19 and _luhn(digits):
            yield Hit("card", match.start(), match.group(0), digits)


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _addresses(text: str) -> Iterator[Hit]:
    if "单元" not in text:
        return
    for match in _ADDRESS.finditer(text):
        before = text[max(0, match.start() - 20) : match.start()]
        around = before + match.group(0)
        private = any(word in before for word in PRIVATE_ADDRESS)
        if private or not any(word in around for word in INSTITUTION):
            yield Hit("address", match.start(), match.group(0), "")
