"""The labelled corpus: precision and recall of PV and AD must meet the targets.

``python bench/detection.py`` prints the same figures and every miss.
"""

from __future__ import annotations

import importlib.util
import sys

from tests.conftest import REPO


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_detection", REPO / "bench" / "detection.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_detection"] = module
    spec.loader.exec_module(module)
    return module


def test_corpus_is_large_and_half_hard_negatives():
    bench = _bench()
    cases = bench.read_corpus()
    negatives = sum(1 for case in cases if not case.expected)
    assert len(cases) >= 600
    assert negatives >= len(cases) / 2
    for code in bench.CODES:
        assert sum(1 for case in cases if code in case.expected) >= 20, code


def test_each_family_meets_its_recall_and_precision_targets():
    bench = _bench()
    cases = bench.read_corpus()
    result = bench.score(cases)
    for family, (recall_target, precision_target) in bench.TARGETS.items():
        precision, recall, *_ = result.figures(bench.FAMILIES[family])
        assert recall >= recall_target, bench.report(cases, result)
        assert precision >= precision_target, bench.report(cases, result)


def test_the_corpus_file_is_what_the_generator_writes(tmp_path, monkeypatch):
    """The committed corpus is reproducible from its generator (same seed, same lines)."""
    spec = importlib.util.spec_from_file_location(
        "make_corpus", REPO / "tests" / "detection" / "make_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path / "corpus.tsv")
    module.main()
    committed = (REPO / "tests" / "detection" / "corpus.tsv").read_text("utf-8")
    assert (tmp_path / "corpus.tsv").read_text("utf-8") == committed
