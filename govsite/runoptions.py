"""How ``check`` and ``build`` run, and what a build returns: a module of its own, so
that the command line can say it without importing the rules and renderers (a replayed
check or a build with nothing to do never needs them)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govsite.findings import Finding

if TYPE_CHECKING:
    from govsite.cache import Cache
    from govsite.progress import Progress
    from govsite.reuse import Reuse
    from govsite.site import Analysis
    from govsite.verdict import Verdict


@dataclass(frozen=True)
class RunOptions:
    """How ``check`` and ``build`` run the per-page work: in ``jobs`` processes, through
    ``cache``, writing article pages into ``out`` (a build's staging folder; ``reuse``
    says which of its files already hold what would be written)."""

    jobs: int = 1
    cache: Cache | None = None
    out: Path | None = None
    progress: Progress | None = None
    reuse: Reuse | None = None
    # path -> (SHA-256, fingerprint) of content files just read (govsite.verdict): a
    # page's cache entry is looked up without reading the page again, an attachment's
    # text while it keeps that fingerprint
    hashed: Mapping[str, tuple[str, tuple[int, ...]]] | None = None


def default_jobs() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out: Path
    as_of: dt.date
    strict: bool = False
    withhold: bool = False
    include_drafts: bool = False  # preview only
    jobs: int = 1  # worker processes for the per-page work
    cache: Cache | None = None  # the persistent cache (None: none)
    search: bool = True  # build the search index
    progress: Progress | None = None
    on_wait: Callable[[], None] | None = None  # called if another build holds the output
    sign_key: object | None = None  # an Ed25519 private key: manifest.json gets a signature
    replay: bool = True  # may end at once when nothing changed (govsite.rebuild)
    hashed: Mapping[str, tuple[str, tuple[int, ...]]] | None = None  # as RunOptions's


@dataclass
class BuildResult:
    verdict: Verdict  # what the check found
    published: bool
    pages: int = 0
    files: int = 0
    withheld: list[str] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)  # links to withheld pages, unlinked
    analysis: Analysis | None = None  # None: nothing had changed (govsite.rebuild)
    written: dict[str, dict] | None = None  # the manifest's entries (path -> sha256, size)
    swapped: int = 0  # the output folder's change time right after the swap (0: unknown)

    @property
    def findings(self) -> list[Finding]:
        if not self.notes:
            return list(self.verdict.findings)
        return sorted([*self.verdict.findings, *self.notes], key=Finding.sort_key)
