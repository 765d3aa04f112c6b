"""A portal's checks/ files extend, remove from or (explicitly) replace the default pack."""

from __future__ import annotations

import json

import yaml

from govsite.rulepack import DEFAULT_CHECKS, PACK_FILES
from tests.conftest import REPO, item

NEWS = "content/edu/news/a.md"
AS_OF = "2026-11-26"
LINKS = (
    "[中国政府网](https://www.gov.cn/)、[人民网](https://www.people.com.cn/)、"
    "[央视](https://www.cctv.com/)、[CGTN](https://www.cgtn.com/)、"
    "[本市日报](https://www.citydaily.cn/)。\n"
)


def lk001(cli, root) -> list[str]:
    """The hosts LK001 refuses on the test page."""
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json")
    assert result.code in (0, 1), result.err
    findings = json.loads(result.out)["findings"]
    return sorted(f["excerpt"] or f["message"] for f in findings if f["rule"] == "LK001")


def refused(cli, root) -> set[str]:
    text = " ".join(lk001(cli, root))
    return {host for host in ("gov.cn", "people", "cctv", "cgtn", "citydaily") if host in text}


def test_a_portal_listing_one_domain_keeps_every_default(make_site, cli):
    root = make_site({NEWS: item(body=LINKS), "checks/domains.yaml": "allow:\n  - citydaily.cn\n"})
    assert refused(cli, root) == set()


def test_without_its_own_file_the_default_applies(make_site, cli):
    root = make_site({NEWS: item(body=LINKS)})
    assert refused(cli, root) == {"citydaily"}


def test_extend_and_remove(make_site, cli):
    pack = "extend:\n  allow:\n    - citydaily.cn\nremove:\n  allow:\n    - cgtn.com\n"
    root = make_site({NEWS: item(body=LINKS), "checks/domains.yaml": pack})
    assert refused(cli, root) == {"cgtn"}


def test_replace_true_replaces_the_default_file(make_site, cli):
    pack = "replace: true\nallow:\n  - gov.cn\n  - citydaily.cn\n"
    root = make_site({NEWS: item(body=LINKS), "checks/domains.yaml": pack})
    assert refused(cli, root) == {"people", "cctv", "cgtn"}


def test_removing_what_is_not_there_is_a_positioned_error(make_site, cli):
    pack = "remove:\n  allow:\n    - cgtn.com\n    - cgtn.con\n"
    root = make_site({NEWS: item(), "checks/domains.yaml": pack})
    result = cli("check", "--site", root, "--as-of", AS_OF)
    assert result.code == 2
    assert "checks/domains.yaml:4:7: `remove` 中的 'cgtn.con' 不在默认规则包中" in result.err
    assert "cgtn.com'" not in result.err


def test_control_keys_are_validated(make_site, cli):
    root = make_site(
        {
            NEWS: item(),
            "checks/domains.yaml": "replace: 'yes please'\nextend:\n  - x.cn\n",
            "checks/sensitive.yaml": "remove: [重大事故]\n",
        }
    )
    result = cli("check", "--site", root, "--as-of", AS_OF, "--lang", "en")
    assert result.code == 2
    assert "checks/domains.yaml:1:1: `replace` must be true or false" in result.err
    assert "checks/domains.yaml:2:1: `extend:` must hold a mapping" in result.err
    assert "checks/sensitive.yaml:1:1: `remove:` must hold a mapping" in result.err
    assert "Traceback" not in result.err


def test_schema_errors_in_an_extension_name_the_portal_file(make_site, cli):
    pack = "# 本市媒体\nextend:\n  allow:\n    - citydaily.cn\n    - 'not a domain'\n"
    root = make_site({NEWS: item(), "checks/domains.yaml": pack})
    result = cli("check", "--site", root, "--as-of", AS_OF)
    assert result.code == 2
    assert "checks/domains.yaml:5:7: 'not a domain' 不是域名" in result.err


def test_named_entries_merge_by_name_and_remove_by_name(make_site, cli):
    pack = """\
extend:
  sources:
    - name: 新华社
      aliases: [新华社某省分社]
    - name: 本市日报
      aliases: []
      domains: [citydaily.cn]
remove:
  sources: [中国网]
"""
    repost = "origin: repost\nsource: {{name: {name}, url: '{url}'}}\n"
    files = {
        "checks/sources.yaml": pack,
        "checks/domains.yaml": "allow: [citydaily.cn]\n",
        "content/edu/news/a.md": item(extra=repost.format(name="新华社某省分社", url="")),
        "content/edu/news/b.md": item(
            extra=repost.format(name="本市日报", url="https://www.citydaily.cn/a.html")
        ),
        "content/edu/news/c.md": item(
            extra=repost.format(name="中国网", url="http://www.china.com.cn/a.html")
        ),
    }
    root = make_site(files)
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json")
    sr002 = {f["path"] for f in json.loads(result.out)["findings"] if f["rule"] == "SR002"}
    assert sr002 == {"content/edu/news/c.md"}


