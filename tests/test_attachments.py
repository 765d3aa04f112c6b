"""Attachments and images (issue 13): every file a portal publishes is checked, what
leaks is reported or stripped, active and hostile files are refused.

The files are built by ``tests/attachment_files.py`` with python-docx, openpyxl, Pillow
and pypdf; nothing here is an opaque binary.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap

import pytest
from PIL import Image

from govsite.attachments import AttachmentText, Limits, read_attachment, sniff
from govsite.attachments.images import strip_jpeg, strip_png, strip_webp
from govsite.attachments.media import published_bytes
from govsite.config import ConfigError, load_config
from govsite.i18n import Translator
from tests import attachment_files as files
from tests.conftest import SITE_TOML, item, tree_bytes

AS_OF = "2026-11-26"
MEDIA = "content/edu/media/"
DONE_WHEN = {
    # name in media/ → (builder, {(rule, line)} expected on that file)
    "名单.xlsx": (
        files.xlsx_hidden_ids,
        {
            ("AT002", 1),  # hidden sheet 原始数据, hidden column E of Sheet1
            ("AT002", 4),  # hidden row 4
            ("PV001", 2),  # the ID column, on the hidden sheet and in the hidden column
            ("PV002", 2),
            ("AT003", 3),  # a cell comment …
            ("PV002", 3),  # … holding a mobile number
            ("AT004", None),  # the workbook's author
        },
    ),
    "通知.docx": (
        files.docx_with_revisions,
        {("AT003", 2), ("AT003", 3), ("PV002", 3), ("AT004", None)},
    ),
    "说明.pdf": (files.pdf_with_author, {("AT004", None)}),
    "现场.jpg": (files.jpeg_with_gps, {("AT005", None)}),
    "旧名单.doc": (files.old_word_doc, {("AT001", None)}),
    "加密.pdf": (files.pdf_encrypted, {("AT001", None)}),
    "安装说明.pdf": (files.renamed_executable, {("AT001", None)}),
    "炸弹.docx": (files.docx_zip_bomb, {("AT001", None)}),
}


def attachment_page(names, images=()) -> str:
    links = "、".join(f"[{n}]({n if n.startswith('/') else '../media/' + n})" for n in names)
    pictures = "".join(f"\n\n![现场照片](../media/{n})" for n in images)
    media = "".join(
        f"  - {{file: ../media/{n}, source: 测试市教育体育局, license: 本单位原创}}\n"
        for n in images
    )
    return item(body=f"附件：{links}{pictures}\n", extra=f"media:\n{media}" if images else "")


@pytest.fixture
def done_when_site(make_site):
    built = {MEDIA + name: builder() for name, (builder, _) in DONE_WHEN.items()}
    pictures = [n for n in DONE_WHEN if n.endswith(".jpg")]
    documents = [n for n in DONE_WHEN if n not in pictures]
    page = attachment_page(documents, pictures)
    return make_site({"content/edu/notice/attachments.md": page, **built}), built


def findings(cli, root, *extra):
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json", *extra)
    assert "Traceback" not in result.err, result.err
    return result, json.loads(result.out)["findings"]


def test_done_when_fixtures_give_the_expected_findings(cli, done_when_site):
    root, _ = done_when_site
    result, found = findings(cli, root)
    assert result.code == 1
    for name, (_, expected) in DONE_WHEN.items():
        got = {(f["rule"], f["line"]) for f in found if f["path"] == MEDIA + name}
        assert got == expected, name
    assert {f["path"] for f in found} <= {MEDIA + n for n in DONE_WHEN}
    by_key = {(f["path"].removeprefix(MEDIA), f["rule"], f["line"]): f for f in found}
    # positions: sheet and cell, paragraph, masked values, what leaks and the fix
    hidden_id = by_key[("名单.xlsx", "PV001", 2)]
    assert hidden_id["message"].startswith("工作表「")
    assert hidden_id["excerpt"] == "5301**********1238" and hidden_id["column"] in (2, 5)
    messages = {f["message"] for f in found if f["path"] == MEDIA + "名单.xlsx"}
    assert any("工作表「原始数据」是隐藏的" in m for m in messages)
    assert any("工作表「Sheet1」有隐藏的列" in m and "E2" in m for m in messages)
    deletion = by_key[("通知.docx", "AT003", 3)]
    assert "删除的文字" in deletion["message"] and "13912345678" not in deletion["message"]
    assert "第 3 段" in by_key[("通知.docx", "PV002", 3)]["message"]
    author = by_key[("通知.docx", "AT004", None)]["message"]
    assert "作者“张晓明”" in author and "最后修改者“李华”" in author  # what leaks, said plainly
    assert "作者" in by_key[("说明.pdf", "AT004", None)]["message"]
    assert "GPS 位置" in by_key[("现场.jpg", "AT005", None)]["message"]
    assert ".docx" in by_key[("旧名单.doc", "AT001", None)]["message"]
    assert "加密" in by_key[("加密.pdf", "AT001", None)]["message"]
    assert "可执行程序" in by_key[("安装说明.pdf", "AT001", None)]["message"]
    bomb = by_key[("炸弹.docx", "AT001", None)]
    assert bomb["severity"] == "error" and "压缩炸弹" in bomb["message"]
    assert by_key[("安装说明.pdf", "AT001", None)]["severity"] == "error"
    assert by_key[("旧名单.doc", "AT001", None)]["severity"] == "warning"
    assert by_key[("现场.jpg", "AT005", None)]["severity"] == "info"


def test_the_same_findings_in_english(cli, done_when_site):
    root, _ = done_when_site
    _, found = findings(cli, root, "--lang", "en")
    messages = " ".join(f["message"] for f in found)
    assert "sheet “原始数据” is hidden" in messages
    assert "a tracked deletion" in messages and "save it as .docx" in messages
    assert "zip bomb" in messages and "GPS position" in messages and "encrypted" in messages


def test_published_jpeg_carries_no_exif_and_builds_are_identical(cli, make_site, tmp_path):
    jpeg = files.jpeg_with_gps()
    root = make_site(
        {
            "content/edu/news/scene.md": attachment_page([], ["scene.jpg"]),
            MEDIA + "scene.jpg": jpeg,
        }
    )
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        result = cli("build", "--site", root, "--out", out, "--as-of", AS_OF)
        assert result.code == 0, result.err
    published = (first / "edu/media/scene.jpg").read_bytes()
    assert (root / MEDIA / "scene.jpg").read_bytes() == jpeg  # the source is untouched
    with Image.open(io.BytesIO(published)) as image:
        assert not image.getexif() and "exif" not in image.info and "comment" not in image.info
        assert image.size == (64, 48)
        published_pixels = image.tobytes()
    with Image.open(io.BytesIO(jpeg)) as original:
        assert original.tobytes() == published_pixels  # not re-compressed
    assert b"Exif" not in published and b"SN123456789" not in published
    assert tree_bytes(first) == tree_bytes(second)


def test_a_photo_relying_on_its_orientation_is_turned_upright():
    data = files.jpeg_with_gps(orientation=6)  # rotate 90° clockwise to display
    text = read_attachment(data, "a.jpg")
    assert "orientation" in text.removed and "gps" in text.removed
    published = published_bytes(data, "a.jpg", Limits())
    with Image.open(io.BytesIO(published)) as image:
        assert not image.getexif()
        assert image.size == (48, 64)  # turned upright
        red, _green, blue = image.convert("RGB").getpixel((47, 5))
        assert blue > 150 and red < 100  # the blue top edge is now on the right
    assert published_bytes(data, "a.jpg", Limits()) == published  # the same every build


def test_png_and_webp_lose_their_metadata_chunks_only():
    png = files.png_with_text()
    stripped, removed = strip_png(png)
    assert removed == {"xmp", "text"}
    with Image.open(io.BytesIO(stripped)) as image, Image.open(io.BytesIO(png)) as source:
        assert image.tobytes() == source.tobytes() and "Author" not in image.info
    exif = Image.Exif()
    exif[0x013B] = "Zhang San"
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (9, 8, 7)).save(out, "WEBP", exif=exif, lossless=True)
    webp, removed = strip_webp(out.getvalue())
    assert removed == {"exif"}
    with Image.open(io.BytesIO(webp)) as image:
        assert not image.getexif() and image.getpixel((3, 3)) == (9, 8, 7)


def test_jpeg_stripping_keeps_the_colour_profile_and_drops_appended_data():
    out = io.BytesIO()
    icc = b"\x00" * 128  # the bytes are kept, whatever they hold
    Image.new("RGB", (8, 8), (1, 2, 3)).save(out, "JPEG", icc_profile=icc)
    data = out.getvalue() + b"PK\x03\x04 a zip appended to the photo"
    stripped, removed = strip_jpeg(data)
    assert removed == {"trailing"}
    assert b"ICC_PROFILE" in stripped and b"PK\x03\x04" not in stripped


def test_tiff_is_saved_again_without_its_tags():
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (5, 6, 7)).save(
        out, "TIFF", tiffinfo={315: "Zhang San", 305: "Scanner 3000"}
    )
    data = out.getvalue()
    assert read_attachment(data, "scan.tif").removed == ("owner", "software")
    published = published_bytes(data, "scan.tif", Limits())
    with Image.open(io.BytesIO(published)) as image:
        assert 315 not in image.tag_v2 and 305 not in image.tag_v2
        assert image.getpixel((0, 0)) == (5, 6, 7)
    assert b"Zhang San" not in published


def _measure(builder: str, name: str) -> dict:
    """Read a built file in a fresh interpreter; report seconds, peak RSS, the result."""
    script = textwrap.dedent(
        f"""
        import json, re, time
        from pathlib import Path
        from tests.attachment_files import {builder}
        data = {builder}()
        from govsite.attachments import read_attachment
        start = time.perf_counter()
        text = read_attachment(data, {name!r})
        seconds = time.perf_counter() - start
        # the peak resident set of this interpreter (ru_maxrss would include pytest's,
        # which Linux carries over the fork and exec)
        status = Path("/proc/self/status").read_text()
        rss = int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) * 1024
        print(json.dumps({{"seconds": seconds, "rss": rss, "refused": text.refused}}))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(result.stdout)


