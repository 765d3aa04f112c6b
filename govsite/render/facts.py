"""Facts extracted while rendering a page (STYLE 2: extract facts, then judge).

Rules read these, never the HTML. Every fact carries its file line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LinkFact:
    href: str  # as written (after Markdown's URL normalisation, percent-decoded)
    text: str
    line: int
    kind: str  # page | url | file | anchor | external | other
    target: str | None  # resolved site path (content path or URL) when internal
    anchor: str  # the fragment, without "#"
    image: bool = False
    alt: str = ""


@dataclass(frozen=True, slots=True)
class HeadingFact:
    level: int
    text: str
    anchor: str
    line: int


@dataclass(frozen=True, slots=True)
class TextFact:
    """Published text at a file line: what content rules read.

    ``kind`` says where it is shown: ``text`` (paragraphs, headings, list items, table
    cells, link text, image alt text, inline code, raw HTML shown as text), ``code`` (a
    fenced code block), ``indented`` (an indented code block: text pasted with its
    indentation), ``title`` (a link's or image's title attribute). ``context`` is text
    that describes this one without being shown with it: the header of a table cell's
    column (``身份证号`` above a bare number).
    """

    line: int
    text: str
    kind: str = "text"
    context: str = ""


@dataclass(frozen=True, slots=True)
class PageFacts:
    links: tuple[LinkFact, ...]
    headings: tuple[HeadingFact, ...]
    text: tuple[TextFact, ...]
    # (line, column, target) of every link target written in the Markdown source, found
    # by its syntax (LK004 reads them: markdown-it refuses to parse some); None: not found
    # yet. Found with the page's other facts, so a cached page is not searched again.
    source_urls: tuple[tuple[int, int, str], ...] | None = None

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(h.anchor for h in self.headings)

    @property
    def images(self) -> tuple[LinkFact, ...]:
        return tuple(link for link in self.links if link.image)


@dataclass(frozen=True, slots=True)
class RenderedBody:
    html: str
    facts: PageFacts
