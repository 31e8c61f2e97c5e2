"""The offline writer's wording: a verb only where the facts support it, and sentences a Chinese reader
would write (regressions from a review of the drafts)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from writer.offline_helpers import COMPLETE, WRITER, check_fidelity, check_register, make_facts, task_of
from zongjie import profiles
from zongjie.facts.load import load
from zongjie.facts.model import Facts
from zongjie.lint.api import lint_section
from zongjie.plan.build import build_plan
from zongjie.plan.task import SectionTask
from zongjie.writer.offline import kinds, sections

FIXTURE_TASKS = {p.name: build_plan(load(p)) for p in COMPLETE}


def fixture_body(fixture: str, section_id: str) -> str:
    return WRITER.render(next(t for t in FIXTURE_TASKS[fixture] if t.id == section_id))


# --- every complete fixture ------------------------------------------------------------------------

ALL = [(p, t) for p, tasks in FIXTURE_TASKS.items() for t in tasks]


@pytest.mark.parametrize(("fixture", "task"), ALL, ids=[f"{p}:{t.id}" for p, t in ALL])
def test_every_fixture_section_is_faithful_and_clean(fixture: str, task: SectionTask) -> None:
    body = WRITER.render(task)
    check_fidelity(task, body)
    check_register(task, body)
    assert lint_section(task, body) == [], fixture
    # What the review found: a target glued to the goal, a bare zero count, a doubled 和 (closing).
    assert "目标值为" not in body
    assert not re.search(r"(?<![\d.为])0(?:起|件|次)", body), "a zero count needs 为/降为/仍为"
    assert not re.search(r"(?:完成|实施|开展)\S{0,8}(?:困人|停水|停电|漏水|事故|事件|摄像头|膳食)\d", body)


# --- 1. verbs by what the metric counts ------------------------------------------------------------

REPRO = [
    {"name": "电梯困人", "value": 3, "unit": "次"},
    {"name": "业主投诉", "value": 12, "unit": "件"},
    {"name": "停水停电", "value": 2, "unit": "次"},
    {"name": "管道漏水", "value": 7, "unit": "次"},
    {"name": "监控摄像头", "value": 320, "unit": "个"},
]


def test_incidents_complaints_and_stocks_get_no_activity_verb() -> None:
    task = task_of(make_facts(functions=[{"key": "facilities", "metrics": REPRO}]), "review-facilities")
    body = WRITER.render(task)
    assert not re.search(r"(?:完成|实施|开展)(?:电梯困人|业主投诉|停水停电|管道漏水|监控摄像头)", body), body
    assert "全年监控摄像头" not in body and "本年度监控摄像头" not in body  # a stock is not done 全年
    assert "发生电梯困人事件3次" in body
    assert "受理业主投诉12件" in body
    assert "停水停电事件2次" in body
    assert "管道漏水事件7次" in body
    assert "监控摄像头数量为320个" in body
    check_fidelity(task, body)
    check_register(task, body)
    assert lint_section(task, body) == []


def test_a_stock_alone_takes_no_time_frame() -> None:
    metrics = [{"name": "监控摄像头", "value": 320, "unit": "个"}]
    task = task_of(make_facts(functions=[{"key": "security", "metrics": metrics}]), "review-security")
    assert WRITER.render(task) == "监控摄像头数量为320个。"


def test_servings_are_supplied() -> None:
    body = fixture_body("hospital-full.yaml", "review-catering")
    assert "供应治疗膳食58600份（上年51200份）" in body
    assert "全年治疗膳食" not in body


def test_a_lower_incident_count_falls_to_a_noun_phrase() -> None:
    metrics = [{"name": "管道漏水", "value": 7, "unit": "次", "previous": 9}]
    task = task_of(make_facts(functions=[{"key": "facilities", "metrics": metrics}]), "review-facilities")
    body = WRITER.render(task)
    assert "管道漏水事件降至7次（上年9次），较上年减少2次，同比下降22.2%" in body  # better: lower (profile)
    check_fidelity(task, body)


@pytest.mark.parametrize(
    ("name", "unit", "kind"),
    [
        ("设备巡检", "次", "activity"),
        ("消防演练", "次", "activity"),
        ("会议保障", "场", "activity"),
        ("管网更新", "处", "activity"),
        ("电梯困人", "次", "incident"),
        ("停水停电", "次", "incident"),
        ("跑冒滴漏", "次", "incident"),
        ("重大故障", "起", "incident"),
        ("业主投诉", "件", "complaint"),
        ("水电故障处理", "起", "handled"),  # work on faults, not a fault
        ("警情处置", "起", "handled"),
        ("电梯困人救援", "次", "handled"),
        ("停电应急演练", "次", "activity"),  # work about an incident, not the incident
        ("管道漏水维修", "次", "activity"),
        ("维修工单", "件", "activity"),
        ("医疗废物处置量", "吨", "measure"),  # a quantity, not the activity 处置
        ("安全行驶里程", "万公里", "measure"),
        ("治疗膳食", "份", "supply"),
        ("监控摄像头", "个", "stock"),
        ("合格供应商", "家", "stock"),
        ("新增监控摄像头", "个", "named"),
        ("日均就餐", "人次", "named"),
        ("技能认证通过", "人", "plain"),
    ],
)
def test_metric_kinds(name: str, unit: str, kind: str) -> None:
    assert kinds.kind(name, unit) == kind


# --- lower-is-better inference (profiles) -----------------------------------------------------------


def facts_for(profile: str, **sections: Any) -> Facts:
    report = {"organization": "测试单位", "department": "后勤部", "year": 2025, "profile": profile}
    return Facts.model_validate({"report": report, **sections})


def _better(profile: str, key: str, name: str, unit: str) -> str | None:
    facts = facts_for(
        profile, functions=[{"key": key, "metrics": [{"name": name, "value": 1, "unit": unit}]}]
    )
    return task_of(facts, f"review-{key}").metrics[0].metric.better


FIRST_KEY = {p: profiles.load(p).functions[0].key for p in profiles.available()}


@pytest.mark.parametrize("profile", sorted(FIRST_KEY))
def test_incidents_are_lower_is_better_in_every_profile(profile: str) -> None:
    key = FIRST_KEY[profile]
    for name in ("停水停电", "管道漏水", "跑冒滴漏", "安全事故"):
        assert _better(profile, key, name, "次") == "lower", (profile, name)


@pytest.mark.parametrize("profile", sorted(FIRST_KEY))
def test_work_and_rates_near_incident_words_stay_higher_is_better(profile: str) -> None:
    # Indicator.matches is a two-way substring test, so the new incident names must not be part of
    # common rate or work names. (It cannot protect "停水停电应急演练": see the report.)
    key = FIRST_KEY[profile]
    for name, unit in (
        ("困人救援响应率", "%"),
        ("漏水抢修及时率", "%"),
        ("投诉处理率", "%"),
        ("设备巡检", "次"),
    ):
        assert _better(profile, key, name, unit) == "higher", (profile, name)


# --- 2. awkward phrasing from the review --------------------------------------------------------------


@pytest.mark.parametrize("profile", sorted(FIRST_KEY))
def test_closing_thanks_are_grammatical_for_every_served_group(profile: str) -> None:
    served = profiles.load(profile).served
    task = task_of(facts_for(profile), "closing")
    for variant in (0, 1):
        body = sections.closing(task, variant)
        assert f"广大{served}的理解支持" in body
        assert "协作配合和" not in body and "关心指导和广大" not in body
        for clause in re.split(r"[，。；、]", body):
            assert clause.count("和") <= served.count("和"), clause


def test_plan_target_is_its_own_sentence() -> None:
    body = fixture_body("hospital-full.yaml", "plans")
    assert "2. 住院部一期给排水管线改造。目标：完成改造病区6个。主要措施：" in body
    body = fixture_body("enterprise-full.yaml", "plans")
    assert "宿舍热水系统完成空气源热泵改造。目标：宿舍热水系统能耗下降30%。" in body
    body = fixture_body("property-small.yaml", "plans")
    assert "完成老旧监控摄像头更换。目标：更换摄像头14个。" in body


@pytest.mark.parametrize(
    ("name", "value", "unit", "sentence"),
    [
        ("设备完好率", 99.5, "%", "目标：设备完好率达到99.5%。"),
        ("保洁员流失率", 15, "%", "目标：保洁员流失率控制在15%以内。"),
        ("维修人员持证人数", 5, "名", "目标：维修人员持证人数达到5名。"),
        ("新增充电桩", 20, "个", "目标：新增充电桩20个。"),
    ],
)
def test_plan_targets_read_for_any_name(name: str, value: float, unit: str, sentence: str) -> None:
    plans = [{"goal": "做好年度重点工作", "target": {"name": name, "value": value, "unit": unit}}]
    task = task_of(make_facts(plans=plans), "plans")
    body = WRITER.render(task)
    assert f"1. 做好年度重点工作。{sentence}" in body
    check_fidelity(task, body)


def test_a_name_and_figure_work_item_gets_its_verb() -> None:
    work = ["消防演练两次", "更换灭火器20具"]
    task = task_of(make_facts(functions=[{"key": "security", "work": work}]), "review-security")
    body = WRITER.render(task)
    assert re.search(r"(?:组织|开展)消防演练两次", body), body
    assert not re.search(r"[，、]消防演练两次", body)
    check_fidelity(task, body)


def test_a_response_without_subject_gets_the_department() -> None:
    cases = [{"event": "园区突发大面积停电", "response": "25分钟内启动应急预案", "result": "2小时内恢复供电"}]
    task = task_of(make_facts(functions=[{"key": "facilities", "cases": cases}]), "review-facilities")
    body = WRITER.render(task)
    assert body.endswith("对此，物业后勤科25分钟内启动应急预案，2小时内恢复供电。"), body
    check_fidelity(task, body)


def test_a_response_with_its_subject_and_a_result_with_its_own() -> None:
    body = fixture_body("school-full.yaml", "review-facilities")
    assert "对此，值班电工10分钟内到场" in body  # has its subject: no department added
    body = fixture_body("property-full.yaml", "review-environment")
    # The result has its own subject (…投诉降为0件) and its own trend: it stays a separate sentence.
    assert "对此，物业后勤科加密地库消杀至每周2次，清理积水点41处。6月起地库蚊虫投诉降为0件。" in body


def test_a_count_that_falls_to_zero() -> None:
    body = fixture_body("property-full.yaml", "review-security")
    assert "未发生安全事故（上年1起），较上年减少1起" in body
    assert "100%" not in body.replace("隐患整改率达到100%", "")  # never 同比下降100%
    body = fixture_body("school-full.yaml", "review-security")
    assert "连续两年未发生安全事故" in body
    assert "全年连续" not in body
    body = fixture_body("property-small.yaml", "review-security")
    assert "未发生安全事故" in body


def test_a_zero_incident_is_said_in_words() -> None:
    # The all-fixtures test forbids a bare "0起"; a zero incident count is 未发生, in 公文 form.
    body = fixture_body("enterprise-full.yaml", "review-vehicles")
    assert "未发生交通事故（上年1起），较上年减少1起" in body
    assert "同比下降100%" not in body


def test_a_zero_of_what_is_not_an_incident_keeps_its_figure() -> None:
    metrics = [{"name": "业主投诉", "value": 0, "unit": "件", "previous": 4}]
    task = task_of(make_facts(functions=[{"key": "facilities", "metrics": metrics}]), "review-facilities")
    body = WRITER.render(task)
    assert "业主投诉由上年4件降为0件" in body
    assert lint_section(task, body) == []


@pytest.mark.parametrize(
    ("response", "result", "sentence"),
    [
        # As clerks type them: a full-width figure (written back in ASCII, as the linter's fixer does), a
        # Chinese numeral, 半小时, and 我科 (the department: no 对此 needed, named as the draft names it).
        ("２０分钟内到场处置", "１小时内恢复供水", "对此，物业后勤科20分钟内到场处置，1小时内恢复供水。"),
        ("半小时内关闭总阀", "两小时内恢复供水", "对此，物业后勤科半小时内关闭总阀，两小时内恢复供水。"),
        ("我科十分钟内到场", "三小时内修复管道", "爆裂。物业后勤科十分钟内到场，三小时内修复管道。"),
    ],
)
def test_a_response_opening_with_how_long_gets_the_department_as_written(
    response: str, result: str, sentence: str
) -> None:
    cases = [{"event": "3号楼供水管爆裂", "response": response, "result": result}]
    task = task_of(make_facts(functions=[{"key": "facilities", "cases": cases}]), "review-facilities")
    body = WRITER.render(task)
    assert body.endswith(sentence), body
    check_fidelity(task, body)
