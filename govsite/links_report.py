"""``govsite links [--external]``: every link problem of the site in one report.

Internal links come from the ordinary analysis (LK002). With ``external``, every
external URL of the published pages and of the home page is requested (or taken from
the cache while fresh, see ``govsite.links_check``), the cache is rewritten, and dead
links become LK005 warnings; redirected links that still open are reported as LK005
notes (severity ``info``) naming where they lead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from govsite.engine import apply_waivers
from govsite.findings import Finding, Severity, Summary
from govsite.i18n import Translator
from govsite.links_check import (
    Checker,
    DeadLink,
    dead_links,
    external_hrefs,
    load_cache,
    offline,
    page_links,
    save_cache,
)
from govsite.rulepack import load_rule_pack
from govsite.rules import RULES
from govsite.rules.external_links import dead_problem
from govsite.rules.texts import column_of
from govsite.site import Analysis, analyse

LINK_RULES = ("LK002", "LK005")


@dataclass(frozen=True)
class LinksOutcome:
    findings: list[Finding]
    summary: Summary
    urls: int = 0  # external URLs linked
    requested: int = 0  # of them requested now (the rest came from the cache)
    dead: int = 0
    redirected: int = 0
    notes: tuple[str, ...] = ()  # e.g. no network: nothing was judged
    external: bool = False
    cache_days: int = 0

    def lines(self, t: Translator) -> list[str]:
        """What the command says on stderr after the report."""
        if not self.external:
            return [t("links.internal_only")]
        counts = {k: getattr(self, k) for k in ("urls", "requested", "dead", "redirected")}
        summary = t("links.summary", days=self.cache_days, **counts)
        return [summary, *(f"govsite: {note}" for note in self.notes)]


def links_report(
    root: Path, as_of: dt.date, t: Translator, *, external: bool, now: dt.datetime | None = None
) -> LinksOutcome:
    analysis = analyse(root, as_of, t)
    findings = [f for f in analysis.findings if f.rule in LINK_RULES]
    pages = [p for p in analysis.publishable() if p.path in analysis.bodies]
    summary = Summary.of(findings, analysis.file_count, len(pages))
    if not external:
        return LinksOutcome(findings, summary)
    settings = analysis.config.inspection
    notes: list[str] = []
    facts = {path: body.facts for path, body in analysis.bodies.items()}
    links = page_links(pages, facts)
    home = home_links(analysis, pages)
    cache = load_cache(root)
    wanted = {key for *_, key in links} | set(home)
    stale = sorted(u for u in wanted if cache.fresh(u, as_of, settings.link_cache_days) is None)
    checker = Checker(
        settings.link_timeout_seconds,
        settings.link_per_host,
        now,
        allow_private=settings.link_allow_private,
    )
    cache.results = {u: r for u, r in cache.results.items() if u in wanted}
    fetched = checker.check_all(stale)
    if offline(fetched):
        fetched = {}
        notes.append(t("links.offline", count=len(wanted)))
    cache.results.update(fetched)
    cache.home = tuple(home)
    if not save_cache(root, cache):
        notes.append(t("links.cache_unwritable", path=".govsite-cache/links.json"))
    dead = dead_links(pages, facts, cache, as_of, settings.link_cache_days)
    new = _dead_findings(dead, analysis, root, t) + _redirects(links, home, cache, analysis, t)
    judged = [p for p in analysis.pages if p.meta is not None]
    new = [f for f in apply_waivers(new, judged, t) if f.rule == "LK005"]
    findings = sorted([f for f in findings if f.rule != "LK005"] + new, key=Finding.sort_key)
    redirected = sum(1 for f in new if f.severity is Severity.INFO)
    return LinksOutcome(
        findings,
        Summary.of(findings, analysis.file_count, len(pages)),
        urls=len(wanted),
        requested=len(stale),
        dead=len({d.href for d in dead}),
        redirected=redirected,
        notes=tuple(notes),
        external=True,
        cache_days=settings.link_cache_days,
    )


def home_links(analysis: Analysis, pages: list) -> list[str]:
    """External links of the rendered home page (header, footer: the templates' own)."""
    from jinja2 import TemplateError

    from govsite.build import make_portal

    try:
        home = next(make_portal(analysis, pages).home())
    except TemplateError:
        return []  # the build reports template errors with their file and line
    return external_hrefs(home.data.decode("utf-8"), analysis.config.site.domain)


def _dead_findings(
    dead: list[DeadLink], analysis: Analysis, root: Path, t: Translator
) -> list[Finding]:
    pack = load_rule_pack(root, t, frozenset(RULES))
    rule = RULES["LK005"]
    level = pack.levels.get("LK005", rule.severity)
    if level is None:
        return []
    by_path = {p.path: p for p in analysis.pages}
    findings = []
    for item in dead:
        problem = dead_problem(item, by_path.get(item.path), t)
        findings.append(
            Finding(
                "LK005",
                level,
                item.path,
                problem.line,
                problem.column,
                problem.message,
                rule.article,
                problem.excerpt,
            )
        )
    return findings


def _redirects(links, home, cache, analysis: Analysis, t: Translator) -> list[Finding]:
    """Links that still open but lead elsewhere: where to, and through which statuses."""
    by_path = {p.path: p for p in analysis.pages}
    places = [(path, line, href, key) for path, line, href, key in links]
    places += [("site.toml", None, key, key) for key in home]
    findings = []
    for path, line, href, key in places:
        result = cache.results.get(key)
        if result is None or result.dead or not result.redirects:
            continue
        statuses = "→".join(str(status) for status, _ in result.redirects)
        message = t("lk.redirected", url=href, final=result.final_url, statuses=statuses)
        page = by_path.get(path)
        column = column_of(page, line, href) if page is not None and line else None
        findings.append(
            Finding(
                "LK005", Severity.INFO, path, line, column, message, RULES["LK005"].article, href
            )
        )
    return findings
