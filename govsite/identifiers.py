"""Find personal identifiers in running text: resident ID numbers, mobile and landline
numbers, bank card numbers, detailed home addresses (Art. 21, 26).

Recall comes first, precision is kept by structure and by the words around a number:

- **ID numbers** (GB 11643): 18 characters with a valid check digit, a possible birth
  date and a region code that existed *at any time* (people keep the number issued where
  they first registered, so a code abolished or introduced later is still real), or the
  15-digit form of the 1980s. Found full-width, split by spaces or hyphens, inside
  parentheses, after a letter prefix (a student registration number is ``G`` + the ID)
  and several on a line.
- **Mobiles**: an MIIT-allocated prefix, with or without +86, unless listed as official.
- **Landlines** only as a private person's number: after 家庭电话/住宅电话/宅电 …, or beside
  a private person (申请人、当事人 …) without a word naming an office or a hotline.
- **Bank cards**: 16–19 digits passing Luhn, with a word naming a card or an account on
  the line (or in the table column's header), and no word naming an institution's account.
- **Home addresses**: building/unit/room in every usual form (``3栋2单元502室``,
  ``3-2-502``, ``12号院3号楼2门301``, ``十二幢三单元一〇二室``) when the clause is not about
  an office; any detailed address (street numbers, villages) after words saying a person
  lives there (家住、住址、现住、户籍地 …).

Every scan is linear in the length of the text: the regexes have bounded quantifiers
only, and digit runs are cut into windows of bounded length.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from stdnum import numdb
from stdnum.cn import uscc

from govsite.textnorm import normalise

# ---------------------------------------------------------------- context words
CARD_CONTEXT = (
    "银行卡", "卡号", "账号", "帐号", "银行账户", "银行帐户", "个人账户", "账户", "帐户",
    "开户行", "开户银行", "储蓄卡", "信用卡", "借记卡", "社保卡", "存折", "折号", "一卡通",
    "惠农卡", "工资卡", "收款账", "转账", "转入", "汇款", "打款", "汇至", "打入",
    # a bank's name beside a person's name in a list row (| 吴某 | 农村商业银行 | 6225… |)
    "银行", "信用社", "信用合作", "联社", "农信", "农商行", "信合", "邮储",
)  # fmt: skip
INSTITUTION_ACCOUNT = (
    "对公", "单位账户", "单位帐户", "收款单位", "财政专户", "专户", "非税收入", "基本户",
    "基本账户", "公司", "有限责任", "委员会", "人民政府", "财政局", "国库", "汇缴", "单位",
    "局", "中心", "学校", "医院", "学院", "大学", "办公室", "协会", "管理处", "管理所",
    "合作社", "村委会", "居委会", "街道办", "政府", "纳税人", "识别号", "税号", "开户行及账号",
    # accounts that collect money for an organisation: donations, fees, dues
    "慈善", "红十字", "基金会", "总会", "工会", "商会", "募捐", "捐款", "捐赠", "善款", "学费",
    "缴费", "缴款", "缴纳", "党费", "会费", "集团", "事务所", "福利院", "敬老院", "养老院",
    "卫生院", "研究院", "研究所",
)  # fmt: skip
# The account holder named as an organisation (户名：示例市第十二中学; 收款人：某某商会).
_HOLDER = re.compile(
    r"(?:户名|账户名称|帐户名称|账户名|开户名称|开户名|收款人|收款方|收款户名|单位名称|账户)"
    r"\s?[:：]?\s?[\u4e00-\u9fff（）()]{2,24}?"
    r"(?:中学|小学|学校|幼儿园|社区|街道|委员会|会|院|所|局|站|馆|厂|社|中心|公司|部|处|队|办)"
    r"(?![\u4e00-\u9fff])"
)
PRIVATE_PHONE = (
    "家庭电话", "住宅电话", "宅电", "家里电话", "家中电话", "私人电话", "个人电话",
    "家庭联系电话", "家属电话", "家庭固话", "住宅固话", "家庭座机", "家里座机", "私人座机",
    "本人电话", "本人联系电话", "个人联系电话", "个人固话", "手机或家庭电话",
    "私宅电话", "住家电话", "家中座机", "家庭座机号", "本人座机", "个人座机",
    "（家）", "(家)", "（宅）", "(宅)", "（住宅）", "(住宅)", "（家庭）", "(家庭)", "（家中）",
)  # fmt: skip
PRIVATE_PERSON = (
    "申请人", "当事人", "户主", "投诉人", "举报人", "信访人", "受助人", "救助对象", "低保对象",
    "低保户", "特困人员", "监护人", "家长", "村民", "居民", "患者", "病人", "考生", "获奖人",
    "被处罚人", "违法行为人", "行为人", "失主", "业主", "租户", "被执行人", "被告人", "原告",
    "被告", "第三人", "死者", "伤者", "遇难者", "学生", "幼儿", "老人", "本人",
    "特困", "供养", "五保", "孤寡", "独居", "留守", "孤儿", "困难户", "脱贫户", "监测户",
    "低保", "优抚对象", "烈属", "军属", "空巢", "回访对象", "走访对象", "帮扶对象", "慰问对象",
    "监测对象", "来电人", "求助人", "报警人", "中签人",
)  # fmt: skip
# People whose needs put them on a list: beside one of these a landline is theirs even
# without a label (低保户韦某，平安村，0771-2834561).
NEEDY = ("特困", "供养", "五保", "孤寡", "独居", "留守", "孤儿", "困难户", "脱贫户", "监测户",
         "低保", "空巢", "救助对象", "受助人")  # fmt: skip
OFFICE_PHONE = (
    "办公室", "办公", "热线", "总机", "值班", "传真", "咨询", "受理", "举报电话", "投诉电话",
    "监督电话", "服务电话", "服务台", "单位", "科室", "中心", "医院", "学校", "派出所",
    "社区", "村委会", "居委会", "公司", "窗口", "政府", "局", "委员会", "指挥部", "客服",
    "联系人", "工作人员", "报名", "预约", "书记", "主任", "村长", "组长", "网格员", "联络员",
    "负责人", "专干", "干部", "福利院", "敬老院", "养老院", "卫生院", "服务站", "便民",
    "联合会", "协会", "基金会", "商会", "工会",
)  # fmt: skip
# A relative's or a household's phone (家属联系电话（座机）, 亲属固话, 监护人电话,
# 紧急联系人：其女儿，座机), unless an office's or a call's word comes between (家属可拨打
# 咨询电话).
_KIN_PHONE = re.compile(
    r"(?:家属|亲属|家人|家里|家中|家庭|住宅|住家|监护人|紧急联系人|女儿|儿子|子女|父亲|母亲"
    r"|配偶|丈夫|妻子|爱人|孙子|孙女|侄子|外甥)[^。；;\d|]{0,8}?(?:电话|座机|固话)"
)
_CALL_WORDS = re.compile("拨打|致电|咨询|热线|值班|办公")
PRIVATE_ADDRESS = (
    "家住", "住址", "现住", "现居", "居住", "住在", "住于", "户籍", "家庭住址", "家庭地址",
    "家庭居住", "暂住", "租住", "寄住", "借住", "老家", "住所地", "户口所在地", "常住",
    "住宅", "家中", "家里", "送达地址", "居所", "住处", "住所",
)  # fmt: skip
INSTITUTION = (
    "公司", "中心", "医院", "卫生院", "学校", "中学", "小学", "大学", "学院", "幼儿园",
    "政务", "办公", "大厦", "写字楼", "银行", "局", "委员会", "办公室", "政府", "街道办",
    "办事处", "营业厅", "窗口", "大厅", "服务站", "服务点", "派出所", "法院", "检察院", "馆",
    "车站", "站点", "服务所", "事务所", "工厂", "厂区", "商场", "超市", "酒店", "宾馆", "园区",
    "产业园", "会议室", "报名点", "考点", "受理点", "地点", "门店", "店铺", "商铺", "门市",
    "办证", "社区服务", "党群", "便民", "食堂", "礼堂", "体育馆", "图书馆", "档案馆",
    "企业", "经营场所", "经营地址", "注册地址", "居委会", "村委会", "物业", "用房", "警务",
    "卫生室", "活动室", "工作站", "服务中心",
    # procurement notices: the parties are businesses
    "供应商", "中标人", "成交人", "投标人", "承包商", "采购人", "代理机构", "单位地址",
)  # fmt: skip


def _words(*lists: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a word list (a C-level scan instead of a Python loop per word)."""
    words = sorted({w for words in lists for w in words}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


# ---------------------------------------------------------------- shapes
# A run of digit groups joined by single spaces or hyphens; windows of it are candidates.
# (Lookbehinds stand after a first character here: a regex that starts with one is tried
# at every position of the text, one that starts with a character class skips ahead.)
_RUN = re.compile(
    r"(?:\+(?<![0-9]\+)[0-9]{1,24}|[0-9](?<![0-9]{2})[0-9]{0,23})"
    r"(?:(?: {1,3}|-)[0-9]{1,24}){0,40}(?:[Xx](?![A-Za-z0-9]))?"
)
# A mobile written with dots between its groups (139.1234.5678)
_DOTTED_MOBILE = re.compile(r"1(?<![0-9.]1)[3-9][0-9]\.[0-9]{4}\.[0-9]{4}(?![0-9]|\.[0-9])")
_MOBILE_PREFIX = re.compile(r"1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}")
_LANDLINE = re.compile(
    r"(?<![0-9A-Za-z*/.\-])(?:[(（]\s?(0\d{2,3})\s?[)）]\s?|(0\d{2,3})[ \-]?)?([2-9]\d{2,3}[ \-]?\d{4})"
    r"(?![0-9A-Za-z*\-]|\.\d)"
)
_NUM = r"(?:\d{1,5}|[一二三四五六七八九十百〇零两]{1,6}|(?<![A-Za-z])[A-Za-z]\d{0,2}(?=[栋幢座区]))"
_PART = rf"{_NUM}\s?(?:号院|号楼|栋|幢|座|单元|层|楼|门|室|户|号)"
# A room is written digit by digit, in Chinese numerals too (六〇二, 一二〇三): without 十 or 百.
_DIGITS_CN = "[一二三四五六七八九〇零]"
_ROOM = (
    r"(?:\d{3,4}(?![\d\u4e00-\u9fff])|\d{1,4}\s?(?:室|号|户|房)|[一二三四五六七八九十〇零]{2,4}\s?(?:室|号)"
    rf"|{_DIGITS_CN}{{3,4}}(?![\u4e00-\u9fff]))"
)
_ADDRESS = re.compile(rf"(?:{_PART}[ \-,，]?){{1,5}}(?:{_ROOM})?")
_HYPHENATED = re.compile(r"(?<![\d\-./])\d{1,3}-\d{1,2}-\d{3,4}(?![\d\-]|\.\d)")
_HOUSE = re.compile(
    rf"(?<=[路街巷道弄同里村组社屯寨队坊湾营区苑园城府庭段])(?:附\s?)?{_NUM}\s?号(?:院|楼)?"
    rf"(?:附\s?{_NUM}\s?号)?"
    rf"|(?<=村){_NUM}\s?(?:组|社|队)(?:{_NUM}\s?号)?"
)
# What a match of each needs, as a regex that skips ahead quickly: most lines have none.
_LANDLINE_HINT = re.compile(r"[2-9]\d{2,3}[ \-]?\d{4}")
_ADDRESS_HINT = re.compile(r"[\dA-Za-z一二三四五六七八九十百〇零两]\s?[号栋幢座单层楼门室户]")
_HOUSE_HINT = re.compile(
    r"[路街巷道弄同里村组社屯寨队坊湾营区苑园城府庭段](?:附\s?)?[\dA-Za-z一二三四五六七八九十百〇零两]"
)
# What any identifier below needs, in two quick scans of normalised text (whose digits are
# all ASCII): 11 digits in a run, a local number, a dotted mobile or a hyphenated address
# (a digit first); a building-unit-room part after a number, or a house number after a
# road or village (a place word first, the rest looked at behind and ahead of it).
_NUMERAL = r"[0-9A-Za-z一二三四五六七八九十百〇零两]"
_PART_CHARS = "号栋幢座单层楼门室户"
_PLACE_CHARS = "路街巷道弄同里村组社屯寨队坊湾营区苑园城府庭段"
LIKELY = (
    re.compile(
        r"[0-9](?:[0-9 \-]{9,}[0-9]|[0-9]{2,3}[ \-]?[0-9]{4}|-[0-9]|[0-9]{2}\.[0-9]{4}\.[0-9]{4})"
    ),
    re.compile(
        rf"[{_PART_CHARS}{_PLACE_CHARS}](?:(?<={_NUMERAL}[{_PART_CHARS}])"
        rf"|(?<={_NUMERAL}\s[{_PART_CHARS}])|(?<=[{_PLACE_CHARS}])(?={_NUMERAL}))"
    ),
)


def likely(text: str) -> bool:
    """Whether normalised ``text`` holds what some identifier needs."""
    return any(regex.search(text) is not None for regex in LIKELY)


def likely_lines(text: str, starts: list[int]) -> list[int]:
    """Which of the lines joined in normalised ``text`` (line ``i`` starting at
    ``starts[i]``) hold what some identifier needs: each scan skips to the next line at
    its first find on a line."""
    found: set[int] = set()
    for regex in LIKELY:
        match = regex.search(text)
        while match is not None:
            index = bisect.bisect_right(starts, match.start()) - 1
            found.add(index)
            if index + 1 >= len(starts):
                break
            match = regex.search(text, starts[index + 1])
    return sorted(found)


_LIVES_HERE = re.compile(
    r"(?:^|[，,、；;：:\s（(])(?:现|暂|长期)?住(?=[\u4e00-\u9fff])(?![房建院宿户址宅])"
)
# 住 straight after a name (独居老人何某某住青山村四组三十八号), not inside a word
# (居住、入住、保住、记住、住房、住建、住院 …).
_NAME_LIVES = re.compile(
    r"(?<=[\u4e00-\u9fff*＊])(?<![居入留保记站挡顶抓包止困围堵守接打忍禁稳靠不扛撑卡拦钉按"
    r"揪咬握捂捉逮吸勒憋拖缠绑系扣锁关罩盖封遮拴常暂现])住(?=[\u4e00-\u9fff])"
    r"(?![房建院宿户址宅所持手口嘴脚校读])"
)
_ESTATE = ("小区", "花园", "家园", "新村", "公寓", "苑", "庭", "园", "府", "城", "湾", "里", "村")
_UNIT_CHARS = re.compile(r"[栋幢座单元层楼门室户号院组社队-]")
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")
_SUBCLAUSE_END = re.compile(r"[，,。；;！？!?\n]")
# Labels that say the account belongs to an organisation, wherever they stand in the sentence.
_ORGANISATION_LABEL = re.compile(r"开户单位|收款单位|单位名称|单位账户|单位帐户|对公|财政专户")
# A card's label right before its number (社保卡号：, 工资卡 , 存折账号); not a company's
# settlement card (单位结算卡).
_CARD_LABEL = re.compile(
    r"(?<!结算)(?:银行卡|工资卡|社保卡|储蓄卡|借记卡|惠农卡|一卡通|存折|卡)"
    r"(?:号码|号|账号|帐号)?\s?[:：]?\s?\Z"
)


_CARD_WORDS = _words(CARD_CONTEXT)
_INSTITUTION_ACCOUNT = _words(INSTITUTION_ACCOUNT)
_PRIVATE_PHONE = _words(PRIVATE_PHONE)
_PRIVATE_SUFFIX = _words(tuple(w for w in PRIVATE_PHONE if w[0] in "（("))
_PRIVATE_PERSON = _words(PRIVATE_PERSON)
_PHONE_LABEL = _words(("电话", "固话", "座机", "联系方式", "Tel", "TEL"))
_OFFICE_PHONE = _words(OFFICE_PHONE)
_PRIVATE_ADDRESS = _words(PRIVATE_ADDRESS)
_INSTITUTION = _words(INSTITUTION)
# Home addresses run through these (某村委会某村民小组45号, 华夏大厦小区5栋302室), so after
# words saying a person lives there they do not make the address an office's.
ADDRESS_LEVELS = ("村委会", "居委会", "社区服务", "服务中心", "大厦", "园区", "产业园")
_OFFICE_AFTER_CUE = _words(tuple(w for w in INSTITUTION if w not in ADDRESS_LEVELS))


@dataclass(frozen=True)
class Hit:
    kind: str  # id | mobile | landline | card | address
    start: int  # character offset in the text as written
    text: str  # as written
    digits: str  # the identifier without separators ("" for addresses)
    private: bool = True  # for landlines: given as a private person's contact


def mask(hit: Hit) -> str:
    """The excerpt a finding may show: never the full identifier."""
    d = hit.digits
    if hit.kind in ("id", "card"):
        return d[:4] + "*" * (len(d) - 8) + d[-4:]
    if hit.kind == "mobile":
        return d[-11:-8] + "****" + d[-4:]
    if hit.kind == "landline":
        area = re.match(r"0(10|2\d|\d{3})", d)
        head = area.group(0) if area else ""
        rest = "*" * (len(d) - len(head) - 4) + d[-4:]
        return f"{head}-{rest}" if head else rest
    return re.sub(r"[0-9０-９一二三四五六七八九十百〇零两]", "*", hit.text)


# \d is any script's digits (normalisation folds them all): 𝟏𝟑𝟗, ١٣٩, １３９ …
_ENOUGH_DIGITS = re.compile(
    r"\d{2}|[\d一二三四五六七八九十〇零两]\s?[栋幢单号楼门室组社队棟單號樓門組隊]|&#"
)


def find_identifiers(
    text: str, official_phones: frozenset[str] = frozenset(), *, context: str = ""
) -> Iterator[Hit]:
    """Every personal identifier in one line of text, in order of position.

    ``context`` is text that describes this line without being part of it (the header
    of a table column): its words count as the line's own for cards, landlines and
    addresses.
    """
    if not _ENOUGH_DIGITS.search(text):
        return
    view = normalise(text)
    plain = view.text
    if not likely(plain):
        return
    official = _digits_of(official_phones)
    hits = [
        *_disability(plain, context),
        *_from_runs(plain, official, context),
        *_dotted(plain, official),
        *_landlines(plain, official, context),
        *_addresses(plain, context),
    ]
    reach = 0  # the end of the last hit taken: hits are sorted by start
    for kind, start, end, digits, private in sorted(hits, key=lambda h: (h[1], -h[2], h[0])):
        if start < reach:
            continue  # overlaps a longer or earlier hit
        reach = end
        a, b = view.where(start, end)
        yield Hit(kind, a, text[a:b], digits, private)


@cache
def _digits_of(phones: frozenset[str]) -> frozenset[str]:
    return frozenset(re.sub(r"\D", "", phone) for phone in phones)


# ---------------------------------------------------------------- digit runs


def _from_runs(text: str, official: set[str], context: str) -> Iterator[tuple]:
    """IDs, mobiles and cards: windows of a run of digit groups."""
    cards = bool(_CARD_WORDS.search(text) or _CARD_WORDS.search(context))
    # a table row about a person (| 马某某 | 本人 | 6222 0251 5950 6159 2 |) needs no word
    # for a card: a card number there is the person's (a bank's first digit, see _classify)
    card_context = context if cards else (_ROW_ONLY if _person_row(text) else None)
    for run in _RUN.finditer(text):
        if run.end() - run.start() < 11:
            continue  # shorter than any identifier
        start, end = run.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if before in ("*", "/", ".") or after == "*":
            continue  # masked, an index number's tail, a decimal
        if after == "." and text[end + 1 : end + 2].isdigit():
            continue  # an amount with decimals
        if after.isascii() and after.isalnum():
            continue  # part of a code such as 11530100MB0000000X
        prefixed = before.isascii() and before.isalpha()
        yield from _windows(text, run, official, card_context, prefixed)


_ROW_ONLY = "\x00row"  # the card context of a person's table row without a card word
_CARD_FIRST_DIGITS = "3456"  # UnionPay 62/60, Visa 4, Mastercard 5, JCB 3 (old 95… has 19)


def _card_shaped(digits: str) -> bool:
    """A bank's first digit, and not a unified social credit code written in digits."""
    if digits[0] not in _CARD_FIRST_DIGITS and not (digits[0] == "9" and len(digits) == 19):
        return False
    return not (len(digits) == 18 and uscc.is_valid(digits))


def _person_row(text: str) -> bool:
    return text.count("|") >= 3 and bool(_CELL_NAME.search(text))


def _dotted(text: str, official: set[str]) -> Iterator[tuple]:
    if "." not in text:
        return
    for match in _DOTTED_MOBILE.finditer(text):
        digits = match.group(0).replace(".", "")
        if _MOBILE_PREFIX.fullmatch(digits) and digits not in official:
            yield ("mobile", match.start(), match.end(), digits, True)


_GROUP = re.compile(r"\+?[0-9]+[Xx]?")
_LENGTHS = (11, 13, 15, 16, 17, 18, 19)  # mobile, +86 mobile, old ID, cards, ID


_DISABILITY = re.compile(r"(?<![0-9A-Za-z])([0-9]{17}[0-9Xx])([0-9]{2})(?![0-9A-Za-z])")
_DISABILITY_WORDS = re.compile("残疾|残联|持证|视力|听力|言语|肢体|智力|精神|多重")


def _disability(text: str, context: str) -> Iterator[tuple]:
    """A disability certificate number: the holder's 18-character ID and two digits of
    category (1–7) and grade (1–4). Other two digits count beside words for disability."""
    if len(text) < 20:
        return
    for match in _DISABILITY.finditer(text):
        number = match.group(1).upper()
        if not _valid_id18(number):
            continue
        suffix = match.group(2)
        graded = suffix[0] in "1234567" and suffix[1] in "1234"
        if graded or _DISABILITY_WORDS.search(text) or _DISABILITY_WORDS.search(context):
            yield ("id", match.start(), match.end(), number, True)


def _windows(text: str, run: re.Match, official: set[str], context: str | None, prefixed: bool):
    """Consecutive groups whose digits make an identifier's length. After a letter
    (``G`` + an ID is a student registration number) only windows from the first group.
    ``context`` is None when no word on the line names a card or an account."""
    offset = run.start()
    groups = [(m.start() + offset, m.group(0)) for m in _GROUP.finditer(run.group(0))]
    plain_all = "".join(piece.lstrip("+") for _, piece in groups)
    bounds = [0]  # where each group's digits start in plain_all
    for _, piece in groups:
        bounds.append(bounds[-1] + len(piece.lstrip("+")))
    count = len(groups)
    starts = {value: index for index, value in enumerate(bounds)}
    lone = [count] * (count + 1)  # the first group at or after i that is a lone digit
    # a card written by fours ends in whatever is left, one digit too (6217 0030 8514 2269 3)
    by_fours = count >= 5 and all(bounds[i + 1] - bounds[i] == 4 for i in range(count - 1))
    # a whole card written by fours (6214-8372-1317-1045-775) holds no mobile or ID of its own
    whole_card = (
        count >= 4
        and 16 <= bounds[-1] <= 19
        and all(bounds[i + 1] - bounds[i] == 4 for i in range(count - 1))
        and plain_all.isdigit()
        and _luhn(plain_all)
    )
    for index in range(count - 1, -1, -1):
        small = bounds[index + 1] - bounds[index] < 2 and count > 1
        small = small and not (by_fours and index == count - 1)
        lone[index] = index if small else lone[index + 1]
    for first in range(1 if prefixed or whole_card else count):
        if bounds[first + 1] - bounds[first] < 3 and not groups[first][1].startswith("+"):
            continue  # no identifier is written starting with a group of one or two digits
        for length in _LENGTHS:
            end_group = starts.get(bounds[first] + length)
            if end_group is None:
                continue
            last = end_group - 1
            if lone[first] <= last:
                break  # a lone digit is a list marker or a count, not part of a number
            plain = plain_all[bounds[first] : bounds[end_group]]
            begin, finish = groups[first][0], groups[last][0] + len(groups[last][1])
            written = text[begin:finish]
            found = _classify(plain, written, text, begin, finish, official, context)
            if found is not None:
                yield (found[0], begin, finish, found[1], True)


def _classify(plain, written, text, begin, finish, official, context) -> tuple[str, str] | None:
    length = len(plain)
    if length == 18 and _valid_id18(plain.upper()):
        return "id", plain.upper()
    if not plain.isdigit():
        return None
    if length == 15 and _valid_id15(plain) and not _registration(text, begin):
        return "id", plain
    mobile = plain
    if length == 13 and plain.startswith("86"):
        mobile = plain[2:]
    elif length == 15 and plain.startswith("0086"):
        mobile = plain[4:]
    prefixed = length == 11 or written.startswith(("+", "86", "0086"))
    ordinal = text[begin - 1 : begin] == "第"  # 第13912345678号 is a serial number
    if len(mobile) == 11 and prefixed and not ordinal and _MOBILE_PREFIX.fullmatch(mobile):
        return ("mobile", mobile) if mobile not in official else None
    if context is None or not 16 <= length <= 19:
        return None
    if context == _ROW_ONLY and not _card_shaped(plain):
        return None
    if _luhn(plain) and _card_context(text, begin, finish, context):
        return "card", plain
    return None


@cache
def region_exists(code: str) -> bool:
    """Whether a six-digit region code was ever in use, by the history of GB/T 2260 that
    python-stdnum ships (every code with its years of validity, read here without the
    years): a county code, or a code under a prefecture that existed (ID numbers also
    carry prefecture-level codes such as 530100)."""
    return _known(code) or _known(code[:4] + "00")


def _known(code: str) -> bool:
    parts = numdb.get("cn/loc").info(code)
    return len(parts) == 2 and bool(parts[0][1]) and bool(parts[1][1])


def _date_digits(digits: str) -> bool:
    """A cheap look at YYYYMMDD before parsing it."""
    return (
        digits[:2] in ("18", "19", "20")
        and "01" <= digits[4:6] <= "12"
        and "01" <= digits[6:8] <= "31"
    )


def _possible_date(year: int, month: int, day: int) -> bool:
    if not 1880 <= year <= 2099:
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_digit(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def _valid_id18(number: str) -> bool:
    if (
        not _date_digits(number[6:14])
        or not number[:17].isdigit()
        or number[17] not in "0123456789X"
    ):
        return False
    if not _possible_date(int(number[6:10]), int(number[10:12]), int(number[12:14])):
        return False
    if number[6:14] > _TODAY:
        return False  # nobody is born in the future: a serial number that looks like one
    return id_check_digit(number[:17]) == number[17] and region_exists(number[:6])


_TODAY = dt.date.today().strftime("%Y%m%d")


def _valid_id15(digits: str) -> bool:
    """The 1980s 15-digit form: region, YYMMDD in the 1900s, order code, no check digit."""
    if not _date_digits("19" + digits[6:12]):
        return False
    if not _possible_date(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12])):
        return False
    return region_exists(digits[:6])


