"""What a file is, from its bytes (and, for what a web server makes of it, its name).

Names lie: an executable renamed ``通知.pdf`` is still an executable. Formats are told
by their signatures; zip containers by their members; OLE2 containers (old Office, WPS,
encrypted Office) by their stream names; text by decoding it and looking at how it
starts, as browsers do (WHATWG MIME sniffing).
"""

from __future__ import annotations

import io
import re
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"BM", "bmp"),
    (b"\x00\x00\x01\x00", "ico"),
    (OLE_MAGIC, "ole"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"MZ", "exe"),
    (b"\x7fELF", "exe"),
    (b"\xca\xfe\xba\xbe", "exe"),  # Mach-O universal, Java class
    (b"\xcf\xfa\xed\xfe", "exe"),
    (b"\xce\xfa\xed\xfe", "exe"),
    (b"\xfe\xed\xfa\xcf", "exe"),
    (b"\x00asm", "exe"),  # WebAssembly
    (b"dex\n", "exe"),  # Android
    (b"FWS", "exe"),  # Flash
    (b"CWS", "exe"),
    (b"ZWS", "exe"),
    (b"{\\rtf", "rtf"),
    (b"\x1aE\xdf\xa3", "video"),  # Matroska, WebM
    (b"ID3", "audio"),
    (b"fLaC", "audio"),
    (b"OggS", "audio"),
    (b"\x00\x00\x01\xba", "video"),  # MPEG-PS
    (b"FLV", "video"),
)
# A web server sends these with an active content type whatever their bytes hold.
ACTIVE_SUFFIXES = frozenset(
    [
        ".html",
        ".htm",
        ".xhtml",
        ".xht",
        ".shtml",
        ".mht",
        ".mhtml",
        ".hta",
        ".svgz",
        ".js",
        ".mjs",
        ".css",  # style sheets: url(), @import, expression(); the theme's belong in templates/
        ".xsl",
        ".xslt",
        ".jsx",
        ".ts",
        ".vbs",
        ".vbe",
        ".wsf",
        ".swf",
        ".jar",
        ".class",
        ".exe",
        ".dll",
        ".com",
        ".scr",
        ".msi",
        ".msp",
        ".bat",
        ".cmd",
        ".ps1",
        ".psm1",
        ".sh",
        ".bash",
        ".apk",
        ".app",
        ".dmg",
        ".pkg",
        ".deb",
        ".rpm",
        ".php",
        ".phtml",
        ".asp",
        ".aspx",
        ".jsp",
        ".cgi",
        ".pl",
        ".py",
        ".rb",
        ".xsl",
        ".xslt",
        ".xul",
        ".appcache",
        ".manifest",
        ".webmanifest",
        ".wasm",
        ".lnk",
        ".reg",
        ".inf",
        ".docm",
        ".xlsm",
        ".pptm",
        ".dotm",
    ]
)
# WHATWG MIME sniffing: text starting like this is taken for HTML by browsers.
_HTML_START = re.compile(
    rb"^\s*<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|"
    rb"body|br|p|!--|meta|link|object|embed|form|img|svg|math|base|template)[\s>/]",
    re.IGNORECASE,
)
_XML_START = re.compile(rb"^\s*<[A-Za-z_][\w.:-]*[\s>/]")
# What may come before an XML document's root: declarations, comments, a doctype.
_PROLOG = re.compile(
    rb"^(?:\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>))+", re.DOTALL | re.IGNORECASE
)
# Text that starts as markup is parsed as markup by a browser, whatever "%PDF-" follows.
_MARKUP_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<")
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def sniff(data: bytes) -> str:
    """The format of ``data``: a kind such as ``pdf``, ``docx``, ``jpeg``, ``text``, ``html``."""
    head = data[:4096]
    if b"%PDF-" in data[:1024] and not _MARKUP_START.match(head):
        return "pdf"  # readers accept junk before the header, but not markup a browser runs
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"RIFF") and head[8:12] in (b"AVI ", b"WAVE"):
        return "video" if head[8:12] == b"AVI " else "audio"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
            return "heic"
        return "avif" if brand in (b"avif", b"avis") else "video"
    for magic, kind in SIGNATURES:
        if head.startswith(magic):
            if magic.isascii() and magic.isalnum() and decode_text(data) is not None:
                break  # text that happens to start with "BM", "MZ", "ID3" …
            return _ole_kind(data) if kind == "ole" else kind
    if head.startswith(b"\xff\xfb") or head.startswith(b"\xff\xf3"):
        return "audio"
    return _text_kind(data)


SNIFF_MEMBERS = 20_000  # more records: told by their names' bytes, not by parsing them


def _zip_kind(data: bytes) -> str:
    from govsite.attachments.zips import member_records

    if (member_records(data) or 0) > SNIFF_MEMBERS:
        names = {n for n in _KINDS_BY_MEMBER if n.encode() in data}  # the reader refuses it
    else:
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except Exception:  # BadZipFile, an unsupported version, a truncated directory …
            return "damaged-zip"
    if "mimetype" in names and any(n == "content.xml" for n in names):
        return "odf"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if any(n.endswith(".class") for n in names) and "META-INF/MANIFEST.MF" in names:
        return "exe"  # a Java archive
    if "AndroidManifest.xml" in names or "classes.dex" in names:
        return "exe"
    if any(n.lower().endswith(".ofd") or n == "OFD.xml" for n in names):
        return "ofd"  # 版式文件 (GB/T 33190)
    return "zip"


_KINDS_BY_MEMBER = ("word/document.xml", "xl/workbook.xml", "ppt/presentation.xml")


def _ole_kind(data: bytes) -> str:
    """Old Office, WPS and encrypted Office files are OLE2 containers; the directory names
    their streams in UTF-16."""

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage"):
        return "encrypted-office"
    if has("WordDocument"):
        return "doc"
    if has("Workbook") or has("Book"):
        return "xls"
    if has("PowerPoint Document"):
        return "ppt"
    return "ole"


def decode_text(data: bytes) -> str | None:
    """The text of a text file (UTF-8, UTF-16 with a BOM, or GB18030), or None if binary."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:65536]:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    return None


def _looks_like_text(text: str) -> bool:
    sample = text[:65536]
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\x1b")
    return control <= len(sample) // 100


def _text_kind(data: bytes) -> str:
    text = decode_text(data)
    if text is None:
        return "unknown"
    head = text[:65536].encode("utf-8")
    if re.match(rb"\s*<!doctype\s+html", head, re.IGNORECASE):
        return "html"
    body = _PROLOG.sub(b"", head, count=1)
    if re.match(rb"\s*<svg[\s>/]", body, re.IGNORECASE):
        return "svg"
    if _HTML_START.match(body):
        return "html"
    if body is not head or _XML_START.match(body):
        return "xml"
    return "text"
