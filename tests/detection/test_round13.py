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
