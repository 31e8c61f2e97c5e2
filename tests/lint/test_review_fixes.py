"""The newcomer review's findings on `zongjie lint` (review.md items 9–10): other people's summaries, written
the way a 后勤处 writes them — the finding that must appear and the false alarm that must not."""

from __future__ import annotations

from zongjie.lint.api import lint_markdown

TITLE = "# 市第三中学后勤处2025年度工作总结\n\n"
PREFACE = "　　2025年，后勤处现有职工38人，负责全校1600余名师生的后勤保障。现将一年来的工作总结如下：\n\n"
REVIEW = (
    "## 一、主要工作\n\n　　全年受理报修工单1326件，比上年增长12.4%，维修及时率97.6%。\n\n"
    "　　食堂日均就餐2150人次，食品抽检合格率100%。\n\n"
)
PROBLEMS = "## 二、存在的问题\n\n　　部分设备老化严重，原因是更新资金未列入预算，下一步将申请专项资金。\n\n"
PLANS = "## 三、2026年工作打算\n\n　　1.维修及时率达到98%，由维修组长张伟负责，2026年12月底前完成。\n\n"


def found(text: str) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity, f.message) for f in lint_markdown(text)]


def messages(text: str, rule: str) -> list[str]:
    return [f.message for f in lint_markdown(text) if f.rule == rule]


# --- item 2: closing and officialese 套话 -------------------------------------------------------------------


def test_closing_cliche_is_found() -> None:
    text = (
        TITLE
        + PREFACE
        + REVIEW
        + PROBLEMS
        + PLANS
        + "　　总之，我们将再接再厉，开拓创新，为学校发展作出更大贡献。\n"
    )
    said = " ".join(messages(text, "ai-cliche"))
    assert "再接再厉" in said and "为学校发展作出更大贡献" in said


def test_officialese_in_the_preface_is_named_phrase_by_phrase() -> None:
    preface = "　　2025年，后勤处紧紧围绕学校中心工作，全面贯彻落实上级精神，受理报修工单1326件。\n\n"
    said = messages(TITLE + preface + REVIEW + PROBLEMS + PLANS, "ai-cliche")
    assert len(said) == 1  # one sentence, one finding, naming both phrases
    assert "紧紧围绕学校中心工作" in said[0] and "全面贯彻落实上级精神" in said[0]


def test_plain_closing_and_plain_contribution_are_no_cliche() -> None:
    closing = "　　2026年，后勤处将把维修及时率提高到98%，食堂满意度提高到90%。\n"
    text = TITLE + PREFACE + REVIEW + PROBLEMS + PLANS + closing
    assert messages(text, "ai-cliche") == []
    assert messages(TITLE + PREFACE.replace("后勤保障", "后勤保障，贯彻落实节能措施"), "ai-cliche") == []


# --- item 4: a review under 基本情况; a closing paragraph is a 结语 ------------------------------------------

BASICS = (
    "## 一、基本情况\n\n　　后勤处现有职工38人，下设维修组、食堂、保洁组三个班组。\n\n"
    "　　**（一）设施维修。**全年受理报修工单1326件，比上年增长12.4%，维修及时率97.6%。\n\n"
    "　　**（二）食堂管理。**日均就餐2150人次，食品抽检合格率100%。\n\n"
    "　　**（三）安全保障。**开展消防演练4次，组织安全检查36次。\n\n"
)


def test_review_under_basics_with_run_in_subheadings_is_the_review() -> None:
    text = TITLE + PREFACE + BASICS + PROBLEMS + PLANS + "## 四、结语\n\n　　新的一年，我们将继续努力。\n"
    assert not [m for r, _, m in found(text) if r == "missing-section"]


def test_basics_without_work_still_misses_the_review() -> None:
    basics = "## 一、基本情况\n\n　　后勤处现有职工38人，下设维修组、食堂、保洁组三个班组。\n\n"
    text = TITLE + PREFACE + basics + PROBLEMS + PLANS + "## 四、结语\n\n　　新的一年，我们将继续努力。\n"
    assert "缺少“主要工作回顾与成果”" in [m for r, _, m in found(text) if r == "missing-section"]


def test_a_closing_paragraph_with_no_heading_is_the_closing() -> None:
    for closing in (
        "　　后勤工作任重道远，我们将以更加饱满的热情做好各项保障工作。\n",
        "　　以上是我处2025年度工作总结，不足之处，敬请批评指正。\n",
    ):
        text = TITLE + PREFACE + REVIEW + PROBLEMS + PLANS + closing
        assert not [m for r, _, m in found(text) if r == "missing-section"], closing


def test_no_closing_at_all_is_a_warning_not_an_error() -> None:
    text = TITLE + PREFACE + REVIEW + PROBLEMS + PLANS
    missing = [(s, m) for r, s, m in found(text) if r == "missing-section"]
    assert missing == [("warning", "缺少“结语”")]
