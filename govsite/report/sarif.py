"""SARIF 2.1.0 for code-scanning UIs; waived findings become suppressed results."""

from __future__ import annotations

from urllib.parse import quote

from govsite import __version__
from govsite.findings import Finding, Severity, Summary
from govsite.i18n import Translator
from govsite.report.json_report import dumps

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_descriptor(code: str, t: Translator) -> dict:
    from govsite.rules import RULES  # imported only for SARIF: a replayed check needs no rules

    rule = RULES[code]
    doc = rule.doc_in(t.lang)
    first = next(
        (line for line in doc.splitlines() if line and not line.startswith("#")), rule.name
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": first},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"article": rule.article},
    }


def artifact_uri(path: str) -> str:
    """``path`` (relative to the site root) as the URI reference SARIF 2.1.0 requires of
    ``artifactLocation.uri`` (RFC 3986, section 3.4): every byte but the unreserved
    characters and ``/`` percent-encoded, UTF-8 first. A file name with a space, ``#``,
    ``%`` or ``?`` was written as it is, and code-scanning UIs cut it at the ``#`` or
    ``?`` or failed on a ``%`` not followed by two hex digits; Chinese names became
    IRIs. A colon is encoded too, so ``a:b.md`` is never read as a scheme. A name that
    is not UTF-8 (carried as surrogate escapes) is encoded byte by byte, never an error;
    a backslash is part of a POSIX file name (``%5C``), never a separator."""
    try:
        data = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file name decodes to: kept, never a crash
        data = path.encode("utf-8", "surrogatepass")
    return quote(data, safe="/")


def _result(finding: Finding, index: dict[str, int]) -> dict:
    region = {}
    if finding.line is not None:
        region = {"startLine": finding.line, "startColumn": finding.column or 1}
    physical: dict = {
        "artifactLocation": {"uri": artifact_uri(finding.path), "uriBaseId": "%SRCROOT%"}
    }
    if region:
        physical["region"] = region
    result: dict = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": physical}],
        "properties": {"article": finding.article},
    }
    if finding.excerpt:
        result["properties"]["excerpt"] = finding.excerpt
    if finding.draft:
        result["properties"]["draft"] = True
    if finding.waived:
        result["suppressions"] = [{"kind": "inSource", "justification": finding.waiver_reason}]
    return result


def render(findings: list[Finding], summary: Summary, t: Translator) -> str:
    from govsite.rules import RULES

    codes = sorted(RULES)
    index = {code: position for position, code in enumerate(codes)}
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govsite",
                        "version": __version__,
                        "informationUri": "https://www.example.gov.cn/govsite/",
                        "rules": [_rule_descriptor(code, t) for code in codes],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "site root"}}},
                "results": [_result(f, index) for f in findings],
            }
        ],
    }
    return dumps(document) + "\n"
