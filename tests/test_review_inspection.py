"""LD001 on ordinary news text (review): short forms of a title, titles the text itself
calls former (时任…), and roster names inside longer words must stay quiet; the errors
next to them must still be found."""

from __future__ import annotations

import json

import pytest

from tests.conftest import item
from tests.test_inspection import check

ROSTER = """\
titles: [书记, 副书记, 市长, 副市长]
leaders:
  - name: 林海东
    unit: 中共测试市委员会
    rank: 1
    titles: [市委书记]
    former:
      - {title: 市长, until: 2024-01-18}
  - name: 陈立群
    unit: 测试市人民政府
    rank: 2
    titles: [市委副书记, {title: 市长, since: 2024-01-19}]
  - name: 王振宇
    unit: 测试市人民政府
    rank: 3
    titles: [常务副市长]
  - name: 高峰
    unit: 测试市人民政府
    rank: 4
    titles: [副市长]
"""


def ld001(cli, make_site, body):
    root = make_site(
        {"checks/leaders.yaml": ROSTER, "content/edu/news/a.md": item(body=body, date="2026-11-20")}
    )
    findings = json.loads(check(cli, root).out)["findings"]
    return [f["message"] for f in findings if f["rule"] == "LD001"]


@pytest.mark.parametrize(
    "body",
    [
        "林海东书记强调，要抓好落实。",  # 书记: the 市委书记 without the unit
        "陈立群副书记出席。",
        "时任市长林海东提出这一构想。",  # the text says the title was held then
        "前任市长林海东出席。",
        "早高峰，市长陈立群乘坐公交调研。",  # 高峰 inside 早高峰 is no listing
        "晚高峰、市长陈立群乘坐公交调研。",
        "副市长 高峰出席。",
        "区委书记 高峰出席。",  # another unit's title, with a space
    ],
)
def test_ordinary_news_text_stays_quiet(cli, make_site, body):
    assert ld001(cli, make_site, body + "\n") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("林海东副书记出席。", "不是副书记"),  # a short form may not drop 副
        ("高峰市长出席。", "不是市长"),  # nor change 副市长 into 市长
        ("高峰常务副市长出席。", "不是常务副市长"),
        ("时任常务副市长高峰提出这一构想。", "不是常务副市长"),  # a title never held
        ("出席的有高峰、林海东。", "按名册位次应为“林海东、高峰”"),
        ("市委书记林海东，副市长高峰、常务副市长王振宇出席。", "按名册位次"),
        ("市长 高峰出席。", "不是市长"),  # a space between title and name (captions, lists)
        ("市长\u3000高峰出席。", "不是市长"),
        ("高峰 市长出席。", "不是市长"),
    ],
)
def test_the_errors_beside_them_are_still_found(cli, make_site, body, expected):
    messages = ld001(cli, make_site, body + "\n")
    assert len(messages) == 1 and expected in messages[0], messages
