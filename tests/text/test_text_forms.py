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
def test_number_matches_full_width_figures_as_written_and_folded(written: str) -> None:
    assert re.fullmatch(NUMBER, written) and re.fullmatch(NUMBER, fold(written))


@pytest.mark.parametrize("other", ["٣٤", "३४", "𝟑𝟒"])
def test_number_refuses_digits_of_other_scripts(other: str) -> None:
    assert re.fullmatch(NUMBER, other) is None


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


# --- the numeral fragments: defined once in text.numerals, re-exported by forms ---


def test_forms_reexports_the_numeral_fragments_it_does_not_define() -> None:
    from zongjie.text import forms, numerals

    assert (forms.SCALE, forms.CN_NUM, forms.CN_DIGITS, forms.CN_YEAR) == (
        numerals.SCALE,
        numerals.CN_NUM,
        numerals.CN_DIGITS,
        numerals.CN_YEAR,
    )


@pytest.mark.parametrize("numeral", ["一千三百二十六", "两", "三十", "零点五", "一万二千", "十"])
def test_cn_num_takes_a_chinese_numeral_run(numeral: str) -> None:
    from zongjie.text.forms import CN_NUM

    assert re.fullmatch(CN_NUM, numeral)


@pytest.mark.parametrize("other", ["点五", "1326", "三点", "进一步"])
def test_cn_num_refuses_what_is_not_one_numeral(other: str) -> None:
    from zongjie.text.forms import CN_NUM

    assert re.fullmatch(CN_NUM, other) is None


@pytest.mark.parametrize(("text", "value"), [("二〇二五", 2025), ("二零二六", 2026), ("一九九八", 1998)])
def test_cn_year_is_four_chinese_digits_read_one_by_one(text: str, value: int) -> None:
    from zongjie.text.forms import CN_YEAR
    from zongjie.text.numerals import DIGIT_VALUE

    assert re.fullmatch(CN_YEAR, text)
    assert int("".join(str(DIGIT_VALUE[c]) for c in text)) == value


@pytest.mark.parametrize("other", ["两〇二五", "二〇二", "二千零五"])
def test_cn_year_refuses_a_numeral_that_is_not_digit_by_digit(other: str) -> None:
    from zongjie.text.forms import CN_YEAR

    assert re.fullmatch(CN_YEAR, other) is None


@pytest.mark.parametrize(
    ("text", "scale"), [("1.2万元", "万"), ("5千元", "千"), ("3千万", "千万"), ("2亿", "亿")]
)
def test_scale_is_read_after_a_figure(text: str, scale: str) -> None:
    from zongjie.text.forms import SCALE

    m = re.match(rf"{NUMBER}(?P<s>{SCALE})", text)
    assert m is not None and m.group("s") == scale


@pytest.mark.parametrize("text", ["5千米", "3千克", "8千瓦时"])
def test_scale_is_not_the_qian_of_a_unit(text: str) -> None:
    from zongjie.text.forms import SCALE

    assert re.match(rf"{NUMBER}(?:{SCALE})", text) is None


@pytest.mark.parametrize(
    ("text", "figure"), [("1,326次", "1,326"), ("12,345.6元", "12,345.6"), ("82.3%", "82.3")]
)
def test_figure_takes_thousands_groups_whole(text: str, figure: str) -> None:
    from zongjie.text.forms import FIGURE

    m = re.match(FIGURE, text)
    assert m is not None and m.group() == figure


def test_grouped_needs_whole_groups_of_three() -> None:
    from zongjie.text.forms import GROUPED

    assert re.fullmatch(GROUPED, "1,326") and re.fullmatch(GROUPED, "1,32") is None


# --- one spacing rule: close_up / close_spaces, shared by the punctuation fixer and the offline writer ---


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ("巡检 1326 次", "巡检1326次"),
        ("82.3 ％", "82.3%"),
        ("1.2 设备巡检 1326 次", "1.2 设备巡检1326次"),
        ("　　1.2 设备巡检", "　　1.2 设备巡检"),
        ("概述\n1.2 设备巡检", "概述\n1.2 设备巡检"),
    ],
)
def test_close_up_keeps_the_space_an_outline_number_needs(text: str, closed: str) -> None:
    from zongjie.text import close_up

    assert close_up(text) == closed


def test_the_punctuation_fixer_and_the_offline_writer_keep_an_outline_number() -> None:
    from zongjie.punctuation import fix_text
    from zongjie.text import close_spaces
    from zongjie.writer.offline.phrases import clean

    assert fix_text("1.2 设备巡检 1326 次") == "1.2 设备巡检1326次"
    assert close_spaces("巡检 １３２６ 次") == "巡检１３２６次"
    assert clean("1.2 设备巡检 1326 次").startswith("1.2 设备巡检1326次")
