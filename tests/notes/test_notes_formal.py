"""Notes words a 科长 would mark, taken into the draft (r3 finding 11): a space typed between 汉字, a spoken
dash, 花了 / 来件 / 比去年多了, and 0起 with 连续三年. Each figure stays; only the words around it change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli_helpers import run_cli

SCHOOL = """2025年总务处工作随记

- 全年受理报修2,140件，比去年多了200来件
- 学生公寓 热水故障减少三成
- 暑假完成3栋宿舍楼屋面防水，花了46.8万元
- 院感配合 —— 完成发热门诊改造，投入约85万元
- 安全事故：0起（连续三年）
"""


def _draft(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> str:
    notes = tmp_path / "notes.md"
    notes.write_text(text, encoding="utf-8")
    run_cli(capsys, "draft", str(notes), "-o", str(tmp_path / "out"), "--profile", "school")
    return (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")


def test_the_draft_speaks_like_a_summary_and_keeps_every_figure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    draft = _draft(capsys, tmp_path, SCHOOL)
    assert not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", draft)
    assert "学生公寓热水故障减少三成" in draft
    assert "——" not in draft
    assert "花了" not in draft and "投入46.8万元" in draft
    assert "来件" not in draft and "多了" not in draft and "较上年增加200余件" in draft
    assert "连续三年未发生安全事故" in draft and "，连续三年。" not in draft
    for figure in ("2140", "46.8", "85", "200"):
        assert figure in draft


def test_a_figure_and_its_spaced_remark_are_still_two_clauses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The space after a figure still ends a clause (消防演练12次 去年8次): the clean-up runs after reading."""
    draft = _draft(capsys, tmp_path, "2025年总务处工作随记\n\n- 消防演练12次 去年8次\n")
    assert "12次" in draft and "上年8次" in draft
