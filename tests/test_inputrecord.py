"""The input record: a run does not read again the input files whose status is the one
recorded when a run last read them; any change of a file, even one that puts its size
and modification time back, is read and judged."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from govsite import safepath, verdict
from govsite.cache import CACHE_DIR, DATABASE, INPUTS, Cache
from govsite.i18n import Translator
from tests.conftest import item

AS_OF = "2026-11-26"
TODAY = dt.date(2026, 11, 26)
PAGE = "content/edu/news/a.md"
OTHER = "content/gov/news/b.md"
CLEAN = item(title="开学工作安排", body="联系电话：0571-876543。\n")
# the same number of bytes, a mobile number instead: PV002 would name it
HOSTILE = item(title="开学工作安排", body="联系电话：13912345678。\n")


@pytest.fixture
def reads(monkeypatch):
    """Settled files (not "racy"), and the names of the files hashed by reading them."""
    monkeypatch.setattr(verdict, "RACY_NS", 0)
    read: list[str] = []
    hash_below = safepath._hash_below

    def counting(directory, name, rel):
        read.append(rel)
        return hash_below(directory, name, rel)

    monkeypatch.setattr(safepath, "_hash_below", counting)
    return read


def site(make_site) -> Path:
    return make_site({PAGE: CLEAN, OTHER: item(title="常务会议", body="会议研究冬季供暖。\n")})


def inputs(root: Path, cache: Cache):
    hashed = verdict.inputs(root, TODAY, Translator(), cache)
    cache.flush()
    return hashed


def test_unchanged_files_are_not_read_again(make_site, tmp_path, reads):
    root = site(make_site)
    first = inputs(root, Cache(tmp_path / "cache"))
    assert PAGE in reads and OTHER in reads
    reads.clear()
    again = inputs(root, Cache(tmp_path / "cache"))
    assert reads == []
    assert again is not None and first is not None and again.key == first.key


def test_a_rewrite_that_puts_size_and_time_back_is_read_and_judged(make_site, cli, tmp_path, reads):
    root = site(make_site)
    cache = str(tmp_path / "cache")
    assert cli("check", "--site", root, "--as-of", AS_OF, "--cache", cache).code == 0
    path = root / PAGE
    before = path.stat()
    assert len(HOSTILE.encode()) == before.st_size
    path.write_text(HOSTILE, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    reads.clear()
    result = cli("check", "--site", root, "--as-of", AS_OF, "--cache", cache)
    assert reads == [PAGE]  # the other files by their recorded status
    assert result.code == 1 and "PV002" in result.out, result.out


def test_a_racy_file_is_read_every_time(make_site, tmp_path, reads, monkeypatch):
    """Changed in the second before it was read: another change in the same clock tick
    would keep its status, so it is not recorded."""
    root = site(make_site)
    monkeypatch.setattr(verdict, "RACY_NS", 3600 * 10**9)  # all changed within the hour
    inputs(root, Cache(tmp_path / "cache"))
    reads.clear()
    found = inputs(root, Cache(tmp_path / "cache"))
    assert found is not None and PAGE in reads and sorted(reads) == sorted(found.hashed)


def test_a_file_replaced_by_a_link_is_never_taken_from_the_record(make_site, tmp_path, reads):
    root = site(make_site)
    inputs(root, Cache(tmp_path / "cache"))
    outside = tmp_path / "outside.md"
    outside.write_bytes((root / PAGE).read_bytes())
    (root / PAGE).unlink()
    (root / PAGE).symlink_to(outside)
    found = inputs(root, Cache(tmp_path / "cache"))
    assert found is not None and PAGE in found.tree.refused and PAGE not in found.hashed


def test_the_record_is_kept_by_checks_and_builds(make_site, cli, tmp_path, reads):
    root = site(make_site)
    for command in ("check", "build", "check"):
        extra = ("--out", str(tmp_path / "public")) if command == "build" else ()
        (root / OTHER).write_text(item(title="常务会议", body=f"{command}。\n"), "utf-8")
        result = cli(command, "--site", root, "--as-of", AS_OF, *extra)
        assert result.code == 0, result.out + result.err
        with contextlib.closing(sqlite3.connect(root / CACHE_DIR / DATABASE)) as db:
            query = "SELECT count(*) FROM entries WHERE kind = ?"
            assert db.execute(query, (INPUTS,)).fetchone()[0] == 1
