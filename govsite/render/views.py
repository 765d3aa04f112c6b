"""What templates see: small frozen views of departments, columns and items.

The template contract (names and attributes) is documented in ``templates/README.md``;
keep the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from govsite.config import Column, Department, SiteConfig
from govsite.content.model import DOC_TYPE_LABELS, Page
from govsite.urlpolicy import safe_href

COLUMN_TYPE_LABELS = {
    "dynamic": "工作动态",
    "notice": "通知公告",
    "policy": "政策文件",
    "interpretation": "政策解读",
    "personnel": "人事信息",
    "planning": "规划计划",
    "guide": "政府信息公开指南",
    "rules": "政府信息公开制度",
    "other": "其他",
}


@dataclass(frozen=True)
class DepartmentView:
    id: str
    name: str
    short_name: str
    url: str


@dataclass(frozen=True)
class ColumnView:
    id: str
    title: str
    kind: str
    disclosure: bool
    url: str  # the site-wide listing

    @property
    def type_label(self) -> str:
        return COLUMN_TYPE_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class SourceView:
    name: str
    url: str
    title: str


@dataclass(frozen=True)
class ItemView:
    title: str
    url: str
    date: str
    department: DepartmentView
    column: ColumnView
    index_no: str
    doc_no: str
    repealed: str | None
    written: str | None
    source: SourceView | None
    source_label: str
    topic: str
    keywords: tuple[str, ...]
    summary: str
    doc_type_label: str | None
    draft: bool
    body: Markup = field(default_factory=Markup)


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool


@dataclass(frozen=True)
class Pagination:
    page: int
    pages: int
    prev_url: str | None
    next_url: str | None
    links: tuple[PageLink, ...]


@dataclass(frozen=True)
class ColumnBlock:
    """A column's latest items in a block (home page, department section, site map)."""

    column: ColumnView
    items: list[ItemView]
    url: str
    total: int


@dataclass(frozen=True)
class CatalogueEntry:
    """One department in the disclosure catalogue (目录)."""

    department: DepartmentView
    guide: list[ItemView]
    rules: list[ItemView]
    columns: list[ColumnBlock]
    catalogue_url: str
    annual_reports: list = field(default_factory=list)  # ReportLink of this department


@dataclass(frozen=True)
class DepartmentTree:
    department: DepartmentView
    columns: list[ColumnBlock]


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str | None


class ViewFactory:
    """Builds views with URLs under the site's base path."""

    def __init__(self, config: SiteConfig):
        self.config = config
        self.base = config.site.base_path
        self.departments = {d.id: self.department(d) for d in config.departments}
        self.columns = {c.id: self.column(c) for c in config.columns}

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def department(self, dept: Department) -> DepartmentView:
        return DepartmentView(dept.id, dept.name, dept.short_name, self.url(f"{dept.id}/"))

    def column(self, column: Column) -> ColumnView:
        url = self.url(f"columns/{column.id}/")
        return ColumnView(column.id, column.title, column.kind, column.disclosure, url)

    def dept_column_url(self, dept_id: str, column_id: str) -> str:
        return self.url(f"{dept_id}/{column_id}/")

    def item(self, page: Page, body: Markup | None = None) -> ItemView:
        meta = page.meta
        assert meta is not None, "only parsed pages are published"
        department = self.departments[page.department]
        source = (
            SourceView(meta.source.name, safe_href(meta.source.url), meta.source.title)
            if meta.source and meta.origin == "repost"
            else None
        )
        return ItemView(
            title=meta.title,
            url=self.url(page.url),
            date=meta.date.isoformat(),
            department=department,
            column=self.columns[page.column],
            index_no=meta.index_no,
            doc_no=meta.doc_no,
            repealed=meta.repealed.isoformat() if meta.repealed else None,
            written=meta.written.isoformat() if meta.written else None,
            source=source,
            source_label=source.name if source else department.name,
            topic=meta.topic,
            keywords=meta.keywords,
            summary=meta.summary,
            doc_type_label=DOC_TYPE_LABELS.get(meta.doc_type),
            draft=meta.review.status != "approved",
            body=body if body is not None else Markup(),
        )


def paginate(count: int, size: int, first_url: str) -> list[tuple[Pagination, slice, str]]:
    """Split ``count`` entries into pages of ``size``: ``(pagination, slice, url)`` each.

    Page 1 lives at ``first_url``; page n at ``first_url + "page/n/"``. The page links
    show a window around the current page plus the first and last, so pagination stays
    small on a 10,000-item column.
    """
    pages = max(1, -(-count // size))

    def url_of(number: int) -> str:
        return first_url if number == 1 else f"{first_url}page/{number}/"

    result = []
    for number in range(1, pages + 1):
        window = sorted({1, pages, *range(max(1, number - 3), min(pages, number + 3) + 1)})
        links = tuple(PageLink(n, url_of(n), n == number) for n in window)
        pagination = Pagination(
            page=number,
            pages=pages,
            prev_url=url_of(number - 1) if number > 1 else None,
            next_url=url_of(number + 1) if number < pages else None,
            links=links,
        )
        result.append((pagination, slice((number - 1) * size, number * size), url_of(number)))
    return result
