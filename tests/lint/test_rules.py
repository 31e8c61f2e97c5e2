"""Every rule's own examples: the ones that must fire do, the ones that must not don't."""

from __future__ import annotations

import pytest
from tests.lint.conftest import run_example

from zongjie.lint.rules import REGISTRY

CASES = [(r.id, i, ex) for r in REGISTRY.values() for i, ex in enumerate(r.examples)]


@pytest.mark.parametrize(("rule_id", "index", "example"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_example(rule_id, index, example):
    found = run_example(rule_id, example)
    if example.fires:
        assert found, f"{rule_id} should fire on: {example.text}"
    else:
        assert not found, f"{rule_id} fired wrongly: {[f.message for f in found]}"


@pytest.mark.parametrize("rule_id", list(REGISTRY))
def test_every_rule_has_both_kinds_of_example(rule_id):
    rule = REGISTRY[rule_id]
    assert any(e.fires for e in rule.examples) and any(not e.fires for e in rule.examples)
    assert rule.severity in ("error", "warning") and rule.description


def test_stated_severities():
    errors = {
        "placeholder",
        "number-mismatch",
        "trend-mismatch",
        "plan-fact-mismatch",
        "missing-section",
        "problem-without-cause",
        "problem-without-measure",
        "plan-without-owner",
        "plan-without-deadline",
        "plan-without-target",
        "year-mismatch",
        "target-mismatch",
        "unsupported-claim",
    }
    warnings = {
        "fact-dropped",
        "vague-claim",
        "section-order",
        "monotone-openings",
        "ai-cliche",
        "long-sentence",
        "punctuation",
    }
    for rid in errors:
        assert REGISTRY[rid].severity == "error"
    for rid in warnings:
        assert REGISTRY[rid].severity == "warning"


def test_a_full_width_blank_is_quoted_as_written():
    from zongjie.lint.api import lint_markdown

    found = [f for f in lint_markdown("全年水电费较上年下降了％，节约明显。\n") if f.rule == "placeholder"]
    assert [f.message for f in found] == ["未填写的占位符“％”：填入事实或删去此句"]
