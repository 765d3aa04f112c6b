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
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class PageFacts:
    links: tuple[LinkFact, ...]
    headings: tuple[HeadingFact, ...]
    text: tuple[TextFact, ...]

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
