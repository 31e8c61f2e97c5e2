"""A rate with no name of its own (今年及时率达到82.3%) and a line that only compares a metric read before
(比上年78.5%有提高的是及时率), in notes written as a clerk writes them: full-width figures, Chinese numerals,
2,140, a heading that is one word. Issue 10's misreads."""

from __future__ import annotations

from pathlib import Path

from notes_helpers import extract_text, metrics_by_name


def _comments_before(out: str, name: str) -> list[str]:
    """The comment lines right above the metric entry named `name`."""
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if f"name: {name}," in line)
    above = []
    for line in reversed(lines[:at]):
        if not line.strip().startswith("#"):
            break
        above.append(line.strip().removeprefix("# "))
    return above[::-1]


SCHOOL = """# 2025年总务处工作笔记

## 维修
- 全年报修2,140单
- 今年及时率达到８２．３％
- 比上年78.5%有提高的是及时率
"""


def test_a_rate_under_the_heading_of_its_function_takes_the_indicator_name(tmp_path: Path) -> None:
    out, data = extract_text(tmp_path, SCHOOL)
    metrics = metrics_by_name(data)
    assert "及时率" not in metrics
    rate = metrics["维修及时率"]
    assert (rate["value"], rate["unit"]) == (82.3, "%")
    assert any("笔记只写“及时率”" in c and "维修" in c for c in _comments_before(out, "维修及时率"))


def test_a_later_line_that_only_compares_gives_the_metric_its_previous(tmp_path: Path) -> None:
    out, data = extract_text(tmp_path, SCHOOL)
    rate = metrics_by_name(data)["维修及时率"]
    assert rate["previous"] == 78.5
    above = _comments_before(out, "维修及时率")
    assert "L5: 今年及时率达到82.3%" in above and "L6: 比上年78.5%有提高的是及时率" in above
    assert "unplaced" not in out
    work = [w for f in data["functions"] for w in f.get("work", [])]
    assert not any("78.5" in w for w in work)  # never a sentence of its own


def test_the_profile_name_of_another_profile(tmp_path: Path) -> None:
    """物业: the facilities rate is 及时处理率 (维修及时率 is its alias): the profile's name, said in a comment."""
    _, data = extract_text(tmp_path, "# 2025年物业工作笔记\n\n## 维修\n- 及时率 97.6%\n", profile="property")
    assert metrics_by_name(data)["及时处理率"]["value"] == 97.6


def test_a_rate_under_a_heading_that_is_not_the_function_name_takes_the_heading_and_asks(
    tmp_path: Path,
) -> None:
    """宿舍公寓 is only a keyword of 设施运维: its 及时率 is the dormitories', not the whole 职能's 维修及时率."""
    out, data = extract_text(tmp_path, SCHOOL + "\n## 宿舍公寓\n- 及时率96％\n")
    metrics = metrics_by_name(data)
    assert metrics["宿舍公寓及时率"]["value"] == 96
    assert metrics["维修及时率"]["value"] == 82.3  # neither figure lost to a clash of names
    assert any(c.startswith("? 名称") for c in _comments_before(out, "宿舍公寓及时率"))


def test_a_rate_with_no_heading_is_asked_about(tmp_path: Path) -> None:
    out, data = extract_text(
        tmp_path, "2025年后勤工作记录\n- 今年及时率达到百分之八十二点三\n", profile="school"
    )
    assert metrics_by_name(data)["及时率"]["value"] == 82.3
    assert any(c.startswith("? 名称：笔记只写“及时率”") for c in _comments_before(out, "及时率"))


def test_a_comparison_on_the_same_line_still_reads_as_before(tmp_path: Path) -> None:
    _, data = extract_text(
        tmp_path, "# 2025年总务处工作笔记\n\n## 维修\n- 今年及时率达到82.3%，比上年(78.5%)有提高\n"
    )
    rate = metrics_by_name(data)["维修及时率"]
    assert (rate["value"], rate["previous"]) == (82.3, 78.5)


def test_a_named_change_on_a_later_line_in_chinese_numerals(tmp_path: Path) -> None:
    out, data = extract_text(
        tmp_path, "# 2025年总务处工作笔记\n\n## 食堂\n- 就餐满意度92%\n- 满意度比去年提高了三个百分点\n"
    )
    metric = metrics_by_name(data)["就餐满意度"]
    assert (metric["value"], metric["previous"]) == (92, 89)
    assert any(c.startswith("计算：previous = 92 - 3 = 89") for c in _comments_before(out, "就餐满意度"))


