"""Every fault the endpoint can throw, against a real local HTTP server: outcome and number of calls."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from zongjie.config import Settings
from zongjie.facts.load import load
from zongjie.lint.api import lint_section
from zongjie.llm import AuthFailed
from zongjie.plan import build_plan

from .answers import Responder
from .conftest import FULL
from .fake_server import FakeServer, Scripted, error, ok
from .helpers import dumps, method_of, new_writer, user_text, write, write_task

MakeSettings = Callable[..., Settings]
SECTION = "review-facilities"


@pytest.fixture
def answers(server: FakeServer) -> Responder:
    responder = Responder(FULL)
    server.responder = responder
    return responder


def test_valid_json_is_one_call(server: FakeServer, answers: Responder, settings_for: MakeSettings) -> None:
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, draft.attempts, server.calls) == ("ok", 1, 1)
    assert "1248次" in draft.body
    assert draft.writer == "llm:m" and draft.prompt_version == "function@1"
    assert (draft.usage.calls, draft.usage.prompt_tokens, draft.usage.completion_tokens) == (1, 100, 50)
    assert method_of(server.requests[0]) == "json_schema"


def test_schema_violation_is_repaired(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    server.push(ok({"heading": "设备", "内容": "……"}))
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, draft.attempts, server.calls) == ("repaired", 2, 2)
    repair = server.requests[1]["messages"]
    assert repair[-2]["role"] == "assistant" and "内容" in repair[-2]["content"]
    assert "paragraphs" in repair[-1]["content"] and "Extra inputs" in repair[-1]["content"]


def test_number_not_in_facts_is_repaired(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    server.push(ok({"paragraphs": ["全年完成设备巡检1300次。"], "fact_ids": []}))
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, server.calls) == ("repaired", 2)
    assert "1300" in user_text(server.requests[1]) and "1300" not in draft.body


def test_number_never_fixed_falls_back_after_the_cap(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    bad = ok({"paragraphs": ["全年完成设备巡检1300次。"], "fact_ids": []})
    server.responder = lambda request: bad
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, draft.attempts, server.calls) == ("fallback", 3, 3)  # 1 + max_repairs 2
    assert draft.writer == "offline" and "1248次" in draft.body and "1300" not in draft.body
    assert [f.rule for f in draft.findings if f.is_error] == ["llm-fallback"]
    assert draft.usage.calls == 3


def test_keep_mode_keeps_the_best_attempt_flagged(server: FakeServer, settings_for: MakeSettings) -> None:
    bad = ok({"paragraphs": ["全年完成设备巡检1300次。"], "fact_ids": []})
    server.responder = lambda request: bad
    draft = write(new_writer(settings_for(server, on_fail="keep", max_repairs=1)), SECTION)
    # Never passed: not "repaired" (which means it passed after repairs) but visibly "flagged".
    assert (draft.status, draft.attempts, server.calls) == ("flagged", 2, 2)
    assert "1300" in draft.body
    assert draft.findings and all(f.rule == "llm-invalid" and f.is_error for f in draft.findings)


def test_429_honours_retry_after(server: FakeServer, answers: Responder, settings_for: MakeSettings) -> None:
    server.push(error(429, "rate limited", headers={"Retry-After": "0.3"}))
    start = time.monotonic()
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, server.calls) == ("ok", 2)
    assert time.monotonic() - start >= 0.3  # the configured backoff is 0.01 s: the header was honoured


def test_429_quota_is_not_retried(server: FakeServer, answers: Responder, settings_for: MakeSettings) -> None:
    server.push(error(429, "You exceeded your current quota", code="insufficient_quota"))
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, server.calls) == ("fallback", 1)
    assert "quota" in draft.findings[-1].message


def test_500_then_success(server: FakeServer, answers: Responder, settings_for: MakeSettings) -> None:
    server.push(error(500, "overloaded"), error(503, "busy"))
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, server.calls) == ("ok", 3)
    assert (draft.usage.calls, draft.usage.cached_calls) == (3, 0)  # every HTTP request the server saw


def test_cache_hits_are_not_model_calls(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    first = write(new_writer(settings_for(server)), SECTION)
    assert (first.usage.calls, first.usage.cached_calls, server.calls) == (1, 0, 1)
    writer = new_writer(settings_for(server))
    again = write(writer, SECTION)
    assert server.calls == 1  # nothing reached the server …
    assert (again.usage.calls, again.usage.cached_calls) == (0, 1)  # … so no call is counted
    assert again.usage.prompt_tokens == 0 and writer.session.usage.calls == 0


def test_a_rejected_format_is_a_call_too(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    server.push(error(400, "response_format json_schema is not supported"))
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, server.calls, draft.usage.calls) == ("ok", 2, 2)


def test_retries_are_bounded(server: FakeServer, settings_for: MakeSettings) -> None:
    server.responder = lambda request: error(502, "bad gateway")
    draft = write(new_writer(settings_for(server, retries=3)), SECTION)
    assert (draft.status, server.calls) == ("fallback", 4)
    assert "502" not in draft.body and draft.writer == "offline"


def test_hang_past_timeout_is_retried(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    server.push(Scripted(content="{}", delay=1.5))
    start = time.monotonic()
    draft = write(new_writer(settings_for(server, timeout=0.4)), SECTION)
    assert (draft.status, server.calls) == ("ok", 2)
    assert time.monotonic() - start < 1.4  # gave up on the hung call at the timeout


def test_connection_reset_is_retried(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    server.push(Scripted(reset=True))
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, server.calls) == ("ok", 2)


def test_json_schema_rejected_with_400_steps_down_once_for_the_run(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    server.push(error(400, "This response_format type is unavailable now"))
    writer = new_writer(settings_for(server))
    draft = write(writer, SECTION)
    assert (draft.status, server.calls) == ("ok", 2)
    assert [method_of(r) for r in server.requests] == ["json_schema", "json_object"]
    assert '"paragraphs"' in user_text(server.requests[1])  # the schema went into the prompt
    write(writer, "review-environment")  # the ladder remembers: no second probe
    assert [method_of(r) for r in server.requests] == ["json_schema", "json_object", "json_object"]


def test_json_schema_rejected_with_llamacpp_500(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    body = dumps(
        {
            "error": {
                "message": "[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
                "'msg': \"Input should be 'text' or 'json_object'\"}]",
                "code": 500,
            }
        }
    )
    server.push(Scripted(status=500, body=body))
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, server.calls) == ("ok", 2)  # not retried as a server error: stepped down
    assert [method_of(r) for r in server.requests] == ["json_schema", "json_object"]


def test_ladder_reaches_plain_text(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    server.push(error(400, "response_format unsupported"), error(422, "json_object unsupported"))
    server.responder = lambda r: ok("好的，结果如下：\n```json\n" + answers.answer(SECTION) + "\n```")
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, server.calls) == ("ok", 3)
    assert [method_of(r) for r in server.requests] == ["json_schema", "json_object", "text"]


def test_finish_reason_length_is_invalid_output(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    server.push(ok('{"paragraphs": ["全年完成设备巡检1248次', finish_reason="length"))
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, server.calls) == ("repaired", 2)
    assert "压缩篇幅" in user_text(server.requests[1])


def test_length_with_complete_json_is_still_invalid(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    server.push(ok(answers.answer(SECTION), finish_reason="length"))
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, server.calls) == ("repaired", 2)


def test_empty_content_is_invalid_output(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    server.push(ok(""))
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, server.calls) == ("repaired", 2)
    assert "输出为空" in user_text(server.requests[1])


def test_think_blocks_are_stripped(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    server.push(
        ok('<think>先看指标……{"paragraphs": ["草稿"]}</think>\n```json\n' + answers.answer(SECTION) + "\n```")
    )
    draft = write(new_writer(settings_for(server)), SECTION)
    assert (draft.status, server.calls) == ("ok", 1)
    assert "草稿" not in draft.body


def test_401_stops_at_once(server: FakeServer, answers: Responder, settings_for: MakeSettings) -> None:
    server.push(error(401, "invalid api key"))
    writer = new_writer(settings_for(server))
    with pytest.raises(AuthFailed, match="ZONGJIE_API_KEY") as caught:
        write(writer, SECTION)
    assert caught.value.exit_code == 2 and server.calls == 1
    with pytest.raises(AuthFailed):
        write(writer, "review-environment")
    assert server.calls == 1  # the run is over: no further call


def test_403_is_never_a_reason_to_step_down(
    server: FakeServer, answers: Responder, settings_for: MakeSettings
) -> None:
    server.push(error(403, "forbidden: response_format"))
    with pytest.raises(AuthFailed):
        write(new_writer(settings_for(server)), SECTION)
    assert server.calls == 1


def test_facts_gap_is_flagged_not_re_asked(
    tmp_path: Path, server: FakeServer, settings_for: MakeSettings
) -> None:
    # The facts give no cause: the model must leave it empty; the gap is reported, never "repaired" by invention.
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "report: {organization: 甲项目, department: 物业后勤科, profile: property, year: 2025}\n"
        "problems: [{problem: 维修人员只有2名持电工证, measure: 组织维修人员参加电工取证培训}]\n",
        encoding="utf-8",
    )
    task = next(t for t in build_plan(load(facts)) if t.id == "problems")
    item = {
        "fact_id": "problems[0]",
        "problem": "维修人员只有2名持电工证",
        "measure": "组织维修人员参加电工取证培训",
    }
    server.push(ok({"items": [{**item, "cause": "人员流动频繁"}]}))  # an invented cause: re-asked
    server.push(ok({"items": [{**item, "cause": ""}]}))
    draft = write_task(new_writer(settings_for(server)), task)
    assert (draft.status, server.calls) == ("repaired", 2)
    assert "为空字符串" in user_text(server.requests[1])
    assert "人员流动" not in draft.body and "电工取证培训" in draft.body
    gaps = [f for f in lint_section(task, draft.body) if f.is_error]
    assert [(f.rule, f.facts_gap) for f in gaps] == [("problem-without-cause", True)]
