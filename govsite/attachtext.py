"""Attachment text, extracted once per file content: by the SHA-256 of the file's bytes,
in memory for this run and in the persistent cache across runs.

Extraction is a pure function of the bytes, so the result is reused whatever the file
is called and wherever it moves; a changed file is a new key. Both outcomes are kept:
the chunks, or the reason the file is unreadable (AT001).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from govsite.attachments import Chunk, UnreadableAttachment, chunks
from govsite.cache import Cache, hash_text
from govsite.content.model import Problem

T = TypeVar("T")

EXTRACTOR = "attachment-chunks-1"  # change when extraction changes what it returns
Outcome = tuple[str, tuple[Chunk, ...] | str]  # ("ok", chunks) | ("unreadable", reason)

_MEMORY: dict[str, Outcome] = {}
_JUDGED: dict[str, list] = {}  # problems found in an attachment, by judge key
_ACTIVE: list[Cache | None] = [None]
_SITE_KEY = [""]  # the site inputs the judgement depends on (rule pack, config, language)


def use_cache(cache: Cache | None, site_key: str = "") -> None:
    """Make ``cache`` the persistent store for this process (None: memory only);
    ``site_key`` covers what judging an attachment reads besides its bytes."""
    _ACTIVE[0] = cache
    _SITE_KEY[0] = site_key
    _MEMORY.clear()
    _JUDGED.clear()


def problems(path: Path, judge: Callable[[Path], list[T]]) -> list[T]:
    """``judge(path)`` (the problems a site rule finds in one attachment), remembered by
    the file's content and the site inputs, so an unchanged attachment is judged once.
    Without a site key (no cache in use), only for this run."""
    if not _SITE_KEY[0]:
        return judge(path)  # no run set up (the live preview): nothing to key it by
    key = judge_key(path.read_bytes())
    found = _JUDGED.get(key)
    cache = _ACTIVE[0]
    if found is None and cache is not None:
        stored = cache.load("judged", key)
        if isinstance(stored, list) and all(isinstance(p, Problem) for p in stored):
            found = stored
    if found is None:
        found = judge(path)
        if cache is not None:
            cache.store("judged", key, found)
    _JUDGED[key] = found
    return list(found)


def judge_key(data: bytes) -> str:
    return hash_text(EXTRACTOR, _SITE_KEY[0], hashlib.sha256(data).hexdigest())


def remember_judged(key: str, found: list) -> None:
    """Keep problems judged elsewhere (a worker process) for this run."""
    _JUDGED[key] = found


def judged_key(path: Path) -> str | None:
    """The judge key of a file, or None when it cannot be read."""
    try:
        return judge_key(path.read_bytes())
    except OSError:
        return None


def entries_of(path: Path) -> tuple[str, ...]:
    """The cache entries (kind/key) that hold this file's text and problems."""
    try:
        data = path.read_bytes()
    except OSError:
        return ()
    return (f"attachment/{key_of(data)}", f"judged/{judge_key(data)}")


def is_judged(key: str) -> bool:
    cache = _ACTIVE[0]
    return key in _JUDGED or (
        cache is not None and (cache.folder / "judged" / key[:2] / key).is_file()
    )


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