def test_a_comparison_with_no_metric_to_compare_is_listed(tmp_path: Path) -> None:
    out, data = extract_text(tmp_path, "# 2025年总务处工作笔记\n\n## 维修\n- 比上年78.5%有提高的是合格率\n")
    assert not metrics_by_name(data)
    unplaced = out.split("# unplaced", 1)[1]
    assert "比上年78.5%有提高的是合格率" in unplaced and "没有找到它的本年数" in unplaced


def test_scaled_units_as_written_are_metrics_with_their_scale(tmp_path: Path) -> None:
    """1.2万m², 312.5万kWh: a scale before any unit (not only the few written out before) keeps the figure as
    written; 万kWh for the profile's 万度 is the same unit and is not asked about."""
    out, data = extract_text(
        tmp_path,
        "# 2025年物业工作笔记\n\n## 绿化\n- 草坪修剪面积1.2万m²\n\n## 能耗\n- 全年用电312.5万kWh\n",
        profile="property",
    )
    metrics = metrics_by_name(data)
    assert (metrics["草坪修剪面积"]["value"], metrics["草坪修剪面积"]["unit"]) == (1.2, "万平方米")
    assert (metrics["用电量"]["value"], metrics["用电量"]["unit"]) == (312.5, "万千瓦时")
    assert not any(c.startswith("? 单位") for c in _comments_before(out, "用电量"))


def test_the_notes_grammar_on_figures_as_typed(tmp_path: Path) -> None:
    """The notes' own patterns, now built on text.forms, on lines as typed: a full-width space after a
    full-width figure ends a clause, 大概８００平 is an estimate in square metres (asked), 约1.6万 is no exact
    metric, a condition split off its clause (保洁外包后) is listed, a clock time (凌晨3时) is no condition."""
    out, data = extract_text(
        tmp_path,
        "# 2025年物业工作笔记\n\n## 安全\n- 消防演练１２次　去年８次\n- 监控室值守到凌晨3时\n\n"
        "## 保洁\n- 新增绿化大概８００平\n- 保洁外包后，卫生检查合格率达到95%\n- 保洁面积约1.6万平方米\n",
        profile="property",
    )
    drill = metrics_by_name(data)["消防演练"]
    assert (drill["value"], drill["previous"]) == (12, 8)
    work = [w for f in data["functions"] for w in f.get("work", [])]
    assert "新增绿化约800平方米" in work and "监控室值守到凌晨3时" in work
    assert "保洁面积约1.6万平方米" in work and not any(
        m["value"] == 1.6 for m in metrics_by_name(data).values()
    )
    assert "? 单位：笔记写作“800平”，记为“800平方米”" in out
    unplaced = out.split("# unplaced", 1)[1]
    assert "保洁外包后" in unplaced and not any("外包后" in w for w in work)


def test_a_heading_that_holds_the_function_name_counts_as_naming_it(tmp_path: Path) -> None:
    """一、后勤维修工作 holds 维修 (an alias of the 职能): its 及时率 is the profile's 维修及时率, not 后勤维修工作及时率."""
    _, data = extract_text(
        tmp_path,
        "2025年 县人民医院 总务科 工作要点\n\n一、后勤维修工作\n• 报修全年1,326件\n• 及时率全年９６．２％\n",
        profile="hospital",
    )
    assert metrics_by_name(data)["维修及时率"]["value"] == 96.2
    assert not any(
        name.endswith("全年") for name in metrics_by_name(data)
    )  # 报修全年1,326件 names 报修, not 报修全年


def test_spoken_comparisons_without_a_comma(tmp_path: Path) -> None:
    """满意度91.3%比上年提高1.8个百分点 (no comma before 比), 投诉38件比去年少了120件, 从40分钟降到了25分钟."""
    out, data = extract_text(
        tmp_path,
        "# 2025年总务处笔记\n## 维修\n- 平均响应时间从40分钟降到了25分钟\n"
        "## 食堂\n- 满意度91.3％比上年提高1.8个百分点\n- 就餐投诉38件比去年少了120件\n",
    )
    metrics = metrics_by_name(data)
    assert (metrics["平均响应时间"]["value"], metrics["平均响应时间"]["previous"]) == (25, 40)
    assert (metrics["食堂满意度"]["value"], metrics["食堂满意度"]["previous"]) == (91.3, 89.5)
    assert (metrics["就餐投诉"]["value"], metrics["就餐投诉"]["previous"]) == (38, 158)
    assert "unplaced" not in out
