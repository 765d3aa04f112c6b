"""Normalisation, term matching with gaps, allow phrases, context cues and pattern gates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govsite.i18n import Translator
from govsite.identifiers import find_identifiers, region_exists
from govsite.rulepack import TermList, load_rule_pack
from govsite.rules import RULES
from govsite.rules.content import content_matches
from govsite.rules.gate import _Gate, required_literals
from govsite.rules.matching import Lines, Matcher
from govsite.textnorm import normalise
from tests.conftest import REPO

PACK = load_rule_pack(Path("/nonexistent-site"), Translator("zh"), frozenset(RULES))


def illegal(text: str) -> list[str]:
    return [m.text for _, _, m in content_matches(Lines([text]), PACK)[0]]


def advertising(text: str) -> list[str]:
    return [m.text for _, _, m in content_matches(Lines([text]), PACK)[1]]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("３６５ｂｅｔ", "365bet"),
        ("博\u200b彩", "博彩"),
        ("博\u00ad彩\ufeff", "博彩"),
        ("&#x535A;&#24425;", "博彩"),
        ("&amp;", "&"),
        ("𝟑𝟔𝟓𝐛𝐞𝐭", "365bet"),
        ("ⓑⓔⓣ", "bet"),
        ("　　正文", "  正文"),
        ("İ", "i"),
    ],
)
def test_normalisation(written, read):
    assert normalise(written).text == read


def test_positions_map_back_to_what_was_written():
    view = normalise("前文&#x535A;\u200b彩后文")
    start = view.text.index("博彩")
    assert view.original(start, start + 2) == "&#x535A;\u200b彩"


@pytest.mark.parametrize(
    "text",
    [
        "３６５ｂｅｔ体育",
        "3 6 5 b e t",
        "365-bet",
        "博​彩平台",
        "博.彩平台",
        "365<b></b>bet官网",
        "BET365",
    ],
)
def test_disguised_terms_are_found_as_written(text):
    found = illegal(text)
    assert found, text
    assert all(piece in text for piece in found)


@pytest.mark.parametrize(
    "text",
    [
        "严厉打击网络赌博，切勿参与365bet等境外赌博网站",  # publicity
        "近日，警方破获一起利用“百家乐”开设赌场案",  # enforcement
        "不要相信“首存送88元”之类的广告",  # negation
        "示例市福利彩票销售网点管理办法",  # allow phrase
        "赌博“彩票”字样",  # quotes are not gaps
        "严禁赌博。彩票销售点须持证经营",  # a sentence end is not a gap
        "关键词：赌博 彩票",  # a cue that overlaps the match counts
    ],
)
def test_words_about_an_offence_are_not_the_offence(text):
    assert illegal(text) == []


def test_an_injected_title_is_not_excused_by_the_page_title_it_was_joined_to():
    assert illegal("365bet客户端_365bet体育官网平台_示例市严厉打击网络赌博专项行动")


def test_a_cue_inside_the_match_itself_does_not_excuse_it():
    matcher = Matcher(("广告合作请联系",), (), (), context=("广告",))
    assert [m.text for _, m in matcher.scan(Lines(["广告合作请联系微信abc"]))] == ["广告合作请联系"]


def test_advertising_in_a_subsidy_notice_or_a_penalty_decision_is_not_reported():
    assert advertising("本店全场商品一律五折起，欲购从速！")
    assert advertising("示例市消费券活动：满200元减50元，领完即止。") == []
    assert advertising("当事人宣称“全网最低价”，违反《广告法》，罚款2万元。") == []


def test_each_match_carries_its_category_and_family():
    found = content_matches(Lines(["同城约炮，美女上门", "全场五折，欲购从速"]), PACK)
    assert {terms.label for _, terms, _ in found[0]} == {"色情"}
    assert {terms.label for _, terms, _ in found[1]} == {"折扣促销", "紧迫稀缺"}


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        ("(全场|全店)[^，]{0,6}折", {"全场", "全店"}),
        ("首(存|充)(即|就)?送", {"首存", "首充"}),
        ("[¥￥]\\s?\\d+", {"¥", "￥"}),
        ("(?<![A-Za-z])(无码|AV)\\s?在线", {"无码", "av"}),
        ("(黑客|盗号).{0,4}(接单|服务)", {"黑客", "盗号"}),
        (".{0,3}\\d+", None),
        ("a*b*", None),
    ],
)
def test_required_literals(pattern, required):
    found = required_literals(re.compile(pattern, re.IGNORECASE))
    assert (set(found) if found is not None else None) == required


def test_the_pattern_gate_never_drops_a_pattern_that_matches():
    """Over every line of the corpus and every pattern of the default pack."""
    patterns = [p for f in PACK.advertising_families for p in f.patterns]
    patterns += [p for c in PACK.illegal for p in c.patterns]
    gate = _Gate(patterns)
    lines = [
        line.split("\t", 2)[2]
        for line in (REPO / "tests" / "detection" / "corpus.tsv").read_text("utf-8").splitlines()
    ]
    for line in lines:
        text = normalise(line).text
        allowed = {id(p) for p in gate.patterns_for(text.lower())}
        assert all(id(p) in allowed for p in patterns if p.search(text)), line


def test_a_user_pattern_without_a_literal_still_runs():
    terms = TermList(patterns=(re.compile("[a-z]{3}\\d{6}", re.IGNORECASE),), label="x")
    assert Matcher(terms.terms, terms.patterns, ()).find("abc123456").__next__().text == "abc123456"


def test_region_codes_of_any_time_are_real():
    assert region_exists("530102")  # 五华区 since 1983
    assert region_exists("110103")  # 崇文区 until 2010
    assert region_exists("530100")  # a prefecture code
    assert not region_exists("999999")
    assert not region_exists("115301")


def test_an_id_found_among_other_numbers_keeps_its_place():
    text = "2026-03-02 张某 530102195206151235 电话 0871-63100000"
    number = "530102195206151235"
    from tests.detection.numbers import check_digit

    number = number[:17] + check_digit(number[:17])
    text = text.replace("530102195206151235", number)
    hits = [h for h in find_identifiers(text) if h.kind == "id"]
    assert [(h.start, h.text) for h in hits] == [(text.index(number), number)]


def test_the_gate_sees_a_literal_that_overlaps_another():
    """高佣金 read as the literal 高佣 still shows 佣金 (which starts inside it)."""
    first = re.compile("高佣金?(日结|秒结)")
    second = re.compile("佣金\\S{0,2}(日结|秒结)")
    gate = _Gate([first, second])
    assert second in gate.patterns_for("高佣金、日结")
