"""Photos: what their metadata tells (GPS position, camera owner, serial numbers …), and
the published copy without it.

Metadata is removed from the container, segment by segment (JPEG), chunk by chunk (PNG,
WebP): the picture itself is copied byte for byte, never re-compressed, so the output is
the same on every build. Two exceptions re-encode with Pillow: a JPEG that relies on
its EXIF orientation is turned upright first (without EXIF a browser would show it on
its side), and TIFF, whose metadata lives in the same directory as the picture.
"""

from __future__ import annotations

import io
import struct
import warnings

from govsite.attachments.model import AttachmentText, Limits, Refused

IMAGE_KINDS = frozenset({"jpeg", "png", "webp", "tiff", "gif"})
# EXIF tags by what they tell about the photographer (CIPA DC-008, TIFF 6.0, Windows XP tags)
EXIF_CATEGORIES = {
    0x010F: "camera", 0x0110: "camera", 0xA433: "camera", 0xA434: "camera",
    0xA431: "serial", 0xA435: "serial", 0xC62F: "serial", 0xA420: "serial", 0x927C: "serial",
    0xA430: "owner", 0x013B: "owner", 0x9C9D: "owner", 0x8298: "owner",
    0x0132: "time", 0x9003: "time", 0x9004: "time",
    0x0131: "software",
    0x010E: "description", 0x9286: "description", 0x9C9B: "description",
    0x9C9C: "description", 0x9C9E: "description", 0x9C9F: "description",
}  # fmt: skip
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112
ORDER = ("gps", "owner", "serial", "camera", "time", "description", "software", "thumbnail",
         "orientation", "exif", "xmp", "iptc", "comment", "text", "other", "trailing")  # fmt: skip


class BadImage(ValueError):
    """The container is not what its signature says."""


def read_image(data: bytes, kind: str, limits: Limits) -> AttachmentText:
    """What the published copy of this image leaves out (``removed``). The copy is made
    here too, so an image that cannot be cleaned is refused by the check, not silently
    left out of the build."""
    published_image(data, kind, limits)
    return AttachmentText(kind, removed=tuple(image_metadata(data, limits)))


def image_metadata(data: bytes, limits: Limits, *, strict: bool = False) -> list[str]:
    """Categories of metadata in an image (``gps``, ``owner`` …), in a fixed order.
    ``strict``: raise :class:`Refused` for a damaged or oversized image instead of
    answering with what could be seen."""
    from PIL import Image

    found: set[str] = set()
    try:
        with _pillow(limits), Image.open(io.BytesIO(data)) as image:
            _check_pixels(image, limits)
            kind = (image.format or "").lower()
            exif = image.getexif()
            found |= _exif_categories(exif)
            if exif.get(ORIENTATION, 1) not in (0, 1) and kind == "jpeg":
                found.add("orientation")
            if image.info.get("xmp") or image.info.get("XML:com.adobe.xmp"):
                found.add("xmp")
            if image.info.get("comment"):
                found.add("comment")
        found |= _container_categories(data)
    except Refused:
        if strict:
            raise
    except Exception as error:  # Pillow raises many kinds for a damaged image
        if strict:
            raise Refused("damaged-image", type(error).__name__) from None
    return [c for c in ORDER if c in found]


class _pillow:
    """Pillow's decompression-bomb limit set from ``[attachments]``, warnings silenced."""

    def __init__(self, limits: Limits):
        self.pixels = limits.max_image_megapixels * 1_000_000

    def __enter__(self):
        from PIL import Image

        self.saved = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = self.pixels
        self.warnings = warnings.catch_warnings()
        self.warnings.__enter__()
        warnings.simplefilter("ignore")
        return self

    def __exit__(self, *exc):
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = self.saved
        self.warnings.__exit__(*exc)
        if exc[0] is not None and exc[0].__name__ == "DecompressionBombError":
            raise Refused("pixels", f"max_image_megapixels = {self.pixels // 1_000_000}")
        return False


