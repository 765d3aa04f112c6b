"""How ``check`` and ``build`` run the per-page work: a module of its own, so that the
command line can say it without importing the rules (a replayed check never needs them)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govsite.cache import Cache
    from govsite.progress import Progress
    from govsite.reuse import Reuse


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


def default_jobs() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)
