"""The JSON report of SPEC 4.1 (``version: 1``); waived findings are listed apart."""

from __future__ import annotations

import json

from govsite.findings import Finding, Summary
from govsite.i18n import Translator
from govsite.report.text import SURROGATE


def dumps(document: object) -> str:
    """``document`` as JSON text that is valid UTF-8 whatever it holds: Chinese as it is,
    and a file name that is not UTF-8 (a GBK name from a zip made on Windows, carried as
    surrogate escapes) as ``\\udcXX`` escapes, which JSON readers accept (``json.loads``
    gives the name back). Written raw, those were bytes that are not UTF-8 (no JSON
    reader took the document), or a UnicodeEncodeError where stdout is strict UTF-8."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def finding_dict(finding: Finding) -> dict:
    """A finding as SPEC 4.1 lists it; ``"draft": true`` is added for a finding on a draft
    (pending: it blocks the item's approval, not the build)."""
    document = {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
        "article": finding.article,
        "excerpt": finding.excerpt,
    }
    if finding.draft:
        document["draft"] = True
    return document


def render(findings: list[Finding], summary: Summary, t: Translator) -> str:
    document = {
        "version": 1,
        "summary": {
            "files": summary.files,
            "pages": summary.pages,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "waived": summary.waived,
        },
        "findings": [finding_dict(f) for f in findings if not f.waived],
        "waivers": [{**finding_dict(f), "reason": f.waiver_reason} for f in findings if f.waived],
    }
    return dumps(document) + "\n"
