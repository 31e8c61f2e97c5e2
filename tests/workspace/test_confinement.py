"""Workspace confinement: nothing a facts file or a (shared, hand-edited) state.json says can make zongjie
write, delete or read a file outside the workspace — issue 15, defects 1 and 3, symlinked section files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.cli_helpers import run_cli

from zongjie.errors import WorkspaceError, ZongjieError
from zongjie.pipeline import draft, reassemble, regen
from zongjie.workspace.paths import inside
from zongjie.workspace.store import Workspace
from zongjie.writer.offline import OfflineWriter

FACTS_WITH_KEY = """\
report: {{organization: 阳光花园项目, department: 物业后勤科, year: 2025}}
functions:
  - key: {key}
    name: 设备维护
    metrics:
      - {{name: 巡检次数, value: 1200, unit: 次}}
"""


def _facts(tmp_path: Path, key: str) -> Path:
    path = tmp_path / "facts.yaml"
    path.write_text(FACTS_WITH_KEY.format(key=json.dumps(key, ensure_ascii=False)), encoding="utf-8")
    return path


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A user's document outside any workspace."""
    home = tmp_path / "home" / "docs"
    home.mkdir(parents=True)
    target = home / "important.md"
    target.write_text("我的重要文件\n", encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ("x/../../../home/docs/important", "may only hold"),
        ("a\x00b", "NUL"),
        ("长" * 300, "characters long"),
        ("..", "may only hold"),
    ],
)
def test_a_key_that_is_not_a_name_is_refused_by_check_and_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], victim: Path, key: str, says: str
) -> None:
    facts = _facts(tmp_path, key)
    code, _, err = run_cli(capsys, "check", str(facts))
    assert code == 2 and "key" in err and says in err, err
    out = tmp_path / "ws"
    code, _, err = run_cli(capsys, "draft", str(facts), "-o", str(out))
    assert code == 2 and says in err and "Traceback" not in err
    assert not out.exists()  # no half-written workspace
    assert victim.read_text(encoding="utf-8") == "我的重要文件\n"


def test_a_chinese_key_is_still_a_fine_name(tmp_path: Path) -> None:
    out = tmp_path / "ws"
    draft(_facts(tmp_path, "绿化_养护-2"), out, OfflineWriter())
    assert (out / "sections" / "02-review-绿化_养护-2.md").is_file()


@pytest.mark.parametrize(
    "name",
    ["../x.md", "/etc/passwd", "sections/../../x.md", "a\x00b", "C:/x.md", "x\\..\\y", "a/" + "b" * 300],
)
def test_inside_refuses_names_that_leave_the_root(tmp_path: Path, name: str) -> None:
    with pytest.raises(WorkspaceError, match="section file"):
        inside(tmp_path, name, "section file")


def test_inside_refuses_a_symlink_on_the_way(tmp_path: Path, victim: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "sections").symlink_to(victim.parent)
    with pytest.raises(WorkspaceError, match="symbolic link"):
        inside(tmp_path / "ws", "sections/important.md", "section file")


@pytest.fixture
def ws(tmp_path: Path, small_facts: Path) -> Path:
    out = tmp_path / "ws"
    draft(small_facts, out, OfflineWriter())
    return out


def _edit_state(ws: Path, change: object) -> None:
    path = ws / ".zongjie" / "state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    change(state)  # type: ignore[operator]
    path.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")


HOSTILE_STATES = {
    "file with ..": lambda s: s["sections"][1].update(file="../../home/docs/important.md"),
    "absolute file": lambda s: s["sections"][1].update(file="/tmp/zongjie-victim.md"),
    "file with NUL": lambda s: s["sections"][1].update(file="sections/a\x00.md"),
    "file not a section": lambda s: s["sections"][1].update(file="draft.md"),
    "over-long file": lambda s: s["sections"][1].update(file="sections/" + "a" * 400 + ".md"),
    "id with slash": lambda s: s["sections"][1].update(id="../x"),
    "same file twice": lambda s: s["sections"][2].update(file=s["sections"][1]["file"]),
    "facts path not facts": lambda s: s.update(facts_path="/home/user/.ssh/id_rsa"),
    "facts path with ..": lambda s: s.update(facts_path="../../facts.yaml"),
    "future version": lambda s: s.update(version=99),
    "sections not a list": lambda s: s.update(sections={"a": 1}),
    "level out of range": lambda s: s["sections"][1].update(level=-5),
    "not json": None,
    "deeply nested": None,
}


@pytest.mark.parametrize("case", list(HOSTILE_STATES))
def test_hostile_state_files_are_refused_by_every_command(
    ws: Path, small_facts: Path, victim: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    state_path = ws / ".zongjie" / "state.json"
    change = HOSTILE_STATES[case]
    if change is not None:
        _edit_state(ws, change)
    elif case == "not json":
        state_path.write_text("{ this is not json", encoding="utf-8")
    else:
        state_path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    before = {p: p.read_bytes() for p in ws.rglob("*") if p.is_file() and p != ws / ".zongjie" / "lock"}
    for args in (
        ["regen", str(ws), "preface"],
        ["assemble", str(ws)],
        ["export", str(ws), "-f", "md"],
        ["draft", str(small_facts), "-o", str(ws)],
    ):
        code, _, err = run_cli(capsys, *args)
        assert code == 2, (args, err)
        assert "Traceback" not in err and "internal error" not in err
    with pytest.raises(ZongjieError):
        reassemble(ws)
    after = {p: p.read_bytes() for p in ws.rglob("*") if p.is_file() and p != ws / ".zongjie" / "lock"}
    assert after == before  # nothing written, nothing deleted
    assert victim.read_text(encoding="utf-8") == "我的重要文件\n"


def test_hostile_state_message_names_the_field(ws: Path) -> None:
    _edit_state(ws, HOSTILE_STATES["file with .."])
    with pytest.raises(WorkspaceError, match=r"state\.json: unusable workspace state \(sections\.1\.file"):
        reassemble(ws)


def test_a_redraft_with_a_tampered_state_never_touches_the_outside(
    ws: Path, small_facts: Path, victim: Path
) -> None:
    # The defect: a recorded file outside the workspace was overwritten (no backup) or deleted by `draft`.
    _edit_state(ws, lambda s: s["sections"][1].update(file=os.path.relpath(victim, ws)))
    with pytest.raises(WorkspaceError):
        draft(small_facts, ws, OfflineWriter())
    assert victim.read_text(encoding="utf-8") == "我的重要文件\n"


def test_a_symlinked_section_file_is_not_pulled_into_exports(ws: Path, victim: Path) -> None:
    state = Workspace(ws).load_state()
    section = ws / state.sections[1].file
    section.unlink()
    section.symlink_to(victim)
    with pytest.raises(WorkspaceError, match="symbolic link"):
        reassemble(ws)
    with pytest.raises(WorkspaceError, match="symbolic link"):
        regen(ws, state.sections[1].id, OfflineWriter())
    assert victim.read_text(encoding="utf-8") == "我的重要文件\n"
    assert "我的重要文件" not in (ws / "draft.md").read_text(encoding="utf-8")


def test_a_symlinked_draft_is_not_exported(
    ws: Path, victim: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (ws / "draft.md").unlink()
    (ws / "draft.md").symlink_to(victim)
    code, _, err = run_cli(capsys, "export", str(ws), "-f", "md")
    assert code == 2 and "symbolic link" in err
    assert [p.name for p in ws.glob("*.md")] == ["draft.md"]  # no export written
