"""The offline extractor: each notes fixture gives exactly its expected facts file, every number is in the
notes or marked as computed, and every note line is placed or listed as unplaced."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from zongjie import profiles
from zongjie.errors import BadInput
from zongjie.facts.load import load, parse
from zongjie.notes import extract_notes
from zongjie.notes.files import edited, stamp
from zongjie.notes.match import promote_headings
from zongjie.notes.parse import parse as parse_notes

ROOT = Path(__file__).resolve().parents[2]
NOTES = sorted(p for p in (ROOT / "fixtures").glob("notes-*") if ".expected." not in p.name)
TODAY = dt.date(2026, 1, 10)  # fixtures without a stated year take the previous year from this date


def expected_path(notes: Path) -> Path:
    return notes.with_name(notes.name.rsplit(".", 1)[0] + ".expected.yaml")


def test_four_styles_of_notes_exist() -> None:
    names = {p.name for p in NOTES}
    assert names >= {"notes-bullets.md", "notes-paragraph.txt", "notes-mixed.md", "notes-narrative.txt"}
    assert all(expected_path(p).is_file() for p in NOTES)


@pytest.mark.parametrize("notes", NOTES, ids=[p.name for p in NOTES])
def test_fixture_gives_exactly_its_expected_facts(notes: Path) -> None:
    text = extract_notes(notes, today=TODAY).text
    expected = expected_path(notes).read_text(encoding="utf-8")
    assert yaml.safe_load(text) == yaml.safe_load(expected)
    assert text == expected  # comments (sources, questions, unplaced) included
    load(expected_path(notes))  # and it is a valid facts file for check/draft


def _numbers(text: str) -> set[Decimal]:
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)  # 1,326 is the number 1326
    return {Decimal(n).normalize() for n in re.findall(r"\d+(?:\.\d+)?", text)}


def _leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _leaves(v)]
    if isinstance(value, list):
        return [x for v in value for x in _leaves(v)]
    return [value]


@pytest.mark.parametrize("notes", NOTES, ids=[p.name for p in NOTES])
def test_every_number_is_in_the_notes_or_marked_computed(notes: Path) -> None:
    text = extract_notes(notes, today=TODAY).text
    in_notes = _numbers(notes.read_text(encoding="utf-8"))
    computed = {
        Decimal(m.group(2)).normalize() for m in re.finditer(r"# 计算：(\w+) = .*?= ?([\d.-]+)（", text)
    }
    computed_dates = set(re.findall(r"# 计算：date = (\d{4}-\d{2}-\d{2})", text))
    # A Chinese numeral in the notes (一千二百次) is written in Arabic, with a comment quoting the note.
    source = notes.read_text(encoding="utf-8")
    for raw, value in re.findall(r"# 数字：笔记写作“(.+?)”，记为(\d+(?:\.\d+)?)", text):
        assert raw in source and not re.search(r"\d", raw)
        in_notes.add(Decimal(value).normalize())
    data = yaml.safe_load(text)
    data.pop("report")  # the year is checked separately: it may come from a default, with a question
    for leaf in _leaves(data):
        if isinstance(leaf, dt.date):
            assert leaf.isoformat() in computed_dates or {Decimal(leaf.month), Decimal(leaf.day)} <= in_notes
        elif isinstance(leaf, int | float) and not isinstance(leaf, bool):
            n = Decimal(repr(leaf)).normalize()
            assert n in in_notes or n in computed, f"{leaf} is neither in {notes.name} nor computed"
        elif isinstance(leaf, str):
            assert _numbers(leaf) <= in_notes, leaf


@pytest.mark.parametrize("notes", NOTES, ids=[p.name for p in NOTES])
def test_every_note_is_placed_or_unplaced(notes: Path) -> None:
    text = extract_notes(notes, today=TODAY).text
    # A line that only names a 职能 (保洁/环境) is a subheading, as extract reads it with the profile.
    parsed = promote_headings(parse_notes(notes.read_text(encoding="utf-8")), profiles.load("property"))
    for item in parsed.items:
        placed = f"# L{item.line}: {item.text}\n" in text
        unplaced = f"#   - L{item.line}: {item.text}（" in text
        assert placed != unplaced, f"L{item.line} {item.text}: placed={placed} unplaced={unplaced}"
    covered = {i.line for i in parsed.items} | {h.line for h in parsed.headings}
    covered |= {parsed.title.line} if parsed.title else set()
    lines = {n for n, line in enumerate(notes.read_text(encoding="utf-8").splitlines(), 1) if line.strip()}
    assert lines == covered
    for h in parsed.headings:
        assert f"L{h.line} {h.text}" in text


def test_change_gives_previous_computed_and_case_stays_a_case(tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text(
        "阳光花园2025年工作笔记\n- 今年电梯维修32次，比去年少9次\n- 7月台风期间抢修排水泵，3小时恢复\n",
        encoding="utf-8",
    )
    text = extract_notes(notes).text
    facts = parse(text)
    fn = facts.functions[0]
    assert (fn.metrics[0].name, fn.metrics[0].value, fn.metrics[0].previous) == ("电梯维修", 32, 41)
    assert "# 计算：previous = 32 + 9 = 41（据“比去年少9次”）" in text
    assert "# L2: 今年电梯维修32次，比去年少9次" in text
    assert len(fn.metrics) == 1 and fn.cases[0].event == "7月台风期间抢修排水泵" and fn.cases[0].date is None
    assert fn.cases[0].result == "3小时恢复"


@pytest.mark.parametrize(
    ("line", "question"),
    [
        ("报修响应率98%，同比提高1.5%", "个百分点还是相对增减"),
        ("用电312万", "万元、万度还是别的"),
        ("设备巡检1248", "笔记没有写单位"),
        ("更换消防水带136盘，补充灭火器220具", "职能不确定"),
        ("投影仪30台", "职能不确定"),
    ],
)
def test_ambiguity_is_asked_not_guessed(tmp_path: Path, line: str, question: str) -> None:
    notes = tmp_path / "n.md"
    notes.write_text(f"- {line}\n", encoding="utf-8")
    text = extract_notes(notes, year=2025).text
    assert re.search(rf"^\s*# \?.*{question}", text, re.M), text
    parse(text)


def test_year_from_notes_option_or_default(tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("- 设备巡检1248次\n", encoding="utf-8")
    assert parse(extract_notes(notes, today=dt.date(2026, 3, 1)).text).report.year == 2025
    assert parse(extract_notes(notes, today=dt.date(2025, 12, 1)).text).report.year == 2025
    assert "# ? 年度" in extract_notes(notes, today=TODAY).text
    assert parse(extract_notes(notes, year=2024).text).report.year == 2024
    notes.write_text("# 阳光花园项目物业后勤科2024年度工作总结素材\n- 设备巡检1248次\n", encoding="utf-8")
    facts = parse(extract_notes(notes).text)
    assert (facts.report.year, facts.report.organization, facts.report.department) == (
        2024,
        "阳光花园项目",
        "物业后勤科",
    )
    assert "笔记标题写的是2024年" in extract_notes(notes, year=2025).text


def test_full_date_outside_year_stays_in_text(tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("# 2025年工作笔记\n- 2024年12月30日配电房跳闸，抢修2小时恢复\n", encoding="utf-8")
    text = extract_notes(notes).text
    case = parse(text).functions[0].cases[0]
    assert case.date is None and "2024年12月30日" in case.event
    assert "不在报告年度2025内" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "^notes file: .*n.md: no such file"), ("", "empty"), ("\n  \n---\n", "empty")],
)
def test_bad_notes_are_bad_input(tmp_path: Path, content: str | None, message: str) -> None:
    notes = tmp_path / "n.md"
    if content is not None:
        notes.write_text(content, encoding="utf-8")
    with pytest.raises(BadInput, match=message):
        extract_notes(notes)


def test_unknown_profile_is_bad_input(tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("- 设备巡检1248次\n", encoding="utf-8")
    with pytest.raises(BadInput, match="unknown profile 'hotel'"):
        extract_notes(notes, profile="hotel")


def test_stamp_tells_edited_files() -> None:
    text = stamp("report: {}\n")
    assert not edited(text)
    assert edited(text.replace("{}", "{year: 2025}"))
    assert edited("report: {}\n")
