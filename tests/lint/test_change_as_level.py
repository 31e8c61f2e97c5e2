"""A metric the facts know only as a change (`{name: 用气量, change: 下降一成}`, no value) has no level: a draft
that says 用气量降至10% / 用气量达到10% / 用气量下降达到10% states a level nobody gave. 10% is an allowed figure
(the change), so number-mismatch cannot see it; trend-mismatch names the metric."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from zongjie.facts.load import load
from zongjie.facts.model import Facts
from zongjie.lint.api import lint_markdown

ROOT = Path(__file__).resolve().parents[2]


@cache
def school() -> Facts:
    return load(
        ROOT / "fixtures" / "school-typed.yaml"
    )  # 用气量 下降一成, 饭菜浪费投诉 减少三成左右, 能耗 同比下降8％


def levels(sentence: str, heading: str = "## 一、主要工作回顾\n\n### （一）食堂\n\n") -> list[str]:
    text = "# 某校后勤处2025年度工作总结\n\n" + heading + "　　" + sentence + "\n"
    return [f.message for f in lint_markdown(text, school()) if f.rule == "trend-mismatch"]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年用气量下降达到10%。",
        "用气量降至10%。",
        "用气量达到10%。",
        "饭菜浪费投诉降至30%，用气量下降一成。",
    ],
)
def test_a_change_written_as_a_level_is_an_error_naming_the_metric(sentence: str) -> None:
    (message,) = levels(sentence)
    name = "饭菜浪费投诉" if sentence.startswith("饭菜") else "用气量"
    assert f"把{name}的变化写成了水平" in message
    assert ("下降一成" if name == "用气量" else "减少约三成") in message


@pytest.mark.parametrize(
    "sentence",
    [
        "全年用气量下降一成。",
        "用气量下降10%。",
        "全年用气量同比下降约10%，饭菜浪费投诉减少三成左右。",
        "能耗同比下降8%。",
        "用气量下降一成，食品抽检合格率达到100%。",  # 达到 belongs to the next metric, which has a value
    ],
)
def test_a_change_said_as_a_change_is_clean(sentence: str) -> None:
    assert levels(sentence) == []


def test_a_level_in_the_plans_is_a_target() -> None:
    assert levels("用气量降至90%以内，由食堂主管负责，2026年底前完成。", "## 三、2026年工作计划\n\n") == []
