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
of the pages they index. Entries live in one SQLite database (``entries.sqlite``), not
one file each: a 10,000-page build stores some 25,000 entries, and creating that many
files cost more than the rest of the cache's work (as mypy found for its own cache).
Writes are gathered and committed a batch at a time, so worker processes take the
database's write lock only briefly. Every value carries a SHA-256 of its content, its
kind and its key, checked when read (an entry moved under another key is no entry);
entries are ignored, never trusted, when they are missing, truncated, corrupt, from
another format or not plain data, and a database that cannot be read is set aside and
started anew. Nothing is ever unpickled: entries are ``marshal`` data of
plain values (:mod:`govsite.plain`). Search bundles are entries too: a listing per
bundle and each file by its SHA-256 (an older govsite kept them as folders, ``search/``,
which the next build that indexes deletes).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import marshal
import os
import re
import shutil
import sqlite3
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from govsite import __version__
from govsite.plain import PlainDataError, decode, encode

CACHE_DIR = ".govsite-cache"
SITE_FOLDERS = ("templates", "checks")  # hashed whole into every key (site_key)
LINK_RESULTS = "links.json"  # in the cache folder: `govsite links --external`'s, LK005 reads it
FORMAT = b"GSC2"  # GSC1 entries had a checksum of the payload only: not bound to their key
PACKAGE_DIR = Path(__file__).resolve().parent
LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "Jinja2", "MarkupSafe", "PyYAML", "pypdf")
LIBRARIES += ("python-docx", "pagefind", "python-stdnum", "chinesecalendar", "Pillow")
# read attachments (openpyxl, lxml; cryptography opens encrypted PDFs), fold traditional
# characters (opencc-purepy), find terms (pyahocorasick), know time zones (tzdata)
LIBRARIES += ("openpyxl", "lxml", "cryptography", "opencc-purepy", "pyahocorasick", "tzdata")
_HASH = 32
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by govsite.\n"
)
INPUTS = "inputs"  # each input file's SHA-256 and status when read (govsite.inputrecord)
RUN_KINDS = ("page", "blob", "attachment", "judged", INPUTS)  # what every check and build uses
VERDICT = "verdict"  # a whole check's findings (govsite.verdict): only a check prunes them
BUILT = "built"  # what the last build of an output did (govsite.rebuild): only builds prune them
OUTPUTS = "outputs"  # what each output folder held when its build ended (govsite.outputrecord)
BUNDLE = "search"  # a search bundle's listing, by a hash of the pages it indexes
BUNDLE_FILE = "search-file"  # a search bundle's file, by its SHA-256
BUNDLE_KINDS = (BUNDLE, BUNDLE_FILE)  # only a build that indexes prunes them
PUBLISHED = "published"  # what a media file is published as, by its SHA-256: builds prune
LISTING = "listing"  # a listing page's SHA-256 and size, by its inputs: published builds prune
DATABASE_KINDS = (*RUN_KINDS, VERDICT, BUILT, OUTPUTS, PUBLISHED, LISTING, *BUNDLE_KINDS)
DATABASE = "entries.sqlite"  # every entry
# Two flock'ed files. USE_LOCK: shared by every connection while it is open, exclusive to
# set the database aside (so never under a run that has it open). OPEN_LOCK: exclusive
# while a connection is opened and the database looked at, set aside and made anew (so
# no run opens it half deleted, and two runs never set it aside one after the other).
USE_LOCK = "entries.lock"
OPEN_LOCK = "entries.open.lock"
OPEN_WAIT = 15.0  # seconds a run waits for another to open (or set aside) the database
FLUSH_ENTRIES = 64  # entries gathered before they are committed in one transaction
FLUSH_BYTES = 8 << 20
_QUERY_KEYS = 500  # keys in one query (SQLite allows 32,766 parameters)


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
        self._connections: dict[tuple[int, int], sqlite3.Connection] = {}  # (process, thread)
        self._locks: dict[tuple[int, int], int] = {}  # the lock file held with each connection
        self._pending: dict[tuple[str, str], bytes] = {}  # stored, not yet committed
        self._pending_bytes = 0
        self._lock = threading.Lock()
        self._unusable = False  # the database could not be opened: a cache of nothing
        self._damaged = False  # a read failed: the database is set aside after the run

    # ------------------------------------------------------------ plain entries

    def load(self, kind: str, key: str) -> Any | None:
        """The value stored under ``key``, or None when absent or not to be trusted."""
        return self._value(kind, key, self._get(kind, key))

    def load_many(self, kind: str, keys: list[str]) -> dict[str, Any]:
        """:meth:`load` of many keys in one query (in key order: the database reads its
        pages in order instead of at random), only those found and to be trusted."""
        found: dict[str, bytes] = {}
        wanted = []
        for key in keys:
            pending = self._pending.get((kind, key))
            if pending is not None:
                found[key] = pending
            else:
                wanted.append(key)
        db = self._db() if wanted else None
        if db is not None:
            wanted.sort()
            try:
                for start in range(0, len(wanted), _QUERY_KEYS):
                    some = wanted[start : start + _QUERY_KEYS]
                    query = (
                        "SELECT key, value FROM entries WHERE kind = ? AND key IN "
                        f"({','.join('?' * len(some))}) ORDER BY key"
                    )
                    for key, value in db.execute(query, (kind, *some)):
                        if isinstance(key, str) and isinstance(value, bytes):
                            found[key] = value
            except sqlite3.Error as error:
                self._failed(error)
        values = {}
        for key in keys:
            value = self._value(kind, key, found.get(key))
            if value is not None:
                values[key] = value
        return values

    def _value(self, kind: str, key: str, stored: bytes | None) -> Any | None:
        """The value in a stored entry, counted as a hit and used; None (a miss) when it
        is absent or not to be trusted."""
        raw = _unwrap(kind, key, stored)
        try:
            value = decode(marshal.loads(raw)) if raw is not None else None
        except (PlainDataError, ValueError, EOFError, TypeError, RecursionError):
            value = None
        if value is None:
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
        self._put(kind, key, wrap(kind, key, payload))
        self.used.add(f"{kind}/{key}")

    def load_blob(self, digest: str) -> bytes | None:
        """Bytes stored by :meth:`store_blob`, only if they still hash to ``digest``."""
        data = self._get("blob", digest)
        if data is None or hashlib.sha256(data).hexdigest() != digest:
            return None
        self.used.add(f"blob/{digest}")
        return data

    def store_blob(self, data: bytes, digest: str | None = None) -> str:
        digest = digest or hashlib.sha256(data).hexdigest()
        self._put("blob", digest, data)
        self.used.add(f"blob/{digest}")
        return digest

    def forget(self, names: Iterable[str]) -> None:
        """Delete these entries (``kind/key``), pending or committed, and count them
        unused: what a run made while an input changed under it (see
        :func:`govsite.verdict.forget_work`)."""
        gone = [tuple(name.split("/", 1)) for name in names if "/" in name]
        if not gone:
            return
        with self._lock:
            for kind, key in gone:
                self._pending_bytes -= len(self._pending.pop((kind, key), b""))
        for kind, key in gone:
            self.used.discard(f"{kind}/{key}")
        db = self._db()
        if db is None:
            return
        try:
            with _transaction(db):
                db.executemany("DELETE FROM entries WHERE kind = ? AND key = ?", gone)
        except sqlite3.Error:
            pass  # a locked or read-only cache: nothing better to do

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

    # ------------------------------------------------------------ search bundles

    def load_bundle(self, key: str) -> dict[str, tuple[str, int]] | None:
        """A stored bundle's listing (file -> SHA-256 and size), or None. Its files are
        kept from pruning whether or not the caller reads them (:meth:`load_bundle_file`)."""
        listing = self.load(BUNDLE, key)
        if not isinstance(listing, dict) or not all(
            isinstance(rel, str)
            and isinstance(entry, tuple)
            and len(entry) == 2
            and isinstance(entry[0], str)
            and type(entry[1]) is int
            for rel, entry in listing.items()
        ):
            return None
        self.used.update(f"{BUNDLE_FILE}/{digest}" for digest, _ in listing.values())
        return listing

    def load_bundle_file(self, digest: str, size: int) -> bytes | None:
        """A file of a stored bundle, only if it still has that SHA-256 and size."""
        data = self._get(BUNDLE_FILE, digest)
        if data is None or len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            return None
        return data

    def store_bundle(
        self, key: str, files: Mapping[str, bytes], listing: dict[str, tuple[str, int]]
    ) -> None:
        """Keep a bundle's files (relative path -> bytes, with ``listing``, their SHA-256
        and sizes). Each file is stored once by its SHA-256, the listing after them: a
        bundle whose build changed a few pages shares the rest with the one before.
        A Pagefind bundle is hundreds of small files, most of them fragments of one page;
        as files of their own in the cache they cost a clean 10,000-page build some
        11,000 more files to create (about 2.5 CPU-s here), and the prune as many to delete."""
        for rel, (digest, _) in listing.items():
            self._put(BUNDLE_FILE, digest, files[rel])
            self.used.add(f"{BUNDLE_FILE}/{digest}")
        self.store(BUNDLE, key, listing)

    # ------------------------------------------------------------ housekeeping

    def prune(self, kinds: Iterable[str]) -> None:
        """Delete entries of ``kinds`` this run did not use, so the cache does not grow
        without bound (call only after a run that looked at the whole site). Commits
        what is pending first; a database found damaged is set aside."""
        self.flush()
        kinds = tuple(kinds)
        if self._damaged:
            self.reset()
        else:
            self._prune_entries([kind for kind in kinds if kind in DATABASE_KINDS])
        for kind in kinds:  # a folder per kind: how an older govsite kept entries
            _remove_legacy(self.folder / kind)
        self.close()  # the last connection folds the write-ahead log into the database

    def _prune_entries(self, kinds: list[str]) -> None:
        db = self._db()
        if db is None or not kinds:
            return
        used = self.used
        marks = ",".join("?" * len(kinds))
        try:
            # The names come from the small index; the unused ones are found here, in a
            # set, and only they are deleted. Handing SQLite every used name in a
            # temporary table to compare took 0.21 s at 10,000 items, this 0.03 s.
            names = db.execute(f"SELECT kind, key FROM entries WHERE kind IN ({marks})", kinds)
            stale = [(kind, key) for kind, key in names if f"{kind}/{key}" not in used]
            if stale:
                with _transaction(db):
                    db.executemany("DELETE FROM entries WHERE kind = ? AND key = ?", stale)
            free, total = (db.execute(f"PRAGMA {name}").fetchone()[0] for name in _SIZES)
            if free * 4 > total:  # a quarter of the file unused: give it back
                # executescript steps the pragma to its end; execute() stepped it once and
                # freed one page (a 260 MB cache stayed 260 MB with nothing left in it).
                db.executescript("PRAGMA incremental_vacuum;")
        except sqlite3.Error as error:
            self._failed(error)

    def reset(self) -> None:
        """Set the database aside (damaged, or not a database): the next run starts anew.
        Only when no other run has it open (another build, a check, a preview server):
        theirs would go on in a file no longer there, and the first of them to close it
        would delete the new database's write-ahead log by its name. Then a later run
        sets it aside."""
        self.close()
        use, opening = self._lock_file(USE_LOCK), self._lock_file(OPEN_LOCK)
        try:
            if use is None or opening is None:
                self._set_aside()  # no locks to be had (a read-only folder): as before
            elif _flock(opening, fcntl.LOCK_EX, time.monotonic() + OPEN_WAIT) and _flock(
                use, fcntl.LOCK_EX | fcntl.LOCK_NB
            ):
                self._set_aside()
        finally:
            for descriptor in (use, opening):
                if descriptor is not None:
                    os.close(descriptor)
        self._damaged = False
        self._unusable = False

    def _set_aside(self) -> None:
        """Delete the database and its journal files. Whatever stands at their names goes
        (a link is removed, never followed). The caller holds both locks exclusively."""
        for suffix in ("", "-wal", "-shm"):
            path = f"{self._base}/{DATABASE}{suffix}"
            with contextlib.suppress(OSError):
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path)
                else:
                    os.unlink(path)

    # ------------------------------------------------------------ the database

    def flush(self) -> None:
        """Commit the entries stored so far, in one transaction (a worker calls this at
        the end of each task, the main process before it forks and when it prunes)."""
        with self._lock:
            pending, self._pending, self._pending_bytes = self._pending, {}, 0
        if not pending:
            return
        db = self._db()
        if db is None:
            return
        try:
            with _transaction(db):
                db.executemany(
                    "INSERT OR REPLACE INTO entries (kind, key, value) VALUES (?, ?, ?)",
                    [(kind, key, value) for (kind, key), value in pending.items()],
                )
        except sqlite3.Error:
            pass  # a full disk, a locked or read-only cache: the build goes on without

    def close(self) -> None:
        """Close this process's connections (never those inherited from a parent), then
        release their locks."""
        with self._lock:
            mine = [k for k in self._connections if k[0] == os.getpid()]
            for key in mine:
                with contextlib.suppress(sqlite3.Error):
                    self._connections.pop(key).close()
            for key in [k for k in self._locks if k[0] == os.getpid()]:
                with contextlib.suppress(OSError):
                    os.close(self._locks.pop(key))

    def _put(self, kind: str, key: str, value: bytes) -> None:
        with self._lock:
            self._pending[(kind, key)] = value
            self._pending_bytes += len(value)
            full = len(self._pending) >= FLUSH_ENTRIES or self._pending_bytes >= FLUSH_BYTES
        if full:
            self.flush()

    def _get(self, kind: str, key: str) -> bytes | None:
        pending = self._pending.get((kind, key))
        if pending is not None:
            return pending
        db = self._db()
        if db is None:
            return None
        try:
            row = db.execute(
                "SELECT value FROM entries WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
        except sqlite3.Error as error:
            self._failed(error)
            return None
        return bytes(row[0]) if row is not None and isinstance(row[0], bytes) else None

    def _db(self) -> sqlite3.Connection | None:
        """This process's and thread's connection. A connection is never used across a
        fork (SQLite forbids it): a worker process opens its own."""
        if self._unusable:
            return None
        slot = (os.getpid(), threading.get_ident())
        db = self._connections.get(slot)
        if db is not None:
            return db
        self._drop_inherited()
        use, opening = self._lock_file(USE_LOCK), self._lock_file(OPEN_LOCK)
        if use is None or opening is None:  # a read-only folder: no locks to be had
            for descriptor in (use, opening):
                if descriptor is not None:
                    os.close(descriptor)
            use, db = None, self._open_unlocked()
        else:
            try:
                db = self._open_locked(use, opening)
            finally:
                os.close(opening)  # released: the next run may open
            if db is None:
                os.close(use)
        if db is None:
            self._unusable = True
            return None
        with self._lock:
            self._connections[slot] = db
            if use is not None:
                self._locks[slot] = use
        return db

    def _open_unlocked(self) -> sqlite3.Connection | None:
        """The database, set aside once and made anew if it is not ours or damaged (with
        both locks held exclusively, or where no lock can be had: a read-only folder)."""
        for attempt in range(2):
            try:
                return self._open()
            except sqlite3.OperationalError:  # locked for long, read-only, disk full
                return None
            except (sqlite3.DatabaseError, _NotRegular, _OldFormat):  # not ours, or damaged
                if attempt == 0:
                    self._set_aside()  # once more, from nothing
        return None

    def _open_locked(self, use: int, opening: int) -> sqlite3.Connection | None:
        """The database, opened by one run at a time (``opening`` held exclusively) and
        then used under a shared lock on ``use``; one that is not ours or damaged is set
        aside and made anew only if no run has it open (``use`` taken exclusively).

        Two runs that met an older govsite's database at once (a build and a check in
        CI) each deleted it and made a new one: the second deleted the first's new
        database under it, whose entries then went to a file no longer there, and the
        first's connection, closing, deleted the second's write-ahead log by its name.
        Now the second waits while the first sets it aside, then finds the new one."""
        if not _flock(opening, fcntl.LOCK_EX, time.monotonic() + OPEN_WAIT):
            return None  # another run takes long to open it: a cache of nothing this run
        try:
            db = self._open()
        except sqlite3.OperationalError:  # locked for long, read-only, disk full
            return None
        except (sqlite3.DatabaseError, _NotRegular, _OldFormat):
            db = None  # not ours, or damaged
        if db is not None:
            if _flock(use, fcntl.LOCK_SH | fcntl.LOCK_NB):  # only a reset holds it otherwise
                return db
            with contextlib.suppress(sqlite3.Error):
                db.close()
            return None
        if not _flock(use, fcntl.LOCK_EX | fcntl.LOCK_NB):
            return None  # damaged, and open in another run: left to a later one
        try:
            return self._open_unlocked()
        finally:
            _flock(use, fcntl.LOCK_SH)  # shared while the connection is used

    def _lock_file(self, name: str) -> int | None:
        """A descriptor of the lock file ``name`` in the cache folder, or None where there
        can be none (the folder read-only and no such file yet, or not a regular file)."""
        if not self._marked:
            self._mark()
        path = f"{self._base}/{name}"
        base = os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        for flags in (os.O_RDWR | os.O_CREAT | base, os.O_RDONLY | base):
            try:
                descriptor = os.open(path, flags, 0o644)
            except OSError:
                continue
            try:
                if stat.S_ISREG(os.fstat(descriptor).st_mode):
                    return descriptor
            except OSError:
                pass
            os.close(descriptor)
            return None
        return None

    def _drop_inherited(self) -> None:
        """Close the lock descriptors a forked worker inherited (never unlocking them: the
        lock is the parent's, held while the parent uses the database)."""
        pid = os.getpid()
        with self._lock:
            for slot in [slot for slot in self._locks if slot[0] != pid]:
                with contextlib.suppress(OSError):
                    os.close(self._locks.pop(slot))

    def _open(self) -> sqlite3.Connection:
        if not self._marked:
            self._mark()
        path = f"{self._base}/{DATABASE}"
        for suffix in ("", "-wal", "-shm"):  # never through a link, never from a FIFO
            try:
                info = os.lstat(path + suffix)
            except FileNotFoundError:
                continue
            except OSError as error:
                raise sqlite3.OperationalError(str(error)) from None
            if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
                raise _NotRegular(path + suffix)
        db = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # before the table: takes effect
            db.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer
            db.execute("PRAGMA synchronous = NORMAL")  # a cache: a lost last commit is a miss
            # A table with row ids, its values out of the way of the names: most values
            # are several kilobytes (an article page, a parsed page), and a WITHOUT ROWID
            # table, its rows stored in the key's b-tree, is for rows under a twentieth
            # of a page. Writing a clean 10,000-page build's entries cost the workers a
            # third of the CPU this way (measured: 1.6 -> 0.5 CPU-s for 130 MB).
            db.execute(
                "CREATE TABLE IF NOT EXISTS entries "
                "(kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL)"
            )
            # The names alone, small: a lookup, and pruning, which finds the unused
            # entries in it instead of reading every stored value with them.
            db.execute("CREATE UNIQUE INDEX IF NOT EXISTS names ON entries (kind, key)")
            if not _our_shape(db):
                raise _OldFormat(path)  # an older govsite's, or another's: started anew
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.close()
            raise
        return db

    def _failed(self, error: sqlite3.Error) -> None:
        """A read failed: a damaged database is set aside when the run ends (a locked
        or unreadable one is not: it may be sound)."""
        if not isinstance(error, sqlite3.OperationalError):
            self._damaged = True

    # ------------------------------------------------------------ files

    def _mark(self) -> None:
        """Like ``.ruff_cache``: git ignores the folder by itself, backup tools skip it.
        Only a folder that is a cache's: new, empty, or one a cache marked or used
        already (``--cache .`` in a repository would otherwise have git ignore it all)."""
        self._marked = True
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            with os.scandir(self.folder) as listing:
                names = {entry.name for entry in listing}
            if names - {".gitignore", "CACHEDIR.TAG", *_CACHE_FILES}:
                return  # a folder of the user's, which the cache shares
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by govsite: a build cache.\n*\n", encoding="utf-8")
            tag = self.folder / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text(CACHEDIR_TAG, encoding="utf-8")


_SIZES = ("freelist_count", "page_count")
_CACHE_FILES = (DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm", USE_LOCK, OPEN_LOCK)
_CACHE_FILES += (LINK_RESULTS,)


def _flock(descriptor: int, operation: int, deadline: float | None = None) -> bool:
    """``flock`` the descriptor; False when it would block (``LOCK_NB``) or cannot be
    locked. With a ``deadline`` (``time.monotonic()``), tried until then, not for ever."""
    while True:
        try:
            fcntl.flock(descriptor, operation | (fcntl.LOCK_NB if deadline else 0))
            return True
        except BlockingIOError:
            if deadline is None or time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        except OSError:
            return False


def wrap(kind: str, key: str, payload: bytes) -> bytes:
    """A stored value: the format, a SHA-256 of the kind, key and payload, the payload.
    The kind and key are in the checksum so that a row swapped with another, or copied
    under another key, is ignored (the listing of one department's search bundle served
    as another's, one attachment's text as another's): not a defence against someone who
    writes entries on purpose, against whom the cache folder must be kept like the site."""
    return FORMAT + _seal(kind, key, payload) + payload


def _seal(kind: str, key: str, payload: bytes) -> bytes:
    return hashlib.sha256(hash_text(kind, key).encode() + payload).digest()


def _unwrap(kind: str, key: str, data: bytes | None) -> bytes | None:
    """The payload of a stored value whose checksum is right for this kind and key."""
    if data is None or len(data) < len(FORMAT) + _HASH or not data.startswith(FORMAT):
        return None
    payload = data[len(FORMAT) + _HASH :]
    if _seal(kind, key, payload) != data[len(FORMAT) : len(FORMAT) + _HASH]:
        return None
    return payload


_HEX = frozenset("0123456789abcdef")


def _remove_legacy(base: Path) -> None:
    """Delete the entries an older govsite kept as files and folders under ``base``
    (``<kind>/<key[:2]>/<key>``, and ``.<key>.<pid>[.<thread>].tmp`` it left behind),
    and the folders that leaves empty. Nothing else is touched: ``--cache DIR`` may name
    a folder of the user's that has a ``search/`` or ``page/`` of its own, and a link is
    removed, never followed."""
    try:
        if base.is_symlink() or not base.is_dir():
            return
        shards = [s for s in os.scandir(base) if _legacy_name(s.name, "")]
    except OSError:
        return
    for shard in shards:
        with contextlib.suppress(OSError):
            if not shard.is_dir(follow_symlinks=False):
                continue
            for entry in os.scandir(shard.path):
                if not _legacy_name(entry.name, shard.name):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
            os.rmdir(shard.path)  # only if nothing else was in it
    with contextlib.suppress(OSError):
        os.rmdir(base)


def _legacy_name(name: str, shard: str) -> bool:
    """A shard folder's name (``shard`` empty: two hexadecimal digits), or the name of an
    entry in shard ``shard``: its key, or a temporary file or folder made for it."""
    if not shard:
        return len(name) == 2 and set(name) <= _HEX
    if name.startswith("."):
        parts = name[1:].split(".")
        if len(parts) not in (3, 4) or parts[-1] != "tmp":
            return False
        if not all(number.isdigit() for number in parts[1:-1]):
            return False
        name = parts[0]
    return name.startswith(shard) and set(name) <= _HEX


_COLUMNS = [("kind", "TEXT", 1, 0), ("key", "TEXT", 1, 0), ("value", "BLOB", 1, 0)]


def _our_shape(db: sqlite3.Connection) -> bool:
    """Whether ``entries`` is the table this govsite writes, ``names`` its unique index.
    ``IF NOT EXISTS`` keeps a table or index of that name whatever its shape: an older
    govsite's WITHOUT ROWID table, or an index ``names`` that is not unique, with which
    INSERT OR REPLACE adds a row beside the old one (and a read finds the old value)."""
    table = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'entries'"
    ).fetchone()
    if table is None or "WITHOUT ROWID" in str(table[0]).upper():
        return False
    columns = [
        (r[1], str(r[2]).upper(), r[3], r[5]) for r in db.execute("PRAGMA table_info(entries)")
    ]
    if columns != _COLUMNS:
        return False
    # index_list: seq, name, unique, origin, partial
    if not any(
        r[1] == "names" and r[2] == 1 and r[4] == 0
        for r in db.execute("PRAGMA index_list(entries)")
    ):
        return False
    return [r[2] for r in db.execute("PRAGMA index_info(names)")] == ["kind", "key"]


class _NotRegular(Exception):
    """Something other than a regular file with one name where the database goes."""


class _OldFormat(Exception):
    """A database an older govsite made, in a shape this one does not write."""


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection):
    """One write transaction, taken at once (so the busy timeout applies) and short."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _read_file(path: str | Path, *, follow: bool = False) -> bytes | None:
    """A regular file's bytes, never from a FIFO, and never through a symbolic link
    unless ``follow`` (to hash a file that is read through one, as ``site.toml`` is)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
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


