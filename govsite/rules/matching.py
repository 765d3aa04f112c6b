"""Find a rule pack's terms and patterns in text, once per page, with ``allow`` phrases.

All plain terms of a list are compiled into one regular expression (longest first), and
a page's lines are joined into one text, so a page is scanned once per list however
long the list grows. Latin letters match case-insensitively. A match lying inside an
``allow`` phrase (``福利彩票`` for the term ``彩票``) is not a match.

Case-insensitive matching is done by matching the lowered text against the lowered
terms: Python's ``re.IGNORECASE`` turns off the regex engine's first-character scan,
which made every scan about ten times slower on Chinese text. Text where lowering would
move positions or differ from ``re.IGNORECASE`` (a few Greek, Cyrillic and Latin letters
with extra case forms) is matched the old way.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from govsite.rulepack import TermList

# Joins a page's lines; no term or pattern can match across it (``.`` stops at the
# newline, and a match containing NUL is dropped).
SEPARATOR = "\n\x00\n"


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    text: str
    term: str  # the list entry that matched (the pattern's source for a pattern)


def _alternation(words: tuple[str, ...], flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)), flags) if ordered else None


def _extra_cases() -> str:
    try:
        from re import _casefix  # the letters re.IGNORECASE folds beyond str.lower()

        return "".join(chr(c) for c in sorted(_casefix._EXTRA_CASES) if c > 127)
    except (ImportError, AttributeError):
        return "µıſͅΐΰβεθικμπρςσφϐϑϕϖϰϱϵвдостъѣᲀᲁᲂᲃᲄᲅᲆᲇᲈṡẛιΐΰꙋﬅﬆK"


_UNSAFE_TO_LOWER = re.compile(f"[{re.escape(_extra_cases())}\u212a\u0130]")


def _lowered(text: str) -> str | None:
    """``text.lower()`` if matching it equals matching ``text`` with re.IGNORECASE."""
    low = text.lower()
    if len(low) != len(text) or _UNSAFE_TO_LOWER.search(low) or _UNSAFE_TO_LOWER.search(text):
        return None
    return low


class Matcher:
    def __init__(
        self,
        terms: tuple[str, ...],
        patterns: tuple[re.Pattern[str], ...],
        allow: tuple[str, ...],
        replacements: dict[str, str] | None = None,
    ):
        self.terms = _alternation(terms)
        self.patterns = patterns
        self.allow = _alternation(allow)
        # The fast path, unless a term itself has a letter re.IGNORECASE folds specially.
        self.fast = all(_lowered(word) is not None for word in (*terms, *allow))
        self.lower_terms = _alternation(terms, 0)
        self.lower_allow = _alternation(allow, 0)
        self.replacements = {k.lower(): v for k, v in (replacements or {}).items()}

    def find(self, text: str) -> Iterator[Match]:
        low = _lowered(text) if self.fast else None
        subject = text if low is None else low
        terms = self.terms if low is None else self.lower_terms
        allow = self.allow if low is None else self.lower_allow
        excused = [range(m.start(), m.end()) for m in allow.finditer(subject)] if allow else []

        def excused_at(start: int, end: int) -> bool:
            return any(r.start <= start and end <= r.stop for r in excused)

        seen: set[tuple[int, int]] = set()
        if terms is not None:
            for match in terms.finditer(subject):
                start, end = match.span()
                if not excused_at(start, end):
                    seen.add((start, end))
                    yield Match(start, text[start:end], text[start:end])
        for pattern in self.patterns:
            for match in pattern.finditer(text):
                span = (match.start(), match.end())
                if match.group(0) and span not in seen and not excused_at(*span):
                    seen.add(span)
                    yield Match(match.start(), match.group(0), pattern.pattern)

    def find_in(self, texts: Sequence[str]) -> list[tuple[int, Match]]:
        """Matches in several lines at once, as ``(line index, match within that line)``."""
        joined = SEPARATOR.join(texts)
        starts, offset = [], 0
        for text in texts:
            starts.append(offset)
            offset += len(text) + len(SEPARATOR)
        found = []
        for match in self.find(joined):
            if "\x00" in match.text:
                continue
            index = bisect.bisect_right(starts, match.start) - 1
            found.append((index, Match(match.start - starts[index], match.text, match.term)))
        return found


@cache
def matcher_for(terms: TermList, extra_allow: tuple[str, ...] = ()) -> Matcher:
    return Matcher(terms.terms, terms.patterns, terms.allow + extra_allow)


@cache
def swap_matcher(swaps: tuple[tuple[str, str], ...], allow: tuple[str, ...] = ()) -> Matcher:
    """A matcher for wrong forms that knows each one's correction (``replacements``)."""
    return Matcher(tuple(wrong for wrong, _ in swaps), (), allow, dict(swaps))
