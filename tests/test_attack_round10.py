"""Round 10 attacks on pages handed to the build without their front-matter key positions
(``Page.without_positions``): every finding keeps the line and column a page with its
positions would give, and the parent reads a page's front matter again only for a page
it reports on."""

from __future__ import annotations

import json

import pytest

import govsite.content.model as model
from tests.conftest import item
from tests.test_backdating import commit, git


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The front matters read again for their key positions (after a page was judged)."""
    read: list[str] = []
    original = model.front_matter_positions

    def counted(front_matter: str):
        read.append(front_matter)
        return original(front_matter)

    monkeypatch.setattr(model, "front_matter_positions", counted)
    return read


def test_rv006_reads_no_positions_for_items_it_does_not_report(cli, make_site, reads):
    root = make_site()
    git(root, "init", "-q")
    pages = {f"content/edu/news/n{i}.md": item(date="2026-03-02") for i in range(5)}
    commit(root, "2026-03-02", pages)
    args = ("check", "--site", root, "--as-of", "2026-11-26", "--format", "json", "--jobs", "1")
    result = cli(*args, "--no-cache")
    assert result.code == 0, result.out
    assert json.loads(result.out)["findings"] == []
    assert reads == []  # RV006 judged every item's history, and needed no line


def test_rv006_still_reports_the_date_line_and_column(cli, make_site, reads):
    root = make_site()
    git(root, "init", "-q")
    commit(root, "2026-03-02", {"content/edu/news/ok.md": item(date="2026-03-02")})
    late = item(date="2026-11-02").replace("date: 2026-11-02", "date:    2026-11-02")
    commit(root, "2026-11-20", {"content/edu/news/late.md": "\ufeff" + late.replace("\n", "\r\n")})
    args = ("check", "--site", root, "--as-of", "2026-11-26", "--format", "json", "--jobs", "1")
    for extra in ("--no-cache", "--quiet", "--quiet"):  # no cache, then cold, then warm
        result = cli(*args, extra)
        found = [f for f in json.loads(result.out)["findings"] if f["rule"] == "RV006"]
        assert [(f["path"], f["line"], f["column"]) for f in found] == [
            ("content/edu/news/late.md", 3, 1)
        ]
    # the reported page only, at most once a run (a warm run may reuse the whole verdict)
    assert 1 <= len(reads) <= 3 and all("2026-11-02" in read for read in reads)