def _registration(text: str, start: int) -> bool:
    """A 15-digit business registration number (注册号) is not an ID number."""
    before = text[max(0, start - 12) : start]
    return any(word in before for word in ("注册号", "执照", "工商", "登记号", "编码", "代码"))


_DOUBLED = {str(d): (d * 2 - 9 if d > 4 else d * 2) for d in range(10)}


def _luhn(digits: str) -> bool:
    reverse = digits[::-1]
    total = sum(map(int, reverse[0::2])) + sum(_DOUBLED[c] for c in reverse[1::2])
    return total % 10 == 0


def _card_context(text: str, begin: int, finish: int, context: str) -> bool:
    """Whether a Luhn-valid number is a person's card: the line names a card or an
    account (checked before), and the clause does not name an institution's account."""
    clause = _clause(text, begin, finish)
    if "个人" in clause or "本人" in clause:
        return True
    if _HOLDER.search(clause) or _ORGANISATION_LABEL.search(clause):
        return False
    # A number labelled as a card (工资卡号, 社保卡号, 存折) is a person's: organisations
    # hold accounts, not cards, so a wage account's or a company's name elsewhere in the
    # sentence (农民工工资专户代发明细：王某 工资卡号 6212…) names the payer, not the holder.
    if _CARD_LABEL.search(text, max(0, begin - 12), begin):
        return True
    # An institution named after the number counts only before the next comma: in
    # "卡号：6221…，欠薪已由总承包单位代发至该卡" the company pays into a worker's card.
    near = _clause(text, begin, finish, tail_ends=_SUBCLAUSE_END)
    return not _INSTITUTION_ACCOUNT.search(near)


