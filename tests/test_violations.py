"""A copy of the example portal with one violation of each rule produces exactly those
findings, at the right lines, in every output format; injected spam never reaches output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from govsite.rules import RULES
from tests.attachment_files import (
    docx_hidden_text,
    docx_with_revisions,
    jpeg_with_gps,
    old_word_doc,
    xlsx_plain,
)
from tests.conftest import copy_example
from tests.test_rule_fixtures import strip_markers

AS_OF = "2026-11-26"
HEAD = """---
title: {title}
date: 2026-03-02
review:
  status: approved
  level: {level}
  editor: 赵晓琳
  reviewer: 钱文博
  approver: 孙立新
  approver_role: {role}
  approved: 2026-03-02
{extra}---

"""


def item(
    body: str = "正文。\n",
    title: str = "关于做好有关工作的通知",
    level: str = "general",
    role: str = "principal",
    extra: str = "",
) -> str:
    return HEAD.format(title=title, level=level, role=role, extra=extra) + body


VIOLATIONS: dict[str, tuple[str, str]] = {
    "FM001": (
        "content/edu/news/v-fm001.md",
        item(extra="written: 2026年3月1日  # expect: FM001\n"),
    ),
    "FM002": (
        "content/edu/news/v-fm002.md",
        item()
        .replace("title: 关于做好有关工作的通知\n", "")
        .replace("---\n", "---  # expect: FM002\n", 1),
    ),
    "FM003": ("content/edu/nwes/v-fm003.md", item().replace("---\n", "---  # expect: FM003\n", 1)),
    "FM004": ("content/edu/news/v-fm004.md", item(extra="slug: 开学  # expect: FM004\n")),
    "RV001": (
        "content/edu/news/v-rv001.md",
        item()
        .replace("  reviewer: 钱文博\n", "")
        .replace("review:\n", "review:  # expect: RV001\n"),
    ),
    "RV002": (
        "content/edu/news/v-rv002.md",
        item().replace("  approved: 2026-03-02\n", "  approved: 2026-03-09  # expect: RV002\n"),
    ),
    "RV003": (
        "content/edu/news/v-rv003.md",
        item(level="important").replace(
            "approver_role: principal", "approver_role: principal  # expect: RV003"
        ),
    ),
    "RV004": (
        "content/edu/news/v-rv004.md",
        item("某地发生山体滑坡，已组织救援。 <!-- expect: RV004 -->\n"),
    ),
    "RV005": (
        "content/edu/news/v-rv005.md",
        item().replace("  approver: 孙立新\n", "  approver: 赵晓琳  # expect: RV005\n"),
    ),
    "PV001": (
        "content/edu/news/v-pv001.md",
        item("获奖学生身份证号 530102199003071238。 <!-- expect: PV001 -->\n"),
    ),
    "PV002": (
        "content/edu/news/v-pv002.md",
        item("联系人手机 13912345678。 <!-- expect: PV002 -->\n"),
    ),
    "PV003": (
        "content/edu/news/v-pv003.md",
        item("投诉人家庭电话 0871-65123456。 <!-- expect: PV003 -->\n"),
    ),
    "PV004": (
        "content/edu/news/v-pv004.md",
        item("补贴发放至银行卡号 6222020200001234562。 <!-- expect: PV004 -->\n"),
    ),
    "PV005": (
        "content/edu/news/v-pv005.md",
        item("当事人家住幸福小区3栋2单元502室。 <!-- expect: PV005 -->\n"),
    ),
    "LK001": (
        "content/edu/news/v-lk001.md",
        item("详见[报名指南](https://www.some-company.com/)。 <!-- expect: LK001 -->\n"),
    ),
    "LK002": (
        "content/edu/news/v-lk002.md",
        item("详见[通知](../notice/no-such-notice.md)。 <!-- expect: LK002 -->\n"),
    ),
    "LK003": (
        "content/edu/news/v-lk003.md",
        item("详见[中国政府网](http://www.gov.cn/)。 <!-- expect: LK003 -->\n"),
    ),
    "LK005": (
        "content/edu/news/v-lk005.md",
        item("详见[旧通知](https://www.gov.cn/old/notice.html)。 <!-- expect: LK005 -->\n"),
    ),
    "LD001": (
        "content/edu/news/v-ld001.md",
        item("市长周建国出席会议并讲话。 <!-- expect: LD001 -->\n"),
    ),
    "IN002": (
        "content/edu/interpretation/v-in002.md",
        item(
            extra="interprets: ../policy/no-such-policy.md  # expect: IN002\n"
            "index_no: 11539900MB00000036/2026-00090\n",
        ),
    ),
    "LK004": (
        "content/edu/news/v-lk004.md",
        item("[点击](javascript:alert(1)) <!-- expect: LK004 -->\n"),
    ),
    "AD001": (
        "content/edu/news/v-ad001.md",
        item("全网最低价，限时特价。 <!-- expect: AD001 -->\n"),
    ),
    "AD002": (
        "content/edu/news/v-ad002.md",
        item(title="澳门新葡京官网_首存送88元  # expect: AD002"),
    ),
    "AD003": (
        "content/edu/news/v-ad003.md",
        item('<div style="display:none">链接</div> <!-- expect: AD003 -->\n'),
    ),
    "MD001": (
        "content/edu/news/v-md001.md",
        item(
            "![](../media/campus-football-league-2026.png) <!-- expect: MD001 -->\n",
            extra="media:\n  - {file: ../media/campus-football-league-2026.png, source: 示例市教育体育局, license: 本单位原创}\n",
        ),
    ),
    "MD002": (
        "content/edu/news/v-md002.md",
        item("![校园足球联赛](../media/campus-football-league-2026.png) <!-- expect: MD002 -->\n"),
    ),
    "MD003": (
        "content/edu/news/v-md003.md",
        item(
            "![学校布局](../media/campus-football-league-2026.png)\n",
            extra="media:\n  - {file: ../media/campus-football-league-2026.png, source: 示例市教育体育局, license: 本单位原创, kind: map}  # expect: MD003\n",
        ),
    ),
    "SR001": (
        "content/edu/news/v-sr001.md",
        item(extra="origin: repost\nsource: {name: 中国政府网}  # expect: SR001\n"),
    ),
    "SR002": (
        "content/edu/news/v-sr002.md",
        item(
            extra='origin: repost\nsource: {name: 某某自媒体, url: "https://mp.example.com/1", title: 关于做好有关工作的通知}  # expect: SR002, LK001\n'
        ),
    ),
    "SR003": (
        "content/edu/news/v-sr003.md",
        item(
            title="重磅！关于做好有关工作的通知  # expect: SR003",
            extra='origin: repost\nsource: {name: 中国政府网, url: "https://www.gov.cn/a.htm", title: 关于做好有关工作的通知}\n',
        ),
    ),
    "WD001": (
        "content/edu/news/v-wd001.md",
        item("深入开展扫黑险恶专项斗争。 <!-- expect: WD001 -->\n"),
    ),
    "WD002": ("content/edu/news/v-wd002.md", item("希望大家再接再励。 <!-- expect: WD002 -->\n")),
    "WV001": (
        "content/edu/news/v-wv001.md",
        item(
            extra="waive:\n  - {rule: PV002, reason: 已取得本人同意, by: 孙立新}  # expect: WV001\n"
        ),
    ),
    "WV002": (
        "content/edu/news/v-wv002.md",
        item(
            extra="waive:\n  - {rule: RV005, reason: 本单位只有一名编辑, by: 钱文博}  # expect: WV002\n"
        ),
    ),
    "DS004": (
        "content/edu/policy/v-ds004.md",
        item(level="important", role="deputy-leader", extra="index_no: 2026-12  # expect: DS004\n"),
    ),
    "DS006": (
        "content/edu/policy/v-ds006.md",
        item(
            level="important",
            role="deputy-leader",
            extra="index_no: 11539900MB00000036/2026-00900\nwritten: 2026-01-05\n",
        ).replace("date: 2026-03-02\n", "date: 2026-03-02  # expect: DS006\n", 1),
    ),
    "DS008": (  # last year's report: 12 in force, so 2025's 11 (+1 issued) does not follow
        "content/finance/annual-report/2024.yaml",
        "year: 2024  # expect: DS008 @content/finance/annual-report/2025.yaml:16\n"
        "proactive:\n  normative_documents: {issued: 0, repealed: 0, in_force: 12}\n",
    ),
}


def edit_line(root: Path, rel: str, startswith: str, new: str) -> int:
    """Replace the line of ``rel`` that starts with ``startswith``; return its number."""
    lines = (root / rel).read_text("utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(startswith))
    lines[number] = new
    (root / rel).write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def append_account(root: Path, dept: str, lines: list[str], flagged: int) -> tuple[str, int]:
    """Append an account to a department's registry; return the flagged line (index into
    ``lines``) as (path, file line)."""
    rel = f"content/{dept}/new-media.yaml"
    text = (root / rel).read_text("utf-8")
    start = text.count("\n")
    (root / rel).write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    return rel, start + flagged + 1


def edit_new_media(root: Path) -> set:
    account = [
        "  - name: {name}",
        "    platform: {platform}",
        "    opened: {opened}",
        "    filed: {filed}",
    ]

    def lines(**values: str) -> list[str]:
        return [line.format(**values) for line in account]

    expected = set()
    rel, line = append_account(
        root,
        "edu",
        lines(
            name="示例市教育体育局服务号",
            platform="wechat",
            opened="2024-05-06",
            filed="2024-05-10",
        ),
        0,
    )
    expected.add(("NM001", rel, line))
    rel, line = append_account(
        root,
        "transport",
        lines(name="示例市交通运输局", platform="douyin", opened="2025-09-01", filed="2025-09-25"),
        3,
    )
    expected.add(("NM002", rel, line))
    rel, line = append_account(
        root,
        "finance",
        lines(name="理财小助手", platform="weibo", opened="2024-05-06", filed="2024-05-10"),
        0,
    )
    expected.add(("NM004", rel, line))
    health = "content/health/new-media.yaml"
    expected.add(
        ("NM005", health, edit_line(root, health, "    last_post:", "    last_post: 2026-10-01"))
    )
    ee = "content/ee/new-media.yaml"
    expected.add(
        (
            "NM003",
            ee,
            edit_line(root, ee, "    closure_announced:", "    closure_announced: 2026-11-20"),
        )
    )
    return expected


def add_attachments(root: Path) -> set:
    """A page with attachments: an old .doc (AT001), hidden Word text (AT002, with the
    casino spam it hides: AD002), a comment and a tracked deletion of a mobile number
    (AT003, PV002) with an author (AT004), a photo with GPS (AT005); and a file no page
    links to (AT006)."""
    media = root / "content/edu/media"
    files = {
        "roster.doc": old_word_doc(),
        "hidden.docx": docx_hidden_text(),
        "notice.docx": docx_with_revisions(),
        "scene.jpg": jpeg_with_gps(),
        "old-list.xlsx": xlsx_plain(),
    }
    for name, data in files.items():
        (media / name).write_bytes(data)
    extra = (
        "media:\n  - {file: ../media/scene.jpg, source: 示例市教育体育局, license: 本单位原创}\n"
    )
    body = (
        "附件：[名单](../media/roster.doc)、[说明](../media/hidden.docx)、"
        "[通知](../media/notice.docx)\n\n![开幕式现场](../media/scene.jpg)\n"
    )
    (root / "content/edu/news/v-attachments.md").write_text(item(body, extra=extra), "utf-8")
    at = "content/edu/media/"
    return {
        ("AT001", at + "roster.doc", None),
        ("AT002", at + "hidden.docx", 2),
        ("AD002", at + "hidden.docx", 2),
        ("AT003", at + "notice.docx", 2),
        ("AT003", at + "notice.docx", 3),
        ("PV002", at + "notice.docx", 3),
        ("AT004", at + "notice.docx", None),
        ("AT005", at + "scene.jpg", None),
        ("AT006", at + "old-list.xlsx", None),
    }


def edit_example(root: Path) -> set:
    """Violations made by editing the example's own files (the DS rules judge what exists)."""
    expected = set()
    (root / "content/emergency/annual-report/2025.yaml").unlink()
    expected.add(("DS001", "content/emergency/annual-report/2025.yaml", None))
    gov = "content/gov/annual-report/2025.yaml"
    line = edit_line(root, gov, "  carried_forward:", "  carried_forward:   [5, 1, 0, 0, 0, 0]")
    expected.add(("DS002", gov, line))
    drc = "content/drc/annual-report/2025.yaml"
    line = edit_line(
        root,
        drc,
        "  normative_documents:",
        "  normative_documents:  {issued: 2, repealed: 0, in_force: 14}",
    )
    expected.add(("DS003", drc, line))
    # The two policy items of VIOLATIONS (DS004, DS006) have gone uninterpreted for months.
    expected.add(("IN001", "content/edu/policy/v-ds004.md", 3))
    expected.add(("IN001", "content/edu/policy/v-ds006.md", 3))
    cache = root / ".govsite-cache/links.json"  # what `govsite links --external` found
    cache.parent.mkdir()
    url = "https://www.gov.cn/old/notice.html"
    result = {"url": url, "checked": "2026-11-25T02:00:00+00:00", "status": 404}
    cache.write_text(json.dumps({"version": 1, "results": {url: result}}), encoding="utf-8")
    (root / "content/market/rules/disclosure-rules.md").unlink()
    expected.add(("DS005", "content/market/rules/", None))
    expected.add(("FR002", "content/market/rules/", None))  # the same gap, as an empty column
    for news in (root / "content/edu/news").glob("*.md"):  # edu's news goes stale
        text = news.read_text("utf-8")
        if re.search(r"^date: 2026-1[01]-", text, re.MULTILINE):
            text = re.sub(r"^date: .*$", "date: 2026-10-01", text, count=1, flags=re.MULTILINE)
            text = re.sub(
                r"^  approved: .*$", "  approved: 2026-10-01", text, count=1, flags=re.MULTILINE
            )
            news.write_text(text, encoding="utf-8")
    expected.add(("FR001", "content/edu/news/", None))
    expected |= edit_new_media(root)
    expected |= add_attachments(root)
    log = root / "content/edu/annual-report/applications-2025.csv"
    text = (
        log.read_text("utf-8").rstrip("\n")
        + "\nYSQ-2025-099,2025-03-03,natural_person,granted,2025-04-15,\n"
    )
    log.write_text(text, encoding="utf-8")
    expected.add(("DS007", "content/edu/annual-report/applications-2025.csv", text.count("\n")))
    return expected


