"""The state of an output folder: the status of every file and folder in it.

A build compares it with the state its last build left (govsite.rebuild: nothing to do
when neither the inputs nor the output changed) and records each file's status when it
ends (govsite.outputrecord). This module imports the standard library and govsite's
path checks only, so ``python -m govsite.outputwalk OUT`` starts in a few hundredths
of a second: a build runs it in a fresh process rather than fork a large one.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from govsite.safepath import fingerprint


@dataclass(frozen=True)
class Walked:
    """An output as a walk found it: the digest of its state ("" when it cannot be
    read), its folder's inode and, when asked for, each regular file's status."""

    state: str = ""
    folder: int = 0
    statuses: dict[str, tuple[int, ...]] = field(default_factory=dict)
    latest: int = 0  # the latest change time of the folder and of anything in it


def output_state(out: Path, files: bool = False) -> Walked:
    """The digest of the status of ``out`` and of every file and folder in it (links are
    listed, never followed); with ``files`` the status of each regular file too."""
    digest = hashlib.sha256()
    statuses: dict[str, tuple[int, ...]] = {}
    try:
        top = os.stat(out, follow_symlinks=False)
        digest.update(_status("", fingerprint(top)))
        latest = top.st_ctime_ns
        folders = [(os.fspath(out), "")]
        while folders:
            folder, prefix = folders.pop()
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
            for entry in entries:
                info = entry.stat(follow_symlinks=False)
                rel = prefix + entry.name
                status = fingerprint(info)
                digest.update(_status(rel, status))
                latest = max(latest, info.st_ctime_ns)
                if stat.S_ISDIR(info.st_mode):
                    folders.append((entry.path, rel + "/"))
                elif files and stat.S_ISREG(info.st_mode):
                    statuses[rel] = status
    except OSError:
        return Walked()
    return Walked(digest.hexdigest(), top.st_ino, statuses, latest)


def _status(rel: str, status: tuple[int, ...]) -> bytes:
    return f"{rel}\0{status}\n".encode("utf-8", "surrogateescape")


def encode_walk(walked: Walked) -> bytes:
    return marshal.dumps((walked.state, walked.folder, walked.statuses, walked.latest))


def decode_walk(data: bytes) -> Walked:
    """What :func:`encode_walk` sent; an empty walk (no state) if it is not that."""
    try:
        state, folder, statuses, latest = marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return Walked()
    if not (isinstance(state, str) and len(state) == 64 and isinstance(folder, int)):
        return Walked()
    if type(latest) is not int:
        return Walked()
    return Walked(state, folder, statuses if isinstance(statuses, dict) else {}, latest)


def main(argv: list[str]) -> int:
    """Write the walk of the folder ``argv[0]``, with each file's status, to stdout."""
    if len(argv) != 1:
        return 2
    sys.stdout.buffer.write(encode_walk(output_state(Path(argv[0]), files=True)))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
