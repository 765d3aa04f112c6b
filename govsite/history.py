"""What git knows about the content files (RV006): when each was first committed, and
every change of its ``date`` after it was published.

Read with the ``git`` command, a fixed number of processes whatever the size of the
site: one ``git log --raw`` pass over ``content/`` for when each file was first added
(renames followed), one ``git log -p -G^date:`` pass that sees only the commits changing
a ``date:`` line, one ``git diff`` for uncommitted changes, and one ``git cat-file
--batch`` for the few earlier versions whose review status decides whether they were
already published. Outside git, without the ``git`` command, or in a shallow clone
(whose oldest commit seems to add every file) the history is *unavailable*: the rule
says so once and never guesses.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

CONTENT = "content"
_DATE_LINE = re.compile(r"""^date:\s*["']?(\d{4}-\d{2}-\d{2})""")
_STATUS_LINE = re.compile(r"""^\s+status:\s*["']?(draft|approved)""", re.MULTILINE)
_HEADER = "\x1e"
# Where the site stands in git: top level, shallow or not, the site's prefix, the git dir.
_WHERE = ("rev-parse", "--show-toplevel", "--is-shallow-repository", "--show-prefix", "--git-dir")
_CACHE: dict[tuple[str, str], tuple[dict, list]] = {}  # (git dir, HEAD) -> parsed log
# The history as every clone has it (a local ``git replace`` does not move HEAD, and is
# not pushed), with paths as they are.
_FIXED = ("--no-replace-objects", "-c", "core.quotepath=off")
# A patch as it is stored, whatever the user's settings say: ``a/`` and ``b/`` before
# the paths (not ``diff.mnemonicPrefix``'s ``c/`` and ``w/``), no external diff tool, no
# text conversion of a ``.gitattributes`` driver.
_PATCH = ("--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/")


@dataclass(frozen=True)
class DateChange:
    """The ``date`` of a published item changed (in a commit, or not yet committed)."""

    old: dt.date
    new: dt.date
    day: dt.date | None  # day of the commit; None: an uncommitted change
    commit: str = ""


@dataclass
class FileHistory:
    added: dt.date  # the day of the commit that first added the file (committer's time)
    commit: str
    changes: list[DateChange] = field(default_factory=list)


@dataclass(frozen=True)
class ContentHistory:
    files: dict[str, FileHistory]  # by site-relative path (content/…)
    unavailable: str = ""  # why the history cannot be used: not-git, no-git, shallow, untracked


class _GitFailed(Exception):
    pass


