"""Attachment files built with the real libraries (python-docx, openpyxl, Pillow, pypdf),
so the tests need no opaque binaries. Each builder returns the file's bytes.

``BUILDERS`` names them for ``# generate: PATH = NAME`` lines in a rule fixture's
``expectations.txt``.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable

MOBILE = "13912345678"
ID_NUMBER = "530102199003071238"  # valid check digit (tests/fixtures/identifiers.yaml)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ---------------------------------------------------------------- Word


def docx_with_revisions() -> bytes:
    """Author and company set; paragraph 2 has a comment; paragraph 3 a tracked deletion
    holding a mobile number; a header with text."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    props = document.core_properties
    props.author = "张晓明"
    props.last_modified_by = "李华"
    props.comments = ""
    document.add_paragraph("关于开展2026年助学金评审工作的通知")
    commented = document.add_paragraph("请各学校于3月20日前报送名单。")
    document.add_comment(commented.runs, text="名单是否含身份证号？请核实", author="王审核")
    deleted = document.add_paragraph("联系人：赵老师")
    deletion = parse_xml(
        f'<w:del xmlns:w="{W_NS}" w:id="90" w:author="李华" w:date="2026-03-01T10:00:00Z">'
        f"<w:r><w:delText>，手机 {MOBILE}</w:delText></w:r></w:del>"
    )
    deleted._p.append(deletion)
    document.add_paragraph("特此通知。")
    document.sections[0].header.paragraphs[0].text = "示例市教育体育局"
    return _save(document)


def docx_hidden_text() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("正文第一段。")
    paragraph = document.add_paragraph("正文第二段。")
    paragraph.add_run("澳门新葡京").font.hidden = True
    return _save(document)


def docx_plain() -> bytes:
    """A clean Word file: python-docx's own author value is generic, so nothing leaks."""
    import docx

    document = docx.Document()
    document.add_paragraph("关于做好开学工作的通知")
    document.add_paragraph("各学校按时开学。")
    return _save(document)


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- Excel


def xlsx_hidden_ids() -> bytes:
    """Sheet1 (visible): a name list with a hidden column E holding ID numbers and a
    hidden row 4; sheet 原始数据 (hidden) with an ID column; a comment on Sheet1!B3."""
    import openpyxl
    from openpyxl.comments import Comment

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(["序号", "姓名", "学校", "金额", "身份证号"])
    sheet.append([1, "张某", "第一中学", 2000, ID_NUMBER])
    sheet.append([2, "李某", "第二中学", 2000, ""])
    sheet.append([3, "王某", "第三中学", 2000, ""])
    sheet.column_dimensions["E"].hidden = True
    sheet.row_dimensions[4].hidden = True
    sheet["B3"].comment = Comment(f"家长电话 {MOBILE}", "赵编辑")
    raw = workbook.create_sheet("原始数据")
    raw.append(["姓名", "身份证号", "手机"])
    raw.append(["张某", ID_NUMBER, MOBILE])
    raw.sheet_state = "hidden"
    workbook.properties.creator = "张晓明"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_plain() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["项目", "金额"])
    workbook.active.append(["校舍维修", 120000])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- PDF


def text_pdf(
    lines: tuple[str, ...] = ("Notice 2026",),
    *,
    author: str | None = None,
    password: str | None = None,
    annotation: str | None = None,
) -> bytes:
    """A PDF with a text layer (ASCII, Helvetica), optionally an author, a sticky note,
    or a user password."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    operations = "".join(
        f"BT /F1 12 Tf 72 {760 - 20 * i} Td ({line}) Tj ET\n" for i, line in enumerate(lines)
    )
    stream = DecodedStreamObject()
    stream.set_data(operations.encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    if annotation:
        note = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Text"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (72, 700, 92, 720)]),
                NameObject("/Contents"): TextStringObject(annotation),
                NameObject("/T"): TextStringObject("Reviewer"),
            }
        )
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(note)])
    if author:
        writer.add_metadata({"/Author": author, "/Title": "Notice"})
    if password:
        writer.encrypt(password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_author() -> bytes:
    return text_pdf(("Notice of the 2026 school year",), author="Zhang Xiaoming")


def pdf_encrypted() -> bytes:
    return text_pdf(("Secret list",), password="secret")


def pdf_nested(depth: int = 5000) -> bytes:
    """A PDF whose page dictionary holds an array nested ``depth`` deep."""
    body = b"[" * depth + b"]" * depth
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /X " + body + b" >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


# ---------------------------------------------------------------- images


def jpeg_with_gps(orientation: int | None = None) -> bytes:
    """A JPEG with GPS position, camera make/model, owner, serial number and time taken."""
    from PIL import Image

    image = Image.new("RGB", (64, 48), (200, 100, 50))
    image.paste((0, 0, 255), (0, 0, 32, 8))  # mark the top left, to see rotation
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 15"
    exif[0x013B] = "Zhang San"
    if orientation:
        exif[0x0112] = orientation
    exif.get_ifd(0x8825).update({1: "N", 2: (25.0, 2.0, 30.5), 3: "E", 4: (102.0, 42.0, 10.0)})
    exif.get_ifd(0x8769).update({0xA431: "SN123456789", 0x9003: "2026:03:01 10:00:00"})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90, comment=b"taken at home")
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Zhang San")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>")
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def png_bomb_header(width: int = 40_000, height: int = 40_000) -> bytes:
    """A PNG whose header claims 1.6 gigapixels (the pixel data is never decoded)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    idat_data = zlib.compress(b"\x00" * 1024)
    idat = b"IDAT" + idat_data
    idat_chunk = struct.pack(">I", len(idat_data)) + idat + struct.pack(">I", zlib.crc32(idat))
    iend = struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat_chunk + iend


