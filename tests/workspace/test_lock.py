"""The workspace lock: one writer at a time (issue 15, defect 7); a second exits 2 or waits with --wait;
a lock left by a killed process is detected and cleared."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tests.cli_helpers import run_cli

from zongjie.pipeline import draft
from zongjie.workspace.lock import WorkspaceBusy, lock_path, workspace_lock
from zongjie.workspace.store import Workspace
from zongjie.writer.offline import OfflineWriter

HOLDER = """
import sys, time
from pathlib import Path
from zongjie.workspace.lock import workspace_lock
with workspace_lock(Path(sys.argv[1]), command="draft"):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _holder(root: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


@pytest.fixture
def ws(tmp_path: Path, small_facts: Path) -> Path:
    out = tmp_path / "ws"
    draft(small_facts, out, OfflineWriter())
    return out


def test_a_second_writer_exits_2_naming_the_holder(
    ws: Path, small_facts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p: p.read_bytes() for p in (ws / "sections").iterdir()}
    proc = _holder(ws, 30)
    try:
        for args in (
            ["draft", str(small_facts), "-o", str(ws)],
            ["regen", str(ws), "preface"],
            ["assemble", str(ws)],
            ["export", str(ws), "-f", "md"],
        ):
            code, _, err = run_cli(capsys, *args)
            assert code == 2, (args, err)
            assert "workspace in use" in err and f"pid {proc.pid}" in err and "zongjie draft" in err
            assert "--wait" in err
    finally:
        proc.kill()
        proc.communicate()
    assert {p: p.read_bytes() for p in (ws / "sections").iterdir()} == before


def test_wait_waits_for_the_holder(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proc = _holder(ws, 0.6)
    start = time.monotonic()
    code, _, err = run_cli(capsys, "assemble", str(ws), "--wait")
    proc.communicate()
    assert code == 0, err
    assert "waiting:" in err and time.monotonic() - start >= 0.3


def test_a_lock_left_by_a_killed_process_is_cleared(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proc = _holder(ws, 30)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert lock_path(ws).read_text(encoding="utf-8")  # the dead run's record is still there
    code, _, err = run_cli(capsys, "assemble", str(ws))
    assert code == 0, err
    assert f"cleared a stale workspace lock left by `zongjie draft` (pid {proc.pid}" in err
    code, _, err = run_cli(capsys, "assemble", str(ws))
    assert code == 0 and "stale" not in err  # a clean release leaves no record


def test_reentrant_in_one_thread_exclusive_across_threads(tmp_path: Path) -> None:
    seen: list[str] = []
    with workspace_lock(tmp_path, command="serve"), workspace_lock(tmp_path, command="draft"):

        def other() -> None:
            try:
                with workspace_lock(tmp_path, command="serve"):
                    seen.append("got it")
            except WorkspaceBusy as exc:
                seen.append(str(exc))

        t = threading.Thread(target=other)
        t.start()
        t.join()
    assert seen and seen[0].startswith("workspace in use") and "zongjie serve" in seen[0]
    with workspace_lock(tmp_path, command="serve"):  # released after the outer block
        pass


def test_a_failed_first_draft_leaves_no_lock_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("report: {organization: 甲}\n", encoding="utf-8")
    out = tmp_path / "new"
    code, _, _ = run_cli(capsys, "draft", str(bad), "-o", str(out))
    assert code == 2 and not out.exists()
    out.mkdir()
    code, _, _ = run_cli(capsys, "regen", str(out), "preface")
    assert code == 2 and list(out.iterdir()) == []  # a folder that is not a workspace is left as it was


def test_two_drafts_at_once_do_not_interleave(tmp_path: Path, full_facts: Path) -> None:
    out = tmp_path / "ws"
    cmd = [sys.executable, "-m", "zongjie", "draft", str(full_facts), "-o", str(out), "--offline"]
    procs = [subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.communicate(timeout=60)[1], p.returncode) for p in procs]
    results = [(code, err) for err, code in results]
    codes = sorted(code for code, _ in results)
    # Either they ran one after the other (both 0) or one was turned away: never both at once.
    assert codes in ([0, 0], [0, 2]), results
    if codes == [0, 2]:
        assert any("workspace in use" in err for _, err in results)
    ws = Workspace(out)
    state = ws.load_state()
    assert not any(ws.edited(r) for r in state.sections)  # zongjie's own text is never mistaken for an edit
