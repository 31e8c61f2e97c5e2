"""Dates and periods in every form a Chinese user writes, the impossible ones refused, 公文 form back."""

from __future__ import annotations

import datetime as dt

import pytest

from zongjie.text import DateError, fmt_date, parse_date, parse_when, parse_year
from zongjie.text.dates import (
    check_dates_in,
    dates_in,
    find_deadline,
    is_numeric_day,
    leading_year,
    opening_time,
    span_end,
)

D = dt.date


@pytest.mark.parametrize(
    "text",
    [
        "2025-07-23",
        "2025-7-23",
        "2025/7/23",
        "2025/07/23",
        "2025.7.23",
        "2025年7月23日",
        "2025年7月23号",
        "2025 年 7 月 23 日",
        "２０２５年７月２３日",
        "二〇二五年七月二十三日",
        "2025-07-23 09:30",
    ],
)
def test_one_day_in_every_form(text: str) -> None:
    assert parse_date(text) == D(2025, 7, 23)
    assert parse_when(text).text == "2025年7月23日"


def test_a_day_without_a_year_takes_the_callers_year() -> None:
    assert parse_date("7月23日", year=2025) == D(2025, 7, 23)
    assert parse_when("年底", year=2026).text == "2026年底"


@pytest.mark.parametrize(
    ("text", "first", "last", "shown"),
    [
        ("2026年6月底", D(2026, 6, 30), D(2026, 6, 30), "2026年6月底"),
        ("2026年6月底前", D(2026, 6, 30), D(2026, 6, 30), "2026年6月底"),
        ("2026年6月", D(2026, 6, 1), D(2026, 6, 30), "2026年6月"),
        ("2026-06", D(2026, 6, 1), D(2026, 6, 30), "2026年6月"),
        ("2026年2月下旬", D(2026, 2, 21), D(2026, 2, 28), "2026年2月下旬"),
        ("2026年上半年", D(2026, 1, 1), D(2026, 6, 30), "2026年上半年"),
        ("2026年下半年", D(2026, 7, 1), D(2026, 12, 31), "2026年下半年"),
        ("2026年第三季度", D(2026, 7, 1), D(2026, 9, 30), "2026年第三季度"),
        ("2026年3季度", D(2026, 7, 1), D(2026, 9, 30), "2026年第三季度"),
        ("2026年第一季度末", D(2026, 3, 31), D(2026, 3, 31), "2026年第一季度末"),
        ("2026年底", D(2026, 12, 31), D(2026, 12, 31), "2026年底"),
        ("2026年年底", D(2026, 12, 31), D(2026, 12, 31), "2026年底"),
        ("2026年", D(2026, 1, 1), D(2026, 12, 31), "2026年"),
    ],
)
def test_periods(text: str, first: dt.date, last: dt.date, shown: str) -> None:
    when = parse_when(text)
    assert (when.first, when.last, when.text) == (first, last, shown)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2026年13月", "not a valid date: there is no month 13"),
        ("2026年13月底", "no month 13"),
        ("2025年2月30日", "has no day 30"),
        ("2025-02-30", "has no day 30"),
        ("2025/4/31", "has no day 31"),
        ("2025.0.5", "no month 0"),
        ("7月23日", "no year"),
        ("年底", "no year"),
        ("下周", "not a date"),
        ("", "empty"),
        ("2026年底底", "not a date"),
        ("2025年7月23日底", "needs no"),
    ],
)
def test_impossible_or_unreadable_dates_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(DateError, match=words):
        parse_when(text)


def test_a_period_is_not_a_day() -> None:
    with pytest.raises(DateError, match="period"):
        parse_date("2025年7月")


def test_leap_day() -> None:
    assert parse_date("2024年2月29日") == D(2024, 2, 29)
    with pytest.raises(DateError):
        parse_date("2025年2月29日")


@pytest.mark.parametrize("text", [2025, "2025", "2025年", "2025年度", "２０２５", "二〇二五年"])
def test_year_forms(text: str | int) -> None:
    assert parse_year(text) == 2025


@pytest.mark.parametrize("text", ["25年", "明年", "2025-07"])
def test_not_a_year(text: str) -> None:
    with pytest.raises(DateError):
        parse_year(text)