def test_the_zip_bomb_is_refused_within_2_seconds_and_100_mib():
    measured = _measure("docx_zip_bomb", "炸弹.docx")  # 1 GiB of document.xml in ~1 MiB
    assert measured["refused"] in ("ratio", "unpacked")
    assert measured["seconds"] < 2, measured
    assert measured["rss"] < 100 * 1024 * 1024, measured


def test_a_zip_member_that_lies_about_its_size_is_refused():
    text = read_attachment(files.docx_zip_bomb(64, lie=True), "x.docx")
    assert text.refused == "declared" and text.detail == "word/document.xml"


def test_huge_images_and_nested_pdfs_are_refused():
    assert read_attachment(files.png_bomb_header(), "big.png").refused == "pixels"
    assert published_bytes(files.png_bomb_header(), "big.png", Limits()) is None
    assert read_attachment(files.pdf_nested(), "deep.pdf").refused == "nesting"


def test_limits_come_from_site_toml(make_site, tmp_path):
    root = make_site({}, site_toml=SITE_TOML + "\n[attachments]\nmax_image_megapixels = 1\n")
    limits = load_config(root).attachments
    assert limits.max_image_megapixels == 1 and limits.max_file_mib == Limits().max_file_mib
    out = io.BytesIO()
    Image.new("RGB", (1200, 1000)).save(out, "PNG")
    assert read_attachment(out.getvalue(), "a.png", limits).refused == "pixels"


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("max_file_mib = 0", "配置项 `attachments.max_file_mib`：应为正整数，实际为 0"),
        ('max_cells = "many"', "配置项 `attachments.max_cells` 应为整数，实际为"),
        ("max_pages = 10", "未知配置项 `attachments.max_pages`；是否想写 'max_pdf_pages'"),
    ],
)
def test_bad_limits_are_positioned_config_errors(make_site, table, expected):
    toml = SITE_TOML + "\n[attachments]\n" + table + "\n"
    line = toml.splitlines().index(table) + 1
    root = make_site({}, site_toml=toml)
    with pytest.raises(ConfigError) as error:
        load_config(root, Translator())
    assert f"site.toml:{line}:1: {expected}" in str(error.value)


