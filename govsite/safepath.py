"""One gate for every path that comes from content or the command line (SPEC 9).

Whatever names a file — a slug, a link, a media entry, ``--out``, ``--report``,
``--slug``, an annual report's CSV — goes through here before govsite reads, writes or
deletes anything:

* :func:`read_regular` opens a file below a base folder one component at a time with
  ``O_NOFOLLOW``, so no symbolic link anywhere on the way is followed, and refuses what is
  not a regular file (a FIFO named ``x.md`` would otherwise hang ``check``);
* :func:`inside` resolves a relative path below a base folder and refuses one that climbs
  out (``..``, an absolute path, a NUL byte) or passes through a symbolic link;
* :func:`remove_tree_inside` deletes only a folder strictly inside its base;
* :func:`check_slug` is the one definition of a URL-safe slug (pattern and length);
* :func:`check_output` and :func:`check_report` refuse output locations that would
  destroy the site (an ancestor of it, the site itself, one of its inputs, ``/``, an
  existing file, a non-empty folder that is not a previous govsite output).

Errors are :class:`UnsafePath` (a :class:`~govsite.errors.UsageError`, exit 2) carrying
a message key and its parameters, so callers translate them in the run's language.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath

from govsite.errors import UsageError

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")  # \Z: "$" matches before a final "\n"
SLUG_MAX = 100  # characters: URL-friendly, and well below the 255-byte file-name limit
RESERVED_SLUGS = frozenset({"page", "feed"})
# What a site is made of: an output there (or above it) would overwrite or delete it.
SITE_INPUTS = ("site.toml", "content", "templates", "checks", ".govsite", ".git")
MANIFEST = "manifest.json"
_MANIFEST_TAIL = 256
_GOVSITE_TAIL = re.compile(rb'\n "generator": "govsite [^"\\\n]*",\n "version": \d+\n}\n\Z')


class UnsafePath(UsageError):
    """A path refused by this module; ``key`` and ``params`` make the message."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, t) -> str:
        return t(self.key, **self.params)


class NotRegularFile(OSError):
    """A path that is a FIFO, a device, a socket or a folder where a file was expected."""


class SymlinkRefused(OSError):
    """A symbolic link on the way to a file read from the site."""


# ---------------------------------------------------------------- relative paths


def relative_parts(rel: str | PurePosixPath) -> tuple[str, ...]:
    """The components of a relative POSIX path, or raise :class:`UnsafePath`. (What
    ``PurePosixPath(rel).parts`` gives, without building one: a run splits the paths
    of 14,000 files, and building the objects was most of the cost of a no-op check.)"""
    text = str(rel)
    parts = tuple(part for part in text.split("/") if part not in ("", "."))
    if "\x00" in text or text.startswith("/") or ".." in parts:
        raise UnsafePath("safe.outside", path=text)
    return parts


def inside(base: Path, rel: str | PurePosixPath) -> Path:
    """``base/rel``, refused if ``rel`` climbs out or an existing component is a link."""
    parts = relative_parts(rel)
    target = base
    for part in parts:
        target = target / part
        if target.is_symlink():
            raise UnsafePath("safe.symlink", path=str(rel))
    resolved_base = base.resolve()
    if not target.resolve().is_relative_to(resolved_base):
        raise UnsafePath("safe.outside", path=str(rel))
    return target


def remove_tree_inside(base: Path, rel: str) -> bool:
    """Delete the folder ``base/rel`` if it is strictly inside ``base``; never follow a
    link and never delete ``base`` itself. Returns whether something was removed."""
    try:
        parts = relative_parts(rel)
        target = inside(base, rel)
    except UnsafePath:
        return False
    if not parts or not target.is_dir() or target.is_symlink():
        return False
    shutil.rmtree(target, ignore_errors=True)
    return True


# ---------------------------------------------------------------- reading


def read_regular(base: Path, rel: str, *, limit: int | None = None) -> bytes:
    """The bytes of ``base/rel``, opened component by component without following any
    symbolic link, and only if it is a regular file.

    Raises :class:`SymlinkRefused`, :class:`NotRegularFile`, :class:`UnsafePath` (a path
    climbing out) or the ``OSError`` of a missing file. ``limit`` caps the size read.
    """
    parts = relative_parts(rel)
    if not parts:
        raise NotRegularFile(errno.EISDIR, "not a file", rel)
    directory = _open_folder(base, parts[:-1], rel)
    try:
        fd = _open_below(directory, parts[-1], _FILE_FLAGS, rel)
    finally:
        os.close(directory)
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", rel)
        return stream.read() if limit is None else stream.read(limit)


