"""The inspection's veto items besides git and links: the leaders' roster (LD001), policy
interpretations (IN001, IN002) on the built pages, silent new-media accounts (NM005) in
the directory, the dashboard's new indicators, and the new site.toml keys."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO, SITE_TOML, copy_example, item

AS_OF = "2026-11-26"
ROSTER = """\
titles: [副市长]
allow: [市长热线]
leaders:
  - name: 杜家豪
    unit: 测试市人民政府
    rank: 2
    titles: [{title: 市长, since: 2024-03-01}]
    former:
      - {title: 常务副市长, until: 2024-02-29}
  - name: 王建国
    unit: 中共测试市委员会
    rank: 1
    titles: [市委书记]
  - name: 李明
    unit: 测试市人民政府
    rank: 3
    titles: [副市长]
"""


def check(cli, root, *extra):
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json", *extra)
    assert "Traceback" not in result.err, result.err
    return result


def ld001(cli, make_site, body, date="2026-11-20"):
    root = make_site(
        {"checks/leaders.yaml": ROSTER, "content/edu/news/a.md": item(body=body, date=date)}
    )
    findings = json.loads(check(cli, root).out)["findings"]
    return [f["message"] for f in findings if f["rule"] == "LD001"]


@pytest.mark.parametrize(
    ("body", "date", "expected"),
    [
        ("副市长杜家豪出席。", "2026-11-20", "杜家豪现任市长，不是副市长"),
        ("常务副市长杜家豪出席。", "2026-11-20", "杜家豪已于 2024-02-29 卸任常务副市长"),
        ("市长杜家豪出席。", "2023-06-01", "杜家豪自 2024-03-01 起才任市长"),
        ("市长杜家毫出席。", "2026-11-20", "“杜家毫”与名册中的市长“杜家豪”只差一个字"),
        ("杜家毫市长出席。", "2026-11-20", "“杜家毫”与名册中的市长“杜家豪”只差一个字"),
        ("出席的有杜家豪、王建国。", "2026-11-20", "按名册位次应为“王建国、杜家豪”"),
        ("副市长李名出席。", "2026-11-20", "“李名”与名册中的副市长“李明”只差一个字"),
    ],
)
def test_leader_errors(cli, make_site, body, date, expected):
    messages = ld001(cli, make_site, body + "\n", date)
    assert len(messages) == 1 and expected in messages[0], messages


@pytest.mark.parametrize(
    ("body", "date"),
    [
        ("市长杜家豪出席。", "2026-11-20"),
        ("常务副市长杜家豪出席。", "2023-06-01"),  # a historical article, dated while he held it
        ("市民杜家明、杜家毫反映情况。", "2026-11-20"),  # citizens sharing a leader's surname
        ("李明亮同学获奖，李明的同学也来了。", "2026-11-20"),  # no leader's title next to it
        ("曲靖市副市长杜家毫、昆明市副市长杜家豪来访。", "2026-11-20"),  # another city's
        ("请拨打市长热线。", "2026-11-20"),
        ("市委书记王建国，市长杜家豪，副市长李明出席。", "2026-11-20"),
        ("居委会主任杜家毫说。", "2026-11-20"),
    ],
)
def test_leader_hard_negatives(cli, make_site, body, date):
    assert ld001(cli, make_site, body + "\n", date) == []


def test_without_a_roster_ld001_is_quiet(cli, make_site):
    root = make_site({"content/edu/news/a.md": item(body="市长杜家毫出席。\n")})
    assert json.loads(check(cli, root).out)["findings"] == []


def test_roster_errors_are_positioned(cli, make_site):
    roster = (
        ROSTER + "  - name: 赵六\n    unit: 测试市人民政府\n    rank: 二\n    titles: [副市长]\n"
    )
    roster += "    former:\n      - {title: 市长, until: 去年}\n"
    root = make_site({"checks/leaders.yaml": roster.replace("allow:", "alow:")})
    result = check(cli, root)
    assert result.code == 2
    assert "checks/leaders.yaml:2:1" in result.err  # the unknown key alow
    assert "checks/leaders.yaml:20:5" in result.err  # rank: 二
    assert "checks/leaders.yaml:23:" in result.err  # until: 去年


def test_leader_finding_has_line_and_column(cli, make_site):
    root = make_site(
        {
            "checks/leaders.yaml": ROSTER,
            "content/edu/news/a.md": item(body="开会。\n\n会上，市长杜家毫讲话。\n"),
        }
    )
    finding = json.loads(check(cli, root).out)["findings"][0]
    assert (finding["line"], finding["column"]) == (16, 4)
    assert finding["excerpt"] == "市长杜家毫"


INTERPRETATION_TOML = (
    SITE_TOML.replace("disclosure = true\n", "disclosure = true\ninterpretation_days = 30\n")
    + '\n[[columns]]\nid = "interpretation"\ntitle = "政策解读"\nkind = "interpretation"\n'
)


def test_policy_and_interpretation_link_each_other(cli, make_site, tmp_path):
    root = make_site(
        {
            "site.toml": INTERPRETATION_TOML,
            "content/edu/policy/measures.md": item(
                title="测试市课后服务管理办法", extra="index_no: 11539900MB00000036/2026-00001\n"
            ),
            "content/edu/interpretation/measures-qa.md": item(
                title="《测试市课后服务管理办法》解读",
                date="2026-03-05",
                extra="interprets: ../policy/measures.md\n",
            ),
        }
    )
    out = tmp_path / "public"
    result = cli("build", "--site", root, "--out", out, "--as-of", AS_OF, "--format", "json")
    assert result.code == 0, result.out
    policy = (out / "edu/policy/measures/index.html").read_text("utf-8")
    assert 'href="/edu/interpretation/measures-qa/">《测试市课后服务管理办法》解读</a>' in policy
    qa = (out / "edu/interpretation/measures-qa/index.html").read_text("utf-8")
    assert '解读文件：<a href="/edu/policy/measures/">测试市课后服务管理办法</a>' in qa


def test_interpretation_deadline_and_repeal(cli, make_site):
    policy = "index_no: 11539900MB00000036/2026-0000{n}\n"
    root = make_site(
        {
            "site.toml": INTERPRETATION_TOML,
            "content/edu/policy/late.md": item(date="2026-09-01", extra=policy.format(n=1)),
            "content/edu/policy/due-later.md": item(date="2026-11-01", extra=policy.format(n=2)),
            "content/edu/policy/repealed.md": item(
                date="2026-09-01", extra=policy.format(n=3) + "repealed: 2026-09-20\n"
            ),
        }
    )
    findings = json.loads(check(cli, root).out)["findings"]
    assert [(f["rule"], f["path"]) for f in findings] == [("IN001", "content/edu/policy/late.md")]
    assert (
        "2026-10-01" in findings[0]["message"]
        and "interprets: /edu/policy/late.md" in findings[0]["message"]
    )


def test_interpretation_days_only_where_set(cli, make_site):
    root = make_site(
        {
            "content/edu/policy/late.md": item(
                date="2026-01-05", extra="index_no: 11539900MB00000036/2026-00001\n"
            )
        }
    )
    assert json.loads(check(cli, root).out)["findings"] == []


NEW_MEDIA = """\
accounts:
  - name: 测试市教育体育局
    platform: wechat
    opened: 2024-03-01
    filed: 2024-03-06
    last_post: 2026-10-08
  - name: 测试市教育体育局
    platform: weibo
    opened: 2024-03-01
    filed: 2024-03-06
    last_post: 2026-11-25
