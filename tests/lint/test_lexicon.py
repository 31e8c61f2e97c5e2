"""Every entry of the linter's pattern lists matches its own example, and the rule that uses the list fires on
that example (and stays silent on the plain wording next to it)."""

from __future__ import annotations

import pytest

from zongjie.lint.api import lint_markdown
from zongjie.lint.lexicon import compile_entry, entries

VAGUE = entries("vague")
CLICHE = entries("cliche")


@pytest.mark.parametrize("entry", VAGUE + CLICHE, ids=lambda e: e.source)
def test_each_entry_matches_its_example(entry):
    assert entry.example, f"{entry.source}: give an example after '='"
    assert entry.regex.search(entry.example), f"{entry.source} does not match {entry.example}"


@pytest.mark.parametrize("entry", VAGUE, ids=lambda e: e.source)
def test_each_vague_entry_is_a_finding_without_a_figure(entry):
    found = lint_markdown(f"{entry.example}。\n")
    assert [f for f in found if f.rule == "vague-claim"], entry.example


@pytest.mark.parametrize("entry", CLICHE, ids=lambda e: e.source)
def test_each_cliche_entry_is_a_finding(entry):
    found = lint_markdown(f"{entry.example}。\n")
    assert [f for f in found if f.rule == "ai-cliche"], entry.example


def test_the_pattern_syntax():
    rx = compile_entry("在…的{坚强|正确}…下")
    assert rx.search("在局党组的坚强领导和各处室的大力支持下")
    assert rx.search("在公司领导的正确领导下")
    assert not rx.search("在院党委领导下")  # a plain statement, no 的坚强/的正确
    assert not rx.search("在局党组的坚强领导。各处室支持下")  # … stays inside one clause
    assert compile_entry("得到了?{明显}的?{提升}").search("得到明显提升")


@pytest.mark.parametrize(
    "text",
    [
        "全院节能意识不断增强。",
        "推行“一机一档”管理，收到了较好效果。",
        "各项工作取得了一定进步。",
        "通过更换节能灯具，节约了大量经费。",
        "节能工作成效明显。",
    ],
)
def test_real_vague_claims_are_found(text):
    assert [f for f in lint_markdown(text + "\n") if f.rule == "vague-claim"]


@pytest.mark.parametrize(
    "text",
    [
        "全年用电量同比下降6.1%，节能工作成效明显。",  # its own figure backs it
        "病区保洁合格率97.2%，较上年提高1.1个百分点。",
        "教学楼照明节能改造后年节电XX万度，节能效果显著。",  # a blank: the placeholder is the one finding
    ],
)
def test_claims_with_their_figures_or_blanks_are_not_vague(text):
    assert not [f for f in lint_markdown(text + "\n") if f.rule == "vague-claim"]


def test_a_cliche_further_into_the_sentence_is_found():
    text = "一年来，中心在局党组的坚强领导和各处室的大力支持下，认真履行机关后勤保障职能。\n"
    assert [f for f in lint_markdown(text) if f.rule == "ai-cliche"]
    text = "回顾这一年，岁月如梭，转眼间2025年即将过去。\n"
    assert len([f for f in lint_markdown(text) if f.rule == "ai-cliche"]) == 1


def test_one_future_word_list_serves_every_rule() -> None:
    """claims, years and sections each kept their own list of future words (three lists that disagreed); they
    read text/lexicon/future.txt now, each with the few marks of its own kept in a list of its own."""
    from zongjie.lint import sections
    from zongjie.lint.rules import claims, years
    from zongjie.text.words import words

    for word in words("future"):
        for rx in (claims._FUTURE, years._FUTURE, sections._FUTURE):
            assert rx.search(f"后勤处{word}推进改造"), (word, rx.pattern[:40])
    assert not claims._FUTURE.search("年底前完成") and years._FUTURE.search("年底前完成")
    assert sections._FUTURE.search("由维修中心负责") and not years._FUTURE.search("由维修中心负责")


def test_problem_word_lists_keep_their_guards() -> None:
    """The cause / measure / negative words come from data files; what may stand before or after them stays in
    the rule: 有待完善 and 计划滞后 are no measures, 受资金所限 is a cause."""
    from zongjie.lint.rules.problems import CAUSE, MEASURE, NEGATIVE

    assert MEASURE.search("下一步将申请专项资金") and MEASURE.search("已着手编制方案")
    assert not MEASURE.search("管理制度有待完善") and not MEASURE.search("改造计划滞后")
    assert not MEASURE.search("需进一步加强")
    assert CAUSE.search("受资金所限，改造推迟") and CAUSE.search("原因是人手不足")
    assert NEGATIVE.search("报修响应偏慢") and NEGATIVE.search("服务质量需要提升")
    assert not NEGATIVE.search("全年完成维修1326件")


def test_section_and_role_word_lists_read_from_data() -> None:
    """The closing, problem-paragraph, bound and past-year words are lists in text/lexicon too; the anchors
    around them (a bound word right before the figure) stay in the rule."""
    from zongjie.lint import sections
    from zongjie.lint.rules import roles, years

    assert sections._CLOSING_WORDS.search("为学校发展作出更大贡献") and sections._CLOSING_WORDS.search(
        "更大的贡献"
    )
    assert len(sections._PROBLEM.findall("设备老化，维修响应偏慢，人员不足")) == 3
    assert roles._BOUND_BEFORE.search("满意度不低于 ") and not roles._BOUND_BEFORE.search("不低于往年水平，")
    assert years._PAST.search("较2024年提高") and not years._PAST.search("2024年后勤处完成巡检")
