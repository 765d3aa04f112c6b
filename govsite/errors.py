"""Errors shared by several commands, kept in a module that imports nothing of govsite.

Dependencies point down: ``cli`` catches these, the library modules raise them, and no
library module imports ``cli``.
"""

from __future__ import annotations


class UsageError(Exception):
    """A bad argument or request the parser could not catch (exit 2)."""


class BuildError(Exception):
    """The site cannot be rendered (a template error); carries ``path:line: message``."""
