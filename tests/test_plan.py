"""The section plan: each section gets only its facts; nothing is named that the facts do not show."""

from __future__ import annotations

from zongjie.facts.load import load, parse
from zongjie.plan import build_plan
from zongjie.resources import data_dir
from zongjie.skeleton import HEADINGS, ORDER

FACTS = """\
report: {organization: 甲项目, department: 物业后勤科, profile: property, year: 2025}
functions:
  - key: facilities
    metrics: [{name: 设备巡检, value: 120, unit: 次, previous: 100}]
  - key: environment
    metrics: []
    work: []
plans: [{goal: 设备完好率提升至99.5%, owner: 工程主管李明}]
"""


def test_empty_function_is_neither_a_section_nor_named_in_the_preface() -> None:
    tasks = {t.id: t for t in build_plan(parse(FACTS, "f.yaml"))}
    assert "review-environment" not in tasks
    assert tasks["preface"].outline == ["设备设施运行与维护"]
    assert tasks["closing"].outline == ["设备设施运行与维护"]


def test_each_task_carries_only_its_facts_with_ids_and_derived_figures() -> None:
    tasks = {t.id: t for t in build_plan(parse(FACTS, "f.yaml"))}
    review = tasks["review-facilities"]
    assert [m.id for m in review.metrics] == ["functions[0].metrics[0]"]
    assert [d.text for d in review.metrics[0].derived] == ["较上年增加20次", "同比增长20%"]
    assert review.plans == [] and tasks["plans"].metrics == []
    assert [p.id for p in tasks["plans"].plans] == ["plans[0]"]
    assert list(tasks) == ["title", "preface", "review-facilities", "plans", "closing"]


def test_profile_direction_fills_better_for_derived_wording() -> None:
    text = FACTS.replace(
        "{name: 设备巡检, value: 120, unit: 次, previous: 100}",
        "{name: 库房损耗率, value: 0.8, unit: '%', target: 1}",
    )
    task = next(t for t in build_plan(parse(text, "f.yaml")) if t.id == "review-facilities")
    assert task.metrics[0].metric.better == "lower"
    assert task.metrics[0].derived[0].met is True


def test_direction_needs_the_same_kind_of_indicator() -> None:
    text = FACTS.replace(
        "{name: 设备巡检, value: 120, unit: 次, previous: 100}",
        "{name: 重大故障处理及时率, value: 98, unit: '%', previous: 96}, {name: 停电应急演练, value: 4, unit: 次}, "
        "{name: 重大故障, value: 3, unit: 起, previous: 7}",
    )
    task = next(t for t in build_plan(parse(text, "f.yaml")) if t.id == "review-facilities")
    better = {m.metric.name: m.metric.better for m in task.metrics}
    assert better == {"重大故障处理及时率": "higher", "停电应急演练": "higher", "重大故障": "lower"}


def test_fact_ids_are_the_ids_fact_lines_show_in_order() -> None:
    for path in sorted(data_dir("fixtures").glob("*-full.yaml")):
        for task in build_plan(load(path)):
            shown = [line[1:].split("] ", 1)[0] for line in task.fact_lines()]
            assert task.fact_ids() == shown, task.id


def test_headings_and_order_come_from_the_skeleton() -> None:
    tasks = build_plan(parse(FACTS, "f.yaml"))
    top = [t for t in tasks if t.group is None]
    assert [t.id for t in top] == [i for i in ORDER if i in {t.id for t in top}]
    assert all(t.heading == HEADINGS[t.id] for t in top if t.id != "title")
