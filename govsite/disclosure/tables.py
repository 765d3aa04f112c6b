"""The report's tables as rows of cells with their spans, exactly as the national format
prints them; templates only loop over cells, so no label or span lives in a template."""

from __future__ import annotations

from dataclasses import dataclass

from govsite.disclosure.annual import AnnualReport
from govsite.disclosure.layout import (
    APPLICANT_HEADER,
    APPLICANT_LABELS,
    CARRIED_FORWARD,
    CARRIED_OVER,
    GRANTED,
    IDENTITY_NOTE,
    LITIGATION_LABEL,
    NEW,
    ORGANISATION_LABEL,
    OUTCOME_GROUP_LABEL,
    OUTCOME_GROUPS,
    PARTIALLY_GRANTED,
    PROACTIVE,
    RESULT_KEYS,
    RESULT_LABELS,
    REVIEW_KINDS,
    TOTAL_HANDLED,
    TOTAL_LABEL,
)


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    scope: str | None = None  # "col", "row", "colgroup", "rowgroup" for header cells
    numeric: bool = False


@dataclass(frozen=True)
class TableView:
    caption: str
    head: list[list[Cell]]
    body: list[list[Cell]]

    def row_labels(self) -> list[str]:
        return [c.text for row in self.body for c in row if c.header]


def _values(report: AnnualReport, prefix: str, values: list[int]) -> list[Cell]:
    """Cells in full (never rounded); a blank as the office printed it."""
    return [Cell(report.shown(f"{prefix}[{i}]", v), numeric=True) for i, v in enumerate(values)]


def table_two(report: AnnualReport) -> TableView:
    head = []
    body: list[list[Cell]] = []
    current_item = None
    for key, item, label, fields in PROACTIVE:
        if item != current_item:
            current_item = item
            body.append([Cell(item, colspan=4, header=True, scope="colgroup")])
            body.append(
                [Cell("信息内容", header=True, scope="col")]
                + [
                    Cell(column, header=True, scope="col", colspan=3 if len(fields) == 1 else 1)
                    for _, column in fields
                ]
            )
        values = report.proactive.get(key, {})
        cells = [
            Cell(
                report.shown(f"proactive.{key}.{name}", values.get(name, 0)),
                numeric=True,
                colspan=3 if len(fields) == 1 else 1,
            )
            for name, _ in fields
        ]
        body.append([Cell(label, header=True, scope="row"), *cells])
    return TableView("二、主动公开政府信息情况", head, body)


def table_three(report: AnnualReport) -> TableView:
    head = [
        [
            Cell(IDENTITY_NOTE, rowspan=3, colspan=3, header=True),
            Cell(APPLICANT_HEADER, colspan=7, header=True, scope="colgroup"),
        ],
        [
            Cell(APPLICANT_LABELS[0], rowspan=2, header=True, scope="col"),
            Cell(ORGANISATION_LABEL, colspan=5, header=True, scope="colgroup"),
            Cell(TOTAL_LABEL, rowspan=2, header=True, scope="col"),
        ],
        [Cell(label, header=True, scope="col") for label in APPLICANT_LABELS[1:]],
    ]

    def values(row) -> list[Cell]:
        key = ".".join(row.path)
        return _values(report, f"applications.{key}", report.row(key))

    body: list[list[Cell]] = [
        [Cell(NEW.label, colspan=3, header=True, scope="row"), *values(NEW)],
        [Cell(CARRIED_OVER.label, colspan=3, header=True, scope="row"), *values(CARRIED_OVER)],
    ]
    outcome_rows = 2 + sum(len(items) for _, _, items in OUTCOME_GROUPS) + 1
    body.append(
        [
            Cell(OUTCOME_GROUP_LABEL, rowspan=outcome_rows, header=True, scope="rowgroup"),
            Cell(GRANTED.label, colspan=2, header=True, scope="row"),
            *values(GRANTED),
        ]
    )
    body.append(
        [
            Cell(PARTIALLY_GRANTED.label, colspan=2, header=True, scope="row"),
            *values(PARTIALLY_GRANTED),
        ]
    )
    for group, group_label, items in OUTCOME_GROUPS:
        for index, (key, label) in enumerate(items):
            row = (
                [Cell(group_label, rowspan=len(items), header=True, scope="rowgroup")]
                if index == 0
                else []
            )
            path = f"{group}.{key}"
            cells = _values(report, f"applications.{path}", report.row(path))
            row += [Cell(label, header=True, scope="row"), *cells]
            body.append(row)
    body.append(
        [Cell(TOTAL_HANDLED.label, colspan=2, header=True, scope="row"), *values(TOTAL_HANDLED)]
    )
    body.append(
        [Cell(CARRIED_FORWARD.label, colspan=3, header=True, scope="row"), *values(CARRIED_FORWARD)]
    )
    return TableView("三、收到和处理政府信息公开申请情况", head, body)


def table_four(report: AnnualReport) -> TableView:
    head = [
        [
            Cell(REVIEW_KINDS[0][1], colspan=5, rowspan=2, header=True, scope="colgroup"),
            Cell(LITIGATION_LABEL, colspan=10, header=True, scope="colgroup"),
        ],
        [Cell(label, colspan=5, header=True, scope="colgroup") for _, label in REVIEW_KINDS[1:]],
        [Cell(label, header=True, scope="col") for _ in REVIEW_KINDS for label in RESULT_LABELS],
    ]
    cells = [
        Cell(report.shown(f"reviews_litigation.{kind}.{key}", value), numeric=True)
        for kind, _ in REVIEW_KINDS
        for key, value in zip(
            (*RESULT_KEYS, "total"), report.table4.get(kind, [0] * 5), strict=True
        )
    ]
    return TableView("四、政府信息公开行政复议、行政诉讼情况", head, [cells])
