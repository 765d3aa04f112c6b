"""Every page of the portal, produced from the published items (SPEC 8).

Per-item work (the article page) depends only on that item; listings, feeds and
indexes are built once from the sorted item list. Nothing renders the whole site
into every page, so the cost stays linear in the number of items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from jinja2 import Environment

from govsite.cache import hash_text
from govsite.config import SiteConfig
from govsite.content.model import Page
from govsite.content.relations import interpretation_relations
from govsite.disclosure.annual import AnnualReport
from govsite.disclosure.pages import (
    ReportLink,
    ReportView,
    by_year,
    report_json_bytes,
    report_path,
    report_title,
    report_view,
    summary_report,
)
from govsite.render import feeds
from govsite.render.views import (
    CatalogueEntry,
    ColumnBlock,
    ColumnView,
    Crumb,
    DepartmentTree,
    ItemView,
    ViewFactory,
    paginate,
)
from govsite.urlpolicy import safe_href

PAGE_SIZE = 20
HOME_ITEMS = 8
SECTION_ITEMS = 6
CATALOGUE_PAGE_SIZE = 50


@dataclass(frozen=True)
class OutputFile:
    path: str  # relative to the output folder, POSIX
    data: bytes


@dataclass(frozen=True)
class Remembered:
    """An output known by a key of everything it is rendered from. A build keeps the file
    the output it starts from holds for that key (:func:`govsite.build.write_remembered`)
    and calls ``render`` only when it holds something else."""

    path: str
    key: str
    render: Callable[[], OutputFile]

    @property
    def data(self) -> bytes:
        """The bytes, rendered (for a writer that does not keep files by key)."""
        return self.render().data


@dataclass(frozen=True)
class Scope:
    """What an incremental rebuild must render again: the article pages of ``items``, the
    listings, sections and catalogue pages of the ``(department, column)`` places touched,
    and the annual reports if ``reports``. Home, site maps and 404 are always rendered."""

    items: frozenset[str] = frozenset()
    places: frozenset[tuple[str, str]] = frozenset()
    reports: bool = False

    @property
    def departments(self) -> frozenset[str]:
        return frozenset(dept for dept, _ in self.places)

    @property
    def columns(self) -> frozenset[str]:
        return frozenset(column for _, column in self.places)


@dataclass(frozen=True)
class PublishedItem:
    page: Page
    view: ItemView  # with body
    banner: str = ""  # preview only: why this item is not on the portal (draft, scheduled)


class Portal:
    """Renders the portal's pages; yields :class:`OutputFile` one at a time."""

    def __init__(
        self,
        config: SiteConfig,
        env: Environment,
        items: list[PublishedItem],
        *,
        reports: list[AnnualReport] | None = None,
        registries: list | None = None,
        markdown: Callable[[str, str], str] = lambda text, path: "",
        preview: bool = False,
        as_of: dt.date | None = None,
        keys: tuple[str, dict[str, str]] | None = None,
    ):
        """``keys``: the site key and each item's key (path -> the cache key of its page's
        work, which covers its bytes and the site key): listing pages are then yielded
        as :class:`Remembered`, keyed by them."""
        self.config = config
        self.as_of = as_of  # "today" of the build: silent new-media accounts (NM005)
        self.env = env
        self.views = ViewFactory(config)
        self.preview = preview
        self.reports = reports or []
        self.registries = registries or []
        self.scope: Scope | None = None
        self.search_bundles: list[str] = []  # search indexes the search page merges
        self.markdown = markdown  # (markdown text, content path it is written in) -> HTML
        self.items = sorted(items, key=lambda i: (-i.page.meta.date.toordinal(), i.page.path))  # type: ignore[union-attr]
        self.by_column: dict[str, list[ItemView]] = {}
        self.by_department: dict[str, list[ItemView]] = {}
        self.by_place: dict[tuple[str, str], list[ItemView]] = {}
        for entry in self.items:
            self.by_column.setdefault(entry.page.column, []).append(entry.view)
            self.by_department.setdefault(entry.page.department, []).append(entry.view)
            self.by_place.setdefault((entry.page.department, entry.page.column), []).append(
                entry.view
            )
        self.relations = interpretation_relations(entry.page for entry in self.items)
        self.view_by_path = {entry.page.path: entry.view for entry in self.items}
        self.listing_base = ""  # "": listings are rendered, not remembered
        self.item_keys: dict[int, str] = {}  # id() of an item's view -> its key
        if keys is not None and all(entry.page.path in keys[1] for entry in self.items):
            self.listing_base = hash_text("listing", keys[0], str(preview))
            self.item_keys = {id(entry.view): keys[1][entry.page.path] for entry in self.items}
        self.globals = {
            "site": config.site,
            "departments": list(self.views.departments.values()),
            "columns": list(self.views.columns.values()),
            "preview": False,  # true on the page of a draft or scheduled item in a preview
        }

    # ---------------------------------------------------------------- helpers

    def render(self, template: str, path: str, **context: Any) -> OutputFile:
        html = self.env.get_template(template).render({**self.globals, **context})
        return OutputFile(path, html.encode("utf-8"))

    def labels(
        self, column: ColumnView | None = None, item: ItemView | None = None
    ) -> list[tuple[str, str]]:
        """页面标签 read by national inspections (SPEC 8)."""
        site = self.config.site
        labels = [
            ("SiteName", site.title),
            ("SiteDomain", site.domain),
            ("SiteIDCode", site.site_code),
        ]
        if column is not None:
            labels += [("ColumnName", column.title), ("ColumnType", column.type_label)]
        if item is not None:
            labels += [
                ("ArticleTitle", item.title),
                ("PubDate", item.date),
                ("ContentSource", item.source_label),
            ]
            if item.keywords:
                labels.append(("Keywords", ",".join(item.keywords)))
            if item.summary:
                labels.append(("Description", item.summary))
        return labels

    def home_crumb(self) -> Crumb:
        return Crumb("首页", self.views.url("/"))

    def title(self, *parts: str) -> str:
        return " - ".join([*parts, self.config.site.title])

    # ---------------------------------------------------------------- all pages

    def outputs(self, scope: Scope | None = None) -> Iterator[OutputFile | Remembered]:
        """Every page, or only those ``scope`` affects (a live preview's rebuild)."""
        yield from self.indexed_outputs(scope)
        yield from self.other_outputs(scope)

    def indexed_outputs(self, scope: Scope | None = None) -> Iterator[OutputFile]:
        """The pages search indexes (articles, annual reports): written first, so the
        index can be built while the other pages are still being rendered."""
        self.scope = scope
        yield from self.item_pages()
        yield from self.annual_reports()

    def report_outputs_only(self, scope: Scope | None = None) -> Iterator[OutputFile]:
        """The indexed pages other than articles (annual reports)."""
        self.scope = scope
        yield from self.annual_reports()

    def other_outputs(self, scope: Scope | None = None) -> Iterator[OutputFile | Remembered]:
        self.scope = scope
        yield from self.home()
        yield from self.department_sections()
        yield from self.listings()
        yield from self.disclosure()
        yield from self.new_media()
        yield self.render(
            "search.html",
            "search/index.html",
            page_title=self.title("站内搜索"),
            merge_index=[{"bundlePath": url} for url in self.search_bundles],
            labels=self.labels(),
            breadcrumbs=[self.home_crumb(), Crumb("站内搜索", None)],
        )
        yield from self.site_map()
        yield self.render(
            "404.html",
            "404.html",
            page_title=self.title("页面不存在"),
            labels=self.labels(),
            breadcrumbs=[],
        )
        yield OutputFile("sitemap.xml", feeds.sitemap_xml(self.config, self.sitemap_entries()))

    def in_scope(self, dept: str | None = None, column: str | None = None) -> bool:
        scope = self.scope
        if scope is None:
            return True
        if dept is not None and column is not None:
            return (dept, column) in scope.places
        return (dept is None or dept in scope.departments) and (
            column is None or column in scope.columns
        )

    def item_pages(self) -> Iterator[OutputFile]:
        for entry in self.items:
            if self.scope is not None and entry.page.path not in self.scope.items:
                continue
            yield self.item_page(entry)

    def item_page(self, entry: PublishedItem) -> OutputFile:
        """One article page: a function of the item and of the items it is related to
        (a policy and its interpretations), so it can be rendered in parallel."""
        item = entry.view
        crumbs = [
            self.home_crumb(),
            Crumb(item.department.name, item.department.url),
            Crumb(
                item.column.title,
                self.views.dept_column_url(item.department.id, item.column.id),
            ),
            Crumb(item.title, None),
        ]
        return self.render(
            "item.html",
            entry.page.url + "index.html",
            item=item,
            page_title=self.title(item.title),
            labels=self.labels(item.column, item),
            breadcrumbs=crumbs,
            **self.interpretation_links(entry.page.path),
            **({"preview": True, "preview_banner": entry.banner} if entry.banner else {}),
        )

    def interpretation_links(self, path: str) -> dict[str, Any]:
        """The policy an interpretation interprets, and a policy's interpretations."""
        views = self.view_by_path
        target = self.relations.interprets.get(path)
        return {
            "interprets": views.get(target.path) if target is not None else None,
            "interpretations": [
                views[p.path]
                for p in self.relations.interpretations.get(path, [])
                if p.path in views
            ],
        }

    def home(self) -> Iterator[OutputFile]:
        latest = []
        for column in self.views.columns.values():
            items = self.by_column.get(column.id, [])
            latest.append(ColumnBlock(column, items[:HOME_ITEMS], column.url, len(items)))
        yield self.render(
            "home.html",
            "index.html",
            latest=latest,
            page_title=self.config.site.title,
            labels=self.labels(),
            breadcrumbs=[],
        )

    def department_sections(self) -> Iterator[OutputFile]:
        for dept in self.config.departments:
            if not self.in_scope(dept=dept.id):
                continue
            view = self.views.departments[dept.id]
            sections = []
            for column in self.config.columns_of(dept):
                items = self.by_place.get((dept.id, column.id), [])
                url = self.views.dept_column_url(dept.id, column.id)
                sections.append(
                    ColumnBlock(
                        self.views.columns[column.id], items[:SECTION_ITEMS], url, len(items)
                    )
                )
            yield self.render(
                "department.html",
                f"{dept.id}/index.html",
                department=view,
                sections=sections,
                page_title=self.title(view.name),
                labels=self.labels(),
                breadcrumbs=[self.home_crumb(), Crumb(view.name, None)],
            )

    def listings(self) -> Iterator[OutputFile | Remembered]:
        for column in self.config.columns:
            if not self.in_scope(column=column.id):
                continue
            view = self.views.columns[column.id]
            crumbs = [self.home_crumb(), Crumb(view.title, None)]
            yield from self.listing(
                view,
                None,
                self.by_column.get(column.id, []),
                f"columns/{column.id}/",
                view.title,
                crumbs,
            )
        for dept in self.config.departments:
            dept_view = self.views.departments[dept.id]
            for column in self.config.columns_of(dept):
                if not self.in_scope(dept.id, column.id):
                    continue
                view = self.views.columns[column.id]
                items = self.by_place.get((dept.id, column.id), [])
                crumbs = [
                    self.home_crumb(),
                    Crumb(dept_view.name, dept_view.url),
                    Crumb(view.title, None),
                ]
                heading = f"{dept_view.name} · {view.title}"
                yield from self.listing(
                    view, dept_view, items, f"{dept.id}/{column.id}/", heading, crumbs
                )

    def listing(
        self, column, department, items, path, heading, crumbs
    ) -> Iterator[OutputFile | Remembered]:
        feed_path = path + "feed.xml"
        feed_url = self.views.url(feed_path)
        for pagination, window, url in paginate(len(items), PAGE_SIZE, self.views.url(path)):
            out = url.removeprefix(self.config.site.base_path) + "index.html"
            shown = items[window]
            render = partial(
                self.render,
                "listing.html",
                out,
                heading=heading,
                department=department,
                column=column,
                items=shown,
                pagination=pagination,
                feed_url=feed_url,
                page_title=self.title(heading)
                if pagination.page == 1
                else self.title(heading, f"第{pagination.page}页"),
                labels=self.labels(column),
                breadcrumbs=crumbs,
            )
            owner = department.id if department is not None else ""
            yield self.remember(render, shown, heading, column.id, owner, repr(pagination))
        yield OutputFile(
            feed_path,
            feeds.atom(
                self.config, heading, self.views.url(path), self.views.url(feed_path), items
            ),
        )

    def remember(
        self, render: partial[OutputFile], shown: list[ItemView], *parts: str
    ) -> OutputFile | Remembered:
        """A page of a list of items (``render``: its template, path and context), as
        :class:`Remembered` when a key of everything it is rendered from is known, else
        rendered. The site key covers the templates, ``site.toml`` (so the columns,
        departments, labels and breadcrumbs) and govsite, each item's key its page's
        bytes; ``parts`` say the rest (heading, pagination …)."""
        if self.listing_base:
            keys = [self.item_keys.get(id(view), "") for view in shown]
            if all(keys):
                template, path = render.args
                key = hash_text(self.listing_base, template, path, *parts, "", *keys)
                return Remembered(path, key, render)
        return render()

    def disclosure(self) -> Iterator[OutputFile]:
        catalogue = []
        disclosure_columns = [c for c in self.config.columns if c.disclosure]
        report_links = self.report_links()
        for dept in self.config.departments:
            dept_view = self.views.departments[dept.id]
            entries = [v for v in self.by_department.get(dept.id, []) if v.column.disclosure]
            opened = {c.id for c in self.config.columns_of(dept)}
            columns = [
                ColumnBlock(
                    self.views.columns[c.id],
                    [],
                    self.views.dept_column_url(dept.id, c.id),
                    sum(1 for e in entries if e.column.id == c.id),
                )
                for c in disclosure_columns
                if c.id in opened
            ]
            catalogue_url = self.views.url(f"disclosure/{dept.id}/")
            catalogue.append(
                CatalogueEntry(
                    department=dept_view,
                    guide=[e for e in entries if e.column.kind == "guide"],
                    rules=[e for e in entries if e.column.kind == "rules"],
                    columns=columns,
                    catalogue_url=catalogue_url,
                    annual_reports=[link for link in report_links if link.department == dept_view],
                )
            )
            crumbs = [
                self.home_crumb(),
                Crumb("政府信息公开", self.views.url("disclosure/")),
                Crumb(dept_view.name, None),
            ]
            pages = paginate(len(entries), CATALOGUE_PAGE_SIZE, catalogue_url)
            for pagination, window, url in pages if self.in_scope(dept=dept.id) else ():
                render = partial(
                    self.render,
                    "disclosure_department.html",
                    url.removeprefix(self.config.site.base_path) + "index.html",
                    department=dept_view,
                    items=entries[window],
                    pagination=pagination,
                    page_title=self.title(f"{dept_view.name}政府信息公开目录"),
                    labels=self.labels(),
                    breadcrumbs=crumbs,
                )
                yield self.remember(render, entries[window], dept.id, repr(pagination))
        yield self.render(
            "disclosure.html",
            "disclosure/index.html",
            catalogue=catalogue,
            summaries=self.summary_links(),
            page_title=self.title("政府信息公开"),
            labels=self.labels(),
            breadcrumbs=[self.home_crumb(), Crumb("政府信息公开", None)],
        )

    def report_links(self) -> list[ReportLink]:
        links = []
        order = {dept.id: index for index, dept in enumerate(self.config.departments)}
        for report in sorted(self.reports, key=lambda r: (-r.year, order[r.department])):
            dept = self.views.departments[report.department]
            url = self.views.url(report_path(dept.id, report.year))
            title = report_title(report.year, dept.name)
            links.append(ReportLink(report.year, title, url, dept, report.row("new")[6]))
        return links

    def summary_links(self) -> list[ReportLink]:
        return [
            ReportLink(year, self.summary_title(year), self.views.url(report_path(None, year)))
            for year, _ in by_year(self.reports)
        ]

    def summary_title(self, year: int) -> str:
        return f"{self.config.site.title}各部门{year}年政府信息公开工作年度报告汇总"

    def annual_reports(self) -> Iterator[OutputFile]:
        """Each department's report (page + report.json) and each year's city summary."""
        if self.scope is not None and not self.scope.reports:
            return
        disclosure = Crumb("政府信息公开", self.views.url("disclosure/"))
        links = self.report_links()
        for year, reports in by_year(self.reports):
            for report in reports:
                dept = self.views.departments[report.department]
                title = report_title(year, dept.name)
                view = report_view(
                    report, title, dept, self.views.url, partial(self.markdown, path=report.path)
                )
                catalogue = Crumb(dept.name, self.views.url(f"disclosure/{dept.id}/"))
                yield from self.report_outputs(view, report, dept.name, [disclosure, catalogue])
            present = {r.department for r in reports}
            summary = summary_report(reports)
            view = report_view(
                summary,
                self.summary_title(year),
                None,
                self.views.url,
                partial(self.markdown, path="content/annual-report.md"),
                departments=[link for link in links if link.year == year],
                missing=[d for d in self.views.departments.values() if d.id not in present],
            )
            yield from self.report_outputs(view, summary, self.config.site.title, [disclosure])

    def report_outputs(
        self, view: ReportView, report: AnnualReport, name: str, trail: list[Crumb]
    ) -> Iterator[OutputFile]:
        """A report page and its ``report.json``."""
        path = view.url.removeprefix(self.config.site.base_path)
        yield self.render(
            "annual_report.html",
            path + "index.html",
            report=view,
            page_title=self.title(view.title),
            labels=self.report_labels(view.title),
            breadcrumbs=[self.home_crumb(), *trail, Crumb(view.title, None)],
        )
        yield OutputFile(path + "report.json", report_json_bytes(report, name))

    def new_media(self) -> Iterator[OutputFile]:
        """The city's directory of government new-media accounts (SPEC 7)."""
        if self.scope is not None and not self.scope.reports:
            return
        order = {dept.id: index for index, dept in enumerate(self.config.departments)}
        units = [
            (  # only URLs safe to render become links (govsite.urlpolicy; LK004 says why)
                self.views.departments[r.department],
                [replace(a, url=safe_href(a.url)) for a in r.accounts],
            )
            for r in sorted(self.registries, key=lambda r: order.get(r.department, 0))
            if r.department in self.views.departments and r.accounts
        ]
        limit = self.config.inspection.new_media_silence_days
        silent = {
            f"{account.name}|{account.platform}": days
            for _, accounts in units
            for account in accounts
            if self.as_of and (days := account.silent_days(self.as_of)) and days > limit
        }
        yield self.render(
            "new_media.html",
            "new-media/index.html",
            units=units,
            silent=silent,
            silence_limit=limit,
            page_title=self.title("政务新媒体"),
            labels=self.labels(),
            breadcrumbs=[self.home_crumb(), Crumb("政务新媒体", None)],
        )

    def report_labels(self, title: str) -> list[tuple[str, str]]:
        return [
            *self.labels(),
            ("ColumnName", "政府信息公开工作年度报告"),
            ("ColumnType", "政府信息公开年报"),
            ("ArticleTitle", title),
        ]

    def site_map(self) -> Iterator[OutputFile]:
        counts = {place: len(items) for place, items in self.by_place.items()}
        tree = [
            DepartmentTree(
                self.views.departments[dept.id],
                [
                    ColumnBlock(
                        self.views.columns[c.id],
                        [],
                        self.views.dept_column_url(dept.id, c.id),
                        counts.get((dept.id, c.id), 0),
                    )
                    for c in self.config.columns_of(dept)
                ],
            )
            for dept in self.config.departments
        ]
        yield self.render(
            "sitemap.html",
            "sitemap/index.html",
            tree=tree,
            page_title=self.title("网站地图"),
            labels=self.labels(),
            breadcrumbs=[self.home_crumb(), Crumb("网站地图", None)],
        )

    def sitemap_entries(self) -> Iterator[tuple[str, str | None]]:
        """(URL path, last modified) of every indexable page."""
        newest = self.items[0].view.date if self.items else None
        yield self.views.url("/"), newest
        yield self.views.url("disclosure/"), newest
        for dept in self.config.departments:
            yield self.views.url(f"{dept.id}/"), None
            for column in self.config.columns_of(dept):
                yield self.views.dept_column_url(dept.id, column.id), None
        for column in self.config.columns:
            yield self.views.url(f"columns/{column.id}/"), None
        for entry in self.items:
            yield entry.view.url, entry.view.date
