from __future__ import annotations

from pathlib import Path

import pytest

from zongjie import profiles
from zongjie.errors import BadInput
from zongjie.facts.load import load, parse

BASE = """\
report:
  organization: 阳光花园项目
  department: 物业后勤科
  profile: property
  year: 2025
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(BadInput) as info:
        parse(text, "f.yaml")
    return info.value.problems


def test_fixtures_load(full_facts: Path, small_facts: Path) -> None:
    facts = load(full_facts)
    assert facts.report.display_title == "阳光花园项目物业后勤科2025年度工作总结"
    assert [f.key for f in facts.functions][:2] == ["facilities", "environment"]
    assert load(small_facts).report.year == 2025


def test_unknown_field_names_path_line_and_suggestion() -> None:
    [msg] = problems_of(BASE + "  titel: x\n")
    assert msg == "f.yaml:6: report.titel: unknown field; did you mean `title`?"


def test_rate_above_100_names_field_path() -> None:
    text = (
        BASE
        + "functions:\n  - key: facilities\n    metrics:\n      - {name: 报修响应率, value: 101, unit: '%'}\n"
    )
    [msg] = problems_of(text)
    assert msg.startswith("f.yaml:9: functions[0].metrics[0].value:")
    assert "cannot exceed 100%" in msg


def test_completion_rate_may_exceed_100() -> None:
    text = BASE + "summary:\n  metrics:\n    - {name: 计划完成率, value: 104.5, unit: '%'}\n"
    assert parse(text, "f.yaml").summary.metrics[0].value == 104.5


def test_negative_count_is_rejected() -> None:
    text = BASE + "team:\n  metrics:\n    - {name: 专业培训, value: 3, unit: 场, previous: -2}\n"
    [msg] = problems_of(text)
    assert "team.metrics[0].previous" in msg and "negative values are not accepted" in msg


def test_value_with_its_own_unit_is_read_and_a_clashing_unit_explained() -> None:
    text = BASE + "summary:\n  metrics:\n    - {name: 业主满意度, value: '92.3%', unit: '%'}\n"
    assert parse(text, "f.yaml").summary.metrics[0].value == 92.3
    text = BASE + "summary:\n  metrics:\n    - {name: 业主满意度, value: '92.3%', unit: 次}\n"
    [msg] = problems_of(text)
    assert "summary.metrics[0].value" in msg and "write the number alone and the unit in `unit`" in msg


def test_case_outside_report_year() -> None:
    text = BASE + "functions:\n  - key: facilities\n    cases:\n      - {date: 2024-12-30, event: 停电}\n"
    [msg] = problems_of(text)
    assert msg == "f.yaml:9: functions[0].cases[0].date: 2024年12月30日 is outside the report year 2025"


def test_duplicate_function_key() -> None:
    text = BASE + "functions:\n  - key: facilities\n  - key: facilities\n"
    [msg] = problems_of(text)
    assert "functions[1].key" in msg and "duplicate function key 'facilities'" in msg


def test_unknown_function_key_suggests_known_one() -> None:
    text = BASE + "functions:\n  - key: facilites\n"
    [msg] = problems_of(text)
    assert "did you mean `facilities`?" in msg


def test_custom_function_key_with_name_is_fine() -> None:
    text = BASE + "functions:\n  - key: canteen\n    name: 员工食堂管理\n    work: [完成食堂改造]\n"
    assert parse(text, "f.yaml").functions[0].name == "员工食堂管理"


def test_unknown_profile() -> None:
    [msg] = problems_of(BASE.replace("property", "prison"))
    assert "report.profile" in msg and "unknown profile 'prison'" in msg


def test_not_yaml_and_not_mapping() -> None:
    with pytest.raises(BadInput, match="not valid YAML"):
        parse("report: [unclosed", "f.yaml")
    with pytest.raises(BadInput, match="expected a mapping"):
        parse("- a\n- b\n", "f.yaml")


def test_json_accepted() -> None:
    text = '{"report": {"organization": "甲", "department": "后勤科", "year": 2025}}'
    assert parse(text, "f.json").report.profile == "property"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"^facts file: .*nope.yaml: no such file"):
        load(tmp_path / "nope.yaml")


def test_unreadable_files_are_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=f"^facts file: {tmp_path}: is a directory$"):
        load(tmp_path)
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("report: {organization: 阳光花园}\n".encode("gbk"))
    with pytest.raises(BadInput, match=r"gbk.yaml: not UTF-8 text"):
        load(gbk)


def test_empty_required_text_and_missing_field_read_plainly() -> None:
    [msg] = problems_of(BASE.replace("阳光花园项目", '""'))
    assert msg == "f.yaml:2: report.organization: must not be empty"
    [msg] = problems_of(BASE.replace("  year: 2025\n", ""))
    assert msg.endswith("report.year: required field is missing")


def test_yaml_syntax_error_names_file_line_and_column() -> None:
    with pytest.raises(BadInput) as info:
        parse("report:\n  organization: [甲\n", "f.yaml")
    assert str(info.value).startswith("f.yaml:3:1: not valid YAML:")
    assert "<unicode string>" not in str(info.value)


def test_impossible_date_is_bad_input_with_its_line() -> None:
    text = BASE + "functions:\n  - key: facilities\n    cases: [{date: 2025-13-01, event: 停电}]\n"
    [msg] = problems_of(text)
    assert msg.startswith(
        "f.yaml:8: functions[0].cases[0].date: '2025-13-01' is not a valid date: there is no month 13"
    )


def test_non_finite_and_negative_numbers_are_rejected() -> None:
    text = BASE + "summary:\n  metrics:\n    - {name: 成本, value: .nan, unit: 万元}\n"
    assert "must be a finite number" in problems_of(text)[0]
    text = BASE + "summary:\n  metrics:\n    - {name: 后勤运行成本, value: -4.6, unit: 万元}\n"
    [msg] = problems_of(text)
    assert "summary.metrics[0].value" in msg and "negative values are not accepted" in msg


def test_exponent_is_read_and_a_huge_figure_explained() -> None:
    text = BASE + "summary:\n  metrics:\n    - {name: 成本, value: 1e12, unit: 元}\n"
    assert parse(text, "f.yaml").summary.metrics[0].value == 1e12
    for huge in ("1e28", "10000000000000000000000000000", "1.0e+30"):
        [msg] = problems_of(BASE + f"summary:\n  metrics:\n    - {{name: 成本, value: {huge}, unit: 元}}\n")
        assert msg.startswith("f.yaml:8: summary.metrics[0].value:") and "too large" in msg, msg


def test_duplicate_metric_name_in_one_place() -> None:
    text = (
        BASE
        + "team:\n  metrics:\n    - {name: 培训, value: 12, unit: 场}\n    - {name: 培训, value: 15, unit: 场}\n"
    )
    [msg] = problems_of(text)
    assert msg == "f.yaml:9: team.metrics[1].name: metric '培训' appears twice (also team.metrics[0])"


def test_plan_deadline_before_the_report_year() -> None:
    text = (
        BASE + "plans:\n  - {goal: 更换摄像头, deadline: 2024-06-30}\n  - {goal: 培训, deadline: 2024年底}\n"
    )
    msgs = problems_of(text)
    assert [m.split(": ", 1)[1] for m in msgs] == [
        "plans[0].deadline: 2024-06-30 is before the report year 2025",
        "plans[1].deadline: 2024年底 is before the report year 2025",
    ]


@pytest.mark.parametrize(
    ("word", "pid"),
    [
        ("学校", "school"),
        ("学校后勤", "school"),
        (" 物业 ", "property"),
        ("医院", "hospital"),
        ("公司", "enterprise"),
        ("School", "school"),
    ],
)
def test_profile_named_in_chinese(word: str, pid: str) -> None:
    # Reviewer item 11: `profile: 学校` was "unknown profile" although `key: 食堂` is accepted.
    fn = profiles.load(pid).functions[-1]
    text = BASE.replace("profile: property", f"profile: {word}")
    facts = parse(text + f"functions:\n  - key: {fn.name}\n    work: [日常工作]\n", "f.yaml")
    assert (facts.report.profile, facts.functions[0].key) == (pid, fn.key)


@pytest.mark.parametrize(
    ("written", "unit", "name", "want"),
    [
        ("维修及时率（%）", None, "维修及时率", "%"),
        ("维修及时率(％)", "", "维修及时率", "%"),
        ("用电量（万度）", None, "用电量", "万度"),
        ("用电量 (万度)", "万度", "用电量", "万度"),
        ("维修及时率（含夜间）", "%", "维修及时率（含夜间）", "%"),
    ],
)
def test_unit_written_in_the_name(written: str, unit: str | None, name: str, want: str) -> None:
    # Reviewer item 3: 维修及时率（%） with no unit was a count, drafted as "同比增长2.6%".
    given = "" if unit is None else f", unit: '{unit}'"
    text = (
        BASE
        + f"functions:\n  - key: 保洁\n    metrics:\n      - {{name: {written}, value: 97.6{given}, previous: 95.1}}\n"
    )
    [metric] = parse(text, "f.yaml").functions[0].metrics
    assert (metric.name, metric.unit) == (name, want)


def test_unit_in_the_name_that_disagrees_is_named() -> None:
    text = (
        BASE
        + "functions:\n  - key: 保洁\n    metrics:\n      - {name: 用电量（万度）, value: 120, unit: 度}\n"
    )
    [msg] = problems_of(text)
    assert "metrics[0].unit" in msg and "用电量（万度）" in msg and "万度" in msg
