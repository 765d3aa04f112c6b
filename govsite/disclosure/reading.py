"""Reading ``<year>.yaml`` into figures: the schema of the national format's tables.

Every key is known (an unknown one is FM001 with a did-you-mean, in every table); every
cell is read from its source text (:mod:`govsite.disclosure.figures`); a value of the
wrong shape is explained at its line with the shape expected, never dropped. The
arithmetic over what was read lives in :mod:`govsite.disclosure.arithmetic`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govsite.content.model import Problem
from govsite.disclosure.figures import Figure, Unreadable, figure_of_value, parse_figure
from govsite.disclosure.layout import (
    COLUMN_LABELS,
    OUTCOME_GROUPS,
    PROACTIVE,
    RESULT_KEYS,
    RESULT_LABELS,
    REVIEW_KINDS,
    SECTIONS,
    TABLE_THREE_ROWS,
    Row,
)
from govsite.disclosure.model import AnnualReport, TextSection
from govsite.disclosure.source import Prepared
from govsite.findings import Severity
from govsite.i18n import Translator
from govsite.values import describe

TOP_KEYS = (
    "year",
    "overview",
    "proactive",
    "applications",
    "reviews_litigation",
    "problems",
    "other_matters",
)
TEXT_KEYS = (
    ("overview", 0, "overview"),
    ("problems", 4, "problems_text"),
    ("other_matters", 5, "other_matters"),
)
PLAIN_ROWS = (
    "new",
    "carried_over",
    "granted",
    "partially_granted",
    "total_handled",
    "carried_forward",
)
GROUPS = {group: (label, tuple(key for key, _ in items)) for group, label, items in OUTCOME_GROUPS}
SUBTOTAL = "total"  # a group's printed subtotal: withheld.total
ROWS = {".".join(row.path): row for row in TABLE_THREE_ROWS}


@dataclass(frozen=True)
class RowInput:
    """A row of table 三 as written: six cells and the printed 总计, if any."""

    key: str  # "new", "withheld.third_party", "withheld.total"
    path: tuple  # its YAML path
    cells: tuple[Figure, ...]
    total: Figure | None = None


@dataclass
class TableThreeInput:
    rows: dict[str, RowInput] = field(default_factory=dict)  # "new", "withheld.third_party" …
    subtotals: dict[str, RowInput] = field(default_factory=dict)  # group -> printed subtotal
    as_one_row: set[str] = field(default_factory=set)  # groups written as one list


def _short(text: str, width: int = 40) -> str:
    """A refused value as quoted in a message: at most ``width`` characters."""
    return text if len(text) <= width else text[:width] + "…"


def dotted(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class Reader:
    """Reads cells and reports problems at their positions."""

    def __init__(self, report: AnnualReport, positions: dict, source: Prepared, t: Translator):
        self.report = report
        self.positions = positions
        self.source = source
        self.t = t
        self.rewrites = {(r.line, r.column): r for r in source.rewrites}
        self.used: set[tuple[int, int]] = set()

    def where(self, *path: Any) -> tuple[int, int]:
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return (1, 1)

    def value_at(self, path: tuple) -> tuple[int, int] | None:
        """The position of the value at ``path`` (a mapping value or a list item)."""
        if path and isinstance(path[-1], int):
            return self.positions.get(path)
        return self.positions.get((*path, "="))

    def add(self, rule: str, where: tuple, key: str, /, severity=None, **params: Any) -> None:
        line, column = self.where(*where)
        problem = Problem(rule, line, column, self.t(key, **params), severity=severity)
        if (self.report.path, problem) not in self.report.problems:  # one cell, two equations
            self.report.problems.append((self.report.path, problem))

    def unknown(self, path: tuple, key: Any, choices) -> None:
        written = "null" if key is None else str(key).lower() if isinstance(key, bool) else key
        where = (*path, str(written))
        if isinstance(key, int | float) and not isinstance(key, bool):
            self.add("FM001", where, "ds.split_number", field=dotted(where), part=key)
            return
        hint = self.t.did_you_mean(str(key), choices)
        self.add("FM001", where, "fm.unknown_field", field=dotted(where), hint=hint)

    def known(self, table: dict, path: tuple, choices) -> None:
        for key in table:
            if key not in choices:
                self.unknown(path, key, choices)

    def mapping(self, value: Any, path: tuple, expected: str) -> bool:
        """Whether ``value`` is a mapping; FM001 saying the shape expected otherwise."""
        if isinstance(value, dict):
            return True
        found = "[…]" if isinstance(value, list) else repr(value)[:40]
        self.add("FM001", path, "ds.shape", path=dotted(path), expected=expected, found=found)
        return False

    def parse(self, value: Any, path: tuple, *, amount: bool = False) -> Figure | Unreadable:
        """The cell at ``path`` read from its source text (YAML's value when there is none)."""
        where = self.value_at(path)
        scalar = self.source.scalars.get(where) if where else None
        if isinstance(value, dict | list):
            return Unreadable("ds.not_amount" if amount else "ds.not_count", "[…]")
        if scalar is not None and scalar.style in (None, "'", '"') and value is not None:
            return parse_figure(scalar.text, amount=amount)
        return figure_of_value(value, amount=amount)

    def figure(self, value: Any, path: tuple, cell: str, *, amount: bool = False) -> Figure:
        """The cell at ``path``; blank cells remember what was written, bad ones are reported."""
        parsed = self.parse(value, path, amount=amount)
        where = self.value_at(path)
        name = dotted(path)
        if isinstance(parsed, Unreadable):
            self.report.unreadable.add(name)
            value = _short(parsed.written)
            self.add("DS002", path, parsed.reason, cell=cell, path=name, value=value)
            return Figure(0, parsed.written, invalid=True)
        if where in self.rewrites:
            self.used.add(where)
            self.add(
                "DS002",
                path,
                "ds.thousands_flow",
                Severity.WARNING,
                cell=cell,
                path=name,
                written=self.rewrites[where].written,
                value=parsed.shown,
            )
        if parsed.blank:
            self.report.written[name] = parsed.written
        return parsed

    def leftover_rewrites(self) -> None:
        """Thousands separators joined outside any cell read: still said, never silent."""
        for where, rewrite in sorted(self.rewrites.items()):
            if where not in self.used:
                problem = Problem(
                    "DS002",
                    rewrite.line,
                    rewrite.column,
                    self.t("ds.thousands_elsewhere", written=rewrite.written),
                    severity=Severity.WARNING,
                )
                self.report.problems.append((self.report.path, problem))


def read_top(data: dict, reader: Reader) -> None:
    report = reader.report
    reader.known(data, (), TOP_KEYS)
    year = reader.parse(data.get("year"), ("year",))
    if not isinstance(year, Figure) or year.blank or year.value != report.year:
        found = _short(year.written) or reader.t("ds.blank_empty")
        reader.add("FM001", ("year",), "ds.year_mismatch", found=found, year=report.year)
    texts = []
    for key, section, attribute in TEXT_KEYS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            found = describe(value, reader.t)
            reader.add(
                "FM001", (key,), "fm.wrong_type", field=key, expected="Markdown", found=found
            )
        text = value if isinstance(value, str) else ""
        setattr(report, attribute, text)
        texts.append(_text_section(key, SECTIONS[section], text, reader))
    report.texts = tuple(texts)


def _text_section(key: str, label: str, text: str, reader: Reader) -> TextSection:
    where = reader.value_at((key,))
    if where is None:
        return TextSection(key, label, text, None, None)
    scalar = reader.source.scalars.get(where)
    block = scalar is not None and scalar.style in ("|", ">")
    line, column = where
    return TextSection(
        key, label, text, line + 1 if block else line, None if block else column, block
    )


def read_proactive(table: Any, reader: Reader) -> None:
    """Table 二: six rows, each a mapping of its columns."""
    report = reader.report
    known = {key: (item, label, fields) for key, item, label, fields in PROACTIVE}
    if table is not None and reader.mapping(table, ("proactive",), "{regulations: {…}, …}"):
        reader.known(table, ("proactive",), known)
    section_of = table if isinstance(table, dict) else {}
    for key, (item, label, fields) in known.items():
        path = ("proactive", key)
        names = [name for name, _ in fields]
        row = section_of.get(key)
        shape = "{" + ", ".join(f"{name}: …" for name in names) + "}"
        if row is not None and not reader.mapping(row, path, shape):
            row = None
        row = row or {}
        reader.known(row, path, names)
        values = {}
        for name, column in fields:
            cell = reader.t("ds.cell2", item=item, row=label, column=column)
            if name in row:
                figure = reader.figure(
                    row[name], (*path, name), cell, amount=name == "amount_wan_yuan"
                )
                values[name] = figure.value
            else:
                values[name] = 0
        report.proactive[key] = values


def read_applications(table: Any, reader: Reader) -> TableThreeInput:
    """Table 三 as written: rows of six cells (a 7th, the 总计, optional), grouped rows."""
    result = TableThreeInput()
    if table is None or not reader.mapping(table, ("applications",), "{new: […], …}"):
        return result
    reader.known(table, ("applications",), (*PLAIN_ROWS, *GROUPS))
    for key in PLAIN_ROWS:
        row = _read_row(table.get(key), ("applications", key), ROWS[key], reader)
        if row is not None:
            result.rows[key] = row
    for group, (label, subs) in GROUPS.items():
        _read_group(table.get(group), group, label, subs, reader, result)
    return result


def _read_group(value, group, label, subs, reader: Reader, result: TableThreeInput) -> None:
    path = ("applications", group)
    if value is None:
        return
    if isinstance(
        value, list
    ):  # the group printed as one row, e.g. （六）其他处理 in 2019's format
        shape = ", ".join(f"{sub}: […]" for sub in subs)
        reader.add(
            "FM001",
            path,
            "ds.group_as_row",
            label=label,
            count=len(subs),
            path=dotted(path),
            shape=shape,
            last=f"{dotted(path)}.{subs[-1]}",
            subtotal=f"{dotted(path)}.{SUBTOTAL}",
        )
        row = _read_row(value, path, Row((group,), f"{label}（小计）"), reader)
        if row is not None:
            result.subtotals[group] = row
            result.as_one_row.add(group)
        return
    if not reader.mapping(value, path, "{" + ", ".join(f"{s}: […]" for s in subs) + "}"):
        return
    reader.known(value, path, (*subs, SUBTOTAL))
    for sub in subs:
        key = f"{group}.{sub}"
        row = _read_row(value.get(sub), (*path, sub), ROWS[key], reader)
        if row is not None:
            result.rows[key] = row
    if SUBTOTAL in value:
        subtotal = Row((group, SUBTOTAL), f"{label}（小计）")
        row = _read_row(value[SUBTOTAL], (*path, SUBTOTAL), subtotal, reader)
        if row is not None:
            result.subtotals[group] = row


def _read_row(value: Any, path: tuple, row: Row, reader: Reader) -> RowInput | None:
    if value is None:
        return None
    name = dotted(path)
    if not isinstance(value, list):
        found = "{…}" if isinstance(value, dict) else repr(value)[:40]
        reader.add("FM001", path, "ds.row_shape", path=name, found=found)
        return None
    if len(value) not in (6, 7):
        reader.add("FM001", path, "ds.row_length", path=name, count=len(value))
        return None
    cells = tuple(
        reader.figure(
            value[i], (*path, i), reader.t("ds.cell3", row=row.full_label, column=COLUMN_LABELS[i])
        )
        for i in range(6)
    )
    total = None
    if len(value) == 7:
        cell = reader.t("ds.cell3", row=row.full_label, column=COLUMN_LABELS[6])
        total = reader.figure(value[6], (*path, 6), cell)
    return RowInput(".".join(path[1:]), path, cells, total)


def read_reviews(table: Any, reader: Reader) -> dict[str, tuple[list[Figure], Figure | None]]:
    """Table 四: each kind's four results and its printed 总计, if any."""
    result: dict[str, tuple[list[Figure], Figure | None]] = {}
    if table is not None and reader.mapping(table, ("reviews_litigation",), "{review: {…}, …}"):
        reader.known(table, ("reviews_litigation",), [kind for kind, _ in REVIEW_KINDS])
    entries = table if isinstance(table, dict) else {}
    shape = "{" + ", ".join(f"{key}: …" for key in (*RESULT_KEYS, "total")) + "}"
    for kind, label in REVIEW_KINDS:
        path = ("reviews_litigation", kind)
        entry = entries.get(kind)
        if entry is not None and not reader.mapping(entry, path, shape):
            entry = None
        entry = entry or {}
        reader.known(entry, path, (*RESULT_KEYS, "total"))
        cells = []
        for index, key in enumerate(RESULT_KEYS):
            cell = reader.t("ds.cell4", kind=label, column=RESULT_LABELS[index])
            cells.append(
                reader.figure(entry[key], (*path, key), cell) if key in entry else Figure(0, "0")
            )
        total = None
        if "total" in entry:
            cell = reader.t("ds.cell4", kind=label, column=RESULT_LABELS[4])
            total = reader.figure(entry["total"], (*path, "total"), cell)
        result[kind] = (cells, total)
    return result