def hash_regular_many(
    base: Path,
    rels: Iterable[str],
    known: Mapping[str, tuple[str, tuple[int, ...]]] | None = None,
) -> Iterator[tuple[str, str | OSError, os.stat_result | None]]:
    """``(rel, SHA-256, status)`` of each file, read as :func:`read_regular` reads it, or
    ``(rel, error, None)``. Each folder is opened once for the files in it (a check
    hashing 14,000 files spent most of its time opening the same folders again), and a
    file is hashed a block at a time: a huge attachment is never held in memory.
    ``known``: path -> (SHA-256, :func:`fingerprint`) recorded when the file was read
    before; a regular file (not a link) that still has that status is not read again."""
    known = known or {}
    folder: tuple[str, ...] | None = None
    directory = -1
    try:
        for rel in rels:
            try:
                parts = relative_parts(rel)
                if not parts:
                    raise NotRegularFile(errno.EISDIR, "not a file", rel)
                if parts[:-1] != folder:
                    if directory >= 0:
                        os.close(directory)
                    directory, folder = -1, None
                    directory = _open_folder(base, parts[:-1], rel)
                    folder = parts[:-1]
                earlier = known.get(rel)
                if earlier is not None:
                    info = os.stat(parts[-1], dir_fd=directory, follow_symlinks=False)
                    if stat.S_ISREG(info.st_mode) and fingerprint(info) == earlier[1]:
                        yield rel, earlier[0], info
                        continue
                yield (rel, *_hash_below(directory, parts[-1], rel))
            except (OSError, UnsafePath) as error:
                yield rel, error if isinstance(error, OSError) else OSError(str(error)), None
    finally:
        if directory >= 0:
            os.close(directory)


_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_DIRECTORY", 0)
_FILE_FLAGS = (
    os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK
)


def _open_folder(base: Path, parts: tuple[str, ...], rel: str) -> int:
    """A descriptor of ``base/parts…``, opened one component at a time, never through a
    link."""
    directory = os.open(base, _DIR_FLAGS)
    try:
        for part in parts:
            child = _open_below(directory, part, _DIR_FLAGS | getattr(os, "O_NOFOLLOW", 0), rel)
            os.close(directory)
            directory = child
    except BaseException:
        os.close(directory)
        raise
    return directory


def _hash_below(directory: int, name: str, rel: str) -> tuple[str, os.stat_result]:
    fd = _open_below(directory, name, _FILE_FLAGS, rel)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", rel)
        digest = hashlib.sha256()
        # One read for a small file (and one to see its end), without asking for a
        # megabyte each time: a buffer that large is mapped and unmapped on every call.
        want = min(_BLOCK, info.st_size + 1)
        while block := os.read(fd, want):
            digest.update(block)
        return digest.hexdigest(), info
    finally:
        os.close(fd)


_BLOCK = 1 << 20


def _open_below(directory: int, name: str, flags: int, rel: str) -> int:
    """``os.open`` of ``name`` in ``directory``; the errors ``O_NOFOLLOW`` gives for a
    link (``ELOOP``; ``ENOTDIR`` on the way, ``EMLINK`` on some systems) become
    :class:`SymlinkRefused` when it really is one."""
    try:
        return os.open(name, flags, dir_fd=directory)
    except OSError as error:
        link_errors = (errno.ELOOP, errno.ENOTDIR, errno.EMLINK)
        if error.errno in link_errors and _is_link(directory, name):
            raise SymlinkRefused(errno.ELOOP, "symbolic link", rel) from None
        raise


def _is_link(directory: int, name: str) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=directory).st_mode)
    except OSError:
        return False


def fingerprint(info: os.stat_result) -> tuple[int, ...]:
    """What any write, ``chmod``, ``chown`` or replacement of a file changes: its type and
    permissions, owner, size, modification and change times and inode. A change time
    cannot be set back by a user, so an equal fingerprint is the same file, unchanged
    (what a replayed check, a build with nothing to do and the attachment reader trust)."""
    return (
        info.st_mode,
        info.st_uid,
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
        info.st_ino,
    )


