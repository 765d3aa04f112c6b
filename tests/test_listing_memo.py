"""Listing and catalogue pages remembered by a key of what they show: a build with the
cache renders again only the pages that show a changed item, and its output is still
byte for byte a clean build's."""

from __future__ import annotations

import contextlib
import marshal
import sqlite3
from pathlib import Path

import pytest

from govsite.cache import CACHE_DIR, DATABASE, LISTING, wrap
from govsite.plain import encode
from govsite.render.portal import Portal
from tests.conftest import copy_example, tree_bytes

AS_OF = "2026-11-26"
CHANGED = "content/edu/news/2026-campus-football-league-opening.md"
LIST_TEMPLATES = ("listing.html", "disclosure_department.html")


@pytest.fixture
def rendered(monkeypatch) -> list[tuple[str, str]]:
    """(template, path) of every page the portal renders, in the order rendered."""
    seen: list[tuple[str, str]] = []
    original = Portal.render

    def render(self, template, path, **context):
        seen.append((template, path))
        return original(self, template, path, **context)

    monkeypatch.setattr(Portal, "render", render)
    return seen


def build(cli, root: Path, out: Path, *extra: str) -> None:
    result = cli("build", "--site", root, "--out", out, "--as-of", AS_OF, "-q", *extra)
    assert result.code == 0, result.out + result.err


def lists(seen: list[tuple[str, str]]) -> set[str]:
    return {path for template, path in seen if template in LIST_TEMPLATES}


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_item_renders_only_the_lists_that_show_it(tmp_path, cli, rendered):
    root = copy_example(tmp_path / "site")
    out = tmp_path / "out"
    build(cli, root, out)
    every = lists(rendered)
    assert len(every) > 40  # every column of every department, the catalogues
    rendered.clear()
    build(cli, root, out)  # the no-op build renders nothing at all
    assert rendered == []

    edit(root, CHANGED, "开幕", "隆重开幕")
    build(cli, root, out)  # the output is kept beside the new one: the next build's start
    edit(root, CHANGED, "title: ", "title: 【更新】")
    rendered.clear()
    build(cli, root, out)
    again = lists(rendered)
    # The edu news listing, the city-wide news listing (first pages: the item is recent)
    assert {"edu/news/index.html", "columns/news/index.html"} <= again
    assert not any(path.startswith(("gov/", "drc/", "columns/notice/")) for path in again)
    assert len(again) <= 4 < len(every)

    build(cli, root, tmp_path / "clean", "--no-cache")
    assert tree_bytes(out) == tree_bytes(tmp_path / "clean")
    assert "【更新】" in (out / "edu/news/index.html").read_text("utf-8")


def test_site_toml_and_templates_render_every_list_again(tmp_path, cli, rendered):
    root = copy_example(tmp_path / "site")
    out = tmp_path / "out"
    build(cli, root, out)
    every = lists(rendered)

    edit(root, "site.toml", 'name = "示例市教育体育局"', 'name = "示例市教育和体育局"')
    rendered.clear()
    build(cli, root, out)
    assert lists(rendered) == every
    assert "示例市教育和体育局" in (out / "edu/news/index.html").read_text("utf-8")

    edit(root, "templates/listing.html", "{% block content %}", "{% block content %}<!-- v2 -->")
    rendered.clear()
    build(cli, root, out)
    assert {p for t, p in rendered if t == "listing.html"} == {
        p for p in every if not p.startswith("disclosure/")
    }
    build(cli, root, tmp_path / "clean", "--no-cache")
    assert tree_bytes(out) == tree_bytes(tmp_path / "clean")


def test_a_wrong_remembered_digest_is_not_trusted(tmp_path, cli):
    """An entry that names other bytes (sealed as the cache seals them, so only the
    file it describes can tell) leaves a page rendered, not a stale one kept."""
    root = copy_example(tmp_path / "site")
    out = tmp_path / "out"
    build(cli, root, out)
    build(cli, root, out)  # the spare now holds this output too
    with contextlib.closing(sqlite3.connect(root / CACHE_DIR / DATABASE)) as db, db:
        keys = [k for (k,) in db.execute("SELECT key FROM entries WHERE kind = ?", (LISTING,))]
        assert keys
        for key in keys:
            payload = marshal.dumps(encode(("0" * 64, 10)))
            db.execute(
                "UPDATE entries SET value = ? WHERE kind = ? AND key = ?",
                (wrap(LISTING, key, payload), LISTING, key),
            )
    edit(root, CHANGED, "title: ", "title: 【更新】")
    build(cli, root, out)
    build(cli, root, tmp_path / "clean", "--no-cache")
    assert tree_bytes(out) == tree_bytes(tmp_path / "clean")


def test_a_withholding_build_renders_its_lists(tmp_path, cli, rendered):
    """With items withheld, links to them become text in what is shown: nothing is
    taken by key, and the output is still a clean build's."""
    root = copy_example(tmp_path / "site")
    out = tmp_path / "out"
    build(cli, root, out)
    edit(root, CHANGED, "title: ", "title: 身份证号110101199003074514 ")
    rendered.clear()
    result = cli("build", "--site", root, "--out", out, "--as-of", AS_OF, "-q", "--withhold")
    assert result.code == 1, result.out + result.err
    assert "edu/news/index.html" in lists(rendered)
    result = cli(
        "build", "--site", root, "--out", tmp_path / "clean", "--as-of", AS_OF, "-q",
        "--withhold", "--no-cache",
    )  # fmt: skip
    assert tree_bytes(out) == tree_bytes(tmp_path / "clean")
