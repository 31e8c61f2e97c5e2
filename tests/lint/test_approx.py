"""Approximate figures are claims (3000余次, 五百余户, 约12万元, 两成, 一半) checked with a tolerance,
and a figure written right after a metric's name must be that metric's own."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from tests.lint.conftest import fixture_facts

from zongjie.lint.api import lint_markdown
from zongjie.lint.factset import hedged
from zongjie.text.numbers import CLAIM_KINDS, extract

CORPUS = Path(__file__).parent / "corpus"
CLEAN = (CORPUS / "01-clean-full.md").read_text(encoding="utf-8")


def claim(text: str):
    found = [q for q in extract(text) if q.kind in CLAIM_KINDS]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "hedge", "base"),
    [
        ("全年处理业主报修3000余次", "3000", "次", "余", ("3000", "次")),
        ("全年服务业主五百余户。", "500", "户", "余", ("500", "户")),
        ("开展演练十余次", "10", "次", "余", ("10", "次")),
        ("节约成本1.2万余元", "1.2", "万元", "余", ("12000", "元")),
        ("节约成本10余万元", "10", "万元", "余", ("100000", "元")),
        ("节约成本十余万元", "10", "万元", "余", ("100000", "元")),
        ("服务三十多名老人", "30", "名", "余", ("30", "名")),
        ("节约零点五万元", "0.5", "万元", "", ("5000", "元")),
        ("全年巡检约1250次", "1250", "次", "约", ("1250", "次")),
        ("满意度约为92%", "92", "%", "约", ("92", "%")),
        ("全年巡检1250次左右", "1250", "次", "约", ("1250", "次")),
        ("设备保养近330项", "330", "项", "近", ("330", "项")),
        ("服务逾300户", "300", "户", "余", ("300", "户")),
        ("投诉下降两成", "20", "%", "成", ("20", "%")),
        ("费用减少了三成", "30", "%", "成", ("30", "%")),
        ("近三成业主参与评议", "30", "%", "成", ("30", "%")),
        ("超过一半的业主参与", "50", "%", "成", ("50", "%")),
    ],
)
def test_approximate_figures_are_claims(text, value, unit, hedge, base):
    q = claim(text)
    assert (q.value, q.unit, q.hedge) == (Decimal(value), unit, hedge)
    assert q.base() == (Decimal(base[0]), base[1])


@pytest.mark.parametrize(
    "text",
    [
        "节约维修成本8.6万元",  # 节约 is a verb, not 约
        "最近3个月",
        "附近3公里",
        "完成设备巡检1248次",
    ],
)
def test_words_are_not_hedges(text):
    assert claim(text).hedge == ""


@pytest.mark.parametrize(
    "text",
    [
        "一成不变",
        "九成新的设备",
        "建成三栋楼",
        "完成率",
        "降低成本",
        "三成员单位",
        "两成果",
        "一半时间在一线",
    ],
)
def test_cheng_and_half_are_read_only_as_amounts(text):
    assert not [q for q in extract(text) if q.unit == "%"], extract(text)


@pytest.mark.parametrize(
    ("text", "value", "unit", "ok"),
    [
        ("3000余次", "3012", "次", True),
        ("3000余次", "4400", "次", True),  # below 1.5 × 3000
        ("3000余次", "3999", "次", True),  # rounds down to 3000
        ("3000余次", "2980", "次", False),
        ("3000余次", "4600", "次", False),
        ("1000余次", "1900", "次", True),  # rounds down to 1000
        ("五百余户", "520", "户", True),
        ("五百余户", "480", "户", False),
        ("1.2万余元", "12800", "元", True),
        ("1.2万余元", "1.2", "万元", True),
        ("1.2万余元", "11000", "元", False),
        ("3000余次", "3012", "项", False),  # units must agree
        ("约1250次", "1248", "次", True),
        ("约1250次", "1100", "次", False),
        ("约1200次", "1248", "次", True),  # 1248 rounded to the hundreds
        ("约1300次", "1248", "次", False),  # within 10%, but not a rounding of 1248
        ("约350项", "326", "项", False),
        ("约330项", "326", "项", True),
        ("约1000次", "1248", "次", False),  # a rounding, but 20% off
        ("约12万元", "118000", "元", True),
        ("约92%", "92.3", "%", True),
        ("约95%", "92.3", "%", False),  # a percentage allows one point, not 10%
        ("近330项", "326", "项", True),
        ("近330项", "335", "项", False),
        ("近三成", "28.6", "%", True),
        ("下降两成", "24", "%", True),
        ("下降两成", "30", "%", False),
    ],
)
def test_hedge_tolerances(text, value, unit, ok):
    q = next(q for q in extract(text) if q.kind in CLAIM_KINDS)
    assert hedged(q, Decimal(value), unit) is ok


def _lint(text: str):
    return lint_markdown(text, fixture_facts())


def test_clean_draft_stays_clean():
    assert not [f for f in _lint(CLEAN) if f.is_error]


def test_invented_approximate_figures_are_flagged_in_a_whole_draft():
    for added, figure in (("，全年处理业主报修3000余次", "3000余次"), ("，全年服务业主五百余户", "五百余户")):
        text = CLEAN.replace("，节约维修成本8.6万元。", f"，节约维修成本8.6万元{added}。")
        assert text != CLEAN
        found = [f for f in _lint(text) if f.rule == "number-mismatch"]
        assert [f.excerpt for f in found] == [figure], found


def test_approximate_figure_backed_by_a_fact_passes():
    text = CLEAN.replace("全年开展设备巡检1248次", "全年开展设备巡检1200余次")
    assert text != CLEAN
    assert not [f for f in _lint(text) if f.rule == "number-mismatch"]


def test_figure_after_a_metric_name_must_be_that_metrics_own():
    # 98% is 报修响应率's target: allowed somewhere in the facts, but 保洁合格率 is 97.8%.
    text = CLEAN.replace("保洁合格率97.8%", "保洁合格率为98%")
    assert text != CLEAN
    found = [f for f in _lint(text) if f.rule == "number-mismatch"]
    assert len(found) == 1 and found[0].excerpt == "98%"
    assert "保洁合格率" in found[0].message and "97.8%" in found[0].message
    assert found[0].severity == "error"


def test_metric_name_check_accepts_the_metrics_other_figures():
    # previous, target and derived figures of the same metric are its own.
    text = CLEAN.replace("保洁合格率97.8%", "保洁合格率由上年提升至97.8%，年度目标为97%")
    assert not [f for f in _lint(text) if f.rule == "number-mismatch"]