def link_results(root: Path) -> bytes:
    """The results of ``govsite links --external`` LK005 reads (read as it reads them,
    through a link; b"" when there are none): an input of every check, outside the site's
    files. They stay in the site's cache folder whichever folder ``--cache`` names."""
    return _read_file(root / CACHE_DIR / LINK_RESULTS, follow=True) or b""


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
    """Feed everything below ``folder`` into ``digest``: each regular file's path and
    bytes, and the path and kind of each folder, link, FIFO or unreadable file. Those
    are never read through, but whoever reads the folder reports them (a rule-pack file
    that is a link is refused): adding or removing one changes what a check says."""
    digest.update(f"\0tree {label}\0".encode())
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts:
            continue
        rel = path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape")
        try:
            mode = path.lstat().st_mode
        except OSError:
            continue  # gone since it was listed: as if it had not been there
        data = _read_file(path) if stat.S_ISREG(mode) else None
        kind = f"\0{stat.S_IFMT(mode)}:{data is not None}\0".encode()
        digest.update(len(rel).to_bytes(8, "little") + rel + kind)
        if data is not None:
            digest.update(len(data).to_bytes(8, "little") + data)


_CODE_HASH: list[str] = []


def code_hash() -> str:
    """govsite's own code, theme and default rule pack (so a new or changed rule, message
    or template in the package invalidates every entry), with the library versions."""
    if not _CODE_HASH:
        digest = hashlib.sha256(f"govsite {__version__} {sys.version}".encode())
        hash_tree(digest, PACKAGE_DIR, "package")
        hash_tree(digest, PACKAGE_DIR / "theme", "theme")  # a symlink into the repo
        versions = installed_versions(LIBRARIES)
        for name in LIBRARIES:
            digest.update(f"\0{name}={versions[name]}".encode())
        _CODE_HASH.append(digest.hexdigest())
    return _CODE_HASH[0]


