"""r3 finding 11: a colon list (员工食堂：日均供餐…；人均餐标…) must not reach the draft as a sentence with its
colon; the label says whose average it is, so it becomes part of the metric's name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zongjie.notes import extract_notes


def test_a_colon_list_folds_its_label_into_the_name(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text(
        "# 2025年行政部工作记录\n\n- 员工食堂：日均供餐1，150份；人均餐标不超过18元\n", encoding="utf-8"
    )
    facts = extract_notes(path, profile="enterprise", today=dt.date(2026, 1, 10)).text
    assert "name: 员工食堂日均供餐, value: 1150" in facts, facts
    assert "人均餐标不超过18元" in facts
