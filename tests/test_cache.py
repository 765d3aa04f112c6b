"""The build cache and the parallel pipeline: same bytes as a clean serial build, exactly
the right pages redone after a change, and a corrupt cache ignored, never trusted."""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from govsite.cache import CACHE_DIR, DATABASE, Cache, open_cache, wrap
from govsite.i18n import Translator
from govsite.plain import PlainDataError, decode, encode
from govsite.site import RunOptions, analyse
from tests.conftest import (
    copy_example,
    ends_within,
    item,
    run_together,
    swap_after_discovery,
    tree_bytes,
)

AS_OF = "2026-11-26"
TODAY = dt.date(2026, 11, 26)


def example(tmp_path: Path) -> Path:
    """A copy of the repository's example portal (written for the product, not for
    these tests): 12 departments, annual reports, new-media registries, an image."""
    return copy_example(tmp_path / "example")


def build(cli, root: Path, out: Path, *extra: str) -> None:
    result = cli("build", "--site", root, "--out", out, "--as-of", AS_OF, "-q", *extra)
    assert result.code == 0, result.out + result.err


def stored(folder: Path, kind: str) -> set[str]:
    """The keys of the entries of one kind in a cache folder's database."""
    with contextlib.closing(sqlite3.connect(folder / DATABASE)) as db:
        return {key for (key,) in db.execute("SELECT key FROM entries WHERE kind = ?", (kind,))}


def test_serial_parallel_and_cached_builds_are_byte_identical(tmp_path, cli):
    root = example(tmp_path)
    build(cli, root, tmp_path / "serial", "--no-cache", "--jobs", "1")
    serial = tree_bytes(tmp_path / "serial")
    assert any(path.startswith("search/index/") for path in serial)  # per-department indexes
    build(cli, root, tmp_path / "parallel", "--no-cache", "--jobs", "2")
    assert tree_bytes(tmp_path / "parallel") == serial
    build(cli, root, tmp_path / "cold", "--jobs", "2")  # fills .govsite-cache
    assert stored(root / CACHE_DIR, "page")
    assert tree_bytes(tmp_path / "cold") == serial
    build(cli, root, tmp_path / "warm", "--jobs", "2")  # everything from the cache
    assert tree_bytes(tmp_path / "warm") == serial

    page = root / "content/edu/news/2026-campus-football-league-opening.md"
    page.write_text(page.read_text("utf-8").replace("开幕", "隆重开幕", 1), encoding="utf-8")
    build(cli, root, tmp_path / "changed", "--jobs", "2")
    build(cli, root, tmp_path / "changed-clean", "--no-cache", "--jobs", "1")
    changed = tree_bytes(tmp_path / "changed")
    assert changed == tree_bytes(tmp_path / "changed-clean")
    assert changed != serial


def test_a_damaged_search_index_in_the_cache_is_built_again(tmp_path, cli):
    root = example(tmp_path)
    build(cli, root, tmp_path / "first")
    expected = tree_bytes(tmp_path / "first")
    db = sqlite3.connect(root / CACHE_DIR / DATABASE)
    with db:
        files = db.execute("SELECT key, value FROM entries WHERE kind = 'search-file'").fetchall()
        listings = db.execute("SELECT key FROM entries WHERE kind = 'search'").fetchall()
        assert len(listings) > 2 and len(files) > 10
        for number, (key, data) in enumerate(files):
            if number % 3 == 0:  # same size, other bytes
                damaged = data[:-1] + bytes([data[-1] ^ 0xFF])
                db.execute("UPDATE entries SET value = ? WHERE key = ?", (damaged, key))
            elif number % 3 == 1:
                db.execute("DELETE FROM entries WHERE key = ?", (key,))
        db.execute(
            "UPDATE entries SET value = X'00' WHERE kind = 'search' AND key = ?", listings[0]
        )
        db.execute("DELETE FROM entries WHERE kind = 'search' AND key = ?", listings[1])
    db.close()
    shutil.rmtree(tmp_path / "first")  # every file comes from the cache or from Pagefind
    build(cli, root, tmp_path / "second")
    assert tree_bytes(tmp_path / "second") == expected


