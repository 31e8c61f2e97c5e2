"""Offline polish styles and the lines it must not pass silently: 简洁 and 正式 differ visibly, content-free
bullets are flagged, 原因：/措施： lines stay with their problem, failures name their real reason, - is stdin."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from cli_helpers import run_cli
from zongjie.notes.polish import failure, polish_file

ROOT = Path(__file__).resolve().parents[2]
NOTES = sorted(p for p in (ROOT / "fixtures").glob("notes-*") if ".expected." not in p.name)
CONNECTOR = re.compile(r"(?:^|[。\n])(?:同时|此外|另外)，")


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "p.txt"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("notes", NOTES, ids=[p.name for p in NOTES])
def test_styles_differ_visibly(notes: Path) -> None:
    formal = polish_file(notes, section=None, style="正式")
    terse = polish_file(notes, section=None, style="简洁")
    assert formal.ok and terse.ok, (formal.problems, terse.problems)
    assert formal.text != terse.text
    assert CONNECTOR.search(formal.text) and not CONNECTOR.search(terse.text)
    assert len(terse.text) < len(formal.text)


def test_terse_merges_short_sentences_and_formal_links_them(tmp_path: Path) -> None:
    path = _write(tmp_path, "- 今年设备巡检1248次\n- 电梯维修32次，比去年少9次\n")
    assert (
        polish_file(path, section=None, style="简洁").text == "设备巡检1248次；电梯维修32次，较上年减少9次。"
    )
    formal = polish_file(path, section=None, style="正式").text
    assert re.fullmatch(r"全年设备巡检1248次。(?:同时|此外|另外)，电梯维修32次，较上年减少9次。", formal)


def test_content_free_bullet_is_flagged_not_padded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "- 设备巡检1248次\n- 完成。\n- 电梯维修32次\n")
    code, out, err = run_cli(capsys, "polish", str(path))
    assert code == 0, err
    assert "完成。" not in out and "1248次" in out and "32次" in out
    assert "L2 “完成” says nothing on its own" in err


def test_only_content_free_notes_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "polish", str(_write(tmp_path, "- 完成\n- 正常\n")))
    assert code == 2 and "content-free" in err


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("正式", "1. 电梯老化，故障较多。主要原因是编制少。下一步将增编2人。\n\n2. 夜班人手不够。"),
        ("简洁", "1. 电梯老化，故障较多；原因：编制少；措施：增编2人。\n\n2. 夜班人手不够。"),
    ],
)
def test_cause_and_measure_lines_belong_to_their_problem(tmp_path: Path, style: str, expected: str) -> None:
    path = _write(tmp_path, "- 电梯老化，故障较多\n原因：编制少\n措施：增编2人\n- 夜班人手不够\n")
    result = polish_file(path, section="problems", style=style)
    assert result.text.endswith(expected) and "2. 原因" not in result.text
    # 夜班人手不够 has neither cause nor measure in the notes: `zongjie lint` rejects it, so polish does.
    assert not result.ok and result.problems == [
        "lint problem-without-cause: 问题没有原因分析：写明问题的根源（管理、人员、流程、预算或技术）「夜班人手不够。」",
        "lint problem-without-measure: 问题没有整改措施：写明下一步怎么解决「夜班人手不够。」",
    ]


def test_placeholder_failure_names_the_lint_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "polish", str(_write(tmp_path, "- 设备巡检XX次\n- 电梯维修32次\n")))
    assert code == 1 and out == ""
    assert "polish failed: the prose breaks lint rule placeholder; nothing written" in err
    assert "numbers in the prose do not match" not in err


def test_failure_reason_tells_numbers_from_lint() -> None:
    assert failure(["missing from the output: 1248次"]) == "the numbers in the prose do not match the notes"
    both = failure(["not in the notes: 1300次", "lint placeholder: x", "lint banned-phrase: y"])
    assert (
        both
        == "the numbers in the prose do not match the notes; the prose breaks lint rules banned-phrase, placeholder"
    )


def test_dash_reads_notes_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("- 设备巡检1248次\n- 电梯维修32次\n"))
    code, out, err = run_cli(capsys, "polish", "-", "--style", "简洁")
    assert code == 0, err
    assert out.strip() == "设备巡检1248次；电梯维修32次。"


def test_dash_with_empty_stdin_is_bad_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    code, _, err = run_cli(capsys, "polish", "-")
    assert code == 2 and "<stdin>: the notes are empty" in err
