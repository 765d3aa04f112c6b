"""``govsite report annual`` as plain text: every table row with its label, as printed,
every figure in full (``3985758``, ``5949.088667``), blanks as the office wrote them."""

from __future__ import annotations

import unicodedata

from govsite.disclosure.layout import (
    APPLICANT_LABELS,
    PROACTIVE,
    RESULT_KEYS,
    RESULT_LABELS,
    REVIEW_KINDS,
    SECTIONS,
    TABLE_THREE_ROWS,
    TOTAL_LABEL,
)
from govsite.disclosure.model import AnnualReport

BLANK = "（空白）"  # a cell left empty, where a label precedes it


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def report_text(report: AnnualReport, title: str) -> str:
    lines = [title, "=" * _width(title), "", SECTIONS[0], report.overview.strip(), "", SECTIONS[1]]
    for key, item, label, fields in PROACTIVE:
        values = report.proactive.get(key, {})
        cells = "，".join(
            f"{column} {report.shown(f'proactive.{key}.{name}', values.get(name, 0)) or BLANK}"
            for name, column in fields
        )
        lines.append(f"  {item} {label}：{cells}")
    lines += ["", SECTIONS[2], "  " + " | ".join([*APPLICANT_LABELS, TOTAL_LABEL])]
    rows = []
    for row in TABLE_THREE_ROWS:
        key = ".".join(row.path)
        cells = [report.shown(f"applications.{key}[{i}]", v) for i, v in enumerate(report.row(key))]
        rows.append((cells, row.full_label))
    width = max([4, *(len(cell) for cells, _ in rows for cell in cells)])
    for cells, label in rows:
        lines.append("  " + " ".join(f"{cell:>{width}}" for cell in cells) + f"  {label}")
    lines += ["", SECTIONS[3]]
    for kind, label in REVIEW_KINDS:
        values = report.table4.get(kind, [0] * 5)
        cells = [
            report.shown(f"reviews_litigation.{kind}.{key}", value) or BLANK
            for key, value in zip((*RESULT_KEYS, "total"), values, strict=True)
        ]
        lines.append(
            f"  {label}："
            + "，".join(f"{c} {v}" for c, v in zip(RESULT_LABELS, cells, strict=True))
        )
    lines += [
        "",
        SECTIONS[4],
        report.problems_text.strip(),
        "",
        SECTIONS[5],
        report.other_matters.strip(),
        "",
    ]
    return "\n".join(lines)
