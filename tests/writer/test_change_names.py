"""A metric named by its change (电梯故障减少, 公共区域能耗下降): its figure is an amount of change, so a comparison
with 上年 is a change of that amount (减幅较上年收窄8次), never a second change stacked on the first
(电梯故障减少14次，较上年减少8次) nor one that contradicts the name (能耗下降6.5%，较上年提高2.5个百分点)."""

from __future__ import annotations

import pytest

from writer.offline_helpers import WRITER, check_fidelity, make_facts, task_of
from zongjie.lint.api import lint_section

# Written the way a facts file by a clerk has them: full-width ％, a string value, a name ending in its verb.
METRICS = [
    {"name": "电梯故障减少", "value": 14, "unit": "次", "previous": 22},
    {"name": "公共区域能耗下降", "value": "6.5", "unit": "％", "previous": 4.0},
    {"name": "停车费收入增长", "value": 8, "unit": "万元", "previous": 5},
    {"name": "用水量下降", "value": 3.0, "unit": "%", "previous": 3.0},
]


@pytest.fixture(scope="module")
def body() -> str:
    facts = make_facts(functions=[{"key": "facilities", "metrics": METRICS}])
    task = task_of(facts, "review-facilities")
    text = WRITER.render(task)
    check_fidelity(task, text)
    assert lint_section(task, text) == [], text  # the linter accepts the writer's own sentences
    return text


def test_a_count_named_by_its_fall_compares_the_size_of_the_fall(body: str) -> None:
    assert "电梯故障减少14次（上年22次），减幅较上年收窄8次" in body, body
    assert "较上年减少8次" not in body and "36.4%" not in body  # no change of a change stated as a trend


def test_a_rate_named_by_its_fall_never_contradicts_its_name(body: str) -> None:
    assert "公共区域能耗下降6.5%（上年4%），降幅较上年扩大2.5个百分点" in body, body
    assert "较上年提高2.5个百分点" not in body


def test_a_rise_and_a_flat_change(body: str) -> None:
    assert "停车费收入增长8万元（上年5万元），增幅较上年扩大3万元" in body, body
    assert "用水量下降3%（上年3%），降幅与上年持平" in body, body
