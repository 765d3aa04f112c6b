"""Hostile attachments found in review: each bypassed a refusal or leaked metadata."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from govsite.attachments import Limits, read_attachment, sniff
from govsite.attachments.images import strip_png, strip_webp
from govsite.attachments.media import published_bytes

SVG_OPEN = b"<svg xmlns='http://www.w3.org/2000/svg'>"
XHTML = b"http://www.w3.org/1999/xhtml"


@pytest.mark.parametrize(
    ("data", "name", "refused"),
    [
        # "%PDF-" in the first KiB made HTML a "damaged PDF", published as it was
        (b"<html><script>alert(1)</script><!-- %PDF-1.4 -->", "a.txt", "html"),
        (b"<script>alert(1)</script>\n%PDF-1.4\n", "notice.pdf", "html"),
        (SVG_OPEN + b"<script>alert(1)</script><!-- %PDF-1.4 --></svg>", "a.svg", "svg"),
        # Chromium runs an XHTML script inside <metadata> (tried in review)
        (
            SVG_OPEN + b"<metadata><h:script xmlns:h='" + XHTML + b"'>alert(1)</h:script>"
            b"</metadata></svg>",
            "chart.svg",
            "svg",
        ),
        (
            SVG_OPEN
            + b"<metadata><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
            b"<h:iframe xmlns:h='"
            + XHTML
            + b"' src='javascript:alert(1)'/></rdf:RDF></metadata></svg>",
            "chart.svg",
            "svg",
        ),
        # CSS that loads from outside, hidden behind an XML comment or a CSS escape
        (
            SVG_OPEN + b"<style><!-- x -->@import url(http://t.example/x.css);</style></svg>",
            "a.svg",
            "svg",
        ),
        (SVG_OPEN + b"<style>rect{fill:\\75 rl(http://t.example/p)}</style></svg>", "a.svg", "svg"),
        (
            SVG_OPEN + b"<rect style='fill:image-set(\"http://t.example/p\" 1x)'/></svg>",
            "a.svg",
            "svg",
        ),
        # Chromium fetched all three (tried in review): presentation attributes are CSS
        (
            SVG_OPEN + b"<rect fill='url(http://t.example/x.svg#g)'/></svg>",
            "a.svg",
            "svg",
        ),
        (SVG_OPEN + b"<rect filter='url(\"//t.example/f.svg#f\")'/></svg>", "a.svg", "svg"),
        (SVG_OPEN + b"<rect mask='\\75 rl(http://t.example/m.svg#m)'/></svg>", "a.svg", "svg"),
        # a browser expands the entity into markup govsite never saw
        (
            b"<!DOCTYPE r [<!ENTITY x \"<h:script xmlns:h='http://www.w3.org/1999/xhtml'>"
            b'alert(1)</h:script>">]><r>&x;</r>',
            "data.xml",
            "xml-active",
        ),
    ],
)
def test_hostile_markup_is_refused_and_never_published(data, name, refused):
    assert read_attachment(data, name).refused == refused
    assert published_bytes(data, name, Limits()) is None


def test_a_pdf_with_junk_before_its_header_is_still_a_pdf():
    assert sniff(b"\x00\x01junk\n%PDF-1.4\n") == "pdf"
    assert sniff(b"%PDF-1.7\n<< >>") == "pdf"


def test_editors_metadata_and_plain_css_still_pass():
    svg = (
        SVG_OPEN + b"<metadata><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
        b" xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:title>chart</dc:title></rdf:RDF>"
        b"</metadata><style>rect{fill:url(#g)} .st0{font-family:'\\5FAE\\8F6F\\96C5\\9ED1'}"
        b"</style><rect width='1' height='1' fill='url( \"#g\" )' clip-path='url(#c)'/>"
        b"<text class='st0'>\xe5\x9b\xbe</text></svg>"
    )  # Illustrator writes the font 微软雅黑 as CSS escapes
    assert read_attachment(svg, "chart.svg").refused == ""
    assert published_bytes(svg, "chart.svg", Limits()) == svg
    data = b"<?xml version='1.0'?><!DOCTYPE r SYSTEM 'r.dtd'><r>plain data</r>"
    assert read_attachment(data, "data.xml").refused == ""


SECRET = b"home 25.0342N 102.7000E"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@pytest.mark.parametrize("kind", [b"prVt", b"zxIf", b"exIf", b"orNT"])
def test_a_png_loses_private_and_unknown_chunks(kind):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(out, "PNG")
    plain = out.getvalue()
    end = plain.rindex(b"IEND") - 4
    data = plain[:end] + _png_chunk(kind, SECRET) + plain[end:]
    stripped, removed = strip_png(data)
    assert SECRET not in stripped and stripped == plain
    assert "other" in removed
    assert "other" in read_attachment(data, "a.png").removed
    assert SECRET not in published_bytes(data, "a.png", Limits())


def test_a_webp_loses_unknown_chunks():
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (9, 8, 7)).save(out, "WEBP", lossless=True)
    body = out.getvalue()[12:] + b"ABCD" + struct.pack("<I", len(SECRET)) + SECRET
    data = b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body
    stripped, removed = strip_webp(data)
    assert SECRET not in stripped and removed == {"other"}
    with Image.open(io.BytesIO(stripped)) as image:
        assert image.getpixel((3, 3)) == (9, 8, 7)


def test_a_photo_turned_upright_keeps_no_comment_or_xmp():
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8825).update({1: "N", 2: (25.0, 2.0, 30.5)})
    out = io.BytesIO()
    xmp = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>" + SECRET + b"</x:xmpmeta>"
    Image.new("RGB", (16, 8)).save(out, "JPEG", exif=exif, comment=SECRET, xmp=xmp)
    published = published_bytes(out.getvalue(), "a.jpg", Limits())
    assert SECRET not in published
    with Image.open(io.BytesIO(published)) as image:
        assert image.size == (8, 16) and "comment" not in image.info


def _gif_with_metadata() -> tuple[bytes, bytes]:
    frames = [Image.new("RGB", (16, 16), color) for color in ((255, 0, 0), (0, 0, 255))]
    out = io.BytesIO()
    frames[0].save(
        out, "GIF", save_all=True, append_images=frames[1:], loop=0, duration=100, comment=SECRET
    )
    plain = out.getvalue()
    # XMP as Photoshop writes it: an application extension whose "magic trailer" closes
    # the sub-block chain
    trailer = bytes([1, *range(255, -1, -1), 0])
    xmp = b"\x21\xff\x0bXMP DataXMP<x:xmpmeta>" + SECRET + b"</x:xmpmeta>" + trailer
    at = 13 + ((3 << ((plain[10] & 7) + 1)) if plain[10] & 0x80 else 0)
    return plain[:at] + xmp + plain[at:] + b"appended", plain


def test_a_gif_loses_comments_xmp_and_appended_data_but_keeps_its_animation():
    data, _ = _gif_with_metadata()
    text = read_attachment(data, "a.gif")
    assert text.refused == "" and {"xmp", "comment", "trailing"} <= set(text.removed)
    published = published_bytes(data, "a.gif", Limits())
    assert SECRET not in published and b"appended" not in published
    assert b"NETSCAPE2.0" in published  # the loop count stays
    with Image.open(io.BytesIO(published)) as image, Image.open(io.BytesIO(data)) as source:
        assert image.n_frames == source.n_frames == 2 and image.info.get("loop") == 0
        for frame in range(2):
            image.seek(frame)
            source.seek(frame)
            assert image.convert("RGB").tobytes() == source.convert("RGB").tobytes()
    assert published_bytes(published, "a.gif", Limits()) == published  # nothing left to strip


def test_a_truncated_gif_is_refused_not_published():
    _data, plain = _gif_with_metadata()
    assert read_attachment(plain[:40], "a.gif").refused == "damaged-image"
    assert published_bytes(plain[:40], "a.gif", Limits()) is None


def test_a_photo_drawn_into_an_svg_reports_its_gps(cli, make_site):
    import base64

    from tests import attachment_files as files

    photo = base64.b64encode(files.jpeg_with_gps()).decode()
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' xmlns:x='http://www.w3.org/1999/xlink'>\n"
        f"<image x:href='data:image/jpeg;base64,{photo}'/></svg>"
    ).encode()
    text = read_attachment(svg, "map.svg")
    assert text.refused == "" and any(k == "image" and "gps" in v for k, v in text.metadata)


def test_scripts_in_pdf_links_and_page_actions_are_reported():
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject
    from pypdf.generic import TextStringObject as Text

    writer = PdfWriter()
    script = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): Text("app.alert(1)")}
    )
    for page_actions in (False, True):
        page = writer.add_blank_page(200, 200)
        if page_actions:
            page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): script})
        else:
            link = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Annot"),
                    NameObject("/Subtype"): NameObject("/Link"),
                    NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                    NameObject("/A"): script,
                }
            )
            page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    out = io.BytesIO()
    writer.write(out)
    assert read_attachment(out.getvalue(), "a.pdf").embedded == ("JavaScript",)


def test_a_docx_with_too_many_members_is_refused_from_its_end_record():
    import zipfile

    from govsite.attachments.zips import member_records

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        for number in range(25_000):  # more than sniffing parses: told by the names' bytes
            archive.writestr(zipfile.ZipInfo(str(number)), b"")
    data = out.getvalue()
    assert member_records(data) == 25_001
    assert sniff(data) == "docx"
    text = read_attachment(data, "通知.docx")
    assert text.refused == "members" and text.detail.startswith("25001 >")
    assert published_bytes(data, "通知.docx", Limits()) is None
    assert member_records(b"PK\x03\x04 not really a zip") is None
