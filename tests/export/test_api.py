"""export_workspace: inputs, lint findings and --strict, hand edits, backups, Markdown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from zongjie.errors import BadInput, WorkspaceError
from zongjie.export import ExportRefused, export_workspace


@pytest.fixture
def ws(property_ws: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(property_ws, target)
    return target


def _append(ws: Path, text: str) -> None:
    draft = ws / "draft.md"
    draft.write_text(draft.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


def test_not_a_workspace_and_bad_format(tmp_path: Path, ws: Path) -> None:
    with pytest.raises(WorkspaceError):
        export_workspace(tmp_path, "docx", None)
    with pytest.raises(BadInput):
        export_workspace(ws, "pdf", None)  # type: ignore[arg-type]
    with pytest.raises(BadInput, match="draft itself"):
        export_workspace(ws, "md", ws / "draft.md")
    (ws / "draft.md").unlink()
    with pytest.raises(WorkspaceError, match=r"draft\.md"):
        export_workspace(ws, "docx", None, charts=False)


def test_default_output_is_named_after_the_title(ws: Path) -> None:
    result = export_workspace(ws, "md", None)
    assert result.path == ws / "阳光花园项目物业后勤科2025年度工作总结.md"


def test_error_findings_are_reported_and_strict_refuses(ws: Path, tmp_path: Path) -> None:
    _append(ws, "全年另完成XX项专项整治。")
    result = export_workspace(ws, "docx", tmp_path / "a.docx", charts=False)
    assert result.path.is_file() and result.errors
    assert any(f.rule == "placeholder" for f in result.errors)
    with pytest.raises(ExportRefused) as info:
        export_workspace(ws, "docx", tmp_path / "b.docx", charts=False, strict=True)
    assert info.value.exit_code == 1 and info.value.findings
    assert not (tmp_path / "b.docx").exists()


def test_hand_edits_in_draft_are_exported(ws: Path, tmp_path: Path) -> None:
    import docx

    _append(ws, "科室全体人员手工补充的一段话。")
    result = export_workspace(ws, "docx", tmp_path / "a.docx", charts=False)
    texts = [p.text for p in docx.Document(str(result.path)).paragraphs]
    assert "科室全体人员手工补充的一段话。" in texts


def test_existing_file_not_ours_is_backed_up_ours_is_replaced(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("my own edits", encoding="utf-8")
    first = export_workspace(ws, "html", out, charts=False)
    assert first.backup == tmp_path / "report.html.bak"
    assert first.backup.read_text(encoding="utf-8") == "my own edits"
    _append(ws, "再补充一句。")
    second = export_workspace(ws, "html", out, charts=False)
    assert second.backup is None  # the file held exactly what zongjie wrote last time
    out.write_text("edited again", encoding="utf-8")
    third = export_workspace(ws, "html", out, charts=False)
    assert third.backup == tmp_path / "report.html.bak2"  # an older backup is never replaced
    assert (tmp_path / "report.html.bak").read_text(encoding="utf-8") == "my own edits"


def test_markdown_export_is_the_draft_plus_signoff(ws: Path, tmp_path: Path) -> None:
    result = export_workspace(ws, "md", tmp_path / "a.md")
    draft = (ws / "draft.md").read_text(encoding="utf-8")
    text = result.path.read_text(encoding="utf-8")
    assert text.startswith(draft) and text.endswith("阳光花园项目物业后勤科\n\n2026年1月8日\n")
    _append(ws, "阳光花园项目物业后勤科\n\n2026年1月8日")  # a 落款 typed by hand is not doubled
    again = export_workspace(ws, "md", tmp_path / "b.md").path.read_text(encoding="utf-8")
    assert again.count("2026年1月8日") == 1


def test_section_edits_not_yet_assembled_are_warned_about(ws: Path, tmp_path: Path) -> None:
    section = next((ws / "sections").glob("*-closing.md"))
    section.write_text(section.read_text(encoding="utf-8") + "\n补充的一句。\n", encoding="utf-8")
    result = export_workspace(ws, "md", tmp_path / "a.md", charts=False)
    assert any("zongjie assemble" in w for w in result.warnings)
    assert "补充的一句" not in (tmp_path / "a.md").read_text(encoding="utf-8")  # draft.md as it is
    # After assembling, the edit is in the draft and the warning is gone.
    from zongjie.pipeline import reassemble

    reassemble(ws)
    result = export_workspace(ws, "md", tmp_path / "b.md", charts=False)
    assert not any("zongjie assemble" in w for w in result.warnings)
    assert "补充的一句" in (tmp_path / "b.md").read_text(encoding="utf-8")
