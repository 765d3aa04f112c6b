"""Attacks on the replayed check and the build with nothing to do: inputs a rule reads
that the key once missed. Each test changes one such input after a verdict (or a build)
was stored, and asks that the next run says what a run without the cache says."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import shutil
import sqlite3
import tomllib
from pathlib import Path

import pytest

from govsite import history, verdict
from govsite.cache import BUILT, CACHE_DIR, DATABASE, LIBRARIES, VERDICT, open_cache
from govsite.findings import Finding, Note
from tests.conftest import item
from tests.test_backdating import commit, git
from tests.test_cache import AS_OF, example
from tests.test_rebuild import build
from tests.test_verdict import TODAY, T, judged, uncached

DEAD = {
    "results": {
        "https://www.gov.cn/": {
            "url": "https://www.gov.cn/",
            "checked": "2026-11-25T08:00:00+00:00",
            "status": 404,
            "method": "GET",
        }
    },
    "home": [],
}


def _dead_links(root: Path) -> None:
    """What ``govsite links --external`` writes when the portal's link to gov.cn is dead."""
    (root / ".govsite-cache/links.json").write_text(json.dumps(DEAD), encoding="utf-8")


def test_new_link_results_are_judged_again(tmp_path):
    """LK005 reads ``.govsite-cache/links.json``: ``govsite links --external`` run
    between two checks changes the verdict although no site file changed."""
    root = example(tmp_path)
    judged(root)
    assert judged(root)[1]
    _dead_links(root)
    after, replayed = judged(root)
    assert not replayed
    assert after == uncached(root)
    assert any(f.rule == "LK005" for f in after.findings)


def test_a_strict_build_after_new_link_results_is_blocked(tmp_path, cli):
    """With --strict a dead link (a warning) blocks publishing: a build with nothing
    else changed must not report the last build's success."""
    root = example(tmp_path)
    assert build(cli, root, "-q", "--strict").code == 0
    _dead_links(root)
    result = build(cli, root, "-q", "--strict")
    assert result.code == 1
    assert "LK005" in result.out


def test_a_linked_site_toml_edited_is_judged_again(tmp_path):
    """``site.toml`` may be a link (the config reads through it): editing the file it
    leads to changes what the rules judge."""
    root = example(tmp_path)
    real = tmp_path / "real.toml"
    shutil.move(root / "site.toml", real)
    (root / "site.toml").symlink_to(real)
    judged(root)
    assert judged(root)[1]
    real.write_text(real.read_text("utf-8").replace('icp = "', 'icp = "X'), encoding="utf-8")
    after, replayed = judged(root)
    assert not replayed
    assert after == uncached(root)
    assert any(f.rule == "ST001" for f in after.findings)


def test_a_link_or_fifo_in_the_rule_pack_is_judged_again(tmp_path, cli):
    """A link or a FIFO under a rule-pack name is refused (exit 2): it must not be
    skipped by the key as if it were not there."""
    root = example(tmp_path)
    args = ("check", "--site", root, "--as-of", AS_OF, "-q")
    assert cli(*args).code == 0
    (tmp_path / "wording.yaml").write_text("wording:\n  开幕式: 开幕典礼\n", encoding="utf-8")
    (root / "checks/wording.yaml").symlink_to(tmp_path / "wording.yaml")
    linked = cli(*args)
    assert linked.code == cli(*args, "--no-cache").code == 2, linked.err
    (root / "checks/wording.yaml").unlink()
    assert cli(*args).code == 0
    os.mkfifo(root / "checks/wording.yaml")
    assert cli(*args).code == cli(*args, "--no-cache").code == 2


@pytest.fixture
def repo(make_site) -> Path:
    """A site in git whose one item was committed on the day it is dated."""
    root = make_site()
    git(root, "init", "-q")
    commit(root, "2026-03-02", {"content/edu/news/first.md": item(date="2026-03-02")})
    return root


def _rv006(root: Path) -> list[str]:
    history._CACHE.clear()  # what a new process would read
    found, replayed = judged(root)
    history._CACHE.clear()
    assert found == uncached(root), f"replayed: {replayed}"
    return [f.path for f in found.findings if f.rule == "RV006"]


def test_a_file_taken_out_of_the_index_is_judged_again(repo):
    """RV006 reads the uncommitted changes with ``git diff HEAD``, which looks only at
    files in the index: ``git add`` of a back-dated file changes the verdict."""
    rel = "content/edu/news/first.md"
    path = repo / rel
    path.write_text(path.read_text("utf-8").replace("date: 2026-03-02", "date: 2026-11-25"))
    git(repo, "rm", "-q", "--cached", rel)
    _rv006(repo)
    git(repo, "add", rel)
    assert _rv006(repo) == [rel]
    git(repo, "rm", "-q", "--cached", rel)
    _rv006(repo)


def test_a_replaced_commit_is_judged_again(repo):
    """``git replace`` changes what ``git log`` shows while HEAD stays: the history is
    read without replacements, the one every clone of the repository has."""
    commit(repo, "2026-11-20", {"content/edu/news/late.md": item(date="2026-11-02")})
    assert _rv006(repo) == ["content/edu/news/late.md"]
    tree = git(repo, "rev-parse", "HEAD^{tree}").strip()
    other = git(repo, "commit-tree", tree, "-p", "HEAD~1", "-m", "x", day="2026-11-02").strip()
    git(repo, "replace", "HEAD", other)
    assert _rv006(repo) == ["content/edu/news/late.md"]


