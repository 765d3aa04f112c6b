"""``build --withhold``: what is held back, and making sure nothing points at it.

A blocking finding is withheld with what it belongs to: a page's with that page, an
annual report's with that report, a media file's with that file and the pages that use
it (which publishes nothing that links it), and a department's
site-level finding (a missing disclosure guide, DS005, on ``content/<dept>/guide/``)
with the whole department, so a department that is still joining never stops the city.
Findings on ``site.toml``, ``checks/`` or ``templates/`` cannot be withheld: they block.

Whatever is withheld is also unlinked: listings, feeds, the catalogue and site maps are
built from what is published, and a body link to a withheld page is shown as its text
(an image as its alt text) and reported as an ``info`` finding on the linking page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from govsite.content.discover import CONTENT_DIR, MEDIA_DIR
from govsite.content.model import Page
from govsite.findings import Finding, Severity
from govsite.i18n import Translator
from govsite.render.facts import PageFacts
from govsite.rules import RULES

REGISTRY_NAME = "new-media.yaml"


@dataclass(frozen=True)
class Withheld:
    items: frozenset[str] = frozenset()  # page paths
    reports: frozenset[str] = frozenset()  # annual report paths (.yaml)
    media: frozenset[str] = frozenset()  # content/<dept>/media/... paths
    registries: frozenset[str] = frozenset()  # department ids whose accounts are held back
    departments: frozenset[str] = frozenset()  # department ids held back whole
    other: frozenset[str] = frozenset()  # files nothing is published from (misplaced)
    blocked: bool = False  # a finding that cannot be withheld: nothing is published
    urls: frozenset[str] = field(default_factory=frozenset)  # what links must not point at
    prefixes: tuple[str, ...] = ()  # ... nor below (the sections of withheld departments)

    def listing(self) -> list[str]:
        """What the build says it withheld: files, and ``content/<dept>/`` for departments."""
        departments = {f"{CONTENT_DIR}/{dept}/" for dept in self.departments}
        files = self.items | self.reports | self.media | self.other
        files |= {f"{CONTENT_DIR}/{dept}/{REGISTRY_NAME}" for dept in self.registries}
        inside = {path for path in files if any(path.startswith(d) for d in departments)}
        return sorted(departments | (files - inside))

    def hides(self, target: str) -> bool:
        """Whether a link target (a URL or a file below ``content/``) is not published."""
        return target in self.urls or (bool(self.prefixes) and target.startswith(self.prefixes))


def decide(
    analysis, blocking: Iterable[Finding], media_users: dict[str, set[str]] | None = None
) -> Withheld:
    """Attribute each blocking finding to what can be held back with it; a media file
    with errors is held back with the pages and reports that use it (``media_users``)."""
    pages = {p.path: p for p in analysis.pages}
    report_of = {r.path: r.path for r in analysis.reports}
    report_of |= {
        r.applications_source: r.path for r in analysis.reports if r.applications_source != "yaml"
    }
    departments = {d.id for d in analysis.config.departments}
    items, reports, media, registries, held, other = set(), set(), set(), set(), set(), set()
    blocked = False
    for finding in blocking:
        path = finding.path
        parts = path.split("/")
        dept = parts[1] if len(parts) > 2 and parts[0] == CONTENT_DIR else None
        if path in pages:
            items.add(path)
        elif path in report_of:
            reports.add(report_of[path])
        elif dept not in departments:
            if parts[0] == CONTENT_DIR and not path.endswith("/"):
                other.add(path)  # a misplaced file: nothing is published from it anyway
            else:
                blocked = True  # site.toml, checks/, templates/, an unknown department
        elif path.endswith("/"):
            held.add(dept)  # a site-level finding of the department or one of its columns
        elif parts[2] == MEDIA_DIR:
            media.add(path)
        elif len(parts) == 3 and parts[2] == REGISTRY_NAME:
            registries.add(dept)
        else:
            other.add(path)
    for path in media:
        for user in (media_users or {}).get(path, ()):
            (items if user in pages else reports).add(report_of.get(user, user))
    if held:
        items |= {p.path for p in analysis.pages if p.department in held}
        reports |= {r.path for r in analysis.reports if r.department in held}
    prefixes = tuple(
        sorted({f"{dept}/" for dept in held} | {f"disclosure/{dept}/" for dept in held})
    )
    urls = {pages[path].url for path in items} | set(prefixes)
    urls |= {_report_url(analysis, path) for path in reports}
    urls |= {path.removeprefix(f"{CONTENT_DIR}/") for path in media}
    return Withheld(
        frozenset(items),
        frozenset(reports),
        frozenset(media),
        frozenset(registries),
        frozenset(held),
        frozenset(other),
        blocked,
        frozenset(urls),
        prefixes,
    )


def _report_url(analysis, path: str) -> str:
    report = next(r for r in analysis.reports if r.path == path)
    return f"{report.department}/annual-report/{report.year}/"


def unlinked(page: Page, facts: PageFacts, withheld: Withheld, t: Translator) -> list[Finding]:
    """``info`` findings for the page's links to withheld targets (shown as text)."""
    from govsite.rules.texts import column_of

    rule = RULES["LK002"]
    return [
        Finding(
            "LK002",
            Severity.INFO,
            page.path,
            link.line,
            column_of(page, link.line, link.href),
            t("withhold.unlinked", href=link.href),
            rule.article,
            excerpt=link.href,
        )
        for link in facts.links
        if link.target is not None and withheld.hides(link.target)
    ]
