"""Where govsite came from, for the version a new portal pins (govsite/installsource.py)."""

from __future__ import annotations

import subprocess

from govsite.installsource import PLACEHOLDER_URL, GovsiteSource, _from_checkout, detect_source
from tests.install_support import GIT_IDENTITY


def _repo(tmp_path, origin: str | None, tag: str | None):
    folder = tmp_path / "govsite"
    folder.mkdir()
    (folder / "pyproject.toml").write_text("[project]\nname = 'govsite'\n", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", **GIT_IDENTITY, "HOME": str(tmp_path)}
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["commit", "-q", "-m", "v"],
        *([["remote", "add", "origin", origin]] if origin else []),
        *([["tag", tag]] if tag else []),
    ):
        subprocess.run(["git", "-C", str(folder), *args], check=True, env=env)
    commit = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    return folder, commit


def test_a_tagged_clone_pins_its_origin_and_tag(tmp_path):
    folder, _ = _repo(tmp_path, "git@git.city.gov.cn:web/govsite.git", "v1.2.0")
    source = _from_checkout(folder)
    assert source == GovsiteSource("git@git.city.gov.cn:web/govsite.git", "v1.2.0", True)
    assert source.requirement == "govsite @ git+ssh://git@git.city.gov.cn/web/govsite.git@v1.2.0"


def test_an_untagged_clone_without_origin_pins_its_path_and_commit(tmp_path):
    folder, commit = _repo(tmp_path, None, None)
    source = _from_checkout(folder)
    assert source == GovsiteSource(str(folder), commit, True)
    assert source.requirement == f"git+{folder.as_uri()}@{commit}"


def test_https_origins_and_placeholders():
    https = GovsiteSource("https://git.city.gov.cn/web/govsite.git", "v1.0.0", True)
    assert https.requirement == "govsite @ git+https://git.city.gov.cn/web/govsite.git@v1.0.0"
    assert _from_checkout_of_nothing() is None
    given = detect_source("https://git.city.gov.cn/web/govsite.git", "v2.0.0")
    assert given.repo == "https://git.city.gov.cn/web/govsite.git" and given.rev == "v2.0.0"
    assert given.known
    assert PLACEHOLDER_URL.startswith("https://")


def _from_checkout_of_nothing():
    from pathlib import Path

    return _from_checkout(Path("/nonexistent/folder"))
