"""What each output folder held when its build ended: for every file, the SHA-256 the
build wrote and the file's status right after (:func:`govsite.safepath.fingerprint`).

A build with a cache starts from the spare, the output of the build before last
(:mod:`govsite.reuse`), and leaves alone each file that already holds what it would
write. Reading and hashing all of them (240 MB at 10,000 items) was about a tenth of a
one-file rebuild. A file whose status is still the one recorded when its build ended is
not read again: any write, ``chmod``, ``chown``, ``touch`` or replacement changes the
status, and its change time cannot be set back by a user, so the same status is the
same bytes. Any other file is read and hashed as before.

An output folder keeps its inode when it is swapped in and out and adopted again (all
renames), so a record is found by the output's path and the folder's inode. There are
two folders per output (the output and its spare); a build keeps the records of both
and the cache prunes the others with the build's other entries.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from govsite.cache import OUTPUTS, Cache, file_records, hash_text
from govsite.publish import spare_of

_CHANGED = 4  # where a fingerprint holds the change time (safepath.fingerprint)


def _key(out: Path, folder: int) -> str:
    return hash_text(os.path.realpath(out), str(folder))


def keep_in_use(cache: Cache, out: Path) -> None:
    """Keep the records of the output and its spare through this run's pruning."""
    for folder in (out, spare_of(out)):
        try:
            inode = os.stat(folder, follow_symlinks=False).st_ino
        except OSError:
            continue
        cache.used.add(f"{OUTPUTS}/{_key(out, inode)}")


def record(
    cache: Cache,
    out: Path,
    folder: int,
    written: Mapping[str, Mapping[str, object]],
    statuses: Mapping[str, tuple[int, ...]],
    swapped: int = 0,
) -> None:
    """Record the output ``out`` (its folder's inode ``folder``): what the build wrote
    (its manifest entries) and the status each such file has now. The statuses are taken
    after the swap, while the inputs are compared again: only a file changed last before
    ``swapped`` (the change time the swap gave the output folder) is recorded, so a file
    edited in the live output meanwhile is not vouched for with the build's digest (a
    change then gets a change time no earlier than the swap's). A file the build wrote
    in the swap's clock tick is read again next time."""
    flat: list[object] = []
    for rel in sorted(written):
        status = statuses.get(rel)
        digest = written[rel].get("sha256")
        if status is None or status[_CHANGED] >= swapped:
            continue  # changed since the swap, or in its clock tick
        if isinstance(digest, str):
            flat += [rel, digest, *status]
    key = _key(out, folder)
    cache.store(OUTPUTS, key, tuple(flat))
    cache.used.add(f"{OUTPUTS}/{key}")


def recorded(cache: Cache, out: Path, folder: int) -> dict[str, tuple[str, tuple]]:
    """path -> (SHA-256, status) of the files recorded for the folder with inode
    ``folder`` of output ``out``; empty when there is no record or it is malformed."""
    return file_records(cache.load(OUTPUTS, _key(out, folder)))
