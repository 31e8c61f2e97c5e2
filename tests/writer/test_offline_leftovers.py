"""Leftovers of r3 finding 11: a bare work name after a lead, 对此 after an event that is no problem.
The colon list (员工食堂：…) is tests/notes/test_notes_colon.py."""

from __future__ import annotations

from writer.offline_helpers import WRITER, check_fidelity, make_facts, task_of


def test_a_bare_work_name_gets_its_verb_after_a_lead() -> None:
    task = task_of(make_facts(functions=[{"key": "environment", "work": ["绿化补植"]}]), "review-environment")
    body = WRITER.render(task)
    assert "完成绿化补植。" in body, body
    assert "，绿化补植。" not in body
    check_fidelity(task, body)


def test_an_event_that_is_no_problem_takes_no_dui_ci() -> None:
    cases = [{"event": "9月1日开学", "response": "新生公寓入住1200人", "result": "秩序正常"}]
    task = task_of(make_facts(functions=[{"key": "facilities", "cases": cases}]), "review-facilities")
    body = WRITER.render(task)
    assert "对此" not in body, body
    assert "9月1日开学，新生公寓入住1200人，秩序正常。" in body, body
    check_fidelity(task, body)


def test_an_incident_is_still_responded_to() -> None:
    cases = [{"event": "5号楼水泵房跑水", "response": "连夜抢修", "result": ""}]
    task = task_of(make_facts(functions=[{"key": "facilities", "cases": cases}]), "review-facilities")
    body = WRITER.render(task)
    assert "跑水。对此，" in body, body  # a problem is still responded to