def _clause(
    text: str, start: int, end: int, reach: int = 40, tail_ends: re.Pattern[str] = _CLAUSE_END
) -> str:
    """The sentence around ``text[start:end]``, at most ``reach`` characters each side;
    ``tail_ends`` says where the part after it stops (a sentence end, or a comma too)."""
    head = _head(text, start, reach)
    tail = text[end : end + reach]
    stop = tail_ends.search(tail)
    return head + text[start:end] + (tail[: stop.start()] if stop else tail)


# ---------------------------------------------------------------- landlines


def _landlines(text: str, official: set[str], context: str) -> Iterator[tuple]:
    if not _LANDLINE_HINT.search(text):
        return
    persons_row: bool | None = None  # the whole text is read once for it, when needed
    for match in _LANDLINE.finditer(text):
        area = match.group(1) or match.group(2) or ""
        digits = area + match.group(3).replace(" ", "").replace("-", "")
        if digits in official:
            continue
        after = text[match.end() : match.end() + 5]
        head = _head(text, match.start(), 12)
        labelled = bool(_PRIVATE_PHONE.search(head)) or _kin_phone(head)
        labelled = labelled or bool(_PRIVATE_SUFFIX.search(after))
        if not area and not labelled:
            continue  # a local number without its area code counts only after a private label
        private = labelled or _beside_person(text, match.start(), match.end(), context)
        if not private and persons_row is None:
            persons_row = _in_persons_row(text, context)
        private = private or bool(persons_row)
        yield ("landline", match.start(), match.end(), digits, private)


