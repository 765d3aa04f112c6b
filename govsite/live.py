"""The site between rebuilds, for ``govsite serve``: one changed file costs one page.

A full analysis is kept; when files change, only those pages are loaded, rendered and
judged again (plus the pages whose links pointed at a URL that appeared or vanished),
the site rules run once over everything, and the returned :class:`Scope` tells the
portal which pages to write: the changed articles, the listings, sections and catalogue
pages of their department and column, and the pages every change touches (home, site
maps). A change to ``site.toml``, ``templates/`` or ``checks/`` rebuilds everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from govsite.config import CONFIG_NAME
from govsite.content.discover import discover
from govsite.content.loader import load_page
from govsite.content.model import Status
from govsite.findings import Finding
from govsite.i18n import Translator
from govsite.render.links import SiteTargets
from govsite.render.markdown import render_markdown
from govsite.render.portal import Scope
from govsite.site import RENDERED, Analysis, analyse, is_placed, judge, rule_run, site_targets

WHOLE_SITE_INPUTS = ("templates", "checks")


@dataclass(frozen=True)
class Update:
    analysis: Analysis
    scope: Scope | None  # None: render everything
    removed_urls: frozenset[str]


class LiveSite:
    def __init__(self, root: Path, t: Translator, today: Callable[[], dt.date] = dt.date.today):
        self.root = root
        self.t = t
        self.today = today
        self.analysis: Analysis | None = None

    def full(self) -> Update:
        self.analysis = analyse(self.root, self.today(), self.t, include_drafts=True)
        return Update(self.analysis, None, frozenset())

    def update(self, changed: set[str]) -> Update:
        """Apply changed site-relative paths; fall back to a full rebuild when needed."""
        previous = self.analysis
        whole = any(rel == CONFIG_NAME or rel.split("/")[0] in WHOLE_SITE_INPUTS for rel in changed)
        if previous is None or whole or previous.as_of != self.today():
            return self.full()
        tree = previous.tree if _same_files(previous, changed, self.root) else discover(self.root)
        old = {page.path: page for page in previous.pages}
        reload = {rel for rel in tree.pages if rel in changed or rel not in old}
        pages = [
            load_page(self.root, rel, previous.config, self.t) if rel in reload else old[rel]
            for rel in tree.pages
        ]
        as_of = previous.as_of
        placed = [p for p in pages if is_placed(p, previous.config)]
        linkable = [p for p in placed if p.status(as_of) is Status.PUBLISHED]
        targets = site_targets(previous.config, tree, linkable)
        render = {p.path for p in placed if p.path in reload} | _linking_to_changes(
            previous, targets
        )
        bodies = {}
        for page in placed:
            if page.status(as_of) not in RENDERED:
                continue
            if page.path in render or page.path not in previous.bodies:
                render.add(page.path)
                bodies[page.path] = render_markdown(
                    page.body, page.body_line, page.content_path, page.url, targets
                )
            else:
                bodies[page.path] = previous.bodies[page.path]
        facts = {path: body.facts for path, body in bodies.items()}
        run = rule_run(self.root, previous.config, tree, self.t, as_of)
        page_findings: dict[str, list[Finding]] = {}
        for page in pages:
            if (
                page.path in render
                or page.path in reload
                or page.path not in previous.page_findings
            ):
                page_findings[page.path] = run.page(page, facts.get(page.path))
            else:
                page_findings[page.path] = previous.page_findings[page.path]
        findings = judge(run, pages, facts, page_findings, tree, self.t)
        self.analysis = replace(
            previous,
            tree=tree,
            pages=pages,
            bodies=bodies,
            findings=findings,
            reports=list(run.reports),
            registries=list(run.registries),
            targets=targets,
            page_findings=page_findings,
        )
        now_urls = {p.url for p in pages}
        removed = frozenset(old[path].url for path in old if old[path].url not in now_urls)
        places = {(old[p].department, old[p].column) for p in changed if p in old}
        places |= {(p.department, p.column) for p in pages if p.path in reload}
        reports = any("/annual-report/" in rel or rel.endswith("new-media.yaml") for rel in changed)
        return Update(self.analysis, Scope(frozenset(render), frozenset(places), reports), removed)


def _same_files(previous: Analysis, changed: set[str], root: Path) -> bool:
    """Whether only existing files were edited (no file came or went): then the content
    tree need not be walked again."""
    known = set(previous.tree.pages) | set(previous.tree.media) | set(previous.tree.data)
    return all(rel in known and (root / rel).is_file() for rel in changed)


def _linking_to_changes(previous: Analysis, targets: SiteTargets) -> set[str]:
    """Pages whose links may resolve differently now that URLs or files came or went."""
    before = previous.targets
    if before is None:
        return set(previous.bodies)
    changed = set(before.published_urls ^ targets.published_urls) | set(
        before.files ^ targets.files
    )
    changed |= {url for _, url in before.page_urls.items() ^ targets.page_urls.items()}
    if not changed:
        return set()
    return {
        path
        for path, body in previous.bodies.items()
        if any(
            link.kind in ("page", "url", "file") and (link.target is None or link.target in changed)
            for link in body.facts.links
        )
    }
