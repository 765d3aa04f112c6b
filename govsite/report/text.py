"""``path:line:col: CODE message``, one finding a line, then waivers and a summary."""

from __future__ import annotations

from govsite.findings import Finding, Summary
from govsite.i18n import Translator


def location(finding: Finding) -> str:
    if finding.line is None:
        return finding.path
    return f"{finding.path}:{finding.line}:{finding.column or 1}"


def render(findings: list[Finding], summary: Summary, t: Translator) -> str:
    lines = [f"{location(f)}: {f.rule} {f.message}" for f in findings if not f.waived]
    waived = [f for f in findings if f.waived]
    if waived:
        lines.append("")
        lines.append("豁免：" if t.lang != "en" else "waived:")
        lines += [f"  {location(f)}: {f.rule} {f.waiver_reason}" for f in waived]
    if lines:
        lines.append("")
    lines.append(
        t(
            "cli.summary",
            files=summary.files,
            pages=summary.pages,
            errors=summary.errors,
            warnings=summary.warnings,
            waived=summary.waived,
        )
    )
    if summary.drafts:
        lines.append(t("drafts.summary", count=summary.drafts))
    return "\n".join(lines) + "\n"
