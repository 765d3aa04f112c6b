"""The text of a page that content rules read, with file lines and exact columns.

Title, summary and keywords come from the front matter (at their own lines); the body
comes from the rendering facts (visible text, one entry per source line, raw HTML
included as the text it is shown as). Rules in several families read the same spans.
"""

from __future__ import annotations

from dataclasses import dataclass

from govsite.content.model import Page
from govsite.render.facts import PageFacts


@dataclass(frozen=True, slots=True)
class Span:
    line: int
    text: str
    field: str  # title | summary | keywords | body


def page_spans(page: Page, facts: PageFacts | None, *, memo: dict | None = None) -> list[Span]:
    if memo is not None and "spans" in memo:
        return memo["spans"]
    spans: list[Span] = []
    meta = page.meta
    if meta is not None:
        spans.append(Span(page.line_of("title"), meta.title, "title"))
        if meta.summary:
            spans.append(Span(page.line_of("summary"), meta.summary, "summary"))
        if meta.keywords:
            spans.append(Span(page.line_of("keywords"), " ".join(meta.keywords), "keywords"))
    if facts is not None:
        spans.extend(Span(fact.line, fact.text, "body") for fact in facts.text)
    if memo is not None:
        memo["spans"] = spans
    return spans


def column_of(page: Page, line: int, needle: str) -> int:
    """1-based column of ``needle`` on the file's ``line`` (1 if it cannot be found,
    e.g. when Markdown syntax splits it)."""
    index = page.source_line(line).find(needle)
    return index + 1 if index >= 0 else 1


def excerpt(text: str, start: int, length: int, width: int = 12) -> str:
    """A short window of ``text`` around a match, for the finding's excerpt."""
    left = max(0, start - width)
    right = min(len(text), start + length + width)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
