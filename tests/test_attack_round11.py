"""Attack round 11: listing and catalogue pages remembered by key (d6dbca5) and the
cache prune that finds unused names in Python (8993a83).

The promise: a build with the cache writes, byte for byte and mode for mode, what a
clean ``--no-cache`` build of the same inputs writes, whatever came before. What broke:
a template saved while a run rendered was read by the renderer but not by the key the
run had taken before, so pages of the new template were remembered under the old key
(listings, and article pages too, from a build or a check); every later build with the
old template published them, the spare output keeping their bytes. The rest are the
strongest sequences tried that held."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import govsite.build
import govsite.sitework
from govsite.publish import spare_of
from tests.conftest import copy_example

AS_OF = "2026-11-26"
ITEM = "content/edu/news/2026-campus-football-league-opening.md"
PLAN = "content/gov/planning/2026-gov-office-work-plan.md"
LISTING = "templates/listing.html"
ARTICLE = "templates/item.html"
MARK = "{% block content %}"
MARKED = "{% block content %}<!-- v2 -->"
ID_NUMBER = "身份证号110101199003074514 "


def state(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file's bytes and every file's and folder's mode below ``folder``."""
    found: dict[str, tuple[bytes | None, int]] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        mode = stat.S_IMODE(path.lstat().st_mode)
        found[rel] = (None if path.is_dir() else path.read_bytes(), mode)
    return found


