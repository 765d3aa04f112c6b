"""govsite verify: a deployed copy against the build manifest."""

from __future__ import annotations

import json
import shutil

from tests.conftest import item


def built(make_site, cli, tmp_path):
    root = make_site({"content/edu/news/a.md": item()})
    assert cli("build", "--site", root, "--as-of", "2026-11-26").code == 0
    deployed = tmp_path / "www"
    shutil.copytree(root / "public", deployed)
    return root, deployed


def test_intact_copy_exits_0_and_names_the_manifest(make_site, cli, tmp_path):
    root, deployed = built(make_site, cli, tmp_path)
    result = cli("verify", deployed, "--site", root)
    assert result.code == 0
    assert f"使用构建清单 {root / 'public' / 'manifest.json'}" in result.out
    assert "新增 0 个、被改 0 个、缺失 0 个文件" in result.out


def test_tampering_is_reported_file_by_file(make_site, cli, tmp_path):
    root, deployed = built(make_site, cli, tmp_path)
    page = deployed / "edu/news/a/index.html"
    page.write_text(
        page.read_text("utf-8").replace("</body>", '<div style="display:none">博彩</div></body>'),
        encoding="utf-8",
    )
    (deployed / "shell.php").write_text("<?php ?>", encoding="utf-8")
    (deployed / "404.html").unlink()
    manifest = tmp_path / "trusted.json"
    shutil.copy(root / "public/manifest.json", manifest)
    result = cli("verify", deployed, "--manifest", manifest, "--format", "json")
    assert result.code == 1
    document = json.loads(result.out)
    assert (document["added"], document["changed"], document["missing"]) == (
        ["shell.php"],
        ["edu/news/a/index.html"],
        ["404.html"],
    )
    text = cli("verify", deployed, "--manifest", manifest)
    assert (
        "新增 shell.php" in text.out
        and "被改 edu/news/a/index.html" in text.out
        and "缺失 404.html" in text.out
    )


def test_errors_exit_2(make_site, cli, tmp_path):
    root, deployed = built(make_site, cli, tmp_path)
    assert cli("verify", tmp_path / "nowhere", "--site", root).code == 2
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    assert cli("verify", deployed, "--manifest", tmp_path / "bad.json").code == 2
    assert cli("verify", deployed, "--site", root, "--public-key", tmp_path / "key.pem").code == 2
