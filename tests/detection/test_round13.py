"""Round 13: defect classes found by the blind held-out set 1
(``tests/detection/round13-heldout.txt``), each with sentences other than the held-out ones.
"""

from __future__ import annotations

import pytest

from bench.detection import detector

DETECT = detector()


def found(text: str) -> set[str]:
    return set(DETECT(text))


# ---- emoji, mahjong tiles and playing cards put between the characters of a term
@pytest.mark.parametrize(
    "text",
    ["博🔥彩平台注册就送", "代🌸孕包成功", "六合彩🀄特码资料", "澳门🂡新葡京", "办✅证 微信同号"],
)
def test_emoji_between_characters_is_a_gap(text: str) -> None:
    assert "AD002" in found(text)


@pytest.mark.parametrize(
    "text", ["🎉喜报！我市荣获全国文明城市称号", "👉点击查看2024年度政府信息公开工作年度报告"]
)
def test_emoji_in_ordinary_text_is_nothing(text: str) -> None:
    assert found(text) == set()


# ---- a number labelled as a card is a person's, whoever pays into it
@pytest.mark.parametrize(
    "text",
    [
        "示例建筑有限公司农民工工资发放表：李某 社保卡号：6214835260181597",
        "示例县财政局惠农补贴专户发放清单：赵某 一卡通 6231900830166131868",
    ],
)
def test_card_label_before_number_is_a_persons_card(text: str) -> None:
    assert found(text) == {"PV004"}


@pytest.mark.parametrize(
    "text",
    [
        "对公账户：6222021234567890128，户名：示例市某某建设有限公司",
        "示例市某某公司单位结算卡 6222021234567890128",
    ],
)
def test_organisations_accounts_stay_quiet(text: str) -> None:
    assert "PV004" not in found(text)


# ---- 附N号 straight after the road, where a person lives
@pytest.mark.parametrize(
    "text",
    ["当事人：杨某，住示例县城关镇人民路附12号", "信访人家住示例市西山区前卫西路附 7 号"],
)
def test_annex_house_number_after_lives_here(text: str) -> None:
    assert found(text) == {"PV005"}


def test_annex_house_number_of_an_office_is_quiet() -> None:
    assert found("办公地址：关上北路附3号示例市某某局二楼") == set()


# ---- a company's 住所 is known by its registration record in the same sentence
@pytest.mark.parametrize(
    "text",
    [
        "住所：示例市官渡区春城路318号，法定代表人：王某",
        "当事人名称：某某餐饮店，注册号：530111600123456，住所：示例县龙城镇正街21号",
    ],
)
def test_registered_business_address_is_quiet(text: str) -> None:
    assert "PV005" not in found(text)


def test_persons_residence_called_zhusuo_is_still_reported() -> None:
    assert found("当事人：李某，男，住所：示例市五华区和平路8号") == {"PV005"}
