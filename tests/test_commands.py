"""govsite new, init and rules."""

from __future__ import annotations

import datetime as dt
import json

import yaml

from govsite.rules import RULES
from tests.conftest import SITE_TOML, item


def test_new_writes_a_draft_with_complete_front_matter(make_site, cli):
    root = make_site()
    result = cli(
        "new",
        "edu",
        "policy",
        "关于印发《学校管理办法》的通知",
        "--site",
        root,
        "--date",
        "2026-11-26",
    )
    assert result.code == 0, result.err
    path = root / "content/edu/policy/20261126-1.md"
    assert str(path) in result.out
    text = path.read_text("utf-8")
    for field in (
        "title:",
        "date: 2026-11-26",
        "status: draft",
        "editor:",
        "reviewer:",
        "approver:",
        "approver_role:",
        "approved:",
        'index_no: "11539900MB00000036/2026-00001"',
    ):
        assert field in text, field
    # a fresh draft is checked clean (drafts are not held to the review chain) and not published
    check = cli("check", "--site", root, "--as-of", "2026-11-26")
    assert check.code == 0, check.out
    second = cli("new", "edu", "policy", "第二篇", "--site", root, "--date", "2026-11-26")
    assert (root / "content/edu/policy/20261126-2.md").is_file(), second.err


def test_new_refuses_unknown_places_and_existing_files(make_site, cli):
    root = make_site({"content/edu/news/a.md": item()})
    assert cli("new", "nope", "news", "标题", "--site", root).code == 2
    assert cli("new", "edu", "nope", "标题", "--site", root).code == 2
    assert cli("new", "edu", "news", "标题", "--site", root, "--slug", "a").code == 2
    assert cli("new", "edu", "news", "标题", "--site", root, "--slug", "Bad Slug").code == 2
    assert item() == (root / "content/edu/news/a.md").read_text("utf-8")


def test_init_scaffolds_a_portal_that_builds(tmp_path, cli):
    target = tmp_path / "portal"
    result = cli(
        "init",
        target,
        "--govsite-repo",
        "https://git.city.gov.cn/web/govsite.git",
        "--govsite-rev",
        "v0.1.0",
    )
    assert result.code == 0, result.err
    assert (target / "site.toml").is_file() and (target / "templates/base.html").is_file()
    # placeholders valid in form, marked in the file: the portal builds as it is
    built = cli("build", "--site", target, "--format", "json")  # init dates its pages today
    assert built.code == 0, built.out + built.err
    assert json.loads(built.out)["summary"]["errors"] == 0
    assert (target / "public/index.html").is_file()
    assert "占位" in (target / "site.toml").read_text("utf-8")
    new = cli("new", "office", "news", "第一条动态", "--site", target, "--slug", "first")
    assert new.code == 0
    today = dt.date.today()
    policy = cli("new", "office", "policy", "第一份文件", "--site", target)
    assert policy.code == 0
    text = (target / f"content/office/policy/{today:%Y%m%d}-1.md").read_text("utf-8")
    assert f'index_no: "000000000000000000/{today.year}-00003"' in text  # guide, rules: 1, 2
    pinned = "govsite @ git+https://git.city.gov.cn/web/govsite.git@v0.1.0"
    assert pinned in (target / ".github/workflows/govsite.yml").read_text("utf-8")
    assert pinned in (target / ".gitlab-ci.yml").read_text("utf-8")
    hooks = yaml.safe_load((target / ".pre-commit-config.yaml").read_text("utf-8"))
    assert hooks["repos"][0]["repo"] == "https://git.city.gov.cn/web/govsite.git"
    assert hooks["repos"][0]["rev"] == "v0.1.0"
    assert cli("init", target).code == 2  # not empty


def test_new_numbers_index_numbers_in_sequence(make_site, cli):
    existing = item(extra="index_no: 11539900MB00000036/2026-00041\n")
    other_year = item(extra="index_no: 11539900MB00000036/2025-00090\n")
    other_dept = item(extra="index_no: 11539900MB00000010/2026-00100\n")
    root = make_site(
        {
            "content/edu/policy/a.md": existing,
            "content/edu/policy/b.md": other_year,
            "content/gov/policy/c.md": other_dept,
        }
    )
    cli("new", "edu", "policy", "甲", "--site", root, "--date", "2026-11-26")
    text = (root / "content/edu/policy/20261126-1.md").read_text("utf-8")
    assert 'index_no: "11539900MB00000036/2026-00042"' in text
    cli("new", "edu", "policy", "乙", "--site", root, "--date", "2026-11-26")
    text = (root / "content/edu/policy/20261126-2.md").read_text("utf-8")
    assert 'index_no: "11539900MB00000036/2026-00043"' in text  # the first draft counts


def test_new_leaves_the_index_number_empty_without_a_credit_code(make_site, cli):
    root = make_site(site_toml=SITE_TOML.replace('credit_code = "11539900MB00000036"\n', ""))
    assert cli("new", "edu", "policy", "甲", "--site", root, "--date", "2026-11-26").code == 0
    assert 'index_no: ""' in (root / "content/edu/policy/20261126-1.md").read_text("utf-8")


def test_rules_lists_and_explains(cli):
    listing = cli("rules")
    assert listing.code == 0
    for code in RULES:
        assert code in listing.out
    explained = cli("rules", "RV001")
    assert explained.code == 0
    assert "## 查什么" in explained.out and "第六条、第二十四条" in explained.out
    english = cli("rules", "rv001", "--lang", "en")
    assert "## What it finds" in english.out and "## 查什么" not in english.out
    assert cli("rules", "XX999").code == 2


def test_every_rule_has_both_languages_of_docs():
    for rule in RULES.values():
        zh, en = rule.doc_in("zh"), rule.doc_in("en")
        for heading in ("## 查什么", "## 为什么", "## 示例", "## 应改为"):
            assert heading in zh, (rule.code, heading)
        for heading in ("## What it finds", "## Why", "## Example", "## Instead"):
            assert heading in en, (rule.code, heading)


def test_no_command_exits_2(cli):
    assert cli().code == 2
