"""Where the running govsite came from, so a new portal pins exactly that version.

``govsite init`` writes CI files that ``pip install "govsite @ git+URL@REV"`` and a
pre-commit config with ``repo: URL`` and ``rev: REV``. The source is, in order: what the
user passed; the git checkout the code runs from (a clone installed with ``pip install -e``
or run from its folder); the PEP 610 ``direct_url.json`` pip wrote when it installed
govsite from a clone or a git URL; otherwise a placeholder the user must replace.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from govsite import __version__

PLACEHOLDER_URL = "https://git.example.gov.cn/web-office/govsite.git"
PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class GovsiteSource:
    repo: str  # what ``git clone`` accepts: a URL, or an absolute path for a local clone
    rev: str  # a tag or a full commit id
    known: bool  # False: the placeholder, to be replaced before CI can install it

    @property
    def pip_url(self) -> str:
        """``repo`` as the URL pip's ``git+`` scheme needs."""
        repo = self.repo
        if repo.startswith("/"):
            return Path(repo).as_uri()
        scp = re.fullmatch(r"([\w.-]+@[\w.-]+):(?!//)(.+)", repo)  # git@host:org/govsite.git
        if scp:
            return f"ssh://{scp.group(1)}/{scp.group(2)}"
        return repo

    @property
    def requirement(self) -> str:
        """What ``pip install`` takes. A local clone (``file:`` URL, no host) is written as a
        bare VCS URL: older pip refuses ``name @ git+file:///…`` as a PEP 508 requirement."""
        if self.pip_url.startswith("file:"):
            return f"git+{self.pip_url}@{self.rev}"
        return f"govsite @ git+{self.pip_url}@{self.rev}"


def detect_source(repo: str | None = None, rev: str | None = None) -> GovsiteSource:
    """The source to pin; ``repo``/``rev`` given by the user win."""
    found = _from_checkout(PACKAGE_DIR.parent) or _from_direct_url()
    if repo or rev:
        base = found or GovsiteSource(PLACEHOLDER_URL, f"v{__version__}", False)
        return GovsiteSource(repo or base.repo, rev or base.rev, bool(repo) or base.known)
    return found or GovsiteSource(PLACEHOLDER_URL, f"v{__version__}", False)


def _git(folder: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else None


def _from_checkout(folder: Path) -> GovsiteSource | None:
    """A git work tree whose top level holds this package (``.git`` dir or file)."""
    if not (folder / ".git").exists() or not (folder / "pyproject.toml").is_file():
        return None
    commit = _git(folder, "rev-parse", "HEAD")
    if commit is None:
        return None
    tag = _git(folder, "describe", "--tags", "--exact-match", "HEAD")
    origin = _git(folder, "remote", "get-url", "origin")
    return GovsiteSource(origin or str(folder), tag or commit, True)


def _from_direct_url() -> GovsiteSource | None:
    try:
        text = metadata.distribution("govsite").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not text:
        return None
    try:
        info = json.loads(text)
    except ValueError:
        return None
    url = str(info.get("url", ""))
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return GovsiteSource(url, str(vcs.get("requested_revision") or vcs["commit_id"]), True)
    parts = urlsplit(url)
    if parts.scheme == "file":
        return _from_checkout(Path(unquote(parts.path)))
    return None
