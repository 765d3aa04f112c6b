"""``path:line:col: CODE message``, one finding a line, then waivers and a summary."""

from __future__ import annotations

import re

from govsite.findings import Finding, Summary
from govsite.i18n import Translator

# C0 and C1 controls, DEL, bidirectional overrides and isolates, line/paragraph separators:
# from content they could recolour, retitle or rewrite a terminal, or reorder what it shows.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\u202e``)."""
    return _UNPRINTABLE.sub(_escape, text)


# a file name's byte that is not UTF-8, as Python carries it (surrogate escapes)
SURROGATE = re.compile("[\ud800-\udfff]")


def undecodable_shown(text: str) -> str:
    """``text`` with each byte of a file name that is not UTF-8 (a surrogate escape) shown
    as ``\\xNN``: for files that must be UTF-8 (the dashboard), where such a name ended
    the run in a UnicodeEncodeError."""
    return SURROGATE.sub(_byte, text)


def _byte(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def location(finding: Finding) -> str:
    if finding.line is None:
        return finding.path
    return f"{finding.path}:{finding.line}:{finding.column or 1}"


def render(findings: list[Finding], summary: Summary, t: Translator) -> str:
    lines = [printable(f"{location(f)}: {f.rule} {f.message}") for f in findings if not f.waived]
    waived = [f for f in findings if f.waived]
    if waived:
        lines.append("")
        lines.append("豁免：" if t.lang != "en" else "waived:")
        lines += [printable(f"  {location(f)}: {f.rule} {f.waiver_reason}") for f in waived]
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
