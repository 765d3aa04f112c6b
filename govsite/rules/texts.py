"""Every published string, at its file line, for the content rules (PV, AD, WD, RV004).

One mechanism for "a published string at file:line goes through the content rules":
a :class:`Published` holds the :class:`Span` s of one source file (a page, an annual
report, a new-media registry) and the file's lines for exact columns. The content rules
read a ``Published`` and never care which kind of file it came from.

- A page: title, summary, keywords, topic, document and index numbers, the source's name
  and title, each media entry's source and license (at their front-matter lines), then the
  body from the rendering facts (paragraphs, headings, table cells with their column
  header, link text and titles, image alt text, inline code, fenced and indented code,
  raw HTML shown as text), one span per source line.
- The page's own URL (its slug, from the file name or ``slug``) and the names of the
  site's files it links to or declares in ``media``: they are published in addresses, so
  an ID number in a file name is as public as one in the title (field ``url``).
- A YAML data file: the strings its publisher shows (the annual report's text sections,
  account names), split into lines and found at their own file line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from govsite.content.model import Page
from govsite.render.facts import PageFacts
from govsite.rules.matching import Lines, lines_of


# Not frozen (a frozen dataclass sets each field through object.__setattr__, and a page
# makes hundreds of spans); hashable all the same, and never changed once made.
@dataclass(slots=True, unsafe_hash=True)
class Span:
    line: int
    text: str
    field: str  # title | summary | keywords | topic | doc_no | index_no | source | media | body | …
    kind: str = "text"  # for body spans, the TextFact kind (text, code, indented, title)
    context: str = ""  # words that describe the span (a table column's header)


@dataclass
class Published:
    """The published strings of one source file and how to find columns in it."""

    spans: list[Span]
    source_line: Callable[[int], str] = field(repr=False)

    @cached_property
    def lines(self) -> Lines:
        """The spans normalised and joined once, for every matcher."""
        return lines_of(tuple(span.text for span in self.spans))

    def column(self, line: int, needle: str) -> int:
        """1-based column of ``needle`` on the file's ``line`` (1 if it cannot be found,
        e.g. when Markdown syntax or an entity splits it)."""
        index = self.source_line(line).find(needle)
        return index + 1 if index >= 0 else 1


def page_spans(page: Page, facts: PageFacts | None, *, memo: dict | None = None) -> list[Span]:
    return published_page(page, facts, memo=memo).spans


def published_page(page: Page, facts: PageFacts | None, *, memo: dict | None = None) -> Published:
    if memo is not None and "published" in memo:
        return memo["published"]
    spans: list[Span] = []
    meta = page.meta
    if meta is not None:
        spans += _front_matter_spans(page)
    if facts is not None:
        spans += [Span(f.line, f.text, "body", f.kind, f.context) for f in facts.text]
    spans += _address_spans(page, facts)
    published = Published(spans, page.source_line)
    if memo is not None:
        memo["published"] = published
        memo["spans"] = spans
    return published


def _front_matter_spans(page: Page) -> list[Span]:
    meta = page.meta
    assert meta is not None
    line = page.line_of
    spans = [Span(line("title"), meta.title, "title")]
    for name in ("summary", "topic", "doc_no", "index_no"):
        value = getattr(meta, name, "")
        if value:
            spans.append(Span(line(name), str(value), name))
    if meta.keywords:
        spans.append(Span(line("keywords"), "、".join(meta.keywords), "keywords"))
    if meta.source is not None:
        for name in ("name", "title"):
            value = getattr(meta.source, name, "")
            if value:
                spans.append(Span(line("source", name), value, "source"))
    for index, entry in enumerate(meta.media):
        for name in ("source", "license"):
            value = getattr(entry, name, "")
            if value:
                spans.append(Span(line("media", index, name), value, "media"))
    return spans


def _address_spans(page: Page, facts: PageFacts | None) -> list[Span]:
    """The site addresses a page publishes: its own URL and the local files it links to
    or declares (external addresses are the link rules' business, not the content's).
    Path separators become spaces: the identifier detectors take a number after ``/`` for
    the tail of an index number, but in a file name it is the whole name."""
    addresses = [(page.line_of("slug"), page.url)]  # line 1 (the file) without ``slug``
    if facts is not None:
        local = ("page", "url", "file")
        addresses += [(link.line, link.href) for link in facts.links if link.kind in local]
    if page.meta is not None:
        for index, entry in enumerate(page.meta.media):
            if entry.file and "://" not in entry.file:
                addresses.append((page.line_of("media", index, "file"), entry.file))
    return [Span(line, address.replace("/", " "), "url") for line, address in addresses]


def yaml_published(
    source: str, positions: dict, strings: Iterable[tuple[tuple, str, str]]
) -> Published:
    """The published strings of a YAML file: ``(key path, value, field)`` each, split into
    lines found at their own file line (a block scalar's lines follow its key)."""
    file_lines = source.split("\n")
    spans: list[Span] = []
    for path, value, name in strings:
        if not isinstance(value, str) or not value.strip():
            continue
        where = positions.get((*path, "=")) or positions.get(path) or (1, 1)
        spans += _value_lines(file_lines, where[0], value, name)

    def source_line(number: int) -> str:
        return file_lines[number - 1] if 1 <= number <= len(file_lines) else ""

    return Published(spans, source_line)


def _value_lines(file_lines: list[str], start: int, value: str, name: str) -> list[Span]:
    """Each line of a (possibly folded or block) scalar at the file line it is written on;
    a folded line (``>``, or a plain scalar over several lines) as the file lines it joins."""
    spans = []
    cursor = start  # 1-based file line searched from
    last = len(file_lines)
    for part in value.split("\n"):
        text = part.strip()
        if not text:
            continue
        line = next(
            (
                n
                for n in range(cursor, min(last, cursor + 200) + 1)
                if _holds(file_lines[n - 1].strip(), text)
            ),
            None,
        )
        if line is None:
            spans.append(Span(cursor, text, name))
            continue
        written = file_lines[line - 1].strip()
        if text in written or line == last:
            spans.append(Span(line, text, name))
            cursor = line
            continue
        while line <= last and (piece := file_lines[line - 1].strip()) and piece in text:
            spans.append(Span(line, piece, name))
            line += 1
        cursor = line - 1
    return spans


def _holds(written: str, text: str) -> bool:
    """Whether a file line shows (part of) a value's line."""
    return bool(written) and (text in written or written in text)


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