def _check_pixels(image, limits: Limits) -> None:
    width, height = image.size
    if width * height > limits.max_image_megapixels * 1_000_000:
        raise Refused(
            "pixels",
            f"{width}×{height} > max_image_megapixels = {limits.max_image_megapixels}",
        )


def _check_size(data: bytes, limits: Limits) -> None:
    """Refuse a decompression bomb from its header (nothing is decoded)."""
    from PIL import Image

    try:
        with _pillow(limits), Image.open(io.BytesIO(data)) as image:
            _check_pixels(image, limits)
    except Refused:
        raise
    except Exception as error:  # a damaged image cannot be cleaned: refused
        raise Refused("damaged-image", type(error).__name__) from None


def _exif_categories(exif) -> set[str]:
    """What EXIF tells: the main directory's telling tags (the rest of it describes the
    picture itself, width, compression …), the GPS directory, the EXIF directory."""
    found = {EXIF_CATEGORIES[tag] for tag in exif if tag in EXIF_CATEGORIES}
    for ifd in (EXIF_IFD, GPS_IFD):
        try:
            inner = exif.get_ifd(ifd)
        except Exception:  # a damaged sub-directory
            inner = {}
        if ifd == GPS_IFD and inner:
            found.add("gps")
        for tag in inner if ifd == EXIF_IFD else ():
            found.add(EXIF_CATEGORIES.get(tag, "exif"))
    return found


def _container_categories(data: bytes) -> set[str]:
    try:
        if data.startswith(b"\xff\xd8"):
            return strip_jpeg(data)[1]
        if data.startswith(b"\x89PNG"):
            return strip_png(data)[1]
        if data.startswith(b"RIFF"):
            return strip_webp(data)[1]
        if data.startswith(b"GIF8"):
            return strip_gif(data)[1]
    except BadImage:
        return set()
    return set()


# ---------------------------------------------------------------- stripping


def published_image(data: bytes, kind: str, limits: Limits) -> bytes:
    """The bytes to publish: the image without its metadata (raises Refused)."""
    _check_size(data, limits)
    try:
        if kind == "tiff":
            return _resave_tiff(data, limits)
        if kind == "jpeg":
            if "orientation" in image_metadata(data, limits, strict=True):
                # Pillow carries some metadata into what it saves (the comment): strip
                # the new file as any other
                return strip_jpeg(_upright_jpeg(data, limits))[0]
            return strip_jpeg(data)[0]
        if kind == "png":
            return strip_png(data)[0]
        if kind == "webp":
            return strip_webp(data)[0]
        if kind == "gif":
            return strip_gif(data)[0]
    except Refused:
        raise
    except Exception as error:  # BadImage, or Pillow failing to decode what it must turn
        raise Refused("damaged-image", type(error).__name__) from None
    return data


def strip_jpeg(data: bytes) -> tuple[bytes, set[str]]:
    """Drop APP1 (EXIF, XMP), APP13 (IPTC), other APPn, COM and anything after EOI;
    keep JFIF, the ICC profile and Adobe's colour transform."""
    if not data.startswith(b"\xff\xd8"):
        raise BadImage("no SOI")
    out, removed, pos, size = [b"\xff\xd8"], set(), 2, len(data)
    while pos < size:
        if data[pos] != 0xFF:
            raise BadImage(f"no marker at {pos}")
        while pos + 1 < size and data[pos + 1] == 0xFF:
            pos += 1  # fill bytes
        if pos + 1 >= size:
            break
        marker = data[pos + 1]
        if marker == 0xD9:
            out.append(b"\xff\xd9")
            pos += 2
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out.append(data[pos : pos + 2])
            pos += 2
            continue
        if pos + 4 > size:
            raise BadImage("truncated segment")
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        end = pos + 2 + length
        if length < 2 or end > size:
            raise BadImage("truncated segment")
        category = _segment_category(marker, data[pos + 4 : end])
        if category:
            removed.add(category)
        else:
            out.append(data[pos:end])
        pos = end
        if marker == 0xDA:  # start of scan: copy the entropy-coded data
            scan_end = _scan_end(data, pos)
            out.append(data[pos:scan_end])
            pos = scan_end
    if data[pos:].strip(b"\x00"):
        removed.add("trailing")  # another image (MPF), or a file appended to the photo
    return b"".join(out), removed