def test_search_bundles_live_in_the_database_and_old_folders_go(tmp_path, cli):
    """A clean 10,000-page build kept some 11,000 bundle files in the cache; they are
    entries now, and the folder an older govsite left is deleted by the next build."""
    root = example(tmp_path)
    legacy = root / CACHE_DIR / "search/ab/abcdef"
    legacy.mkdir(parents=True)
    (legacy / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    build(cli, root, tmp_path / "out")
    assert not (root / CACHE_DIR / "search").exists()
    assert sorted(p.name for p in (root / CACHE_DIR).iterdir() if p.is_dir()) == []
    db = sqlite3.connect(root / CACHE_DIR / DATABASE)
    with contextlib.closing(db):
        kinds = dict(db.execute("SELECT kind, count(*) FROM entries GROUP BY kind").fetchall())
    bundles = list((tmp_path / "out/search").rglob("*.pf_fragment"))
    assert kinds["search"] > 2 and kinds["search-file"] >= len(bundles) > 0


def test_two_clean_builds_write_the_same_search_bundles(tmp_path, cli):
    """Issue 8 item 15: Pagefind wrote the 部门 filter values in a random order."""
    root = example(tmp_path)
    build(cli, root, tmp_path / "one", "--no-cache")
    build(cli, root, tmp_path / "two", "--no-cache")
    one, two = tree_bytes(tmp_path / "one"), tree_bytes(tmp_path / "two")
    search = {p for p in one if p.startswith("search/")}
    assert any("pf_filter" in p for p in search) and any("pf_meta" in p for p in search)
    assert {p: one[p] for p in search} == {p: two[p] for p in two if p.startswith("search/")}
    assert one["manifest.json"] == two["manifest.json"]


# ---------------------------------------------------------------- what is redone

SITE_FILES = {
    "content/edu/news/a.md": item(title="开学工作安排", body="开学第一课。\n"),
    "content/edu/news/b.md": item(
        title="开学通知解读", body="详见[开学工作安排](a.md)和[另一篇](../notice/c.md)。\n"
    ),
    "content/edu/notice/c.md": item(title="体育课安排", body="每周三节体育课。\n"),
    "content/gov/news/d.md": item(title="常务会议", body="会议研究冬季供暖。\n"),
}


def fresh(root: Path, folder: Path) -> set[str]:
    """Pages loaded, rendered and judged now (not taken from the cache)."""
    cache = Cache(folder)
    analysis = analyse(root, TODAY, Translator(), options=RunOptions(jobs=1, cache=cache))
    return {path for path, outcome in analysis.outcomes.items() if not outcome.cached}


def findings_of(root: Path, cache: Cache | None) -> list:
    options = RunOptions(jobs=1, cache=cache)
    return analyse(root, TODAY, Translator(), options=options).findings


@pytest.fixture
def cached_site(make_site, tmp_path):
    root = make_site(SITE_FILES)
    folder = tmp_path / "cache"
    assert len(fresh(root, folder)) == 4
    assert fresh(root, folder) == set()  # nothing changed: everything from the cache
    return root, folder


@pytest.mark.parametrize("swap", ["fifo", "link"])
def test_a_page_swapped_after_discovery_is_never_read_through(cached_site, monkeypatch, swap):
    """Between discovery and reading, a cached page may become a FIFO (reading it would
    hang the check) or a link out of the site: it is refused as loading refuses it."""
    root, folder = cached_site
    outside = root.parent / "outside.md"
    outside.write_bytes((root / "content/edu/notice/c.md").read_bytes())  # the cached key
    swap_after_discovery(monkeypatch, root, "content/edu/notice/c.md", swap, outside)
    findings = ends_within(60, lambda: findings_of(root, Cache(folder)))
    assert any(f.rule == "FM001" and f.path == "content/edu/notice/c.md" for f in findings)


def test_an_edited_page_is_the_only_page_redone(cached_site):
    root, folder = cached_site
    path = root / "content/edu/notice/c.md"
    path.write_text(item(title="体育课安排", body="每周四节体育课。\n"), encoding="utf-8")
    assert fresh(root, folder) == {"content/edu/notice/c.md"}


def test_site_link_rules_find_on_cached_pages_what_they_find_on_fresh_ones(make_site, tmp_path):
    """LK004 reads the link targets written in the source (markdown-it refuses to parse
    some); a cached page gives them from its entry, found when it was rendered."""
    hostile = (
        "[点此](javascript:alert(1)) 与 [表格](<data:text/html,x>) 及 [网](http://www.gov.cn/)\n"
    )
    root = make_site({**SITE_FILES, "content/edu/news/e.md": item(body=hostile)})
    folder = tmp_path / "cache"
    clean = [(f.rule, f.path, f.line, f.column) for f in findings_of(root, None)]
    assert {"LK004", "LK003"} <= {rule for rule, *_ in clean}
    assert len(fresh(root, folder)) == 5
    assert fresh(root, folder) == set()
    cached = [(f.rule, f.path, f.line, f.column) for f in findings_of(root, Cache(folder))]
    assert cached == clean


def test_a_new_url_redoes_the_pages_linking_to_it(cached_site):
    root, folder = cached_site
    (root / "content/edu/news/a.md").write_text(
        item(title="开学工作安排", body="开学第一课。\n", extra="slug: opening\n"),
        encoding="utf-8",
    )
    # a itself, and b whose link to a.md now leads to /edu/news/opening/
    assert fresh(root, folder) == {"content/edu/news/a.md", "content/edu/news/b.md"}


def test_a_vanished_page_redoes_the_pages_linking_to_it(cached_site):
    root, folder = cached_site
    (root / "content/edu/notice/c.md").unlink()
    assert fresh(root, folder) == {"content/edu/news/b.md"}
    assert any(f.rule == "LK002" for f in findings_of(root, Cache(folder)))


@pytest.mark.parametrize(
    "change",
    [
        (
            "templates/item.html",
            "{% extends 'base.html' %}{% block content %}{{ item.body }}{% endblock %}",
        ),
        ("site.toml", None),  # one value changed
        ("checks/typos.yaml", "swap:\n  开学第一课: 开学第一堂课\n"),
        ("checks/leaders.yaml", "# a new file of the rule pack\n"),
    ],
)
def test_a_site_input_redoes_every_page(cached_site, change):
    root, folder = cached_site
    name, text = change
    path = root / name
    if text is None:
        text = path.read_text("utf-8").replace("0871-69999999", "0871-69999998")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    assert len(fresh(root, folder)) == 4


def test_a_rule_pack_change_changes_findings_like_a_clean_run(cached_site):
    root, folder = cached_site
    (root / "checks/typos.yaml").write_text("swap:\n  开学第一课: 开学第一堂课\n", "utf-8")
    cached = findings_of(root, Cache(folder))
    assert any(f.rule == "WD002" for f in cached)
    assert cached == findings_of(root, None)


def test_an_attachment_is_read_again_only_when_its_bytes_change(make_site, tmp_path):
    from govsite import attachtext

    root = make_site(
        {
            **SITE_FILES,
            "content/edu/news/a.md": item(title="开学工作安排", body="[名单](../media/list.txt)\n"),
            "content/edu/media/list.txt": "获奖名单：张三\n",
            "content/gov/media/plan.txt": "工作计划\n",
        }
    )
    folder = tmp_path / "cache"
    assert not [f for f in findings_of(root, Cache(folder)) if f.rule == "PV002"]
    entries = stored(folder, "attachment")
    assert len(entries) == 2
    (root / "content/edu/media/list.txt").write_text("联系电话 13912345678\n", "utf-8")
    found = [f for f in findings_of(root, Cache(folder)) if f.rule == "PV002"]
    assert [f.path for f in found] == ["content/edu/media/list.txt"]
    assert found == [f for f in findings_of(root, None) if f.rule == "PV002"]
    now = stored(folder, "attachment")
    assert len(now - entries) == 1  # only the changed file was read again
    attachtext.use_cache(None)


# ---------------------------------------------------------------- corrupt cache


def test_corrupt_cache_entries_are_ignored_and_the_output_is_still_right(tmp_path, cli, make_site):
    root = make_site({**SITE_FILES, "content/edu/media/list.txt": "获奖名单\n"})
    build(cli, root, tmp_path / "clean", "--no-cache", "--no-search")
    expected = tree_bytes(tmp_path / "clean")
    build(cli, root, tmp_path / "first", "--no-search")

    with contextlib.closing(sqlite3.connect(root / CACHE_DIR / DATABASE)) as db:
        rows = db.execute("SELECT kind, key, value FROM entries ORDER BY kind, key").fetchall()
        assert {kind for kind, _, _ in rows} >= {"page", "blob", "attachment"}
        for number, (kind, key, data) in enumerate(rows):
            shape = number % 4
            if shape == 0:
                data = data[: len(data) // 2]  # truncated
            elif shape == 1:
                data = data[:-1] + bytes([data[-1] ^ 0xFF])  # one byte flipped
            elif shape == 2:  # well-formed, checksum right, but not govsite data
                payload = marshal.dumps(["c", "os:system", "echo pwned"])
                data = wrap(kind, key, payload)
            else:
                data = b""
            db.execute("UPDATE entries SET value = ? WHERE kind = ? AND key = ?", (data, kind, key))
        db.commit()
    build(cli, root, tmp_path / "second", "--no-search")
    assert tree_bytes(tmp_path / "second") == expected
    build(cli, root, tmp_path / "third", "--no-search")  # the cache has healed
    assert tree_bytes(tmp_path / "third") == expected


def test_an_older_govsites_database_is_started_anew(tmp_path, cli, make_site):
    """Before round 12 the entries were a WITHOUT ROWID table (slow to write for values of
    several kilobytes): such a database, its entries sound, is replaced by one of the
    present shape, and the build is the same."""
    root = make_site({**SITE_FILES, "content/edu/media/list.txt": "获奖名单\n"})
    build(cli, root, tmp_path / "clean", "--no-cache", "--no-search")
    expected = tree_bytes(tmp_path / "clean")
    build(cli, root, tmp_path / "first", "--no-search")
    database = root / CACHE_DIR / DATABASE
    with contextlib.closing(sqlite3.connect(database)) as db, db:
        db.execute(
            "CREATE TABLE old (kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
            "PRIMARY KEY (kind, key)) WITHOUT ROWID"
        )
        db.execute("INSERT INTO old SELECT kind, key, value FROM entries")
        db.execute("DROP TABLE entries")
        db.execute("ALTER TABLE old RENAME TO entries")
    build(cli, root, tmp_path / "second", "--no-search")
    assert tree_bytes(tmp_path / "second") == expected
    with contextlib.closing(sqlite3.connect(database)) as db:
        (shape,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'entries'").fetchone()
    assert "WITHOUT ROWID" not in shape.upper()
    assert stored(root / CACHE_DIR, "page")
    build(cli, root, tmp_path / "third", "--no-search")
    assert tree_bytes(tmp_path / "third") == expected
    assert len(fresh(root, root / CACHE_DIR)) == 0  # every page from the new cache


@pytest.mark.parametrize("damage", ["garbage", "truncated", "link", "fifo", "folder"])
def test_a_damaged_cache_database_is_set_aside_and_started_anew(tmp_path, cli, make_site, damage):
    root = make_site({**SITE_FILES, "content/edu/media/list.txt": "获奖名单\n"})
    build(cli, root, tmp_path / "clean", "--no-cache", "--no-search")
    expected = tree_bytes(tmp_path / "clean")
    build(cli, root, tmp_path / "first", "--no-search")
    database = root / CACHE_DIR / DATABASE
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    outside = tmp_path / "outside.txt"
    outside.write_text("not the cache's\n", encoding="utf-8")
    data = database.read_bytes()
    database.unlink()
    if damage == "garbage":
        database.write_bytes(b"\x00govsite?" * 5000)
    elif damage == "truncated":
        database.write_bytes(data[: len(data) // 3])
    elif damage == "link":
        database.symlink_to(outside)  # a link out of the cache: never followed
    elif damage == "fifo":
        os.mkfifo(database)  # reading it would hang
    else:
        database.mkdir()
    build(cli, root, tmp_path / "second", "--no-search")
    assert tree_bytes(tmp_path / "second") == expected
    assert outside.read_text("utf-8") == "not the cache's\n"
    build(cli, root, tmp_path / "third", "--no-search")
    assert tree_bytes(tmp_path / "third") == expected
    assert database.is_file() and not database.is_symlink()
    assert stored(root / CACHE_DIR, "page")  # a working cache again
    assert len(fresh(root, root / CACHE_DIR)) == 0  # every page from it


def test_plain_data_refuses_what_govsite_did_not_write():
    page = item()
    assert decode(marshal.loads(marshal.dumps(encode({"a": (1, "x"), "b": [TODAY]})))) == {
        "a": (1, "x"),
        "b": [TODAY],
    }
    for bad in (
        ["c", "os:system", "ls"],
        ["c", "subprocess:Popen", ["l", "ls"]],
        ["e", "builtins:int", 3],
        ["zz"],
        [],
        {"a": 1},
        ["m", "odd"],
    ):
        with pytest.raises(PlainDataError):
            decode(bad)
    with pytest.raises(PlainDataError):
        encode(object())
    assert isinstance(page, str)


# ---------------------------------------------------------------- where the cache lives


def test_cache_folder_by_default_in_the_site_or_where_cache_says(make_site, cli, tmp_path):
    root = make_site(SITE_FILES)
    assert cli("check", "--site", root, "--as-of", AS_OF).code == 0
    assert (root / CACHE_DIR / DATABASE).is_file()
    # like .ruff_cache: git ignores it by itself, so `git add -A` never commits it
    assert (root / CACHE_DIR / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    elsewhere = tmp_path / "ci-cache"
    shutil.rmtree(root / CACHE_DIR)
    assert cli("check", "--site", root, "--as-of", AS_OF, "--cache", elsewhere).code == 0
    assert (elsewhere / DATABASE).is_file() and not (root / CACHE_DIR).exists()
    assert cli("check", "--site", root, "--as-of", AS_OF, "--no-cache").code == 0
    assert not (root / CACHE_DIR).exists()


def test_a_cache_in_a_folder_of_the_users_does_not_mark_the_folder(make_site, cli, tmp_path):
    """`--cache .` in a repository: a `.gitignore` of `*` there would hide the whole
    repository from git; only a folder that is the cache's own is marked."""
    root = make_site(SITE_FILES)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "notes.md").write_text("工作记录\n", "utf-8")
    assert cli("check", "--site", root, "--as-of", AS_OF, "--cache", shared).code == 0
    assert (shared / DATABASE).is_file()
    assert not (shared / ".gitignore").exists() and not (shared / "CACHEDIR.TAG").exists()
    own = tmp_path / "own"
    own.mkdir()  # empty: the cache's
    assert cli("check", "--site", root, "--as-of", AS_OF, "--cache", own).code == 0
    assert (own / ".gitignore").is_file() and (own / "CACHEDIR.TAG").is_file()


def test_a_cache_link_out_of_the_site_is_not_followed(make_site, cli, tmp_path):
    root = make_site(SITE_FILES)
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / CACHE_DIR).symlink_to(outside)
    assert open_cache(root, None) is None
    result = cli("check", "--site", root, "--as-of", AS_OF)
    assert result.code == 0
    assert list(outside.iterdir()) == []
    assert "缓存" in result.err


def test_build_without_search_writes_no_index(make_site, cli, tmp_path):
    root = make_site(SITE_FILES)
    build(cli, root, tmp_path / "out", "--no-search")
    assert not (tmp_path / "out/search/pagefind").exists()
    assert (tmp_path / "out/search/index.html").is_file()


def test_two_pages_with_one_url_withheld_publish_the_kept_one(make_site, cli, tmp_path):
    root = make_site(
        {
            "content/edu/news/a.md": item(title="甲篇", extra="slug: same\n"),
            "content/edu/news/b.md": item(title="乙篇", extra="slug: same\n"),
        }
    )
    result = cli("build", "--site", root, "--as-of", AS_OF, "--withhold", "-q")
    assert result.code == 1 and "content/edu/news/b.md" in result.err  # FM004, withheld
    html = (root / "public/edu/news/same/index.html").read_text("utf-8")
    assert "甲篇" in html and "乙篇" not in html
    manifest = (root / "public/manifest.json").read_text("utf-8")
    import hashlib
    import json

    entry = json.loads(manifest)["files"]["edu/news/same/index.html"]
    assert entry["sha256"] == hashlib.sha256(html.encode("utf-8")).hexdigest()


def test_a_scheduled_page_published_later_is_linked_like_a_clean_run(make_site, tmp_path):
    """The cache key has no date; a page's links are checked against the targets of the
    day, so the page linking to a scheduled item is redone the day it appears."""
    root = make_site(
        {
            "content/edu/news/later.md": item(title="定时发布", date="2026-12-01"),
            "content/edu/news/now.md": item(title="现在", body="见[定时发布](later.md)。\n"),
        }
    )
    folder = tmp_path / "cache"

    def run(day: dt.date, cache: Cache | None) -> tuple[list, set[str]]:
        analysis = analyse(root, day, Translator(), options=RunOptions(jobs=1, cache=cache))
        fresh = {p for p, o in analysis.outcomes.items() if not o.cached}
        return analysis.findings, fresh

    before, _ = run(TODAY, Cache(folder))
    assert any(f.rule == "LK002" for f in before)  # not published yet: no link
    after, fresh = run(dt.date(2026, 12, 2), Cache(folder))
    assert fresh == {"content/edu/news/now.md"}  # its link now resolves
    assert after == run(dt.date(2026, 12, 2), None)[0]
    assert not any(f.rule == "LK002" for f in after)


def test_runs_sharing_one_cache_at_once_all_succeed(tmp_path, cli):
    """An editor's check, a build and another check on one cache at the same moment (a
    pre-commit hook while CI-style builds run): one database, no error, right output."""
    import sys

    root = example(tmp_path)
    build(cli, root, tmp_path / "clean", "--no-cache", "--no-search")
    expected = tree_bytes(tmp_path / "clean")
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    base = [sys.executable, "-m", "govsite"]
    runs = [
        [*base, "build", "--site", root, "--out", tmp_path / f"out{n}", "--no-search"]
        for n in range(2)
    ]
    runs += [[*base, "check", "--site", root, "--jobs", "2"] for _ in range(2)]
    run_together(runs, AS_OF)
    for n in range(2):
        assert tree_bytes(tmp_path / f"out{n}") == expected
    assert len(fresh(root, root / CACHE_DIR)) == 0  # the cache holds every page


def test_a_prune_that_leaves_most_of_the_database_unused_gives_the_space_back(tmp_path):
    """After an upgrade every entry is a miss: the old ones are deleted, and the file
    shrinks instead of keeping their pages free for ever."""
    folder = tmp_path / "cache"
    cache = Cache(folder)
    for number in range(60):
        cache.store_blob(os.urandom(64 * 1024), f"{number:064x}")
    cache.flush()
    cache.close()
    size = (folder / DATABASE).stat().st_size
    assert size > 60 * 64 * 1024
    later = Cache(folder)
    later.prune(("blob",))  # nothing used by this run
    assert (folder / DATABASE).stat().st_size < size / 4


def test_installed_versions_are_what_importlib_metadata_says():
    """The cache key's library versions come from the ``.dist-info`` folder names (fast);
    they must be the versions importlib.metadata reads from the metadata itself."""
    import importlib.metadata

    from govsite.cache import LIBRARIES, installed_versions

    names = (*LIBRARIES, "govsite", "no-such-distribution-govsite-test")
    expected = {}
    for name in names:
        try:
            expected[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            expected[name] = "-"
    assert installed_versions(names) == expected
    assert expected["no-such-distribution-govsite-test"] == "-"