# ---------------------------------------------------------------- formats govsite refuses or cannot read


def old_word_doc() -> bytes:
    """The shape of a Word 97–2003 file: an OLE2 header and a WordDocument stream name."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff"
    directory = "Root Entry".encode("utf-16-le").ljust(128, b"\x00")
    directory += "WordDocument".encode("utf-16-le").ljust(128, b"\x00")
    return header.ljust(512, b"\x00") + directory.ljust(1024, b"\x00")


def renamed_executable() -> bytes:
    """The first bytes of a Windows program (MZ … PE)."""
    dos = bytearray(b"MZ" + b"\x90\x00" * 29 + b"\x00" * 2)
    dos = dos.ljust(0x3C, b"\x00") + struct.pack("<I", 0x80)
    return bytes(dos.ljust(0x80, b"\x00")) + b"PE\x00\x00" + b"\x4c\x01" + b"\x00" * 300


def html_with_script() -> bytes:
    return b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def svg_with_script() -> bytes:
    return (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
    )


def svg_clean() -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">\n'
        "  <title>空气质量优良天数</title>\n"
        '  <rect width="120" height="20" fill="#2a7"/>\n'
        f'  <text x="4" y="34">联系人 {MOBILE}</text>\n'
        "</svg>\n"
    ).encode()


# ---------------------------------------------------------------- zip bombs


def _raw_zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip from already deflated members: (name, raw deflate, crc, declared size,
    method). Written by hand so a member may be 1 GiB without compressing 1 GiB."""
    out, central = bytearray(), bytearray()
    for name, raw, crc, size, method in members:
        encoded = name.encode()
        offset = len(out)
        fields = struct.pack("<HHHHHIII", 20, 0x800, method, 0, 0x21, crc, len(raw), size)
        out += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + raw
        central += (
            b"PK\x01\x02"
            + struct.pack("<HHHHHHIII", 20, 20, 0x800, method, 0, 0x21, crc, len(raw), size)
            + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, offset)
            + encoded
        )
    end = struct.pack("<HHHHIIH", 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + b"PK\x05\x06" + end)


def _stored(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return name, data, zlib.crc32(data), len(data), 0


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="'
    b'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_zip_bomb(mebibytes: int = 1024, *, lie: bool = False) -> bytes:
    """A .docx whose word/document.xml inflates to ``mebibytes`` MiB of spaces (about
    1 MiB on disk for 1 GiB). ``lie``: the member declares 10 KiB instead."""
    chunk = b" " * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    raw = block * mebibytes + compressor.flush()
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(chunk, crc)
    size = 10 * 1024 if lie else mebibytes << 20
    return _raw_zip(
        [
            _stored("[Content_Types].xml", CONTENT_TYPES),
            ("word/document.xml", raw, crc, size, 8),
        ]
    )


BUILDERS: dict[str, Callable[[], bytes]] = {
    name: value
    for name, value in dict(globals()).items()
    if callable(value) and not name.startswith("_") and name[0].islower() and name != "text_pdf"
}


def mp4_with_location() -> bytes:
    """The boxes a phone writes: ftyp, then moov/udta/©xyz with an ISO 6709 position."""

    def box(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", 8 + len(payload)) + kind + payload

    position = b"+25.0333+102.7000/"
    xyz = box(b"\xa9xyz", struct.pack(">HH", len(position), 0x15C7) + position)
    return box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41") + box(b"moov", box(b"udta", xyz))


BUILDERS["mp4_with_location"] = mp4_with_location
