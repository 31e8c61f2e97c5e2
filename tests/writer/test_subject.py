"""One subject: the offline draft names the department one way, however the facts' own texts name it.

Clerks write 我科, 后勤科 (for 物业后勤科), 本部门 in their notes, cases and plans; the draft says the facts'
department throughout, so no paragraph switches its subject — and the linter's department-name rule agrees."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import run_cli
from writer.offline_helpers import WRITER, check_fidelity, make_facts
from zongjie.lint.api import lint_markdown, lint_section
from zongjie.plan.build import build_plan
from zongjie.wording import self_mentions

MIXED = make_facts(
    summary={"notes": ["本部门现有职工21人，其中电工4人", "后勤科负责园区12栋楼的设备和环境保障"]},
    functions=[
        {
            "key": "facilities",
            "metrics": [{"name": "设备巡检", "value": 1248, "unit": "次", "previous": 1180}],
            "work": ["我科完成3号楼水泵更换"],
            "cases": [
                {
                    "date": "2025-07-12",
                    "event": "园区突发大面积停电",
                    "response": "我科25分钟内启动应急预案，会同保卫科疏导业主",
                    "result": "2小时内恢复供电",
                },
            ],
        }
    ],
    problems=[
        {
            "problem": "地库排水泵老化",
            "cause": "设备已使用12年",
            "measure": "由后勤科牵头，2026年汛期前更换排水泵4台",
        }
    ],
    plans=[
        {
            "goal": "更换地库排水泵",
            "target": {"name": "更换排水泵", "value": 4, "unit": "台"},
            "deadline": "2026年5月",
            "owner": "后勤科科长王芳",
        }
    ],
)


def _draft() -> str:
    tasks = build_plan(MIXED)
    return "\n\n".join(f"# {t.heading}" if t.kind == "title" else WRITER.render(t) for t in tasks)


def test_every_naming_of_the_department_becomes_the_facts_department() -> None:
    draft = _draft()
    for gone in ("本部门", "我科", "由后勤科", "，后勤科", "：后勤科"):
        assert gone not in draft
    assert "物业后勤科现有职工21人，其中电工4人" in draft
    assert "物业后勤科25分钟内启动应急预案，会同保卫科疏导业主" in draft  # another department stays
    assert "由物业后勤科牵头" in draft and "责任人：物业后勤科科长王芳" in draft
    names = {m.form for m in self_mentions(draft, "物业后勤科", "测试项目")}
    assert names == {"物业后勤科"}


def test_the_draft_keeps_every_figure_and_is_clean_under_the_subject_rule() -> None:
    for task in build_plan(MIXED):
        if task.kind != "title":
            body = WRITER.render(task)
            check_fidelity(task, body)
            assert not [f for f in lint_section(task, body) if f.rule == "department-name"], task.id
    assert not [f for f in lint_markdown(_draft(), MIXED) if f.rule == "department-name"]


def test_the_facts_text_itself_would_be_flagged() -> None:
    """What the writer fixes is what the rule catches: the same texts pasted by hand switch subject."""
    pasted = (
        "# 测试项目物业后勤科2025年度工作总结\n\n2025年，后勤科完成设备巡检1248次。本部门现有职工21人。\n"
    )
    found = [f for f in lint_markdown(pasted, MIXED) if f.rule == "department-name"]
    assert [(f.line, f.excerpt) for f in found] == [(3, "本部门")]
    assert "物业后勤科" in found[0].message


NOTES = """\
# 2025年阳光里小区物业后勤科工作记录

## 设备维修
- 全年报修2,140件，及时率96.5%（去年94.1%）
- 7月12日小区停电，我科25分钟内启动预案，2小时内恢复供电

## 安全
- 全年未发生安全事故

## 明年
- 更换监控摄像头40个，2026年6月底前完成，后勤科王强负责
"""


def test_notes_as_a_clerk_jots_them_draft_with_one_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    run_cli(capsys, "draft", str(notes), "-o", str(tmp_path / "out"))
    draft = (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    assert "物业后勤科25分钟内启动预案" in draft and "责任人：物业后勤科王强" in draft
    assert "我科" not in draft and "，后勤科" not in draft and "：后勤科" not in draft
    assert not [f for f in lint_markdown(draft) if f.rule == "department-name"]
