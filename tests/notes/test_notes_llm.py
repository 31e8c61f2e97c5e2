"""The model path against a real local fake server: the model classifies, code computes and checks.
An invented number is caught (re-ask, then dropped to unplaced); a dropped note shows up in unplaced."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from llm.fake_server import FakeServer, error, ok
from zongjie.config import Settings, load_settings
from zongjie.facts.load import parse
from zongjie.notes import extract_notes
from zongjie.notes.polish import polish_file

NOTES = """# 阳光花园项目物业后勤科2025年工作笔记
- 今年电梯维修32次，比去年少9次
- 垃圾清运及时率99%
- 7月台风期间抢修排水泵，3小时恢复
- 问题：保洁员流失率偏高，原因是工资比周边项目低
"""
ELEVATOR = {
    "notes": [1],
    "kind": "metric",
    "function": "facilities",
    "name": "电梯维修",
    "value": 32,
    "unit": "次",
    "change": 9,
    "direction": "down",
}
GARBAGE = {
    "notes": [2],
    "kind": "metric",
    "function": "environment",
    "name": "垃圾清运及时率",
    "value": 99,
    "unit": "%",
}
CASE = {"notes": [3], "kind": "case", "function": "facilities"}
PROBLEM = {"notes": [4], "kind": "problem"}


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServer]:
    monkeypatch.setenv("ZONGJIE_BACKOFF", "0.01")
    monkeypatch.setenv("ZONGJIE_BACKOFF_MAX", "0.05")
    srv = FakeServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    return path


def settings(server: FakeServer, **kw: Any) -> Settings:
    return load_settings(base_url=server.url, model="m", timeout=2.0, no_cache=True, **kw)


def reply(*items: dict[str, Any], unclear: list[dict[str, Any]] | None = None) -> Any:
    return ok({"items": list(items), "unclear": unclear or []})


def test_model_classifies_and_code_computes_previous(server: FakeServer, notes: Path) -> None:
    server.push(reply(ELEVATOR, GARBAGE, CASE, PROBLEM))
    got = extract_notes(notes, settings=settings(server))
    facts = parse(got.text)
    elevator = facts.functions[0].metrics[0]
    assert (elevator.value, elevator.previous) == (32, 41)
    assert "# 计算：previous = 32 + 9 = 41（据“比去年少9次”）" in got.text
    assert facts.functions[0].cases[0].event == "7月台风期间抢修排水泵"
    assert facts.problems[0].cause == "工资比周边项目低"
    assert not got.extraction.unplaced and server.calls == 1
    assert "<notes>" in server.requests[0]["messages"][-1]["content"]


def test_invented_number_is_sent_back(server: FakeServer, notes: Path) -> None:
    invented = {**GARBAGE, "value": 99.5}
    server.push(reply(ELEVATOR, invented, CASE, PROBLEM), reply(ELEVATOR, GARBAGE, CASE, PROBLEM))
    got = extract_notes(notes, settings=settings(server))
    assert server.calls == 2
    repair = server.requests[1]["messages"][-1]["content"]
    assert "99.5" in repair and "不在这条笔记里" in repair
    assert parse(got.text).functions[1].metrics[0].value == 99


def test_invented_number_that_persists_is_dropped_to_unplaced(server: FakeServer, notes: Path) -> None:
    invented = {**ELEVATOR, "change": None, "direction": "", "previous": 45}
    for _ in range(3):
        server.push(reply(invented, GARBAGE, CASE, PROBLEM))
    got = extract_notes(notes, settings=settings(server))
    assert server.calls == 3
    assert "45" not in got.text.split("# unplaced")[0].replace("# L", "")
    unplaced = got.unplaced_lines()
    assert len(unplaced) == 1 and unplaced[0].startswith("L2: 今年电梯维修32次") and "45" in unplaced[0]


def test_dropped_note_shows_up_in_unplaced(server: FakeServer, notes: Path) -> None:
    server.push(reply(ELEVATOR, GARBAGE, PROBLEM))
    got = extract_notes(notes, settings=settings(server))
    assert got.unplaced_lines() == ["L4: 7月台风期间抢修排水泵，3小时恢复（模型没有使用这条：未说明原因）"]
    assert "#   - L4: 7月台风期间抢修排水泵，3小时恢复" in got.text


def test_case_turned_into_a_sentence_metric_is_rejected(server: FakeServer, notes: Path) -> None:
    """The real small-model failure: a case became a metric named after the sentence."""
    bad = {
        "notes": [3],
        "kind": "metric",
        "function": "facilities",
        "name": "7月台风期间抢修排水泵",
        "value": 3,
        "unit": "小时",
    }
    server.push(reply(ELEVATOR, GARBAGE, bad, PROBLEM), reply(ELEVATOR, GARBAGE, CASE, PROBLEM))
    got = extract_notes(notes, settings=settings(server))
    assert server.calls == 2 and "应归为 case" in server.requests[1]["messages"][-1]["content"]
    assert parse(got.text).functions[0].cases[0].result == "3小时恢复"


def test_endpoint_failure_falls_back_to_offline_rules(server: FakeServer, notes: Path) -> None:
    server.push(*[error(500)] * 10)
    got = extract_notes(notes, settings=settings(server, retries=0))
    assert "offline rules; the model failed" in got.text
    assert parse(got.text).functions[0].metrics[0].previous == 41


def test_polish_with_model_changed_number_is_repaired(server: FakeServer, notes: Path) -> None:
    # Only the facilities notes go to the model: 垃圾清运 is 环境's, the 问题： line the problems'.
    good = ["全年电梯维修32次，较上年减少9次。", "7月台风期间抢修排水泵，3小时内恢复。"]
    server.push(ok({"lines": [good[0].replace("32", "35"), *good[1:]]}), ok({"lines": good}))
    result = polish_file(notes, section="review-facilities", style="正式", settings=settings(server))
    assert result.ok and server.calls == 2, result.problems
    assert "review-environment: L3; problems: L5" in "\n".join(result.messages)
    assert "垃圾" not in result.text and "流失率" not in result.text
    assert "35" not in result.text and "32次" in result.text
    assert "第1条数字与原文不一致" in server.requests[1]["messages"][-1]["content"]


def test_polish_with_model_that_keeps_failing_uses_offline(server: FakeServer, notes: Path) -> None:
    for _ in range(3):
        server.push(ok({"lines": ["全年电梯维修35次。"]}))
    result = polish_file(notes, section="review-facilities", style="简洁", settings=settings(server))
    assert result.ok and "35" not in result.text
    assert any("offline polish" in m for m in result.messages)


def test_impossible_metric_from_model_goes_to_unplaced(server: FakeServer, tmp_path: Path) -> None:
    notes = tmp_path / "typo.md"
    notes.write_text("# 2025年工作笔记\n- 设备完好率120%\n", encoding="utf-8")
    server.push(
        reply(
            {
                "notes": [1],
                "kind": "metric",
                "function": "facilities",
                "name": "设备完好率",
                "value": 120,
                "unit": "%",
            }
        )
    )
    got = extract_notes(notes, settings=settings(server))
    assert "functions" not in parse(got.text).model_dump(exclude_defaults=True)
    assert got.unplaced_lines()[0].startswith("L2: 设备完好率120%（模型读出的指标“设备完好率”不合法")


def test_a_change_only_metric_from_the_model_keeps_the_notes_words(
    server: FakeServer, tmp_path: Path
) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# 阳光花园项目物业后勤科2025年工作笔记\n- 公共区域用电量下降一成\n", encoding="utf-8")
    stated = {"notes": [1], "kind": "metric", "function": "energy", "name": "公共区域用电量"}
    server.push(reply({**stated, "change": 10, "direction": "down"}))
    got = extract_notes(path, settings=settings(server))
    metric = parse(got.text).functions[0].metrics[0]
    assert (metric.name, metric.value, metric.previous) == ("公共区域用电量", None, None)
    assert metric.change is not None and metric.change.text == "下降一成"
    assert not got.extraction.unplaced and server.calls == 1
