"""The per-page part of a check or build: cache first, the rest in parallel, links last.

1. Every page's bytes are hashed; a page whose entry is in the cache is taken from it
   (and, in a build, its article page is copied from the cache into staging).
2. The other pages are loaded, rendered, judged and written by worker processes.
3. Every page's links are resolved against the real targets; pages whose links lead
   elsewhere than when they were rendered are rendered again (rare).
4. Attachments whose text is not cached are extracted in parallel, for AT001.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path

from markupsafe import Markup

from govsite import attachtext
from govsite.attachments.media import AttachmentShelf
from govsite.cache import site_key
from govsite.config import CONFIG_NAME, SiteConfig
from govsite.content.discover import ContentTree
from govsite.content.loader import read_site_file
from govsite.content.model import Page, Status
from govsite.engine import RuleRun
from govsite.i18n import Translator
from govsite.pipeline import (
    RENDERED,
    ArticleError,
    Outcome,
    Runner,
    Work,
    cached,
    is_placed,
    links_hold,
    write_article,
)
from govsite.progress import Progress
from govsite.render.facts import RenderedBody
from govsite.render.links import SiteTargets
from govsite.render.portal import Portal, PublishedItem
from govsite.render.templates import make_environment
from govsite.render.views import ViewFactory
from govsite.reuse import Reuse
from govsite.rulepack import RulePack
from govsite.rules import RULES

CACHE_BATCH = 500  # pages whose cache entries are read in one query


def page_outcomes(
    root: Path,
    config: SiteConfig,
    tree: ContentTree,
    t: Translator,
    as_of: dt.date,
    include_drafts: bool,
    pack: RulePack,
    options,  # govsite.site.RunOptions
) -> tuple[dict[str, Outcome], SiteTargets, RuleRun, str]:
    """Every page's outcome, the link targets, the rule run for the site rules, and the
    site key (:func:`govsite.cache.site_key`) the outcomes' keys were made with."""
    from govsite.site import rule_run, site_targets

    progress = options.progress or Progress.silent()
    store = options.cache
    wanted = RENDERED if include_drafts else {Status.PUBLISHED}  # articles written
    dated = as_of if page_rules_read_as_of() else None
    key = site_key(root, t.lang, include_drafts, dated, CONFIG_NAME)
    attachtext.use_cache(store, key)
    work = Work(
        root=root,
        config=config,
        t=t,
        as_of=as_of,
        include_drafts=include_drafts,
        run=RuleRun(config, t, as_of, pack),
        site_key=key,
        targets=SiteTargets(
            {}, frozenset(), frozenset(), config.site.base_path, config.site.domain.lower()
        ),
        article=article_renderer(config, include_drafts, t),
        cache=store,
        out=options.out,
        reuse=options.reuse or Reuse(options.out),
        wanted=frozenset(wanted),
    )
    progress.total("checked", len(tree.pages))
    outcomes: dict[str, Outcome] = {}
    todo: list[str] = []
    for start in range(0, len(tree.pages), CACHE_BATCH):
        batch = tree.pages[start : start + CACHE_BATCH]
        hits = _from_cache(work, batch, options.hashed or {})
        for rel in batch:
            hit = hits.get(rel)
            if hit is None:
                todo.append(rel)
            else:
                outcomes[rel] = hit
                progress.advance("checked")
    work.targets = site_targets(config, tree, _guessed(tree, outcomes, work))
    jobs = options.jobs
    with Runner(work, jobs) as runner:
        for batch in runner.pages([(rel, None) for rel in todo]):
            for outcome in batch:
                outcomes[outcome.page.path] = outcome
            progress.advance("checked", len(batch))
        pages = [outcomes[rel].page for rel in tree.pages]
        targets = site_targets(config, tree, [p for p in pages if work.linkable(p)])
        work.targets = targets
        again = [
            (rel, outcomes[rel].page)
            for rel in tree.pages
            if not links_hold(outcomes[rel], targets)
        ]
        for batch in runner.pages(again):
            for outcome in batch:
                outcomes[outcome.page.path] = outcome
        run = rule_run(root, config, tree, t, as_of, pack)
        shelf = run.attachments
        if isinstance(shelf, AttachmentShelf) and "AT001" in {r.code for r in run.rules}:
            runner.attachments(shelf.paths, shelf.limits, ("AT001",), options.hashed or {})
    if store is not None:
        for outcome in outcomes.values():
            store.used.add(f"page/{outcome.key}")
            if outcome.article is not None:
                store.used.add(f"blob/{outcome.article[0]}")
    return outcomes, targets, run, key


def _from_cache(
    work: Work, rels: list[str], hashed: Mapping[str, tuple[str, tuple[int, ...]]]
) -> dict[str, Outcome]:
    """The pages' cached outcomes, their articles copied into the output when they are
    published (a page missing here is loaded, rendered and judged). ``hashed``: the
    SHA-256 of pages this run has read already (as safely: govsite.verdict)."""
    if work.cache is None:
        return {}
    known = {}
    for rel in rels:
        if rel in hashed:
            known[rel] = hashed[rel][0]
            continue
        # never through a link, never from a FIFO (one could stand there since discovery)
        read = read_site_file(work.root, rel, work.t)
        if isinstance(read, bytes):  # else the worker reports why, as loading does
            known[rel] = hashlib.sha256(read).hexdigest()
    hits = {}
    for rel, hit in cached(work, known).items():
        if work.out is None or not work.published(hit.page):
            hits[rel] = hit
            continue
        if hit.article is None:
            continue
        digest, size = hit.article
        if not work.reuse.holds(hit.page.url + "index.html", digest, size):  # else it is there
            html = work.cache.load_blob(digest)
            if html is None:
                continue  # the article is gone or corrupt: render the page again
            write_article(work, hit.page, html, digest)
        hits[rel] = replace(hit, written=True)
    return hits


def _guessed(tree: ContentTree, known: dict[str, Outcome], work: Work) -> list[Page]:
    """The pages links may lead to, before all are loaded: the cached ones as they are,
    the others as their paths suggest (file name as slug, published)."""
    pages = []
    for rel in tree.pages:
        outcome = known.get(rel)
        if outcome is not None:
            if work.linkable(outcome.page):
                pages.append(outcome.page)
            continue
        _, dept, column, name = rel.split("/")
        guess = Page(rel, dept, column, name.removesuffix(".md"), None, "", 1)
        if is_placed(guess, work.config):
            pages.append(guess)
    return pages


def article_renderer(config: SiteConfig, preview: bool, t: Translator):
    """A function (page, rendered body) -> the article page's bytes."""
    portal = Portal(config, make_environment(config), [], preview=preview)
    views = ViewFactory(config)

    def article(page: Page, body: RenderedBody) -> bytes:
        view = views.item(page, Markup(body.html))
        try:
            return portal.item_page(PublishedItem(page, view)).data
        except Exception as error:
            from govsite.build import describe_template_error

            found = describe_template_error(error, config.root, t)
            if found is None:
                raise
            raise ArticleError(found) from None

    return article


@cache
def page_rules_read_as_of() -> bool:
    """Whether any page rule's module mentions ``as_of`` (then the date is part of the
    cache key; today none does, so entries survive from one day to the next)."""
    modules = {inspect.getmodule(r.check) for r in RULES.values() if r.scope == "page"}
    for module in modules:
        try:
            source = inspect.getsource(module)  # type: ignore[arg-type]
        except (OSError, TypeError):
            return True
        if "as_of" in source:
            return True
    return False