def _kin_phone(head: str) -> bool:
    kin = _KIN_PHONE.search(head)
    return bool(kin) and not (
        _CALL_WORDS.search(kin.group(0)) or _OFFICE_PHONE.search(kin.group(0))
    )


def _head(text: str, start: int, reach: int) -> str:
    """Up to ``reach`` characters before ``start``, not crossing a sentence end."""
    head = text[max(0, start - reach) : start]
    ends = [m.end() for m in _CLAUSE_END.finditer(head)]
    return head[ends[-1] :] if ends else head


def _beside_person(text: str, start: int, end: int, context: str) -> bool:
    """A phone number given for a private person (申请人：李某，联系电话：…), not for an office."""
    head = _head(text, start, 30)
    people = [m.start() for m in _PRIVATE_PERSON.finditer(head)]
    if not people and not _PRIVATE_PERSON.search(context):
        return False
    between = head[people[-1] :] if people else head
    if people and _SERVES.search(head[: people[-1]]):
        return False  # 社区为独居老人提供…，联系电话: the office serving them gives its number
    after = text[end : end + 8]
    label = bool(_PHONE_LABEL.search(between)) or bool(_NEEDY.search(head))
    return label and not (_OFFICE_PHONE.search(between) or _OFFICE_PHONE.search(after))


