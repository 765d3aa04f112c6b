"""Atomic publishing: render into a temporary folder beside the output, then swap.

The swap uses Linux ``renameat2(RENAME_EXCHANGE)``, which exchanges the two folders in
one step: at every instant the output path holds either the complete old site or the
complete new one, even if the build is killed. Where the call is unavailable, a
two-rename fallback is used and an interrupted swap is repaired by the next build.

A build with a cache keeps the output it replaced as the *spare* (``.<out>.govsite-spare``
beside the output) and the next build starts from it (:func:`adopt_spare`, see
:mod:`govsite.reuse`), so unchanged pages are not written again. Without a cache the
replaced output is deleted.

Two builds into one output are serialised by an exclusive ``flock`` on the folder that
holds the output (:func:`output_lock`): the second waits until the first has swapped its folder
in, so neither deletes the other's staging folder. The kernel drops the lock when a build
dies, so a killed build never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import glob
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from govsite.reuse import Reuse, scan

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
STAGING_MARK = ".govsite-staging-"
RETIRED_MARK = ".govsite-retired-"
TRASH_MARK = ".trash-"  # .public.trash-<pid>: a replaced output being deleted in the background
LOCK_MARK = ".govsite-lock"
SPARE_MARK = ".govsite-spare"  # .public.govsite-spare: the output before the current one


@contextlib.contextmanager
def output_lock(out: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock for ``out`` while the block runs; wait for another build.

    The lock is a ``flock`` on the folder that holds the output (and the staging folders
    beside it), so nothing is left behind in the site; ``on_wait`` is called once before
    waiting. Where a folder cannot be locked (some network filesystems), a lock file
    ``.<out>.govsite-lock`` beside the output is used instead."""
    out.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(out.parent, flags | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            _lock(fd, on_wait)
        except OSError:
            os.close(fd)
            fd = os.open(out.parent / f".{out.name}{LOCK_MARK}", os.O_RDWR | os.O_CREAT, 0o644)
            _lock(fd, on_wait)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock; a killed build's too


def _lock(fd: int, on_wait: Callable[[], None] | None) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if on_wait is not None:
            on_wait()
        fcntl.flock(fd, fcntl.LOCK_EX)


def staging_dir(out: Path) -> Path:
    """A fresh staging folder on the same filesystem as ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out)
    path = _staging_path(out)
    if path.exists():
        shutil.rmtree(path)
    path.mkdir()
    return path


def _staging_path(out: Path) -> Path:
    return out.parent / f".{out.name}{STAGING_MARK}{os.getpid()}"


def spare_of(out: Path) -> Path:
    return out.parent / f".{out.name}{SPARE_MARK}"


def adopt_spare(
    out: Path, records: Callable[[int], Mapping[str, tuple[str, tuple]]] | None = None
) -> tuple[Path, Reuse | None]:
    """A staging folder made from the spare output when there is a usable one (and what
    of it can be kept), else a fresh one and None. ``records``: what the build that
    wrote a folder (known by its inode) recorded of its files (govsite.outputrecord)."""
    spare = spare_of(out)
    if not spare.is_dir() or spare.is_symlink():
        return staging_dir(out), None
    clean_leftovers(out)
    path = _staging_path(out)
    try:
        spare.rename(path)
    except OSError:
        return staging_dir(out), None
    known = None
    if records is not None:
        with contextlib.suppress(OSError):
            known = records(os.stat(path, follow_symlinks=False).st_ino)
    found = scan(path, known)
    if found is None:
        remove_later(path, out)
        return staging_dir(out), None
    return path, found


def clean_leftovers(out: Path) -> None:
    """Remove what killed builds left behind; restore an output lost mid-swap."""
    name = glob.escape(out.name)  # an output named "a[1]" is not a pattern
    retired = sorted(out.parent.glob(f".{name}{RETIRED_MARK}*"))
    if not out.exists() and retired:
        retired[-1].rename(out)
        retired = retired[:-1]
    trash = out.parent.glob(f".{name}{TRASH_MARK}*")
    for path in [*retired, *out.parent.glob(f".{name}{STAGING_MARK}*"), *trash]:
        shutil.rmtree(path, ignore_errors=True)


def swap_in(staging: Path, out: Path, *, keep: bool = False) -> None:
    """Make ``staging`` the new ``out``; the old output is deleted afterwards, or with
    ``keep`` kept as the spare the next build starts from."""
    if not out.exists():
        staging.rename(out)
        return
    if _exchange(staging, out):
        _retire(staging, out, keep)  # now the old output
        return
    retired = out.parent / f".{out.name}{RETIRED_MARK}{os.getpid()}"
    out.rename(retired)
    staging.rename(out)
    _retire(retired, out, keep)


def _retire(old: Path, out: Path, keep: bool) -> None:
    """Keep the replaced output as the spare, or delete it. The spare's name is govsite's:
    whatever stands there (a spare not taken, a file, a link) makes way."""
    spare = spare_of(out)
    if keep:
        with contextlib.suppress(OSError):
            if spare.is_symlink() or spare.is_file():
                spare.unlink()  # a link itself, never what it leads to
            elif spare.is_dir():
                shutil.rmtree(spare)
            old.rename(spare)
            return
    remove_later(old, out)


def remove_later(old: Path, out: Path) -> None:
    """Delete the replaced output without making the build wait for tens of thousands of
    unlinks: it is renamed out of the way and a detached process deletes it (what that
    process leaves, the next build removes). The new output is complete before this."""
    trash = out.parent / f".{out.name}{TRASH_MARK}{os.getpid()}"
    try:
        old.rename(trash)
        pid = os.fork()
    except OSError:
        shutil.rmtree(trash if trash.exists() else old, ignore_errors=True)
        return
    if pid == 0:  # pragma: no cover - the detached child
        try:
            os.setsid()
            if os.fork() == 0:
                devnull = os.open(os.devnull, os.O_RDWR)
                for descriptor in (0, 1, 2):
                    os.dup2(devnull, descriptor)
                os.closerange(3, 65536)  # never hold a caller's pipe open
                shutil.rmtree(trash, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def _exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def discard(staging: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(staging)
