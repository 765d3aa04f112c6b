"""Change sets for ``govsite check``: what a commit adds, changes, removes or renames.

A commit that deletes or renames a page passes every check of the files it still has,
and breaks the pages, in any department, that linked to the old name. So ``check``
reads the change set from git (``--staged``: the commit being made, which is what the
pre-commit hook runs; ``--since REF``: everything since a branch point, for CI), reports
on the files it adds and changes, and on every link the removed names leave broken; a
change to ``site.toml``, ``checks/`` or ``templates/`` is judged by every page.
A path given on the command line that no longer exists but that git knows (deleted in
the working tree) counts as removed too.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from govsite.config import CONFIG_NAME
from govsite.content.discover import ANNUAL_REPORT_DIR, CONTENT_DIR
from govsite.errors import UsageError
from govsite.findings import Finding
from govsite.i18n import Translator
from govsite.render.links import reference_path

_SLUG = re.compile(r"^slug:\s*[\"']?([a-z0-9][a-z0-9-]*)[\"']?\s*(#.*)?$", re.MULTILINE)
_GIT_TIMEOUT = 60
WHOLE_SITE_INPUTS = ("checks", "templates")


@dataclass(frozen=True)
class ChangeSet:
    """Site-relative POSIX paths: ``changed`` exist now (added, modified, the new name of
    a renamed file); ``removed`` are gone (deleted, the old name of a renamed file).
    ``old_slugs`` holds a removed page's ``slug`` when its front matter set one."""

    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    old_slugs: tuple[tuple[str, str], ...] = ()

    @property
    def whole_site(self) -> bool:
        """Whether the change touches what every page is judged or rendered by
        (``site.toml``, ``checks/``, ``templates/``): then every finding is the change's."""
        return any(
            rel == CONFIG_NAME or rel.split("/", 1)[0] in WHOLE_SITE_INPUTS
            for rel in (*self.changed, *self.removed)
        )

    def removed_targets(self) -> frozenset[str]:
        """What links may have named: the removed files below ``content/`` and the URLs
        (without their final ``/``) their pages and annual reports were published at."""
        slugs = dict(self.old_slugs)
        targets: set[str] = set()
        for rel in self.removed:
            if not rel.startswith(CONTENT_DIR + "/"):
                continue
            below = rel.removeprefix(CONTENT_DIR + "/")
            targets.add(below)
            parts = below.split("/")
            stem = parts[-1].rsplit(".", 1)[0]
            if below.endswith(".md") and len(parts) == 3:
                targets.add(f"{parts[0]}/{parts[1]}/{slugs.get(rel, stem)}")
            elif len(parts) == 3 and parts[1] == ANNUAL_REPORT_DIR and below.endswith(".yaml"):
                targets.add(f"{parts[0]}/{ANNUAL_REPORT_DIR}/{stem}")
        return frozenset(targets)


def _git(root: Path, *args: str, t: Translator) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        raise UsageError(t("changes.no_git", site=root)) from None
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        raise UsageError(t("changes.git_failed", command=" ".join(args[:2]), detail=detail))
    return done.stdout


def _top(root: Path, t: Translator) -> Path:
    try:
        top = _git(root, "rev-parse", "--show-toplevel", t=t).strip()
    except UsageError:
        raise UsageError(t("changes.no_git", site=root)) from None
    return Path(top)


def staged(root: Path, t: Translator) -> ChangeSet:
    """The commit being made: ``git diff --cached`` (renames detected)."""
    return _diff(root, ("diff", "--cached"), "HEAD", t)


def since(root: Path, ref: str, t: Translator) -> ChangeSet:
    """Everything from ``ref`` to the working tree: ``git diff REF``."""
    if ref.startswith("-"):
        raise UsageError(t("changes.bad_ref", ref=ref))
    return _diff(root, ("diff", ref), ref, t)


