"""Hostile and broken input the way people produce it (issue 15): files re-saved by Notepad as "ANSI"
(GB18030), binary files where text belongs, bad config files, control characters, endless input, bad
URLs, long titles — each a message and exit 2 (or a warning and a working run), never a traceback."""

from __future__ import annotations

import io
import sys
import time
import zipfile
from pathlib import Path

import pytest
from tests.cli_helpers import run_cli

from zongjie.files import atomic_write
from zongjie.pipeline import draft
from zongjie.workspace.store import Workspace
from zongjie.writer.offline import OfflineWriter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


@pytest.fixture
def ws(tmp_path: Path, small_facts: Path) -> Path:
    out = tmp_path / "ws"
    draft(small_facts, out, OfflineWriter())
    return out


def _section(ws: Path, index: int = 2) -> Path:
    return ws / Workspace(ws).load_state().sections[index].file


def _resave_as_ansi(path: Path, edit: str = "") -> bytes:
    """What Notepad on a Chinese Windows does with "Save as… ANSI"."""
    data = (path.read_text(encoding="utf-8") + edit).encode("gb18030")
    path.write_bytes(data)
    return data


def test_a_section_file_resaved_as_gbk_is_converted_with_a_backup(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    section = _section(ws)
    original = _resave_as_ansi(section, "\n另补充：夜间巡查由班组长带队。\n")
    code, _, err = run_cli(capsys, "assemble", str(ws))
    assert code in (0, 1) and "Traceback" not in err
    assert "GB18030" in err and str(section) in err
    assert section.with_name(section.name + ".bak").read_bytes() == original  # the user's bytes kept
    assert "夜间巡查由班组长带队" in section.read_text(encoding="utf-8")  # now UTF-8
    assert "夜间巡查由班组长带队" in (ws / "draft.md").read_text(encoding="utf-8")


def test_gbk_draft_and_state_and_regen_force_still_work(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _resave_as_ansi(ws / ".zongjie" / "state.json")
    section = _section(ws)
    _resave_as_ansi(section, "手改。\n")
    code, _, err = run_cli(capsys, "regen", str(ws), Workspace(ws).load_state().sections[2].id, "--force")
    assert code in (0, 1) and "Traceback" not in err, err
    assert "backup kept" in err
    _resave_as_ansi(ws / "draft.md", "结尾手改。\n")
    code, _, err = run_cli(capsys, "export", str(ws), "-f", "md")
    assert code in (0, 1) and "GB18030" in err, err
    exported = next(p for p in ws.glob("*.md") if p.name != "draft.md")
    assert "结尾手改" in exported.read_text(encoding="utf-8")


def test_a_binary_section_file_is_a_message_naming_it(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    section = _section(ws)
    section.write_bytes(PNG)
    for args in (["assemble", str(ws)], ["regen", str(ws), "preface"], ["export", str(ws), "-f", "md"]):
        code, _, err = run_cli(capsys, *args)
        assert code == 2 and section.name in err and "Traceback" not in err, (args, err)
    assert section.read_bytes() == PNG


def test_toml_syntax_error_is_exit_2_for_draft_and_doctor(
    tmp_path: Path, small_facts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("zongjie.toml").write_text('model = "qwen\nbase_url = 1\n', encoding="utf-8")
    for args in (["draft", str(small_facts), "-o", str(tmp_path / "o")], ["doctor"]):
        code, _, err = run_cli(capsys, *args)
        assert code == 2 and "zongjie.toml" in err and "not valid TOML" in err and "line 1" in err, err
    assert not (tmp_path / "o").exists()


def test_gbk_env_is_read_with_a_warning_binary_env_refused(capsys: pytest.CaptureFixture[str]) -> None:
    Path(".env").write_bytes("# 模型配置（记事本保存）\nZONGJIE_MODEL=本地模型\n".encode("gb18030"))
    code, out, err = run_cli(capsys, "doctor", "--base-url", "http://127.0.0.1:9/v1")
    assert "GB18030" in err and "本地模型" in out + err and "Traceback" not in err
    Path(".env").write_bytes(PNG)
    code, _, err = run_cli(capsys, "doctor")
    assert code == 2 and ".env" in err and "Traceback" not in err


def test_control_characters_do_not_break_word_export(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    section = _section(ws)
    section.write_text(
        section.read_text(encoding="utf-8") + "\n响铃\x07与转义\x1b[31m字符。\n", encoding="utf-8"
    )
    run_cli(capsys, "assemble", str(ws))
    code, _, err = run_cli(capsys, "export", str(ws), "-f", "docx", "--no-charts", "-o", str(ws / "r.docx"))
    assert code in (0, 1) and "control characters" in err, err
    with zipfile.ZipFile(ws / "r.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "响铃与转义[31m字符" in xml and "\x1b" not in xml


def test_notes_on_stdin_in_gbk_are_read_binary_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = (FIXTURES / "notes-bullets.md").read_text(encoding="utf-8").encode("gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(notes)))
    code, out, err = run_cli(capsys, "extract", "-", "--year", "2025")
    assert code == 0 and "GB18030" in err and "1248" in out, err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PNG)))
    for command in ("extract", "polish"):
        code, _, err = run_cli(capsys, command, "-")
        assert code == 2 and "<stdin>" in err and "Traceback" not in err, err


def test_a_gbk_notes_file_is_read_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "记事.txt"
    notes.write_bytes((FIXTURES / "notes-bullets.md").read_text(encoding="utf-8").encode("gb18030"))
    code, out, err = run_cli(capsys, "extract", str(notes), "--year", "2025")
    assert code == 0 and "GB18030" in err and "1248" in out
    assert notes.read_bytes().decode("gb18030")  # the user's input file is left as it was


@pytest.mark.parametrize("command", ["check", "draft", "extract", "lint"])
def test_dev_zero_as_input_stops_at_the_size_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    monkeypatch.setenv("ZONGJIE_MAX_INPUT_MB", "1")
    zero = tmp_path / "zero.yaml" if command != "extract" else tmp_path / "zero.md"
    zero.symlink_to("/dev/zero")
    args = [command, str(zero)] + (["-o", str(tmp_path / "o")] if command == "draft" else [])
    start = time.monotonic()
    code, _, err = run_cli(capsys, *args)
    assert code == 2 and "larger than 1 MB" in err and "ZONGJIE_MAX_INPUT_MB" in err, err
    assert time.monotonic() - start < 10


def test_a_base_url_that_is_not_a_url_is_refused_at_once(
    tmp_path: Path, small_facts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for url in ("not a url", "ftp://x.example/v1", "http://", "127.0.0.1:8080"):
        start = time.monotonic()
        code, _, err = run_cli(
            capsys, "draft", str(small_facts), "-o", str(tmp_path / "o"), "--base-url", url, "--model", "m"
        )
        assert code == 2 and "base_url" in err and "URL" in err, (url, err)
        assert time.monotonic() - start < 5 and not (tmp_path / "o").exists()


def test_draft_docx_with_a_90_character_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = "阳光花园项目物业服务中心后勤保障科" * 5 + "年度工作总结暨下一年度工作计划"
    assert len(title) >= 90
    facts = tmp_path / "f.yaml"
    facts.write_text(
        (FIXTURES / "property-small.yaml")
        .read_text(encoding="utf-8")
        .replace("report:\n", f"report:\n  title: {title}\n", 1),
        encoding="utf-8",
    )
    code, _, err = run_cli(capsys, "draft", str(facts), "-o", str(tmp_path / "o"), "--docx")
    assert code in (0, 1) and "Traceback" not in err, err
    docx = list((tmp_path / "o").glob("*.docx"))
    assert len(docx) == 1 and len(docx[0].name.encode()) <= 200 and docx[0].name.startswith("阳光花园")


def test_draft_from_edited_notes_facts_does_not_suggest_a_missing_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "o"
    notes = FIXTURES / "notes-bullets.md"
    assert run_cli(capsys, "draft", str(notes), "-o", str(out), "--year", "2025")[0] in (0, 1)
    facts = out / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("1248", "1250"), encoding="utf-8")
    code, _, err = run_cli(capsys, "draft", str(notes), "-o", str(out), "--year", "2025")
    assert code == 2 and "--force" not in err and f"zongjie draft {facts}" in err, err


def test_os_errors_name_the_real_file_not_the_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def no_permission(*, dir: str, prefix: str, suffix: str) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", f"{dir}/{prefix}k3x9{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", no_permission)
    with pytest.raises(PermissionError) as info:
        atomic_write(tmp_path / "draft.md", "x")
    assert info.value.filename == str(tmp_path / "draft.md") and "Permission denied" in str(info.value)


def test_unexpected_errors_are_internal_errors_without_traceback(
    ws: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import zongjie.pipeline

    def broken(out: Path) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr(zongjie.pipeline, "reassemble", broken)
    code, _, err = run_cli(capsys, "assemble", str(ws))
    assert code == 1 and "internal error — please report" in err and "--debug" in err
    assert "Traceback" not in err

    def deep(out: Path) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(zongjie.pipeline, "reassemble", deep)
    code, _, err = run_cli(capsys, "assemble", str(ws))
    assert code == 2 and "nested too deeply" in err and "Traceback" not in err


def test_damaged_utf8_is_not_mistaken_for_gbk(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    section = _section(ws)
    data = section.read_bytes()
    damaged = data[:40] + b"\xff" + data[40:]  # one stray byte in a UTF-8 file
    section.write_bytes(damaged)
    code, _, err = run_cli(capsys, "assemble", str(ws))
    assert code == 2 and "damaged byte" in err and section.name in err
    assert section.read_bytes() == damaged  # not "converted" into nonsense


def test_a_linked_state_folder_is_refused(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (ws / ".zongjie").rename(elsewhere)
    (ws / ".zongjie").symlink_to(elsewhere)
    before = sorted(p.name for p in elsewhere.iterdir())
    for args in (["assemble", str(ws)], ["export", str(ws), "-f", "md"]):
        code, _, err = run_cli(capsys, *args)
        assert code == 2 and "symbolic link" in err, err
    assert sorted(p.name for p in elsewhere.iterdir()) == before  # no lock file written through the link
