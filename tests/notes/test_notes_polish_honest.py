"""`polish` says exactly what `zongjie lint` would say of its prose, and one section's polish takes that
section's notes only. Notes as a 总务处 clerk jots them: full-width figures, 年底, an owner written
as 保卫科王强, a 问题 and a 明年打算 heading below the year's work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli_helpers import run_cli
from zongjie.notes.polish import polish_file

PLANS = """- 明年计划：学生公寓门禁全覆盖，保卫科王强，年底
- 2026年6月底前完成东区雨污分流改造
- 食堂燃气用量 下降一成
"""

SCHOOL = """2025年总务处工作随手记

- 全年受理报修１，８６０件，比去年多了150来件
- 维修及时率今年到了９１．２％，比上年(86.4%)有提高
- 寒假完成2栋教学楼外墙修补，花了23.5万元
- 早餐人均控制在≤6元
- 安全事故：0起（连续两年）

## 问题
- 北区配电房设备老化，全年跳闸4次，原因是线路超过25年，准备分段更换

## 明年打算
- 2026年8月底前完成北区配电房改造，基建科李华负责
- 学生公寓门禁全覆盖，保卫科王强，年底
"""

HEADINGS = {"plans": "三、下一年度工作计划", "problems": "四、存在问题与不足"}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _lint_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, heading: str, body: str
) -> tuple[int, list[str]]:
    """`zongjie lint` on the prose placed in a summary under the section's heading: its exit code and its
    errors (rule and quoted text), missing sections aside — a lone section has no others."""
    doc = _write(tmp_path, "placed.md", f"# 2025年工作总结\n\n## {heading}\n\n{body}\n")
    code, out, err = run_cli(capsys, "lint", str(doc))
    errors = [
        f"{m.group(1)}「{m.group(2)}」"
        for m in re.finditer(r"\berror\s+(\S+)\s+.*?「(.*)」", out + err)
        if m.group(1) != "missing-section"
    ]
    return code, errors


def _said(problems: list[str]) -> list[str]:
    return [re.sub(r"^lint (\S+): .*?「", r"\1「", p) for p in problems if p.startswith("lint ")]


def test_plans_polish_reports_every_error_lint_finds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = _write(tmp_path, "plans.md", PLANS)
    code, out, err = run_cli(capsys, "polish", str(notes), "--section", "plans")
    assert code == 1 and out == ""
    assert "no lint error" not in err and "lint-clean" not in err
    assert (
        "polish: `zongjie lint --facts` on this section, the notes as facts, finds 5 lint error(s), 1 lint warning(s)"
        in err
    )
    # The notes name no year: the report year is guessed (2026 or later), so a 2026 deadline is not next year's.
    assert "lint plan-past-deadline: 计划“2026年6月底前完成东区雨污分流改造”的完成时限“2026年6月底”" in err
    assert "polish failed: the prose breaks lint rules plan-without-deadline, plan-without-owner, " in err
    # The same prose under 三、下一年度工作计划: `zongjie lint` exits 1 with the very same errors.
    result = polish_file(notes, section="plans", style="正式")
    lint_code, lint_errors = _lint_errors(capsys, tmp_path, HEADINGS["plans"], result.text)
    assert lint_code == 1
    assert sorted(_said(result.problems)) == sorted(lint_errors)
    # The space the clerk typed (食堂燃气用量 下降一成) is gone from the prose: 公文 has none between 汉字.
    assert sorted(lint_errors) == [
        "plan-without-deadline「食堂燃气用量下降一成。」",
        "plan-without-owner「2026年6月底前完成东区雨污分流改造。」",
        "plan-without-owner「明年计划：学生公寓门禁全覆盖，保卫科王强，年底。」",
        "plan-without-owner「食堂燃气用量下降一成。」",
        "plan-without-target「明年计划：学生公寓门禁全覆盖，保卫科王强，年底。」",
    ]


def test_review_polish_takes_only_the_years_work(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    notes = _write(tmp_path, "school.md", SCHOOL)
    code, out, err = run_cli(capsys, "polish", str(notes), "--section", "review-facilities")
    assert code == 0, err
    assert "1860件" in out and "91.2%" in out and "23.5万元" in out
    # Neither the problem, nor next year's plans, nor another 职能's line is pulled into the paragraph.
    for elsewhere in ("跳闸", "2026", "王强", "李华", "≤", "早餐"):
        assert elsewhere not in out, elsewhere
    assert "review-security: L7; problems: L10; plans: L13, L14 (use --section for them)" in err
    assert "placed in no section (see `zongjie extract`'s unplaced list) — L6" in err
    claim = "polish: checked as `zongjie lint --facts` reads this section, the notes as facts — numbers as in the notes, no lint error"
    assert claim in err
    heading = "二、主要工作回顾\n\n### （一）设施设备运维"
    lint_code, lint_errors = _lint_errors(capsys, tmp_path, heading, out.strip())
    assert (lint_code, lint_errors) == (1, [])  # exit 1 only for the sections a lone one lacks


def test_plans_polish_of_the_school_notes_keeps_to_the_plans(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = _write(tmp_path, "school.md", SCHOOL)
    result = polish_file(notes, section="plans", style="正式")
    assert "报修" not in result.text and "跳闸" not in result.text
    assert "2026年8月底前完成北区配电房改造" in result.text and "保卫科王强" in result.text
    assert not result.ok
    _, lint_errors = _lint_errors(capsys, tmp_path, HEADINGS["plans"], result.text)
    assert sorted(_said(result.problems)) == sorted(lint_errors) != []
    count = f"finds {len(lint_errors)} lint error(s)"
    assert any(count in m for m in result.messages)
    assert not any("no lint error" in m for m in result.messages)


def test_problems_polish_reports_a_problem_lint_rejects(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = _write(tmp_path, "school.md", SCHOOL)
    code, out, err = run_cli(capsys, "polish", str(notes), "--section", "problems")
    result = polish_file(notes, section="problems", style="正式")
    lint_code, lint_errors = _lint_errors(capsys, tmp_path, HEADINGS["problems"], result.text)
    assert "北区配电房设备老化" in result.text and "报修" not in result.text and "2026" not in result.text
    # `lint` reads 准备分段更换 as no measure; standing alone, no plan below answers the problem.
    problem = "北区配电房设备老化，全年跳闸4次，原因是线路超过25年，准备分段更换。"
    assert lint_code == 1 and lint_errors == [f"problem-without-measure「{problem}」"]
    assert _said(result.problems) == lint_errors
    assert code == 1 and out == "" and "no lint error" not in err
    assert (
        "polish: `zongjie lint --facts` on this section, the notes as facts, finds 1 lint error(s), 0 lint warning(s)"
        in err
    )


def test_a_section_the_notes_hold_nothing_for_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = _write(tmp_path, "school.md", SCHOOL)
    code, out, err = run_cli(capsys, "polish", str(notes), "--section", "lessons")
    assert code == 2 and out == "" and "Traceback" not in err
    assert "no note is for section lessons; the notes hold lines for: " in err
    assert "problems (1)" in err and "plans (2)" in err