def test_reading_is_pure_and_serialisable():
    from govsite.attachments import cache_key

    data = files.xlsx_hidden_ids()
    first, second = read_attachment(data, "a.xlsx"), read_attachment(data, "名单.XLSX")
    assert first == second and cache_key(data, "a.xlsx", Limits()) == cache_key(
        data, "名单.XLSX", Limits()
    )
    assert cache_key(data, "a.xlsx", Limits(max_cells=5)) != cache_key(data, "a.xlsx", Limits())
    assert AttachmentText.from_json(first.to_json()) == first
    assert json.loads(first.to_json())["kind"] == "xlsx"


@pytest.mark.parametrize(
    ("data", "name", "refused"),
    [
        (files.html_with_script(), "page.html", "active-name"),
        (files.html_with_script(), "page.txt", "html"),  # sniffed, not by name
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "a.svg", "svg"),
        (files.svg_with_script(), "chart.svg", "svg"),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><foreignObject><p>x</p></foreignObject></svg>",
            "a.svg",
            "svg",
        ),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg' xmlns:x='http://www.w3.org/1999/xlink'>"
            b"<image x:href='https://tracker.example/p.png'/></svg>",
            "a.svg",
            "svg",
        ),
        (
            b"<!DOCTYPE svg [<!ENTITY e '&#60;script&#62;'>]>"
            b"<svg xmlns='http://www.w3.org/2000/svg'><text>&e;</text></svg>",
            "a.svg",
            "svg",
        ),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><a href='javascript:alert(1)'>"
            b"<text>x</text></a></svg>",
            "a.svg",
            "svg",
        ),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><set attributeName='href' to='x'/></svg>",
            "a.svg",
            "svg",
        ),
        (
            b"<data><h:script xmlns:h='http://www.w3.org/1999/xhtml'>alert(1)</h:script></data>",
            "data.xml",
            "xml-active",
        ),
        (b'<?xml-stylesheet type="text/xsl" href="x.xsl"?><data/>', "data.xml", "xml-active"),
        (files.renamed_executable(), "通知.pdf", "executable"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "run.jpg", "executable"),
        (b"alert(1)", "app.js", "active-name"),
        (b"body{background:url(https://casino.example/a.png)}", "style.CSS", "active-name"),
        (b'<xsl:stylesheet version="1.0"/>', "view.xsl", "active-name"),
    ],
)
def test_active_formats_are_refused_and_never_published(data, name, refused):
    assert read_attachment(data, name).refused == refused
    assert published_bytes(data, name, Limits()) is None


