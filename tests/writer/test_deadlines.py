"""Plan deadlines as clerks write them, without a year (年底, 明年3月前, 明年, 9月底): the draft names the plan
year (2026年底前); a plan due within the report year (2025年10月 in a 2025 summary) is warned about by `check`,
by `draft` and by `lint`, in Chinese, naming the plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import run_cli
from writer.offline_helpers import WRITER, make_facts, task_of
from zongjie.facts.gaps import gaps
from zongjie.lint.api import lint_markdown, lint_section
from zongjie.text.dates import in_year

PLANS = [
    {"goal": "完成食堂后厨改造", "deadline": "年底", "owner": "行政科刘洋"},
    {"goal": "完成充电桩扩容", "deadline": "明年", "owner": "车队"},
    {"goal": "完成校医院装修", "deadline": "明年３月前", "owner": "后勤管理处孙磊"},
    {"goal": "完成二号楼外墙翻新", "deadline": "9月底", "owner": "工程部"},
    {"goal": "完成宿舍热水改造", "deadline": "下学期开学前", "owner": "宿管科"},
]


@pytest.mark.parametrize(
    ("written", "dated"),
    [
        ("年底", "2026年底"),
        ("年末前", "2026年末前"),
        ("明年", "2026年"),
        ("明年3月前", "2026年3月前"),
        ("明年年底前", "2026年底前"),
        ("来年上半年", "2026年上半年"),
        ("９月底", "2026年９月底"),
        ("第三季度末", "2026年第三季度末"),
        ("2026年6月底", "2026年6月底"),
        ("3个月内", "3个月内"),
        ("下学期开学前", "下学期开学前"),
    ],
)
def test_a_deadline_gets_the_plan_year(written: str, dated: str) -> None:
    assert in_year(written, 2026) == dated


def test_the_offline_plans_name_the_plan_year() -> None:
    facts = make_facts(plans=PLANS)
    task = task_of(facts, "plans")
    body = WRITER.render(task)
    for said in ("于2026年底前完成", "于2026年3月前完成", "于2026年9月底前完成", "于下学期开学前完成"):
        assert said in body, body
    assert body.count("于2026年底前完成") == 2  # 年底 and 明年 (never 于明年前完成)
    assert "于年底前" not in body and "于3月前" not in body and "明年前" not in body
    dated = ("plan-without-deadline", "plan-fact-mismatch", "plan-past-deadline", "year-mismatch")
    assert not [f for f in lint_section(task, body) if f.rule in dated], body


NOTES = """# 2024—2025学年 后勤管理处 工作小结
- 报修１２０６件，及时率96%
- 明年3月前完成校医院装修，后勤管理处孙磊
"""


def test_notes_next_year_march_is_drafted_in_the_plan_year(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    run_cli(capsys, "draft", str(notes), "-o", str(tmp_path / "out"))
    draft = (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    assert "于2026年3月前完成" in draft, draft


PAST = """report: {organization: 顺达物流, department: 综合保障部, profile: 企业, year: 2025}
functions:
  - key: 车辆管理
    metrics:
      - {name: 安全行驶里程, value: 21.3, unit: 万公里, previous: 19.8}
plans:
  - {goal: 车队调度系统上线, deadline: 2025年10月, owner: 车队队长陈刚}
  - {goal: 充电桩扩容, deadline: 2026年6月底, owner: 车队}
"""


def test_a_plan_due_within_the_report_year_is_warned_about(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(PAST, encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", str(path))
    assert code == 0
    assert "plans[0].deadline: 计划“车队调度系统上线”的完成时限“2025年10月”在2025年内" in out, out
    assert "充电桩扩容”的完成时限" not in out
    run_cli(capsys, "draft", str(path), "-o", str(tmp_path / "out"))
    draft = (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    found = [f for f in lint_markdown(draft) if f.rule == "plan-past-deadline"]
    assert len(found) == 1 and "车队调度系统上线" in found[0].message, found


def test_gaps_say_nothing_of_a_plan_in_the_plan_year() -> None:
    facts = make_facts(plans=PLANS)
    assert not [g for g in gaps(facts) if "计划期" in g.message]