def test_gongwen_form_has_no_leading_zeros() -> None:
    assert fmt_date(D(2025, 7, 3)) == "2025年7月3日"


def test_leading_date_reads_the_date_a_note_opens_with() -> None:
    import datetime as _dt

    from zongjie.text import leading_date

    found = leading_date("2025年8月14日夜间门诊楼配电柜跳闸")
    assert found is not None and found[0].first == _dt.date(2025, 8, 14) and found[1] == "2025年8月14日"
    found = leading_date("2025-07-23停电")
    assert found is not None and found[0].first == _dt.date(2025, 7, 23)
    found = leading_date("7月23日暴雨", year=2025)
    assert found is not None and found[0].is_day and found[1] == "7月23日"
    assert leading_date("7月23日暴雨") is None  # no year to take it from: the caller asks
    found = leading_date("3月份完成病房改造", year=2025)
    assert found is not None and not found[0].is_day  # a month is a period, not a day
    assert leading_date("暴雨导致地库进水") is None
    with pytest.raises(DateError):
        leading_date("2月30日停水", year=2025)


def test_dates_inside_free_text() -> None:
    check_dates_in("下学期开学前")  # no date, nothing to check
    check_dates_in("2026年6月底前完成改造")
    with pytest.raises(DateError, match="no month 13"):
        check_dates_in("2026年13月底前完成改造")
    assert is_numeric_day("2026/6/30") and is_numeric_day("２０２６．６．３０")
    assert not is_numeric_day("2026年6月30日")
    assert leading_year("2026年6月底前完成") == 2026 and leading_year("年底前") is None


# ---- time limits inside prose (the plan and deadline readers of the writer, the linter and the notes) ----


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("力争2026年6月底前完成地库照明改造", "2026年6月底"),
        ("计划９月３０日前完成", "９月３０日"),
        ("第三季度末前完成验收", "第三季度末"),
        ("3个月内完成整改", "3个月内"),
        ("三个月内完成整改", "三个月内"),
        ("自2026年起实行", "2026年起"),
        ("2026-06-30前上线", "2026-06-30"),
        ("加强日常巡查，及时消除隐患", None),
        ("维修及时率97.6%", None),
    ],
)
def test_find_deadline_reads_the_time_limit_as_written(text: str, found: str | None) -> None:
    assert find_deadline(text) == found


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("2026年6月底前完成食堂改造", "2026年6月底"),
        ("２０２６年３月申请专项经费", "２０２６年３月"),
        ("6月底前完成", "6月底"),
        ("汛期前疏通雨水管网", "汛期"),
        ("暑假期间更换宿舍空调", "暑假"),
        ("明年将增设充电桩", "明年"),
        ("下学期开学前完成操场改造", "下学期"),
        ("申请专项经费更换老旧管网", ""),
        ("后勤科牵头制定方案", ""),
        ("3台空调待更换", ""),
    ],
)
def test_opening_time_is_the_time_phrase_a_measure_opens_with(text: str, lead: str) -> None:
    assert opening_time(text) == lead


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("2026年12月", True),
        ("12月", True),
        ("十二月", True),
        ("明年12月", True),
        ("明年", False),
        ("2026年", True),
        ("２０２６年６月", True),
        ("2026年12月底", False),
        ("2026年12月31日", False),
        ("2026年上半年", False),
        ("2026年第三季度", False),
        ("开学前", False),
        ("2026年13月", False),
    ],
)
def test_span_end_knows_a_whole_month_or_year(text: str, whole: bool) -> None:
    assert span_end(text) is whole


def test_dates_in_free_text_with_their_spans() -> None:
    text = "2026年6月底前完成，由王芳负责；2026-09-30验收，2026年第三季度末复查，2026年13月作废，2026年全年。"
    found = dates_in(text)
    assert [(text[a:b], w.last) for a, b, w in found] == [
        ("2026年6月底", dt.date(2026, 6, 30)),
        ("2026-09-30", dt.date(2026, 9, 30)),
        ("2026年第三季度末", dt.date(2026, 9, 30)),
    ]
    assert [w.last for _, _, w in dates_in("２０２６年底前；2026年上半年")] == [
        dt.date(2026, 12, 31),
        dt.date(2026, 6, 30),
    ]