# an office doing something for the people named after it (社区为…, 卫生院向…, 志愿者给…)
_SERVES = re.compile(
    "(?:"
    + "|".join(map(re.escape, (*OFFICE_PHONE, "志愿者", "网格", "团队", "民警")))
    + r")[^，,。；;：:]{0,6}?(?:为|向|给|帮|组织)[^，,。；;：:]{0,4}$"
)


_NEEDY = _words(NEEDY)
_CELL_NAME = re.compile(
    r"\|\s?[\u4e00-\u9fff]{1,2}(?:某{1,2}|[*＊]{1,2}|[\u4e00-\u9fff](?<![村镇乡区县市组社局站院所会队处厂店馆园])"
    r")\s?(?=\|)"
)


def _in_persons_row(text: str, context: str) -> bool:
    """A table row about a private person (| 孙某某 | 新华村 | 0898-36521478 | 特困供养 |):
    a cell holding a name or a word for a person in need, and no office or institution
    anywhere in the row or its header."""
    if text.count("|") < 3:
        return False
    name = _CELL_NAME.search(text)
    person = name or _NEEDY.search(text) or _PRIVATE_PERSON.search(context)
    if not person:
        return False
    row = text
    if name:  # where the person lives, in a cell after the name (| 卢某 | 城关镇东门社区 |)
        row = text[: name.end()] + _HOME_CELL.sub("|", text[name.end() :])
    return not (
        _OFFICE_PHONE.search(row) or _INSTITUTION.search(row) or _OFFICE_PHONE.search(context)
    )


