"""FM001–FM004 and RV001, each with its file and line; bad input never a traceback."""

from __future__ import annotations

import json

import pytest

from tests.conftest import item

NEWS = "content/edu/news/a.md"


def findings_of(cli, root, *args):
    result = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", "json", *args)
    assert "Traceback" not in result.err
    document = json.loads(result.out)
    return result.code, [(f["rule"], f["path"], f["line"]) for f in document["findings"]], document


def test_clean_item_has_no_findings(make_site, cli):
    code, found, document = findings_of(cli, make_site({NEWS: item()}))
    assert (code, found) == (0, [])
    assert document["summary"] == {"files": 3, "pages": 1, "errors": 0, "warnings": 0, "waived": 0}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (b"---\ntitle: [unclosed\ndate: 2026-03-02\n---\n", 3, "前置元数据不是合法的 YAML"),
        (b"\xef\xbb\xbf", 1, "文件为空"),
        (b"", 1, "文件为空"),
        (b"# no front matter\n", 1, "缺少前置元数据"),
        (b"---\ntitle: x\n", 1, "前置元数据没有结束"),
        (b"---\ntitle: \xff\n---\n", 2, "不是有效的 UTF-8"),
        (b"---\n- a\n- b\n---\n", 2, "前置元数据应为"),
    ],
)
def test_unreadable_files_are_fm001(make_site, cli, text, line, message):
    code, found, document = findings_of(cli, make_site({NEWS: text}))
    assert code == 1
    assert found == [("FM001", NEWS, line)]
    assert message in document["findings"][0]["message"]


def test_invalid_utf8_names_the_line(make_site, cli):
    raw = item().encode("utf-8").replace("正文第一段".encode(), b"\xc3\x28bad")
    _code, found, _ = findings_of(cli, make_site({NEWS: raw}))
    body_line = item().splitlines().index("正文第一段。") + 1
    assert found == [("FM001", NEWS, body_line)]


def test_bom_and_crlf_are_accepted(make_site, cli):
    raw = b"\xef\xbb\xbf" + item().replace("\n", "\r\n").encode("utf-8")
    code, found, _ = findings_of(cli, make_site({NEWS: raw}))
    assert (code, found) == (0, [])


def test_wrong_type_and_unknown_field(make_site, cli):
    text = item(extra="written: 2026年3月1日\naprover: 某人\n")
    _code, found, document = findings_of(cli, make_site({NEWS: text}))
    lines = text.splitlines()
    written = lines.index("written: 2026年3月1日") + 1
    unknown = lines.index("aprover: 某人") + 1
    assert sorted(found) == sorted([("FM001", NEWS, written), ("FM001", NEWS, unknown)])
    messages = {f["line"]: f["message"] for f in document["findings"]}
    assert (
        messages[written]
        == "字段 `written` 应为日期（YYYY-MM-DD）：中文写法的日期 `2026年3月1日` 请改写为 2026-03-01"
    )
    assert messages[unknown] == "未知字段 `aprover`"


def test_bad_choice_suggests(make_site, cli):
    text = item().replace("level: general", "level: genral")
    _code, found, document = findings_of(cli, make_site({NEWS: text}))
    assert found[0][0] == "FM001"
    assert "是否想写 'general'" in document["findings"][0]["message"]


def test_missing_required_field_is_fm002(make_site, cli):
    text = item().replace("title: 关于做好开学工作的通知\n", "")
    code, found, document = findings_of(cli, make_site({NEWS: text}))
    assert (code, found) == (1, [("FM002", NEWS, 1)])
    assert document["findings"][0]["message"] == "缺少必填字段 `title`"


def test_repost_without_source_is_fm002(make_site, cli):
    _code, found, _ = findings_of(cli, make_site({NEWS: item(extra="origin: repost\n")}))
    assert ("FM002", NEWS, 1) in found


