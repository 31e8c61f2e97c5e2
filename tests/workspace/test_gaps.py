"""Review finding 15: a draft whose facts have no material for 亮点, 团队 or 经验 leaves those sections out. That
is a gap in the facts file — a warning, named once by `draft` — not an error of the draft: the exit code is
left to real errors. 问题 and 计划 every summary needs stay errors (as `lint` without facts says too)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_helpers import run_cli

FACTS = (
    "report: {organization: 青松职业技术学院, department: 后勤管理处, profile: 学校, year: 2025}\n"
    "functions:\n  - key: 维修\n    metrics:\n      - {name: 维修报修, value: 2836, unit: 件, previous: 2524}\n"
    "problems:\n  - {problem: 老旧楼宇设施老化, cause: 更新资金未列入预算, measure: 申请专项资金更换管线}\n"
    "plans:\n  - goal: 完成3号楼改造\n    owner: 维修中心\n    deadline: 2026年6月底\n"
    "    target: {name: 改造完成率, value: 100, unit: '%'}\n"
)
OPTIONAL = {"highlights": "亮点工作与创新举措", "team": "团队建设与人才培养", "lessons": "经验总结与启示"}


def test_draft_names_each_gap_once_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(FACTS, encoding="utf-8")
    code, out, err = run_cli(capsys, "draft", str(facts), "-o", str(tmp_path / "ws"))
    said = out + err
    assert code == 0, said
    for heading in OPTIONAL.values():
        assert said.count(f"缺少“{heading}”") == 1, said
    report = json.loads((tmp_path / "ws" / "report.json").read_text(encoding="utf-8"))
    gaps = [f for f in report["document_findings"] if f["rule"] == "missing-section"]
    assert {(f["section"], f["severity"], f["facts_gap"]) for f in gaps} == {
        (s, "warning", True) for s in OPTIONAL
    }
    assert report["totals"]["errors"] == 0
    # `lint` with the same facts judges the draft the same way
    code, out, _ = run_cli(capsys, "lint", str(tmp_path / "ws" / "draft.md"), "--facts", str(facts))
    assert code == 0, out
    lines = [line for line in out.splitlines() if "missing-section" in line]
    assert len(lines) == 3 and all("warning" in line for line in lines), out


def test_a_summary_without_problems_or_plans_still_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(FACTS.split("problems:")[0], encoding="utf-8")
    code, out, err = run_cli(capsys, "draft", str(facts), "-o", str(tmp_path / "ws"))
    assert code == 1
    errors = (out + err).split("error finding(s) remain")[1]
    assert "缺少“存在问题与不足”" in errors and "缺少“下一年度工作计划”" in errors
    assert "缺少“亮点工作与创新举措”" not in errors
