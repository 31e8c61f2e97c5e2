"""Offline polish keeps exactly the notes' numbers and lints clean; the extract/polish commands end to end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cli_helpers import run_cli
from zongjie import profiles
from zongjie.errors import BadInput
from zongjie.facts.load import load
from zongjie.notes import notes_to_facts_file
from zongjie.notes.parse import read
from zongjie.notes.polish import polish_file, section_task, smooth, verify
from zongjie.text.numbers import METRIC_KINDS, extract

ROOT = Path(__file__).resolve().parents[2]
NOTES = sorted(p for p in (ROOT / "fixtures").glob("notes-*") if ".expected." not in p.name)
MIXED = ROOT / "fixtures" / "notes-mixed.md"


def _quantities(text: str) -> list[tuple[object, str]]:
    return sorted((q.base()[0], q.base()[1]) for q in extract(text) if q.kind in METRIC_KINDS)


@pytest.mark.parametrize("notes", NOTES, ids=[p.name for p in NOTES])
@pytest.mark.parametrize("style", ["正式", "简洁"])
def test_offline_polish_keeps_exactly_the_numbers(notes: Path, style: str) -> None:
    """Every number of the notes the section takes, and no other; the notes left out are named by line."""
    result = polish_file(notes, section=None, style=style)
    assert result.ok, result.problems
    said = "\n".join(m for m in result.messages if m.startswith("polish: left out"))
    left_out = {int(n) for n in re.findall(r"\bL(\d+)\b", said)}
    source = "\n".join(i.text for i in read(notes).items if i.line not in left_out)
    assert _quantities(result.text) == _quantities(source)
    assert "- " not in result.text and "今年" not in result.text


@pytest.mark.parametrize("section", ["review-facilities", "review-environment", "problems", "team"])
def test_polish_for_each_kind_of_section_lints_clean(section: str) -> None:
    result = polish_file(MIXED, section=section, style="正式")
    assert result.ok, result.problems
    assert (
        "polish: checked as `zongjie lint --facts` reads this section, the notes as facts — numbers as in the notes"
        in result.messages[-1]
    )


def test_polish_plans_takes_only_the_plans_and_reports_a_plan_without_deadline() -> None:
    result = polish_file(MIXED, section="plans", style="正式")
    assert "1248" not in result.text and "16年" not in result.text  # no review work, no problem
    assert "设备完好率提升至99.5%" in result.text and "保洁员流失率降至15%以内" in result.text
    # The notes give the second plan no deadline: `zongjie lint` rejects that, so polish does too.
    assert not result.ok and result.problems == [
        "lint plan-without-deadline: 计划没有完成时限：写明何时完成「保洁员流失率降至15%以内（环境主管赵敏负责）。」"
    ]
    assert (
        "polish: `zongjie lint --facts` on this section, the notes as facts, finds 1 lint error(s), 0 lint warning(s)"
        in result.messages
    )


@pytest.mark.parametrize("section", ["lessons", "preface"])
def test_polish_of_a_section_the_notes_have_nothing_for_is_refused(section: str) -> None:
    with pytest.raises(BadInput, match=f"no note is for section {section}; the notes hold lines for: "):
        polish_file(MIXED, section=section, style="正式")


def test_smooth_changes_wording_not_numbers() -> None:
    assert smooth("今年电梯维修32次，比去年少9次") == "全年电梯维修32次，较上年减少9次。"
    assert smooth("设备巡检做了412次，去年是380次") == "设备巡检完成412次，上年为380次。"
    assert smooth("垃圾清运及时率99%") == "垃圾清运及时率为99%。"


def test_verify_reports_a_changed_number() -> None:
    notes = read(MIXED)
    task = section_task(notes, "review-facilities", profiles.load("property"), 2025)
    problems = verify(notes, "设备巡检1300次。", task)
    assert any("1300" in p for p in problems) and any("1248" in p for p in problems)


def test_polish_unknown_section_or_style_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "polish", str(MIXED), "--section", "review-kitchen")
    assert code == 2 and "unknown section" in err
    code, _, err = run_cli(capsys, "polish", str(MIXED), "--style", "华丽")
    assert code == 2 and "unknown style" in err


def test_polish_cli_writes_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.md"
    code, _, err = run_cli(capsys, "polish", str(MIXED), "--style", "简洁", "-o", str(out))
    assert code == 0, err
    assert "1248次" in out.read_text(encoding="utf-8")
    assert not (tmp_path / "p.md.bak").exists()  # a fresh file: nothing to keep


def test_polish_cli_keeps_the_file_it_replaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.md"
    out.write_text("我手写的段落。\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "polish", str(MIXED), "--style", "简洁", "-o", str(out))
    assert code == 0, err
    assert f"backup kept: {out}.bak" in err
    assert (tmp_path / "p.md.bak").read_text(encoding="utf-8") == "我手写的段落。\n"
    assert "1248次" in out.read_text(encoding="utf-8")
    code, _, err = run_cli(capsys, "polish", str(MIXED), "--style", "正式", "-o", str(out))
    assert code == 0 and f"backup kept: {out}.bak2" in err  # the first backup is never replaced
    assert (tmp_path / "p.md.bak").read_text(encoding="utf-8") == "我手写的段落。\n"
    assert "1248次" in (tmp_path / "p.md.bak2").read_text(encoding="utf-8")


def test_extract_cli_prints_unplaced_and_writes_loadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "facts.yaml"
    code, stdout, err = run_cli(capsys, "extract", str(MIXED), "-o", str(out))
    assert code == 0, err
    assert "unplaced (1)" in err and "L33: 年底聚餐的事再商量" in err
    assert load(out).report.organization == "阳光花园项目"
    code, stdout, err = run_cli(capsys, "extract", str(MIXED))
    assert code == 0 and yaml.safe_load(stdout)["report"]["year"] == 2025


def test_extract_cli_keeps_an_edited_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "facts.yaml"
    assert run_cli(capsys, "extract", str(MIXED), "-o", str(out))[0] == 0
    assert run_cli(capsys, "extract", str(MIXED), "-o", str(out))[0] == 0  # unchanged: rewritten freely
    edited = out.read_text(encoding="utf-8").replace("organization: 阳光花园项目", "organization: 阳光花园")
    out.write_text(edited, encoding="utf-8")
    code, _, err = run_cli(capsys, "extract", str(MIXED), "-o", str(out))
    assert code == 2 and "edited" in err
    assert out.read_text(encoding="utf-8") == edited
    code, _, err = run_cli(capsys, "extract", str(MIXED), "-o", str(out), "--force")
    assert code == 0 and f"backup kept: {out}.bak" in err
    assert "organization: 阳光花园项目" in out.read_text(encoding="utf-8")
    assert (tmp_path / "facts.yaml.bak").read_text(encoding="utf-8") == edited  # --force keeps the edit


@pytest.mark.parametrize("args", [["missing.md"], ["EMPTY"], [str(MIXED), "--profile", "hotel"]])
def test_extract_bad_input_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("\n\n", encoding="utf-8")
    out = tmp_path / "facts.yaml"
    argv = [str(empty) if a == "EMPTY" else str(tmp_path / a) if a == "missing.md" else a for a in args]
    code, _, _ = run_cli(capsys, "extract", *argv, "-o", str(out))
    assert code == 2 and not out.exists()


def test_notes_to_facts_file_for_draft(tmp_path: Path) -> None:
    lines: list[str] = []
    path = notes_to_facts_file(MIXED, tmp_path / "ws", profile="property", settings=None, echo=lines.append)
    assert path == tmp_path / "ws" / "facts.yaml"
    assert load(path).functions[0].key == "facilities"
    assert any("L33" in line for line in lines)
