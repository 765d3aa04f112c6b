"""Every rule against its fixture: flagged lines carry a marker, look-alikes carry none.

A fixture is ``tests/fixtures/rules/<CODE>.md`` (a content file, placed at
``content/edu/news/fixture.md`` unless its front matter says ``# fixture-path: …``) or a
folder ``tests/fixtures/rules/<CODE>/`` laid over the base site. Markers:
``<!-- expect: CODE -->`` on a body line, ``# expect: CODE`` on a front-matter or TOML
line, ``# expect-unlocated: CODE`` for a finding without a line; ``@path`` after the code puts
the expected finding on another path (a file that should exist), ``@path:LINE`` at a line
of it (binary attachments list theirs in ``expectations.txt``). Markers are removed
before the check runs, so they never trigger AD003 themselves. A line
``# generate: PATH = BUILDER`` in ``expectations.txt`` writes the file a builder of
``tests/attachment_files.py`` makes (Word, Excel, PDF, images built with the real
libraries, instead of opaque binaries in the repository).

A folder fixture may hold ``history/<YYYY-MM-DD>/…``: the site becomes a git repository,
the base site is committed, then each dated snapshot is laid over it and committed on
that day (12:00 China time), oldest first; a file's markers come from its last snapshot.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from govsite.rules import RULES
from tests.attachment_files import BUILDERS
from tests.conftest import REPO

FIXTURES = Path(__file__).parent / "fixtures"
RULE_FIXTURES = FIXTURES / "rules"
MARKER = re.compile(
    r"\s*(?:<!--\s*expect(-unlocated)?:\s*([A-Z0-9, ]+?)(?:\s*@(\S+))?\s*-->"
    r"|#\s*expect(-unlocated)?:\s*([A-Z0-9, ]+?)(?:\s*@(\S+))?\s*$)"
)
EXPECTATIONS = "expectations.txt"
HISTORY = "history"
BINARY = {".docx", ".pdf", ".png"}
PLACEMENT = re.compile(r"^#\s*fixture-path:\s*(\S+)\s*$", re.MULTILINE)
GENERATE = re.compile(r"^#\s*generate:\s*(\S+)\s*=\s*(\w+)\s*$", re.MULTILINE)


def strip_markers(text: str, rel: str) -> tuple[str, set[tuple[str, str, int | None]]]:
    expected = set()
    lines = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in MARKER.finditer(line):
            unlocated = match.group(1) or match.group(4)
            where = match.group(3) or match.group(6) or rel  # "@path": a finding on another path
            at = number
            if re.search(r":\d+$", where):  # "@path:LINE": a line of a binary file (attachments)
                where, at = where.rsplit(":", 1)[0], int(where.rsplit(":", 1)[1])
            for code in re.split(r"[,\s]+", (match.group(2) or match.group(5)).strip()):
                expected.add((code, where, None if unlocated else at))
        lines.append(MARKER.sub("", line))
    return "\n".join(lines), expected


def lay_out(fixture: Path, root: Path) -> set[tuple[str, str, int | None]]:
    shutil.copytree(REPO / "checks", root / "checks")
    shutil.copytree(FIXTURES / "base", root, dirs_exist_ok=True)  # its levels.yaml quiets FR
    expected: set[tuple[str, str, int | None]] = set()
    sources = (
        [(p, p.relative_to(fixture).as_posix()) for p in sorted(fixture.rglob("*")) if p.is_file()]
        if fixture.is_dir()
        else [(fixture, None)]
    )
    sources = [(p, rel) for p, rel in sources if not (rel or "").startswith(f"{HISTORY}/")]
    for source, rel in sources:
        if rel == EXPECTATIONS:  # markers for binary files, not part of the site
            text = source.read_text("utf-8")
            expected |= strip_markers(text, rel)[1]
            for path, builder in GENERATE.findall(text):
                (root / path).parent.mkdir(parents=True, exist_ok=True)
                (root / path).write_bytes(BUILDERS[builder]())
            continue
        if source.suffix in BINARY:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, root / rel)
            continue
        text = source.read_text("utf-8")
        if rel is None:
            placement = PLACEMENT.search(text)
            rel = placement.group(1) if placement else "content/edu/news/fixture.md"
        clean, found = strip_markers(text, rel)
        expected |= found
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(clean, encoding="utf-8")
    if fixture.is_dir() and (fixture / HISTORY).is_dir():
        expected |= commit_history(fixture / HISTORY, root)
    return expected


def commit_history(history: Path, root: Path) -> set[tuple[str, str, int | None]]:
    """Commit the site as it is, then each dated snapshot on its day (see the docstring)."""
    git = ["git", "-c", "user.name=fixture", "-c", "user.email=fixture@example.invalid"]
    subprocess.run([*git, "init", "-q", str(root)], check=True)
    by_file: dict[str, set] = {}
    for snapshot in sorted(p for p in history.iterdir() if p.is_dir()):
        for source in sorted(p for p in snapshot.rglob("*") if p.is_file()):
            rel = source.relative_to(snapshot).as_posix()
            clean, found = strip_markers(source.read_text("utf-8"), rel)
            by_file[rel] = found
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(clean, encoding="utf-8")
        stamp = f"{snapshot.name}T12:00:00+08:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        subprocess.run([*git, "-C", str(root), "add", "-A"], check=True)
        subprocess.run(
            [*git, "-C", str(root), "commit", "-q", "-m", snapshot.name], check=True, env=env
        )
    return {marker for found in by_file.values() for marker in found}


def fixture_for(code: str) -> Path | None:
    for candidate in (RULE_FIXTURES / f"{code}.md", RULE_FIXTURES / code):
        if candidate.exists():
            return candidate
    return None


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_fixture(code, tmp_path, cli):
    fixture = fixture_for(code)
    assert fixture is not None, f"{code} has no fixture in tests/fixtures/rules/"
    root = tmp_path / "site"
    expected = lay_out(fixture, root)
    assert any(e[0] == code for e in expected), f"{code}'s fixture marks no line for {code}"
    result = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", "json")
    assert "Traceback" not in result.err, result.err
    assert result.code in (0, 1), result.err
    document = json.loads(result.out)
    found = {(f["rule"], f["path"], f["line"]) for f in document["findings"]}
    assert sorted(found, key=str) == sorted(expected, key=str)


def test_every_rule_is_documented():
    for rule in RULES.values():
        assert re.fullmatch(r"[A-Z]{2}\d{3}", rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name), rule.name
        assert rule.article, rule.code
        for lang, headings in (
            ("zh", ("## 查什么", "## 为什么", "## 示例", "## 应改为")),
            ("en", ("## What it finds", "## Why", "## Example", "## Instead")),
        ):
            doc = rule.doc_in(lang)
            for heading in headings:
                assert heading in doc, (rule.code, heading)
