"""Links between scheduled items (LK002). An item dated after ``--as-of`` is published on
its own date; a policy and its interpretation are released together, so the one may link
to the other that day. Found by officer round 13: such a pair blocked the whole city's
build until the date."""

from __future__ import annotations

import json

from tests.conftest import item

AS_OF = "2026-11-26"
POLICY = "content/edu/notice/policy.md"
READING = "content/edu/notice/reading.md"


def lk002(cli, root) -> list[dict]:
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json")
    assert "Traceback" not in result.err, result.err
    return [f for f in json.loads(result.out)["findings"] if f["rule"] == "LK002"]


def test_a_scheduled_item_may_link_to_one_published_the_same_day(make_site, cli):
    body = "详见[政策原文](policy.md#一适用范围)和[网址写法](/edu/notice/policy/)。\n"
    root = make_site(
        {
            POLICY: item("关于开学工作的规定", "2026-12-01", "## 一、适用范围\n\n正文。\n"),
            READING: item("关于开学工作规定的解读", "2026-12-01", body),
        }
    )
    assert lk002(cli, root) == []


def test_a_scheduled_item_may_not_link_to_one_published_later(make_site, cli):
    root = make_site(
        {
            POLICY: item("关于开学工作的规定", "2026-12-05"),
            READING: item("关于开学工作规定的解读", "2026-12-01", "详见[原文](policy.md)。\n"),
        }
    )
    assert [f["path"] for f in lk002(cli, root)] == [READING]


def test_a_missing_anchor_on_the_scheduled_target_is_still_found(make_site, cli):
    root = make_site(
        {
            POLICY: item("关于开学工作的规定", "2026-12-01", "## 一、适用范围\n\n正文。\n"),
            READING: item("关于开学工作规定的解读", "2026-12-01", "详见[原文](policy.md#没有)。\n"),
        }
    )
    assert [f["path"] for f in lk002(cli, root)] == [READING]


def test_a_published_item_may_not_link_to_a_scheduled_one(make_site, cli):
    root = make_site(
        {
            POLICY: item("关于开学工作的规定", "2026-12-01"),
            READING: item("关于开学工作规定的解读", "2026-03-02", "详见[原文](policy.md)。\n"),
        }
    )
    assert [f["path"] for f in lk002(cli, root)] == [READING]


def test_the_build_publishes_the_rest_and_the_pair_on_its_day(make_site, cli, tmp_path):
    body = "详见[政策原文](policy.md)。\n"
    root = make_site(
        {
            POLICY: item("关于开学工作的规定", "2026-12-01"),
            READING: item("关于开学工作规定的解读", "2026-12-01", body),
            "content/edu/news/a.md": item(),
        }
    )
    out = tmp_path / "out"
    early = cli("build", "--site", root, "--as-of", AS_OF, "--out", out)
    assert early.code == 0, early.err
    assert (out / "edu/news/a/index.html").is_file()
    assert not (out / "edu/notice/reading/index.html").exists()
    day = cli("build", "--site", root, "--as-of", "2026-12-01", "--out", out)
    assert day.code == 0, day.err
    html = (out / "edu/notice/reading/index.html").read_text(encoding="utf-8")
    assert 'href="/edu/notice/policy/"' in html
