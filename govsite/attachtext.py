"""Attachment text, extracted once per file content: by the SHA-256 of the file's bytes,
in memory for this run and in the persistent cache across runs.

Extraction is a pure function of the bytes, so the result is reused whatever the file
is called and wherever it moves; a changed file is a new key. Both outcomes are kept:
the chunks, or the reason the file is unreadable (AT001).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from govsite.attachments import Chunk, UnreadableAttachment, chunks
from govsite.cache import Cache, hash_text

EXTRACTOR = "attachment-chunks-1"  # change when extraction changes what it returns
Outcome = tuple[str, tuple[Chunk, ...] | str]  # ("ok", chunks) | ("unreadable", reason)

_MEMORY: dict[str, Outcome] = {}
_ACTIVE: list[Cache | None] = [None]


def use_cache(cache: Cache | None) -> None:
    """Make ``cache`` the persistent store for this process (None: memory only)."""
    _ACTIVE[0] = cache
    _MEMORY.clear()


def key_of(data: bytes) -> str:
    return hash_text(EXTRACTOR, hashlib.sha256(data).hexdigest())


def outcome(path: Path) -> tuple[str, Outcome]:
    """(key, outcome) for the file at ``path``, from memory, the cache or extraction."""
    data = path.read_bytes()
    key = key_of(data)
    found = _MEMORY.get(key)
    cache = _ACTIVE[0]
    if found is None and cache is not None:
        stored = cache.load("attachment", key)
        if _valid(stored):
            found = stored
    if found is None:
        found = _extract(path)
        if cache is not None:
            cache.store("attachment", key, found)
    _MEMORY[key] = found
    return key, found


def remember(key: str, found: Outcome) -> None:
    """Keep an outcome computed elsewhere (a worker process) for this run."""
    _MEMORY[key] = found


def text_chunks(path: Path) -> list[Chunk]:
    """The attachment's text chunks (raises :class:`UnreadableAttachment`)."""
    _, (status, value) = outcome(path)
    if status == "unreadable":
        raise UnreadableAttachment(str(value))
    return list(value)  # type: ignore[arg-type]


def _extract(path: Path) -> Outcome:
    try:
        return ("ok", tuple(chunks(path)))
    except UnreadableAttachment as error:
        return ("unreadable", str(error))


def _valid(stored: object) -> bool:
    if not isinstance(stored, tuple) or len(stored) != 2:
        return False
    status, value = stored
    if status == "unreadable":
        return isinstance(value, str)
    return (
        status == "ok"
        and isinstance(value, tuple)
        and all(
            isinstance(c, Chunk)
            and isinstance(c.text, str)
            and isinstance(c.position, int)
            and isinstance(c.unit, str)
            for c in value
        )
    )
