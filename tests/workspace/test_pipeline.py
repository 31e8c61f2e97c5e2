"""draft / regen / assemble on the offline writer: the workspace contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from zongjie.errors import WorkspaceError
from zongjie.pipeline import draft, reassemble, regen
from zongjie.workspace.store import Workspace
from zongjie.writer.offline import OfflineWriter

SKELETON = [
    "主要工作回顾与成果",
    "亮点工作与创新举措",
    "团队建设与人才培养",
    "存在问题与不足",
    "经验总结与启示",
    "下一年度工作计划",
    "结语",
]


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "sections").iterdir())}


@pytest.fixture
def out(tmp_path: Path, full_facts: Path) -> Path:
    target = tmp_path / "out"
    result = draft(full_facts, target, OfflineWriter())
    assert not result.errors, result.errors
    return target


def test_draft_writes_workspace(out: Path) -> None:
    text = (out / "draft.md").read_text(encoding="utf-8")
    assert text.startswith("# 阳光花园项目物业后勤科2025年度工作总结\n")
    headings = re.findall(r"^## [一二三四五六七八九十]+、(.+)$", text, flags=re.M)
    assert headings == SKELETON
    assert re.findall(r"^### （[一二三四五六]）(.+)$", text, flags=re.M)[0] == "设备设施运行与维护"
    assert not re.search(r"X{2,}|某某|【", text)
    files = sorted(p.name for p in (out / "sections").iterdir())
    assert files[0] == "00-title.md" and files[1] == "01-preface.md" and "02-review-facilities.md" in files
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {s["status"] for s in report["sections"]} == {"ok"}
    assert {s["writer"] for s in report["sections"]} == {"offline"}
    assert report["totals"]["errors"] == 0
    state = Workspace(out).load_state()
    assert len(state.sections) == len(report["sections"]) and state.draft_sha256


def test_draft_contains_every_fact_number_and_derived_figure(out: Path, full_facts: Path) -> None:
    from zongjie.facts.load import load
    from zongjie.plan import build_plan

    text = (out / "draft.md").read_text(encoding="utf-8")
    for task in build_plan(load(full_facts)):
        for mf in task.all_metrics():
            for d in mf.derived:
                if mf.metric.value == 0 and d.kind == "yoy":
                    continue  # 未发生安全事故（上年1起）: never 同比下降100%
                assert d.text in text, d.text
    source = full_facts.read_text(encoding="utf-8")
    body = "\n".join(line.split("#")[0] for line in source.splitlines())  # without YAML comments
    for number in set(re.findall(r"\d+(?:\.\d+)?", body)):
        if number in {"2026", "01", "08", "07", "05", "12", "20", "09", "30", "06", "31"}:
            continue  # date parts (2026-01-08 …) are rendered as 2026年1月8日
        assert number in text, number


def test_rerun_keeps_unchanged_sections(out: Path, full_facts: Path) -> None:
    before = snapshot(out)
    result = draft(full_facts, out, OfflineWriter())
    assert result.generated == [] and len(result.kept) == len(before)
    assert snapshot(out) == before


def test_regen_changes_only_that_section(tmp_path: Path, full_facts: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(full_facts.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    draft(facts, out, OfflineWriter())
    before = snapshot(out)
    # Both the facilities and the team facts change, but only facilities is regenerated.
    text = facts.read_text(encoding="utf-8")
    text = text.replace("value: 1248, unit: 次", "value: 1250, unit: 次").replace(
        "value: 36, unit: 场", "value: 40, unit: 场"
    )
    facts.write_text(text, encoding="utf-8")
    result = regen(out, "review-facilities", OfflineWriter())
    assert result.generated == ["review-facilities"]
    after = snapshot(out)
    changed = [k for k in after if after[k] != before[k]]
    assert changed == ["sections/02-review-facilities.md"]
    draft_md = (out / "draft.md").read_text(encoding="utf-8")
    assert "1250次" in draft_md and "1248次" not in draft_md
    assert "36场" in draft_md  # the team section was not touched


def test_regen_refuses_hand_edited_section_then_force_keeps_backup(out: Path) -> None:
    target = out / "sections" / "01-preface.md"
    edited = target.read_text(encoding="utf-8") + "\n我亲手加的一句话。\n"
    target.write_text(edited, encoding="utf-8")
    with pytest.raises(WorkspaceError, match="edited by hand"):
        regen(out, "preface", OfflineWriter())
    assert target.read_text(encoding="utf-8") == edited
    result = regen(out, "preface", OfflineWriter(), force=True)
    [backup] = [p for p in result.backups if "preface" in p.name]
    assert backup.parent == out / "backups" and backup.read_text(encoding="utf-8") == edited
    assert "亲手" not in target.read_text(encoding="utf-8")


def test_edited_other_sections_survive_regen_and_assemble(out: Path) -> None:
    team = out / "sections" / next(p.name for p in (out / "sections").iterdir() if "team" in p.name)
    team.write_text(team.read_text(encoding="utf-8") + "\n全体员工齐心协力。\n", encoding="utf-8")
    regen(out, "closing", OfflineWriter())
    assert "全体员工齐心协力" in (out / "draft.md").read_text(encoding="utf-8")
    assert "全体员工齐心协力" in team.read_text(encoding="utf-8")
    # A later full draft does not overwrite the edited section either.
    result = draft(Workspace(out).facts_path(Workspace(out).load_state()), out, OfflineWriter())
    assert "team" in result.edited
    assert "全体员工齐心协力" in team.read_text(encoding="utf-8")


def test_hand_edited_draft_md_is_backed_up_before_reassembly(out: Path) -> None:
    draft_md = out / "draft.md"
    draft_md.write_text(draft_md.read_text(encoding="utf-8") + "\n手写的附言。\n", encoding="utf-8")
    edited = draft_md.read_text(encoding="utf-8")
    result = reassemble(out)
    # The edit is no longer lost on reassembly (issue 14): it went into the last section's file, so the
    # reassembled draft is the edited one and nothing of it needed a backup.
    assert result.edits is not None and result.edits.changed == ["closing"]
    assert "手写的附言" in next((out / "sections").glob("*-closing.md")).read_text(encoding="utf-8")
    assert draft_md.read_text(encoding="utf-8") == edited and result.backups == []
    # A draft.md edit that cannot go back into the sections is still backed up before reassembly.
    draft_md.write_text("# 另起的标题\n\n## 自己加的一节\n\n手写的一段。\n", encoding="utf-8")
    result = reassemble(out)
    [backup] = result.backups
    assert "手写的一段" in backup.read_text(encoding="utf-8")


def test_unknown_section_and_non_workspace(out: Path, tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="no section 'nope'"):
        regen(out, "nope", OfflineWriter())
    with pytest.raises(WorkspaceError, match="not a zongjie workspace"):
        regen(tmp_path, "preface", OfflineWriter())


def test_draft_refuses_non_empty_foreign_directory(tmp_path: Path, full_facts: Path) -> None:
    (tmp_path / "mine.txt").write_text("x", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="not empty"):
        draft(full_facts, tmp_path, OfflineWriter())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]


def test_sections_without_facts_are_left_out(tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "report: {organization: 甲项目, department: 物业后勤科, profile: property, year: 2025}\n"
        "functions: [{key: facilities, metrics: [{name: 设备巡检, value: 412, unit: 次, previous: 380}]}]\n",
        encoding="utf-8",
    )
    result = draft(facts, tmp_path / "o", OfflineWriter())
    assert [r.id for r in result.state.sections] == ["title", "preface", "review-facilities", "closing"]
    text = (tmp_path / "o" / "draft.md").read_text(encoding="utf-8")
    assert "412次" in text and "同比增长8.4%" in text
    # Nothing was invented for the missing sections; the linter names them as gaps of the facts file.
    # 问题 and 计划 every summary needs (errors, as lint without facts says); 亮点, 团队, 经验 are gaps (warnings).
    missing = {f.section for f in result.errors if f.rule == "missing-section"}
    assert missing == {"problems", "plans"}
    assert all(f.facts_gap for f in result.errors)
    assert {f.section for f in result.gaps} == {"highlights", "team", "lessons"}
    assert all(f.severity == "warning" for f in result.gaps)


def test_assemble_reports_a_deleted_section_file(out: Path) -> None:
    team = next(p for p in (out / "sections").iterdir() if "team" in p.name)
    team.unlink()
    result = reassemble(out)
    assert result.missing == [f"sections/{team.name}"]
    assert "团队建设与人才培养" not in (out / "draft.md").read_text(encoding="utf-8")


def test_edited_section_with_changed_facts_is_kept_but_checked(tmp_path: Path, full_facts: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(full_facts.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    draft(facts, out, OfflineWriter())
    section = out / "sections" / "02-review-facilities.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n我补充的一句。\n", encoding="utf-8")
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("value: 1248, unit: 次", "value: 1250, unit: 次"),
        encoding="utf-8",
    )
    result = draft(facts, out, OfflineWriter())
    assert "review-facilities" in result.edited and result.stale == ["sections/02-review-facilities.md"]
    assert "我补充的一句" in section.read_text(encoding="utf-8")
    # The stale figure is reported against today's facts, not silently kept.
    stale = [f for f in result.errors if f.section == "review-facilities"]
    assert any(f.rule == "number-mismatch" and "1248" in (f.excerpt or f.message) for f in stale), stale
