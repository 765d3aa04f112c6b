"""A build with a cache starts from the output before the current one (the spare) and
leaves alone what already holds the right bytes: the result must be exactly a clean
build's, whatever happened to the spare or the output in between (govsite.reuse)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.conftest import tree_bytes
from tests.test_cache import AS_OF, example

SPARE = ".public.govsite-spare"


def build(cli, root: Path, *extra: str) -> int:
    result = cli("build", "--site", root, "--as-of", AS_OF, "-q", *extra)
    assert "Traceback" not in result.err
    return result.code


def clean(cli, root: Path, tmp_path: Path, name: str) -> dict[str, bytes]:
    out = tmp_path / name
    assert build(cli, root, "--out", out, "--no-cache") == 0
    return tree_bytes(out)


def build_with_a_change(cli, root: Path) -> None:
    """A rebuild with something to do (one with nothing changed leaves the output alone,
    govsite.rebuild): the output it replaces becomes the spare."""
    page = root / "content/edu/news/2026-summer-teacher-training.md"
    page.write_text(page.read_text("utf-8") + "\n本文另有补充。\n", "utf-8")
    assert build(cli, root) == 0


def folders(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()}


def same_as_clean(cli, root: Path, tmp_path: Path, name: str) -> None:
    expected_out = tmp_path / name
    expected = clean(cli, root, tmp_path, name)
    assert tree_bytes(root / "public") == expected
    assert folders(root / "public") == folders(expected_out)  # no folder left empty


def test_rebuilds_into_one_output_match_a_clean_build_after_every_kind_of_change(tmp_path, cli):
    root = example(tmp_path)
    assert build(cli, root) == 0
    assert not (root / SPARE).exists()  # nothing replaced yet
    assert build(cli, root) == 0  # no change: nothing to do, the output stays as it is
    assert not (root / SPARE).exists()
    build_with_a_change(cli, root)  # starts from nothing, keeps the first output
    assert (root / SPARE).is_dir()
    same_as_clean(cli, root, tmp_path, "clean-0")

    news = root / "content/edu/news"
    edited = news / "2026-campus-football-league-opening.md"
    edited.write_text(edited.read_text("utf-8").replace("开幕", "隆重开幕", 1), "utf-8")
    assert build(cli, root) == 0
    same_as_clean(cli, root, tmp_path, "clean-1")

    # A page removed: its article, its folder and its search entry must go.
    removed = news / "2026-summer-teacher-training.md"
    removed.unlink()
    assert build(cli, root) == 0
    assert not (root / "public/edu/news/2026-summer-teacher-training").exists()
    same_as_clean(cli, root, tmp_path, "clean-2")

    # A page added under a new name, then the same build again (nothing to do).
    shutil.copy(edited, news / "2026-added-page.md")
    assert build(cli, root) == 0
    assert build(cli, root) == 0
    same_as_clean(cli, root, tmp_path, "clean-3")

    # A whole department's news emptied: its search index goes with its pages.
    for page in news.glob("*.md"):
        page.unlink()
    assert build(cli, root) == 0
    same_as_clean(cli, root, tmp_path, "clean-4")


def test_a_file_changed_in_the_spare_or_the_output_is_written_again(tmp_path, cli):
    root = example(tmp_path)
    assert build(cli, root) == 0
    build_with_a_change(cli, root)
    article = "edu/news/2026-campus-football-league-opening/index.html"
    for folder in (root / SPARE, root / "public"):  # the spare now, the output next time
        target = folder / article
        data = target.read_bytes()
        target.write_bytes(data.replace("开幕".encode(), "闭幕".encode()))  # same size
        assert target.stat().st_size == len(data)
    assert build(cli, root) == 0  # the output changed: starts from the tampered spare
    same_as_clean(cli, root, tmp_path, "clean-1")
    build_with_a_change(cli, root)  # starts from the output tampered above
    same_as_clean(cli, root, tmp_path, "clean-2")


def test_a_link_in_the_spare_is_never_written_through(tmp_path, cli):
    root = example(tmp_path)
    assert build(cli, root) == 0
    build_with_a_change(cli, root)
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = root / SPARE / "edu/news/2026-campus-football-league-opening"
    shutil.rmtree(folder)
    folder.symlink_to(outside, target_is_directory=True)
    page = root / "content/edu/news/2026-campus-football-league-opening.md"
    page.write_text(page.read_text("utf-8").replace("开幕", "隆重开幕", 1), "utf-8")
    assert build(cli, root) == 0
    assert list(outside.iterdir()) == []
    same_as_clean(cli, root, tmp_path, "clean-1")

    # A hard link: writing into it in place would change the other name too.
    assert build(cli, root) == 0  # nothing to do; the spare is the plain output replaced above
    victim = tmp_path / "victim.html"
    victim.write_bytes(b"not the portal")
    linked = root / SPARE / "edu/news/2026-campus-football-league-opening/index.html"
    linked.unlink()
    os.link(victim, linked)
    page.write_text(page.read_text("utf-8").replace("隆重开幕", "开幕", 1), "utf-8")
    assert build(cli, root) == 0
    assert victim.read_bytes() == b"not the portal"
    same_as_clean(cli, root, tmp_path, "clean-2")


def test_a_blocked_build_keeps_no_refused_page_and_the_next_build_is_right(tmp_path, cli):
    root = example(tmp_path)
    assert build(cli, root) == 0
    assert build(cli, root) == 0
    before = tree_bytes(root / "public")
    page = root / "content/edu/news/2026-campus-football-league-opening.md"
    original = page.read_text("utf-8")
    page.write_text(original.replace("开幕", "开幕，联系人身份证号110101199003071233", 1), "utf-8")
    assert build(cli, root) == 1  # PV001 blocks it
    assert tree_bytes(root / "public") == before
    assert list(root.glob(".public.*")) == []  # it held the refused page: deleted, not kept
    page.write_text(original.replace("开幕", "隆重开幕", 1), "utf-8")
    assert build(cli, root) == 0
    same_as_clean(cli, root, tmp_path, "clean")
    leftovers = [p.name for p in root.glob(".public.*") if p.name != SPARE]
    assert leftovers == []


def test_a_build_without_cache_keeps_no_spare(tmp_path, cli):
    root = example(tmp_path)
    assert build(cli, root, "--no-cache") == 0
    assert build(cli, root, "--no-cache") == 0
    assert not (root / SPARE).exists()


def test_something_else_at_the_spare_name_gives_way_and_is_never_followed(tmp_path, cli):
    root = example(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not the portal", "utf-8")
    (root / SPARE).symlink_to(outside, target_is_directory=True)
    assert build(cli, root) == 0
    build_with_a_change(cli, root)  # the link is replaced by the replaced output
    assert (root / SPARE).is_dir() and not (root / SPARE).is_symlink()
    assert [p.name for p in outside.iterdir()] == ["keep.txt"]
    same_as_clean(cli, root, tmp_path, "clean")


def test_the_spare_is_vouched_for_by_the_status_recorded_when_its_build_ended(tmp_path, cli):
    """A rebuild does not read again the spare's files whose status is the one recorded
    when the build that wrote them ended (govsite.outputrecord); a file written since,
    even with its size and modification time put back, is read and written anew."""
    import sqlite3

    from govsite import outputrecord
    from govsite.cache import Cache
    from govsite.reuse import scan

    root = example(tmp_path)
    assert build(cli, root) == 0
    build_with_a_change(cli, root)  # the first output is now the spare
    spare = root / SPARE
    cache = Cache(root / ".govsite-cache")
    record = outputrecord.recorded(cache, root / "public", spare.stat().st_ino)
    cache.close()
    article = "edu/news/2026-campus-football-league-opening/index.html"
    assert article in record and len(record) > 20
    target = spare / article
    before = target.stat()
    data = target.read_bytes()
    target.write_bytes(data.replace("开幕".encode(), "闭幕".encode()))  # same size
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time
    found = scan(spare, record)
    assert found is not None
    assert article not in found.vouched
    assert found.vouched and set(found.vouched) < set(record)
    assert not found.holds(article, record[article][0], len(data))  # read: not the bytes
    other = next(rel for rel in found.vouched if rel.endswith(".html"))
    assert found.holds(other, record[other][0], found.files[other][0])

    build_with_a_change(cli, root)  # starts from the tampered spare
    same_as_clean(cli, root, tmp_path, "clean-1")
    for _ in range(3):
        build_with_a_change(cli, root)
    database = sqlite3.connect(root / ".govsite-cache/entries.sqlite")
    kept = database.execute("SELECT count(*) FROM entries WHERE kind = 'outputs'").fetchone()
    database.close()
    assert kept == (2,)  # the output's and the spare's: older ones are pruned
    same_as_clean(cli, root, tmp_path, "clean-2")
