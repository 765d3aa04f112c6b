"""Load an annual report (``<year>.yaml``, optionally ``applications-<year>.csv``), compute
every total, and find what breaks the national format's arithmetic (DS002).

Every problem names the cell the way the printed report does (table, row label, column
label) plus its YAML path, with the expected and the found value, so a department can
fix the figure without reading the format again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govsite.content.loader import read_site_file
from govsite.content.model import Problem
from govsite.disclosure.layout import (
    APPLICANT_KEYS,
    CARRIED_FORWARD,
    CARRIED_OVER,
    COLUMN_LABELS,
    NEW,
    OUTCOME_GROUPS,
    OUTCOME_KEYS,
    OUTCOME_ROWS,
    PROACTIVE,
    RESULT_KEYS,
    RESULT_LABELS,
    REVIEW_KINDS,
    TABLE_THREE_ROWS,
    TOTAL_HANDLED,
    Row,
)
from govsite.i18n import Translator
from govsite.safepath import is_regular
from govsite.workdays import UnknownYear, WorkingCalendar
from govsite.yamlsource import YamlProblem, checked_date, load_yaml

REPLY_LIMIT = 20  # working days (条例第三十三条)
EXTENSION = 20
CSV_COLUMNS = ("id", "received", "applicant_type", "outcome", "closed")
TOP_KEYS = (
    "year",
    "overview",
    "proactive",
    "applications",
    "reviews_litigation",
    "problems",
    "other_matters",
)


@dataclass(frozen=True)
class LateReply:
    application: str
    line: int
    working_days: int
    limit: int


@dataclass
class AnnualReport:
    """One department's report for one year, with every total computed."""

    path: str  # content/<dept>/annual-report/<year>.yaml
    department: str
    year: int
    overview: str = ""
    problems_text: str = ""
    other_matters: str = ""
    proactive: dict[str, dict[str, float]] = field(default_factory=dict)
    table3: dict[str, list[int]] = field(default_factory=dict)  # row key -> 6 columns + 总计
    table4: dict[str, list[int]] = field(default_factory=dict)  # kind -> 4 results + 总计
    applications_source: str = "yaml"  # or the CSV's path
    problems: list[tuple[str, Problem]] = field(default_factory=list)  # (path, problem)
    late_replies: list[LateReply] = field(default_factory=list)
    unknown_years: set[int] = field(default_factory=set)
    positions: dict = field(default_factory=dict)

    def line_of(self, *path: str | int) -> int | None:
        while path:
            if path in self.positions:
                return self.positions[path][0]
            path = path[:-1]
        return None

    @property
    def arithmetic_ok(self) -> bool:
        return not any(p.rule in ("DS002", "FM001") for _, p in self.problems)

    def row(self, key: str) -> list[int]:
        return self.table3.get(key, [0] * 7)


class _Reader:
    def __init__(self, report: AnnualReport, positions: dict, t: Translator):
        self.report = report
        self.positions = positions
        self.t = t

    def where(self, *path: str | int) -> tuple[int, int]:
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return (1, 1)

    def add(self, rule: str, where: tuple, key: str, /, **params: Any) -> None:
        line, column = self.where(*where)
        self.report.problems.append(
            (self.report.path, Problem(rule, line, column, self.t(key, **params)))
        )

    def mapping(self, value: Any, name: str) -> bool:
        """Whether a section is a mapping; FM001 naming it otherwise."""
        if isinstance(value, dict):
            return True
        found = type(value).__name__
        self.add("FM001", (name,), "fm.wrong_type", field=name, expected="{…}", found=found)
        return False

    def count(self, value: Any, path: tuple, cell: str, *, decimal: bool = False) -> float | int:
        """A non-negative integer (or amount); DS002 naming the cell otherwise."""
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        if ok and (decimal or float(value).is_integer()):
            return value if decimal else int(value)
        self.add("DS002", path, "ds.not_count", cell=cell, path=_dotted(path), value=repr(value))
        return 0


