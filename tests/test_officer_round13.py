"""Officer round 13: a new web officer sets up a portal from docs/getting-started.md,
publishes an annual report, attachments and a rule-pack change, and reads every message.

Each test is a message that sent the officer the wrong way, or said what was wrong but
not where or how to fix it (SPEC §9: "a clear finding or error with file and line")."""

from __future__ import annotations

import json

from tests.conftest import MINIMAL_REPORT, SITE_TOML, item

AS_OF = "2026-11-26"
NEWS = "content/edu/news/a.md"
REPORT = "content/edu/annual-report/2025.yaml"
ID_NUMBER = "530102198506153214"  # a valid check digit
# edu opens only some columns: the officer's `interpretation` exists but is not opened.
OPENED = SITE_TOML.replace(
    'phones = ["0871-69999901"]\n', 'phones = ["0871-69999901"]\ncolumns = ["news", "notice"]\n'
)


def findings_of(cli, root, *args):
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json", *args)
    assert "Traceback" not in result.err, result.err
    return json.loads(result.out)["findings"]


# ---------------------------------------------------------------- govsite new / import


def test_new_with_a_mistyped_department_suggests_the_one_meant(make_site, cli):
    """Before: "目录 `edux` 不是 site.toml 中登记的部门", no suggestion; the officer typed
    an argument, not a folder."""
    root = make_site()
    result = cli("new", "edux", "news", "标题", "--site", root)
    assert result.code == 2
    assert "site.toml 中没有部门 `edux`；是否想写 'edu'？" in result.err
    assert "目录" not in result.err


def test_new_with_an_unknown_column_lists_the_columns(make_site, cli):
    root = make_site()
    result = cli("new", "edu", "events", "标题", "--site", root)
    assert result.code == 2
    assert "site.toml 中没有栏目 `events`；已登记的栏目：news、notice、policy" in result.err
    assert "[[columns]]" in result.err


def test_new_in_a_column_the_department_has_not_opened_says_so(make_site, cli):
    """Before: "不是 site.toml 中登记的栏目" for a column that is in site.toml: the officer
    looked for a typo that was not there."""
    root = make_site(site_toml=OPENED)
    result = cli("new", "edu", "policy", "标题", "--site", root)
    assert result.code == 2
    assert "部门 `edu` 没有开设栏目 `policy`" in result.err
    assert "news、notice" in result.err and "columns" in result.err
    english = cli("new", "edu", "policy", "标题", "--site", root, "--lang", "en")
    assert "department `edu` has not opened column `policy`" in english.err


def test_report_annual_with_a_mistyped_department_suggests_the_one_meant(make_site, cli):
    root = make_site()
    for args in (["--year", "2025"], ["--template", "2025"]):
        result = cli("report", "annual", *args, "--dept", "eud", "--site", root)
        assert result.code == 2
        assert "site.toml 中没有部门 `eud`；是否想写 'edu'？" in result.err, args


# ---------------------------------------------------------------- FM003


def test_an_item_in_an_unknown_column_folder_is_told_the_columns(make_site, cli):
    root = make_site({"content/edu/events/a.md": item()})
    [finding] = [f for f in findings_of(cli, root) if f["rule"] == "FM003"]
    assert finding["path"] == "content/edu/events/a.md" and finding["line"] == 1
    assert "已登记的栏目：news、notice、policy" in finding["message"]


def test_an_item_in_a_column_not_opened_is_told_how_to_open_it(make_site, cli):
    root = make_site({"content/edu/policy/a.md": item()}, site_toml=OPENED)
    [finding] = [f for f in findings_of(cli, root) if f["rule"] == "FM003"]
    assert "加进 site.toml 中该部门的 columns" in finding["message"]


# ---------------------------------------------------------------- rule pack


def test_a_mistyped_rule_code_in_levels_suggests_the_code(make_site, cli):
    """Before: "没有规则 WD02" while `govsite rules WD02` suggested WD002."""
    root = make_site({"checks/levels.yaml": "levels:\n  WD02: off\n  ZZ999: off\n"})
    result = cli("check", "--site", root)
    assert result.code == 2
    assert "checks/levels.yaml:2:3: 没有规则 WD02；是否想写 'WD002'？" in result.err
    assert "checks/levels.yaml:3:3: 没有规则 ZZ999；govsite rules 列出全部规则代码" in result.err


