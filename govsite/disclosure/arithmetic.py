"""The national format's arithmetic over what a report printed (DS002).

Every printed total is checked against the figures directly beneath it *as printed*, so a
finding lands on the row whose sum disagrees:

* a row's 总计 = its six applicant columns;
* a group's printed subtotal (``withheld.total``) = its sub-rows, column by column;
* （七）总计 = （一）+（二）+ each group (its printed subtotal, else its sub-rows);
* per column, 一 + 二 = 三（七）总计 + 四 (the format's own note);
* table 四: each 总计 = 维持 + 纠正 + 其他 + 尚未审结.

A total that is not printed is computed. **Blank rule**: a blank cell counts as 0; where 0
breaks an equation and the blank is its only blank cell, the blank hides a number: a
warning names it (``留空，应为 3``); otherwise the equation's error stands.
"""

from __future__ import annotations

from dataclasses import dataclass

from govsite.disclosure.figures import Figure
from govsite.disclosure.layout import (
    CARRIED_FORWARD,
    CARRIED_OVER,
    COLUMN_LABELS,
    GRANTED,
    NEW,
    OUTCOME_GROUPS,
    OUTCOME_ROWS,
    PARTIALLY_GRANTED,
    RESULT_KEYS,
    RESULT_LABELS,
    REVIEW_KINDS,
    TOTAL_HANDLED,
)
from govsite.disclosure.reading import Reader, RowInput, TableThreeInput, dotted
from govsite.findings import Severity

COLUMNS = range(6)
LABELS = {
    ".".join(row.path): row.full_label
    for row in (NEW, CARRIED_OVER, *OUTCOME_ROWS, TOTAL_HANDLED, CARRIED_FORWARD)
}
Reviews = dict[str, tuple[list[Figure], Figure | None]]


@dataclass(frozen=True)
class Term:
    """A term of an equation: its value, and the printed cell it came from, if any."""

    value: int
    figure: Figure | None = None
    path: tuple = ()
    cell: str = ""

    @property
    def blank(self) -> bool:
        return self.figure is not None and self.figure.blank


def balance(
    reader: Reader, left: list[Term], right: list[Term], blame: Term, key: str, **params
) -> None:
    """Check Σ left = Σ right; report at ``blame``, or at the blank that hides a number.

    A blank ``blame`` is a total left unprinted: a warning gives the number it hides. A
    single blank elsewhere that a positive number would settle is a warning too.
    """
    terms = [*left, *right]
    if any(t.figure is not None and t.figure.invalid for t in terms):
        return  # already reported as unreadable
    difference = sum(t.value for t in left) - sum(t.value for t in right)
    if difference == 0:
        return
    blanks = [t for t in terms if t.blank]
    hidden = blame if blame.blank else (blanks[0] if len(blanks) == 1 else None)
    if hidden is not None:
        needed = hidden.value + (-difference if any(t is hidden for t in left) else difference)
        if needed > 0:
            reader.add(
                "DS002",
                hidden.path,
                "ds.blank_hides",
                Severity.WARNING,
                cell=hidden.cell,
                path=dotted(hidden.path),
                written=hidden.figure.written or reader.t("ds.blank_empty"),
                needed=needed,
            )
            return
    expected = blame.value + (-difference if any(t is blame for t in left) else difference)
    found = blame.figure.shown if blame.figure is not None else str(blame.value)
    reader.add(
        "DS002",
        blame.path,
        key,
        cell=blame.cell,
        path=dotted(blame.path),
        expected=expected,
        found=found if found else reader.t("ds.blank_empty"),
        **params,
    )


def _cell(reader: Reader, label: str, column: int) -> str:
    return reader.t("ds.cell3", row=label, column=COLUMN_LABELS[column])


def _printed(row: RowInput, column: int, label: str, reader: Reader) -> Term:
    figure = row.total if column == 6 else row.cells[column]
    assert figure is not None
    return Term(int(figure.value), figure, (*row.path, column), _cell(reader, label, column))


def row_values(row: RowInput | None, label: str, reader: Reader) -> list[int]:
    """Six columns (blank = 0) and the 总计; a printed 总计 is checked against the six."""
    if row is None:
        return [0] * 7
    values = [int(c.value) for c in row.cells]
    if row.total is not None:
        parts = [_printed(row, i, label, reader) for i in COLUMNS]
        total = _printed(row, 6, label, reader)
        balance(reader, [total], parts, total, "ds.row_total")
    return [*values, sum(values)]


