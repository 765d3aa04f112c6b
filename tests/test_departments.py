"""A department joins without blocking the city (``govsite new-department``, DS005 that
says what to create, ``build --withhold`` holding the department back whole), and
nothing published links to what a build withholds."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from tests.conftest import SITE_TOML, item, tree_bytes
from tests.test_wordimport import png

DISCLOSURE_COLUMNS = """
[[columns]]
id = "guide"
title = "政府信息公开指南"
kind = "guide"
disclosure = true

[[columns]]
id = "rules"
title = "政府信息公开制度"
kind = "rules"
disclosure = true
"""


def disclosure_pages(dept: str, credit: str) -> dict[str, str]:
    return {
        f"content/{dept}/{kind}/{kind}.md": item(
            title=f"{dept}{kind}", extra=f'index_no: "{credit}/2026-0000{n}"\n'
        )
        for n, kind in enumerate(("guide", "rules"), 1)
    }


def city(make_site, **files: str) -> Path:
    return make_site(
        {
            **disclosure_pages("edu", "11539900MB00000036"),
            **disclosure_pages("gov", "11539900MB00000010"),
            "content/edu/news/a.md": item(title="教育动态"),
            **files,
        },
        site_toml=SITE_TOML + DISCLOSURE_COLUMNS,
    )


def pages(public: Path) -> dict[str, bytes]:
    """The published files but the search index and the manifest that lists it (Pagefind
    writes its filter index in a varying order)."""
    return {
        path: data
        for path, data in tree_bytes(public).items()
        if not path.startswith("search/pagefind/") and path != "manifest.json"
    }


def test_a_new_department_joins_without_blocking_the_city(make_site, cli):
    root = city(make_site)
    assert cli("build", "--site", root).code == 0
    joined = cli(
        "new-department",
        "data",
        "测试市数据局",
        "--site",
        root,
        "--credit-code",
        "11539900MB0000099X",
    )
    assert joined.code == 0
    assert joined.out.splitlines()[:3] == [
        "已在 site.toml 中登记部门 data（测试市数据局）",
        f"已创建草稿 {root}/content/data/guide/guide.md",
        f"已创建草稿 {root}/content/data/rules/rules.md",
    ]
    config = tomllib.loads((root / "site.toml").read_text("utf-8"))
    assert config["departments"][-1] == {
        "id": "data",
        "name": "测试市数据局",
        "short_name": "测试市数据局",
        "credit_code": "11539900MB0000099X",
        "phones": [],
    }
    draft = (root / "content/data/guide/guide.md").read_text("utf-8")
    assert 'title: "测试市数据局政府信息公开指南"' in draft and "status: draft" in draft
    assert 'index_no: "11539900MB0000099X/' in draft

    # DS005 says exactly what to do: approve the drafts that exist
    blocked = cli("build", "--site", root)
    assert blocked.code == 1
    assert (
        "content/data/guide/: DS005 测试市数据局没有已发布的政府信息公开指南（政府信息公开指南栏目）："
        "草稿 content/data/guide/guide.md 尚未签发：填写审核链并改为 review.status: approved 后即可发布"
    ) in blocked.out

    # --withhold: the department is held back whole, the city publishes
    pages_before = pages(root / "public")
    withheld = cli("build", "--site", root, "--withhold")
    assert withheld.code == 1
    assert withheld.err.splitlines()[-1] == "  content/data/"
    public = root / "public"
    assert (public / "edu/news/a/index.html").is_file()
    assert not (public / "data").exists() and not (public / "disclosure/data").exists()
    for path, data in tree_bytes(public).items():
        assert b"/data/" not in data and "测试市数据局".encode() not in data, path
    assert pages(public) == pages_before  # the city's portal is exactly what it was

    # approved, the department publishes
    for kind in ("guide", "rules"):
        page = root / f"content/data/{kind}/{kind}.md"
        page.write_text(
            item(
                title=f"测试市数据局{kind}",
                extra=f'index_no: "11539900MB0000099X/2026-0000{(kind == "rules" and 2) or 1}"\n',
            ),
            "utf-8",
        )
    assert cli("build", "--site", root).code == 0
    assert (public / "data/guide/guide/index.html").is_file()


def test_ds005_names_the_file_to_create_in_both_languages(make_site, cli):
    root = city(make_site)
    (root / "content/gov/rules/rules.md").unlink()
    zh = cli("check", "--site", root).out
    assert (
        "content/gov/rules/: DS005 测试市人民政府办公室没有已发布的政府信息公开制度（政府信息公开制度栏目）："
        "请创建 content/gov/rules/rules.md 并审核签发（govsite new gov rules "
        '"测试市人民政府办公室政府信息公开制度" --slug rules 会生成带完整前置元数据的草稿'
    ) in zh
    en = cli("check", "--site", root, "--lang", "en").out
    assert "create content/gov/rules/rules.md and have it approved" in en
    # the command it names writes that very file
    assert (
        cli(
            "new",
            "gov",
            "rules",
            "测试市人民政府办公室政府信息公开制度",
            "--slug",
            "rules",
            "--site",
            root,
        ).code
        == 0
    )
    assert (root / "content/gov/rules/rules.md").is_file()


def test_a_scheduled_guide_is_named_with_its_date(make_site, cli):
    root = city(make_site, **{"content/gov/guide/guide.md": item(title="指南", date="2099-01-01")})
    out = cli("check", "--site", root, "--as-of", "2026-06-01").out
    assert (
        "content/gov/guide/guide.md 定于 2099-01-01 发布，在此之前本部门没有政府信息公开指南" in out
    )


def test_print_leaves_site_toml_alone(make_site, cli):
    root = city(make_site)
    before = (root / "site.toml").read_bytes()
    result = cli(
        "new-department", "data", '数据"局\\', "--site", root, "--print", "--columns", "news"
    )
    assert result.code == 0
    assert (root / "site.toml").read_bytes() == before
    block = result.out.split("\n\n")[1]
    assert tomllib.loads(block)["departments"] == [
        {
            "id": "data",
            "name": '数据"局\\',
            "short_name": '数据"局\\',
            "credit_code": "",
            "phones": [],
            "columns": ["news", "guide", "rules"],  # the disclosure pages are not optional
        }
    ]
    # the block added by hand makes a valid configuration
    (root / "site.toml").write_text(before.decode() + "\n" + block, "utf-8")
    assert cli("check", "--site", root).code == 1  # only DS005: the drafts await approval


def test_bad_departments_are_refused_and_site_toml_is_untouched(make_site, cli):
    root = city(make_site)
    before = (root / "site.toml").read_bytes()
    for args, message in (
        (["edu", "重复"], "site.toml 中已有部门 'edu'"),
        (["Data", "x"], "id 'Data' 只能使用小写字母、数字和连字符"),
        (["search", "x"], "id 'search' 与门户保留路径冲突"),
        (["data", " "], "部门全称不能为空"),
        (["data", "x", "--credit-code", "123"], "统一社会信用代码 '123' 格式不对：应为 18 位"),
        (
            ["data", "x", "--columns", "nwes"],
            "site.toml 中没有栏目 `nwes`；是否想写 'news'？",
        ),
    ):
        result = cli("new-department", *args, "--site", root)
        assert result.code == 2 and message in result.err, args
        assert "Traceback" not in result.err
    assert (root / "site.toml").read_bytes() == before
    assert not (root / "content/data").exists()


# ---------------------------------------------------------------- nothing links to what is withheld


def test_withheld_pages_are_linked_from_nowhere(make_site, cli):
    root = make_site(
        {
            "content/edu/news/bad.md": item(title="有问题的稿件", body="联系 13912345678。\n"),
            "content/edu/news/good.md": item(
                title="正常稿件",
                body="详见[有问题的稿件](bad.md)，以及[网址写法](/edu/news/bad/)。\n\n"
                "![插图](../media/bad.png)\n",
                extra="media:\n  - {file: ../media/bad.png, source: 本局, license: 自有}\n",
            ),
            "content/gov/news/other.md": item(
                title="另一个部门", body="[转到](../../edu/news/bad.md)\n"
            ),
            "content/edu/media/bad.png": png(),
        }
    )
    result = cli("build", "--site", root, "--withhold")
    assert result.code == 1
    assert result.err.splitlines()[-1] == "  content/edu/news/bad.md"
    public = root / "public"
    assert not (public / "edu/news/bad").exists()
    for path, data in tree_bytes(public).items():
        if path.endswith((".html", ".xml", ".json")):  # pages, feeds, sitemap, manifest
            text = data.decode("utf-8")
            assert "news/bad" not in text and "bad.md" not in text, path
    good = (public / "edu/news/good/index.html").read_text("utf-8")
    assert "详见有问题的稿件，以及网址写法。" in good  # the words stay, the links go
    assert "/edu/news/bad" not in good and 'href="bad.md"' not in good
    assert '<img src="/edu/media/bad.png" alt="插图"' in good  # a published image stays
    other = (public / "gov/news/other/index.html").read_text("utf-8")
    assert "转到" in other and "bad" not in other
    # reported on the linking pages, as info: nothing else is withheld because of them
    notes = re.findall(r"^(\S+): LK002 链接 `([^`]+)` 的目标本次暂缓发布", result.out, re.MULTILINE)
    assert notes == [
        ("content/edu/news/good.md:16:12", "bad.md"),
        ("content/edu/news/good.md:16:29", "/edu/news/bad/"),
        ("content/gov/news/other.md:14:6", "../../edu/news/bad.md"),
    ]
    for feed in public.rglob("*.xml"):
        assert "news/bad" not in feed.read_text("utf-8"), feed


def test_a_misplaced_file_is_withheld_not_blocking(make_site, cli):
    root = make_site({"content/edu/news/a.md": item(), "content/stray.md": item()})
    assert cli("build", "--site", root).code == 1
    result = cli("build", "--site", root, "--withhold")
    assert result.code == 1 and result.err.splitlines()[-1] == "  content/stray.md"
    assert (root / "public/edu/news/a/index.html").is_file()


def test_a_site_toml_error_still_blocks_under_withhold(make_site, cli):
    toml = SITE_TOML.replace('site_code = "5399000009"', 'site_code = "12"')
    root = make_site({"content/edu/news/a.md": item()}, site_toml=toml)
    result = cli("build", "--site", root, "--withhold")
    assert result.code == 1 and not (root / "public").exists()
    assert "site.toml:5:1: ST001" in result.out


def test_new_department_keeps_the_files_line_endings_and_bom(make_site, cli):
    root = city(make_site)
    toml = (root / "site.toml").read_text("utf-8").rstrip("\n").replace("\n", "\r\n")
    (root / "site.toml").write_bytes(b"\xef\xbb\xbf" + toml.encode("utf-8"))
    assert cli("new-department", "data", "测试市数据局", "--site", root).code == 0
    data = (root / "site.toml").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + toml.encode("utf-8") + b"\r\n\r\n[[departments]]\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert tomllib.loads(data.decode("utf-8-sig"))["departments"][-1]["id"] == "data"
