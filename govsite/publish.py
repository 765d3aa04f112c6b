"""Atomic publishing: render into a temporary folder beside the output, then swap.

The swap uses Linux ``renameat2(RENAME_EXCHANGE)``, which exchanges the two folders in
one step: at every instant the output path holds either the complete old site or the
complete new one, even if the build is killed. Where the call is unavailable, a
two-rename fallback is used and an interrupted swap is repaired by the next build.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
STAGING_MARK = ".govsite-staging-"
RETIRED_MARK = ".govsite-retired-"


def staging_dir(out: Path) -> Path:
    """A fresh staging folder on the same filesystem as ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out)
    path = out.parent / f".{out.name}{STAGING_MARK}{os.getpid()}"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir()
    return path


def clean_leftovers(out: Path) -> None:
    """Remove what killed builds left behind; restore an output lost mid-swap."""
    retired = sorted(out.parent.glob(f".{out.name}{RETIRED_MARK}*"))
    if not out.exists() and retired:
        retired[-1].rename(out)
        retired = retired[:-1]
    for path in [*retired, *out.parent.glob(f".{out.name}{STAGING_MARK}*")]:
        shutil.rmtree(path, ignore_errors=True)


def swap_in(staging: Path, out: Path) -> None:
    """Make ``staging`` the new ``out``; the old output is deleted afterwards."""
    if not out.exists():
        staging.rename(out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)
        return
    retired = out.parent / f".{out.name}{RETIRED_MARK}{os.getpid()}"
    out.rename(retired)
    staging.rename(out)
    shutil.rmtree(retired, ignore_errors=True)


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
