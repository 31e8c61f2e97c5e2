"""Last year's plans carried as commitments: code decides 完成 / 未完成 and by how much; the draft, the gap
report and report.json state it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cli_helpers import run_cli
from facts.test_carry import FIXTURES, fill
from zongjie.facts.commitments import outcomes
from zongjie.facts.load import parse

BASE = """\
report: {organization: 翠湖苑小区, department: 物业服务中心, profile: property, year: 2026}
functions:
  - key: facilities
    metrics:
      - {name: 更换摄像头, value: VALUE, unit: 个}
      - {name: 报修响应率, value: 97.6, unit: "%"}
      - {name: 重大故障, value: 3, unit: 起}
commitments:
  - {goal: 完成老旧监控摄像头更换, target: {name: 更换摄像头, value: 14, unit: 个}, owner: 陈刚}
"""


def _one(value: str, commitment: str | None = None) -> tuple[str, str, float | None]:
    text = BASE.replace("VALUE", value)
    if commitment is not None:
        text = text.split("commitments:")[0] + "commitments:\n  - " + commitment + "\n"
    (o,) = outcomes(parse(text, "f.yaml"))
    return o.status, o.text, o.gap


def test_met_exactly_and_beyond() -> None:
    assert _one("14") == ("met", "目标为14个，实际为14个，已完成", 0)
    assert _one("16") == ("met", "目标为14个，实际为16个，已完成，超出目标2个", 2)


def test_missed_says_by_how_much() -> None:
    assert _one("11") == ("missed", "目标为14个，实际为11个，未完成，尚差3个", 3)


def test_percent_gap_is_in_points_and_lower_is_better_reads_as_a_ceiling() -> None:
    status, text, gap = _one("14", "{goal: 响应率提到98%, target: {name: 报修响应率, value: 98, unit: '%'}}")
    assert (status, gap) == ("missed", pytest.approx(0.4))
    assert text.endswith("尚差0.4个百分点")
    status, text, _ = _one(
        "14", "{goal: 重大故障控制在2起以内, target: {name: 重大故障, value: 2, unit: 起}}"
    )
    assert status == "missed" and text == "控制目标为2起，实际为3起，未完成，超出控制目标1起"


def test_unmeasurable_and_unmatched_plans_are_said_not_guessed() -> None:
    status, text, _ = _one("14", "{goal: 推行垃圾分类督导}")
    assert status == "unmeasurable" and "没有可衡量的目标值" in text
    status, text, _ = _one("14", "{goal: 培训, target: {name: 持证人数, value: 5, unit: 名}}")
    assert status == "no_figure" and "本年没有“持证人数”的数值" in text
    status, text, _ = _one("14", "{goal: 换, target: {name: 更换摄像头, value: 14, unit: 台}}")
    assert status == "no_figure" and "单位" in text


def test_carried_fixture_drafts_each_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = tmp_path / "facts-2026.yaml"
    code, _, err = run_cli(capsys, "init", "--from", str(FIXTURES / "property-small.yaml"), "-o", str(new))
    assert code == 0, err
    text = new.read_text(encoding="utf-8")
    values = dict.fromkeys(re.findall(r"\{name: ([^,]+), value: ,", text), 3.0)
    values |= {"更换摄像头": 14, "持电工证维修人员": 4, "业主满意度": 90.2, "报修响应率": 98.1}
    values |= {"设备完好率": 99.0, "垃圾清运及时率": 98.4}
    text = fill(text, values) + "  - goal: 推行垃圾分类督导\n    owner: 保洁主管赵敏\n"
    new.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, "draft", str(new), "-o", str(out))
    draft = (out / "draft.md").read_text(encoding="utf-8")
    review = draft.split("### （一）")[1].split("###")[0]
    assert "对照上年工作计划“完成老旧监控摄像头更换”，更换摄像头目标为14个，实际为14个，已完成。" in review
    assert "持电工证维修人员目标为5名，实际为4名，未完成，尚差1名。" in review
    assert "推行垃圾分类督导" not in draft  # nothing to say about it that code could check
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    statuses = [(c["goal"], c["status"]) for c in report["commitments"]]
    assert statuses == [
        ("完成老旧监控摄像头更换", "met"),
        ("维修人员持电工证人数增加到5名", "missed"),
        ("推行垃圾分类督导", "unmeasurable"),
    ]
    section = next(s for s in report["sections"] if s["id"] == "review-facilities")
    assert not [f for f in section["findings"] if f["severity"] == "error"], section["findings"]
    code, stdout, _ = run_cli(capsys, "check", str(new))
    assert "commitments[1]: 上年计划“维修人员持电工证人数增加到5名”" in stdout and "尚差1名" in stdout
    assert "commitments[2]: 上年计划“推行垃圾分类督导”无法核对" in stdout
    assert "commitments[0]" not in stdout  # a met plan is no gap
