"""RV006 against real git histories made in a temporary folder (commit dates set by
GIT_COMMITTER_DATE), outside git, and in a shallow clone."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest

from govsite import history
from tests.conftest import item

GIT = ["git", "-c", "user.name=测试", "-c", "user.email=test@example.invalid"]


def git(root: Path, *args: str, day: str | None = None) -> str:
    env = dict(os.environ)
    if day:
        stamp = f"{day}T12:00:00+08:00"
        env |= {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    done = subprocess.run([*GIT, "-C", str(root), *args], env=env, check=True, capture_output=True)
    return done.stdout.decode()


def commit(root: Path, day: str, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"on {day}", day=day)


@pytest.fixture
def repo(make_site):
    root = make_site()
    git(root, "init", "-q")
    commit(root, "2026-03-02", {"content/edu/news/first.md": item(date="2026-03-02")})
    return root


def findings(cli, root, *extra):
    result = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", "json", *extra)
    assert "Traceback" not in result.err
    return [f for f in json.loads(result.out)["findings"] if f["rule"] == "RV006"], result


def test_backdated_item_names_both_dates(cli, repo):
    commit(repo, "2026-11-20", {"content/edu/news/late.md": item(date="2026-11-02")})
    found, result = findings(cli, repo)
    assert result.code == 1
    assert [(f["path"], f["line"]) for f in found] == [("content/edu/news/late.md", 3)]
    message = found[0]["message"]
    assert "2026-11-02" in message and "2026-11-20" in message and "18 天" in message


def test_within_tolerance_and_scheduled_items_pass(cli, repo):
    commit(
        repo,
        "2026-11-20",
        {
            "content/edu/news/three-days.md": item(date="2026-11-17"),
            "content/edu/news/scheduled.md": item(date="2026-11-25"),
        },
    )
    assert findings(cli, repo)[0] == []


def test_tolerance_comes_from_site_toml(cli, repo):
    commit(repo, "2026-11-20", {"content/edu/news/late.md": item(date="2026-11-02")})
    toml = (repo / "site.toml").read_text("utf-8")
    (repo / "site.toml").write_text(
        toml + "\n[inspection]\nbackdating_tolerance_days = 30\n", encoding="utf-8"
    )
    assert findings(cli, repo)[0] == []


def test_changed_date_of_a_published_item(cli, repo):
    moved = item(date="2026-03-02").replace("date: 2026-03-02", "date: 2026-11-19")
    commit(repo, "2026-11-20", {"content/edu/news/first.md": moved})
    found, _ = findings(cli, repo)
    assert len(found) == 1
    assert "2026-03-02" in found[0]["message"] and "2026-11-19" in found[0]["message"]


def test_uncommitted_date_change_is_seen_before_the_commit(cli, repo):
    path = repo / "content/edu/news/first.md"
    path.write_text(path.read_text("utf-8").replace("date: 2026-03-02", "date: 2026-11-25"))
    found, _ = findings(cli, repo)
    assert len(found) == 1 and "尚未提交" in found[0]["message"]


def test_a_draft_may_change_its_date_before_it_is_approved(cli, repo):
    commit(
        repo, "2026-10-01", {"content/edu/news/draft.md": item(date="2026-10-01", status="draft")}
    )
    commit(repo, "2026-11-20", {"content/edu/news/draft.md": item(date="2026-11-20")})
    assert findings(cli, repo)[0] == []


def test_a_scheduled_item_may_be_rescheduled(cli, repo):
    commit(repo, "2026-11-01", {"content/edu/news/next.md": item(date="2026-12-01")})
    commit(repo, "2026-11-20", {"content/edu/news/next.md": item(date="2026-11-24")})
    assert findings(cli, repo)[0] == []


def test_corrected_date_with_a_waiver(cli, repo):
    waiver = "waive:\n  - {rule: RV006, reason: 原日期录入错误，按文件更正, by: 孙签发}\n"
    corrected = item(date="2026-03-03", extra=waiver).replace(
        "approved: 2026-03-03", "approved: 2026-03-02"
    )
    commit(repo, "2026-11-20", {"content/edu/news/first.md": corrected})
    result = cli("check", "--site", repo, "--as-of", "2026-11-26", "--format", "json")
    document = json.loads(result.out)
    assert result.code == 0 and document["findings"] == []
    assert [w["rule"] for w in document["waivers"]] == ["RV006"]


def test_renamed_file_keeps_its_first_commit(cli, repo):
    git(repo, "mv", "content/edu/news/first.md", "content/edu/news/renamed.md")
    git(repo, "commit", "-q", "-m", "rename", day="2026-11-20")
    assert findings(cli, repo)[0] == []


def test_archive_until_spares_a_migrated_archive_only(cli, repo):
    commit(repo, "2026-11-20", {"content/edu/news/old.md": item(date="2025-01-05")})
    commit(repo, "2026-11-24", {"content/edu/news/new.md": item(date="2026-11-02")})
    toml = (repo / "site.toml").read_text("utf-8")
    (repo / "site.toml").write_text(
        toml + "\n[inspection]\narchive_until = 2026-11-20\n", encoding="utf-8"
    )
    found, _ = findings(cli, repo)
    assert [f["path"] for f in found] == ["content/edu/news/new.md"]


def test_outside_git_says_once_that_it_cannot_judge(cli, make_site):
    root = make_site({"content/edu/news/a.md": item(), "content/edu/news/b.md": item()})
    found, result = findings(cli, root)
    assert found == [] and result.code == 0
    assert result.err.count("RV006") == 1 and "git" in result.err


def test_shallow_clone_cannot_judge(cli, repo, tmp_path):
    commit(repo, "2026-11-20", {"content/edu/news/late.md": item(date="2026-11-02")})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    found, result = findings(cli, clone)
    assert found == []
    assert result.err.count("RV006") == 1 and "浅克隆" in result.err


def test_history_is_read_with_a_fixed_number_of_git_processes(repo, monkeypatch):
    files = {f"content/edu/news/item-{n:03d}.md": item(date="2026-11-20") for n in range(150)}
    commit(repo, "2026-11-20", files)
    calls = []
    real = subprocess.run

    def counting(args, *rest, **kwargs):
        calls.append(args)
        return real(args, *rest, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting)
    history._CACHE.clear()
    found = history.content_history(repo, dt.date(2026, 11, 26))
    assert len(found.files) == 151 + 2  # items, plus the two annual reports
    assert len(calls) <= 6
