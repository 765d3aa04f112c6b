"""Run the rules: page rules on each checked page, site rules once over all of them.

The engine attaches each rule's code, severity and article to what the checks found,
and applies waivers. Which pages are judged is decided here: everything a build would
publish now or later (approved items, scheduled ones included); drafts only for the
file-level FM rules, unless a preview asks for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from govsite.config import SiteConfig
from govsite.content.model import Page, Problem, Status
from govsite.findings import Finding
from govsite.i18n import Translator
from govsite.render.facts import PageFacts
from govsite.rules import RULES, PageContext, Rule, SiteContext

FILE_RULES = frozenset({"FM001", "FM002", "FM003", "FM004"})


def run_rules(
    pages: list[Page],
    facts: dict[str, PageFacts],
    config: SiteConfig,
    t: Translator,
    as_of: dt.date,
    *,
    include_drafts: bool = False,
) -> list[Finding]:
    judged = [p for p in pages if include_drafts or p.status(as_of) is not Status.DRAFT]
    by_path = {p.path: p for p in pages}
    findings: list[Finding] = []
    for rule in sorted(RULES.values(), key=lambda r: r.code):
        if rule.scope == "page":
            subjects = pages if rule.code in FILE_RULES else judged
            for page in subjects:
                context = PageContext(config, t, as_of, facts.get(page.path))
                findings += _findings(rule, page.path, rule.check(page, context))  # type: ignore[call-arg,arg-type]
        else:
            context = SiteContext(
                config, t, as_of, tuple(pages if rule.code in FILE_RULES else judged), facts
            )
            for path, problem in rule.check(context):  # type: ignore[call-arg,arg-type]
                findings += _findings(rule, path, [problem])
    findings = [_apply_waiver(f, by_path.get(f.path)) for f in findings]
    return sorted(findings, key=Finding.sort_key)


def _findings(rule: Rule, path: str, problems: Iterable[Problem]) -> list[Finding]:
    return [
        Finding(
            rule=rule.code,
            severity=rule.severity,
            path=path,
            line=problem.line,
            column=problem.column,
            message=problem.message,
            article=rule.article,
            excerpt=problem.excerpt,
        )
        for problem in problems
    ]


def _apply_waiver(finding: Finding, page: Page | None) -> Finding:
    if page is None or page.meta is None or finding.rule in FILE_RULES:
        return finding
    for waiver in page.meta.waive:
        if waiver.rule == finding.rule:
            from dataclasses import replace

            return replace(finding, waived=True, waiver_reason=f"{waiver.reason}（{waiver.by}）")
    return finding
