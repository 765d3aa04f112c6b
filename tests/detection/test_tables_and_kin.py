"""Identifiers that only their surroundings reveal: a card in a person's table row, a
relative's landline, and the look-alikes beside them (a credit code in a row, a card
written by fours that happens to hold a mobile's digits, an office's number)."""

from __future__ import annotations

import random

from stdnum.cn import uscc

from govsite.identifiers import find_identifiers
from tests.detection import numbers as n


def _private(text: str) -> list[str]:
    return [h.kind for h in find_identifiers(text) if h.kind != "landline" or h.private]


def _by_fours(digits: str) -> str:
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def test_a_card_in_a_persons_row_needs_no_word_for_it():
    rng = random.Random(9)
    for _ in range(20):
        card = n.bank_card(rng, 19)
        assert _private(f"| 1 | 马某某 | 本人 | {_by_fours(card)} | 3000.00 |") == ["card"]


def test_a_credit_code_or_an_odd_number_in_a_row_is_no_card():
    head = "91530100MA0000000"[:2] + "530100" + "123456789"
    code = head + uscc.calc_check_digit(head)
    assert code.isdigit()
    assert _private(f"| 1 | 王某 | 已登记 | {code} |") == []
    assert _private("| 1 | 王某 | 已登记 | 2026031100012345678 |") == []


def test_a_card_written_by_fours_holds_no_mobile():
    rng = random.Random(3)
    for _ in range(50):
        card = n.bank_card(rng, 19)
        line = f"工会经费收缴专户：示例市总工会，账号{_by_fours(card)}。"
        assert _private(line) == []


def test_a_relatives_landline_across_a_short_clause_but_not_a_hotline():
    assert _private("紧急联系人：其女儿，座机 0871-65123456") == ["landline"]
    assert _private("家属联系电话（座机）：0871-65123456") == ["landline"]
    assert _private("家属可拨打咨询电话0871-65123456了解详情。") == []
    assert _private("社区为独居老人提供免费家政保洁服务，联系电话0871-65123456。") == []


def test_a_persons_community_cell_is_where_they_live():
    assert _private("| 卢某 | 城关镇东门社区 | 0833-2106547 | 高龄津贴 |") == ["landline"]
    assert _private("| 东门社区 | 王某某 | 0871-65123456 |") == []
