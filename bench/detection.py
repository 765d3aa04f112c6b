"""Precision and recall of the detectors (PV001–PV005, AD001, AD002) on a labelled corpus.

    python bench/detection.py [CORPUS.tsv] [--quiet]

Reads ``tests/detection/corpus.tsv`` (``CODES<TAB>GENRE<TAB>TEXT``; ``-`` for a line on which
no rule may fire) unless another file is given, runs every line through the same code the
page rules use (normalisation, identifier detectors, rule-pack matchers with allow
phrases and context cues, the default rule pack), and prints precision and recall per
rule, per family (PV, AD) and overall, then every miss: the line, what was expected and
what was found. Counting is per (line, rule): a line expected to carry PV001 and found
with PV001 and PV002 is one true positive and one false positive.

The test ``tests/detection/test_corpus.py`` fails when a family drops below its target.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govsite.i18n import Translator  # noqa: E402
from govsite.rulepack import DEFAULT_CHECKS, load_rule_pack  # noqa: E402
from govsite.rules import RULES  # noqa: E402
from govsite.rules.published import content_problems  # noqa: E402
from govsite.rules.texts import Published, Span  # noqa: E402

CORPUS = ROOT / "tests" / "detection" / "corpus.tsv"
CODES = ("PV001", "PV002", "PV003", "PV004", "PV005", "AD001", "AD002")
FAMILIES = {"PV": CODES[:5], "AD": CODES[5:]}
TARGETS = {"PV": (0.97, 0.99), "AD": (0.97, 0.99)}  # (recall, precision)


@dataclass
class Case:
    line: int
    expected: frozenset[str]
    genre: str
    text: str


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    misses: list[tuple[Case, frozenset[str]]] = field(default_factory=list)

    def figures(self, codes) -> tuple[float, float, int, int, int]:
        tp = sum(self.tp[c] for c in codes)
        fp = sum(self.fp[c] for c in codes)
        fn = sum(self.fn[c] for c in codes)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        return precision, recall, tp, fp, fn


def read_corpus(path: Path = CORPUS) -> list[Case]:
    cases = []
    for number, raw in enumerate(path.read_text("utf-8").split("\n"), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        codes, genre, text = raw.split("\t", 2)
        expected = frozenset() if codes.strip() == "-" else frozenset(codes.split(","))
        unknown = expected - set(CODES)
        if unknown:
            raise SystemExit(f"{path}:{number}: unknown rule {sorted(unknown)}")
        cases.append(Case(number, expected, genre, text))
    return cases


def detector():
    """A function from one line of text to the set of rules that fire on it."""
    t = Translator("zh")
    pack = load_rule_pack(DEFAULT_CHECKS.parent / "no-site", t, frozenset(RULES))
    config = SimpleNamespace(official_phones=frozenset(), root=ROOT)
    ctx = SimpleNamespace(config=config, t=t, pack=pack)

    def detect(text: str) -> frozenset[str]:
        published = Published([Span(1, text, "body")], lambda _: text)
        return frozenset(p.rule for p in content_problems(published, ctx)) & set(CODES)

    return detect


def score(cases: list[Case]) -> Score:
    detect = detector()
    result = Score()
    for case in cases:
        found = detect(case.text)
        for code in CODES:
            if code in found and code in case.expected:
                result.tp[code] += 1
            elif code in found:
                result.fp[code] += 1
            elif code in case.expected:
                result.fn[code] += 1
        if found != case.expected:
            result.misses.append((case, found))
    return result


def report(cases: list[Case], result: Score, quiet: bool = False) -> str:
    rows = [f"corpus: {len(cases)} lines, {sum(1 for c in cases if c.expected)} with findings"]
    rows.append(f"{'rule':<8}{'precision':>10}{'recall':>8}{'tp':>6}{'fp':>5}{'fn':>5}")
    groups = [(code, (code,)) for code in CODES]
    groups += [(f"{name} family", codes) for name, codes in FAMILIES.items()]
    groups += [("overall", CODES)]
    for label, codes in groups:
        precision, recall, tp, fp, fn = result.figures(codes)
        rows.append(f"{label:<8}{precision:>10.3f}{recall:>8.3f}{tp:>6}{fp:>5}{fn:>5}")
    for name, (recall_target, precision_target) in TARGETS.items():
        precision, recall, *_ = result.figures(FAMILIES[name])
        ok = recall >= recall_target and precision >= precision_target
        rows.append(
            f"target {name}: recall ≥ {recall_target}, precision ≥ {precision_target}: "
            + ("met" if ok else "NOT MET")
        )
    if not quiet:
        rows.append(f"misses: {len(result.misses)}")
        for case, found in result.misses:
            expected = ",".join(sorted(case.expected)) or "-"
            got = ",".join(sorted(found)) or "-"
            rows.append(
                f"  line {case.line} [{case.genre}] expected {expected}, found {got}: {case.text}"
            )
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    paths = [a for a in argv if not a.startswith("--")]
    cases = read_corpus(Path(paths[0]) if paths else CORPUS)
    result = score(cases)
    print(report(cases, result, quiet="--quiet" in argv))
    met = all(
        result.figures(FAMILIES[name])[1] >= r and result.figures(FAMILIES[name])[0] >= p
        for name, (r, p) in TARGETS.items()
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
