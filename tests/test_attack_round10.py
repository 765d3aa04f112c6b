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


ODD = {
    "bom-crlf": "\ufeff---\r\ntitle: 甲\r\ndate:    2026-03-02\r\nindex_no: bad\r\n---\r\n正文\r\n",
    "lone-cr": "---\rtitle: 乙\r\r# note\rdate: 2026-03-02\r---\r正文\r",
    "tabs": "---\ntitle: 丙\t标题\ndate:\t2026-03-02\nreview: {status: approved, level: general}\n---\n",
    "anchors": "---\ntitle: &t 丁\nsummary: *t\ndate: &d 2026-03-02\nwritten: *d\n---\n",
    "flow": "---\nsource: {name: 某网, url: 'http://x.example/a'}\nmedia:\n  - {file: a.png}\n---\n",
    "long": "---\nkeywords:\n" + "".join(f"  - 词{i}\n" for i in range(2000)) + "date: 1\n---\n",
    "scalar": "---\njust text\n---\n",
    "empty": "---\n---\n正文\n",
    "yaml-fails": "---\ntitle: a\n  bad: [\n---\n",
    "duplicate-keys": "---\ntitle: a\ntitle: b\n---\n",
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_positions_found_again_are_the_loaders(tmp_path, name):
    from govsite.config import load_config
    from govsite.content.loader import load_page
    from govsite.i18n import Translator
    from tests.conftest import SITE_TOML

    (tmp_path / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    rel = f"content/edu/news/{name}.md"
    (tmp_path / rel).parent.mkdir(parents=True)
    (tmp_path / rel).write_bytes(ODD[name].encode("utf-8"))
    t = Translator("zh")
    page = load_page(tmp_path, rel, load_config(tmp_path, t), t)
    slim = page.without_positions()
    assert slim == page
    assert slim.positions == page.positions
    assert slim.line_of("date") == page.line_of("date")
