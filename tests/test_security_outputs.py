"""Issue 8, items 6, 10 and 16: every published URL is judged and nothing unsafe is
rendered as a link; a page cannot waive what must stay an error; personal data is masked
and control characters escaped in every message."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from govsite.render.links import SiteTargets
from govsite.render.markdown import render_markdown
from govsite.urlpolicy import examine, judge, publishable
from tests.conftest import item

NEWS = "content/edu/news/a.md"
REGISTRY = "content/edu/new-media.yaml"
AS_OF = "2026-11-26"
ID = "11010519491231002X"  # a valid resident ID number (GB 11643 check digit)
ALLOWED = ("gov.cn", "news.cn")


def findings_of(cli, root, *extra) -> tuple[int, list[dict]]:
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json", *extra)
    assert "Traceback" not in result.err, result.err
    return result.code, json.loads(result.out)["findings"]


# ---------------------------------------------------------------- 6. URLs


@pytest.mark.parametrize(
    ("href", "codes"),
    [
        ("http:casino.example/", {"LK001", "LK003"}),
        ("https:casino.example/", {"LK001"}),
        ("HTTPS:\\\\casino.example\\@www.gov.cn/", {"LK001"}),
        ("https://%63asino.example/", {"LK001"}),
        ("https://casino。example/", {"LK001"}),
        ("//casino.example/x", {"LK001"}),
        ("ftp://files.gov.cn/a", {"LK004"}),
        ("wss://x.gov.cn/", {"LK004"}),
        ("intent://scan/#Intent;scheme=zxing;end", {"LK004"}),
        ("weixin://dl/business", {"LK004"}),
        ("java\tscript:alert(1)", {"LK004"}),
        (" JavaScript:alert(1)", {"LK004"}),
        ("data:text/html,<script>alert(1)</script>", {"LK004"}),
        ("vbscript:msgbox", {"LK004"}),
        ("https:", {"LK004"}),
        ("mailto:someone@qq.com", {"LK001"}),
        ("http://www.gov.cn/", {"LK003"}),
        # hard negatives: allowed targets, relative links
        ("https://www.gov.cn/zhengce/", set()),
        ("https://www.news.cn/a.htm", set()),
        ("mailto:office@example.gov.cn", set()),
        ("tel:0871-60000000", set()),
        ("../notice/exam.md", set()),
        ("/edu/news/", set()),
        ("#section", set()),
    ],
)
def test_url_policy(href, codes):
    assert {p.rule for p in judge(href, ALLOWED)} == codes
    assert publishable(href) == ("LK004" not in codes)


def test_examine_reads_hosts_as_a_browser_does():
    assert examine("https://user@evil.com:8443/x").host == "evil.com"
    assert examine("https://evil.com\\@www.gov.cn/").host == "evil.com"
    assert examine("HTTP:\\\\EVIL.COM.").host == "evil.com"


def test_source_url_and_account_urls_are_judged(make_site, cli):
    page = item(extra='origin: repost\nsource: {name: 新华网, url: "javascript:alert(1)"}\n')
    other = item(extra='origin: repost\nsource: {name: 新华网, url: "http:casino.example/"}\n')
    registry = (
        "accounts:\n"
        "  - name: 测试市教育体育局\n    platform: wechat\n    url: 'javascript:alert(2)'\n"
        "  - name: 测试市教育体育局微博\n    platform: weibo\n    url: 'https://casino.example/'\n"
        "  - name: 测试教育\n    platform: douyin\n    url: 'https://www.douyin.com/user/x'\n"
    )
    root = make_site({NEWS: page, "content/edu/news/b.md": other, REGISTRY: registry})
    code, findings = findings_of(cli, root)
    got = {(f["rule"], f["path"], f["line"]) for f in findings if f["rule"].startswith("LK")}
    assert got == {
        ("LK004", NEWS, 13),
        ("LK001", "content/edu/news/b.md", 13),
        ("LK003", "content/edu/news/b.md", 13),
        ("LK004", REGISTRY, 4),
        ("LK001", REGISTRY, 7),
    }
    assert code == 1


@pytest.mark.parametrize(
    "body",
    [
        "[x](ftp://files.gov.cn/a)",
        "[x](weixin://dl/business)",
        "[x](intent://scan/#Intent;end)",
        "[x](wss://x.gov.cn/)",
        "![x](data:image/png;base64,iVBORw0KGgo=)",
        "<weixin://dl/x>",
        "[x][r]\n\n[r]: ftp://x.gov.cn/",
    ],
)
def test_unsafe_schemes_are_never_rendered_as_links(body):
    targets = SiteTargets({}, frozenset(), frozenset())
    html = render_markdown(body, 1, "edu/news/a.md", "edu/news/a/", targets).html
    for attribute in Links.of(html):
        assert not attribute.lower().startswith(("ftp", "weixin", "intent", "wss", "data")), html


class Links(HTMLParser):
    """Every href and src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.values += [v or "" for k, v in attrs if k in ("href", "src")]

    @classmethod
    def of(cls, html: str) -> list[str]:
        parser = cls()
        parser.feed(html)
        return parser.values


