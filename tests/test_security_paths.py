"""Issue 8, items 1–5: nothing outside the site (or the preview folder) is read, written or
deleted, whatever a slug, ``--slug``, ``--out``, ``--report`` or a symbolic link says;
two builds into one output never destroy each other's work."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from govsite.i18n import Translator
from govsite.integrity import verify
from govsite.serve import Preview
from tests.conftest import REPO, copy_example, ends_within, item, swap_after_discovery, tree_bytes

NEWS = "content/edu/news/a.md"
AS_OF = "2026-11-26"


def example_copy(tmp_path: Path) -> Path:
    """A fresh copy of the example portal (the repository root), as a hostile user has."""
    return copy_example(tmp_path / "portal")


def site_snapshot(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree_bytes(root).items() if not k.startswith(".govsite/")}


# ---------------------------------------------------------------- 1. serve


def test_preview_never_deletes_outside_its_folder(make_site, tmp_path):
    """A slug climbing out of the site is FM004, never a URL: editing or removing the page
    must not rmtree what the slug names."""
    victim = tmp_path / "victim"
    (victim / "keep").mkdir(parents=True)
    (victim / "keep" / "data.txt").write_text("precious", encoding="utf-8")
    out = tmp_path / "preview"
    out.mkdir()
    slug = "../../../../victim"  # out/edu/news/<slug> == tmp_path/victim
    root = make_site({NEWS: item(extra=f'slug: "{slug}"\n')})
    preview = Preview(root, out, Translator())
    preview.rebuild()
    assert preview.state.error is None
    findings = preview.live.analysis.findings
    assert any(f.rule == "FM004" and f.path == NEWS for f in findings)
    assert (out / "edu/news/a/index.html").is_file()  # published at the file's own URL
    (root / NEWS).write_text(item(body="改过的正文。\n", extra=f'slug: "{slug}"\n'), "utf-8")
    preview.rebuild({NEWS})
    (root / NEWS).unlink()
    preview.rebuild({NEWS})
    assert (victim / "keep" / "data.txt").read_text("utf-8") == "precious"
    assert not (out / "edu/news/a").exists()  # its own folder is removed


def test_remove_tree_inside_refuses_everything_but_a_folder_inside(tmp_path):
    from govsite.safepath import remove_tree_inside

    base = tmp_path / "base"
    (base / "ok").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (base / "link").symlink_to(outside, target_is_directory=True)
    for rel in ("../outside", "/tmp", "", ".", "link", "ok/../../outside", "a\x00b"):
        assert remove_tree_inside(base, rel) is False, rel
    assert outside.is_dir() and base.is_dir()
    assert remove_tree_inside(base, "ok") is True
    assert not (base / "ok").exists()


# ---------------------------------------------------------------- 2. new / import


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("关于做好秋季开学工作的通知", level=0)
    document.add_paragraph("各学校要做好开学准备工作。")
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    "slug",
    ["../../../../escape/pwned", "/tmp/pwned", "a/b", "A-Upper", "a" * 300, "page", "x\x00y"],
)
def test_import_validates_the_slug_like_new(make_site, cli, tmp_path, slug):
    root = make_site()
    before = site_snapshot(root)
    document = make_docx(tmp_path / "notice.docx")
    result = cli("import", document, "edu", "news", "--site", root, "--slug", slug)
    assert result.code == 2, result
    assert "Traceback" not in result.err and "slug" in result.err
    assert site_snapshot(root) == before
    assert not (tmp_path / "escape").exists()
    new = cli("new", "edu", "news", "标题", "--site", root, "--slug", slug)
    assert new.code == 2 and "Traceback" not in new.err
    assert site_snapshot(root) == before


def test_a_300_character_slug_is_refused_with_its_length(make_site, cli):
    root = make_site()
    result = cli("new", "edu", "news", "标题", "--site", root, "--slug", "a" * 300)
    assert result.code == 2
    assert "slug 过长（300 个字符，最多 100 个）" in result.err
    page = make_site({NEWS: item(extra=f"slug: {'b' * 300}\n")})
    check = cli("check", "--site", page, "--as-of", AS_OF)
    assert "FM004 slug 过长（300 个字符" in check.out
    assert "Traceback" not in check.err


# ---------------------------------------------------------------- 3. build --out


@pytest.mark.parametrize(
    "out",
    [
        "..",  # an ancestor of the site
        ".",  # the site itself
        "site.toml",  # an existing file, and a site input
        ".govsite",  # the audit history
        "content/edu",
        "templates",
        "checks/out",
        "/",
        "../foreign",  # an existing non-empty folder that is not a govsite output
        "../afile",
    ],
)
def test_build_refuses_an_output_that_would_destroy_something(make_site, cli, out):
    root = make_site({NEWS: item()})
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0  # history exists
    (root.parent / "foreign").mkdir(exist_ok=True)
    (root.parent / "foreign" / "photo.jpg").write_bytes(b"family photo")
    (root.parent / "afile").write_text("a file", encoding="utf-8")
    before = tree_bytes(root.parent)
    target = out if out.startswith("/") else str(root / out)
    result = cli("build", "--site", root, "--as-of", AS_OF, "--out", target)
    assert result.code == 2, result
    assert result.err.startswith("govsite: ") and "Traceback" not in result.err
    assert tree_bytes(root.parent) == before


def test_build_into_a_previous_output_or_a_new_folder_works(make_site, cli, tmp_path):
    root = make_site({NEWS: item()})
    out = tmp_path / "deploy" / "portal"
    assert cli("build", "--site", root, "--as-of", AS_OF, "--out", out).code == 0
    assert cli("build", "--site", root, "--as-of", AS_OF, "--out", out).code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("build", "--site", root, "--as-of", AS_OF, "--out", empty).code == 0


def test_report_path_is_checked_before_publishing(make_site, cli, tmp_path):
    root = make_site({NEWS: item()})
    folder = tmp_path / "reports"
    folder.mkdir()
    for report in (folder, root / "site.toml", root / "public" / "report.html"):
        result = cli("build", "--site", root, "--as-of", AS_OF, "--report", report)
        assert result.code == 2, (report, result)
        assert "Traceback" not in result.err
        assert not (root / "public").exists()  # nothing published before the refusal
    check = cli("check", "--site", root, "--as-of", AS_OF, "--report", folder)
    assert check.code == 2 and "Traceback" not in check.err


# ---------------------------------------------------------------- 4. symbolic links


def test_symlinked_csv_page_and_pack_are_never_read(make_site, cli, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:TOPSECRET\n", encoding="utf-8")
    root = make_site({NEWS: item()})
    csv = root / "content/edu/annual-report/applications-2025.csv"
    csv.symlink_to(secret)
    (root / "content/edu/news/linked.md").symlink_to(secret)
    (root / "checks/domains.yaml").symlink_to(secret)
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json")
    assert "TOPSECRET" not in result.out + result.err
    assert "Traceback" not in result.err
    assert "checks/domains.yaml" in result.err and result.code == 2  # a pack file: config
    (root / "checks/domains.yaml").unlink()
    result = cli("check", "--site", root, "--as-of", AS_OF)
    assert "TOPSECRET" not in result.out + result.err
    assert re.search(r"content/edu/annual-report/applications-2025.csv(:1:1)?: FM001", result.out)
    assert "content/edu/news/linked.md: FM001" in result.out


def test_read_regular_refuses_links_on_the_way_and_special_files(tmp_path):
    from govsite.safepath import NotRegularFile, SymlinkRefused, UnsafePath, read_regular

    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.md").write_text("ok", encoding="utf-8")
    (tmp_path / "via").symlink_to(tmp_path / "real", target_is_directory=True)
    os.mkfifo(tmp_path / "fifo.md")
    assert read_regular(tmp_path, "real/a.md") == b"ok"
    with pytest.raises(SymlinkRefused):
        read_regular(tmp_path, "via/a.md")
    with pytest.raises(NotRegularFile):
        read_regular(tmp_path, "fifo.md")  # returns at once: never blocks on the FIFO
    with pytest.raises(UnsafePath):
        read_regular(tmp_path, "../etc/passwd")


def test_a_fifo_named_like_a_page_never_hangs_check(make_site):
    root = make_site({NEWS: item()})
    os.mkfifo(root / "content/edu/news/x.md")
    result = subprocess.run(
        [sys.executable, "-m", "govsite", "check", "--site", str(root), "--as-of", AS_OF],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 1
    assert "content/edu/news/x.md: FM001" in result.stdout
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- 5. the output lock


def test_concurrent_builds_into_one_output_serialise(tmp_path):
    """Three real processes build the example portal into one output at once: all exit 0,
    the output is one complete build (verify: intact) and no staging folder is left."""
    root = example_copy(tmp_path)
    out = tmp_path / "public"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "govsite", "build", "--site", str(root), "--out", str(out)]
    processes = [
        subprocess.Popen(
            [*command, "--as-of", AS_OF], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(3)
    ]
    results = [(p.wait(timeout=300), p.stderr.read().decode()) for p in processes]
    for p in processes:
        p.stdout.close()
        p.stderr.close()
    assert [code for code, _ in results] == [0, 0, 0], results
    assert all("Traceback" not in err for _, err in results)
    check = verify(out, out / "manifest.json")
    assert check.intact, (check.added[:5], check.changed[:5], check.missing[:5])
    solo = tmp_path / "solo"
    subprocess.run([*command[:-1], str(solo), "--as-of", AS_OF], env=env, check=True)
    # One whole build, as if it had run alone (Pagefind's own output is not yet
    # deterministic, issue 8 item 15, so the search bundle and the manifest are left out).
    assert _without_search(tree_bytes(out)) == _without_search(tree_bytes(solo))
    leftovers = [
        p.name
        for p in tmp_path.iterdir()
        if p.name.startswith(".public.govsite") and not p.name.endswith("-spare")
    ]
    assert leftovers == []


def _without_search(files: dict[str, bytes]) -> dict[str, bytes]:
    return {
        k: v
        for k, v in files.items()
        if not k.startswith("search/pagefind/") and k != "manifest.json"
    }


def test_a_second_build_waits_for_the_lock(make_site, tmp_path):
    """While one process holds the lock, a build says it waits and publishes afterwards."""
    from govsite.publish import output_lock

    root = make_site({NEWS: item()})
    out = tmp_path / "public"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with output_lock(out):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "govsite",
                "build",
                "--site",
                str(root),
                "--out",
                str(out),
                "--as-of",
                AS_OF,
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = process.stderr.readline()  # printed before it blocks
        assert "另一次构建正在写入" in line
        assert not (out / "manifest.json").exists()
    assert process.wait(timeout=120) == 0
    process.stderr.close()
    assert (out / "manifest.json").is_file()


def test_symlinked_template_and_audit_folder_are_refused(make_site, cli, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    root = make_site({NEWS: item()})
    (root / "templates").mkdir()
    (root / "templates/404.html").symlink_to(secret)
    result = cli("build", "--site", root, "--as-of", AS_OF)
    assert result.code == 2 and "templates/404.html" in result.err
    assert not (root / "public").exists()
    (root / "templates/404.html").unlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".govsite").symlink_to(elsewhere, target_is_directory=True)
    result = cli("build", "--site", root, "--as-of", AS_OF)
    assert result.code == 2 and ".govsite/audit.log" in result.err
    assert list(elsewhere.iterdir()) == [] and not (root / "public").exists()


# ------------------------------------------------ files replaced after discovery

ATTACHED = {
    NEWS: item(body="详见[工作方案](../media/plan.txt)。\n"),
    "content/edu/media/plan.txt": "开学工作方案。\n",
}


@pytest.mark.parametrize("swap", ["fifo", "link"])
def test_an_attachment_replaced_after_discovery_is_never_read_through(
    make_site, tmp_path, monkeypatch, swap
):
    """Between discovery and the attachment rules, a media file may become a FIFO
    (reading it would hang the check) or a link out of the site: never read."""
    from govsite.site import RunOptions, analyse

    root = make_site(ATTACHED)
    secret = tmp_path / "secret.txt"
    secret.write_text("身份证号 TOPSECRET\n", encoding="utf-8")
    swap_after_discovery(monkeypatch, root, "content/edu/media/plan.txt", swap, secret)
    options = RunOptions(jobs=1, cache=None)
    analysis = ends_within(
        60, lambda: analyse(root, dt.date(2026, 11, 26), Translator(), options=options)
    )
    at_media = [f for f in analysis.findings if f.path == "content/edu/media/plan.txt"]
    assert any(f.rule == "AT001" and "不是普通文件" in f.message for f in at_media)
    assert all("TOPSECRET" not in f.message + (f.excerpt or "") for f in analysis.findings)


@pytest.mark.parametrize("warm", [False, True], ids=["first build", "published before"])
def test_a_media_file_replaced_by_a_link_before_publishing_stops_the_build(
    make_site, cli, tmp_path, monkeypatch, warm
):
    """Checked and found clean, then replaced by a link out of the site before it is
    published: the build stops, naming the file, and publishes nothing (also when the
    cache knows what the file was published as, and the output holds it)."""
    import govsite.build
    import govsite.verdict

    root = make_site(ATTACHED)
    if warm:
        monkeypatch.setattr(govsite.verdict, "RACY_NS", 0)  # its status vouches for it
        first = cli("build", "--site", root, "--out", tmp_path / "public", "--as-of", AS_OF)
        assert first.code == 0, first.out + first.err
        (root / NEWS).write_text(item(body="详见[方案](../media/plan.txt)。\n"), "utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET\n", encoding="utf-8")
    publish = govsite.build.publish_media

    def swap_then_publish(analysis, portal, writer, *cached):
        media = root / "content/edu/media/plan.txt"
        media.unlink()
        media.symlink_to(secret)
        publish(analysis, portal, writer, *cached)

    monkeypatch.setattr(govsite.build, "publish_media", swap_then_publish)
    out = tmp_path / "public"
    result = cli("build", "--site", root, "--out", out, "--as-of", AS_OF, "-q")
    assert result.code == 2, result.out + result.err
    assert "content/edu/media/plan.txt" in result.err and "Traceback" not in result.err
    assert not out.exists() or all(
        b"TOPSECRET" not in path.read_bytes() for path in out.rglob("*") if path.is_file()
    )
    spare = tmp_path / ".public.govsite-spare"
    assert all(b"TOPSECRET" not in p.read_bytes() for p in spare.rglob("*") if p.is_file())


def test_only_a_govsite_manifest_makes_a_folder_a_previous_output(tmp_path):
    """The end of a manifest as govsite writes it is enough; any other is parsed whole."""
    from govsite.safepath import is_govsite_output

    def folder(name: str, text: str) -> Path:
        path = tmp_path / name
        path.mkdir()
        (path / "manifest.json").write_text(text, encoding="utf-8")
        return path

    ours = '{\n "as_of": "2026-11-26",\n "files": {},\n "generator": "govsite 0.1.0",\n "version": 1\n}\n'
    assert is_govsite_output(folder("ours", ours))
    assert is_govsite_output(folder("compact", '{"generator": "govsite 0.0.9", "files": {}}'))
    assert not is_govsite_output(folder("hugo", ours.replace('"govsite 0.1.0"', '"hugo 0.1"')))
    assert not is_govsite_output(folder("tail", ours + "junk"))
    assert not is_govsite_output(folder("list", '["generator", "govsite"]'))
    assert not is_govsite_output(tmp_path / "missing")


def test_a_pipe_named_manifest_does_not_hang_the_output_check(tmp_path):
    from govsite.safepath import is_govsite_output

    (tmp_path / "out").mkdir()
    os.mkfifo(tmp_path / "out/manifest.json")
    assert ends_within(10, lambda: is_govsite_output(tmp_path / "out")) is False
