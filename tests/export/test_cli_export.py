"""`zongjie export` through the real entry point: exit codes and messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli_helpers import run_cli
from export.export_helpers import FIXTURES


@pytest.fixture
def ws(property_ws: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(property_ws, target)
    return target


def test_export_html(capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, stdout, _ = run_cli(capsys, "export", str(ws), "--format", "html", "-o", str(out), "--no-charts")
    assert code == 0 and out.is_file() and f"exported: {out}" in stdout


def test_bad_input_exits_2(capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path) -> None:
    assert run_cli(capsys, "export", str(tmp_path / "nowhere"))[0] == 2
    code, _, err = run_cli(capsys, "export", str(ws), "--format", "pdf")  # a usage error, before any work
    assert code == 2 and "'pdf' is not one of" in err and "'html'" in err and not list(ws.glob("*.pdf"))


def test_error_findings_printed_and_strict_exits_1(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path
) -> None:
    draft = ws / "draft.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\n全年完成XX项工作。\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "export", str(ws), "-o", str(tmp_path / "a.docx"), "--no-charts")
    assert code == 0 and "placeholder" in err and "exported anyway" in err
    # One layout for findings: export prints them exactly as `zongjie lint` does.
    facts = str(FIXTURES / "property-full.yaml")
    _, linted, _ = run_cli(capsys, "lint", str(draft), "--facts", facts)
    [line] = [x for x in err.splitlines() if "placeholder" in x]
    assert line in linted.splitlines() and "[closing]" in err.splitlines()  # grouped by section
    code, _, err = run_cli(capsys, "export", str(ws), "-o", str(tmp_path / "b.docx"), "--strict")
    assert code == 1 and "placeholder" in err and not (tmp_path / "b.docx").exists()


def test_help_has_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = run_cli(capsys, "export", "--help")
    assert code == 0 and "Example:" in stdout
