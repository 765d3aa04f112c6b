"""Find the site's content files. Folders decide department and column (SPEC 3.1).

Symbolic links are never followed: no path from content may make the build read
outside the site (SPEC 9). They, and anything that is not a regular file (a FIFO named
``x.md`` would hang a reader), are listed in ``refused`` so the check reports them instead
of skipping them silently; so are files an editor meant as content but named so govsite
would never read them (``x.MD``, Markdown in ``annual-report/``), in ``misnamed``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

CONTENT_DIR = "content"
MEDIA_DIR = "media"
ANNUAL_REPORT_DIR = "annual-report"
_MARKDOWN_LIKE = re.compile(r"\.(md|markdown|mdown|mkd)$", re.IGNORECASE)
_YAML_LIKE = re.compile(r"\.(ya?ml)$", re.IGNORECASE)


@dataclass
class ContentTree:
    """What ``content/`` holds, as site-relative POSIX paths, sorted."""

    pages: list[str] = field(default_factory=list)  # content/<dept>/<column>/<slug>.md
    misplaced: list[str] = field(default_factory=list)  # .md files at the wrong depth
    media: list[str] = field(default_factory=list)  # content/<dept>/media/**
    data: list[str] = field(default_factory=list)  # annual reports, new-media registries
    refused: list[str] = field(default_factory=list)  # symbolic links, FIFOs, devices
    misnamed: list[str] = field(default_factory=list)  # x.MD, annual-report/x.md, 2025.yml


def discover(root: Path) -> ContentTree:
    tree = ContentTree()
    base = root / CONTENT_DIR
    if not base.is_dir():
        return tree
    folders = [(os.fspath(base), f"{CONTENT_DIR}/")]
    while folders:  # a stack, not recursion: however deep a hostile tree is
        folders += _classify_folder(*folders.pop(), tree)
    for bucket in (tree.pages, tree.misplaced, tree.media, tree.data, tree.refused, tree.misnamed):
        bucket.sort()
    return tree


def _classify_folder(directory: str, prefix: str, tree: ContentTree) -> list[tuple[str, str]]:
    """Classify the files ``directory`` holds (site-relative names start with ``prefix``);
    its subfolders, to look into next. The folder's own listing says what each entry is,
    with no call per file: a link is never followed, and anything but a regular file or
    a folder is refused."""
    try:
        with os.scandir(directory) as listing:
            entries = list(listing)
    except OSError:
        return []  # unreadable: as os.walk, nothing to classify
    folders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = prefix + entry.name
        try:
            if entry.is_symlink():
                tree.refused.append(rel)
            elif entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, rel + "/"))
            elif entry.is_file(follow_symlinks=False):
                _classify(rel, tree)
            else:
                tree.refused.append(rel)  # a FIFO, socket or device
        except OSError:
            tree.refused.append(rel)
    return folders


def _classify(rel: str, tree: ContentTree) -> None:
    parts = rel.split("/")[1:]  # drop "content"
    name = parts[-1]
    if len(parts) >= 3 and parts[1] == MEDIA_DIR:
        tree.media.append(rel)
    elif len(parts) == 3 and parts[1] == ANNUAL_REPORT_DIR:
        if _MARKDOWN_LIKE.search(name) or (_YAML_LIKE.search(name) and not name.endswith(".yaml")):
            tree.misnamed.append(rel)  # never read as a report: say so
        else:
            tree.data.append(rel)
    elif len(parts) == 2 and parts[1] == "new-media.yaml":
        tree.data.append(rel)
    elif rel.endswith(".md"):
        (tree.pages if len(parts) == 3 else tree.misplaced).append(rel)
    elif _MARKDOWN_LIKE.search(name) or (
        len(parts) == 2 and name.lower() in ("new-media.yml", "new-media.yaml")
    ):
        tree.misnamed.append(rel)
