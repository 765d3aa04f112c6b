"""``report.json``: the figures with every total computed, numbers exact.

**Decimals in JSON.** Amounts (万元) are JSON numbers written from the decimal's own text,
digit for digit as the office wrote them (``5949.088667``, ``96171.60``, ``0.0``); counts
are integers in full. JSON allows any number of digits; to keep them all, read the file
with a decimal-aware parser (Python: ``json.loads(text, parse_float=decimal.Decimal)``).
An amount has at most 8 digits before the point and 6 after it, so a reader that turns
numbers into doubles still gets the same value back (only trailing zeros are lost).
Blank cells are 0 in the numbers; ``blank`` gives what the office printed for each.
"""

from __future__ import annotations

import json
from decimal import Decimal

from govsite.disclosure.layout import (
    APPLICANT_KEYS,
    CARRIED_FORWARD,
    CARRIED_OVER,
    NEW,
    OUTCOME_ROWS,
    RESULT_KEYS,
    REVIEW_KINDS,
    TABLE_THREE_ROWS,
    TOTAL_HANDLED,
)
from govsite.disclosure.model import AnnualReport

ROW_KEYS = tuple(
    ".".join(row.path) for row in (NEW, CARRIED_OVER, *OUTCOME_ROWS, TOTAL_HANDLED, CARRIED_FORWARD)
)


def report_json(report: AnnualReport, department_name: str) -> dict:
    """The figures keyed as in the YAML (``report.json``).

    ``applications.rows`` maps each row's YAML path to its six applicant columns and the
    total; ``labels`` gives each row's label as printed; ``totals`` repeats the headline
    figures (the 总计 column of rows 一, 二, 三（七）, 四, and table 四's totals); ``blank``
    maps each blank cell's path to what was printed there (``""``, ``"——"``, ``"/"``).
    """
    rows = {key: report.row(key) for key in ROW_KEYS}
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
        "blank": dict(sorted(report.written.items())),
    }


def dumps(value: object, indent: int = 2) -> str:
    """JSON text like ``json.dumps(value, ensure_ascii=False, indent=2)``, with decimals
    written exactly and lists of plain values kept on one line (``[12, 2, 0, 0, 1, 0, 15]``)."""
    return "".join(_encode(value, indent, 0))


def _encode(value: object, indent: int, level: int):
    if isinstance(value, dict):
        if not value:
            yield "{}"
            return
        inner, outer = " " * (indent * (level + 1)), " " * (indent * level)
        yield "{\n"
        for index, (key, item) in enumerate(value.items()):
            yield f"{inner}{json.dumps(str(key), ensure_ascii=False)}: "
            yield from _encode(item, indent, level + 1)
            yield ",\n" if index < len(value) - 1 else "\n"
        yield outer + "}"
    elif isinstance(value, list | tuple):
        if all(not isinstance(item, dict | list | tuple) for item in value):
            yield "[" + ", ".join("".join(_encode(item, indent, level)) for item in value) + "]"
            return
        inner, outer = " " * (indent * (level + 1)), " " * (indent * level)
        yield "[\n"
        for index, item in enumerate(value):
            yield inner
            yield from _encode(item, indent, level + 1)
            yield ",\n" if index < len(value) - 1 else "\n"
        yield outer + "]"
    elif isinstance(value, Decimal):
        yield format(value, "f") if value.is_finite() else "null"
    else:  # str, int, float, bool, None: the standard encoding
        yield json.dumps(value, ensure_ascii=False)


def report_json_bytes(report: AnnualReport, name: str) -> bytes:
    return (dumps(report_json(report, name)) + "\n").encode()