def installed_versions(names: Iterable[str]) -> dict[str, str]:
    """The installed version of each of ``names`` ("-" if none), read from the names of
    the ``.dist-info`` folders on ``sys.path`` as installers write them
    (``markdown_it_py-3.0.0.dist-info``), the first on the path winning as at import. A
    name not found so is asked of :mod:`importlib.metadata`, which imports the email
    package and reads every distribution's metadata: some 25 ms of every run, no-op
    rebuilds included, for these few names."""
    wanted = {_normal_name(name): name for name in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                folders = [e.name for e in listing if e.name.endswith(".dist-info")]
        except OSError:
            continue
        for folder in sorted(folders):
            name, dash, version = folder.removesuffix(".dist-info").partition("-")
            asked = wanted.get(_normal_name(name))
            if dash and version and asked is not None and asked not in found:
                found[asked] = version
    missing = [name for name in wanted.values() if name not in found]
    if missing:
        import importlib.metadata

        for name in missing:
            try:
                found[name] = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                found[name] = "-"
    return found


def _normal_name(name: str) -> str:
    """A distribution's name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


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
    digest.update(b"\0site.toml\0" + (_read_file(config, follow=True) or b""))  # as read
    for name in SITE_FOLDERS:  # the site's templates and assets, its rule pack: every file
        hash_tree(digest, root / name, name)
    digest.update(f"\0lang={lang}\0drafts={include_drafts}".encode())
    digest.update(f"\0as_of={as_of.isoformat() if as_of else '-'}".encode())
    return digest.hexdigest()


RECORD_FIELDS = 8  # in a file record: path, SHA-256, then the six numbers of a fingerprint


def file_records(flat: object) -> dict[str, tuple[str, tuple[int, ...]]]:
    """path -> (SHA-256, status) from a stored flat tuple of :data:`RECORD_FIELDS` values
    per file (govsite.inputrecord, govsite.outputrecord); empty when it is malformed."""
    if not isinstance(flat, tuple) or len(flat) % RECORD_FIELDS:
        return {}
    found = {}
    for at in range(0, len(flat), RECORD_FIELDS):
        rel, digest, *status = flat[at : at + RECORD_FIELDS]
        if not (isinstance(rel, str) and isinstance(digest, str)):
            return {}
        if not all(type(number) is int for number in status):
            return {}
        found[rel] = (digest, tuple(status))
    return found
