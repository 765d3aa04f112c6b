"""The annual information-disclosure report: arithmetic, CSV log, pages in the national
format, report.json, the city summary, the working-day calendar and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import pytest

from govsite.workdays import UnknownYear, WorkingCalendar
from tests.conftest import SITE_TOML, item

AS_OF = "2026-11-26"
REPORT = "content/edu/annual-report/2025.yaml"
CONSISTENT = """\
year: 2025
overview: |
  2025年，测试市教育体育局坚持以公开为常态。
proactive:
  regulations:          {issued: 0, repealed: 0, in_force: 0}
  normative_documents:  {issued: 0, repealed: 0, in_force: 12}
  licensing:            {decisions: 120}
  penalties:            {decisions: 5}
  enforcement:          {decisions: 0}
  fees:                 {amount_wan_yuan: 1.25}
applications:
  new:               [12, 2, 0, 0, 1, 0]
  carried_over:      [1, 0, 0, 0, 0, 0]
  granted:           [6, 1, 0, 0, 1, 0]
  partially_granted: [1, 0, 0, 0, 0, 0]
  withheld:
    third_party:     [1, 0, 0, 0, 0, 0]
  unavailable:
    not_held:        [2, 1, 0, 0, 0, 0]
  not_processed:
    duplicate:       [1, 0, 0, 0, 0, 0]
  carried_forward:   [2, 0, 0, 0, 0, 0]
reviews_litigation:
  review:                  {upheld: 1, corrected: 1, other: 0, pending: 1}
  litigation_direct:       {upheld: 0, corrected: 0, other: 0, pending: 1}
problems: |
  一是公开质量有待提高。
other_matters: |
  本年度未收取信息处理费。
