"""Chinese full-text search with Pagefind (a static search index, no server).

Pagefind's extended build segments Chinese text; it indexes the pages that carry
``data-pagefind-body`` (articles and annual reports) and writes its bundle, with its
search UI, to ``search/pagefind/`` inside the output. The same input gives byte-identical
index files, so builds stay deterministic.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BUNDLE = "search/pagefind"
# Only articles (<dept>/<column>/<slug>/) and annual reports carry data-pagefind-body;
# globbing them alone spares Pagefind from reading every listing page.
INDEXED = "{*/*/*/index.html,annual-report/*/index.html}"


class SearchIndexError(Exception):
    """Pagefind failed; carries its message."""


class Indexer:
    """A running Pagefind process over a folder whose indexed pages are written."""

    def __init__(self, folder: Path):
        command = [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(folder),
            "--output-subdir",
            BUNDLE,
        ]
        command += ["--force-language", "zh-cn", "--glob", INDEXED, "--quiet"]
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )

    def wait(self) -> None:
        stdout, stderr = self.process.communicate()
        if self.process.returncode != 0:
            raise SearchIndexError((stderr or stdout).strip()[-2000:])

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()


def _die_with_parent() -> None:
    """A killed build must not leave Pagefind writing into its staging folder."""
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)


def start_index(folder: Path) -> Indexer:
    """Start indexing ``folder`` into ``folder/search/pagefind``; ``wait()`` for it."""
    return Indexer(folder)
