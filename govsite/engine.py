"""Run the rules: page rules on each checked page, site rules once over all of them.

The engine attaches each rule's code, article and level (the rule's default, then
``checks/levels.yaml``, then a per-finding override such as a penalty-disclosure
exemption), and applies waivers. Which pages are judged is decided here: everything a
build would publish now or later (approved items, scheduled ones included); drafts only
for the file-level FM rules, unless a preview asks for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from govsite.config import SiteConfig
from govsite.content.model import Page, Problem, Status
from govsite.disclosure.annual import AnnualReport
from govsite.findings import Finding, Severity
from govsite.i18n import Translator
from govsite.render.facts import PageFacts
from govsite.rulepack import RulePack
from govsite.rules import RULES, PageContext, Rule, SiteContext
from govsite.workdays import WorkingCalendar

FILE_RULES = frozenset({"FM001", "FM002", "FM003", "FM004"})
UNUSED_WAIVER = "WV001"


def run_rules(
    pages: list[Page],
    facts: dict[str, PageFacts],
    config: SiteConfig,
    t: Translator,
    as_of: dt.date,
    pack: RulePack,
    *,
    include_drafts: bool = False,
    reports: tuple[AnnualReport, ...] = (),
    calendar: WorkingCalendar | None = None,
) -> list[Finding]:
    judged = [p for p in pages if include_drafts or p.status(as_of) is not Status.DRAFT]
    judged_paths = {p.path for p in judged}
    rules = [
        r
        for r in sorted(RULES.values(), key=lambda r: r.code)
        if pack.levels.get(r.code, r.severity)
    ]
    findings: list[Finding] = []
    for page in pages:
        context = PageContext(config, t, as_of, facts.get(page.path), pack)
        for rule in rules:
            if rule.scope == "page" and (rule.code in FILE_RULES or page.path in judged_paths):
                findings += _findings(rule, page.path, rule.check(page, context), pack)  # type: ignore[call-arg,arg-type]
    for rule in rules:
        if rule.scope == "site":
            subjects = tuple(pages if rule.code in FILE_RULES else judged)
            context = SiteContext(
                config, t, as_of, subjects, facts, pack, reports, calendar or WorkingCalendar()
            )
            for path, problem in rule.check(context):  # type: ignore[call-arg,arg-type]
                findings += _findings(rule, path, [problem], pack)
    findings = apply_waivers(findings, judged, t)
    return sorted(findings, key=Finding.sort_key)


def _findings(rule: Rule, path: str, problems: Iterable[Problem], pack: RulePack) -> list[Finding]:
    """Findings for what a rule's check found; a problem may carry another rule's code
    (an unreadable report file found by the DS002 pass is FM001)."""
    findings = []
    for problem in problems:
        owner = RULES.get(problem.rule, rule)
        level = pack.levels.get(owner.code, owner.severity)
        if level is None:
            continue  # switched off in checks/levels.yaml
        findings.append(
            Finding(
                rule=owner.code,
                severity=problem.severity or level,
                path=path,
                line=problem.line,
                column=problem.column,
                message=problem.message,
                article=owner.article,
                excerpt=problem.excerpt,
            )
        )
    return findings


def apply_waivers(findings: list[Finding], pages: list[Page], t: Translator) -> list[Finding]:
    """Mark findings a page waives (counted, never silent); report waivers that waive nothing."""
    waivers = {p.path: p.meta.waive for p in pages if p.meta is not None and p.meta.waive}
    used: set[tuple[str, str]] = set()
    result = []
    for finding in findings:
        waiver = next((w for w in waivers.get(finding.path, ()) if w.rule == finding.rule), None)
        if waiver is not None and finding.rule not in FILE_RULES:
            used.add((finding.path, waiver.rule))
            finding = replace(finding, waived=True, waiver_reason=f"{waiver.reason}（{waiver.by}）")
        result.append(finding)
    rule = RULES[UNUSED_WAIVER]
    for path, page_waivers in waivers.items():
        for waiver in page_waivers:
            if (path, waiver.rule) not in used:
                message = t("wv.unused", rule=waiver.rule)
                result.append(
                    Finding(
                        rule.code, Severity.WARNING, path, waiver.line, 1, message, rule.article
                    )
                )
    return result
