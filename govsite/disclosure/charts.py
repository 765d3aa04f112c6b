"""SVG charts of the application outcomes: readable without JavaScript, described for
screen readers, deterministic (no randomness, no clock)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from govsite.disclosure.annual import AnnualReport
from govsite.disclosure.layout import OUTCOME_GROUPS

BAR_COLOUR = "#b31b1b"


def outcome_counts(report: AnnualReport) -> list[tuple[str, int]]:
    """(label, total over all applicants) for each outcome group, then carried forward."""
    counts = [
        ("予以公开", report.row("granted")[6]),
        ("部分公开", report.row("partially_granted")[6]),
    ]
    for group, label, items in OUTCOME_GROUPS:
        counts.append(
            (
                label.strip("（）一二三四五六"),
                sum(report.row(f"{group}.{key}")[6] for key, _ in items),
            )
        )
    counts.append(("结转下年度", report.row("carried_forward")[6]))
    return counts


def outcome_chart(report: AnnualReport, title: str) -> str:
    data = outcome_counts(report)
    largest = max((value for _, value in data), default=0) or 1
    label_width, bar_width, row_height = 96, 360, 30
    height = row_height * len(data) + 16
    description = "；".join(f"{label}{value}件" for label, value in data)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {label_width + bar_width + 60} {height}" '
        f'role="img" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    for index, (label, value) in enumerate(data):
        y = 8 + index * row_height
        width = round(bar_width * value / largest)
        parts += [
            f'<text x="{label_width - 8}" y="{y + 19}" text-anchor="end" font-size="14" fill="#222">{escape(label)}</text>',
            f'<rect x="{label_width}" y="{y + 4}" width="{max(width, 1)}" height="20" fill="{BAR_COLOUR}"/>',
            f'<text x="{label_width + width + 6}" y="{y + 19}" font-size="14" fill="#222">{value}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)
