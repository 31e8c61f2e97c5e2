"""One change typed in a field, as clerks write it when last year's figure is not at hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zongjie.text import NumberError, changes, extract
from zongjie.text.stated import read_change


@pytest.mark.parametrize(
    ("text", "direction", "amount", "unit", "hedge", "cheng"),
    [
        ("下降一成", "down", "10", "%", "", True),
        ("用气量下降一成", "down", "10", "%", "", True),
        ("减少三成左右", "down", "30", "%", "约", True),
        ("较上年减少约两成", "down", "20", "%", "约", True),
        ("下降近一半", "down", "50", "%", "近", True),
        ("增长三成多", "up", "30", "%", "余", True),
        ("同比下降8%", "down", "8", "%", "", False),
        ("同比下降８％", "down", "8", "%", "", False),
        ("下降了8个百分点", "down", "8", "个百分点", "", False),
        ("提高2.3个百分点", "up", "2.3", "个百分点", "", False),
        ("少了470件", "down", "470", "件", "", False),
        ("-10%", "down", "10", "%", "", False),
        ("－10％", "down", "10", "%", "", False),
        ("−10%", "down", "10", "%", "", False),
        ("＋2.3个百分点", "up", "2.3", "个百分点", "", False),
        (" 下降 10% 左右 ", "down", "10", "%", "约", False),
    ],
)
def test_a_change_in_any_written_form(
    text: str, direction: str, amount: str, unit: str, hedge: str, cheng: bool
) -> None:
    s = read_change(text)
    assert (s.direction, s.amount, s.unit, s.hedge, s.cheng) == (
        direction,
        Decimal(amount),
        unit,
        hedge,
        cheng,
    )


def test_the_words_and_the_comparison_are_kept_for_writing_back() -> None:
    assert read_change("减少三成左右").words == "三成"
    assert read_change("下降近一半").words == "一半"
    assert read_change("同比下降8%").versus == "同比"
    assert read_change("比去年下降一成").versus == "较上年"
    assert read_change("少了470件").verb == "少了"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("降至3起", "a level, not a change"),
        ("提升至98%", "a level, not a change"),
        ("10%", "no direction"),
        ("下降", "not one change"),
        ("下降8", "no unit"),
        ("下降0%", "no change"),
        ("下降3-5%", "a range"),
        ("下降10%和20%", "not one change"),
        ("3月下降10%", "figure before the change"),
    ],
)
def test_what_is_not_one_change_says_what_to_write(text: str, words: str) -> None:
    with pytest.raises(NumberError, match=words):
        read_change(text)


def test_cheng_after_jianshao_and_zengjia_is_read_in_prose() -> None:
    # 减少三成 / 增加两成: 少 and 加 end the verb, as 降 and 升 do
    assert [(q.value, q.unit) for q in extract("投诉减少三成左右")] == [(Decimal(30), "%")]
    assert [c.direction for c in changes("就餐人次增加两成")] == ["up"]
    assert extract("多少成本") == []
