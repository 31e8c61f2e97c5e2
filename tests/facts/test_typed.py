"""Facts files written the way users write them: Chinese 职能 names and aliases, ％, "1,326", full-width
digits, Chinese dates, "无" for not known — accepted and drafted with every value; and the slips that cannot
be read, each refused with its field path, its line and what to write instead."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from cli_helpers import run_cli
from conftest import FIXTURES
from zongjie.errors import BadInput
from zongjie.facts.load import parse
from zongjie.facts.model import Facts

TYPED = FIXTURES / "school-typed.yaml"

BASE = """\
report:
  organization: 青禾中学
  department: 后勤处
  profile: school
  year: 2025
"""


def facts_of(text: str) -> Facts:
    return parse(text, "f.yaml")


def problems_of(text: str) -> list[str]:
    with pytest.raises(BadInput) as info:
        parse(text, "f.yaml")
    return info.value.problems or [str(info.value)]


def metric(fields: str) -> str:
    return BASE + f"summary:\n  metrics:\n    - {{name: 报修工单, {fields}}}\n"


def test_the_typed_school_file_checks_and_drafts_every_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "check", str(TYPED))
    assert code == 0 and "valid" in out
    code, _, err = run_cli(capsys, "draft", str(TYPED), "-o", str(tmp_path / "ws"))
    assert code == 0, err
    draft = (tmp_path / "ws" / "draft.md").read_text(encoding="utf-8")
    for said in (
        "1326件",
        "1412件",
        "96.8%",
        "94.1%",
        "12项",
        "91.2%",
        "38.6万人次",
        "35.2万人次",
        "4次",
        "96次",
        "18场",
        "86.5%",
        "1200米",
        "6栋",
    ):
        assert said in draft, said
    # A ％ rate changes in 个百分点, never by a percentage of a percentage.
    timely = next(c for c in re.split("[；。]", draft) if "维修及时率达到96.8%" in c)
    assert "提高2.7个百分点" in timely and "同比" not in timely
    assert "满意度" in draft and "提高2.7个百分点" in draft
    # Dates in 公文 form, whatever the file said; a date without a year is in the report year.
    for day in ("2025年7月23日", "2025年3月15日", "2025年9月1日", "2026年12月31日"):
        assert day in draft, day
    assert "2025/3/15" not in draft and "2026/12/31" not in draft
    assert "2026年6月底前" in draft and "2026年第三季度" in draft
    # Chinese 职能 names became the profile's 职能; a name alone is the user's own.
    assert "### （二）食品安全与食堂" in draft and "### （四）学生公寓管理" in draft


def test_typed_values_read_as_numbers() -> None:
    facts = parse(TYPED.read_text(encoding="utf-8"), str(TYPED))
    assert facts.report.year == 2025 and facts.report.date == dt.date(2026, 1, 8)
    assert [f.key for f in facts.functions] == ["facilities", "canteen", "security", "学生公寓管理"]
    assert [f.name for f in facts.functions] == [None, None, None, "学生公寓管理"]
    tickets, timely, works, energy = facts.functions[0].metrics
    assert (tickets.value, tickets.previous) == (1326, 1412)
    assert (timely.value, timely.unit) == (96.8, "%")
    assert works.previous is None
    assert energy.value is None and energy.change is not None and energy.change.signed == -8
    assert [c.date for c in facts.functions[0].cases] == [dt.date(2025, 7, 23), dt.date(2025, 3, 15)]
    assert facts.plans[2].deadline == dt.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("fields", "value", "unit", "previous"),
    [
        ('value: "1,326", unit: 件', 1326, "件", None),
        ('value: "1，326", unit: 件', 1326, "件", None),
        ("value: １３２６, unit: 件", 1326, "件", None),
        ("value: 一千三百二十六, unit: 件", 1326, "件", None),
        ('value: "98.5", unit: "％"', 98.5, "%", None),
        ('value: "98.5％"', 98.5, "%", None),
        ('value: "98.5%", previous: "96%"', 98.5, "%", 96),
        ("value: 9.8, unit: 万元, previous: 8.2万元", 9.8, "万元", 8.2),
        ("value: 300, unit: 平米", 300, "平方米", None),
        ("value: 300, unit: ㎡", 300, "平方米", None),
        ("value: 12, unit: 件, previous: 无", 12, "件", None),
        ("value: 12, unit: 件, previous: 不详", 12, "件", None),
        ('value: 12, unit: 件, previous: "—"', 12, "件", None),
        ('value: 12, unit: 件, previous: "-"', 12, "件", None),
        ("value: 1e12, unit: 元", 1e12, "元", None),
        # A scale typed with the figure counts out of the unit's own scale: 1.2万 in 万元 is 1.2, not 12000.
        ("value: 1.2万, unit: 万元, previous: 9800元", 1.2, "万元", 0.98),
        ("value: 3千, unit: 万元", 0.3, "万元", None),
        ("value: 1.2万, unit: 次, previous: 一万", 12000, "次", 10000),
        ("value: 21.5万, unit: 万人次", 21.5, "万人次", None),
        ("value: 一千三百二十六, unit: 万元", 1326, "万元", None),
    ],
)
def test_accepted_value_forms(fields: str, value: float, unit: str, previous: float | None) -> None:
    m = facts_of(metric(fields)).summary.metrics[0]
    assert (m.value, m.unit, m.previous) == (value, unit, previous)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ("value: 约1200, unit: 件", "'约1200' is approximate: write the exact figure"),
        ("value: 3-5, unit: 件", "is a range: write one figure"),
        ("value: 无, unit: 件", "is required"),
        ("value: 很多, unit: 件", "must be a number, not '很多': write plain digits"),
        ('value: "92.3%", unit: 件', "write the number alone and the unit in `unit`"),
        ("value: 1e28, unit: 元", "too large"),
        ("value: 100000000000000000000000000000, unit: 元", "too large"),
        ("value: true, unit: 件", "not true/false"),
    ],
)
def test_refused_value_forms_say_what_to_write(fields: str, words: str) -> None:
    [msg] = problems_of(metric(fields))
    assert msg.startswith("f.yaml:8: summary.metrics[0].value:"), msg
    assert words in msg
    assert "Input should" not in msg and "Value error" not in msg


@pytest.mark.parametrize("year", ["2025年", "2025年度", '"2025"', "２０２５"])
def test_year_forms(year: str) -> None:
    assert facts_of(BASE.replace("year: 2025", f"year: {year}")).report.year == 2025


@pytest.mark.parametrize(
    "written", ["2025-07-23", "2025/7/23", "2025.7.23", "2025年7月23日", "7月23日", "２０２５年７月２３日"]
)
def test_case_date_forms(written: str) -> None:
    text = BASE + f"functions:\n  - key: 设施运维\n    cases:\n      - {{date: {written}, event: 停电}}\n"
    assert facts_of(text).functions[0].cases[0].date == dt.date(2025, 7, 23)


@pytest.mark.parametrize(
    ("word", "key"),
    [("设施运维", "facilities"), ("食堂", "canteen"), ("保洁", "environment"), ("安保", "security"),
     ("维修", "facilities"), ("canteen", "canteen")],
)  # fmt: skip
def test_function_by_chinese_name_or_alias(word: str, key: str) -> None:
    fn = facts_of(BASE + f"functions:\n  - key: {word}\n").functions[0]
    assert (fn.key, fn.name) == (key, None)


def test_function_by_name_alone() -> None:
    own, known = facts_of(BASE + "functions:\n  - name: 洗衣房管理\n  - name: 食堂\n").functions
    assert (own.key, own.name) == ("洗衣房管理", "洗衣房管理")
    assert (known.key, known.name) == ("canteen", None)


def test_unknown_function_lists_the_chinese_names() -> None:
    [msg] = problems_of(BASE + "functions:\n  - key: 洗衣房\n")
    assert "functions[0].key" in msg and "设施运维 (facilities)" in msg and "add `name:`" in msg


@pytest.mark.parametrize(
    ("field", "written", "words"),
    [
        ("functions[0].cases[0].date", "2025年2月30日", "2025年2月 has no day 30"),
        ("functions[0].cases[0].date", "2025-13-01", "there is no month 13"),
        ("plans[0].deadline", "2026年13月", "there is no month 13"),
        ("plans[0].deadline", "2026年13月底前完成", "there is no month 13"),
        ("plans[0].deadline", "2026/2/30", "has no day 30"),
        ("report.date", "2026年2月30日", "has no day 30"),
    ],
)
def test_impossible_dates_exit_2_from_check_and_draft_with_nothing_written(
    field: str, written: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BASE + "functions:\n  - key: facilities\n    cases:\n      - {date: 2025-07-01, event: 停电}\n"
    text += "plans:\n  - {goal: 改造管网, deadline: 2026年6月底}\n"
    if field == "report.date":
        text = text.replace("  year: 2025\n", f"  year: 2025\n  date: {written}\n")
    elif field.startswith("plans"):
        text = text.replace("deadline: 2026年6月底", f"deadline: {written}")
    else:
        text = text.replace("date: 2025-07-01", f"date: {written}")
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    for command in (["check", str(facts)], ["draft", str(facts), "-o", str(tmp_path / "ws")]):
        code, out, err = run_cli(capsys, *command)
        assert code == 2, (command, out, err)
        assert f"{field}: '{written[:8]}" in err and "is not a valid date" in err and words in err
        assert "Traceback" not in err
    assert not (tmp_path / "ws").exists()


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (BASE + "functions:\n  - key： 设施运维\n", 7, "`key：` has a full-width colon: type `key: `"),
        (
            BASE + "lessons:\n  - 原因：管道老化\nfunctions:\n  - key:设施运维\n",
            9,
            "`key:` needs a space after",
        ),
        (
            BASE + "summary:\n  metrics:\n    - {name: 报修，value: 100, unit: 件}\n",
            8,
            "a full-width `，` between fields inside { }",
        ),
        (BASE + "summary:\n\tnotes: [a]\n", 7, "a tab in the indentation: indent with spaces"),
    ],
)
def test_input_method_slips_are_named_on_their_line(text: str, line: int, words: str) -> None:
    problems = problems_of(text)
    assert any(p.startswith(f"f.yaml:{line}: ") and words in p for p in problems), problems


def test_a_full_width_colon_inside_text_is_fine() -> None:
    assert facts_of(BASE + "lessons:\n  - 原因：管道老化\n").lessons == ["原因：管道老化"]


def test_duplicate_keys_name_both_lines() -> None:
    [msg] = problems_of(BASE.replace("  year: 2025\n", "  year: 2025\n  year: 2024\n"))
    assert msg == "f.yaml:6: report.year: given twice (lines 5 and 6); keep one"
    with pytest.raises(BadInput, match="given twice"):
        parse('{"report": {"year": 2025, "year": 2024}}', "f.json")


def test_alias_bomb_is_refused_quickly() -> None:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(BadInput, match="too large once its aliases"):
        parse("\n".join(rows) + "\n", "f.yaml")


@pytest.mark.parametrize(
    "tail",
    ["x: " + "[" * 500 + "]" * 500 + "\n", "".join("  " * i + f"k{i}:\n" for i in range(300))],
)
def test_deep_nesting_is_refused(tail: str) -> None:
    with pytest.raises(BadInput, match="nested"):
        parse(BASE + tail, "f.yaml")
    with pytest.raises(BadInput, match="nested"):
        parse("[" * 5000 + "]" * 5000, "f.json")


def test_a_control_character_in_a_key_is_named() -> None:
    [msg] = problems_of(BASE + 'functions:\n  - key: "a\\0b"\n')
    assert msg.startswith("f.yaml:7: functions[0].key:") and "NUL" in msg
    [msg] = problems_of(BASE + 'functions:\n  - name: "洗衣\\x07房"\n')
    assert msg.startswith("f.yaml:7: functions[0].name:") and "control character" in msg


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (BASE + "lessons: 一条经验\n", "lessons: should be a list: one entry a line"),
        (BASE + "functions:\n  -\n", "functions[0]: is empty"),
        (metric("value: 3, unit: 件, better: less"), "must be one of 'higher' or 'lower', not 'less'"),
        ("report: 明德\n", "report: should be a group of fields"),
    ],
)
def test_shape_errors_are_plain_words(text: str, words: str) -> None:
    [msg] = problems_of(text)
    assert words in msg and "Input should" not in msg


def test_implausible_figures_are_named_by_check_and_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BASE + (
        "summary:\n  metrics:\n"
        "    - {name: 维修及时率, value: 0.96, unit: '%', previous: 0.94, target: 0.95}\n"
        "    - {name: 物业费收入, value: 1280000, unit: 元, previous: 118}\n"
        "    - {name: 绿化补植, value: 260, unit: 株, previous: 20}\n"
    )
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", str(facts))
    assert code == 0
    assert "summary.metrics[0]: 维修及时率：各数值都小于1%" in out
    assert "summary.metrics[1]: 物业费收入" in out and "相差10847倍" in out
    assert "summary.metrics[2]: 绿化补植：同比增长1200%" in out
    code, _, err = run_cli(capsys, "draft", str(facts), "-o", str(tmp_path / "ws"))
    assert "维修及时率：各数值都小于1%" in err and "相差10847倍" in err and "同比增长1200%" in err


def test_plausible_figures_raise_no_doubt(capsys: pytest.CaptureFixture[str]) -> None:
    for fixture in sorted(FIXTURES.glob("*-full.yaml")):
        code, out, _ = run_cli(capsys, "check", str(fixture))
        assert code == 0 and "小于1%" not in out and "相差" not in out and "同比增长" not in out, fixture


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("二〇二六年六月底", "2026年6月底"),
        ('"2026.6"', "2026年6月"),
        ("2026年上半年", "2026年上半年"),
        ("下学期开学前", "下学期开学前"),
    ],
)
def test_a_deadline_that_is_one_date_is_printed_in_official_form(written: str, printed: str) -> None:
    text = BASE + f"plans:\n  - {{goal: 改造管网, deadline: {written}}}\n"
    assert parse(text, "f.yaml").plans[0].deadline == printed