_HOME_CELL = re.compile(r"\|\s?[\u4e00-\u9fff]{1,16}社区\s?(?=\|)")


# ---------------------------------------------------------------- addresses


def _addresses(text: str, context: str) -> Iterator[tuple]:
    if not _UNIT_CHARS.search(text):
        return
    found: list[tuple[int, int, str]] = []  # (start, end, shape)
    if _ADDRESS_HINT.search(text):
        for match in _ADDRESS.finditer(text):
            value = match.group(0).rstrip(" -,，")
            if _parts(value) >= 2 and _roomish(value):
                found.append((match.start(), match.start() + len(value), "flat"))
    if "-" in text:
        found += [(*match.span(), "hyphenated") for match in _HYPHENATED.finditer(text)]
    if _HOUSE_HINT.search(text):
        found += [(*match.span(), "house") for match in _HOUSE.finditer(text)]
    if not found:
        return
    clauses = _Clauses(text, context)
    for start, end, shape in found:
        if clauses.lives_here(start) or (
            shape != "house"
            and _residential(text, start, end, shape)
            and not _institutional(text, start, end)
        ):
            yield ("address", start, end, "", True)


class _Clauses:
    """The cues of one text that say a person lives somewhere, and its clause ends,
    found once for every address candidate on it (so a line of many candidates stays
    linear)."""

    def __init__(self, text: str, context: str):
        self.text = text
        self.context = bool(_PRIVATE_ADDRESS.search(context))
        self.ends = [m.end() for m in _CLAUSE_END.finditer(text)]
        cues = [(m.end(), m.start(), m.group(0)) for m in _PRIVATE_ADDRESS.finditer(text)]
        cues += [(m.end(), m.end() - 1, "住") for m in _LIVES_HERE.finditer(text)]
        cues += [(m.end(), m.end() - 1, "住") for m in _NAME_LIVES.finditer(text)]
        cues.sort()
        self.cues = cues
        self.cue_ends = [cue[0] for cue in cues]

    def lives_here(self, start: int, reach: int = 40) -> bool:
        """Whether the clause before ``start`` says a private person lives there."""
        at = bisect.bisect_right(self.ends, start)
        left = max(start - reach, self.ends[at - 1] if at else 0)
        head = self.text[left:start]
        index = bisect.bisect_right(self.cue_ends, start) - 1
        if index < 0 or self.cues[index][1] < left:
            return self.context and not _INSTITUTION.search(head)
        end, _, word = self.cues[index]
        if word.startswith("住所") and (
            _COMPANY.search(head) or _INSTITUTION.search(head) or self._registered(start)
        ):
            return False  # a company's or an office's registered address (住所地)
        return not _OFFICE_AFTER_CUE.search(self.text[end:start])

    def _registered(self, start: int, reach: int = 60) -> bool:
        """Whether the sentence of an address after 住所 describes a registered business
        (法定代表人, 统一社会信用代码 … before or after it): a penalty decision names a
        company as 当事人 with its 住所 and legal representative, no person's home."""
        at = bisect.bisect_right(self.ends, start)
        left = max(start - reach, self.ends[at - 1] if at else 0)
        right = min(start + reach, self.ends[at] if at < len(self.ends) else len(self.text))
        return _REGISTERED.search(self.text, left, right) is not None


