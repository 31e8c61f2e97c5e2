"""The number reader on forms users write: thousands separators (ASCII and full-width), full-width digits and
signs, Chinese numerals, scales, hedges, ranges, signed changes, 个百分点 vs %."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zongjie.text import NumberError, changes, extract, parse_number, read_value
from zongjie.text.width import fold


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1326", "1326"),
        ("1,326", "1326"),
        ("1，326", "1326"),
        ("１３２６", "1326"),
        ("１，３２６", "1326"),
        ("98.5", "98.5"),
        ("９８．５", "98.5"),
        (" 12 ", "12"),
        ("一千三百二十六", "1326"),
        ("两千", "2000"),
        ("1.2万", "12000"),
        ("3亿", "300000000"),
        ("5千", "5000"),
        ("0.5", "0.5"),
    ],
)
def test_one_exact_figure_in_any_form(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("abc", "must be a number, not"),
        ("1.2.3", "must be a number, not"),
        ("-5", "negative"),
        ("约1200", "approximate"),
        ("3000余", "approximate"),
        ("1200左右", "approximate"),
        ("3-5", "range"),
        ("98.5%", "unit"),
        ("1326次", "unit"),
    ],
)
def test_what_is_not_one_figure_says_why(text: str, words: str) -> None:
    with pytest.raises(NumberError, match=words):
        parse_number(text)


def test_parse_number_refuses_booleans_and_takes_numbers() -> None:
    with pytest.raises(NumberError):
        parse_number(True)  # type: ignore[arg-type]
    assert parse_number(12) == 12
    assert parse_number(98.5) == Decimal("98.5")


@pytest.mark.parametrize(
    ("text", "value", "unit", "hedge", "upper"),
    [
        ("98.5％", "98.5", "%", "", None),
        ("约1200次", "1200", "次", "约", None),
        ("近500户", "500", "户", "近", None),
        ("3000余次", "3000", "次", "余", None),
        ("1200次左右", "1200", "次", "约", None),
        ("3–5次", "3", "次", "", "5"),
        ("3至5万元", "30000", "元", "", "50000"),
        ("12㎡", "12", "平方米", "", None),
    ],
)
def test_read_value_keeps_unit_hedge_and_range(
    text: str, value: str, unit: str, hedge: str, upper: str | None
) -> None:
    r = read_value(text)
    assert (r.value, r.hedge) == (Decimal(value), hedge)
    assert r.unit == unit or r.unit.endswith(unit)
    assert r.upper == (Decimal(upper) if upper else None)


def test_fold_keeps_length_and_only_touches_number_forms() -> None:
    text = "巡检１，３２６次，完成率９８．５％。１．加强管理"
    assert len(fold(text)) == len(text)
    assert fold(text) == "巡检1,326次，完成率98.5%。1．加强管理"
    assert fold("分别为3次，200人") == "分别为3次，200人"  # a comma after a unit is punctuation


def _read(text: str) -> list[tuple[str, str, str, str]]:
    return [(q.raw, str(q.base()[0].normalize()), q.base()[1], q.kind) for q in extract(text)]


def test_full_width_and_separated_numbers_are_read_with_offsets_as_written() -> None:
    text = "全年维修１，３２６件，满意度９８．５％"
    qs = extract(text)
    assert [(q.raw, q.value, q.unit) for q in qs] == [
        ("１，３２６件", Decimal(1326), "件"),
        ("９８．５％", Decimal("98.5"), "%"),
    ]
    assert all(text[q.start : q.end] == q.raw for q in qs)


def test_scales_and_unit_aliases() -> None:
    assert _read("节约3千元")[0][1:3] == ("3E+3", "元")
    assert _read("路线5千米")[0][1:3] == ("5", "公里")  # 千米 is a unit, not 千 × 米
    assert _read("用电12万度")[0][1:3] == ("1.2E+5", "度")
    assert _read("用电8千瓦时")[0][1:3] == ("8", "度")
    assert _read("绿化300平米")[0][1:3] == ("3E+2", "平方米")


def test_percent_and_points_are_different_kinds() -> None:
    kinds = [q.kind for q in extract("满意度92.3%，提高2.7个百分点，百分之五，三个百分点")]
    assert kinds == ["percent", "points", "percent", "points"]


@pytest.mark.parametrize(
    ("text", "direction", "value", "unit"),
    [
        ("投诉同比下降两成", "down", "20", "%"),
        ("满意度较上年提高2.3个百分点", "up", "2.3", "个百分点"),
        ("比去年少了470件", "down", "470", "件"),
        ("比去年多了12次", "up", "12", "次"),
        ("能耗同比降低约5%", "down", "5", "%"),
        ("用电减少1.2万度", "down", "1.2", "万度"),
    ],
)
def test_signed_changes(text: str, direction: str, value: str, unit: str) -> None:
    (c,) = changes(text)
    assert (c.direction, c.amount.value, c.amount.unit) == (direction, Decimal(value), unit)


def test_a_level_or_a_plain_figure_is_not_a_change() -> None:
    assert changes("故障由7起降至3起") == []
    assert changes("全年巡检1248次") == []


def test_list_numbers_up_to_999_are_list_markers_not_figures() -> None:
    """A plan list of 100+ items (issue 15): 100. and 128、 open an item, they state nothing."""
    for text in ("100. 加强巡检", "128、完善台账", "**101.** 更换灯具"):
        assert [q.kind for q in extract(text)] == ["index"], text
    assert [q.kind for q in extract("100.5%的覆盖")] == ["percent"]


def test_a_list_number_after_a_full_width_indent_is_a_marker() -> None:
    """Text pasted from Word indents each paragraph with 　　 (or a no-break space): `　　1. 2026年6月底前完成`
    opens item 1, it does not state the figure 1 (review finding 13)."""
    for text in (
        "　　1. 完成食堂改造",
        "　　2、完成浴室改造",
        "\u00a0\u00a03．完成",
        "完成。\n　　2. 完成宿舍改造",
    ):
        assert [q.kind for q in extract(text)] == ["index"], text
    assert [q.raw for q in extract("　　1. 2026年6月底前完成") if q.kind == "index"] == ["　　1."]
    # a figure after the indent is still a figure
    assert [(q.raw, q.kind) for q in extract("　　3.5万元用于改造")] == [("3.5万元", "quantity")]


def test_a_range_deep_in_a_long_text_is_read_whole() -> None:
    """extract is linear (bench/extract_bench.py): the range's first half is found by position, not search."""
    head = "2025年7月23日，8:30，（一）巡检12次。" * 300
    found = extract(head + "抢修水泵３–５台，用时约2小时")
    tail = [(q.value, q.unit, q.in_range, q.raw) for q in found[-3:]]
    assert tail == [
        (Decimal(3), "台", True, "３"),
        (Decimal(5), "台", True, "５台"),
        (Decimal(2), "小时", False, "2小时"),
    ]
    assert sum(q.kind == "date" for q in found) == 600 and sum(q.kind == "time" for q in found) == 300
