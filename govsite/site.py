"""Load and judge a whole site: config → discovery → pages → render → rules.

This is the part ``check``, ``build`` and ``serve`` share. It writes nothing and
prints nothing; it returns an :class:`Analysis`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from govsite.attachments.media import AttachmentShelf
from govsite.config import SiteConfig, load_config
from govsite.content.discover import ANNUAL_REPORT_DIR, ContentTree, discover
from govsite.content.loader import load_page
from govsite.content.model import Page, Status
from govsite.disclosure.annual import AnnualReport, load_report
from govsite.engine import RuleRun
from govsite.findings import Finding, Note, Severity
from govsite.i18n import Translator
from govsite.newmedia.registry import Registry, load_registry
from govsite.pipeline import Outcome, is_placed
from govsite.render.facts import RenderedBody
from govsite.render.links import SiteTargets
from govsite.render.markdown import render_markdown
from govsite.rulepack import RulePack, load_rule_pack
from govsite.rules import RULES
from govsite.runoptions import RunOptions
from govsite.workdays import WorkingCalendar

SECTION_URLS = ("", "disclosure/", "sitemap/", "new-media/", "search/")
# Rendered (and so judged with their facts) by every check: drafts too (govsite.drafts).
RENDERED = frozenset({Status.PUBLISHED, Status.DRAFT, Status.SCHEDULED})
PREVIEWED = RENDERED  # what a preview shows: a banner marks the drafts and scheduled items


@dataclass(frozen=True)
class Analysis:
    config: SiteConfig
    tree: ContentTree
    pages: list[Page]
    bodies: dict[str, RenderedBody]  # rendered pages, by path
    findings: list[Finding]
    as_of: dt.date
    include_drafts: bool
    reports: list[AnnualReport] = field(default_factory=list)
    targets: SiteTargets | None = None
    page_findings: dict[str, list[Finding]] = field(default_factory=dict)  # page rules, by page
    registries: list[Registry] = field(default_factory=list)  # new-media accounts
    notes: tuple[Note, ...] = ()  # rules that could not judge (e.g. RV006 outside git)
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # per-page work, by path
    site_key: str = ""  # every input of a page's work but its own bytes (with ``outcomes``)

    def publishable(self) -> list[Page]:
        """Pages a build on ``as_of`` publishes (drafts and scheduled items too in a preview)."""
        wanted = PREVIEWED if self.include_drafts else {Status.PUBLISHED}
        return [p for p in self.pages if p.status(self.as_of) in wanted and p.path in self.bodies]

    @property
    def file_count(self) -> int:
        return len(self.tree.pages) + len(self.tree.misplaced) + len(self.tree.data)


def analyse(
    root: Path,
    as_of: dt.date,
    t: Translator,
    *,
    include_drafts: bool = False,
    options: RunOptions | None = None,
) -> Analysis:
    """Load, render and check the site at ``root`` (raises ``ConfigError``). Every check
    judges the same pages the same way; ``include_drafts`` (a preview) only decides that
    drafts and scheduled items are shown too. Links resolve to what a build publishes, so
    a link to a draft is broken in a preview as it would be on the portal.

    Without ``options`` everything runs here and ``bodies`` hold the rendered HTML (the
    live preview keeps them); with ``options`` the per-page work runs in parallel and
    through the cache (:func:`analyse_pages`), and ``bodies`` hold only the facts."""
    if options is not None:
        return analyse_pages(root, as_of, t, include_drafts, options)
    config = load_config(root, t)
    tree = discover(root)
    pages = [load_page(root, rel, config, t) for rel in tree.pages]
    placed = [p for p in pages if is_placed(p, config)]
    linkable = [p for p in placed if p.status(as_of) is Status.PUBLISHED]
    rendered = [p for p in placed if p.status(as_of) in RENDERED]
    targets = site_targets(config, tree, linkable)
    bodies = {
        page.path: render_markdown(page.body, page.body_line, page.content_path, page.url, targets)
        for page in rendered
    }
    facts = {path: body.facts for path, body in bodies.items()}
    run = rule_run(root, config, tree, t, as_of)
    page_findings = {page.path: run.page(page, facts.get(page.path)) for page in pages}
    findings = judge(run, pages, facts, page_findings, tree, t)
    return Analysis(
        config,
        tree,
        pages,
        bodies,
        findings,
        as_of,
        include_drafts,
        list(run.reports),
        targets,
        page_findings,
        list(run.registries),
        tuple(run.notes),
    )


def rule_run(
    root: Path,
    config: SiteConfig,
    tree: ContentTree,
    t: Translator,
    as_of: dt.date,
    pack: RulePack | None = None,
) -> RuleRun:
    """The rule pack, calendar and annual reports every rule may read, for one check."""
    calendar = working_calendar(config)
    pack = pack or load_rule_pack(root, t, frozenset(RULES))
    reports = tuple(load_reports(root, config, tree, calendar, t))
    registries = tuple(
        load_registry(root, rel, rel.split("/")[1], t)
        for rel in tree.data
        if rel.endswith("/new-media.yaml") and config.department(rel.split("/")[1])
    )
    attachments = AttachmentShelf(
        root,
        tuple(rel for rel in tree.media if config.department(rel.split("/")[1]) is not None),
        config.attachments,
    )
    return RuleRun(config, t, as_of, pack, reports, calendar, registries, attachments)


def judge(
    run: RuleRun,
    pages: list[Page],
    facts: dict,
    page_findings: dict[str, list[Finding]],
    tree: ContentTree,
    t: Translator,
) -> list[Finding]:
    """Site rules over every page, plus the page findings already known, waived and sorted."""
    findings = [f for page in pages for f in page_findings.get(page.path, [])]
    findings += run.site(pages, facts) + [_misplaced(rel, t) for rel in tree.misplaced]
    # A loader may have said it already, more exactly (FM001); another rule's finding at
    # the same path (DS001 "report missing" for a linked 2025.yaml) does not say why.
    reported = {f.path for f in findings if f.rule == "FM001"}
    findings += [
        _unread(rel, "FM001", "safe.not_read", t) for rel in tree.refused if rel not in reported
    ]
    findings += [_unread(rel, "FM003", "safe.misnamed", t) for rel in tree.misnamed]
    return run.finish(findings, pages)


def working_calendar(config: SiteConfig) -> WorkingCalendar:
    overrides = config.calendar
    return WorkingCalendar(frozenset(overrides.holidays), frozenset(overrides.workdays))


def load_reports(
    root: Path, config: SiteConfig, tree: ContentTree, calendar: WorkingCalendar, t: Translator
) -> list[AnnualReport]:
    """Every ``content/<dept>/annual-report/<year>.yaml`` of a known department."""
    reports = []
    for rel in tree.data:
        parts = rel.split("/")
        if len(parts) == 4 and parts[2] == ANNUAL_REPORT_DIR and config.department(parts[1]):
            report = load_report(root, rel, parts[1], calendar, t)
            if report is not None:
                reports.append(report)
    return reports


def site_targets(config: SiteConfig, tree: ContentTree, pages: list[Page]) -> SiteTargets:
    sections = set(SECTION_URLS)
    for dept in config.departments:
        sections.add(f"{dept.id}/")
        sections.add(f"disclosure/{dept.id}/")
        sections.update(f"{dept.id}/{c.id}/" for c in config.columns_of(dept))
    sections.update(f"columns/{c.id}/" for c in config.columns)
    return SiteTargets(
        page_urls={p.content_path: p.url for p in pages},
        published_urls=frozenset(sections | {p.url for p in pages}),
        files=frozenset(rel.removeprefix("content/") for rel in tree.media),
        base_path=config.site.base_path,
        domain=config.site.domain.lower(),
    )


def _unread(rel: str, code: str, key: str, t: Translator) -> Finding:
    """A file in ``content/`` govsite will not read (a link, a FIFO, ``x.MD`` …): said, not
    skipped in silence."""
    return Finding(code, Severity.ERROR, rel, None, None, t(key, path=rel), RULES[code].article)


def _misplaced(rel: str, t: Translator) -> Finding:
    rule = RULES["FM003"]
    return Finding("FM003", Severity.ERROR, rel, 1, 1, t("fm.misplaced"), rule.article)


def analyse_pages(
    root: Path, as_of: dt.date, t: Translator, include_drafts: bool, options: RunOptions
) -> Analysis:
    """:func:`analyse` with the per-page work in parallel and through the cache."""
    from govsite.sitework import page_outcomes

    config = load_config(root, t)
    tree = discover(root)
    pack = load_rule_pack(root, t, frozenset(RULES))
    outcomes, targets, run, key = page_outcomes(
        root, config, tree, t, as_of, include_drafts, pack, options
    )
    pages = [outcomes[rel].page for rel in tree.pages]
    facts = {rel: o.facts for rel, o in outcomes.items() if o.facts is not None}
    bodies = {rel: RenderedBody("", f) for rel, f in facts.items()}
    page_findings = {rel: list(o.findings) for rel, o in outcomes.items()}
    if options.progress is not None:
        options.progress.stage("site")
    findings = judge(run, pages, facts, page_findings, tree, t)
    if options.cache is not None:
        options.cache.flush()  # what this process stored, committed
    release_memory(run)
    return Analysis(
        config,
        tree,
        pages,
        bodies,
        findings,
        as_of,
        include_drafts,
        list(run.reports),
        targets,
        page_findings,
        list(run.registries),
        tuple(run.notes),
        outcomes,
        key,
    )


def release_memory(run: RuleRun) -> None:
    """Attachment texts are not needed once the site rules ran: a large portal's build
    keeps its memory for the listings and the search index."""
    from govsite import attachtext

    attachtext.release()
    shelf = run.attachments
    if isinstance(shelf, AttachmentShelf):
        shelf._texts.clear()
