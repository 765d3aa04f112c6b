"""Find a rule pack's terms and patterns in text, once per span, with ``allow`` phrases.

All plain terms of a list are compiled into one regular expression (longest first), so
a page is scanned once per list however long the list grows. Latin letters match
case-insensitively. A match lying inside an ``allow`` phrase (``福利彩票`` for the term
``彩票``) is not a match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from govsite.rulepack import TermList


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    text: str
    term: str  # the list entry that matched (the pattern's source for a pattern)


class Matcher:
    def __init__(
        self, terms: tuple[str, ...], patterns: tuple[re.Pattern[str], ...], allow: tuple[str, ...]
    ):
        ordered = sorted({t.lower() for t in terms}, key=len, reverse=True)
        self.terms = (
            re.compile("|".join(map(re.escape, ordered)), re.IGNORECASE) if ordered else None
        )
        self.patterns = patterns
        allowed = sorted({a.lower() for a in allow}, key=len, reverse=True)
        self.allow = (
            re.compile("|".join(map(re.escape, allowed)), re.IGNORECASE) if allowed else None
        )

    def find(self, text: str) -> Iterator[Match]:
        excused = (
            [range(m.start(), m.end()) for m in self.allow.finditer(text)] if self.allow else []
        )

        def excused_at(start: int, end: int) -> bool:
            return any(r.start <= start and end <= r.stop for r in excused)

        seen: set[tuple[int, int]] = set()
        if self.terms is not None:
            for match in self.terms.finditer(text):
                if not excused_at(match.start(), match.end()):
                    seen.add((match.start(), match.end()))
                    yield Match(match.start(), match.group(0), match.group(0))
        for pattern in self.patterns:
            for match in pattern.finditer(text):
                span = (match.start(), match.end())
                if match.group(0) and span not in seen and not excused_at(*span):
                    seen.add(span)
                    yield Match(match.start(), match.group(0), pattern.pattern)


@cache
def matcher_for(terms: TermList, extra_allow: tuple[str, ...] = ()) -> Matcher:
    return Matcher(terms.terms, terms.patterns, terms.allow + extra_allow)


@cache
def swap_matcher(swaps: tuple[tuple[str, str], ...], allow: tuple[str, ...] = ()) -> Matcher:
    return Matcher(tuple(wrong for wrong, _ in swaps), (), allow)
