"""The shared vocabulary: one list of change verbs, owner and deadline patterns, read the same way by the
linter, the notes reader and the offline writer."""

from __future__ import annotations

import pytest

from zongjie import wording
from zongjie.facts.derive import derive
from zongjie.facts.model import Metric
from zongjie.lint.rules import fidelity, plans
from zongjie.notes import patterns
from zongjie.writer.offline import kinds


@pytest.mark.parametrize(
    ("value", "previous", "unit"), [(120, 100, "次"), (80, 100, "次"), (98.5, 97.1, "%"), (3, 7, "起")]
)
def test_derived_wording_uses_the_shared_verbs(value: float, previous: float, unit: str) -> None:
    """What derive() writes, the linter's trend check must read as the same direction."""
    for d in derive(Metric(name="设备巡检", value=value, previous=previous, unit=unit)):
        verbs = wording.UP if d.direction == "up" else wording.DOWN
        assert any(v in d.text for v in verbs), d.text


def test_every_reader_shares_the_verbs() -> None:
    assert set(wording.UP_BY) <= set(patterns.UP) and set(wording.DOWN_BY) <= set(patterns._DOWN)
    assert not set(wording.UP_TO) & set(patterns.UP)  # 增至 names a level, not a change by an amount
    assert fidelity.UP is wording.UP and fidelity.DOWN is wording.DOWN
    assert kinds.target_clause("宿舍能耗回落", "30%") == "宿舍能耗回落30%"


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("责任人为工程主管李明", "工程主管李明"),
        ("牵头人：后勤科赵敏", "后勤科赵敏"),
        ("由环境主管赵敏负责", "环境主管赵敏"),
    ],
)
def test_owner_is_read_in_prose(text: str, who: str) -> None:
    m = wording.OWNER.search(text)
    assert m is not None and (m.group(1) or m.group(2)) == who
    assert plans.OWNER.search(text)


@pytest.mark.parametrize("text", ["负责人：李明", "牵头人：李明", "李明负责"])
def test_owner_is_read_in_notes(text: str) -> None:
    assert patterns.owner(text)[0] == "李明"


@pytest.mark.parametrize(
    "text",
    [
        "2026年6月底前",
        "6月30日前",
        "年底前",
        "第三季度末",
        "2026-06-30",
        "3个月内",
        "2026年底",
        "2026年起",
        "9月中旬",
    ],
)
def test_deadlines_are_found_in_prose(text: str) -> None:
    assert plans.DEADLINE.search(f"完成改造，{text}完成，责任人为李明")


@pytest.mark.parametrize(
    ("clause", "when"), [("6月底前完成", "6月底"), ("2026年底前", "2026年底"), ("一季度末", "一季度末")]
)
def test_deadlines_are_read_in_notes(clause: str, when: str) -> None:
    m = patterns.DEADLINE.fullmatch(clause)
    assert m is not None and m.group("when") == when


# ---- how a summary names its own department ----


@pytest.mark.parametrize(
    ("title", "who"),
    [
        ("阳光花园项目物业后勤科2025年度工作总结", ("阳光花园项目", "物业后勤科")),
        ("# 2025年度明德实验中学后勤保障中心工作总结", ("明德实验中学", "后勤保障中心")),
        ("县人民医院后勤保障科2025年工作总结（讨论稿）", ("县人民医院", "后勤保障科")),
        ("二〇二五年总务处工作总结", ("", "总务处")),
        ("xx小区物业服务中心20__年度工作总结", ("小区", "物业服务中心")),
        ("2025年度后勤工作总结", ("", "")),
    ],
)
def test_the_title_names_organisation_and_department(title: str, who: tuple[str, str]) -> None:
    assert wording.department_in_title(title) == who


def test_self_mentions_find_names_short_forms_and_pronouns_but_not_other_units() -> None:
    text = (
        "2025年，阳光花园项目物业后勤科完成巡检。后勤科在岗员工46人，我科会同保卫科、一站式服务中心处置停电；"
        "由后勤科牵头；暑假期间后勤科完成改造；自我处理；本项目物业后勤科。"
    )
    got = [(m.written, m.form, m.pronoun) for m in wording.self_mentions(text, "物业后勤科", "阳光花园项目")]
    assert got == [
        ("阳光花园项目物业后勤科", "物业后勤科", False),
        ("后勤科", "后勤科", False),
        ("我科", "我科", True),
        ("后勤科", "后勤科", False),
        ("后勤科", "后勤科", False),
        ("项目物业后勤科", "物业后勤科", False),
    ]


def test_name_department_writes_one_name_and_keeps_everything_else() -> None:
    text = "我科25分钟内启动预案，会同保卫科疏导；本部门现有职工21人；责任人：后勤科科长王芳；物业后勤科全年巡检1248次"
    assert wording.name_department(text, "物业后勤科", "阳光花园项目") == (
        "物业后勤科25分钟内启动预案，会同保卫科疏导；物业后勤科现有职工21人；"
        "责任人：物业后勤科科长王芳；物业后勤科全年巡检1248次"
    )
    # A department of one word has no shorter form; a school's 本科 (undergraduate) is no pronoun.
    assert wording.name_department("后勤处对本科生宿舍完成维修", "后勤处") == "后勤处对本科生宿舍完成维修"
    assert wording.name_department("我处理了120件报修", "总务处") == "我处理了120件报修"


def test_other_units_that_share_words_with_the_department_are_left_alone() -> None:
    dept = "后勤服务中心"
    text = "病人可到一站式服务中心办理；医疗保障部负责医保结算；服务中心全年受理报修11240件"
    assert wording.name_department(text, dept, "市中医院") == (
        "病人可到一站式服务中心办理；医疗保障部负责医保结算；后勤服务中心全年受理报修11240件"
    )
