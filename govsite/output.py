"""Writing the published files into the staging folder, recording the manifest as we go.

Hashing each file when it is written (instead of reading the tree back) keeps the
manifest free on large sites; refusing paths that climb out of the folder keeps any
content path from writing outside the site (SPEC 9).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from pathlib import Path, PurePosixPath

from govsite import __version__
from govsite.reuse import Reuse

MANIFEST = "manifest.json"


class StagingWriter:
    """Writes the published files into a staging folder: an empty one, or the previous
    output to start from (``reuse``), where a file already holding the right bytes is
    left alone and what this build does not write is deleted by :meth:`sweep`."""

    def __init__(self, folder: Path, reuse: Reuse | None = None):
        self.folder = folder
        self.files: dict[str, dict[str, object]] = {}
        self.reuse = reuse or Reuse(folder)
        self.manifest_bytes = b""

    def write(self, path: str, data: bytes) -> None:
        rel = _inside(path)
        digest = hashlib.sha256(data).hexdigest()
        self.files[rel] = {"sha256": digest, "size": len(data)}
        if not self.reuse.holds(rel, digest, len(data)):
            self.reuse.write(rel, data)

    def keep(self, path: str, digest: str, size: int) -> bool:
        """Publish the file staging holds at ``path`` if it has these bytes (SHA-256 and
        size), without them; False if it does not (then :meth:`write` them)."""
        rel = _inside(path)
        if not self.reuse.holds(rel, digest, size):
            return False
        self.files[rel] = {"sha256": digest, "size": size}
        return True

    def remove(self, path: str) -> None:
        """Delete a file from staging (and from the manifest), and the folders it empties."""
        self.files.pop(path, None)
        self.reuse.removed(path)
        target = self.folder / path
        if target.is_dir() and not target.is_symlink():
            return  # a folder the previous output had a file in: this build's now
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            target.unlink()
        for parent in target.parents:
            if parent == self.folder or not parent.is_relative_to(self.folder):
                break
            try:
                parent.rmdir()
            except OSError:
                break
            self.reuse.folder_removed(parent.relative_to(self.folder).as_posix())

    def sweep(self, keep=None) -> None:
        """Delete what the previous output left that this build did not write: all of
        it, and the folders left empty; or (``keep``) only the files ``keep`` does not
        protect yet: the pages the search index must not see go before it reads them."""
        for path in sorted(self.reuse.files.keys() - self.files.keys()):
            if path != MANIFEST and (keep is None or not keep(path)):
                self.remove(path)
        if keep is None:
            self._remove_empty_folders()

    def _remove_empty_folders(self) -> None:
        """Delete the folders the previous output had empty, and those that leaves empty.
        (A folder a deleted file leaves empty went with it: :meth:`remove`. Trying every
        folder instead cost some 11,000 failed system calls at 10,000 items.)"""
        todo = {folder for folder in self.reuse.empty if folder}
        while todo:
            parents = set()
            for folder in sorted(todo, key=len, reverse=True):
                try:
                    os.rmdir(self.folder / folder)  # only if empty
                except OSError:
                    continue
                self.reuse.folder_removed(folder)
                parent = folder.rpartition("/")[0]
                if parent:
                    parents.add(parent)
            todo = parents

    def write_manifest(self, as_of: dt.date) -> None:
        """SHA-256 and size of every other published file, for ``govsite verify`` (SPEC 8)."""
        document = {
            "version": 1,
            "generator": f"govsite {__version__}",
            "as_of": as_of.isoformat(),
            "files": dict(sorted(self.files.items())),
        }
        self.manifest_bytes = manifest_text(document).encode("utf-8")
        self.write(MANIFEST, self.manifest_bytes)

    def sign_manifest(self, key) -> None:
        """Write ``manifest.json.sig``, the detached Ed25519 signature of the manifest
        (not itself listed in the manifest; ``verify`` knows it)."""
        from govsite.signing import SIGNATURE_SUFFIX, sign

        (self.folder / (MANIFEST + SIGNATURE_SUFFIX)).write_bytes(sign(key, self.manifest_bytes))


def manifest_text(document: dict) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)`` and a newline.
    With an indent, ``json`` leaves its C encoder for its Python one (0.14 s for the 26,000
    files of a 10,000-item portal); the entries of files, all alike, are written here
    (0.02 s), each string still quoted by ``json``."""
    files = document.get("files")
    plain = isinstance(files, dict) and all(
        isinstance(path, str)
        and isinstance(entry, dict)
        and entry.keys() == {"sha256", "size"}
        and isinstance(entry["sha256"], str)
        and type(entry["size"]) is int
        for path, entry in files.items()
    )
    if not plain or not files:
        return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    quote = json.JSONEncoder(ensure_ascii=False).encode
    entries = ",\n".join(
        f'  {quote(path)}: {{\n   "sha256": {quote(entry["sha256"])},\n   "size": {entry["size"]}\n  }}'
        for path, entry in sorted(files.items())
    )
    marker = "\0files\0"
    outline = json.dumps(
        {**document, "files": marker}, ensure_ascii=False, indent=1, sort_keys=True
    )
    return outline.replace(quote(marker), "{\n" + entries + "\n }", 1) + "\n"


def _inside(path: str) -> str:
    """``path`` as the manifest names it, if it stays inside the output."""
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ValueError(f"refusing to write outside the output: {path}")
    return relative.as_posix()


class LiveWriter(StagingWriter):
    """Writes into a folder a server is reading from: unchanged files are left alone, and
    each changed file is replaced in one step, so no request ever sees half a page."""

    def __init__(self, folder: Path):
        super().__init__(folder)
        self.changed: list[str] = []

    def write(self, path: str, data: bytes) -> None:
        relative = PurePosixPath(_inside(path))
        target = self.folder / relative
        self.files[relative.as_posix()] = {"size": len(data)}
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.govsite-tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        self.changed.append(relative.as_posix())

    def remove_others(self) -> None:
        """Delete every file this writer did not write (after a full rebuild)."""
        for path in sorted(self.folder.rglob("*"), reverse=True):
            relative = path.relative_to(self.folder).as_posix()
            if path.is_file() and relative not in self.files:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
