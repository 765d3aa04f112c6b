"""The prefilter (one Aho–Corasick scan for every list) decides nothing: whatever it lets
through, the regexes find exactly what they found when every term and pattern ran."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from govsite.i18n import Translator
from govsite.rulepack import load_rule_pack
from govsite.rules import RULES
from govsite.rules.content import _scanner
from govsite.rules.gate import GAP_CHARS, Scanned, prepare
from govsite.rules.matching import Lines, Matcher, compile_terms

PACK = load_rule_pack(Path("/nonexistent-site"), Translator("zh"), frozenset(RULES))
SCANNER = _scanner(PACK.illegal, PACK.illegal_allow, PACK.advertising_families)[0]
FULL_TERMS = compile_terms(SCANNER._terms)
GAPS = [c for c in " ._*|/\\~^+=#-" if re.fullmatch(f"[{GAP_CHARS}]", c)]


def _everything(matcher: Matcher, lines: Lines) -> list[tuple[int, int, str]]:
    """What the matcher found before there was a prefilter: every term, every pattern."""
    assert FULL_TERMS is not None
    spans = [(m.start(), m.end(), m.group(0)) for m in FULL_TERMS.finditer(lines.lower)]
    if lines.untagged is not None:
        untagged, index = lines.untagged
        spans += [
            (index[m.start()], index[m.end() - 1] + 1, m.group(0))
            for m in FULL_TERMS.finditer(untagged)
        ]
    texts = [lines.joined] + ([lines.despaced[0]] if lines.despaced else [])
    for number, text in enumerate(texts):
        for pattern in matcher.patterns:
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    index = lines.despaced[1] if number else None
                    a, b = (index[m.start()], index[m.end() - 1] + 1) if index else m.span()
                    spans.append((a, b, pattern.pattern))
    return sorted(spans)


# Pieces of real terms and pattern literals, gap characters, tags and ordinary words, so
# that random texts hit terms written with gaps, split by tags, spaced out and overlapping.
PIECES = sorted(
    {t[:k] for t in SCANNER._terms[::7] for k in (1, 2, len(t))}
    | {"满", "充", "存", "送", "返", "元", "100", "20", "体育", "官网", "您的", "社保", "失效"}
    | {"<b>", "</b>", "，", "。", "示例市", "关于", "的通知", " ", "\n"}
    | set(GAPS)
)


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_the_prefilter_finds_what_every_term_and_pattern_finds(pieces):
    text = "".join(pieces)
    lines = Lines([text, text[::-1]])
    assert sorted(SCANNER.spans(lines)) == _everything(SCANNER, lines)


def test_a_list_used_later_is_scanned_for_on_a_text_already_scanned():
    lines = Lines(["本页内容：甲乙丙丁戊己"])
    first = Matcher(("甲乙",), (), ())
    assert [m.text for _, m in first.scan(lines)] == ["甲乙"]
    later = Matcher(("丙 丁", "己"), (re.compile("戊己?"),), ())  # new keys: a new automaton
    assert sorted(m.text for _, m in later.scan(lines)) == ["丙丁", "己", "戊己"]


def test_a_term_of_gap_characters_only_always_runs():
    matcher = Matcher(("--",), (), (), gaps=False)  # with gaps, "--" spells nothing
    assert [m.text for m in matcher.find("a--b")] == ["--"]


def test_a_key_matches_whole_characters_only():
    """中 (E4 B8 AD) and 丮 (E4 B8 AE) share two of their three bytes."""
    assert prepare("中") not in Scanned("丮丰丮").text
    assert not list(Matcher(("中",), (), ()).find("丮丰丮"))
    assert [m.text for m in Matcher(("中",), (), ()).find("丮中")] == ["中"]
