"""Findings as Word comments (批注): exactly one per open finding, authored zongjie, on the words it quotes;
a finding that quotes nothing on its section's heading; without --comments the file has none."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from export.export_helpers import FIXTURES, make_workspace
from zongjie.cli.app import main
from zongjie.export import export_workspace
from zongjie.export.comments import AUTHOR, comment_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def clean_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workspace(FIXTURES / "school-full.yaml", tmp_path_factory.mktemp("ws") / "school")


@pytest.fixture
def edited_ws(clean_ws: Path, tmp_path: Path) -> Path:
    """The 科长's hand edits in draft.md: two figures that trace to no fact, one of them twice in the draft
    so only the second (the one the finding points at) may carry the comment."""
    ws = tmp_path / "ws"
    shutil.copytree(clean_ws, ws)
    draft = ws / "draft.md"
    text = draft.read_text(encoding="utf-8")
    assert "报修工单降至2186件" in text and "全年开展技能培训28场" in text
    text = text.replace("报修工单降至2186件", "报修工单降至2286件").replace(
        "全年开展技能培训28场", "全年开展技能培训38场"
    )
    text = text.rstrip("\n") + "\n\n另据统计，全年共计38场次活动。\n"
    draft.write_text(text, encoding="utf-8")
    return ws


def _ranges(docx_path: Path) -> dict[int, str]:
    """Comment id → the document text between its range start and end."""
    xml = zipfile.ZipFile(docx_path).read("word/document.xml").decode("utf-8")
    out = {}
    for m in re.finditer(
        r'<w:commentRangeStart w:id="(\d+)"/>(.*?)<w:commentRangeEnd w:id="\1"/>', xml, re.S
    ):
        out[int(m.group(1))] = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", m.group(2)))
    return out


def test_one_comment_per_open_finding_on_the_quoted_words(edited_ws: Path, tmp_path: Path) -> None:
    import docx

    result = export_workspace(edited_ws, "docx", tmp_path / "r.docx", charts=False, comments=True)
    findings = result.findings
    quoted = [f for f in findings if f.excerpt]
    assert {f.excerpt for f in quoted} >= {"2286件", "38场"}
    assert any(not f.excerpt for f in findings)  # the facts the edit dropped quote nothing
    document = docx.Document(str(result.path))
    comments = list(document.comments)
    assert result.comments == len(comments) == len(findings)
    assert sorted(c.text for c in comments) == sorted(comment_text(f) for f in findings)
    assert {c.author for c in comments} == {AUTHOR}
    ranges = _ranges(result.path)
    by_text = {c.text: c.comment_id for c in comments}
    for finding in quoted:
        assert ranges[by_text[comment_text(finding)]] == finding.excerpt  # exactly the quoted words
    # 38场 occurs twice; the finding points at the 团队 paragraph, and that is where its comment is.
    team_finding = next(f for f in quoted if f.excerpt == "38场" and f.section == "team")
    xml = zipfile.ZipFile(result.path).read("word/document.xml").decode("utf-8")
    at = xml.index(f'<w:commentRangeStart w:id="{by_text[comment_text(team_finding)]}"/>')
    assert xml.rfind("技能培训", 0, at) > xml.rfind("团队建设", 0, at) > 0
    # A finding that quotes nothing sits on its section's heading.
    dropped = next(f for f in findings if f.rule == "fact-dropped" and f.section == "review-facilities")
    assert ranges[by_text[comment_text(dropped)]] == "（一）设施运维"
    # Splitting runs for the anchors lost no text.
    assert "报修工单降至2286件（上年2412件）" in "\n".join(p.text for p in document.paragraphs)


def test_without_comments_the_file_is_clean(edited_ws: Path, tmp_path: Path) -> None:
    import docx

    result = export_workspace(edited_ws, "docx", tmp_path / "r.docx", charts=False)
    assert result.findings and result.comments == 0
    names = zipfile.ZipFile(result.path).namelist()
    assert not [n for n in names if "comments" in n]
    assert len(list(docx.Document(str(result.path)).comments)) == 0


def test_a_clean_draft_gets_no_comments(clean_ws: Path, tmp_path: Path) -> None:
    result = export_workspace(clean_ws, "docx", tmp_path / "r.docx", charts=False, comments=True)
    assert result.findings == [] and result.comments == 0


def test_cli_comments_flag(edited_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli.docx"
    with pytest.raises(SystemExit):
        main(["export", str(edited_ws), "-o", str(out), "--comments", "--no-charts"])
    assert "comment(s)" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["export", str(edited_ws), "--format", "html", "--comments"])
    assert exc.value.code == 2
    assert "--format docx" in capsys.readouterr().err