def test_git_diff_settings_do_not_hide_an_uncommitted_date_change(repo):
    """``diff.mnemonicPrefix`` (``c/``, ``w/``), an external diff and text conversion
    change what ``git diff`` prints; the history reads it the same way whatever they say."""
    rel = "content/edu/news/first.md"
    path = repo / rel
    path.write_text(path.read_text("utf-8").replace("date: 2026-03-02", "date: 2026-11-25"))
    assert _rv006(repo) == [rel]
    git(repo, "config", "diff.mnemonicPrefix", "true")
    assert _rv006(repo) == [rel]
    git(repo, "config", "diff.external", "false")
    git(repo, "config", "diff.upper.textconv", "tr a-z A-Z")
    (repo / ".gitattributes").write_text("*.md diff=upper\n", encoding="utf-8")
    assert _rv006(repo) == [rel]


def test_every_library_that_reads_or_renders_is_in_the_key():
    """The cache keys (page entries, verdicts, builds) name the versions of the libraries
    whose output a finding or a published file depends on: upgrading openpyxl (a
    spreadsheet's text), lxml, OpenCC's table or cryptography (an encrypted PDF's text)
    judges again. Only the live preview's file watcher is left out."""
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8"))
    names = {
        re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0] for spec in project["project"]["dependencies"]
    }
    assert names - {"watchdog"} <= set(LIBRARIES)


def _bad_finding() -> Finding:
    """A finding as a damaged or hostile cache entry may hold one: every field there,
    of the wrong type (decoding rebuilds the class, not the types)."""
    return Finding("PV001", "error", "content/x.md", "1", None, "m", "", "", "yes", 0, 1)  # type: ignore[arg-type]


def test_a_verdict_with_malformed_findings_is_a_miss(tmp_path, cli):
    root = example(tmp_path)
    args = ("check", "--site", root, "--as-of", AS_OF, "--format", "json")
    first = cli(*args)
    cache = open_cache(root, None)
    assert cache is not None
    key = verdict.inputs(root, TODAY, T).key
    cache.store(VERDICT, key, verdict.Verdict((_bad_finding(),), (), 1, 1))
    cache.store(VERDICT, "x", verdict.Verdict((), (Note(1, b"x"),), True, 1))  # type: ignore[arg-type]
    cache.flush()
    cache.close()
    again = cli(*args)
    assert "Traceback" not in again.err
    assert (again.code, again.out) == (first.code, first.out)


def test_a_build_record_with_malformed_notes_is_a_miss(tmp_path, cli):
    root = example(tmp_path)
    assert build(cli, root, "-q").code == 0
    with contextlib.closing(sqlite3.connect(root / CACHE_DIR / DATABASE)) as db:
        ((key,),) = db.execute("SELECT key FROM entries WHERE kind = ?", (BUILT,))
    cache = open_cache(root, None)
    assert cache is not None
    found = cache.load(BUILT, key)
    cache.store(BUILT, key, dataclasses.replace(found, notes=(_bad_finding(),)))
    cache.flush()
    cache.close()
    again = build(cli, root, "-q")
    assert again.code == 0, again.err


def test_a_rule_pack_changed_and_changed_back_during_the_check_stores_no_verdict(
    tmp_path, monkeypatch
):
    """An editor saves a rule-pack file while the rules run, then undoes the change:
    the bytes are those the check began with, but the verdict is that of the edit."""
    import govsite.site

    root = example(tmp_path)
    wording = root / "checks/wording.yaml"
    real = govsite.site.analyse

    def saved_and_undone(*args, **kwargs):
        wording.write_text("swap:\n  开幕式: 开幕典礼\n", encoding="utf-8")
        try:
            return real(*args, **kwargs)
        finally:
            wording.unlink()

    monkeypatch.setattr(govsite.site, "analyse", saved_and_undone)
    assert any(f.rule == "WD001" for f in judged(root)[0].findings)  # judged with the edit
    monkeypatch.setattr(govsite.site, "analyse", real)
    after, _ = judged(root)
    assert after == uncached(root)


def test_a_page_added_and_removed_during_the_check_stores_no_verdict(tmp_path, monkeypatch):
    """A page that is there only while the rules run (a branch checked out and back, a
    file saved and deleted) leaves the listing as it was: its findings must not become
    the verdict of the site without it."""
    import govsite.site

    root = example(tmp_path)
    passing = root / "content/edu/news/passing.md"
    real = govsite.site.analyse

    def there_meanwhile(*args, **kwargs):
        passing.write_text(item(body="学生家长王某手机13912345678。\n"), encoding="utf-8")
        try:
            return real(*args, **kwargs)
        finally:
            passing.unlink()

    monkeypatch.setattr(govsite.site, "analyse", there_meanwhile)
    assert any(f.path == "content/edu/news/passing.md" for f in judged(root)[0].findings)
    monkeypatch.setattr(govsite.site, "analyse", real)
    assert judged(root)[0] == uncached(root)
