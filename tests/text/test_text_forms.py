"""The regex fragments other grammars compose (the notes' <指标><数字><单位>): what they accept and refuse, on
text as the text layer leaves it (folded, thousands separators out)."""

from __future__ import annotations

import re

import pytest

from zongjie.text import NUMBER, YEAR, ends_with_figure, fold, unit_alternation
from zongjie.text.forms import DIGIT, NUMERAL, PERCENT


@pytest.mark.parametrize("figure", ["1326", "82.3", "0.5", "100"])
def test_number_is_a_plain_figure(figure: str) -> None:
    assert re.fullmatch(NUMBER, figure)


@pytest.mark.parametrize("written", ["８２．３", "１３２６"])
def test_number_matches_full_width_figures_once_folded(written: str) -> None:
    assert re.fullmatch(NUMBER, fold(written))


@pytest.mark.parametrize("other", ["82.", ".5", "1,326", "-3", "三十", "82.3%"])
def test_number_refuses_what_is_not_one_plain_figure(other: str) -> None:
    assert re.fullmatch(NUMBER, other) is None


def test_number_as_a_slot_takes_the_whole_figure() -> None:
    m = re.search(rf"达到(?P<num>{NUMBER})%", "及时率达到82.3%，比上年78.5%有提高")
    assert m is not None and m.group("num") == "82.3"


@pytest.mark.parametrize(("text", "year"), [("2025年", "2025"), ("1998年", "1998"), ("2026年9月底", "2026")])
def test_year_is_a_four_digit_year_of_this_era(text: str, year: str) -> None:
    m = re.match(rf"({YEAR})年", text)
    assert m is not None and m.group(1) == year


@pytest.mark.parametrize("text", ["1326年", "3025年", "25年", "20251年"])
def test_year_refuses_counts_and_short_years(text: str) -> None:
    assert re.fullmatch(rf"{YEAR}年", text) is None


def test_unit_alternation_prefers_the_longest_unit() -> None:
    rx = re.compile(rf"{NUMBER}(?P<unit>{unit_alternation({'万', '平方米', '万平方米', '个', '个百分点'})})")
    assert [m.group("unit") for m in rx.finditer("绿化1.2万平方米，提高3个百分点，新增5个")] == [
        "万平方米",
        "个百分点",
        "个",
    ]


def test_unit_alternation_escapes_symbols() -> None:
    rx = re.compile(rf"{NUMBER}(?:{unit_alternation(['m²', '%'])})")
    assert rx.fullmatch("800m²") and rx.fullmatch("82.3%") and not rx.fullmatch("800m2")


@pytest.mark.parametrize(
    ("text", "ends"), [("3", True), ("凌晨3", True), ("１２", True), ("外包", False), ("", False)]
)
def test_ends_with_figure(text: str, ends: bool) -> None:
    assert ends_with_figure(text) is ends


def test_digit_is_arabic_half_and_full_width() -> None:
    rx = re.compile(f"[{DIGIT}]")
    assert all(rx.fullmatch(c) for c in "0123456789０１２３４５６７８９")
    assert not any(rx.fullmatch(c) for c in "一二Xx.%")


def test_numeral_starts_arabic_and_chinese_numbers() -> None:
    rx = re.compile(f"[{NUMERAL}]")
    assert all(rx.fullmatch(c) for c in "0９〇零一二两三十百千万亿")
    assert not any(rx.fullmatch(c) for c in "几多余某X")


@pytest.mark.parametrize(
    ("text", "unit"),
    [("1.2万m²", "万m²"), ("312.5万kWh", "万kWh"), ("5千元", "千元"), ("3千米", "千米"), ("38件", "件")],
)
def test_a_scaled_unit_carries_its_scale(text: str, unit: str) -> None:
    m = re.fullmatch(
        rf"{NUMBER}(?P<unit>{unit_alternation({'m²', 'kWh', '元', '千米', '米', '件'}, scaled=True)})", text
    )
    assert m is not None and m.group("unit") == unit


def test_an_unscaled_alternation_takes_no_scale() -> None:
    assert re.fullmatch(rf"{NUMBER}(?:{unit_alternation({'元'})})", "4.3万元") is None


def test_percent_is_half_and_full_width() -> None:
    rx = re.compile(f"[{PERCENT}]")
    assert rx.fullmatch("%") and rx.fullmatch("％")
    assert not any(rx.fullmatch(c) for c in "‰5百")
