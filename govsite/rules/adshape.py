"""The shape of an advertisement (AD001), beyond any list of phrases.

Marketing copy is written in endless wordings but always from a few kinds of parts: an
*offer* (特价, 直降, 赠送, 免费体验), a *price* (仅需1280元, 首付三成), the merchant's own
voice and selling points (本店, 旺铺, 包学包会, 现房, 含往返机票), a *call to buy* (欢迎订购,
有意者电话联系, 关注公众号领取, 到店) and *urgency* (限量, 前50名, 仅限三天). One part alone
is ordinary government text too: a notice states fees, a subsidy has an amount, an event
has limited places. Two kinds of parts in one sentence, one of them the merchant's voice
or a call to buy (or an offer with urgency), is an advertisement.

A sentence whose line carries a context cue of the advertising list (subsidies, penalty
decisions, warnings) or a word of a government genre below (recruitment, tuition, public
services, tenders) is not one, except a merchant speaking of itself (本店, 我公司) beside
nothing but a subsidy word (以旧换新, 补贴): that is its own promotion. The words are
read in one scan of the page (a trie), and only on a page where the scan for every
list (:mod:`govsite.rules.gate`) found a word of an offer, a seller, a call or a clinic.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache

from govsite.rules.gate import Prefilter
from govsite.rules.matching import Lines, compile_terms

# ---------------------------------------------------------------- the parts of an ad
OFFER = (
    "特价", "特惠", "特卖", "优惠价", "折扣", "打折", "半价", "直降", "立减", "返现", "返点", "免单",
    "赠送", "免费送", "免费体验", "免费试听", "免费试用", "免费领取", "免费量房", "免费设计",
    "免费检测", "免费体检", "免费上门", "体验课", "体验券", "体验卡", "代金券", "优惠券", "红包",
    "无门槛", "买一送一", "送礼", "好礼", "大礼包", "赠品", "即领", "就送", "即送", "免工费",
    "免运费", "包邮", "秒杀", "团购价", "活动价", "会员价", "清仓", "甩卖", "让利", "酬宾",
    "优惠多多", "超值", "划算", "物美价廉", "性价比",
)  # fmt: skip
PRICE_WORDS = (
    "仅需",
    "只需",
    "只要",
    "仅售",
    "低至",
    "首付",
    "零首付",
    "可分期",
    "分期付款",
    "免息",
)
SELLER = (
    "本店", "我店", "小店", "本公司", "我公司", "本厂", "我厂", "我们的产品", "加入我们", "门店",
    "旗舰店", "专卖店", "实体店", "厂家", "正宗", "高端", "豪华", "品牌", "新品", "爆款", "热销",
    "畅销", "旺铺", "招租", "出租", "急售", "发售", "现房", "精装", "洋房", "别墅", "学区房",
    "地铁口", "人流量大", "黄金地段", "质保", "保修", "包退", "包换", "售后无忧", "包学包会",
    "包教包会", "包会", "包接送", "持证上岗", "一站式", "私人定制", "纯玩", "含往返", "回本",
    "当天治疗", "当天走", "当天见效", "立竿见影", "一次见效", "根治", "不复发", "治愈率",
    "口碑", "信赖", "货真价实", "童叟无欺", "同城配送", "送货上门", "上门安装", "特卖会",
    "专业团队", "资深", "名师", "金牌", "一对一", "小班", "提分", "包过线", "高通过率",
)  # fmt: skip
CLINIC = ("专科", "诊所", "门诊部", "专家坐诊", "名医", "微创", "无痛", "不开刀", "不住院")
CALL = (
    "欢迎订购", "欢迎选购", "欢迎来电", "欢迎咨询", "欢迎惠顾", "欢迎光临", "欢迎进店",
    "欢迎垂询", "欢迎致电", "欢迎预订", "有意者", "有意向者", "详询", "详情咨询", "电话联系",
    "来电咨询", "来电预约", "来电订购", "致电", "订购", "选购", "抢购", "下单", "进店", "到店",
    "到场", "预约体验", "预约享", "关注公众号", "关注微信", "加微信", "添加微信", "扫码",
    "私信", "私聊", "速来", "快来", "赶快", "抓紧报名", "立即报名", "马上报名", "报名送",
    "报名享", "报名立减",
)  # fmt: skip
URGENCY = (
    "限量", "限时", "仅限", "名额有限", "先到先得", "数量有限", "送完", "售完", "领完即止",
    "手慢无", "即将涨价", "机会难得", "错过", "最后一天", "仅剩", "抢完", "火热报名",
    "火爆", "报名中", "预订中", "热销中", "倒计时",
)  # fmt: skip
# 前50名, 最后3天, 仅限三天: urgency written with a number
_URGENT_NUMBER = (
    r"前\s?\d{1,4}\s?名|最后\s?\d{1,2}\s?天|仅限\s?[\d一二三四五六七八九十两]{1,2}\s?天"
)
_PRICE = (
    r"(?<![\d.])\d{1,7}(?:\.\d{1,2})?\s?(?:元|块钱)(?:起|/[\u4e00-\u9fff])?"
    r"|[一二三四五六七八九十两][成]即可"
)
# Words of the government genres that state prices, places and calls to apply: a sentence
# on a line with one of them is a notice, not an advertisement.
GOVERNMENT = (
    "招聘", "岗位", "应聘", "录用", "求职", "就业", "培训补贴", "学费标准", "收费标准",
    "缴费", "缴纳", "报销", "医保", "社保", "公积金", "税", "公示", "公告", "通知", "办理",
    "申请", "申领", "审批", "局", "人民政府", "街道", "村委会", "居委会", "公益", "免费开放",
    "免费参加", "景区", "游客", "门票", "文旅", "招标", "投标", "采购", "中标", "成交", "拍卖",
    "挂牌", "国有", "产权交易", "租金标准", "保障性", "公租房", "廉租", "人才公寓", "统计",
    "价格监测", "均价", "同比", "环比", "市场价格", "涨幅", "降幅", "农贸市场", "老年大学",
    "学校", "医院", "卫生院", "卫健", "社区", "党群", "志愿", "公安", "法院", "条例", "规定",
    # court and case narratives, product-labelling rules
    "某某", "本案", "原告", "被告", "判决", "纠纷", "标签", "标识", "标明", "标注", "注明",
)  # fmt: skip

# The merchant speaking of itself: a subsidy or trade-in word on its line (本店…以旧换新)
# is its promotion, not a government notice; other cues (当事人, 违反, 警惕) still excuse.
FIRST_PERSON = ("本店", "我店", "本公司", "我公司", "本厂", "我厂", "小店", "本商城", "本门店")
SUBSIDY = ("以旧换新", "补贴", "消费券", "惠民", "促消费", "促进消费", "政策")

_KIND = {
    **dict.fromkeys(OFFER, "offer"),
    **dict.fromkeys(PRICE_WORDS, "price"),
    **dict.fromkeys(SELLER, "seller"),
    **dict.fromkeys(CLINIC, "clinic"),
    **dict.fromkeys(CALL, "call"),
    **dict.fromkeys(URGENCY, "urgency"),
}
# every advertisement has one of these (see is_advertisement)
_LEADING = frozenset({"offer", "seller", "call", "clinic"})
_SENTENCE_END = re.compile(r"[。！？!?；;\n\x00_|丨]")
LABEL = "营销话术"


@cache
def _words() -> re.Pattern[str]:
    words = compile_terms(sorted(_KIND, key=len, reverse=True), gap="")
    assert words is not None
    return words


@cache
def _leading() -> Prefilter:
    """The words of the parts every advertisement has one of (offer, seller, call,
    clinic): the page's one scan for every list says whether any is there."""
    return Prefilter(((word, word) for word, kind in _KIND.items() if kind in _LEADING), ())


