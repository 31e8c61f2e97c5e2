"""zongjie.files: atomic writes, backups that never replace an older one, and reads that fail as messages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zongjie.errors import BadInput
from zongjie.files import atomic_write, read_text, replace_keeping_backup


def test_atomic_write_takes_text_or_bytes_as_given(tmp_path: Path) -> None:
    target = tmp_path / "new" / "a.md"
    atomic_write(target, "第一行\r\n第二行\n")
    assert target.read_bytes() == "第一行\r\n第二行\n".encode()  # no newline translation, no BOM
    atomic_write(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.md"]
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask  # not mkstemp's 0600


def test_backups_are_numbered_and_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    assert replace_keeping_backup(path, "一") is None  # no file yet: nothing to keep
    assert replace_keeping_backup(path, "一") is None  # already identical: nothing to keep, nothing written
    assert not list(tmp_path.glob("*.bak*"))
    assert replace_keeping_backup(path, "二") == tmp_path / "r.md.bak"
    assert replace_keeping_backup(path, b"\xe4\xb8\x89") == tmp_path / "r.md.bak2"
    (tmp_path / "r.md.bak4").write_text("someone else's", encoding="utf-8")
    assert replace_keeping_backup(path, "四") == tmp_path / "r.md.bak3"
    assert replace_keeping_backup(path, "五") == tmp_path / "r.md.bak5"
    found = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("r.md.bak*")}
    assert found == {
        "r.md.bak": "一",
        "r.md.bak2": "二",
        "r.md.bak3": "三",
        "r.md.bak4": "someone else's",
        "r.md.bak5": "四",
    }
    assert path.read_text(encoding="utf-8") == "五"


def test_failed_replace_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.md"
    path.write_text("旧", encoding="utf-8")

    def boom(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        replace_keeping_backup(path, "新")
    assert path.read_text(encoding="utf-8") == "旧"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md", "r.md.bak"]  # no temp file left


def test_read_text_failures_are_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=f"^facts file: {tmp_path}: is a directory$"):
        read_text(tmp_path, "facts file")
    with pytest.raises(BadInput, match=r"^notes file: .*nope.md: no such file$"):
        read_text(tmp_path / "nope.md", "notes file")
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    with pytest.raises(BadInput, match=r"^facts file: .*plain/f.yaml: cannot read: Not a directory$"):
        read_text(tmp_path / "plain" / "f.yaml", "facts file")
    gbk = tmp_path / "gbk.md"
    gbk.write_bytes("全年完成巡检".encode("gbk"))
    with pytest.raises(BadInput, match=r"gbk.md: not UTF-8 text \(byte \d+\); save it as UTF-8"):
        read_text(gbk, "Markdown file")
    bom = tmp_path / "bom.md"
    bom.write_bytes("\ufeff巡检".encode())
    assert read_text(bom, "notes file", encoding="utf-8-sig") == "巡检"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_read_text_permission_denied(tmp_path: Path) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text("report: {}\n", encoding="utf-8")
    locked.chmod(0)
    with pytest.raises(BadInput, match=r"locked.yaml: permission denied"):
        read_text(locked, "facts file")
