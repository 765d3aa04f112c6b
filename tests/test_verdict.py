"""A check's verdict is replayed only while nothing any rule reads has changed: the
same report as a full check, and a full check again after any change to any input."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

import govsite.site
from govsite import verdict
from govsite.cache import CACHE_DIR, DATABASE, VERDICT, open_cache
from govsite.i18n import Translator
from govsite.runoptions import RunOptions
from govsite.safepath import NotRegularFile, SymlinkRefused, hash_regular_many
from tests.conftest import ends_within, item
from tests.test_cache import AS_OF, TODAY, example, stored

T = Translator("zh")
PAGE = "content/edu/news/2026-campus-football-league-opening.md"
IMAGE = "content/edu/media/campus-football-league-2026.png"
REPORT = "content/edu/annual-report/2025.yaml"
REPO_IMAGE = Path(__file__).resolve().parent.parent / IMAGE


def judged(root: Path, as_of: dt.date = TODAY) -> tuple[verdict.Verdict, bool]:
    """The check's verdict through the site's cache, and whether it was replayed."""
    cache = open_cache(root, None)
    assert cache is not None
    try:
        found, analysis = verdict.check(root, as_of, T, RunOptions(jobs=1, cache=cache))
    finally:
        cache.close()
    return found, analysis is None


def uncached(root: Path, as_of: dt.date = TODAY) -> verdict.Verdict:
    return verdict.Verdict.of(govsite.site.analyse(root, as_of, T))


def test_an_unchanged_site_replays_the_report_of_a_full_check(tmp_path, cli):
    root = example(tmp_path)
    EDITS["a page"](root)  # a finding to report
    for fmt in ("text", "json", "sarif"):
        args = ("check", "--site", root, "--as-of", AS_OF, "--format", fmt)
        first = cli(*args)
        again = cli(*args)
        assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    assert len(stored(root / CACHE_DIR, VERDICT)) == 1  # one verdict kept, not one per run
    replayed, was_replayed = judged(root)
    assert was_replayed
    assert replayed == uncached(root)


def _write(root: Path, rel: str, change) -> None:
    path = root / rel
    path.write_bytes(change(path.read_bytes()))


EDITS = {
    "a page": lambda root: _write(
        root,
        PAGE,
        lambda b: b.replace("开幕式上".encode(), "开幕式上，学生家长王某手机13912345678".encode()),
    ),
    "an attachment": lambda root: _write(root, IMAGE, lambda b: b + b"\0"),
    "an annual report": lambda root: _write(
        root, REPORT, lambda b: b.replace(b"year: 2025", b"year: 2024")
    ),
    "site.toml": lambda root: _write(root, "site.toml", lambda b: b + "\n# 改动\n".encode()),
    "the rule pack": lambda root: (root / "checks/levels.yaml").write_text(
        "levels:\n  LK003: error\n", encoding="utf-8"
    ),
    "a new media file": lambda root: (root / "content/edu/media/new.pdf").write_bytes(b"%PDF-"),
    "a removed page": lambda root: (root / PAGE).unlink(),
    "a misplaced file": lambda root: (root / "content/edu/stray.md").write_text(
        item(), encoding="utf-8"
    ),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_any_change_to_what_rules_read_is_judged_again(tmp_path, edit):
    root = example(tmp_path)
    judged(root)
    assert judged(root)[1]  # stored, replayed
    EDITS[edit](root)
    after, replayed = judged(root)
    assert not replayed
    assert after == uncached(root)
    assert judged(root)[1]  # the new verdict is the one replayed next


def test_a_change_that_adds_a_finding_reports_it(tmp_path):
    root = example(tmp_path)
    judged(root)
    EDITS["a page"](root)
    after, replayed = judged(root)
    assert not replayed
    assert any(f.rule == "PV002" and f.path == PAGE for f in after.findings), after.findings


def test_another_day_or_language_is_judged_again(tmp_path):
    root = example(tmp_path)
    EDITS["a page"](root)  # a finding, to be said in English
    judged(root)
    later = TODAY + dt.timedelta(days=400)  # columns go stale: FR001 speaks
    after, replayed = judged(root, later)
    assert not replayed
    assert after == uncached(root, later)
    cache = open_cache(root, None)
    english, analysis = verdict.check(
        root, TODAY, Translator("en"), RunOptions(jobs=1, cache=cache)
    )
    cache.close()
    assert analysis is not None
    assert english.findings and english.findings != judged(root)[0].findings


def test_a_new_commit_is_judged_again(tmp_path):
    """RV006 reads git: a commit that back-dates a published item is found although no
    byte of the working tree differs from the last check."""
    root = example(tmp_path)
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "first"], check=True)
    judged(root)
    assert judged(root)[1]
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "second"], check=True)
    after, replayed = judged(root)
    assert not replayed
    assert after == uncached(root)


def test_a_corrupt_verdict_is_ignored(tmp_path):
    root = example(tmp_path)
    first, _ = judged(root)
    with contextlib.closing(sqlite3.connect(root / CACHE_DIR / DATABASE)) as db:
        db.execute("UPDATE entries SET value = ? WHERE kind = ?", (b"GSC1" + b"\0" * 40, VERDICT))
        db.commit()
    again, replayed = judged(root)
    assert not replayed
    assert again == first


def test_an_edit_during_the_check_stores_no_verdict(tmp_path, monkeypatch):
    root = example(tmp_path)
    real = govsite.site.analyse

    def edited_meanwhile(*args, **kwargs):
        result = real(*args, **kwargs)
        EDITS["a page"](root)  # the editor saves while the rules run
        return result

    monkeypatch.setattr(govsite.site, "analyse", edited_meanwhile)
    judged(root)
    assert not stored(root / CACHE_DIR, VERDICT)
    monkeypatch.setattr(govsite.site, "analyse", real)
    after, replayed = judged(root)
    assert not replayed
    assert any(f.rule == "PV002" for f in after.findings)


def test_a_check_with_a_dashboard_or_without_a_cache_judges_in_full(tmp_path, cli):
    root = example(tmp_path)
    EDITS["a page"](root)
    first = cli("check", "--site", root, "--as-of", AS_OF)
    report = tmp_path / "report.html"
    result = cli("check", "--site", root, "--as-of", AS_OF, "--report", report)
    assert "13912345678" not in report.read_text("utf-8")  # masked, as in a full check
    assert "PV002" in report.read_text("utf-8")
    assert (result.code, result.out) == (first.code, first.out)
    clean = cli("check", "--site", root, "--as-of", AS_OF, "--no-cache")
    assert (clean.code, clean.out) == (first.code, first.out)


def test_media_outside_a_media_folder_or_hidden_is_reported(tmp_path, make_site):
    """Only ``content/<dept>/media/`` is published: a media entry naming a dotfile there,
    or a file beside the page, names an image the portal never shows."""
    png = (REPO_IMAGE).read_bytes()
    root = make_site(
        {
            "content/edu/news/a.md": item(
                extra="media:\n  - {file: ../media/.draft.png, source: 本单位, license: 原创}\n"
            ),
            "content/edu/news/b.md": item(
                extra="media:\n  - {file: beside.png, source: 本单位, license: 原创}\n"
            ),
            "content/edu/news/c.md": item(
                extra="media:\n  - {file: ../media/shown.png, source: 本单位, license: 原创}\n"
            ),
            "content/edu/media/.draft.png": png,
            "content/edu/news/beside.png": png,
            "content/edu/media/shown.png": png,
        }
    )
    found = {
        (f.path, f.rule) for f in govsite.site.analyse(root, TODAY, T).findings if f.rule == "LK002"
    }
    assert found == {("content/edu/news/a.md", "LK002"), ("content/edu/news/b.md", "LK002")}


def test_reading_many_files_refuses_links_and_fifos(tmp_path):
    (tmp_path / "site/a").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/secret.md").write_text("秘密", encoding="utf-8")
    (tmp_path / "site/a/ok.md").write_text("正文", encoding="utf-8")
    (tmp_path / "site/a/link.md").symlink_to(tmp_path / "outside/secret.md")
    os.mkfifo(tmp_path / "site/a/fifo.md")
    (tmp_path / "site/b").symlink_to(tmp_path / "outside")
    names = ["a/fifo.md", "a/link.md", "a/missing.md", "a/ok.md", "b/secret.md", "../x.md"]
    read = ends_within(10, lambda: list(hash_regular_many(tmp_path / "site", names)))
    results = {rel: digest for rel, digest, _ in read}
    assert results["a/ok.md"] == hashlib.sha256("正文".encode()).hexdigest()
    assert isinstance(results["a/fifo.md"], NotRegularFile)
    assert isinstance(results["a/link.md"], SymlinkRefused)
    assert isinstance(results["a/missing.md"], FileNotFoundError)
    assert isinstance(results["b/secret.md"], SymlinkRefused)
    assert isinstance(results["../x.md"], OSError)
    secret = hashlib.sha256("秘密".encode()).hexdigest()
    assert secret not in results.values()  # never read through a link
    shutil.rmtree(tmp_path / "site")


def test_a_huge_media_file_is_hashed_a_block_at_a_time(tmp_path):
    """The key hashes every media file, but never holds one in memory: a hostile 300 MB
    attachment (AT001 refuses it) costs no 300 MB of memory to the check."""
    import tracemalloc

    (tmp_path / "media").mkdir()
    with open(tmp_path / "media/huge.pdf", "wb") as stream:
        stream.truncate(300 << 20)  # sparse: costs no disk
    tracemalloc.start()
    [(_rel, digest, info)] = list(hash_regular_many(tmp_path, ["media/huge.pdf"]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert info is not None and info.st_size == 300 << 20
    assert isinstance(digest, str) and len(digest) == 64
    assert peak < 16 << 20
