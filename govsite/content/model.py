"""The typed model of one content item (SPEC 3.2, 3.3).

A :class:`Page` is built by a pure function of its file's bytes and the site
configuration, so pages can be loaded in parallel and cached.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field, replace

from govsite.findings import Severity
from govsite.yamlsource import KeyPath, LoadedYaml, YamlProblem, load_yaml

REVIEW_LEVELS = ("general", "important", "major")
APPROVER_ROLES = ("principal", "deputy-leader", "city-leader")
REVIEW_STATUSES = ("draft", "approved")
ORIGINS = ("original", "repost")
DOC_TYPES = ("regulation", "normative")
MEDIA_KINDS = ("image", "video", "map")
PRIVACY_EXEMPTIONS = ("penalty-disclosure",)

DOC_TYPE_LABELS = {"regulation": "规章", "normative": "行政规范性文件"}


@dataclass(frozen=True)
class Problem:
    """What a check found at one place, before the engine attaches rule metadata.

    ``severity`` overrides the rule's level for this one finding (e.g. a penalty
    disclosure lowers privacy findings to info); ``None`` keeps the rule's level.
    """

    rule: str
    line: int | None
    column: int | None
    message: str
    excerpt: str = ""
    severity: Severity | None = None


@dataclass(frozen=True)
class Review:
    status: str = "draft"
    level: str = "general"
    editor: str = ""
    reviewer: str = ""
    approver: str = ""
    approver_role: str = ""
    approved: dt.date | None = None


@dataclass(frozen=True)
class Source:
    name: str = ""
    url: str = ""
    title: str = ""


@dataclass(frozen=True)
class MediaEntry:
    file: str
    source: str = ""
    license: str = ""
    kind: str = "image"
    map_review_no: str = ""


@dataclass(frozen=True)
class Privacy:
    exemption: str
    basis: str = ""


@dataclass(frozen=True)
class Waiver:
    rule: str
    reason: str
    by: str
    line: int | None = None


@dataclass(frozen=True)
class FrontMatter:
    title: str
    date: dt.date
    review: Review
    origin: str = "original"
    source: Source | None = None
    doc_no: str = ""
    index_no: str = ""
    written: dt.date | None = None
    doc_type: str = ""
    repealed: dt.date | None = None
    interprets: str = ""  # an interpretation: the policy it interprets, written like a link
    topic: str = ""
    keywords: tuple[str, ...] = ()
    summary: str = ""
    media: tuple[MediaEntry, ...] = ()
    privacy: Privacy | None = None
    waive: tuple[Waiver, ...] = ()


class Status(enum.Enum):
    """Whether an item is published by a build on a given day."""

    PUBLISHED = "published"
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    BROKEN = "broken"  # front matter unusable: never published


@dataclass(frozen=True)
class Page:
    """One content file, parsed.

    ``meta`` is ``None`` when the front matter could not be used; ``problems`` then
    says why (FM001/FM002). ``body_line`` is the file line the body starts on, so
    positions in the body map back to the file.
    """

    path: str  # relative to the site root, POSIX: content/edu/news/x.md
    department: str
    column: str
    slug: str
    meta: FrontMatter | None
    body: str
    body_line: int
    # (line, column) of each front-matter key; None: not kept, found again on demand
    known_positions: dict[KeyPath, tuple[int, int]] | None = field(
        default=None, compare=False, repr=False
    )
    problems: tuple[Problem, ...] = ()
    front_matter: str = ""  # the raw YAML between the fences, for exact columns

    @property
    def positions(self) -> dict[KeyPath, tuple[int, int]]:
        """Where each front-matter key is written in the file: (line, column).

        They are about half of a page's memory, and only a finding needs them: a page
        handed from a worker to the build, or kept in the cache, goes without them
        (:meth:`without_positions`) and reads them again from its front matter here."""
        found = self.known_positions
        if found is None:
            found = front_matter_positions(self.front_matter)
            object.__setattr__(self, "known_positions", found)  # a memo, not a new value
        return found

    def without_positions(self) -> Page:
        """This page without its key positions (the same page: they are not compared)."""
        return replace(self, known_positions=None) if self.known_positions else self

    @property
    def url(self) -> str:
        """The published path, relative to the portal's base path."""
        return f"{self.department}/{self.column}/{self.slug}/"

    @property
    def content_path(self) -> str:
        """The path below ``content/`` that links between pages name."""
        return self.path.removeprefix("content/")

    def status(self, as_of: dt.date) -> Status:
        if self.meta is None:
            return Status.BROKEN
        if self.meta.review.status != "approved":
            return Status.DRAFT
        if self.meta.date > as_of:
            return Status.SCHEDULED
        return Status.PUBLISHED

    def source_line(self, number: int) -> str:
        """Line ``number`` (1-based) of the file as read (BOM and CRLF normalised)."""
        header = ["---", *self.front_matter.split("\n"), "---"] if self.front_matter else []
        if number <= len(header):
            return header[number - 1] if number >= 1 else ""
        body = self.body.split("\n")
        index = number - self.body_line
        return body[index] if 0 <= index < len(body) else ""

    def line_of(self, *key_path: str | int) -> int:
        """The file line a front-matter key is written on (1 when unknown)."""
        while key_path:
            if key_path in self.positions:
                return self.positions[key_path][0]
            key_path = key_path[:-1]
        return 1


def file_positions(loaded: LoadedYaml) -> dict[KeyPath, tuple[int, int]]:
    """The file (line, column) of each key of front matter read by ``load_yaml``: its
    first line is the file's second, after the opening ``---``."""
    return {path: (line + 1, column) for path, (line, column) in loaded.positions.items()}


def front_matter_positions(front_matter: str) -> dict[KeyPath, tuple[int, int]]:
    """:func:`file_positions` of a page's front matter; empty if it cannot be read."""
    if not front_matter:
        return {}
    loaded = load_yaml(front_matter)
    return {} if isinstance(loaded, YamlProblem) else file_positions(loaded)
