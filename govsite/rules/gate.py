"""Which of a list's terms and patterns could occur in a text, from one C-level scan.

A rule pack holds hundreds of terms and patterns; a page holds almost none of them. Each
term and each pattern is reduced to literal *keys* — a term's own characters, the strings
one of which a pattern requires (``(全场|全店)…折`` needs 全场 or 全店) — and one
Aho–Corasick pass (pyahocorasick, in C) finds every key in the text however many there
are. Only the terms found go into the term regex and only the patterns whose literal was
found run; most pages run neither. The keys of every list in use (advertising, illegal
content, wording, typos, sensitive topics …) share one automaton, so a page is scanned
once for all of them.

The scan reads the text's UTF-8 bytes, one character per byte (a trie node then has at
most a few dozen children instead of thousands of Chinese characters; a word's bytes can
only match at a character boundary, UTF-8 being self-synchronising), with the gap
characters a term may hide behind (``3 6 5 b e t``) deleted from both the text and the
keys. Deleting a character from both sides keeps every occurrence, so a key found is a
superset of what can match: the regexes still decide, and decide exactly as before.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from re import _constants as _c  # the parsed form of a pattern, to find its literals
from re import _parser

import ahocorasick

# What may be inserted between two characters of a term to dodge a filter.
# (normalisation has folded ·•・ to "." and 丨 to "|", tabs to spaces; an ASCII-only
# class keeps the compiled trie small and quick to build)
GAP_CHARS = " ._*|/\\\\~^+=#\\-"
# The same characters as bytes, deleted from the texts and keys the prefilter scans
GAP_BYTES = bytes(c for c in range(128) if re.fullmatch(f"[{GAP_CHARS}]", chr(c)))


def prepare(text: str) -> str:
    """``text`` as its UTF-8 bytes, one character a byte, without gap characters (ASCII:
    an ASCII byte never occurs inside a multi-byte character)."""
    encoded = text.encode("utf-8", "surrogatepass").translate(None, GAP_BYTES)
    return encoded.decode("latin-1")


class Literals:
    """A set of keys (already :func:`prepare` d) and which of them occur in a text."""

    def __init__(self, keys: Iterable[str]):
        self.keys = frozenset(k for k in keys if k)
        self._automaton = None
        if self.keys:
            automaton = ahocorasick.Automaton()
            for key in self.keys:
                automaton.add_word(key, key)
            automaton.make_automaton()
            self._automaton = automaton

    def found(self, text: str) -> set[str]:
        """Every key occurring in ``text``, overlapping ones too (高佣 and 佣金 in 高佣金)."""
        if self._automaton is None:
            return set()
        return {key for _, key in self._automaton.iter(text)}


class _Shared:
    """The keys of every prefilter in this process, in one automaton."""

    LIMIT = 500_000  # keys; past it (a long-running serve whose packs keep changing) start over

    def __init__(self):
        self.keys: set[str] = set()
        self.state = (0, Literals(()))  # (generation, automaton), replaced as one
        self.epoch = 0  # bumped when starting over: every prefilter then adds its keys again
        self._lock = threading.Lock()

    def include(self, keys: frozenset[str]) -> int:
        """Make sure ``keys`` are scanned for; the epoch they are in."""
        with self._lock:
            if not keys <= self.keys:
                if len(self.keys) + len(keys) > self.LIMIT:
                    self.keys, self.epoch = set(), self.epoch + 1
                self.keys |= keys
                self.state = (self.state[0] + 1, Literals(self.keys))
            return self.epoch


_SHARED = _Shared()


class Scanned:
    """A text prepared for the scan, and the keys found in it (scanned once, again only
    when a list with new keys has come into use since)."""

    __slots__ = ("_found", "_generation", "text")

    def __init__(self, text: str):
        self.text = prepare(text)
        self._generation = -1
        self._found: set[str] = set()

    def found(self) -> set[str]:
        generation, literals = _SHARED.state
        if generation != self._generation:
            self._found, self._generation = literals.found(self.text), generation
        return self._found


class Prefilter:
    """The terms and patterns of one matcher worth running on a text.

    ``keyed_terms`` are ``(key, term)`` pairs (a term's key empty when it is nothing but gap
    characters: such a term always runs), ``patterns`` the matcher's patterns."""

    def __init__(self, keyed_terms: Iterable[tuple[str, str]], patterns: Sequence[re.Pattern[str]]):
        self.terms_by_key: dict[str, list[str]] = {}
        self.always_terms: list[str] = []
        for key, term in keyed_terms:
            key = prepare(key)
            (self.terms_by_key.setdefault(key, []) if key else self.always_terms).append(term)
        self.always: list[re.Pattern[str]] = []
        self.gated: list[re.Pattern[str]] = []
        self.patterns_by_key: dict[str, list[int]] = {}
        for pattern in patterns:
            required = required_literals(pattern)
            keys = {prepare(word) for word in required} if required is not None else {""}
            if "" in keys:
                self.always.append(pattern)  # no literal, or one made of gap characters
                continue
            for key in keys:
                self.patterns_by_key.setdefault(key, []).append(len(self.gated))
            self.gated.append(pattern)
        self.keys = frozenset([*self.terms_by_key, *self.patterns_by_key])
        self._epoch = -1

    def select(self, scanned: Scanned) -> tuple[frozenset[str], list[re.Pattern[str]]]:
        """The terms that may occur in a text and the patterns that may match it."""
        if self._epoch != _SHARED.epoch:
            self._epoch = _SHARED.include(self.keys)
        found = scanned.found() & self.keys
        if not found:
            return frozenset(self.always_terms), self.always
        terms = frozenset(
            self.always_terms + [t for key in found for t in self.terms_by_key.get(key, ())]
        )
        numbers = sorted({n for key in found for n in self.patterns_by_key.get(key, ())})
        return terms, self.always + [self.gated[n] for n in numbers]


