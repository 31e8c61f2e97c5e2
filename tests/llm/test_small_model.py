"""Regression cases: real replies of a small local model (Qwen2.5-Coder-0.5B, llama.cpp), each must be caught."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from zongjie.llm.checks import check_section
from zongjie.llm.sections import Plans, Preface, Problems, Prose

from .answers import Responder
from .conftest import FULL
from .fake_server import FakeServer, ok
from .helpers import TASKS, new_writer, user_text, write

RECORDED: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "small-model-responses.json").read_text("utf-8")
)


def response(name: str) -> str:
    return str(RECORDED[name]["response"])


def test_wrong_year_and_unbacked_claims_in_a_review() -> None:
    paragraphs = json.loads(response("work_review_facilities"))["paragraphs"]
    problems = check_section(TASKS["review-facilities"], Prose(paragraphs=paragraphs, fact_ids=[]))
    assert any("2023年" in p and "总结年度" in p for p in problems)
    assert any(
        "显著降低" in p for p in problems
    )  # the linter's vague-claim warning rides along in the repair


def test_changed_owner_and_deadline_in_plans() -> None:
    items = json.loads(response("plans"))["items"]
    value = Plans.model_validate(
        {
            "items": [
                {
                    "fact_id": f"plans[{n}]",
                    "goal": i["goal"],
                    "measures": i["actions"],
                    "target": "",
                    "deadline": i["deadline"],
                    "owner": i["owner"],
                }
                for n, i in enumerate(items)
            ]
        }
    )
    problems = "\n".join(check_section(TASKS["plans"], value))
    assert "物业后勤科" in problems and "工程主管李明" in problems  # owner replaced by the department
    assert "2026年10月1日" in problems and "2026年6月底" in problems  # deadline changed
    assert "goal 里不要写时限和责任人" in problems  # the goal swallowed them
    assert "plans[2]" in problems  # and the third plan is missing


def test_plans_reply_as_recorded_fails_the_schema() -> None:
    with pytest.raises(ValidationError):
        Plans.model_validate_json(response("plans"))  # `actions` instead of measures, no fact_id


def test_problems_reply_as_recorded_fails_the_schema() -> None:
    with pytest.raises(ValidationError):
        Problems.model_validate_json(response("problems"))


def test_preface_that_became_a_mini_report() -> None:
    paragraphs = [p for p in response("preface_text").split("\n\n") if p.strip()]
    problems = check_section(TASKS["preface"], Preface(paragraphs=paragraphs[:3]))
    assert any("不要写标题" in p for p in problems)
    assert any("有效投诉17件" in p for p in problems)  # the figures it was given are missing


def test_energy_text_with_wrong_year_and_invented_figure() -> None:
    text = response("energy_text")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    problems = "\n".join(check_section(TASKS["review-energy"], Prose(paragraphs=paragraphs[:6], fact_ids=[])))
    assert "2023" in problems
    assert "“4.1%”" in problems  # the facts say 同比下降4.2%
    assert "用电量312万度" in problems  # dropped


def test_recorded_replies_are_repaired_end_to_end(server: FakeServer, settings_for: Any) -> None:
    """Served as the first reply, each recorded answer is rejected and re-asked; the valid one is accepted."""
    responder = Responder(FULL)
    server.responder = responder
    cases = [
        ("work_review_facilities", "review-facilities"),
        ("plans", "plans"),
        ("problems", "problems"),
        ("preface_text", "preface"),
    ]
    writer = new_writer(settings_for(server, method="json_object"))
    for name, section in cases:
        before = server.calls
        server.push(ok(response(name)))
        draft = write(writer, section)
        assert (draft.status, server.calls - before) == ("repaired", 2), name
        assert "不" in user_text(server.requests[-1])  # a repair turn with the problems went back


def test_json_object_with_keys_of_its_own() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        Prose.model_validate({"节次": "一", "内容": "……", "paragraphs": ["……"], "fact_ids": []})
