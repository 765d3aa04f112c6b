"""Shared by the install tests: a clone of this repository, a wheelhouse, an offline shell.

Built once per test session (the wheelhouse takes a few seconds with pip's cache, longer on a
fresh machine where ``pip wheel`` downloads from PyPI); everything after it runs with the
network shut off for pip, as on a government intranet.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from govsite.render.markdown import markdown_parser

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 900  # seconds for one documented block (a first pip install on a slow runner)
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "test@example.gov.cn",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "test@example.gov.cn",
}


@functools.cache
def session_dir() -> Path:
    """One scratch folder for the whole test session, removed when the session ends: it
    holds a clone, a wheelhouse and a virtualenv (~370 MB), which a leak per run would
    soon fill a machine's disk with."""
    folder = Path(tempfile.mkdtemp(prefix="govsite-install-tests-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def documented_blocks(path: Path, marker: str | None = None) -> list[str]:
    """The ``sh`` blocks of a Markdown file in order; with ``marker``, only the block that
    follows ``<!-- tested: marker -->``."""
    text = path.read_text("utf-8")
    tokens = markdown_parser().parse(text)
    blocks = []
    last_text = ""  # the paragraph before a block (raw HTML is off: a comment is text here)
    for token in tokens:
        wanted = marker is None or f"<!-- tested: {marker} -->" in last_text
        if token.type == "fence" and token.info.strip() == "sh" and wanted:
            blocks.append(token.content)
        if token.type in ("inline", "fence"):
            last_text = token.content
    return blocks


def git(folder: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **GIT_IDENTITY},
    )
    return result.stdout.strip()


SKIPPED_DIRS = {
    ".git",
    ".venv",
    "__pycache__",
    "public",
    "build",
    "dist",
    ".pytest_cache",
    ".ruff_cache",
    ".govsite-cache",
    ".govsite",
}


def repository_files() -> list[str]:
    """What a commit of this tree holds: tracked files and new files git does not ignore
    (a tree without git: every file outside build and cache folders)."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(REPO), "ls-files", "-co", "--exclude-standard"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        listed = [
            p.relative_to(REPO).as_posix()
            for p in REPO.rglob("*")
            if not SKIPPED_DIRS & set(p.relative_to(REPO).parts)
            and not any(part.endswith(".egg-info") for part in p.parts)
        ]
    return sorted({f for f in listed if f and ((REPO / f).is_file() or (REPO / f).is_symlink())})


@functools.cache
def source_repository() -> Path:
    """This working tree as a git repository of its own: committed, clean, with a commit
    id. It plays the city's govsite repository (what CI and pre-commit install from)."""
    source = session_dir() / "govsite-origin"
    for rel in repository_files():
        if (REPO / rel).is_file() and not (REPO / rel).is_symlink():
            target = source / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, target, follow_symlinks=False)
        elif (REPO / rel).is_symlink():  # a link git tracks (govsite/theme)
            (source / rel).parent.mkdir(parents=True, exist_ok=True)
            (source / rel).symlink_to(os.readlink(REPO / rel))
    git(source, "init", "-q")
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "govsite under test")
    return source


def source_commit() -> str:
    return git(source_repository(), "rev-parse", "HEAD")


def clone(target: Path) -> Path:
    """A fresh clone of the source repository (its origin is the source)."""
    subprocess.run(
        ["git", "clone", "-q", str(source_repository()), str(target)],
        check=True,
        capture_output=True,
    )
    return target


def online_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(GIT_IDENTITY, HOME=str(home))
    return env


def offline_env(home: Path, wheels: Path | None) -> dict[str, str]:
    """pip may only read the wheelhouse: no index, no configuration, no proxy that works."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV", "PRE_COMMIT"))
        and k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
    }
    env.update(
        GIT_IDENTITY,
        HOME=str(home),
        PIP_CONFIG_FILE=os.devnull,
        PIP_NO_INDEX="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        HTTP_PROXY="http://127.0.0.1:9",
        HTTPS_PROXY="http://127.0.0.1:9",
        PRE_COMMIT_HOME=str(session_dir() / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
    )
    if wheels is not None:
        env["PIP_FIND_LINKS"] = str(wheels)
    return env


def run_shell(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run documented commands as a user would paste them into bash; stop at the first error."""
    result = subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"exit {result.returncode} running:\n{script}\n--- stdout\n{result.stdout[-4000:]}"
            f"\n--- stderr\n{result.stderr[-4000:]}"
        )
    return result


@functools.cache
def wheelhouse() -> Path:
    """docs/install.md's wheelhouse block, run on the "connected machine" (PyPI reachable)."""
    machine = session_dir() / "connected"
    machine.mkdir()
    clone(machine / "govsite")
    [block] = documented_blocks(REPO / "docs/install.md", "wheelhouse")
    run_shell(block, machine, online_env(machine))
    return machine / "wheelhouse"


def python() -> str:
    """The interpreter that makes fresh virtual environments (the base one, not a venv's)."""
    return getattr(sys, "_base_executable", sys.executable)
