"""What of a previous output can stay where it is: the spare output as a starting point.

A build with a cache keeps the output it replaces beside the new one (the *spare*, see
:mod:`govsite.publish`). The next build starts from it instead of from an empty folder:
a file whose bytes are already what the build would write is left alone, so a no-op or
one-file build writes a handful of files instead of every page of the portal.

Trust is earned file by file, never assumed. A file is kept only when

* the spare's ``manifest.json`` (written by the build that produced it) lists it with
  the SHA-256 of the bytes the build would write now,
* its size is the listed size, and
* its inode was last changed no later than the manifest: anything that wrote to it
  afterwards (an editor on the server, a build killed half-way) makes it newer, and it
  is written again.

A spare holding anything but folders and regular files with one name each (a symbolic
or hard link could turn a write into one outside the output) is not used at all. Files a build does not write are
deleted before the swap, so the result is byte for byte what a clean build writes.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "manifest.json"


@dataclass
class Reuse:
    """The files found in a staging folder made from the spare, and those trusted."""

    present: set[str] = field(default_factory=set)  # every file, relative, posix
    folders: set[str] = field(default_factory=set)  # every folder ("" is the top)
    trusted: dict[str, str] = field(default_factory=dict)  # path -> SHA-256 it holds

    def holds(self, path: str, digest: str) -> bool:
        """Whether the file at ``path`` already holds the bytes with this SHA-256."""
        return self.trusted.get(path) == digest

    def wrote(self, path: str, digest: str | None) -> None:
        """Record what a write left at ``path`` (``None``: unknown, never trusted)."""
        self.present.add(path)
        if digest is None:
            self.trusted.pop(path, None)
        else:
            self.trusted[path] = digest

    def removed(self, path: str) -> None:
        self.present.discard(path)
        self.trusted.pop(path, None)


def scan(folder: Path) -> Reuse | None:
    """What ``folder`` (a spare renamed to a staging folder) holds and which of its files
    can be trusted; None if it cannot be used (no manifest of its own, or anything in it
    that is neither a folder nor a regular file)."""
    present: dict[str, os.stat_result] = {}
    folders: set[str] = {""}
    pending = [("", str(folder))]
    while pending:
        prefix, directory = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:
            return None
        for entry in entries:
            rel = prefix + entry.name
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                return None
            if stat.S_ISDIR(info.st_mode):
                folders.add(rel)
                pending.append((rel + "/", entry.path))
            elif stat.S_ISREG(info.st_mode) and info.st_nlink == 1:
                present[rel] = info
            else:  # a link (symbolic or hard), a pipe, a device: start from an empty folder
                return None
    manifest = present.get(MANIFEST)
    listed = _listed(folder / MANIFEST) if manifest is not None else None
    if manifest is None or listed is None:
        return None
    written = manifest.st_ctime_ns
    trusted = {
        rel: digest
        for rel, (digest, size) in listed.items()
        if rel in present and present[rel].st_size == size and present[rel].st_ctime_ns <= written
    }
    return Reuse(set(present), folders, trusted)


def _listed(path: Path) -> dict[str, tuple[str, int]] | None:
    """``path -> (sha256, size)`` from a manifest govsite wrote, or None."""
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    files = document.get("files") if isinstance(document, dict) else None
    if not isinstance(files, dict) or not str(document.get("generator", "")).startswith("govsite"):
        return None
    listed = {}
    for rel, entry in files.items():
        if not isinstance(entry, dict):
            continue
        digest, size = entry.get("sha256"), entry.get("size")
        if isinstance(digest, str) and len(digest) == 64 and isinstance(size, int):
            listed[rel] = (digest, size)
    return listed