def test_an_unknown_key_in_a_pack_file_names_the_keys_there(make_site, cli):
    """A per-path switch is not a rule-pack feature (docs/rule-pack.md says so): the
    officer who tries one is told what the file may hold."""
    root = make_site({"checks/levels.yaml": "paths:\n  content/edu/news/: {WD002: off}\n"})
    result = cli("check", "--site", root)
    assert result.code == 2
    assert "checks/levels.yaml:1:1: 未知配置项 `paths`；这里可写的项：levels" in result.err


# ---------------------------------------------------------------- annual report


def test_report_annual_names_line_and_column_like_check(make_site, cli):
    """Before: `report annual` printed `path:line:` (no column), unlike `check` and the
    example in docs/annual-report.md section 7."""
    wrong = MINIMAL_REPORT.replace("granted: [1, 0, 0, 0, 0, 0]", "granted: [1, 0, 0, 0, 0, 0, 2]")
    root = make_site({REPORT: wrong})
    result = cli("report", "annual", "--year", "2025", "--dept", "edu", "--site", root)
    assert result.code == 1
    checked = cli("check", root / REPORT, "--site", root, "--as-of", AS_OF)
    line = next(x for x in checked.out.splitlines() if " DS002 " in x)
    assert line.startswith(f"{REPORT}:7:") and line.count(":") >= 3
    assert line in result.out.splitlines()


def test_ds003_names_the_cell_as_printed_and_what_is_counted(make_site, cli):
    """Before: "年度报告 proactive.normative_documents.issued 为 2，…相应文件为 0 件" at
    column 1: a YAML path, and no word on what the count is made of."""
    report = MINIMAL_REPORT.replace(
        "{issued: 0, repealed: 0, in_force: 0}", "{issued: 2, repealed: 0, in_force: 2}"
    )
    root = make_site({REPORT: report})
    [finding] = [f for f in findings_of(cli, root) if f["rule"] == "DS003"]
    assert finding["path"] == REPORT and finding["line"] == 4
    source_line = report.splitlines()[3]
    assert finding["column"] == source_line.index("2") + 1  # the cell, not the line start
    assert "表二「行政规范性文件」「本年制发件数」" in finding["message"]
    assert "doc_type: normative" in finding["message"]


def test_an_unclosed_bracket_is_explained_not_quoted_from_the_parser(make_site, cli):
    """Before: "YAML 语法错误（while parsing a flow node did not find expected node
    content）": the parser's English, in a Chinese message."""
    root = make_site(
        {
            REPORT: "year: 2025\nproactive: [\n",
            NEWS: "---\ntitle: [甲,,乙]\ndate: 2026-03-02\n---\n\n正文。\n",
        }
    )
    found = {f["path"]: f for f in findings_of(cli, root) if f["rule"] == "FM001"}
    for path in (REPORT, NEWS):
        message = found[path]["message"]
        assert "方括号或花括号没有闭合" in message, message
        assert "while parsing" not in message and "expected" not in message


def test_report_annual_without_a_report_says_where_it_goes_and_how_to_start(make_site, cli):
    """Before: "没有 2025 年的年度报告（部门：edu）" and nothing more; the officer had to
    find docs/annual-report.md to learn the file's place and the template command."""
    root = make_site(reports=False)
    result = cli("report", "annual", "--year", "2025", "--dept", "edu", "--site", root)
    assert result.code == 2
    assert "content/edu/annual-report/2025.yaml" in result.err
    assert "govsite report annual --template 2025 --dept edu" in result.err


# ---------------------------------------------------------------- one wrong total, one error

TOTAL_WRONG = MINIMAL_REPORT.replace(
    "  granted: [1, 0, 0, 0, 0, 0]\n",
    "  granted: [1, 0, 0, 0, 0, 0]\n  total_handled: [2, 0, 0, 0, 0, 0]\n",
)


