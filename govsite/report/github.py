"""GitHub Actions workflow commands: ``::error file=…,line=…::message``."""

from __future__ import annotations

from govsite.findings import Finding, Severity, Summary
from govsite.i18n import Translator
from govsite.report import text

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(value: str) -> str:
    escaped = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.printable(escaped)


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(findings: list[Finding], summary: Summary, t: Translator) -> str:
    lines = []
    for finding in findings:
        if finding.waived:
            continue
        properties = [f"file={_escape_property(finding.path)}"]
        if finding.line is not None:
            properties.append(f"line={finding.line}")
            properties.append(f"col={finding.column or 1}")
        properties.append(f"title={_escape_property(finding.rule)}")
        message = _escape_data(f"{finding.rule} {finding.message}")
        lines.append(f"::{COMMANDS[finding.severity]} {','.join(properties)}::{message}")
    summary_text = text.render([], summary, t).strip()
    lines.append(summary_text)
    return "\n".join(lines) + "\n"
