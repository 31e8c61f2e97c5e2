"""Notes read through the one Markdown reader (text.read_lines), written the way a clerk types them: a GBK file
from Notepad, ＃ headings from a Chinese input method, ① items and lists without blank lines, full-width digits,
一、 headings, 2025年度 and 2024—2025学年 titles — and a title that names what the notes are about, not who
wrote them, leaves the organisation to be asked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from zongjie.notes import extract_notes
from zongjie.notes.parse import parse, read, title_year
from zongjie.notes.sections import plan_data

TODAY = dt.date(2026, 1, 10)

SCHOOL = """＃2024—2025学年总务处工作记录
＃＃ 一、食堂
①早餐供应１２，６００人次
②食品安全抽检合格率１００％
一、维修
- 维修工单1,865单
- 及时率 82.3 ％
【安保】
* 应急演练 6 次
设备方面：
1.更换路灯３００盏
2.5万元用于改造
"""


def test_lines_headings_and_items_as_typed() -> None:
    notes = parse(SCHOOL)
    assert notes.title is not None and notes.title.text == "2024—2025学年总务处工作记录"
    assert [(h.line, h.text, h.level) for h in notes.headings] == [
        (2, "一、食堂", 2),
        (5, "维修", 2),
        (8, "安保", 3),
        (10, "设备方面", 3),
    ]
    assert [(i.line, i.text, i.heading) for i in notes.items] == [
        (3, "早餐供应12600人次", "一、食堂"),
        (4, "食品安全抽检合格率100%", "一、食堂"),
        (6, "维修工单1865单", "维修"),
        (7, "及时率82.3%", "维修"),
        (9, "应急演练6次", "安保"),
        (11, "更换路灯300盏", "设备方面"),
        # 2.5万元 is an amount, not item 2 of a list
        (12, "2.5万元用于改造", "设备方面"),
    ]


def test_a_notepad_file_in_gbk_reads_like_utf8(tmp_path: Path) -> None:
    path = tmp_path / "记录.txt"
    path.write_bytes(SCHOOL.encode("gbk"))
    got = read(path)
    assert [i.text for i in got.items] == [i.text for i in parse(SCHOOL).items]


@pytest.mark.parametrize(
    ("line", "year"),
    [
        ("2025总务处年终材料", 2025),
        ("2025年度后勤保障部工作记录", 2025),
        ("２０２５年度行政后勤部工作素材", 2025),
        ("2024—2025学年总务处工作记录", 2025),
        ("2024-2025学年 后勤处 工作要点", 2025),
        ("阳光花园项目物业后勤科2025年工作笔记", 2025),
        ("二〇二五年后勤工作总结", 2025),
        ("2026年9月底前完成二食堂改造", None),  # a plan, not a title
        ("全年巡检2025次", None),
    ],
)
def test_the_year_a_title_states(line: str, year: int | None) -> None:
    assert title_year(line) == year


def test_outline_numbers_are_headings_or_markers_never_figures() -> None:
    # 1.2 is the outline's number, not a figure of the note: 1.2全年巡检1326次 would state 1.2
    notes = parse("# 2025年后勤处工作记录\n1.1 设备巡检\n1.2 全年巡检1326次\n")
    assert [h.text for h in notes.headings] == ["设备巡检"]
    assert [(i.text, i.heading) for i in notes.items] == [("全年巡检1326次", "设备巡检")]


def test_a_numbered_line_with_a_figure_is_a_note_not_a_heading() -> None:
    notes = parse("# 2025年后勤处工作记录\n一、全年巡检1326次\n二、设备\n- 保养40项\n")
    assert [h.text for h in notes.headings] == ["设备"]
    assert [(i.text, i.heading) for i in notes.items] == [("全年巡检1326次", None), ("保养40项", "设备")]


def _facts(tmp_path: Path, text: str) -> tuple[dict[str, Any], str]:
    path = tmp_path / "n.md"
    path.write_text(text, encoding="utf-8")
    out = extract_notes(path, today=TODAY).text
    data = yaml.safe_load(out)
    assert isinstance(data, dict)
    return data, out


@pytest.mark.parametrize(
    "title",
    [
        "# 2025年度维修工作记录",
        "＃2025年设备工作笔记",
        "2025年保洁工作记录",
        "# 2025年工作量统计",
        "**2025年设备维修记录**",
        "#2025总务处年终材料",  # no space after #: still the title, and # is no one's name
    ],
)
def test_a_title_naming_the_work_names_no_organisation(tmp_path: Path, title: str) -> None:
    data, text = _facts(tmp_path, f"{title}\n\n- 维修工单1,865单\n- 巡检1326次\n")
    assert data["report"]["organization"] == "本单位"
    assert data["report"]["year"] == 2025
    assert "? 单位名称" in text


@pytest.mark.parametrize(
    ("title", "organization"),
    [
        ("# 翠湖苑小区2025年设备工作笔记", "翠湖苑小区"),
        ("华信科技公司2025年度行政后勤部工作素材", "华信科技公司"),
        ("2024—2025学年 城南实验中学 总务处 工作要点", "城南实验中学"),
    ],
)
def test_an_organisation_named_in_the_title_is_kept(tmp_path: Path, title: str, organization: str) -> None:
    data, _ = _facts(tmp_path, f"{title}\n\n- 巡检1326次\n")
    assert data["report"]["organization"] == organization


@pytest.mark.parametrize(
    ("note", "goal", "deadline"),
    [
        ("明年计划：新建充电车棚", "新建充电车棚", None),
        ("2026年度计划：新建充电车棚", "新建充电车棚", None),
        ("２０２６年新建充电车棚", "新建充电车棚", None),
        ("2026年6月底前完成二食堂改造", "完成二食堂改造", "2026年6月底"),
        # the year opens a longer time phrase: it is the deadline, never cut to 上半年 or 底前
        ("2026年上半年完成监控升级", "完成监控升级", "2026年上半年"),
        ("2026年底前完成路灯改造", "完成路灯改造", "2026年底"),
        ("2026年内建成车棚", "建成车棚", "2026年内"),
    ],
)
def test_a_plans_opening_year_is_a_marker_or_its_deadline(note: str, goal: str, deadline: str | None) -> None:
    data, _ = plan_data(note, 2025)
    assert (data["goal"], data.get("deadline")) == (goal, deadline)


@pytest.mark.parametrize(
    ("title", "organization", "department"),
    [
        # after a department word, the rest says what the notes are — no closed list of such words
        ("2025年总务处工作随记", "本单位", "总务处"),
        ("2025年总务处随笔", "本单位", "总务处"),
        ("# 2025年后勤处记事", "本单位", "后勤处"),
        ("2025年总务处备忘", "本单位", "总务处"),
        ("2025总务处工作要点（草稿）", "本单位", "总务处"),
        ("2025年总务科工作草稿", "本单位", "总务科"),
        ("2025年后勤保障中心工作随记", "本单位", "后勤保障中心"),
        ("2025年综合办公室工作备忘", "本单位", "综合办公室"),
        ("2025年基建科工作随记", "本单位", "基建科"),
        ("2025 总务处 工作随记", "本单位", "总务处"),
        ("2025年总务处长工作随记", "本单位", "总务处"),
        ("城南实验中学2025年总务处工作随记", "城南实验中学", "总务处"),
        ("2025年 阳光中学 后勤处 随笔", "阳光中学", "后勤处"),
        ("华信科技公司2025年度行政后勤部工作素材", "华信科技公司", "行政后勤部"),
    ],
)
def test_a_department_in_the_title_ends_the_name(
    tmp_path: Path, title: str, organization: str, department: str
) -> None:
    data, text = _facts(tmp_path, f"{title}\n\n- 巡检1326次\n")
    assert (data["report"]["organization"], data["report"]["department"]) == (organization, department)
    assert data["report"]["year"] == 2025
    assert ("? 单位名称" in text) == (organization == "本单位")


def test_an_item_number_before_a_date_is_no_decimal(tmp_path: Path) -> None:
    """5．3月8日 in a list 1．…5． is item 5 on 3月8日 — never the figure 5.3 (GBK, as Notepad saves it)."""
    path = tmp_path / "n.txt"
    notes = "物业服务中心 2025年度总结素材\r\n\r\n二、工作\r\n1．绿化补植\r\n5．3月8日，5号楼水泵房跑水，连夜抢修\r\n"
    path.write_bytes(notes.encode("gbk"))
    parsed = read(path)
    assert [i.text for i in parsed.items][-1] == "3月8日，5号楼水泵房跑水，连夜抢修"
    out = extract_notes(path, today=TODAY).text
    assert "5.3" not in out and "5．3" not in out
    assert "date: 2025-03-08" in out or "2025-03-08" in out


@pytest.mark.parametrize("lead", ["明年", "明年计划", "下一步", "明年打算：", "下一步工作打算"])
def test_a_bare_next_year_line_opens_the_plans(tmp_path: Path, lead: str) -> None:
    """A 2026 plan under a bare 明年 line is a plan, never 2025 work; the line itself is no plan."""
    notes = f"# 2025年度总务科工作要点\n\n病区报修：全年3,482单\n医废：全年转运医疗废物112.6吨\n\n{lead}\n"
    notes += "1. 医废暂存间改造 2026年6月底 设备组\n2. 推进后勤一站式服务中心建设\n"
    data, _ = _facts(tmp_path, notes)
    plans = data["plans"]
    assert [p["goal"] for p in plans] == ["医废暂存间改造", "推进后勤一站式服务中心建设"]
    assert (plans[0]["deadline"], plans[0]["owner"]) == ("2026年6月底", "设备组")
    work = yaml.safe_dump(data.get("functions", []), allow_unicode=True)
    assert "2026" not in work and "医废暂存间改造" not in work


@pytest.mark.parametrize(
    ("note", "goal", "deadline", "owner"),
    [
        # the deadline after the owner: the owner is the last clause that is no deadline
        ("食堂明厨亮灶全覆盖，保卫科王强，年底", "食堂明厨亮灶全覆盖", "年底", "保卫科王强"),
        ("新建充电车棚，年底前，后勤处张敏负责", "新建充电车棚", "年底", "后勤处张敏"),
        # an owner (and a deadline) a space sets apart
        ("2026年上半年完成电梯加装 物业工程部", "完成电梯加装", "2026年上半年", "物业工程部"),
        ("医废暂存间改造 2026年6月底 设备组", "医废暂存间改造", "2026年6月底", "设备组"),
        ("医废暂存间改造2026年6月底 设备组", "医废暂存间改造", "2026年6月底", "设备组"),
        (
            "下学期计划：2026年9月底前完成食堂二楼改造，总务处赵敏负责",
            "完成食堂二楼改造",
            "2026年9月底",
            "总务处赵敏",
        ),
    ],
)
def test_a_plans_owner_and_deadline_wherever_the_clerk_put_them(
    note: str, goal: str, deadline: str, owner: str
) -> None:
    data, asked = plan_data(note, 2025)
    assert (data["goal"], data.get("deadline"), data.get("owner")) == (goal, deadline, owner)
    assert "actions" not in data and asked == []