def test_a_wrong_total_handled_is_one_error_not_two(make_site, cli):
    """Before: a 总计 of 2 over rows adding to 1 was reported on （七）总计 and again on
    四、结转下年度继续办理, which was right; the officer went back and forth."""
    root = make_site({REPORT: TOTAL_WRONG})
    found = [f for f in findings_of(cli, root) if f["rule"] == "DS002"]
    assert len(found) == 1, found
    assert "总计" in found[0]["message"]


def test_a_wrong_total_and_a_wrong_carried_forward_are_both_reported(make_site, cli):
    report = TOTAL_WRONG.replace(
        "  total_handled: [2, 0, 0, 0, 0, 0]\n",
        "  total_handled: [2, 0, 0, 0, 0, 0]\n  carried_forward: [3, 0, 0, 0, 0, 0]\n",
    )
    root = make_site({REPORT: report})
    found = [f for f in findings_of(cli, root) if f["rule"] == "DS002"]
    assert len(found) == 2, found


def test_an_unreadable_report_is_not_printed_as_a_report_of_zeros(make_site, cli):
    """Before: a report with a YAML error printed in full, every figure 0, above the
    FM001 line: the screen looked like a valid report."""
    root = make_site({REPORT: MINIMAL_REPORT.replace("new: [1, 0, 0, 0, 0, 0]", "new: [1, 0, 0")})
    result = cli("report", "annual", "--site", root, "--year", "2025", "--dept", "edu")
    assert result.code == 1
    assert "年度报告文件无法读取，报告未打印" in result.out
    assert "FM001" in result.out
    assert "表三" not in result.out and "总计" not in result.out
    good = cli("report", "annual", "--site", make_site({REPORT: MINIMAL_REPORT}), "--year", "2025")
    assert "无法读取" not in good.out and "总计" in good.out


def test_the_title_underline_is_as_wide_as_the_chinese_title(make_site, cli):
    root = make_site({REPORT: MINIMAL_REPORT})
    lines = cli("report", "annual", "--site", root, "--year", "2025", "--dept", "edu").out
    title, underline = lines.splitlines()[:2]
    assert underline == "=" * (2 * len(title) - sum(c.isascii() for c in title))


def test_a_page_in_no_opened_column_gets_no_unused_waiver_warning(make_site, cli):
    """Before: WV001 "waives nothing" on a page whose rules never ran (FM003)."""
    waiver = "waive:\n  - {rule: LK003, reason: 对方网站不支持 https, by: 孙签发}\n"
    root = make_site({"content/edu/events/a.md": item(extra=waiver)})
    rules = [f["rule"] for f in findings_of(cli, root)]
    assert "FM003" in rules and "WV001" not in rules


def test_the_waiver_reason_follows_the_language(make_site, cli):
    waiver = "waive:\n  - {rule: LK003, reason: 对方网站不支持 https, by: 孙签发}\n"
    body = "见[教育部](http://www.moe.gov.cn/)。\n"
    root = make_site({NEWS: item(body=body, extra=waiver)})
    for lang, shown in (
        ("zh", "对方网站不支持 https（孙签发）"),
        ("en", "对方网站不支持 https (孙签发)"),
    ):
        result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json", "--lang", lang)
        assert [w["reason"] for w in json.loads(result.out)["waivers"]] == [shown]


# ---------------------------------------------------------------- a Word table's cell


def test_a_finding_in_a_word_table_names_the_table_row_and_column(make_site, cli):
    """Before: "第 8 段", the officer counting paragraphs through the table's cells."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("报名名单如下。")
    table = document.add_table(rows=2, cols=3)
    for row, cells in enumerate((("姓名", "性别", "身份证号"), ("张三", "男", ID_NUMBER))):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.core_properties.author = ""
    data = io.BytesIO()
    document.save(data)
    body = "附件：[名单](../media/list.docx)\n"
    root = make_site({NEWS: item(body=body), "content/edu/media/list.docx": data.getvalue()})
    found = [f for f in findings_of(cli, root) if f["rule"] == "PV001"]
    assert len(found) == 1, found
    assert "第 1 个表格第 2 行第 3 列" in found[0]["message"]