def test_tables_merge_key_by_key(make_site, cli):
    body = "投诉人家庭电话 0871-65123456。一股作气。\n"
    root = make_site(
        {
            NEWS: item(body=body),
            "checks/levels.yaml": "levels:\n  PV003: error\n  FR001: off\n  FR002: off\n",
            "checks/typos.yaml": "remove:\n  swap: [一股作气]\nextend:\n  swap:\n    投诉人家: 投诉人\n",
        }
    )
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json")
    findings = json.loads(result.out)["findings"]
    assert {(f["rule"], f["severity"]) for f in findings} == {
        ("PV003", "error"),
        ("WD002", "warning"),
    }
    [typo] = [f for f in findings if f["rule"] == "WD002"]
    assert "投诉人家" in typo["message"] and "一股作气" not in result.out


def test_rules_pack_shows_each_entry_and_where_it_came_from(cli):
    result = cli("rules", "--pack", "--site", REPO)
    assert result.code == 0, result.err
    out = result.out
    assert "# ==== domains.yaml（govsite/default_checks/domains.yaml + checks/domains.yaml）" in out
    line = next(
        n
        for n, text in enumerate((REPO / "checks/domains.yaml").read_text().split("\n"), 1)
        if "yunnan.cn" in text
    )
    assert f"  - yunnan.cn  # checks/domains.yaml:{line}" in out
    default_line = next(
        n
        for n, text in enumerate((DEFAULT_CHECKS / "domains.yaml").read_text().split("\n"), 1)
        if text.startswith("  - gov.cn")
    )
    assert f"  - gov.cn  # 默认规则包 domains.yaml:{default_line}" in out
    assert "  - name: 云南日报  # checks/sources.yaml:" in out
    english = cli("rules", "--pack", "--site", REPO, "--lang", "en").out
    assert "  - gov.cn  # default pack domains.yaml:" in english
    for block in out.split("# ==== ")[1:]:  # each file's listing is valid YAML
        assert isinstance(yaml.safe_load(block.split("\n", 1)[1]), dict)


def test_rules_pack_reports_pack_errors(make_site, cli):
    root = make_site({"checks/domains.yaml": "remove:\n  allow: [nowhere.cn]\n"})
    result = cli("rules", "--pack", "--site", root)
    assert result.code == 2 and "checks/domains.yaml:2:" in result.err


PROVINCES = [
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
    "台湾",
    "滇",
    "黔",
    "蜀",
    "粤",
    "闽",
    "yunnan",
]


def _values(data) -> list[str]:
    if isinstance(data, dict):
        return [v for key, value in data.items() for v in (str(key), *_values(value))]
    if isinstance(data, list):
        return [v for value in data for v in _values(value)]
    return [str(data)]


def test_the_default_domain_and_source_lists_are_nationally_neutral():
    for name in ("domains", "sources"):
        values = _values(yaml.safe_load((DEFAULT_CHECKS / f"{name}.yaml").read_text("utf-8")))
        local = [v for v in values if any(p in v for p in PROVINCES)]
        assert local == [], (name, local)


def test_every_default_file_is_known_to_the_loader():
    assert {p.stem for p in DEFAULT_CHECKS.glob("*.yaml")} <= set(PACK_FILES)


def test_a_named_entry_is_removed_whole_by_its_name_alone(make_site, cli):
    pack = "remove:\n  sources:\n    - {name: 新华社}\n    - {name: 人民日报, aliases: [人民网]}\n"
    root = make_site({"content/edu/news/a.md": item(), "checks/sources.yaml": pack})
    result = cli("check", "--site", root, "--as-of", AS_OF, "--lang", "en")
    assert result.code == 2
    assert "checks/sources.yaml:4:7: `remove` must list" in result.err
    assert "sources.yaml:3" not in result.err  # {name: 新华社} is fine


def test_a_pack_file_of_comments_only_keeps_the_default(make_site, cli):
    root = make_site({NEWS: item(body=LINKS), "checks/domains.yaml": "# 本市补充\n"})
    assert refused(cli, root) == {"citydaily"}


def test_hostile_pack_shapes_are_positioned_errors_not_tracebacks(make_site, cli):
    for text in (
        "allow: &a [*a]\n",
        "extend:\n  allow: {a: b}\n",
        "remove:\n  allow: gov.cn\n",
        "remove:\n  nothing: [x]\n",
        "- just\n- a list\n",
        "extend: &e {allow: [*e]}\n",
    ):
        root = make_site({NEWS: item(), "checks/domains.yaml": text})
        result = cli("check", "--site", root, "--as-of", AS_OF)
        assert result.code == 2, text
        assert "checks/domains.yaml:" in result.err and "Traceback" not in result.err, text


def test_a_self_referencing_alias_in_front_matter_is_fm001_not_a_crash(make_site, cli):
    root = make_site({NEWS: "---\ntitle: a\ndate: 2026-01-05\nx: &a [*a]\n---\n\n正文。\n"})
    result = cli("check", "--site", root, "--as-of", AS_OF)
    assert result.code == 1 and "Traceback" not in result.err
    assert f"{NEWS}:4:" in result.out and "FM001" in result.out
