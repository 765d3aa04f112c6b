"""Find a rule pack's terms and patterns in normalised text, with allow phrases and
context cues.

- Text is normalised first (:mod:`govsite.textnorm`): full-width letters and digits,
  invisible characters and HTML entities cannot hide a term. Matches are reported at
  their place in the text *as written*.
- Plain terms of a list are compiled into one regular expression shaped as a trie, run
  on the lower-cased text (Latin letters match in any case), and up to three spaces,
  dots, dashes, slashes, asterisks or bars are tolerated between any two characters of a
  term (``3 6 5 b e t``, ``博-彩``); a term split by HTML tags (``365<b></b>bet``) is
  found in a copy without the tags. Sentence punctuation and quotes are never skipped, so
  words of two sentences do not join.
- One C-level scan (:mod:`govsite.rules.gate`) finds which terms a text could hold and
  which patterns' required literals (``(全场|全店)…折`` needs 全场 or 全店) it holds: only
  those terms go into the term regex and only those patterns run.
- A page's lines are joined into one text, so a page is scanned once per list however
  long the list grows.
- A match inside an ``allow`` phrase (``福利彩票`` for ``彩票``) is not a match.
- A match in a sentence that carries a ``context`` cue (publicity, warning, enforcement
  or negation: ``严厉打击``, ``警惕``, ``依法查处``, ``严禁``) is not a match: the sentence
  talks *about* the offence. A sentence that asks a question is read with the sentence
  that answers it (``“博彩网站”稳赚不赔？全是骗局！``), bare negations there excepted.
  Sentences end at 。！？；, a line end, and at ``_`` or ``|`` (which join an injected
  spam title to the page's own title).

Every regex here has bounded quantifiers; scanning is linear in the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from govsite.rulepack import TermList
from govsite.rules.gate import GAP_CHARS, Prefilter, Scanned
from govsite.textnorm import Normalised, normalise

# Joins a page's lines; no term or pattern can match across it (``.`` stops at the
# newline, a gap never contains NUL, and a match containing NUL is dropped).
SEPARATOR = "\n\x00\n"
# What may be inserted between two characters of a term (GAP_CHARS) to dodge a filter
GAP = rf"[{GAP_CHARS}]{{0,3}}"
_TAG = re.compile(r"<[^<>\n]{0,80}>")
# Chinese characters with gaps between them, to dodge filters: a space or dot after every
# character (辦 證 刻 章), or a symbol inside a word (菠★菜平台, 刷🔥单, folded to spaces
# by govsite.textnorm). Chinese prose has no spaces, so patterns read such a run without
# its gaps (a heading spaced for looks, 通 知, reads 通知, which no pattern minds).
_GAP_RUN = "[ .]{1,3}"
_SPACED = re.compile(rf"[\u4e00-\u9fff](?:{_GAP_RUN}[\u4e00-\u9fff])+")
_SPACED_HINT = re.compile(rf"[\u4e00-\u9fff]{_GAP_RUN}[\u4e00-\u9fff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_GAP_STRIP = re.compile(rf"[{GAP_CHARS}]+|{_TAG.pattern}")
_SENTENCE_END = re.compile(r"[。！？!?；;\n\x00_|丨]")
_LINE_END = re.compile(r"[\n\x00_|丨]")
_REACH = 200  # characters searched each side of a match for its sentence
# Cues that only negate: after a question they urge on ("还在犹豫？不要错过") as often as
# they warn, so only the other cues in an answering sentence excuse the question.
_BARE_NEGATIONS = frozenset({"不要", "千万别", "请勿", "切勿", "拒绝", "不参与", "不得"})
MAX_CHECKS = 2000  # matches per scan checked against allow phrases and context cues


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    text: str
    term: str  # the list entry that matched (the pattern's source for a pattern)


def _trie(words: Sequence[str], gap: str | None = None) -> str | None:
    """A regex matching any of ``words`` (lower-cased, longest first), tolerating gaps
    between characters (none when ``gap`` is "")."""
    gap = GAP if gap is None else gap
    root: dict = {}
    for word in words:
        node = root
        for char in _spelled(word, gap):
            node = node.setdefault(char, {})
        if node is not root:
            node[""] = {}
    return _branch(root, gap) if root else None


def _spelled(word: str, gap: str) -> str:
    """The characters of ``word`` the trie matches (the gaps between them are the
    regex's business)."""
    return _GAP_STRIP.sub("", word.lower()) if gap else word.lower()


def _branch(node: dict, gap: str) -> str:
    alternatives = []
    for char in sorted(k for k in node if k):
        child = node[char]
        rest = _branch(child, gap) if any(child) else ""
        if rest and "" in child:
            alternatives.append(f"{re.escape(char)}(?:{gap}{rest})?")
        elif rest:
            alternatives.append(f"{re.escape(char)}{gap}{rest}")
        else:
            alternatives.append(re.escape(char))
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def compile_terms(words: Sequence[str], gap: str | None = None) -> re.Pattern[str] | None:
    """The trie of ``words`` for lower-cased text (:attr:`Lines.lower`). No IGNORECASE
    flag: with it, a word starting with a Latin letter would stop the regex engine from
    skipping ahead to the characters that can start a match."""
    source = _trie(words, gap)
    return re.compile(source) if source else None


@lru_cache(maxsize=1024)
def _terms_among(words: frozenset[str], gap: str | None) -> re.Pattern[str] | None:
    """The trie of the few terms a text may hold (a page holds a handful at most)."""
    return compile_terms(sorted(words), gap)


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
        self.texts = list(texts)
        self.starts: list[int] = []
        offset = 0
        for text in self.texts:
            self.starts.append(offset)
            offset += len(text) + len(SEPARATOR)
        # One pass over the whole page; only when something was removed or decoded
        # (positions moved) is each line normalised on its own, to map them back.
        whole = normalise(SEPARATOR.join(self.texts))
        self.views: list[Normalised] | None = None
        if whole.index is None:
            self.joined = whole.text
        else:
            self.views = [normalise(text) for text in self.texts]
            self.starts, offset = [], 0
            for view in self.views:
                self.starts.append(offset)
                offset += len(view.text) + len(SEPARATOR)
            self.joined = SEPARATOR.join(view.text for view in self.views)

    def source(self, index: int) -> str:
        return self.texts[index]

    def joined_line(self, index: int) -> str:
        """Line ``index`` as normalised (its part of ``joined``)."""
        start = self.starts[index]
        end = self.starts[index + 1] - len(SEPARATOR) if index + 1 < len(self.starts) else None
        return self.joined[start:end]

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """(line index, start, end) in the original line of a span of the joined text."""
        index = bisect.bisect_right(self.starts, start) - 1
        base = self.starts[index]
        if self.views is None:
            return index, start - base, end - base
        a, b = self.views[index].where(start - base, end - base)
        return index, a, b

    @cached_property
    def lower(self) -> str:
        """``joined`` in lower case, same length and positions (terms match this)."""
        return self.joined.lower()

    @cached_property
    def scanned(self) -> Scanned:
        """``lower`` and ``untagged`` as the prefilter scans them."""
        text = self.lower
        if self.untagged is not None:
            text += SEPARATOR + self.untagged[0]
        return Scanned(text)

    @cached_property
    def despaced(self) -> tuple[str, list[int]] | None:
        """``joined`` with the gaps removed between Chinese characters (``办 证 刻 章``,
        ``菠 菜平台``), so that patterns see the words; and where each character is in
        ``joined``. None when there is no such gap (most pages)."""
        if not _SPACED_HINT.search(self.joined):
            return None
        pieces: list[str] = []
        index: list[int] = []
        position = 0
        for run in _SPACED.finditer(self.joined):
            pieces.append(self.joined[position : run.start()])
            index.extend(range(position, run.start()))
            for han in _HAN.finditer(self.joined, run.start(), run.end()):
                pieces.append(han.group())
                index.append(han.start())
            position = run.end()
        pieces.append(self.joined[position:])
        index.extend(range(position, len(self.joined)))
        return "".join(pieces), index

    @cached_property
    def untagged(self) -> tuple[str, list[int]] | None:
        """``lower`` without HTML tags (``365<b></b>bet``), and where each of its
        characters is in ``lower``; None when there is no tag."""
        if "<" not in self.lower:
            return None
        pieces: list[str] = []
        index: list[int] = []
        position = 0
        for tag in _TAG.finditer(self.lower):
            pieces.append(self.lower[position : tag.start()])
            index.extend(range(position, tag.start()))
            position = tag.end()
        if not index and position == 0:
            return None
        pieces.append(self.lower[position:])
        index.extend(range(position, len(self.lower)))
        return "".join(pieces), index


class Matcher:
    def __init__(
        self,
        terms: tuple[str, ...],
        patterns: tuple[re.Pattern[str], ...],
        allow: tuple[str, ...],
        replacements: dict[str, str] | None = None,
        context: tuple[str, ...] = (),
        scope: str = "sentence",
        gaps: bool = True,
    ):
        self._ends = _LINE_END if scope == "line" else _SENTENCE_END
        self._gap = None if gaps else ""
        self._terms = terms
        self.patterns = patterns
        self._allow_words = allow
        self._context_words = context
        self.replacements = Replacements({canonical(k): v for k, v in (replacements or {}).items()})

    # Built when first needed: a matcher used only to judge spans found by another
    # (``judge``) never builds its own prefilter.
    @cached_property
    def prefilter(self) -> Prefilter:
        gap = GAP if self._gap is None else self._gap
        keyed = ((_spelled(term, gap), term) for term in self._terms)
        return Prefilter(keyed, self.patterns)

    @cached_property
    def allow(self) -> re.Pattern[str] | None:
        return compile_terms(self._allow_words, self._gap)

    @cached_property
    def context(self) -> re.Pattern[str] | None:
        return compile_terms(self._context_words, gap="")

    def find(self, text: str) -> Iterator[Match]:
        """Matches in one text as written (normalised here)."""
        for _, match in self.scan(Lines([text])):
            yield match

    def find_in(self, texts: Sequence[str]) -> list[tuple[int, Match]]:
        """Matches in several lines at once, as ``(line index, match within that line)``."""
        return self.scan(lines_of(tuple(texts)))

    def scan(self, lines: Lines) -> list[tuple[int, Match]]:
        """Matches in lines already normalised, positions in the lines as written."""
        return self.judge(lines, self.spans(lines))

    def spans(self, lines: Lines) -> list[tuple[int, int, str]]:
        """Where terms and patterns occur in ``lines.joined``: ``(start, end, term)``,
        ``term`` being the matched text (for a term) or the pattern's source."""
        text, lower = lines.joined, lines.lower
        spans: list[tuple[int, int, str]] = []
        words, patterns = self.prefilter.select(lines.scanned)
        terms = _terms_among(words, self._gap) if words else None
        if terms is not None:
            spans += [(m.start(), m.end(), m.group(0)) for m in terms.finditer(lower)]
            if lines.untagged is not None:  # a term split by tags
                untagged, index = lines.untagged
                spans += [
                    (index[m.start()], index[m.end() - 1] + 1, m.group(0))
                    for m in terms.finditer(untagged)
                ]
        for pattern in patterns:
            spans += [
                (m.start(), m.end(), pattern.pattern)
                for m in pattern.finditer(text)
                if m.end() > m.start()
            ]
        # patterns read spaced-out Chinese as words too (the scan saw it without the
        # spaces already: they are gap characters)
        if patterns and lines.despaced is not None:
            despaced, index = lines.despaced
            for pattern in patterns:
                spans += [
                    (index[m.start()], index[m.end() - 1] + 1, pattern.pattern)
                    for m in pattern.finditer(despaced)
                    if m.end() > m.start()
                ]
        return spans

    def judge(self, lines: Lines, spans: list[tuple[int, int, str]]) -> list[tuple[int, Match]]:
        """The spans that allow phrases and context cues do not excuse, as matches."""
        if not spans:
            return []
        text, lower = lines.joined, lines.lower
        found = []
        seen: set[tuple[int, int]] = set()
        reported: set[tuple[int, str]] = set()  # (line, term): one match of each is enough
        excused = self._excused(lower)
        cued = self._cued(lower)
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
            found.append((index, Match(a, lines.source(index)[a:b], term)))
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
            stop = ends[after] if after < len(ends) else len(text)
            answer = None  # the sentence answering a question ("稳赚不赔？全是骗局！")
            if stop < len(text) and text[stop] in "?？":
                answer = stop
                stop = ends[after + 1] if after + 1 < len(ends) else len(text)
            right = min(stop, end + _REACH)
            first = bisect.bisect_left(cues, (left, -1))
            for a, b in cues[first : first + 64]:
                if a >= right:
                    break
                if b > right or (start <= a and b <= end):
                    continue  # past the sentence, or inside the match itself
                if answer is not None and a > answer and text[a:b] in _BARE_NEGATIONS:
                    continue  # "想赢钱吗？不要犹豫" urges, it does not debunk
                return True  # a cue in the sentence, not inside the match itself
            return False

        return cued


@lru_cache(maxsize=4)
def lines_of(texts: tuple[str, ...]) -> Lines:
    """Lines normalised once for the several rules that read the same page's spans."""
    return Lines(texts)


def by_identity(function):
    """Cache a function of rule-pack objects by the objects' identity: a rule pack lives
    for a whole check, and hashing its long tuples again on every page would cost more
    than the lookup saves."""
    memo: dict[tuple[int, ...], tuple[tuple, object]] = {}

    def cached(*args):
        key = tuple(map(id, args))
        hit = memo.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], args, strict=True)):
            return hit[1]
        value = function(*args)
        memo[key] = (args, value)  # keeps the arguments alive, so their ids stay theirs
        return value

    cached.__doc__ = function.__doc__
    return cached


@by_identity
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
    """A matcher for wrong forms that knows each one's correction (``replacements``);
    wording errors are not disguised, so no gaps are looked for inside them."""
    return Matcher(tuple(wrong for wrong, _ in swaps), (), allow, dict(swaps), gaps=False)
