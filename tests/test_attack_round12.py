"""Round 12's attack on the fork pool (govsite.forkpool) and the cache database's shape
(govsite.cache): what broke, kept broken no more."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from govsite import pipeline
from govsite.cache import DATABASE, Cache
from govsite.forkpool import ForkPool
from tests.conftest import item, tree_bytes

AS_OF = "2026-11-26"


def echo_large(payload: bytes) -> bytes:
    time.sleep(0.05)  # the next task is sent while this one runs
    return b"r" * len(payload)


def test_large_tasks_and_large_results_do_not_hang():
    """A task larger than a pipe's buffer was written while its worker, busy with the
    task before it, wrote a result larger than the buffer: each waited for the other to
    read, for ever (a 1,500-page site of long articles, a slug renamed, hung in the
    pass that renders again the pages whose links changed: tasks carry the site's
    targets)."""
    pool = ForkPool(2)
    results: list[bytes] = []
    done = threading.Event()

    def run() -> None:
        try:
            results.extend(pool.imap_unordered(echo_large, [b"t" * 1_000_000] * 8))
        except Exception:
            pass  # ended by terminate() below: the results are short
        finally:
            done.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        assert done.wait(60), "the pool hung"
    finally:
        pool.terminate()  # a hung pool: its workers end, the parent's write fails
        thread.join(10)
    assert len(results) == 8 and all(len(r) == 1_000_000 for r in results)


class RefusesPickling:
    def __reduce__(self):
        raise ValueError("not for travel")


def unpicklable_result(n: int) -> object:
    return RefusesPickling()


def test_a_result_whose_pickling_fails_in_any_way_is_an_error_not_a_dead_worker(capfd):
    """Only PicklingError, TypeError and AttributeError were caught: a result whose
    pickling raised anything else killed the worker, a traceback on stderr and a
    WorkerDied in place of the reason."""
    pool = ForkPool(1)
    with pytest.raises(RuntimeError, match="could not be sent back: not for travel"):
        list(pool.imap_unordered(unpicklable_result, [1]))
    assert "Traceback" not in capfd.readouterr().err


# ---------------------------------------------------------------- the cache's shape

SHAPES = {
    # the index of the names there, but not unique: INSERT OR REPLACE adds a row each time
    "names-not-unique": [
        "CREATE TABLE entries (kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL)",
        "CREATE INDEX names ON entries (kind, key)",
    ],
    # unique on the kind alone: storing one entry replaced every other of its kind
    "names-of-other-columns": [
        "CREATE TABLE entries (kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL)",
        "CREATE UNIQUE INDEX names ON entries (kind)",
    ],
    # unique for some rows only
    "names-partial": [
        "CREATE TABLE entries (kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL)",
        "CREATE UNIQUE INDEX names ON entries (kind, key) WHERE kind = 'blob'",
    ],
    # no value column: every read and write failed, and the database was kept
    "missing-column": ["CREATE TABLE entries (kind TEXT NOT NULL, key TEXT NOT NULL)"],
    # a column nothing writes, which may not be empty: every write failed
    "extra-column": [
        "CREATE TABLE entries (kind TEXT NOT NULL, key TEXT NOT NULL, "
        "value BLOB NOT NULL, stamp INTEGER NOT NULL)"
    ],
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_database_of_another_shape_is_started_anew(tmp_path, shape):
    """Only WITHOUT ROWID was looked for: a table or an index ``names`` of another shape
    was kept, and then rows were duplicated (a ``names`` index not unique), replaced
    (unique on other columns) or never written nor read (columns missing or extra)."""
    folder = tmp_path / "cache"
    folder.mkdir()
    with contextlib.closing(sqlite3.connect(folder / DATABASE)) as db, db:
        for statement in SHAPES[shape]:
            db.execute(statement)
    for round_ in range(2):  # a second run stores the same entries again
        cache = Cache(folder)
        cache.store("page", "a", {"n": round_})
        cache.store("page", "b", {"n": round_})
        cache.store("blob", "c", {"n": round_})
        cache.flush()
        cache.close()
    cache = Cache(folder)
    assert cache.load("page", "a") == {"n": 1}
    assert cache.load("page", "b") == {"n": 1}
    assert cache.load("blob", "c") == {"n": 1}
    cache.close()
    with contextlib.closing(sqlite3.connect(folder / DATABASE)) as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone() == (3,)


# ---------------------------------------------------------------- Ctrl-C


INTERRUPTED_AT_FORK = """
import os, signal, sys
from govsite import pipeline
from govsite.forkpool import ForkPool
from tests.conftest import item, tree_bytes

AS_OF = "2026-11-26"

# Ctrl-C (SIGINT to the process group) in each worker the moment it is forked
os.register_at_fork(after_in_child=lambda: os.kill(os.getpid(), signal.SIGINT))
pool = ForkPool(2)
try:
    print(sorted(pool.imap_unordered(abs, range(-3, 3))))
finally:
    pool.terminate()
"""


def test_ctrl_c_as_workers_are_forked_prints_nothing_from_them():
    """A worker ignored SIGINT only once its own code ran: a Ctrl-C between the fork and
    then raised KeyboardInterrupt in it (a traceback from every worker, and a worker
    gone). SIGINT is now blocked while they are forked; the parent still gets it."""
    run = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_AT_FORK],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    assert "KeyboardInterrupt" not in run.stderr, run.stderr
    assert run.returncode == 0 and run.stdout == "[0, 1, 1, 2, 2, 3]\n", run.stderr


# ---------------------------------------------------------------- a worker killed


def test_a_worker_killed_mid_build_is_a_message_not_a_traceback(make_site, cli, monkeypatch):
    """WorkerDied (a worker killed, or out of memory) came out of ``govsite build`` as an
    uncaught exception: a Python traceback and exit code 1. It is told as an error of the
    run (exit code 2), the output left as it was."""
    root = make_site({f"content/edu/news/n{i:03d}.md": item(title=f"第{i}条") for i in range(64)})
    assert cli("build", "--site", root, "--as-of", AS_OF, "--no-cache", "-q").code == 0
    before = tree_bytes(root / "public")
    process = pipeline.process

    def killed(work, rel, page=None):
        if rel.endswith("n040.md"):
            os.kill(os.getpid(), signal.SIGKILL)
        return process(work, rel, page)

    monkeypatch.setattr(pipeline, "process", killed)  # the workers are forked from here
    for lang, words in (("zh", "工作进程"), ("en", "worker process")):
        result = cli(
            "build", "--site", root, "--as-of", AS_OF, "--no-cache", "--jobs", "2", "--lang", lang
        )
        assert result.code == 2, result.err
        assert words in result.err and "-9" in result.err and "--jobs 1" in result.err
        assert tree_bytes(root / "public") == before
