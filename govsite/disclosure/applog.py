"""The application log ``applications-<year>.csv``: table 三 computed from one row per
application, and replies past the statutory time limit (DS007).

Columns: ``id,received,applicant_type,outcome,closed`` and optionally ``extended``
(yes when an extension was approved). ``outcome`` names a row of table 三 such as
``withheld.third_party``, empty while pending; ``closed`` is empty while pending too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from govsite.content.model import Problem
from govsite.disclosure.layout import (
    APPLICANT_KEYS,
    CARRIED_FORWARD,
    CARRIED_OVER,
    NEW,
    OUTCOME_KEYS,
    OUTCOME_ROWS,
)
from govsite.disclosure.model import AnnualReport, LateReply
from govsite.i18n import Translator
from govsite.workdays import UnknownYear, WorkingCalendar
from govsite.yamlsource import checked_date

REPLY_LIMIT = 20  # working days (条例第三十三条)
EXTENSION = 20
CSV_COLUMNS = ("id", "received", "applicant_type", "outcome", "closed")


def read_log(
    root: Path, rel: str, report: AnnualReport, calendar: WorkingCalendar, t: Translator
) -> None:
    """Compute table 三 from the application log, and find late replies."""
    rows = {".".join(r.path): [0] * 6 for r in (NEW, CARRIED_OVER, *OUTCOME_ROWS, CARRIED_FORWARD)}

    def problem(where: int, key: str, /, **params: Any) -> None:
        report.problems.append((rel, Problem("FM001", where, None, t(key, **params))))

    text = _text(root / rel, problem)
    if text is not None:
        _count(text, rows, report, calendar, problem)
    for key, cells in rows.items():
        report.table3[key] = [*cells, sum(cells)]
    handled = [sum(rows[key][i] for key in OUTCOME_KEYS) for i in range(6)]
    report.table3["total_handled"] = [*handled, sum(handled)]


def _text(path: Path, problem) -> str | None:
    if path.is_symlink():
        problem(1, "ds.csv_symlink")
        return None
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        problem(1, "fm.not_utf8", line=1)
        return None


def _count(text: str, rows: dict, report: AnnualReport, calendar, problem) -> None:
    reader = csv.DictReader(io.StringIO(text))
    try:
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            problem(1, "ds.csv_header", missing=", ".join(missing), expected=",".join(CSV_COLUMNS))
            return
        header = list(reader.fieldnames or ())  # the header was read above: not None
        for record in reader:
            line = reader.line_num
            # DictReader fills a short row with None and files a long row's extra cells
            # under None: say which it is, not "received 'None'" or nothing at all.
            found = sum(record.get(name) is not None for name in header)
            found += len(record.get(None) or ())
            if found != len(header):
                problem(
                    line,
                    "ds.csv_width",
                    found=found,
                    expected=len(header),
                    columns=",".join(header),
                )
                continue
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
    except csv.Error as error:
        problem(reader.line_num + 1, "ds.csv_unreadable", detail=str(error))  # the line being read


def _csv_record(record: dict, line: int, problem) -> tuple | None:
    received = checked_date(record.get("received") or "")  # also refuses 9999-12-31
    if not isinstance(received, dt.date):
        problem(line, "ds.csv_date", field="received", value=record.get("received"))
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
            problem(line, "ds.csv_date", field="closed", value=closed_text)
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
