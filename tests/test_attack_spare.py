"""Attacks on the spare output (govsite.reuse): sequences of builds with the cache into
one output whose result is not what a clean ``--no-cache`` build of the same sources
writes, or that end in a traceback."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.conftest import tree_bytes
from tests.test_cache import AS_OF, example

SPARE = ".public.govsite-spare"
ARTICLE = "edu/news/2026-campus-football-league-opening/index.html"
PAGE = "content/edu/news/2026-campus-football-league-opening.md"


def build(cli, root: Path, *extra: str) -> int:
    result = cli("build", "--site", root, "--as-of", AS_OF, "-q", "--no-search", *extra)
    assert "Traceback" not in result.err, result.err
    return result.code


def clean(cli, root: Path, out: Path, *extra: str) -> Path:
    assert build(cli, root, "--out", out, "--no-cache", *extra) == 0
    return out


def tree(folder: Path) -> dict[str, object]:
    """Every file with its bytes, mode and owner; every folder with its mode and owner."""
    found: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        info = path.stat()
        what = path.read_bytes() if path.is_file() else "folder"
        found[rel] = (what, stat.S_IMODE(info.st_mode), info.st_uid)
    return found


def test_a_page_rendered_again_once_links_resolve_is_written_again(tmp_path, cli):
    """The cache lost (or invalidated: another ``--lang``, a govsite upgrade) while the
    spare stays. A page linking to a page whose front matter sets its ``slug`` is first
    rendered with the link guessed from the file name and written; rendered again once
    every page is loaded, it equals what the spare held, so ``reuse.holds`` (a trust
    never updated by that first write) skips the write and the first-pass page, with
    a link to a URL that does not exist, is published under the right manifest entry."""
    root = example(tmp_path)
    target = root / "content/finance/policy/special-funds-management-measures.md"
    target.write_text(
        target.read_text("utf-8").replace("---\n", "---\nslug: funds-measures\n", 1), "utf-8"
    )
    assert build(cli, root) == 0
    assert build(cli, root) == 0  # the spare now holds the right pages
    shutil.rmtree(root / ".govsite-cache")
    assert build(cli, root) == 0
    expected = clean(cli, root, tmp_path / "clean")
    linking = "finance/news/2027-budget-preparation-deployment/index.html"
    published = (root / "public" / linking).read_text("utf-8")
    assert "/finance/policy/special-funds-management-measures/" not in published
    assert tree_bytes(root / "public") == tree_bytes(expected)


def test_a_hand_edit_is_not_kept_because_the_manifest_was_touched_after_it(tmp_path, cli):
    """Trust is measured against the manifest's ctime, which anything changes: a chmod
    (``chmod -R a+rX public`` after fixing a page by hand), a touch, a chown. A page
    edited by hand (same size) before that is then trusted, kept, and carried from
    spare to spare: every other build publishes it, under a manifest entry that does
    not match it."""
    root = example(tmp_path)
    assert build(cli, root) == 0
    assert build(cli, root) == 0
    page = root / "public" / ARTICLE
    data = page.read_bytes()
    page.write_bytes(data.replace("开幕".encode(), "闭幕".encode()))  # same size
    os.chmod(root / "public/manifest.json", 0o644)  # what chmod -R does to it, later
    expected = tree_bytes(clean(cli, root, tmp_path / "clean"))
    for _ in range(4):
        assert build(cli, root) == 0
        assert tree_bytes(root / "public") == expected


def _link_media(root: Path, name: str) -> None:
    page = root / PAGE
    text = page.read_text("utf-8")
    marker = "\n\n附件：[名单]("
    text = text.split(marker)[0] + f"{marker}../media/{name})\n"
    page.write_text(text, "utf-8")


@pytest.mark.parametrize("first_a_file", [True, False])
def test_a_file_where_the_spare_has_a_folder_or_the_reverse(tmp_path, cli, first_a_file):
    """A media file ``list.txt`` becomes a folder ``list.txt/`` (or the reverse): the
    spare has a file where a folder is now needed (mkdir: FileExistsError) or a folder
    where a file is written (IsADirectoryError), before ``sweep`` would remove it."""
    root = example(tmp_path)
    media = root / "content/edu/media"

    def as_file() -> None:
        shutil.rmtree(media / "list.txt", ignore_errors=True)
        (media / "list.txt").write_text("名单一\n", "utf-8")
        _link_media(root, "list.txt")

    def as_folder() -> None:
        (media / "list.txt").unlink(missing_ok=True)
        (media / "list.txt").mkdir(exist_ok=True)
        (media / "list.txt/a.txt").write_text("名单二\n", "utf-8")
        _link_media(root, "list.txt/a.txt")

    first, then = (as_file, as_folder) if first_a_file else (as_folder, as_file)
    first()
    assert build(cli, root) == 0
    assert build(cli, root) == 0  # the spare has the first shape
    then()
    assert build(cli, root) == 0
    assert tree_bytes(root / "public") == tree_bytes(clean(cli, root, tmp_path / "clean"))


def test_folders_modes_and_owners_in_the_output_are_those_of_a_clean_build(tmp_path, cli):
    """Nothing deletes a folder the spare holds empty (``Reuse.folders`` is collected,
    never used), and a file written again in place keeps the spare's mode and owner: a
    page an officer took offline with ``chmod 000`` stays unreadable to the web server
    after the build that should publish it again; a page an editor's account fixed by
    hand stays that account's to change after the build; a folder left by certbot
    stays."""
    root = example(tmp_path)
    assert build(cli, root) == 0
    assert build(cli, root) == 0
    (root / "public/.well-known/acme-challenge").mkdir(parents=True)
    os.chmod(root / "public" / ARTICLE, 0o000)
    os.chmod(root / "public/finance", 0o700)
    if os.geteuid() == 0:  # a file another account owns (only root can give it away)
        os.chown(root / "public/index.html", 65534, 65534)
    expected = tree(clean(cli, root, tmp_path / "clean"))
    for _ in range(2):  # the second build starts from the output changed above
        assert build(cli, root) == 0
        assert tree(root / "public") == expected