def _diff(root: Path, command: tuple[str, ...], old_tree: str, t: Translator) -> ChangeSet:
    top = _top(root, t)
    if command == ("diff", "--cached") and not _has_head(root):
        command = ("diff", "--cached", "--root")  # the first commit: everything is added
    output = _git(root, *command, "--name-status", "-M", "-z", t=t)
    fields = output.split("\0")
    changed: list[str] = []
    removed: list[str] = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        kind = status[:1]
        if kind in ("R", "C"):
            old, new = fields[index + 1], fields[index + 2]
            index += 3
            if kind == "R":
                removed.append(old)
            changed.append(new)
            continue
        path = fields[index + 1]
        index += 2
        (removed if kind == "D" else changed).append(path)
    site = root.resolve()
    changed_rel = _below(site, top, changed)
    removed_rel = _below(site, top, removed)
    slugs = tuple(
        (rel, slug)
        for rel, path in zip(removed_rel, _below_paths(site, top, removed), strict=True)
        if (slug := _old_slug(root, old_tree, path, t))
    )
    return ChangeSet(tuple(changed_rel), tuple(removed_rel), slugs)


def _has_head(root: Path) -> bool:
    done = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--verify", "-q", "HEAD"],
        capture_output=True,
        timeout=_GIT_TIMEOUT,
        check=False,
    )
    return done.returncode == 0


def _below(site: Path, top: Path, paths: list[str]) -> list[str]:
    """Repository paths as site-relative paths (those outside the site are dropped)."""
    result = []
    for path in paths:
        absolute = top / path
        if absolute.is_relative_to(site):
            result.append(absolute.relative_to(site).as_posix())
    return result


def _below_paths(site: Path, top: Path, paths: list[str]) -> list[str]:
    return [path for path in paths if (top / path).is_relative_to(site)]


def _old_slug(root: Path, tree: str, path: str, t: Translator) -> str:
    """The ``slug`` a removed page's front matter set, read from git ("" when none)."""
    if not path.endswith(".md"):
        return ""
    try:
        text = _git(root, "show", f"{tree}:{path}", t=t)
    except UsageError:
        return ""
    front = text.split("\n---", 1)[0] if text.startswith("---") else ""
    match = _SLUG.search(front)
    return match.group(1) if match else ""


def known_to_git(root: Path, rel: str, t: Translator) -> bool:
    """Whether git has ``rel`` (site-relative) at HEAD: a deleted file, not a typo."""
    try:
        _git(root, "cat-file", "-e", f"HEAD:./{rel}", t=t)
    except UsageError:
        return False
    return True


def broken_by_removal(analysis, changes: ChangeSet) -> list[Finding]:
    """The LK002 findings, in every department, whose link names a removed file or the
    URL it was published at; and the site-level findings of the folders files left
    (DS005 when a department's guide is deleted)."""
    targets = changes.removed_targets()
    if not targets:
        return []
    places: set[tuple[str, int]] = set()
    media: set[tuple[str, str]] = set()  # (page, file as its media entry writes it)
    for page in analysis.pages:
        body = analysis.bodies.get(page.path)
        for link in body.facts.links if body is not None else ():
            if link.kind in ("page", "url", "file") and link.target is None:
                path = unquote(urlsplit(link.href).path)
                if path and reference_path(path, page.content_path, page.url)[1] in targets:
                    places.add((page.path, link.line))
        for entry in page.meta.media if page.meta is not None else ():
            if reference_path(entry.file, page.content_path, page.url)[1] in targets:
                media.add((page.path, entry.file))
    folders = {rel.rsplit("/", 1)[0] + "/" for rel in changes.removed}
    return [
        f
        for f in analysis.findings
        if (f.rule == "LK002" and (f.path, f.line) in places)
        or (
            f.rule == "LK002" and any(f.path == p and f"`{file}`" in f.message for p, file in media)
        )
        or (f.line is None and f.path.endswith("/") and f.path in folders)
    ]
