"""The section checks that make the model re-ask: numbers read by the linter's reader (approximate ones
included, dates not), and problems whose cause or measure must keep the facts' substance."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from zongjie.config import Settings
from zongjie.facts.load import load
from zongjie.llm.checks import check_section
from zongjie.llm.sections import Closing, Problems
from zongjie.plan import SectionTask, build_plan

from .answers import Responder, valid_answer
from .conftest import FULL
from .fake_server import FakeServer, ok
from .helpers import TASKS, new_writer, user_text, write

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
    assert any("五百余户" in p and "不在本节事实中" in p for p in problems), problems


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
    draft = asyncio.run(new_writer(settings_for(server)).write(task))
    assert (draft.status, server.calls) == ("repaired", 2)
    assert CAUSE in user_text(server.requests[1])
    assert "积极性" not in draft.body and "口头传授" in draft.body