def test_a_plain_svg_is_published_unchanged_and_its_text_checked():
    svg = files.svg_clean()
    text = read_attachment(svg, "chart.svg")
    assert not text.refused and [c.line for c in text.chunks] == [3, 5]
    assert published_bytes(svg, "chart.svg", Limits()) == svg


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ("序号,姓名,身份证号\n1,张某,530102199003071238\n".encode("gbk"), "text"),
        (b"MZ-2026 type pump, 12 units\n", "text"),  # text that starts like a program
        (b"BM-7 report\n", "text"),
        (b'{"name": "x"}', "text"),
        (b"<records><r>1</r></records>", "xml"),
        (b"PK\x03\x04garbage", "damaged-zip"),
        (b"Rar!\x1a\x07\x00" + b"\x00" * 20, "rar"),
        (b"\x00\x01\x02\x03" * 100, "unknown"),
    ],
)
def test_formats_are_sniffed_from_content(data, kind):
    assert sniff(data) == kind


def test_text_formats_are_checked_line_by_line(cli, make_site):
    root = make_site(
        {
            "content/edu/notice/data.md": attachment_page(
                ["名单.csv", "list.tsv", "d.json", "x.xml"]
            ),
            MEDIA + "名单.csv": "序号,姓名,身份证号\n1,张某,530102199003071238\n".encode("gbk"),
            MEDIA + "list.tsv": "姓名\t手机\n李某\t13912345678\n",
            MEDIA + "d.json": '{\n  "phone": "13912345678"\n}\n',
            MEDIA + "x.xml": "<r>\n<id>530102199003071238</id>\n</r>\n",
        }
    )
    _, found = findings(cli, root)
    got = {(f["path"].removeprefix(MEDIA), f["rule"], f["line"]) for f in found}
    assert got == {
        ("名单.csv", "PV001", 2),
        ("list.tsv", "PV002", 2),
        ("d.json", "PV002", 2),
        ("x.xml", "PV001", 2),
    }


