"""The new-media registry: its directory page and its format errors."""

from __future__ import annotations

import json

REGISTRY = "content/edu/new-media.yaml"
GOOD = """\
accounts:
  - name: 测试市教育体育局
    platform: wechat
    opened: 2024-03-01
    filed: 2024-03-06
    url: https://mp.weixin.qq.com/
"""


def test_directory_lists_every_account(make_site, cli):
    root = make_site({REGISTRY: GOOD})
    assert cli("build", "--site", root, "--as-of", "2026-11-26").code == 0
    page = (root / "public/new-media/index.html").read_text("utf-8")
    assert "测试市教育体育局" in page and "微信公众号" in page and "2024-03-06" in page
    assert '<meta name="SiteIDCode"' in page


def test_registry_format_errors_name_their_line(make_site, cli):
    text = GOOD.replace("platform: wechat", "platform: wechatt").replace(
        "filed: 2024-03-06", "filed: 2024年3月6日"
    )
    result = cli(
        "check", "--site", make_site({REGISTRY: text}), "--as-of", "2026-11-26", "--format", "json"
    )
    findings = [(f["rule"], f["path"], f["line"]) for f in json.loads(result.out)["findings"]]
    assert ("FM001", REGISTRY, 3) in findings and ("FM001", REGISTRY, 5) in findings
    assert result.code == 1


def test_a_registry_that_is_not_yaml_is_named_as_the_registry(make_site, cli):
    text = GOOD.replace("filed: 2024-03-06", "filed：2024-03-06")  # a full-width colon
    result = cli("check", "--site", make_site({REGISTRY: text}), "--as-of", "2026-11-26")
    assert result.code == 1
    line = next(x for x in result.out.splitlines() if x.startswith(REGISTRY))
    assert "FM001 政务新媒体登记表不是合法的 YAML" in line and "年度报告" not in line
