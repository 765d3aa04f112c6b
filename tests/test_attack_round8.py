"""Round 8 attacks on the output records (govsite.outputrecord: a spare's file trusted
by its status) and on the search bundles written by govsite (govsite.search)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from govsite import outputrecord
from govsite.cache import Cache
from tests.conftest import tree_bytes
from tests.test_attack_spare import ARTICLE, build, clean
from tests.test_cache import AS_OF, example

OTHER = "content/finance/policy/special-funds-management-measures.md"


def _edit(root: Path, n: int) -> None:
    page = root / OTHER
    page.write_text(page.read_text("utf-8") + f"\n第{n}次修订。\n", "utf-8")


def test_an_edit_of_the_live_output_while_the_build_ends_is_not_vouched_for(
    tmp_path, cli, monkeypatch
):
    """The statuses recorded with the manifest's digests are taken after the swap, while
    the inputs are compared again (seconds at 10,000 items). A page of the live output
    edited by hand (same size) in that window gets its edited status recorded with the
    build's digest: two builds later the spare vouches for it and a build that changes
    another page publishes the edited page again, under the manifest's entry."""
    import govsite.build

    root = example(tmp_path)
    assert build(cli, root) == 0
    swap_in = govsite.build.swap_in
    tampered: list[bytes] = []

    def swap_then_edit(staging, out, **kw):
        swap_in(staging, out, **kw)
        page = out / ARTICLE
        data = page.read_bytes().replace("开幕".encode(), "闭幕".encode())  # same size
        page.write_bytes(data)
        tampered.append(data)

    monkeypatch.setattr(govsite.build, "swap_in", swap_then_edit)
    _edit(root, 1)
    assert build(cli, root) == 0
    monkeypatch.setattr(govsite.build, "swap_in", swap_in)
    assert tampered and (root / "public" / ARTICLE).read_bytes() == tampered[0]
    _edit(root, 2)
    assert build(cli, root) == 0  # starts from the first output
    _edit(root, 3)
    assert build(cli, root) == 0  # starts from the edited one
    assert tree_bytes(root / "public") == tree_bytes(clean(cli, root, tmp_path / "clean"))


def test_every_recorded_file_holds_the_recorded_bytes(tmp_path, cli):
    """What a build records of its output is what the output holds, search included."""
    root = example(tmp_path)
    for n in range(3):
        _edit(root, n)
        result = cli("build", "--site", root, "--as-of", AS_OF, "-q")
        assert result.code == 0, result.err
    cache = Cache(root / ".govsite-cache")
    out = root / "public"
    for folder in (out, out.parent / ".public.govsite-spare"):
        found = outputrecord.recorded(cache, out, os.stat(folder).st_ino)
        assert found, folder
        for rel, (digest, _status) in found.items():
            assert hashlib.sha256((folder / rel).read_bytes()).hexdigest() == digest, rel


def _search_build(cli, root: Path, *extra: str) -> None:
    result = cli("build", "--site", root, "--as-of", AS_OF, "-q", *extra)
    assert result.code == 0 and "Traceback" not in result.err, result.err


def test_search_bundles_are_the_same_clean_cached_parallel_and_without_stale_files(tmp_path, cli):
    """Bundles written by govsite from the cache, from Pagefind with one or two services,
    over a previous output holding stale files in the bundle folders, equal a clean
    build's byte for byte."""
    root = example(tmp_path)
    _search_build(cli, root)
    _search_build(cli, root, "--jobs", "2")
    planted = 0
    for folder in ("public", ".public.govsite-spare"):
        for meta in (root / folder / "search").rglob("*.pf_meta"):
            if bundle := meta.parent:
                (bundle / "stale.pf_fragment").write_bytes(b"stale")
                (bundle / "pagefind-entry.json").write_bytes(b"{}")
                planted += 1
    assert planted >= 4
    for n, extra in enumerate([(), ("--jobs", "2"), ("--no-search",), (), ("--jobs", "2")]):
        _edit(root, n)
        _search_build(cli, root, *extra)
        expected = tmp_path / f"clean{n}"
        _search_build(cli, root, "--out", expected, "--no-cache", *extra)
        assert tree_bytes(root / "public") == tree_bytes(expected), n


def _records(root: Path) -> int:
    import sqlite3

    from govsite.cache import DATABASE, OUTPUTS

    with sqlite3.connect(root / ".govsite-cache" / DATABASE) as db:
        tables = [row[0] for row in db.execute("select name from sqlite_master where type='table'")]
        (table,) = tables if len(tables) == 1 else [t for t in tables if "entr" in t]
        columns = [row[1] for row in db.execute(f"pragma table_info({table})")]
        kind = "kind" if "kind" in columns else columns[0]
        return db.execute(f"select count(*) from {table} where {kind}=?", (OUTPUTS,)).fetchone()[0]


def test_records_are_pruned_and_survive_a_no_op_replay_and_other_outputs(tmp_path, cli):
    """Two records at most (the output and its spare), whatever the builds did: blocked,
    withheld, without search, into another output; a build with nothing to do keeps
    both, and the next build still vouches for the spare's files."""
    root = example(tmp_path)
    for n in range(4):
        _edit(root, n)
        assert build(cli, root) == 0
        assert _records(root) <= 2
    assert build(cli, root, "--out", tmp_path / "other") == 0  # same cache, another output
    assert _records(root) <= 2
    for n in range(4, 6):
        _edit(root, n)
        assert build(cli, root) == 0
    assert _records(root) == 2
    assert build(cli, root) == 0  # nothing to do: replayed
    assert _records(root) == 2
    cache = Cache(root / ".govsite-cache")
    spare = root / ".public.govsite-spare"
    found = outputrecord.recorded(cache, root / "public", os.stat(spare).st_ino)
    cache.close()
    assert len(found) > 20
