"""The persistent build cache (``.govsite-cache/`` in the site, or ``--cache DIR``).

What one page's work produced (its parsed front matter, rendering facts, page-rule
findings and article HTML) is stored under a key that hashes **everything that work
reads**: the page's bytes and path, and the *site inputs* listed in :func:`site_inputs`
(govsite's own code and version, ``site.toml``, templates, the rule pack, the language,
the libraries that parse and render, ``--as-of`` when a page rule reads it). Adding a
new input to per-page work means adding one line there. A page's links are the one
input that comes from other pages: an entry records what each link resolved to, and is
reused only while they all resolve the same way (see :mod:`govsite.pipeline`).

Attachment text is stored by the SHA-256 of the file's bytes, search bundles by a hash
of the pages they index. Entries are written atomically (temporary file + rename),
checked against a SHA-256 of their content when read, and ignored, never trusted,
when they are missing, truncated, corrupt, from another format or not plain data.
Nothing is ever unpickled: entries are ``marshal`` data of plain values
(:mod:`govsite.plain`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.metadata
import json
import marshal
import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from govsite import __version__
from govsite.plain import PlainDataError, decode, encode

CACHE_DIR = ".govsite-cache"
LISTING = ".listing.json"  # in a stored folder: its files' SHA-256 and sizes, written last
FORMAT = b"GSC1"
PACKAGE_DIR = Path(__file__).resolve().parent
LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "Jinja2", "MarkupSafe", "PyYAML", "pypdf")
LIBRARIES += ("python-docx", "pagefind")
_HASH = 32
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by govsite.\n"
)
RUN_KINDS = ("page", "blob", "attachment", "judged")  # what every check and build uses


class Cache:
    """One cache folder. Every method fails soft: a read problem is a miss, a write
    problem (disk full, read-only CI cache) leaves the build as it would be without."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._base = os.fspath(folder)
        self._marked = False
        self.used: set[str] = set()  # entry names read or written by this run
        self.hits = 0
        self.misses = 0

    # ------------------------------------------------------------ plain entries

    def load(self, kind: str, key: str) -> Any | None:
        """The value stored under ``key``, or None when absent or not to be trusted."""
        raw = self._read(self._path(kind, key))
        if raw is None:
            self.misses += 1
            return None
        try:
            value = decode(marshal.loads(raw))
        except (PlainDataError, ValueError, EOFError, TypeError, RecursionError):
            self.misses += 1
            return None
        self.used.add(f"{kind}/{key}")
        self.hits += 1
        return value

    def store(self, kind: str, key: str, value: Any) -> None:
        try:
            payload = marshal.dumps(encode(value))
        except (PlainDataError, ValueError):
            return  # a value the cache cannot hold is simply recomputed next time
        self._write(self._path(kind, key), payload)
        self.used.add(f"{kind}/{key}")

    def load_blob(self, digest: str) -> bytes | None:
        """Bytes stored by :meth:`store_blob`, only if they still hash to ``digest``."""
        path = self._path("blob", digest)
        data = _read_file(path)
        if data is None or hashlib.sha256(data).hexdigest() != digest:
            return None
        self.used.add(f"blob/{digest}")
        return data

    def store_blob(self, data: bytes, digest: str | None = None) -> str:
        digest = digest or hashlib.sha256(data).hexdigest()
        path = self._path("blob", digest)
        if not os.path.isfile(path):
            self._write_raw(path, data)
        self.used.add(f"blob/{digest}")
        return digest

    # ------------------------------------------------------------ attachments

    def attachment(self, data: bytes, extractor: str, extract: Callable[[bytes], Any]) -> Any:
        """``extract(data)``, remembered by the file's SHA-256 and the extractor's name
        (give it a version: ``"text-v2"``). Exceptions are not cached: they propagate."""
        key = hash_text(extractor, hashlib.sha256(data).hexdigest())
        found = self.load("attachment", key)
        if found is not None:
            return found[0]
        value = extract(data)
        self.store("attachment", key, (value,))
        return value

    # ------------------------------------------------------------ folders (search bundles)

    def load_folder(self, kind: str, key: str) -> tuple[Path, dict[str, tuple[str, int]]] | None:
        """A stored folder and its listing (file -> SHA-256 and size), if one is complete.
        The files' bytes are for the caller to check against the listing as it reads them."""
        path = self.folder_path(kind, key)
        if not path.is_dir() or path.is_symlink():
            return None
        raw = _read_file(path / LISTING)
        try:
            listing = json.loads(raw) if raw is not None else None
        except ValueError:
            return None
        if not isinstance(listing, dict) or not all(
            isinstance(rel, str)
            and isinstance(entry, list)
            and len(entry) == 2
            and isinstance(entry[0], str)
            and isinstance(entry[1], int)
            for rel, entry in listing.items()
        ):
            return None
        self.used.add(f"{kind}/{key}")
        return path, {rel: (entry[0], entry[1]) for rel, entry in listing.items()}

    def folder_path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key

    def store_folder(
        self, kind: str, key: str, source: Path, listing: dict[str, tuple[str, int]]
    ) -> None:
        """Copy ``source`` into the cache as a complete unit: its listing (each file's
        SHA-256 and size, relative to ``source``) is written last."""
        target = self.folder_path(kind, key)
        temporary = target.with_name(f".{key}.{os.getpid()}.tmp")
        try:
            shutil.rmtree(temporary, ignore_errors=True)
            shutil.copytree(source, temporary, symlinks=False)
            text = json.dumps({rel: list(entry) for rel, entry in sorted(listing.items())})
            (temporary / LISTING).write_text(text, encoding="utf-8")
            shutil.rmtree(target, ignore_errors=True)
            os.replace(temporary, target)
            self.used.add(f"{kind}/{key}")
        except OSError:
            shutil.rmtree(temporary, ignore_errors=True)

    # ------------------------------------------------------------ housekeeping

    def prune(self, kinds: Iterable[str]) -> None:
        """Delete entries of ``kinds`` this run did not use, so the cache does not grow
        without bound (call only after a run that looked at the whole site)."""
        for kind in kinds:
            base = self.folder / kind
            if not base.is_dir():
                continue
            for shard in base.iterdir():
                if not shard.is_dir() or shard.is_symlink():
                    continue
                for entry in shard.iterdir():
                    if f"{kind}/{entry.name}" in self.used:
                        continue
                    with contextlib.suppress(OSError):
                        if entry.is_dir() and not entry.is_symlink():
                            shutil.rmtree(entry)
                        else:
                            entry.unlink()

    # ------------------------------------------------------------ files

    def _mark(self) -> None:
        """Like ``.ruff_cache``: git ignores the folder by itself, backup tools skip it."""
        self._marked = True
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by govsite: a build cache.\n*\n", encoding="utf-8")
            tag = self.folder / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text(CACHEDIR_TAG, encoding="utf-8")

    def _path(self, kind: str, key: str) -> str:
        # plain strings: pathlib's joins cost more than the reads on a 10,000-page site
        return f"{self._base}/{kind}/{key[:2]}/{key}"

    def _read(self, path: str) -> bytes | None:
        data = _read_file(path)
        if data is None or len(data) < len(FORMAT) + _HASH or not data.startswith(FORMAT):
            return None
        digest = data[len(FORMAT) : len(FORMAT) + _HASH]
        payload = data[len(FORMAT) + _HASH :]
        if hashlib.sha256(payload).digest() != digest:
            return None
        return payload

    def _write(self, path: str, payload: bytes) -> None:
        self._write_raw(path, FORMAT + hashlib.sha256(payload).digest() + payload)

    def _write_raw(self, path: str, data: bytes) -> None:
        if not self._marked:
            self._mark()
        folder, name = os.path.split(path)
        temporary = f"{folder}/.{name}.{os.getpid()}.tmp"
        try:
            os.makedirs(folder, exist_ok=True)
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _read_file(path: str | Path) -> bytes | None:
    """A regular file's bytes, never through a symbolic link (nor from a FIFO)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    try:
        with open(descriptor, "rb", closefd=True) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            return handle.read()
    except OSError:
        return None


def open_cache(root: Path, option: str | None, disabled: bool = False) -> Cache | None:
    """The cache to use: ``--cache DIR`` as given, else ``<site>/.govsite-cache`` (only
    if it stays inside the site: a symbolic link that leads out is not followed)."""
    if disabled:
        return None
    if option:
        return Cache(Path(option))
    folder = root / CACHE_DIR
    site = root.resolve()
    if folder.is_symlink() or not folder.resolve().is_relative_to(site):
        return None
    return Cache(folder)


def hash_text(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def hash_tree(digest: Any, folder: Path, label: str) -> None:
    """Feed every regular file below ``folder`` (path and bytes) into ``digest``."""
    digest.update(f"\0tree {label}\0".encode())
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape")
        data = path.read_bytes()
        digest.update(len(rel).to_bytes(8, "little") + rel + len(data).to_bytes(8, "little"))
        digest.update(data)


_CODE_HASH: list[str] = []


def code_hash() -> str:
    """govsite's own code, theme and default rule pack (so a new or changed rule, message
    or template in the package invalidates every entry), with the library versions."""
    if not _CODE_HASH:
        digest = hashlib.sha256(f"govsite {__version__} {sys.version}".encode())
        hash_tree(digest, PACKAGE_DIR, "package")
        hash_tree(digest, PACKAGE_DIR / "theme", "theme")  # a symlink into the repo
        for name in LIBRARIES:
            try:
                version = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                version = "-"
            digest.update(f"\0{name}={version}".encode())
        _CODE_HASH.append(digest.hexdigest())
    return _CODE_HASH[0]


def site_key(
    root: Path, lang: str, include_drafts: bool, as_of: dt.date | None, config_name: str
) -> str:
    """Every input of one page's work besides the page's own bytes and path.

    **A new per-page input belongs here** (one ``digest.update`` line): anything that
    front-matter parsing, Markdown rendering, a page rule or the article template reads.
    ``as_of`` is given only when a page rule reads it (see ``page_rules_read_as_of``).
    """
    digest = hashlib.sha256(FORMAT)
    digest.update(code_hash().encode())  # govsite's code, theme, default rule pack, libraries
    config = root / config_name
    digest.update(b"\0site.toml\0" + (_read_file(config) or b""))
    hash_tree(digest, root / "templates", "templates")  # the site's templates and assets
    hash_tree(digest, root / "checks", "checks")  # the site's rule pack, every file
    digest.update(f"\0lang={lang}\0drafts={include_drafts}".encode())
    digest.update(f"\0as_of={as_of.isoformat() if as_of else '-'}".encode())
    return digest.hexdigest()
