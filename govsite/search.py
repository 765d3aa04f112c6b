"""Chinese full-text search with Pagefind (a static search index, no server), one index
per department (per part of a large department).

Pagefind's extended build segments Chinese text; it indexes the pages that carry
``data-pagefind-body`` (articles and annual reports). Instead of one index over the whole
portal, each department gets its own (``search/index/<dept>/``; a department of more
than :data:`GROUP_PAGES` pages one per part, ``search/index/<dept>/<n>/``: a few whole
columns, or a share of one large column) and the city-wide annual report summaries one
more; the first group is the main bundle (``search/pagefind/``,
with the search UI) and the search page merges the others in the browser with
PagefindUI's ``mergeIndex``. So:

* memory is bounded by the number of Pagefind processes times the largest group, not by
  the portal (Pagefind holds an index in memory while it builds it);
* indexes are built in the background while the other pages render, by as many Pagefind
  processes as the build has workers (each builds one index at a time);
* each group's index is a function of its pages' bytes: an unchanged department's index
  is copied from the cache instead of being rebuilt;
* each index has one 部门 filter value, so its files are byte-identical from one build
  to the next (Pagefind writes several values of one filter in no fixed order).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import hashlib
import importlib.metadata
import json
import os
import re
import signal
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from govsite.cache import Cache, hash_text
from govsite.reuse import Reuse

BUNDLE = "search/pagefind"  # the main bundle: UI files and the first group's index
DEPARTMENT_BUNDLES = "search/index"  # search/index/<group>/
SITE_GROUP = "_city"  # the city-wide annual report summaries
UI_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
LANGUAGE = "zh-cn"  # Pagefind's Chinese segmentation for every page
OPTIONS = ("service", LANGUAGE)  # part of each index's cache key
# Pagefind holds the index it builds in memory, about 0.17 MiB a page on top of 60 MiB:
# a department larger than this is indexed in parts of at most this many pages.
GROUP_PAGES = 280
T = TypeVar("T")
CLOSE_TIMEOUT = 5.0  # seconds to wait for a stopped or closing Pagefind
REAP_TIMEOUT = 60.0  # seconds to wait for a killed Pagefind to be reaped


class SearchIndexError(Exception):
    """Pagefind failed; carries its message."""


@dataclass(frozen=True)
class Group:
    """One index: a department's articles and reports (or some of its columns, or part
    of one column), or the city's summaries."""

    name: str
    globs: tuple[str, ...]  # the pages it indexes, relative to the output folder
    bundle: str  # output subfolder
    pages: tuple[str, ...] = ()  # those pages, sorted (what the globs match in the output)

    def matches(self, path: str) -> bool:
        return path in self.pages


# The pages an index reads: annual-report/<year>/index.html (the city's summaries) and
# <dept>/<column>/<slug>/index.html (articles and a department's reports).
_INDEXED = re.compile(r"annual-report/[^/]*/index\.html|([^/]*)/([^/]*)/[^/]*/index\.html")


def _place(path: str) -> tuple[str, str] | None:
    """(group, column) of a page some index reads (``SITE_GROUP``, "" for a summary)."""
    match = _INDEXED.fullmatch(path)
    if match is None:
        return None
    return (SITE_GROUP, "") if match.group(1) is None else (match.group(1), match.group(2))


def _pages(departments: list[str], files) -> dict[str, list[str]]:
    """The indexed pages among ``files`` by department (and ``SITE_GROUP``), in one pass."""
    known = {SITE_GROUP, *departments}
    pages: dict[str, list[str]] = {}
    for path in files:
        place = _place(path)
        if place is not None and place[0] in known:
            pages.setdefault(place[0], []).append(path)
    return pages