"""

# The labels of reference/regulations.md §1.3 and §1.4, in printed order.
TABLE_THREE_ROW_LABELS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]
TABLE_THREE_COLUMNS = [
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "总计",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
]
TABLE_FOUR_COLUMNS = ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"] + [
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
] * 3


class Tables(HTMLParser):
    """Collects, per table, header cells of thead (columns) and tbody (rows), and data cells."""

    def __init__(self):
        super().__init__()
        self.tables, self.section, self.cell, self.text = [], None, None, ""

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"thead": [], "tbody": [], "data": []})
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag in ("th", "td") and self.tables:
            self.cell, self.text = tag, ""

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell:
            table = self.tables[-1]
            (table["data"] if tag == "td" else table[self.section]).append(self.text.strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell:
            self.text += data


def report_site(make_site, report=CONSISTENT, files=None):
    return make_site({REPORT: report, **(files or {})})


def check(cli, root, *args):
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json", *args)
    return result, json.loads(result.out)["findings"]


def test_consistent_report_builds_with_every_total(make_site, cli):
    root = report_site(make_site)
    result = cli("build", "--site", root, "--as-of", AS_OF)
    assert result.code == 0, result.out
    data = json.loads((root / "public/edu/annual-report/2025/report.json").read_text("utf-8"))
    rows = data["applications"]["rows"]
    assert rows["new"] == [12, 2, 0, 0, 1, 0, 15]
    assert rows["total_handled"] == [11, 2, 0, 0, 1, 0, 14]
    assert rows["carried_forward"] == [2, 0, 0, 0, 0, 0, 2]
    assert rows["withheld.third_party"] == [1, 0, 0, 0, 0, 0, 1]
    assert data["reviews_litigation"]["review"] == [1, 1, 0, 1, 3]
    assert data["reviews_litigation"]["litigation_after_review"] == [0, 0, 0, 0, 0]
    assert data["proactive"]["fees"]["amount_wan_yuan"] == 1.25
    assert data["totals"] == {
        "new": 15,
        "carried_over": 1,
        "total_handled": 14,
        "carried_forward": 2,
        "review": 3,
        "litigation_direct": 1,
        "litigation_after_review": 0,
    }
    assert (
        data["applications"]["labels"]["withheld.third_party"]
        == "（三）不予公开4.保护第三方合法权益"
    )


def test_report_page_matches_the_national_format_label_for_label(make_site, cli):
    root = report_site(make_site)
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    parser = Tables()
    parser.feed((root / "public/edu/annual-report/2025/index.html").read_text("utf-8"))
    two, three, four = parser.tables
    html = (root / "public/edu/annual-report/2025/index.html").read_text("utf-8")
    for section in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ):
        assert f">{section}</h2>" in html
    assert [c for c in three["tbody"]] == TABLE_THREE_ROW_LABELS
    assert three["thead"][1:] == TABLE_THREE_COLUMNS
    assert len(three["data"]) == 25 * 7
    assert four["thead"] == TABLE_FOUR_COLUMNS and len(four["data"]) == 15
    for label in (
        "规章",
        "行政规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额（单位：万元）",
    ):
        assert label in two["tbody"]
    assert "<svg" in html and 'role="img"' in html and "<script" not in html


@pytest.mark.parametrize(
    ("broken", "line", "cell"),
    [
        (
            "  carried_forward:   [3, 0, 0, 0, 0, 0]",
            22,
            "表三「四、结转下年度继续办理」行「自然人」列（applications.carried_forward[0]）应为 2，实为 3",
        ),
        (
            "  granted:           [6, 1, 0, 0, 1, 0, 9]",
            14,
            "表三「（一）予以公开」行「总计」列（applications.granted[6]）应为 8，实为 9",
        ),
        (
            "  new:               [12, 2, 0, 0, 1, -1]",
            12,
            "表三「一、本年新收政府信息公开申请数量」行「其他」列（applications.new[5]）应为非负整数，实为 -1",
        ),
        (
            "  new:               [12, 2, 0, 0, 1.5, 0]",
            12,
            "表三「一、本年新收政府信息公开申请数量」行「法律服务机构」列（applications.new[4]）应为非负整数，实为 1.5",
        ),
        (
            "  review:                  {upheld: 1, corrected: 1, other: 0, pending: 1, total: 4}",
            24,
            "表四「行政复议」「总计」（reviews_litigation.review.total）应为 3，实为 4",
        ),
        (
            "  licensing:            {decisions: -3}",
            7,
            "表二「第二十条第（五）项」「行政许可」行「本年处理决定数量」（proactive.licensing.decisions）应为非负整数，实为 -3",
        ),
    ],
)
def test_each_broken_identity_names_the_cell(make_site, cli, broken, line, cell):
    key = broken.split(":")[0]
    text = "\n".join(broken if row.startswith(key + ":") else row for row in CONSISTENT.split("\n"))
    assert text != CONSISTENT
    result, findings = check(cli, report_site(make_site, text))
    assert result.code == 1
    ds002 = [f for f in findings if f["rule"] == "DS002"]
    assert [(f["path"], f["line"]) for f in ds002][:1] == [(REPORT, line)]
    assert any(f["message"].startswith(cell) for f in ds002), [f["message"] for f in ds002]


def test_identity_message_shows_the_arithmetic(make_site, cli):
    text = CONSISTENT.replace("carried_forward:   [2, 0", "carried_forward:   [3, 0")
    _, findings = check(cli, report_site(make_site, text))
    messages = [f["message"] for f in findings if f["rule"] == "DS002"]
    assert "第一项 12 加第二项 1 应等于第三项总计 11 加第四项" in messages[0]


CSV = """\
id,received,applicant_type,outcome,closed,extended
A1,2024-12-23,natural_person,granted,2025-01-06,
A2,2025-02-10,natural_person,granted,2025-02-20,
A3,2025-02-11,natural_person,granted,2025-02-21,
A4,2025-03-03,commercial,partially_granted,2025-03-10,
A5,2025-03-04,natural_person,withheld.third_party,2025-03-14,
A6,2025-05-12,natural_person,unavailable.not_held,2025-05-20,
A7,2025-05-13,commercial,unavailable.not_held,2025-05-21,
A8,2025-06-03,legal_services,granted,2025-06-10,
A9,2025-12-22,natural_person,,,
"""
EQUIVALENT_YAML = """\
year: 2025
applications:
  new:               [5, 2, 0, 0, 1, 0]
  carried_over:      [1, 0, 0, 0, 0, 0]
  granted:           [3, 0, 0, 0, 1, 0]
  partially_granted: [0, 1, 0, 0, 0, 0]
  withheld: {third_party: [1, 0, 0, 0, 0, 0]}
  unavailable: {not_held: [1, 1, 0, 0, 0, 0]}
  carried_forward:   [1, 0, 0, 0, 0, 0]
