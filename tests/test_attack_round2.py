"""Issue 8, second round: variants of the 17 attacks found by an outside review.

Each test is one attack that still got through after the first round: a personal
identifier in a published file name or URL, a ``--report`` or ``--site`` that ended in a
traceback, a ``base_url`` whose password was published in the sitemap.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import item

NEWS = "content/edu/news/a.md"
AS_OF = "2026-11-26"
ID_NUMBER = "110105194912311006"  # a valid check digit: a real-looking resident ID number
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


# ---------------------------------------------------------------- 8 / 16: names are published


@pytest.mark.parametrize(
    ("files", "path"),
    [
        ({f"content/edu/news/{ID_NUMBER}.md": item()}, f"content/edu/news/{ID_NUMBER}.md"),
        ({NEWS: item(extra=f"slug: zhang-{ID_NUMBER}\n")}, NEWS),
        (
            {
                NEWS: item(
                    body=f"![照片](../media/{ID_NUMBER}.png)\n",
                    extra=f"media:\n  - {{file: ../media/{ID_NUMBER}.png, source: 本局, "
                    "license: 本局}\n",
                ),
                f"content/edu/media/{ID_NUMBER}.png": PNG,
            },
            NEWS,
        ),
    ],
    ids=["file-name", "slug", "media-file-name"],
)
def test_an_id_number_in_a_published_url_is_pv001(make_site, cli, tmp_path, files, path):
    """A page's URL and a media file's name are published like its title: an unmasked ID
    number there is PV001 and nothing is published."""
    root = make_site(files)
    out = tmp_path / "public"
    result = cli("build", "--site", root, "--out", out, "--as-of", AS_OF)
    assert result.code == 1, result.out + result.err
    messages = [
        line.partition(" PV001 ")[2]
        for line in result.out.splitlines()
        if line.startswith(f"{path}:") and " PV001 " in line
    ]
    assert messages
    assert all(ID_NUMBER not in message for message in messages)  # masked in the message
    assert not out.exists()


def test_an_ordinary_slug_with_digits_is_not_personal_data(make_site, cli, tmp_path):
    root = make_site({NEWS: item(extra="slug: 2026-notice-20260302-1\n")})
    result = cli("build", "--site", root, "--out", tmp_path / "public", "--as-of", AS_OF)
    assert result.code == 0, result.out + result.err


# ---------------------------------------------------------------- 14: no traceback


@pytest.mark.parametrize("report", ["", "."], ids=["empty", "dot"])
def test_build_report_that_is_no_file_is_a_usage_error(make_site, cli, tmp_path, report):
    root = make_site({NEWS: item()})
    result = cli("build", "--site", root, "--out", tmp_path / "public", "--report", report)
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "public").exists()  # refused before anything was built


def test_build_report_that_cannot_be_written_is_a_usage_error(make_site, cli, tmp_path):
    root = make_site({NEWS: item()})
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    result = cli(
        "build", "--site", root, "--out", tmp_path / "public", "--report", blocker / "r.html"
    )
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_site_that_is_a_file_is_a_usage_error(make_site, cli):
    root = make_site({NEWS: item()})
    for command in ("build", "check"):
        result = cli(command, "--site", root / "site.toml")
        assert result.code == 2, (command, result.err)
        assert "Traceback" not in result.err


# ---------------------------------------------------------------- 14: base_url


@pytest.mark.parametrize(
    "base_url",
    [
        "https://editor:secret@www.test.gov.cn/",
        "https://www.test.gov.cn:99999/",
        "https://www.test.gov.cn/?page=1",
        "https://www.test.gov.cn/#top",
    ],
    ids=["credentials", "port-out-of-range", "query", "fragment"],
)
def test_base_url_that_cannot_be_a_site_address_is_a_config_error(
    make_site, cli, tmp_path, base_url
):
    from tests.conftest import SITE_TOML

    site_toml = SITE_TOML.replace(
        'base_url = "https://www.test.gov.cn/"', f'base_url = "{base_url}"'
    )
    assert site_toml != SITE_TOML
    root = make_site({NEWS: item()}, site_toml=site_toml)
    out = tmp_path / "public"
    result = cli("build", "--site", root, "--out", out, "--as-of", AS_OF)
    assert result.code == 2, result.out + result.err
    assert "base_url" in result.err
    assert "secret" not in result.out + result.err
    assert not out.exists()


def test_site_toml_that_is_a_fifo_is_a_config_error_not_a_hang(make_site, cli):
    """Like a FIFO named ``x.md``: reading it would block ``check`` forever."""
    root = make_site({NEWS: item()})
    (root / "site.toml").unlink()
    os.mkfifo(root / "site.toml")
    result = cli("check", "--site", root)
    assert result.code == 2, result.err
    assert "site.toml" in result.err


def test_report_never_overwrites_a_file_govsite_did_not_write(make_site, cli, tmp_path):
    """``--report /etc/passwd`` run as root replaced the system's user list."""
    root = make_site({})
    precious = tmp_path / "passwd"
    precious.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    result = cli("check", "--site", root, "--as-of", "2026-11-26", "--report", precious)
    assert result.code == 2 and "Traceback" not in result.err
    assert str(precious) in result.err
    assert precious.read_text(encoding="utf-8") == "root:x:0:0:root:/root:/bin/bash\n"
    report = tmp_path / "report.html"
    for _ in range(2):  # a new file, then the report an earlier run wrote: both replaced
        result = cli("check", "--site", root, "--as-of", "2026-11-26", "--report", report)
        assert result.code == 0, result.err
        assert "govsite dashboard" in report.read_text(encoding="utf-8")