def groups_for(departments: list[str], present, cap: int | None = None) -> list[Group]:
    """Index groups for the departments (in site order) and the city-wide summaries that
    have indexed pages: ``present`` holds the output paths written. A department of more
    than ``cap`` pages (default :data:`GROUP_PAGES`) is indexed in parts: its columns, in
    order, as many in one part as stay within ``cap``; a larger column in parts of its
    own, its pages in order of their paths shared out evenly among them."""
    cap = GROUP_PAGES if cap is None else cap
    pages = _pages(departments, present)
    found: list[Group] = []
    if pages.get(SITE_GROUP):
        found.append(
            Group(SITE_GROUP, ("annual-report/*/index.html",), "", _sorted(pages[SITE_GROUP]))
        )
    for dept in departments:
        mine = pages.get(dept, [])
        if not mine:
            continue
        if len(mine) <= cap:
            found.append(Group(dept, (f"{dept}/*/*/index.html",), "", _sorted(mine)))
            continue
        for number, (globs, members) in enumerate(_parts(dept, sorted(mine), cap), 1):
            found.append(Group(f"{dept}/{number}", globs, "", tuple(members)))
    return [
        replace(g, bundle=BUNDLE if i == 0 else f"{DEPARTMENT_BUNDLES}/{g.name}")
        for i, g in enumerate(found)
    ]


