"""RV006 on histories a real web office has (review): file names with spaces, quotes
and Chinese, a content folder below the git root, a merge, and a file moved with edits."""

from __future__ import annotations

import pytest

from tests.conftest import item
from tests.test_backdating import commit, findings, git


@pytest.fixture
def repo(make_site):
    root = make_site()
    git(root, "init", "-q")
    commit(root, "2026-03-02", {"content/edu/news/first.md": item(date="2026-03-02")})
    return root


@pytest.mark.parametrize(
    "name",
    [
        "带 空格.md",
        "通知（2026）.md",
        'quote"d.md',
        "back\\slash.md",
        "tab\tname.md",
        "ümlaut é.md",
    ],
)
def test_names_git_quotes_are_judged(cli, repo, name):
    rel = f"content/edu/news/{name}"
    slug = "slug: named-by-front-matter\n"  # the file's name is no slug
    commit(repo, "2026-11-20", {rel: item(date="2026-11-02", extra=slug)})
    found, _ = findings(cli, repo)
    assert [f["path"] for f in found] == [rel]
    commit(repo, "2026-11-21", {rel: item(date="2026-11-20", extra=slug)})
    found, _ = findings(cli, repo)
    assert [f["path"] for f in found] == [rel]  # no longer backdated, but its date changed
    assert "2026-11-02" in found[0]["message"] and "2026-11-20" in found[0]["message"]


def test_a_site_below_the_git_root(cli, make_site, tmp_path):
    site = make_site()
    top = site.parent
    git(top, "init", "-q")
    commit(top, "2026-03-02", {"site/content/edu/news/first.md": item(date="2026-03-02")})
    commit(top, "2026-11-20", {"site/content/edu/news/late.md": item(date="2026-11-02")})
    found, _ = findings(cli, site)
    assert [(f["path"], f["line"]) for f in found] == [("content/edu/news/late.md", 3)]


def test_a_file_added_on_a_branch_dates_from_its_own_commit(cli, repo):
    git(repo, "checkout", "-q", "-b", "draft")
    commit(repo, "2026-11-10", {"content/edu/news/branch.md": item(date="2026-11-10")})
    git(repo, "checkout", "-q", "-")
    commit(repo, "2026-11-12", {"content/edu/news/other.md": item(date="2026-11-12")})
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "draft", day="2026-11-25")
    found, _ = findings(cli, repo)
    assert found == []  # dated the day it was written, merged two weeks later


def test_a_moved_and_edited_item_keeps_its_history(cli, repo):
    old = "content/edu/news/first.md"
    (repo / "content/edu/notice").mkdir(parents=True, exist_ok=True)
    git(repo, "mv", old, "content/edu/notice/first.md")
    text = item(
        date="2026-03-02", title="关于做好2026年春季开学工作的通知（修订）", body="更正。\n"
    )
    commit(repo, "2026-11-20", {"content/edu/notice/first.md": text})
    found, _ = findings(cli, repo)
    assert found == []


def test_a_moved_and_rewritten_item_keeps_its_history(cli, repo):
    old = "content/edu/news/first.md"
    (repo / "content/edu/notice").mkdir(parents=True, exist_ok=True)
    git(repo, "mv", old, "content/edu/notice/first.md")
    body = "根据上级要求，现将有关事项重新说明如下。\n\n" * 3 + "一、时间安排另行通知。\n"
    text = item(date="2026-03-02", title="关于做好2026年春季开学工作的通知（修订）", body=body)
    commit(repo, "2026-11-20", {"content/edu/notice/first.md": text})
    found, _ = findings(cli, repo)
    assert found == []
