"""An XSS corpus pushed through every published field — title, summary, keywords, doc_no,
index_no, topic, repost source (name, url, title), media source and license, new-media
account names and URLs, annual-report text, the strings of ``site.toml`` — must not put
anything executable on any page: every HTML output is parsed (``html.parser``) and holds
no script but the theme's own, no event-handler attribute and no script URL; every XML and
JSON output still parses. Pages are rendered whatever their findings (as the preview
does), so the test does not lean on the rules blocking the build."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest

from govsite.build import make_portal, render_into
from govsite.i18n import Translator
from govsite.output import StagingWriter
from govsite.site import analyse
from tests.conftest import MINIMAL_REPORT, SITE_TOML, item

AS_OF = "2026-11-26"
TEXT_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)' x='",
    "</title><script>alert(1)</script>",
    "<svg/onload=alert(1)>",
    "]]></content><script>alert(1)</script>",
    "{{ 7*7 }}{% raw %}",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!--",
    "\u2028</script>\u2029",
    "javascript:alert(1)",
]
URL_PAYLOADS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    '" onclick="alert(1)',
    'https://www.gov.cn/" onclick="alert(1)',
]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")


def q(value: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(value, ensure_ascii=False)


def toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def hostile_site(root: Path, text: str, url: str) -> None:
    config = SITE_TOML
    for key in ("sponsor", "icp", "public_security", "contact"):
        config = config.replace(f"{key} = ", f"{key} = {toml(text)} #", 1)
    config = config.replace('name = "测试市教育体育局"', f"name = {toml('教育局' + text)}", 1)
    config = config.replace('title = "工作动态"', f"title = {toml('工作动态' + text)}", 1)
    config = config.replace(
        "[site]\n", f"[site]\noperator = {toml(text)}\naddress = {toml(text)}\n"
    )
    files = {
        "site.toml": config,
        "checks/levels.yaml": "levels:\n  FR001: off\n  FR002: off\n",
        "content/edu/news/a.md": item(
            title=q("标题" + text),
            extra=(
                f"summary: {q(text)}\nkeywords: [{q(text)}, 关键词]\ntopic: {q(text)}\n"
                f"doc_no: {q(text)}\nindex_no: {q(text)}\norigin: repost\n"
                f"source: {{name: {q('新华网' + text)}, url: {q(url)}, title: {q(text)}}}\n"
                f"media: [{{file: ../media/a.png, source: {q(text)}, license: {q(text)}}}]\n"
            ),
            body=f"![图]({url})\n\n[链接]({url})\n\n{text}\n\n![替代{text}](../media/a.png)\n",
        ),
        "content/edu/policy/p.md": item(title=q(text), extra=f"index_no: {q(text)}\n"),
        "content/edu/annual-report/2025.yaml": MINIMAL_REPORT.replace(
            "overview: 本年度政府信息公开工作有序开展。",
            f"overview: {q(text + ' [链接](' + url + ')')}",
        ).replace("problems: 无。", f"problems: {q(text)}"),
        "content/gov/annual-report/2025.yaml": MINIMAL_REPORT,
        "content/edu/new-media.yaml": (
            f"accounts:\n  - name: {q('测试市教育体育局' + text)}\n    platform: wechat\n"
            f"    opened: 2024-03-01\n    filed: 2024-03-06\n    url: {q(url)}\n"
        ),
    }
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8")
    (root / "content/edu/media").mkdir(parents=True, exist_ok=True)
    (root / "content/edu/media/a.png").write_bytes(b"\x89PNG\r\n\x1a\n")


class Executable(HTMLParser):
    """Collects what could run in a browser: scripts, handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in_script = True
            self.scripts.append(dict(attrs).get("src") or "")
        if tag in ("iframe", "object", "embed", "base", "frame"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}={value!r}")
            compact = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and compact.startswith(SCRIPT_SCHEMES):
                self.problems.append(f"{tag} {name}={value!r}")
            if name == "http-equiv" and (value or "").lower() == "refresh":
                self.problems.append("meta refresh")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def rendered(root: Path, out: Path) -> dict[str, bytes]:
    analysis = analyse(root, __import__("datetime").date.fromisoformat(AS_OF), Translator())
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    render_into(StagingWriter(out), make_portal(analysis, analysis.publishable()), analysis)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def executable(files: dict[str, bytes]) -> tuple[set[str], list[str]]:
    scripts: set[str] = set()
    problems: list[str] = []
    for rel, data in files.items():
        if rel.endswith(".html"):
            parser = Executable()
            parser.feed(data.decode("utf-8"))
            scripts |= set(parser.scripts)
            problems += [f"{rel}: {p}" for p in parser.problems]
        elif rel.endswith(".xml"):
            ElementTree.fromstring(data)  # an injection must not break (or extend) a feed
        elif rel.endswith(".json"):
            json.loads(data)
    return scripts, problems


@pytest.fixture(scope="module")
def theme_scripts(tmp_path_factory) -> set[str]:
    """The scripts the theme itself writes (the search page), from a harmless site."""
    root = tmp_path_factory.mktemp("clean") / "site"
    hostile_site(root, "普通文字", "https://www.gov.cn/")
    scripts, problems = executable(rendered(root, root.parent / "out"))
    assert problems == []
    return scripts


CASES = [  # every text payload, every URL payload, each at least once
    (text, URL_PAYLOADS[index % len(URL_PAYLOADS)]) for index, text in enumerate(TEXT_PAYLOADS)
]


@pytest.mark.parametrize(("text", "url"), CASES)
def test_nothing_executable_reaches_a_page(tmp_path, theme_scripts, text, url):
    root = tmp_path / "site"
    hostile_site(root, text, url)
    files = rendered(root, tmp_path / "out")
    assert "new-media/index.html" in files and "edu/news/a/index.html" in files
    assert "edu/annual-report/2025/index.html" in files
    scripts, problems = executable(files)
    assert problems == []
    assert scripts <= theme_scripts, scripts - theme_scripts
    page = files["edu/news/a/index.html"].decode("utf-8")
    assert "新华网" in page and "标题" in page  # the fields did reach the page, escaped