class Site:
    def __init__(self, cli, tmp_path: Path):
        self.cli = cli
        self.tmp = tmp_path
        self.root = copy_example(tmp_path / "site")
        self.cleans = 0

    def build(self, out: str = "out", *extra: str, as_of: str = AS_OF, code: int = 0) -> None:
        result = self.cli(
            "build", "--site", self.root, "--out", self.tmp / out, "--as-of", as_of, "-q", *extra
        )
        assert result.code == code, result.out + result.err

    def assert_clean(self, out: str = "out", *extra: str, as_of: str = AS_OF) -> None:
        """``out`` is what a clean build of the inputs as they stand writes."""
        self.cleans += 1
        clean = self.tmp / f"clean{self.cleans}"
        self.cli(
            "build", "--site", self.root, "--out", clean, "--as-of", as_of, "-q", "--no-cache",
            *extra,
        )  # fmt: skip
        got, want = state(self.tmp / out), state(clean)
        wrong = sorted(k for k in got.keys() | want.keys() if got.get(k) != want.get(k))
        assert not wrong, wrong[:10]

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text("utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ------------------------------------------------------------------ what broke


def test_a_listing_template_saved_while_a_build_renders_is_not_remembered(
    tmp_path, cli, monkeypatch
):
    """The build took its key with the old listing template and rendered its lists with
    the one saved meanwhile. Once the template is put back, the spare holds those pages
    and the key names them: every build after kept publishing the other template's
    lists (each output handing them on to the next as its spare)."""
    site = Site(cli, tmp_path)
    site.edit(LISTING, MARK, MARKED)
    site.build()  # lists of the marked template (the spare of the build after next)
    site.edit(LISTING, MARKED, MARK)
    render_lists = govsite.build.write_remembered

    def saved_meanwhile(writer, outputs, cache):
        site.edit(LISTING, MARK, MARKED)  # an editor saves while this build renders
        return render_lists(writer, outputs, cache)

    monkeypatch.setattr(govsite.build, "write_remembered", saved_meanwhile)
    site.build()
    monkeypatch.setattr(govsite.build, "write_remembered", render_lists)
    site.edit(LISTING, MARKED, MARK)  # and puts it back
    site.build()
    assert "<!-- v2 -->" not in (tmp_path / "out/columns/news/index.html").read_text("utf-8")
    site.assert_clean()
    site.edit(ITEM, "title: ", "title: 改")
    site.build()
    site.assert_clean()


def test_an_article_template_saved_while_a_build_checks_is_not_remembered(
    tmp_path, cli, monkeypatch
):
    """The same for article pages: the key of each page's work was taken before the
    article template was read; an article of the template saved meanwhile was stored
    under it, and published by every later build of the template before."""
    site = Site(cli, tmp_path)
    site.build()
    renderer = govsite.sitework.article_renderer

    def saved_meanwhile(*args, **kwargs):
        site.edit(ARTICLE, MARK, MARKED)
        return renderer(*args, **kwargs)

    monkeypatch.setattr(govsite.sitework, "article_renderer", saved_meanwhile)
    site.edit(ITEM, "title: ", "title: 改")
    site.build()
    monkeypatch.setattr(govsite.sitework, "article_renderer", renderer)
    site.edit(ARTICLE, MARKED, MARK)
    site.build()
    site.assert_clean()


def test_an_article_template_saved_while_a_check_runs_is_not_remembered(tmp_path, cli, monkeypatch):
    """A check renders the articles to warm the cache for the next build: the same key,
    taken before the template was read, must not keep what the new template gave."""
    site = Site(cli, tmp_path)
    renderer = govsite.sitework.article_renderer

    def saved_meanwhile(*args, **kwargs):
        site.edit(ARTICLE, MARK, MARKED)
        return renderer(*args, **kwargs)

    monkeypatch.setattr(govsite.sitework, "article_renderer", saved_meanwhile)
    assert cli("check", "--site", site.root, "--as-of", AS_OF, "-q").code == 0
    monkeypatch.setattr(govsite.sitework, "article_renderer", renderer)
    site.edit(ARTICLE, MARKED, MARK)
    site.build()
    site.assert_clean()


# ------------------------------------------------------------------ what held


def test_edits_reverts_moves_and_dates_keep_the_output_clean(tmp_path, cli):
    """A title edited and put back (the spare holds the edited lists), an item moved to
    another column with the same bytes and back, and a later ``--as-of`` that brings
    scheduled items onto the first pages and back."""
    site = Site(cli, tmp_path)
    site.build()
    site.edit(ITEM, "title: ", "title: 改")
    site.build()
    site.edit(ITEM, "title: 改", "title: ")
    site.build()  # its spare holds the edited lists, the key is the first build's
    site.assert_clean()
    moved = "content/edu/notice/moved.md"
    os.rename(site.root / ITEM, site.root / moved)
    site.build()
    site.assert_clean()
    os.rename(site.root / moved, site.root / ITEM)
    site.build(as_of="2026-12-31")
    site.assert_clean(as_of="2026-12-31")
    site.build()
    site.assert_clean()


def test_site_toml_templates_and_outputs_sharing_a_cache_keep_it_clean(tmp_path, cli):
    """A department renamed and named back, a macro changed and put back, and a second
    output folder built from the same cache in between."""
    site = Site(cli, tmp_path)
    site.build()
    site.edit("site.toml", 'name = "示例市教育体育局"', 'name = "示例市教育局"')
    site.build()
    site.build("other")
    site.edit("site.toml", 'name = "示例市教育局"', 'name = "示例市教育体育局"')
    site.edit("templates/macros.html", "il-date", "il-when")
    site.build()
    site.assert_clean()
    site.edit("templates/macros.html", "il-when", "il-date")
    site.build("other")
    site.assert_clean("other")
    site.build()
    site.assert_clean()


def test_withheld_blocked_and_tampered_builds_in_between_keep_it_clean(tmp_path, cli):
    """A withholding build, a blocked one, and a spare whose lists were edited (same
    size), chmod'ed and touched: none of it is published by the next build."""
    site = Site(cli, tmp_path)
    site.build()
    site.edit(ITEM, "title: ", "title: " + ID_NUMBER)
    site.build("out", "--withhold", code=1)
    site.build(code=1)  # blocked: nothing published, the spare used up
    site.edit(ITEM, "title: " + ID_NUMBER, "title: ")
    site.build()
    site.edit(ITEM, "title: ", "title: 改")
    site.build()
    spare = spare_of(tmp_path / "out")
    page = spare / "columns/notice/index.html"
    page.write_bytes(page.read_bytes().replace(b"<h1>", b"<h2>", 1))
    os.chmod(spare / "columns/news/page/2/index.html", 0o600)
    os.utime(spare / "drc/news/index.html", (0, 0))
    site.edit(ITEM, "title: 改", "title: ")
    site.build()
    site.assert_clean()


def test_a_catalogue_across_its_page_boundary_stays_clean(tmp_path, cli):
    """A department's catalogue grown past 50 entries, an entry dated onto the first
    page, one deleted so that it shrinks back to one page: each page is what a clean
    build writes."""
    site = Site(cli, tmp_path)
    text = (site.root / PLAN).read_text("utf-8")

    def plan(number: int, date: str = "2026-02-27") -> Path:
        path = site.root / f"content/gov/planning/p{number:03d}.md"
        body = text.replace("2026年工作计划", f"2026年第{number}号计划")
        body = body.replace("2026-00002", f"2026-{100 + number:05d}")
        path.write_text(body.replace("date: 2026-02-27", f"date: {date}"), encoding="utf-8")
        return path

    for number in range(44):
        plan(number)
    site.build()
    assert (tmp_path / "out/disclosure/gov/page/2/index.html").is_file()
    plan(5, "2026-11-01")
    site.build()
    site.assert_clean()
    for number in (40, 41, 42, 43):
        (site.root / f"content/gov/planning/p{number:03d}.md").unlink()
    site.build()
    assert not (tmp_path / "out/disclosure/gov/page").exists()
    site.assert_clean()


def test_forget_deletes_pending_and_committed_entries(tmp_path):
    from govsite.cache import Cache

    cache = Cache(tmp_path / "cache")
    cache.store("listing", "committed", ("a" * 64, 1))
    cache.flush()
    cache.store("listing", "pending", ("b" * 64, 2))
    cache.store("listing", "kept", ("c" * 64, 3))
    cache.forget(["listing/committed", "listing/pending", "not-a-name"])
    assert "listing/committed" not in cache.used and "listing/kept" in cache.used
    cache.flush()
    cache.close()
    again = Cache(tmp_path / "cache")
    assert again.load_many("listing", ["committed", "pending", "kept"]) == {"kept": ("c" * 64, 3)}
    again.close()