def test_only_media_published_pages_use_are_published(cli, make_site, tmp_path):
    draft = item(body="附件：[草稿名单](../media/draft.docx)\n", status="draft")
    root = make_site(
        {
            "content/edu/news/public.md": attachment_page(["public.docx", "chart.svg"]),
            "content/edu/news/draft.md": draft,
            MEDIA + "public.docx": files.docx_plain(),
            MEDIA + "draft.docx": files.docx_plain(),
            MEDIA + "orphan.xlsx": files.xlsx_plain(),
            MEDIA + "chart.svg": files.svg_clean().replace(b"13912345678", b"0871-69999901"),
        }
    )
    out = tmp_path / "public"
    result = cli("build", "--site", root, "--out", out, "--as-of", AS_OF, "--format", "json")
    assert result.code == 0, result.out
    assert (out / "edu/media/public.docx").read_bytes() == files.docx_plain() or (
        out / "edu/media/public.docx"
    ).is_file()
    assert (out / "edu/media/chart.svg").is_file()
    assert not (out / "edu/media/draft.docx").exists()  # waits for its draft
    assert not (out / "edu/media/orphan.xlsx").exists()  # no page uses it
    orphans = {f["path"] for f in json.loads(result.out)["findings"] if f["rule"] == "AT006"}
    assert orphans == {MEDIA + "orphan.xlsx"}  # the draft's file waits, it is no orphan


def test_a_refused_file_blocks_the_build_and_is_never_copied(cli, make_site, tmp_path):
    root = make_site(
        {
            "content/edu/news/refused.md": attachment_page(["x.html", "chart.svg"]),
            MEDIA + "x.html": files.html_with_script(),
            MEDIA + "chart.svg": files.svg_with_script(),
        }
    )
    out = tmp_path / "public"
    result = cli("build", "--site", root, "--out", out, "--as-of", AS_OF, "--format", "json")
    assert result.code == 1 and not out.exists()
    refused = {(f["path"], f["rule"], f["severity"]) for f in json.loads(result.out)["findings"]}
    assert refused == {
        (MEDIA + "x.html", "AT001", "error"),
        (MEDIA + "chart.svg", "AT001", "error"),
    }


