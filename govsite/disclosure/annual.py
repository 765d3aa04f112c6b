"""Load an annual report (``<year>.yaml``, optionally ``applications-<year>.csv``), compute
every total, and find what breaks the national format's arithmetic (DS002).

The stages, one module each: :mod:`~govsite.disclosure.source` (the YAML source text:
thousands separators, empty flow slots, each scalar as written),
:mod:`~govsite.disclosure.reading` (the schema: known keys, shapes, figures),
:mod:`~govsite.disclosure.arithmetic` (the checks), :mod:`~govsite.disclosure.applog`
(the CSV log), :mod:`~govsite.disclosure.summary` and :mod:`~govsite.disclosure.jsonout`.

Every problem names the cell the way the printed report does (table, row label, column
label) plus its YAML path, with the expected and the found value.
"""

from __future__ import annotations

from pathlib import Path

from govsite.content.loader import read_site_file
from govsite.content.model import Problem
from govsite.disclosure.applog import read_log
from govsite.disclosure.arithmetic import check_table_four, check_table_three
from govsite.disclosure.jsonout import report_json
from govsite.disclosure.model import AnnualReport, LateReply, TextSection
from govsite.disclosure.reading import (
    Reader,
    read_applications,
    read_proactive,
    read_reviews,
    read_top,
)
from govsite.disclosure.source import prepare
from govsite.disclosure.summary import city_summary
from govsite.i18n import Translator
from govsite.workdays import WorkingCalendar
from govsite.yamlsource import YamlProblem, load_yaml

__all__ = [
    "AnnualReport",
    "LateReply",
    "TextSection",
    "city_summary",
    "load_report",
    "report_json",
]


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
    source = prepare(text)
    loaded = load_yaml(source.text, t)
    if isinstance(loaded, YamlProblem):
        problem = Problem("FM001", loaded.line, loaded.column, t("ds.yaml", detail=loaded.detail))
        report.problems.append((rel, problem))
        return report
    report.positions = loaded.positions
    reader = Reader(report, loaded.positions, source, t)
    if not isinstance(loaded.data, dict):
        reader.add("FM001", (), "fm.not_mapping")
        return report
    data = loaded.data
    read_top(data, reader)
    read_proactive(data.get("proactive"), reader)
    csv_rel = f"{Path(rel).parent.as_posix()}/applications-{report.year}.csv"
    if (root / csv_rel).is_file() or (root / csv_rel).is_symlink():
        if "applications" in data:
            reader.add("FM001", ("applications",), "ds.both_sources", csv=csv_rel)
        report.applications_source = csv_rel
        read_log(root, csv_rel, report, calendar, t)
    else:
        report.table3 = check_table_three(
            read_applications(data.get("applications"), reader), reader
        )
    report.table4 = check_table_four(read_reviews(data.get("reviews_litigation"), reader), reader)
    reader.leftover_rewrites()
    return report
