"""The shared vocabulary: one list of change verbs, owner and deadline patterns, read the same way by the
linter, the notes reader and the offline writer."""

from __future__ import annotations

import pytest

from zongjie import wording
from zongjie.facts.derive import derive
from zongjie.facts.model import Metric
from zongjie.lint.rules import fidelity, structure
from zongjie.notes import patterns
from zongjie.writer.offline import kinds


@pytest.mark.parametrize(
    ("value", "previous", "unit"), [(120, 100, "次"), (80, 100, "次"), (98.5, 97.1, "%"), (3, 7, "起")]
)
def test_derived_wording_uses_the_shared_verbs(value: float, previous: float, unit: str) -> None:
    """What derive() writes, the linter's trend check must read as the same direction."""
    for d in derive(Metric(name="设备巡检", value=value, previous=previous, unit=unit)):
        verbs = wording.UP if d.direction == "up" else wording.DOWN
        assert any(v in d.text for v in verbs), d.text


def test_every_reader_shares_the_verbs() -> None:
    assert set(wording.UP_BY) <= set(patterns.UP) and set(wording.DOWN_BY) <= set(patterns._DOWN)
    assert not set(wording.UP_TO) & set(patterns.UP)  # 增至 names a level, not a change by an amount
    assert fidelity.UP is wording.UP and fidelity.DOWN is wording.DOWN
    assert kinds.target_clause("宿舍能耗回落", "30%") == "宿舍能耗回落30%"


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("责任人为工程主管李明", "工程主管李明"),
        ("牵头人：后勤科赵敏", "后勤科赵敏"),
        ("由环境主管赵敏负责", "环境主管赵敏"),
    ],
)
def test_owner_is_read_in_prose(text: str, who: str) -> None:
    m = wording.OWNER.search(text)
    assert m is not None and (m.group(1) or m.group(2)) == who
    assert structure.OWNER.search(text)


@pytest.mark.parametrize("text", ["负责人：李明", "牵头人：李明", "李明负责"])
def test_owner_is_read_in_notes(text: str) -> None:
    assert patterns.owner(text)[0] == "李明"


@pytest.mark.parametrize(
    "text",
    [
        "2026年6月底前",
        "6月30日前",
        "年底前",
        "第三季度末",
        "2026-06-30",
        "3个月内",
        "2026年底",
        "2026年起",
        "9月中旬",
    ],
)
def test_deadlines_are_found_in_prose(text: str) -> None:
    assert structure.DEADLINE.search(f"完成改造，{text}完成，责任人为李明")


@pytest.mark.parametrize(
    ("clause", "when"), [("6月底前完成", "6月底"), ("2026年底前", "2026年底"), ("一季度末", "一季度末")]
)
def test_deadlines_are_read_in_notes(clause: str, when: str) -> None:
    m = patterns.DEADLINE.fullmatch(clause)
    assert m is not None and m.group("when") == when
