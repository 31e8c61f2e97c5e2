"""The section checks that make the model re-ask: numbers read by the linter's reader (approximate ones
included, dates not), and problems whose cause or measure must keep the facts' substance."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from zongjie.config import Settings
from zongjie.facts.load import load
from zongjie.lint.api import lint_section
from zongjie.llm.checks import check_section
from zongjie.llm.sections import SPECS, Closing, Plans, Preface, Problems
from zongjie.plan import SectionTask, build_plan

from .answers import Responder, valid_answer
from .conftest import FULL
from .fake_server import FakeServer, ok
from .helpers import TASKS, new_writer, user_text, write, write_task

MakeSettings = Callable[..., Settings]
CAUSE = "保洁岗位薪酬低于周边项目，培训以口头传授为主、缺少标准教材"


def _tasks(tmp_path: Path, body: str) -> dict[str, SectionTask]:
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "report: {organization: 甲项目, department: 物业后勤科, profile: property, year: 2025}\n" + body,
        encoding="utf-8",
    )
    return {t.id: t for t in build_plan(load(facts))}


def test_approximate_number_not_in_facts_is_re_asked(server: FakeServer, settings_for: MakeSettings) -> None:
    server.responder = Responder(FULL)
    good = valid_answer(TASKS["review-facilities"])
    bad = {**good, "paragraphs": [*good["paragraphs"], "全年服务业主五百余户。"]}
    server.push(ok(bad))
    draft = write(new_writer(settings_for(server)), "review-facilities")
    assert (draft.status, server.calls) == ("repaired", 2)
    assert "五百余户" in user_text(server.requests[1]) and "五百余户" not in draft.body


def test_dates_matching_the_facts_are_not_numbers(tmp_path: Path) -> None:
    tasks = _tasks(
        tmp_path,
        "summary: {notes: [智能巡检系统计划2026年10月1日前上线]}\n"
        "plans: [{goal: 智能巡检系统上线, deadline: 2026-10-01, owner: 后勤科科长王芳}]\n",
    )
    task = tasks["closing"]
    value = Closing(paragraphs=["新的一年，智能巡检系统将于2026年10月1日前上线，后勤科将继续做好保障工作。"])
    problems = check_section(task, value)
    assert not [p for p in problems if "数字" in p], problems


def test_chinese_numeral_not_in_facts_is_reported() -> None:
    value = Closing(paragraphs=["新的一年，后勤科将服务业主五百余户，继续做好保障工作。"])
    problems = check_section(TASKS["closing"], value)
    assert any("五百余户" in p and "找不到" in p for p in problems), problems


def _problems_value(task: SectionTask, cause: str) -> Problems:
    answer = valid_answer(task)
    answer["items"][1]["cause"] = cause
    return Problems.model_validate(answer)


def test_changed_cause_is_re_asked_with_the_facts_cause() -> None:
    task = TASKS["problems"]
    assert task.problems[1].problem.cause == CAUSE
    problems = check_section(task, _problems_value(task, "员工积极性不高"))
    assert any("problems[1]" in p and CAUSE in p for p in problems), problems


def test_cause_with_an_invented_number_is_re_asked() -> None:
    task = TASKS["problems"]
    problems = check_section(task, _problems_value(task, CAUSE + "，月薪低800元"))
    assert any("problems[1]" in p and "原因" in p for p in problems), problems


def test_cause_kept_in_substance_passes() -> None:
    task = TASKS["problems"]
    reworded = "主要是保洁岗位薪酬低于周边项目，且培训以口头传授为主，缺少标准教材"
    assert check_section(task, _problems_value(task, reworded)) == []
    assert check_section(task, _problems_value(task, CAUSE)) == []


def test_changed_cause_is_repaired_through_the_server(server: FakeServer, settings_for: MakeSettings) -> None:
    server.responder = Responder(FULL)
    task = TASKS["problems"]
    bad = valid_answer(task)
    bad["items"][1]["cause"] = "员工积极性不高"
    server.push(ok(bad))
    draft = write_task(new_writer(settings_for(server)), task)
    assert (draft.status, server.calls) == ("repaired", 2)
    assert CAUSE in user_text(server.requests[1])
    assert "积极性" not in draft.body and "口头传授" in draft.body


# --- a cause, measure or plan measure may reword the facts but not add to them ---------------------------

ELEVATOR_CAUSE = "设备老化，更新改造资金尚未列入年度预算"
ELEVATOR_MEASURE = "编制电梯更新改造方案，提请业主大会审议使用专项维修资金"


def _problem0(cause: str = ELEVATOR_CAUSE, measure: str = ELEVATOR_MEASURE) -> Problems:
    answer = valid_answer(TASKS["problems"])
    answer["items"][0]["cause"] = cause
    answer["items"][0]["measure"] = measure
    return Problems.model_validate(answer)


def test_cause_with_an_added_reason_is_re_asked() -> None:
    assert TASKS["problems"].problems[0].problem.cause == ELEVATOR_CAUSE
    problems = check_section(TASKS["problems"], _problem0(cause=ELEVATOR_CAUSE + "，加之维保单位响应不及时"))
    assert any("problems[0]" in p and "维保单位响应不及时" in p for p in problems), problems


def test_measure_with_an_added_action_is_re_asked() -> None:
    problems = check_section(TASKS["problems"], _problem0(measure=ELEVATOR_MEASURE + "，同时更换维保单位"))
    assert any("problems[0]" in p and "更换维保单位" in p for p in problems), problems


def test_reworded_cause_and_measure_pass() -> None:
    value = _problem0(
        cause="主要原因是设备老化，且更新改造资金未列入预算",
        measure="下一步将编制3号楼电梯更新改造方案，并提请业主大会审议使用专项维修资金",
    )
    assert check_section(TASKS["problems"], value) == []


def _plans(measures: list[str], task: SectionTask | None = None) -> tuple[SectionTask, Plans]:
    task = task or TASKS["plans"]
    answer = valid_answer(task)
    answer["items"][0]["measures"] = measures
    return task, Plans.model_validate(answer)


def test_plan_measure_not_among_the_actions_is_re_asked() -> None:
    actions = TASKS["plans"].plans[0].plan.actions
    problems = check_section(*_plans([*actions, "引进第三方餐饮公司"]))
    assert any("plans[0]" in p and "引进第三方餐饮公司" in p for p in problems), problems
    assert check_section(*_plans(actions)) == []
    assert check_section(*_plans(["完成3号楼电梯更新改造立项工作", "对二次供水泵组实施预防性更换"])) == []


def test_plan_without_actions_may_only_restate_its_goal(tmp_path: Path) -> None:
    task = _tasks(
        tmp_path,
        "plans: [{goal: 保洁员流失率降至15%以内, target: {name: 保洁员流失率, value: 15, unit: '%'},"
        " deadline: 2026-12-31, owner: 环境主管赵敏}]\n",
    )["plans"]
    problems = check_section(*_plans(["开展保洁技能竞赛"], task))
    assert any("复述目标" in p and "保洁员流失率降至15%以内" in p for p in problems), problems
    assert check_section(*_plans(["将保洁员流失率降至15%以内"], task)) == []


# --- the linter's new error rules feed the repair loop; warnings and facts gaps never do ------------------


def _preface(text: str) -> Preface:
    return Preface(paragraphs=[*valid_answer(TASKS["preface"])["paragraphs"], text])


def test_target_and_praise_claims_are_re_asked() -> None:
    problems = check_section(TASKS["preface"], _preface("业主满意度92.3%，未完成年度目标。"))
    assert any("未完成年度目标" in p and "优于年度目标" in p for p in problems), problems
    problems = check_section(TASKS["preface"], _preface("后勤工作赢得了全体业主的一致好评。"))
    assert any("一致好评" in p and "没有依据" in p for p in problems), problems


def test_warnings_alone_never_re_ask() -> None:
    value = _preface("服务水平稳步提升。")  # vague-claim: a warning
    assert "vague-claim" in {f.rule for f in lint_section(TASKS["preface"], SPECS["preface"].render(value))}
    assert check_section(TASKS["preface"], value) == []


def test_facts_gaps_are_never_re_asked(tmp_path: Path) -> None:
    task = _tasks(tmp_path, "problems: [{problem: 地库照明不足}]\n")["problems"]
    value = Problems.model_validate(
        {"items": [{"fact_id": "problems[0]", "problem": "地库照明不足", "cause": "", "measure": ""}]}
    )
    findings = lint_section(task, SPECS["problems"].render(value))
    assert findings and all(f.facts_gap for f in findings if f.is_error)
    assert check_section(task, value) == []


def test_praise_claim_is_repaired_through_the_server(server: FakeServer, settings_for: MakeSettings) -> None:
    server.responder = Responder(FULL)
    good = valid_answer(TASKS["preface"])
    server.push(ok({"paragraphs": [*good["paragraphs"], "保障工作得到公司领导充分肯定。"]}))
    draft = write(new_writer(settings_for(server)), "preface")
    assert (draft.status, server.calls) == ("repaired", 2)
    assert "充分肯定" in user_text(server.requests[1]) and "充分肯定" not in draft.body
