"""Every published string is checked, at its own file line: the two reproductions of the
detection issue, code blocks, front-matter fields, annual reports, new-media names."""

from __future__ import annotations

import json
import random

from stdnum.cn import ric

from tests.conftest import item
from tests.detection.numbers import check_digit, resident_id

HACKED_INDENTED = """\
关于做好2026年春季学期开学工作的通知

    365bet客户端_365bet体育官网平台_365bet娱乐场
    <div style="display:none"><a href="https://www.365bet.example/">365bet体育在线投注</a></div>
    澳门新葡京官网_首存送88元

各学校要认真做好开学准备工作。
"""


def findings(cli, root, *args):
    result = cli("check", "--site", root, "--format", "json", *args)
    return result, json.loads(result.out)["findings"]


def at(found, rule):
    return sorted((f["path"], f["line"]) for f in found if f["rule"] == rule)


def test_hacked_page_pasted_as_indented_text_is_refused_with_ad002(make_site, cli):
    root = make_site({"content/edu/news/hacked.md": item(body=HACKED_INDENTED)})
    result, found = findings(cli, root)
    assert result.code == 1
    path = "content/edu/news/hacked.md"
    # the body starts on line 14 (12 front-matter lines, then a blank line)
    assert at(found, "AD002") == [(path, 16), (path, 17), (path, 18)]
    assert (path, 17) in at(found, "AD003")


def test_hacked_page_pasted_with_its_html_raises_ad002_as_well_as_ad003(make_site, cli):
    body = (
        '<div style="display:none"><a href="https://www.365bet.example/">365bet体育官网</a></div>\n'
        "<p>本文来自示例市教育体育局。</p>\n"
    )
    root = make_site({"content/edu/news/hacked.md": item(body=body)})
    result, found = findings(cli, root)
    assert result.code == 1
    assert at(found, "AD002") == [("content/edu/news/hacked.md", 14)]
    assert ("content/edu/news/hacked.md", 14) in at(found, "AD003")
    assert all(f["severity"] == "error" for f in found if f["rule"] == "AD002")


def test_an_id_whose_region_code_is_younger_than_its_holder_is_found(make_site, cli):
    # 五华区 (530102) exists since 1983; its holder was born in 1952.
    first17 = "53010219520615" + "123"
    number = first17 + check_digit(first17)
    assert not ric.is_valid(number)  # the test python-stdnum applies, and real IDs fail
    body = f"## 公示名单\n\n1. 张某某，身份证号 {number}，获评优秀退休教师。\n"
    root = make_site({"content/edu/news/list.md": item(body=body)})
    result, found = findings(cli, root)
    assert result.code == 1
    assert at(found, "PV001") == [("content/edu/news/list.md", 16)]
    excerpt = next(f["excerpt"] for f in found if f["rule"] == "PV001")
    assert excerpt == number[:4] + "*" * 10 + number[-4:]
    assert number not in result.out


def test_code_blocks_link_titles_alt_text_and_table_cells_are_read(make_site, cli):
    rng = random.Random(7)
    ids = [resident_id(rng) for _ in range(5)]
    body = (
        "```\n"
        f"张某 {ids[0]}\n"
        "```\n"
        "\n"
        f'见[名单](../notice/x.md "{ids[1]}")和 ![李某 {ids[2]}](/edu/media/photo.png)，'
        f"代码 `{ids[3]}`。\n"
        "\n"
        "| 姓名 | 身份证号 |\n"
        "| --- | --- |\n"
        f"| 王某 | {ids[4]} |\n"
    )
    root = make_site(
        {
            "content/edu/news/list.md": item(body=body),
            "content/edu/media/photo.png": b"\x89PNG\r\n\x1a\n",
            "content/edu/notice/x.md": item(),
        }
    )
    _, found = findings(cli, root)
    lines = [line for _, line in at(found, "PV001")]
    assert lines == [15, 18, 18, 18, 22]


def test_bank_card_in_a_table_is_read_with_its_column_header(make_site, cli):
    body = (
        "| 姓名 | 银行卡号 | 金额（元） |\n"
        "| --- | --- | --- |\n"
        "| 王某 | 6222020200001234562 | 1500 |\n"
    )
    root = make_site({"content/edu/news/pay.md": item(body=body)})
    _, found = findings(cli, root)
    assert at(found, "PV004") == [("content/edu/news/pay.md", 16)]


def test_front_matter_fields_that_are_published_are_read(make_site, cli):
    extra = (
        "doc_no: 示教体发〔2026〕3号 365bet\n"
        "topic: 首存送88元\n"
        "origin: repost\n"
        "source:\n"
        "  name: 澳门新葡京官网\n"
        "  url: https://www.gov.cn/x.html\n"
        "  title: 关于做好开学工作的通知\n"
        "media:\n"
        "  - file: ../media/photo.png\n"
        "    source: 摄影 张某 13912345678\n"
        "    license: 全网最低价授权\n"
    )
    body = "![开学典礼](../media/photo.png)\n"
    root = make_site(
        {
            "content/edu/news/x.md": item(extra=extra, body=body),
            "content/edu/media/photo.png": b"\x89PNG\r\n\x1a\n",
        }
    )
    _, found = findings(cli, root)
    path = "content/edu/news/x.md"
    assert at(found, "AD002") == [(path, 12), (path, 13), (path, 16)]
    assert at(found, "PV002") == [(path, 21)]
    assert at(found, "AD001") == [(path, 22)]


def test_annual_report_text_sections_and_new_media_names_are_read(make_site, cli):
    rng = random.Random(3)
    number = resident_id(rng)
    report = (
        "year: 2025\n"
        "overview: |\n"
        "  本年度政府信息公开工作有序开展。\n"
        f"  申请人张某（身份证号 {number}）于3月提出申请。\n"
        "proactive:\n"
        "  normative_documents: {issued: 0, repealed: 0, in_force: 0}\n"
        "applications:\n"
        "  new: [1, 0, 0, 0, 0, 0]\n"
        "  granted: [1, 0, 0, 0, 0, 0]\n"
        "problems: >\n"
        "  网站曾被植入\n"
        "  澳门新葡京官网_首存送88元等内容。\n"
        "other_matters: 扫黑险恶专项斗争取得成效。\n"
    )
    registry = (
        "accounts:\n"
        "  - name: 测试市教育体育局\n"
        "    platform: wechat\n"
        "    opened: 2024-03-01\n"
        "    filed: 2024-03-05\n"
        "  - name: 全网最低价好物推荐\n"
        "    platform: douyin\n"
        "    opened: 2024-03-01\n"
        "    filed: 2024-03-05\n"
    )
    root = make_site(
        {
            "content/edu/annual-report/2025.yaml": report,
            "content/edu/new-media.yaml": registry,
        }
    )
    result, found = findings(cli, root)
    assert result.code == 1
    yaml_path = "content/edu/annual-report/2025.yaml"
    assert at(found, "PV001") == [(yaml_path, 4)]
    assert at(found, "AD002") == [(yaml_path, 12)]
    assert at(found, "WD001") == [(yaml_path, 13)]
    assert at(found, "AD001") == [("content/edu/new-media.yaml", 6)]
    assert number not in result.out
