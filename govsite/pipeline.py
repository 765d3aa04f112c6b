"""Every page's work, in parallel and through the cache; what the whole site needs, once.

A page's work (front matter, Markdown, page rules, its article HTML) is a pure function
of its bytes, the site inputs (:func:`govsite.cache.site_key`) and where its links lead.
So it runs in forked worker processes that write article pages straight into the build's
staging folder and send back only what site-wide work needs: the parsed page, the
facts site rules read (links and headings), the page-rule findings and the article's
SHA-256. With a cache, an unchanged page costs one read of its entry.

Links are the one input that comes from other pages. Workers resolve them against the
targets known before the run (the cached pages' real URLs, the others' URLs guessed from
their paths); afterwards every page's links are resolved again against the real targets
and the few pages whose links now lead elsewhere (a slug or status changed, a page
appeared or vanished) are rendered again. The output is the same as a serial run's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from govsite import attachtext
from govsite.attachments.model import AttachmentText, Limits
from govsite.cache import Cache, hash_text
from govsite.config import SiteConfig
from govsite.content.loader import load_page, read_site_file
from govsite.content.model import Page, Status
from govsite.engine import RuleRun
from govsite.findings import Finding, well_formed
from govsite.forkpool import ForkPool
from govsite.i18n import Translator
from govsite.render.facts import PageFacts, RenderedBody
from govsite.render.links import SiteTargets, resolve
from govsite.render.markdown import render_markdown
from govsite.reuse import Reuse
from govsite.rules.links import source_urls

CHUNK = 32  # pages per task sent to a worker
PARALLEL_FROM = 48  # fewer pages to work on than this: no worker processes
RENDERED = frozenset({Status.PUBLISHED, Status.DRAFT, Status.SCHEDULED})  # as govsite.site


class ArticleError(Exception):
    """An article page could not be rendered (a template error); carries
    ``template:line: message`` (picklable, so it crosses from a worker)."""


@dataclass(frozen=True)
class Outcome:
    """What the parent keeps of one page's work."""

    page: Page
    facts: PageFacts | None  # links and headings (what site rules read); None: not rendered
    findings: tuple[Finding, ...]
    article: tuple[str, int] | None = None  # SHA-256 and size of the article page
    written: bool = False  # the article page is in the output folder
    key: str = ""  # the cache key of this page's entry
    cached: bool = False  # taken from the cache (not loaded, rendered and judged now)


@dataclass
class Work:
    """What a page's work reads besides the page: set up before workers fork."""

    root: Path
    config: SiteConfig
    t: Translator
    as_of: dt.date
    include_drafts: bool
    run: RuleRun  # for page rules only
    site_key: str
    targets: SiteTargets
    article: Callable[[Page, RenderedBody], bytes]
    cache: Cache | None = None
    out: Path | None = None  # where article pages are written (a build's staging folder)
    reuse: Reuse = field(default_factory=Reuse)  # what ``out`` holds already
    wanted: frozenset[Status] = field(default_factory=frozenset)

    def key(self, rel: str, raw: bytes) -> str:
        return self.key_of(rel, hashlib.sha256(raw).hexdigest())

    def key_of(self, rel: str, digest: str) -> str:
        """The cache key of the page at ``rel`` whose bytes have this SHA-256."""
        return hash_text(self.site_key, rel, digest)

    def rendered(self, page: Page) -> bool:
        """Whether the page's body is rendered: every check renders (and judges) what is
        published, scheduled or a draft (``govsite.site.RENDERED``)."""
        return is_placed(page, self.config) and page.status(self.as_of) in RENDERED

    def published(self, page: Page) -> bool:
        """Whether this run publishes the page's article (drafts and scheduled items only
        in a preview)."""
        return is_placed(page, self.config) and page.status(self.as_of) in self.wanted

    def linkable(self, page: Page) -> bool:
        """Whether links may lead to the page: what a build publishes, preview or not."""
        return is_placed(page, self.config) and page.status(self.as_of) is Status.PUBLISHED


