"""What of a previous output can stay where it is: the spare output as a starting point.

A build with a cache keeps the output it replaces beside the new one (the *spare*, see
:mod:`govsite.publish`). The next build starts from it instead of from an empty folder:
a file whose bytes are already what the build would write is left alone, so a no-op or
one-file build writes a handful of files instead of every page of the portal.

Nothing about the spare is taken on trust, not even its own manifest: a file is left
alone only when it has the owner and mode a newly written file gets and holds what the
build would write: either its status (inode, size, times) is still the one recorded
when the build that wrote it ended (:mod:`govsite.outputrecord`: any write, ``touch``
or ``chmod`` since changes the change time, which no user can set back), or its bytes,
read now, hash to it. Anything else is deleted and written anew (a new file, so the mode
a clean build gives it). No edit on the server, ``touch``, ``chmod`` or killed build
can make a stale file look right.

A spare holding anything but folders and regular files with one name each (a symbolic
or hard link could turn a write into one outside the output), or a folder someone else
owns, is not used at all; folders get the mode a clean build gives them. Files a build does not write, and folders
left empty, are deleted before the swap, so the result is byte for byte (and mode for
mode) what a clean build writes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from govsite.safepath import fingerprint


def new_modes() -> tuple[int, int]:
    """The modes this process gives a new file and a new folder (its umask applied)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask, 0o777 & ~mask


@dataclass
class Reuse:
    """The files and folders of a staging folder made from the spare."""

    folder: Path | None = None
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (size, mode)
    folders: set[str] = field(default_factory=set)  # every folder ("" is the top)
    file_mode: int = 0o644
    vouched: dict[str, str] = field(default_factory=dict)  # path -> SHA-256 its status vouches for
    empty: set[str] = field(default_factory=set)  # folders with nothing in them when scanned

    def holds(self, path: str, digest: str, size: int) -> bool:
        """Whether the file at ``path`` holds, now, the bytes with this SHA-256 and size
        (and the mode of a new file)."""
        found = self.files.get(path)
        if found is None or found != (size, self.file_mode) or self.folder is None:
            return False
        if self.vouched.get(path) == digest:
            return True  # its status is the one recorded with these bytes
        try:
            with open(self.folder / path, "rb") as handle:
                data = handle.read(size + 1)
        except OSError:
            return False
        return len(data) == size and hashlib.sha256(data).hexdigest() == digest

    def clear(self, path: str) -> None:
        """Make room for a new file at ``path``: delete what the spare has there (a
        file, or a folder), or a file of it where one of the new file's folders goes."""
        if self.folder is None:
            return
        if path in self.files:
            (self.folder / path).unlink(missing_ok=True)  # a new file gets a new mode
            self.removed(path)
        elif path in self.folders:  # rare: forget what was below it
            shutil.rmtree(self.folder / path, ignore_errors=True)
            below = path + "/"
            # in place, from snapshots (list() copies at once): the search indexer's
            # threads write through this object while the pages are written
            for gone in [f for f in list(self.folders) if f == path or f.startswith(below)]:
                self.folders.discard(gone)
            for gone in [f for f in list(self.files) if f.startswith(below)]:
                self.removed(gone)
        else:
            for ancestor in _ancestors(path):
                if ancestor in self.files:
                    (self.folder / ancestor).unlink(missing_ok=True)
                    self.removed(ancestor)
                    break

    def write(self, path: str, data: bytes) -> None:
        """Write a new file at ``path`` (what stood in its way deleted first); a folder
        known to exist is not made again."""
        assert self.folder is not None
        self.clear(path)
        target = self.folder / path
        if path.rpartition("/")[0] not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.wrote(path, len(data))

    def wrote(self, path: str, size: int) -> None:
        """Record a file written at ``path`` (for :meth:`holds` and the final sweep)."""
        self.files[path] = (size, self.file_mode)
        self.vouched.pop(path, None)  # its bytes are what the build says, not the record
        self.folders.update(_ancestors(path))

    def removed(self, path: str) -> None:
        self.files.pop(path, None)
        self.vouched.pop(path, None)

    def folder_removed(self, path: str) -> None:
        self.folders.discard(path)


def _ancestors(path: str) -> list[str]:
    """The folders above ``path``, nearest first (not the top)."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]


def scan(folder: Path, recorded: Mapping[str, tuple[str, tuple]] | None = None) -> Reuse | None:
    """What ``folder`` (a spare renamed to a staging folder) holds; None if it cannot be
    used (anything in it that is neither a folder nor a regular file with one name).
    ``recorded``: path -> (SHA-256, status) when the build that wrote it ended."""
    recorded = recorded or {}
    vouched: dict[str, str] = {}
    file_mode, folder_mode = new_modes()
    owner = os.geteuid()
    files: dict[str, tuple[int, int]] = {}
    folders: set[str] = set()
    empty: set[str] = set()
    pending = [("", str(folder))]
    while pending:
        rel, directory = pending.pop()
        try:
            info = os.stat(directory, follow_symlinks=False)
            if info.st_uid != owner:
                return None  # someone else's folder: whoever owns it may change it under us
            if stat.S_IMODE(info.st_mode) != folder_mode:
                os.chmod(directory, folder_mode)  # what a clean build's folder has
            entries = list(os.scandir(directory))
        except OSError:
            return None
        folders.add(rel)
        if not entries and rel:
            empty.add(rel)
        prefix = rel + "/" if rel else ""
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                return None
            if stat.S_ISDIR(info.st_mode):
                pending.append((prefix + entry.name, entry.path))
            elif stat.S_ISREG(info.st_mode) and info.st_nlink == 1:
                mode = stat.S_IMODE(info.st_mode) if info.st_uid == owner else -1  # not kept
                files[prefix + entry.name] = (info.st_size, mode)
                known = recorded.get(prefix + entry.name)
                if known is not None and known[1] == fingerprint(info):
                    vouched[prefix + entry.name] = known[0]
            else:  # a link (symbolic or hard), a pipe, a device: start from an empty folder
                return None
    return Reuse(folder, files, folders, file_mode, vouched, empty)
