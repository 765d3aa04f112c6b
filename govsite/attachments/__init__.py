"""Attachments are checked as strictly as pages, and published only as safe files.

``read_attachment(data, name, limits)`` is the one entry point: a pure function of a
file's bytes, its name and the limits, returning plain data (:class:`AttachmentText`)
that a cache can keep under the file's hash. The format is sniffed from the bytes; the
name only matters for what a web server would make of it (an ``.html`` is served as a
page whatever it holds).
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple
from functools import lru_cache
from pathlib import Path, PurePosixPath

from govsite.attachments.model import (
    MIB,
    AttachmentText,
    Budget,
    Chunk,
    Limits,
    Refused,
    Unreadable,
)
from govsite.attachments.sniff import ACTIVE_SUFFIXES, sniff
from govsite.safepath import read_regular, regular_stat

__all__ = [
    "AttachmentText",
    "Chunk",
    "Limits",
    "cache_key",
    "load_attachment",
    "read_attachment",
    "sniff",
]
# Raise when a reader changes what it returns: cached results of older readers are stale.
READER_VERSION = 6

# Formats govsite recognises but cannot read: the reason key (messages) says what to do.
UNREADABLE = {
    "doc": "doc",
    "xls": "xls",
    "ppt": "ppt",
    "ole": "ole",
    "rtf": "rtf",
    "pptx": "pptx",
    "odf": "odf",
    "ofd": "ofd",
    "encrypted-office": "encrypted",
    "zip": "archive",
    "rar": "archive",
    "7z": "archive",
    "gzip": "archive",
    "bzip2": "archive",
    "xz": "archive",
    "damaged-zip": "damaged",
    "heic": "heic",
    "avif": "heic",
    "unknown": "unknown",
}
REFUSED = {"exe": "executable", "html": "html"}
AS_IS = frozenset({"bmp", "ico", "video", "audio"})  # published unchanged, nothing to read
STREAMS = frozenset({"video", "audio"})  # never read, so no size limit
HEAD = 65536
PARSED_AS = {".svg": "svg", ".xml": "xml"}  # served as image/svg+xml, application/xml


def cache_key(data: bytes, name: str, limits: Limits) -> str:
    """What ``read_attachment``'s result depends on: the bytes, the name's suffix (what a
    server serves it as), the limits and the readers' version."""
    return key_of_digest(hashlib.sha256(data).hexdigest(), name, limits)


def key_of_digest(digest: str, name: str, limits: Limits) -> str:
    """:func:`cache_key` of bytes whose SHA-256 is ``digest``."""
    suffix = PurePosixPath(name).suffix.lower()
    return f"{READER_VERSION}:{digest}:{suffix}:{_limits_text(limits)}"


@lru_cache(maxsize=16)
def _limits_text(limits: Limits) -> str:
    return ",".join(map(str, astuple(limits)))


def load_attachment(path: Path, name: str, limits: Limits) -> AttachmentText:
    """Read the file at ``path`` (the seam where a cache keyed by the file's hash fits);
    an ``OSError`` if it is no longer a regular file (never read through a link, never
    from a FIFO, which would wait for ever)."""
    size = regular_stat(path).st_size
    if size > limits.max_file_mib * MIB:
        kind = sniff(read_regular(path.parent, path.name, limit=HEAD))
        if kind in STREAMS:
            return AttachmentText(kind)
        return AttachmentText(kind, refused="size", detail=_size_detail(size, limits))
    return read_attachment(read_regular(path.parent, path.name), name, limits)


def read_attachment(data: bytes, name: str, limits: Limits | None = None) -> AttachmentText:
    """Everything govsite checks in one attachment; never raises for bad input."""
    limits = limits or Limits()
    if len(data) > limits.max_file_mib * MIB:
        kind = sniff(data[:HEAD])
        if kind in STREAMS:
            return AttachmentText(kind)
        return AttachmentText(kind, refused="size", detail=_size_detail(len(data), limits))
    kind = sniff(data)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in ACTIVE_SUFFIXES:
        return AttachmentText(kind, refused="active-name", detail=suffix)
    if kind in REFUSED:
        return AttachmentText(kind, refused=REFUSED[kind])
    if suffix in PARSED_AS and kind in ("text", "xml", "svg"):
        kind = PARSED_AS[suffix]  # a browser parses the file by its type, not its look
    if kind in UNREADABLE:
        return AttachmentText(kind, unreadable=UNREADABLE[kind])
    if kind == "video":
        return AttachmentText(kind, metadata=video_location(data))
    if kind in AS_IS:
        return AttachmentText(kind)
    try:
        return read_members_file(data, kind, limits, Budget(limits), 0)
    except Refused as refusal:
        return AttachmentText(kind, refused=refusal.reason, detail=refusal.detail)
    except Unreadable as reason:
        return AttachmentText(kind, unreadable=reason.reason, detail=reason.detail)
    except RecursionError:
        return AttachmentText(kind, refused="nesting")
    except MemoryError:
        return AttachmentText(kind, refused="memory")
    except Exception as error:  # a reader's bug must not stop the check: say so, never crash
        return AttachmentText(kind, unreadable="damaged", detail=type(error).__name__)


def read_members_file(
    data: bytes, kind: str, limits: Limits, budget: Budget, depth: int
) -> AttachmentText:
    """Dispatch on the sniffed ``kind`` (raises Refused, Unreadable)."""
    if kind == "docx":
        from govsite.attachments.docx import read_docx

        return read_docx(data, limits, budget, depth)
    if kind == "xlsx":
        from govsite.attachments.xlsx import read_xlsx

        return read_xlsx(data, limits, budget, depth)
    if kind == "pdf":
        from govsite.attachments.pdf import read_pdf

        return read_pdf(data, limits, budget)
    if kind in ("jpeg", "png", "webp", "tiff", "gif"):
        from govsite.attachments.images import read_image

        return read_image(data, kind, limits)
    from govsite.attachments import text

    if kind == "svg":
        return text.read_svg(data, budget)
    if kind == "xml":
        return text.read_xml(data, budget)
    if kind == "text":
        return text.read_text(data, budget)
    return AttachmentText(kind, unreadable="unknown")


# Where phones write the place a video was taken: QuickTime's ©xyz atom, Apple's
# ISO 6709 key, 3GPP's loci box.
VIDEO_LOCATION = (b"\xa9xyz", b"com.apple.quicktime.location.ISO6709", b"loci")


def video_location(data: bytes) -> tuple[tuple[str, str], ...]:
    """A video's recorded location is reported (it is not removed: govsite does not
    rewrite videos)."""
    if any(marker in data for marker in VIDEO_LOCATION):
        return (("location", "GPS"),)
    return ()


def _size_detail(size: int, limits: Limits) -> str:
    return f"{size / MIB:.1f} MiB > max_file_mib = {limits.max_file_mib}"
