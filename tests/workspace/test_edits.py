"""Edits come back: a hand-edited draft.md, or the exported .docx revised in Word, is split back into the
section files by heading, so regenerating another section keeps every edit; what cannot be placed is
reported and kept, never dropped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.cli_helpers import run_cli

from zongjie.errors import WorkspaceError
from zongjie.pipeline import draft, reassemble, regen
from zongjie.workspace.edits import UNPLACED_FILE
from zongjie.writer.offline import OfflineWriter

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "school-full.yaml"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("edits") / "ws"
    draft(FIXTURE, root, OfflineWriter())
    return root


@pytest.fixture
def ws(drafted: Path, tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(drafted, root)
    return root


def _section(ws: Path, section_id: str) -> Path:
    return next((ws / "sections").glob(f"*-{section_id}.md"))


def _edit_draft(ws: Path, *pairs: tuple[str, str]) -> None:
    path = ws / "draft.md"
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


EDITS = (
    ("新员工实行师徒结对。", "新员工实行师徒结对，老师傅带新人上岗。"),  # a sentence changed (团队)
    (
        "### （二）环境与绿化\n",
        "### （二）环境与绿化\n\n东操场周边的乔木由后勤组自行养护。\n",
    ),  # a paragraph added
    ("现将全年工作总结如下。", "现将全年工作总结如下，请审阅。"),  # the preface, which has no heading
)
KEPT = ("老师傅带新人上岗", "东操场周边的乔木由后勤组自行养护", "现将全年工作总结如下，请审阅")


def test_edited_draft_md_survives_regen_of_another_section(ws: Path) -> None:
    _edit_draft(ws, *EDITS)
    plans_before = _section(ws, "plans").read_text(encoding="utf-8")
    untouched = _section(ws, "review-security").read_bytes()
    result = regen(ws, "plans", OfflineWriter())
    assert result.edits is not None
    assert sorted(result.edits.changed) == ["preface", "review-environment", "team"]
    assert not result.edits.unplaced and not result.edits.gone
    text = (ws / "draft.md").read_text(encoding="utf-8")
    for phrase in KEPT:
        assert phrase in text, phrase
    assert "老师傅带新人上岗" in _section(ws, "team").read_text(encoding="utf-8")
    assert (
        _section(ws, "review-security").read_bytes() == untouched
    )  # sections not edited stay byte-identical
    assert _section(ws, "plans").read_text(encoding="utf-8") == plans_before  # offline regen: same text
    # The edited sections are hand-edited sections now: regen refuses them without --force…
    with pytest.raises(WorkspaceError, match="edited by hand"):
        regen(ws, "team", OfflineWriter())
    # …and a second regen of another section keeps them, taking nothing twice.
    again = regen(ws, "closing", OfflineWriter())
    assert again.edits is None
    for phrase in KEPT:
        assert phrase in (ws / "draft.md").read_text(encoding="utf-8")


def test_draft_and_assemble_take_draft_md_edits_too(ws: Path) -> None:
    _edit_draft(ws, EDITS[0])
    result = draft(FIXTURE, ws, OfflineWriter())
    assert result.edits is not None and result.edits.changed == ["team"] and "team" in result.edited
    assert "老师傅带新人上岗" in (ws / "draft.md").read_text(encoding="utf-8")
    _edit_draft(ws, ("老师傅带新人上岗", "老师傅带新人上岗三个月"))
    assembled = reassemble(ws)
    assert assembled.edits is not None and assembled.edits.changed == ["team"]
    assert "老师傅带新人上岗三个月" in _section(ws, "team").read_text(encoding="utf-8")
    assert any(p.name.startswith("09-team.") for p in (ws / "backups").iterdir())  # the earlier hand edit


def test_renamed_heading_is_reported_and_its_text_kept(ws: Path) -> None:
    _edit_draft(ws, ("## 二、亮点工作与创新举措", "## 二、工作亮点"), EDITS[0])
    highlights_before = _section(ws, "highlights").read_text(encoding="utf-8")
    result = regen(ws, "plans", OfflineWriter())
    assert result.edits is not None
    assert [u.heading for u in result.edits.unplaced] == ["二、工作亮点"]
    assert result.edits.gone == ["highlights"]
    assert result.edits.changed == ["team"]  # the rest is still taken
    kept = (ws / UNPLACED_FILE).read_text(encoding="utf-8")
    assert "## 二、工作亮点" in kept and "创新工作方法" in kept  # the text under it, whole
    assert _section(ws, "highlights").read_text(encoding="utf-8") == highlights_before
    assert any(p.name.startswith("draft.") for p in (ws / "backups").iterdir())  # the edited draft.md too


def test_cli_reports_what_could_not_be_placed(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit_draft(ws, ("## 二、亮点工作与创新举措", "## 二、工作亮点"))
    _, _, err = run_cli(capsys, "assemble", str(ws))
    assert "matches no section" in err and UNPLACED_FILE in err
    assert "highlights" in err


def _revise_in_word(exported: Path, revised: Path) -> None:
    """What a 科长 does in Word: rewrites a sentence, adds a paragraph under a heading, makes a word bold."""
    import docx

    document = docx.Document(str(exported))
    paragraphs = document.paragraphs
    team = next(p for p in paragraphs if p.text.startswith("在队伍建设上"))
    for run in team.runs:
        if "新员工实行师徒结对。" in run.text:
            run.text = run.text.replace("新员工实行师徒结对。", "新员工实行师徒结对，老师傅带新人上岗。")
    document.add_comment(team.runs[0], "这段再压缩一下", author="王科长", initials="王")
    heading = next(i for i, p in enumerate(paragraphs) if p.text == "（二）环境与绿化")
    paragraphs[heading + 1].insert_paragraph_before("东操场周边的乔木由后勤组自行养护。", style="Normal")
    preface = next(p for p in paragraphs if "现将全年工作总结如下。" in p.text)
    for run in preface.runs:
        run.text = run.text.replace("现将全年工作总结如下。", "现将全年工作总结如下，请审阅。")
    document.save(str(revised))


def test_edited_docx_imported_then_regen_of_another_section_keeps_every_edit(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "report.docx"
    assert run_cli(capsys, "export", str(ws), "-o", str(exported), "--no-charts")[0] == 0
    # Read back untouched, the Word file changes nothing.
    code, out, _ = run_cli(capsys, "import-edits", str(ws), str(exported))
    assert code == 0 and "no section changed" in out
    revised = tmp_path / "科长修改.docx"
    _revise_in_word(exported, revised)
    before = {p.name: p.read_bytes() for p in (ws / "sections").iterdir()}
    code, out, err = run_cli(capsys, "import-edits", str(ws), str(revised))
    assert code == 0, err
    assert "preface, review-environment, team" in out
    assert "table(s)" in err  # the tables are not read back, and it says so
    assert "1 comment(s) (批注) by 王科长" in err
    changed = {n for n, data in before.items() if (ws / "sections" / n).read_bytes() != data}
    assert changed == {"01-preface.md", "03-review-environment.md", "09-team.md"}
    regen(ws, "plans", OfflineWriter())
    text = (ws / "draft.md").read_text(encoding="utf-8")
    for phrase in KEPT:
        assert phrase in text, phrase
    with pytest.raises(WorkspaceError, match="edited by hand"):
        regen(ws, "review-environment", OfflineWriter())


def test_import_edits_refuses_what_is_not_a_docx(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "x.docx"
    fake.write_text("not a zip", encoding="utf-8")
    code, _, err = run_cli(capsys, "import-edits", str(ws), str(fake))
    assert code == 2 and "not a Word .docx" in err and "Traceback" not in err
    assert run_cli(capsys, "import-edits", str(ws), str(ws / "draft.md"))[0] == 2


def _tracked(paragraph, old: str, new: str) -> None:  # type: ignore[no-untyped-def]
    """Replaces `old` by `new` in a paragraph the way Word does with Track Changes on: the old words in a
    w:del (as w:delText), the new ones in a w:ins."""
    from copy import deepcopy

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = next(r for r in paragraph.runs if old in r.text)
    before, after = run.text.split(old, 1)
    run.text = before
    deleted, inserted, rest = deepcopy(run._r), deepcopy(run._r), deepcopy(run._r)
    for r, text in ((deleted, old), (inserted, new), (rest, after)):
        for t in r.findall(qn("w:t")):
            r.remove(t)
        t = OxmlElement("w:delText" if r is deleted else "w:t")
        t.text = text
        r.append(t)
    wrap_del, wrap_ins = OxmlElement("w:del"), OxmlElement("w:ins")
    for wrap in (wrap_del, wrap_ins):
        wrap.set(qn("w:id"), "90" if wrap is wrap_del else "91")
        wrap.set(qn("w:author"), "科长")
    wrap_del.append(deleted)
    wrap_ins.append(inserted)
    run._r.addnext(wrap_del)
    wrap_del.addnext(wrap_ins)
    wrap_ins.addnext(rest)


def test_tracked_changes_in_word_are_read_as_the_document_now_reads(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx

    exported = tmp_path / "report.docx"
    run_cli(capsys, "export", str(ws), "-o", str(exported), "--no-charts")
    document = docx.Document(str(exported))
    team = next(p for p in document.paragraphs if p.text.startswith("在队伍建设上"))
    _tracked(team, "师徒结对", "“一带一”师徒结对")
    revised = tmp_path / "修订.docx"
    document.save(str(revised))
    reread = docx.Document(str(revised)).paragraphs[team_index(document, team)]
    assert "一带一" not in reread.text  # python-docx's own text skips tracked insertions
    code, _, err = run_cli(capsys, "import-edits", str(ws), str(revised))
    assert code == 0, err
    team_file = _section(ws, "team").read_text(encoding="utf-8")
    assert "“一带一”师徒结对" in team_file and team_file.count("师徒结对") == 1


def team_index(document, paragraph) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, p in enumerate(document.paragraphs) if p._p is paragraph._p)


def test_a_word_file_of_ones_own_is_read_by_its_numbering(ws: Path, tmp_path: Path) -> None:
    """Someone retyped the summary in a plain Word file: no heading styles, headings are numbered lines."""
    import docx

    from zongjie.export.wordread import read_docx

    document = docx.Document()
    for text in (
        "明德实验中学后勤保障中心2025年度工作总结",
        "2025年，后勤保障中心全年工作平稳有序。",
        "一、主要工作回顾与成果",
        "（一）设施运维",
        "全年完成基础设施改造14项。",
        "二、存在问题与不足",
        "宿舍楼给排水管道老化。",
    ):
        document.add_paragraph(text)
    path = tmp_path / "own.docx"
    document.save(str(path))
    markdown = read_docx(path, {}).markdown
    assert markdown.splitlines()[0] == "# 明德实验中学后勤保障中心2025年度工作总结"
    assert "## 一、主要工作回顾与成果" in markdown and "### （一）设施运维" in markdown
    assert "## 二、存在问题与不足" in markdown
    assert "全年完成基础设施改造14项。" in markdown


def test_headings_are_read_by_the_one_markdown_reader(ws: Path) -> None:
    # A sub-heading typed inside a chapter stays in it; a heading typed with the full-width ＃ an input method
    # gives is still the chapter's heading; a "## " inside a fenced block is text, not a heading.
    _edit_draft(
        ws,
        (
            "## 三、团队建设与人才培养\n",
            "＃＃ 三、团队建设与人才培养\n\n### 新进人员\n\n今年新进厨师两名。\n",
        ),
        ("## 五、经验总结与启示\n", "## 五、经验总结与启示\n\n```\n## 不是标题\n```\n"),
    )
    result = regen(ws, "plans", OfflineWriter())
    assert result.edits is not None
    assert sorted(result.edits.changed) == ["lessons", "team"]
    assert not result.edits.unplaced and not result.edits.gone
    team = _section(ws, "team").read_text(encoding="utf-8")
    assert "### 新进人员" in team and "今年新进厨师两名" in team
    assert "## 不是标题" in _section(ws, "lessons").read_text(encoding="utf-8")
