"""Annual reports as offices really publish them: exact figures, blanks, printed totals,
thousands separators, shapes explained, the cross-year check and the template.

The report data is shaped like real published reports (our own numbers): a
prefecture-level city with large licensing counts and decimal fees, a district with
blanks and ``/`` in the 规章 row, a special zone printing （六）其他处理 as one row with a
wrong printed total.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.disclosure.figures import Figure, Unreadable, parse_figure
from govsite.disclosure.jsonout import dumps
from govsite.disclosure.layout import PROACTIVE, RESULT_LABELS, TABLE_THREE_ROWS
from govsite.disclosure.source import prepare
from tests.test_annual import TABLE_THREE_ROW_LABELS, Tables

AS_OF = "2026-11-26"
REPORT = "content/edu/annual-report/2025.yaml"
PREVIOUS = "content/edu/annual-report/2024.yaml"


def printed(*cells: int) -> str:
    """A row as printed: the six applicant columns and the 总计."""
    return "[" + ", ".join(str(c) for c in (*cells, sum(cells))) + "]"


# A prefecture-level city: millions of licensing decisions, fees to four decimals,
# every total printed (总计 column, （七）总计, table 四 totals), all of it consistent.
CITY = f"""\
year: 2025
overview: |
  2025年，测试市坚持以公开为常态、不公开为例外。
  全年主动公开政府信息 48213 条。
proactive:
  regulations:          {{issued: 0, repealed: 0, in_force: 42}}
  normative_documents:  {{issued: 0, repealed: 0, in_force: 118}}
  licensing:            {{decisions: 3985758}}
  penalties:            {{decisions: "12,046"}}
  enforcement:          {{decisions: 1375}}
  fees:                 {{amount_wan_yuan: 195068.9178}}
applications:
  new:               {printed(1204, 388, 12, 9, 41, 17)}
  carried_over:      {printed(66, 12, 0, 1, 2, 0)}
  granted:           {printed(512, 201, 7, 4, 18, 9)}
  partially_granted: {printed(143, 52, 2, 1, 6, 2)}
  withheld:
    third_party:     {printed(37, 21, 0, 0, 2, 1)}
    process_info:    {printed(12, 3, 0, 0, 0, 0)}
  unavailable:
    not_held:        {printed(301, 64, 2, 3, 11, 3)}
    needs_creation:  {printed(28, 5, 0, 0, 1, 0)}
  not_processed:
    complaint:       {printed(74, 6, 0, 0, 0, 0)}
    duplicate:       {printed(39, 8, 0, 1, 1, 0)}
  other:
    no_correction:   {printed(21, 4, 1, 0, 1, 0)}
    other:           {printed(9, 2, 0, 0, 0, 0)}
  total_handled:     {printed(1176, 366, 12, 9, 40, 15)}
  carried_forward:   {printed(94, 34, 0, 1, 3, 2)}
reviews_litigation:
  review:                  {{upheld: 214, corrected: 53, other: 88, pending: 37, total: 392}}
  litigation_direct:       {{upheld: 61, corrected: 7, other: 12, pending: 9, total: "89"}}
  litigation_after_review: {{upheld: 18, corrected: 2, other: 3, pending: 4, total: 27}}
problems: |
  一是公开质量有待提高。
other_matters: |
  本年度未收取信息处理费。
"""

# A district bureau without rule-making power: "/" in the 规章 row, blanks and "——"
# where the printed report has empty cells, an empty slot in a flow list.
DISTRICT = """\
year: 2025
overview: 本年度政府信息公开工作有序开展。
proactive:
  regulations:          {issued: /, repealed: /, in_force: /}
  normative_documents:  {issued: ——, repealed: ——, in_force: 31}
  licensing:            {decisions: 638}
  penalties:            {decisions: }
  enforcement:          {decisions: ——}
  fees:                 {amount_wan_yuan: 96171.60}
applications:
  new:               [23, 4, , , 1, , 28]
  carried_over:      [1, ——, ——, ——, ——, ——, 1]
  granted:           [12, 3, 0, 0, 1, 0, 16]
  partially_granted: [2, 0, 0, 0, 0, 0, 2]
  unavailable:
    not_held:        [6, 1, 0, 0, 0, 0, 7]
  other:
    no_correction:   [1, /, /, /, /, /, 1]
  total_handled:     [21, 4, 0, 0, 1, 0, 26]
  carried_forward:   [3, 0, 0, 0, 0, 0, 3]