@pytest.fixture(scope="module")
def violated(tmp_path_factory) -> tuple[Path, set]:
    root = copy_example(tmp_path_factory.mktemp("violated") / "site")
    expected = set()
    for path, text in VIOLATIONS.values():
        clean, found = strip_markers(text, path)
        expected |= found
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(clean, encoding="utf-8")
    expected |= edit_example(root)
    config = (root / "site.toml").read_text("utf-8")
    (root / "site.toml").write_text(
        config.replace('sponsor = "示例市人民政府办公室"', "#"), encoding="utf-8"
    )
    expected.add(("ST001", "site.toml", None))
    return root, expected


def test_every_rule_is_violated_once():
    edited = {"ST001", "DS001", "DS002", "DS003", "DS005", "DS007", "FR001", "FR002"}
    edited |= {"NM001", "NM002", "NM003", "NM004", "NM005", "IN001"}
    edited |= {"AT001", "AT002", "AT003", "AT004", "AT005", "AT006"}
    edited |= {"RV006"}  # a copy without .git: judged in its fixture and tests/test_inspection.py
    assert set(VIOLATIONS) | edited == set(RULES)


def run(cli, root, fmt):
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", fmt)
    assert result.code == 1, result.err
    return result.out


def test_json_has_exactly_the_violations(cli, violated):
    root, expected = violated
    document = json.loads(run(cli, root, "json"))
    assert {(f["rule"], f["path"], f["line"]) for f in document["findings"]} == expected
    # several findings may share a line (DS002 names each broken cell), none lies elsewhere


