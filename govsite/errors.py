"""Errors shared by several commands, kept in a module that imports nothing of govsite.

Dependencies point down: ``cli`` catches these, the library modules raise them, and no
library module imports ``cli``.
"""

from __future__ import annotations


class UsageError(Exception):
    """A bad argument or request the parser could not catch (exit 2)."""


class BuildError(Exception):
    """The site cannot be rendered (a template error); carries ``path:line: message``."""


class WorkerDied(Exception):
    """A worker process ended while it had work (killed, out of memory): raised by
    :mod:`govsite.forkpool`, told by ``cli`` (exit 2)."""

    def __init__(self, exitcode: int | None):
        super().__init__(f"a worker process ended unexpectedly (exit code {exitcode})")
        self.exitcode = exitcode  # -9: killed (the kernel's out-of-memory killer too)