@cache
def _numbers() -> re.Pattern[str]:
    return re.compile(f"(?P<urgent>{_URGENT_NUMBER})|(?P<price>{_PRICE})")


@cache
def _excuses(context: tuple[str, ...]) -> re.Pattern[str] | None:
    return compile_terms(tuple(dict.fromkeys(context + GOVERNMENT)), gap="")


def _excused(excuses: re.Pattern[str], line: str) -> bool:
    """Whether a cue on the line excuses its advertisement-shaped sentence."""
    cues = {m.group(0) for m in excuses.finditer(line)}
    # 本店…以旧换新 with no other cue: the shop's own promotion
    return bool(cues) and not (cues <= _SUBSIDY and any(w in line for w in FIRST_PERSON))


_SUBSIDY = frozenset(SUBSIDY)


def is_advertisement(kinds: set[str]) -> bool:
    """Two kinds of parts, one of them the merchant's voice or a call to buy; or an offer
    with urgency; or a clinic's promise."""
    if len(kinds) < 2:
        return False
    if kinds & {"seller", "call"}:
        return True
    return {"offer", "urgency"} <= kinds or ("clinic" in kinds and "offer" in kinds)


def shaped(lines: Lines, context: Sequence[str], skip: set[int]) -> list[tuple[int, int, int]]:
    """Sentences shaped as advertisements: ``(line index, start, end)`` in the line as
    written, one per line at most, skipping lines in ``skip`` and lines with a cue."""
    if not _leading().select(lines.scanned)[0]:
        return []  # no offer, seller, call or clinic: no advertisement (most pages)
    lower = lines.lower
    parts = [(m.start(), m.end(), _KIND[m.group(0)]) for m in _words().finditer(lower)]
    if not any(kind in _LEADING for _, _, kind in parts):
        return []  # no offer, seller, call or clinic: no advertisement (most pages)
    parts += [(m.start(), m.end(), m.lastgroup or "") for m in _numbers().finditer(lower)]
    ends = [m.start() for m in _SENTENCE_END.finditer(lower)]
    by_sentence: dict[int, tuple[int, int, set[str]]] = {}
    for start, end, kind in parts:
        kind = "urgency" if kind == "urgent" else kind
        sentence = bisect.bisect_left(ends, start)
        first, last, kinds = by_sentence.get(sentence, (start, end, set()))
        kinds.add(kind)
        by_sentence[sentence] = (min(first, start), max(last, end), kinds)
    found: dict[int, tuple[int, int, int]] = {}
    excuses = None
    for start, end, kinds in by_sentence.values():
        if not is_advertisement(kinds):
            continue
        index, a, b = lines.locate(start, end)
        if index in skip or index in found:
            continue
        if excuses is None:
            excuses = _excuses(tuple(context))
        if excuses is not None and _excused(excuses, lines.joined_line(index).lower()):
            continue
        found[index] = (index, a, b)
    return list(found.values())