"""


def test_csv_log_gives_the_same_table_as_the_equivalent_yaml(make_site, cli, tmp_path):
    from_csv = make_site(
        {REPORT: "year: 2025\n", "content/edu/annual-report/applications-2025.csv": CSV}
    )
    assert cli("build", "--site", from_csv, "--as-of", AS_OF, "--out", tmp_path / "csv").code == 0
    yaml_site = tmp_path / "yaml-site"
    from_csv.rename(yaml_site)
    (yaml_site / "content/edu/annual-report/applications-2025.csv").unlink()
    (yaml_site / REPORT).write_text(EQUIVALENT_YAML, encoding="utf-8")
    assert cli("build", "--site", yaml_site, "--as-of", AS_OF, "--out", tmp_path / "yaml").code == 0
    tables = [
        json.loads((tmp_path / out / "edu/annual-report/2025/report.json").read_text("utf-8"))[
            "applications"
        ]["rows"]
        for out in ("csv", "yaml")
    ]
    assert tables[0] == tables[1]
    assert tables[0]["total_handled"][6] == 8


def test_csv_and_yaml_together_is_an_error(make_site, cli):
    root = make_site({REPORT: CONSISTENT, "content/edu/annual-report/applications-2025.csv": CSV})
    result, findings = check(cli, root)
    assert result.code == 1
    assert ("FM001", REPORT) in {(f["rule"], f["path"]) for f in findings}


def test_bad_csv_rows_name_their_line(make_site, cli):
    csv = CSV.replace(
        "A5,2025-03-04,natural_person,withheld.third_party",
        "A5,2025-03-04,nobody,withheld.third_party",
    )
    _result, findings = check(
        cli,
        make_site({REPORT: "year: 2025\n", "content/edu/annual-report/applications-2025.csv": csv}),
    )
    assert [(f["rule"], f["path"], f["line"]) for f in findings] == [
        ("FM001", "content/edu/annual-report/applications-2025.csv", 6)
    ]
    assert "applicant_type 'nobody'" in findings[0]["message"]


def test_city_summary_adds_up_every_department(make_site, cli):
    root = make_site({REPORT: CONSISTENT})  # gov keeps the minimal report: new [1, …]
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    summary = json.loads((root / "public/annual-report/2025/report.json").read_text("utf-8"))
    assert summary["applications"]["rows"]["new"] == [13, 2, 0, 0, 1, 0, 16]
    page = (root / "public/annual-report/2025/index.html").read_text("utf-8")
    assert "测试市教育体育局2025年政府信息公开工作年度报告" in page
    disclosure = (root / "public/disclosure/index.html").read_text("utf-8")
    assert "/annual-report/2025/" in disclosure and "/edu/annual-report/2025/" in disclosure


def test_report_cli_text_json_and_exit_codes(make_site, cli):
    root = report_site(make_site)
    text = cli(
        "report", "annual", "--year", "2025", "--dept", "edu", "--site", root, "--as-of", AS_OF
    )
    assert text.code == 0
    assert "测试市教育体育局2025年政府信息公开工作年度报告" in text.out
    assert "   14  （七）总计" in text.out
    data = json.loads(
        cli(
            "report",
            "annual",
            "--year",
            "2025",
            "--site",
            root,
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ).out
    )
    assert data["applications"]["rows"]["new"][6] == 16 and data["findings"] == []
    broken = report_site(
        make_site, CONSISTENT.replace("carried_forward:   [2, 0", "carried_forward:   [3, 0")
    )
    failing = cli(
        "report", "annual", "--year", "2025", "--dept", "edu", "--site", broken, "--as-of", AS_OF
    )
    assert failing.code == 1 and "DS002" in failing.out
    assert cli("report", "annual", "--year", "2019", "--site", root, "--as-of", AS_OF).code == 2
    assert (
        cli(
            "report", "annual", "--year", "2025", "--dept", "nope", "--site", root, "--as-of", AS_OF
        ).code
        == 2
    )


def test_report_with_errors_is_withheld_alone(make_site, cli):
    broken = CONSISTENT.replace("carried_forward:   [2, 0", "carried_forward:   [3, 0")
    root = make_site({REPORT: broken, "content/edu/news/a.md": item()})
    result = cli("build", "--site", root, "--as-of", AS_OF, "--withhold")
    assert result.code == 1 and REPORT in result.err
    assert (root / "public/edu/news/a/index.html").is_file()
    assert not (root / "public/edu/annual-report/2025").exists()
    assert (root / "public/gov/annual-report/2025/index.html").is_file()


# ---- the working-day calendar


def test_national_day_2025_with_adjusted_working_weekends():
    calendar = WorkingCalendar()
    assert not any(calendar.is_workday(dt.date(2025, 10, day)) for day in range(1, 9))
    assert calendar.is_workday(dt.date(2025, 9, 28)) and calendar.is_workday(dt.date(2025, 10, 11))
    assert not calendar.is_workday(dt.date(2025, 10, 12))
    # 26 Sep (Fri) → 17 Oct: 28, 29, 30 Sep, 9, 10, 11, 13–17 Oct
    assert calendar.working_days_between(dt.date(2025, 9, 26), dt.date(2025, 10, 17)) == 11
    assert calendar.add_working_days(dt.date(2025, 9, 26), 4) == dt.date(2025, 10, 9)


def test_unknown_year_is_never_guessed_and_site_toml_can_declare_it(make_site, cli):
    with pytest.raises(UnknownYear):
        WorkingCalendar().is_workday(dt.date(2031, 3, 3))
    declared = WorkingCalendar(
        holidays=frozenset({dt.date(2031, 1, 1)}), workdays=frozenset({dt.date(2031, 2, 8)})
    )
    assert not declared.is_workday(dt.date(2031, 1, 1))
    assert declared.is_workday(dt.date(2031, 2, 8))  # a Saturday
    assert declared.is_workday(dt.date(2031, 3, 3))
    extra = "index_no: 11539900MB00000036/2031-00001\nwritten: 2031-01-02\n"
    page = item(date="2031-01-20", extra=extra)
    toml = SITE_TOML + "\n[calendar]\nholidays = [2031-01-01]\nworkdays = [2031-02-08]\n"
    _, findings = check(cli, make_site({"content/edu/policy/a.md": page}, site_toml=toml))
    assert [f["rule"] for f in findings] == []
    _, findings = check(cli, make_site({"content/edu/policy/a.md": page}))
    assert [f["rule"] for f in findings] == ["DS006"]
    assert "不知道 2031 年的法定节假日安排" in findings[0]["message"]


def test_bad_calendar_override_is_a_config_error(make_site, cli):
    root = make_site(site_toml=SITE_TOML + '\n[calendar]\nholidays = ["2031-01-01"]\n')
    result = cli("check", "--site", root)
    assert result.code == 2 and "calendar.holidays" in result.err


def test_undecodable_log_is_a_finding_not_a_crash(make_site, cli):
    root = make_site(
        {
            REPORT: "year: 2025\n",
            "content/edu/annual-report/applications-2025.csv": b"id,received\n\xff\xfe\n",
        }
    )
    result, findings = check(cli, root)
    assert result.code == 1 and "Traceback" not in result.err
    assert [(f["rule"], f["path"]) for f in findings] == [
        ("FM001", "content/edu/annual-report/applications-2025.csv")
    ]
