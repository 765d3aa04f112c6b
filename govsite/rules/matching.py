"""Find a rule pack's terms and patterns in normalised text, with allow phrases and
context cues.

- Text is normalised first (:mod:`govsite.textnorm`): full-width letters and digits,
  invisible characters and HTML entities cannot hide a term. Matches are reported at
  their place in the text *as written*.
- Plain terms of a list are compiled into one regular expression shaped as a trie, and
  up to three spaces, dots, dashes, asterisks or HTML tags are tolerated between any two
  characters of a term (``3 6 5 b e t``, ``博-彩``, ``365<b></b>bet``); sentence
  punctuation and quotes are not, so words of two sentences never join.
- A page's lines are joined into one text, so a page is scanned once per list however
  long the list grows. Latin letters match case-insensitively.
- A match inside an ``allow`` phrase (``福利彩票`` for ``彩票``) is not a match.
- A match in a sentence that carries a ``context`` cue (publicity, warning, enforcement
  or negation: ``严厉打击``, ``警惕``, ``依法查处``, ``严禁``) is not a match: the sentence
  talks *about* the offence. Sentences end at 。！？；, a line end, and at ``_`` or ``|``
  (which join an injected spam title to the page's own title).

Every regex here has bounded quantifiers; scanning is linear in the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from govsite.rulepack import TermList
from govsite.textnorm import Normalised, normalise

# Joins a page's lines; no term or pattern can match across it (``.`` stops at the
# newline, a gap never contains NUL, and a match containing NUL is dropped).
SEPARATOR = "\n\x00\n"
# What may be inserted between two characters of a term to dodge a filter.
GAP_CHARS = " \t._\\-*·•・|丨/\\\\~^+=#"
_GAP = rf"(?:[{GAP_CHARS}]|<[^<>\n]{{0,80}}>)"
GAP = rf"{_GAP}{{0,3}}"
_GAP_STRIP = re.compile(rf"{_GAP}+")
_SENTENCE_END = re.compile(r"[。！？!?；;\n\x00_|丨]")
_LINE_END = re.compile(r"[\n\x00_|丨]")
_REACH = 200  # characters searched each side of a match for its sentence
MAX_CHECKS = 2000  # matches per scan checked against allow phrases and context cues


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    text: str
    term: str  # the list entry that matched (the pattern's source for a pattern)


def _trie(words: Sequence[str]) -> str | None:
    """A regex matching any of ``words`` (longest first), tolerating gaps."""
    root: dict = {}
    for word in words:
        node = root
        for char in _GAP_STRIP.sub("", word.lower()):
            node = node.setdefault(char, {})
        if node is not root:
            node[""] = {}
    return _branch(root) if root else None


def _branch(node: dict) -> str:
    alternatives = []
    for char in sorted(k for k in node if k):
        child = node[char]
        rest = _branch(child) if any(child) else ""
        if rest and "" in child:
            alternatives.append(f"{re.escape(char)}(?:{GAP}{rest})?")
        elif rest:
            alternatives.append(f"{re.escape(char)}{GAP}{rest}")
        else:
            alternatives.append(re.escape(char))
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def compile_terms(words: Sequence[str]) -> re.Pattern[str] | None:
    source = _trie(words)
    return re.compile(source, re.IGNORECASE) if source else None


def canonical(text: str) -> str:
    """A matched text normalised, without the gaps, lower-cased: the list entry it
    stands for."""
    return _GAP_STRIP.sub("", normalise(text).text).lower()


class Replacements(dict):
    """Corrections by wrong form; a matched text finds its entry however it was written
    (full-width, with gaps, in capitals)."""

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(canonical(key))

    def get(self, key: str, default=None):  # type: ignore[override]
        return super().get(canonical(key), default)


class Lines:
    """Several lines normalised and joined once, for every matcher that reads them."""

    def __init__(self, texts: Sequence[str]):
        self.views: list[Normalised] = [normalise(text) for text in texts]
        self.starts: list[int] = []
        offset = 0
        for view in self.views:
            self.starts.append(offset)
            offset += len(view.text) + len(SEPARATOR)
        self.joined = SEPARATOR.join(view.text for view in self.views)

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """(line index, start, end) in the original line of a span of the joined text."""
        index = bisect.bisect_right(self.starts, start) - 1
        base = self.starts[index]
        a, b = self.views[index].where(start - base, end - base)
        return index, a, b


class Matcher:
    def __init__(
        self,
        terms: tuple[str, ...],
        patterns: tuple[re.Pattern[str], ...],
        allow: tuple[str, ...],
        replacements: dict[str, str] | None = None,
        context: tuple[str, ...] = (),
        scope: str = "sentence",
    ):
        self._ends = _LINE_END if scope == "line" else _SENTENCE_END
        self.terms = compile_terms(terms)
        self.patterns = patterns
        self._allow_words = allow
        self._context_words = context
        self.replacements = Replacements({canonical(k): v for k, v in (replacements or {}).items()})

    @cached_property
    def allow(self) -> re.Pattern[str] | None:
        return compile_terms(self._allow_words)

    @cached_property
    def context(self) -> re.Pattern[str] | None:
        words = sorted({w.lower() for w in self._context_words}, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, words)), re.IGNORECASE) if words else None

    def find(self, text: str) -> Iterator[Match]:
        """Matches in one text as written (normalised here)."""
        for _, match in self.scan(Lines([text])):
            yield match

    def find_in(self, texts: Sequence[str]) -> list[tuple[int, Match]]:
        """Matches in several lines at once, as ``(line index, match within that line)``."""
        return self.scan(Lines(texts))

    def scan(self, lines: Lines) -> list[tuple[int, Match]]:
        """Matches in lines already normalised, positions in the lines as written."""
        text = lines.joined
        spans: list[tuple[int, int, str]] = []
        if self.terms is not None:
            spans += [(m.start(), m.end(), m.group(0)) for m in self.terms.finditer(text)]
        for pattern in self.patterns:
            spans += [
                (m.start(), m.end(), pattern.pattern)
                for m in pattern.finditer(text)
                if m.end() > m.start()
            ]
        if not spans:
            return []
        found = []
        seen: set[tuple[int, int]] = set()
        reported: set[tuple[int, str]] = set()  # (line, term): one match of each is enough
        excused = self._excused(text)
        cued = self._cued(text)
        checks = 0
        for start, end, term in sorted(spans):
            if (start, end) in seen or "\x00" in text[start:end]:
                continue
            seen.add((start, end))
            line = bisect.bisect_right(lines.starts, start) - 1
            key = (line, term)
            if key in reported:
                continue
            checks += 1
            # Past MAX_CHECKS matches in one scan (a pathological line of thousands of
            # repeats), matches are reported without the allow and context checks, so
            # the scan stays linear and nothing can hide behind a flood of excused ones.
            if checks <= MAX_CHECKS and (excused(start, end) or cued(start, end)):
                continue
            reported.add(key)
            index, a, b = lines.locate(start, end)
            source = lines.views[index].source
            found.append((index, Match(a, source[a:b], term)))
        return found

    def _excused(self, text: str):
        """Whether a span lies inside an allow phrase (phrases found once, when needed)."""
        ranges: list[tuple[int, int]] | None = None

        def excused(start: int, end: int) -> bool:
            nonlocal ranges
            if self.allow is None:
                return False
            if ranges is None:
                ranges = [m.span() for m in self.allow.finditer(text)]
            at = bisect.bisect_right(ranges, (start, len(text) + 1))
            return any(a <= start and end <= b for a, b in ranges[max(0, at - 8) : at])

        return excused

    def _cued(self, text: str):
        """Whether the sentence around a span carries a context cue outside the span:
        it warns, reports enforcement or negates, so it talks about the offence.
        Cues and sentence ends are found once per text, when the first match needs them."""
        found: tuple[list[tuple[int, int]], list[int]] | None = None

        def cued(start: int, end: int) -> bool:
            nonlocal found
            if self.context is None:
                return False
            if found is None:
                found = (
                    [m.span() for m in self.context.finditer(text)],
                    [m.start() for m in self._ends.finditer(text)],
                )
            cues, ends = found
            at = bisect.bisect_left(ends, start)
            left = max(ends[at - 1] + 1 if at else 0, start - _REACH)
            after = bisect.bisect_left(ends, end)
            right = min(ends[after] if after < len(ends) else len(text), end + _REACH)
            first = bisect.bisect_left(cues, (left, -1))
            for a, b in cues[first : first + 64]:
                if a >= right:
                    break
                if b <= start or (a >= end and b <= right):
                    return True
            return False

        return cued


def around(
    text: str, start: int, end: int, ends: re.Pattern[str] = _SENTENCE_END
) -> tuple[str, str]:
    """The rest of the sentence before and after ``text[start:end]`` (bounded window;
    the match itself is left out, so a term never counts as its own cue)."""
    head = text[max(0, start - _REACH) : start]
    last = None
    for last in ends.finditer(head):  # noqa: B007 (the last one is wanted)
        pass
    if last is not None:
        head = head[last.end() :]
    tail = text[end : end + _REACH]
    stop = ends.search(tail)
    return head, tail[: stop.start()] if stop else tail


@cache
def matcher_for(terms: TermList, extra_allow: tuple[str, ...] = ()) -> Matcher:
    return Matcher(
        terms.terms,
        terms.patterns,
        tuple(dict.fromkeys(terms.allow + extra_allow)),
        context=terms.context,
        scope=terms.scope,
    )


@cache
def swap_matcher(swaps: tuple[tuple[str, str], ...], allow: tuple[str, ...] = ()) -> Matcher:
    """A matcher for wrong forms that knows each one's correction (``replacements``)."""
    return Matcher(tuple(wrong for wrong, _ in swaps), (), allow, dict(swaps))