def test_unknown_department_and_column_are_fm003(make_site, cli):
    root = make_site({"content/edux/news/a.md": item(), "content/edu/nwes/b.md": item()})
    _code, found, document = findings_of(cli, root)
    assert found == [("FM003", "content/edu/nwes/b.md", 1), ("FM003", "content/edux/news/a.md", 1)]
    assert "是否想写 'news'" in document["findings"][0]["message"]
    assert "是否想写 'edu'" in document["findings"][1]["message"]


def test_front_matter_disagreeing_with_folder_is_fm003(make_site, cli):
    text = item(extra="column: notice\n")
    _code, found, _ = findings_of(cli, make_site({NEWS: text}))
    assert found == [("FM003", NEWS, text.splitlines().index("column: notice") + 1)]


def test_misplaced_markdown_is_fm003(make_site, cli):
    _code, found, _ = findings_of(cli, make_site({"content/edu/a.md": item()}))
    assert found == [("FM003", "content/edu/a.md", 1)]


def test_unsafe_slug_is_fm004(make_site, cli):
    text = item(extra="slug: 开学通知\n")
    root = make_site({NEWS: text, "content/edu/news/Bad_Name.md": item()})
    _code, found, _ = findings_of(cli, root)
    assert found == [
        ("FM004", "content/edu/news/Bad_Name.md", 1),
        ("FM004", NEWS, text.splitlines().index("slug: 开学通知") + 1),
    ]


def test_two_sources_for_one_url_is_fm004(make_site, cli):
    second = item(extra="slug: a\n")
    root = make_site({NEWS: item(), "content/edu/news/b.md": second})
    _code, found, document = findings_of(cli, root)
    assert found == [("FM004", "content/edu/news/b.md", second.splitlines().index("slug: a") + 1)]
    assert document["findings"][0]["message"] == f"与 {NEWS} 发布到同一地址 /edu/news/a/"


def test_incomplete_review_chain_is_rv001(make_site, cli):
    review = "review:\n  status: approved\n  level: general\n  editor: 赵编辑\n  approver: 孙签发\n"
    code, found, document = findings_of(cli, make_site({NEWS: item(review=review)}))
    assert (code, found) == (1, [("RV001", NEWS, 4)])
    message = document["findings"][0]["message"]
    assert message.startswith("审核链不完整：缺少 reviewer、approver_role、approved")


def test_drafts_are_not_held_to_the_review_chain(make_site, cli):
    review = "review:\n  status: draft\n  level: general\n"
    code, found, document = findings_of(cli, make_site({NEWS: item(review=review)}))
    assert (code, found) == (0, [])
    assert document["summary"]["pages"] == 0


def test_english_messages(make_site, cli):
    text = item().replace("title: 关于做好开学工作的通知\n", "")
    _code, _found, document = findings_of(cli, make_site({NEWS: text}), "--lang", "en")
    assert document["findings"][0]["message"] == "required field `title` is missing"


def test_check_narrows_to_paths(make_site, cli, monkeypatch):
    root = make_site({NEWS: item(title=""), "content/gov/news/b.md": item(title="")})
    monkeypatch.chdir(root)
    _code, found, _ = findings_of(cli, ".", "content/gov")
    assert [f[1] for f in found] == ["content/gov/news/b.md"]


def test_rv003_names_level_and_roles_in_chinese_beside_the_codes(make_site, cli):
    text = item().replace("level: general", "level: important")
    _code, found, document = findings_of(cli, make_site({NEWS: text}))
    assert found == [("RV003", NEWS, 10)]
    assert document["findings"][0]["message"] == (
        "审核级别 important（重要）须由 deputy-leader（分管领导）或更高级别签发，"
        "当前签发人角色为 principal（主要负责人）"
    )
    _code, _found, english = findings_of(cli, make_site({NEWS: text}), "--lang", "en")
    assert english["findings"][0]["message"] == (
        "review level important needs an approver of role deputy-leader or above, not principal"
    )
