"""Reporters: the same findings as text, JSON, SARIF 2.1.0 or GitHub annotations (SPEC 4.1)."""

from __future__ import annotations

from collections.abc import Callable

from govsite.findings import Finding, Summary
from govsite.i18n import Translator
from govsite.report import github, json_report, sarif, text

Reporter = Callable[[list[Finding], Summary, Translator], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
}
FORMATS = tuple(REPORTERS)
