"""Units table and word lists read from data files."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zongjie.text import pattern, spelling, split_unit, words
from zongjie.text.units import known
from zongjie.text.words import UnknownList, names


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("％", "%"),
        ("%", "%"),
        ("㎡", "平方米"),
        ("平米", "平方米"),
        ("m²", "平方米"),
        ("万㎡", "万平方米"),
        ("百分点", "个百分点"),
        ("kWh", "千瓦时"),
        ("次", "次"),
        (" 人次 ", "人次"),
        ("千米", "千米"),
    ],
)
def test_spelling(written: str, canonical: str) -> None:
    assert spelling(written) == canonical


@pytest.mark.parametrize(
    ("unit", "factor", "base"),
    [
        ("万元", 10000, "元"),
        ("千元", 1000, "元"),
        ("亿元", 100000000, "元"),
        ("万度", 10000, "度"),
        ("千瓦时", 1, "度"),
        ("度", 1, "度"),
        ("千米", 1, "公里"),
        ("万平米", 10000, "平方米"),
        ("人次", 1, "人次"),
        ("％", 1, "%"),
        ("万", 10000, ""),
    ],
)
def test_split_unit(unit: str, factor: int, base: str) -> None:
    assert split_unit(unit) == (Decimal(factor), base)


def test_known_units() -> None:
    assert known("万元") and known("％") and known("人次") and known("")
    assert not known("斤斤")


def test_every_list_loads_without_comments_or_blanks() -> None:
    assert {"vague", "cliche_openings", "buzzwords", "future", "owner_labels", "up_by", "down_by"} <= set(
        names()
    )
    for name in names():
        entries = words(name)
        assert entries, name
        assert not any(e.startswith("#") or not e.strip() or " " in e for e in entries), name


def test_pattern_prefers_the_longest_entry() -> None:
    m = pattern("vague").search("服务水平得到了显著提升")
    assert m is not None and m.group() == "得到了显著提升"


def test_an_unknown_list_is_a_programming_error() -> None:
    with pytest.raises(UnknownList):
        words("no-such-list")
