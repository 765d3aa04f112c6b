"""One definition of what a draft is held to (govsite/drafts.py), and one answer for a
draft in all five places an editor asks: ``import``, ``check FILE``, the preview's
findings panel, ``build`` and the pre-commit hook."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil

from govsite.i18n import Translator
from govsite.serve import Preview, make_server
from tests.conftest import item
from tests.test_changes import commit, git, install_hook
from tests.test_wordimport import make_docx

PUBLISHED = "content/edu/news/a.md"
DRAFT = "content/edu/news/draft.md"
LINE = re.compile(r"^(content/[^:]+):(\d+):\d+: (\w+) ", re.MULTILINE)


def answers(text: str, path: str) -> set[tuple[str, int]]:
    """(rule, line) of each text-format finding on ``path``."""
    return {(rule, int(line)) for p, line, rule in LINE.findall(text) if p == path}


def test_one_draft_with_a_mobile_number_gets_one_answer_in_all_five_places(
    make_site, cli, tmp_path
):
    today = dt.date.today().isoformat()  # committed today: not backdated (RV006)
    root = make_site({PUBLISHED: item(title="已发布的稿件", date=today)})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    install_hook(root)

    # 1. import: the Word document becomes a draft and is checked at once
    source = make_docx(tmp_path / "通知.docx", tmp_path)
    imported = cli("import", source, "edu", "notice", "--site", root, "--slug", "autumn")
    rel = "content/edu/notice/autumn.md"
    expected = answers(imported.out, rel)
    assert ("PV002", _line_of(root / rel, "13912345678")) in expected
    assert not any(rule.startswith("RV") for rule, _ in expected)  # an unfinished review
    assert imported.code == 1

    # 2. check FILE
    checked = cli("check", "--site", root, root / rel)
    assert (checked.code, answers(checked.out, rel)) == (1, expected)

    # 3. the preview's findings panel on the draft's page
    preview = Preview(root, tmp_path / "preview", Translator())
    preview.rebuild()
    panel = _panel(preview, "/edu/notice/autumn/")
    assert {(rule, line) for rule, line in panel} == expected
    assert "须在签发前改正" in _panel_html(preview, "/edu/notice/autumn/")
    assert "不得提交到仓库" in _panel_html(preview, "/edu/notice/autumn/")

    # 4. build: the same findings; the draft blocks no other page (the other page is
    # published), but the number is in the repository, so the build fails all the same
    built = cli("build", "--site", root)
    assert answers(built.out, rel) == expected
    assert built.code == 1
    assert "草稿中有 1 处个人信息" in built.err
    assert (root / "public/edu/news/a/index.html").is_file()
    assert not (root / "public/edu/notice/autumn").exists()

    # 5. pre-commit: the number may not enter the repository's history
    (root / ".gitignore").write_text("public/\n.govsite/\n", "utf-8")
    git(root, "add", "-A")
    refused = commit(root, "导入通知")
    assert refused.returncode != 0
    assert answers(refused.stdout + refused.stderr, rel) == expected
    assert "13912345678" not in refused.stdout + refused.stderr
    assert "autumn.md" not in git(root, "log", "--name-only", "--format=").stdout


def _line_of(path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").split("\n"), 1) if text in line)


def _panel_html(preview: Preview, url: str) -> str:
    import http.client
    import threading

    server = make_server(preview, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
        connection.request("GET", url)
        return connection.getresponse().read().decode("utf-8")
    finally:
        server.shutdown()
        server.server_close()


def _panel(preview: Preview, url: str) -> set[tuple[str, int]]:
    page = _panel_html(preview, url)
    rows = re.findall(r'data-rule="(\w+)">.*?<span class="govsite-line">第 (\d+) 行</span>', page)
    return {(rule, int(line)) for rule, line in rows}


# ---------------------------------------------------------------- the policy, case by case


def test_review_findings_wait_for_approval_but_the_review_level_does_not(make_site, cli):
    incomplete = "review:\n  status: draft\n  level: general\n"
    root = make_site(
        {
            DRAFT: item(title="某镇发生山体滑坡的情况通报", review=incomplete),
            PUBLISHED: item(
                title="已发布", review="review:\n  status: approved\n  level: general\n"
            ),
        }
    )
    result = cli("check", "--site", root, "--format", "json")
    found = {(f["path"], f["rule"]): f for f in json.loads(result.out)["findings"]}
    assert (DRAFT, "RV001") not in found and (PUBLISHED, "RV001") in found
    assert found[(DRAFT, "RV004")]["draft"] is True  # the level is the editor's choice
    assert "draft" not in found[(PUBLISHED, "RV001")]


def test_pending_findings_block_neither_check_nor_build(make_site, cli):
    root = make_site(
        {
            PUBLISHED: item(title="已发布"),
            DRAFT: item(title="草稿", status="draft", body="![](../media/missing.png)\n"),
        }
    )
    checked = cli("check", "--site", root)
    assert checked.code == 0
    assert f"{DRAFT}:14:5: LK002" in checked.out
    assert "其中 3 个问题在草稿中" in checked.out
    assert cli("build", "--site", root).code == 0
    english = cli("check", "--site", root, "--lang", "en")
    assert "3 of them are in drafts" in english.out
    # --strict: the draft's warning (MD001) does not count either
    assert cli("check", "--site", root, "--strict").code == 0


def test_illegal_content_and_raw_html_in_a_draft_block_the_commit(make_site, cli):
    for body, rule in (
        ("欢迎访问澳门新葡京。\n", "AD002"),
        ("<script>alert(1)</script>\n", "AD003"),
        ("身份证号 530102199003071238。\n", "PV001"),
    ):
        root = make_site({DRAFT: item(title="草稿", status="draft", body=body)})
        result = cli("check", "--site", root, root / DRAFT)
        assert result.code == 1 and rule in result.out, body
        built = cli("build", "--site", root)  # publishes the rest, fails all the same
        assert built.code == 1 and (root / "public/index.html").is_file(), body
        shutil.rmtree(root)


def test_a_draft_never_takes_a_published_pages_url_or_index_number(make_site, cli):
    site_files = {
        "content/edu/policy/a.md": item(
            title="已发布", extra='index_no: "11539900MB00000036/2026-00001"\nslug: same\n'
        ),
        "content/edu/policy/0-draft.md": item(
            title="草稿",
            status="draft",
            extra='index_no: "11539900MB00000036/2026-00001"\nslug: same\n',
        ),
    }
    root = make_site(site_files)
    result = cli("check", "--site", root, "--format", "json")
    found = json.loads(result.out)["findings"]
    assert {(f["path"], f["rule"]) for f in found} == {
        ("content/edu/policy/0-draft.md", "FM004"),
        ("content/edu/policy/0-draft.md", "DS004"),
    }
    assert all(f["draft"] for f in found)
    assert cli("build", "--site", root).code == 0


def test_a_scheduled_item_is_not_a_draft(make_site, cli):
    later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    root = make_site({PUBLISHED: item(date=later, body="联系 13912345678。\n")})
    assert cli("build", "--site", root).code == 1  # it would be published on its date


def test_json_and_sarif_keep_chinese_as_it_is(make_site, cli):
    root = make_site({DRAFT: item(title="草稿", status="draft", body="联系 13912345678。\n")})
    for fmt in ("json", "sarif"):
        out = cli("check", "--site", root, "--format", fmt).out
        assert "\\u" not in out and "手机号码" in out, fmt
    document = json.loads(cli("check", "--site", root, "--format", "sarif").out)
    result = document["runs"][0]["results"][0]
    assert result["properties"]["draft"] is True


def test_the_panel_escapes_what_the_page_says(tmp_path, make_site):
    root = make_site({DRAFT: item(title="草稿", status="draft", body="[x](../nope/<b>.md)\n")})
    preview = Preview(root, tmp_path / "preview", Translator())
    preview.rebuild()
    page = _panel_html(preview, "/edu/news/draft/")
    assert "<b>.md" not in page.split('id="govsite-findings"')[1].split("</section>")[0]
    assert html.escape("<b>") in page


def test_the_dashboard_marks_draft_findings_and_names_rules_in_words(make_site, cli, tmp_path):
    root = make_site({DRAFT: item(title="草稿", status="draft", body="联系 13912345678。\n")})
    report = tmp_path / "report.html"
    cli("check", "--site", root, "--report", report)
    page = report.read_text("utf-8")
    assert "其中在草稿中<strong>1</strong>" in page
    assert "error（草稿）" in page and "手机号码未脱敏" in page