def test_links_to_the_portals_own_address_are_internal_links(make_site, cli):
    """``https://<own host>/edu/news/bad/`` stayed a live link to a withheld page, and a
    full address of a page that does not exist was never LK002."""
    own = "https://www.test.gov.cn/edu/news"
    body = f"见[坏稿]({own}/bad/)、[大写主机](HTTPS://WWW.TEST.GOV.CN/edu/news/bad/)。\n"
    root = make_site(
        {
            "content/edu/news/good.md": item(title="正常稿件", body=body),
            "content/edu/news/bad.md": item(title="坏稿", body="联系电话 13912345678。\n"),
        }
    )
    result = cli("build", "--site", root, "--as-of", "2026-11-26", "--withhold")
    assert result.code == 1 and "Traceback" not in result.err, result.err
    assert "good.md" not in result.err, result.err
    html = (root / "public/edu/news/good/index.html").read_text(encoding="utf-8")
    assert "坏稿" in html and "/edu/news/bad/" not in html
    (root / "content/edu/news/bad.md").unlink()
    (root / "content/edu/news/good.md").write_text(
        item(title="正常稿件", body=f"见[通知]({own}/missing/)、[本页]({own}/good/)。\n"),
        encoding="utf-8",
    )
    result = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", "json")
    found = [(f["rule"], f["line"]) for f in json.loads(result.out)["findings"]]
    assert [rule for rule, _ in found].count("LK002") == 1
    assert cli("build", "--site", root, "--as-of", "2026-11-26").code == 1


def test_verify_never_waits_on_a_pipe_and_says_why_in_the_sites_language(make_site, cli, tmp_path):
    root = make_site({})
    deployed = tmp_path / "deployed"
    deployed.mkdir()
    fifo = tmp_path / "manifest.json"
    os.mkfifo(fifo)
    run = subprocess.run(
        [sys.executable, "-m", "govsite", "verify", deployed, "--site", root, "--manifest", fifo],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "不是普通文件" in run.stderr
    (tmp_path / "bad.json").write_text('{"files": {"../x": {}}}', encoding="utf-8")
    result = cli("verify", deployed, "--site", root, "--manifest", tmp_path / "bad.json")
    assert result.code == 2 and "不是 govsite 的构建清单" in result.err


def test_a_pipe_or_folder_in_checks_is_a_problem_not_skipped(make_site, cli):
    root = make_site({})
    (root / "checks").mkdir(exist_ok=True)
    os.mkfifo(root / "checks/domains.yaml")
    (root / "checks/illegal.yaml").mkdir()
    result = cli("check", "--site", root, "--as-of", "2026-11-26")
    assert result.code == 2 and "Traceback" not in result.err
    assert "checks/domains.yaml" in result.err and "checks/illegal.yaml" in result.err


def test_a_linked_annual_report_is_said_to_be_unread(make_site, cli, tmp_path):
    root = make_site({})
    outside = tmp_path / "2025.yaml"
    outside.write_text("year: 2025\n", encoding="utf-8")
    (root / "content/edu/annual-report").mkdir(parents=True, exist_ok=True)
    (root / "content/edu/annual-report/2025.yaml").unlink(missing_ok=True)
    (root / "content/edu/annual-report/2025.yaml").symlink_to(outside)
    result = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", "json")
    found = {(f["path"], f["rule"]) for f in json.loads(result.out)["findings"]}
    assert ("content/edu/annual-report/2025.yaml", "FM001") in found


def test_a_list_where_the_registry_wants_text_is_a_finding(make_site, cli):
    registry = (
        "accounts:\n"
        "  - name: 示例教育\n"
        "    platform: wechat\n"
        "    opened: 2024-01-01\n"
        "    filed: 2024-01-05\n"
        "    url: [https://a.gov.cn/, https://b.gov.cn/]\n"
    )
    root = make_site({"content/edu/new-media.yaml": registry})
    result = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", "json")
    found = [
        (f["path"], f["rule"], f["line"])
        for f in json.loads(result.out)["findings"]
        if f["path"].endswith("new-media.yaml")
    ]
    assert ("content/edu/new-media.yaml", "FM001", 6) in found, found
