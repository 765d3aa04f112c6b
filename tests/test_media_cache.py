"""Media files and the cache: a build with a cache does not read again the attachments
its input hashing read, nor clean again the images the output holds already; a file
changed in any way is read, checked and published again, as a clean build would."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from govsite import verdict
from govsite.attachments import Limits
from govsite.attachments.media import published_bytes
from govsite.cache import CACHE_DIR, DATABASE, PUBLISHED
from govsite.i18n import Translator
from govsite.safepath import fingerprint
from tests import attachment_files as files
from tests.conftest import item, tree_bytes

AS_OF = "2026-11-26"
PAGE = "content/edu/notice/2026-enrolment.md"
PDF = "content/edu/media/enrolment.pdf"
IMAGE = "content/edu/media/campus.png"
BODY = "见附件：[招生简章](../media/enrolment.pdf)\n\n![校园](../media/campus.png)\n"
DECLARED = (
    "media:\n  - {file: ../media/campus.png, source: 测试市教育体育局, license: 本单位原创}\n"
)


@pytest.fixture(autouse=True)
def settled(monkeypatch):
    """The files these tests write are a moment old when a build hashes them: "racy",
    read again anyway. Here they count as settled, so what a trusted status skips is
    tested too."""
    monkeypatch.setattr(verdict, "RACY_NS", 0)


def site(make_site) -> Path:
    return make_site(
        {
            PAGE: item(title="2026年招生工作通知", body=BODY, extra=DECLARED),
            PDF: files.text_pdf(("Enrolment notice 2026",)),
            IMAGE: files.png_with_text(),
        }
    )


def build(cli, root: Path, out: Path, *extra: str):
    return cli("build", "--site", root, "--out", out, "--as-of", AS_OF, "-q", *extra)


def published_entries(root: Path) -> int:
    with contextlib.closing(sqlite3.connect(root / CACHE_DIR / DATABASE)) as db:
        query = "SELECT count(*) FROM entries WHERE kind = ?"
        return db.execute(query, (PUBLISHED,)).fetchone()[0]


def test_cached_media_match_a_clean_build_and_the_image_is_still_cleaned(make_site, cli, tmp_path):
    root = site(make_site)
    assert build(cli, root, tmp_path / "out").code == 0
    assert published_entries(root) == 2  # the PDF and the image
    page = item(title="2026年招生工作通知（修订）", body=BODY, extra=DECLARED)
    (root / PAGE).write_text(page, "utf-8")
    assert build(cli, root, tmp_path / "out").code == 0  # the media come from the record
    assert build(cli, root, tmp_path / "clean", "--no-cache").code == 0
    out = tree_bytes(tmp_path / "out")
    assert out == tree_bytes(tmp_path / "clean")
    assert out["edu/media/campus.png"] != (root / IMAGE).read_bytes()  # its text chunk gone


def test_an_image_changed_between_builds_is_cleaned_again(make_site, cli, tmp_path):
    root = site(make_site)
    assert build(cli, root, tmp_path / "out").code == 0
    (root / IMAGE).write_bytes(files.jpeg_with_gps())  # other bytes, same name
    assert build(cli, root, tmp_path / "out").code == 0
    assert build(cli, root, tmp_path / "clean", "--no-cache").code == 0
    out = tree_bytes(tmp_path / "out")
    assert out == tree_bytes(tmp_path / "clean")
    assert b"GPS" not in out["edu/media/campus.png"]


def test_an_attachment_rewritten_after_the_inputs_were_hashed_is_read_again(
    make_site, cli, tmp_path, monkeypatch
):
    """The digest hashed at the start of a run is trusted only while the file keeps the
    status it had then: a same-size rewrite with its old times put back, made after the
    hashing, still changes the change time, and the attachment is read and checked."""
    root = site(make_site)
    assert build(cli, root, tmp_path / "out").code == 0
    path = root / PDF
    hostile = files.text_pdf(("Enrolment notice 2026",))
    hostile = hostile.replace(b"Enrolment notice 2026", b"ID 11010519491231002X")
    assert len(hostile) == path.stat().st_size
    hash_inputs = verdict.inputs

    def then_rewrite(*args, **kwargs):
        hashed = hash_inputs(*args, **kwargs)
        before = path.stat()
        path.write_bytes(hostile)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        return hashed

    monkeypatch.setattr(verdict, "inputs", then_rewrite)
    (root / PAGE).write_text(item(title="招生工作通知", body=BODY, extra=DECLARED), "utf-8")
    result = build(cli, root, tmp_path / "out")
    assert result.code == 1, result.out + result.err
    assert "enrolment.pdf:1:1: PV001" in result.out


def test_an_image_replaced_after_the_inputs_were_hashed_is_published_as_it_is_now(
    make_site, cli, tmp_path, monkeypatch
):
    root = site(make_site)
    assert build(cli, root, tmp_path / "out").code == 0
    (root / PAGE).write_text(item(title="招生通知", body=BODY, extra=DECLARED), "utf-8")
    assert build(cli, root, tmp_path / "out").code == 0  # the first build's is the spare
    path = root / IMAGE
    hash_inputs = verdict.inputs
    replacement = files.jpeg_with_gps()

    def then_replace(*args, **kwargs):
        hashed = hash_inputs(*args, **kwargs)
        path.write_bytes(replacement)
        return hashed

    monkeypatch.setattr(verdict, "inputs", then_replace)
    (root / PAGE).write_text(item(title="招生工作通知", body=BODY, extra=DECLARED), "utf-8")
    assert build(cli, root, tmp_path / "out").code == 0
    published = (tmp_path / "out/edu/media/campus.png").read_bytes()
    assert published == published_bytes(replacement, IMAGE, Limits())


def test_a_file_changed_just_before_it_is_hashed_is_not_vouched_for_by_its_status(
    make_site, monkeypatch
):
    """git's "racily clean" files: a file changed in the second before it is read may
    be changed again within the same clock tick, after the reading, keeping its status."""
    root = site(make_site)
    when = dt.date(2026, 11, 26)
    monkeypatch.setattr(verdict, "RACY_NS", 60 * 10**9)  # these files changed in that minute
    racy = verdict.inputs(root, when, Translator())
    assert racy is not None and racy.hashed[PDF][1] == ()
    monkeypatch.setattr(verdict, "RACY_NS", 0)
    settled = verdict.inputs(root, when, Translator())
    assert settled is not None and settled.hashed[PDF][1] == fingerprint((root / PDF).stat())
    assert settled.hashed[PDF][0] == racy.hashed[PDF][0]
