"""Heading and list numbers (一、 （一） 1. 1、 （1） ① 第一部分 第三章) read once, in text.markdown."""

from __future__ import annotations

import pytest

from zongjie.text import fmt_ordinal, marker, opens_section, ordinal, strip_ordinal


@pytest.mark.parametrize(
    ("text", "value", "form", "written", "rest"),
    [
        ("一、工作回顾", 1, "一、", "一、", "工作回顾"),
        ("十二、其他", 12, "一、", "十二、", "其他"),
        ("三．安全", 3, "一.", "三．", "安全"),
        ("（二）设备运维", 2, "（一）", "（二）", "设备运维"),
        ("(十)绿化", 10, "（一）", "(十)", "绿化"),
        ("1. 巡检", 1, "1.", "1.", "巡检"),
        ("１．巡检", 1, "1.", "１．", "巡检"),
        ("2、维修", 2, "1、", "2、", "维修"),
        ("3）保洁", 3, "1）", "3）", "保洁"),
        ("（4）安保", 4, "（1）", "（4）", "安保"),
        ("(１２) 食堂", 12, "（1）", "(１２)", "食堂"),
        ("⑶ 用电", 3, "（1）", "⑶", "用电"),
        ("③ 用水", 3, "①", "③", "用水"),
        ("第一部分 工作回顾", 1, "第一部分", "第一部分", "工作回顾"),
        ("第三章　问题", 3, "第一章", "第三章", "问题"),
        ("第2节、计划", 2, "第1节", "第2节、", "计划"),
        ("1.2 维修服务", 2, "1.1", "1.2", "维修服务"),
        ("1.2026年10月底前完成", 1, "1.", "1.", "2026年10月底前完成"),
        ("　　二、亮点", 2, "一、", "二、", "亮点"),
    ],
)
def test_forms_users_write(text: str, value: int, form: str, written: str, rest: str) -> None:
    o = ordinal(text)
    assert o is not None
    assert (o.value, o.form, o.written, text[o.end :]) == (value, form, written, rest)
    assert strip_ordinal(text) == rest


@pytest.mark.parametrize(
    "text",
    [
        "2025年工作总结",
        "3.5万元用于改造",
        "一线员工培训",
        "一是加强管理",
        "十四五规划",
        "98.5%的满意度",
        "（2025）年度",
        "1.5.",
        "1.2026元",
        "第一时间处置",
        "",
    ],
)
def test_not_ordinals(text: str) -> None:
    assert ordinal(text) is None
    assert strip_ordinal(text) == text


def test_dotted_parts_and_depth() -> None:
    o = ordinal("1.2.3 细则")
    assert o is not None and o.parts == (1, 2, 3) and o.value == 3 and o.depth == 0
    depths = [ordinal(t).depth for t in ("一、甲", "（一）甲", "1.甲", "（1）甲", "①甲")]  # type: ignore[union-attr]
    assert depths == [1, 2, 3, 4, 0]


def test_strip_only_the_forms_asked_for() -> None:
    assert strip_ordinal("一、安全", "一、", "（一）") == "安全"
    assert strip_ordinal("（三）安全", "一、", "（一）") == "安全"
    assert strip_ordinal("1. 安全", "一、", "（一）") == "1. 安全"


def test_fmt_ordinal_round_trips() -> None:
    assert [fmt_ordinal(n) for n in (1, 10, 11, 20)] == ["一、", "十、", "十一、", "二十、"]
    assert fmt_ordinal(2, "（一）") == "（二）"
    assert fmt_ordinal(12, "1.") == "12."
    assert fmt_ordinal(3, "（1）") == "（3）"
    assert fmt_ordinal(5, "①") == "⑤"
    assert fmt_ordinal(3, "第一章") == "第三章"
    for form in ("一、", "（一）", "1.", "1、", "（1）", "①", "第一部分"):
        for n in (1, 7, 13):
            if form == "①" and n > 20:
                continue
            o = ordinal(fmt_ordinal(n, form) + "正文")  # type: ignore[arg-type]
            assert o is not None and (o.value, o.form) == (n, form)
    with pytest.raises(ValueError, match="starts at 1"):
        fmt_ordinal(0)
    with pytest.raises(ValueError, match="⑳"):
        fmt_ordinal(21, "①")


def test_marker_styles_stay_list_markers_only() -> None:
    assert marker("一、工作") == ("chinese", "一、")
    assert marker("（1） 工作") == ("number", "（1） ")
    assert marker("① 工作")[0] == "circled"
    assert marker("第一部分 工作") == ("", "")  # a heading number, not a list marker
    assert marker("1.2 工作") == ("", "")
    assert marker("一、") == ("", "")  # nothing after it


def test_opens_section() -> None:
    for line in (
        "## 一、工作回顾",
        "  ### 亮点",
        "＃标题",
        "一、工作回顾",
        "（二）设备",
        "(三) 安保",
        "十一、其他",
    ):
        assert opens_section(line), line
    for line in ("1. 巡检", "一是加强管理", "2025年工作", "全年巡检1248次。", "#", "一线员工"):
        assert not opens_section(line), line


@pytest.mark.parametrize(
    ("text", "value", "rest"),
    [
        ("5．3月8日，5号楼跑水", 5, "3月8日，5号楼跑水"),
        ("5.3月8日跑水", 5, "3月8日跑水"),
        ("12.10月底前完成", 12, "10月底前完成"),
    ],
)
def test_an_item_number_before_a_month_or_day_is_no_decimal(text: str, value: int, rest: str) -> None:
    o = ordinal(text)
    assert o is not None and o.value == value and text[o.end :] == rest


@pytest.mark.parametrize("text", ["5.3万元", "1.5个月", "2.5天"])
def test_a_decimal_before_a_unit_stays_a_figure(text: str) -> None:
    assert ordinal(text) is None


# --- extract and list_items read ordinals with the same grammar as ordinal() ---


def test_extract_reads_an_outline_number_as_an_index_not_a_figure() -> None:
    from zongjie.text import extract

    qs = extract("1.2 设备巡检1326次")
    assert [(q.raw, q.kind) for q in qs] == [("1.2", "index"), ("1326次", "quantity")]


def test_extract_reads_a_part_number_whole() -> None:
    from zongjie.text import extract

    assert [(q.raw, q.kind) for q in extract("第1部分")] == [("第1部分", "index")]


def test_extract_reads_an_indented_list_number_as_an_index() -> None:
    from zongjie.text import extract

    assert [q.kind for q in extract("\u3000\u30001.维修及时率提高") if q.raw.endswith("1.")] == ["index"]
    assert [q.raw for q in extract("三、2026年工作计划") if q.kind == "index"] == ["三、"]


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("⑴组织培训⑵新招持证", ["组织培训", "新招持证"]),
        ("1.2 设备巡检1326次", ["设备巡检1326次"]),
        ("比上年(3,480)减少", ["比上年(3,480)减少"]),
        ("previous = 99.1 - 0.4", ["previous = 99.1 - 0.4"]),
    ],
)
def test_list_items_cut_where_ordinal_reads_a_number(cell: str, items: list[str]) -> None:
    from zongjie.text import list_items

    assert list_items(cell) == items


def test_a_number_with_a_pause_mark_may_run_into_a_figure() -> None:
    o = ordinal("2、2026.6前完工")
    assert o is not None and (o.value, o.form, o.end) == (2, "1、", 2)
