"""The user's own words in a draft: copied with the linter's punctuation (never its numbers changed), a zero
上年 value with its verb, and causes and measures joined so the sentence stays whole (second review round)."""

from __future__ import annotations

import re

import pytest

from writer.offline_helpers import WRITER, check_fidelity, check_register, make_facts, task_of
from zongjie.lint.api import lint_section
from zongjie.writer.offline.items import cause_sentence, measure_sentence
from zongjie.writer.offline.phrases import clean, punctuate

HALF_WIDTH_NEXT_TO_HAN = re.compile(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]")

FACTS = make_facts(
    summary={"notes": ["全校教职工21人,保障全校3200名师生"]},
    functions=[
        {
            "key": "facilities",
            "metrics": [{"name": "学生满意度", "value": 98.5, "unit": "%"}],
            "work": ["水泵房翻修(约1800平方米),更换老旧阀门", "食堂配送,学生满意度98.5%"],
        }
    ],
    problems=[
        {
            "problem": "保洁员流失率28%,培训周期长",
            "cause": "工资偏低;周边项目待遇高",
            "measure": "2026年申请专项资金:提高待遇",
        }
    ],
    lessons=["制度要落地,关键在执行"],
)


@pytest.mark.parametrize("section", ["preface", "review-facilities", "problems", "lessons"])
def test_half_width_marks_in_fact_texts_are_normalised(section: str) -> None:
    task = task_of(FACTS, section)
    body = WRITER.render(task)
    assert not HALF_WIDTH_NEXT_TO_HAN.search(body), body
    assert [f for f in lint_section(task, body) if f.rule == "punctuation"] == [], body
    check_fidelity(task, body)  # every number still there, the texts as the fixer writes them
    check_register(task, body)


def test_named_texts_come_out_as_the_linter_wants_them() -> None:
    body = WRITER.render(task_of(FACTS, "review-facilities"))
    assert "水泵房翻修（约1800平方米），更换老旧阀门" in body
    assert "食堂配送，学生满意度98.5%" in body  # the decimal point stays
    preface = WRITER.render(task_of(FACTS, "preface"))
    assert "全校教职工21人，保障全校3200名师生" in preface


def test_punctuate_is_the_linters_fixer_and_keeps_numbers() -> None:
    assert punctuate("职工21人,保障全校") == "职工21人，保障全校"
    assert punctuate("满意度98.5%,同比提高1.2个百分点") == "满意度98.5%，同比提高1.2个百分点"
    assert punctuate("采用LED灯具,节电3.5万度") == "采用LED灯具，节电3.5万度"
    assert clean("翻修(约1800平方米),更换 ") == "翻修（约1800平方米），更换"


ZERO = make_facts(
    functions=[
        {
            "key": "energy",
            "metrics": [
                {"name": "光伏发电量", "value": 12.5, "unit": "万度", "previous": 0},
                {"name": "新能源车占比", "value": 12, "unit": "%", "previous": 0},
            ],
        }
    ]
)


def test_zero_previous_value_reads_with_its_verb() -> None:
    task = task_of(ZERO, "review-energy")
    body = WRITER.render(task)
    assert "（上年为0万度）" in body and "（上年为0%）" in body
    assert not re.search(r"上年0", body), body
    check_fidelity(task, body)
    assert lint_section(task, body) == [], body


@pytest.mark.parametrize(
    ("cause", "sentence"),
    [
        ("工资偏低", "究其原因，工资偏低"),
        ("由于使用年限长", "这主要是由于使用年限长"),
        ("因为编制少", "这主要是因为编制少"),
        ("原因是编制少", "原因是编制少"),
        ("主要原因在于资金未到位", "主要原因在于资金未到位"),
    ],
)
def test_cause_joins_grammatically(cause: str, sentence: str) -> None:
    assert cause_sentence(cause) == sentence


@pytest.mark.parametrize(
    ("measure", "sentence"),
    [
        ("申请专项资金更换", "下一步将申请专项资金更换"),
        ("2026年申请专项资金更换", "下一步将于2026年申请专项资金更换"),
        ("6月底前完成更换", "下一步将于6月底前完成更换"),
        ("明年增设窗口", "下一步将于明年增设窗口"),
        ("2026年将增设窗口", "下一步，2026年将增设窗口"),
        ("将增设窗口", "下一步，将增设窗口"),
        ("后勤科牵头制定招聘计划", "下一步，后勤科牵头制定招聘计划"),
        ("由工程部负责维修", "下一步，由工程部负责维修"),
        ("全部更换为LED灯具", "下一步将全部更换为LED灯具"),
        ("下一步增开窗口", "下一步增开窗口"),
    ],
)
def test_measure_joins_grammatically(measure: str, sentence: str) -> None:
    assert measure_sentence(measure) == sentence


def test_problem_paragraph_never_reads_jiang_before_a_year_or_a_subject() -> None:
    facts = make_facts(
        problems=[
            {"problem": "宿舍热水器老化", "cause": "由于使用年限长", "measure": "2026年申请专项资金更换"},
            {"problem": "夜班人手不足", "cause": "原因是编制少", "measure": "后勤科牵头制定招聘计划"},
            {"problem": "食堂排队时间长", "cause": "窗口少", "measure": "下一步增开窗口"},
        ]
    )
    task = task_of(facts, "problems")
    body = WRITER.render(task)
    assert not re.search(r"下一步将\d|下一步将后勤|究其原因，(?:由于|原因)|下一步，下一步", body), body
    assert "下一步将于2026年申请专项资金更换。" in body
    check_fidelity(task, body)
    assert [f for f in lint_section(task, body) if f.is_error] == [], body
