"""The notes commands' options as a user types them: --year 2025年 like `year:` in a facts file, a bad year a
plain message with exit 2, and draft's --org/--department (the facts file it writes tells the user about them)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cli_helpers import run_cli

NOTES = "2025年总务处工作随记\n\n- 全年受理报修2,140件\n- 校园绿化养护面积 3.2万㎡\n"


def _notes(tmp_path: Path) -> Path:
    path = tmp_path / "n.md"
    path.write_text(NOTES.replace("2025年总务处工作随记", "总务处工作随记"), encoding="utf-8")
    return path


@pytest.mark.parametrize("written", ["2025年", "2025年度", "２０２５", "二〇二五年"])
def test_draft_reads_the_year_as_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, "draft", str(_notes(tmp_path)), "--year", written, "-o", str(out))
    assert code in (0, 1), err  # 1: lint findings remain (sections without material)
    data = yaml.safe_load((out / "facts.yaml").read_text(encoding="utf-8"))
    assert data["report"]["year"] == 2025


@pytest.mark.parametrize("command", ["draft", "extract"])
def test_a_bad_year_is_a_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    out = tmp_path / "out"
    code, stdout, err = run_cli(capsys, command, str(_notes(tmp_path)), "--year", "明年", "-o", str(out))
    assert code == 2
    assert "--year 明年" in err and "2025" in err
    assert "Traceback" not in err and "╭" not in err + stdout
    assert not out.exists()


def test_draft_takes_org_and_department(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "n.md"
    notes.write_text(NOTES, encoding="utf-8")
    out = tmp_path / "out"
    args = ("--org", "城南实验中学", "--department", "后勤管理处", "-o", str(out))
    code, _, err = run_cli(capsys, "draft", str(notes), *args)
    assert code in (0, 1), err
    text = (out / "facts.yaml").read_text(encoding="utf-8")
    report = yaml.safe_load(text)["report"]
    assert (report["organization"], report["department"]) == ("城南实验中学", "后勤管理处")
    assert "? 单位名称" not in text
