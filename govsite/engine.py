"""Run the rules: page rules on each checked page, site rules once over all of them.

The engine attaches each rule's code, article and level (the rule's default, then
``checks/levels.yaml``, then a per-finding override such as a penalty-disclosure
exemption), and applies waivers. Every page is judged, drafts included; what a draft
is held to (which review rules wait for its approval, which of its findings block
nothing, which block the commit all the same) is decided in ``govsite.drafts``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

from govsite import drafts
from govsite.config import SiteConfig
from govsite.content.model import Page, Problem
from govsite.disclosure.annual import AnnualReport
from govsite.findings import Finding, Note, Severity
from govsite.i18n import Translator
from govsite.newmedia.registry import Registry
from govsite.render.facts import PageFacts
from govsite.rulepack import RulePack
from govsite.rules import RULES, PageContext, Rule, SiteContext
from govsite.rules.published import data_file_problems
from govsite.workdays import WorkingCalendar

FILE_RULES = frozenset({"FM001", "FM002", "FM003", "FM004"})
SEES_DRAFTS = frozenset({"AT006"})  # an attachment a draft uses is not an orphan
UNUSED_WAIVER = "WV001"
REFUSED_WAIVER = "WV002"
# Rules no waiver can silence: what would publish personal identifiers, illegal content,
# executable markup or an unsafe URL, an item whose review chain is incomplete or below
# its level, a file govsite cannot read, and the waiver rules themselves.
UNWAIVABLE = FILE_RULES | frozenset(
    {"RV001", "RV002", "RV003", "RV004", "PV001", "PV004", "AD002", "AD003", "LK004"}
    | {UNUSED_WAIVER, REFUSED_WAIVER}
)


@dataclass(frozen=True)
class RuleRun:
    """Everything rules read besides the pages: one object per check, so a live preview
    can judge one changed page (``page``) and then the whole site (``site``) again."""

    config: SiteConfig
    t: Translator
    as_of: dt.date
    pack: RulePack
    reports: tuple[AnnualReport, ...] = ()
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)
    registries: tuple[Registry, ...] = ()
    attachments: object = None  # an AttachmentShelf: media files, read once per check
    notes: list[Note] = field(default_factory=list, compare=False)  # from the last site()

    @cached_property
    def rules(self) -> list[Rule]:
        ordered = sorted(RULES.values(), key=lambda r: r.code)
        return [r for r in ordered if self.pack.levels.get(r.code, r.severity)]

    def page(self, page: Page, facts: PageFacts | None) -> list[Finding]:
        """Page rules on one page (on a draft, all but those only an approval satisfies)."""
        context = PageContext(self.config, self.t, self.as_of, facts, self.pack)
        findings: list[Finding] = []
        for rule in self.rules:
            if rule.scope == "page" and drafts.runs_on(rule.code, page):
                findings += _findings(rule, page.path, rule.check(page, context), self.pack)  # type: ignore[call-arg,arg-type]
        return findings

    def site(self, pages: list[Page], facts: dict[str, PageFacts]) -> list[Finding]:
        """Site rules over every page. A draft never changes what another page is told (an
        interpretation of a draft policy points at nothing, a draft's index number or URL
        is not taken): the rules judge the approved pages without the drafts, then the
        drafts among all pages, keeping only the drafts' findings from that second pass."""
        findings: list[Finding] = []
        self.notes.clear()
        pending = drafts.draft_paths(pages)
        approved = tuple(p for p in pages if p.path not in pending)
        held_back = tuple(p for p in pages if p.path in pending)
        for rule in self.rules:
            if rule.scope != "site":
                continue
            if rule.code in FILE_RULES | SEES_DRAFTS or not pending:
                findings += self._site_rule(rule, tuple(pages), facts)
                continue
            findings += self._site_rule(rule, approved, facts, held_back)
            findings += [f for f in self._site_rule(rule, tuple(pages), facts) if f.path in pending]
        findings += self._data_files(approved, facts)
        unique = list(dict.fromkeys(self.notes))
        self.notes[:] = unique
        return findings

    def _site_rule(
        self,
        rule: Rule,
        pages: tuple[Page, ...],
        facts: dict[str, PageFacts],
        held_back: tuple[Page, ...] = (),
    ) -> list[Finding]:
        context = SiteContext(
            self.config,
            self.t,
            self.as_of,
            pages,
            facts,
            self.pack,
            self.reports,
            self.calendar,
            self.registries,
            self.attachments,
            notes=self.notes,
            drafts=held_back,
        )
        findings: list[Finding] = []
        for path, problem in rule.check(context):  # type: ignore[call-arg,arg-type]
            findings += _findings(rule, path, [problem], self.pack)
        return findings

    def _data_files(self, pages: tuple[Page, ...], facts: dict[str, PageFacts]) -> list[Finding]:
        """The content rules (PV, AD, WD) on what annual reports and new-media registries
        publish, under those rules' own codes."""
        context = SiteContext(
            self.config, self.t, self.as_of, pages, facts, self.pack,
            self.reports, self.calendar, self.registries, self.attachments,
        )  # fmt: skip
        return [
            finding
            for path, problem in data_file_problems(context)
            for finding in _findings(RULES[problem.rule], path, [problem], self.pack)
        ]

    def finish(self, findings: list[Finding], pages: list[Page]) -> list[Finding]:
        """Apply waivers, mark the findings on drafts, sort: the last step of every check."""
        pending = drafts.draft_paths(pages)
        # a site rule's review finding on a draft waits for its approval, as a page rule's
        due = [f for f in findings if not (f.path in pending and f.rule in drafts.REVIEW_ONLY)]
        waived = apply_waivers(due, pages, self.t)
        marked = [replace(f, draft=True) if f.path in pending else f for f in waived]
        return sorted(marked, key=Finding.sort_key)


