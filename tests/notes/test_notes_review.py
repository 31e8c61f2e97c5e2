"""Notes written the way a newcomer's notes were (a plain title line, full-width figures, a space between two
figures, 6月前 deadlines): each mechanism tested with notes in our own words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from notes_helpers import TODAY, metrics_by_name
from zongjie.notes import extract_notes
from zongjie.writer.offline.items import deadline_phrase


def _facts(tmp_path: Path, text: str) -> dict[str, Any]:
    path = tmp_path / "n.md"
    path.write_text(text, encoding="utf-8")
    data = yaml.safe_load(extract_notes(path, today=TODAY).text)
    assert isinstance(data, dict)
    return data


def test_plain_first_line_with_year_and_unit_is_the_title(tmp_path: Path) -> None:
    data = _facts(
        tmp_path,
        "2024年 县中医院 后勤保障科 年终要点（初稿）\n\n一、维修\n• 维修工单3,210单\n",
    )
    assert data["report"]["year"] == 2024
    assert data["report"]["organization"] == "县中医院"
    assert data["report"]["department"] == "后勤保障科"
    assert "unplaced" not in extract_notes(tmp_path / "n.md", today=TODAY).text  # the title line is used


def test_a_remark_in_brackets_after_the_title_names_no_one(tmp_path: Path) -> None:
    """2025年后勤处工作记录（随手记的）: the remark is no part of a name; with no organisation named, it is asked."""
    data = _facts(tmp_path, "2025年后勤处工作记录（随手记的）\n\n一、维修\n• 维修工单1,865单\n")
    assert data["report"]["department"] == "后勤处"
    assert data["report"]["organization"] == "本单位"
    assert "? 单位名称" in extract_notes(tmp_path / "n.md", today=TODAY).text


def test_full_width_figures_are_folded_whole(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("# 2025年物业工作笔记\n- 维修：今年及时率达到９４．７％\n", encoding="utf-8")
    text = extract_notes(path, today=TODAY).text
    assert "．" not in text and "％" not in text
    rates = [m for m in metrics_by_name(yaml.safe_load(text)).values() if m["value"] == 94.7]
    assert rates and rates[0]["unit"] == "%"


def test_space_between_figures_separates_this_year_from_last(tmp_path: Path) -> None:
    data = _facts(tmp_path, "# 2025年保卫科工作笔记\n- 应急疏散演练9次 去年5次\n")
    drill = metrics_by_name(data)["应急疏散演练"]
    assert (drill["value"], drill["previous"]) == (9, 5)


def test_month_deadline_keeps_its_before(tmp_path: Path) -> None:
    data = _facts(tmp_path, "# 2025年总务处工作笔记\n- 明年计划：2026年5月前完成锅炉房改造，负责人周明\n")
    plan = data["plans"][0]
    assert plan["deadline"] == "2026年5月前"
    assert deadline_phrase(plan["deadline"]) == "于2026年5月前完成"  # never 5月底前: a month later
    assert deadline_phrase("2026年12月") == "于2026年12月底前完成"  # a bare month still ends the span


def test_label_before_colon_names_a_figure_with_no_name(tmp_path: Path) -> None:
    data = _facts(tmp_path, "# 2025年总务处工作笔记\n- 报修：全年2015件，上年1870件，及时率96.1%\n")
    found = metrics_by_name(data)
    assert "全年" not in found
    orders = found["报修工单"]  # the label 报修, named as the school profile's indicator
    assert (orders["value"], orders["previous"], orders["unit"]) == (2015, 1870, "件")
    assert found["报修及时率"]["value"] == 96.1


def test_change_in_words_then_the_value(tmp_path: Path) -> None:
    data = _facts(
        tmp_path,
        "# 2025年后勤科工作笔记\n"
        "- 病房保洁满意度提高了4个百分点，达到93.5%\n"
        "- 食堂：日均就餐1800人次，满意度比上年(81%)有提高，达到84%\n",
    )
    found = metrics_by_name(data)
    cleaning = found["病房保洁满意度"]
    assert (cleaning["value"], cleaning["previous"]) == (93.5, 89.5)
    assert "保洁满意度提高" not in " ".join(found)
    canteen = found["食堂满意度"]  # the label's, never 日均就餐满意度
    assert (canteen["value"], canteen["previous"]) == (84, 81)
    text = extract_notes(tmp_path / "n.md", today=TODAY).text
    assert "计算：previous = 93.5 - 4 = 89.5" in text  # computed by code, and marked so


def test_fragments_and_plans_are_never_written_as_work_done(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text(
        "# 2025年后勤处工作总结素材\n"
        "- 绿化外包后，草坪养护合格率达到97%\n"
        "- 寒假前完成实验楼外墙清洗8000平方米\n"
        "- 下学期：元旦前完成风雨操场照明改造（后勤处）\n"
        "- 拟于明年3月更换学生公寓热水器\n",
        encoding="utf-8",
    )
    result = extract_notes(path, today=TODAY)
    data = yaml.safe_load(result.text)
    work = [w for f in data["functions"] for w in f.get("work", [])]
    goals = [p["goal"] for p in data["plans"]]
    assert "绿化外包后" not in work and any("绿化外包后" in line for line in result.text.splitlines())
    assert not any("照明改造" in w or "热水器" in w for w in work)
    assert any("照明改造" in g for g in goals) and any("热水器" in g for g in goals)
    assert "下学期元旦前完成风雨操场照明改造" in goals  # the time the label gives stays with the plan
    from zongjie.writer.offline.review import work_item

    assert work_item("寒假前完成实验楼外墙清洗8000平方米") == "寒假前完成实验楼外墙清洗8000平方米"
    assert work_item("空调清洗120台").startswith(("完成", "开展"))


def test_an_average_gets_no_supply_verb() -> None:
    from zongjie.writer.offline import kinds

    assert kinds.kind("教工餐厅日均供餐", "份") == "named"  # never 供应教工餐厅日均供餐…
    assert kinds.kind("治疗膳食", "份") == "supply"
