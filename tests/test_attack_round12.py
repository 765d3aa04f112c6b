"""Round 12's attack on the fork pool (govsite.forkpool) and the cache database's shape
(govsite.cache): what broke, kept broken no more."""

from __future__ import annotations

import threading
import time

import pytest

from govsite.forkpool import ForkPool


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
