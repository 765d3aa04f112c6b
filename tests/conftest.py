"""Shared fixtures: throwaway sites (``make_site``) and the CLI run in-process."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, settings

from govsite.cli import main

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_PARTS = ("site.toml", "content", "checks", "templates")


def copy_example(dest: Path) -> Path:
    """A copy of the repository's example portal at ``dest``: only what a site is made of.

    Copying the whole repository would also copy a virtualenv (~800 MB in CI), which filled
    a CI machine's disk once; a portal is its config, content, rule pack and templates."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in EXAMPLE_PARTS:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
        else:
            shutil.copy(REPO / name, dest / name)
    return dest


# Hypothesis profiles (tests/test_properties*.py, tests/test_xss.py). "ci" (the default)
# keeps the whole property suite to about a minute on 2 cores; "nightly" runs far more
# examples: HYPOTHESIS_PROFILE=nightly python3 -m pytest tests/test_properties*.py
_PROPERTY_SETTINGS = {
    "deadline": None,  # a build's time varies with the machine's load, never an error
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}
settings.register_profile(
    "ci", max_examples=40, derandomize=True, database=None, **_PROPERTY_SETTINGS
)
settings.register_profile("nightly", max_examples=1000, **_PROPERTY_SETTINGS)
settings.register_profile("dev", max_examples=10, **_PROPERTY_SETTINGS)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SITE_TOML = """\
[site]
title = "测试市人民政府"
base_url = "https://www.test.gov.cn/"
language = "zh-CN"
site_code = "5399000009"
icp = "滇ICP备00000009号-1"
public_security = "滇公网安备53990002000009号"
sponsor = "测试市人民政府办公室"
contact = "0871-69999999"

[[departments]]
id = "edu"
name = "测试市教育体育局"
short_name = "市教体局"
credit_code = "11539900MB00000036"
phones = ["0871-69999901"]

[[departments]]
id = "gov"
name = "测试市人民政府办公室"
short_name = "市政府办"
credit_code = "11539900MB00000010"

[[columns]]
id = "news"
title = "工作动态"
kind = "dynamic"

[[columns]]
id = "notice"
title = "通知公告"
kind = "notice"

[[columns]]
id = "policy"
title = "政策文件"
kind = "policy"
disclosure = true
"""

REVIEW = """\
review:
  status: {status}
  level: general
  editor: 赵编辑
  reviewer: 钱审核
  approver: 孙签发
  approver_role: principal
  approved: {approved}
"""


def item(
    title: str = "关于做好开学工作的通知",
    date: str = "2026-03-02",
    body: str = "正文第一段。\n",
    status: str = "approved",
    extra: str = "",
    review: str | None = None,
) -> str:
    """A valid content file; ``extra`` adds front-matter lines, ``review`` replaces the chain."""
    chain = review if review is not None else REVIEW.format(status=status, approved=date)
    return f"---\ntitle: {title}\ndate: {date}\n{chain}{extra}---\n\n{body}"


MINIMAL_REPORT = """\
year: 2025
overview: 本年度政府信息公开工作有序开展。
proactive:
  normative_documents: {issued: 0, repealed: 0, in_force: 0}
applications:
  new: [1, 0, 0, 0, 0, 0]
  granted: [1, 0, 0, 0, 0, 0]
problems: 无。
other_matters: 无。
"""
REPORTS = {f"content/{dept}/annual-report/2025.yaml": MINIMAL_REPORT for dept in ("edu", "gov")}
# Toy sites have a handful of items: their columns are empty or stale by design, so the
# site-health rules are switched off unless a test asks for them (freshness=True).
QUIET_FRESHNESS = "levels:\n  FR001: off\n  FR002: off\n"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    def make(
        files: dict[str, str | bytes] | None = None,
        site_toml: str = SITE_TOML,
        reports: bool = True,
        freshness: bool = False,
    ) -> Path:
        """A site with ``files``; each department of the default config also gets a valid
        2025 annual report unless ``reports`` is false (DS001 would warn without it), and
        FR001/FR002 are off unless ``freshness`` is true."""
        root = tmp_path / "site"
        root.mkdir(exist_ok=True)
        (root / "site.toml").write_text(site_toml, encoding="utf-8")
        defaults = {**(REPORTS if reports else {})}
        if not freshness:
            defaults["checks/levels.yaml"] = QUIET_FRESHNESS
        for rel, data in {**defaults, **(files or {})}.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(
                    textwrap.dedent(data) if data.startswith("\n") else data, encoding="utf-8"
                )
        return root

    return make


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(*args: str | Path) -> Result:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes, for byte-identical comparisons."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def swap_after_discovery(monkeypatch, root: Path, rel: str, swap: str, outside: Path) -> None:
    """Discovery sees the site as it is now; then ``rel`` becomes a FIFO (``swap`` is
    "fifo") or a link to ``outside`` ("link"), as a file can between discovery and the
    moment it is read."""
    import govsite.site
    from govsite.content.discover import discover

    tree = discover(root)
    monkeypatch.setattr(govsite.site, "discover", lambda _root: tree)
    path = root / rel
    path.unlink()
    if swap == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(outside)


def ends_within(seconds: float, work: Callable[[], T]) -> T:
    """``work()``'s result; the test fails if it has not ended after ``seconds`` (a read
    stuck on a FIFO never ends: it runs in a daemon thread, so the tests still end)."""
    import threading

    done: list = []
    thread = threading.Thread(target=lambda: done.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s (waiting on a FIFO?)"
    return done[0]


def run_together(commands: list[list], as_of: str) -> None:
    """Start every command at once (``--as-of`` and ``-q`` added), wait for all, and
    assert each succeeded without a traceback or an SQLite error: runs sharing a cache."""
    started = [
        subprocess.Popen(
            [str(a) for a in [*command, "--as-of", as_of, "-q"]],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    for process in started:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, out + err
        assert "Traceback" not in err and "sqlite" not in err.lower(), err