def is_placed(page: Page, config: SiteConfig) -> bool:
    """Whether the page's folders name a department and a column it may publish in."""
    return config.places(page.department, page.column)


# ---------------------------------------------------------------- one page


def process(work: Work, rel: str, page: Page | None = None) -> Outcome:
    """Load (unless given), render, judge and write one page; store it in the cache."""
    read = read_site_file(work.root, rel, work.t)  # never through a link, never a FIFO
    if page is None:
        page = load_page(work.root, rel, work.config, work.t, raw=read)
    # An unreadable file is keyed by why it could not be read, never by bytes it lacks.
    raw = read if isinstance(read, bytes) else ("\x00" + read.message).encode()
    body = None
    if work.rendered(page):
        body = render_markdown(page.body, page.body_line, page.content_path, page.url, work.targets)
    facts = body.facts if body is not None else None
    findings = tuple(work.run.page(page, facts))
    article = None
    written = False
    # A check renders the article only to warm the cache for the build that follows.
    needs_article = work.out is not None or work.cache is not None
    if body is not None and page.meta is not None and needs_article:
        try:
            html = work.article(page, body)
        except ArticleError:
            if work.out is not None:
                raise  # a build stops with the template's file and line
            html = None  # a check does not judge templates: no article to cache
    else:
        html = None
    if html is not None:
        digest = hashlib.sha256(html).hexdigest()
        article = (digest, len(html))
        if work.cache is not None:
            work.cache.store_blob(html, digest)
        if work.out is not None and work.published(page):
            write_article(work, page, html, digest)
            written = True
    site_facts = None
    if facts is not None:
        written_urls = tuple(source_urls(page.body, page.body_line))
        site_facts = PageFacts(facts.links, facts.headings, (), written_urls)
    key = work.key(rel, raw)
    # Judged: its key positions (half its size) go neither to the parent nor to the cache.
    page = page.without_positions()
    if work.cache is not None:
        work.cache.store("page", key, (page, site_facts, findings, article))
    return Outcome(page, site_facts, findings, article, written, key)


def write_article(work: Work, page: Page, html: bytes, digest: str) -> None:
    """Write the article page into the build's staging folder, unless it is there."""
    assert work.out is not None
    rel = page.url + "index.html"
    if not work.reuse.holds(rel, digest, len(html)):
        work.reuse.write(rel, html)


def cached(work: Work, pages: dict[str, str]) -> dict[str, Outcome]:
    """The outcomes of these pages (path -> SHA-256 of the bytes) whose entries for these
    exact inputs are in the cache, read in one pass."""
    if work.cache is None:
        return {}
    keys = {rel: work.key_of(rel, digest) for rel, digest in pages.items()}
    entries = work.cache.load_many("page", list(keys.values()))
    found = {}
    for rel, key in keys.items():
        entry = entries.get(key)
        if _valid_entry(entry, rel):
            page, facts, findings, article = entry  # type: ignore[misc]
            found[rel] = Outcome(page, facts, tuple(findings), article, key=key, cached=True)
    return found


def _valid_entry(entry: object, rel: str) -> bool:
    if not isinstance(entry, tuple) or len(entry) != 4:
        return False
    page, facts, findings, article = entry
    return (
        isinstance(page, Page)
        and page.path == rel
        and (facts is None or isinstance(facts, PageFacts))
        and isinstance(findings, tuple)
        and all(isinstance(f, Finding) and well_formed(f) for f in findings)
        and (
            article is None
            or (
                isinstance(article, tuple)
                and len(article) == 2
                and isinstance(article[0], str)
                and isinstance(article[1], int)
            )
        )
    )


def links_hold(outcome: Outcome, targets: SiteTargets) -> bool:
    """Whether every link of the page still resolves as when it was rendered."""
    if outcome.facts is None:
        return True
    page = outcome.page
    for link in outcome.facts.links:
        now = resolve(link.href, page.content_path, page.url, targets)
        if now.kind != link.kind or now.target != link.target:
            return False
    return True


