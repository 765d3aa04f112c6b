"""Cross-year consistency of table 二 (DS008): documents in force last year, plus those
issued, minus those repealed this year, should be the documents in force this year.

The national format states no such identity (a document may also lapse when its term
ends), so a difference is a warning that asks for an explanation, never an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from govsite.disclosure.figures import Number, format_number
from govsite.disclosure.layout import PROACTIVE
from govsite.disclosure.model import AnnualReport

IN_FORCE_ROWS = tuple((key, label) for key, _, label, fields in PROACTIVE if len(fields) == 3)


@dataclass(frozen=True)
class Shown:
    text: str  # the figure in full, or what was printed in a blank cell
    blank: bool = False


@dataclass(frozen=True)
class InForceGap:
    key: str  # "regulations", "normative_documents"
    label: str  # 规章, 行政规范性文件
    expected: Number
    found: Shown
    previous: Shown
    issued: Shown
    repealed: Shown
    line: int | None


def in_force_gaps(report: AnnualReport, previous: AnnualReport) -> Iterator[InForceGap]:
    """The rows whose 现行有效件数 does not follow from last year's report."""
    for key, label in IN_FORCE_ROWS:
        cells = {
            "previous": (previous, "in_force"),
            "issued": (report, "issued"),
            "repealed": (report, "repealed"),
            "found": (report, "in_force"),
        }
        if any(
            key not in source.proactive or f"proactive.{key}.{name}" in source.unreadable
            for source, name in cells.values()
        ):
            continue  # unreadable figures are DS002's business
        value = {role: source.proactive[key][name] for role, (source, name) in cells.items()}
        expected = value["previous"] + value["issued"] - value["repealed"]
        if expected == value["found"]:
            continue
        shown = {
            role: _shown(source, f"proactive.{key}.{name}", value[role])
            for role, (source, name) in cells.items()
        }
        yield InForceGap(
            key,
            label,
            expected,
            shown["found"],
            shown["previous"],
            shown["issued"],
            shown["repealed"],
            report.line_of("proactive", key, "in_force"),
        )


def _shown(report: AnnualReport, cell: str, value: Number) -> Shown:
    if report.is_blank(cell):
        return Shown(report.written[cell], blank=True)
    return Shown(format_number(value))
