"""Find the site's content files. Folders decide department and column (SPEC 3.1).

Symbolic links are never followed: no path from content may make the build read
outside the site (SPEC 9).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

CONTENT_DIR = "content"
MEDIA_DIR = "media"
ANNUAL_REPORT_DIR = "annual-report"


@dataclass
class ContentTree:
    """What ``content/`` holds, as site-relative POSIX paths, sorted."""

    pages: list[str] = field(default_factory=list)  # content/<dept>/<column>/<slug>.md
    misplaced: list[str] = field(default_factory=list)  # .md files at the wrong depth
    media: list[str] = field(default_factory=list)  # content/<dept>/media/**
    data: list[str] = field(default_factory=list)  # annual reports, new-media registries


def discover(root: Path) -> ContentTree:
    tree = ContentTree()
    base = root / CONTENT_DIR
    if not base.is_dir():
        return tree
    for directory, dirs, files in os.walk(base, followlinks=False):
        here = Path(directory)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or path.is_symlink():
                continue
            _classify(path.relative_to(root).as_posix(), tree)
    for bucket in (tree.pages, tree.misplaced, tree.media, tree.data):
        bucket.sort()
    return tree


def _classify(rel: str, tree: ContentTree) -> None:
    parts = rel.split("/")[1:]  # drop "content"
    if len(parts) >= 3 and parts[1] == MEDIA_DIR:
        tree.media.append(rel)
    elif (len(parts) == 3 and parts[1] == ANNUAL_REPORT_DIR) or (
        len(parts) == 2 and parts[1] == "new-media.yaml"
    ):
        tree.data.append(rel)
    elif rel.endswith(".md"):
        (tree.pages if len(parts) == 3 else tree.misplaced).append(rel)
