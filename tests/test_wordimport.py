"""govsite import: a Word document becomes a draft item, checked at once."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx


def png(width: int = 4, height: int = 4) -> bytes:
    raw = b"".join(b"\x00" + b"\xcc\xdd\xee" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def make_docx(path: Path, tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_heading("关于做好2026年秋季开学工作的通知", level=0)
    document.add_heading("一、工作要求", level=1)
    paragraph = document.add_paragraph("各学校要")
    paragraph.add_run("高度重视").bold = True
    paragraph.add_run("开学准备工作。")
    document.add_paragraph("做好校舍安全检查", style="List Bullet")
    document.add_paragraph("联系人：王老师，电话 13912345678。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "事项", "时间"
    table.cell(1, 0).text, table.cell(1, 1).text = "报到", "9月1日"
    image = tmp_path / "photo.png"
    image.write_bytes(png())
    document.add_picture(str(image))
    document.save(str(path))
    return path


def test_import_writes_a_draft_with_markdown_and_images_and_checks_it(make_site, cli, tmp_path):
    root = make_site()
    source = make_docx(tmp_path / "通知.docx", tmp_path)
    result = cli("import", source, "edu", "notice", "--site", root, "--slug", "autumn-term")
    item = root / "content/edu/notice/autumn-term.md"
    assert str(item) in result.out
    text = item.read_text("utf-8")
    assert 'title: "关于做好2026年秋季开学工作的通知"' in text and "status: draft" in text
    assert "## 一、工作要求" in text
    assert "各学校要**高度重视**开学准备工作。" in text
    assert "- 做好校舍安全检查" in text
    assert "| 事项 | 时间 |\n| --- | --- |\n| 报到 | 9月1日 |" in text
    assert "![图片1](../media/autumn-term-1.png)" in text
    assert (root / "content/edu/media/autumn-term-1.png").read_bytes().startswith(b"\x89PNG")
    assert '{file: ../media/autumn-term-1.png, source: "", license: ""}' in text
    # the checks run at once on the draft: the mobile number and the undeclared licence
    phone_line = text.split("\n").index("联系人：王老师，电话 13912345678。") + 1
    assert (
        f"content/edu/notice/autumn-term.md:{phone_line}:" in result.out and "PV002" in result.out
    )
    assert "MD002" in result.out
    assert result.code == 1
    # check gives the same answer (the mobile number may not be committed, draft or not);
    # the draft is not published, so the build of the other pages goes ahead, and fails
    # all the same: the mobile number is in the repository
    checked = cli("check", "--site", root, "--as-of", "2026-11-26")
    assert checked.code == 1 and "PV002" in checked.out and "MD002" in checked.out
    built = cli("build", "--site", root, "--as-of", "2026-11-26")
    assert built.code == 1 and "PV002" in built.out
    assert (root / "public/index.html").is_file()
    assert not (root / "public/edu/notice/autumn-term").exists()


def test_import_refuses_bad_input(make_site, cli, tmp_path):
    root = make_site()
    not_docx = tmp_path / "a.docx"
    not_docx.write_bytes(b"not a zip")
    result = cli("import", not_docx, "edu", "notice", "--site", root)
    assert result.code == 2 and "无法读取 Word 文档" in result.err and "Traceback" not in result.err
    assert cli("import", not_docx, "nope", "notice", "--site", root).code == 2