# ---------------------------------------------------------------- many pages

_WORK: list[Work] = []  # the forked workers' copy of the run's Work


def _init_worker() -> None:
    if sys.platform == "linux":
        with contextlib.suppress(Exception):
            import ctypes
            import signal

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # die with the build (PR_SET_PDEATHSIG)


def _task(task: tuple[list[tuple[str, Page | None]], SiteTargets | None]) -> list[Outcome]:
    batch, targets = task
    if targets is not None:
        _WORK[0].targets = targets
    outcomes = [process(_WORK[0], rel, page) for rel, page in batch]
    _flush()
    return outcomes


def _read_task(batch: list[tuple[str, Limits]]) -> list[tuple[str, AttachmentText]]:
    """Read attachments (the expensive part of the attachment rules) in a worker."""
    root = _WORK[0].root
    results = []
    for rel, limits in batch:
        try:
            key, text = attachtext.read_keyed(root / rel, rel, limits)
        except OSError:
            continue  # the rule reports it when it reads the file itself
        if key is not None:
            results.append((key, text))
            attachtext.forget(key)  # handed over: the worker need not keep it
    _flush()
    return results


def _flush() -> None:
    """Commit what a task stored in the cache before its results go back (the pool may
    be ended as soon as the last result arrives)."""
    if _WORK[0].cache is not None:
        _WORK[0].cache.flush()


class Runner:
    """Runs page batches in worker processes (or here, for a few pages or ``jobs=1``)."""

    def __init__(self, work: Work, jobs: int):
        self.work = work
        self.jobs = jobs
        self.pool: ForkPool | None = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool = None
        _WORK.clear()

    def _pool(self) -> ForkPool:
        if self.pool is not None and self.pool.closed:  # a caller stopped early: ended
            self.pool = None
        if self.pool is None:
            _WORK[:] = [self.work]
            if self.work.cache is not None:
                self.work.cache.flush()  # else every worker would commit the same entries
            # Frozen objects are never walked by the collector: the workers' collections
            # then leave the memory they share with the parent unwritten (copy-on-write).
            gc.freeze()
            try:
                self.pool = ForkPool(self.jobs, initializer=_init_worker)
            finally:
                gc.unfreeze()
        return self.pool

    def pages(self, todo: list[tuple[str, Page | None]]) -> Iterator[list[Outcome]]:
        """Outcomes of ``todo`` in batches, as they finish (in no fixed order)."""
        if self.jobs <= 1 or len(todo) < PARALLEL_FROM:
            for start in range(0, len(todo), CHUNK):
                yield [process(self.work, rel, page) for rel, page in todo[start : start + CHUNK]]
            return
        fresh = self.pool is None or self.pool.closed
        pool = self._pool()  # forks now (once), with the work as it is
        targets = None if fresh else self.work.targets
        tasks = [(todo[i : i + CHUNK], targets) for i in range(0, len(todo), CHUNK)]
        yield from pool.imap_unordered(_task, tasks)

    def attachments(
        self,
        paths: tuple[str, ...],
        limits: Limits,
        judged_by: tuple[str, ...] = (),
        hashed: Mapping[str, tuple[str, tuple[int, ...]]] | None = None,
    ) -> None:
        """Read the attachments not in memory or the cache yet, in parallel; the
        attachment rules then find them ready (and what ``judged_by`` found in them).
        ``hashed``: files this run has hashed already (govsite.verdict)."""
        todo = []
        root = self.work.root
        for rel, key, ready in attachtext.known(root, paths, limits, judged_by, hashed):
            if key is not None and self.work.cache is not None:
                self.work.cache.used.add(f"attachment/{key}")  # kept by the next prune
            if not ready:
                todo.append((rel, limits))
        if self.jobs <= 1 or len(todo) < 4:
            return  # the rules read them as they go
        batches = [todo[i : i + 4] for i in range(0, len(todo), 4)]
        for results in self._pool().imap_unordered(_read_task, batches):
            for key, text in results:
                attachtext.remember(key, text)
