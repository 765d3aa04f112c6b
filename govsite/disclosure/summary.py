"""The city-wide summary of one year: every department's figures added up, exactly."""

from __future__ import annotations

from govsite.disclosure.model import AnnualReport


def city_summary(reports: list[AnnualReport]) -> AnnualReport:
    """All departments' figures of one year added up (integers stay integers, amounts
    keep their decimals: 12.6 + 186.42 = 199.02, never 199.01999999999998)."""
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
                target[name] = target.get(name, 0) + value
        for table, source in ((summary.table3, report.table3), (summary.table4, report.table4)):
            for key, cells in source.items():
                current = table.setdefault(key, [0] * len(cells))
                table[key] = [a + b for a, b in zip(current, cells, strict=True)]
    return summary