def test_media_of_withheld_pages_are_not_published(cli, make_site, tmp_path):
    bad = item(body="手机 13912345678。附件：[名单](../media/list.docx)\n")
    root = make_site(
        {
            "content/edu/news/bad.md": bad,
            "content/edu/news/good.md": attachment_page(["good.docx"]),
            MEDIA + "list.docx": files.docx_plain(),
            MEDIA + "good.docx": files.docx_plain(),
        }
    )
    out = tmp_path / "public"
    result = cli("build", "--site", root, "--out", out, "--as-of", AS_OF, "--withhold")
    assert result.code == 1
    assert (out / "edu/media/good.docx").is_file()
    assert not (out / "edu/media/list.docx").exists()


@pytest.mark.parametrize(
    ("builder", "name"),
    [
        (files.docx_with_revisions, "a.docx"),
        (files.xlsx_hidden_ids, "b.xlsx"),
        (files.pdf_with_author, "c.pdf"),
        (lambda: files.jpeg_with_gps(orientation=6), "d.jpg"),
        (files.png_with_text, "e.png"),
        (files.svg_clean, "f.svg"),
    ],
)
def test_damaged_files_give_a_verdict_never_a_traceback(builder, name):
    """Bytes flipped, cut and inserted at random (seeded): reading and publishing never
    raise, and a file the check refuses is never published."""
    import random

    original = builder()
    rng = random.Random(name)
    for _ in range(25):
        data = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(data))
            roll = rng.random()
            if roll < 0.6:
                data[at] = rng.randrange(256)
            elif roll < 0.8:
                del data[at : at + rng.randint(1, 64)]
            else:
                data[at:at] = rng.randbytes(rng.randint(1, 16))
        text = read_attachment(bytes(data), name)
        published = published_bytes(bytes(data), name, Limits())
        assert AttachmentText.from_json(text.to_json()) == text
        if published is None:
            assert text.refused, (name, text)


def test_withhold_holds_back_the_pages_of_an_attachment_with_errors(cli, make_site, tmp_path):
    leaky = files.docx_with_revisions()  # a tracked deletion of a mobile number: errors
    root = make_site(
        {
            "content/edu/news/leaky.md": attachment_page(["notice.docx"]),
            "content/gov/news/also.md": attachment_page(["/edu/media/notice.docx"]),
            "content/edu/news/fine.md": attachment_page(["fine.docx"]),
            MEDIA + "notice.docx": leaky,
            MEDIA + "fine.docx": files.docx_plain(),
        }
    )
    out = tmp_path / "public"
    blocked = cli("build", "--site", root, "--out", out, "--as-of", AS_OF)
    assert blocked.code == 1 and not out.exists()
    result = cli("build", "--site", root, "--out", out, "--as-of", AS_OF, "--withhold")
    assert result.code == 1
    assert "content/edu/news/leaky.md" in result.err and "content/gov/news/also.md" in result.err
    assert not (out / "edu/news/leaky").exists() and not (out / "gov/news/also").exists()
    assert not (out / "edu/media/notice.docx").exists()
    assert (out / "edu/news/fine/index.html").is_file() and (out / "edu/media/fine.docx").is_file()


