"""The build's worker pool: every result once, errors raised in the parent, a dead worker
an error (not a hang), a pool left early ended, and no thread of the parent busy while
the workers are."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from govsite.forkpool import ForkPool, WorkerDied


def square(n: int) -> int:
    return n * n


def big(n: int) -> bytes:
    return bytes([n % 256]) * 300_000  # larger than a pipe's buffer


def fail_on_three(n: int) -> int:
    if n == 3:
        raise ValueError(f"bad item {n}")
    return n


class Unpicklable(Exception):
    def __init__(self, message: str, handle: object):
        super().__init__(message)
        self.handle = handle


def fail_unpicklably(n: int) -> int:
    raise Unpicklable("cannot travel", threading.Lock())


def die(n: int) -> int:
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.05)
    return n


def spin(n: int) -> int:
    end = time.process_time() + 0.05
    while time.process_time() < end:
        pass
    return n


def pid(n: int) -> int:
    return os.getpid()


def test_every_result_once():
    pool = ForkPool(2)
    try:
        assert sorted(pool.imap_unordered(square, range(50))) == [n * n for n in range(50)]
        # used again: nothing left over from the first call
        assert sorted(pool.imap_unordered(square, [7, 8])) == [49, 64]
        assert list(pool.imap_unordered(square, [])) == []
        results = list(pool.imap_unordered(big, range(10)))
        assert sorted(r[0] for r in results) == list(range(10))
        assert all(len(r) == 300_000 for r in results)
    finally:
        pool.terminate()


def test_work_runs_in_the_workers():
    pool = ForkPool(2)
    try:
        pids = set(pool.imap_unordered(pid, range(20)))
    finally:
        pool.terminate()
    assert os.getpid() not in pids
    assert 1 <= len(pids) <= 2


def test_a_workers_error_is_raised_and_ends_the_pool():
    pool = ForkPool(2)
    with pytest.raises(ValueError, match="bad item 3"):
        list(pool.imap_unordered(fail_on_three, range(10)))
    assert pool.closed
    with pytest.raises(RuntimeError, match="closed"):
        list(pool.imap_unordered(square, [1]))


def test_an_error_that_cannot_be_pickled_is_described():
    pool = ForkPool(1)
    with pytest.raises(RuntimeError, match="Unpicklable: cannot travel"):
        list(pool.imap_unordered(fail_unpicklably, [1]))


def test_a_worker_that_dies_is_an_error_not_a_hang():
    pool = ForkPool(2)
    started = time.monotonic()
    with pytest.raises(WorkerDied, match="exit code -9"):
        list(pool.imap_unordered(die, range(20)))
    assert time.monotonic() - started < 30
    assert pool.closed


def test_a_caller_that_stops_early_ends_the_pool():
    pool = ForkPool(2)
    results = pool.imap_unordered(square, range(100))
    assert next(results) in {n * n for n in range(100)}
    results.close()
    assert pool.closed
    assert pool._workers == []  # ended, each joined


def test_the_parent_is_idle_while_the_workers_work():
    """multiprocessing.Pool's worker-handler thread spun while results were in flight;
    here the parent only waits."""
    pool = ForkPool(2)
    try:
        before = time.process_time()
        results = list(pool.imap_unordered(spin, range(40)))
        used = time.process_time() - before
    finally:
        pool.terminate()
    assert sorted(results) == list(range(40))
    # the workers spent 2 s of CPU between them; the parent a small part of that
    assert used < 0.5