# ---------------------------------------------------------------- 10. waivers


def test_a_page_cannot_waive_what_must_stay_an_error(make_site, cli):
    waive = (
        "waive:\n"
        "  - {rule: PV001, reason: 本人同意, by: 孙签发}\n"
        "  - {rule: AD002, reason: 警示案例, by: 孙签发}\n"
        "  - {rule: RV001, reason: 来不及审核, by: 孙签发}\n"
    )
    review = item().split("review:")[1].split("---")[0].replace("  reviewer: 钱审核\n", "")
    text = item(body=f"获奖人身份证号 {ID}。\n\n网上赌场，注册送彩金。\n", extra=waive)
    text = text.replace(item().split("review:")[1].split("---")[0], review)
    code, findings = findings_of(cli, make_site({NEWS: text}))
    assert code == 1
    live = {f["rule"] for f in findings if not f.get("waived")}
    assert {"PV001", "AD002", "RV001"} <= live
    assert sum(f["rule"] == "WV002" for f in findings) == 3
    assert not any(f.get("waived") for f in findings)


def test_only_the_approver_may_waive(make_site, cli):
    body = "联系人：王某，电话 13912345678。\n"
    by_editor = item(body=body, extra="waive:\n  - {rule: PV002, reason: 同意公开, by: 赵编辑}\n")
    by_approver = item(body=body, extra="waive:\n  - {rule: PV002, reason: 同意公开, by: 孙签发}\n")
    code, findings = findings_of(cli, make_site({NEWS: by_editor}))
    assert code == 1 and {f["rule"] for f in findings} == {"PV002", "WV002"}
    result = cli(
        "check", "--site", make_site({NEWS: by_approver}), "--as-of", AS_OF, "--format", "json"
    )
    document = json.loads(result.out)
    assert result.code == 0 and document["findings"] == []
    assert [w["rule"] for w in document["waivers"]] == ["PV002"]


# ---------------------------------------------------------------- 16. masking, escapes


def test_personal_data_in_a_refused_value_is_masked_everywhere(make_site, cli, tmp_path):
    text = item(extra=f"keywords: [{{a: '张三 {ID}'}}]\n")
    root = make_site({NEWS: text})
    dashboard = tmp_path / "dashboard.html"
    outputs = [
        cli("check", "--site", root, "--as-of", AS_OF, "--format", fmt).out
        for fmt in ("text", "json", "sarif", "github")
    ]
    cli("check", "--site", root, "--as-of", AS_OF, "--report", dashboard)
    outputs.append(dashboard.read_text("utf-8"))
    for output in outputs:
        assert "FM001" in output or "keywords" in output
        assert ID not in output and ID[:10] not in output, output[:300]
        assert "1101**********002X" in output


def test_a_cut_id_number_is_not_given_away(make_site, cli):
    text = item(
        extra=f"summary: {{note: '某某某某某某某某某某某某某某某某某某某某某某某某某某 {ID}'}}\n"
    )
    _, findings = findings_of(cli, make_site({NEWS: text}))
    message = next(f["message"] for f in findings if f["rule"] == "FM001")
    assert "110105" not in message and "1949" not in message


def test_waiver_reasons_and_excerpts_are_masked(make_site, cli):
    reason = f"本人 {ID} 同意"
    body = "联系人：王某，电话 13912345678。\n"
    text = item(body=body, extra=f"waive:\n  - {{rule: PV002, reason: '{reason}', by: 孙签发}}\n")
    result = cli("check", "--site", make_site({NEWS: text}), "--as-of", AS_OF)
    assert ID not in result.out and "13912345678" not in result.out


def test_terminal_escapes_from_content_are_never_printed_raw(make_site, cli):
    hostile = "\x1b]0;pwned\x07\x1b[2J\u202e"
    text = item(extra=f'"{hostile}evil": 1\n'.replace("\x1b", "\\e").replace("\x07", "\\a"))
    root = make_site({NEWS: text, f"content/edu/news/{'x'}\x1b[31m.MD": item()})
    for fmt in ("text", "github"):
        output = cli("check", "--site", root, "--as-of", AS_OF, "--format", fmt).out
        assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
        assert "\\x1b" in output


def test_printable_escapes_controls_and_keeps_chinese():
    from govsite.report.text import printable

    assert printable("正文\x1b[31m红\u202e") == "正文\\x1b[31m红\\u202e"
    assert printable("普通文字 a-b_c") == "普通文字 a-b_c"
