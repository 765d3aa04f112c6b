"""Policy ↔ interpretation: which page an interpretation's ``interprets`` names.

``interprets`` is written like a link (SPEC 3.1): the policy's Markdown file, relative
(``../policy/x.md``) or from the content root (``/edu/policy/x.md``), or its published
URL. It is resolved exactly as links are, against the pages given, so the rules (IN001,
IN002) and the item pages (the policy lists its interpretations, each interpretation
links back) agree on every pair.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from govsite.content.model import Page
from govsite.render.links import SiteTargets, resolve


@dataclass(frozen=True)
class Relations:
    interprets: dict[str, Page]  # interpretation path -> the policy page it names
    interpretations: dict[str, list[Page]]  # policy path -> its interpretations, by date
    unresolved: dict[str, str]  # interpretation path -> what it names that is not a page


def interpretation_relations(pages: Iterable[Page]) -> Relations:
    """Pair every page with ``interprets`` to the page it names among ``pages``."""
    pages = [p for p in pages if p.meta is not None]
    by_url = {p.url: p for p in pages}
    targets = SiteTargets(
        page_urls={p.content_path: p.url for p in pages},
        published_urls=frozenset(by_url),
        files=frozenset(),
    )
    interprets: dict[str, Page] = {}
    interpretations: dict[str, list[Page]] = {}
    unresolved: dict[str, str] = {}
    for page in pages:
        written = page.meta.interprets if page.meta else ""
        if not written:
            continue
        found = resolve(written, page.content_path, page.url, targets)
        target = by_url.get(found.target or "") if found.kind in ("page", "url") else None
        if target is None or target is page:
            unresolved[page.path] = written
            continue
        interprets[page.path] = target
        interpretations.setdefault(target.path, []).append(page)
    for found_pages in interpretations.values():
        found_pages.sort(key=lambda p: (p.meta.date if p.meta else None, p.path))
    return Relations(interprets, interpretations, unresolved)
