"""A one-line progress display for long builds: pages checked, pages written, search
indexes built. Shown only on a terminal, only once a run has taken a couple of seconds,
and never with ``--quiet``; it goes to stderr and is erased when the run ends, so
findings and reports on stdout are never mixed with it.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from govsite.i18n import Translator

DELAY = 2.0  # seconds before the line first appears
INTERVAL = 0.2  # seconds between redraws


class Progress:
    def __init__(
        self,
        t: Translator,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        delay: float = DELAY,
    ):
        self.t = t
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.started = time.monotonic()
        self.delay = delay
        self.drawn = 0.0
        self.shown = False
        self.counts: dict[str, int] = {}
        self.totals: dict[str, int] = {}
        self.current = ""  # the stage under way, when it has no count of its own

    @classmethod
    def silent(cls) -> Progress:
        return cls(Translator(), enabled=False)

    def total(self, name: str, count: int) -> None:
        self.totals[name] = count
        self._draw()

    def advance(self, name: str, count: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + count
        self._draw()

    def stage(self, name: str) -> None:
        self.current = name
        self._draw(force=True)

    def line(self) -> str:
        parts = []
        for name in ("checked", "written", "indexed"):
            if name in self.totals or name in self.counts:
                done = self.counts.get(name, 0)
                total = self.totals.get(name)
                parts.append(self.t(f"progress.{name}", done=done, total=total if total else "…"))
        if self.current:
            parts.append(self.t(f"progress.{self.current}"))
        return " · ".join(parts)

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (not force and now - self.drawn < INTERVAL):
            return
        self.drawn = now
        self.shown = True
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()

    def close(self) -> None:
        """Erase the line (if it was ever shown)."""
        if self.enabled and self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