def run_rules(
    pages: list[Page],
    facts: dict[str, PageFacts],
    config: SiteConfig,
    t: Translator,
    as_of: dt.date,
    pack: RulePack,
    *,
    reports: tuple[AnnualReport, ...] = (),
    calendar: WorkingCalendar | None = None,
) -> list[Finding]:
    run = RuleRun(config, t, as_of, pack, reports, calendar or WorkingCalendar())
    findings = [f for page in pages for f in run.page(page, facts.get(page.path))]
    return run.finish(findings + run.site(pages, facts), pages)


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
    """Mark findings a page waives (counted, never silent); report waivers that waive
    nothing (WV001) and waivers that may not waive (WV002).

    Who may waive: the item's approver (签发人), the person Art. 24 makes answer for what
    it publishes; a waiver ``by`` anyone else waives nothing. What may be waived: every
    rule but :data:`UNWAIVABLE`."""
    accepted: dict[str, tuple] = {}
    result: list[Finding] = []
    for page in pages:
        if page.meta is None or not page.meta.waive:
            continue
        kept = []
        for waiver in page.meta.waive:
            refusal = _refusal(waiver, page, t)
            if refusal is None:
                kept.append(waiver)
            else:
                rule = RULES[REFUSED_WAIVER]
                result.append(
                    Finding(
                        rule.code, rule.severity, page.path, waiver.line, 1, refusal, rule.article
                    )
                )
        accepted[page.path] = tuple(kept)
    used: set[tuple[str, str]] = set()
    for finding in findings:
        waiver = next((w for w in accepted.get(finding.path, ()) if w.rule == finding.rule), None)
        if waiver is not None:
            used.add((finding.path, waiver.rule))
            reason = t("wv.reason", reason=waiver.reason, by=waiver.by)
            finding = replace(finding, waived=True, waiver_reason=reason)
        result.append(finding)
    rule = RULES[UNUSED_WAIVER]
    # a page in no opened column (FM003) is not judged: its waivers were not tried
    unjudged = {f.path for f in findings if f.rule == "FM003"}
    for path, page_waivers in accepted.items():
        for waiver in page_waivers:
            if (path, waiver.rule) not in used and path not in unjudged:
                message = t("wv.unused", rule=waiver.rule)
                result.append(
                    Finding(
                        rule.code, Severity.WARNING, path, waiver.line, 1, message, rule.article
                    )
                )
    return result


def _refusal(waiver, page: Page, t: Translator) -> str | None:
    """Why ``waiver`` may not waive anything on ``page``, or None."""
    if waiver.rule in UNWAIVABLE:
        return t("wv.unwaivable", rule=waiver.rule)
    approver = page.meta.review.approver if page.meta is not None else ""
    if waiver.by.strip() != approver.strip():
        return t("wv.not_approver", rule=waiver.rule, by=waiver.by, approver=approver or "—")
    return None