def _git(root: Path, *args: str, stdin: bytes | None = None) -> str:
    try:
        done = subprocess.run(
            ["git", *_FIXED, "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            check=False,
        )
    except OSError as error:  # no git command at all
        raise FileNotFoundError(str(error)) from None
    if done.returncode != 0:
        raise _GitFailed(done.stderr.decode("utf-8", "replace"))
    return done.stdout.decode("utf-8", "replace")


def content_history(root: Path, as_of: dt.date) -> ContentHistory:
    """The history of ``root/content`` (never raises: problems make it unavailable)."""
    try:
        facts = _git(root, *_WHERE).split("\n")
    except FileNotFoundError:
        return ContentHistory({}, "no-git")
    except _GitFailed:
        return ContentHistory({}, "not-git")
    top, shallow, prefix, git_dir = ([*facts, "", "", "", ""])[:4]
    if shallow.strip() == "true":
        return ContentHistory({}, "shallow")
    try:
        head = _git(root, "rev-parse", "--verify", "-q", "HEAD").strip()
    except _GitFailed:
        return ContentHistory({}, "untracked")  # a repository without a commit yet
    pathspec = f"{prefix}{CONTENT}"
    key = (str(Path(top) / git_dir), f"{head}:{pathspec}")
    if key not in _CACHE:
        _CACHE.clear()  # one site at a time: a live preview rereads after each commit
        _CACHE[key] = _read_log(Path(top), pathspec)
    added, committed = _CACHE[key]
    files = {path: FileHistory(day, commit) for path, (day, commit) in added.items()}
    if not files:
        return ContentHistory({}, "untracked")
    worktree = _worktree_changes(Path(top), pathspec)
    _judge_changes(Path(top), files, committed, worktree, as_of)
    strip = len(prefix)
    return ContentHistory({path[strip:]: history for path, history in files.items()})


def _read_log(top: Path, pathspec: str) -> tuple[dict, list]:
    """First additions (one ``--raw`` pass) and committed date changes (a ``-G`` pass)."""
    raw = _git(
        top,
        "log",
        "--reverse",
        "--date-order",
        "-M",
        "--no-color",
        "--raw",
        "--no-abbrev",
        f"--format={_HEADER}%H%x09%cI",
        "--",
        pathspec,
    )
    added: dict[str, tuple[dt.date, str]] = {}
    for commit, day, body in _records(raw):
        entries = []
        for line in body:
            if not line.startswith(":"):
                continue
            meta, _, paths = line.partition("\t")
            entries.append((meta.split()[-1], [_unquote(name) for name in paths.split("\t")]))
        # A file moved and rewritten in one commit is no rename to git (under 50 %
        # similar), but it is the same item: the name it keeps says so.
        deleted: dict[str, list[str]] = {}
        for status, names in entries:
            if status == "D":
                deleted.setdefault(names[0].rsplit("/", 1)[-1], []).append(names[0])
        for status, names in entries:
            if status.startswith("R") and len(names) == 2:
                added[names[1]] = added.pop(names[0], (day, commit))
            elif status == "A":
                moved = deleted.get(names[0].rsplit("/", 1)[-1], [])
                if len(moved) == 1 and moved[0] in added:
                    added[names[0]] = added.pop(moved[0])
                else:
                    added.setdefault(names[0], (day, commit))
    patch = _git(
        top,
        "log",
        "--reverse",
        "--date-order",
        "-M",
        "--no-color",
        "--raw",
        "--no-abbrev",
        "-p",
        *_PATCH,
        "-U0",
        "-G^date:",
        "--diff-filter=MR",
        f"--format={_HEADER}%H%x09%cI",
        "--",
        pathspec,
    )
    return added, [c for record in _records(patch) for c in _changes(*record)]


def _records(text: str):
    for record in text.split(_HEADER)[1:]:
        lines = record.split("\n")
        commit, _, stamp = lines[0].partition("\t")
        try:
            day = dt.datetime.fromisoformat(stamp.strip()).date()
        except ValueError:
            continue
        yield commit, day, lines[1:]


def _changes(commit: str, day: dt.date, lines: list[str]) -> list[tuple]:
    """``(path, old blob, old date, new date, day, commit)`` for each date line changed."""
    blobs: dict[str, str] = {}
    found = []
    path, old = "", None
    for line in lines:
        if line.startswith(":"):
            meta, _, paths = line.partition("\t")
            blobs[_unquote(paths.split("\t")[-1])] = meta.split()[2]
        elif line.startswith("+++ "):
            name = line[4:]
            name = name[:-1] if name.endswith("\t") else name  # git's mark of a space
            path, old = _unquote(name).removeprefix("b/"), None
        elif line.startswith("-date:") and (match := _DATE_LINE.match(line[1:])):
            old = _day(match.group(1))
        elif line.startswith("+date:") and (match := _DATE_LINE.match(line[1:])):
            new = _day(match.group(1))
            if old is not None and new is not None and new != old:
                found.append((path, blobs.get(path, ""), old, new, day, commit))
            old = None
    return found


def _unquote(name: str) -> str:
    """A path as git prints it: names with quotes, backslashes or control characters
    come in double quotes with C escapes (``"content/a\\"b.md"``)."""
    if len(name) < 2 or not (name.startswith('"') and name.endswith('"')):
        return name
    raw = name[1:-1].encode("utf-8")
    try:
        return codecs.escape_decode(raw)[0].decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return name


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _worktree_changes(top: Path, pathspec: str) -> list[tuple]:
    try:
        diff = _git(
            top, "diff", "--raw", "--no-abbrev", "-p", *_PATCH, "-U0", "-G^date:", "HEAD",
            "--", pathspec,
        )  # fmt: skip
    except _GitFailed:
        return []
    return _changes("", None, diff.split("\n"))  # type: ignore[arg-type]


def _judge_changes(
    top: Path, files: dict[str, FileHistory], committed: list, worktree: list, as_of: dt.date
) -> None:
    """Keep the date changes of items that were already published before the change:
    the earlier version was approved and its date had come (by the change, or by
    ``as_of`` for an uncommitted one)."""
    candidates = [c for c in committed + worktree if c[0] in files and c[1]]
    statuses = _statuses(top, sorted({c[1] for c in candidates}))
    for path, blob, old, new, day, commit in candidates:
        if statuses.get(blob) == "approved" and old <= (day or as_of):
            files[path].changes.append(DateChange(old, new, day, commit))


def _statuses(top: Path, blobs: list[str]) -> dict[str, str]:
    """The review status written in each blob, read with one ``git cat-file --batch``."""
    if not blobs:
        return {}
    try:
        out = subprocess.run(
            ["git", *_FIXED, "-C", str(top), "cat-file", "--batch"],
            input=("\n".join(blobs) + "\n").encode(),
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    statuses, position = {}, 0
    for blob in blobs:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        text = out[position : position + size].decode("utf-8", "replace")
        position += size + 1
        match = _STATUS_LINE.search(text.split("\n---", 1)[0])
        statuses[blob] = match.group(1) if match else ""
    return statuses


def where(root: Path) -> str:
    """Where git stands for the site, as one string that changes whenever what
    :func:`content_history` reads could (the repository, the site's place in it, shallow
    or not, HEAD, and the index's entries for ``content/``: ``git diff HEAD`` looks
    only at files in the index, and not at those marked unchanged; the working tree's
    bytes are hashed by whoever keys on this)."""
    try:
        place = _git(root, *_WHERE, "HEAD")
        index = _git(root, "ls-files", "--stage", "-v", "--", CONTENT)
        return f"{place}index {hashlib.sha256(index.encode()).hexdigest()}"
    except FileNotFoundError:
        return "no-git"
    except _GitFailed as error:
        return f"failed: {error}"  # not a repository, or one without a commit yet
