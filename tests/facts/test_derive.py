from __future__ import annotations

from zongjie.facts.derive import derive, fmt
from zongjie.facts.model import Metric


def texts(**kw: object) -> list[str]:
    return [d.text for d in derive(Metric.model_validate({"name": "指标", **kw}))]


def test_count_change_and_yoy_rounded_to_one_decimal() -> None:
    assert texts(value=1248, unit="次", previous=1102) == ["较上年增加146次", "同比增长13.2%"]


def test_percent_difference_is_in_percentage_points() -> None:
    # Never "同比增长3.0%" for 89.6% → 92.3%: the difference of two percentages is 个百分点.
    assert texts(value=92.3, unit="%", previous=89.6) == ["较上年提高2.7个百分点"]
    assert texts(value=0.8, unit="%", previous=1.3) == ["较上年下降0.5个百分点"]


def test_decrease_and_flat() -> None:
    assert texts(value=312, unit="万度", previous=334.8) == ["较上年减少22.8万度", "同比下降6.8%"]
    assert texts(value=2, unit="次", previous=2) == ["与上年持平"]


def test_zero_previous_gives_no_percentage() -> None:
    assert texts(value=3, unit="起", previous=0) == ["较上年增加3起"]


def test_target_completion_and_gap() -> None:
    assert texts(value=1248, unit="次", target=1200) == ["完成年度目标（1200次）的104%"]
    assert texts(value=98.5, unit="%", target=98) == ["优于年度目标（98%）0.5个百分点"]
    assert texts(value=97.1, unit="%", target=98) == ["距年度目标（98%）尚差0.9个百分点"]
    assert texts(value=99, unit="%", target=99) == ["达到年度目标（99%）"]


def test_lower_is_better_target() -> None:
    d = derive(Metric(name="库房损耗率", value=0.8, unit="%", target=1, better="lower"))[0]
    assert d.met is True and d.text == "优于年度目标（1%）0.2个百分点"
    d = derive(Metric(name="有效投诉", value=20, unit="件", target=15, better="lower"))[0]
    assert d.met is False and d.text == "超出年度控制目标（15件）5件"


def test_ratios_round_half_up_to_one_decimal() -> None:
    # 0.25% → 0.3% (half up, not banker's 0.2); the difference itself is exact.
    assert texts(value=100.25, unit="万元", previous=100) == ["较上年增加0.25万元", "同比增长0.3%"]


def test_differences_are_exact_at_the_inputs_precision() -> None:
    assert texts(value=46.35, unit="万元", previous=41.2) == ["较上年增加5.15万元", "同比增长12.5%"]
    assert texts(value=99.95, unit="%", previous=99.9) == ["较上年提高0.05个百分点"]


def test_rounding_never_states_something_false() -> None:
    # A missed target is never "reached" or "100%", and a real change is never "0%".
    assert texts(value=99.94, unit="%", target=99.95) == ["距年度目标（99.95%）尚差0.01个百分点"]
    assert texts(value=9996, unit="件", target=10000) == ["完成年度目标（10000件）的99.9%"]
    assert texts(value=10003, unit="件", previous=10000) == ["较上年增加3件", "同比增长0.03%"]


def test_lower_is_better_over_its_ceiling() -> None:
    assert texts(value=46.35, unit="万元", target=45, better="lower") == [
        "超出年度控制目标（45万元）1.35万元"
    ]


def test_fmt() -> None:
    assert [fmt(1248.0), fmt(98.5), fmt(8.60), fmt(0), fmt(12.0)] == ["1248", "98.5", "8.6", "0", "12"]
