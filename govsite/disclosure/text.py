"""``govsite report annual`` as plain text: every table row with its label, as printed."""

from __future__ import annotations

from govsite.disclosure.annual import AnnualReport
from govsite.disclosure.layout import (
    APPLICANT_LABELS,
    PROACTIVE,
    RESULT_LABELS,
    REVIEW_KINDS,
    SECTIONS,
    TABLE_THREE_ROWS,
    TOTAL_LABEL,
)


def report_text(report: AnnualReport, title: str) -> str:
    lines = [title, "=" * len(title), "", SECTIONS[0], report.overview.strip(), "", SECTIONS[1]]
    for key, item, label, fields in PROACTIVE:
        values = report.proactive.get(key, {})
        cells = "，".join(f"{column} {_n(values.get(name, 0))}" for name, column in fields)
        lines.append(f"  {item} {label}：{cells}")
    lines += ["", SECTIONS[2], "  " + " | ".join([*APPLICANT_LABELS, TOTAL_LABEL])]
    for row in TABLE_THREE_ROWS:
        values = " ".join(f"{v:>4}" for v in report.row(".".join(row.path)))
        lines.append(f"  {values}  {row.full_label}")
    lines += ["", SECTIONS[3]]
    for kind, label in REVIEW_KINDS:
        values = report.table4.get(kind, [0] * 5)
        lines.append(
            f"  {label}："
            + "，".join(f"{c} {v}" for c, v in zip(RESULT_LABELS, values, strict=True))
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


def _n(value: float) -> str:
    return f"{value:g}"
