"""Attachments read once per file content: :func:`read` is ``load_attachment`` remembered
by ``cache_key`` (the file's SHA-256, its suffix, the ``[attachments]`` limits and the
readers' version), in memory for this run and in the persistent cache across runs.

Reading is a pure function of those, so the result is reused whatever the file is called
and wherever it moves; a changed file is a new key. Worker processes read the files that
are not known yet before the site rules run (see ``govsite.pipeline``) and hand their
results over with :func:`remember`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from govsite.attachments import cache_key, key_of_digest, load_attachment, read_attachment
from govsite.attachments.model import MIB, AttachmentText, Chunk, Limits
from govsite.cache import Cache, hash_text
from govsite.content.model import Problem
from govsite.safepath import fingerprint, read_regular, regular_stat

T = TypeVar("T")

_MEMORY: dict[str, AttachmentText] = {}
_KEYS: dict[int, str] = {}  # id of a text in _MEMORY -> its key
_JUDGED: dict[str, list] = {}
_ACTIVE: list[Cache | None] = [None]
_SEEN: dict[tuple, str] = {}  # a file's identity -> its key, while this run reads it twice
_SITE_KEY = [""]  # what judging reads besides the text (rule pack, site.toml, language)


def _identity(path: Path, info: os.stat_result, name: str, limits: Limits) -> tuple:
    """A file as this run has seen it: the same path and fingerprint are the same bytes
    (a rewrite changes the change time)."""
    return (str(path), fingerprint(info), name, limits)


def use_cache(cache: Cache | None, site_key: str = "") -> None:
    """Make ``cache`` the persistent store for this process (None: memory only);
    ``site_key`` (:func:`govsite.cache.site_key`) lets :func:`judged` remember findings."""
    _ACTIVE[0] = cache
    _SITE_KEY[0] = site_key
    _MEMORY.clear()
    _KEYS.clear()
    _JUDGED.clear()
    _SEEN.clear()


def judged(text: AttachmentText, label: str, judge: Callable[[], list[T]]) -> list[T]:
    """``judge()``: what a rule finds in one attachment's text, remembered by the text's
    key and the site inputs (a function of both). Without them, computed every time."""
    key = _KEYS.get(id(text))
    if key is None or not _SITE_KEY[0] or _MEMORY.get(key) is not text:
        return judge()
    entry = hash_text(_SITE_KEY[0], label, key)
    found = _JUDGED.get(entry)
    cache = _ACTIVE[0]
    if found is None and cache is not None:
        stored = cache.load("judged", entry)
        if isinstance(stored, list) and all(isinstance(p, Problem) for p in stored):
            found = stored
    if found is None:
        found = judge()
        if cache is not None:
            cache.store("judged", entry, found)
    elif cache is not None:
        cache.used.add(f"judged/{entry}")
    _JUDGED[entry] = found
    return list(found)


def read(path: Path, name: str, limits: Limits) -> AttachmentText:
    """What ``load_attachment(path, name, limits)`` returns, read at most once per content."""
    return read_keyed(path, name, limits)[1]


def read_keyed(path: Path, name: str, limits: Limits) -> tuple[str | None, AttachmentText]:
    """(key, text); the key is None for a file over the size limit (not read whole)."""
    info = regular_stat(path)  # never through a link, never a FIFO
    if info.st_size > limits.max_file_mib * MIB:
        return None, load_attachment(path, name, limits)
    data = None
    key = _SEEN.get(_identity(path, info, name, limits))
    if key is None:
        data = read_regular(path.parent, path.name)
        key = hash_text(cache_key(data, name, limits))
    found = _MEMORY.get(key)
    cache = _ACTIVE[0]
    if found is None and cache is not None:
        stored = cache.load("attachment", key)
        if _valid(stored):
            found = stored  # type: ignore[assignment]
    if found is None:
        if data is None:  # read now: what is read is what the key is of
            data = read_regular(path.parent, path.name)
            key = hash_text(cache_key(data, name, limits))
        found = read_attachment(data, name, limits)
        if cache is not None:
            cache.store("attachment", key, found)
    _MEMORY[key] = found
    _KEYS[id(found)] = key
    return key, found


def known(
    root: Path,
    paths: Sequence[str],
    limits: Limits,
    judged_by: Sequence[str] = (),
    hashed: Mapping[str, tuple[str, tuple[int, ...]]] | None = None,
) -> list[tuple[str, str | None, bool]]:
    """``(path, key, ready)`` of each attachment: its key (None if over the size limit or
    unreadable) and whether its text is in memory now. What the cache holds of them is
    loaded at once, a few queries for all (one per file was a tenth of a warm check of
    4,000 attachments), with what the rules ``judged_by`` found in each. ``hashed``:
    path -> (SHA-256, fingerprint) of files this run hashed already; one that still has
    that fingerprint is not read again (reading 4,000 attachments again was a twentieth
    of a one-file rebuild)."""
    cache = _ACTIVE[0]
    hashed = hashed or {}
    found = []
    for rel in paths:
        path = root / rel
        try:
            info = regular_stat(path)
            if info.st_size > limits.max_file_mib * MIB:
                found.append((rel, None, True))
                continue
            earlier = hashed.get(rel)
            if earlier is not None and earlier[1] == fingerprint(info):
                key = hash_text(key_of_digest(earlier[0], rel, limits))
            else:
                data = read_regular(path.parent, path.name)
                key = hash_text(cache_key(data, rel, limits))
        except OSError:
            found.append((rel, None, True))
            continue
        _SEEN[_identity(path, info, rel, limits)] = key
        found.append((rel, key, False))
    if cache is not None:
        wanted = list({key for _, key, _ in found if key is not None and key not in _MEMORY})
        for key, stored in cache.load_many("attachment", wanted).items():
            if _valid(stored):
                remember(key, stored)
        if _SITE_KEY[0]:
            entries = {
                hash_text(_SITE_KEY[0], label, key): key
                for label in judged_by
                for _, key, _ in found
                if key is not None and key in _MEMORY
            }
            for entry, stored in cache.load_many("judged", list(entries)).items():
                if isinstance(stored, list) and all(isinstance(p, Problem) for p in stored):
                    _JUDGED[entry] = stored
    return [(rel, key, key is None or key in _MEMORY) for rel, key, _ in found]


def forget(key: str) -> None:
    """Drop a result from memory (a worker, once it has handed it over)."""
    text = _MEMORY.pop(key, None)
    if text is not None:
        _KEYS.pop(id(text), None)


def release() -> None:
    """Drop every attachment read from memory (after the site rules; the cache keeps them)."""
    _MEMORY.clear()
    _KEYS.clear()
    _JUDGED.clear()


def remember(key: str, text: AttachmentText) -> None:
    """Keep a result read elsewhere (a worker process) for this run."""
    _MEMORY[key] = text
    _KEYS[id(text)] = key


def _valid(stored: object) -> bool:
    return (
        isinstance(stored, AttachmentText)
        and isinstance(stored.kind, str)
        and isinstance(stored.chunks, tuple)
        and all(isinstance(c, Chunk) and isinstance(c.text, str) for c in stored.chunks)
    )
