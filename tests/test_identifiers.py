"""Precision and recall of the personal-data detectors on a labelled corpus.

The corpus (``fixtures/identifiers.yaml``) pairs every spelling the detectors promise to
catch with the look-alikes government pages are full of. Both figures must be 1.0: a
false positive blocks a legitimate page, a false negative publishes personal data.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from govsite.identifiers import Hit, find_identifiers, mask

CORPUS = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "identifiers.yaml").read_text("utf-8")
)


def _kinds(text: str) -> list[str]:
    hits = find_identifiers(text, frozenset(CORPUS["official"]))
    return [h.kind for h in hits if h.kind != "landline" or h.private]


def test_precision_and_recall_are_perfect_on_the_corpus():
    true_positive, false_positive, false_negative = Counter(), Counter(), Counter()
    mistakes = []
    for case in CORPUS["cases"]:
        found, expected = Counter(_kinds(case["text"])), Counter(case["expect"])
        for kind in found | expected:
            true_positive[kind] += min(found[kind], expected[kind])
            false_positive[kind] += max(0, found[kind] - expected[kind])
            false_negative[kind] += max(0, expected[kind] - found[kind])
        if found != expected:
            mistakes.append((case["text"], sorted(found.elements()), case["expect"]))
    assert mistakes == []
    for kind in true_positive:
        precision = true_positive[kind] / (true_positive[kind] + false_positive[kind])
        recall = true_positive[kind] / (true_positive[kind] + false_negative[kind])
        assert (precision, recall) == (1.0, 1.0), kind


def test_masks_never_show_the_whole_identifier():
    assert mask(Hit("id", 0, "530102199003071238", "530102199003071238")) == "5301**********1238"
    assert mask(Hit("mobile", 0, "13912345678", "13912345678")) == "139****5678"
    assert mask(Hit("mobile", 0, "+8613912345678", "13912345678")) == "139****5678"
    assert (
        mask(Hit("card", 0, "6222020200001234562", "6222020200001234562")) == "6222***********4562"
    )
    assert mask(Hit("landline", 0, "0871-65123456", "087165123456")) == "0871-****3456"
    assert mask(Hit("landline", 0, "010-62345678", "01062345678")) == "010-****5678"
