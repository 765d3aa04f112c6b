"""Worker processes forked once and fed tasks over a pipe each.

The build's per-page work ran in :class:`multiprocessing.pool.Pool`, whose worker-handler
thread waits on the pipe results come back through as well as on the workers. Our
results are large (a batch of parsed pages and their findings), so that pipe is readable
almost all the time while the result thread unpickles them, and the handler thread spins
(``strace``: ``poll`` returning at once, ``wait4`` on every worker, round after round): at
10,000 pages it took some 0.9 CPU-s, measured per thread, from a two-core machine's workers.

Here no thread of the parent runs but the one that asks for results, and it reads them
itself: each worker has its own duplex pipe and at most :data:`IN_FLIGHT` tasks queued,
so it always has the next one at hand; a thread of the worker reads them as they come
(:func:`_receive`). A worker that dies (killed, out of memory) is an
error raised at once, never a wait forever.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import queue
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from govsite.errors import WorkerDied

__all__ = ["IN_FLIGHT", "ForkPool", "WorkerDied"]

IN_FLIGHT = 2  # tasks queued per worker: one running, the next at hand


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process (the fork context's)
    conn: Connection
    queued: int = 0


class ForkPool:
    """``jobs`` worker processes forked now, from the parent as it is (copy-on-write)."""

    def __init__(self, jobs: int, initializer: Callable[[], None] | None = None):
        context = multiprocessing.get_context("fork")
        self._workers: list[_Worker] = []
        self.closed = False
        try:
            # Ctrl-C held back while forking: a worker ignores it only once _serve runs,
            # and one that came between would raise KeyboardInterrupt in the worker (a
            # traceback from each). The parent gets it when the workers are started.
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                for _ in range(jobs):
                    ours, theirs = context.Pipe(duplex=True)
                    process = context.Process(target=_serve, args=(theirs, ours, initializer))
                    process.daemon = True  # never outlives the build
                    process.start()
                    theirs.close()
                    self._workers.append(_Worker(process, ours))
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        except BaseException:
            self.terminate()
            raise

    def imap_unordered(self, func: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        """``func(item)`` for every item, run in the workers, yielded as each finishes.
        An exception in a worker is raised here. A caller that stops early (an error of
        its own) ends the pool: results still on their way would be mistaken for the
        next call's."""
        if self.closed:
            raise RuntimeError("the worker pool is closed")
        todo = iter(items)
        busy: dict[Connection, _Worker] = {}
        finished = False
        try:
            for worker in self._workers:
                for _ in range(IN_FLIGHT):
                    if not self._send(worker, func, todo):
                        break
                if worker.queued:
                    busy[worker.conn] = worker
            while busy:
                sentinels = {w.process.sentinel: w for w in busy.values()}
                ready = wait([*busy, *sentinels])
                for conn in [r for r in ready if r in busy]:
                    worker = busy[conn]
                    try:
                        ok, value = conn.recv()
                    except (EOFError, OSError):
                        raise self._died(worker) from None
                    worker.queued -= 1
                    self._send(worker, func, todo)
                    if not worker.queued:
                        del busy[conn]
                    if not ok:
                        raise value
                    yield value
                for sentinel in ready:
                    worker = sentinels.get(sentinel)
                    if worker is not None and worker.conn in busy and not worker.conn.poll():
                        raise self._died(worker)
            finished = True
        finally:
            if not finished:
                self.terminate()

    def terminate(self) -> None:
        """End the workers now (they have committed what they stored: each task does)."""
        self.closed = True
        for worker in self._workers:
            with contextlib.suppress(Exception):
                worker.process.terminate()
        for worker in self._workers:
            with contextlib.suppress(Exception):
                worker.process.join()
            with contextlib.suppress(Exception):
                worker.conn.close()
        self._workers = []

    def _send(self, worker: _Worker, func: Callable[[Any], Any], todo: Iterator[Any]) -> bool:
        item = next(todo, _END)
        if item is _END:
            return False
        try:
            worker.conn.send((func, item))
        except (BrokenPipeError, ConnectionResetError):
            raise self._died(worker) from None
        worker.queued += 1
        return True

    @staticmethod
    def _died(worker: _Worker) -> WorkerDied:
        worker.process.join(timeout=1)
        return WorkerDied(worker.process.exitcode)


_END = object()


def _serve(
    conn: Connection, parent_end: Connection, initializer: Callable[[], None] | None
) -> None:
    """A worker: run each task sent and send back ``(True, result)`` or ``(False, error)``."""
    parent_end.close()  # the parent's end of this pipe, inherited by the fork
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by the fork's
    if initializer is not None:
        initializer()
    tasks: queue.SimpleQueue[tuple[bool, Any]] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(conn, tasks), daemon=True).start()
    while True:
        received, task = tasks.get()
        if not received:
            if task is None:
                return  # the parent is gone
            reply = (False, _portable(task))  # a task that could not be unpickled
        else:
            func, item = task
            try:
                reply = (True, func(item))
            except Exception as error:  # raised again in the parent
                reply = (False, _portable(error))
        try:
            conn.send(reply)
        except (BrokenPipeError, ConnectionResetError):
            return
        except Exception as error:  # pickling raises what the object's __reduce__ raises
            conn.send((False, RuntimeError(f"a worker's result could not be sent back: {error}")))


def _receive(conn: Connection, tasks: queue.SimpleQueue[tuple[bool, Any]]) -> None:
    """Read each task as soon as it is sent, while the worker runs the one before. The
    parent writes a task into the pipe while its worker may be writing a result: were
    the worker not reading, a task and a result each larger than the pipe's buffer
    would wait for each other for ever (the tasks that render pages again carry the
    whole site's link targets)."""
    while True:
        try:
            tasks.put((True, conn.recv()))
        except (EOFError, OSError):
            tasks.put((False, None))
            return
        except Exception as error:  # read whole, but not unpickled: answered as an error
            tasks.put((False, error))


def _portable(error: Exception) -> Exception:
    """The error itself when it survives pickling, else its description."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error