def _add_members(data: bytes, members: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        for name, content in members.items():
            target.writestr(name, content)
    return out.getvalue()


def test_what_a_word_file_carries_inside_is_read_too():
    import docx

    document = docx.Document()
    document.add_paragraph("图表见下。")
    document.add_picture(io.BytesIO(files.jpeg_with_gps()))
    out = io.BytesIO()
    document.save(out)
    data = _add_members(
        out.getvalue(),
        {
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx": files.xlsx_hidden_ids(),
            "word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 an OLE object",
        },
    )
    text = read_attachment(data, "report.docx")
    inside = [c for c in text.chunks if c.inside]
    assert {c.inside for c in inside} == {"word/embeddings/Microsoft_Excel_Worksheet.xlsx"}
    assert any(c.text == files.ID_NUMBER and c.sheet == "原始数据" for c in inside)
    assert "word/embeddings/oleObject1.bin" in text.embedded
    pictures = [value for key, value in text.metadata if key == "image"]
    assert pictures and "gps" in pictures[0]


def test_office_files_with_macros_are_refused():
    data = _add_members(files.docx_plain(), {"word/vbaProject.bin": b"\x00" * 64})
    assert read_attachment(data, "notice.docx").refused == "macros"
    assert published_bytes(data, "notice.docx", Limits()) is None


def test_pdf_restricted_only_by_an_owner_password_is_read():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(files.text_pdf(("Phone 13912345678",)))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    text = read_attachment(out.getvalue(), "restricted.pdf")
    assert not text.unreadable and any("13912345678" in c.text for c in text.chunks)


def test_pdf_annotations_files_and_scripts_are_reported():
    from pypdf import PdfReader, PdfWriter

    base = files.text_pdf(("Notice",), annotation="Remove the phone 13912345678 before release")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base)))
    writer.add_attachment("名单.xlsx", files.xlsx_plain())
    from pypdf.actions import JavaScript

    writer.add_open_action(JavaScript("app.alert('x');"))
    out = io.BytesIO()
    writer.write(out)
    text = read_attachment(out.getvalue(), "notice.pdf")
    comments = [c for c in text.chunks if c.revision == "comment"]
    assert comments and comments[0].line == 1 and comments[0].part == "Reviewer"
    assert "JavaScript" in text.embedded and "file: 名单.xlsx" in text.embedded


def test_a_video_that_records_its_location_is_reported_and_published_as_is(cli, make_site):
    video = files.mp4_with_location()
    assert read_attachment(video, "v.mp4").metadata == (("location", "GPS"),)
    assert published_bytes(video, "v.mp4", Limits()) == video
    clean = video.replace(b"\xa9xyz", b"free")
    assert read_attachment(clean, "v.mp4").metadata == ()
    declared = "media:\n  - {file: ../media/v.mp4, source: 测试市教育体育局, license: 本单位原创}\n"
    page = item(body="[开幕式视频](../media/v.mp4)\n", extra=declared)
    root = make_site({"content/edu/news/v.md": page, MEDIA + "v.mp4": video})
    _, found = findings(cli, root)
    assert [(f["rule"], f["message"][:9]) for f in found] == [("AT004", "视频记录了拍摄位置")]


def test_media_of_a_scheduled_page_wait_for_its_date(cli, make_site, tmp_path):
    later = item(body="附件：[名单](../media/later.docx)\n", date="2026-12-20")
    root = make_site({"content/edu/news/later.md": later, MEDIA + "later.docx": files.docx_plain()})
    out = tmp_path / "public"
    assert cli("build", "--site", root, "--out", out, "--as-of", AS_OF).code == 0
    assert not (out / "edu/media/later.docx").exists()
    assert cli("build", "--site", root, "--out", out, "--as-of", "2026-12-20").code == 0
    assert (out / "edu/media/later.docx").is_file()


def test_an_unused_file_is_still_checked_but_never_published(cli, make_site, tmp_path):
    root = make_site(
        {
            "content/edu/news/fine.md": attachment_page(["fine.docx"]),
            MEDIA + "fine.docx": files.docx_plain(),
            MEDIA + "名单.xlsx": files.xlsx_hidden_ids(),  # no page links to it
        }
    )
    result, found = findings(cli, root)
    got = {(f["rule"], f["line"]) for f in found if f["path"] == MEDIA + "名单.xlsx"}
    assert ("AT006", None) in got and ("PV001", 2) in got and result.code == 1
    out = tmp_path / "public"
    assert cli("build", "--site", root, "--out", out, "--as-of", AS_OF).code == 1
    assert not out.exists()
    result = cli("build", "--site", root, "--out", out, "--as-of", AS_OF, "--withhold")
    assert result.code == 1 and (out / "edu/media/fine.docx").is_file()
    assert not (out / "edu/media/名单.xlsx").exists()
