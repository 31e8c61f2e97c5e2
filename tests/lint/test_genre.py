"""The linter on summaries written the way people write them (tests/lint/genre/, labelled by hand): semantic
precision ≥ 0.90 and recall ≥ 0.80, the figures bench/lint_corpus.py prints."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "lint_corpus.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lint_corpus", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


bench = _bench()


def test_the_corpus_is_varied_and_labelled():
    files = bench.expected()
    assert len(files) >= 30
    assert sorted(files) == sorted(p.name for p in bench.GENRE.glob("*.md"))
    assert sum(1 for spec in files.values() if not spec["findings"]) >= 5  # clean summaries too


def test_semantic_precision_and_recall():
    score = bench.score()
    precision, recall = score.precision_recall()
    assert precision >= bench.PRECISION and recall >= bench.RECALL, "\n".join(
        [*bench.report(score, "all"), *score.misses]
    )


@pytest.mark.parametrize("name", sorted(n for n, spec in bench.expected().items() if not spec["findings"]))
def test_clean_summaries_have_no_semantic_findings(name):
    spec = bench.expected()[name]
    _, got = bench.labels(name, spec)
    assert not [k for k in got if k.split("@")[0] not in bench.NOT_SEMANTIC], got


@pytest.mark.parametrize("name", sorted(bench.expected()))
def test_a_full_width_indent_is_never_a_punctuation_finding(name):
    _, got = bench.labels(name, bench.expected()[name])
    text = (bench.GENRE / name).read_text(encoding="utf-8").split("\n")
    indented = {i + 1 for i, line in enumerate(text) if line.startswith("\u3000")}
    assert not [k for k in got if k.startswith("punctuation@") and int(k.split("@")[1]) in indented]
