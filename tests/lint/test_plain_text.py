"""Summaries pasted from Word (no `#`): numbered lines are headings, a short first line is the title."""

from __future__ import annotations

from pathlib import Path

import pytest

from zongjie.lint.api import lint_markdown
from zongjie.lint.document import Document, plain_heading

PASTED = """某物业服务中心2025年度后勤工作总结
这一年，后勤中心围绕“保运行、降成本”开展工作，现总结如下。
一、工作成果回顾
（一）设备设施维护
全年完成设备巡检1248次，设备完好率99.1%。
(二)环境卫生
全年消杀24次，保洁合格率97.8%。
二、存在问题与不足
1. 3号楼电梯已使用16年，全年故障11次。
三、下一年度工作计划
1. 设备完好率提升至99.5%。
四、结语
新的一年，后勤中心将继续做好保障。
"""

REFERENCE = Path("/work/shared/reference/002_966644ede4ad7eab.txt")


def test_numbered_lines_become_sections():
    doc = Document(PASTED)
    assert doc.title is not None and doc.title.heading == "某物业服务中心2025年度后勤工作总结"
    kinds = [(s.kind, s.level, s.parent) for s in doc.sections]
    assert kinds == [
        ("title", 1, None),
        ("preface", 0, None),
        ("review", 2, None),
        ("review", 3, "review"),
        ("review", 3, "review"),
        ("problems", 2, None),
        ("plans", 2, None),
        ("closing", 2, None),
    ]
    assert [s.id for s in doc.sections if s.parent] == ["设备设施维护", "环境卫生"]


def test_pasted_summary_is_linted_by_section():
    found = lint_markdown(PASTED)
    assert not [f for f in found if f.rule == "missing-section"]
    # The problem and plan rules now run on their sections.
    assert {f.rule for f in found if f.section == "problems"} >= {
        "problem-without-cause",
        "problem-without-measure",
    }
    assert {f.rule for f in found if f.section == "plans"} >= {"plan-without-owner", "plan-without-deadline"}
    assert not [f for f in found if f.section == "preface" and f.rule.startswith(("problem", "plan"))]


@pytest.mark.parametrize(
    "line",
    [
        "一、加强设备管理，全年完成巡检1248次。",  # a list item with a sentence: body text
        "一、全年完成设备巡检1248次；设备完好率99.1%",
        "（一）对电梯进行了全面检修。",
        "一、" + "很长的标题" * 8,
        "全年完成设备巡检1248次",
    ],
)
def test_body_lines_are_not_headings(line):
    assert plain_heading(line) == 0


@pytest.mark.parametrize(
    ("line", "level"),
    [("一、工作成果回顾", 2), ("十二、其他", 2), ("（一）基础设施建设与维护", 3), ("(三)餐饮服务保障", 3)],
)
def test_heading_lines(line, level):
    assert plain_heading(line) == level


def test_numbered_list_in_markdown_stays_body():
    text = "# 标题2025年度工作总结\n\n## 一、主要工作回顾\n\n一、完成巡检\n\n（一）保养设备\n"
    doc = Document(text)
    assert [s.kind for s in doc.sections] == ["title", "preface", "review"]
    assert len(doc.sections[-1].body) == 2


def test_sentence_first_line_is_not_a_title():
    doc = Document("2025年，后勤科完成设备巡检1248次。\n一、工作回顾\n全年巡检1248次。\n")
    assert doc.title is None
    assert [s.kind for s in doc.sections] == ["preface", "review"]


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference corpus not present")
def test_reference_summary_pasted_from_word():
    found = lint_markdown(REFERENCE.read_text(encoding="utf-8"))
    missing = {f.section for f in found if f.rule == "missing-section"}
    assert not missing & {"title", "review", "problems", "plans"}
    holes = {f.excerpt for f in found if f.rule == "placeholder"}
    assert {"维护次", "余起", "万公里", "%"} <= holes
    assert any(f.rule == "problem-without-cause" for f in found)


def test_markdown_title_over_plain_numbered_headings():
    text = (
        "# 某物业服务中心2025年度后勤工作总结\n\n"
        "这一年，后勤中心围绕“保运行、降成本”开展工作。\n\n"
        "一、主要工作回顾\n\n(一)设备设施维护\n\n全年完成设备巡检1248次。\n\n"
        "(四)安全管理\n\n隐患整改率100%。\n\n"
        "二、存在问题与不足\n\n1. 3号楼电梯已使用16年，全年故障11次。\n"
    )
    doc = Document(text)
    assert doc.title is not None and doc.title.heading == "某物业服务中心2025年度后勤工作总结"
    kinds = [(s.kind, s.level, s.parent) for s in doc.sections]
    assert kinds == [
        ("title", 1, None),
        ("preface", 0, None),
        ("review", 2, None),
        ("review", 3, "review"),
        ("review", 3, "review"),
        ("problems", 2, None),
    ]
    assert [s.id for s in doc.sections if s.parent] == ["设备设施维护", "安全管理"]


def test_plain_lines_stay_text_when_the_file_has_markdown_sections():
    text = "# 标题2025年度工作总结\n\n## 一、主要工作回顾\n\n一、加强设备巡检\n\n全年完成设备巡检1248次。\n"
    doc = Document(text)
    assert [s.kind for s in doc.sections] == ["title", "preface", "review"]


def test_a_title_that_opens_with_its_year_is_the_title():
    # The year is no heading number (text.ordinal): 2025年度… is the title, as 某中心2025年度… is.
    doc = Document("2025年度后勤工作总结\n一、工作回顾\n全年巡检1248次。\n")
    assert doc.title is not None and doc.title.heading == "2025年度后勤工作总结"


def test_an_item_numbered_into_a_date_and_a_decimal_that_is_no_item():
    # 1.2026年10月底前完成… is item 1 (people leave out the space); 1.5万元… continues the paragraph before it.
    doc = Document(
        "## 三、工作计划\n\n1.2026年10月底前完成改造。\n2.增加维修人员2名。\n\n节约资金\n1.5万元用于改造。\n"
    )
    body = doc.section("plans").body  # type: ignore[union-attr]
    assert [b.kind for b in body] == ["item", "item", "para"]
    assert body[2].text == "节约资金\n1.5万元用于改造。"
