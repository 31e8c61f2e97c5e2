"""The newcomer review's findings on `zongjie lint` (review.md items 9–10): other people's summaries, written
the way a 后勤处 writes them — the finding that must appear and the false alarm that must not."""

from __future__ import annotations

from pathlib import Path

import docx

from cli_helpers import run_cli
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


# --- item 1: the files other people send ------------------------------------------------------------------

SUMMARY = (
    TITLE
    + PREFACE
    + REVIEW
    + PROBLEMS
    + PLANS.replace("98%", "xx%")
    + "## 四、结语\n\n　　新的一年，我们将继续努力。\n"
)


def test_gbk_utf16_and_bom_files_are_read_and_never_rewritten(capsys, tmp_path: Path) -> None:
    for name, data in (
        ("gbk.txt", SUMMARY.encode("gb18030")),
        ("utf16.txt", SUMMARY.encode("utf-16")),  # with its BOM, as Notepad's "Unicode" saves
        ("utf16be.md", b"\xfe\xff" + SUMMARY.encode("utf-16-be")),
        ("bom.md", SUMMARY.encode("utf-8-sig")),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        code, out, err = run_cli(capsys, "lint", str(path))
        assert code == 1 and "未填写的占位符“xx%”" in out, (name, err)
        assert "not UTF-8 text" not in err and "Traceback" not in err
        assert ("read it as GB18030" in err) == (name == "gbk.txt")
        assert path.read_bytes() == data


def test_a_docx_is_linted_as_markdown(capsys, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("市第三中学后勤处2025年度工作总结", 0)
    document.add_paragraph("2025年，后勤处现有职工38人，负责全校1600余名师生的后勤保障。")
    for heading, body in (
        ("一、主要工作", "全年受理报修工单1326件，比上年增长12.4%，维修及时率97.6%。"),
        ("二、存在的问题", "部分设备老化严重，原因是更新资金未列入预算，下一步将申请专项资金。"),
        ("三、2026年工作打算", "1.维修及时率达到xx%，由维修组长张伟负责，2026年12月底前完成。"),
        ("四、结语", "总之，我们将再接再厉，为学校发展作出更大贡献。"),
    ):
        document.add_heading(heading, 1)
        document.add_paragraph(body)
    path = tmp_path / "别人的总结.docx"
    document.save(str(path))
    code, out, err = run_cli(capsys, "lint", str(path))
    assert code == 1 and "Traceback" not in err
    assert "未填写的占位符“xx%”" in out and "再接再厉" in out
    assert "missing-section" not in out  # headings came through as Markdown headings
    code, _, err = run_cli(capsys, "lint", str(path), "--fix")
    assert code == 2 and "not a Word file" in err


def test_an_old_doc_says_what_to_do(capsys, tmp_path: Path) -> None:
    path = tmp_path / "总结.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    code, _, err = run_cli(capsys, "lint", str(path))
    assert code == 2 and "save it as .docx" in err and "Traceback" not in err


# --- item 3: a rate's change written as % -----------------------------------------------------------------


def test_a_rate_change_in_percent_suggests_points_without_facts() -> None:
    review = "## 一、主要工作\n\n　　全年受理报修工单1326件，比上年增长12.4%，维修及时率97.6%，比上年提高2.5%。\n\n"
    said = messages(TITLE + PREFACE + review + PROBLEMS + PLANS, "rate-change-percent")
    assert len(said) == 1 and "提高2.5个百分点" in said[0] and "维修及时率" in said[0]
    assert messages("食堂满意度８８％，同比增长３％。", "rate-change-percent")  # full-width, as typed


def test_points_counts_and_other_subjects_stay_silent() -> None:
    for text in (
        "维修及时率97.6%，比上年提高2.5个百分点。",
        "维修及时率97.6%，报修量比上年增长12.4%。",  # the change has its own subject
        "全年受理报修工单1326件，比上年增长12.4%。",  # a count, not a rate
        "全年用电量412万度，同比下降6.8%。",
        "维修及时率97.6%（上年95.1%）。",
    ):
        assert messages(text, "rate-change-percent") == [], text


# --- r3 review finding 13: plans pasted from Word, a 　　 indent before the list number ---------------------


def test_list_numbers_after_a_full_width_indent_are_not_figures(tmp_path: Path) -> None:
    from zongjie.facts.load import load

    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "report: {organization: 青松职业技术学院, department: 后勤管理处, profile: 学校, year: 2025}\n"
        "functions:\n  - key: 维修\n    metrics:\n      - {name: 维修报修, value: 2836, unit: 件}\n",
        encoding="utf-8",
    )
    plans = (
        "## 三、2026年工作思路\n\n"
        "　　1. 2026年6月底前完成3号楼维修，由维修中心负责。\n"
        "　　2. 完成宿舍改造，2026年9月底前，由维修中心负责。\n"
        "　　3、完成浴室改造，2026年12月底前，由维修中心负责。\n"
    )
    text = "# 2025年度后勤工作总结\n\n" + plans
    wrong = [f.excerpt for f in lint_markdown(text, load(facts)) if f.rule == "number-mismatch"]
    assert "1" not in wrong and "2" not in wrong and "3" not in wrong
    # the figures in the items are still checked: 3号楼 is a name, but an invented figure is found
    invented = text.replace("3号楼维修", "维修57处")
    assert "57处" in [f.excerpt for f in lint_markdown(invented, load(facts)) if f.rule == "number-mismatch"]
