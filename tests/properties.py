"""Shared pieces of the property-based tests: a sandbox site, the input strategies, and the
checks every generated site must pass (no traceback, nothing written outside the site,
deterministic output, masked personal data, no raw control characters)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import strategies as st

from govsite.build import make_portal, render_into
from govsite.config import ConfigError
from govsite.findings import Summary
from govsite.i18n import Translator
from govsite.identifiers import find_identifiers
from govsite.output import StagingWriter
from govsite.report import REPORTERS
from govsite.site import Analysis, analyse
from tests.conftest import QUIET_FRESHNESS, REPORTS, SITE_TOML, item

AS_OF = dt.date(2026, 11, 26)
ID = "11010519491231002X"
MOBILE = "13912345678"
BASE_FILES = {
    **REPORTS,
    "checks/levels.yaml": QUIET_FRESHNESS,
    "content/edu/news/a.md": item(),
    "content/gov/notice/b.md": item(
        title="关于春节放假的通知", body="[链接](../../edu/news/a.md)\n"
    ),
}
# Strings that have broken parsers before: YAML and Markdown syntax, dates, schemes, markup,
# control characters, personal numbers, full-width punctuation.
SPECIALS = [
    ID,
    MOBILE,
    "：",
    "\t",
    "---",
    "...",
    "&a",
    "*a",
    "!!python/object:os.system",
    "<<: *a",
    "2026-02-30",
    "0000-01-01",
    "9999-12-31",
    "2026年3月2日",
    "javascript:alert(1)",
    "http:casino.example/",
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "{{ 7*7 }}",
    "{% raw %}",
    "\x1b[31m",
    "\x1b]0;x\x07",
    "\u202e",
    "\x00",
    "\r\n",
    "../../../../tmp/x",
    "%2e%2e/",
    "9" * 40,
    "单元" * 30 + "12345",
    "null",
    "~",
    "[",
    "{",
    "'",
    '"',
    "\\",
    "#",
    "|",
    ">",
    "@",
    "`",
]
texts = st.one_of(
    st.text(max_size=20),
    st.sampled_from(SPECIALS),
    st.lists(st.one_of(st.text(max_size=6), st.sampled_from(SPECIALS)), max_size=5).map("".join),
)
dates = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from([dt.date(2026, 3, 2), dt.date(9999, 12, 31), dt.date(1, 1, 1)]),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**30, max_value=10**60),
    st.floats(),
    texts,
    dates,
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(texts, st.sampled_from(["a", "name", "url"])), children, max_size=4
        ),
    ),
    max_leaves=12,
)


def dump(data: object) -> str:
    """YAML text for ``data``; odd values (huge ints, NaN) are written as YAML writes them."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def mutate(text: str, edits: list[tuple[int, str, int]]) -> str:
    """Apply ``(position, insertion, deleted length)`` edits to ``text``."""
    for position, insertion, deleted in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insertion + text[at + deleted :]
    return text


edits = st.lists(
    st.tuples(st.integers(min_value=0), texts, st.integers(min_value=0, max_value=3)), max_size=4
)


class Sandbox:
    """A site in a private folder with a neighbour folder and an output beside it; each
    example changes some files, is checked, and the site is restored."""

    def __init__(self) -> None:
        self.top = Path(tempfile.mkdtemp(prefix="govsite-property-"))
        self.root = self.top / "site"
        self.neighbour = self.top / "neighbour"
        self.neighbour.mkdir()
        (self.neighbour / "secret.txt").write_text(f"TOPSECRET {ID}\n", encoding="utf-8")
        self.reset()

    def reset(self, site_toml: str = SITE_TOML) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        for name in ("out-1", "out-2"):
            shutil.rmtree(self.top / name, ignore_errors=True)
        self.write({"site.toml": site_toml, **BASE_FILES})

    def write(self, files: dict[str, str | bytes]) -> None:
        for rel, data in files.items():
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8", errors="surrogatepass")

    def outside(self) -> dict[str, bytes]:
        """Everything beside the site and its outputs (must never change)."""
        found = {}
        for path in sorted(self.top.parent.glob(f"{self.top.name}*")):
            if path != self.top:
                found[path.name] = b""
        for path in sorted(self.top.rglob("*")):
            rel = path.relative_to(self.top)
            if rel.parts[0] in ("site", "out-1", "out-2") or not path.is_file():
                continue
            found[rel.as_posix()] = path.read_bytes()
        names = sorted(p.name for p in self.top.iterdir() if p.name not in ("out-1", "out-2"))
        found["listing"] = "\n".join(names).encode()
        return found

    def cleanup(self) -> None:
        shutil.rmtree(self.top, ignore_errors=True)


def check_site(sandbox: Sandbox, *, render: bool = True, config_may_fail: bool = False) -> None:
    """Analyse (and render twice) the sandbox site and check every guarantee."""
    before = sandbox.outside()
    for lang in ("zh", "en"):
        t = Translator(lang)
        try:
            analysis = analyse(sandbox.root, AS_OF, t)
        except ConfigError as error:
            assert config_may_fail, error
            assert all(p.path for p in error.problems)
            _no_leaks("\n".join(str(p) for p in error.problems))
            return
        check_findings(analysis, t)
    if render:
        first, second = render_twice(sandbox, analysis)
        assert first == second, "two renders of one site differ"
    assert sandbox.outside() == before, "something outside the site changed"


def check_findings(analysis: Analysis, t: Translator) -> None:
    for finding in analysis.findings:
        assert finding.path and not finding.path.startswith(("/", "..")), finding
        assert finding.line is None or finding.line >= 1, finding
        assert finding.column is None or finding.column >= 1, finding
    summary = Summary.of(analysis.findings, analysis.file_count, len(analysis.publishable()))
    for name, reporter in REPORTERS.items():
        output = reporter(analysis.findings, summary, t)
        if name == "sarif":  # the rules' own documentation is not a finding
            output = json.dumps(json.loads(output)["runs"][0]["results"], ensure_ascii=False)
        _no_leaks(output)
        if name in ("text", "github"):
            assert not any(c in output for c in "\x1b\x07\x00\u202e"), output[:200]


def _no_leaks(output: str) -> None:
    """No file from beside the site, and no resident ID number a reader could pick out
    (an ID inside a longer run of digits is not one, for the detector as for a reader)."""
    assert "TOPSECRET" not in output, output[:300]
    assert not [hit for hit in find_identifiers(output) if hit.kind == "id"], output[:300]


def render_twice(sandbox: Sandbox, analysis: Analysis) -> tuple[dict, dict]:
    """The portal rendered into two fresh folders (the preview's path: pages with errors
    included), without the search index (Pagefind is exercised by the build tests)."""
    results = []
    for name in ("out-1", "out-2"):
        folder = sandbox.top / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        portal = make_portal(analysis, analysis.publishable())
        render_into(StagingWriter(folder), portal, analysis)
        results.append(
            {
                p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*"))
                if p.is_file()
            }
        )
    for files in results:
        for data in files.values():
            assert b"TOPSECRET" not in data
    return results[0], results[1]
