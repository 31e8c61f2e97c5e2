"""The school, hospital and enterprise profiles and their fixtures: draft, lint clean, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from export.export_helpers import FIXTURES, make_workspace
from zongjie import profiles
from zongjie.export import export_workspace
from zongjie.export.fonts import CjkFont
from zongjie.facts.load import load
from zongjie.lint.api import lint_markdown

FUNCTIONS = {
    "school": ["设施运维", "环境与绿化", "安全保障", "食品安全与食堂", "绿色校园", "课程与活动保障"],
    "hospital": ["设施运维", "院感防控", "医疗废弃物处理", "安全保卫", "餐饮服务", "物资保障"],
    "enterprise": [
        "基础设施建设与维护",
        "物资采购与管理",
        "餐饮服务保障",
        "安全保卫",
        "车辆管理",
        "节能减排",
    ],
}


@pytest.mark.parametrize("profile_id", sorted(FUNCTIONS))
def test_profile_names_the_functions_and_indicators(profile_id: str) -> None:
    profile = profiles.load(profile_id)
    assert [f.name for f in profile.functions] == FUNCTIONS[profile_id]
    assert profile.emphasis and profile.served
    for spec in profile.functions:
        assert len(spec.indicators) >= 3 and spec.keywords
        assert all(i.unit for i in spec.indicators)  # every indicator says what it counts in


@pytest.mark.parametrize("profile_id", sorted(FUNCTIONS))
def test_fixture_drafts_lints_clean_and_exports(
    profile_id: str, tmp_path: Path, fake_charts: Callable[[], CjkFont | None]
) -> None:
    path = FIXTURES / f"{profile_id}-full.yaml"
    facts = load(path)
    assert facts.report.profile == profile_id
    assert {f.key for f in facts.functions} == set(profiles.load(profile_id).keys)
    ws = make_workspace(path, tmp_path / "ws")
    text = (ws / "draft.md").read_text(encoding="utf-8")
    findings = [f for f in lint_markdown(text, facts) if f.severity in ("error", "warning")]
    assert findings == []
    for name in FUNCTIONS[profile_id]:
        assert name in text
    for fmt in ("docx", "html"):
        result = export_workspace(ws, fmt, tmp_path / f"out.{fmt}", font_lookup=fake_charts)  # type: ignore[arg-type]
        assert result.findings == [] and result.warnings == [] and result.charts == 6


def test_unknown_profile_is_bad_input_naming_the_known_ones() -> None:
    from zongjie.errors import BadInput

    with pytest.raises(
        BadInput,
        match=r"^unknown profile 'hotel'; known: enterprise \(企业后勤\), hospital \(医院后勤\), property \(物业后勤\), school \(学校后勤\)$",
    ):
        profiles.load("hotel")
