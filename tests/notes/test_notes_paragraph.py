"""Paragraph-style notes: metric names without sentence filler, stated and computed previous values, Chinese
numerals, approximations kept visible, problems split from cause and measure, plan deadlines, report year."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from zongjie.facts.load import parse
from zongjie.notes import extract_notes

ROOT = Path(__file__).resolve().parents[2]
NARRATIVE = ROOT / "fixtures" / "notes-narrative.txt"
LATE_2026 = dt.date(2026, 12, 5)  # the default rule alone would say 2026


def _extract(tmp_path: Path, body: str, **kw: object) -> str:
    notes = tmp_path / "n.txt"
    notes.write_text(body, encoding="utf-8")
    return extract_notes(notes, **kw).text  # type: ignore[arg-type]


def test_metric_name_drops_subject_and_verbs_and_stated_previous_is_kept(tmp_path: Path) -> None:
    text = _extract(tmp_path, "科室一共完成了设备巡检1248次，比去年的1102次多146次。\n", year=2025)
    m = parse(text).functions[0].metrics[0]
    assert (m.name, m.value, m.unit, m.previous) == ("设备巡检", 1248, "次", 1102)
    assert "# 计算：previous" not in text  # stated in the notes, not computed
    assert "核对：笔记写的上年数1102与本年数和增减量相符" in text


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("我们全年共开展了应急演练12次", "应急演练"),
        ("部门累计进行了隐患排查48次", "隐患排查"),
        ("后勤科今年巡检次数1248次", "设备巡检"),  # 巡检次数 is the profile's wording for 设备巡检
    ],
)
def test_lead_fillers_are_stripped(tmp_path: Path, line: str, name: str) -> None:
    m = parse(_extract(tmp_path, f"{line}。\n", year=2025)).functions[0].metrics[0]
    assert m.name == name


def test_stated_and_changed_previous_that_disagree_are_asked(tmp_path: Path) -> None:
    text = _extract(tmp_path, "设备巡检1248次，比去年的1100次多146次。\n", year=2025)
    assert parse(text).functions[0].metrics[0].previous == 1100
    assert re.search(r"# \? 上年数不一致：笔记写上年为1100，按本年数和增减量算得1102", text)


def test_change_alone_still_computes_previous(tmp_path: Path) -> None:
    text = _extract(tmp_path, "设备巡检1248次，比去年多146次。\n", year=2025)
    assert parse(text).functions[0].metrics[0].previous == 1102
    assert "# 计算：previous = 1248 - 146 = 1102" in text


def test_chinese_numerals_are_read_and_quoted(tmp_path: Path) -> None:
    text = _extract(tmp_path, "全年设备巡检一千二百次，同比增加百分之十五。\n", year=2025)
    m = parse(text).functions[0].metrics[0]
    assert (m.name, m.value, m.unit, m.previous, m.note) == (
        "设备巡检",
        1200,
        "次",
        None,
        "同比增加百分之十五",
    )
    assert "# 数字：笔记写作“一千二百次”，记为1200次" in text
    assert re.search(r"# \? “同比增加百分之十五”是相对变化", text)


def test_from_to_gives_value_and_previous(tmp_path: Path) -> None:
    m = parse(_extract(tmp_path, "业主满意度从88%提高到91.5%。\n", year=2025)).summary.metrics[0]
    assert (m.value, m.previous, m.unit) == (91.5, 88, "%")


@pytest.mark.parametrize("line", ["保洁面积约1.5万平方米", "绿化面积近3000平方米", "清运垃圾超过500吨"])
def test_approximate_numbers_are_not_exact_metrics(tmp_path: Path, line: str) -> None:
    facts = parse(_extract(tmp_path, f"{line}。\n", year=2025))
    assert all(not fn.metrics for fn in facts.functions) and not facts.summary.metrics
    assert any(line in w for fn in facts.functions for w in fn.work) or line in facts.summary.notes


def test_measure_and_cause_are_split_from_the_problem(tmp_path: Path) -> None:
    body = "问题：电梯老化，故障较多，打算明年提请使用专项维修资金。夜班人手不够，原因是编制少，明年申请增编2人。\n"
    facts = parse(_extract(tmp_path, body, year=2025))
    first, second = facts.problems
    assert (first.problem, first.cause, first.measure) == (
        "电梯老化，故障较多",
        None,
        "明年提请使用专项维修资金",
    )
    assert (second.problem, second.cause, second.measure) == ("夜班人手不够", "编制少", "明年申请增编2人")


def test_unlabelled_shortfall_with_cause_is_a_problem(tmp_path: Path) -> None:
    text = _extract(tmp_path, "- 夜班人手不够，原因是编制少，明年申请增编2人\n", year=2025)
    assert parse(text).problems[0].measure == "明年申请增编2人" and "unplaced" not in text


def test_deadline_opening_a_plan_is_read(tmp_path: Path) -> None:
    text = _extract(tmp_path, "明年计划：2026年6月底前完成地库照明改造，负责人：工程主管张强。\n", year=2025)
    plan = parse(text).plans[0]
    assert (plan.goal, plan.deadline, plan.owner) == ("完成地库照明改造", "2026年6月底", "工程主管张强")
    assert "笔记没有写完成时限" not in text


def test_year_from_plans_beats_the_date_default(tmp_path: Path) -> None:
    body = "7月12日台风期间抢修排水泵，3小时恢复。\n明年计划：2026年6月30日前完成消防改造。\n"
    text = _extract(tmp_path, body, today=LATE_2026)
    facts = parse(text)
    assert facts.report.year == 2025
    assert "# ? 年度：笔记没有写明年度；明年的计划写的是2026年，故按2025年" in text
    # The year is a guess, so 7月12日 is not dated 2025-07-12: it stays in the event's words, and is asked.
    case = facts.functions[0].cases[0]
    assert case.date is None and case.event.startswith("7月12日")
    assert "# ? 日期“7月12日”没有写年份" in text
    assert facts.plans[0].deadline == "2026年6月30日"


@pytest.mark.parametrize(
    ("body", "year", "rule"),
    [
        ("- 设备巡检1248次\n本文为2024年度工作总结素材。\n明年计划：2026年完成改造\n", 2024, "2024年度"),
        ("- 2024年7月12日暴雨抢修排水泵，3小时恢复\n", 2024, "日期的年份"),
        ("- 设备巡检1248次\n- 明年计划：2026年度设备完好率提升至99%\n", 2025, "明年的计划写的是2026年"),
        ("- 设备巡检1248次\n", 2026, "成文日期"),
    ],
)
def test_year_rules_in_order(tmp_path: Path, body: str, year: int, rule: str) -> None:
    text = _extract(tmp_path, body, today=LATE_2026)
    assert parse(text).report.year == year
    assert re.search(rf"# (?:\? )?年度：.*{rule}", text), text


def test_undated_title_gives_organization_and_department(tmp_path: Path) -> None:
    facts = parse(extract_notes(NARRATIVE, today=LATE_2026).text)
    assert (facts.report.organization, facts.report.department, facts.report.year) == (
        "锦绣园小区",
        "物业后勤科",
        2025,
    )