# What a business's registration record says beside its 住所
_REGISTERED = re.compile(
    "法定代表人|法人代表|统一社会信用代码|注册资本|经营范围|成立日期|登记机关|营业期限|注册号"
)
_ESTATE_WORDS = re.compile("|".join(_ESTATE))
_HOME_PARTS = re.compile(r"单元|门|户")


def _residential(text: str, start: int, end: int, shape: str) -> bool:
    """A flat in a housing estate or a stairwell unit, not a room in some building
    (``请到3号楼502室领取`` names an office); ``3-2-502`` only after an estate's name."""
    before = text[max(0, start - 12) : start]
    if _ESTATE_WORDS.search(before):
        return True
    return shape == "flat" and bool(_HOME_PARTS.search(text[start:end]))


def _parts(value: str) -> int:
    return len(_PART_WORD.findall(value)) + bool(_BARE_ROOM.search(value))


_PART_WORD = re.compile(r"号院|号楼|栋|幢|座|单元|层|楼|门|室|户|号")
_BARE_ROOM = re.compile(rf"(?:\d|{_DIGITS_CN}){{3,4}}$")
_FLAT = re.compile(
    rf"(?:室|户|房)$|\d{{3,4}}$|{_DIGITS_CN}{{3,4}}号?$"
    r"|(?:单元|门)\s?(?:\d{1,4}|[一二三四五六七八九十〇零]{1,4})号$"
)
_BUILDING = re.compile(r"单元|栋|幢|号楼|座|门|号院|楼")


def _roomish(value: str) -> bool:
    """Down to a flat: a room after a building, unit or entrance."""
    return bool(_FLAT.search(value) and _BUILDING.search(value))


_COMPANY = _words(("公司", "有限", "企业", "单位", "合作社", "中心", "店", "厂", "机构", "协会"))


def _institutional(text: str, start: int, end: int) -> bool:
    return bool(_INSTITUTION.search(_clause(text, start, end, reach=30)))