def test_text_has_exactly_the_violations(cli, violated):
    root, expected = violated
    found = set()
    for line in run(cli, root, "text").splitlines():
        match = re.match(r"^(\S+?)(?::(\d+):\d+)?: ([A-Z]{2}\d{3}) ", line)
        if match:
            found.add(
                (match.group(3), match.group(1), int(match.group(2)) if match.group(2) else None)
            )
    assert found == expected


def test_sarif_has_exactly_the_violations(cli, violated):
    root, expected = violated
    results = json.loads(run(cli, root, "sarif"))["runs"][0]["results"]
    found = {
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"].get("region", {}).get("startLine"),
        )
        for r in results
        if not r.get("suppressions")
    }
    assert found == expected


def test_github_has_exactly_the_violations(cli, violated):
    root, expected = violated
    found = set()
    for line in run(cli, root, "github").splitlines():
        match = re.match(
            r"^::(?:error|warning|notice) file=([^,]+)(?:,line=(\d+),col=\d+)?,title=([A-Z0-9]+)::",
            line,
        )
        if match:
            found.add(
                (match.group(3), match.group(1), int(match.group(2)) if match.group(2) else None)
            )
    assert found == expected


SPAM_TITLE = "澳门新葡京官网_首存送88元_示例市教育体育局"
HIDDEN = '<div style="display:none"><a href="https://casino.example/">百家乐</a></div>'