problems: 无。
other_matters: 无。
"""

# A special zone: （六）其他处理 printed as one row, and a printed （七）总计 whose 总计
# column is wrong (41 where its six columns add up to 40).
ZONE = """\
year: 2025
applications:
  new:               [40, 5, 0, 0, 1, 0, 46]
  carried_over:      [2, 0, 0, 0, 0, 0, 2]
  granted:           [20, 2, 0, 0, 1, 0, 23]
  partially_granted: [3, 0, 0, 0, 0, 0, 3]
  withheld:
    third_party:     [2, 0, 0, 0, 0, 0, 2]
  unavailable:
    not_held:        [5, 1, 0, 0, 0, 0, 6]
  not_processed:
    duplicate:       [1, 0, 0, 0, 0, 0, 1]
  other:             [4, 1, 0, 0, 0, 0, 5]
  total_handled:     [35, 4, 0, 0, 1, 0, 41]
  carried_forward:   [7, 1, 0, 0, 0, 0, 8]
"""


def check(make_site, cli, files):
    root = make_site(files)
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json")
    assert "Traceback" not in result.err, result.err
    return result, json.loads(result.out)["findings"]


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.lstrip().startswith(start))


def html_tables(root, dept="edu"):
    parser = Tables()
    parser.feed((root / f"public/{dept}/annual-report/2025/index.html").read_text("utf-8"))
    return parser.tables


# ---- the prefecture-level city: every number exactly as written, everywhere


def test_city_report_is_clean_and_exact_in_text_html_svg_and_json(make_site, cli):
    root = make_site({REPORT: CITY})
    result = cli("build", "--site", root, "--as-of", AS_OF, "--format", "json")
    assert result.code == 0 and json.loads(result.out)["findings"] == []

    two, three, four = html_tables(root)
    assert two["data"] == [
        "0",
        "0",
        "42",
        "0",
        "0",
        "118",
        "3985758",
        "12046",
        "1375",
        "195068.9178",
    ]
    assert three["data"][:7] == ["1204", "388", "12", "9", "41", "17", "1671"]
    handled = TABLE_THREE_ROW_LABELS.index("（七）总计") - 5  # 三, （三）…（六）: labels only
    assert three["data"][handled * 7 : handled * 7 + 7] == [
        "1176",
        "366",
        "12",
        "9",
        "40",
        "15",
        "1618",
    ]
    assert four["data"][:5] == ["214", "53", "88", "37", "392"] and four["data"][9] == "89"

    page = (root / "public/edu/annual-report/2025/index.html").read_text("utf-8")
    svg = page[page.index('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') :]
    assert ">751</text>" in svg and "予以公开751件" in svg  # granted, in full

    raw = (root / "public/edu/annual-report/2025/report.json").read_text("utf-8")
    assert '"amount_wan_yuan": 195068.9178' in raw and '"decisions": 3985758' in raw
    data = json.loads(raw, parse_float=Decimal)
    assert data["proactive"]["fees"]["amount_wan_yuan"] == Decimal("195068.9178")
    assert data["proactive"]["penalties"]["decisions"] == 12046
    assert data["applications"]["rows"]["total_handled"] == [1176, 366, 12, 9, 40, 15, 1618]
    assert data["totals"]["litigation_direct"] == 89 and data["blank"] == {}

    text = cli(
        "report", "annual", "--year", "2025", "--dept", "edu", "--site", root, "--as-of", AS_OF
    )
    assert text.code == 0
    assert "行政许可：本年处理决定数量 3985758" in text.out and "e+06" not in text.out
    assert "本年收费金额（单位：万元） 195068.9178" in text.out
    assert re.search(r"1176\s+366\s+12\s+9\s+40\s+15\s+1618\s+（七）总计", text.out)


def test_city_summary_adds_decimals_exactly(make_site, cli):
    gov = CITY.replace("195068.9178", "5949.088667").replace("3985758", "1")
    root = make_site({REPORT: CITY, "content/gov/annual-report/2025.yaml": gov})
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    raw = (root / "public/annual-report/2025/report.json").read_text("utf-8")
    assert '"amount_wan_yuan": 201018.006467' in raw and '"decisions": 3985759' in raw
    summary = cli(
        "report", "annual", "--year", "2025", "--site", root, "--as-of", AS_OF, "--format", "json"
    )
    assert json.loads(summary.out, parse_float=Decimal)["proactive"]["fees"][
        "amount_wan_yuan"
    ] == Decimal("201018.006467")


# ---- the district: blanks, "——" and "/" where the format allows an empty cell


def test_district_blanks_are_zero_for_the_arithmetic_and_printed_as_written(make_site, cli):
    root = make_site({REPORT: DISTRICT})
    result = cli("build", "--site", root, "--as-of", AS_OF, "--format", "json")
    assert result.code == 0 and json.loads(result.out)["findings"] == []
    two, three, _four = html_tables(root)
    assert two["data"] == ["/", "/", "/", "——", "——", "31", "638", "", "——", "96171.60"]
    assert three["data"][:14] == [
        "23",
        "4",
        "",
        "",
        "1",
        "",
        "28",
        "1",
        "——",
        "——",
        "——",
        "——",
        "——",
        "1",
    ]
    data = json.loads((root / "public/edu/annual-report/2025/report.json").read_text("utf-8"))
    assert data["proactive"]["regulations"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert data["applications"]["rows"]["new"] == [23, 4, 0, 0, 1, 0, 28]
    assert data["blank"]["proactive.regulations.in_force"] == "/"
    assert data["blank"]["applications.new[2]"] == ""
    assert data["blank"]["applications.other.no_correction[1]"] == "/"
    raw = (root / "public/edu/annual-report/2025/report.json").read_text("utf-8")
    assert '"amount_wan_yuan": 96171.60' in raw


def test_a_blank_that_hides_a_number_is_a_warning_naming_it(make_site, cli):
    text = DISTRICT.replace("carried_forward:   [3, 0", "carried_forward:   [——, 0").replace(
        "0, 0, 0, 0, 0, 3]\nproblems", "0, 0, 0, 0, 0, ]\nproblems"
    )
    result, findings = check(make_site, cli, {REPORT: text})
    assert result.code == 0
    assert [(f["rule"], f["severity"], f["line"]) for f in findings] == [
        ("DS002", "warning", line_of(text, "carried_forward"))
    ]
    assert (
        "（applications.carried_forward[0]）为空白（——），但按勾稽关系应为 3"
        in findings[0]["message"]
    )


def test_an_empty_slot_no_longer_empties_the_whole_report(make_site, cli):
    text = DISTRICT.replace("[2, 0, 0, 0, 0, 0, 2]", "[2, , 0, 0,, 0, 2]")
    result, findings = check(make_site, cli, {REPORT: text})
    assert result.code == 0 and findings == []


# ---- the special zone: rows explained, the finding on the row whose sum disagrees


def test_zone_one_row_for_other_and_a_wrong_printed_total(make_site, cli):
    result, findings = check(make_site, cli, {REPORT: ZONE})
    assert result.code == 1
    located = [(f["rule"], f["line"]) for f in findings]
    assert located == [
        ("FM001", line_of(ZONE, "other:")),
        ("DS002", line_of(ZONE, "total_handled")),
    ]
    assert "「（六）其他处理」在国家格式" in findings[0]["message"]
    assert (
        "applications.other: {no_correction: […], no_fee: […], other: […]}"
        in findings[0]["message"]
    )
    assert findings[1]["message"].startswith(
        "表三「（七）总计」行「总计」列（applications.total_handled[6]）应为 40，实为 41"
    )


def test_a_wrong_sub_row_is_found_at_the_printed_total_above_it_not_at_carried_forward(
    make_site, cli
):
    text = ZONE.replace("not_held:        [5, 1", "not_held:        [6, 1").replace(
        "other:             [4, 1, 0, 0, 0, 0, 5]", "other: {other: [4, 1, 0, 0, 0, 0, 5]}"
    )
    _result, findings = check(make_site, cli, {REPORT: text})
    assert sorted((f["rule"], f["line"]) for f in findings) == [
        ("DS002", line_of(text, "not_held")),
        ("DS002", line_of(text, "total_handled")),
        ("DS002", line_of(text, "total_handled")),
    ]
    messages = " ".join(f["message"] for f in findings)
    assert "（applications.unavailable.not_held[6]）应为 7，实为 6" in messages
    assert (
        "（applications.total_handled[0]）应为 36，实为 35：（一）至（六）各项之和为 36" in messages
    )
    assert "carried_forward" not in messages


def test_a_printed_subtotal_is_checked_against_its_sub_rows(make_site, cli):
    text = ZONE.replace(
        "    third_party:     [2, 0, 0, 0, 0, 0, 2]",
        "    third_party:     [2, 0, 0, 0, 0, 0, 2]\n    total:           [3, 0, 0, 0, 0, 0, 3]",
    ).replace("other:             [4, 1, 0, 0, 0, 0, 5]", "other: {other: [4, 1, 0, 0, 0, 0, 5]}")
    text = text.replace("[35, 4, 0, 0, 1, 0, 41]", "[36, 4, 0, 0, 1, 0, 41]").replace(
        "[7, 1, 0, 0, 0, 0, 8]", "[6, 1, 0, 0, 0, 0, 7]"
    )
    _result, findings = check(make_site, cli, {REPORT: text})
    assert [(f["rule"], f["line"]) for f in findings] == [("DS002", line_of(text, "total:"))]
    assert "（三）不予公开各子行之和为 2" in findings[0]["message"]


def test_a_group_written_as_a_subtotal_list_is_explained_at_its_line(make_site, cli):
    text = ZONE.replace(
        "  withheld:\n    third_party:     [2, 0, 0, 0, 0, 0, 2]",
        "  withheld:          [2, 0, 0, 0, 0, 0, 2]",
    ).replace("other:             [4, 1, 0, 0, 0, 0, 5]", "other: {other: [4, 1, 0, 0, 0, 0, 5]}")
    text = text.replace("[35, 4, 0, 0, 1, 0, 41]", "[35, 4, 0, 0, 1, 0, 40]")
    _result, findings = check(make_site, cli, {REPORT: text})
    assert [(f["rule"], f["line"]) for f in findings] == [("FM001", line_of(text, "withheld:"))]
    assert (
        "「（三）不予公开」在国家格式（国办公开办函〔2021〕30号）中分为 8 个子行"
        in findings[0]["message"]
    )


@pytest.mark.parametrize(
    ("total", "message"),
    [
        ('"351"', None),
        ("351", None),
        (
            '"352"',
            "表四「行政复议」「总计」（reviews_litigation.review.total）应为 351，实为 352：",
        ),
    ],
)
def test_a_quoted_total_is_compared_as_a_number(make_site, cli, total, message):
    text = f"year: 2025\nreviews_litigation:\n  review: {{upheld: 200, corrected: 100, other: 40, pending: 11, total: {total}}}\n"
    _result, findings = check(make_site, cli, {REPORT: text})
    assert [f["message"][: len(message)] for f in findings] == ([message] if message else [])


# ---- reading: what the schema cannot read is refused, at its cell


@pytest.mark.parametrize(
    ("fee", "reason"),
    [
        (".inf", "应为非负金额（单位万元，可带小数，如 5949.088667），实为 .inf"),
        (".nan", "应为非负金额（单位万元，可带小数，如 5949.088667），实为 .nan"),
        ("-12.5", "应为非负金额（单位万元，可带小数，如 5949.088667），实为 -12.5"),
        ("1e30", "应为非负金额（单位万元，可带小数，如 5949.088667），实为 1e30"),
        ("yes", "应为非负金额（单位万元，可带小数，如 5949.088667），实为 yes"),
        ("100000000", "为 100000000，超出合理范围"),
        ('"' + "1" * 300 + '"', "为 " + "1" * 40 + "…，超出合理范围"),
        ("1.0000001", "金额最多保留 6 位小数"),
    ],
)
def test_bad_fees_are_refused_with_the_cell_named(make_site, cli, fee, reason):
    text = f"year: 2025\nproactive:\n  fees: {{amount_wan_yuan: {fee}}}\n"
    result, findings = check(make_site, cli, {REPORT: text})
    assert result.code == 1
    assert [(f["rule"], f["line"]) for f in findings] == [("DS002", 3)]
    assert findings[0]["message"].startswith(
        "表二「第二十条第（八）项」「行政事业性收费」行「本年收费金额（单位：万元）」"
        "（proactive.fees.amount_wan_yuan）"
    )
    assert reason in findings[0]["message"] and "非负整数" not in findings[0]["message"]


def test_a_misspelt_key_in_table_two_is_not_read_as_zero(make_site, cli):
    text = "year: 2025\nproactive:\n  licensing: {decision: 447228}\n"
    result, findings = check(make_site, cli, {REPORT: text})
    assert result.code == 1
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == [("FM001", 3, 15)]
    assert (
        findings[0]["message"] == "未知字段 `proactive.licensing.decision`；是否想写 'decisions'？"
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("  licensing: [1, 2]", "`proactive.licensing` 应写作 {decisions: …}，实为 […]"),
        ("  licensing: 120", "`proactive.licensing` 应写作 {decisions: …}，实为 120"),
        ("  fees: {amount_wan_yuan: [1]}", "应为非负金额"),
    ],
)
def test_table_two_shapes_are_explained(make_site, cli, line, expected):
    text = f"year: 2025\nproactive:\n{line}\n"
    result, findings = check(make_site, cli, {REPORT: text})
    assert result.code == 1 and len(findings) == 1 and findings[0]["line"] == 3
    assert expected in findings[0]["message"]


def test_table_four_as_a_list_is_explained(make_site, cli):
    text = "year: 2025\nreviews_litigation:\n  review: [1, 0, 0, 0, 1]\n"
    _result, findings = check(make_site, cli, {REPORT: text})
    assert [(f["rule"], f["line"]) for f in findings] == [("FM001", 3)]
    assert "{upheld: …, corrected: …, other: …, pending: …, total: …}" in findings[0]["message"]


def test_a_short_row_says_how_to_write_a_blank_cell(make_site, cli):
    text = "year: 2025\napplications:\n  new: [1, 0, 0, 0, 0]\n"
    _result, findings = check(make_site, cli, {REPORT: text})
    assert [(f["rule"], f["line"]) for f in findings] == [("FM001", 3)]
    assert "`applications.new` 有 5 个数，应为 6 个" in findings[0]["message"]
    assert "[1, , 0, 0, 0, 0]" in findings[0]["message"]


# ---- thousands separators


def test_thousands_separators_in_flow_style_are_read_whole_with_a_warning(make_site, cli):
    text = CITY.replace("{decisions: 3985758}", "{decisions: 3,985,758}").replace(
        "{amount_wan_yuan: 195068.9178}", "{amount_wan_yuan: 195,068.9178}"
    )
    text = text.replace(printed(1204, 388, 12, 9, 41, 17), "[1,204, 388, 12, 9, 41, 17, 1,671]")
    root = make_site({REPORT: text})
    result = cli("build", "--site", root, "--as-of", AS_OF, "--format", "json")
    findings = json.loads(result.out)["findings"]
    assert result.code == 0
    assert [(f["rule"], f["severity"], f["line"]) for f in findings] == [
        ("DS002", "warning", line_of(text, "licensing")),
        ("DS002", "warning", line_of(text, "fees")),
        ("DS002", "warning", line_of(text, "new:")),
        ("DS002", "warning", line_of(text, "new:")),
    ]
    assert "写作 3,985,758：在 [ ] 或 { } 中 YAML 以逗号分隔各项" in findings[0]["message"]
    assert "已按 3985758 读取" in findings[0]["message"]
    data = json.loads((root / "public/edu/annual-report/2025/report.json").read_text("utf-8"))
    assert data["proactive"]["licensing"]["decisions"] == 3985758
    assert data["applications"]["rows"]["new"][0] == 1204


def test_thousands_separators_in_block_style_and_quoted_are_read_silently(make_site, cli):
    text = "year: 2025\nproactive:\n  licensing:\n    decisions: 447,228\n  fees: {amount_wan_yuan: '96,171.6'}\n"
    root = make_site({REPORT: text})
    result = cli("build", "--site", root, "--as-of", AS_OF, "--format", "json")
    assert result.code == 0 and json.loads(result.out)["findings"] == []
    data = json.loads(
        (root / "public/edu/annual-report/2025/report.json").read_text("utf-8"), parse_float=Decimal
    )
    assert data["proactive"]["licensing"]["decisions"] == 447228
    assert data["proactive"]["fees"]["amount_wan_yuan"] == Decimal("96171.6")


def test_a_number_split_with_a_space_in_a_mapping_is_read_whole(make_site, cli):
    text = "year: 2025\nproactive:\n  licensing: {decisions: 447, 228}\n"
    result, findings = check(make_site, cli, {REPORT: text})
    assert result.code == 0 and [(f["rule"], f["severity"]) for f in findings] == [
        ("DS002", "warning")
    ]
    assert (
        "写作 447, 228" in findings[0]["message"] and "已按 447228 读取" in findings[0]["message"]
    )


@pytest.mark.parametrize(
    ("written", "prepared"),
    [
        ("a: {decisions: 447,228}", "a: {decisions: 447228 }"),
        ("a: {decisions: 447, 228}", "a: {decisions: 447228  }"),
        ("a: {x: 1, y: 228}", "a: {x: 1, y: 228}"),
        ("a: [447, 228, 0, 0, 0, 0]", "a: [447, 228, 0, 0, 0, 0]"),
        ("a: [3,985,758, 0, 0, 0, 0, 0]", "a: [3985758  , 0, 0, 0, 0, 0]"),
        ("a: [100,200,300,0,0,0]", "a: [100,200,300,0,0,0]"),  # a compact list of six
        ("a: [1,234,0,0,0,0,0,0]", "a: [1234 ,0,0,0,0,0,0]"),  # eight items only as a split
        ("a: [1, , 0]", "a: [1,~, 0]"),
        ("a: [1,,0]", "a: [1,~,0]"),
        ("a: [, 1]", "a: [~, 1]"),
        ("a: |\n  [1,234]\n", "a: |\n  [1,234]\n"),  # text, not a list
        ("a: '1,234'", "a: '1,234'"),
    ],
)
def test_source_preparation(written, prepared):
    assert prepare(written).text == prepared


@pytest.mark.parametrize(
    ("text", "amount", "expected"),
    [
        ("3985758", False, Figure(3985758, "3985758")),
        ("3,985,758", False, Figure(3985758, "3,985,758")),
        ("０１２", False, Figure(12, "０１２")),
        ("12.0", False, Figure(12, "12.0")),
        ("5949.088667", True, Figure(Decimal("5949.088667"), "5949.088667")),
        ("96171.60", True, Figure(Decimal("96171.60"), "96171.60")),
        ("——", False, Figure(0, "——", blank=True)),
        ("/", True, Figure(0, "/", blank=True)),
        ("", False, Figure(0, "", blank=True)),
        ("1.5", False, Unreadable("ds.not_count", "1.5")),
        ("1:20", False, Unreadable("ds.not_count", "1:20")),
        ("0x1F", False, Unreadable("ds.not_count", "0x1F")),
        ("9" * 5000, False, Unreadable("ds.too_large", "9" * 5000)),
        ("9" * 10, False, Unreadable("ds.too_large", "9" * 10)),
        ("999999999", False, Figure(999999999, "999999999")),
        ("99999999.999999", True, Figure(Decimal("99999999.999999"), "99999999.999999")),
    ],
)
def test_figures_are_read_from_their_text(text, amount, expected):
    assert parse_figure(text, amount=amount) == expected


@given(st.text(max_size=40), st.booleans())
@settings(max_examples=200, deadline=None)
def test_figure_reading_never_raises(text, amount):
    result = parse_figure(text, amount=amount)
    assert isinstance(result, Figure | Unreadable)
    if isinstance(result, Figure) and not result.blank:
        assert result.value >= 0


@given(st.text(alphabet="[]{},: 0123456789\n-#'\"/—a", max_size=60))
@settings(max_examples=300, deadline=None)
def test_source_preparation_never_raises(text):
    prepare(text)


def test_json_keeps_every_digit():
    value = {"a": Decimal("96171.60"), "b": [1, Decimal("0.0")], "c": '引号"', "d": [{"e": None}]}
    text = dumps(value)
    assert '"a": 96171.60' in text and '"b": [1, 0.0]' in text
    assert json.loads(text, parse_float=Decimal) == value


# ---- cross-year (DS008)


def test_in_force_follows_from_last_years_report(make_site, cli):
    last = "year: 2024\nproactive:\n  normative_documents: {issued: 1, repealed: 0, in_force: 12}\n"
    this = "year: 2025\nproactive:\n  normative_documents: {issued: 0, repealed: 0, in_force: 12}\n"
    _result, findings = check(make_site, cli, {PREVIOUS: last, REPORT: this})
    assert [f["rule"] for f in findings if f["rule"] == "DS008"] == []
    drifted = this.replace("in_force: 12", "in_force: 16")
    _result, findings = check(make_site, cli, {PREVIOUS: last, REPORT: drifted})
    ds008 = [f for f in findings if f["rule"] == "DS008"]
    assert [(f["path"], f["line"], f["severity"]) for f in ds008] == [(REPORT, 3, "warning")]
    assert ds008[0]["message"].startswith(
        "表二「行政规范性文件」「现行有效件数」（proactive.normative_documents.in_force）为 16，"
        "按上年报告应为 12：上年现行有效 12（content/edu/annual-report/2024.yaml）加本年制发 0 减本年废止 0"
    )


def test_cross_year_blanks_count_as_zero_and_are_named(make_site, cli):
    last = "year: 2024\nproactive:\n  regulations: {issued: /, repealed: /, in_force: /}\n  normative_documents: {in_force: 9}\n"
    this = "year: 2025\nproactive:\n  regulations: {issued: /, repealed: /, in_force: /}\n  normative_documents: {issued: 0, repealed: 0, in_force: ——}\n"
    _result, findings = check(make_site, cli, {PREVIOUS: last, REPORT: this})
    ds008 = [f for f in findings if f["rule"] == "DS008"]
    assert len(ds008) == 1 and ds008[0]["line"] == 4
    assert "为 ——（空白，按 0 计），按上年报告应为 9" in ds008[0]["message"]


def test_no_cross_year_check_without_last_years_report(make_site, cli):
    this = "year: 2025\nproactive:\n  normative_documents: {issued: 0, repealed: 0, in_force: 16}\n"
    _result, findings = check(make_site, cli, {REPORT: this})
    assert [f for f in findings if f["rule"] == "DS008"] == []


# ---- the template


def test_template_is_complete_and_loads_without_findings(make_site, cli):
    root = make_site(reports=False)
    result = cli("report", "annual", "--template", "2025", "--dept", "edu", "--site", root)
    assert result.code == 0
    skeleton = result.out
    assert skeleton.startswith("# 测试市教育体育局2025年政府信息公开工作年度报告")
    for row in TABLE_THREE_ROWS:
        assert f"# {row.label}" in skeleton, row.label
    for _key, article, label, fields in PROACTIVE:
        assert article in skeleton and label in skeleton
        assert all(column in skeleton for _, column in fields)
    assert all(label in skeleton for label in RESULT_LABELS)
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in skeleton
    gov = cli("report", "annual", "--template", "2025", "--dept", "gov", "--site", root).out
    files = {REPORT: skeleton, "content/gov/annual-report/2025.yaml": gov}
    result, findings = check(make_site, cli, files)
    assert result.code == 0 and findings == []


def test_template_reminds_of_last_years_in_force(make_site, cli):
    last = "year: 2025\nproactive:\n  normative_documents: {issued: 0, repealed: 0, in_force: 12}\n"
    root = make_site({REPORT: last})
    result = cli("report", "annual", "--template", "2026", "--dept", "edu", "--site", root)
    assert "现行有效件数（上年现行有效 12 件）" in result.out


def test_template_written_to_a_file_inside_the_site_only(make_site, cli, tmp_path):
    root = make_site(reports=False)
    target = root / "content/edu/annual-report/2025.yaml"
    result = cli("report", "annual", "--template", "2025", "--site", root, "-o", target)
    assert result.code == 0 and target.read_text("utf-8").startswith(
        "# 2025年政府信息公开工作年度报告"
    )
    again = cli("report", "annual", "--template", "2025", "--site", root, "-o", target)
    assert again.code == 2 and "已存在，未覆盖" in again.err
    outside = cli(
        "report", "annual", "--template", "2025", "--site", root, "-o", tmp_path / "x.yaml"
    )
    assert outside.code == 2 and not (tmp_path / "x.yaml").exists()
    under_a_file = root / "site.toml" / "2025.yaml"
    blocked = cli("report", "annual", "--template", "2025", "--site", root, "-o", under_a_file)
    assert blocked.code == 2 and "Traceback" not in blocked.err
    assert cli("report", "annual", "--template", "25", "--site", root).code == 2
    assert cli("report", "annual", "--template", "2025", "--dept", "nope", "--site", root).code == 2
    assert cli("report", "annual", "--site", root).code == 2  # neither --year nor --template


# ---- the text sections, with their lines, for the content rules


def test_text_sections_keep_their_source_lines(make_site):
    from pathlib import Path

    from govsite.disclosure.annual import load_report
    from govsite.i18n import Translator
    from govsite.workdays import WorkingCalendar

    root = make_site({REPORT: CITY})
    report = load_report(Path(root), REPORT, "edu", WorkingCalendar(), Translator())
    sections = {s.key: s for s in report.texts}
    assert [s.label for s in report.texts] == [
        "一、总体情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    overview = sections["overview"]
    source = CITY.split("\n")
    assert overview.block and source[overview.line - 1].strip() == overview.text.split("\n")[0]
    assert source[overview.line].strip() == "全年主动公开政府信息 48213 条。"
    assert report.problems_text == sections["problems"].text == "一是公开质量有待提高。\n"


# ---- properties: a consistent report is clean; one changed printed figure is caught

OUTCOME_KEYS = [".".join(row.path) for row in TABLE_THREE_ROWS[2:-2]]


def report_yaml(rows: dict[str, list[int]], totals: bool, off: str = "") -> str:
    """Table 三 as YAML; ``totals`` prints the 总计 column (``off``'s one higher)."""
    lines = ["year: 2025", "applications:"]
    groups: dict[str, list[str]] = {}
    for key, cells in rows.items():
        text = str([*cells, sum(cells) + (key == off)]) if totals else str(cells)
        if "." in key:
            group, sub = key.split(".")
            groups.setdefault(group, []).append(f"    {sub}: {text}")
        else:
            lines.append(f"  {key}: {text}")
    for group, subs in groups.items():
        lines += [f"  {group}:", *subs]
    return "\n".join(lines) + "\n"


counts = st.lists(st.integers(0, 3_000_000), min_size=6, max_size=6)


@st.composite
def consistent_tables(draw):
    outcomes = {key: draw(counts) for key in draw(st.sets(st.sampled_from(OUTCOME_KEYS)))}
    handled = [sum(cells[i] for cells in outcomes.values()) for i in range(6)]
    forward = draw(counts)
    carried = [draw(st.integers(0, handled[i] + forward[i])) for i in range(6)]
    new = [handled[i] + forward[i] - carried[i] for i in range(6)]
    rows = {"new": new, "carried_over": carried, **outcomes}
    rows["total_handled"] = handled
    rows["carried_forward"] = forward
    return rows


def load(tmp_path, text: str):
    from govsite.disclosure.annual import load_report
    from govsite.i18n import Translator
    from govsite.workdays import WorkingCalendar

    folder = tmp_path / "content/edu/annual-report"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2025.yaml").write_text(text, encoding="utf-8")
    return load_report(tmp_path, REPORT, "edu", WorkingCalendar(), Translator())


@given(consistent_tables(), st.booleans(), st.data())
@settings(max_examples=60, deadline=None)
def test_consistent_tables_are_clean_and_one_changed_figure_is_caught(
    tmp_path_factory, rows, totals, data
):
    tmp_path = tmp_path_factory.mktemp("prop")
    report = load(tmp_path, report_yaml(rows, totals))
    assert report.problems == []
    assert report.row("total_handled")[:6] == rows["total_handled"]
    key = data.draw(st.sampled_from(sorted(rows)))
    column = data.draw(st.integers(0, 6 if totals else 5))
    changed = {k: list(v) for k, v in rows.items()}
    if column == 6:
        text = report_yaml(changed, totals, off=key)
    else:
        changed[key][column] += 1
        text = report_yaml(changed, totals)
    broken = load(tmp_path, text)
    assert any(p.rule == "DS002" and p.severity is None for _, p in broken.problems), text


# ---- the application log: never followed outside the site, never a traceback


def test_a_symlinked_log_is_not_read(make_site, cli, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("id,received\n张三 530102198501011234,2025-01-01\n", encoding="utf-8")
    root = make_site({REPORT: "year: 2025\n"})
    (root / "content/edu/annual-report/applications-2025.csv").symlink_to(secret)
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json")
    findings = json.loads(result.out)["findings"]
    assert result.code == 1 and "530102" not in result.out
    assert [(f["rule"], f["path"]) for f in findings] == [
        ("FM001", "content/edu/annual-report/applications-2025.csv")
    ]
    assert "符号链接" in findings[0]["message"]


def test_an_oversized_log_field_is_a_finding(make_site, cli):
    log = "id,received,applicant_type,outcome,closed\n" + '"' + "x" * 140_000 + '",2025-01-01\n'
    result, findings = check(
        make_site,
        cli,
        {REPORT: "year: 2025\n", "content/edu/annual-report/applications-2025.csv": log},
    )
    assert result.code == 1
    assert [(f["rule"], f["line"]) for f in findings] == [("FM001", 2)]
    assert findings[0]["message"].startswith("申请记录无法读取")
