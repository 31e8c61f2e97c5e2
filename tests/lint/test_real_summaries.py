"""Issue 11's patterns, one by one: what people really write, the finding that must appear, and the false alarm
that must not. Texts are short on purpose; the labelled corpus in genre/ has them in whole summaries."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from cli_helpers import run_cli
from zongjie.lint.api import lint_markdown
from zongjie.lint.document import Document
from zongjie.lint.sections import refine
from zongjie.punctuation import fix_text

PROBLEMS = "## 三、存在的问题\n\n"
PLANS = "## 四、2026年工作计划\n\n1. 更换电梯4部，2026年6月底前完成，责任人为科长李明。\n\n"
CLOSING = "## 五、结语\n\n新的一年，我们将继续努力。\n"


def rules(text: str, *skip: str) -> list[str]:
    return [f.rule for f in lint_markdown(text) if f.rule not in skip]


def kinds(text: str) -> list[tuple[str, str]]:
    doc = Document(text)
    refine(doc)
    return [(s.id, s.kind) for s in doc.sections if s.parent is None]


def summary(review: str, problems: str = "1. 电梯老化，全年故障11次。原因是超期服役。下一步更换。\n") -> str:
    return (
        "# 某中学总务处2025年度工作总结\n\n2025年，总务处共有职工14人。\n\n"
        f"{review}\n\n{PROBLEMS}{problems}\n{PLANS}{CLOSING}"
    )


# --- sections by heading and content ---------------------------------------------------------------------


@pytest.mark.parametrize("heading", ["一、前言", "一、总体情况", "一、基本情况"])
def test_a_preface_under_its_own_heading_is_the_preface(heading):
    text = f"# 某中学2025年度工作总结\n\n## {heading}\n\n总务处共有职工14人。\n\n## 二、主要工作\n\n完成巡检12次。\n"
    assert ("preface", "preface") in kinds(text)
    assert not [f for f in lint_markdown(text) if f.rule == "missing-section" and f.section == "preface"]


def test_an_empty_preface_is_still_found():
    text = "# 某中学2025年度工作总结\n\n## 二、主要工作\n\n完成巡检12次。\n"
    assert [f for f in lint_markdown(text) if f.rule == "missing-section" and f.section == "preface"]


def test_chapters_named_by_the_work_are_the_review():
    text = summary(
        "## 一、供暖保障方面\n\n全年供暖128天，更换管道460米。\n\n## 二、校园改造稳步推进\n\n完成屋面防水3200平方米。"
    )
    assert [k for _, k in kinds(text)].count("review") == 2
    assert "missing-section" not in rules(text)


def test_a_chapter_with_no_heading_words_and_no_content_stays_unknown():
    assert kinds("# 标题2025年工作总结\n\n## 一、其他\n\n谢谢大家。\n")[-1][1] == "other"


def test_planning_in_a_past_work_chapter_is_past_work():
    text = summary(
        "## 一、校园规划建设\n\n完成东区学生活动中心主体施工，建筑面积9600平方米；新增停车位260个。"
    )
    assert ("review", "review") in kinds(text)
    assert not {"plan-without-owner", "plan-without-deadline"} & set(rules(text))


def test_a_planning_chapter_about_next_year_is_the_plans():
    text = (
        "# 某院2025年工作总结\n\n2025年，后勤部共有职工41人。\n\n## 一、工作完成情况\n\n完成巡检2900次。\n\n"
        "## 二、存在的问题\n\n1. 配送慢。原因是没有车辆。下一步购车。\n\n## 三、2026年发展规划\n\n"
        "1. 启动污水处理站改造前期工作。\n\n## 四、结语\n\n新的一年，我们将继续努力。\n"
    )
    assert ("plans", "plans") in kinds(text)
    assert {"plan-without-owner", "plan-without-deadline", "plan-without-target"} <= set(rules(text))


RUN_IN = (
    "市机关事务中心2025年度工作总结\n"
    "　　2025年，中心共有职工30人。\n"
    "　　一、公务用车管理。全年派车4320车次，安全行驶62万公里。二、办公用房管理。清理用房1260平方米。\n"
    "　　三、存在的问题。一是车辆使用年限较长，维修费用偏高。二是数据更新不及时，原因是报送渠道不统一。\n"
    "　　四、2026年工作打算。一是完成8辆公务车更新，2026年6月底前完成，由车辆管理科负责。二是公共机构人均综合能耗下降2%。\n"
    "　　2026年，中心将继续立足服务保障。\n"
)


def test_run_in_headings_and_items_are_read():
    assert [k for _, k in kinds(RUN_IN)] == ["title", "preface", "review", "problems", "plans", "closing"]
    found = [(f.rule, f.line) for f in lint_markdown(RUN_IN)]
    assert ("problem-without-cause", 4) in found  # 一是 has no cause
    assert ("plan-without-owner", 5) in found and ("plan-without-deadline", 5) in found  # 二是
    assert ("missing-section", None) not in found
    assert not [r for r, _ in found if r == "plan-without-target"]  # 8辆 and 2% are targets


def test_a_problems_list_after_a_lead_in_is_checked():
    text = summary(
        "## 一、主要工作\n\n完成巡检12次。\n\n还存在以下几个问题：\n\n1. 停车位紧张，高峰期排队时间长。",
        problems="1. 电梯老化。原因是超期服役。下一步更换。\n",
    )
    found = [f for f in lint_markdown(text) if f.rule == "problem-without-cause"]
    assert [f.excerpt for f in found] == ["停车位紧张，高峰期排队时间长。"]


def test_a_plans_list_after_a_lead_in_is_the_plans():
    text = (
        "# 某小区2025年度工作总结\n\n2025年，管理处共有员工35人。\n\n## 一、主要工作回顾\n\n完成维修2680次。\n\n"
        "## 二、存在问题及下一步打算\n\n目前主要存在以下问题：\n\n1. 电梯老旧，全年困人3起。原因是超期服役。\n\n"
        "下一步打算：\n\n1. 启动5部电梯更新，2026年9月底前完成，责任人为工程主管段军。\n\n## 三、结语\n\n新的一年，我们将继续努力。\n"
    )
    assert "plans" in [k for _, k in kinds(text)]
    assert not {"missing-section", "problem-without-measure"} & set(rules(text))


def test_a_mirrored_measures_chapter_answers_each_problem():
    text = (
        "# 某公司2025年度工作总结\n\n2025年，后勤部共有员工20人。\n\n## 一、工作成果回顾\n\n出车2140次。\n\n"
        "## 二、存在的问题\n\n（一）技能不足。持证电工只有2人。\n\n（二）流程繁琐。审批需要四级。\n\n"
        "## 三、改进措施\n\n（一）组织6人取证，2026年6月底前完成，由经理赵刚负责。\n\n"
        "（二）审批压缩为两级，2026年3月底前完成，责任人为主管李娜。\n\n## 四、结语\n\n新的一年，我们将继续努力。\n"
    )
    found = rules(text)
    assert "problem-without-measure" not in found and "missing-section" not in found
    assert found.count("problem-without-cause") == 2


def test_a_problem_no_later_chapter_answers_is_without_measure():
    text = summary("## 一、主要工作\n\n完成巡检12次。", problems="1. 节能宣传不够深入。原因是人手少。\n")
    assert "problem-without-measure" in rules(text)


def test_a_vague_plan_answers_no_problem():
    text = summary(
        "## 一、主要工作\n\n完成巡检12次。",
        problems="1. 食堂就餐空间不足，高峰拥挤。原因是学生增多。\n",
    ).replace(PLANS, "## 四、2026年工作计划\n\n1. 进一步加强食堂管理。\n\n")
    assert "problem-without-measure" in rules(text)


# --- causes and measures -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "item",
    [
        "1. 地下车库乱停车现象突出。缺少专职管理人员，巡查靠夜班保安兼顾。下一步设专岗。",
        "1. 报修电话经常占线。随着入住户数的快速增长，一条热线已不够用。计划开通小程序。",
        "1. 小区道路破损较多。受资金限制，只做了局部修补。下一步申请维修基金。",
    ],
)
def test_causes_without_marker_words(item):
    assert "problem-without-cause" not in rules(summary("## 一、主要工作\n\n完成巡检12次。", item + "\n"))


@pytest.mark.parametrize(
    "item",
    [
        "1. 缺少专职管理人员。下一步设专岗。",  # the lack is the problem itself, not its cause
        "1. 车位不足，夜间车辆占用消防通道。下一步施划车位。",  # a condition and its consequence
    ],
)
def test_a_problem_that_only_states_itself_has_no_cause(item):
    assert "problem-without-cause" in rules(summary("## 一、主要工作\n\n完成巡检12次。", item + "\n"))


def test_to_be_improved_is_not_a_measure():
    text = summary(
        "## 一、主要工作\n\n完成巡检12次。", "1. 垃圾分类准确率不高，原因是宣传少，引导有待完善。\n"
    )
    assert "problem-without-measure" in rules(text)


# --- placeholders --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("全年维修水电故障xx起，保安x人。", 2),
        ("# xx小区物业服务中心20__年度工作总结", 2),
        ("力争20××年底前完成。", 1),
        ("日期：202X年X月X日", 1),  # one blank date
        ("由某某负责，某单位配合，x中心牵头。", 3),
        ("全年共巡查次，更换灯具套，清洗水箱2次。", 2),
    ],
)
def test_placeholder_forms(text, count):
    assert [f.rule for f in lint_markdown(text + "\n")].count("placeholder") == count


@pytest.mark.parametrize(
    "text",
    [
        "门诊部新购X光机1台，X线防护合格。",
        "更换办公桌椅160套，新建车棚一个。",
        "某些设备老化。",
        "更换配套，",
    ],
)
def test_words_that_look_like_blanks_are_not(text):
    assert "placeholder" not in rules(text + "\n")


def test_a_blank_is_one_finding_not_also_a_plan_or_claim_finding():
    text = "## 四、2026年工作计划\n\n1. 物业费收缴率提高到xx%，20××年底前完成，责任人某某。\n"
    found = rules(text, "missing-section")
    assert found.count("placeholder") == 3
    assert not {"plan-without-deadline", "plan-without-target", "plan-without-owner"} & set(found)
    assert "unsupported-claim" not in rules("累计受理报修XXX件，业主满意度提升至XX%。\n")


def test_a_blank_elsewhere_does_not_hide_a_claim():
    found = rules("全年转运医疗废物（待补充）吨，未发生医疗废物流失事件。\n")
    assert "placeholder" in found and "unsupported-claim" in found


# --- normal 公文 practice ----------------------------------------------------------------------------------


def test_a_full_width_indent_is_no_punctuation_finding_and_fix_keeps_it(tmp_path: Path, capsys):
    text = "某院2025年工作总结\n　　2025年，后勤保障科完成巡检2460次。\n第一部分　工作回顾\n"
    assert "punctuation" not in rules(text)
    assert fix_text(text) == text
    path = tmp_path / "s.md"
    path.write_text(text.replace("2460次。", "2460次,保养12项."), encoding="utf-8")
    run_cli(capsys, "lint", str(path), "--fix")
    fixed = path.read_text(encoding="utf-8")
    assert "\n　　2025年" in fixed and "2460次，保养12项。" in fixed and "  2025" not in fixed


def test_firstly_secondly_listing_dated_projects_is_no_cliche():
    text = (
        "全年完成三项工程。首先，3月至5月完成食堂后厨改造，新增探头36个。其次，暑期完成卫生间翻新288间。"
        "第三，10月完成供水管网更换1.6公里。\n"
    )
    assert "ai-cliche" not in rules(text)
    assert "ai-cliche" in rules(
        "首先，我们加强了制度建设。其次，我们优化了服务流程。最后，我们强化了队伍。\n"
    )


def test_three_parallel_strengthen_items_are_no_diary():
    text = (
        "## 四、2026年工作计划\n\n"
        "（一）加强配电安全。配电房改造完成率达到100%，2026年10月底前完成，责任人为科长郑涛。\n\n"
        "（二）加强外包管理。保洁员流动率控制在20%以内，2026年12月底前完成，由组长孙悦负责。\n\n"
        "（三）加强物资管理。库存周转天数降至25天以内，2026年6月底前完成，由组长何佳负责。\n"
    )
    assert "monotone-openings" not in rules(text)
    assert "monotone-openings" in rules("完成地面改造。完成管道清洗。完成消毒柜更换。完成桌椅更换。\n")


def test_semicolon_joined_clauses_are_not_one_long_sentence():
    part = "开展安全隐患排查24次，整改隐患137处"
    assert "long-sentence" not in rules("；".join([part] * 6) + "。\n")
    assert "long-sentence" in rules("，".join([part] * 6) + "。\n")


def test_a_summary_and_next_years_plan_in_one_title():
    text = "# 市三中后勤处2019年工作总结暨2020年工作打算\n\n2019年，后勤处共有职工26人。\n"
    assert "year-mismatch" not in rules(text)
    assert "year-mismatch" in rules(text.replace("2020年工作打算", "2021年工作打算"))


def test_a_quoted_slogan_number_backs_no_claim():
    assert "vague-claim" in rules("后勤处将继续落实“两个确保”，推动后勤服务水平全面提升。\n")


# --- words: lexicon variation --------------------------------------------------------------------------------


def test_a_later_referenced_year_is_not_a_wrong_year():
    text = "# 某院2025年度工作总结\n\n织物配置量按2018年床位数核定。2024年9月完成空调安装。\n"
    assert [f.line for f in lint_markdown(text) if f.rule == "year-mismatch"] == [3]


# --- exit codes ----------------------------------------------------------------------------------------------


def test_an_empty_file_is_bad_input(tmp_path: Path, capsys):
    path = tmp_path / "empty.md"
    path.write_text("\n  \n", encoding="utf-8")
    code, out, err = run_cli(capsys, "lint", str(path))
    assert code == 2 and "empty" in err and "缺少" not in out


def test_empty_stdin_is_bad_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, _, err = run_cli(capsys, "lint", "-")
    assert code == 2 and "<stdin>" in err


def test_stdin_is_linted(capsys, monkeypatch):
    data = "# 某中学2025年度工作总结\n\n全年完成设备巡检XXX次。\n".encode("gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run_cli(capsys, "lint", "-")
    assert code == 1 and "placeholder" in out and "<stdin>" in out


# --- fidelity ------------------------------------------------------------------------------------------------

FACTS = """report: {organization: 城南小学, department: 总务处, profile: school, year: 2025}
summary:
  metrics:
    - {name: 用电量, value: 330, unit: 万度, previous: 312}
    - {name: 能耗下降率, value: 5, unit: "%"}
    - {name: 投诉量, value: 120, unit: 件, previous: 100}
    - {name: 投诉减少量, value: 30, unit: 件}
"""


def test_a_direction_word_inside_a_metrics_name_is_no_trend(tmp_path: Path):
    from zongjie.facts.load import load

    path = tmp_path / "facts.yaml"
    path.write_text(FACTS, encoding="utf-8")
    facts = load(path)
    for text in ("用电量330万度，能耗下降率5%。", "投诉量120件，投诉减少量30件。"):
        assert not [f for f in lint_markdown(text + "\n", facts) if f.rule == "trend-mismatch"], text
    wrong = lint_markdown("用电量330万度，同比下降5.8%。\n", facts)
    assert [f for f in wrong if f.rule == "trend-mismatch"]


def test_dated_deadlines_say_plans_and_dates_are_no_figures():
    from zongjie.lint.sections import content_kind

    # Dates read by text.dates_in: 2026年9月30日前 is a deadline, and its digits count as no past figure.
    assert content_kind("2026年6月前完成食堂改造；2026年9月30日前更换3号楼电梯。") == "plans"
    assert content_kind("全年完成巡检1248次，维修及时率97.6%。") == "review"