def regular_stat(path: Path) -> os.stat_result:
    """``path``'s status if it is a regular file, never through a link at its name; else
    :class:`SymlinkRefused` or :class:`NotRegularFile` (what discovery saw may have been
    replaced since). Read it with ``read_regular(path.parent, path.name)``."""
    info = os.stat(path, follow_symlinks=False)
    if stat.S_ISLNK(info.st_mode):
        raise SymlinkRefused(errno.ELOOP, "a symbolic link", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
    return info


def is_regular(path: Path) -> bool:
    """A regular file that is not a symbolic link (discovery's test)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


# ---------------------------------------------------------------- slugs


def check_slug(slug: str) -> str | None:
    """``None`` for a good slug, else the message key saying why not."""
    if len(slug) > SLUG_MAX:
        return "safe.slug_too_long"
    if not SLUG_PATTERN.match(slug) or slug in RESERVED_SLUGS:
        return "fm.bad_slug"
    return None


def require_slug(slug: str) -> None:
    """Raise :class:`UnsafePath` for a slug ``new`` or ``import`` must not write."""
    key = check_slug(slug)
    if key is not None:
        raise UnsafePath(key, slug=_short(slug), limit=SLUG_MAX, length=len(slug))


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width] + "…"


# ---------------------------------------------------------------- output locations


def check_output(root: Path, out: Path) -> None:
    """Refuse an output folder that would overwrite or delete the site or anything else.

    The output is replaced wholesale by every build, so it may only be a new folder, an
    empty one, or a previous govsite output (it holds govsite's ``manifest.json``)."""
    resolved, site = out.resolve(), root.resolve()
    if resolved == Path(resolved.anchor):
        raise UnsafePath("safe.out_root", out=str(out))
    if site.is_relative_to(resolved):
        raise UnsafePath("safe.out_site", out=str(out))
    for name in SITE_INPUTS:
        if resolved.is_relative_to(site / name):
            raise UnsafePath("safe.out_input", out=str(out), input=name)
    if out.is_symlink() or (resolved.exists() and not resolved.is_dir()):
        raise UnsafePath("safe.out_file", out=str(out))
    if not _first_existing(resolved.parent).is_dir():  # ``site.toml/public``: never a folder
        raise UnsafePath("safe.out_file", out=str(out))
    if resolved.is_dir() and any(resolved.iterdir()) and not is_govsite_output(resolved):
        raise UnsafePath("safe.out_foreign", out=str(out))


def is_govsite_output(folder: Path) -> bool:
    """Whether ``folder`` holds a manifest written by govsite (a previous build). The
    manifest of a 10,000-item portal is some 3 MB: the end of one as govsite writes it
    (keys sorted, the generator last but one) is enough; any other is parsed whole."""
    try:
        fd = os.open(folder / MANIFEST, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return False  # a pipe there would hang the build
            size = info.st_size
            stream.seek(max(0, size - _MANIFEST_TAIL))
            if _GOVSITE_TAIL.search(stream.read()):
                return True
            stream.seek(0)
            document = json.loads(stream.read().decode("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(document, dict) and str(document.get("generator", "")).startswith("govsite")


def check_cache(root: Path, cache: Path, out: Path | None = None) -> None:
    """Refuse a ``--cache DIR`` among the site's sources or inside the output (before
    anything is read or written). Among the sources the database became content (in
    ``content/<dept>/media/``: attachments a page could link and publish) or changed the
    inputs every run keys on (``templates/``, ``checks/``); inside the output it was made
    in the live ``public/`` before the build began, and a blocked build left it there:
    every page's parsed text, drafts included, in the folder that is deployed."""
    resolved, site = cache.resolve(), root.resolve()
    for name in SITE_INPUTS:
        if resolved.is_relative_to(site / name):
            raise UnsafePath("safe.cache_input", path=str(cache), input=name)
    if out is not None and resolved.is_relative_to(out.resolve()):
        raise UnsafePath("safe.cache_in_output", path=str(cache), out=str(out))


def check_report(root: Path, report: Path, out: Path | None = None) -> None:
    """Refuse a ``--report FILE`` that is a folder, a site input or inside the output
    (before anything is built, so a bad path never leaves a half-finished run)."""
    resolved, site = report.resolve(), root.resolve()
    if report.is_symlink() or resolved.is_dir():
        raise UnsafePath("safe.report_not_file", path=str(report))
    for name in SITE_INPUTS:
        if resolved == site / name or resolved.is_relative_to(site / name):
            raise UnsafePath("safe.report_input", path=str(report), input=name)
    if out is not None and resolved.is_relative_to(out.resolve()):
        raise UnsafePath("safe.report_in_output", path=str(report), out=str(out))
    if not _first_existing(resolved.parent).is_dir():
        raise UnsafePath("safe.report_not_file", path=str(report))
    if resolved.exists() and not is_govsite_report(resolved):
        raise UnsafePath("safe.report_foreign", path=str(report))


REPORT_MARK = b'<meta name="generator" content="govsite dashboard">'


def is_govsite_report(path: Path) -> bool:
    """Whether ``path`` is a dashboard an earlier run wrote: only such a file is replaced
    (``--report /etc/passwd`` run as root must not overwrite the system's users)."""
    if not path.is_file():  # a FIFO would block the read
        return False
    try:
        with path.open("rb") as file:
            return REPORT_MARK in file.read(4096)
    except OSError:
        return False


def _first_existing(path: Path) -> Path:
    """``path`` or its nearest ancestor that exists (what ``mkdir -p`` would build on)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path