def check_table_three(given: TableThreeInput, reader: Reader) -> dict[str, list[int]]:
    """Table 三 with every total; each printed total checked (see the module's doc)."""
    table = {}
    for row in (NEW, CARRIED_OVER, *OUTCOME_ROWS, CARRIED_FORWARD):
        key = ".".join(row.path)
        table[key] = row_values(given.rows.get(key), row.full_label, reader)
    groups = {
        group: _group(group, label, [f"{group}.{k}" for k, _ in items], given, table, reader)
        for group, label, items in OUTCOME_GROUPS
    }
    computed: list[int] = []
    table["total_handled"] = _total_handled(given, table, groups, reader, computed)
    _identity(given, table, computed, reader)
    return table


def _term(given: TableThreeInput, table: dict, key: str, column: int, reader: Reader) -> Term:
    """Row ``key``'s cell as printed (blank = 0), or its computed value when not given."""
    row = given.rows.get(key)
    if row is not None:
        return _printed(row, column, LABELS[key], reader)
    path = ("applications", *key.split("."), column)
    return Term(table[key][column], None, path, _cell(reader, LABELS[key], column))


def _group(group, label, keys, given: TableThreeInput, table, reader: Reader) -> list[Term]:
    """The group per column as printed: its subtotal where printed, else its sub-rows."""
    sums = [sum(table[key][i] for key in keys) for i in COLUMNS]
    subtotal = given.subtotals.get(group)
    if subtotal is None:
        return [Term(value) for value in sums]
    name = f"{label}（小计）"
    row_values(subtotal, name, reader)
    terms = []
    for i in COLUMNS:
        printed = _printed(subtotal, i, name, reader)
        if group not in given.as_one_row:
            parts = [_term(given, table, key, i, reader) for key in keys]
            balance(reader, [printed], parts, printed, "ds.subtotal", label=label)
        terms.append(Term(sums[i]) if printed.blank else printed)
    return terms


def _total_handled(
    given, table, groups: dict[str, list[Term]], reader: Reader, computed: list[int]
) -> list[int]:
    """（七）总计 per column: computed, or printed and checked against （一） to （六）.
    ``computed`` receives the sums of （一） to （六）, whatever was printed."""
    printed = given.rows.get("total_handled")
    result = []
    for i in COLUMNS:
        parts = [
            _term(given, table, GRANTED.path[0], i, reader),
            _term(given, table, PARTIALLY_GRANTED.path[0], i, reader),
            *(terms[i] for terms in groups.values()),
        ]
        computed.append(sum(t.value for t in parts))
        if printed is None:
            result.append(computed[i])
            continue
        total = _printed(printed, i, TOTAL_HANDLED.label, reader)
        balance(reader, [total], parts, total, "ds.handled")
        result.append(computed[i] if total.blank or total.figure.invalid else total.value)
    if printed is not None and printed.total is not None:
        total = _printed(printed, 6, TOTAL_HANDLED.label, reader)
        parts = [Term(value) for value in result]
        balance(reader, [total], parts, total, "ds.row_total")
    return [*result, sum(result)]


def _identity(
    given: TableThreeInput, table: dict[str, list[int]], computed: list[int], reader: Reader
) -> None:
    """Per column: 一 + 二 = 三（七）总计 + 四 (the format's own note). A printed 总计
    that is not the sum of its rows is reported once (ds.handled): when the identity
    holds with the sum, 四 is right and is not reported too (the officer would otherwise
    "correct" it and go back and forth between the two cells)."""
    printed = given.rows.get("total_handled")
    for i in COLUMNS:
        new = _term(given, table, "new", i, reader)
        carried = _term(given, table, "carried_over", i, reader)
        handled = Term(table["total_handled"][i])
        forward = _term(given, table, "carried_forward", i, reader)
        if printed is not None and not printed.cells[i].blank:
            handled = Term(handled.value, printed.cells[i])
            if handled.value != computed[i] and new.value + carried.value == (
                computed[i] + forward.value
            ):
                continue
        balance(
            reader,
            [new, carried],
            [handled, forward],
            forward,
            "ds.identity",
            new=new.value,
            carried=carried.value,
            handled=handled.value,
        )


def check_table_four(given: Reviews, reader: Reader) -> dict[str, list[int]]:
    """Each kind's four results and 总计, a printed 总计 checked against the four."""
    table = {}
    for kind, label in REVIEW_KINDS:
        cells, total = given.get(kind, ([Figure(0, "0")] * 4, None))
        values = [int(c.value) for c in cells]
        if total is not None:
            path = ("reviews_litigation", kind)
            parts = [
                Term(int(c.value), c, (*path, key), reader.t("ds.cell4", kind=label, column=column))
                for c, key, column in zip(cells, RESULT_KEYS, RESULT_LABELS, strict=False)
            ]
            cell = reader.t("ds.cell4", kind=label, column=RESULT_LABELS[4])
            printed = Term(int(total.value), total, (*path, "total"), cell)
            balance(reader, [printed], parts, printed, "ds.review_total")
        table[kind] = [*values, sum(values)]
    return table