def _segment_category(marker: int, payload: bytes) -> str:
    """Why a segment is dropped ("" to keep it)."""
    if marker == 0xE0:
        return "" if payload.startswith(b"JFIF\x00") else "thumbnail"
    if marker == 0xE1:
        if payload.startswith(b"Exif\x00"):
            return "exif"
        return "xmp" if payload.startswith(b"http://ns.adobe.com/") else "exif"
    if marker == 0xE2:
        return "" if payload.startswith(b"ICC_PROFILE\x00") else "trailing"
    if marker == 0xED:
        return "iptc"
    if marker == 0xEE:
        return "" if payload.startswith(b"Adobe") else "exif"
    if 0xE3 <= marker <= 0xEF:
        return "exif"
    if marker == 0xFE:
        return "comment"
    return ""


def _scan_end(data: bytes, pos: int) -> int:
    """Where the entropy-coded data after SOS ends: the next marker that is not a stuffed
    byte (FF00) or a restart marker (FFD0–FFD7)."""
    size = len(data)
    while True:
        found = data.find(b"\xff", pos)
        if found < 0 or found + 1 >= size:
            return size
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos = found + 1 if following == 0xFF else found + 2
            continue
        return found


PNG_DROP = {b"tEXt": "text", b"zTXt": "text", b"iTXt": "text", b"eXIf": "exif", b"tIME": "time"}
# Chunks that only describe the picture (PNG 3rd edition, APNG): everything else (a
# private chunk, an old "zxIf"/"exIf" EXIF chunk) may carry anything and is dropped.
PNG_KEEP = frozenset(
    {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT",
     b"sRGB", b"cICP", b"mDCV", b"cLLI", b"bKGD", b"hIST", b"pHYs", b"sPLT", b"acTL",
     b"fcTL", b"fdAT"}
)  # fmt: skip


def strip_png(data: bytes) -> tuple[bytes, set[str]]:
    """Drop text chunks (XMP lives in iTXt), eXIf and tIME; stop after IEND."""
    signature = b"\x89PNG\r\n\x1a\n"
    if not data.startswith(signature):
        raise BadImage("no PNG signature")
    out, removed, pos = [signature], set(), len(signature)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise BadImage("truncated chunk")
        if kind in PNG_DROP:
            xmp = kind == b"iTXt" and data[pos + 8 : pos + 8 + 18] == b"XML:com.adobe.xmp\x00"
            removed.add("xmp" if xmp else PNG_DROP[kind])
        elif kind not in PNG_KEEP:
            removed.add("other")
        else:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
    if data[pos:].strip(b"\x00"):
        removed.add("trailing")
    return b"".join(out), removed


WEBP_KEEP = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"})


