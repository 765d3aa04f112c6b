"""Opening a .docx or .xlsx without trusting it: a zip bomb is refused before a byte is
inflated.

Every member's declared size is checked against the limits first (count, total,
compression ratio); reads then stop at the declared size, so a member that lies about
its size cannot inflate past it either (Python's zipfile ends a member at its declared
size and checks its CRC).
"""

from __future__ import annotations

import io
import zipfile

from govsite.attachments.model import MIB, Limits, Refused, Unreadable

RATIO_FLOOR = MIB  # members smaller than this are never refused for their ratio
CHUNK = 1 << 20


def member_records(data: bytes) -> int | None:
    """How many records the central directory holds, counted by their signatures without
    parsing them (an upper bound: Python's zipfile builds an object per record, so 600,000
    empty members took 12 s and 400 MB before the count could be checked). None when
    there is no end record."""
    try:
        end = zipfile._EndRecData(io.BytesIO(data))  # type: ignore[attr-defined]
    except Exception:  # a damaged end record: zipfile reports it
        return None
    if not end:
        return None
    size = end[zipfile._ECD_SIZE]  # type: ignore[attr-defined]
    start = end[zipfile._ECD_LOCATION] - size  # type: ignore[attr-defined]
    if end[zipfile._ECD_SIGNATURE] == zipfile.stringEndArchive64:  # type: ignore[attr-defined]
        start -= zipfile.sizeEndCentDir64 + zipfile.sizeEndCentDir64Locator  # type: ignore[attr-defined]
    if start < 0:
        return None
    return data[start : start + size].count(b"PK\x01\x02")


def open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The archive, after checking what its central directory declares."""
    records = member_records(data)
    if records is not None and records > limits.max_members:
        raise Refused("members", f"{records} > max_members = {limits.max_members}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except Exception:  # BadZipFile, an unsupported version, a truncated directory …
        raise Unreadable("damaged") from None
    if len(members) > limits.max_members:
        raise Refused("members", f"{len(members)} > max_members = {limits.max_members}")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise Unreadable("encrypted")
        total += member.file_size
        if total > limits.max_unpacked_mib * MIB:
            raise Refused("unpacked", f"max_unpacked_mib = {limits.max_unpacked_mib}")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > limits.max_ratio:
            raise Refused(
                "ratio", f"{member.filename}: {ratio:.0f} > max_ratio = {limits.max_ratio}"
            )
    for member in members:
        _verify(archive, member)
    return archive


def _verify(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Inflate a member in small steps to check it holds what it declares: zipfile stops
    at the declared size and checks the CRC, so a member that lies fails here."""
    if member.is_dir():
        return
    try:
        with archive.open(member) as stream:
            while stream.read(CHUNK):
                pass
    except zipfile.BadZipFile:
        raise Refused("declared", member.filename) from None
    except Exception as error:  # zlib.error, an unsupported method …
        raise Unreadable("damaged", f"{member.filename}: {type(error).__name__}") from None


def read_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """A member's bytes (None if absent); never more than its declared size."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    try:
        with archive.open(info) as stream:
            data = stream.read(info.file_size + 1)
    except Exception as error:  # zlib.error, a bad CRC: the member is not what it says
        raise Unreadable("damaged", f"{name}: {type(error).__name__}") from None
    if len(data) > info.file_size:
        raise Refused("unpacked", f"{name}: larger than declared")
    return data
