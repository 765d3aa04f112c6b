"""A check's verdict, replayed while nothing the check reads has changed.

A warm check of an unchanged 10,000-page portal spent most of its time rebuilding what
it had found the time before: decoding every page's cache entry and running the site
rules again. So a check stores its *verdict* (the findings, the notes, the counts its
summary line prints) under a key that hashes **every input of every rule**:

- :func:`govsite.cache.site_key` with the check's date: govsite's code and the
  libraries' versions, ``site.toml``, ``templates/``, ``checks/`` (the rule pack and
  rosters), the language, ``--as-of``;
- every name discovery found in ``content/``, by kind (pages, media, data files,
  misplaced, refused and misnamed files);
- the bytes of every page, data file and media file;
- where git stands (:func:`govsite.history.where`): RV006 reads the history;
- the results of ``govsite links --external`` (:func:`govsite.cache.link_results`):
  LK005 reports the dead links they name.

The next check with the same key prints the same report without judging again; any
change to any input is a miss, and the check runs in full. A verdict is stored only
when nothing changed while the check ran (each file's status, the listing, the site
inputs and git are compared before and after), so an edit made during a check can never
be hidden by the verdict of the bytes before it. Statuses, not only bytes: a rule-pack
file saved and then put back, or a page there only while the rules ran (a branch checked
out and back), leaves the bytes and names as they were, but not the change times of the
file and of the folder that held the page. A file that cannot be read as a
regular file makes the check run in full, where it is reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from govsite import inputrecord
from govsite.cache import (
    CACHE_DIR,
    LINK_RESULTS,
    LISTING,
    SITE_FOLDERS,
    VERDICT,
    Cache,
    link_results,
    site_key,
)
from govsite.config import CONFIG_NAME
from govsite.content.discover import CONTENT_DIR, ContentTree, discover
from govsite.findings import Finding, Note, well_formed
from govsite.history import where
from govsite.i18n import Translator
from govsite.runoptions import RunOptions
from govsite.safepath import fingerprint, hash_regular_many, regular_stat

if TYPE_CHECKING:
    from govsite.site import Analysis


@dataclass(frozen=True)
class Verdict:
    """What a check reports: its findings (all of them, before any narrowing to paths),
    the notes of rules that could not judge, and the counts of the summary line."""

    findings: tuple[Finding, ...]
    notes: tuple[Note, ...]
    files: int
    pages: int  # what a build on that day publishes

    @classmethod
    def of(cls, analysis: Analysis) -> Verdict:
        return cls(
            tuple(analysis.findings),
            tuple(analysis.notes),
            analysis.file_count,
            len(analysis.publishable()),
        )


RACY_NS = 1_000_000_000  # changed less than this before it is read: a file is "racy"


@dataclass(frozen=True)
class Inputs:
    """A check's inputs as they stood when it began: their key, and what is compared
    after the run to know nothing changed meanwhile."""

    key: str
    state: str  # the status of every folder of content/ and of the site inputs outside it
    site: str  # site_key (code, site.toml, templates/, checks/, language, date), links
    git: str
    tree: ContentTree
    stats: tuple[tuple[str, tuple[int, ...]], ...]  # each file's path and fingerprint
    # path -> (SHA-256 of the bytes read, the file's fingerprint when they were read;
    # () for a file changed just before: its status does not vouch for those bytes)
    hashed: dict[str, tuple[str, tuple[int, ...]]] = field(default_factory=dict)


def check(
    root: Path, as_of: dt.date, t: Translator, options: RunOptions, *, replay: bool = True
) -> tuple[Verdict, Analysis | None]:
    """The check's verdict, and the analysis behind it when it was judged now (None when
    the stored verdict was replayed). Without a cache, or with ``replay`` false, the check
    always runs; with a cache, its verdict is stored for the next one."""
    cache = options.cache
    before = inputs(root, as_of, t, cache) if cache is not None else None
    if replay and cache is not None and before is not None:
        stored = _load(cache, before.key)
        if stored is not None:
            return stored, None
    from govsite.site import analyse  # the rules: not imported for a replayed verdict

    if before is not None:  # the pages were just hashed (or vouched for): not again
        options = replace(options, hashed=before.hashed)
    analysis = analyse(root, as_of, t, options=options)
    verdict = Verdict.of(analysis)
    if cache is not None and before is not None:
        if unchanged(root, as_of, t, before):
            keep(cache, before, verdict)
        else:
            forget_work(cache, analysis)
    return verdict, analysis


def keep(cache: Cache, before: Inputs, verdict: Verdict) -> None:
    """Store the verdict of a run whose inputs did not change while it ran (a check's, or
    a build's: a build judges the site exactly as a check does)."""
    cache.store(VERDICT, before.key, verdict)
    cache.used.add(f"{VERDICT}/{before.key}")
    cache.flush()


def forget_work(cache: Cache, analysis: Analysis | None) -> None:
    """Forget what a run made while an input changed under it: the work of each page it
    judged (not taken from the cache) and the listing pages it rendered. A template or
    ``site.toml`` saved after the run took its site key is read by what renders later:
    entries stored under that key would hold pages it does not give, and every later run
    with those inputs would publish them (the spare output keeps their bytes)."""
    names = [name for name in cache.used if name.startswith(f"{LISTING}/")]
    if analysis is not None:
        names += [f"page/{o.key}" for o in analysis.outcomes.values() if o.key and not o.cached]
    cache.forget(names)


def inputs(root: Path, as_of: dt.date, t: Translator, cache: Cache | None = None) -> Inputs | None:
    """Hash every input of every rule (module docstring); None when a file cannot be
    read as a regular file (the full check says why). With a cache, a file whose status
    is the one recorded when a run read it is not read again (:mod:`govsite.inputrecord`)."""
    state = _state(root)  # first: a change while the rest is read shows in it after the run
    tree = discover(root)
    site = _site(root, as_of, t)
    git = where(root)
    digest = hashlib.sha256(f"{site}\0{git}\0".encode("utf-8", "surrogateescape"))
    for bucket in fields(tree):
        names = getattr(tree, bucket.name)
        digest.update(f"\0{bucket.name}\0{len(names)}\0".encode())
        digest.update("\0".join(names).encode("utf-8", "surrogateescape"))
    stats, hashed = [], {}
    recent = time.time_ns() - RACY_NS  # taken before any file is read
    known = inputrecord.recorded(cache, root) if cache is not None else {}
    files = (*tree.pages, *tree.data, *tree.media)
    for rel, sha, info in hash_regular_many(root, files, known):
        if not isinstance(sha, str) or info is None:
            return None
        digest.update(info.st_size.to_bytes(8, "little") + sha.encode())
        status = fingerprint(info)
        stats.append((rel, status))
        # A file changed this close to the reading may be changed again within the same
        # clock tick, keeping its status, after it was read: its bytes are not vouched
        # for by its status (git's "racily clean" files); it is read again where needed.
        hashed[rel] = (sha, status if info.st_ctime_ns < recent else ())
    if cache is not None:
        inputrecord.record(cache, root, hashed, known)
    return Inputs(digest.hexdigest(), state, site, git, tree, tuple(stats), hashed)


def _site(root: Path, as_of: dt.date, t: Translator) -> str:
    """What every rule reads besides the content and git: the site inputs of
    :func:`~govsite.cache.site_key`, and the link results LK005 reads."""
    site = site_key(root, t.lang, False, as_of, CONFIG_NAME)
    return f"{site}:{hashlib.sha256(link_results(root)).hexdigest()}"


def _state(root: Path) -> str:
    """The status of what :func:`unchanged` cannot compare file by file: every folder of
    ``content/`` (adding or removing a file changes its folder's), ``site.toml`` and the
    link results (as read: through a link), and everything in ``templates/`` and
    ``checks/``. A write changes a change time, even when it puts back the old bytes."""
    digest = hashlib.sha256()

    def add(path: Path, *, follow: bool) -> None:
        try:
            info = os.stat(path, follow_symlinks=follow)
        except OSError:
            digest.update(f"{path}\0-\n".encode("utf-8", "surrogateescape"))
            return
        digest.update(f"{path}\0{fingerprint(info)}\n".encode("utf-8", "surrogateescape"))

    add(root / CONFIG_NAME, follow=True)
    add(root / CACHE_DIR / LINK_RESULTS, follow=True)
    for name in SITE_FOLDERS:
        add(root / name, follow=True)
        base = root / name
        for path in sorted(base.rglob("*")) if base.is_dir() else ():
            add(path, follow=False)
    folders = [root / CONTENT_DIR]
    while folders:  # a stack, as discovery walks: never through a link
        folder = folders.pop()
        add(folder, follow=False)
        try:
            with os.scandir(folder) as listing:
                folders += [Path(e.path) for e in listing if e.is_dir(follow_symlinks=False)]
        except OSError:
            continue
    return digest.hexdigest()


def unchanged(root: Path, as_of: dt.date, t: Translator, before: Inputs) -> bool:
    """Whether the inputs stand as they did when the check began: same site inputs, git,
    listing, and every file with the same status (a write changes its ctime)."""
    if _state(root) != before.state:
        return False
    if discover(root) != before.tree or where(root) != before.git:
        return False
    if _site(root, as_of, t) != before.site:
        return False
    for rel, status in before.stats:
        try:
            info = regular_stat(root / rel)
        except OSError:
            return False
        if fingerprint(info) != status:
            return False
    return True


def _load(cache: Cache, key: str) -> Verdict | None:
    """The stored verdict for ``key``, if it is one (anything else is a miss)."""
    value = cache.load(VERDICT, key)
    return value if isinstance(value, Verdict) and plausible(value) else None


def plausible(value: Verdict) -> bool:
    """Whether a verdict read from the cache holds what a verdict holds (decoding
    rebuilt the class, not the types of its fields)."""
    return (
        isinstance(value.findings, tuple)
        and isinstance(value.notes, tuple)
        and all(isinstance(f, Finding) and well_formed(f) for f in value.findings)
        and all(isinstance(n, Note) and well_formed(n) for n in value.notes)
        and type(value.files) is int
        and type(value.pages) is int
    )