def strip_webp(data: bytes) -> tuple[bytes, set[str]]:
    """Drop the EXIF and XMP chunks and clear their flags in VP8X."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise BadImage("not a WebP file")
    riff_end = min(8 + struct.unpack("<I", data[4:8])[0], len(data))
    chunks, removed, pos = [], set(), 12
    while pos + 8 <= riff_end:
        fourcc, length = struct.unpack("<4sI", data[pos : pos + 8])
        end = pos + 8 + length + (length & 1)
        if pos + 8 + length > riff_end:
            raise BadImage("truncated chunk")
        chunk = data[pos:end]
        if fourcc == b"EXIF":
            removed.add("exif")
        elif fourcc == b"XMP ":
            removed.add("xmp")
        elif fourcc not in WEBP_KEEP:
            removed.add("other")  # an unknown chunk may carry anything
        else:
            if fourcc == b"VP8X" and length >= 1:
                chunk = chunk[:8] + bytes([chunk[8] & ~0x0C]) + chunk[9:]
            chunks.append(chunk)
        pos = end
    if data[riff_end:].strip(b"\x00"):
        removed.add("trailing")
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body, removed


# Application extensions that only say how an animation loops.
GIF_KEEP_APPLICATIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


def strip_gif(data: bytes) -> tuple[bytes, set[str]]:
    """Drop comment extensions, application extensions other than the loop count (XMP
    lives in one) and anything after the trailer; images are copied byte for byte."""
    if not data.startswith((b"GIF87a", b"GIF89a")) or len(data) < 13:
        raise BadImage("no GIF header")
    pos = 13
    if data[10] & 0x80:
        pos += 3 << ((data[10] & 7) + 1)  # global colour table
    out, removed = [data[:pos]], set()
    while True:
        if pos >= len(data):
            raise BadImage("no trailer")
        block = data[pos]
        if block == 0x3B:
            out.append(b"\x3b")
            pos += 1
            break
        if block == 0x2C:
            if pos + 10 > len(data):
                raise BadImage("truncated image")
            end = pos + 10
            if data[pos + 9] & 0x80:
                end += 3 << ((data[pos + 9] & 7) + 1)  # local colour table
            end = _gif_sub_blocks(data, end + 1)  # after the LZW code size
            out.append(data[pos:end])
        elif block == 0x21 and pos + 1 < len(data):
            label = data[pos + 1]
            end = _gif_sub_blocks(data, pos + 2)
            if label == 0xFE:
                removed.add("comment")
            elif label == 0xFF and data[pos + 3 : pos + 14] not in GIF_KEEP_APPLICATIONS:
                xmp = data[pos + 3 : pos + 14] == b"XMP DataXMP"
                removed.add("xmp" if xmp else "other")
            else:
                out.append(data[pos:end])
        else:
            raise BadImage(f"unknown block at {pos}")
        pos = end
    if data[pos:].strip(b"\x00"):
        removed.add("trailing")
    return b"".join(out), removed


def _gif_sub_blocks(data: bytes, pos: int) -> int:
    """Where a chain of sub-blocks (length byte, bytes …, a zero length) ends."""
    while True:
        if pos >= len(data):
            raise BadImage("truncated sub-blocks")
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


def _upright_jpeg(data: bytes, limits: Limits) -> bytes:
    from PIL import Image, ImageOps, JpegImagePlugin

    with _pillow(limits), Image.open(io.BytesIO(data)) as image:
        _check_pixels(image, limits)
        sampling = JpegImagePlugin.get_sampling(image)
        icc = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        out = io.BytesIO()
        options = {"quality": 95, "optimize": False}
        if sampling in (0, 1, 2):
            options["subsampling"] = sampling
        if icc:
            options["icc_profile"] = icc
        upright.save(out, "JPEG", **options)
    return out.getvalue()


def _resave_tiff(data: bytes, limits: Limits) -> bytes:
    from PIL import Image, ImageSequence

    with _pillow(limits), Image.open(io.BytesIO(data)) as image:
        _check_pixels(image, limits)
        icc = image.info.get("icc_profile")
        frames = []
        for frame in ImageSequence.Iterator(image):
            frame.load()
            clean = Image.frombytes(frame.mode, frame.size, frame.tobytes())
            if frame.mode == "P":
                clean.putpalette(frame.getpalette() or [])
            frames.append(clean)
        out = io.BytesIO()
        options = {"compression": "tiff_adobe_deflate", "save_all": True}
        if len(frames) > 1:
            options["append_images"] = frames[1:]
        if icc:
            options["icc_profile"] = icc
        frames[0].save(out, "TIFF", **options)
    return out.getvalue()
