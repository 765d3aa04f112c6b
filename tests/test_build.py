"""govsite build: scheduling, drafts, atomic publishing, determinism, safe output."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.conftest import item, tree_bytes

AS_OF = "2026-11-26"


def test_drafts_and_future_items_are_not_published(make_site, cli):
    root = make_site(
        {
            "content/edu/news/now.md": item(title="今天发布", date="2026-11-26"),
            "content/edu/news/later.md": item(title="定时发布", date="2026-11-27"),
            "content/edu/news/draft.md": item(title="草稿", status="draft"),
        }
    )
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    public = root / "public"
    assert (public / "edu/news/now/index.html").is_file()
    assert not (public / "edu/news/later").exists()
    assert not (public / "edu/news/draft").exists()
    listing = (public / "edu/news/index.html").read_text("utf-8")
    assert "今天发布" in listing and "定时发布" not in listing and "草稿" not in listing
    # the scheduled item appears once its day has come
    assert cli("build", "--site", root, "--as-of", "2026-11-27").code == 0
    assert (public / "edu/news/later/index.html").is_file()


def test_item_page_carries_catalogue_metadata_and_labels(make_site, cli):
    extra = "index_no: 11539900MB00000036/2026-00001\ndoc_no: 示教体发〔2026〕1号\nwritten: 2026-02-27\n"
    root = make_site({"content/edu/policy/rule.md": item(title="学校管理办法", extra=extra)})
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    html = (root / "public/edu/policy/rule/index.html").read_text("utf-8")
    for text in (
        "11539900MB00000036/2026-00001",
        "示教体发〔2026〕1号",
        "2026-02-27",
        "测试市教育体育局",
    ):
        assert text in html
    for name, value in (
        ("SiteName", "测试市人民政府"),
        ("SiteDomain", "www.test.gov.cn"),
        ("SiteIDCode", "5399000009"),
        ("ColumnName", "政策文件"),
        ("ArticleTitle", "学校管理办法"),
        ("PubDate", "2026-03-02"),
        ("ContentSource", "测试市教育体育局"),
    ):
        assert f'<meta name="{name}" content="{value}">' in html
    assert 'lang="zh-CN"' in html
    assert "https://beian.miit.gov.cn/" in html and "滇ICP备00000009号-1" in html


def test_blocked_build_leaves_previous_output_byte_identical(make_site, cli):
    root = make_site({"content/edu/news/a.md": item()})
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    before = tree_bytes(root / "public")
    (root / "content/edu/news/b.md").write_text(item(title=""), encoding="utf-8")
    result = cli("build", "--site", root, "--as-of", AS_OF)
    assert result.code == 1
    assert "未发布" in result.err
    assert tree_bytes(root / "public") == before
    assert sorted(p.name for p in root.iterdir()) == [
        ".govsite",
        ".govsite-cache",  # the build cache (SPEC 4), no staging folder left behind
        "checks",
        "content",
        "public",
        "site.toml",
    ]


def test_template_error_exits_2_with_location_and_keeps_output(make_site, cli):
    root = make_site({"content/edu/news/a.md": item()})
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    before = tree_bytes(root / "public")
    (root / "templates").mkdir()
    (root / "templates/item.html").write_text(
        "{% extends 'base.html' %}\n{% block content %}{{ item.nope }}{% endblock %}\n",
        encoding="utf-8",
    )
    result = cli("build", "--site", root, "--as-of", AS_OF)
    assert result.code == 2
    assert "templates/item.html:2" in result.err and "nope" in result.err
    assert tree_bytes(root / "public") == before


def test_killed_build_leaves_previous_output_byte_identical(make_site, cli):
    files = {
        f"content/edu/news/n{i:04d}.md": item(title=f"第{i}条动态", body="内容。\n" * 40)
        for i in range(600)
    }
    root = make_site(files)
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    before = tree_bytes(root / "public")
    (root / "content/edu/news/n0000.md").write_text(item(title="已修改"), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "govsite", "build", "--site", str(root), "--as-of", AS_OF],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    staging = root / f".public.govsite-staging-{process.pid}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (staging / "edu").exists():
        time.sleep(0.002)
    assert (staging / "edu").exists(), "the build never started writing"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert tree_bytes(root / "public") == before
    # the next build cleans up what the killed one left and publishes the change
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    assert not [p for p in root.glob(".public.govsite-*") if not p.name.endswith("-spare")]
    assert "已修改" in (root / "public/edu/news/n0000/index.html").read_text("utf-8")


def test_builds_are_deterministic(make_site, cli, tmp_path):
    files = {
        f"content/edu/news/n{i}.md": item(title=f"动态{i}", date=f"2026-0{1 + i % 9}-1{i % 10}")
        for i in range(30)
    }
    root = make_site(files)
    assert cli("build", "--site", root, "--as-of", AS_OF, "--out", tmp_path / "one").code == 0
    assert cli("build", "--site", root, "--as-of", AS_OF, "--out", tmp_path / "two").code == 0
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


def test_raw_html_from_content_never_reaches_a_page(make_site, cli):
    body = (
        "<script>alert('x')</script>\n\n<div style=\"display:none\">博彩</div>\n\n"
        '<img src=x onerror="alert(1)">\n\n[点击](javascript:alert(1))\n'
    )
    root = make_site({"content/edu/news/a.md": item(title="<script>标题</script>", body=body)})
    cli("build", "--site", root, "--as-of", AS_OF)
    for path, data in tree_bytes(root / "public").items():
        text = data.decode("utf-8", "replace").lower()
        assert "<script" not in text, path
        assert "<div style" not in text and "onerror=" not in text.replace("onerror=&", ""), path
        assert 'href="javascript:' not in text, path


def test_withhold_publishes_the_rest(make_site, cli):
    root = make_site(
        {
            "content/edu/news/good.md": item(title="正常稿件"),
            "content/edu/news/bad.md": item(title=""),
        }
    )
    result = cli("build", "--site", root, "--as-of", AS_OF, "--withhold")
    assert result.code == 1
    assert "content/edu/news/bad.md" in result.err
    assert (root / "public/edu/news/good/index.html").is_file()
    assert not (root / "public/edu/news/bad").exists()


def test_output_inside_content_is_refused(make_site, cli):
    root = make_site({"content/edu/news/a.md": item()})
    result = cli("build", "--site", root, "--out", root / "content" / "x")
    assert result.code == 2


def test_manifest_lists_every_published_file(make_site, cli):
    import hashlib
    import json

    root = make_site({"content/edu/news/a.md": item()})
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    public = root / "public"
    manifest = json.loads((public / "manifest.json").read_text("utf-8"))
    files = {p.relative_to(public).as_posix() for p in public.rglob("*") if p.is_file()} - {
        "manifest.json"
    }
    assert set(manifest["files"]) == files
    entry = manifest["files"]["index.html"]
    assert entry["sha256"] == hashlib.sha256((public / "index.html").read_bytes()).hexdigest()


def test_report_writes_the_compliance_dashboard_even_when_blocked(make_site, cli, tmp_path):
    body = "联系电话 13912345678。\n"
    root = make_site(
        {"content/edu/news/a.md": item(body=body), "content/edu/news/b.md": item(title="正常稿件")},
        freshness=True,
    )
    dashboard = tmp_path / "reports" / "dashboard.html"
    result = cli("build", "--site", root, "--as-of", AS_OF, "--report", dashboard)
    assert result.code == 1
    html = dashboard.read_text("utf-8")
    assert "测试市人民政府合规检查报告" in html and "国家检查单项否决指标" in html
    assert "<code>PV002</code>" in html and "mobile-phone-number" in html
    assert "13912345678" not in html and "139****5678" in html
    # empty and stale columns are listed with their state; 5 empty columns trigger the veto
    assert html.count(">空白<") == 5 and "触发否决" in html
    assert "<script" not in html


def test_audit_log_records_published_changed_and_withdrawn_items(make_site, cli):
    import json

    root = make_site(
        {
            "content/edu/news/a.md": item(title="第一篇"),
            "content/edu/news/b.md": item(title="第二篇"),
        }
    )
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    (root / "content/edu/news/a.md").write_text(item(title="第一篇（修订）"), encoding="utf-8")
    (root / "content/edu/news/b.md").unlink()
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    log = [
        json.loads(line) for line in (root / ".govsite/audit.log").read_text("utf-8").splitlines()
    ]
    actions = [(e["action"], e["file"]) for e in log]
    assert actions == [
        ("published", "edu/news/a/index.html"),
        ("published", "edu/news/b/index.html"),
        ("changed", "edu/news/a/index.html"),
        ("withdrawn", "edu/news/b/index.html"),
    ]
    assert log[2]["title"] == "第一篇（修订）" and log[2]["approver"] == "孙签发"
    assert not (root / "public/.govsite").exists()
