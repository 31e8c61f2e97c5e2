"""Number extraction: Arabic and Chinese numerals, units, scale words, percentages, ranges, non-quantities."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zongjie.facts.derive import fmt, fmt_quantity
from zongjie.text.numbers import extract
from zongjie.text.units import normalize


def one(text: str):
    found = [q for q in extract(text) if q.is_metric]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("完成设备巡检1248次", "1248", "次", "quantity"),
        ("完成设备巡检1,248次", "1248", "次", "quantity"),
        ("节约维修成本8.6万元", "8.6", "万元", "quantity"),
        ("设备完好率99.1%", "99.1", "%", "percent"),
        ("设备完好率99.1％", "99.1", "%", "percent"),
        ("较上年提高2.7个百分点", "2.7", "个百分点", "points"),
        ("完成巡检一百二十次", "120", "次", "quantity"),
        ("合格率达到百分之九十五", "95", "%", "percent"),
        ("整改率百分之百", "100", "%", "percent"),
        ("重大故障三起", "3", "起", "quantity"),
        ("补植绿化1.2万平方米", "1.2", "万平方米", "quantity"),
        ("用电量312万度", "312", "万度", "quantity"),
    ],
)
def test_quantities(text, value, unit, kind):
    q = one(text)
    assert (q.value, q.unit, q.kind) == (Decimal(value), unit, kind)
    assert text[q.start : q.end] == q.raw


def test_scale_words_normalise():
    assert normalize(Decimal("9.8"), "万元") == (Decimal("98000"), "元")
    assert one("节约9.8万元").base() == one("节约98000元").base()
    assert one("面积1.2万㎡").base() == (Decimal("12000"), "平方米")


def test_percent_and_points_are_kept_apart():
    assert one("提高2.7%").base() != one("提高2.7个百分点").base()


def test_ranges_give_both_ends_the_unit():
    found = [q for q in extract("每周消杀3-5次") if q.is_metric]
    assert [(q.value, q.unit, q.in_range) for q in found] == [
        (Decimal(3), "次", True),
        (Decimal(5), "次", True),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "进一步加强管理",
        "深入一线班组",
        "统一调度",
        "取得一定成效",
        "十分重要",
        "一、主要工作",
        "（二）环境卫生",
        "1. 完成电梯更换",
        "3号楼电梯",
        "第2季度",
        "A4纸张",
        "5G网络",
        "8:30到岗",
        "一批物资",
        "一次性",
        "两个窗口",
        "十余次",
        "三级响应",
    ],
)
def test_non_quantities(text):
    assert not [q for q in extract(text) if q.is_metric], extract(text)


def test_dates_and_years():
    kinds = [(q.kind, q.value) for q in extract("2025年7月12日停电，2026-06-30前完成，二〇二五年度")]
    assert kinds == [
        ("year", 2025),
        ("date", 7),
        ("date", 12),
        ("year", 2026),
        ("date", 6),
        ("date", 30),
        ("year", 2025),
    ]


def test_cn2an_never_sees_free_text(monkeypatch):
    import cn2an

    seen: list[str] = []
    real = cn2an.cn2an
    monkeypatch.setattr(cn2an, "cn2an", lambda s, mode="strict": seen.append(s) or real(s, mode))
    from zongjie.text import numbers

    numbers.chinese_value.cache_clear()
    extract("进一步加强一线统一调度，完成巡检二十七次")
    assert seen == ["二十七"]


amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
units = st.sampled_from(
    ["次", "项", "%", "个百分点", "万元", "元", "万度", "平方米", "起", "人", "台", "小时", "分钟", ""]
)


@given(amounts, units)
def test_formatter_round_trip(value, unit):
    """Anything the project's formatter writes is read back to the same value and unit."""
    text = f"全年完成{fmt_quantity(value, unit)}，"
    q = one(text)
    assert q.value == Decimal(fmt(value))
    assert q.unit == unit


@given(
    st.floats(min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 1))
)
def test_formatter_round_trip_floats(value):
    q = one(f"设备完好率{fmt(value)}%")
    assert q.value == Decimal(fmt(value)) and q.unit == "%"
