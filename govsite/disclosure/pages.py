"""The report pages: ``/<dept>/annual-report/<year>/`` with ``report.json`` beside it, and
the city-wide summary ``/annual-report/<year>/`` aggregating every department."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markupsafe import Markup

from govsite.disclosure.annual import AnnualReport, city_summary
from govsite.disclosure.charts import outcome_chart
from govsite.disclosure.jsonout import report_json_bytes as report_json_bytes
from govsite.disclosure.layout import SECTIONS
from govsite.disclosure.tables import TableView, table_four, table_three, table_two
from govsite.render.views import DepartmentView

ANNUAL_DIR = "annual-report"


@dataclass(frozen=True)
class ReportLink:
    year: int
    title: str
    url: str
    department: DepartmentView | None = None
    new_applications: int = 0


@dataclass(frozen=True)
class ReportView:
    title: str
    year: int
    department: DepartmentView | None
    url: str
    json_url: str
    sections: tuple[str, ...]
    overview: Markup
    problems: Markup
    other_matters: Markup
    tables: list[TableView]
    chart: Markup
    departments: list[ReportLink]  # the summary's list; empty on a department's report
    missing: list[DepartmentView]  # departments without a report (summary only)


def report_title(year: int, name: str) -> str:
    return f"{name}{year}年政府信息公开工作年度报告"


def report_path(dept_id: str | None, year: int) -> str:
    return f"{dept_id}/{ANNUAL_DIR}/{year}/" if dept_id else f"{ANNUAL_DIR}/{year}/"


def report_view(
    report: AnnualReport,
    title: str,
    department: DepartmentView | None,
    url: Callable[[str], str],
    markdown: Callable[[str], str],
    departments: list[ReportLink] | None = None,
    missing: list[DepartmentView] | None = None,
) -> ReportView:
    path = report_path(department.id if department else None, report.year)
    return ReportView(
        title=title,
        year=report.year,
        department=department,
        url=url(path),
        json_url=url(path + "report.json"),
        sections=SECTIONS,
        overview=Markup(markdown(report.overview)),
        problems=Markup(markdown(report.problems_text)),
        other_matters=Markup(markdown(report.other_matters)),
        tables=[table_two(report), table_three(report), table_four(report)],
        chart=Markup(outcome_chart(report, f"{title}：申请办理结果")),
        departments=departments or [],
        missing=missing or [],
    )


def summary_report(reports: list[AnnualReport]) -> AnnualReport:
    return city_summary(reports)


def by_year(reports: list[AnnualReport]) -> Iterator[tuple[int, list[AnnualReport]]]:
    years: dict[int, list[AnnualReport]] = {}
    for report in reports:
        years.setdefault(report.year, []).append(report)
    for year in sorted(years, reverse=True):
        yield year, sorted(years[year], key=lambda r: r.department)
