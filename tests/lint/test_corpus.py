"""The labelled corpus: hand-written drafts with their expected findings; precision and recall per rule."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from tests.lint.conftest import fixture_facts

from zongjie.facts.load import load
from zongjie.facts.model import Facts
from zongjie.lint.api import lint_markdown
from zongjie.lint.rules import REGISTRY

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
THRESHOLD = 0.9


def _facts(spec: dict[str, object]) -> Facts | None:
    """`facts: true` is fixtures/property-full.yaml; a file name is a facts file in the corpus folder."""
    given = spec.get("facts")
    if isinstance(given, str):
        return load(CORPUS / given)
    return fixture_facts() if given else None


def _labels(name: str) -> tuple[Counter[str], Counter[str]]:
    spec = EXPECTED[name]
    text = (CORPUS / name).read_text(encoding="utf-8")
    found = lint_markdown(text, _facts(spec))
    got = Counter(f"{f.rule}@{f.line if f.line is not None else f.section}" for f in found)
    return Counter(spec["findings"]), got


def test_corpus_is_big_enough_and_covers_every_rule():
    assert len(EXPECTED) >= 20
    assert sorted(EXPECTED) == sorted(p.name for p in CORPUS.glob("*.md"))
    labelled = {item.split("@")[0] for spec in EXPECTED.values() for item in spec["findings"]}
    assert labelled == set(REGISTRY), f"rules without a corpus example: {set(REGISTRY) - labelled}"


def test_precision_and_recall_per_rule():
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for name in EXPECTED:
        want, got = _labels(name)
        for key in want | got:
            rule = key.split("@")[0]
            tp[rule] += min(want[key], got[key])
            fp[rule] += max(got[key] - want[key], 0)
            fn[rule] += max(want[key] - got[key], 0)
    rows, failing = [], []
    for rule in REGISTRY:
        p = tp[rule] / (tp[rule] + fp[rule]) if tp[rule] + fp[rule] else 1.0
        r = tp[rule] / (tp[rule] + fn[rule]) if tp[rule] + fn[rule] else 1.0
        rows.append(
            f"{rule:<24} tp={tp[rule]:<3} fp={fp[rule]:<3} fn={fn[rule]:<3} precision={p:.2f} recall={r:.2f}"
        )
        if p < THRESHOLD or r < THRESHOLD:
            failing.append(rule)
    print("\n" + "\n".join(rows))
    assert not failing, f"below {THRESHOLD}: {failing}\n" + "\n".join(rows)


@pytest.mark.parametrize("name", sorted(n for n, spec in EXPECTED.items() if not spec["findings"]))
def test_clean_drafts_have_no_findings(name):
    _, got = _labels(name)
    assert not got