class _Gate:
    """The pattern half of a :class:`Prefilter`, on its own (for tests and tools)."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]):
        self._prefilter = Prefilter((), patterns)

    def patterns_for(self, lower: str) -> list[re.Pattern[str]]:
        """The patterns that could match the text whose lower-cased form is ``lower``."""
        return self._prefilter.select(Scanned(lower))[1]


# ---------------------------------------------------------------- literals of a pattern


@lru_cache(maxsize=4096)
def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which must occur wherever ``pattern`` matches (lower-cased), or
    None when no such set can be read off the pattern. ``(全场|全店)…折`` gives
    {全场, 全店} (or {折}); a pattern that could match anything gives None."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError, ValueError):  # pragma: no cover - compiled before
        return None
    found = _best(_sequence(list(parsed)))
    return frozenset(s.lower() for s in found) if found else None


def _sequence(items: list) -> list[frozenset[str]]:
    """Candidate sets for a sequence: each mandatory element's set, and adjacent exact
    elements (literals, groups of literal alternatives) joined into longer strings."""
    candidates: list[frozenset[str]] = []
    exact: frozenset[str] | None = None  # what the elements since the last break spell
    for op, value in items:
        item_exact, item_best = _element(op, value)
        if item_best:
            candidates.append(item_best)
        if item_exact is None:
            if exact:
                candidates.append(exact)
            exact = None
            continue
        if exact and len(exact) * len(item_exact) <= 32:
            exact = frozenset(a + b for a in exact for b in item_exact)
        else:
            if exact:
                candidates.append(exact)
            exact = item_exact
    if exact:
        candidates.append(exact)
    return candidates


def _element(op, value) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(the exact strings this element matches, if a few literals; a required set)."""
    if op is _c.LITERAL:
        return frozenset({chr(value)}), None
    if op is _c.IN and all(kind is _c.LITERAL for kind, _ in value) and len(value) <= 8:
        return frozenset(chr(code) for _, code in value), None
    if op is _c.SUBPATTERN:
        inner = list(value[-1])
        if len(inner) == 1:
            return _element(*inner[0])
        return _exact(inner), _best(_sequence(inner))
    if op is _c.BRANCH:
        alternatives = [list(branch) for branch in value[1]]
        exacts = [_exact(branch) for branch in alternatives]
        exact = frozenset().union(*exacts) if all(exacts) else None  # type: ignore[arg-type]
        bests = [_best(_sequence(branch)) for branch in alternatives]
        best = frozenset().union(*bests) if bests and all(bests) else None  # type: ignore[arg-type]
        return exact, best
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and value[0] >= 1:
        return None, _best(_sequence(list(value[2])))
    return None, None


def _exact(items: list) -> frozenset[str] | None:
    """The strings a sequence of plain literals and literal choices spells, if few."""
    spelled = frozenset({""})
    for op, value in items:
        exact, _ = _element(op, value)
        if exact is None or len(spelled) * len(exact) > 32:
            return None
        spelled = frozenset(a + b for a in spelled for b in exact)
    return spelled


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective candidate: longest shortest string, then the earliest (a
    pattern starts with what distinguishes it — ``(黑客|盗号)…(接单|服务)`` — and ends
    with common words such as 服务 or 工作 that would run it on every page)."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: min(map(len, c)))