"""


def test_silent_account_in_directory_and_dashboard(cli, make_site, tmp_path):
    root = make_site({"content/edu/new-media.yaml": NEW_MEDIA})
    out, report = tmp_path / "public", tmp_path / "report.html"
    result = cli(
        "build",
        "--site",
        root,
        "--out",
        out,
        "--as-of",
        AS_OF,
        "--report",
        report,
        "--format",
        "json",
    )
    findings = json.loads(result.out)["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("NM005", 6)]
    assert "已 49 天未更新" in findings[0]["message"] or "49 天" in findings[0]["message"]
    directory = (out / "new-media/index.html").read_text("utf-8")
    assert "已 49 天未更新（超过 14 天）" in directory
    assert directory.count("天未更新") == 1
    html = report.read_text("utf-8")
    assert "政务新媒体 2 周内无更新（NM005）" in html and "触发否决" in html


def test_silence_limit_from_site_toml(cli, make_site):
    root = make_site(
        {
            "site.toml": SITE_TOML + "\n[inspection]\nnew_media_silence_days = 60\n",
            "content/edu/new-media.yaml": NEW_MEDIA,
        }
    )
    assert json.loads(check(cli, root).out)["findings"] == []


def test_last_post_must_be_a_date(cli, make_site):
    root = make_site({"content/edu/new-media.yaml": NEW_MEDIA.replace("2026-10-08", "上个月")})
    findings = json.loads(check(cli, root).out)["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("FM001", 6)]


@pytest.mark.parametrize(
    ("section", "fragment"),
    [
        ('[inspection]\nbackdating_tolerance_days = "3"\n', "site.toml:"),
        ("[inspection]\nlink_per_host = 0\n", "inspection.link_per_host"),
        ("[inspection]\nbackdating_tolerence_days = 3\n", "backdating_tolerance_days"),
    ],
)
def test_inspection_settings_are_validated(cli, make_site, section, fragment):
    root = make_site({"site.toml": SITE_TOML + "\n" + section})
    result = check(cli, root)
    assert result.code == 2 and fragment in result.err


@pytest.mark.parametrize("code", ["LD001", "RV006", "LK005", "IN001", "IN002", "NM005"])
def test_rules_are_documented_in_both_languages(cli, code):
    zh = cli("rules", code)
    en = cli("rules", code, "--lang", "en")
    assert zh.code == en.code == 0
    assert "## 查什么" in zh.out and "## 应改为" in zh.out
    assert "## What it finds" in en.out and "## Instead" in en.out


def test_example_shows_the_new_indicators(cli, tmp_path):
    report = tmp_path / "report.html"
    result = cli("check", "--site", REPO, "--as-of", AS_OF, "--report", report, "--format", "json")
    assert result.code == 0 and json.loads(result.out)["findings"] == []
    html = report.read_text("utf-8")
    for name in ("LD001", "RV006", "NM005", "首页不可用链接", "政策文件未按时解读（IN001）"):
        assert name in html


def test_example_copy_without_git(cli, tmp_path):
    """A copy of the example outside git passes too; RV006 says once that it cannot judge."""
    root = copy_example(tmp_path / "site")
    result = check(cli, root)
    assert result.code == 0 and json.loads(result.out)["findings"] == []
    assert result.err.count("RV006") == 1


def test_one_character_name_is_refused(cli, make_site):
    roster = "leaders:\n  - name: 王\n    unit: 测试市人民政府\n    rank: 1\n    titles: [市长]\n"
    result = check(cli, make_site({"checks/leaders.yaml": roster}))
    assert result.code == 2 and "checks/leaders.yaml:2:" in result.err


def test_interprets_cannot_leave_the_site(cli, make_site):
    root = make_site(
        {
            "site.toml": INTERPRETATION_TOML,
            "content/edu/interpretation/x.md": item(
                extra="interprets: ../../../../../etc/passwd\n"
            ),
            "content/edu/interpretation/y.md": item(
                extra="interprets: https://www.gov.cn/policy/\n"
            ),
        }
    )
    findings = json.loads(check(cli, root).out)["findings"]
    assert sorted((f["rule"], f["path"]) for f in findings) == [
        ("IN002", "content/edu/interpretation/x.md"),
        ("IN002", "content/edu/interpretation/y.md"),
    ]


def test_interpretation_days_cannot_be_negative(cli, make_site):
    toml = SITE_TOML.replace("disclosure = true\n", "disclosure = true\ninterpretation_days = -1\n")
    result = check(cli, make_site({"site.toml": toml}))
    assert result.code == 2 and "columns[2].interpretation_days" in result.err
