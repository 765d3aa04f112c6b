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


def index_site(folder: Path) -> None:
    """Index the HTML under ``folder`` into ``folder/search/pagefind``."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(folder),
        "--output-subdir",
        BUNDLE,
        "--force-language",
        "zh-cn",
        "--quiet",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip()[-2000:])
