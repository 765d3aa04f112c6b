"""The example portal's annual reports: every figure on the built page, in report.json,
in the chart and in ``govsite report annual`` exactly as the YAML writes it.

The expected cells are read from the YAML source with a plain regular expression (the
example writes every row in flow style), independently of govsite's own reader.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from govsite.cli import main
from govsite.disclosure.layout import (
    PROACTIVE,
    RESULT_KEYS,
    REVIEW_KINDS,
    TABLE_THREE_ROWS,
)
from tests.conftest import REPO
from tests.test_annual import Tables

AS_OF = "2026-11-26"
REPORTS = sorted(REPO.glob("content/*/annual-report/2025.yaml"))
ROW = re.compile(r"^\s*(?P<key>\w+):\s*(?P<value>[\[{].*?[\]}])\s*(?:#.*)?$")


def written_rows(text: str) -> dict[str, list[str]]:
    """``section.key`` → its cells as written, for every flow-style line of the file."""
    rows, parents = {}, {}
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip())
        bare = re.match(r"^\s*(\w+):\s*(?:#.*)?$", line)
        if bare:
            parents[indent] = bare.group(1)
            continue
        match = ROW.match(line)
        if match is None:
            continue
        path = [parents[i] for i in sorted(parents) if i < indent] + [match.group("key")]
        value = match.group("value")[1:-1]
        if match.group("value").startswith("{"):
            cells = dict(part.split(":", 1) for part in value.split(",") if part.strip())
            rows[".".join(path)] = {k.strip(): v.strip() for k, v in cells.items()}
        else:
            rows[".".join(path)] = [cell.strip() for cell in value.split(",")]
    return rows


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("example-reports") / "public"
    assert main(["build", "--site", str(REPO), "--out", str(out), "--as-of", AS_OF]) == 0
    return out


def expected_table_two(rows) -> list[str]:
    cells = []
    for key, *_rest, fields in PROACTIVE:
        cells += [rows.get(f"proactive.{key}", {}).get(name, "0") for name, _ in fields]
    return cells


def expected_table_three(rows, data) -> list[str]:
    """From the YAML where it gives table 三; from report.json where a CSV log does."""
    cells = []
    for row in TABLE_THREE_ROWS:
        key = ".".join(row.path)
        given = rows.get(f"applications.{key}")
        if given is None:
            cells += [str(v) for v in data["applications"]["rows"][key]]
        else:
            total = given[6] if len(given) == 7 else str(sum(int(c) for c in given))
            cells += [*given[:6], total]
    return cells


@pytest.mark.parametrize("source", REPORTS, ids=lambda p: p.parts[-3])
def test_every_figure_is_shown_as_written(public, source, capsys):
    dept = source.parts[-3]
    text = source.read_text("utf-8")
    rows = written_rows(text)
    folder = public / dept / "annual-report/2025"
    raw_json = (folder / "report.json").read_text("utf-8")
    data = json.loads(raw_json)
    parser = Tables()
    page = (folder / "index.html").read_text("utf-8")
    parser.feed(page)
    two, three, four = parser.tables

    assert two["data"] == expected_table_two(rows)
    assert three["data"] == expected_table_three(rows, data)
    reviews = []
    for kind, _ in REVIEW_KINDS:
        given = rows.get(f"reviews_litigation.{kind}", {})
        cells = [given.get(key, "0") for key in RESULT_KEYS]
        reviews += [*cells, given.get("total", str(sum(int(c) for c in cells)))]
    assert four["data"] == reviews

    fee = rows["proactive.fees"]["amount_wan_yuan"]
    assert f'"amount_wan_yuan": {fee}' in raw_json
    licensing = rows["proactive.licensing"]["decisions"]
    assert f'"decisions": {licensing}' in raw_json
    granted = data["applications"]["rows"]["granted"][6]
    assert f"予以公开{granted}件" in page and f">{granted}</text>" in page

    assert (
        main(
            [
                "report",
                "annual",
                "--year",
                "2025",
                "--dept",
                dept,
                "--site",
                str(REPO),
                "--as-of",
                AS_OF,
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert f"本年收费金额（单位：万元） {fee}" in out
    assert f"行政许可：本年处理决定数量 {licensing}" in out


def test_the_example_shows_decimals_and_blanks_as_offices_print_them():
    texts = {p.parts[-3]: p.read_text("utf-8") for p in REPORTS}
    assert "5949.088667" in texts["nr"] and "3075.4120" in texts["housing"]
    assert "{issued: /, repealed: /, in_force: /}" in texts["edu"]
    assert "total_handled:" in texts["market"]
