"""The linter's strict mode, used on a model's output: the year, number and every-metric checks the LLM
checks once repeated are rules of the linter, stricter where a model has no reason of its own."""

from __future__ import annotations

from pathlib import Path

from zongjie.facts.load import load
from zongjie.lint.api import lint_section
from zongjie.plan import build_plan

FULL = Path(__file__).resolve().parents[2] / "fixtures" / "property-full.yaml"
TASKS = {t.id: t for t in build_plan(load(FULL))}


def _errors(section: str, body: str, strict: bool) -> set[str]:
    return {f.rule for f in lint_section(TASKS[section], body, strict=strict) if f.is_error}


def test_a_past_year_is_right_only_as_last_year_in_a_comparison_or_from_the_facts() -> None:
    said = "设备巡检1248次，较2022年明显增加。"
    assert "year-mismatch" not in _errors("review-facilities", said, strict=False)
    assert "year-mismatch" in _errors("review-facilities", said, strict=True)
    last_year = "设备巡检1248次，较2024年的1102次有所增加。"
    assert "year-mismatch" not in _errors("review-facilities", last_year, strict=True)
    built = "3号楼电梯建于2009年。"  # a year referred to: fine in a user's text, invented in a model's
    assert "year-mismatch" not in _errors("review-facilities", built, strict=False)
    assert "year-mismatch" in _errors("review-facilities", built, strict=True)


def test_a_review_that_leaves_a_metric_out_is_an_error_in_strict_mode() -> None:
    task = TASKS["review-energy"]
    said = "全年用电量312万度，同比下降6.8%；节约能源费用21.7万元。"  # 用水量 left out
    lenient = [f for f in lint_section(task, said) if f.rule == "fact-dropped"]
    strict = [f for f in lint_section(task, said, strict=True) if f.rule == "fact-dropped"]
    assert [f.severity for f in lenient] == ["warning"] and [f.severity for f in strict] == ["error"]
    assert "用水量" in strict[0].message


def test_a_hedged_figure_does_not_state_the_metric_in_strict_mode() -> None:
    task = TASKS["review-energy"]
    said = "全年用电量约310万度，同比下降6.8%；用水量18.4万吨，同比下降4.2%；节约能源费用21.7万元。"
    assert not [f for f in lint_section(task, said) if f.rule == "fact-dropped"]
    dropped = [f for f in lint_section(task, said, strict=True) if f.rule == "fact-dropped"]
    assert len(dropped) == 1 and "用电量" in dropped[0].message
