"""Offline sentence forms a 科长 would not mark (issue 10): names that already say what happened, verb before
object, zero outcomes in words, deadlines that end a span, and no long run of identical comparison chains."""

from __future__ import annotations

import re

import pytest

from writer.offline_helpers import WRITER, check_fidelity, check_register, make_facts, task_of
from zongjie.lint.api import lint_section
from zongjie.writer.offline import kinds
from zongjie.writer.offline.items import deadline_phrase

CHANGE_NAMED = [
    {"name": "用气量下降", "value": 10, "unit": "%", "previous": 8},
    {"name": "节约采购成本", "value": 12.5, "unit": "万元", "previous": 10},
    {"name": "餐厨垃圾减少", "value": 300, "unit": "吨", "previous": 350},
    {"name": "食品安全事故", "value": 0, "unit": "起", "previous": 0},
]
VERB_OBJECT = [
    {"name": "路灯安装", "value": 300, "unit": "盏"},
    {"name": "违规停车查处", "value": 96, "unit": "起", "previous": 80},
    {"name": "安全事故", "value": 0, "unit": "起", "previous": 2},
    {"name": "火灾", "value": 0, "unit": "起"},
]


def _body(key: str, metrics: list[dict[str, object]]) -> str:
    task = task_of(make_facts(functions=[{"key": key, "metrics": metrics}]), f"review-{key}")
    body = WRITER.render(task)
    check_fidelity(task, body)
    check_register(task, body)
    assert lint_section(task, body) == [], body  # the writer's own sentences are lint-clean
    return body


def test_a_name_that_states_a_change_takes_its_figure_directly() -> None:
    body = _body("catering", CHANGE_NAMED)
    assert "用气量下降10%" in body
    assert "节约采购成本12.5万元" in body
    assert "餐厨垃圾减少300吨" in body
    assert not re.search(r"(?:下降|减少|节约\S*)(?:达到|降至|为)", body), body


def test_verb_before_object_and_zero_outcomes_in_words() -> None:
    body = _body("security", VERB_OBJECT)
    assert "安装路灯300盏" in body
    assert "查处违规停车96起" in body
    assert "未发生安全事故（上年2起），较上年减少2起" in body
    assert "未发生火灾" in body
    assert "100%" not in body and not re.search(r"(?<![\d.])0起", body)


def test_two_years_without_an_incident() -> None:
    body = _body("catering", CHANGE_NAMED)
    assert "连续两年未发生食品安全事故" in body
    assert "全年连续" not in body and "本年度连续" not in body


@pytest.mark.parametrize(
    ("name", "said"),
    [("路灯安装", "安装路灯"), ("违规停车查处", "查处违规停车"), ("安装路灯", "安装路灯"), ("安装", "安装")],
)
def test_verb_first(name: str, said: str) -> None:
    assert kinds.verb_first(name) == said


@pytest.mark.parametrize(
    ("deadline", "said"),
    [
        ("2026年12月", "于2026年12月底前完成"),
        ("9月", "于9月底前完成"),
        ("2026年", "于2026年底前完成"),
        ("2026年6月底", "于2026年6月底前完成"),
        ("2026年9月30日", "于2026年9月30日前完成"),
        ("2026年上半年", "于2026年上半年完成"),
        ("年底前", "于年底前完成"),
    ],
)
def test_deadline_ends_the_span(deadline: str, said: str) -> None:
    assert deadline_phrase(deadline) == said


def test_comparison_chains_are_varied() -> None:
    names = ["巡逻", "监控巡查", "门岗登记", "消防检查", "车辆登记", "访客登记"]
    metrics = [
        {"name": n, "value": 100 + 10 * i, "unit": "次", "previous": 90 + 5 * i} for i, n in enumerate(names)
    ]
    body = _body("security", metrics)
    chain = re.compile(r"（上年\d+次），较上年增加\d+次，同比增长[\d.]+%")
    clauses = re.split(r"[；。]", body)
    runs = [bool(chain.search(c)) for c in clauses if c]
    # never three identical chains in a row
    assert not any(runs[i] and runs[i + 1] and runs[i + 2] for i in range(len(runs) - 2)), body
