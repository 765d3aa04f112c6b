"""The example portal of 示例市 builds clean, and its output holds together."""

from __future__ import annotations

import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from govsite.cli import main
from govsite.config import load_config
from tests.conftest import REPO

AS_OF = "2026-11-26"


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("example") / "public"
    assert (
        main(
            ["build", "--site", str(REPO), "--out", str(out), "--as-of", AS_OF, "--format", "json"]
        )
        == 0
    )
    return out


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value:
                self.references.append(value)


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text("utf-8"))
    return parser


def html_pages(public: Path) -> list[Path]:
    return sorted(public.rglob("*.html"))


def test_example_has_the_promised_size():
    config = load_config(REPO)
    assert len(config.departments) >= 10
    items = list((REPO / "content").glob("*/*/*.md"))
    assert len(items) >= 120
    assert {p.parts[-2] for p in items} >= {
        "news",
        "notice",
        "policy",
        "interpretation",
        "personnel",
        "planning",
        "guide",
        "rules",
    }


def test_example_checks_with_zero_findings(capsys):
    code = main(["check", "--site", str(REPO), "--as-of", AS_OF, "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert document["findings"] == []
    assert document["summary"]["errors"] == 0


def test_every_internal_link_resolves(public: Path):
    ids = {path: parse(path) for path in html_pages(public)}
    broken = []
    for path, parser in ids.items():
        page_url = "/" + path.relative_to(public).as_posix()
        for reference in parser.references:
            parts = urlsplit(reference)
            if parts.scheme or parts.netloc or reference.startswith("mailto:"):
                continue
            target_path = (
                posixpath.normpath(posixpath.join(posixpath.dirname(page_url), unquote(parts.path)))
                if parts.path
                else page_url
            )
            if parts.path.endswith("/"):
                target_path += "/"
            target = public / target_path.lstrip("/")
            if target_path.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page_url} -> {reference}")
                continue
            if parts.fragment and target.suffix == ".html":
                target_ids = ids.get(target) or parse(target)
                if unquote(parts.fragment) not in target_ids.ids:
                    broken.append(f"{page_url} -> {reference} (anchor)")
    assert broken == []


def test_no_script_or_raw_html_from_content(public: Path):
    for path in html_pages(public):
        text = path.read_text("utf-8").lower()
        if path.relative_to(public).as_posix() == "search/index.html":
            continue  # the search page runs the template's own Pagefind UI, nothing from content
        assert "<script" not in text, path
        assert "<iframe" not in text, path
    search = (public / "search/index.html").read_text("utf-8")
    assert search.count("<script") == 2 and "/search/pagefind/pagefind-ui.js" in search


def test_every_page_has_one_h1_and_the_page_labels(public: Path):
    for path in html_pages(public):
        text = path.read_text("utf-8")
        parser = parse(path)
        assert parser.tags.count("h1") == 1, path
        for label in ("SiteName", "SiteDomain", "SiteIDCode"):
            assert f'<meta name="{label}"' in text, (path, label)
    item = next(public.glob("edu/policy/*/index.html"))
    text = item.read_text("utf-8")
    for label in ("ColumnName", "ColumnType", "ArticleTitle", "PubDate", "ContentSource"):
        assert f'<meta name="{label}"' in text, label


def test_portal_sections_exist(public: Path):
    for path in (
        "index.html",
        "404.html",
        "sitemap.xml",
        "sitemap/index.html",
        "disclosure/index.html",
        "disclosure/edu/index.html",
        "columns/news/index.html",
        "columns/news/feed.xml",
        "edu/index.html",
        "edu/news/index.html",
        "edu/news/feed.xml",
        "assets/site.css",
        "manifest.json",
    ):
        assert (public / path).is_file(), path


def test_feeds_and_sitemap_are_well_formed_xml(public: Path):
    import xml.etree.ElementTree as ET

    for path in [public / "sitemap.xml", *public.rglob("feed.xml")]:
        ET.parse(path)
    sitemap = (public / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://www.example.gov.cn/edu/</loc>" in sitemap
