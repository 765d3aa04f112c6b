"""The SHA-256 of each input file as the last run read it, with the file's status then.

Every check and build hashes every page, data file and media file of the site before
anything else (:func:`govsite.verdict.inputs`): 14,000 files, some 240 MB at 10,000
items, read again on every run although one or none has changed. A file whose status
(:func:`govsite.safepath.fingerprint`) is still the one recorded with its digest is not
read again: any write, ``chmod``, ``chown``, ``touch`` or replacement changes the status,
and its change time cannot be set back by a user. Files changed in the second before
they were read are not recorded ("racy", as git calls them: another change in the same
clock tick would keep the status), nor are files whose status was not taken. The trust
model is the output record's (:mod:`govsite.outputrecord`).

One record per site folder (by its real path), kept by every run that reads it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from govsite.cache import INPUTS, Cache, file_records, hash_text


def _key(root: Path) -> str:
    return hash_text("inputs", os.path.realpath(root))


def recorded(cache: Cache, root: Path) -> dict[str, tuple[str, tuple[int, ...]]]:
    """path -> (SHA-256, status) recorded for the site at ``root``; empty when there is
    no record or it is malformed."""
    key = _key(root)
    cache.used.add(f"{INPUTS}/{key}")
    return file_records(cache.load(INPUTS, key))


def record(
    cache: Cache,
    root: Path,
    hashed: Mapping[str, tuple[str, tuple[int, ...]]],
    before: Mapping[str, tuple[str, tuple[int, ...]]],
) -> None:
    """Record the digests and statuses of this run's ``hashed`` files (a file with no
    status, a racy one, is left out); nothing is written when they are ``before``'s."""
    kept = {rel: entry for rel, entry in hashed.items() if entry[1]}
    if kept == before:
        return
    flat: list[object] = []
    for rel in sorted(kept):
        digest, status = kept[rel]
        flat += [rel, digest, *status]
    key = _key(root)
    cache.store(INPUTS, key, tuple(flat))
    cache.used.add(f"{INPUTS}/{key}")
