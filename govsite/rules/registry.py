"""The rule registry: one decorator registers a rule with its metadata and docs (STYLE 3).

A rule's docstring holds its documentation in Chinese, then a line ``---``, then in
English; each half has the sections What it finds / Why / Example / Instead (查什么 /
为什么 / 示例 / 应改为). ``govsite rules CODE`` prints the half in the run's language.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govsite.findings import Note, Severity

if TYPE_CHECKING:
    from govsite.config import SiteConfig
    from govsite.content.model import Page, Problem
    from govsite.disclosure.annual import AnnualReport
    from govsite.i18n import Translator
    from govsite.newmedia.registry import Registry
    from govsite.render.facts import PageFacts
    from govsite.rulepack import RulePack
    from govsite.workdays import WorkingCalendar


@dataclass(frozen=True)
class PageContext:
    """What a page rule may read besides the page itself.

    ``memo`` is shared by every rule run on the same page, so a rule family parses once
    (the privacy rules find all identifiers in one pass and each keeps its kind).
    """

    config: SiteConfig
    t: Translator
    as_of: dt.date
    facts: PageFacts | None  # None when the page could not be rendered
    pack: RulePack = field(default_factory=lambda: _empty_pack())
    memo: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SiteContext:
    """What a site rule may read: the checked pages and their facts (see ``drafts``)."""

    config: SiteConfig
    t: Translator
    as_of: dt.date
    pages: tuple[Page, ...]
    facts: dict[str, PageFacts] = field(default_factory=dict)
    pack: RulePack = field(default_factory=lambda: _empty_pack())
    reports: tuple[AnnualReport, ...] = ()
    calendar: WorkingCalendar = field(default_factory=lambda: _calendar())
    registries: tuple[Registry, ...] = ()
    attachments: object = None  # an AttachmentShelf: media files, read once per check
    notes: list[Note] = field(default_factory=list)  # "could not judge", said once per run
    # drafts left out of ``pages`` so they change nothing another page is told; a rule
    # may name them in its advice (DS005: "approve the draft …")
    drafts: tuple[Page, ...] = ()


def _calendar() -> WorkingCalendar:
    from govsite.workdays import WorkingCalendar

    return WorkingCalendar()


def _empty_pack() -> RulePack:
    from govsite.rulepack import RulePack

    return RulePack()


PageCheck = Callable[["Page", PageContext], Iterable["Problem"]]
SiteCheck = Callable[[SiteContext], Iterable[tuple[str, "Problem"]]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    article: str
    doc: str
    check: PageCheck | SiteCheck
    scope: str  # "page" or "site"

    def title(self, lang: str = "zh") -> str:
        """The rule's title in words (``rule.title.<CODE>`` in the message catalogue); the
        kebab ``name`` stays its stable identifier."""
        from govsite.i18n import MESSAGES

        zh, en = MESSAGES.get(f"rule.title.{self.code}", (self.name, self.name))
        return en if lang == "en" else zh

    def doc_in(self, lang: str) -> str:
        zh, _, en = self.doc.partition("\n---\n")
        return (en if lang == "en" and en else zh).strip()


RULES: dict[str, Rule] = {}


def rule(
    code: str, name: str, severity: Severity, *, article: str, scope: str = "page"
) -> Callable[[Callable], Callable]:
    """Register the decorated function as rule ``code``."""

    def register(function: Callable) -> Callable:
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        RULES[code] = Rule(
            code=code,
            name=name,
            severity=severity,
            article=article,
            doc=inspect.cleandoc(function.__doc__ or ""),
            check=function,
            scope=scope,
        )
        return function

    return register
