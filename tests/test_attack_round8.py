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
