"""Detectors on arbitrary text: never an exception, every position points at what was
written (Hypothesis, bounded so the suite stays fast)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.i18n import Translator
from govsite.identifiers import find_identifiers, mask
from govsite.rulepack import load_rule_pack
from govsite.rules import RULES
from govsite.rules.content import content_matches
from govsite.rules.matching import Lines
from govsite.textnorm import normalise

PACK = load_rule_pack(Path("/nonexistent-site"), Translator("zh"), frozenset(RULES))
# Characters the detectors care about, so that short texts often come close to a match.
ALPHABET = (
    "0123456789Xx-+ ()（）*/.：:，。、_|<>&#;"
    "０１２３４５６７８９\u200b\u00ad\ufeff\u3000"
    "栋幢单元号楼院门室户组村路住家址电话宅银行卡账号身份证"
    "博彩365betBET澳门新葡京首存送元全场五折起打击警惕严禁广告"
)
TEXT = st.text(alphabet=ALPHABET, max_size=80) | st.text(max_size=40)


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_identifiers_point_at_what_was_written(text):
    for hit in find_identifiers(text):
        assert text[hit.start : hit.start + len(hit.text)] == hit.text
        assert hit.text
        shown = mask(hit)
        if hit.kind in ("id", "card", "mobile") and len(hit.digits) >= 11:
            assert hit.digits not in shown


@given(st.lists(TEXT, min_size=1, max_size=4))
@settings(max_examples=200, deadline=None)
def test_term_matches_point_at_what_was_written(lines):
    illegal, advertising = content_matches(Lines(lines), PACK)
    for index, _, match in illegal + advertising:
        assert lines[index][match.start : match.start + len(match.text)] == match.text


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_normalised_positions_map_into_the_original(text):
    view = normalise(text)
    for start in range(len(view.text)):
        a, b = view.where(start, start + 1)
        assert 0 <= a <= b <= len(text)