def _parts(dept: str, mine: list[str], cap: int) -> list[tuple[tuple[str, ...], list[str]]]:
    """(globs, pages) of each part of a large department; ``mine`` is sorted."""
    columns: dict[str, list[str]] = {}
    for path in mine:
        columns.setdefault(path.split("/")[1], []).append(path)
    parts: list[tuple[list[str], list[str]]] = [([], [])]
    for column, members in columns.items():
        if len(members) > cap:  # in parts of its own, each named page by page
            count = -(-len(members) // cap)
            for n in range(count):
                chunk = members[n * len(members) // count : (n + 1) * len(members) // count]
                slugs = ",".join(_wax_literal(path.split("/")[2]) for path in chunk)
                parts.append(([f"{dept}/{column}/{{{slugs}}}/index.html"], chunk))
            parts.append(([], []))
            continue
        if parts[-1][1] and len(parts[-1][1]) + len(members) > cap:
            parts.append(([], []))
        parts[-1][0].append(f"{dept}/{column}/*/index.html")
        parts[-1][1].extend(members)
    return [(tuple(globs), members) for globs, members in parts if members]


def _sorted(paths: list[str]) -> tuple[str, ...]:
    return tuple(sorted(paths))


def _wax_literal(text: str) -> str:
    """``text`` as literal characters in a Pagefind glob (its ``wax`` patterns give
    ``*?$:<>[]{},!\\`` and others meanings; letters, digits, ``-``, ``_``, ``.`` and
    non-ASCII characters stand for themselves)."""
    return "".join(c if c.isalnum() or c in "-_." or not c.isascii() else "\\" + c for c in text)


def indexed(path: str, departments: list[str] | frozenset[str]) -> bool:
    """Whether an output path is a page some group's index reads (whether or not the
    group has pages now)."""
    place = _place(path)
    return place is not None and (place[0] == SITE_GROUP or place[0] in departments)


def merged_bundles(groups: list[Group], url: Callable[[str], str]) -> list[str]:
    """The URLs the search page merges into the main bundle."""
    return [url(f"/{g.bundle}/") for g in groups[1:]]


def group_keys(groups: list[Group], files: dict[str, dict]) -> dict[str, str]:
    """What each group's index depends on: Pagefind's version and options, and the
    SHA-256 of every page it reads."""
    try:
        version = importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        version = "-"
    keys = {}
    for group in groups:
        parts = [version, *OPTIONS, *group.globs, group.bundle]
        for path in group.pages:
            parts += [path, str(files[path].get("sha256", ""))]
        keys[group.name] = hash_text(*parts)
    return keys


async def _ask(request: Awaitable[T], exited: asyncio.Future) -> T:
    """Pagefind's reply to ``request``, or :class:`SearchIndexError` if its process ends
    first: its client would wait for ever on a reply from a process that crashed or was
    killed by the system (out of memory), and the build with it."""
    pending = asyncio.ensure_future(request)
    await asyncio.wait({pending, exited}, return_when=asyncio.FIRST_COMPLETED)
    if pending.done():
        return pending.result()
    pending.cancel()
    raise SearchIndexError(f"Pagefind stopped before it answered (exit code {exited.result()})")


async def _reaped(process: asyncio.subprocess.Process) -> None:
    """Wait until the killed ``process`` is reaped, through any cancellation, for up to
    ``REAP_TIMEOUT``: the event loop that started it must outlive it, or asyncio's child
    watcher prints "Loop … that handles pid … is closed" on the editor's screen when it
    dies after the loop has ended (seen once in CI, on a busy machine, after a 5-second
    wait). A killed process dies at once; :meth:`Indexer.kill` waits for none of this
    longer than ``CLOSE_TIMEOUT``, and the indexing thread is a daemon."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + REAP_TIMEOUT
    waiting = asyncio.ensure_future(process.wait())
    while not waiting.done() and (left := deadline - loop.time()) > 0:
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait({waiting}, timeout=left)
    if not waiting.done():
        waiting.cancel()  # stuck in the kernel: given up on rather than waited for without end


@functools.cache
def _service_class() -> type:
    """Pagefind's service client, reading each reply as soon as it arrives. The stock
    client sleeps 0.1 s before it reads each reply, so every request (a new index, its
    pages, its files, deleting it) waited up to that long with Pagefind idle: about a
    fifth of the search stage of a clean 10,000-page build (measured: 18.4 s → 15.0 s).
    It also reads a reply as one line of at most 2 MiB, which the files of an index of
    a few hundred pages exceed; this reader has no such bound. A client without the
    reader this replaces (another version of Pagefind's client) is refused: its own
    reader would wait for ever on an index too large for it."""
    from pagefind.service import PagefindService

    if not hasattr(PagefindService, "_wait_for_responses"):
        raise SearchIndexError(
            "this version of Pagefind's Python client is not supported (pip install 'pagefind<2')"
        )

    class PromptService(PagefindService):
        async def _wait_for_responses(self) -> None:
            stdout = self._backend.stdout
            assert stdout is not None
            pending = bytearray()
            while chunk := await stdout.read(1 << 20):  # b"" once Pagefind has ended
                start = 0
                while (end := chunk.find(b",", start)) >= 0:  # base64 has no comma
                    pending += chunk[start:end]
                    _answer(self._responses, pending)
                    pending.clear()
                    start = end + 1
                pending += chunk[start:]

    return PromptService


def _answer(waiting: dict[int, asyncio.Future], message: bytes | bytearray) -> None:
    """Resolve the request a reply (base64 of JSON) answers, as Pagefind's client does:
    a reply to a message Pagefind could not parse names it only inside the message it
    returns. Anything else Pagefind prints is ignored."""
    try:
        reply = json.loads(base64.b64decode(message, validate=True))
    except ValueError:  # binascii.Error and JSONDecodeError are ValueErrors
        return
    if not isinstance(reply, dict):
        return
    payload = reply.get("payload") or {}
    number = reply.get("message_id")
    if number is None and isinstance(payload.get("original_message"), str):
        with contextlib.suppress(ValueError, AttributeError):
            number = json.loads(payload["original_message"]).get("message_id")
    future = waiting.get(number) if isinstance(number, int) else None
    if future is None or future.done():  # unknown, or given up on (see _ask)
        return
    if payload.get("type") == "Error":
        future.set_exception(Exception(payload.get("message"), payload.get("original_message")))
    else:
        future.set_result(payload)


class Indexer:
    """Builds the groups' indexes in a background thread, taking unchanged groups from the
    cache. ``services`` Pagefind processes take the others from one queue, each loading
    its Chinese dictionary once and holding one index in memory at a time: Pagefind
    builds an index on one core, so a build with two workers indexes twice as fast."""

    def __init__(
        self,
        folder: Path,
        groups: list[Group],
        keys: dict[str, str],
        cache: Cache | None,
        on_done: Callable[[Group], None] = lambda group: None,
        reuse: Reuse | None = None,
        services: int = 1,
    ):
        self.folder = folder
        self.services = max(1, services)
        self.reuse = reuse or Reuse(folder)  # what of the previous output ``folder`` holds
        self.groups = groups
        self.keys = keys
        self.cache = cache
        self.on_done = on_done
        self.error: str | None = None
        self.records: dict[str, dict[str, object]] = {}  # manifest entries of the bundles
        self.pids: set[int] = set()  # Pagefind's service processes
        self.stopped = False
        self.lock = threading.Lock()
        self.loop: asyncio.AbstractEventLoop | None = None  # the indexing thread's
        self.task: asyncio.Task | None = None
        self.writer = ThreadPoolExecutor(
            max_workers=self.services, thread_name_prefix="govsite-bundles"
        )
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            todo = []
            for group in self.groups:
                key = self.keys[group.name]
                listing = self.cache.load_bundle(key) if self.cache else None
                if listing is not None and self._copy(listing, group.bundle):
                    self.on_done(group)
                else:
                    todo.append(group)
            if todo:
                asyncio.run(self._index_all(todo))
        except asyncio.CancelledError:
            pass  # stopped by kill()
        except SearchIndexError as error:
            self.error = str(error)
        except Exception as error:  # Pagefind's service raises several kinds
            self.error = f"{type(error).__name__}: {error}"
        finally:
            self.writer.shutdown(wait=True)

    async def _index_all(self, groups: list[Group]) -> None:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(self._loop_exception)
        with self.lock:
            self.loop, self.task = loop, asyncio.current_task()
            if self.stopped:
                return
        queue = list(reversed(groups))  # popped from the end: site order
        try:
            async with asyncio.TaskGroup() as tasks:  # one fails: the others are cancelled
                for _ in range(min(self.services, len(groups))):
                    tasks.create_task(self._index_some(queue))
        except ExceptionGroup as errors:  # the first worker's error, as one would raise it
            raise errors.exceptions[0] from None

    async def _index_some(self, queue: list[Group]) -> None:
        """One Pagefind process builds the indexes of groups it takes from ``queue``."""
        service = await _service_class()().launch()
        backend = getattr(service, "_backend", None)
        exited = asyncio.ensure_future(
            backend.wait() if backend is not None else asyncio.Event().wait()
        )
        pid = backend.pid if backend is not None else None
        try:
            with self.lock:
                if pid is not None:
                    self.pids.add(pid)
                if self.stopped:  # killed while Pagefind was starting: it never saw the kill
                    self._kill_service()
                    return
            while queue and not self.stopped:
                group = queue.pop()
                index = await _ask(service.create_index({"force_language": LANGUAGE}), exited)
                count = 0
                for glob in group.globs:
                    added = index.add_directory(str(self.folder), glob=glob)
                    count += (await _ask(added, exited)).get("page_count") or 0
                if not count:
                    raise SearchIndexError(f"no page to index in {', '.join(group.globs)}")
                # Its files, written here: Pagefind answers a request to write them before
                # all their bytes are on disk (some were read empty on a busy machine).
                files = await _ask(index.get_files(), exited)
                await _ask(index.delete_index(), exited)
                # written by another thread: this loop goes on serving the other Pagefinds.
                # One writer thread per Pagefind process (not asyncio's default pool):
                # each thread that writes to the cache holds a database connection; one
                # thread for all made each Pagefind wait for the other's files.
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(self.writer, self._finish, group, files)
                self.on_done(group)
        finally:
            await self._close(service, backend, dead=exited.done())
            exited.cancel()
            with self.lock:
                self.pids.discard(pid)  # type: ignore[arg-type]

    async def _close(self, service, backend, *, dead: bool) -> None:
        """Close Pagefind's service. Once its process is dead (killed by :meth:`kill`, or
        crashed), its ``close()`` would wait for replies that never come and log an
        error: reap the process and close its pipes here instead (a transport left open
        is a warning at exit)."""
        closed = False
        with contextlib.suppress(Exception, asyncio.CancelledError):  # kill() cancels
            if not (self.stopped or dead):
                await asyncio.wait_for(service.close(), CLOSE_TIMEOUT)
                closed = True
        if not closed:  # killed (perhaps while closing) or crashed: reap it here
            with contextlib.suppress(Exception, asyncio.CancelledError):
                poll = getattr(service, "_poll_task", None)
                if poll is not None:
                    poll.cancel()
                if backend is not None:
                    if backend.returncode is None:
                        with contextlib.suppress(OSError):
                            os.kill(backend.pid, signal.SIGKILL)
                    await _reaped(backend)
        transport = getattr(backend, "_transport", None)
        if transport is not None:
            with contextlib.suppress(Exception):
                transport.close()

    def _finish(self, group: Group, files: list[dict]) -> None:
        """Write a bundle's files (a department bundle without the UI: the main bundle's
        loads it), enter them into the manifest, keep them in the cache. A file the
        previous output holds already is left as it is."""
        kept: dict[str, bytes] = {}
        for file in files:
            rel, data = file.get("path"), file.get("content")
            if not isinstance(rel, str) or not isinstance(data, bytes):
                raise SearchIndexError("Pagefind returned a file without a name or bytes")
            parts = rel.split("/")
            if rel.startswith("/") or any(part in ("", ".", "..") for part in parts):
                raise SearchIndexError(f"Pagefind returned a file outside its bundle: {rel}")
            if group.bundle == BUNDLE or rel not in UI_FILES:
                kept[rel] = data
        listing = {}
        for rel, data in sorted(kept.items()):
            digest = hashlib.sha256(data).hexdigest()
            listing[rel] = (digest, len(data))
            target = f"{group.bundle}/{rel}"
            if not self.reuse.holds(target, digest, len(data)):
                self.reuse.write(target, data)
            self.records[target] = {"sha256": digest, "size": len(data)}
        if self.cache is not None:
            self.cache.store_bundle(self.keys[group.name], kept, listing)

    def _copy(self, listing: dict[str, tuple[str, int]], bundle: str) -> bool:
        """A bundle from the cache, each file entered into the manifest: left as it is when
        the previous output has it, else written from the cache, checked against the
        listing. False if a file is missing or differs (the group is then indexed again)."""
        assert self.cache is not None
        copied = {}
        for rel, (digest, size) in sorted(listing.items()):
            target = f"{bundle}/{rel}"
            if not self.reuse.holds(target, digest, size):
                data = self.cache.load_bundle_file(digest, size)
                if data is None:
                    return False
                self.reuse.write(target, data)
            copied[target] = {"sha256": digest, "size": size}
        self.records.update(copied)
        return True

    def wait(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise SearchIndexError(self.error)

    def kill(self) -> None:
        """Stop: no further index, and the running Pagefind processes killed."""
        with self.lock:
            self.stopped = True
            self._kill_service()
            # Pagefind's client would wait for ever on a reply from the process just
            # killed: cancel the wait in the indexing thread's loop.
            if self.pids and self.loop is not None and self.task is not None:
                with contextlib.suppress(RuntimeError):  # the loop has already ended
                    self.loop.call_soon_threadsafe(self.task.cancel)
        self.thread.join(CLOSE_TIMEOUT)  # a daemon: never holds the process open

    def _loop_exception(self, loop: asyncio.AbstractEventLoop, context: dict) -> None:
        """Pagefind's reader task fails once its process is killed: expected after
        :meth:`kill`, and never a traceback on the editor's screen."""
        if not self.stopped:
            loop.default_exception_handler(context)

    def _kill_service(self) -> None:
        for pid in self.pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
