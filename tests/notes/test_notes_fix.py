"""Notes as clerks write them, from a newcomer's review (r3 findings 4, 8, 9, 10): a change stated before its
value, names with 今年到了 glued on, enterprise notes that all say 员工, and a figure the clerk still doubts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from notes_helpers import extract_text, metrics_by_name


def _function_of(data: dict[str, Any], text: str) -> str | None:
    """The 职能 key whose metrics, work or cases mention `text`."""
    for f in data.get("functions", []):
        if text in yaml.safe_dump(f, allow_unicode=True):
            return str(f["key"])
    return None


def test_a_change_before_its_value_of_the_same_thing_is_one_metric(tmp_path: Path) -> None:
    out, data = extract_text(
        tmp_path, "# 2025年物业服务中心工作记录\n\n- 业主投诉比去年少了120件，全年受理投诉310件\n", "property"
    )
    metrics = metrics_by_name(data)
    complaints = [m for name, m in metrics.items() if "投诉" in name]
    assert len(complaints) == 1, metrics
    m = complaints[0]
    assert (m["value"], m["unit"], m["previous"]) == (310, "件", 430)
    assert "计算：previous = 310 + 120 = 430" in out


def test_a_change_before_a_value_of_something_else_stays_apart(tmp_path: Path) -> None:
    _, data = extract_text(
        tmp_path, "# 2025年物业服务中心工作记录\n\n- 业主投诉比去年少了120件，全年更换路灯310盏\n", "property"
    )
    metrics = metrics_by_name(data)
    assert "previous" not in metrics.get("更换路灯", {})


def test_year_words_and_reaching_verbs_leave_the_metric_name(tmp_path: Path) -> None:
    text = "# 2025年总务处工作记录\n\n- 维修及时率今年到了８９．５％\n- 共接报修1326件\n- 保洁满意度全年达到了95%\n"
    out, data = extract_text(tmp_path, text, "school")
    metrics = metrics_by_name(data)
    assert metrics["维修及时率"]["value"] == 89.5
    assert metrics["报修工单"]["value"] == 1326  # 报修, then the profile's own name for it
    assert "笔记写作“报修”" in out
    assert "保洁满意度" in metrics
    assert not any("今年" in name or "到" in name or "接" in name for name in metrics)


def test_enterprise_notes_that_say_staff_go_to_their_function(tmp_path: Path) -> None:
    text = (
        "# 2025年行政部工作记录\n\n"
        "- 员工食堂：日均供餐1，150份\n"
        "- 员工培训12场，持证上岗率100%\n"
        "- 公司通勤车6辆\n"
    )
    _, data = extract_text(tmp_path, text, "enterprise")
    assert _function_of(data, "日均供餐") == "catering"
    assert "日均供餐" not in yaml.safe_dump(data.get("team", {}), allow_unicode=True)


def test_hospital_meal_satisfaction_and_a_water_outage(tmp_path: Path) -> None:
    text = "# 2025年总务科工作记录\n\n- 患者膳食满意度93%\n- 11月5日 住院楼停水，2小时恢复\n"
    out, data = extract_text(tmp_path, text, "hospital")
    assert _function_of(data, "膳食满意度") == "catering"
    assert _function_of(data, "停水") == "facilities"
    assert "# unplaced" not in out


def test_a_doubted_figure_is_a_question_not_a_fact(tmp_path: Path) -> None:
    text = (
        "# 2025年总务科工作记录\n\n"
        "- 能耗同比减少近一半？（需要再核）\n"
        "- 医废转运112.6吨（待核）\n"
        "- 电梯困人4次\n"
    )
    out, data = extract_text(tmp_path, text, "hospital")
    body = yaml.safe_dump(data, allow_unicode=True)
    assert "近一半" not in body and "112.6" not in body and "？" not in body
    questions = [line for line in out.splitlines() if line.strip().startswith("# ?")]
    assert any("能耗同比减少近一半" in q for q in questions)
    assert any("112.6" in q for q in questions)
    assert metrics_by_name(data)["电梯困人"]["value"] == 4
