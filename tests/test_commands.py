"""govsite new, init and rules."""

from __future__ import annotations

from govsite.rules import RULES
from tests.conftest import MINIMAL_REPORT, item


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
        'index_no: "11539900MB00000036/2026-"',
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
    assert cli("init", target).code == 0
    assert (target / "site.toml").is_file() and (target / "templates/base.html").is_file()
    new = cli("new", "office", "news", "第一条动态", "--site", target, "--slug", "first")
    assert new.code == 0
    # the scaffold leaves the site identity blank: no portal goes live without it (ST001)
    blocked = cli("build", "--site", target, "--as-of", "2026-11-26")
    assert blocked.code == 1 and "ST001" in blocked.out
    config = (target / "site.toml").read_text("utf-8")
    for key, value in (
        ("site_code", "5399000009"),
        ("icp", "滇ICP备00000009号-1"),
        ("public_security", "滇公网安备53990002000009号"),
        ("sponsor", "某某市人民政府办公室"),
        ("credit_code", "11539900MB00000010"),
    ):
        config = config.replace(f'{key} = ""', f'{key} = "{value}"', 1)
    (target / "site.toml").write_text(config, encoding="utf-8")
    # the guide and rules pages start as drafts: DS005 until the office publishes them
    assert "DS005" in cli("build", "--site", target, "--as-of", "2026-11-26").out
    for number, column in enumerate(("guide", "rules"), start=1):
        (target / f"content/office/{column}/{column}.md").write_text(
            item(title=column, extra=f"index_no: 11539900MB00000010/2026-0000{number}\n"),
            encoding="utf-8",
        )
    (target / "content/office/annual-report").mkdir()
    (target / "content/office/annual-report/2025.yaml").write_text(MINIMAL_REPORT, encoding="utf-8")
    result = cli("build", "--site", target, "--as-of", "2026-11-26")
    assert result.code == 0, result.out + result.err
    assert (target / "public/index.html").is_file()
    assert cli("init", target).code == 2  # not empty


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
