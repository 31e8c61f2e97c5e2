"""A change stated in words (change: 下降一成) on a metric: read, validated against value and previous, shown by
check, kept in report.json, written back in the clerk's words and accepted by the linter as a fact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_helpers import run_cli
from zongjie.errors import BadInput
from zongjie.facts.derive import derive
from zongjie.facts.load import parse
from zongjie.lint.api import lint_section
from zongjie.llm.writer import section_variables
from zongjie.plan.build import build_plan
from zongjie.plan.task import SectionTask
from zongjie.prompt.store import render
from zongjie.writer.offline import OfflineWriter

TYPED = Path(__file__).resolve().parents[2] / "fixtures" / "school-typed.yaml"
HEAD = "report: {organization: 青禾中学, department: 后勤处, profile: school, year: 2025}\n"


def facts_with(*metrics: str) -> str:
    rows = "".join(f"      - {{{m}}}\n" for m in metrics)
    return f"{HEAD}functions:\n  - key: 食堂\n    metrics:\n{rows}"


def problems(text: str) -> list[str]:
    with pytest.raises(BadInput) as info:
        parse(text, "f.yaml")
    return info.value.problems or [str(info.value)]


def canteen(text: str) -> SectionTask:
    return next(t for t in build_plan(parse(text, "f.yaml")) if t.id == "review-canteen")


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ("name: 用气量, change: 下降一成", "下降一成"),
        ("name: 饭菜浪费投诉, change: 减少三成左右", "减少约三成"),
        ("name: 能耗, change: 同比下降8％", "同比下降8%"),
        ("name: 用水量, change: -10%", "下降10%"),
        ("name: 剩饭剩菜, change: 下降近一半", "下降近一半"),
        ("name: 就餐人次, change: 增长三成多", "增长三成多"),
        ("name: 投诉, change: 少了12件", "减少12件"),
        ('name: 满意度, value: 95, unit: "％", change: 提高了3个百分点', "提高3个百分点"),
        ('name: 满意度, value: 95, unit: "％", change: 下降了8个百分点', "下降8个百分点"),
        ("name: 采购成本, value: 80, unit: 万元, change: 减少1.5万元", "减少1.5万元"),
    ],
)
def test_a_stated_change_is_written_back_in_its_own_words(fields: str, words: str) -> None:
    task = canteen(facts_with(fields))
    (mf,) = task.metrics
    assert mf.metric.previous is None
    assert [d.text for d in mf.derived if d.kind == "stated"] == [words]
    body = OfflineWriter().render(task)
    assert words in body and f"达到{words}" not in body
    if mf.metric.value is None:
        assert "达到" not in body and "降至" not in body  # a change is never said as a level
    assert not [f for f in lint_section(task, body) if f.is_error], body


def test_only_a_change_is_one_clause_of_name_and_change() -> None:
    body = OfflineWriter().render(canteen(facts_with("name: 用气量, change: 下降一成")))
    assert "用气量下降一成" in body and "下降达到" not in body


def test_the_linter_takes_the_stated_change_as_a_fact() -> None:
    task = canteen(facts_with("name: 用气量, change: 下降一成", "name: 食品抽检, value: 24, unit: 次"))
    ok = "全年开展食品抽检24次，用气量下降10%。"
    assert not [f for f in lint_section(task, ok) if f.is_error]
    wrong = [f.rule for f in lint_section(task, "全年开展食品抽检24次，用气量下降20%。") if f.is_error]
    assert "number-mismatch" in wrong
    up = [f.rule for f in lint_section(task, "全年开展食品抽检24次，用气量增长一成。") if f.is_error]
    assert "trend-mismatch" in up
    dropped = [f.message for f in lint_section(task, "全年开展食品抽检24次。") if f.rule == "fact-dropped"]
    assert dropped == ["事实“用气量下降一成”未在正文中出现"]


def test_the_prompt_gives_the_change_as_the_clerks_words() -> None:
    task = canteen(facts_with("name: 用气量, change: 下降一成"))
    assert task.fact_lines()[0] == "[functions[0].metrics[0]] 用气量：本年与上年数值不详；所述变化：下降一成"
    variables = section_variables(task, None)
    assert "所述变化：下降一成" in render("function", variables)
    assert "所述变化" in render("system", variables)  # the rule: say it as written, never as a level


def test_a_change_that_agrees_with_value_and_previous_is_kept() -> None:
    facts = parse(facts_with("name: 用气量, value: 36, unit: 万立方米, previous: 40, change: 下降一成"), "f")
    m = facts.functions[0].metrics[0]
    assert m.change is not None and m.change.text == "下降一成"
    assert [d.kind for d in derive(m)] == ["change", "yoy"]  # the computed figures say it


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ("name: 用气量, value: 36, unit: 万立方米, previous: 40, change: 增长一成", "contradicts value 36"),
        ("name: 用气量, value: 36, unit: 万立方米, previous: 40, change: 下降三成", "contradicts"),
        ("name: 投诉, value: 30, unit: 件, previous: 40, change: 少了12件", "a change of -10件"),
        ('name: 满意度, value: 95, unit: "%", change: 下降8%', "个百分点"),
        ("name: 投诉, value: 30, unit: 件, change: 提高2个百分点", "个百分点 is the change of a rate"),
        ("name: 投诉, value: 30, unit: 件, change: 减少3万元", "the change is in 元"),
        ("name: 用气量, change: 降至30万立方米", "a level, not a change"),
        ("name: 用气量, change: 很多", "not one change"),
        (
            "name: 用气量, unit: 立方米, change: 下降120%",
            "change: 下降120%: a fall of more than 100% cannot be",
        ),
        ("name: 剩菜量, unit: 千克, change: 减少十二成", "change: 减少十二成: a fall of more than 100%"),
        ('name: 满意度, value: 95, unit: "%", change: 提高一成', "(提高2个百分点)"),
        ('name: 满意度, value: 95, unit: "%", change: 下降8%', "(下降2个百分点)"),
        ("name: 用气量, previous: 40, change: 下降一成", "value: is required with previous"),
        ("name: 用气量", "value: is empty"),
    ],
)
def test_a_wrong_change_names_the_field_and_line(fields: str, words: str) -> None:
    found = problems(facts_with("name: 就餐人次, value: 3, unit: 万人次", fields))
    assert any(p.startswith("f.yaml:6: functions[0].metrics[1].") and words in p for p in found), found


def test_value_unknown_with_a_change_means_not_known() -> None:
    facts = parse(facts_with("name: 用气量, value: 不详, change: 下降一成"), "f")
    assert facts.functions[0].metrics[0].value is None


def test_check_shows_the_stated_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(facts_with("name: 用气量, change: 下降一成", "name: 投诉, change: 减少三成左右"), "utf-8")
    code, out, _ = run_cli(capsys, "check", str(path))
    assert code == 0
    assert "2 change(s) stated in words" in out
    assert "functions[0].metrics[0]: 用气量 下降一成 (about −10%; previous unknown)" in out
    assert "没有上年数值（previous）" not in out.split("gap(s)")[-1].split("用气量")[0]


def test_report_json_keeps_the_stated_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "draft", str(TYPED), "-o", str(tmp_path / "out"))
    assert code == 0, err
    report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    kept = next(k for k in report["stated_changes"] if k["name"] == "用气量")
    assert kept["id"] == "functions[1].metrics[2]" and kept["text"] == "下降一成"
    assert (kept["direction"], kept["amount"], kept["unit"], kept["previous"]) == ("down", 10.0, "%", None)
    draft = (tmp_path / "out" / "draft.md").read_text("utf-8")
    assert "用气量下降一成" in draft
