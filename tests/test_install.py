"""Installing govsite the documented ways, and a new portal's CI and pre-commit, for real.

Each test runs real commands in fresh virtual environments: the offline install of
docs/install.md exactly as written, the CI commands and the pre-commit config that
``govsite init`` writes, and the repository's pre-commit hook through the real
``pre-commit try-repo``. pip reads only the wheelhouse (built once per session).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.install_support import (
    REPO,
    documented_blocks,
    git,
    offline_env,
    python,
    run_shell,
    source_commit,
    source_repository,
    wheelhouse,
)

ID_NUMBER_ITEM = """\
---
title: 关于表彰优秀教师的通报
date: {date}
review:
  status: approved
  level: general
  editor: 赵编辑
  reviewer: 钱审核
  approver: 孙签发
  approver_role: principal
  approved: {date}
---

获奖教师：张三，身份证号 530102199003071238。
"""
CLEAN_ITEM = ID_NUMBER_ITEM.replace("，身份证号 530102199003071238", "")


@pytest.fixture(scope="module")
def wheels() -> Path:
    return wheelhouse()


def test_offline_install_from_a_wheelhouse_as_documented(wheels, tmp_path):
    assert any(p.name.startswith("govsite-") for p in wheels.glob("*.whl"))
    intranet = tmp_path / "intranet"
    intranet.mkdir()
    shutil.copy(wheels.parent / "govsite-wheelhouse.tar.gz", intranet)
    home = tmp_path / "home"
    home.mkdir()
    [block] = documented_blocks(REPO / "docs/install.md", "offline-install")
    env = offline_env(home, None)  # only the documented --find-links
    result = run_shell(block, intranet, env)
    assert result.stdout.strip().split("\n")[-1].startswith("govsite ")
    govsite = home / "govsite-venv/bin/govsite"
    site = tmp_path / "example"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copytree(REPO / "checks", site / "checks")
    shutil.copy(REPO / "site.toml", site)
    built = subprocess.run(
        [str(govsite), "build", "--site", str(site), "--as-of", "2026-11-26", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    assert json.loads(built.stdout)["summary"]["errors"] == 0
    assert (site / "public/index.html").is_file()
    assert (site / "public/search/pagefind").is_dir()  # the platform binary came along


def _init_portal(folder: Path) -> Path:
    """A portal made by ``govsite init`` pinned to the source repository, in a git repo."""
    from govsite.cli import main

    code = main(
        [
            "init",
            str(folder),
            "--govsite-repo",
            str(source_repository()),
            "--govsite-rev",
            source_commit(),
        ]
    )
    assert code == 0
    git(folder, "init", "-q")
    return folder


def test_the_ci_files_init_writes_run_as_written(wheels, tmp_path):
    portal = _init_portal(tmp_path / "portal")
    venv = tmp_path / "runner"
    subprocess.run([python(), "-m", "venv", str(venv)], check=True)
    env = offline_env(tmp_path, wheels)
    env["PATH"] = f"{venv / 'bin'}:{env['PATH']}"  # what setup-python / the image provide
    workflow = yaml.safe_load((portal / ".github/workflows/govsite.yml").read_text("utf-8"))
    steps = [step["run"] for step in workflow["jobs"]["build"]["steps"] if "run" in step]
    assert f'install "git+{source_repository().as_uri()}@{source_commit()}"' in steps[0]
    for step in steps:
        run_shell(step, portal, env)
    sarif = json.loads((portal / "govsite.sarif").read_text("utf-8"))
    assert sarif["version"] == "2.1.0"
    assert not [r for r in sarif["runs"][0]["results"] if r["level"] == "error"]
    assert (portal / "public/index.html").is_file() and (portal / "compliance.html").is_file()
    shutil.rmtree(portal / "public")
    gitlab = yaml.safe_load((portal / ".gitlab-ci.yml").read_text("utf-8"))
    for line in gitlab["govsite"]["script"]:
        run_shell(line, portal, env)
    assert (portal / "public/index.html").is_file()
    # and the same commands fail the job when an error blocks publishing
    bad = portal / "content/office/notice/bad.md"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text(ID_NUMBER_ITEM.format(date="2026-01-05"), encoding="utf-8")
    with pytest.raises(AssertionError, match="exit 1"):
        run_shell(steps[-1], portal, env)


def _pre_commit(portal: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=portal,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_pre_commit_refuses_personal_data_and_passes_clean_content(wheels, tmp_path):
    portal = _init_portal(tmp_path / "portal")
    env = offline_env(tmp_path, wheels)
    source = str(source_repository())
    # the repository's own hook, through the real pre-commit, on the files a commit stages
    git(portal, "add", "-A")
    clean = _pre_commit(portal, env, "try-repo", source, "govsite-check")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    item = portal / "content/office/notice/award.md"
    item.parent.mkdir(parents=True)
    item.write_text(ID_NUMBER_ITEM.format(date="2026-01-05"), encoding="utf-8")
    git(portal, "add", "-A")
    refused = _pre_commit(portal, env, "try-repo", source, "govsite-check")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert (
        "PV001" in refused.stdout
        and "content/office/notice/award.md:14:14: PV001" in refused.stdout
    )
    assert "530102199003071238" not in refused.stdout  # masked even here
    # the portal's own .pre-commit-config.yaml, installed as a git hook, on real commits
    hooks = yaml.safe_load((portal / ".pre-commit-config.yaml").read_text("utf-8"))
    assert hooks["repos"][0] == {
        "repo": source,
        "rev": source_commit(),
        "hooks": [{"id": "govsite-check"}],
    }
    installed = _pre_commit(portal, env, "install")
    assert installed.returncode == 0, installed.stderr
    commit = subprocess.run(
        ["git", "commit", "-q", "-m", "表彰通报"],
        cwd=portal,
        env=env,
        capture_output=True,
        text=True,
    )
    assert commit.returncode != 0 and "PV001" in commit.stdout + commit.stderr
    item.write_text(CLEAN_ITEM.format(date="2026-01-05"), encoding="utf-8")
    git(portal, "add", "-A")
    commit = subprocess.run(
        ["git", "commit", "-q", "-m", "表彰通报"],
        cwd=portal,
        env=env,
        capture_output=True,
        text=True,
    )
    assert commit.returncode == 0, commit.stdout + commit.stderr
    assert git(portal, "log", "--format=%s") == "表彰通报"