def test_injected_spam_is_refused_and_never_reaches_output(cli, tmp_path):
    root = copy_example(tmp_path / "site")
    (root / "content/edu/news/hacked.md").write_text(
        item(f"正常的开头。\n\n{HIDDEN}\n", title=SPAM_TITLE), encoding="utf-8"
    )
    (root / "content/edu/news/hidden.md").write_text(item(f"{HIDDEN}\n"), encoding="utf-8")
    out = tmp_path / "public"
    blocked = cli("build", "--site", root, "--out", out, "--as-of", AS_OF, "--format", "json")
    assert blocked.code == 1 and not out.exists()
    codes = {(f["path"], f["rule"]) for f in json.loads(blocked.out)["findings"]}
    assert ("content/edu/news/hacked.md", "AD002") in codes
    assert ("content/edu/news/hacked.md", "AD003") in codes
    assert ("content/edu/news/hidden.md", "AD003") in codes
    withheld = cli("build", "--site", root, "--out", out, "--as-of", AS_OF, "--withhold")
    assert withheld.code == 1
    assert (
        "content/edu/news/hacked.md" in withheld.err
        and "content/edu/news/hidden.md" in withheld.err
    )
    assert (out / "index.html").is_file()
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes().decode("utf-8", "replace")
            assert "新葡京" not in data and "casino.example" not in data, path
            assert '<div style="display:none">' not in data, path
