"""Notes that say only how something moved (用气量下降一成) give a metric with a stated change — value and
previous unknown, the change in the note's words — never a metric named 用气量下降 of 10%."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from zongjie.facts.load import parse
from zongjie.notes import extract_notes
from zongjie.plan.build import build_plan
from zongjie.writer.offline import OfflineWriter

NOTES = """# 2025年城东中学总务处工作记录

## 食堂
- 师生就餐满意度95%
- 用气量下降一成
- 饭菜浪费投诉减少三成左右
- 剩菜剩饭比去年下降了近一半

## 节能
- 能耗同比下降８％
- 用水量较上年减少两成

## 维修
- 报修1326件，比去年少了120件
- 维修及时率下降了8个百分点
"""


def _metrics(tmp_path: Path) -> tuple[dict[str, Any], str]:
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    text = extract_notes(path, today=dt.date(2026, 1, 10)).text
    data = yaml.safe_load(text)
    every = [*data.get("summary", {}).get("metrics", [])]
    every += [m for f in data["functions"] for m in f.get("metrics", [])]
    return {m["name"]: m for m in every}, text


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("用气量", "下降一成"),
        ("饭菜浪费投诉", "减少三成左右"),
        ("剩菜剩饭", "比去年下降了近一半"),
        ("能耗", "同比下降8%"),  # full-width ％ folded
        ("用水量", "较上年减少两成"),
    ],
)
def test_a_change_without_figures_is_a_stated_change(tmp_path: Path, name: str, change: str) -> None:
    metrics, _ = _metrics(tmp_path)
    assert metrics[name] == {"name": name, "change": change}
    assert not any(n.endswith(("下降", "减少")) for n in metrics)


def test_a_rate_change_in_points_keeps_its_unit(tmp_path: Path) -> None:
    metrics, _ = _metrics(tmp_path)
    assert metrics["维修及时率"] == {"name": "维修及时率", "unit": "%", "change": "下降了8个百分点"}


def test_a_change_with_its_figure_still_gives_previous(tmp_path: Path) -> None:
    metrics, text = _metrics(tmp_path)
    assert metrics["报修工单"]["value"] == 1326 and metrics["报修工单"]["previous"] == 1446
    assert "change" not in metrics["报修工单"]
    assert "# 变化：笔记只写了“下降一成”，本年和上年数值不详" in text


def test_the_facts_validate_and_draft_the_changes_in_their_words(tmp_path: Path) -> None:
    _, text = _metrics(tmp_path)
    facts = parse(text, "facts.yaml")
    body = "\n".join(OfflineWriter().render(t) for t in build_plan(facts))
    for said in ("用气量下降一成", "饭菜浪费投诉减少约三成", "剩菜剩饭较上年下降近一半", "能耗同比下降8%"):
        assert said in body
    assert "维修及时率下降8个百分点" in body
    assert "达到10%" not in body and "下降达到" not in body