def _dotted(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load_report(
    root: Path, rel: str, department: str, calendar: WorkingCalendar, t: Translator
) -> AnnualReport | None:
    """Read ``root/rel``; ``None`` when the file name is not ``<year>.yaml``."""
    stem = Path(rel).stem
    if not (stem.isdigit() and len(stem) == 4 and rel.endswith(".yaml")):
        return None
    report = AnnualReport(path=rel, department=department, year=int(stem))
    raw = read_site_file(root, rel, t)
    if isinstance(raw, Problem):
        report.problems.append((rel, raw))
        return report
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report.problems.append((rel, Problem("FM001", line, None, t("fm.not_utf8", line=line))))
        return report
    loaded = load_yaml(text, t)
    if isinstance(loaded, YamlProblem):
        problem = Problem("FM001", loaded.line, loaded.column, t("ds.yaml", detail=loaded.detail))
        report.problems.append((rel, problem))
        return report
    data = loaded.data if isinstance(loaded.data, dict) else {}
    report.positions = loaded.positions
    reader = _Reader(report, loaded.positions, t)
    if not isinstance(loaded.data, dict):
        reader.add("FM001", (), "fm.not_mapping")
        return report
    _read_top(data, reader)
    _read_proactive(data.get("proactive") or {}, reader)
    csv_rel = f"{Path(rel).parent.as_posix()}/applications-{report.year}.csv"
    if is_regular(root / csv_rel):  # a link or a FIFO is never read (discovery reports it)
        if "applications" in data:
            reader.add("FM001", ("applications",), "ds.both_sources", csv=csv_rel)
        report.applications_source = csv_rel
        _read_csv(root, csv_rel, report, calendar, t)
    else:
        _read_applications(data.get("applications") or {}, reader)
    _read_reviews(data.get("reviews_litigation") or {}, reader)
    _check_identity(report, reader)
    return report


def _read_top(data: dict, reader: _Reader) -> None:
    report = reader.report
    for key in data:
        if key not in TOP_KEYS:
            reader.add("FM001", (key,), "fm.unknown_field", field=key, hint="")
    if data.get("year") != report.year:
        reader.add("FM001", ("year",), "ds.year_mismatch", found=data.get("year"), year=report.year)
    for key, attribute in (
        ("overview", "overview"),
        ("problems", "problems_text"),
        ("other_matters", "other_matters"),
    ):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            reader.add(
                "FM001",
                (key,),
                "fm.wrong_type",
                field=key,
                expected="Markdown",
                found=type(value).__name__,
            )
        setattr(report, attribute, value if isinstance(value, str) else "")


def _read_proactive(table: Any, reader: _Reader) -> None:
    if not reader.mapping(table, "proactive"):
        return
    known = {key for key, *_ in PROACTIVE}
    for key in table:
        if key not in known:
            reader.add(
                "FM001", ("proactive", key), "fm.unknown_field", field=f"proactive.{key}", hint=""
            )
    for key, item, label, fields in PROACTIVE:
        section = table.get(key) or {}
        if not isinstance(section, dict):
            reader.add(
                "FM001",
                ("proactive", key),
                "fm.wrong_type",
                field=f"proactive.{key}",
                expected="{…}",
                found=type(section).__name__,
            )
            section = {}
        values = {}
        for name, column in fields:
            path = ("proactive", key, name)
            cell = reader.t("ds.cell2", item=item, row=label, column=column)
            values[name] = reader.count(
                section.get(name, 0), path, cell, decimal=name == "amount_wan_yuan"
            )
        reader.report.proactive[key] = values


def _read_applications(table: Any, reader: _Reader) -> None:
    if not reader.mapping(table, "applications"):
        return
    report = reader.report
    groups = {group: {key for key, _ in items} for group, _, items in OUTCOME_GROUPS}
    plain = {"new", "carried_over", "granted", "partially_granted", "carried_forward"}
    for key, value in table.items():
        if key in groups:
            for sub in value if isinstance(value, dict) else {}:
                if sub not in groups[key]:
                    reader.add(
                        "FM001",
                        ("applications", key, sub),
                        "fm.unknown_field",
                        field=f"applications.{key}.{sub}",
                        hint="",
                    )
        elif key not in plain:
            reader.add(
                "FM001",
                ("applications", key),
                "fm.unknown_field",
                field=f"applications.{key}",
                hint="",
            )
    for row in (NEW, CARRIED_OVER, *OUTCOME_ROWS, CARRIED_FORWARD):
        value: Any = table
        for part in row.path:
            value = value.get(part) if isinstance(value, dict) else None
        report.table3[".".join(row.path)] = _read_row(value, row, reader)


def _read_row(value: Any, row: Row, reader: _Reader) -> list[int]:
    path = ("applications", *row.path)
    if value is None:
        return [0] * 7
    if not isinstance(value, list) or len(value) not in (6, 7):
        reader.add("FM001", path, "ds.row_shape", path=row.yaml_path, found=repr(value)[:40])
        return [0] * 7
    cells = [
        int(
            reader.count(
                value[i],
                (*path, i),
                reader.t("ds.cell3", row=row.full_label, column=COLUMN_LABELS[i]),
            )
        )
        for i in range(6)
    ]
    total = sum(cells)
    if len(value) == 7:
        declared = reader.count(
            value[6], (*path, 6), reader.t("ds.cell3", row=row.full_label, column=COLUMN_LABELS[6])
        )
        if declared != total:
            cell = reader.t("ds.cell3", row=row.full_label, column=COLUMN_LABELS[6])
            reader.add(
                "DS002",
                (*path, 6),
                "ds.mismatch",
                cell=cell,
                path=f"{row.yaml_path}[6]",
                expected=total,
                found=declared,
            )
    return [*cells, total]


def _read_reviews(table: Any, reader: _Reader) -> None:
    if not reader.mapping(table, "reviews_litigation"):
        return
    for kind, label in REVIEW_KINDS:
        entry = table.get(kind) or {}
        path = ("reviews_litigation", kind)
        if not isinstance(entry, dict):
            reader.add(
                "FM001",
                path,
                "fm.wrong_type",
                field=_dotted(path),
                expected="{upheld, corrected, other, pending}",
                found=type(entry).__name__,
            )
            entry = {}
        for key in entry:
            if key not in (*RESULT_KEYS, "total"):
                reader.add(
                    "FM001", (*path, key), "fm.unknown_field", field=_dotted((*path, key)), hint=""
                )
        cells = [
            int(
                reader.count(
                    entry.get(key, 0),
                    (*path, key),
                    reader.t("ds.cell4", kind=label, column=RESULT_LABELS[i]),
                )
            )
            for i, key in enumerate(RESULT_KEYS)
        ]
        total = sum(cells)
        if "total" in entry and entry["total"] != total:
            cell = reader.t("ds.cell4", kind=label, column=RESULT_LABELS[4])
            reader.add(
                "DS002",
                (*path, "total"),
                "ds.mismatch",
                cell=cell,
                path=_dotted((*path, "total")),
                expected=total,
                found=entry["total"],
            )
        reader.report.table4[kind] = [*cells, total]


def _check_identity(report: AnnualReport, reader: _Reader) -> None:
    """Per column: 一 + 二 = 三（七）总计 + 四 (the format's own note)."""
    handled = [sum(report.row(key)[i] for key in OUTCOME_KEYS) for i in range(7)]
    report.table3["total_handled"] = handled
    if report.applications_source != "yaml":
        return  # computed from the log: the identity holds by construction
    for i, label in enumerate(COLUMN_LABELS):
        expected = report.row("new")[i] + report.row("carried_over")[i] - handled[i]
        found = report.row("carried_forward")[i]
        if expected != found:
            cell = reader.t("ds.cell3", row=CARRIED_FORWARD.label, column=label)
            path = ("applications", "carried_forward", min(i, 5))
            reader.add(
                "DS002",
                path,
                "ds.identity",
                cell=cell,
                path=f"{CARRIED_FORWARD.yaml_path}[{i}]",
                expected=expected,
                found=found,
                new=report.row("new")[i],
                carried=report.row("carried_over")[i],
                handled=handled[i],
            )


def _read_csv(
    root: Path, rel: str, report: AnnualReport, calendar: WorkingCalendar, t: Translator
) -> None:
    """Compute table 三 from the application log, and find late replies."""
    rows = {".".join(r.path): [0] * 6 for r in (NEW, CARRIED_OVER, *OUTCOME_ROWS, CARRIED_FORWARD)}

    def problem(where: int, key: str, /, **params: Any) -> None:
        report.problems.append((rel, Problem("FM001", where, None, t(key, **params))))

    raw = read_site_file(root, rel, t)
    if isinstance(raw, Problem):
        report.problems.append((rel, raw))
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem(1, "fm.not_utf8", line=1)
        return
    reader = csv.DictReader(io.StringIO(text))
    try:
        records = [(record, reader.line_num) for record in reader]
    except csv.Error as error:  # e.g. a field over the csv module's 128 KiB limit
        problem(reader.line_num, "safe.csv_error", detail=str(error)[:80])
        return
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        problem(1, "ds.csv_header", missing=", ".join(missing), expected=",".join(CSV_COLUMNS))
        return
    for record, line in records:
        parsed = _csv_record(record, line, problem)
        if parsed is None:
            continue
        ident, received, column, outcome, closed, extended = parsed
        if received.year > report.year or (closed is not None and closed.year < report.year):
            continue  # another year's business
        rows["new" if received.year == report.year else "carried_over"][column] += 1
        if closed is not None and closed.year == report.year:
            rows[outcome][column] += 1
            _check_deadline(report, calendar, ident, line, received, closed, extended)
        else:
            rows["carried_forward"][column] += 1
    for key, cells in rows.items():
        report.table3[key] = [*cells, sum(cells)]


def _csv_record(record: dict, line: int, problem) -> tuple | None:
    received = checked_date(record.get("received") or "")
    if not isinstance(received, dt.date):
        problem(line, "ds.csv_date", field="received", value=str(record.get("received"))[:40])
        return None
    applicant = (record.get("applicant_type") or "").strip()
    if applicant not in APPLICANT_KEYS:
        problem(
            line,
            "ds.csv_choice",
            field="applicant_type",
            value=applicant,
            choices=", ".join(APPLICANT_KEYS),
        )
        return None
    outcome = (record.get("outcome") or "").strip()
    closed_text = (record.get("closed") or "").strip()
    closed = None
    if closed_text:
        closed = checked_date(closed_text)
        if not isinstance(closed, dt.date):
            problem(line, "ds.csv_date", field="closed", value=closed_text[:40])
            return None
    if outcome and outcome not in OUTCOME_KEYS:
        problem(
            line,
            "ds.csv_choice",
            field="outcome",
            value=outcome,
            choices="granted, withheld.third_party, …",
        )
        return None
    if bool(outcome) != bool(closed):
        problem(line, "ds.csv_pending", id=record.get("id"))
        return None
    if closed is not None and closed < received:
        problem(line, "ds.csv_order", id=record.get("id"))
        return None
    extended = (record.get("extended") or "").strip().lower() in ("yes", "y", "true", "1", "是")
    return (
        (record.get("id") or "").strip(),
        received,
        APPLICANT_KEYS.index(applicant),
        outcome,
        closed,
        extended,
    )


def _check_deadline(report, calendar, ident, line, received, closed, extended) -> None:
    limit = REPLY_LIMIT + (EXTENSION if extended else 0)
    try:
        days = calendar.working_days_between(received, closed)
    except UnknownYear as unknown:
        report.unknown_years.add(unknown.year)
        return
    if days > limit:
        report.late_replies.append(LateReply(ident, line, days, limit))


def city_summary(reports: list[AnnualReport]) -> AnnualReport:
    """All departments' figures of one year added up (the city-wide summary)."""
    year = reports[0].year if reports else 0
    summary = AnnualReport(path="", department="", year=year)
    summary.overview = (
        f"本页汇总 {len(reports)} 个部门报送的 {year} 年政府信息公开工作年度报告数据，"
        "各项数字为各部门报告之和；各部门的总体情况、存在的主要问题及改进情况见各部门报告。"
    )
    for report in reports:
        for key, values in report.proactive.items():
            target = summary.proactive.setdefault(key, dict.fromkeys(values, 0))
            for name, value in values.items():
                target[name] = round(target[name] + value, 4)
        for table, source in ((summary.table3, report.table3), (summary.table4, report.table4)):
            for key, cells in source.items():
                current = table.setdefault(key, [0] * len(cells))
                table[key] = [a + b for a, b in zip(current, cells, strict=True)]
    return summary


def report_json(report: AnnualReport, department_name: str) -> dict:
    """The figures with every total computed, keyed as in the YAML (``report.json``).

    ``applications.rows`` maps each row's YAML path to its six applicant columns and the
    total; ``labels`` gives each row's label as printed; ``totals`` repeats the headline
    figures (the 总计 column of rows 一, 二, 三（七）, 四, and table 四's totals).
    """
    rows = {key: report.row(key) for key in _row_keys()}
    reviews = {kind: report.table4.get(kind, [0] * 5) for kind, _ in REVIEW_KINDS}
    return {
        "version": 1,
        "department": report.department,
        "department_name": department_name,
        "year": report.year,
        "proactive": report.proactive,
        "applications": {
            "columns": [*APPLICANT_KEYS, "total"],
            "rows": rows,
            "labels": {".".join(row.path): row.full_label for row in TABLE_THREE_ROWS},
            "source": report.applications_source,
        },
        "reviews_litigation": {"columns": [*RESULT_KEYS, "total"], **reviews},
        "totals": {
            "new": rows["new"][6],
            "carried_over": rows["carried_over"][6],
            "total_handled": rows["total_handled"][6],
            "carried_forward": rows["carried_forward"][6],
            **{kind: values[4] for kind, values in reviews.items()},
        },
    }


def _row_keys() -> list[str]:
    return [
        ".".join(row.path)
        for row in (NEW, CARRIED_OVER, *OUTCOME_ROWS, TOTAL_HANDLED, CARRIED_FORWARD)
    ]
