"""Round 9 attacks on search bundles kept as database entries (kinds ``search`` and
``search-file``) and on media published from staging by a ``published`` entry (a file
the run hashed and that kept its status is neither read nor cleaned again).

In scope: whatever can be done to the site's files, the output, the spare and the
cache's folder and rows without computing a SHA-256 preimage. An entry of the cache
rewritten with a valid checksum is a weaker attacker than one who edits content (the
cache is not reviewed), and what it can do is spelled out where it matters."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import sqlite3
from functools import partial
from pathlib import Path

from govsite import verdict
from govsite.cache import CACHE_DIR, DATABASE, FORMAT, PUBLISHED, wrap
from govsite.plain import decode, encode
from tests import attachment_files as files
from tests.conftest import item, tree_bytes
from tests.test_cache import example
from tests.test_media_cache import BODY, DECLARED, IMAGE, PAGE, PDF, build, site


def _entry(kind: str, key: str, value) -> bytes:
    """A cache row's value as govsite writes it (anyone can write one: the checksum is
    no secret)."""
    return wrap(kind, key, marshal.dumps(encode(value)))


def _rows(root: Path, kind: str) -> list[tuple[str, bytes]]:
    with contextlib.closing(sqlite3.connect(root / CACHE_DIR / DATABASE)) as db:
        query = "SELECT key, value FROM entries WHERE kind = ? ORDER BY key"
        return db.execute(query, (kind,)).fetchall()


def _set(root: Path, kind: str, values: dict[str, bytes]) -> None:
    with contextlib.closing(sqlite3.connect(root / CACHE_DIR / DATABASE)) as db, db:
        for key, value in values.items():
            db.execute(
                "UPDATE entries SET value = ? WHERE kind = ? AND key = ?", (value, kind, key)
            )


def _edit_page(root: Path, title: str) -> None:
    """Another page text, so the build is not a no-op and the media go through staging."""
    (root / PAGE).write_text(item(title=title, body=BODY, extra=DECLARED), "utf-8")


def _same_as_clean(cli, root: Path, out: Path, tmp_path: Path, *extra: str) -> dict:
    clean = tmp_path / "clean"
    assert build(cli, root, clean, "--no-cache", *extra).code == 0
    expected = tree_bytes(clean)
    assert tree_bytes(out) == expected
    return expected


# ------------------------------------------------------------ problems found (fixed)


def test_a_published_entry_saying_publish_nothing_drops_no_linked_file(make_site, cli, tmp_path):
    """A 'published' entry of ("", 0) meant "never published": the file was skipped
    without being read. Written into the cache (no hash to forge: the entry's key is the
    source's SHA-256, the value a constant), it silently dropped the PDF and the image
    the page links to; the build said 0 and published broken links."""
    root = site(make_site)
    out = tmp_path / "out"
    assert build(cli, root, out).code == 0
    rows = _rows(root, PUBLISHED)
    assert len(rows) == 2
    _set(root, PUBLISHED, {key: _entry(PUBLISHED, key, ("", 0)) for key, _ in rows})
    _edit_page(root, "2026年招生工作通知（修订）")
    assert build(cli, root, out).code == 0
    published = _same_as_clean(cli, root, out, tmp_path)
    assert {"edu/media/enrolment.pdf", "edu/media/campus.png"} <= published.keys()


def test_prune_deletes_only_what_an_older_govsite_left_in_a_cache_folder(make_site, cli, tmp_path):
    """``--cache DIR`` may name a folder of the user's. The prune deleted every folder
    named like a kind (``search/``, ``published/``, ``page/`` …) in it whole; it now
    deletes only the older layout (``<kind>/<key[:2]>/<key>`` and its temporaries)."""
    root = site(make_site)
    cache = tmp_path / "shared"
    mine = {
        "search/README.txt": b"mine",
        "search/docs/index.html": b"<p>mine</p>",
        "search/zz/zz01": b"mine: zz is not hexadecimal",
        "published/notes.txt": b"mine",
        "page/ab/notes.txt": b"mine: not a key",
    }
    legacy = {
        "search/ab/abcdef/pagefind-entry.json": b"{}",
        "search/ab/.abcdef.123.456.tmp/pagefind.js": b"",
        "page/cd/cd0123": b"GSC1",
        "blob/ef/.ef01.99.tmp": b"",
    }
    for rel, data in {**mine, **legacy}.items():
        path = cache / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert build(cli, root, tmp_path / "out", "--cache", cache).code == 0
    for rel, data in mine.items():
        assert (cache / rel).read_bytes() == data, rel
    for rel in legacy:
        assert not (cache / rel).exists(), rel
    assert not (cache / "blob").exists() and not (cache / "search/ab").exists()


# ------------------------------------------------------------ attacks that held


def test_a_legacy_search_folder_that_links_out_is_not_followed(make_site, cli, tmp_path):
    root = site(make_site)
    outside = tmp_path / "outside"
    (outside / "ab/abcdef").mkdir(parents=True)
    (outside / "ab/abcdef/precious").write_bytes(b"x")
    (root / CACHE_DIR).mkdir()
    (root / CACHE_DIR / "search").symlink_to(outside)
    (root / CACHE_DIR / "page/ab").mkdir(parents=True)
    (root / CACHE_DIR / "page/ab/abcd").symlink_to(outside / "ab")  # an entry that is a link
    (root / CACHE_DIR / "page/ab/ab01").symlink_to(outside / "ab/abcdef/precious")
    assert build(cli, root, tmp_path / "out").code == 0
    assert (outside / "ab/abcdef/precious").read_bytes() == b"x"
    assert not (root / CACHE_DIR / "page/ab/abcd").is_symlink()  # the link went, not its target


def test_swapped_or_wrong_published_entries_publish_what_a_clean_build_does(
    make_site, cli, tmp_path
):
    """Swapped keys, another file's digest, a wrong size: staging never holds bytes with
    the claimed digest at that path, so each file is read and cleaned again."""
    root = site(make_site)
    out = tmp_path / "out"
    assert build(cli, root, out).code == 0
    _edit_page(root, "招生通知")
    assert build(cli, root, out).code == 0  # the first output is the spare now
    (one, first), (two, second) = _rows(root, PUBLISHED)
    _set(root, PUBLISHED, {one: second, two: first})
    _edit_page(root, "招生工作通知")
    assert build(cli, root, out).code == 0
    _same_as_clean(cli, root, out, tmp_path)
    image = (root / IMAGE).read_bytes()
    raw = (hashlib.sha256(image).hexdigest(), len(image))  # the image with its metadata
    _set(root, PUBLISHED, {key: _entry(PUBLISHED, key, raw) for key, _ in _rows(root, PUBLISHED)})
    _edit_page(root, "招生工作通知（二）")
    assert build(cli, root, out).code == 0
    published = _same_as_clean(cli, root, out, tmp_path / "again")
    assert published["edu/media/campus.png"] != image


def test_an_image_refused_after_being_published_leaves_with_its_page(make_site, cli, tmp_path):
    """Published in one build; the next has a script page under the same name: the
    build blocks, and with --withhold the cached build withholds what a clean one does."""
    root = site(make_site)
    out = tmp_path / "out"
    assert build(cli, root, out).code == 0
    _edit_page(root, "招生通知")
    assert build(cli, root, out).code == 0
    (root / IMAGE).write_bytes(files.html_with_script())
    _edit_page(root, "招生工作通知")
    blocked = build(cli, root, out)
    assert blocked.code == 1 and "campus.png" in blocked.out
    assert build(cli, root, out, "--withhold").code == 1  # publishes the rest, exit 1
    clean = tmp_path / "clean"
    assert build(cli, root, clean, "--no-cache", "--withhold").code == 1
    published = tree_bytes(clean)
    assert tree_bytes(out) == published
    assert "edu/media/campus.png" not in published


def test_the_same_bytes_under_another_suffix_are_judged_by_that_suffix(make_site, cli, tmp_path):
    """An SVG with a script in a .png, then renamed .svg (a page linking to each): the
    'published' key has the suffix, so no entry of one serves the other."""
    root = site(make_site)
    out = tmp_path / "out"
    assert build(cli, root, out).code == 0
    svg = files.svg_clean()
    (root / IMAGE).write_bytes(svg)
    (root / "content/edu/media/campus.svg").write_bytes(svg)
    body = BODY + "\n![图](../media/campus.svg)\n"
    extra = (
        DECLARED
        + "  - {file: ../media/campus.svg, source: 测试市教育体育局, license: 本单位原创}\n"
    )
    (root / PAGE).write_text(item(title="招生通知", body=body, extra=extra), "utf-8")
    first = build(cli, root, out, "--withhold")
    assert build(cli, root, out, "--withhold").code == first.code  # nothing to do
    (root / PAGE).write_text(item(title="招生工作通知", body=body, extra=extra), "utf-8")
    again = build(cli, root, out, "--withhold")
    assert again.code == first.code
    clean = tmp_path / "clean"
    assert build(cli, root, clean, "--no-cache", "--withhold").code == first.code
    assert tree_bytes(out) == tree_bytes(clean)


def test_a_hostile_rewrite_between_builds_is_checked_with_a_warm_cache(make_site, cli, tmp_path):
    """The PDF's new text (an ID number) is read and judged; the build blocks, as a clean
    one does, with two jobs as with one."""
    root = site(make_site)
    out = tmp_path / "out"
    assert build(cli, root, out, "--jobs", "2").code == 0
    _edit_page(root, "招生通知")
    assert build(cli, root, out, "--jobs", "2").code == 0
    hostile = (root / PDF).read_bytes().replace(b"Enrolment notice 2026", b"ID 11010519491231002X")
    (root / PDF).write_bytes(hostile)
    for jobs in ("1", "2"):
        result = build(cli, root, out, "--jobs", jobs)
        assert result.code == 1 and "enrolment.pdf:1:1: PV001" in result.out


def test_an_image_changed_after_hashing_with_its_page_is_cleaned(
    make_site, cli, tmp_path, monkeypatch
):
    """A GPS photo put in place of the image after the run hashed its inputs (the spare
    holds the old image's cleaned bytes, the cache its 'published' entry): published
    without its GPS block, as a clean build of the new bytes."""
    root = site(make_site)
    out = tmp_path / "out"
    assert build(cli, root, out).code == 0
    _edit_page(root, "招生通知")
    assert build(cli, root, out).code == 0
    hash_inputs = verdict.inputs
    photo = files.jpeg_with_gps()

    def then_replace(*args, **kwargs):
        found = hash_inputs(*args, **kwargs)
        (root / IMAGE).write_bytes(photo)
        return found

    monkeypatch.setattr(verdict, "inputs", then_replace)
    _edit_page(root, "招生工作通知")
    assert build(cli, root, out).code == 0
    monkeypatch.setattr(verdict, "inputs", hash_inputs)
    published = _same_as_clean(cli, root, out, tmp_path)
    assert b"GPS" not in published["edu/media/campus.png"]


def _built(cli, root, top, out: str, *extra: str) -> dict:
    """Build ``root`` into ``top/out`` (with the cache unless ``extra`` says otherwise);
    the output's files."""
    result = cli("build", "--site", root, "--out", top / out, "--as-of", "2026-11-26", "-q", *extra)
    assert result.code == 0, result.out + result.err
    return tree_bytes(top / out)


def test_search_bundles_after_a_no_search_build_and_with_damaged_rows(tmp_path, cli):
    """--no-search, then a search build with the cache; then every bundle listing
    rewritten to name sizes that are wrong: each output is the clean build's."""
    root = example(tmp_path)
    run = partial(_built, cli, root, tmp_path)

    clean = run("clean", "--no-cache", "--jobs", "1")
    assert not any(p.startswith("search/pagefind/") for p in run("out", "--no-search"))
    assert run("out", "--jobs", "2") == clean
    listings = {}
    for key, value in _rows(root, "search"):
        listing = decode(marshal.loads(value[len(FORMAT) + 32 :]))
        assert isinstance(listing, dict)
        listings[key] = _entry("search", key, {rel: (d, 1) for rel, (d, _) in listing.items()})
    _set(root, "search", listings)
    assert run("other") == clean  # another output: every file from the cache or Pagefind


def test_search_listings_swapped_between_groups_are_ignored(tmp_path, cli):
    """Two 'search' rows with their keys swapped (no hash to compute: each value's
    checksum was still right) made a build into a new output publish one department's
    bundle in place of another's. The checksum now covers the kind and key."""
    root = example(tmp_path)
    run = partial(_built, cli, root, tmp_path)

    clean = run("clean", "--no-cache")
    assert run("out") == clean
    rows = _rows(root, "search")
    _set(root, "search", {rows[0][0]: rows[1][1], rows[1][0]: rows[0][1]})
    other = run("other")
    diff = sorted(p for p in set(other) | set(clean) if other.get(p) != clean.get(p))
    assert other == clean, diff[:10]
