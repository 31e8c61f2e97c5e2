"""Forms that notes and 台账 titles are written in, read by the text layer: the years a title names, ＃ headings,
lists typed in one cell, thousands separators and the spacing around figures."""

from __future__ import annotations

import pytest

from zongjie.text import close_up, list_items, read_blocks, read_lines, ungroup, years


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("2025总务处年终材料", [(2025, "2025", False)]),
        ("2025年度后勤保障部工作记录", [(2025, "2025年度", False)]),
        ("２０２５年度行政后勤部", [(2025, "２０２５年度", False)]),
        ("二〇二五年工作总结", [(2025, "二〇二五年", False)]),
        ("2025 年设备台账", [(2025, "2025 年", False)]),
        ("2024—2025学年总务处工作记录", [(2024, "2024", False), (2025, "2025学年", False)]),
        ("2026年9月底前完成改造", [(2026, "2026年", True)]),
        ("2025.7.3 台风", [(2025, "2025", True)]),
        ("2025年7月23日暴雨", [(2025, "2025年", True)]),
    ],
)
def test_years_a_title_names(text: str, found: list[tuple[int, str, bool]]) -> None:
    assert [(y.year, text[y.start : y.end], y.dated) for y in years(text)] == found


@pytest.mark.parametrize(
    "text", ["巡检2025次", "投入2050元", "全年1326次", "2,025", "2025.5万元", "食堂工作记录"]
)
def test_counts_and_amounts_are_not_years(text: str) -> None:
    assert years(text) == []


@pytest.mark.parametrize(
    ("line", "level", "content"),
    [
        ("＃2025年度后勤处工作记录", 1, "2025年度后勤处工作记录"),
        ("＃ 食堂", 1, "食堂"),
        ("＃＃　维修", 2, "维修"),
        ("##设备", 2, "设备"),
        ("### （二）安保 ###", 3, "（二）安保"),
    ],
)
def test_headings_as_people_type_them(line: str, level: int, content: str) -> None:
    (got,) = read_lines(line)
    assert (got.kind, got.level, got.content) == ("heading", level, content)


def test_a_hash_before_a_number_is_no_heading() -> None:
    # `#1号楼漏水` is a note about building 1 (CommonMark wants a space after # too)
    assert read_lines("#1号楼漏水")[0].kind == "text"


def test_items_without_blank_lines_between_them() -> None:
    notes = "＃ 维修\n①维修工单1865单\n②及时率82.3%\n- 更换灯具300盏\n说明一行\n"
    got = [(b.kind, b.content) for b in read_blocks(notes)]
    assert got == [
        ("heading", "维修"),
        ("item", "维修工单1865单"),
        ("item", "及时率82.3%"),
        ("item", "更换灯具300盏\n说明一行"),
    ]


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("组织取证培训；新招维修岗要求持证", ["组织取证培训", "新招维修岗要求持证"]),
        ("1.加装监控 2.增加巡逻", ["加装监控", "增加巡逻"]),
        ("１．加装监控，２．增加巡逻", ["加装监控", "增加巡逻"]),
        ("①加装监控②增加巡逻", ["加装监控", "增加巡逻"]),
        ("（1）加装监控（2）增加巡逻", ["加装监控", "增加巡逻"]),
        ("1、投入3.5万元改造；2、2026.6前完工", ["投入3.5万元改造", "2026.6前完工"]),
        ("加装监控\n增加巡逻", ["加装监控", "增加巡逻"]),
        ("在1号楼装5个摄像头", ["在1号楼装5个摄像头"]),
    ],
)
def test_a_list_typed_in_one_cell(cell: str, items: list[str]) -> None:
    assert list_items(cell) == items


def test_ungroup_drops_thousands_separators_only() -> None:
    text = "全年巡检1,326次，维修１，３２６单，3,4,5号楼，1,32，12,345,678元，1.5,2"
    assert ungroup(text) == "全年巡检1326次，维修1326单，3,4,5号楼，1,32，12345678元，1.5,2"


def test_close_up_spaces_around_figures() -> None:
    assert (
        close_up("巡检 1326 次，满意度 82.3 ％，PM2.5 浓度 下降") == "巡检1326次，满意度82.3%，PM2.5浓度 下降"
    )
    assert close_up("食堂　１２　个窗口") == "食堂12个窗口"
