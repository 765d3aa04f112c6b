"""A build with nothing to do leaves the output alone, and only then: any change to an
input, an option or the output itself makes it a real build, whose result is a clean
build's, byte for byte (govsite.rebuild)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govsite.cache import BUILT, CACHE_DIR
from tests.conftest import Result, tree_bytes
from tests.test_cache import AS_OF, example, stored
from tests.test_verdict import EDITS, judged, uncached

ARTICLE = "edu/news/2026-campus-football-league-opening/index.html"


def build(cli, root: Path, *extra: str) -> Result:
    result = cli("build", "--site", root, "--as-of", AS_OF, *extra)
    assert "Traceback" not in result.err
    return result


def statuses(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file's inode, change time and modification time: what a rewrite changes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        found[path.relative_to(folder).as_posix()] = (
            info.st_ino,
            info.st_ctime_ns,
            info.st_mtime_ns,
        )
    return found


def clean(cli, root: Path, tmp_path: Path, *extra: str) -> dict[str, bytes]:
    out = tmp_path / "clean"
    result = build(cli, root, "--out", out, "--no-cache", "-q", *extra)
    assert (out / "manifest.json").is_file(), result.err  # published (maybe withholding)
    return tree_bytes(out)


@pytest.fixture
def built(tmp_path, cli) -> Path:
    root = example(tmp_path)
    assert build(cli, root, "-q").code == 0
    return root


def test_a_build_with_nothing_changed_touches_nothing_and_says_the_same(built, cli):
    root = built
    first = build(cli, root, "-q")  # the output now came from a build with a spare
    before = statuses(root / "public")
    spare = statuses(root / ".public.govsite-spare")
    log = (root / ".govsite/audit.log").read_bytes()
    again = build(cli, root)
    assert again.code == first.code == 0
    assert statuses(root / "public") == before
    assert statuses(root / ".public.govsite-spare") == spare
    assert (root / ".govsite/audit.log").read_bytes() == log
    full = build(cli, root, "--report", root.parent / "report.html")  # judged in full
    assert (again.out, again.err) == (full.out, full.err)
    assert len(stored(root / CACHE_DIR, BUILT)) == 1


@pytest.mark.parametrize("edit", ["a page", "an attachment", "site.toml", "the rule pack"])
def test_a_changed_input_is_built_again(built, cli, tmp_path, edit):
    root = built
    EDITS[edit](root)
    result = build(cli, root, "-q", "--withhold")  # a page with a phone number: withheld
    again = build(cli, root, "-q", "--withhold")
    assert (again.code, again.out, again.err) == (result.code, result.out, result.err)
    assert tree_bytes(root / "public") == clean(cli, root, tmp_path, "--withhold")


def test_a_changed_option_is_built_again(built, cli, tmp_path):
    root = built
    assert build(cli, root, "-q", "--no-search").code == 0
    assert not (root / "public/search/index").exists()
    assert tree_bytes(root / "public") == clean(cli, root, tmp_path, "--no-search")
    assert build(cli, root, "-q").code == 0
    assert (root / "public/search/index").is_dir()
    other = root.parent / "elsewhere"
    assert build(cli, root, "-q", "--out", other).code == 0
    assert tree_bytes(other) == tree_bytes(root / "public")


TAMPERING = {
    "a page edited, same size and time": lambda out: _same_size_and_time(out / ARTICLE),
    "a page deleted": lambda out: (out / ARTICLE).unlink(),
    "a file added": lambda out: (out / "edu/extra.html").write_text("<p>x</p>", "utf-8"),
    "a page made writable by all": lambda out: os.chmod(out / ARTICLE, 0o666),
    "the whole output removed": lambda out: _remove(out),
}


def _same_size_and_time(path: Path) -> None:
    info = path.stat()
    data = path.read_bytes()
    path.write_bytes(data.replace("足球".encode(), "篮球".encode()))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def _remove(out: Path) -> None:
    import shutil

    shutil.rmtree(out)


@pytest.mark.parametrize("tamper", sorted(TAMPERING))
def test_an_output_changed_since_the_last_build_is_built_again(built, cli, tmp_path, tamper):
    root = built
    assert build(cli, root, "-q").code == 0
    TAMPERING[tamper](root / "public")
    assert build(cli, root, "-q").code == 0
    assert tree_bytes(root / "public") == clean(cli, root, tmp_path)
    assert oct((root / "public" / ARTICLE).stat().st_mode & 0o777) == oct(
        (tmp_path / "clean" / ARTICLE).stat().st_mode & 0o777
    )


def test_a_blocked_site_is_judged_every_time(built, cli):
    root = built
    before = tree_bytes(root / "public")
    EDITS["a page"](root)
    for _ in range(2):
        result = build(cli, root, "-q")
        assert result.code == 1
        assert "PV002" in result.out
    assert tree_bytes(root / "public") == before  # the last good output stays
    assert not stored(root / CACHE_DIR, BUILT)  # the last good build's record is gone


def test_another_signing_key_signs_again(make_site, cli, tmp_path):
    from tests.conftest import item

    keys = []
    for name in ("a", "b"):
        private = tmp_path / "keys" / f"{name}.pem"
        assert cli("keygen", private).code == 0
        keys.append(private)
    root = make_site({"content/edu/news/a.md": item()})
    signatures = []
    for private in (*keys, keys[0]):
        assert build(cli, root, "-q", "--sign-key", private).code == 0
        signatures.append((root / "public/manifest.json.sig").read_bytes())
    assert signatures[0] != signatures[1]
    assert signatures[2] == signatures[0]
    public = keys[0].with_name("a.pem.pub")
    assert cli("verify", root / "public", "--site", root, "--public-key", public).code == 0


def test_a_check_after_a_build_replays_what_the_build_found(built, cli):
    """A build judges the site exactly as a check does: its verdict is the next check's,
    blocked or not."""
    root = built
    EDITS["a page"](root)
    assert build(cli, root, "-q").code == 1  # blocked: PV002
    found, replayed = judged(root)
    assert replayed
    assert found == uncached(root)
    args = ("check", "--site", root, "--as-of", AS_OF)
    assert cli(*args).out == cli(*args, "--no-cache").out
