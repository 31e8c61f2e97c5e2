"""department-name knows the short form clerks use for a long name: 后勤处 for 后勤管理处, 后勤部 for 后勤保障部
(head and unit word, the middle left out) — a summary that says 后勤管理处, 我处 and 后勤处 names itself three ways."""

from __future__ import annotations

from zongjie.lint.api import lint_markdown
from zongjie.wording import name_department, self_mentions

SUMMARY = """# 江南财经学院后勤管理处2025年工作总结

　　2025年，后勤管理处围绕学院中心工作，完成了全年各项保障任务。

## 一、主要工作

　　全年受理报修3120件，维修及时率95.8%。暑期完成4栋学生公寓热水改造。

　　全年组织消防演练5次。保卫科加强校门管理，后勤处配合完成迎新期间的交通疏导。

　　食堂全年供餐约180万人次，我处坚持大宗食材集中招标采购，后勤管理处还开展了“光盘行动”。
"""


def test_a_summary_naming_itself_three_ways_with_the_short_form_is_warned() -> None:
    found = [f.message for f in lint_markdown(SUMMARY) if f.rule == "department-name"]
    assert len(found) == 2, found  # 我处 … 后勤管理处 in one paragraph; 后勤处 elsewhere
    assert any("3种称呼" in m and "“后勤处”" in m for m in found), found


def test_other_units_and_short_names_are_not_the_department() -> None:
    assert [m.written for m in self_mentions("保卫科会同后勤处完成疏导", "后勤管理处")] == ["后勤处"]
    assert self_mentions("后勤处完成疏导", "总务处") == []  # 总务处 has no middle to leave out
    assert self_mentions("物业科完成巡检", "物业后勤科") == []  # 物业科 may be another 科
    assert self_mentions("医疗保障部完成巡检", "后勤保障部") == []
    assert [m.form for m in self_mentions("后勤部完成巡检", "后勤保障部")] == ["后勤部"]


def test_the_offline_writer_names_the_department_in_full() -> None:
    assert name_department("后勤处配合完成交通疏导", "后勤管理处") == "后勤管理处配合完成交通疏导"
